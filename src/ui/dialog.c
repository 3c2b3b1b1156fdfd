/* dialog.c - modal dialogs: yes/no question, message, input line,
 * pick-list.
 *
 * Guarantees: a dialog draws a box over the current screen and returns
 * only when answered; a resize redraws the screen and the dialog; a lost
 * terminal (SIGHUP/SIGTERM) makes it return "cancel"/"no" at once so the
 * caller unwinds and the main loop can keep drafts. After a dialog the
 * whole screen is redrawn on the next frame (only changed cells are sent).
 */
#include "ui_dialog.h"
#include "ui_listview.h"
#include "ui_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"
#include "ui_internal.h"

#define WRAP_MAX 40

/* Splits text into at most max lines of at most width columns, as
 * text_wrap_line breaks it; at least one line (empty for no text). */
static int wrap_text(const char *text, int width, char lines[][256], int max)
{
	int n = 0;
	const char *p = text ? text : "", *line;
	size_t len;

	while (*p && n < max) {
		p = text_wrap_line(p, width, &line, &len);
		while (len >= 256 || (len && ((unsigned char)line[len] & 0xc0) == 0x80))
			len--; /* whole characters only (a dialog is at most 76 columns) */
		memcpy(lines[n], line, len);
		lines[n++][len] = '\0';
	}
	if (n == 0 && max > 0)
		lines[n++][0] = '\0';
	return n;
}

/* A centred box of w x h inside the screen. */
static ui_rect centred(int w, int h)
{
	ui_rect r;
	if (w > COLS - 2)
		w = COLS - 2;
	if (h > LINES - 2)
		h = LINES - 2;
	r.w = w < 10 ? 10 : w;
	r.h = h < 3 ? 3 : h;
	r.x = (COLS - r.w) / 2;
	r.y = (LINES - r.h) / 2;
	if (r.x < 0)
		r.x = 0;
	if (r.y < 0)
		r.y = 0;
	return r;
}

static int max_width(char lines[][256], int n)
{
	int m = 0;
	for (int i = 0; i < n; i++) {
		int w = text_width(lines[i]);
		if (w > m)
			m = w;
	}
	return m;
}

static void draw_box_title(ui_rect r, const char *title)
{
	ui_box(stdscr, r, UI_DIALOG);
	if (title && *title) {
		char t[300];
		snprintf(t, sizeof t, " %s ", title);
		ui_put_short(stdscr, r.y, r.x + 2, r.w - 4, t, UI_DIALOG);
	}
}

/* ---- yes/no ---------------------------------------------------------
 *
 * A question is answered yes only deliberately: the answer starts on No,
 * keys typed before the question was on screen are thrown away (they
 * belong to what the user was typing), and no letter means yes - the user
 * moves to Yes (Left, Tab) and presses Enter. */

struct confirm_state {
	const char *question;
	bool yes_selected;
};

static void confirm_draw(void *ctx)
{
	struct confirm_state *st = ctx;
	char lines[WRAP_MAX][256];
	int avail = COLS - 8 > 70 ? 70 : COLS - 8;
	int n = wrap_text(st->question, avail, lines, WRAP_MAX - 4);
	int w = max_width(lines, n) + 6;
	char yes[64], no[64];
	ui_rect r;

	snprintf(yes, sizeof yes, "[ %s ]", _("Yes"));
	snprintf(no, sizeof no, "[ %s ]", _("No"));
	int bw = text_width(yes) + 2 + text_width(no) + 4;
	if (w < bw)
		w = bw;
	r = centred(w, n + 4);
	draw_box_title(r, _("Question"));
	for (int i = 0; i < n && i < r.h - 4; i++)
		ui_put(stdscr, r.y + 1 + i, r.x + 2, r.w - 4, lines[i], UI_DIALOG);
	int bx = r.x + (r.w - bw + 4) / 2, by = r.y + r.h - 2;
	bx += ui_put_short(stdscr, by, bx, r.w - 4, yes,
			   st->yes_selected ? UI_SELECTED : UI_DIALOG);
	bx += ui_put_short(stdscr, by, bx, 2, "  ", UI_DIALOG);
	ui_put_short(stdscr, by, bx, r.w - 4, no, st->yes_selected ? UI_DIALOG : UI_SELECTED);
	ui_keys_draw_bar(UI_CTX_CONFIRM);
	wnoutrefresh(stdscr);
}

bool ui_confirm(const char *question)
{
	struct confirm_state st = {question, false};
	bool answer = false, first = true;

	if (ui_should_quit())
		return false;
	for (;;) {
		confirm_draw(&st);
		doupdate();
		if (first)
			flushinp(); /* typed before the question was seen */
		first = false;
		ui_key k = ui_modal_key(confirm_draw, &st);
		if (k == UI_KEY_NONE)
			break;
		int a = ui_keys_action(UI_CTX_CONFIRM, k);
		if (a == UI_ACT_NO)
			break;
		if (a == UI_ACT_ACCEPT) {
			answer = st.yes_selected;
			break;
		}
		if (a == UI_ACT_TO_YES)
			st.yes_selected = true;
		else if (a == UI_ACT_TO_NO)
			st.yes_selected = false;
		else if (a == UI_ACT_NEXT)
			st.yes_selected = !st.yes_selected;
	}
	ui_invalidate();
	return answer;
}

/* ---- message -------------------------------------------------------- */

struct message_state {
	const char *title, *text;
	int first; /* first line shown (long messages scroll) */
	int nlines;
};

static void message_draw(void *ctx)
{
	struct message_state *st = ctx;
	static char lines[200][256];
	int avail = COLS - 8 > 76 ? 76 : COLS - 8;
	int n = wrap_text(st->text, avail, lines, 200);
	int w = max_width(lines, n) + 6;
	ui_rect r;

	if (w < 30)
		w = 30;
	r = centred(w, n + 4);
	st->nlines = n;
	int rows = r.h - 4;
	if (st->first > n - rows)
		st->first = n - rows > 0 ? n - rows : 0;
	draw_box_title(r, st->title);
	for (int i = 0; i < rows && st->first + i < n; i++)
		ui_put(stdscr, r.y + 1 + i, r.x + 2, r.w - 4, lines[st->first + i], UI_DIALOG);
	ui_putf(stdscr, r.y + r.h - 2, r.x + 2, r.w - 4, UI_SELECTED, _("[ %s: close ]"),
		ui_keys_label_for(UI_CTX_MESSAGE, UI_ACT_ACCEPT));
	ui_keys_draw_bar(UI_CTX_MESSAGE);
	wnoutrefresh(stdscr);
}

void ui_message(const char *title, const char *text)
{
	struct message_state st = {title, text, 0, 0};

	if (ui_should_quit())
		return;
	for (;;) {
		message_draw(&st);
		doupdate();
		ui_key k = ui_modal_key(message_draw, &st);
		if (k == UI_KEY_NONE)
			break;
		int a = ui_keys_action(UI_CTX_MESSAGE, k);
		if (a == UI_ACT_ACCEPT)
			break;
		if (k == UI_FKEY(KEY_DOWN) || k == 'j')
			st.first++;
		else if ((k == UI_FKEY(KEY_UP) || k == 'k') && st.first > 0)
			st.first--;
	}
	ui_invalidate();
}

/* ---- input line ----------------------------------------------------- */

struct input_state {
	const char *prompt;
	ui_line line;
};

static void input_draw(void *ctx)
{
	struct input_state *st = ctx;
	char lines[8][256];
	int avail = COLS - 8 > 70 ? 70 : COLS - 8;
	int n = wrap_text(st->prompt, avail, lines, 6);
	ui_rect r = centred(avail + 4, n + 5);

	draw_box_title(r, "");
	for (int i = 0; i < n; i++)
		ui_put(stdscr, r.y + 1 + i, r.x + 2, r.w - 4, lines[i], UI_DIALOG);
	ui_line_draw(&st->line, stdscr, r.y + 2 + n, r.x + 2, r.w - 4, UI_FOCUS, true);
	const char *flash = ui_flash_text(NULL);
	ui_put(stdscr, LINES - 2, 0, COLS, flash, *flash ? UI_ERROR : UI_STATUS);
	ui_keys_draw_bar(UI_CTX_INPUT);
	wmove(stdscr, 0, 0);
	wnoutrefresh(stdscr);
}

/* The input loop; flush throws away keys typed before it was drawn. What
 * is typed here is a file name or a count, not data: text that is data is
 * typed in a form view, which keeps its draft. */
static bool input_run(const char *prompt, char *buf, size_t cap, bool flush)
{
	struct input_state *st = malloc(sizeof *st);
	bool ok = false;

	if (!st || ui_should_quit() || cap == 0) {
		free(st);
		return false;
	}
	st->prompt = prompt;
	ui_line_init(&st->line, cap - 1);
	if (!ui_line_set(&st->line, buf))
		ui_line_set(&st->line, "");
	for (;;) {
		int cy, cx;
		input_draw(st);
		ui_cursor_get(&cy, &cx);
		if (cy >= 0) {
			wmove(stdscr, cy, cx);
			wnoutrefresh(stdscr);
		}
		doupdate();
		if (flush)
			flushinp();
		flush = false;
		ui_key k = ui_modal_key(input_draw, st);
		if (k == UI_KEY_NONE)
			break;
		ui_flash_clear();
		int a = ui_keys_action(UI_CTX_INPUT, k);
		if (a == UI_ACT_ACCEPT) {
			ui_line_get(&st->line, buf, cap);
			ok = true;
			break;
		}
		if (a == UI_ACT_CANCEL)
			break;
		ui_line_key(&st->line, a, k, NULL);
	}
	ui_cursor_hide();
	free(st);
	ui_invalidate();
	return ok;
}

bool ui_input(const char *prompt, char *buf, size_t cap)
{
	return input_run(prompt, buf, cap, false);
}

/* Digits of s only ("1 983" and "1.983" are 1983); -1 if none or too many. */
static long long typed_number(const char *s)
{
	long long v = 0;
	int digits = 0;

	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (++digits > 15)
				return -1;
			v = v * 10 + (*s - '0');
		} else if (*s != ' ' && *s != '.' && *s != ',') {
			return -1;
		}
	}
	return digits ? v : -1;
}

bool ui_confirm_count(const char *question, long long count)
{
	char prompt[1024], typed[32] = "";

	if (ui_should_quit())
		return false;
	snprintf(prompt, sizeof prompt, _("%s\nType the number %lld to go ahead (Esc cancels):"),
		 question, count);
	if (!input_run(prompt, typed, sizeof typed, true))
		return false;
	if (typed_number(typed) != count) {
		ui_flash(UI_ERROR, _("You typed %s, not %lld: nothing was done."),
			 typed[0] ? typed : "\"\"", count);
		return false;
	}
	return true;
}

/* ---- pick-list ------------------------------------------------------ */

struct pick_state {
	const char *title;
	const ui_choice *choices;
	int n;
	int *shown; /* indices matching the filter: the rows of the list */
	int nshown;
	ui_listview *lv;
	ui_line filter;
};

static int pick_label(void *ctx, const void *row, char *buf, size_t cap)
{
	const struct pick_state *st = ctx;

	snprintf(buf, cap, "%s", st->choices[*(const int *)row].label);
	return UI_NORMAL;
}

static const ui_column pick_columns[] = {
	{"", 1, 1, 0, OUT_LEFT, OUT_STR, pick_label, 0, 0},
};

static const ui_listview_def pick_list_def = {
	.cols = pick_columns,
	.ncols = 1,
	.empty = N_("(nothing matches)"),
	.no_heading = true,
	.base_role = UI_DIALOG,
};

/* Accent-insensitive "contains" on folded text: the query as typed
 * (whole), or word by word in any order: "ap 1 my yen" finds "Chi bộ ấp 1
 * — Xã Mỹ Yên, Huyện Bến Lức". */
static bool pick_match(const char *label, const char *folded_query, bool whole)
{
	char f[512], word[512];
	const char *q = folded_query;

	if (!folded_query[0])
		return true;
	text_fold(label, f, sizeof f);
	if (whole)
		return strstr(f, folded_query) != NULL;
	while (*q) {
		size_t n = strcspn(q, " ");
		if (n > 0) {
			snprintf(word, sizeof word, "%.*s", (int)n, q);
			if (!strstr(f, word))
				return false;
		}
		q += n;
		q += strspn(q, " ");
	}
	return true;
}

/* Narrows the rows to the choices matching the filter - those holding
 * the query as typed first, then those holding its words apart - keeping
 * the selected choice selected if it still matches. */
static void pick_filter(struct pick_state *st, int keep)
{
	char q[512], fq[512];
	int sel = 0;

	ui_line_get(&st->filter, q, sizeof q);
	text_fold(q, fq, sizeof fq);
	st->nshown = 0;
	for (int pass = 0; pass < (strchr(fq, ' ') ? 2 : 1); pass++)
		for (int i = 0; i < st->n; i++) {
			bool whole = pick_match(st->choices[i].label, fq, true);
			if (pass == 0 ? !whole
				      : whole || !pick_match(st->choices[i].label, fq, false))
				continue;
			if (i == keep && pass == 0) /* not behind a better match */
				sel = st->nshown;
			st->shown[st->nshown++] = i;
		}
	ui_listview_set_rows(st->lv, st->shown, (size_t)st->nshown, NULL);
	ui_listview_select(st->lv, (size_t)sel);
}

static void pick_draw(void *ctx)
{
	struct pick_state *st = ctx;
	int w = text_width(st->title) + 6;
	for (int i = 0; i < st->n; i++) {
		int lw = text_width(st->choices[i].label) + 6;
		if (lw > w)
			w = lw;
	}
	if (w < 30)
		w = 30;
	if (w > 70)
		w = 70;
	ui_rect r = centred(w, st->n + 5);
	ui_rect rows = {r.y + 3, r.x + 1, r.h - 5 > 1 ? r.h - 5 : 1, r.w - 3};
	draw_box_title(r, st->title);
	ui_put(stdscr, r.y + 1, r.x + 2, 2, "/", UI_DIALOG);
	ui_listview_set_rect(st->lv, rows);
	ui_listview_draw(st->lv, true);
	ui_keys_draw_bar(UI_CTX_PICK);
	ui_line_draw(&st->filter, stdscr, r.y + 1, r.x + 4, r.w - 6, UI_FIELD, true);
	wnoutrefresh(stdscr);
}

int ui_pick(const char *title, const ui_choice *choices, int n, int current)
{
	struct pick_state *st;
	const int *sel;
	int result = -1;

	if (n <= 0 || ui_should_quit())
		return -1;
	st = calloc(1, sizeof *st);
	if (!st || !(st->shown = malloc((size_t)n * sizeof(int))) ||
	    !(st->lv = ui_listview_new_array(&pick_list_def, sizeof(int), st))) {
		if (st)
			free(st->shown);
		free(st);
		return -1;
	}
	st->title = title;
	st->choices = choices;
	st->n = n;
	ui_line_init(&st->filter, 200);
	pick_filter(st, current);
	for (;;) {
		int cy, cx;
		pick_draw(st);
		ui_cursor_get(&cy, &cx);
		if (cy >= 0) {
			wmove(stdscr, cy, cx);
			wnoutrefresh(stdscr);
		}
		doupdate();
		ui_key k = ui_modal_key(pick_draw, st);
		if (k == UI_KEY_NONE)
			break;
		int a = ui_keys_action(UI_CTX_PICK, k);
		sel = ui_listview_selected(st->lv);
		if (a == UI_ACT_ACCEPT) {
			if (sel)
				result = *sel;
			break;
		}
		if (a == UI_ACT_CANCEL)
			break;
		/* only the moves: a typed letter narrows the list */
		if (ui_list_move(ui_listview_list(st->lv), a))
			continue;
		bool changed = false;
		ui_line_key(&st->filter, a, k, &changed);
		if (changed)
			pick_filter(st, sel ? *sel : -1);
	}
	ui_cursor_hide();
	ui_listview_free(st->lv);
	free(st->shown);
	free(st);
	ui_invalidate();
	return result;
}

bool ui_pick_enum(const char *title, enum model_enum e, bool with_any, int *value)
{
	int n = 0, cur = -1, k = 0;
	const model_choice *mc = model_choices(e, &n);
	ui_choice *ch = calloc((size_t)n + 1, sizeof *ch);
	bool ok = false;

	if (!ch)
		return false;
	if (with_any) {
		ch[k].value = FILTER_ANY;
		ch[k].label = _("(any)");
		if (*value == FILTER_ANY)
			cur = k;
		k++;
	}
	for (int i = 0; i < n; i++, k++) {
		ch[k].value = mc[i].value;
		ch[k].label = _(mc[i].label);
		if (mc[i].value == *value)
			cur = k;
	}
	int r = ui_pick(title, ch, k, cur);
	if (r >= 0) {
		*value = (int)ch[r].value;
		ok = true;
	}
	free(ch);
	return ok;
}
