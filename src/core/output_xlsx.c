/* output_xlsx.c - one sheet of rows as an XLSX workbook (libxlsxwriter).
 *
 * Rows go into the sheet as they come (libxlsxwriter keeps them); the
 * layout that depends on every row - column widths, the chart's range - is
 * set at the end. libxlsxwriter writes only to a named file, so the
 * workbook is built in a temporary file and then copied to the caller's
 * FILE (stdout, or the temporary file of an atomic --output). The library
 * itself is opened on first use (xlsx_lib.h).
 */
#include "output_xlsx.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "text.h"
#include "xlsx_lib.h"

/* libxlsxwriter, loaded by the first xlsx_begin */
static const xlsx_lib *xl;
static char reason[512];

#define TITLE_MAX    16 /* lines of the title block, and of the footer */
#define WIDTH_MAX    60 /* a column is never fitted wider (long notes wrap) */
#define WIDTH_MIN    6
#define PCT_DECIMALS 4 /* "0%" .. "0.000%" */
#define PAPER_A4     9

struct xlsx_sheet {
	char path[64];
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold, *head, *pct[PCT_DECIMALS];
	const out_column *cols;
	size_t ncols;
	int *width;
	char *title_label[TITLE_MAX], *title_value[TITLE_MAX];
	int ntitle;
	char *heading;
	char *footer[TITLE_MAX];
	int nfooter;
	out_chart chart;
	bool has_chart;
	bool started; /* the title block and header row are written */
	lxw_row_t header_row, next_row;
};

static void add_formats(xlsx_sheet *x)
{
	static const char *const pct[PCT_DECIMALS] = {"0%", "0.0%", "0.00%", "0.000%"};

	x->bold = xl->workbook_add_format(x->wb);
	xl->format_set_bold(x->bold);
	x->head = xl->workbook_add_format(x->wb);
	xl->format_set_bold(x->head);
	xl->format_set_text_wrap(x->head);
	xl->format_set_align(x->head, LXW_ALIGN_VERTICAL_CENTER);
	xl->format_set_bottom(x->head, LXW_BORDER_THIN);
	for (int i = 0; i < PCT_DECIMALS; i++) {
		x->pct[i] = xl->workbook_add_format(x->wb);
		xl->format_set_num_format(x->pct[i], pct[i]);
	}
}

xlsx_sheet *xlsx_begin(const out_column *cols, size_t ncols, const char **why)
{
	const char *lib_error = NULL;
	const char *dir = getenv("TMPDIR");
	lxw_workbook_options opt = {0};
	xlsx_sheet *x = calloc(1, sizeof *x);
	int fd;

	if (!x)
		return NULL;
	if (!xl && !(xl = xlsx_lib_load(&lib_error))) {
		/* a broken installation: say so rather than "out of memory" */
		snprintf(reason, sizeof reason, _("XLSX cannot be written: %s"), lib_error);
		*why = reason;
		free(x);
		return NULL;
	}
	if (!dir || !*dir || strlen(dir) > sizeof x->path - 24)
		dir = "/tmp";
	snprintf(x->path, sizeof x->path, "%s/canbo-xlsx-XXXXXX", dir);
	if ((fd = mkstemp(x->path)) < 0) {
		free(x);
		return NULL;
	}
	close(fd);
	opt.tmpdir = (char *)dir;
	x->cols = cols;
	x->ncols = ncols;
	x->width = calloc(ncols ? ncols : 1, sizeof *x->width);
	if (!x->width || !(x->wb = xl->workbook_new_opt(x->path, &opt)) ||
	    !(x->ws = xl->workbook_add_worksheet(x->wb, NULL))) {
		xlsx_discard(x);
		return NULL;
	}
	add_formats(x);
	for (size_t i = 0; i < ncols; i++)
		x->width[i] = text_width(*cols[i].header ? cols[i].header : cols[i].key);
	return x;
}

void xlsx_title(xlsx_sheet *x, const char *label, const char *value)
{
	if (x->started)
		return;
	if (!label) {
		free(x->heading);
		x->heading = strdup(value ? value : "");
		return;
	}
	if (x->ntitle == TITLE_MAX)
		return;
	x->title_label[x->ntitle] = strdup(label);
	x->title_value[x->ntitle] = strdup(value ? value : "");
	x->ntitle++;
}

void xlsx_footer(xlsx_sheet *x, const char *text)
{
	if (x->nfooter < TITLE_MAX)
		x->footer[x->nfooter++] = strdup(text ? text : "");
}

/* The footer lines, a blank row below the table, centred over the last
 * columns (where a signature block stands on a printed form). */
static void write_footer(xlsx_sheet *x)
{
	lxw_col_t first = x->ncols > 3 ? (lxw_col_t)(x->ncols - 3) : 0;
	lxw_col_t last = x->ncols ? (lxw_col_t)(x->ncols - 1) : 0;
	lxw_format *centre = xl->workbook_add_format(x->wb);

	xl->format_set_align(centre, LXW_ALIGN_CENTER);
	xl->format_set_bold(centre);
	for (int i = 0; i < x->nfooter; i++) {
		lxw_row_t r = x->next_row + 1 + (lxw_row_t)i;
		if (first < last)
			xl->worksheet_merge_range(x->ws, r, first, r, last, x->footer[i], centre);
		else
			xl->worksheet_write_string(x->ws, r, first, x->footer[i], centre);
	}
}

void xlsx_chart(xlsx_sheet *x, const out_chart *chart)
{
	x->chart = *chart;
	x->has_chart = chart->nseries > 0;
}

/* The title block, a blank line, the header row. */
static void start(xlsx_sheet *x)
{
	lxw_row_t r = 0;

	x->started = true;
	if (x->heading)
		xl->worksheet_write_string(x->ws, r++, 0, x->heading, x->bold);
	for (int i = 0; i < x->ntitle; i++, r++) {
		xl->worksheet_write_string(x->ws, r, 0, x->title_label[i] ? x->title_label[i] : "",
					   x->bold);
		xl->worksheet_write_string(x->ws, r, 1, x->title_value[i] ? x->title_value[i] : "",
					   NULL);
	}
	if (r)
		r++;
	x->header_row = r;
	for (size_t c = 0; c < x->ncols; c++)
		xl->worksheet_write_string(x->ws, r, (lxw_col_t)c,
					   *x->cols[c].header ? x->cols[c].header : x->cols[c].key,
					   x->head);
	x->next_row = r + 1;
}

/* "29.3" -> 0.293 and its number of decimals; false if s is no number. */
static bool parse_number(const char *s, double *v, int *decimals)
{
	char *end;
	const char *dot;

	if (!*s)
		return false;
	errno = 0;
	*v = strtod(s, &end);
	if (*end || errno || end == s)
		return false;
	dot = strchr(s, '.');
	*decimals = dot ? (int)strlen(dot + 1) : 0;
	return true;
}

static int write_cell(xlsx_sheet *x, lxw_row_t r, size_t c, const char *s)
{
	double v;
	int dec, w;

	if (!s || !*s)
		return 0;
	if ((x->cols[c].type == OUT_NUM || x->cols[c].type == OUT_PCT) &&
	    parse_number(s, &v, &dec)) {
		w = (int)strlen(s) + (x->cols[c].type == OUT_PCT ? 2 : 0);
		if (w > x->width[c])
			x->width[c] = w;
		if (x->cols[c].type == OUT_PCT)
			return xl->worksheet_write_number(
				x->ws, r, (lxw_col_t)c, v / 100,
				x->pct[dec < PCT_DECIMALS ? dec : PCT_DECIMALS - 1]);
		return xl->worksheet_write_number(x->ws, r, (lxw_col_t)c, v, NULL);
	}
	w = text_width(s);
	if (w > x->width[c])
		x->width[c] = w;
	return xl->worksheet_write_string(x->ws, r, (lxw_col_t)c, s, NULL);
}

int xlsx_row(xlsx_sheet *x, const char *const *cells)
{
	if (!x->started)
		start(x);
	if (x->next_row >= LXW_ROW_MAX)
		return -1;
	for (size_t c = 0; c < x->ncols; c++)
		if (write_cell(x, x->next_row, c, cells[c]))
			return -1;
	x->next_row++;
	return 0;
}

/* The chart beside the table, over its first rows. */
static void add_chart(xlsx_sheet *x)
{
	static const uint8_t kinds[] = {LXW_CHART_BAR, LXW_CHART_COLUMN, LXW_CHART_LINE};
	const out_chart *ch = &x->chart;
	lxw_row_t first = x->header_row + 1, last = x->next_row - 1;
	const char *sheet = x->ws->name;
	lxw_chart *chart;

	if (x->next_row <= first || ch->kind < 0 || ch->kind > OUT_CHART_LINE)
		return;
	if (ch->rows && first + ch->rows - 1 < last)
		last = first + (lxw_row_t)ch->rows - 1;
	if (!(chart = xl->workbook_add_chart(x->wb, kinds[ch->kind])))
		return;
	for (lxw_row_t r = first; ch->series_in_rows && r <= last; r++) {
		lxw_chart_series *s = xl->chart_add_series(chart, NULL, NULL);
		if (!s)
			return;
		xl->chart_series_set_categories(s, sheet, x->header_row, (lxw_col_t)ch->cat_first,
						x->header_row, (lxw_col_t)ch->cat_last);
		xl->chart_series_set_values(s, sheet, r, (lxw_col_t)ch->cat_first, r,
					    (lxw_col_t)ch->cat_last);
		xl->chart_series_set_name_range(s, sheet, r, (lxw_col_t)ch->series[0]);
	}
	for (int i = 0; !ch->series_in_rows && i < ch->nseries && i < OUT_CHART_SERIES; i++) {
		lxw_chart_series *s = xl->chart_add_series(chart, NULL, NULL);
		if (!s)
			return;
		xl->chart_series_set_categories(s, sheet, first, (lxw_col_t)ch->cat_first, last,
						(lxw_col_t)ch->cat_last);
		xl->chart_series_set_values(s, sheet, first, (lxw_col_t)ch->series[i], last,
					    (lxw_col_t)ch->series[i]);
		xl->chart_series_set_name_range(s, sheet, x->header_row, (lxw_col_t)ch->series[i]);
	}
	if (ch->title && *ch->title)
		xl->chart_title_set_name(chart, ch->title);
	if (ch->nseries == 1 && !ch->series_in_rows)
		xl->chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
	else if (ch->series_in_rows)
		xl->chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
	lxw_chart_options opt = {.x_scale = 1.5, .y_scale = 1.2 + (last - first) / 30.0};
	xl->worksheet_insert_chart_opt(x->ws, x->header_row, (lxw_col_t)(x->ncols + 1), chart,
				       &opt);
}

/* Header and footer of the printed page: the heading ("&" doubled, as the
 * codes of a header need) and "Page n of m". */
static void page_setup(xlsx_sheet *x)
{
	char head[256] = "&C", foot[128];
	size_t len = strlen(head);

	for (const char *p = x->heading ? x->heading : ""; *p && len + 3 < 200; p++) {
		if (*p == '&')
			head[len++] = '&';
		head[len++] = *p;
	}
	head[len] = '\0';
	snprintf(foot, sizeof foot, "&C%s", _("Page &P of &N"));
	xl->worksheet_set_paper(x->ws, PAPER_A4);
	if (x->ncols > 6 || x->has_chart)
		xl->worksheet_set_landscape(x->ws);
	xl->worksheet_fit_to_pages(x->ws, 1, 0);
	xl->worksheet_repeat_rows(x->ws, x->header_row, x->header_row);
	if (len > 2)
		xl->worksheet_set_header(x->ws, head);
	xl->worksheet_set_footer(x->ws, foot);
}

static int copy_file(const char *path, FILE *to)
{
	char buf[65536];
	size_t n;
	FILE *from = fopen(path, "rb");
	int rc = 0;

	if (!from)
		return -1;
	while ((n = fread(buf, 1, sizeof buf, from)) > 0)
		if (fwrite(buf, 1, n, to) != n) {
			rc = -1;
			break;
		}
	if (ferror(from))
		rc = -1;
	fclose(from);
	return rc;
}

int xlsx_end(xlsx_sheet *x, FILE *f)
{
	int rc;

	if (!x->started)
		start(x);
	for (size_t c = 0; c < x->ncols; c++) {
		int w = x->width[c] < WIDTH_MIN	  ? WIDTH_MIN
			: x->width[c] > WIDTH_MAX ? WIDTH_MAX
						  : x->width[c];
		xl->worksheet_set_column(x->ws, (lxw_col_t)c, (lxw_col_t)c, w + 2, NULL);
	}
	xl->worksheet_freeze_panes(x->ws, x->header_row + 1, 0);
	write_footer(x);
	if (x->has_chart)
		add_chart(x);
	page_setup(x);
	rc = xl->workbook_close(x->wb) == LXW_NO_ERROR ? 0 : -1;
	x->wb = NULL;
	if (rc == 0)
		rc = copy_file(x->path, f);
	xlsx_discard(x);
	return rc;
}

void xlsx_discard(xlsx_sheet *x)
{
	if (!x)
		return;
	if (x->wb) {
		/* libxlsxwriter frees a workbook only by writing it. */
		xl->workbook_close(x->wb);
	}
	unlink(x->path);
	for (int i = 0; i < x->ntitle; i++) {
		free(x->title_label[i]);
		free(x->title_value[i]);
	}
	for (int i = 0; i < x->nfooter; i++)
		free(x->footer[i]);
	free(x->heading);
	free(x->width);
	free(x);
}
