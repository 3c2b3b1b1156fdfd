/* line.c - the one-line editor under the search line, form fields and
 * input dialogs.
 *
 * Guarantees: text is held as Unicode code points, so Vietnamese typed
 * directly (get_wch) is edited a letter at a time: the cursor moves and
 * deletes by grapheme cluster, so a decomposed letter (UniKey's "Unicode
 * tổ hợp" types e + U+0302 + U+0303 for "ễ") is never split from its
 * marks; widths come from text_cp_width whatever the locale;
 * the UTF-8 length never exceeds max_bytes - a character that would pass
 * it is refused with a message, never cut silently.
 */
#include "ui_line.h"
#include "ui_view.h"

#include <string.h>

#include <utf8proc.h>

#include "i18n.h"
#include "text.h"

static size_t utf8_len_of(wchar_t c)
{
	return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

static size_t line_bytes(const ui_line *l)
{
	size_t n = 0;
	for (int i = 0; i < l->len; i++)
		n += utf8_len_of(l->buf[i]);
	return n;
}

static int char_width(wchar_t c)
{
	int w = text_cp_width((int32_t)c);
	if (ui_ascii())
		return c < 0x80 || utf8proc_category((utf8proc_int32_t)c) != UTF8PROC_CATEGORY_MN
			       ? 1
			       : 0;
	return w < 0 ? 1 : w;
}

/* Is there a grapheme cluster boundary before position i? Read from the
 * start of the line, since the rules keep state (emoji, regional flags). */
static bool cluster_boundary(const ui_line *l, int i)
{
	utf8proc_int32_t state = 0;
	bool brk = true;

	if (i <= 0 || i >= l->len)
		return true;
	for (int k = 1; k <= i; k++)
		brk = utf8proc_grapheme_break_stateful((utf8proc_int32_t)l->buf[k - 1],
						       (utf8proc_int32_t)l->buf[k], &state);
	return brk;
}

/* The start of the cluster that ends at i (i > 0). */
static int cluster_before(const ui_line *l, int i)
{
	int k = i - 1;

	while (k > 0 && !cluster_boundary(l, k))
		k--;
	return k;
}

/* The end of the cluster that starts at i (i < len). */
static int cluster_after(const ui_line *l, int i)
{
	int k = i + 1;

	while (k < l->len && !cluster_boundary(l, k))
		k++;
	return k;
}

void ui_line_init(ui_line *l, size_t max_bytes)
{
	l->len = l->cur = l->scroll = 0;
	l->buf[0] = 0;
	l->max_bytes = max_bytes;
}

bool ui_line_set(ui_line *l, const char *utf8)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)(utf8 ? utf8 : "");
	utf8proc_ssize_t left = (utf8proc_ssize_t)strlen((const char *)p);
	wchar_t tmp[UI_LINE_MAX];
	int n = 0;

	if ((size_t)left > l->max_bytes)
		return false;
	while (left > 0) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p, left, &cp);
		if (k <= 0 || n >= UI_LINE_MAX)
			return false;
		if (cp == '\n' || cp == '\t')
			cp = ' ';
		tmp[n++] = (wchar_t)cp;
		p += k;
		left -= k;
	}
	memcpy(l->buf, tmp, (size_t)n * sizeof tmp[0]);
	l->len = n;
	l->buf[n] = 0;
	l->cur = n;
	l->scroll = 0;
	return true;
}

size_t ui_line_get(const ui_line *l, char *out, size_t cap)
{
	size_t n = 0;

	for (int i = 0; i < l->len; i++) {
		utf8proc_uint8_t b[4];
		utf8proc_ssize_t k = utf8proc_encode_char((utf8proc_int32_t)l->buf[i], b);
		for (utf8proc_ssize_t j = 0; j < k; j++, n++)
			if (n + 1 < cap)
				out[n] = (char)b[j];
	}
	if (cap)
		out[n < cap ? n : cap - 1] = '\0';
	return n;
}

static bool insert_char(ui_line *l, wchar_t c)
{
	if (l->len >= UI_LINE_MAX || line_bytes(l) + utf8_len_of(c) > l->max_bytes) {
		ui_flash(UI_ERROR, _("Too long: no more can be typed here (at most %zu bytes)."),
			 l->max_bytes);
		beep();
		return false;
	}
	memmove(&l->buf[l->cur + 1], &l->buf[l->cur], (size_t)(l->len - l->cur) * sizeof(wchar_t));
	l->buf[l->cur++] = c;
	l->buf[++l->len] = 0;
	return true;
}

/* Deletes the code points [from, to). */
static void delete_range(ui_line *l, int from, int to)
{
	if (from < 0 || to > l->len || from >= to)
		return;
	memmove(&l->buf[from], &l->buf[to], (size_t)(l->len - to) * sizeof(wchar_t));
	l->len -= to - from;
	l->buf[l->len] = 0;
}

int ui_line_key(ui_line *l, int action, ui_key key, bool *changed)
{
	bool ch = false;

	switch (action) {
	case UI_ACT_LEFT:
		if (l->cur > 0)
			l->cur = cluster_before(l, l->cur);
		break;
	case UI_ACT_RIGHT:
		if (l->cur < l->len)
			l->cur = cluster_after(l, l->cur);
		break;
	case UI_ACT_LINE_START:
		l->cur = 0;
		break;
	case UI_ACT_LINE_END:
		l->cur = l->len;
		break;
	case UI_ACT_BACKSPACE:
		if (l->cur > 0) {
			int from = cluster_before(l, l->cur);
			delete_range(l, from, l->cur);
			l->cur = from;
			ch = true;
		}
		break;
	case UI_ACT_DELETE_CHAR:
		if (l->cur < l->len) {
			delete_range(l, l->cur, cluster_after(l, l->cur));
			ch = true;
		}
		break;
	case UI_ACT_CLEAR:
		ch = l->len > 0;
		l->len = l->cur = l->scroll = 0;
		l->buf[0] = 0;
		break;
	case UI_ACT_NONE:
		if (!ui_key_is_text(key))
			return UI_UNHANDLED;
		ch = insert_char(l, (wchar_t)key);
		break;
	default:
		return UI_UNHANDLED;
	}
	if (changed)
		*changed = ch;
	return UI_HANDLED;
}

/* One character as drawable UTF-8 (ASCII-folded when needed). */
static void cell_text(wchar_t c, char *out, size_t cap)
{
	utf8proc_uint8_t b[5];
	utf8proc_ssize_t k = utf8proc_encode_char((utf8proc_int32_t)c, b);

	b[k > 0 ? k : 0] = 0;
	if (ui_ascii() && c >= 0x80) {
		text_ascii((const char *)b, out, cap);
		if (!out[0] && char_width(c) > 0)
			snprintf(out, cap, "?");
		return;
	}
	snprintf(out, cap, "%s", (const char *)b);
}

/* Keeps the cursor inside the shown part. */
static void scroll_to_cursor(ui_line *l, int width)
{
	int w = 0;

	if (l->cur < l->scroll)
		l->scroll = l->cur;
	for (;;) {
		w = 0;
		for (int i = l->scroll; i < l->cur; i++)
			w += char_width(l->buf[i]);
		if (w < width || l->scroll >= l->cur)
			break;
		l->scroll = cluster_after(l, l->scroll);
	}
}

void ui_line_draw(ui_line *l, WINDOW *w, int y, int x, int width, int role, bool focus)
{
	int col = 0, cur_col = 0;

	if (width <= 0)
		return;
	scroll_to_cursor(l, width);
	wattrset(w, ui_attr(role));
	wmove(w, y, x);
	for (int i = l->scroll; i <= l->len; i++) {
		if (i == l->cur)
			cur_col = col;
		if (i == l->len)
			break;
		int cw = char_width(l->buf[i]);
		char cell[16];
		if (col + cw > width)
			break;
		cell_text(l->buf[i], cell, sizeof cell);
		waddstr(w, cell);
		col += cw;
	}
	for (; col < width; col++)
		waddch(w, ' ');
	wattrset(w, A_NORMAL);
	if (focus)
		ui_set_cursor(y, x + (cur_col < width ? cur_col : width - 1));
}
