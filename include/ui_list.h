/* ui_list.h - the list widget under every list (a window of rows fetched
 * by keyset, so a million rows cost one page) and the type-to-search of
 * lists that have no query of their own.
 *
 * Included by ui_listview.h (the list view every list screen uses), by
 * list.c and find.c, and by the two lists that are not list views (the
 * main menu, the help). A screen uses ui_listview.h, not this.
 */
#ifndef CANBO_UI_LIST_H
#define CANBO_UI_LIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <curses.h>

#include "error.h"
#include "ui_draw.h"
#include "ui_line.h"

/* ======================================================================
 * List widget: a virtual list over a window-fetch callback
 * ====================================================================== */

/* Rows are opaque records of row_size bytes held by the list in a window
 * buffer of a few pages; only that window is ever fetched. Rows are found
 * by keyset: each row has a 64-bit key (its sort position), and fetch asks
 * for the rows after (or before) a key - exactly search_fetch's contract.
 * Counting is separate and lazy (the idle op), so a broad query over a
 * million rows costs one page. */
#define UI_LIST_START 0		/* `after` meaning "from the first row" */
#define UI_LIST_END   INT64_MAX /* `after` meaning "from the last row", backwards */

typedef struct ui_list ui_list;

typedef struct ui_list_source {
	size_t row_size;
	/* Writes up to `limit` rows that follow `after` (backwards: precede it,
	 * still in list order) into rows (room for limit rows); *n = how many.
	 * Returns CB_OK or a status with err filled. */
	int (*fetch)(void *ctx, int64_t after, bool backwards, size_t limit, void *rows, size_t *n,
		     cb_error *err);
	/* The keyset position of a row. */
	int64_t (*key_of)(void *ctx, const void *row);
	/* Draws one row in exactly `width` columns at (y,x); selected rows
	 * are drawn by the list in UI_SELECTED unless the callback does. */
	void (*draw_row)(void *ctx, WINDOW *w, int y, int x, int width, const void *row,
			 bool selected);
	/* Optional: the number of rows (may be slow; called from idle only).
	 * CB_STOPPED (it gave way to a key) leaves the count unknown and it
	 * is asked again at the next idle moment. */
	int (*count)(void *ctx, int64_t *n, cb_error *err);
	void *ctx;
} ui_list_source;

/* Creates a list; it fetches nothing until it is first drawn. */
ui_list *ui_list_new(const ui_list_source *src);
/* A list over a caller-owned array of n rows (the array must outlive it);
 * keys are indices. Count is immediate. */
ui_list *ui_list_new_array(const void *rows, size_t n, size_t row_size,
			   void (*draw_row)(void *ctx, WINDOW *w, int y, int x, int width,
					    const void *row, bool selected),
			   void *ctx);
/* Points an array list at a new array (after a reload); keeps the
 * selection index where possible. */
void ui_list_set_array(ui_list *l, const void *rows, size_t n);
/* The role of the rows below the last one (UI_NORMAL unless set: a list
 * inside a dialog fills them in UI_DIALOG). */
void ui_list_set_fill(ui_list *l, int role);
/* What an empty list says (NULL: "Nothing to show."); the caller keeps
 * the text alive. */
void ui_list_set_empty(ui_list *l, const char *text);
void ui_list_free(ui_list *l);

/* Where it draws (rows of the area; the first row can be a header drawn
 * by the caller: pass the area below it). */
void ui_list_set_rect(ui_list *l, ui_rect r);
/* Forgets every fetched row (the query changed) and starts again at the
 * top. */
void ui_list_reload(ui_list *l);
/* Fetches the current window again keeping the selection's place as far
 * as possible (after an edit or a delete). */
void ui_list_refresh(ui_list *l);
/* Moves by an action (UI_ACT_UP/DOWN/PGUP/PGDN/HOME/END). Returns true if
 * the action was a movement. Fetches as needed. */
bool ui_list_move(ui_list *l, int action);
/* Draws the rows that changed since the last draw (all if full). */
void ui_list_draw(ui_list *l, bool full);
/* The selected row (NULL if the list is empty). */
const void *ui_list_selected(ui_list *l);
/* Position of the selection: *index (0-based, -1 if not known yet, e.g.
 * after End before counting) and *count (-1 if not counted yet). */
void ui_list_position(ui_list *l, int64_t *index, int64_t *count);
/* Runs the count callback if not yet known; returns true if it ran. */
bool ui_list_count_now(ui_list *l);
/* True if the list has no rows (after a fetch). */
bool ui_list_empty(ui_list *l);
/* The last fetch error (code CB_OK if none). */
const cb_error *ui_list_error(ui_list *l);

/* ======================================================================
 * Find: the search of a list that has no query of its own (find.c)
 * ====================================================================== */

/* What is typed at the list; the screen holds one and feeds it its keys
 * first. Typing jumps to the first row containing the text. */
typedef struct ui_find {
	ui_line line;
	char text[256];
	bool miss; /* nothing contains it */
} ui_find;

void ui_find_init(ui_find *f);
bool ui_find_active(const ui_find *f);
/* Takes typed characters, Backspace, Ctrl-U, and Esc (UI_ACT_BACK) while
 * a search is typed (it clears it). UI_HANDLED if used, with *changed. */
int ui_find_key(ui_find *f, int action, ui_key key, bool *changed);
/* True if label contains the search (accent-insensitive); true if none. */
bool ui_find_matches(const ui_find *f, const char *label);
/* Selects the first of the n rows (of `size` bytes, shown in list in that
 * order) whose text_of contains the search; false if none (the status
 * line then says so). */
bool ui_find_jump(ui_find *f, ui_list *list, const void *rows, size_t n, size_t size,
		  const char *(*text_of)(const void *row));
/* Appends "Search: text" to a status line while a search is typed. */
void ui_find_status(const ui_find *f, char *buf, size_t cap);

#endif
