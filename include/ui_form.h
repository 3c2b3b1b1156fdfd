/* ui_form.h - forms: the form widget (text, date, pick-list, yes/no and
 * number fields) and the form view that makes a whole form screen of it.
 *
 * A screen that edits a record is a form view (ui_form_spec: its fields
 * as data, fill and save): saving in one transaction, cancelling (asking
 * when something changed), the hints and the draft kept on hang-up are
 * the framework's.
 *
 * Included by the form screens (screen_cadre_form.c, record_forms.c,
 * screen_org_form.c, screen_plan_form.c ...), by the filter form of the
 * cadre list, and by form*.c which implement it.
 */
#ifndef CANBO_UI_FORM_H
#define CANBO_UI_FORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app.h"
#include "date.h"
#include "error.h"
#include "model.h"
#include "ui_dialog.h"
#include "ui_draw.h"
#include "ui_keys.h"

/* ======================================================================
 * Form widget: text, date, pick-list and yes/no fields
 * ====================================================================== */

enum ui_field_kind {
	UI_FIELD_TEXT,	 /* one line of text, wide characters typed directly */
	UI_FIELD_DATE,	 /* dd/mm/yyyy, checked as typed out (no 31/02) */
	UI_FIELD_CHOICE, /* one of a list (pick-list: Enter; Left/Right) */
	UI_FIELD_BOOL,	 /* yes/no (Space) */
	UI_FIELD_NUMBER, /* an integer in [min, max] */
};

typedef struct ui_field_def {
	const char *label; /* English msgid */
	int kind;	   /* enum ui_field_kind */
	bool required;
	size_t max_bytes;	  /* text: the longest value accepted in UTF-8 bytes */
	int min, max;		  /* number range */
	const ui_choice *choices; /* choice: the list (owned by the caller) */
	int nchoices;
} ui_field_def;

typedef struct ui_form ui_form;

/* A form over n field definitions (kept by pointer: keep them alive). */
ui_form *ui_form_new(const ui_field_def *defs, int n);
void ui_form_free(ui_form *f);

/* Values. Text/date fields hold UTF-8 text (a date as typed, dd/mm/yyyy);
 * choice fields a value (-1 = none chosen); bool and number fields an int. */
int ui_form_set_text(ui_form *f, int i, const char *utf8);
const char *ui_form_text(ui_form *f, int i); /* valid until the next edit */
void ui_form_set_value(ui_form *f, int i, int64_t value);
int64_t ui_form_value(ui_form *f, int i);
/* A date field as a date (CB_DATE_NONE if empty or invalid). */
cb_date ui_form_date(ui_form *f, int i);
/* Sets a date field from a date (CB_DATE_NONE = empty). */
void ui_form_set_date(ui_form *f, int i, cb_date d);

/* Validates every field (required, date real, number range, length);
 * on failure focuses the first bad field, fills err with a translated
 * message naming it and returns CB_EINVALID. */
int ui_form_validate(ui_form *f, cb_error *err);
/* Shows a message under the form (e.g. from cadre_validate or CB_ESTALE)
 * and optionally moves the focus to field i (-1 = leave). */
void ui_form_set_error(ui_form *f, int focus, const char *msg);
/* True if any value differs from what was set before ui_form_mark_clean. */
bool ui_form_changed(ui_form *f);
void ui_form_mark_clean(ui_form *f);

/* Feeds one key; returns UI_HANDLED if the form used it, UI_UNHANDLED for
 * actions it leaves to the screen (UI_ACT_SAVE, UI_ACT_CANCEL, ...).
 * Opens the pick-list of a choice field itself. */
int ui_form_key(ui_form *f, int action, ui_key key);
void ui_form_set_rect(ui_form *f, ui_rect r);
/* Replaces the choices of a choice field (e.g. communes of the chosen
 * district); the value is kept if still offered, else set to -1. */
void ui_form_set_choices(ui_form *f, int i, const ui_choice *choices, int n);
void ui_form_draw(ui_form *f, bool full);
int ui_form_focus(ui_form *f);
void ui_form_set_focus(ui_form *f, int i);
int ui_form_count(const ui_form *f);

/* Serialises all values as text (for drafts) and back. The text is
 * "index=value" lines; unknown or bad lines are skipped. */
char *ui_form_dump(ui_form *f);
void ui_form_load(ui_form *f, const char *dump);
/* The values as readable "# Label: value" lines (ui_form_load skips
 * them): what a draft shows when no screen can reopen it. */
char *ui_form_describe(ui_form *f);

/* Drafts by construction: every form is kept when the terminal goes away
 * (SIGHUP, SIGTERM, a lost connection) if its values changed - in the
 * database, or in the user's state directory when the database cannot be
 * written - and offered at the next start. set_draft names what the form
 * edits so the next start can reopen it: kind is a ui_draft_kind form
 * name (screens.c), row and version the record and the version the edit
 * started from (a restored draft is saved only if it is still current).
 * Without a kind the values are shown as text. A form that changes no
 * data (a filter) says so with ui_form_no_draft. */
void ui_form_set_draft(ui_form *f, const char *kind, int64_t row, int64_t version);
void ui_form_no_draft(ui_form *f);
/* Keeps one draft now; data as ui_form_dump. */
int ui_draft_keep(const char *kind, int64_t row, int64_t version, const char *data);

/* ======================================================================
 * Form view: a whole form screen from field definitions (form_view.c)
 * ====================================================================== */

/* A screen that edits a record gives its fields, how the record's values
 * go in and how the form's values are saved; the form view does the rest
 * alike for every form: the hint row naming the keys (from the key table),
 * the save key (fields checked, then save in one transaction: all of it
 * or nothing), the cancel key and quitting (asking when something
 * changed), the status line, and the draft kept when the terminal goes
 * away and loaded back at the next start. */
#define UI_FORM_HINT_KEYS 3

typedef struct ui_form_spec {
	const char *name; /* the view's stable name: "cadre-form" */
	/* English msgid of the hint row, with one %s per action of hint_keys
	 * (their key labels, in order); NULL = "F2 saves, Esc cancels; F4
	 * opens the list of choices". */
	const char *hint;
	int hint_keys[UI_FORM_HINT_KEYS]; /* enum ui_action, UI_ACT_NONE = unused */
	/* Its key context: 0 = UI_CTX_FORM; UI_CTX_FORM_LINE for a form of
	 * one line of text, which Enter saves (a note, a conclusion). */
	int context;
	/* A form that writes nothing (a filter): no transaction, no draft;
	 * leaving it with changes still asks. */
	bool changes_no_data;
	/* Puts the record's values into the form (NULL: the defaults). */
	void (*fill)(ui_form *f, void *ctx);
	/* Saves the values, inside the transaction (a version refused is
	 * CB_ESTALE from the store). CB_OK closes the form; any other status
	 * keeps it open with err's message under it (an empty message: the
	 * screen has set one at the field at fault, ui_form_set_error). */
	int (*save)(ui_form *f, void *ctx, cb_error *err);
	/* After a save: says so (ui_flash) and may open the next screen.
	 * NULL = "Saved." */
	void (*saved)(ui_form *f, void *ctx);
	/* A save refused because someone saved the record first: shows the
	 * other version. NULL = a message that nothing was overwritten. */
	void (*stale)(ui_form *f, void *ctx, const cb_error *err);
	/* After each key the form used (e.g. the communes of the district
	 * chosen), and once when opened. NULL = nothing. */
	void (*edited)(ui_form *f, void *ctx);
	/* The status line. NULL = "Field i/n". */
	void (*status)(ui_form *f, void *ctx, char *buf, size_t cap);
	/* Frees ctx (the form itself is the view's). NULL = nothing. */
	void (*free)(void *ctx);
	/* While the keyboard rests: work that makes the next key quicker
	 * (a filter's reads made ahead). True when it did some (traced as
	 * idle work; nothing shown changes). NULL = nothing. */
	bool (*idle)(ui_form *f, void *ctx);
} ui_form_spec;

typedef struct ui_form_args {
	const char *title;	  /* the title row (copied) */
	const ui_field_def *defs; /* kept by pointer: keep them in ctx */
	int n;
	/* What a draft of this form reopens (ui_draft_kind form name, NULL =
	 * shown as text), the record and the version the edit started from. */
	const char *draft_kind;
	int64_t row, version;
	const char *draft; /* values kept from a lost terminal, or NULL */
} ui_form_args;

/* Pushes the form view; spec must outlive it (a static). ctx is the
 * screen's, freed by spec->free when the view closes (or at once if the
 * form cannot be opened: then NULL, with a message). */
ui_form *ui_form_view_open(const ui_form_spec *spec, void *ctx, const ui_form_args *args);

/* Pick-lists several forms offer (form_choices.c), one free() each: an
 * enumeration (labels translated), and the units the user may see as
 * "Commune, District" valued by their database id; *n = how many; NULL
 * when out of memory. */
ui_choice *ui_enum_choices(enum model_enum e, int *n);
ui_choice *ui_unit_choices(app *a, int *n);
/* "(none)" (value 0), then the party organisations of rows (but skip_id)
 * labelled "Name — Commune, District": many organisations share a name
 * ("Chi bộ ấp 1"). *n = how many; one free(); NULL when out of memory. */
ui_choice *ui_org_choices(app *a, const org_row *rows, size_t n, int64_t skip_id, int *count);

/* The pieces of a form screen, for the few forms that are not a form
 * view: the hint row above the form, and the question before leaving. */
void ui_form_place_under_hint(ui_form *f);
void ui_form_draw_with_hint(ui_form *f, bool full, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
bool ui_form_may_discard(ui_form *f);

#endif
