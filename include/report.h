/* report.h - report layouts defined in configuration (reports/NAME.ini in
 * the configuration directory, described in canbo.ini(5)): the header
 * block of a party document, rows (a population in a unit, optionally one
 * value of a dimension; one row per district; subtotals), columns (a count
 * of one dimension value, the row's total, a percentage of the row or of
 * the same figure in the last row - the grand total) and the signature
 * block.
 *
 *   report r;
 *   report_result res;
 *   report_load(cfg, "co-cau-can-bo", &r, &err);
 *   report_run(db, cfg, &r, as_of, year, unit_code_or_NULL, &res, &err);
 *   report_write(stdout, OUT_XLSX, a, &r, &res);
 *
 * Every figure is a count of the breakdown engine (stats.h), so each cell
 * equals what `canbo stats` and `canbo find` count. A layout marked
 * example = yes says so on everything it writes.
 */
#ifndef CANBO_REPORT_H
#define CANBO_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "app.h"
#include "config.h"
#include "error.h"
#include "stats.h"

#define REPORT_TEXT_MAX	 256
#define REPORT_MAX_ROWS	 40  /* rows of a layout */
#define REPORT_MAX_COLS	 16  /* columns of a layout */
#define REPORT_MAX_LINES 160 /* rows of a result (districts expanded) */
#define REPORT_MAX_SIGN	 4   /* lines of the signature block */

enum report_row_kind { REPORT_ROW_POP, REPORT_ROW_EACH_DISTRICT, REPORT_ROW_SUM };
enum report_col_kind { REPORT_COL_TOTAL, REPORT_COL_COUNT, REPORT_COL_PERCENT };
enum report_of { REPORT_OF_ROW, REPORT_OF_TOTAL };

typedef struct report_row {
	int kind;		     /* enum report_row_kind */
	char label[REPORT_TEXT_MAX]; /* REPORT_ROW_EACH_DISTRICT: unit names */
	int population;		     /* enum population */
	char unit[CFG_CODE_MAX];     /* "" = the report's scope */
	int filter_dim;		     /* DIM_NONE, or one value of a dimension: */
	char filter_value[24];	     /* its name as in the CSV of canbo stats */
	int line;		     /* of its section, for messages */
} report_row;

typedef struct report_column {
	int kind; /* enum report_col_kind */
	char label[REPORT_TEXT_MAX];
	int dim;	/* DIM_NONE: everyone of the row */
	char value[24]; /* a value of dim */
	int of;		/* enum report_of (percentages) */
	int line;	/* of its section, for messages */
} report_column;

typedef struct report {
	char name[64]; /* the file's base name */
	char path[PATH_MAX];
	char title[REPORT_TEXT_MAX], source[REPORT_TEXT_MAX];
	bool example;
	/* header block */
	char committee[REPORT_TEXT_MAX], department[REPORT_TEXT_MAX];
	char party[REPORT_TEXT_MAX];
	char place[REPORT_TEXT_MAX], number[REPORT_TEXT_MAX];
	char row_heading[REPORT_TEXT_MAX];
	report_row rows[REPORT_MAX_ROWS];
	size_t nrows;
	report_column cols[REPORT_MAX_COLS];
	size_t ncols;
	char sign[REPORT_MAX_SIGN][REPORT_TEXT_MAX];
	size_t nsign;
} report;

/* The layouts of the configuration: base names of reports/ *.ini, sorted
 * (caller frees each and the array; none is not an error). */
int report_list(const cfg *c, char ***names, size_t *n, cb_error *err);
/* Reads and checks reports/NAME.ini: every mistake reported with its file
 * and line, nothing half-loaded. NAME is a base name (no '/'). */
int report_load(const cfg *c, const char *name, report *r, cb_error *err);

typedef struct report_line {
	char label[REPORT_TEXT_MAX];
	bool subtotal;
	size_t row;		      /* the layout's row it comes from */
	int64_t unit_lo, unit_hi;     /* its scope (0, 0 = the province) */
	int64_t num[REPORT_MAX_COLS]; /* the count (percentages: numerator) */
	int64_t den[REPORT_MAX_COLS]; /* percentages: the denominator */
} report_line;

typedef struct report_result {
	report_line lines[REPORT_MAX_LINES];
	size_t n;
	int year;
	char scope[CFG_NAME_MAX];
} report_result;

/* Counts every cell: the scope is the unit of that code (NULL = the
 * province), year that of ratings and trainings. */
int report_run(store *s, const cfg *c, const report *r, cb_date as_of, int year,
	       const char *unit_code, report_result *out, cb_error *err);

/* The cadres behind one cell (of a line that is not a subtotal): the
 * filter that lists exactly those counted in it (for a percentage, its
 * numerator). CB_NOT_FOUND for a subtotal line. */
int report_cell_filter(store *s, const cfg *c, const report *r, const report_result *res,
		       size_t line, size_t col, cb_date as_of, cadre_filter *out, cb_error *err);

/* A cell as text: a count, or a percentage ("29.3", stats_pct_format; ""
 * when the denominator is 0). */
void report_cell(const report *r, const report_line *l, size_t col, char *buf, size_t cap);

/* Writes the result: table (with the header and signature blocks around
 * it), CSV (labels or stable keys), JSON, XLSX (header block on top,
 * signature block below). CB_OK or CB_EDB. */
int report_write(FILE *f, int format, const app *a, const report *r, const report_result *res);

#endif
