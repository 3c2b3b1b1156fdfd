/* draw.c - colours, attributes, glyphs and width-aware text cells.
 *
 * Guarantees: every role has a monochrome form (bold, reverse, underline)
 * so selected and overdue rows stay distinguishable without colour;
 * colours are used only when the terminal has them, NO_COLOR is unset and
 * the configuration does not say "never". Text is fitted to its cell with
 * text_fit (never cut inside a character, wide characters counted as two
 * columns); in a non-UTF-8 locale everything drawn is ASCII.
 */
#include "ui_draw.h"

#include <langinfo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"
#include "ui_internal.h"

static bool use_colors;
static bool ascii_only;
static attr_t role_attr[UI_ROLE_COUNT];

/* Colour pairs, one per role that has a colour. */
struct role_style {
	short fg, bg;
	attr_t color_extra; /* added when in colour */
	attr_t mono;	    /* used when monochrome */
};

static const struct role_style styles[UI_ROLE_COUNT] = {
	[UI_NORMAL] = {-1, -1, 0, 0},
	[UI_TITLE] = {COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE},
	[UI_STATUS] = {COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE},
	[UI_KEYBAR] = {COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE},
	[UI_KEYBAR_KEY] = {-1, -1, A_BOLD, A_BOLD},
	[UI_HEADER] = {COLOR_YELLOW, -1, A_BOLD, A_BOLD | A_UNDERLINE},
	[UI_SELECTED] = {COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE},
	[UI_DIM] = {COLOR_CYAN, -1, 0, A_DIM},
	[UI_FIELD] = {-1, -1, A_UNDERLINE, A_UNDERLINE},
	[UI_FOCUS] = {COLOR_BLACK, COLOR_YELLOW, 0, A_REVERSE},
	[UI_REQUIRED] = {COLOR_RED, -1, A_BOLD, A_BOLD},
	[UI_ERROR] = {COLOR_WHITE, COLOR_RED, A_BOLD, A_BOLD | A_REVERSE},
	[UI_WARN] = {COLOR_RED, -1, A_BOLD, A_BOLD},
	[UI_GOOD] = {COLOR_GREEN, -1, 0, 0},
	[UI_DIALOG] = {COLOR_BLACK, COLOR_WHITE, 0, 0},
	[UI_TAB] = {-1, -1, 0, 0},
	[UI_TAB_ACTIVE] = {COLOR_BLACK, COLOR_YELLOW, A_BOLD, A_REVERSE | A_BOLD},
};

/* Decides ASCII mode from the locale's codeset; i18n_setlocale must have
 * run. CANBO_ASCII=1 forces it (tests). */
void ui_draw_init_locale(void)
{
	const char *force = getenv("CANBO_ASCII");

	ascii_only = i18n_locale_is_ascii();
	if (force && *force)
		ascii_only = strcmp(force, "0") != 0;
}

void ui_draw_set_ascii(bool on)
{
	ascii_only = on;
}

/* Sets up colour pairs (after initscr) or the monochrome attributes.
 * color_mode is the configuration's enum cfg_color. */
void ui_draw_init_colors(int color_mode)
{
	const char *no_color = getenv("NO_COLOR");

	use_colors = has_colors() && color_mode != CFG_COLOR_NEVER &&
		     !(no_color && *no_color && color_mode != CFG_COLOR_ALWAYS);
	if (use_colors && start_color() == ERR)
		use_colors = false;
	if (use_colors)
		use_default_colors();
	for (int r = 0; r < UI_ROLE_COUNT; r++) {
		const struct role_style *st = &styles[r];
		if (!use_colors) {
			role_attr[r] = st->mono;
			continue;
		}
		if (st->fg == -1 && st->bg == -1) {
			role_attr[r] = st->color_extra;
			continue;
		}
		init_pair((short)(r + 1), st->fg, st->bg);
		role_attr[r] = COLOR_PAIR(r + 1) | st->color_extra;
	}
}

attr_t ui_attr(int role)
{
	if (role < 0 || role >= UI_ROLE_COUNT)
		return A_NORMAL;
	return role_attr[role];
}

bool ui_has_colors(void)
{
	return use_colors;
}

bool ui_ascii(void)
{
	return ascii_only;
}

const char *ui_glyph(int g)
{
	static const char *const utf8[UI_G_COUNT] = {
		"\u2588",	"\u2591",  "\u25b8", "\u2713", "\u2717", "!",	   "\u251c\u2500",
		"\u2514\u2500", "\u2502 ", "\u2500", "\u2026", "*",	 "\u25c2",
	};
	static const char *const ascii[UI_G_COUNT] = {
		"#", ".", ">", "+", "x", "!", "|-", "`-", "| ", "-", "~", "*", "<",
	};
	if (g < 0 || g >= UI_G_COUNT)
		return "";
	return ascii_only ? ascii[g] : utf8[g];
}

/* Fits and writes; pad decides whether the cell is filled to width. */
static int put_fitted(WINDOW *w, int y, int x, int width, const char *s, int role, bool pad)
{
	char buf[1024];
	int used;

	if (width <= 0)
		return 0;
	if (width > 300)
		width = 300;
	text_fit(s ? s : "", width, pad, ascii_only, buf, sizeof buf);
	used = pad ? width : text_width(buf);
	wattrset(w, ui_attr(role));
	mvwaddstr(w, y, x, buf);
	wattrset(w, A_NORMAL);
	return used;
}

int ui_put(WINDOW *w, int y, int x, int width, const char *s, int role)
{
	return put_fitted(w, y, x, width, s, role, true);
}

int ui_put_short(WINDOW *w, int y, int x, int width, const char *s, int role)
{
	return put_fitted(w, y, x, width, s, role, false);
}

int ui_putf(WINDOW *w, int y, int x, int width, int role, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return ui_put(w, y, x, width, buf, role);
}

/* Greedy word wrap: each row takes the words that fit; the last row
 * allowed takes the rest, cut with an ellipsis by ui_put. */
void ui_put_wrap_row(WINDOW *w, int y, int x, int width, const char **s, bool last, int role)
{
	const char *line;
	size_t len;
	char buf[1024];
	const char *next = text_wrap_line(*s, width, &line, &len);

	if (last && *next)
		len = strlen(line); /* the rest, cut with an ellipsis */
	if (len >= sizeof buf)
		len = sizeof buf - 1; /* far past the row: text_fit cuts it */
	memcpy(buf, line, len);
	buf[len] = '\0';
	for (char *nl = strchr(buf, '\n'); nl; nl = strchr(nl, '\n'))
		*nl = ' ';
	ui_put(w, y, x, width, buf, role);
	*s = next;
}

int ui_put_wrapped(WINDOW *w, int y, int x, int width, int max_rows, const char *s, int role)
{
	const char *p = s ? s : "";
	int rows = 0;

	while (rows < max_rows && (rows == 0 || *p)) {
		ui_put_wrap_row(w, y + rows, x, width, &p, rows == max_rows - 1, role);
		rows++;
	}
	return rows;
}

void ui_fill(WINDOW *w, int y, int x, int width, int role)
{
	if (width <= 0)
		return;
	wattrset(w, ui_attr(role));
	mvwhline(w, y, x, ' ', width);
	wattrset(w, A_NORMAL);
}

/* Whole cells only: the bar is exact to one cell, and reads the same in
 * ASCII. */
void ui_bar(WINDOW *w, int y, int x, int width, long value, long max, int role)
{
	long full = 0;

	if (width <= 0)
		return;
	if (max > 0 && value > 0)
		full = (value * width + max / 2) / max;
	if (full > width)
		full = width;
	wattrset(w, ui_attr(role));
	wmove(w, y, x);
	for (long i = 0; i < full; i++)
		waddstr(w, ui_glyph(UI_G_BLOCK));
	wattrset(w, ui_attr(UI_DIM));
	for (long i = full; i < width; i++)
		waddstr(w, ui_glyph(UI_G_SHADE));
	wattrset(w, A_NORMAL);
}

/* Drawn with glyphs rather than the alternate character set: UTF-8 box
 * lines (or + - |) read the same in every terminal, PuTTY included. */
void ui_box(WINDOW *w, ui_rect r, int role)
{
	const char *h = ascii_only ? "-" : "\u2500", *v = ascii_only ? "|" : "\u2502";
	const char *tl = ascii_only ? "+" : "\u250c", *tr = ascii_only ? "+" : "\u2510";
	const char *bl = ascii_only ? "+" : "\u2514", *br = ascii_only ? "+" : "\u2518";

	if (r.h < 2 || r.w < 2)
		return;
	wattrset(w, ui_attr(role));
	for (int i = 0; i < r.h; i++) {
		wmove(w, r.y + i, r.x);
		for (int j = 0; j < r.w; j++) {
			bool top = i == 0, bottom = i == r.h - 1, left = j == 0,
			     right = j == r.w - 1;
			const char *g = " ";
			if ((top || bottom) && (left || right))
				g = top ? (left ? tl : tr) : (left ? bl : br);
			else if (top || bottom)
				g = h;
			else if (left || right)
				g = v;
			waddstr(w, g);
		}
	}
	wattrset(w, A_NORMAL);
}

ui_rect ui_body(void)
{
	ui_rect r = {1, 0, LINES - 3, COLS};
	if (r.h < 0)
		r.h = 0;
	return r;
}

bool ui_too_small(void)
{
	return COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS;
}
