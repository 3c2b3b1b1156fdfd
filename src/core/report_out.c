/* report_out.c - a report's result through output.h: the table with the
 * header and signature blocks of a party document around it, the same
 * block as the title and footer of an XLSX, the rows alone in CSV and
 * JSON (stable keys for scripts: "row", then each column as
 * count_total, count_gender_female, percent_gender_female...).
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "output.h"
#include "text.h"

typedef struct report_cols {
	out_column col[REPORT_MAX_COLS + 1];
	char key[REPORT_MAX_COLS][64];
} report_cols;

static void columns(const report *r, report_cols *rc)
{
	rc->col[0] = (out_column){"row", r->row_heading[0] ? r->row_heading : _("Unit"), OUT_LEFT,
				  OUT_STR, 40};
	for (size_t c = 0; c < r->ncols; c++) {
		const report_column *col = &r->cols[c];
		const char *what = col->kind == REPORT_COL_PERCENT ? "percent" : "count";
		if (col->dim == DIM_NONE)
			snprintf(rc->key[c], sizeof rc->key[c], "%s_total", what);
		else
			snprintf(rc->key[c], sizeof rc->key[c], "%s_%s_%s%s", what,
				 stats_dim_name(col->dim), col->value,
				 col->kind == REPORT_COL_PERCENT && col->of == REPORT_OF_TOTAL
					 ? "_of_total"
					 : "");
		rc->col[c + 1] =
			(out_column){rc->key[c], col->label, OUT_RIGHT,
				     col->kind == REPORT_COL_PERCENT ? OUT_PCT : OUT_NUM, 0};
	}
}

/* "Long An, ngày 30 tháng 6 năm 2025" */
static void place_date(const report *r, cb_date today, char *buf, size_t cap)
{
	int y, m, d;
	date_to_ymd(today, &y, &m, &d);
	snprintf(buf, cap, _("%s, day %d month %d year %d"), r->place, d, m, y);
}

static const char *example_note(void)
{
	return _("EXAMPLE layout, not an official form: check every row and column against the "
		 "official form before sending");
}

/* left, padded to 40 display columns (not bytes: Vietnamese letters take
 * several), then right. */
static void two_sides(FILE *f, const char *left, const char *right)
{
	int pad = 42 - text_width(left);
	fprintf(f, "%s%*s%s\n", left, pad > 2 ? pad : 2, "", right);
}

/* The header block, title and scope as lines of text (the table form). */
static void text_header(FILE *f, const app *a, const report *r, const report_result *res)
{
	char date[11], when[REPORT_TEXT_MAX + 64];

	place_date(r, a->today, when, sizeof when);
	if (r->committee[0] || r->party[0])
		two_sides(f, r->committee, r->party);
	if (r->department[0] || r->place[0])
		two_sides(f, r->department, r->place[0] ? when : "");
	if (r->number[0])
		fprintf(f, "%s\n", r->number);
	fprintf(f, "\n%s\n", r->title);
	if (r->source[0])
		fprintf(f, "(%s: %s)\n", _("Source"), r->source);
	date_format_vn(a->today, date);
	fprintf(f, "%s · %s", res->scope, date);
	if (res->year)
		fprintf(f, " · %s %d", _("year"), res->year);
	fputc('\n', f);
	if (r->example)
		fprintf(f, "*** %s ***\n", example_note());
	fputc('\n', f);
}

static void sheet_header(out_writer *w, const app *a, const report *r, const report_result *res)
{
	char date[11], year[8], when[REPORT_TEXT_MAX + 64];

	place_date(r, a->today, when, sizeof when);
	out_title(w, r->committee, r->party);
	out_title(w, r->department, r->place[0] ? when : "");
	if (r->number[0])
		out_title(w, r->number, "");
	out_title(w, r->title, "");
	if (r->source[0])
		out_title(w, _("Source"), r->source);
	out_title(w, _("Scope"), res->scope);
	if (res->year) {
		snprintf(year, sizeof year, "%d", res->year);
		out_title(w, _("Year"), year);
	}
	date_format_vn(a->today, date);
	out_title(w, _("Reference date"), date);
	if (r->example)
		out_title(w, _("EXAMPLE"), example_note());
	for (size_t i = 0; i < r->nsign; i++)
		out_footer(w, r->sign[i]);
}

int report_write(FILE *f, int format, const app *a, const report *r, const report_result *res)
{
	report_cols rc;
	char cell[REPORT_MAX_COLS][24];
	const char *cells[REPORT_MAX_COLS + 1];
	out_writer *w;
	int err = 0;

	columns(r, &rc);
	if (format == OUT_TABLE)
		text_header(f, a, r, res);
	if (!(w = out_begin(f, format, rc.col, r->ncols + 1)))
		return CB_EDB;
	if (format == OUT_XLSX)
		sheet_header(w, a, r, res);
	for (size_t i = 0; i < res->n && !err; i++) {
		cells[0] = res->lines[i].label;
		for (size_t c = 0; c < r->ncols; c++) {
			report_cell(r, &res->lines[i], c, cell[c], sizeof cell[c]);
			cells[c + 1] = cell[c];
		}
		err = out_row(w, cells);
	}
	if (err) {
		out_discard(w);
		return CB_EDB;
	}
	if (out_end(w))
		return CB_EDB;
	if (format == OUT_TABLE) {
		if (r->nsign)
			fputc('\n', f);
		for (size_t i = 0; i < r->nsign; i++)
			fprintf(f, "%40s%s\n", "", r->sign[i]);
		if (r->example)
			fprintf(f, "\n*** %s ***\n", example_note());
	}
	return ferror(f) ? CB_EDB : CB_OK;
}
