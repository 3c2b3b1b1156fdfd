/* ui_draw.h - drawing: the screen's areas, the roles of text (colour or
 * monochrome), glyphs with ASCII fallbacks, and writing text fitted to a
 * width (wide characters and combining marks measured, as text.h does).
 *
 * Screen layout (rows): 0 title bar, 1 .. LINES-3 the view's body,
 * LINES-2 status line, LINES-1 key bar. Views draw into stdscr inside
 * ui_body(); the framework draws the title, status and key bar.
 *
 * Included by ui_view.h (so by every screen), by the widgets that draw
 * (ui_list.h, ui_form.h) and by the files that only draw (plans_text.c,
 * record_career.c); implemented in draw.c and draw_hidden.c.
 */
#ifndef CANBO_UI_DRAW_H
#define CANBO_UI_DRAW_H

#include <stdbool.h>

#include <curses.h>

typedef struct ui_rect {
	int y, x, h, w;
} ui_rect;

/* The body area of a screen: rows 1 .. LINES-3, all columns. */
ui_rect ui_body(void);
/* Minimum terminal size below which only "terminal too small" is shown. */
#define UI_MIN_COLS 60
#define UI_MIN_ROWS 16
bool ui_too_small(void);

/* Roles of text; each maps to a colour pair when colours are on, or to
 * bold/reverse/underline in monochrome (NO_COLOR, TERM=vt100), so that
 * selected and overdue rows stay distinguishable. */
#define UI_ROLE_LIST(X)                                                                            \
	X(UI_NORMAL)                                                                               \
	X(UI_TITLE)	 /* top row */                                                             \
	X(UI_STATUS)	 /* status line */                                                         \
	X(UI_KEYBAR)	 /* key bar labels */                                                      \
	X(UI_KEYBAR_KEY) /* key bar keys */                                                        \
	X(UI_HEADER)	 /* column headings */                                                     \
	X(UI_SELECTED)	 /* the selected row */                                                    \
	X(UI_DIM)	 /* secondary text */                                                      \
	X(UI_FIELD)	 /* an input field */                                                      \
	X(UI_FOCUS)	 /* the focused input field */                                             \
	X(UI_REQUIRED)	 /* the marker of a required field */                                      \
	X(UI_ERROR)	 /* validation and error messages */                                       \
	X(UI_WARN)	 /* overdue, target missed */                                              \
	X(UI_GOOD)	 /* target met, remedied */                                                \
	X(UI_DIALOG)	 /* dialog boxes */                                                        \
	X(UI_TAB)	 /* an inactive tab */                                                     \
	X(UI_TAB_ACTIVE) /* the active tab */

enum ui_role {
#define X(id) id,
	UI_ROLE_LIST(X)
#undef X
		UI_ROLE_COUNT
};

/* Curses attributes (with colour pair) of a role. */
attr_t ui_attr(int role);
/* True when colours are in use (terminal has them, NO_COLOR unset,
 * configuration not "never"). */
bool ui_has_colors(void);
/* True when the locale is not UTF-8: draw with ASCII only (text_fit ascii,
 * ui_glyph fallbacks). */
bool ui_ascii(void);

/* Glyphs with their ASCII fallbacks. */
enum ui_glyph {
	UI_G_BLOCK,    /* █ / #   full bar cell */
	UI_G_SHADE,    /* ░ / .   empty bar cell */
	UI_G_ARROW,    /* ▸ / >   a marker in front of the selected line */
	UI_G_CHECK,    /* ✓ / +   met, done */
	UI_G_CROSS,    /* ✗ / x   missed */
	UI_G_WARN,     /* ! / !   overdue */
	UI_G_TREE_MID, /* ├─ / |- */
	UI_G_TREE_END, /* └─ / `- */
	UI_G_TREE_BAR, /* │  / |  */
	UI_G_HLINE,    /* ─ / -  */
	UI_G_ELLIPSIS, /* … / ~ */
	UI_G_REQUIRED, /* * */
	UI_G_LEFT,     /* ◂ / <   more columns to the left */
	UI_G_COUNT
};
const char *ui_glyph(int g);
/* Marks columns scrolled out of sight, as less -S and VisiData do: "◂3"
 * (three more to the left) or "▸3" (to the right), right-aligned in the
 * `width` columns at (y,x); nothing when n is 0. */
void ui_put_hidden(WINDOW *w, int y, int x, int width, int n, bool left, int role);

/* Writes s at (y,x) fitted to exactly `width` columns (cut with an
 * ellipsis, padded with spaces; ASCII-folded when ui_ascii()), with the
 * attributes of role. Wide characters and combining marks are measured
 * correctly. Returns the columns written (= width). */
int ui_put(WINDOW *w, int y, int x, int width, const char *s, int role);
/* Same, not padded: returns the columns used. */
int ui_put_short(WINDOW *w, int y, int x, int width, const char *s, int role);
/* printf-style ui_put. */
int ui_putf(WINDOW *w, int y, int x, int width, int role, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* Writes s wrapped as text_wrap_line breaks it (at spaces and newlines; a
 * word wider than a row is broken) into rows of exactly `width` columns
 * from (y,x), at most max_rows rows (the last one cut with an ellipsis if
 * the text is longer). Returns the rows written (at least
 * one when max_rows > 0). */
int ui_put_wrapped(WINDOW *w, int y, int x, int width, int max_rows, const char *s, int role);
/* One row of it, for rows of different widths (text under a label): the
 * next line of *s in exactly `width` columns at (y,x), *s moved past it;
 * the last row (last = true) takes the rest of the text, cut with an
 * ellipsis if it is longer. */
void ui_put_wrap_row(WINDOW *w, int y, int x, int width, const char **s, bool last, int role);
/* Fills a row segment with spaces in a role. */
void ui_fill(WINDOW *w, int y, int x, int width, int role);
/* A horizontal bar of value/max in `width` cells (block glyphs, or #). */
void ui_bar(WINDOW *w, int y, int x, int width, long value, long max, int role);
/* A box (ACS lines, which curses maps to ASCII where needed). */
void ui_box(WINDOW *w, ui_rect r, int role);

#endif
