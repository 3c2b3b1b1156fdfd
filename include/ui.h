/* ui.h - the terminal framework every screen of canbo is built on.
 *
 * The UI is a stack of views. A view is a struct of function pointers
 * (ui_view_ops: draw, key, resize, close, ...) plus its own state; the main
 * loop knows only the ops. A screen is one file in src/ui that fills a
 * ui_view_ops and pushes a view; the main menu lists the screens from the
 * table in src/ui/screens.c.
 * A screen that edits a record is a form view instead (ui_form_spec: its
 * fields as data, fill and save): saving, cancelling, the hints and the
 * draft kept on hang-up are the framework's.
 *
 * Keys: every user action is declared once in UI_ACTION_LIST (its key-bar
 * label and help text) and bound to keys in the one table of src/ui/keys.c,
 * per context (UI_CONTEXT_LIST). The key handler, the key bar at the bottom
 * and the help screen (? / F1) are all generated from that table, so the
 * help can never drift from what the keys do. A view receives the action
 * the key maps to in its current context (v->ctx) together with the key.
 *
 * Screen layout (rows): 0 title bar, 1 .. LINES-3 the view's body,
 * LINES-2 status line, LINES-1 key bar. Views draw into stdscr inside
 * ui_body(); the framework draws the title, status and key bar, batches
 * everything with wnoutrefresh and one doupdate per key, and never clears
 * the terminal on a keystroke (few bytes per key).
 *
 * Data comes only through the core API (store.h, search.h, filter.h ...):
 * no SQL here. Curses is included for the drawing helpers.
 */
#ifndef CANBO_UI_H
#define CANBO_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#include <curses.h>

#include "app.h"
#include "filter.h"
#include "model.h"
#include "search.h"

/* ======================================================================
 * Actions, contexts, keys
 * ====================================================================== */

/* X(id, English key-bar label (short), English help text). */
#define UI_ACTION_LIST(X)                                                                          \
	X(UI_ACT_NONE, "", "")                                                                     \
	/* everywhere */                                                                           \
	X(UI_ACT_HELP, "Help", "Show the keys of this screen")                                     \
	X(UI_ACT_QUIT, "Quit", "Quit canbo")                                                       \
	X(UI_ACT_BACK, "Back", "Go back to the previous screen")                                   \
	X(UI_ACT_REDRAW, "Redraw", "Redraw the whole screen")                                      \
	X(UI_ACT_STAY, "Stay", "Nothing here (F10 or q quits)")                                    \
	/* moving in lists */                                                                      \
	X(UI_ACT_UP, "Up", "Move up one row")                                                      \
	X(UI_ACT_DOWN, "Down", "Move down one row")                                                \
	X(UI_ACT_PGUP, "PgUp", "Move up one page")                                                 \
	X(UI_ACT_PGDN, "PgDn", "Move down one page")                                               \
	X(UI_ACT_HOME, "First", "Go to the first row")                                             \
	X(UI_ACT_END, "Last", "Go to the last row")                                                \
	X(UI_ACT_OPEN, "Open", "Open the selected item")                                           \
	/* line editing (search line, form fields, input dialogs) */                               \
	X(UI_ACT_LEFT, "Left", "Move the cursor left; in a choice, the previous value")            \
	X(UI_ACT_RIGHT, "Right", "Move the cursor right; in a choice, the next value")             \
	X(UI_ACT_LINE_START, "Start", "Move the cursor to the start of the field")                 \
	X(UI_ACT_LINE_END, "End", "Move the cursor to the end of the field")                       \
	X(UI_ACT_BACKSPACE, "Erase", "Erase the character before the cursor")                      \
	X(UI_ACT_DELETE_CHAR, "Del", "Erase the character under the cursor")                       \
	X(UI_ACT_CLEAR, "Clear", "Clear the field")                                                \
	/* dialogs and forms */                                                                    \
	X(UI_ACT_ACCEPT, "OK", "Accept")                                                           \
	X(UI_ACT_CANCEL, "Cancel", "Cancel")                                                       \
	X(UI_ACT_NO, "No", "Answer no (move to Yes and press Enter to answer yes)")                \
	X(UI_ACT_TO_YES, "Yes", "Move to Yes (then Enter answers yes)")                            \
	X(UI_ACT_TO_NO, "No", "Move to No")                                                        \
	X(UI_ACT_NEXT, "Next", "Go to the next field or button")                                   \
	X(UI_ACT_PREV, "Prev", "Go to the previous field or button")                               \
	X(UI_ACT_PICK, "Choose", "Open the list of choices of this field")                         \
	X(UI_ACT_TOGGLE, "Toggle", "Switch a yes/no field")                                        \
	X(UI_ACT_SAVE, "Save", "Save the form")                                                    \
	/* cadre list */                                                                           \
	X(UI_ACT_SEARCH, "Search", "Search by name as you type (without diacritics too)")          \
	X(UI_ACT_SEARCH_DONE, "List", "Leave the search line, keep the results")                   \
	X(UI_ACT_FILTER, "Filter", "Filter by unit, level, gender, education, rating")             \
	X(UI_ACT_SORT, "Sort", "Sort by name, age, unit or position rank, either way")             \
	X(UI_ACT_NEW, "Add", "Add a new entry")                                                    \
	X(UI_ACT_EDIT, "Edit", "Edit the selected entry")                                          \
	X(UI_ACT_DELETE, "Delete", "Delete the selected entry (asks first)")                       \
	X(UI_ACT_EXPORT, "Export", "Export what is shown to a file (a table: XLSX or CSV)")        \
	/* cadre record */                                                                         \
	X(UI_ACT_TAB_NEXT, "Next section", "Next section")                                         \
	X(UI_ACT_TAB_PREV, "Previous section", "Previous section")                                 \
	X(UI_ACT_SECTION, "Section", "Go to the section of that number")                           \
	X(UI_ACT_RATE, "Rating", "Set the rating of a year")                                       \
	X(UI_ACT_TRAINING, "Training", "Add a training")                                           \
	X(UI_ACT_PLANNING, "Planning", "Add a planning entry")                                     \
	/* organisations, breakdowns, plans */                                                     \
	X(UI_ACT_YEAR_PREV, "Year-", "Previous year")                                              \
	X(UI_ACT_YEAR_NEXT, "Year+", "Next year")                                                  \
	X(UI_ACT_DIMENSION, "Dimension", "Choose what to break the cadres down by")                \
	X(UI_ACT_CROSS, "Cross", "Cross with a second dimension")                                  \
	X(UI_ACT_POPULATION, "Population", "Choose who is counted")                                \
	X(UI_ACT_SCOPE, "Scope", "Choose the province, a unit or a party organisation")            \
	X(UI_ACT_TARGETS, "Targets", "Switch between breakdowns and targets")                      \
	X(UI_ACT_NOTE, "Note", "Add a progress note")                                              \
	X(UI_ACT_VERIFY, "Verify", "Record the superior's verification")                           \
	X(UI_ACT_DELETE_NOTE, "Delete note",                                                       \
	  "Delete a progress note of the selected item (asks first; it goes to the trash)")        \
	X(UI_ACT_CARRY, "Carry over", "Carry unremedied items into next year")                     \
	X(UI_ACT_OVERDUE, "Overdue", "Show only overdue items")                                    \
	X(UI_ACT_SUMMARY, "Summary", "Summary per organisation and unit")                          \
	X(UI_ACT_SELFCHECK, "Self-check", "Monthly self-check: who has not done it, record one")   \
	X(UI_ACT_MONTH_PREV, "Month-", "Previous month")                                           \
	X(UI_ACT_MONTH_NEXT, "Month+", "Next month")                                               \
	X(UI_ACT_PLANS, "Plans", "Open the action plans of the selected organisation")             \
	X(UI_ACT_WARNINGS, "Warnings",                                                             \
	  "List the warnings on the selected row's ratings, as `canbo ratings check` reports "     \
	  "them")                                                                                  \
	/* trash */                                                                                \
	X(UI_ACT_RESTORE, "Restore",                                                               \
	  "Put the selected entry back, with everything deleted with it (asks first)")             \
	X(UI_ACT_PURGE, "Purge", "Remove the selected entry for good (asks first)")                \
	/* marking rows (lists that act on several rows) */                                        \
	X(UI_ACT_MARK, "Mark", "Mark or unmark the selected row and move down")                    \
	X(UI_ACT_MARK_ALL, "Mark all", "Mark every row of the list")                               \
	X(UI_ACT_UNMARK_ALL, "Unmark", "Unmark every row")                                         \
	X(UI_ACT_MARK_INVERT, "Invert",                                                            \
	  "Invert the marks: marked rows unmarked, the others marked")                             \
	/* the rating sheet */                                                                     \
	X(UI_ACT_GRADE_1, "Excellent", "Rate the marked rows (or the selected one): excellent")    \
	X(UI_ACT_GRADE_2, "Good", "Rate the marked rows (or the selected one): good")              \
	X(UI_ACT_GRADE_3, "Completed", "Rate the marked rows (or the selected one): completed")    \
	X(UI_ACT_GRADE_4, "Failed",                                                                \
	  "Rate the marked rows (or the selected one): did not complete")                          \
	X(UI_ACT_UNGRADE, "No rating",                                                             \
	  "Remove the rating of the year from the marked rows (or the selected one)")              \
	X(UI_ACT_SHEET_KIND, "Cadres/orgs",                                                        \
	  "Switch between the cadres and the party organisations")                                 \
	X(UI_ACT_POOL_ADD, "Pool",                                                                 \
	  "Add the marked cadres (or the selected one) to the planning pool of a title")           \
	X(UI_ACT_SHEET, "Rating sheet",                                                            \
	  "Rate the cadres or organisations of a scope for a year, several at once")               \
	/* the evaluation sheet */                                                                 \
	X(UI_ACT_EVAL_SHEET, "Evaluations",                                                        \
	  "The evaluation sheet: score, proposed and decided grade of a period")                   \
	X(UI_ACT_DECIDE_1, "Excellent",                                                            \
	  "Decide the marked evaluations (or the selected one): excellent")                        \
	X(UI_ACT_DECIDE_2, "Good", "Decide the marked evaluations (or the selected one): good")    \
	X(UI_ACT_DECIDE_3, "Completed",                                                            \
	  "Decide the marked evaluations (or the selected one): completed")                        \
	X(UI_ACT_DECIDE_4, "Failed",                                                               \
	  "Decide the marked evaluations (or the selected one): did not complete")                 \
	X(UI_ACT_DECIDE_PROPOSED, "As proposed",                                                   \
	  "Decide the marked evaluations (or the selected one) as each was proposed")              \
	X(UI_ACT_PERIOD, "Period",                                                                 \
	  "Choose the period: a year, a quarter (2025-Q2), a month (2025-07) or a term")           \
	X(UI_ACT_PERIOD_PREV, "Period-", "The period before, of the same kind")                    \
	X(UI_ACT_PERIOD_NEXT, "Period+", "The period after, of the same kind")

enum ui_action {
#define X(id, bar, help) id,
	UI_ACTION_LIST(X)
#undef X
		UI_ACT_COUNT
};

/* X(id, parent context (-1 = none), takes typed text, English name).
 * A key is looked up in the view's context, then in its parents. In a
 * context that takes typed text, printable characters are never looked up
 * in the parents (so 'q' types a q in a form instead of going back). */
#define UI_CONTEXT_LIST(X)                                                                         \
	X(UI_CTX_GLOBAL, -1, false, "Everywhere")                                                  \
	X(UI_CTX_NAV, UI_CTX_GLOBAL, false, "Lists")                                               \
	X(UI_CTX_EDIT, UI_CTX_GLOBAL, true, "Typing text")                                         \
	X(UI_CTX_MENU, UI_CTX_NAV, false, "Main menu")                                             \
	X(UI_CTX_FIND, UI_CTX_NAV, true, "Lists: type a name to search")                           \
	X(UI_CTX_CADRES, UI_CTX_FIND, true, "Cadre list")                                          \
	X(UI_CTX_SEARCH, UI_CTX_EDIT, true, "Search line")                                         \
	X(UI_CTX_RECORD, UI_CTX_NAV, false, "Cadre record")                                        \
	X(UI_CTX_FORM, UI_CTX_EDIT, true, "Form")                                                  \
	X(UI_CTX_FORM_LINE, UI_CTX_FORM, true, "One-line form")                                    \
	X(UI_CTX_PICK, UI_CTX_EDIT, true, "List of choices")                                       \
	X(UI_CTX_CONFIRM, -1, false, "Question")                                                   \
	X(UI_CTX_MESSAGE, -1, false, "Message")                                                    \
	X(UI_CTX_INPUT, UI_CTX_EDIT, true, "Input line")                                           \
	X(UI_CTX_HELP, UI_CTX_NAV, false, "Help")                                                  \
	X(UI_CTX_ORGS, UI_CTX_FIND, true, "Party organisations")                                   \
	X(UI_CTX_IO, UI_CTX_NAV, false, "Import and export")                                       \
	X(UI_CTX_ABOUT, UI_CTX_NAV, false, "About")                                                \
	X(UI_CTX_STATS, UI_CTX_NAV, false, "Breakdowns and targets")                               \
	X(UI_CTX_PLANS, UI_CTX_FIND, true, "Action plans")                                         \
	X(UI_CTX_PLAN, UI_CTX_NAV, false, "Action plan")                                           \
	X(UI_CTX_PLANS_SUMMARY, UI_CTX_NAV, false, "Summary of action plans")                      \
	X(UI_CTX_SELFCHECK, UI_CTX_FIND, true, "Monthly self-check")                               \
	X(UI_CTX_REPORTS, UI_CTX_NAV, false, "Reports")                                            \
	X(UI_CTX_REPORT, UI_CTX_NAV, false, "Report")                                              \
	X(UI_CTX_TRASH, UI_CTX_NAV, false, "Trash")                                                \
	X(UI_CTX_DUE, UI_CTX_NAV, false, "Falling due")                                            \
	X(UI_CTX_POOL, UI_CTX_FIND, true, "Planning pool by title")                                \
	X(UI_CTX_SHEET, UI_CTX_FIND, true, "Rating sheet")                                         \
	X(UI_CTX_EVAL_SHEET, UI_CTX_FIND, true, "Evaluation sheet")

enum ui_context {
#define X(id, parent, text, name) id,
	UI_CONTEXT_LIST(X)
#undef X
		UI_CTX_COUNT
};

/* A key as read by the framework: a Unicode character as its code point,
 * or a curses function key (KEY_DOWN, KEY_F(2), KEY_RESIZE ...) marked with
 * UI_KEY_FN so the two ranges cannot collide (KEY_DOWN is 0402, and so is
 * U+0102 'Ă'). ERR-like "no key" is UI_KEY_NONE. */
typedef int ui_key;
#define UI_KEY_FN	0x40000000
#define UI_FKEY(k)	(UI_KEY_FN | (k))
#define UI_KEY_IS_FN(k) (((k)&UI_KEY_FN) != 0)
#define UI_KEY_NONE	(-1)
#define UI_KEY_ESC	27
#define UI_CTRL(c)	((c)&0x1f)

/* One line of the key table (src/ui/keys.c). */
typedef struct ui_binding {
	int ctx; /* enum ui_context */
	ui_key key;
	int action;	   /* enum ui_action */
	const char *label; /* how the key is written: "F2", "Enter", "j" */
	bool bar;	   /* shown in the key bar of this context */
} ui_binding;

/* The table itself (tests walk it). */
const ui_binding *ui_keys_table(size_t *n);
/* Writes the SCREENS section of canbo(1) from the table (keys_man.c). */
void ui_keys_man_section(FILE *f);
/* The action a key means in a context (walking up to its parents), or
 * UI_ACT_NONE. */
int ui_keys_action(int ctx, ui_key key);
/* A context's parent (-1 none), whether it takes typed text, its name. */
int ui_context_parent(int ctx);
bool ui_context_text(int ctx);
const char *ui_context_name(int ctx); /* translated */
/* The translated bar label and help text of an action. */
const char *ui_action_label(int action);
const char *ui_action_help(int action);
/* The first key label bound to an action in ctx or its parents ("" none);
 * for hints such as "press / to search". */
const char *ui_keys_label_for(int ctx, int action);
/* True for a key that types a character (a printable code point). */
bool ui_key_is_text(ui_key key);
/* Draws the key bar of a context on the last row. */
void ui_keys_draw_bar(int ctx);

/* ======================================================================
 * Views and the view stack
 * ====================================================================== */

typedef struct ui_view ui_view;

/* What a key handler returns. */
enum ui_key_result {
	UI_UNHANDLED = 0, /* the framework applies the global meaning (help, back, quit) */
	UI_HANDLED,	  /* done; the view redraws what it marked dirty */
	UI_CLOSE,	  /* pop this view (after its close op) */
};

typedef struct ui_view_ops {
	const char *name; /* stable, for traces and tests: "cadres", "cadre" */
	int context;	  /* initial key context (enum ui_context) */
	/* Title shown on the top row (translated). NULL op = the screen name. */
	const char *(*title)(ui_view *v);
	/* Draws the body (ui_body()). full=false: redraw only what changed
	 * since the last draw (the view keeps track); full=true: everything
	 * (after a resize, a dialog, a view popped above it). */
	void (*draw)(ui_view *v, bool full);
	/* One key: action is what the key means in v->ctx (UI_ACT_NONE if
	 * nothing, e.g. a typed letter in a text context). */
	int (*key)(ui_view *v, int action, ui_key key);
	/* The terminal changed size; a full draw follows. NULL = nothing. */
	void (*resize)(ui_view *v);
	/* Fills the status line (matches, filter, position). NULL = empty. */
	void (*status)(ui_view *v, char *buf, size_t cap);
	/* Called when nothing is typed for a moment (e.g. count matches).
	 * Returns true if it changed something to draw. NULL = nothing. */
	bool (*idle)(ui_view *v);
	/* True if leaving would lose typed changes (the framework then asks
	 * before quitting). NULL = never. */
	bool (*dirty)(ui_view *v);
	/* The terminal is gone (SIGHUP/SIGTERM): keep unsaved work that is not
	 * in a ui_form (every ui_form is kept by the framework already, see
	 * ui_form_set_draft). NULL = nothing to keep. */
	void (*hangup)(ui_view *v);
	/* A view above this one was popped; reload what may have changed
	 * (e.g. a record edited). NULL = nothing. Followed by a full draw. */
	void (*reveal)(ui_view *v);
	/* Frees the view's state (not the view itself). */
	void (*close)(ui_view *v);
} ui_view_ops;

struct ui_view {
	const ui_view_ops *ops;
	void *state; /* the screen's own data */
	app *app;
	int ctx; /* current key context; a view may switch it (search mode) */
};

/* Pushes a new view (the framework owns the ui_view; state is the screen's,
 * freed by ops->close). Returns the view, or NULL if out of memory (state is
 * then closed). The new view is drawn in full on the next frame. */
ui_view *ui_view_push(const ui_view_ops *ops, void *state);
/* Pops (closes and frees) the top view; the one below is revealed. */
void ui_view_pop(void);
/* The top view, the depth of the stack, the view at depth i (0 = bottom). */
ui_view *ui_view_top(void);
size_t ui_view_depth(void);
ui_view *ui_view_at(size_t i);
/* Pops every view above `v` (for "back to the list"). */
void ui_view_pop_to(ui_view *v);
/* Closes every view (teardown, and tests). */
void ui_view_clear(void);
/* Asks for a full redraw of everything on the next frame. */
void ui_invalidate(void);

/* The application the UI runs on. */
app *ui_app(void);

/* ======================================================================
 * Layout, colours, attributes, glyphs, drawing
 * ====================================================================== */

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
/* Writes s wrapped at spaces (and at newlines) into rows of exactly
 * `width` columns from (y,x), at most max_rows rows (the last one cut with
 * an ellipsis if the text is longer). Returns the rows written (at least
 * one when max_rows > 0). */
int ui_put_wrapped(WINDOW *w, int y, int x, int width, int max_rows, const char *s, int role);
/* Fills a row segment with spaces in a role. */
void ui_fill(WINDOW *w, int y, int x, int width, int role);
/* A horizontal bar of value/max in `width` cells (block glyphs, or #). */
void ui_bar(WINDOW *w, int y, int x, int width, long value, long max, int role);
/* A box (ACS lines, which curses maps to ASCII where needed). */
void ui_box(WINDOW *w, ui_rect r, int role);

/* Where the terminal cursor should be shown after this frame (a text
 * field being edited); without a call in a frame the cursor is hidden. */
void ui_set_cursor(int y, int x);

/* Status line: a transient message shown until the next key (a save, an
 * error); role UI_ERROR for errors. The view's status op fills it otherwise. */
void ui_flash(int role, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ======================================================================
 * Line editor: one line of wide text (search line, form fields, dialogs)
 * ====================================================================== */

#define UI_LINE_MAX 2048 /* characters */

typedef struct ui_line {
	wchar_t buf[UI_LINE_MAX + 1];
	int len, cur, scroll; /* characters; scroll = first shown */
	size_t max_bytes;     /* UTF-8 bytes accepted (cap - 1 of the target) */
} ui_line;

void ui_line_init(ui_line *l, size_t max_bytes);
/* Sets the text; false (and unchanged) if invalid UTF-8 or too long. */
bool ui_line_set(ui_line *l, const char *utf8);
/* Writes the UTF-8 text; returns its length (like snprintf). */
size_t ui_line_get(const ui_line *l, char *out, size_t cap);
/* Applies an editing action or a typed character. Returns UI_HANDLED if it
 * used the key (*changed tells whether the text changed), UI_UNHANDLED
 * otherwise. A character that would make the text longer than max_bytes
 * is refused with a message on the status line. */
int ui_line_key(ui_line *l, int action, ui_key key, bool *changed);
/* Draws the line in `width` columns (scrolled so the cursor shows) and,
 * with focus, puts the terminal cursor there. */
void ui_line_draw(ui_line *l, WINDOW *w, int y, int x, int width, int role, bool focus);

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

/* One value of a pick-list. */
typedef struct ui_choice {
	int64_t value;
	const char *label; /* already translated (or data, e.g. a unit name) */
} ui_choice;

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

/* True once SIGHUP/SIGTERM arrived or the terminal went away: every loop
 * must unwind (the main loop then keeps drafts and exits). */
bool ui_should_quit(void);

/* Non-zero when a key is waiting to be read or the program must stop: the
 * should_stop of a long read that must give way to the keyboard
 * (search_count_cancellable). ctx is unused. Never reads the key. */
int ui_input_waiting(void *ctx);

/* Reads one key for a modal loop (handles resize by redrawing the stack
 * and calling redraw(ctx) so the dialog draws itself again on top).
 * Returns UI_KEY_NONE when the program must stop (ui_should_quit). */
ui_key ui_modal_key(void (*redraw)(void *ctx), void *ctx);

/* ======================================================================
 * Screens: the main menu and the ways in from other screens
 * ====================================================================== */

/* One main-menu entry (the table is in src/ui/screens.c). */
typedef struct ui_screen {
	int hotkey;	     /* '1' .. '9' */
	const char *label;   /* English msgid */
	int (*open)(app *a); /* pushes the screen's first view; CB_OK or status */
} ui_screen;

const ui_screen *ui_screens(size_t *n);

/* Forms that the next start can reopen from a draft: form = the kind given
 * to ui_form_set_draft (a form view's draft_kind); restore opens it again
 * with the draft's values and the row/version it was editing. A draft of
 * no kind listed here is shown as text. */
typedef struct ui_draft_kind {
	const char *form;
	const char *label; /* English msgid, "cadre record" */
	int (*restore)(app *a, int64_t row, int64_t version, const char *data);
} ui_draft_kind;

const ui_draft_kind *ui_draft_kinds(size_t *n);

/* Optional links between screens, filled in src/ui/screens.c when the
 * screen that provides them exists (NULL otherwise). */
typedef struct ui_links {
	/* Action plans of a cadre or an organisation. */
	int (*cadre_plans)(app *a, int64_t cadre_id);
	int (*org_plans)(app *a, int64_t org_id);
} ui_links;

const ui_links *ui_screen_links(void);

/* The cadre list, optionally pre-filtered: shows exactly the cadres of
 * `filter` (NULL = everyone), with title as its heading (NULL = "Cadre
 * list"). The user may search and narrow it further; Esc returns to the
 * view that opened it, which keeps its state (drill-down). */
int ui_open_cadre_list(app *a, const cadre_filter *filter, const char *title);
/* The record of one cadre (general, ratings, trainings, planning, action
 * plans, history). Esc returns to the caller. */
int ui_open_cadre(app *a, int64_t cadre_id);
/* The add form (id 0) or edit form of a cadre. */
int ui_open_cadre_form(app *a, int64_t cadre_id);
/* The forms that add to a cadre's record (record_forms.c): the rating of
 * a year, a training, a planning entry; draft = values kept from a lost
 * terminal, or NULL. */
int ui_open_rating_form(app *a, int64_t cadre_id, const char *draft);
int ui_open_training_form(app *a, int64_t cadre_id, const char *draft);
int ui_open_planning_form(app *a, int64_t cadre_id, const char *draft);
/* The form of party organisation id, or of a new one (id 0) under
 * parent_id (0 = at the top); version = the version an edit started from
 * (0 = as read now); draft = values kept from a lost terminal, or NULL. */
int ui_open_org_form(app *a, int64_t id, int64_t parent_id, int64_t version, const char *draft);
/* Asks for confirmation and deletes a cadre (stale-safe); true if deleted. */
bool ui_delete_cadre(app *a, int64_t cadre_id);
/* Whether this user may change data here; if not, says so and returns false. */
bool ui_may_edit(app *a);

/* Asks for a file name and writes the cadres of a query (all of them, in
 * its order, fetched a window at a time) as CSV; reports on the status
 * line. title names the list in the suggested file name. */
int ui_export_cadres(app *a, const search_query *q, const char *title);
/* The export key of a screen showing a table: asks for a file name (.xlsx
 * suggested from title, or .csv for spreadsheets) and has fn write the
 * table to it in that format (OUT_XLSX or OUT_CSV_LABELS; fn returns
 * CB_OK or an error status). The file is written through a temporary
 * file and renamed when complete. CB_OK, CB_NOT_FOUND if cancelled. */
typedef int (*ui_sheet_fn)(FILE *f, int format, void *ctx);
int ui_export_sheet(app *a, const char *title, ui_sheet_fn fn, void *ctx);

/* Reopen forms kept as drafts (ui_draft_kind restores): the cadre form,
 * and over a cadre's record (row = the cadre) its rating, training and
 * planning forms. */
int screen_cadre_form_restore(app *a, int64_t row, int64_t version, const char *data);
int screen_rating_form_restore(app *a, int64_t row, int64_t version, const char *data);
int screen_training_form_restore(app *a, int64_t row, int64_t version, const char *data);
int screen_planning_form_restore(app *a, int64_t row, int64_t version, const char *data);
/* The organisation forms over the organisations: "org" (row = it,
 * version = its version), "org-new" (row = the parent proposed). */
int screen_org_form_restore(app *a, int64_t row, int64_t version, const char *data);
int screen_org_new_form_restore(app *a, int64_t row, int64_t version, const char *data);

/* Screen entry points (main menu). */
int screen_cadres_open(app *a);
int screen_orgs_open(app *a);
int screen_io_open(app *a);
int screen_about_open(app *a);
int screen_stats_open(app *a);
int screen_due_open(app *a);
int screen_pool_open(app *a);
/* The rating sheet of a year (screen_sheet.c): the cadres of the
 * session's unit first; Tab shows its party organisations, F7 another
 * scope. */
int ui_open_rating_sheet(app *a, int year);
/* The evaluation sheet of a period (screen_eval_sheet.c) over a scope
 * (NULL: the session's unit). */
struct ui_scope;
int ui_open_eval_sheet(app *a, const char *period, const struct ui_scope *scope);

/* The career lines of a cadre's record (record_career.c): retirement,
 * term and notice, departure, discipline in force; add is called once per
 * line with its role (UI_NORMAL, UI_WARN), label and text. */
typedef void (*ui_career_add)(void *ctx, int role, const char *label, const char *text);
void ui_career_lines(app *a, const cadre *c, ui_career_add add, void *ctx);
int screen_report_open(app *a);
int screen_trash_open(app *a);

/* ======================================================================
 * Main loop
 * ====================================================================== */

/* ui_main (app.h) runs everything. These are for modal loops and tests. */

/* Draws a frame: the top view (full or changed parts), title, status, key
 * bar; then one doupdate. The view is drawn in full after ui_invalidate,
 * and whenever the top view or its title differs from the last frame. */
void ui_frame(void);
/* Applies the framework meaning of an unhandled action (help, back, quit). */
void ui_default_action(ui_view *v, int action);

#endif
