/* plans_text.c - the text helpers the plan screens share (screen_plans.h):
 * dates as dd/mm/yyyy and text wrapped into a few rows under a label.
 */
#include "screen_plans.h"

#include <stdio.h>
#include <string.h>

#include "text.h"
#include "ui_draw.h"

const char *screen_plans_date(const char *iso, char *buf)
{
	cb_date d;
	if (!iso[0] || !date_parse_iso(iso, &d))
		return iso;
	date_format_vn(d, buf);
	return buf;
}

/* Length in bytes of the longest prefix of s that fits width columns,
 * cut after a space when there is one. */
static size_t fit_prefix(const char *s, int width)
{
	size_t best = 0, space = 0, i = 0;
	char buf[1024];
	while (s[i] && s[i] != '\n') {
		size_t j = i + 1;
		while (s[j] && ((unsigned char)s[j] & 0xc0) == 0x80)
			j++;
		if (j >= sizeof buf)
			break;
		memcpy(buf, s, j);
		buf[j] = '\0';
		if (text_width(buf) > width)
			break;
		best = j;
		if (s[i] == ' ')
			space = i + 1;
		i = j;
	}
	if (s[best] && s[best] != '\n' && space)
		return space;
	return best ? best : (s[0] ? i + 1 : 0);
}

int screen_plans_wrap(int y, int x, int width, int max_rows, const char *label, const char *text,
		      int role)
{
	int rows = 0, lw = 0;
	const char *p = text;
	char line[1024];

	if (label && max_rows > 0) {
		lw = ui_put_short(stdscr, y, x, width, label, UI_DIM) + 1;
		if (lw >= width)
			lw = 0;
	}
	do {
		int w = width - (rows == 0 ? lw : 2), cx = x + (rows == 0 ? lw : 2);
		size_t n = w > 0 ? fit_prefix(p, w) : 0;
		if (n >= sizeof line)
			n = sizeof line - 1;
		memcpy(line, p, n);
		line[n] = '\0';
		if (rows > 0)
			ui_fill(stdscr, y + rows, x, 2, UI_NORMAL);
		ui_put(stdscr, y + rows, cx, w, line, role);
		p += n;
		while (*p == ' ' || *p == '\n')
			p++;
		rows++;
	} while (*p && rows < max_rows);
	return rows;
}
