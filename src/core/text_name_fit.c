/* text_name_fit.c - a person's name in fewer columns than it takes. A
 * Vietnamese list is sorted by the given name (the last word), and people
 * are told apart by surname and given name, so a name is never cut at its
 * end: the middle names go first ("Tôn Nữ Thị Ngọc Hân" -> "Tôn Nữ… Hân"),
 * and only when even "surname… given" does not fit is the text cut at a
 * character. */
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t text_fit_name(const char *s, int width, bool ascii, char *buf, size_t cap)
{
	const char *ell = ascii ? "~" : "\xE2\x80\xA6";
	char *src, head[256], tail[256];
	const char *last;
	size_t n;

	if (!buf || cap == 0)
		return 0;
	buf[0] = '\0';
	if (width <= 0)
		return 0;
	if (!(src = malloc(4 * strlen(s ? s : "") + 8)))
		return text_fit(s, width, false, ascii, buf, cap);
	if (ascii)
		text_ascii(s ? s : "", src, 4 * strlen(s ? s : "") + 8);
	else
		strcpy(src, s ? s : "");
	last = strrchr(src, ' ');
	if (text_width(src) <= width || !last) {
		n = text_fit(src, width, false, false, buf, cap);
		free(src);
		return n;
	}
	/* "surname middle…" + " given": the head as long as room allows */
	snprintf(tail, sizeof tail, "%s", last); /* with its space */
	int room = width - text_width(tail) - 1; /* 1 for the ellipsis */
	if (room < 1) {
		n = text_fit(src, width, false, false, buf, cap);
		free(src);
		return n;
	}
	src[last - src] = '\0';
	/* cut the head at a word end when one fits, else at a character */
	size_t keep = 0;
	for (const char *p = src; *p; p++)
		if (*p == ' ') {
			char word[256];
			size_t len = (size_t)(p - src) < sizeof word ? (size_t)(p - src)
								     : sizeof word - 1;
			memcpy(word, src, len);
			word[len] = '\0';
			if (text_width(word) <= room)
				keep = len;
		}
	if (text_width(src) <= room)
		keep = strlen(src);
	if (keep) {
		memcpy(head, src, keep < sizeof head ? keep : sizeof head - 1);
		head[keep < sizeof head ? keep : sizeof head - 1] = '\0';
	} else {
		/* text_fit leaves room for its own "…": ask for one column more */
		text_fit(src, room + 1, false, false, head, sizeof head);
		size_t hl = strlen(head), el = strlen(ell);
		if (hl >= el && strcmp(head + hl - el, ell) == 0)
			head[hl - el] = '\0';
	}
	n = (size_t)snprintf(buf, cap, "%s%s%s", head, ell, tail);
	free(src);
	return n < cap ? n : cap - 1;
}
