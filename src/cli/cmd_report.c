/* cmd_report.c - `canbo report`: the report layouts of the configuration
 * (reports/NAME.ini, canbo.ini(5)).
 *
 *   canbo report list                    the layouts, with their titles
 *   canbo report run NAME [--year Y] [--district CODE]
 *                         [--format table|csv|json|xlsx] [--labels]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cli.h"
#include "commands.h"
#include "i18n.h"
#include "report.h"

#define YEAR_MIN 1945
#define YEAR_MAX 2100

static cli_option report_opts[] = {
	{"year", N_("YEAR"), N_("Year of ratings and trainings (default: the latest rated year)"),
	 false, NULL},
	{NULL, NULL, NULL, false, NULL},
};

static const cli_command report_cmd = {
	.name = "report",
	.synopsis = N_("list | run NAME"),
	.summary =
		N_("Reports laid out in the configuration (reports/*.ini): list them, or run one"),
	.min_args = 1,
	.max_args = 2,
	.options = report_opts,
	.formats = CLI_FORMATS_SHEETS,
	.hide = CLI_HIDE_LIMIT,
};

static int list_reports(app *a, int format)
{
	static const out_column cols[] = {
		{"name", N_("Name"), OUT_LEFT, OUT_STR, 0},
		{"title", N_("Title"), OUT_LEFT, OUT_STR, 60},
		{"example", N_("Example"), OUT_LEFT, OUT_STR, 0},
	};
	out_column tr[3];
	char **names;
	size_t n;
	out_writer *w;
	cb_error err;
	int rc = CB_OK;

	cb_error_clear(&err);
	if (report_list(a->config, &names, &n, &err))
		return cli_fail(&err);
	for (int i = 0; i < 3; i++) {
		tr[i] = cols[i];
		tr[i].header = _(cols[i].header);
	}
	if (!(w = out_begin(stdout, format, tr, 3))) {
		rc = CB_EDB;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		report r;
		cb_error_clear(&err);
		if (report_load(a->config, names[i], &r, &err)) {
			cli_warn("%s", err.msg); /* listed anyway: run says what is wrong */
			snprintf(r.title, sizeof r.title, "%s", _("(cannot be read)"));
			r.example = false;
		}
		const char *cells[] = {names[i], r.title,
				       r.example ? (out_for_people(format) ? _("yes") : "yes")
						 : (out_for_people(format) ? _("no") : "no")};
		if (out_row(w, cells)) {
			rc = CB_EDB;
			break;
		}
	}
	if (out_end(w) && !rc)
		rc = CB_EDB;
	if (rc == CB_EDB)
		cli_warn("%s", _("Could not write the output"));
out:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc ? rc : n ? CB_OK : CB_NOT_FOUND;
}

static int run_report(app *a, const cli_args *args, const char *name)
{
	report *r = malloc(sizeof *r);
	report_result *res = malloc(sizeof *res);
	cb_error err;
	int64_t y;
	int year, ry, m, d, rc;

	if (!r || !res) {
		free(r);
		free(res);
		cli_warn("%s", _("Out of memory"));
		return CB_EDB;
	}
	cb_error_clear(&err);
	if (report_opts[0].seen) {
		if (!cli_number(report_opts[0].value, YEAR_MAX, &y) || y < YEAR_MIN) {
			rc = cli_usage(&report_cmd,
				       _("--year needs a year from %d to %d, not '%s'"), YEAR_MIN,
				       YEAR_MAX, report_opts[0].value);
			goto out;
		}
		year = (int)y;
	} else {
		date_to_ymd(a->today, &ry, &m, &d);
		year = stats_latest_year(a->db, ry, &err);
		if (err.code) {
			rc = cli_fail(&err);
			goto out;
		}
	}
	if ((rc = report_load(a->config, name, r, &err)) ||
	    (rc = report_run(a->db, a->config, r, a->today, year, args->app.district, res, &err))) {
		rc = cli_fail(&err);
		goto out;
	}
	if ((rc = report_write(stdout, args->format, a, r, res)))
		cli_warn("%s", _("Could not write the output"));
out:
	free(r);
	free(res);
	return rc;
}

int cmd_report(int argc, char **argv)
{
	cli_args args;
	app a;
	int rc = cli_parse(argc, argv, &report_cmd, &args);

	if (rc || args.help)
		return rc;
	if (strcmp(args.argv[0], "list") == 0) {
		if (args.argc != 1)
			return cli_usage(&report_cmd, _("unexpected argument '%s'"), args.argv[1]);
	} else if (strcmp(args.argv[0], "run") == 0) {
		if (args.argc != 2)
			return cli_usage(&report_cmd, _("missing argument: %s"), "NAME");
	} else {
		return cli_usage(&report_cmd, _("unknown report command '%s' (list or run)"),
				 args.argv[0]);
	}
	args.app.readonly = true;
	if ((rc = cli_open(&args, &a)))
		return rc;
	rc = args.argc == 1 ? list_reports(&a, args.format) : run_report(&a, &args, args.argv[1]);
	app_close(&a);
	return rc;
}
