/* cmd_export.c - `canbo export --kind KIND [--year Y]`: the office's
 * organisations, ratings, trainings or planning entries in the columns
 * `canbo import --kind KIND` reads (record_import.h), CSV by default, so
 * that a year's records can be checked in a spreadsheet, sent on, and
 * imported into another database. Cadres are exported by `canbo find
 * --format csv`, evaluations by `canbo eval show --format csv`.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "cli.h"
#include "cli_plans.h"
#include "commands.h"
#include "i18n.h"
#include "record_import.h"

enum { EO_KIND, EO_YEAR };

static cli_option export_opts[] = {
	{"kind", N_("KIND"),
	 N_("What to write: org, rating, org-rating, training, planning, discipline or pool"),
	 false, NULL},
	{"year", N_("YEAR"), N_("Only the ratings or trainings of this year"), false, NULL},
	{NULL, NULL, NULL, false, NULL},
};

static const cli_command export_cmd = {
	.name = "export",
	.synopsis = "",
	.summary = N_("Write organisations, ratings, trainings, planning, disciplines or the pool "
		      "in the columns import reads"),
	.min_args = 0,
	.max_args = 0,
	.options = export_opts,
	.formats = CLI_FORMATS_SHEETS,
	.hide = CLI_HIDE_LIMIT,
};

int cmd_export(int argc, char **argv)
{
	cli_args args;
	app a;
	int kind, year = 0, rc = cli_parse(argc, argv, &export_cmd, &args);
	out_column tr[12];
	const out_column *cols;
	out_writer *o;
	size_t n, rows = 0;
	cb_error err;

	if (rc || args.help)
		return rc;
	if (!export_opts[EO_KIND].seen)
		return cli_usage(&export_cmd, _("--kind is needed: %s"), record_kind_names());
	if (!record_kind_from_name(export_opts[EO_KIND].value, &kind))
		return cli_usage(&export_cmd, _("--kind must be one of %s, not '%s'"),
				 record_kind_names(), export_opts[EO_KIND].value);
	if ((rc = cli_plans_take_year(&export_cmd, &export_opts[EO_YEAR], &year)))
		return rc;
	if (!args.format_given)
		args.format = OUT_CSV; /* what import reads */
	if ((rc = cli_open(&args, &a)))
		return rc;
	cols = record_export_columns(kind, &n);
	if (!(o = cli_plans_begin(cols, tr, n, args.format))) {
		app_close(&a);
		return cli_plans_oom();
	}
	cb_error_clear(&err);
	rc = record_export(a.db, kind, year, o, &rows, &err);
	rc = cli_plans_end(o, rc, rc ? &err : NULL, rows);
	app_close(&a);
	return rc;
}
