/* cmd_org.c - `canbo org list|show|add|edit|move|end`: the party
 * organisations of the office, from the command line.
 *
 *   canbo org list [--unit CODE] [--all]
 *   canbo org show ID
 *   canbo org add --name NAME --kind KIND --unit CODE [--parent ID]
 *   canbo org edit ID [--name NAME] [--kind KIND]
 *   canbo org move ID (--parent ID | --top) [--unit CODE]
 *   canbo org end ID --date DATE (--dissolved | --merged-into ID)
 *
 * KIND is a stable name (`grassroots`, `cell`...) or its number; DATE is
 * dd/mm/yyyy or yyyy-mm-dd. Changes need the edit right and are checked
 * and audited by the store; an ended organisation is listed only with --all.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_plans.h"
#include "commands.h"
#include "config.h"
#include "date.h"
#include "i18n.h"
#include "model.h"
#include "store.h"

static cli_option org_opts[] = {
	{"unit", N_("CODE"), N_("The administrative unit (its official code)"), false, NULL},
	{"all", NULL, N_("Also list organisations that have ended"), false, NULL},
	{"name", N_("NAME"), N_("Name of the organisation"), false, NULL},
	{"kind", N_("KIND"), N_("Kind of organisation (see canbo org list --help)"), false, NULL},
	{"parent", N_("ID"), N_("The organisation it belongs to"), false, NULL},
	{"top", NULL, N_("Belongs to no other organisation"), false, NULL},
	{"date", N_("DATE"), N_("Date on which it ended"), false, NULL},
	{"dissolved", NULL, N_("Ended by dissolution"), false, NULL},
	{"merged-into", N_("ID"), N_("Ended by merger into this organisation"), false, NULL},
	{NULL, NULL, NULL, false, NULL},
};
enum { O_UNIT, O_ALL, O_NAME, O_KIND, O_PARENT, O_TOP, O_DATE, O_DISSOLVED, O_MERGED };

static const cli_command org_cmd = {
	.name = "org",
	.synopsis = N_("list | show ID | add | edit ID | move ID | end ID"),
	.summary = N_("List, add, change, move and end party organisations"),
	.min_args = 0,
	.max_args = 1,
	.options = org_opts,
	.formats = 0,
};

/* Parses the options and the one ID argument (when `id` is not NULL). */
static int parse(int argc, char **argv, cli_args *args, int64_t *id)
{
	int rc = cli_parse(argc, argv, &org_cmd, args);

	if (rc || args->help)
		return rc;
	if (!id)
		return args->argc
			       ? cli_usage(&org_cmd, _("unexpected argument '%s'"), args->argv[0])
			       : CB_OK;
	if (args->argc != 1 || !cli_number(args->argv[0], INT64_MAX, id) || *id == 0)
		return cli_usage(&org_cmd, "%s", _("give the organisation's number"));
	return CB_OK;
}

static int take_kind(const char *s, int *kind)
{
	int64_t v;

	if (model_value(ENUM_ORGKIND, s, kind))
		return CB_OK;
	if (cli_number(s, 1000, &v) && model_name(ENUM_ORGKIND, (int)v)[0]) {
		*kind = (int)v;
		return CB_OK;
	}
	return cli_usage(&org_cmd, _("unknown kind of organisation '%s'"), s);
}

static int take_id(int opt, int64_t *id)
{
	if (!cli_number(org_opts[opt].value, INT64_MAX, id) || *id == 0)
		return cli_usage(&org_cmd, _("--%s needs an organisation number, not '%s'"),
				 org_opts[opt].name, org_opts[opt].value);
	return CB_OK;
}

static int take_unit(app *a, int64_t *unit_id)
{
	unit_row u;
	cb_error err;

	cb_error_clear(&err);
	if (store_unit_by_code(a->db, org_opts[O_UNIT].value, &u, &err))
		return cli_usage(&org_cmd, _("no administrative unit with code '%s'"),
				 org_opts[O_UNIT].value);
	*unit_id = u.id;
	return CB_OK;
}

/* Opens the application for a change: edit right required. */
static int open_for_change(const cli_args *args, app *a)
{
	int rc = cli_open(args, a);

	if (!rc && (rc = cli_plans_may_edit(a)))
		app_close(a);
	return rc;
}

static int saved(app *a, int rc, const cb_error *err, int64_t id)
{
	if (!rc)
		printf(_("Party organisation %lld saved\n"), (long long)id);
	app_close(a);
	return rc ? cli_fail(err) : CB_OK;
}

/* ---- list and show ------------------------------------------------------- */

static const out_column org_cols[] = {
	{"id", N_("No."), OUT_RIGHT, OUT_NUM, 0},
	{"name", N_("Party organisation"), OUT_LEFT, OUT_STR, 48},
	{"kind", N_("Kind"), OUT_LEFT, OUT_STR, 28},
	{"unit", N_("Unit"), OUT_LEFT, OUT_STR, 28},
	{"parent_id", N_("Belongs to"), OUT_RIGHT, OUT_NUM, 0},
	{"cadres", N_("Cadres"), OUT_RIGHT, OUT_NUM, 0},
	{"ended", N_("Ended"), OUT_LEFT, OUT_STR, 0},
	{"merged_into", N_("Merged into"), OUT_RIGHT, OUT_NUM, 0},
};
#define ORG_NCOLS (sizeof org_cols / sizeof org_cols[0])

/* The rows of a listing: the tree of a unit, or one organisation. */
struct org_rows {
	org_row *rows;
	int64_t unit_id, id;
};

static int fetch_tree(app *a, void *ctx, size_t *n, cb_error *err)
{
	struct org_rows *c = ctx;
	int rc;

	if (org_opts[O_UNIT].seen && (rc = take_unit(a, &c->unit_id)))
		return rc;
	return store_org_tree(a->db, c->unit_id, 0, &c->rows, n, err);
}

static int fetch_one(app *a, void *ctx, size_t *n, cb_error *err)
{
	struct org_rows *c = ctx;
	int rc;

	if (!(c->rows = calloc(1, sizeof *c->rows)))
		return cb_error_oom(err);
	if (!(rc = store_org_get(a->db, c->id, c->rows, err)))
		*n = 1;
	return rc;
}

static bool org_cells(app *a, void *ctx, size_t i, int format, cli_cells *c)
{
	const org_row *r = &((struct org_rows *)ctx)->rows[i];
	unit_row u;
	cb_error err;

	if (r->ended != CB_DATE_NONE && !org_opts[O_ALL].seen && !((struct org_rows *)ctx)->id)
		return false;
	cli_cell_printf(c, 0, "%lld", (long long)r->id);
	/* the table shows the tree by indenting; CSV and JSON keep the name */
	cli_cell_printf(c, 1, "%*s%s", format == OUT_TABLE ? 2 * r->depth : 0, "", r->name);
	c->cell[2] = format == OUT_TABLE ? model_label(ENUM_ORGKIND, r->kind)
					 : model_name(ENUM_ORGKIND, r->kind);
	if (store_unit_get(a->db, r->unit_id, &u, &err))
		cli_cell_printf(c, 3, "%lld", (long long)r->unit_id);
	else
		cli_cell_printf(c, 3, "%s", format == OUT_TABLE ? u.name : u.code);
	if (r->parent_id)
		cli_cell_printf(c, 4, "%lld", (long long)r->parent_id);
	cli_cell_printf(c, 5, "%d", r->cadres);
	if (r->ended != CB_DATE_NONE) {
		format == OUT_TABLE ? date_format_vn(r->ended, c->buf[6])
				    : date_format_iso(r->ended, c->buf[6]);
		c->cell[6] = c->buf[6];
	}
	if (r->merged_into)
		cli_cell_printf(c, 7, "%lld", (long long)r->merged_into);
	return true;
}

/* The tree of a unit, or one organisation (its number the argument). */
static int list(int argc, char **argv, bool one)
{
	static const cli_list tree = {
		.cols = org_cols, .ncols = ORG_NCOLS, .fetch = fetch_tree, .row = org_cells};
	static const cli_list by_id = {
		.cols = org_cols, .ncols = ORG_NCOLS, .fetch = fetch_one, .row = org_cells};
	struct org_rows ctx = {NULL, 0, 0};
	cli_args args;
	int rc = parse(argc, argv, &args, one ? &ctx.id : NULL);

	if (rc || args.help)
		return rc;
	rc = cli_list_run(one ? &by_id : &tree, &args, &ctx);
	free(ctx.rows);
	return rc;
}

static int run_list(int argc, char **argv)
{
	return list(argc, argv, false);
}

static int run_show(int argc, char **argv)
{
	return list(argc, argv, true);
}

/* ---- changes ------------------------------------------------------------- */

static int run_add(int argc, char **argv)
{
	cli_args args;
	app a;
	org_row r;
	cb_error err;
	int rc = parse(argc, argv, &args, NULL);

	if (rc || args.help)
		return rc;
	if (!org_opts[O_NAME].seen || !org_opts[O_KIND].seen || !org_opts[O_UNIT].seen)
		return cli_usage(&org_cmd, "%s", _("org add needs --name, --kind and --unit"));
	memset(&r, 0, sizeof r);
	if (strlen(org_opts[O_NAME].value) >= sizeof r.name)
		return cli_usage(&org_cmd, _("%s is too long (at most %d bytes)"),
				 _("Organisation name"), (int)sizeof r.name - 1);
	snprintf(r.name, sizeof r.name, "%s", org_opts[O_NAME].value);
	if (org_opts[O_PARENT].seen && (rc = take_id(O_PARENT, &r.parent_id)))
		return rc;
	if ((rc = open_for_change(&args, &a)))
		return rc;
	/* after the configuration is read: [org_kinds] may add kinds */
	if ((rc = take_kind(org_opts[O_KIND].value, &r.kind)) || (rc = take_unit(&a, &r.unit_id))) {
		app_close(&a);
		return rc;
	}
	cb_error_clear(&err);
	rc = store_org_insert(a.db, &r, &err);
	return saved(&a, rc, &err, r.id);
}

/* edit and move: read the row, change what was asked, save it. */
static int change(int argc, char **argv, bool move)
{
	cli_args args;
	app a;
	org_row r;
	int64_t id;
	cb_error err;
	int rc = parse(argc, argv, &args, &id);

	if (rc || args.help)
		return rc;
	if (move && org_opts[O_PARENT].seen == org_opts[O_TOP].seen && !org_opts[O_UNIT].seen)
		return cli_usage(&org_cmd, "%s",
				 _("org move needs --parent ID or --top, or --unit CODE"));
	if (!move && !org_opts[O_NAME].seen && !org_opts[O_KIND].seen)
		return cli_usage(&org_cmd, "%s", _("org edit needs --name or --kind"));
	if ((rc = open_for_change(&args, &a)))
		return rc;
	cb_error_clear(&err);
	if ((rc = store_org_get(a.db, id, &r, &err))) {
		app_close(&a);
		return cli_fail(&err);
	}
	if (!move && org_opts[O_NAME].seen) {
		if (strlen(org_opts[O_NAME].value) >= sizeof r.name)
			rc = cli_usage(&org_cmd, _("%s is too long (at most %d bytes)"),
				       _("Organisation name"), (int)sizeof r.name - 1);
		else
			snprintf(r.name, sizeof r.name, "%s", org_opts[O_NAME].value);
	}
	if (!rc && !move && org_opts[O_KIND].seen)
		rc = take_kind(org_opts[O_KIND].value, &r.kind);
	if (!rc && move && org_opts[O_PARENT].seen)
		rc = take_id(O_PARENT, &r.parent_id);
	if (!rc && move && org_opts[O_TOP].seen)
		r.parent_id = 0;
	if (!rc && move && org_opts[O_UNIT].seen)
		rc = take_unit(&a, &r.unit_id);
	if (rc) {
		app_close(&a);
		return rc;
	}
	rc = store_org_update(a.db, &r, &err);
	return saved(&a, rc, &err, id);
}

static int run_edit(int argc, char **argv)
{
	return change(argc, argv, false);
}
static int run_move(int argc, char **argv)
{
	return change(argc, argv, true);
}

static int run_end(int argc, char **argv)
{
	cli_args args;
	app a;
	org_row r;
	int64_t id, successor = 0;
	cb_date date;
	cb_error err;
	int rc = parse(argc, argv, &args, &id);

	if (rc || args.help)
		return rc;
	if (!org_opts[O_DATE].seen || org_opts[O_DISSOLVED].seen == org_opts[O_MERGED].seen)
		return cli_usage(
			&org_cmd, "%s",
			_("org end needs --date and either --dissolved or --merged-into ID"));
	if (!date_parse(org_opts[O_DATE].value, &date))
		return cli_usage(&org_cmd, _("--date needs a date (dd/mm/yyyy), not '%s'"),
				 org_opts[O_DATE].value);
	if (org_opts[O_MERGED].seen && (rc = take_id(O_MERGED, &successor)))
		return rc;
	if ((rc = open_for_change(&args, &a)))
		return rc;
	cb_error_clear(&err);
	if (!(rc = store_org_get(a.db, id, &r, &err)))
		rc = store_org_end(a.db, id, r.version, date,
				   successor ? ORG_MERGED : ORG_DISSOLVED, successor, &err);
	return saved(&a, rc, &err, id);
}

static const cli_sub subs[] = {
	{"list", run_list, N_("List the organisations of a unit")},
	{"show", run_show, N_("Show one organisation")},
	{"add", run_add, N_("Add an organisation")},
	{"edit", run_edit, N_("Change an organisation's name, kind or unit")},
	{"move", run_move, N_("Put an organisation under another parent")},
	{"end", run_end, N_("End an organisation: dissolved, or merged into another")},
};

static const cli_dispatch org_dispatch = {
	.name = "org",
	.cmd = &org_cmd,
	.subs = subs,
	.nsubs = CLI_NSUBS(subs),
	.dflt = run_list,
};

int cmd_org(int argc, char **argv)
{
	return cli_dispatch_run(&org_dispatch, argc, argv);
}
