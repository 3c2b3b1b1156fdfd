/* ui_keys.h - every user action, the key contexts, and the one key table
 * (src/ui/keys.c) the key handler, the key bar and the help are made from.
 *
 * Every user action is declared once in UI_ACTION_LIST (its key-bar label
 * and help text) and bound to keys in the one table of src/ui/keys.c, per
 * context (UI_CONTEXT_LIST). The key handler, the key bar at the bottom
 * and the help screen (? / F1) are all generated from that table, so the
 * help can never drift from what the keys do. A view receives the action
 * the key maps to in its current context (v->ctx) together with the key.
 *
 * Included by ui_view.h (so by every screen), by the widgets that take
 * keys (ui_line.h, ui_form.h), and by keys.c, keys_man.c and the
 * man-page tool. A new action or context is one line here and its
 * keys one line each in keys.c.
 */
#ifndef CANBO_UI_KEYS_H
#define CANBO_UI_KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Function keys are curses' (KEY_DOWN, KEY_F(2)): UI_FKEY marks them. */
#include <curses.h>

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
	X(UI_ACT_COLUMNS_RIGHT, "Columns", "Show the columns hidden on the right")                 \
	X(UI_ACT_COLUMNS_LEFT, "Columns", "Show the columns scrolled out on the left")             \
	/* moving over a table's cells (breakdowns, reports) */                                    \
	X(UI_ACT_CELL_LEFT, "Left", "Move to the column on the left")                              \
	X(UI_ACT_CELL_RIGHT, "Right", "Move to the column on the right")                           \
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
	X(UI_ACT_FILTER, "Filter",                                                                 \
	  "Filter by unit, level, gender, education, theory, ethnicity, age, pool, rating")        \
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

#endif
