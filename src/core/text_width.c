/* text_width.c - terminal columns of text, and fitting text into a column.
 *
 * Widths come from utf8proc (wide East Asian characters 2, combining marks
 * 0), except spacing marks (category Mc), which count 1 as in glibc. Control characters and bytes
 * that are not UTF-8 are shown as "?", so they count 1: what text_width says is what text_fit
 * draws. text_fit cuts only between grapheme clusters, so a letter and its combining marks (NFD "ễ"
 * is three code points) always stay together. text_wrap_line breaks text
 * into lines by the same measure, for every wrapped text of the screens.
 */
#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

int text_cp_width(int32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return 1;
	/* Spacing marks (Khmer vowel signs such as U+17B6) take a column of
	 * their own in glibc's wcwidth and so in terminals. */
	if (utf8proc_category(cp) == UTF8PROC_CATEGORY_MC)
		return 1;
	return utf8proc_charwidth(cp);
}

/* Columns of one code point as drawn by text_fit. */
static int cp_width(utf8proc_int32_t cp)
{
	return text_cp_width(cp);
}

/* The length of the code point at p when it is one of the letters of
 * Vietnamese text, each one column wide and a grapheme cluster of its own
 * unless a combining mark follows: visible ASCII and space, Latin-1 and
 * Latin Extended-A/B letters (U+00C0..U+024F) and Latin Extended
 * Additional (U+1E00..U+1EFF, "ễ", "ự"); 0 for anything else, left to
 * utf8proc. Names and units are almost wholly made of these, and asking
 * utf8proc three properties of each was most of the cost of a table. */
static size_t plain_letter(const unsigned char *p)
{
	if (p[0] >= 0x20 && p[0] < 0x7f)
		return 1;
	if (p[0] >= 0xC3 && p[0] <= 0xC9 && (p[1] & 0xC0) == 0x80 && (p[0] < 0xC9 || p[1] <= 0x8F))
		return 2;
	if (p[0] == 0xE1 && p[1] >= 0xB8 && p[1] <= 0xBB && (p[2] & 0xC0) == 0x80)
		return 3;
	return 0;
}

int text_width(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)(s ? s : "");
	utf8proc_int32_t cp;
	int w = 0;

	while (*p) {
		if (*p < 0x80) {
			w++;
			p++;
			continue;
		}
		size_t plain = plain_letter(p);
		if (plain) {
			w++;
			p += plain;
			continue;
		}
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
		if (n < 0) {
			w++;
			p++;
			continue;
		}
		w += cp_width(cp);
		p += n;
	}
	return w;
}

/* One grapheme cluster starting at p. */
struct cluster {
	size_t len; /* bytes in the source */
	int width;
	bool bad; /* drawn as "?" (invalid byte or control character) */
};

static void cluster_read(const utf8proc_uint8_t *p, struct cluster *c)
{
	utf8proc_int32_t cp, next, state = 0;
	size_t plain = plain_letter(p);

	/* a plain letter followed by the end or another: a cluster alone
	 * (no rule of UAX #29 joins two such letters) */
	if (plain && (!p[plain] || plain_letter(p + plain))) {
		c->len = plain;
		c->width = 1;
		c->bad = false;
		return;
	}
	utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);

	if (n < 0 || cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
		c->len = n < 0 ? 1 : (size_t)n;
		c->width = 1;
		c->bad = true;
		return;
	}
	c->len = (size_t)n;
	c->width = cp_width(cp);
	c->bad = false;
	for (;;) {
		n = utf8proc_iterate(p + c->len, -1, &next);
		if (n <= 0 || next == 0 || next < 0x20 || (next >= 0x7f && next < 0xa0) ||
		    utf8proc_grapheme_break_stateful(cp, next, &state))
			return;
		c->len += (size_t)n;
		c->width += cp_width(next);
		cp = next;
	}
}

/* Copies clusters of s into buf while they fit in `limit` columns and in
 * cap bytes with room left for the ellipsis and the NUL. Returns bytes
 * written; *cols gets their width, *rest points past the last copied. */
static size_t fit_copy(const char *s, int limit, char *buf, size_t cap, size_t reserve, int *cols,
		       const char **rest)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	struct cluster c;
	size_t n = 0;
	int w = 0;

	while (*p) {
		/* a run of plain letters, each a cluster of its own (the next
		 * one plain too, or the end), copied at once */
		size_t run = 0, len;
		int run_w = 0;
		while ((len = plain_letter(p + run)) && w + run_w + 1 <= limit &&
		       n + run + len + reserve + 1 <= cap &&
		       (!p[run + len] || plain_letter(p + run + len))) {
			run += len;
			run_w++;
		}
		if (run) {
			memcpy(buf + n, p, run);
			n += run;
			w += run_w;
			p += run;
			continue;
		}
		cluster_read(p, &c);
		size_t out = c.bad ? 1 : c.len;
		if (w + c.width > limit || n + out + reserve + 1 > cap)
			break;
		if (c.bad)
			buf[n] = '?';
		else
			memcpy(buf + n, p, c.len);
		n += out;
		w += c.width;
		p += c.len;
	}
	*cols = w;
	*rest = (const char *)p;
	return n;
}

/* The ASCII form of s for a terminal without UTF-8, in stack or *heap. */
static const char *fit_ascii(const char *s, char *stack, size_t cap, char **heap)
{
	size_t need = text_ascii(s, stack, cap);

	if (need < cap)
		return stack;
	*heap = malloc(need + 1);
	if (!*heap)
		return stack; /* cut short, but still a clean ASCII string */
	text_ascii(s, *heap, need + 1);
	return *heap;
}

size_t text_fit(const char *s, int width, bool pad, bool ascii, char *buf, size_t cap)
{
	char stack[512], *heap = NULL;
	const char *src = s ? s : "", *rest;
	const char *ell = ascii ? "~" : "\xE2\x80\xA6"; /* U+2026 … */
	size_t ell_len = strlen(ell), n;
	int cols, limit;

	if (!buf || cap == 0)
		return 0;
	buf[0] = '\0';
	if (width <= 0)
		return 0;
	if (ascii)
		src = fit_ascii(src, stack, sizeof stack, &heap);
	limit = text_width(src) > width ? width - 1 : width;
	n = fit_copy(src, limit, buf, cap, ell_len, &cols, &rest);
	while (*rest && n > 0 && buf[n - 1] == ' ') {
		n--; /* "Nguyễn Thị…", not "Nguyễn Thị …" */
		cols--;
	}
	if (*rest && n + ell_len + 1 <= cap && cols < width) {
		memcpy(buf + n, ell, ell_len);
		n += ell_len;
		cols++;
	}
	while (pad && cols < width && n + 2 <= cap) {
		buf[n++] = ' ';
		cols++;
	}
	buf[n] = '\0';
	free(heap);
	return n;
}

/* Past the spaces at p; past one newline too when the line before was
 * ended by the width (it needs no second end). */
static const char *skip_break(const char *p, bool ended_by_width)
{
	while (*p == ' ')
		p++;
	if (ended_by_width && *p == '\n')
		p++;
	return p;
}

const char *text_wrap_line(const char *s, int width, const char **line, size_t *len)
{
	const char *start = skip_break(s ? s : "", false), *q = start, *space = NULL;
	struct cluster c;
	int w = 0;

	*line = start;
	while (*q && *q != '\n') {
		if (*q == ' ') {
			if (q > start && q[-1] != ' ')
				space = q; /* the line may end before this space */
			w++;
			q++;
			if (w > width) {
				*len = (size_t)(space - start);
				return skip_break(q, true);
			}
			continue;
		}
		cluster_read((const utf8proc_uint8_t *)q, &c);
		if (w + c.width > width && (space || q > start)) {
			/* the word does not fit: break before it, or inside a word
			 * wider than the whole line */
			*len = (size_t)((space ? space : q) - start);
			return skip_break(space ? space : q, true);
		}
		w += c.width;
		q += c.len;
	}
	*len = (size_t)(q - start);
	while (*len && start[*len - 1] == ' ')
		(*len)--;
	return *q == '\n' ? q + 1 : q;
}
