/* keys.c - the one table of key bindings, and everything generated from
 * it: the action of a key in a context, the key bar, the help screen.
 *
 * Guarantees: a key is looked up in the view's context and then in its
 * parents; in a context that takes typed text a printable character is never
 * taken from a parent (so typing 'q' in a form types q). The lists whose job
 * is finding (cadres, organisations, plans, self-check) take typed text: a
 * name typed there goes to the search, and their actions are on Enter, Ins,
 * Del, function and Ctrl keys, the same key for the same kind of action on
 * every screen. Esc never quits (on the main menu it stays); no letter
 * answers a question yes. Every action bound
 * anywhere has a help text (from UI_ACTION_LIST), and the tests check that no
 * key is bound twice in one context.
 */
#include "ui_keys.h"
#include "ui_list.h"
#include "ui_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "i18n.h"
#include "text.h"
#include "ui_internal.h"

#define F(n) UI_FKEY(KEY_F(n))
#define K(k) UI_FKEY(k)

/* Each screen has its own section; add lines to your own section only. */
static const ui_binding key_table[] = {
	/* everywhere */
	{UI_CTX_GLOBAL, F(1), UI_ACT_HELP, "F1", true},
	{UI_CTX_GLOBAL, '?', UI_ACT_HELP, "?", false},
	{UI_CTX_GLOBAL, F(10), UI_ACT_QUIT, "F10", true},
	{UI_CTX_GLOBAL, UI_KEY_ESC, UI_ACT_BACK, "Esc", true},
	{UI_CTX_GLOBAL, 'q', UI_ACT_BACK, "q", false},
	{UI_CTX_GLOBAL, UI_CTRL('l'), UI_ACT_REDRAW, "Ctrl-L", false},

	/* moving in lists */
	{UI_CTX_NAV, K(KEY_UP), UI_ACT_UP, "Up", false},
	{UI_CTX_NAV, 'k', UI_ACT_UP, "k", false},
	{UI_CTX_NAV, K(KEY_DOWN), UI_ACT_DOWN, "Down", false},
	{UI_CTX_NAV, 'j', UI_ACT_DOWN, "j", false},
	{UI_CTX_NAV, K(KEY_PPAGE), UI_ACT_PGUP, "PgUp", false},
	{UI_CTX_NAV, UI_CTRL('b'), UI_ACT_PGUP, "Ctrl-B", false},
	{UI_CTX_NAV, K(KEY_NPAGE), UI_ACT_PGDN, "PgDn", false},
	{UI_CTX_NAV, UI_CTRL('f'), UI_ACT_PGDN, "Ctrl-F", false},
	{UI_CTX_NAV, ' ', UI_ACT_PGDN, "Space", false},
	{UI_CTX_NAV, K(KEY_HOME), UI_ACT_HOME, "Home", false},
	{UI_CTX_NAV, 'g', UI_ACT_HOME, "g", false},
	{UI_CTX_NAV, K(KEY_END), UI_ACT_END, "End", false},
	{UI_CTX_NAV, 'G', UI_ACT_END, "G", false},
	{UI_CTX_NAV, '\n', UI_ACT_OPEN, "Enter", false},
	{UI_CTX_NAV, '\r', UI_ACT_OPEN, "Enter", false},
	{UI_CTX_NAV, K(KEY_ENTER), UI_ACT_OPEN, "Enter", false},
	/* a table wider than the terminal scrolls sideways, as in less -S */
	{UI_CTX_NAV, K(KEY_RIGHT), UI_ACT_COLUMNS_RIGHT, "Right", false},
	{UI_CTX_NAV, K(KEY_LEFT), UI_ACT_COLUMNS_LEFT, "Left", false},
	/* every list view exports what it shows */
	{UI_CTX_NAV, UI_CTRL('e'), UI_ACT_EXPORT, "Ctrl-E", false},

	/* typing text */
	{UI_CTX_EDIT, K(KEY_LEFT), UI_ACT_LEFT, "Left", false},
	{UI_CTX_EDIT, K(KEY_RIGHT), UI_ACT_RIGHT, "Right", false},
	{UI_CTX_EDIT, K(KEY_HOME), UI_ACT_LINE_START, "Home", false},
	{UI_CTX_EDIT, UI_CTRL('a'), UI_ACT_LINE_START, "Ctrl-A", false},
	{UI_CTX_EDIT, K(KEY_END), UI_ACT_LINE_END, "End", false},
	{UI_CTX_EDIT, UI_CTRL('e'), UI_ACT_LINE_END, "Ctrl-E", false},
	{UI_CTX_EDIT, K(KEY_BACKSPACE), UI_ACT_BACKSPACE, "Backspace", false},
	{UI_CTX_EDIT, 127, UI_ACT_BACKSPACE, "Backspace", false},
	{UI_CTX_EDIT, UI_CTRL('h'), UI_ACT_BACKSPACE, "Ctrl-H", false},
	{UI_CTX_EDIT, K(KEY_DC), UI_ACT_DELETE_CHAR, "Del", false},
	{UI_CTX_EDIT, UI_CTRL('d'), UI_ACT_DELETE_CHAR, "Ctrl-D", false},
	{UI_CTX_EDIT, UI_CTRL('u'), UI_ACT_CLEAR, "Ctrl-U", false},

	/* main menu: Esc stays (it never quits); q and F10 quit */
	{UI_CTX_MENU, 'q', UI_ACT_QUIT, "q", true},
	{UI_CTX_MENU, '\n', UI_ACT_OPEN, "Enter", true},
	{UI_CTX_MENU, UI_KEY_ESC, UI_ACT_STAY, "Esc", false},

	/* lists you find things in: a typed character goes to the search,
	 * actions are on Enter, Ins, Del and function keys (the same on every
	 * such list); '/', '[' and ']' never occur in a name */
	{UI_CTX_FIND, K(KEY_BACKSPACE), UI_ACT_BACKSPACE, "Backspace", false},
	{UI_CTX_FIND, 127, UI_ACT_BACKSPACE, "Backspace", false},
	{UI_CTX_FIND, UI_CTRL('h'), UI_ACT_BACKSPACE, "Ctrl-H", false},
	{UI_CTX_FIND, UI_CTRL('u'), UI_ACT_CLEAR, "Ctrl-U", false},
	{UI_CTX_FIND, '\n', UI_ACT_OPEN, "Enter", true},

	/* cadre list */
	{UI_CTX_CADRES, K(KEY_IC), UI_ACT_NEW, "Ins", true},
	{UI_CTX_CADRES, F(4), UI_ACT_EDIT, "F4", true},
	{UI_CTX_CADRES, K(KEY_DC), UI_ACT_DELETE, "Del", true},
	{UI_CTX_CADRES, '/', UI_ACT_SEARCH, "/", false},
	{UI_CTX_CADRES, F(3), UI_ACT_SEARCH, "F3", true},
	{UI_CTX_CADRES, F(5), UI_ACT_EXPORT, "F5", true},
	{UI_CTX_CADRES, F(6), UI_ACT_SORT, "F6", true},
	{UI_CTX_CADRES, F(7), UI_ACT_FILTER, "F7", true},

	/* search line of the cadre list */
	{UI_CTX_SEARCH, UI_KEY_ESC, UI_ACT_CANCEL, "Esc", true},
	{UI_CTX_SEARCH, '\n', UI_ACT_SEARCH_DONE, "Enter", true},
	{UI_CTX_SEARCH, '\r', UI_ACT_SEARCH_DONE, "Enter", false},
	{UI_CTX_SEARCH, K(KEY_ENTER), UI_ACT_SEARCH_DONE, "Enter", false},
	{UI_CTX_SEARCH, K(KEY_UP), UI_ACT_UP, "Up", false},
	{UI_CTX_SEARCH, K(KEY_DOWN), UI_ACT_DOWN, "Down", true},
	{UI_CTX_SEARCH, K(KEY_PPAGE), UI_ACT_PGUP, "PgUp", false},
	{UI_CTX_SEARCH, K(KEY_NPAGE), UI_ACT_PGDN, "PgDn", false},

	/* cadre record */
	{UI_CTX_RECORD, '\t', UI_ACT_TAB_NEXT, "Tab", true},
	{UI_CTX_RECORD, K(KEY_RIGHT), UI_ACT_TAB_NEXT, "Right", false},
	{UI_CTX_RECORD, 'l', UI_ACT_TAB_NEXT, "l", false},
	{UI_CTX_RECORD, K(KEY_BTAB), UI_ACT_TAB_PREV, "Shift-Tab", false},
	{UI_CTX_RECORD, K(KEY_LEFT), UI_ACT_TAB_PREV, "Left", false},
	{UI_CTX_RECORD, 'h', UI_ACT_TAB_PREV, "h", false},
	{UI_CTX_RECORD, '1', UI_ACT_SECTION, "1", false},
	{UI_CTX_RECORD, '2', UI_ACT_SECTION, "2", false},
	{UI_CTX_RECORD, '3', UI_ACT_SECTION, "3", false},
	{UI_CTX_RECORD, '4', UI_ACT_SECTION, "4", false},
	{UI_CTX_RECORD, '5', UI_ACT_SECTION, "5", false},
	{UI_CTX_RECORD, '6', UI_ACT_SECTION, "6", false},
	{UI_CTX_RECORD, '7', UI_ACT_SECTION, "7", false},
	{UI_CTX_RECORD, F(4), UI_ACT_EDIT, "F4", true},
	{UI_CTX_RECORD, K(KEY_DC), UI_ACT_DELETE, "Del", true},
	{UI_CTX_RECORD, UI_CTRL('r'), UI_ACT_RATE, "Ctrl-R", true},
	{UI_CTX_RECORD, UI_CTRL('t'), UI_ACT_TRAINING, "Ctrl-T", true},
	{UI_CTX_RECORD, UI_CTRL('p'), UI_ACT_PLANNING, "Ctrl-P", true},

	/* forms */
	{UI_CTX_FORM, F(2), UI_ACT_SAVE, "F2", true},
	{UI_CTX_FORM, UI_CTRL('s'), UI_ACT_SAVE, "Ctrl-S", false},
	{UI_CTX_FORM, UI_KEY_ESC, UI_ACT_CANCEL, "Esc", true},
	{UI_CTX_FORM, '\t', UI_ACT_NEXT, "Tab", true},
	{UI_CTX_FORM, K(KEY_DOWN), UI_ACT_NEXT, "Down", false},
	{UI_CTX_FORM, '\n', UI_ACT_NEXT, "Enter", false},
	{UI_CTX_FORM, '\r', UI_ACT_NEXT, "Enter", false},
	{UI_CTX_FORM, K(KEY_ENTER), UI_ACT_NEXT, "Enter", false},
	{UI_CTX_FORM, K(KEY_BTAB), UI_ACT_PREV, "Shift-Tab", false},
	{UI_CTX_FORM, K(KEY_UP), UI_ACT_PREV, "Up", false},
	{UI_CTX_FORM, K(KEY_NPAGE), UI_ACT_PGDN, "PgDn", false},
	{UI_CTX_FORM, K(KEY_PPAGE), UI_ACT_PGUP, "PgUp", false},
	{UI_CTX_FORM, F(4), UI_ACT_PICK, "F4", true},
	{UI_CTX_FORM, ' ', UI_ACT_TOGGLE, "Space", false},
	/* a form of one line: Enter saves it, as an input line accepts */
	{UI_CTX_FORM_LINE, '\n', UI_ACT_SAVE, "Enter", true},
	{UI_CTX_FORM_LINE, '\r', UI_ACT_SAVE, "Enter", false},
	{UI_CTX_FORM_LINE, K(KEY_ENTER), UI_ACT_SAVE, "Enter", false},

	/* pick-list */
	{UI_CTX_PICK, '\n', UI_ACT_ACCEPT, "Enter", true},
	{UI_CTX_PICK, '\r', UI_ACT_ACCEPT, "Enter", false},
	{UI_CTX_PICK, K(KEY_ENTER), UI_ACT_ACCEPT, "Enter", false},
	{UI_CTX_PICK, UI_KEY_ESC, UI_ACT_CANCEL, "Esc", true},
	{UI_CTX_PICK, K(KEY_UP), UI_ACT_UP, "Up", false},
	{UI_CTX_PICK, K(KEY_DOWN), UI_ACT_DOWN, "Down", false},
	{UI_CTX_PICK, K(KEY_PPAGE), UI_ACT_PGUP, "PgUp", false},
	{UI_CTX_PICK, K(KEY_NPAGE), UI_ACT_PGDN, "PgDn", false},

	/* yes/no question */
	/* Only a deliberate answer says yes: move to it, then Enter. A
	 * letter never answers yes (it may be the rest of a typed word). */
	{UI_CTX_CONFIRM, K(KEY_LEFT), UI_ACT_TO_YES, "Left", true},
	{UI_CTX_CONFIRM, K(KEY_RIGHT), UI_ACT_TO_NO, "Right", true},
	{UI_CTX_CONFIRM, '\t', UI_ACT_NEXT, "Tab", false},
	{UI_CTX_CONFIRM, K(KEY_BTAB), UI_ACT_NEXT, "Shift-Tab", false},
	{UI_CTX_CONFIRM, '\n', UI_ACT_ACCEPT, "Enter", true},
	{UI_CTX_CONFIRM, '\r', UI_ACT_ACCEPT, "Enter", false},
	{UI_CTX_CONFIRM, K(KEY_ENTER), UI_ACT_ACCEPT, "Enter", false},
	{UI_CTX_CONFIRM, UI_KEY_ESC, UI_ACT_NO, "Esc", true},
	{UI_CTX_CONFIRM, 'n', UI_ACT_NO, "n", false},
	{UI_CTX_CONFIRM, 'N', UI_ACT_NO, "N", false},
	{UI_CTX_CONFIRM, 'k', UI_ACT_NO, "k", false},
	{UI_CTX_CONFIRM, F(1), UI_ACT_HELP, "F1", false},

	/* message */
	{UI_CTX_MESSAGE, '\n', UI_ACT_ACCEPT, "Enter", true},
	{UI_CTX_MESSAGE, '\r', UI_ACT_ACCEPT, "Enter", false},
	{UI_CTX_MESSAGE, UI_KEY_ESC, UI_ACT_ACCEPT, "Esc", false},
	{UI_CTX_MESSAGE, ' ', UI_ACT_ACCEPT, "Space", false},
	{UI_CTX_MESSAGE, 'q', UI_ACT_ACCEPT, "q", false},

	/* input line */
	{UI_CTX_INPUT, '\n', UI_ACT_ACCEPT, "Enter", true},
	{UI_CTX_INPUT, '\r', UI_ACT_ACCEPT, "Enter", false},
	{UI_CTX_INPUT, K(KEY_ENTER), UI_ACT_ACCEPT, "Enter", false},
	{UI_CTX_INPUT, UI_KEY_ESC, UI_ACT_CANCEL, "Esc", true},

	/* party organisations */
	{UI_CTX_ORGS, '[', UI_ACT_YEAR_PREV, "[", true},
	{UI_CTX_ORGS, ']', UI_ACT_YEAR_NEXT, "]", true},
	{UI_CTX_ORGS, UI_CTRL('r'), UI_ACT_RATE, "Ctrl-R", true},
	{UI_CTX_ORGS, F(8), UI_ACT_PLANS, "F8", true},
	{UI_CTX_ORGS, F(5), UI_ACT_EXPORT, "F5", false},
	{UI_CTX_ORGS, F(6), UI_ACT_WARNINGS, "F6", true},

	/* import and export */
	{UI_CTX_IO, '\n', UI_ACT_OPEN, "Enter", true},

	/* breakdowns and targets */
	{UI_CTX_STATS, '\n', UI_ACT_OPEN, "Enter", true},
	{UI_CTX_STATS, 'b', UI_ACT_DIMENSION, "b", true},
	{UI_CTX_STATS, 'x', UI_ACT_CROSS, "x", true},
	{UI_CTX_STATS, 'p', UI_ACT_POPULATION, "p", true},
	{UI_CTX_STATS, 's', UI_ACT_SCOPE, "s", false},
	{UI_CTX_STATS, F(7), UI_ACT_SCOPE, "F7", true},
	{UI_CTX_STATS, 't', UI_ACT_TARGETS, "t", true},
	{UI_CTX_STATS, '[', UI_ACT_YEAR_PREV, "[", false},
	{UI_CTX_STATS, ']', UI_ACT_YEAR_NEXT, "]", false},
	{UI_CTX_STATS, F(5), UI_ACT_EXPORT, "F5", true},
	{UI_CTX_STATS, 'e', UI_ACT_EXPORT, "e", false},
	{UI_CTX_STATS, F(6), UI_ACT_WARNINGS, "F6", true},
	{UI_CTX_STATS, 'w', UI_ACT_WARNINGS, "w", false},
	{UI_CTX_STATS, K(KEY_LEFT), UI_ACT_CELL_LEFT, "Left", false},
	{UI_CTX_STATS, 'h', UI_ACT_CELL_LEFT, "h", false},
	{UI_CTX_STATS, K(KEY_RIGHT), UI_ACT_CELL_RIGHT, "Right", false},
	{UI_CTX_STATS, 'l', UI_ACT_CELL_RIGHT, "l", false},

	/* action plans (list of plans) */
	{UI_CTX_PLANS, K(KEY_IC), UI_ACT_NEW, "Ins", true},
	{UI_CTX_PLANS, F(4), UI_ACT_EDIT, "F4", true},
	{UI_CTX_PLANS, K(KEY_DC), UI_ACT_DELETE, "Del", false},
	{UI_CTX_PLANS, '[', UI_ACT_YEAR_PREV, "[", true},
	{UI_CTX_PLANS, ']', UI_ACT_YEAR_NEXT, "]", true},
	{UI_CTX_PLANS, F(5), UI_ACT_OVERDUE, "F5", true},
	{UI_CTX_PLANS, F(6), UI_ACT_SUMMARY, "F6", true},
	{UI_CTX_PLANS, F(7), UI_ACT_SCOPE, "F7", true},
	{UI_CTX_PLANS, F(8), UI_ACT_SELFCHECK, "F8", true},
	{UI_CTX_PLANS, F(9), UI_ACT_CARRY, "F9", true},

	/* summary of action plans */
	{UI_CTX_PLANS_SUMMARY, '\n', UI_ACT_OPEN, "Enter", true},
	{UI_CTX_PLANS_SUMMARY, '[', UI_ACT_YEAR_PREV, "[", true},
	{UI_CTX_PLANS_SUMMARY, ']', UI_ACT_YEAR_NEXT, "]", true},
	{UI_CTX_PLANS_SUMMARY, F(6), UI_ACT_SUMMARY, "F6", true},
	{UI_CTX_PLANS_SUMMARY, 's', UI_ACT_SUMMARY, "s", false},
	{UI_CTX_PLANS_SUMMARY, F(5), UI_ACT_EXPORT, "F5", true},
	{UI_CTX_PLANS_SUMMARY, 'e', UI_ACT_EXPORT, "e", false},

	/* monthly self-check */
	{UI_CTX_SELFCHECK, '[', UI_ACT_MONTH_PREV, "[", true},
	{UI_CTX_SELFCHECK, ']', UI_ACT_MONTH_NEXT, "]", true},
	{UI_CTX_SELFCHECK, F(5), UI_ACT_EXPORT, "F5", true},

	/* reports laid out in the configuration */
	{UI_CTX_REPORTS, '\n', UI_ACT_OPEN, "Enter", true},
	{UI_CTX_REPORT, '\n', UI_ACT_OPEN, "Enter", true},
	{UI_CTX_REPORT, F(5), UI_ACT_EXPORT, "F5", true},
	{UI_CTX_REPORT, 'e', UI_ACT_EXPORT, "e", false},
	{UI_CTX_REPORT, '[', UI_ACT_YEAR_PREV, "[", true},
	{UI_CTX_REPORT, ']', UI_ACT_YEAR_NEXT, "]", true},
	{UI_CTX_REPORT, K(KEY_LEFT), UI_ACT_CELL_LEFT, "Left", false},
	{UI_CTX_REPORT, 'h', UI_ACT_CELL_LEFT, "h", false},
	{UI_CTX_REPORT, K(KEY_RIGHT), UI_ACT_CELL_RIGHT, "Right", false},
	{UI_CTX_REPORT, 'l', UI_ACT_CELL_RIGHT, "l", false},

	/* what falls due */
	{UI_CTX_DUE, '\n', UI_ACT_OPEN, "Enter", true},
	{UI_CTX_DUE, F(5), UI_ACT_EXPORT, "F5", true},
	{UI_CTX_POOL, '\n', UI_ACT_OPEN, "Enter", true},
	{UI_CTX_POOL, F(5), UI_ACT_EXPORT, "F5", true},

	/* one action plan (its items) */
	{UI_CTX_PLAN, '\n', UI_ACT_OPEN, "Enter", true},
	{UI_CTX_PLAN, K(KEY_IC), UI_ACT_NEW, "Ins", true},
	{UI_CTX_PLAN, F(4), UI_ACT_EDIT, "F4", true},
	{UI_CTX_PLAN, K(KEY_DC), UI_ACT_DELETE, "Del", false},
	{UI_CTX_PLAN, UI_CTRL('n'), UI_ACT_NOTE, "Ctrl-N", true},
	{UI_CTX_PLAN, UI_CTRL('v'), UI_ACT_VERIFY, "Ctrl-V", true},
	{UI_CTX_PLAN, F(5), UI_ACT_EXPORT, "F5", false},

	/* organisations: delete (to the trash) */
	{UI_CTX_ORGS, K(KEY_DC), UI_ACT_DELETE, "Del", true},

	/* the trash */
	{UI_CTX_TRASH, '\n', UI_ACT_RESTORE, "Enter", true},
	{UI_CTX_TRASH, '\r', UI_ACT_RESTORE, "Enter", false},
	{UI_CTX_TRASH, K(KEY_ENTER), UI_ACT_RESTORE, "Enter", false},
	{UI_CTX_TRASH, F(5), UI_ACT_RESTORE, "F5", false},
	{UI_CTX_TRASH, K(KEY_DC), UI_ACT_PURGE, "Del", true},
	{UI_CTX_TRASH, F(8), UI_ACT_PURGE, "F8", false},

	/* the forms and deletes reached from lists: an organisation added or
	 * edited; a progress note of a plan's item deleted (to the trash) */
	{UI_CTX_ORGS, K(KEY_IC), UI_ACT_NEW, "Ins", true},
	{UI_CTX_ORGS, F(4), UI_ACT_EDIT, "F4", true},
	{UI_CTX_PLAN, F(8), UI_ACT_DELETE_NOTE, "F8", true},

	/* marking rows, alike wherever several rows can be acted on (the
	 * cadre list, the rating sheet); as in mc: '+' marks all, '\\'
	 * unmarks, '*' inverts - characters no name contains */
	{UI_CTX_CADRES, UI_CTRL(' '), UI_ACT_MARK, "Ctrl-Space", true},
	{UI_CTX_CADRES, '+', UI_ACT_MARK_ALL, "+", false},
	{UI_CTX_CADRES, '\\', UI_ACT_UNMARK_ALL, "\\", false},
	{UI_CTX_CADRES, '*', UI_ACT_MARK_INVERT, "*", false},
	{UI_CTX_CADRES, UI_CTRL('t'), UI_ACT_TRAINING, "Ctrl-T", false},
	{UI_CTX_CADRES, UI_CTRL('p'), UI_ACT_POOL_ADD, "Ctrl-P", false},
	{UI_CTX_ORGS, F(9), UI_ACT_SHEET, "F9", true},

	/* the rating sheet: one function key per grade, in the order of the
	 * grades; a grade given to marked rows asks first */
	{UI_CTX_SHEET, F(2), UI_ACT_GRADE_1, "F2", true},
	{UI_CTX_SHEET, F(3), UI_ACT_GRADE_2, "F3", true},
	{UI_CTX_SHEET, F(4), UI_ACT_GRADE_3, "F4", true},
	{UI_CTX_SHEET, F(5), UI_ACT_GRADE_4, "F5", true},
	{UI_CTX_SHEET, K(KEY_DC), UI_ACT_UNGRADE, "Del", false},
	{UI_CTX_SHEET, UI_CTRL(' '), UI_ACT_MARK, "Ctrl-Space", true},
	{UI_CTX_SHEET, '+', UI_ACT_MARK_ALL, "+", false},
	{UI_CTX_SHEET, '\\', UI_ACT_UNMARK_ALL, "\\", false},
	{UI_CTX_SHEET, '*', UI_ACT_MARK_INVERT, "*", false},
	{UI_CTX_SHEET, UI_CTRL('t'), UI_ACT_TRAINING, "Ctrl-T", true},
	{UI_CTX_SHEET, UI_CTRL('p'), UI_ACT_POOL_ADD, "Ctrl-P", true},
	{UI_CTX_SHEET, '\t', UI_ACT_SHEET_KIND, "Tab", true},
	{UI_CTX_SHEET, '[', UI_ACT_YEAR_PREV, "[", false},
	{UI_CTX_SHEET, ']', UI_ACT_YEAR_NEXT, "]", false},
	{UI_CTX_SHEET, F(7), UI_ACT_SCOPE, "F7", true},
	{UI_CTX_SHEET, F(9), UI_ACT_EVAL_SHEET, "F9", true},

	/* the evaluation sheet: built like the rating sheet, a decision per
	 * grade key; F6 decides each as it was proposed */
	{UI_CTX_EVAL_SHEET, F(2), UI_ACT_DECIDE_1, "F2", true},
	{UI_CTX_EVAL_SHEET, F(3), UI_ACT_DECIDE_2, "F3", true},
	{UI_CTX_EVAL_SHEET, F(4), UI_ACT_DECIDE_3, "F4", true},
	{UI_CTX_EVAL_SHEET, F(5), UI_ACT_DECIDE_4, "F5", true},
	{UI_CTX_EVAL_SHEET, F(6), UI_ACT_DECIDE_PROPOSED, "F6", true},
	{UI_CTX_EVAL_SHEET, UI_CTRL(' '), UI_ACT_MARK, "Ctrl-Space", true},
	{UI_CTX_EVAL_SHEET, '+', UI_ACT_MARK_ALL, "+", false},
	{UI_CTX_EVAL_SHEET, '\\', UI_ACT_UNMARK_ALL, "\\", false},
	{UI_CTX_EVAL_SHEET, '*', UI_ACT_MARK_INVERT, "*", false},
	{UI_CTX_EVAL_SHEET, F(8), UI_ACT_PERIOD, "F8", true},
	{UI_CTX_EVAL_SHEET, '[', UI_ACT_PERIOD_PREV, "[", false},
	{UI_CTX_EVAL_SHEET, ']', UI_ACT_PERIOD_NEXT, "]", false},
	{UI_CTX_EVAL_SHEET, F(7), UI_ACT_SCOPE, "F7", true},
};

#undef F
#undef K

static const struct {
	const char *bar, *help;
} action_text[UI_ACT_COUNT] = {
#define X(id, bar, help) [id] = {bar, help},
	UI_ACTION_LIST(X)
#undef X
};

static const struct {
	int parent;
	bool text;
	const char *name;
} context_info[UI_CTX_COUNT] = {
#define X(id, parent, text, name) [id] = {parent, text, name},
	UI_CONTEXT_LIST(X)
#undef X
};

const ui_binding *ui_keys_table(size_t *n)
{
	*n = sizeof key_table / sizeof key_table[0];
	return key_table;
}

int ui_context_parent(int ctx)
{
	return ctx >= 0 && ctx < UI_CTX_COUNT ? context_info[ctx].parent : -1;
}

bool ui_context_text(int ctx)
{
	return ctx >= 0 && ctx < UI_CTX_COUNT && context_info[ctx].text;
}

const char *ui_context_name(int ctx)
{
	return ctx >= 0 && ctx < UI_CTX_COUNT ? _(context_info[ctx].name) : "";
}

const char *ui_action_label(int action)
{
	if (action <= UI_ACT_NONE || action >= UI_ACT_COUNT)
		return "";
	return _(action_text[action].bar);
}

const char *ui_action_help(int action)
{
	if (action <= UI_ACT_NONE || action >= UI_ACT_COUNT)
		return "";
	return _(action_text[action].help);
}

bool ui_key_is_text(ui_key key)
{
	if (key < 0 || UI_KEY_IS_FN(key))
		return false;
	if (key < 0x20 || key == 0x7f || key > 0x10FFFF)
		return false;
	/* By Unicode category, not iswprint: the locale may be "C". */
	switch (utf8proc_category((utf8proc_int32_t)key)) {
	case UTF8PROC_CATEGORY_CC:
	case UTF8PROC_CATEGORY_CS:
	case UTF8PROC_CATEGORY_CN:
	case UTF8PROC_CATEGORY_CO:
		return false;
	default:
		return true;
	}
}

/* The binding of a key in exactly this context, or NULL. */
static const ui_binding *lookup_own(int ctx, ui_key key)
{
	for (size_t i = 0; i < sizeof key_table / sizeof key_table[0]; i++)
		if (key_table[i].ctx == ctx && key_table[i].key == key)
			return &key_table[i];
	return NULL;
}

int ui_keys_action(int ctx, ui_key key)
{
	bool text = ui_context_text(ctx) && ui_key_is_text(key);

	for (int c = ctx; c >= 0; c = ui_context_parent(c)) {
		const ui_binding *b = lookup_own(c, key);
		if (b)
			return b->action;
		if (text)
			return UI_ACT_NONE; /* typed characters stay text */
	}
	return UI_ACT_NONE;
}

/* The key shown in the key bar is the one a hint names, so the two agree.
 * Labels are key-cap names and are not translated. */
const char *ui_keys_label_for(int ctx, int action)
{
	for (int pass = 0; pass < 2; pass++)
		for (int c = ctx; c >= 0; c = ui_context_parent(c))
			for (size_t i = 0; i < sizeof key_table / sizeof key_table[0]; i++)
				if (key_table[i].ctx == c && key_table[i].action == action &&
				    (pass == 1 || key_table[i].bar))
					return key_table[i].label;
	return "";
}

/* True if an earlier bar entry of the chain already shows this action or
 * this key (a child overriding its parent). */
static bool bar_shadowed(int ctx, int upto_ctx, const ui_binding *b)
{
	for (int c = ctx; c >= 0 && c != upto_ctx; c = ui_context_parent(c))
		for (size_t i = 0; i < sizeof key_table / sizeof key_table[0]; i++) {
			const ui_binding *o = &key_table[i];
			if (o->ctx == c && (o->key == b->key || (o->bar && o->action == b->action)))
				return true;
		}
	return false;
}

/* Draws "F1Help  /Search ..." htop-style; entries that do not fit are left
 * out (the help screen lists them all). */
void ui_keys_draw_bar(int ctx)
{
	int y = LINES - 1, x = 0, w = COLS;

	for (int c = ctx; c >= 0; c = ui_context_parent(c)) {
		for (size_t i = 0; i < sizeof key_table / sizeof key_table[0]; i++) {
			const ui_binding *b = &key_table[i];
			if (b->ctx != c || !b->bar || bar_shadowed(ctx, c, b) ||
			    (c != ctx && ui_context_text(ctx) && ui_key_is_text(b->key)))
				continue;
			const char *lab = ui_action_label(b->action);
			int need = (int)strlen(b->label) + 2 + text_width(lab) + 1;
			if (x + need > w)
				continue;
			char cell[96];
			snprintf(cell, sizeof cell, " %s", lab);
			x += ui_put_short(stdscr, y, x, w - x, b->label, UI_KEYBAR_KEY);
			x += ui_put_short(stdscr, y, x, w - x, cell, UI_KEYBAR);
			if (x < w)
				x += ui_put(stdscr, y, x, 1, " ", UI_NORMAL);
		}
	}
	if (x < w)
		ui_fill(stdscr, y, x, w - x, UI_KEYBAR);
}

/* ---- the help screen ------------------------------------------------- */

struct help_line {
	char keys[64];
	const char *text; /* translated; a row of it (help_wrap): its length */
	size_t len;
	bool heading;
};

/* The actions (items), and the rows they take at the screen's width: a
 * description wider than its column goes on below its keys, never cut
 * (F2 to F5 of the rating sheet differ only in their last words). */
struct help_state {
	int ctx;
	struct help_line *items, *lines;
	size_t n, nlines;
	ui_list *list;
};

/* True if a key bound in context c is not what it does from ctx: a context
 * below c in the chain binds it too, or it types a character in ctx (a
 * text context takes printable keys from none of its parents). */
static bool key_shadowed(int ctx, int c, ui_key key)
{
	if (c != ctx && ui_context_text(ctx) && ui_key_is_text(key))
		return true;
	for (int d = ctx; d >= 0 && d != c; d = ui_context_parent(d))
		if (lookup_own(d, key))
			return true;
	return false;
}

static bool help_add(struct help_state *st, size_t cap, const char *keys, const char *text,
		     bool heading)
{
	if (st->n >= cap)
		return false;
	snprintf(st->items[st->n].keys, sizeof st->items[st->n].keys, "%s", keys);
	st->items[st->n].text = text;
	st->items[st->n].len = strlen(text);
	st->items[st->n].heading = heading;
	st->n++;
	return true;
}

/* One line per action of each context of the chain, with all its keys. */
static void help_build(struct help_state *st, size_t cap)
{
	size_t nt = sizeof key_table / sizeof key_table[0];
	bool done[UI_ACT_COUNT] = {false}; /* shown in a closer context already */

	for (int c = st->ctx; c >= 0; c = ui_context_parent(c)) {
		help_add(st, cap, "", ui_context_name(c), true);
		if (ui_context_text(c) && c == UI_CTX_EDIT)
			help_add(st, cap, "a-z ...",
				 _("Type text; Vietnamese letters with their marks too"), false);
		if (c == UI_CTX_FIND)
			help_add(st, cap, "a-z 0-9 ...",
				 _("Type a name to search; no letter is a command in this list"),
				 false);
		for (size_t i = 0; i < nt; i++) {
			const ui_binding *b = &key_table[i];
			char keys[64] = "";
			if (b->ctx != c || done[b->action] || key_shadowed(st->ctx, c, b->key))
				continue;
			done[b->action] = true;
			for (size_t j = i; j < nt; j++) {
				const ui_binding *o = &key_table[j];
				if (o->ctx != c || o->action != b->action ||
				    key_shadowed(st->ctx, c, o->key) || strstr(keys, o->label))
					continue;
				size_t len = strlen(keys);
				snprintf(keys + len, sizeof keys - len, "%s%s", len ? ", " : "",
					 o->label);
			}
			help_add(st, cap, keys, ui_action_help(b->action), false);
		}
	}
}

static int keys_width(int width)
{
	return width > 60 ? 22 : 16;
}

static void help_row(void *ctx, WINDOW *w, int y, int x, int width, const void *row, bool sel)
{
	const struct help_line *h = row;
	int kw = keys_width(width);
	char text[512];

	(void)ctx;
	snprintf(text, sizeof text, "%.*s", (int)(h->len < sizeof text ? h->len : sizeof text - 1),
		 h->text);
	if (h->heading) {
		ui_put(w, y, x, width, text, sel ? UI_SELECTED : UI_HEADER);
		return;
	}
	ui_put(w, y, x, 2, "", sel ? UI_SELECTED : UI_NORMAL);
	ui_put(w, y, x + 2, kw, h->keys, sel ? UI_SELECTED : UI_KEYBAR_KEY);
	ui_put(w, y, x + 2 + kw, width - 2 - kw, text, sel ? UI_SELECTED : UI_NORMAL);
}

/* The rows of the items at `width` columns: each description wrapped
 * to its column (text_wrap_line), the keys on its first row. */
static bool help_wrap(struct help_state *st, int width)
{
	int tw = width - 2 - keys_width(width);
	size_t cap = 0;
	struct help_line *rows;

	if (tw < 8)
		tw = 8;
	for (size_t i = 0; i < st->n; i++) /* at most a row per column of text */
		cap += st->items[i].heading ? 1 : st->items[i].len / (size_t)(tw / 4 + 1) + 1;
	cap += st->n;
	if (!(rows = calloc(cap, sizeof *rows)))
		return false;
	free(st->lines);
	st->lines = rows;
	st->nlines = 0;
	for (size_t i = 0; i < st->n; i++) {
		const struct help_line *it = &st->items[i];
		const char *p = it->text;
		bool first = true;
		if (it->heading) {
			st->lines[st->nlines++] = *it;
			continue;
		}
		while ((first || *p) && st->nlines < cap) {
			struct help_line *row = &st->lines[st->nlines++];
			const char *line = p;
			size_t len = 0;
			if (*p)
				p = text_wrap_line(p, tw, &line, &len);
			*row = (struct help_line){.text = line, .len = len};
			if (first)
				snprintf(row->keys, sizeof row->keys, "%s", it->keys);
			first = false;
		}
	}
	return true;
}

static const char *help_title(ui_view *v)
{
	struct help_state *st = v->state;
	static char t[200];
	snprintf(t, sizeof t, "%s: %s", _("Help"), ui_context_name(st->ctx));
	return t;
}

static void help_layout(struct help_state *st)
{
	ui_rect r = ui_body();
	r.x = 1;
	r.w -= 2;
	if (help_wrap(st, r.w))
		ui_list_set_array(st->list, st->lines, st->nlines);
	ui_list_set_rect(st->list, r);
}

static void help_draw(ui_view *v, bool full)
{
	struct help_state *st = v->state;
	ui_list_draw(st->list, full);
}

static int help_key(ui_view *v, int action, ui_key key)
{
	struct help_state *st = v->state;
	(void)key;
	if (ui_list_move(st->list, action))
		return UI_HANDLED;
	if (action == UI_ACT_HELP || action == UI_ACT_OPEN)
		return UI_CLOSE;
	return UI_UNHANDLED;
}

static void help_status(ui_view *v, char *buf, size_t cap)
{
	(void)v;
	snprintf(buf, cap, " %s", _("Esc: back to the screen"));
}

static void help_resize(ui_view *v)
{
	help_layout(v->state);
}

static void help_close(ui_view *v)
{
	struct help_state *st = v->state;
	ui_list_free(st->list);
	free(st->lines);
	free(st->items);
	free(st);
}

static const ui_view_ops help_ops = {
	.name = "help",
	.context = UI_CTX_HELP,
	.title = help_title,
	.draw = help_draw,
	.key = help_key,
	.resize = help_resize,
	.status = help_status,
	.close = help_close,
};

int ui_help_open(int ctx)
{
	size_t cap = sizeof key_table / sizeof key_table[0] + UI_CTX_COUNT + 4;
	struct help_state *st = calloc(1, sizeof *st);

	if (!st || !(st->items = calloc(cap, sizeof *st->items))) {
		free(st);
		return CB_EDB;
	}
	st->ctx = ctx;
	help_build(st, cap);
	st->list = ui_list_new_array(st->items, st->n, sizeof st->items[0], help_row, st);
	if (!st->list) {
		free(st->items);
		free(st);
		return CB_EDB;
	}
	help_layout(st);
	return ui_view_push(&help_ops, st) ? CB_OK : CB_EDB;
}
