/* cmd_stats.c - `canbo stats`: a breakdown of a population by one or two
 * dimensions, as a table, CSV, JSON or spreadsheet, or (--list) the
 * cadres of one of its cells.
 *
 * It prints exactly what the breakdown screen shows, from the same engine
 * (stats.h). Percentages are rounded half up to the configured decimals;
 * an empty population is "no data" (exit status 1), never 0 %.
 * CSV and JSON use stable names (the dimension values' keys of canbo(1));
 * the table, CSV with labels and XLSX use translated labels and the
 * table's layout (XLSX with a chart).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_stats.h"
#include "commands.h"
#include "i18n.h"
#include "model.h"
#include "sheet.h"

enum { SO_BY, SO_POPULATION, SO_UNIT, SO_ORG, SO_YEAR, SO_KIND, SO_LIST, SO_PERIOD, SO_UNITS_OF };

static cli_option stats_opts[] = {
	{"by", N_("DIM[,DIM2]"),
	 N_("Break down by one dimension or two crossed: age, under40, gender, ethnicity (Kinh or "
	    "minority), education, theory, rating, training, planning, retirement, score, "
	    "ethnic-group, religion, academic-title, general-education, state-management, "
	    "foreign-language, it-level"),
	 false, NULL},
	{"population", N_("NAME"),
	 N_("Who is counted: all (default), managed, dept, commune, committee, committee-province, "
	    "committee-district, committee-grassroots, training-group, committee-managed, heads"),
	 false, NULL},
	{"unit", N_("CODE"), N_("Only this unit (district or commune) and the units under it"),
	 false, NULL},
	{"org", N_("ID"), N_("Only this party organisation and those under it"), false, NULL},
	{"year", N_("YEAR"), N_("Year of ratings and trainings (default: the latest rated year)"),
	 false, NULL},
	{"kind", N_("KIND"),
	 N_("With --by training: party-building, leadership, job-title or other (default: any "
	    "kind)"),
	 false, NULL},
	{"list", N_("VALUE[,VALUE2]"),
	 N_("Instead of counting, list the cadres of one cell (values as in the CSV output, or "
	    "total)"),
	 false, NULL},
	{"period", N_("PERIOD"),
	 N_("With --by score: the evaluation period whose scores are counted (2025-Q3, 2025-07, "
	    "2021-2025; default: the year)"),
	 false, NULL},
	{"as-units-of", N_("DATE"),
	 N_("Count each cadre in the unit it was in on DATE (default: on the reference date)"),
	 false, NULL},
	{NULL, NULL, NULL, false, NULL},
};

static const cli_command stats_cmd = {
	.name = "stats",
	.synopsis = "",
	.summary = N_("Count cadres by age band, gender, ethnicity, education, political theory, "
		      "rating, training or planning pool"),
	.min_args = 0,
	.max_args = 0,
	.options = stats_opts,
	.formats = CLI_FORMATS_SHEETS,
};

/* Reads --by into q->dim. */
static int parse_by(const char *by, stats_query *q)
{
	char buf[64], *comma;

	if (strlen(by) >= sizeof buf)
		return cli_usage(&stats_cmd, _("unknown dimension '%s'"), by);
	snprintf(buf, sizeof buf, "%s", by);
	comma = strchr(buf, ',');
	if (comma)
		*comma++ = '\0';
	if (!stats_dim_from_name(buf, &q->dim[0]))
		return cli_usage(&stats_cmd, _("unknown dimension '%s'"), buf);
	q->dim[1] = DIM_NONE;
	if (comma && !stats_dim_from_name(comma, &q->dim[1]))
		return cli_usage(&stats_cmd, _("unknown dimension '%s'"), comma);
	if (q->dim[0] == q->dim[1])
		return cli_usage(&stats_cmd, _("--by needs two different dimensions"));
	return CB_OK;
}

/* The options of `stats` other than --by and --year into q. */
static int stats_scope(const app *a, const cli_args *args, stats_query *q)
{
	int64_t id;
	org_row org;
	cb_error err;
	int rc;

	if (stats_opts[SO_POPULATION].seen &&
	    !population_from_name(stats_opts[SO_POPULATION].value, &q->base.population))
		return cli_usage(&stats_cmd, _("unknown population '%s'"),
				 stats_opts[SO_POPULATION].value);
	if (stats_opts[SO_KIND].seen &&
	    !model_value(ENUM_TRAINING, stats_opts[SO_KIND].value, &q->training_kind))
		return cli_usage(&stats_cmd, _("unknown training kind '%s'"),
				 stats_opts[SO_KIND].value);
	if (stats_opts[SO_UNIT].seen) {
		if ((rc = cli_stats_unit(a, stats_opts[SO_UNIT].value, &q->base)))
			return rc;
	} else if (app_unit_code(a) && (rc = cli_stats_unit(a, app_unit_code(a), &q->base))) {
		return rc;
	}
	if (stats_opts[SO_ORG].seen) {
		if (!cli_number(stats_opts[SO_ORG].value, INT64_MAX, &id) || id == 0)
			return cli_usage(&stats_cmd,
					 _("--org needs an organisation number, not '%s'"),
					 stats_opts[SO_ORG].value);
		cb_error_clear(&err);
		if (store_org_get(a->db, id, &org, &err))
			return cli_fail(&err);
		q->base.org_id = id;
	}
	return CB_OK;
}

/* The line above a table: who, where, when. */
static void stats_title(const app *a, const cli_args *args, const stats_query *q)
{
	char date[11];
	const char *unit = stats_opts[SO_UNIT].seen ? stats_opts[SO_UNIT].value : app_unit_code(a);

	date_format_vn(q->base.as_of, date);
	printf("%s · %s · %s", population_label(q->base.population), cli_stats_scope_name(a, unit),
	       date);
	if (q->dim[0] == DIM_RATING || q->dim[1] == DIM_RATING || q->dim[0] == DIM_TRAINING ||
	    q->dim[1] == DIM_TRAINING)
		printf(" · %s %d", _("year"), q->year);
	if (q->dim[0] == DIM_SCORE || q->dim[1] == DIM_SCORE) {
		if (q->period[0])
			printf(" · %s %s", _("period"), q->period);
		else
			printf(" · %s %d", _("period"), q->year);
	}
	putchar('\n');
}

/* CSV and JSON: one row per cell, totals as the value "total", the share
 * of the whole population in percent. */
static int data_rows(const stats_table *t, int format)
{
	bool two = t->axis[1].dim != DIM_NONE;
	out_column cols[] = {
		{stats_dim_name(t->axis[0].dim), "", OUT_LEFT, OUT_STR, 0},
		{two ? stats_dim_name(t->axis[1].dim) : "count", "", OUT_LEFT,
		 two ? OUT_STR : OUT_NUM, 0},
		{two ? "count" : "percent", "", OUT_RIGHT, OUT_NUM, 0},
		{"percent", "", OUT_RIGHT, OUT_PCT, 0},
	};
	out_writer *w;
	if (!two)
		cols[2].type = OUT_PCT;
	w = out_begin(stdout, format, cols, two ? 4 : 3);
	char n[24], pct[16];
	int rc = CB_OK;

	if (!w)
		return CB_EDB;
	for (int r = 0; r <= t->axis[0].n && !rc; r++)
		for (int c = 0; c <= (two ? t->axis[1].n : 0) && !rc; c++) {
			bool rt = r == t->axis[0].n, ct = c == t->axis[1].n;
			int64_t v = rt && (ct || !two) ? t->total
				    : rt	       ? t->col_total[c]
				    : ct	       ? t->row_total[r]
						       : t->count[r][c];
			const char *rn = rt ? "total" : t->axis[0].name[r];
			const char *cn = ct ? "total" : t->axis[1].name[c];
			snprintf(n, sizeof n, "%" PRId64, v);
			stats_pct_format(v, t->total, pct, sizeof pct);
			rc = cli_stats_row(w, two ? (const char *const[]){rn, cn, n, pct}
						  : (const char *const[]){rn, n, pct, NULL});
		}
	if (!rc && t->has_under40) {
		snprintf(n, sizeof n, "%" PRId64, t->under40);
		stats_pct_format(t->under40, t->total, pct, sizeof pct);
		rc = cli_stats_row(w, (const char *const[]){"under40", n, pct, NULL});
	}
	return cli_stats_end(w, rc);
}

/* The row or column index of a value name ("total" = STATS_ALL,
 * "under40" = the derived row of the age bands). */
static bool cell_index(const stats_table *t, int axis, const char *name, int *out)
{
	if (!name || strcmp(name, "total") == 0) {
		*out = STATS_ALL;
		return true;
	}
	if (axis == 0 && t->has_under40 && strcmp(name, "under40") == 0) {
		*out = STATS_UNDER40;
		return true;
	}
	for (int i = 0; i < t->axis[axis].n; i++)
		if (strcmp(t->axis[axis].name[i], name) == 0) {
			*out = i;
			return true;
		}
	return false;
}

/* --list: the cadres of one cell of the breakdown. */
static int stats_list(app *a, const cli_args *args, const stats_query *q, const stats_table *t)
{
	char buf[64], *second;
	cadre_filter f;
	int r, c;

	snprintf(buf, sizeof buf, "%s", stats_opts[SO_LIST].value);
	if ((second = strchr(buf, ',')))
		*second++ = '\0';
	if (!cell_index(t, 0, buf, &r))
		return cli_usage(&stats_cmd, _("'%s' is not a value of %s"), buf,
				 stats_dim_name(q->dim[0]));
	if (second && q->dim[1] == DIM_NONE)
		return cli_usage(&stats_cmd, _("--list has one value per dimension of --by"));
	if (q->dim[1] != DIM_NONE && !cell_index(t, 1, second, &c))
		return cli_usage(&stats_cmd, _("'%s' is not a value of %s"), second ? second : "",
				 stats_dim_name(q->dim[1]));
	if (q->dim[1] == DIM_NONE)
		c = STATS_ALL;
	stats_cell_filter(q, t, r, c, &f);
	return cli_stats_list(a, args, &f);
}

static int run_stats(app *a, const cli_args *args)
{
	stats_query q;
	stats_table t;
	cb_error err;
	int rc;

	stats_query_init(&q, a->config);
	q.base.as_of = a->today;
	if (stats_opts[SO_UNITS_OF].seen &&
	    !date_parse(stats_opts[SO_UNITS_OF].value, &q.base.units_on))
		return cli_usage(&stats_cmd, _("--as-units-of needs a date (dd/mm/yyyy), not '%s'"),
				 stats_opts[SO_UNITS_OF].value);
	if ((rc = parse_by(stats_opts[SO_BY].value, &q)) || (rc = stats_scope(a, args, &q)) ||
	    (rc = cli_stats_year(a, &stats_opts[SO_YEAR], &stats_cmd, &q.year)))
		return rc;
	if (stats_opts[SO_PERIOD].seen) {
		if (q.dim[0] != DIM_SCORE && q.dim[1] != DIM_SCORE)
			return cli_usage(&stats_cmd, "%s", _("--period goes with --by score"));
		if (strlen(stats_opts[SO_PERIOD].value) >= sizeof q.period)
			return cli_usage(
				&stats_cmd,
				_("'%s' is not a period (2025, 2025-Q3, 2025-07, 2021-2025)"),
				stats_opts[SO_PERIOD].value);
		snprintf(q.period, sizeof q.period, "%s", stats_opts[SO_PERIOD].value);
	}
	cb_error_clear(&err);
	if ((rc = stats_query_prepare(&q, a->config, &err)) ||
	    (rc = stats_run(a->db, &q, &t, &err)))
		return cli_fail(&err);
	if (stats_opts[SO_LIST].seen)
		return stats_list(a, args, &q, &t);
	if (out_for_people(args->format)) {
		if (t.total == 0) {
			cli_warn("%s: %s", population_label(q.base.population),
				 _("no data (nobody in this population)"));
			return CB_NOT_FOUND;
		}
		if (args->format == OUT_TABLE)
			stats_title(a, args, &q);
		rc = sheet_breakdown(stdout, args->format, a, &q, &t,
				     cli_stats_scope_name(a, stats_opts[SO_UNIT].seen
								     ? stats_opts[SO_UNIT].value
								     : args->app.district));
		if (rc)
			cli_warn("%s", _("Could not write the output"));
	} else {
		rc = data_rows(&t, args->format);
	}
	return rc ? rc : t.total == 0 ? CB_NOT_FOUND : CB_OK;
}

int cmd_stats(int argc, char **argv)
{
	cli_args args;
	app a;
	int rc = cli_parse(argc, argv, &stats_cmd, &args);

	if (rc || args.help)
		return rc;
	if (!stats_opts[SO_BY].seen)
		return cli_usage(&stats_cmd, _("--by is required"));
	args.app.readonly = true;
	if ((rc = cli_open(&args, &a)))
		return rc;
	rc = run_stats(&a, &args);
	app_close(&a);
	return rc;
}
