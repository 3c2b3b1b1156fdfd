/* cmd_selfcheck.c - `canbo selfcheck`: the monthly self-check of cadres
 * against the manifestations of degradation.
 *
 *   canbo selfcheck [--month YYYY-MM | --period P] [--district CODE] [--org ID]
 *       who has not recorded a check in the period (default: the self-check
 *       period of evaluation.ini holding the reference date)
 *   canbo selfcheck record CADRE [--month M] [--flags 1.2,3.4] [--note TEXT]
 *   canbo selfcheck show CADRE        a cadre's checks, newest first
 *   canbo selfcheck catalogue         the catalogue, as configured
 *   canbo selfcheck remedy CADRE CODE [--month M]
 *       opens an item of the cadre's remediation plan for a flagged
 *       manifestation
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_eval.h"
#include "cli_plans.h"
#include "commands.h"
#include "evaluation.h"
#include "i18n.h"
#include "sheet.h"

/* ---- who has not checked ------------------------------------------------ */

static cli_option missing_opts[] = {
	{"month", "YYYY-MM", N_("Month of the check (default: the current month)"), false, NULL},
	{"org", N_("ID"), N_("Only the cadres of this organisation"), false, NULL},
	{"period", N_("PERIOD"),
	 N_("A month, quarter or half-year: 2025-06, 2025-Q2, 2025-H1 (default: the configured "
	    "self-check period)"),
	 false, NULL},
	{NULL, NULL, NULL, false, NULL},
};

static const cli_command missing_cmd = {
	.name = "selfcheck",
	.synopsis = N_("[record CADRE | show CADRE | catalogue | remedy CADRE CODE]"),
	.summary = N_("List the cadres who have not recorded this month's self-check"),
	.min_args = 0,
	.max_args = 0,
	.options = missing_opts,
	.formats = CLI_FORMATS_SHEETS,
};

static int list_missing(app *a, const cli_args *args, const char *month, int64_t org)
{
	plans_query q;
	cb_error err;
	int done_n = 0, total = 0, rc;
	size_t n;

	if ((rc = cli_plans_scope(a, args, &q)))
		return rc;
	cb_error_clear(&err);
	if ((rc = selfcheck_count(a->db, month, q.unit_lo, q.unit_hi, org, &done_n, &total, &err)))
		return cli_fail(&err);
	if ((rc = sheet_selfcheck_missing(stdout, args->format, a, month, q.unit_lo, q.unit_hi, org,
					  args->app.district, args->limit, &n, &err)))
		return cli_fail(&err);
	if (args->format == OUT_TABLE)
		printf(_("Self-check of %s recorded by %d of %d cadres.\n"), month, done_n, total);
	/* Everyone has checked: nothing to list, and that is the good news. */
	return CB_OK;
}

/* The self-check period of evaluation.ini holding the reference date; a
 * month when the file is not there. */
static void configured_period(app *a, char *buf)
{
	eval_rules rules;
	cb_error err;
	int months = 1;

	if (access(a->config->evaluation, F_OK) == 0 &&
	    config_evaluation_load(a->config, &rules, &err) == CB_OK) {
		months = rules.selfcheck_months;
		eval_rules_free(&rules);
	}
	selfcheck_period_of(a->today, months, buf);
}

static int run_missing(int argc, char **argv)
{
	cli_args args;
	app a = {0};
	char month[8], first[8], last[8];
	int64_t org = 0;
	int rc = cli_parse(argc, argv, &missing_cmd, &args);

	if (rc || args.help)
		return rc;
	if (missing_opts[0].seen && !selfcheck_month_valid(missing_opts[0].value))
		return cli_usage(&missing_cmd, _("--month needs a month written YYYY-MM, not '%s'"),
				 missing_opts[0].value);
	if (missing_opts[2].seen && (strlen(missing_opts[2].value) >= sizeof month ||
				     !selfcheck_period_range(missing_opts[2].value, first, last)))
		return cli_usage(
			&missing_cmd,
			_("--period needs a month, quarter or half-year written 2025-06, 2025-Q2"
			  " or 2025-H1, not '%s'"),
			missing_opts[2].value);
	if ((rc = cli_plans_take_id(&missing_cmd, &missing_opts[1], &org,
				    _("--org needs an organisation number, not '%s'"))))
		return rc;
	args.app.readonly = true; /* lists only: no write lock, a read-only file will do */
	if ((rc = cli_open(&args, &a)))
		return rc;
	if (missing_opts[2].seen)
		snprintf(month, sizeof month, "%s", missing_opts[2].value);
	else if (missing_opts[0].seen)
		snprintf(month, sizeof month, "%s", missing_opts[0].value);
	else
		configured_period(&a, month);
	rc = list_missing(&a, &args, month, org);
	app_close(&a);
	return rc;
}

/* ---- record ------------------------------------------------------------------ */

static cli_option record_opts[] = {
	{"month", "YYYY-MM", N_("Month of the check (default: the current month)"), false, NULL},
	{"flags", N_("CODES"),
	 N_("Codes of the manifestations flagged, e.g. 1.2,3.4 (\"\" = none)"), false, NULL},
	{"note", N_("TEXT"), N_("A note on the check"), false, NULL},
	{"version", "N", N_("Save only if the check is still at this version"), false, NULL},
	{NULL, NULL, NULL, false, NULL},
};

static const cli_command record_cmd = {
	.name = "selfcheck record",
	.synopsis = N_("CADRE"),
	.summary = N_("Record (or correct) a cadre's self-check for a month"),
	.min_args = 1,
	.max_args = 1,
	.options = record_opts,
	.formats = 0,
	.hide = CLI_HIDE_FORMAT | CLI_HIDE_LIMIT,
};

/* Loads the catalogue of the configuration; prints the error. */
static int load_catalogue(app *a, manifestation **cat, size_t *n,
			  char titles[CFG_MANIF_GROUPS][CFG_MANIF_TITLE_MAX])
{
	cb_error err;
	cb_error_clear(&err);
	if (config_manifestations_load(a->config, cat, n, titles, &err))
		return cli_fail(&err);
	return CB_OK;
}

static int record_fill(const cli_command *cmd, selfcheck *sc)
{
	cb_error err;
	cb_error_clear(&err);
	if (record_opts[1].seen && plans_copy_field(sc->flagged, sizeof sc->flagged,
						    record_opts[1].value, _("Flagged"), &err))
		return cli_usage(cmd, "%s", err.msg);
	if (record_opts[2].seen &&
	    plans_copy_field(sc->note, sizeof sc->note, record_opts[2].value, _("Note"), &err))
		return cli_usage(cmd, "%s", err.msg);
	return cli_plans_take_version(cmd, &record_opts[3], &sc->version);
}

static int run_record(int argc, char **argv)
{
	char titles[CFG_MANIF_GROUPS][CFG_MANIF_TITLE_MAX];
	cli_args args;
	app a = {0};
	cb_error err;
	manifestation *cat = NULL;
	selfcheck *sc = calloc(1, sizeof *sc);
	size_t n = 0;
	int64_t cadre_id;
	int rc = sc ? cli_plans_parse_id(argc, argv, &record_cmd, &args, &cadre_id,
					 _("'%s' is not a cadre number"))
		    : cli_plans_oom();

	if (rc || args.help)
		goto out;
	if (record_opts[0].seen && !selfcheck_month_valid(record_opts[0].value)) {
		rc = cli_usage(&record_cmd, _("--month needs a month written YYYY-MM, not '%s'"),
			       record_opts[0].value);
		goto out;
	}
	if ((rc = cli_open(&args, &a)))
		goto out;
	if ((rc = cli_plans_may_edit(&a)) || (rc = load_catalogue(&a, &cat, &n, titles)))
		goto close;
	if (record_opts[0].seen)
		snprintf(sc->month, sizeof sc->month, "%s", record_opts[0].value);
	else
		selfcheck_month_of(a.today, sc->month);
	cb_error_clear(&err);
	rc = selfcheck_get(a.db, cadre_id, sc->month, sc, &err);
	if (rc == CB_NOT_FOUND) {
		sc->cadre_id = cadre_id;
		rc = CB_OK;
	}
	if (rc) {
		rc = cli_fail(&err);
		goto close;
	}
	if ((rc = record_fill(&record_cmd, sc)))
		goto close;
	if ((rc = selfcheck_save(a.db, sc, cat, n, a.today, &err)))
		rc = cli_fail(&err);
close:
	app_close(&a);
out:
	free(cat);
	free(sc);
	return rc;
}

/* ---- show / catalogue -------------------------------------------------------- */

static const cli_command show_cmd = {
	.name = "selfcheck show",
	.synopsis = N_("CADRE"),
	.summary = N_("A cadre's monthly self-checks, newest first"),
	.min_args = 1,
	.max_args = 1,
	.options = NULL,
	.formats = 0,
};

static int run_show(int argc, char **argv)
{
	static const out_column cols[] = {
		{"month", N_("Month"), OUT_LEFT, OUT_STR, 0},
		{"flagged", N_("Flagged"), OUT_LEFT, OUT_STR, 30},
		{"note", N_("Note"), OUT_LEFT, OUT_STR, 40},
		{"checked_on", N_("Recorded on"), OUT_LEFT, OUT_STR, 0},
	};
	out_column tr[4];
	cli_args args;
	app a = {0};
	cb_error err;
	selfcheck *rows = NULL;
	size_t n = 0, i;
	int64_t cadre_id;
	out_writer *o;
	int rc = cli_plans_parse_id(argc, argv, &show_cmd, &args, &cadre_id,
				    _("'%s' is not a cadre number"));

	if (rc || args.help)
		return rc;
	args.app.readonly = true; /* lists only: no write lock, a read-only file will do */
	if ((rc = cli_open(&args, &a)))
		return rc;
	cb_error_clear(&err);
	if ((rc = selfcheck_history(a.db, cadre_id, &rows, &n, &err))) {
		rc = cli_fail(&err);
		goto out;
	}
	if (!(o = cli_plans_begin(cols, tr, 4, args.format))) {
		rc = cli_plans_oom();
		goto out;
	}
	for (i = 0; i < n && (!args.limit || i < args.limit); i++) {
		char d[11];
		const char *cells[4] = {rows[i].month, rows[i].flagged, rows[i].note,
					cli_plans_date(rows[i].checked_on, args.format, d)};
		if (out_row(o, cells))
			break;
	}
	rc = cli_plans_end(o, i < n && (!args.limit || i < args.limit) ? -1 : 0, &err, n);
out:
	free(rows);
	app_close(&a);
	return rc;
}

static const cli_command catalogue_cmd = {
	.name = "selfcheck catalogue",
	.synopsis = "",
	.summary = N_("The manifestations of degradation a self-check is made against"),
	.min_args = 0,
	.max_args = 0,
	.options = NULL,
	.formats = 0,
	.hide = CLI_HIDE_LIMIT,
};

static int run_catalogue(int argc, char **argv)
{
	static const out_column cols[] = {
		{"code", N_("Code"), OUT_LEFT, OUT_STR, 0},
		{"group", N_("Group"), OUT_LEFT, OUT_STR, 30},
		{"text", N_("Manifestation"), OUT_LEFT, OUT_STR, 0},
	};
	char titles[CFG_MANIF_GROUPS][CFG_MANIF_TITLE_MAX];
	out_column tr[3];
	cli_args args;
	app a = {0};
	manifestation *cat = NULL;
	size_t n = 0, i;
	out_writer *o;
	int rc = cli_parse(argc, argv, &catalogue_cmd, &args);

	if (rc || args.help)
		return rc;
	args.app.readonly = true; /* lists only: no write lock, a read-only file will do */
	if ((rc = cli_open(&args, &a)))
		return rc;
	if ((rc = load_catalogue(&a, &cat, &n, titles)))
		goto out;
	if (!(o = cli_plans_begin(cols, tr, 3, args.format))) {
		rc = cli_plans_oom();
		goto out;
	}
	for (i = 0; i < n; i++) {
		int g = cat[i].group;
		const char *cells[3] = {
			cat[i].code, g >= 1 && g <= CFG_MANIF_GROUPS ? titles[g - 1] : "",
			cat[i].text[0] || args.format == OUT_TABLE ? selfcheck_item_text(&cat[i])
								   : ""};
		if (out_row(o, cells))
			break;
	}
	rc = cli_plans_end(o, i < n ? -1 : 0, NULL, n);
out:
	free(cat);
	app_close(&a);
	return rc;
}

/* ---- remedy ------------------------------------------------------------------ */

static cli_option remedy_opts[] = {
	{"month", "YYYY-MM", N_("Month of the check (default: the current month)"), false, NULL},
	{NULL, NULL, NULL, false, NULL},
};

static const cli_command remedy_cmd = {
	.name = "selfcheck remedy",
	.synopsis = N_("CADRE CODE"),
	.summary = N_("Open an item of the cadre's remediation plan for a manifestation flagged in "
		      "a self-check"),
	.min_args = 2,
	.max_args = 2,
	.options = remedy_opts,
	.formats = 0,
	.hide = CLI_HIDE_FORMAT | CLI_HIDE_LIMIT,
};

static int run_remedy(int argc, char **argv)
{
	char titles[CFG_MANIF_GROUPS][CFG_MANIF_TITLE_MAX], month[8];
	cli_args args;
	app a = {0};
	cb_error err;
	manifestation *cat = NULL;
	size_t n = 0;
	int64_t cadre_id, item = 0;
	int rc = cli_parse(argc, argv, &remedy_cmd, &args);

	if (rc || args.help)
		return rc;
	if (!cli_plans_id(args.argv[0], &cadre_id))
		return cli_usage(&remedy_cmd, _("'%s' is not a cadre number"), args.argv[0]);
	if (remedy_opts[0].seen && !selfcheck_month_valid(remedy_opts[0].value))
		return cli_usage(&remedy_cmd, _("--month needs a month written YYYY-MM, not '%s'"),
				 remedy_opts[0].value);
	if ((rc = cli_open(&args, &a)))
		return rc;
	if (!(rc = cli_plans_may_edit(&a)) && !(rc = load_catalogue(&a, &cat, &n, titles))) {
		if (remedy_opts[0].seen)
			snprintf(month, sizeof month, "%s", remedy_opts[0].value);
		else
			selfcheck_month_of(a.today, month);
		cb_error_clear(&err);
		if ((rc = selfcheck_remedy(a.db, cadre_id, month, args.argv[1], cat, n, a.today,
					   &item, &err)))
			rc = cli_fail(&err);
		else
			printf("%lld\n", (long long)item);
	}
	free(cat);
	app_close(&a);
	return rc;
}

/* ---- dispatch ---------------------------------------------------------------- */

static bool takes_arg(const char *word)
{
	return cli_plans_option_takes_arg(word) || cli_eval_option_takes_arg(word);
}

static const cli_sub subs[] = {
	{"record", run_record, N_("Record (or correct) a cadre's self-check for a month")},
	{"show", run_show, N_("A cadre's monthly self-checks, newest first")},
	{"catalogue", run_catalogue,
	 N_("The manifestations of degradation a self-check is made against")},
	{"remedy", run_remedy,
	 N_("Open an item of the cadre's remediation plan for a manifestation flagged in a "
	    "self-check")},
};

static const cli_dispatch selfcheck_dispatch = {
	.name = "selfcheck",
	.cmd = &missing_cmd,
	.subs = subs,
	.nsubs = CLI_NSUBS(subs),
	.own_takes_arg = takes_arg,
	.dflt = run_missing,
};

int cmd_selfcheck(int argc, char **argv)
{
	return cli_dispatch_run(&selfcheck_dispatch, argc, argv);
}
