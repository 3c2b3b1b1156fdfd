/* draw_hidden.c - the sign that a table has columns out of sight. */
#include <stdio.h>

#include "ui_draw.h"
#include "text.h"

void ui_put_hidden(WINDOW *w, int y, int x, int width, int n, bool left, int role)
{
	char mark[24];
	int mw;

	if (n <= 0 || width <= 0)
		return;
	snprintf(mark, sizeof mark, "%s%d", ui_glyph(left ? UI_G_LEFT : UI_G_ARROW), n);
	mw = text_width(mark);
	if (mw > width)
		mw = width;
	ui_put(w, y, x + width - mw, mw, mark, role);
}
