/* cmd_units.c - `canbo units list|migrate`: the administrative units and
 * the reform that ends some of them (units.h).
 *
 *   canbo units list [--all]
 *   canbo units migrate --map MAP.csv --effective DATE [--dry-run]
 *
 * list shows the units in force (with --all, ended ones too, with the day
 * they ended and their successor). migrate runs with the new configuration:
 * the units it no longer has end on DATE and their cadres and party
 * organisations go to the units MAP.csv names ("old code,new code"), all
 * or nothing; a unit with records and no line in the map refuses the
 * whole migration, listing every unit that ends.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_plans.h"
#include "commands.h"
#include "date.h"
#include "i18n.h"
#include "units.h"

static cli_option units_opts[] = {
	{"all", NULL, N_("Also list the units that have ended"), false, NULL},
	{"map", N_("FILE"), N_("CSV lines \"old unit code,new unit code\""), false, NULL},
	{"effective", N_("DATE"), N_("The first day of the new units"), false, NULL},
	{"dry-run", NULL, N_("Check and count everything, change nothing"), false, NULL},
	{NULL, NULL, NULL, false, NULL},
};
enum { U_ALL, U_MAP, U_EFFECTIVE, U_DRY };

static const cli_command units_cmd = {
	.name = "units",
	.synopsis = N_("list | migrate"),
	.summary = N_("List the units; move the records of ended units to their successors"),
	.min_args = 0,
	.max_args = 0,
	.options = units_opts,
	.formats = 0,
};

/* ---- list ------------------------------------------------------------ */

static const out_column unit_cols[] = {
	{"code", N_("Code"), OUT_LEFT, OUT_STR, 0},
	{"name", N_("Unit"), OUT_LEFT, OUT_STR, 40},
	{"kind", N_("Kind"), OUT_LEFT, OUT_STR, 0},
	{"tier", N_("Tier"), OUT_RIGHT, OUT_NUM, 0},
	{"ended", N_("Ended"), OUT_LEFT, OUT_STR, 0},
	{"successor", N_("Successor"), OUT_LEFT, OUT_STR, 0},
};
#define UNIT_NCOLS (sizeof unit_cols / sizeof unit_cols[0])

struct unit_rows {
	unit_row *rows;
};

static int fetch_units(app *a, void *ctx, size_t *n, cb_error *err)
{
	return store_units_list(a->db, units_opts[U_ALL].seen, &((struct unit_rows *)ctx)->rows, n,
				err);
}

static bool unit_cells(app *a, void *ctx, size_t i, int format, cli_cells *c)
{
	const unit_row *u = &((struct unit_rows *)ctx)->rows[i];
	unit_row succ;
	cb_error err;

	c->cell[0] = u->code;
	cli_cell_printf(c, 1, "%*s%s", format == OUT_TABLE ? 2 * (u->tier - 1) : 0, "", u->name);
	c->cell[2] = u->kind;
	cli_cell_printf(c, 3, "%d", u->tier);
	if (u->ended != CB_DATE_NONE)
		format == OUT_TABLE ? date_format_vn(u->ended, c->buf[4])
				    : date_format_iso(u->ended, c->buf[4]);
	else
		c->buf[4][0] = '\0';
	c->cell[4] = c->buf[4];
	if (u->successor_id && !store_unit_get(a->db, u->successor_id, &succ, &err))
		cli_cell_printf(c, 5, "%s", succ.code);
	return true;
}

static int run_list(int argc, char **argv)
{
	static const cli_list list = {
		.cols = unit_cols,
		.ncols = UNIT_NCOLS,
		.fetch = fetch_units,
		.row = unit_cells,
	};
	struct unit_rows ctx = {NULL};
	cli_args args;
	int rc = cli_parse(argc, argv, &units_cmd, &args);

	if (rc || args.help)
		return rc;
	if (args.argc)
		return cli_usage(&units_cmd, _("unexpected argument '%s'"), args.argv[0]);
	rc = cli_list_run(&list, &args, &ctx);
	free(ctx.rows);
	return rc;
}

/* ---- migrate ----------------------------------------------------------- */

/* Every unit that ends: where its records go, or that the map lacks it. */
static void print_leaving(const units_migrate_info *info, bool refused)
{
	for (size_t i = 0; i < info->nleaving; i++) {
		const unit_leaving *l = &info->leaving[i];
		bool empty = !l->cadres && !l->orgs;
		if (refused && (l->successor[0] || empty))
			continue;
		if (l->successor[0])
			printf(_("%s %s: %lld cadres, %lld party organisations -> %s\n"),
			       l->unit.code, l->unit.name, (long long)l->cadres, (long long)l->orgs,
			       l->successor);
		else if (empty)
			printf(_("%s %s: ends, nothing in it\n"), l->unit.code, l->unit.name);
		else
			printf(_("%s %s: %lld cadres, %lld party organisations, NOT IN THE MAP\n"),
			       l->unit.code, l->unit.name, (long long)l->cadres,
			       (long long)l->orgs);
	}
}

static int run_migrate(int argc, char **argv)
{
	cli_args args;
	app a;
	unit_map map;
	units_migrate_info info;
	cb_date effective;
	cb_error err;
	char day[16];
	bool dry;
	int rc = cli_parse(argc, argv, &units_cmd, &args);

	if (rc || args.help)
		return rc;
	if (args.argc)
		return cli_usage(&units_cmd, _("unexpected argument '%s'"), args.argv[0]);
	if (!units_opts[U_MAP].seen || !units_opts[U_EFFECTIVE].seen)
		return cli_usage(&units_cmd, "%s",
				 _("units migrate needs --map FILE and --effective DATE"));
	if (!date_parse(units_opts[U_EFFECTIVE].value, &effective))
		return cli_usage(&units_cmd, _("--effective needs a date (dd/mm/yyyy), not '%s'"),
				 units_opts[U_EFFECTIVE].value);
	dry = units_opts[U_DRY].seen;
	cb_error_clear(&err);
	if ((rc = unit_map_read(units_opts[U_MAP].value, &map, &err)))
		return cli_fail(&err);
	args.app.keep_units = true;
	if ((rc = cli_open(&args, &a))) {
		unit_map_free(&map);
		return rc;
	}
	if ((rc = cli_plans_may_edit(&a))) {
		app_close(&a);
		unit_map_free(&map);
		return rc;
	}
	rc = store_units_migrate(a.db, a.config, &a.scope, &map, effective, dry, &info, &err);
	date_format_vn(effective, day);
	if (rc == CB_EINVALID && info.unmapped) {
		print_leaving(&info, true);
		cli_fail(&err);
	} else if (rc) {
		cli_fail(&err);
	} else {
		print_leaving(&info, false);
		printf(dry ? _("Would end %zu units on %s and move %lld cadres (%lld posts) and "
			       "%lld party organisations to their successors; %zu units would come "
			       "into force; nothing was changed\n")
			   : _("Ended %zu units on %s and moved %lld cadres (%lld posts) and %lld "
			       "party organisations to their successors; %zu units came into "
			       "force\n"),
		       info.nleaving, day, (long long)info.cadres, (long long)info.appointments,
		       (long long)info.orgs, info.units_added);
	}
	units_migrate_info_free(&info);
	unit_map_free(&map);
	app_close(&a);
	return rc;
}

static const cli_sub subs[] = {
	{"list", run_list, N_("List the units and their successors")},
	{"migrate", run_migrate, N_("Move the records of ended units to their successors")},
};

static const cli_dispatch units_dispatch = {
	.name = "units",
	.cmd = &units_cmd,
	.subs = subs,
	.nsubs = CLI_NSUBS(subs),
	.dflt = run_list,
};

int cmd_units(int argc, char **argv)
{
	return cli_dispatch_run(&units_dispatch, argc, argv);
}
