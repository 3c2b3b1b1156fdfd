/* ui_listview.h - the one list view every list screen is built on, and
 * the one scope picker.
 *
 * A list screen describes its columns as data (ui_column: heading, width
 * rule, when to hide it on a narrow terminal, alignment, how to render a
 * cell of a row as text) and hands its rows to a ui_listview. The view
 * does the rest: the heading row, the column widths for the terminal's
 * width, a mark (▸N) when columns had to be hidden, the selection and the
 * movement keys, "i/n" on the status line, type-to-search for the lists
 * that have no query of their own, and the export key (F5: the columns,
 * hidden ones too, of every row, to XLSX or CSV through ui_export_sheet).
 *
 * Rows come from an array the screen owns (ui_listview_new_array) or from
 * a keyset source of a million rows (ui_listview_new), through ui_list.
 *
 * Included by every list screen (with ui_view.h for its view and
 * ui_screens.h for its entry point), by the dialogs that show a list
 * (dialog.c, scope_pick.c) and by listview*.c, which implement it.
 */
#ifndef CANBO_UI_LISTVIEW_H
#define CANBO_UI_LISTVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app.h"
#include "output.h"
#include "ui_list.h"

#define UI_COLUMNS_MAX 16
#define UI_CELL_MAX    512 /* bytes of one rendered cell */

typedef struct ui_column {
	const char *label; /* English msgid of the heading */
	/* Width rule: at least `min` columns (0 = as wide as the heading);
	 * share > 0 also takes that share of the columns left over (shares
	 * are weighed against each other); share 0 = fixed at min. */
	int min;
	int share;
	/* 0 = always shown; otherwise hidden when the terminal is too narrow,
	 * the lowest number first. */
	int hide;
	int align; /* enum out_align, or UI_ALIGN_NAME */
	int type;  /* enum out_type, for the export */
	/* Writes the cell of row as text into buf (cap = UI_CELL_MAX) and
	 * returns its role (UI_NORMAL, UI_DIM, UI_WARN ...). A selected row is
	 * drawn all in UI_SELECTED. */
	int (*cell)(void *ctx, const void *row, char *buf, size_t cap);
	/* Without cell: the row holds the text itself, a NUL-terminated char
	 * array at this offset (UI_TEXT_AT), drawn in the row's tone. */
	size_t text_at;
	/* The role of a text_at cell; 0 (UI_NORMAL) = the row's tone. */
	int role;
} ui_column;

/* The align of a column of people's names: left, and a name too long is
 * cut in the middle, keeping the surname and the given name the list is
 * sorted by ("Tôn Nữ… Hân", text_fit_name). */
#define UI_ALIGN_NAME (OUT_RIGHT + 1)

/* The text_at of a char array field, for a column without a cell. */
#define UI_TEXT_AT(type, field) offsetof(type, field)

/* Where the columns go in a row of `total` columns. */
typedef struct ui_column_place {
	int x, w; /* w = 0: hidden */
} ui_column_place;

/* The layout arithmetic (no drawing): column 0 of the row is the
 * selection marker; columns follow one blank apart; when some are hidden,
 * the last UI_HIDDEN_MARK_W columns carry the mark. Fills place[0..n-1],
 * returns how many columns are hidden. When even the columns that never
 * hide do not fit, the widest are narrowed (down to 1). */
#define UI_HIDDEN_MARK_W 3
int ui_columns_layout(const ui_column *cols, int n, int total, ui_column_place *place);
/* The same, the list scrolled `scrolled` columns to the right (Right, as
 * in less -S): the first column stays, as the row's name, and the
 * `scrolled` columns after it get no place (w = 0), so that the room they
 * leave goes to those that were hidden. Returns how many columns are
 * hidden on the right, the scrolled ones not counted. */
int ui_columns_layout_scrolled(const ui_column *cols, int n, int total, int scrolled,
			       ui_column_place *place);
/* Fits s into exactly `width` display columns (cut with an ellipsis - in
 * the middle for UI_ALIGN_NAME - padded on the left for OUT_RIGHT, on the
 * right otherwise); wide (CJK)
 * characters count 2 and combining marks 0. Returns bytes written. */
size_t ui_column_fit(const char *s, int width, int align, bool ascii, char *buf, size_t cap);
/* A heading over two rows: copies into first the words of label that fit
 * `width` columns (all of it if it fits, else up to the last space that
 * fits) and returns the rest ("" if none). */
const char *ui_column_head_split(const char *label, int width, char *first, size_t cap);

typedef struct ui_listview_def {
	const ui_column *cols;
	int ncols;
	const char *noun;	  /* msgid after "i/n" on the status line ("entries") */
	const char *empty;	  /* msgid shown when there are no rows */
	const char *export_title; /* msgid naming the export (NULL: no export) */
	/* The text typed-to-search looks in (array lists; NULL: no search). */
	const char *(*find_text)(const void *row);
	/* A glyph for the first column of a row that needs one ("!" for an
	 * overdue row), shown in place of the selection arrow and with its
	 * role in *role; NULL (or NULL returned) = the arrow on the selected
	 * row. So a row's state reads in monochrome too. */
	const char *(*mark)(void *ctx, const void *row, int *role);
	/* The role of the cells given by text_at (NULL: UI_NORMAL), e.g.
	 * UI_WARN for an overdue row. */
	int (*tone)(void *ctx, const void *row);
	/* Rows of the heading: 1 (0 = 1), or 2 for narrow figure columns
	 * whose headings break at a space ("Đã khắc / phục"). */
	int head_rows;
	/* A row that is not cut into columns (a group heading, a message):
	 * writes its text across the row and returns its role, or returns -1
	 * for a row drawn in columns. NULL: every row in columns. */
	int (*span)(void *ctx, const void *row, char *buf, size_t cap);
	/* No heading row (a list of label/value lines under tabs). */
	bool no_heading;
	/* The role of the rows' background and plain cells (0: UI_NORMAL;
	 * UI_DIALOG for a list inside a dialog). */
	int base_role;
	/* The selection shows on the marker and the first column only, so a
	 * move rewrites two short cells, not two whole rows (long lists). */
	bool select_first;
	/* Rows can be marked (UI_ACT_MARK ...): the identity of a row (a
	 * record's id, never 0). NULL: no marking. A marked row shows a check
	 * in its first column and the status line says how many are marked;
	 * marks are kept by identity, so they outlive a new search or sort. */
	int64_t (*mark_id)(const void *row);
} ui_listview_def;

typedef struct ui_listview ui_listview;

/* A list view over a caller-owned array of rows of row_size bytes (set
 * with ui_listview_set_rows); ctx is given to the cell functions. */
ui_listview *ui_listview_new_array(const ui_listview_def *def, size_t row_size, void *ctx);
/* A list view over a keyset source (its draw_row is the view's). */
ui_listview *ui_listview_new(const ui_listview_def *def, const ui_list_source *src, void *ctx);
void ui_listview_free(ui_listview *lv);

/* Array lists: the rows (kept by pointer) and the error that left them
 * empty (NULL or code CB_OK: none). The selection keeps its index. */
void ui_listview_set_rows(ui_listview *lv, const void *rows, size_t n, const cb_error *err);
/* A heading given at run time ("Rating 2025"), copied; NULL = the msgid. */
void ui_listview_set_label(ui_listview *lv, int col, const char *text);
/* What an empty list says, given at run time (copied; NULL = def.empty). */
void ui_listview_set_empty(ui_listview *lv, const char *text);
/* Turns a column off or on (a year column when every row is of one
 * year); an off column is not counted as hidden. */
void ui_listview_show_column(ui_listview *lv, int col, bool on);
/* The width column col has on the terminal (0: hidden or scrolled out). */
int ui_listview_column_width(const ui_listview *lv, int col);
/* The area: the heading on its first row, the rows below. */
void ui_listview_set_rect(ui_listview *lv, ui_rect r);
void ui_listview_draw(ui_listview *lv, bool full);
/* Movement, type-to-search and export. UI_HANDLED if used. */
int ui_listview_key(ui_listview *lv, int action, ui_key key);
/* Draws a row that is not in the list (a total under it) at screen row
 * y, in the columns of the list, all in `role`. */
void ui_listview_draw_row(ui_listview *lv, int y, const void *row, int role);
/* The status line: " i/n noun", then extra (the screen's own words, may
 * be NULL), the hidden columns and the search typed. */
void ui_listview_status(ui_listview *lv, const char *extra, char *buf, size_t cap);
const void *ui_listview_selected(ui_listview *lv);
/* Selects the row at index i (array lists; from the top). */
void ui_listview_select(ui_listview *lv, size_t i);
/* The widget underneath (reload, refresh, count). */
ui_list *ui_listview_list(ui_listview *lv);
/* Selects row i with it at the top of the list, the rows after it in
 * sight (at the end of the list, as far as they go). */
void ui_listview_select_top(ui_listview *lv, size_t i);
/* The marked rows' identities, ascending (valid until the next mark
 * change); returns how many. */
size_t ui_listview_marked(ui_listview *lv, const int64_t **ids);
bool ui_listview_is_marked(ui_listview *lv, int64_t id);
/* Unmarks every row (after an action on them). */
void ui_listview_unmark_all(ui_listview *lv);
/* Writes every row's cells, all columns, through ui_export_sheet. */
int ui_listview_export(ui_listview *lv);

/* ======================================================================
 * The scope picker: the province (when the user may see it) or any unit
 * of the user's scope, indented by tier.
 * ====================================================================== */

typedef struct ui_scope {
	int unit;	 /* index into the configured units, -1 = whole province */
	int64_t unit_id; /* its row in the store (0 = whole province) */
	int64_t lo, hi;	 /* its subtree's range (0, 0 = everything) */
	char name[200];
} ui_scope;

/* Asks for a scope (title: a msgid), `cur` preselected; true with *out
 * filled when one was chosen. */
bool ui_pick_scope(app *a, const char *title, const ui_scope *cur, ui_scope *out);

#endif
