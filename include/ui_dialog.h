/* ui_dialog.h - the modal widgets: a question, a message, an input line,
 * a pick-list (of a model enumeration too), and the export dialog of a
 * screen that shows a table.
 *
 * Included by the screens that ask something (most), by ui_form.h (a
 * choice field offers ui_choice values), and by dialog.c and
 * screen_export.c, which implement it.
 */
#ifndef CANBO_UI_DIALOG_H
#define CANBO_UI_DIALOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "app.h"
#include "model.h"

/* One value of a pick-list. */
typedef struct ui_choice {
	int64_t value;
	const char *label; /* already translated (or data, e.g. a unit name) */
} ui_choice;

/* ======================================================================
 * Dialogs (modal: they return when answered; resizes and a lost terminal
 * are handled inside; on a lost terminal they return "cancel")
 * ====================================================================== */

/* Yes/No question. Returns true for yes. It starts on No, discards keys
 * typed before it was drawn, and only moving to Yes and pressing Enter
 * answers yes (no letter does). */
bool ui_confirm(const char *question);
/* For an action on many records: shows the question (which names the
 * scope and the counts) and asks the user to type `count`; true only if
 * exactly that number was typed (spaces and dots between digits allowed).
 * Keys typed before it was drawn are discarded. */
bool ui_confirm_count(const char *question, long long count);
/* A message (several lines allowed) until a key. */
void ui_message(const char *title, const char *text);
/* An input line: returns true with buf filled (UTF-8) if accepted, false if
 * cancelled. buf holds the initial value. Text longer than cap-1 bytes is
 * refused with a message, never cut. */
bool ui_input(const char *prompt, char *buf, size_t cap);
/* A pick-list with type-to-narrow (accent-insensitive); returns the index
 * chosen or -1. `current` is preselected. */
int ui_pick(const char *title, const ui_choice *choices, int n, int current);
/* Offers a model enumeration as a pick-list, *value preselected. with_any
 * adds a first "Any" entry whose value is FILTER_ANY. Returns true with
 * *value set if one was chosen, false if cancelled. */
bool ui_pick_enum(const char *title, enum model_enum e, bool with_any, int *value);

/* The export key of a screen showing a table: asks for a file name (.xlsx
 * suggested from title, or .csv for spreadsheets) and has fn write the
 * table to it in that format (OUT_XLSX or OUT_CSV_LABELS; fn returns
 * CB_OK or an error status). The file is written through a temporary
 * file and renamed when complete. CB_OK, CB_NOT_FOUND if cancelled. */
typedef int (*ui_sheet_fn)(FILE *f, int format, void *ctx);
int ui_export_sheet(app *a, const char *title, ui_sheet_fn fn, void *ctx);

#endif
