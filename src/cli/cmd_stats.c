/* cmd_stats.c - `canbo stats` (a breakdown of a population by one or two
 * dimensions) and `canbo targets` (the resolution's targets: goal, actual,
 * met or not, and how many people are missing), as a table, CSV or JSON.
 *
 * Both print exactly what the breakdown screen shows, from the same engine
 * (stats.h). Percentages are rounded half up to the configured decimals;
 * met or missed is decided on the integer counts; an empty population is
 * "no data" (exit status 1), never 0 %.
 * CSV and JSON use stable names (the dimension values' and the targets'
 * keys of canbo(1)); the table, CSV with labels and XLSX use translated
 * labels and the table's layout (XLSX with a chart).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cli.h"
#include "cli_career.h"
#include "cli_targets.h"
#include "commands.h"
#include "i18n.h"
#include "model.h"
#include "output.h"
#include "search.h"
#include "sheet.h"
#include "stats.h"
#include "units.h"

#define YEAR_MIN 1945
#define YEAR_MAX 2100

/* ---- shared ------------------------------------------------------------- */

/* --year, or the latest rated year not after the reference date's. */
static int pick_year(const app *a, const cli_option *opt, const cli_command *cmd, int *year)
{
	int64_t y;
	int ref, m, d;
	cb_error err;

	if (opt->seen) {
		if (!cli_number(opt->value, YEAR_MAX, &y) || y < YEAR_MIN)
			return cli_usage(cmd, _("--year needs a year from %d to %d, not '%s'"),
					 YEAR_MIN, YEAR_MAX, opt->value);
		*year = (int)y;
		return CB_OK;
	}
	date_to_ymd(a->today, &ref, &m, &d);
	cb_error_clear(&err);
	*year = stats_latest_year(a->db, ref, &err);
	return err.code ? cli_fail(&err) : CB_OK;
}

/* Narrows f to the subtree of the unit with this code: the one in force
 * on the day whose units count (a code a reform gave to a new unit names
 * the old one before it, units.h). */
static int scope_unit(const app *a, const char *code, cadre_filter *f)
{
	unit_row u;
	cb_error err;
	int rc;

	cb_error_clear(&err);
	rc = store_unit_on(a->db, code, f->units_on != CB_DATE_NONE ? f->units_on : f->as_of, &u,
			   &err);
	if (rc == CB_NOT_FOUND) {
		cb_error_clear(&err);
		rc = store_unit_by_code(a->db, code, &u, &err);
	}
	/* a unit outside the reader's scope is refused, not counted (access.h) */
	if (rc || store_scope_unit(a->db, u.id, &err))
		return cli_fail(&err);
	f->unit_lo = u.lo;
	f->unit_hi = u.hi;
	return CB_OK;
}

static const char *scope_name(const app *a, const char *unit_code)
{
	int i = unit_code ? config_unit_index(a->config, unit_code) : 0;

	if (!unit_code)
		return app_scope_name(a);
	return i >= 0 && a->config->unit_count ? a->config->units[i].name : "";
}

static int out_of_memory(void)
{
	cli_warn("%s", _("Out of memory"));
	return CB_EDB;
}

static int write_or_fail(out_writer *w, const char *const *cells)
{
	if (out_row(w, cells)) {
		cli_warn("%s", _("Out of memory"));
		return CB_EDB;
	}
	return CB_OK;
}

static int finish(out_writer *w)
{
	if (out_end(w)) {
		cli_warn("%s", _("Could not write the output"));
		return CB_EDB;
	}
	return CB_OK;
}

/* The cadres behind a figure, in Vietnamese name order, a window at a
 * time (the same list the screen opens with Enter). */
#define LIST_WINDOW 256

static int list_begin(int format, out_writer **w)
{
	static out_column cols[6];
	const out_column c[6] = {
		{"id", _("ID"), OUT_RIGHT, OUT_NUM, 0},
		{"full_name", _("Full name"), OUT_LEFT, OUT_STR, 28},
		{"birth_date", _("Born"), OUT_LEFT, OUT_STR, 0},
		{"gender", _("Gender"), OUT_LEFT, OUT_STR, 0},
		{"position", _("Position"), OUT_LEFT, OUT_STR, 36},
		{"unit", _("Unit"), OUT_LEFT, OUT_STR, 28},
	};
	memcpy(cols, c, sizeof c);
	*w = out_begin(stdout, format, cols, 6);
	return *w ? CB_OK : CB_EDB;
}

static int list_row(out_writer *w, int format, const cadre *c)
{
	char id[24], birth[11];
	cb_date d;

	snprintf(id, sizeof id, "%" PRId64, c->id);
	if (out_for_people(format) && date_parse_iso(c->birth_date, &d))
		date_format_vn(d, birth);
	else
		snprintf(birth, sizeof birth, "%s", c->birth_date);
	const char *cells[] = {id,
			       c->full_name,
			       birth,
			       out_for_people(format) ? model_label(ENUM_GENDER, c->gender)
						      : model_name(ENUM_GENDER, c->gender),
			       c->position,
			       c->unit_name};
	return write_or_fail(w, cells);
}

/* Prints every cadre of f (up to limit, 0 = all); CB_NOT_FOUND if none. */
static int list_cadres(app *a, const cadre_filter *f, int format, size_t limit)
{
	search_query q = {NULL, *f, SORT_NAME};
	int64_t after = 0;
	size_t done = 0;
	out_writer *w;
	cb_error err;
	int rc;

	if ((rc = list_begin(format, &w)))
		return rc;
	for (;;) {
		search_hit *hits = NULL;
		size_t n = 0;
		cb_error_clear(&err);
		if ((rc = search_fetch(a->db, &q, after, false, LIST_WINDOW, &hits, &n, &err))) {
			out_end(w);
			return cli_fail(&err);
		}
		for (size_t i = 0; i < n && !rc && (!limit || done < limit); i++, done++)
			rc = list_row(w, format, &hits[i].c);
		if (n)
			after = hits[n - 1].pos;
		free(hits);
		if (rc || n < LIST_WINDOW || (limit && done >= limit))
			break;
	}
	if (rc) {
		out_end(w);
		return rc;
	}
	if ((rc = finish(w)))
		return rc;
	return done ? CB_OK : CB_NOT_FOUND;
}

/* ---- canbo stats ---------------------------------------------------------- */

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
		if ((rc = scope_unit(a, stats_opts[SO_UNIT].value, &q->base)))
			return rc;
	} else if (app_unit_code(a) && (rc = scope_unit(a, app_unit_code(a), &q->base))) {
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
	printf("%s · %s · %s", population_label(q->base.population), scope_name(a, unit), date);
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
			rc = write_or_fail(w, two ? (const char *const[]){rn, cn, n, pct}
						  : (const char *const[]){rn, n, pct, NULL});
		}
	if (!rc && t->has_under40) {
		snprintf(n, sizeof n, "%" PRId64, t->under40);
		stats_pct_format(t->under40, t->total, pct, sizeof pct);
		rc = write_or_fail(w, (const char *const[]){"under40", n, pct, NULL});
	}
	if (rc) {
		out_end(w);
		return rc;
	}
	return finish(w);
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
	return list_cadres(a, &f, args->format, args->limit_given ? args->limit : 0);
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
	    (rc = pick_year(a, &stats_opts[SO_YEAR], &stats_cmd, &q.year)))
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
				     scope_name(a, stats_opts[SO_UNIT].seen
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

/* ---- canbo targets -------------------------------------------------------- */

enum { TO_YEAR, TO_BY_DISTRICT, TO_TARGET, TO_MISSED, TO_LIST, TO_YEARS };

static cli_option targets_opts[] = {
	{"year", N_("YEAR"), N_("Year of ratings and trainings (default: the latest rated year)"),
	 false, NULL},
	{"by-district", NULL, N_("Every district side by side with the whole province"), false,
	 NULL},
	{"target", N_("KEY"), N_("Only this target (its key, as in canbo.ini [targets])"), false,
	 NULL},
	{"missed", NULL, N_("Only the targets that are missed"), false, NULL},
	{"list", "met|unmet|all|pool",
	 N_("With --target: list the cadres who meet it, who do not, everyone counted, or the "
	    "candidates in the planning pool"),
	 false, NULL},
	{"years", N_("FROM-TO"),
	 N_("Every target year after year (one scope; the XLSX draws a line per target)"), false,
	 NULL},
	{NULL, NULL, NULL, false, NULL},
};

static const cli_command targets_cmd = {
	.name = "targets",
	.synopsis = "",
	.summary = N_("Compare the cadres with the resolution's targets: goal, actual, met, and "
		      "how many are missing"),
	.min_args = 0,
	.max_args = 0,
	.options = targets_opts,
	.formats = CLI_FORMATS_SHEETS,
};

static const char *state_name(int state)
{
	return state == TARGET_MET ? "met" : state == TARGET_MISSED ? "missed" : "no-data";
}

static const char *state_label(int state)
{
	return state == TARGET_MET ? _("met") : state == TARGET_MISSED ? _("missed") : _("no data");
}

typedef struct targets_out {
	out_writer *w;
	int format;
	bool by_district;
	int only; /* a target id, or -1 */
	bool missed;
	size_t shown, with_data;
	sheet_targets sheet;	   /* the spreadsheet forms */
	const char *district_word; /* the second tier's name, from [hierarchy] */
} targets_out;

static int targets_begin(targets_out *o)
{
	static out_column table[8], data[12];
	const out_column t[] = {
		{"district", o->district_word, OUT_LEFT, OUT_STR, 24},
		{"target", _("Target"), OUT_LEFT, OUT_STR, 44},
		{"goal", _("Goal"), OUT_RIGHT, OUT_STR, 0},
		{"actual", _("Actual"), OUT_RIGHT, OUT_STR, 0},
		{"percent", "%", OUT_RIGHT, OUT_PCT, 0},
		{"state", _("Result"), OUT_LEFT, OUT_STR, 0},
		{"gap", _("Missing"), OUT_LEFT, OUT_STR, 0},
	};
	const out_column d[] = {
		{"scope", "", OUT_LEFT, OUT_STR, 0},	{"unit", "", OUT_LEFT, OUT_STR, 0},
		{"name", "", OUT_LEFT, OUT_STR, 0},	{"target", "", OUT_LEFT, OUT_STR, 0},
		{"goal", "", OUT_RIGHT, OUT_NUM, 0},	{"num", "", OUT_RIGHT, OUT_NUM, 0},
		{"den", "", OUT_RIGHT, OUT_NUM, 0},	{"percent", "", OUT_RIGHT, OUT_PCT, 0},
		{"state", "", OUT_LEFT, OUT_STR, 0},	{"gap", "", OUT_RIGHT, OUT_NUM, 0},
		{"gap_text", "", OUT_LEFT, OUT_STR, 0}, {"target_name", "", OUT_LEFT, OUT_STR, 0},
	};
	memcpy(table, t, sizeof t);
	memcpy(data, d, sizeof d);
	if (o->format == OUT_TABLE)
		o->w = o->by_district ? out_begin(stdout, OUT_TABLE, table, 7)
				      : out_begin(stdout, OUT_TABLE, table + 1, 6);
	else
		o->w = out_begin(stdout, o->format, data, 12);
	return o->w ? CB_OK : CB_EDB;
}

/* One target of one column. */
static int targets_row(targets_out *o, const target_column *col, const char *scope,
		       const target_result *r)
{
	char goal[16], actual[48], pct[16], gap[256], gapn[24], num[24], den[24], tgt[8];

	if (o->only >= 0 && r->id != o->only)
		return CB_OK;
	if (o->missed && r->state != TARGET_MISSED)
		return CB_OK;
	o->shown++;
	o->with_data += r->state != TARGET_NO_DATA;
	if (o->format == OUT_XLSX || o->format == OUT_CSV_LABELS)
		return sheet_targets_row(&o->sheet, col, r) ? out_of_memory() : CB_OK;
	stats_pct_format(r->num, r->den, pct, sizeof pct);
	target_gap_text(r->id, r->gap, gap, sizeof gap);
	if (o->format == OUT_TABLE) {
		snprintf(goal, sizeof goal, "≥ %d %%", r->target);
		if (r->den)
			snprintf(actual, sizeof actual, "%" PRId64 "/%" PRId64, r->num, r->den);
		else
			actual[0] = '\0';
		const char *cells[] = {col->name, target_label(r->id),	 goal, actual,
				       pct,	  state_label(r->state), gap};
		return write_or_fail(o->w, o->by_district ? cells : cells + 1);
	}
	snprintf(tgt, sizeof tgt, "%d", r->target);
	snprintf(num, sizeof num, "%" PRId64, r->num);
	snprintf(den, sizeof den, "%" PRId64, r->den);
	snprintf(gapn, sizeof gapn, "%" PRId64, r->gap);
	const char *cells[] = {scope,
			       col->code,
			       col->name,
			       target_key(r->id),
			       tgt,
			       num,
			       den,
			       r->den ? pct : NULL,
			       state_name(r->state),
			       gapn,
			       gap,
			       target_label(r->id)};
	return write_or_fail(o->w, cells);
}

static int targets_column(targets_out *o, const target_column *col, const char *scope)
{
	int rc = CB_OK;
	for (int id = 0; id < TARGET_COUNT && !rc; id++)
		rc = targets_row(o, col, scope, &col->result[id]);
	return rc;
}

/* The whole province, its own level, then every district. */
static int targets_province_view(app *a, int year, targets_out *o)
{
	target_column *cols;
	size_t n;
	cb_error err;
	int rc;

	cb_error_clear(&err);
	if ((rc = targets_by_district(a->db, a->config, a->today, year, &cols, &n, &err)))
		return cli_fail(&err);
	for (size_t i = 0; i < n && !rc; i++)
		rc = targets_column(o, &cols[i],
				    i == 0   ? "province"
				    : i == 1 ? "province-level"
					     : "district");
	free(cols);
	return rc;
}

/* One scope: the district of --district, or the whole province. */
static int targets_one(app *a, const cli_args *args, int year, targets_out *o)
{
	target_column col;
	int pct[TARGET_COUNT], rc;
	const char *code = app_unit_code(a);
	cb_error err;

	memset(&col, 0, sizeof col);
	filter_init(&col.scope);
	col.scope.as_of = a->today;
	col.scope.deepest_tier = a->config->tiers;
	if (code && (rc = scope_unit(a, code, &col.scope)))
		return rc;
	snprintf(col.code, sizeof col.code, "%s", code ? code : a->config->units[0].code);
	snprintf(col.name, sizeof col.name, "%s", scope_name(a, code));
	for (int id = 0; id < TARGET_COUNT; id++)
		pct[id] = config_target(a->config, code ? config_district(a->config, code) : NULL,
					id);
	cb_error_clear(&err);
	if ((rc = targets_eval(a->db, &col.scope, year, pct, col.result, &err)))
		return cli_fail(&err);
	return targets_column(o, &col, code ? "district" : "province");
}

/* --list: the cadres behind one target in one scope. */
static int targets_list(app *a, const cli_args *args, int id, int year)
{
	static const char *const names[] = {"all", "met", "unmet", "pool"};
	static const int kinds[] = {TL_DEN, TL_NUM, TL_SHORT, TL_POOL};
	cadre_filter scope, f;
	int kind = -1, rc;

	for (int i = 0; i < 4; i++)
		if (strcmp(targets_opts[TO_LIST].value, names[i]) == 0)
			kind = kinds[i];
	if (kind < 0)
		return cli_usage(&targets_cmd, _("--list takes met, unmet, all or pool, not '%s'"),
				 targets_opts[TO_LIST].value);
	filter_init(&scope);
	scope.as_of = a->today;
	scope.deepest_tier = a->config->tiers;
	if (app_unit_code(a) && (rc = scope_unit(a, app_unit_code(a), &scope)))
		return rc;
	if (!target_filter(id, kind, &scope, year, &f))
		return cli_usage(&targets_cmd,
				 target_is_org(id)
					 ? _("this target counts party organisations, not cadres")
					 : _("this list cannot be made for this target"));
	rc = list_cadres(a, &f, args->format, args->limit_given ? args->limit : 0);
	if (kind == TL_POOL && (rc == CB_OK || rc == CB_NOT_FOUND) &&
	    cli_career_barred_note(a, &f, args->format))
		return CB_EDB;
	return rc;
}

static int run_targets(app *a, const cli_args *args)
{
	targets_out o = {NULL,
			 args->format,
			 targets_opts[TO_BY_DISTRICT].seen,
			 -1,
			 targets_opts[TO_MISSED].seen,
			 0,
			 0,
			 {NULL, false},
			 a->config->tier_label[2]};
	char date[11];
	cb_error err;
	int year, rc;

	if (targets_opts[TO_TARGET].seen &&
	    !target_from_key(targets_opts[TO_TARGET].value, &o.only))
		return cli_usage(&targets_cmd, _("unknown target '%s'"),
				 targets_opts[TO_TARGET].value);
	if (targets_opts[TO_YEARS].seen)
		return cli_targets_years(a, args, &targets_cmd, targets_opts[TO_YEARS].value,
					 o.only);
	if ((rc = pick_year(a, &targets_opts[TO_YEAR], &targets_cmd, &year)))
		return rc;
	if (targets_opts[TO_LIST].seen)
		return targets_list(a, args, o.only, year);
	cb_error_clear(&err);
	if (o.format == OUT_TABLE) {
		char by[96];
		snprintf(by, sizeof by, _("By %s"), o.district_word);
		date_format_vn(a->today, date);
		printf("%s · %s · %s %d\n", o.by_district ? by : scope_name(a, app_unit_code(a)),
		       date, _("year"), year);
	}
	if (o.format == OUT_XLSX || o.format == OUT_CSV_LABELS) {
		if (sheet_targets_begin(&o.sheet, stdout, o.format, a, o.by_district,
					args->app.district, year))
			return CB_EDB;
		o.w = o.sheet.w;
	} else if ((rc = targets_begin(&o))) {
		return rc;
	}
	rc = o.by_district ? targets_province_view(a, year, &o) : targets_one(a, args, year, &o);
	if (rc) {
		out_end(o.w);
		return rc;
	}
	if ((rc = finish(o.w)))
		return rc;
	return o.with_data ? CB_OK : CB_NOT_FOUND;
}

int cmd_targets(int argc, char **argv)
{
	cli_args args;
	app a;
	int rc = cli_parse(argc, argv, &targets_cmd, &args);

	if (rc || args.help)
		return rc;
	if (targets_opts[TO_BY_DISTRICT].seen && args.app.district)
		return cli_usage(&targets_cmd,
				 _("--district and --by-district cannot be used together"));
	if (targets_opts[TO_YEARS].seen &&
	    (targets_opts[TO_YEAR].seen || targets_opts[TO_BY_DISTRICT].seen ||
	     targets_opts[TO_LIST].seen || targets_opts[TO_MISSED].seen))
		return cli_usage(&targets_cmd, _("--years goes with one scope and without --year, "
						 "--by-district, --list or --missed"));
	if (targets_opts[TO_LIST].seen &&
	    (!targets_opts[TO_TARGET].seen || targets_opts[TO_BY_DISTRICT].seen))
		return cli_usage(&targets_cmd,
				 _("--list needs --target and one scope (not --by-district)"));
	args.app.readonly = true;
	if ((rc = cli_open(&args, &a)))
		return rc;
	rc = run_targets(&a, &args);
	app_close(&a);
	return rc;
}
