/* cmd_targets_years.c - `canbo targets --years FROM-TO`: every target of
 * one scope year after year, to see the way to the goal.
 *
 * For people (table, CSV with labels, XLSX) a row per target, its goal,
 * then the actual percentage of each year; the XLSX draws a line per
 * target across the years. For scripts (CSV, JSON) a row per target and
 * year with the counts, as `canbo targets` writes them.
 * canbo keeps today's corps, not its past: a past year counts today's
 * cadres with that year's ratings and trainings and their ages then.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_targets.h"
#include "i18n.h"
#include "sheet.h"

#define YEARS_MAX 12

/* "2021-2025" into its first and last year. */
static bool parse_years(const char *s, int *from, int *to)
{
	int64_t a, b;
	char buf[16];
	char *dash;

	if (strlen(s) >= sizeof buf)
		return false;
	strcpy(buf, s);
	if (!(dash = strchr(buf, '-')))
		return false;
	*dash++ = '\0';
	if (!cli_number(buf, 2100, &a) || !cli_number(dash, 2100, &b) || a < 1945 || b < a ||
	    b - a >= YEARS_MAX)
		return false;
	*from = (int)a;
	*to = (int)b;
	return true;
}

static int people(const app *a, const cli_args *args, int only, int from, int to,
		  target_result res[][TARGET_COUNT])
{
	out_column cols[2 + YEARS_MAX];
	char head[YEARS_MAX][8], goal[8], pct[YEARS_MAX][16], title[64];
	const char *cells[2 + YEARS_MAX];
	int n = to - from + 1, rows = 0;
	out_writer *w;

	cols[0] = (out_column){"target", _("Target"), OUT_LEFT, OUT_STR, 44};
	cols[1] = (out_column){"goal", _("Goal"), OUT_RIGHT, OUT_PCT, 0};
	for (int y = 0; y < n; y++) {
		snprintf(head[y], sizeof head[y], "%d", from + y);
		cols[2 + y] = (out_column){head[y], head[y], OUT_RIGHT, OUT_PCT, 0};
	}
	if (!(w = out_begin(stdout, args->format, cols, (size_t)(2 + n))))
		return CB_EDB;
	snprintf(title, sizeof title, _("The resolution's targets, %d to %d"), from, to);
	sheet_title(w, a, title, args->app.district, NULL, 0);
	for (int id = 0; id < TARGET_COUNT; id++)
		rows += only < 0 || id == only;
	out_set_chart(w, &(out_chart){OUT_CHART_LINE,
				      _("The way to the goal"),
				      2,
				      1 + n,
				      {0},
				      1,
				      (size_t)rows,
				      true});
	for (int id = 0; id < TARGET_COUNT; id++) {
		if (only >= 0 && id != only)
			continue;
		snprintf(goal, sizeof goal, "%d", res[0][id].target);
		cells[0] = target_label(id);
		cells[1] = goal;
		for (int y = 0; y < n; y++) {
			stats_pct_format(res[y][id].num, res[y][id].den, pct[y], sizeof pct[y]);
			cells[2 + y] = pct[y];
		}
		if (out_row(w, cells)) {
			out_discard(w);
			return CB_EDB;
		}
	}
	return out_end(w) ? CB_EDB : CB_OK;
}

static int data(const cli_args *args, int only, int from, int to, target_result res[][TARGET_COUNT])
{
	static const out_column cols[] = {
		{"year", "", OUT_RIGHT, OUT_NUM, 0},	   {"target", "", OUT_LEFT, OUT_STR, 0},
		{"goal", "", OUT_RIGHT, OUT_NUM, 0},	   {"num", "", OUT_RIGHT, OUT_NUM, 0},
		{"den", "", OUT_RIGHT, OUT_NUM, 0},	   {"percent", "", OUT_RIGHT, OUT_PCT, 0},
		{"state", "", OUT_LEFT, OUT_STR, 0},	   {"gap", "", OUT_RIGHT, OUT_NUM, 0},
		{"target_name", "", OUT_LEFT, OUT_STR, 0},
	};
	out_writer *w = out_begin(stdout, args->format, cols, 9);
	char year[8], goal[8], num[24], den[24], pct[16], gap[24];

	if (!w)
		return CB_EDB;
	for (int y = 0; y <= to - from; y++)
		for (int id = 0; id < TARGET_COUNT; id++) {
			const target_result *r = &res[y][id];
			if (only >= 0 && id != only)
				continue;
			snprintf(year, sizeof year, "%d", from + y);
			snprintf(goal, sizeof goal, "%d", r->target);
			snprintf(num, sizeof num, "%" PRId64, r->num);
			snprintf(den, sizeof den, "%" PRId64, r->den);
			snprintf(gap, sizeof gap, "%" PRId64, r->gap);
			stats_pct_format(r->num, r->den, pct, sizeof pct);
			const char *cells[] = {year,
					       target_key(id),
					       goal,
					       num,
					       den,
					       r->den ? pct : NULL,
					       r->state == TARGET_MET	   ? "met"
					       : r->state == TARGET_MISSED ? "missed"
									   : "no-data",
					       gap,
					       target_label(id)};
			if (out_row(w, cells)) {
				out_discard(w);
				return CB_EDB;
			}
		}
	return out_end(w) ? CB_EDB : CB_OK;
}

int cli_targets_years(app *a, const cli_args *args, const cli_command *cmd, const char *range,
		      int only)
{
	target_result(*res)[TARGET_COUNT];
	cadre_filter scope;
	int from, to, pct[TARGET_COUNT], rc = CB_OK;
	const char *code = args->app.district;
	cb_error err;
	unit_row u;

	if (!parse_years(range, &from, &to))
		return cli_usage(cmd,
				 _("--years needs two years FROM-TO, at most %d apart, not '%s'"),
				 YEARS_MAX, range);
	filter_init(&scope);
	scope.as_of = a->today;
	scope.deepest_tier = a->config->tiers;
	cb_error_clear(&err);
	if (code) {
		if (store_unit_by_code(a->db, code, &u, &err))
			return cli_fail(&err);
		scope.unit_lo = u.lo;
		scope.unit_hi = u.hi;
	}
	for (int id = 0; id < TARGET_COUNT; id++)
		pct[id] = config_target(a->config, code ? config_district(a->config, code) : NULL,
					id);
	if (!(res = calloc((size_t)(to - from + 1), sizeof *res))) {
		cli_warn("%s", _("Out of memory"));
		return CB_EDB;
	}
	/* Today's corps, with the ratings and trainings of each year and the
	 * ages it had at that year's end (or on the reference date). */
	for (int y = from; y <= to && !rc; y++) {
		cb_date end = date_from_ymd(y, 12, 31);
		scope.as_of = end < a->today ? end : a->today;
		if (targets_eval(a->db, &scope, y, pct, res[y - from], &err))
			rc = cli_fail(&err);
	}
	if (!rc && (rc = out_for_people(args->format) ? people(a, args, only, from, to, res)
						      : data(args, only, from, to, res)))
		cli_warn("%s", _("Could not write the output"));
	free(res);
	return rc;
}
