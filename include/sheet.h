/* sheet.h - the tables an office sends upward, in the layout people read:
 * a breakdown, the target panel, the summary of action plans, the cadres
 * who have not recorded their self-check. One writer per table for every
 * form meant for people (output.h: the terminal table, CSV with labels,
 * XLSX), so the command line and the export key of each screen write the
 * same file.
 *
 *   sheet_breakdown(f, OUT_XLSX, a, &q, &t, "Huyện Đức Hòa");
 *
 * Each returns CB_OK, or CB_EDB when out of memory or a write failed.
 */
#ifndef CANBO_SHEET_H
#define CANBO_SHEET_H

#include <stdbool.h>
#include <stdio.h>

#include "app.h"
#include "output.h"
#include "plans.h"
#include "stats.h"

/* The title block (XLSX; other formats ignore it): the heading, the office
 * (canbo.ini [reports] office, else the province), the scope (a unit's
 * code or name; NULL = the province), the population (NULL = none), the
 * year (0 = none) and the reference date. */
void sheet_title(out_writer *w, const app *a, const char *heading, const char *scope,
		 const char *population, int year);

/* A breakdown by one dimension (value, count, %; a bar on a terminal;
 * total and "of whom under 40") or two (a row per value of the first, a
 * column per value of the second, the row total and its share); XLSX
 * carries a bar chart of the values (of the row totals when crossed). */
int sheet_breakdown(FILE *f, int format, const app *a, const stats_query *q, const stats_table *t,
		    const char *scope);

/* The target panel: per target (and per column when by_district) the goal,
 * how many meet it out of how many, the actual percentage, met or missed
 * and how many people are missing; XLSX charts actual against target. */
typedef struct sheet_targets {
	out_writer *w;
	bool by_district;
} sheet_targets;
int sheet_targets_begin(sheet_targets *s, FILE *f, int format, const app *a, bool by_district,
			const char *scope, int year);
int sheet_targets_row(sheet_targets *s, const target_column *col, const target_result *r);
int sheet_targets_end(sheet_targets *s);

/* The summary of action plans, its total row last; XLSX charts the items
 * remedied and overdue per row. */
int sheet_plans_summary(FILE *f, int format, const app *a, const plans_summary *rows, size_t n,
			int group, const char *scope, int year);

/* The cadres of the scope who have not recorded month's self-check. */
int sheet_selfcheck_missing(FILE *f, int format, const app *a, const char *month, int64_t unit_lo,
			    int64_t unit_hi, int64_t org, const char *scope, size_t limit,
			    size_t *count, cb_error *err);

#endif
