/* cmd_targets.c - `canbo targets`: the resolution's targets for one
 * scope, or every district side by side with the province
 * (--by-district): goal, actual, met or not, and how many people are
 * missing; or (--list) the cadres behind one target; or (--years) every
 * target year after year (cmd_targets_years.c).
 *
 * It prints exactly what the target panel shows, from the same engine
 * (stats.h). Met or missed is decided on the integer counts, and a
 * target with nobody to count is "no data", never 0 %; when no target
 * has data the exit status is 1. CSV and JSON use the targets' keys of
 * canbo(1); the table, CSV with labels and XLSX use translated labels.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_career.h"
#include "cli_stats.h"
#include "cli_targets.h"
#include "commands.h"
#include "i18n.h"
#include "sheet.h"

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
		return sheet_targets_row(&o->sheet, col, r) ? cli_stats_oom() : CB_OK;
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
		return cli_stats_row(o->w, o->by_district ? cells : cells + 1);
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
	return cli_stats_row(o->w, cells);
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

/* The cadres of one scope: the district of --district, or the whole
 * province, on the reference date. */
static int office_scope(const app *a, cadre_filter *f)
{
	filter_init(f);
	f->as_of = a->today;
	f->deepest_tier = a->config->tiers;
	return app_unit_code(a) ? cli_stats_unit(a, app_unit_code(a), f) : CB_OK;
}

/* One scope: the district of --district, or the whole province. */
static int targets_one(app *a, const cli_args *args, int year, targets_out *o)
{
	target_column col;
	int pct[TARGET_COUNT], rc;
	const char *code = app_unit_code(a);
	cb_error err;

	memset(&col, 0, sizeof col);
	if ((rc = office_scope(a, &col.scope)))
		return rc;
	snprintf(col.code, sizeof col.code, "%s", code ? code : a->config->units[0].code);
	snprintf(col.name, sizeof col.name, "%s", cli_stats_scope_name(a, code));
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
	if ((rc = office_scope(a, &scope)))
		return rc;
	if (!target_filter(id, kind, &scope, year, &f))
		return cli_usage(&targets_cmd,
				 target_is_org(id)
					 ? _("this target counts party organisations, not cadres")
					 : _("this list cannot be made for this target"));
	rc = cli_stats_list(a, args, &f);
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
	if ((rc = cli_stats_year(a, &targets_opts[TO_YEAR], &targets_cmd, &year)))
		return rc;
	if (targets_opts[TO_LIST].seen)
		return targets_list(a, args, o.only, year);
	cb_error_clear(&err);
	if (o.format == OUT_TABLE) {
		char by[96];
		snprintf(by, sizeof by, _("By %s"), o.district_word);
		date_format_vn(a->today, date);
		printf("%s · %s · %s %d\n",
		       o.by_district ? by : cli_stats_scope_name(a, app_unit_code(a)), date,
		       _("year"), year);
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
	if ((rc = cli_stats_end(o.w, rc)))
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
