/* listview_layout.c - where the columns of a list view go: the width
 * arithmetic and the fitting of a cell, with no drawing (unit-tested).
 *
 * Guarantees: the columns shown, their blanks, the selection marker and
 * the hidden-columns mark never take more than the row's width; a column
 * is hidden only when the others would not fit at their minimum, in its
 * hide order; what is left over goes to the columns that share it, in
 * proportion; display widths count wide characters 2 and combining marks
 * 0, so a Vietnamese or CJK heading sets the width it really takes.
 */
#include "listview_internal.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "text.h"

static int min_width(const ui_column *c)
{
	int w = c->min;

	if (w <= 0)
		w = c->label && *c->label ? text_width(_(c->label)) : 1;
	return w > 0 ? w : 1;
}

/* Columns needed by the visible columns at their minimum. */
static int needed(const ui_column *cols, int n, const bool *shown, int hidden)
{
	int need = 1, vis = 0; /* the selection marker */

	for (int i = 0; i < n; i++)
		if (shown[i]) {
			need += min_width(&cols[i]);
			vis++;
		}
	if (vis > 1)
		need += vis - 1;
	return need + (hidden ? UI_HIDDEN_MARK_W : 0);
}

/* The visible column hidden next: the lowest hide number; of equals, the
 * rightmost. -1 if none may go. */
static int next_to_hide(const ui_column *cols, int n, const bool *shown)
{
	int pick = -1;

	for (int i = 0; i < n; i++)
		if (shown[i] && cols[i].hide > 0 && (pick < 0 || cols[i].hide <= cols[pick].hide))
			pick = i;
	return pick;
}

/* Gives `extra` columns to the sharing columns in proportion; what the
 * rounding leaves goes to the first of them. */
static void share_out(const ui_column *cols, int n, const bool *shown, int *w, int extra)
{
	int total_share = 0, given = 0, first = -1;

	for (int i = 0; i < n; i++)
		if (shown[i] && cols[i].share > 0) {
			total_share += cols[i].share;
			if (first < 0)
				first = i;
		}
	if (first < 0 || extra <= 0)
		return;
	for (int i = 0; i < n; i++)
		if (shown[i] && cols[i].share > 0) {
			int add = (int)((long)extra * cols[i].share / total_share);
			w[i] += add;
			given += add;
		}
	w[first] += extra - given;
}

/* Narrows the widest columns one at a time until `over` columns are won
 * back (or every column is 1 wide). */
static void squeeze(int n, const bool *shown, int *w, int over)
{
	while (over > 0) {
		int widest = -1;
		for (int i = 0; i < n; i++)
			if (shown[i] && w[i] > 1 && (widest < 0 || w[i] > w[widest]))
				widest = i;
		if (widest < 0)
			return;
		w[widest]--;
		over--;
	}
}

int ui_columns_layout(const ui_column *cols, int n, int total, ui_column_place *place)
{
	bool shown[UI_COLUMNS_MAX];
	int w[UI_COLUMNS_MAX], hidden = 0, x = 1, need;

	if (n > UI_COLUMNS_MAX)
		n = UI_COLUMNS_MAX;
	for (int i = 0; i < n; i++) {
		shown[i] = true;
		w[i] = min_width(&cols[i]);
	}
	while ((need = needed(cols, n, shown, hidden)) > total) {
		int h = next_to_hide(cols, n, shown);
		if (h < 0)
			break;
		shown[h] = false;
		hidden++;
	}
	if (need <= total)
		share_out(cols, n, shown, w, total - need);
	else
		squeeze(n, shown, w, need - total);
	for (int i = 0; i < n; i++) {
		place[i].x = shown[i] ? x : 0;
		place[i].w = shown[i] ? w[i] : 0;
		if (shown[i])
			x += w[i] + 1;
	}
	return hidden;
}

int ui_columns_layout_scrolled(const ui_column *cols, int n, int total, int scrolled,
			       ui_column_place *place)
{
	ui_column kept[UI_COLUMNS_MAX];
	ui_column_place at[UI_COLUMNS_MAX];
	int m = 0, hidden;

	if (n > UI_COLUMNS_MAX)
		n = UI_COLUMNS_MAX;
	if (scrolled < 0)
		scrolled = 0;
	memset(kept, 0, sizeof kept);
	for (int i = 0; i < n; i++)
		if (i == 0 || i > scrolled)
			kept[m++] = cols[i];
	hidden = ui_columns_layout(kept, m, total, at);
	m = 0;
	for (int i = 0; i < n; i++)
		place[i] = i == 0 || i > scrolled ? at[m++] : (ui_column_place){0, 0};
	return hidden;
}

size_t ui_column_fit(const char *s, int width, int align, bool ascii, char *buf, size_t cap)
{
	char cut[UI_CELL_MAX * 2];
	int pad;
	size_t len;

	if (cap == 0)
		return 0;
	buf[0] = '\0';
	if (width <= 0)
		return 0;
	if (align == UI_ALIGN_NAME) {
		text_fit_name(s ? s : "", width, ascii, cut, sizeof cut);
		return text_fit(cut, width, true, false, buf, cap);
	}
	if (align != OUT_RIGHT)
		return text_fit(s ? s : "", width, true, ascii, buf, cap);
	len = text_fit(s ? s : "", width, false, ascii, cut, sizeof cut);
	pad = width - text_width(cut);
	if (pad < 0)
		pad = 0;
	if ((size_t)pad + len + 1 > cap)
		return text_fit(cut, width, true, false, buf, cap);
	memset(buf, ' ', (size_t)pad);
	memcpy(buf + pad, cut, len + 1);
	return (size_t)pad + len;
}

const char *ui_column_head_split(const char *label, int width, char *first, size_t cap)
{
	const char *cut = NULL;
	char part[UI_CELL_MAX];

	snprintf(first, cap, "%s", label);
	if (text_width(label) <= width)
		return "";
	for (const char *p = label; *p; p++) {
		size_t k = (size_t)(p - label);
		if (*p != ' ' || k >= sizeof part)
			continue;
		memcpy(part, label, k);
		part[k] = '\0';
		if (text_width(part) <= width)
			cut = p;
	}
	if (!cut || (size_t)(cut - label) >= cap)
		return "";
	first[cut - label] = '\0';
	return cut + 1;
}

int ui_column_text(const ui_listview_def *def, void *ctx, int i, const void *row, char *buf)
{
	const ui_column *c = &def->cols[i];

	buf[0] = '\0';
	if (c->cell)
		return c->cell(ctx, row, buf, UI_CELL_MAX);
	snprintf(buf, UI_CELL_MAX, "%s", (const char *)row + c->text_at);
	if (c->role != UI_NORMAL)
		return c->role;
	return def->tone ? def->tone(ctx, row) : UI_NORMAL;
}
