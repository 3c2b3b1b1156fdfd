/* plans_text.c - the text helpers the plan screens share (screen_plans.h):
 * dates as dd/mm/yyyy and text wrapped into a few rows under a label.
 */
#include "screen_plans.h"

#include "ui_draw.h"

const char *screen_plans_date(const char *iso, char *buf)
{
	cb_date d;
	if (!iso[0] || !date_parse_iso(iso, &d))
		return iso;
	date_format_vn(d, buf);
	return buf;
}

int screen_plans_wrap(int y, int x, int width, int max_rows, const char *label, const char *text,
		      int role)
{
	int rows = 0, lw = 0;
	const char *p = text ? text : "";

	if (label && max_rows > 0) {
		lw = ui_put_short(stdscr, y, x, width, label, UI_DIM) + 1;
		if (lw >= width)
			lw = 0;
	}
	do {
		int indent = rows == 0 ? lw : 2;
		if (rows > 0)
			ui_fill(stdscr, y + rows, x, 2, UI_NORMAL);
		ui_put_wrap_row(stdscr, y + rows, x + indent, width - indent, &p,
				rows == max_rows - 1, role);
		rows++;
	} while (*p && rows < max_rows);
	return rows;
}
