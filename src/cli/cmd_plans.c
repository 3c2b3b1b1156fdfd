/* cmd_plans.c - `canbo plans`: the remediation action plans from the
 * command line.
 *
 *   canbo plans [--year Y] [--district CODE] [--overdue]    list plans
 *                                                           (--overdue: the overdue items)
 *   canbo plans show ID                                     one plan, its items and notes
 *   canbo plans summary [--year Y] [--by district|org]      figures reported upward
 *   canbo plans add (--cadre ID | --org ID) --year Y ...    a new plan
 *   canbo plans edit ID [--sources S] [--adopted DATE]      change a plan
 *   canbo plans item PLAN --shortcoming TEXT ...            add an item
 *   canbo plans update ITEM [--state S] ...                 change an item
 *   canbo plans note ITEM TEXT                              a dated progress note
 *   canbo plans verify ITEM CONCLUSION                      the superior's verification
 *   canbo plans carry YEAR [--deadline DATE]                carry unremedied items over
 *
 * The subcommand is the first word that is not an option. Edits read the
 * row, change what the options name, and save with the version read, so
 * a concurrent save is reported (exit 4), never overwritten; --version N
 * makes a script's edit conditional on the version it last saw.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cli.h"
#include "cli_plans.h"
#include "commands.h"
#include "i18n.h"
#include "sheet.h"
#include "plans.h"

/* ---- shared helpers (cli_plans.h) -------------------------------------- */

const char *cli_plans_date(const char *iso, int format, char *buf)
{
	cb_date d;
	if (!out_for_people(format) || !iso[0] || !date_parse_iso(iso, &d))
		return iso;
	date_format_vn(d, buf);
	return buf;
}

bool cli_plans_id(const char *s, int64_t *id)
{
	return cli_number(s, INT64_MAX, id) && *id > 0;
}

bool cli_plans_year(const char *s, int *year)
{
	int64_t y;
	if (!cli_number(s, 9999, &y) || y < 1000)
		return false;
	*year = (int)y;
	return true;
}

int cli_plans_parse_id(int argc, char **argv, const cli_command *cmd, cli_args *args, int64_t *id,
		       const char *not_a)
{
	int rc = cli_parse(argc, argv, cmd, args);
	if (rc || args->help)
		return rc;
	if (!cli_plans_id(args->argv[0], id))
		return cli_usage(cmd, not_a, args->argv[0]);
	return CB_OK;
}

int cli_plans_take_id(const cli_command *cmd, const cli_option *o, int64_t *id, const char *msg)
{
	int64_t v;
	if (!o->seen)
		return CB_OK;
	if (!cli_plans_id(o->value, &v))
		return cli_usage(cmd, msg, o->value);
	*id = v;
	return CB_OK;
}

/* --version makes an edit conditional on the version a script last saw. */
int cli_plans_take_version(const cli_command *cmd, const cli_option *o, int64_t *version)
{
	return cli_plans_take_id(cmd, o, version,
				 _("--version needs the number of the version you read, not '%s'"));
}

int cli_plans_take_year(const cli_command *cmd, const cli_option *o, int *year)
{
	if (o->seen && !cli_plans_year(o->value, year))
		return cli_usage(cmd, _("--year needs a year such as 2024, not '%s'"), o->value);
	return CB_OK;
}

int cli_plans_scope(app *a, const cli_args *args, plans_query *q)
{
	cb_error err;
	plans_query_init(q, a->today);
	cb_error_clear(&err);
	if (app_unit_code(a) && plans_query_unit(a->db, q, app_unit_code(a), &err))
		return cli_fail(&err);
	return CB_OK;
}

int cli_plans_may_edit(app *a)
{
	if (app_may(a, CFG_RIGHT_EDIT))
		return CB_OK;
	cli_warn(_("User %s may not change data in this office"), a->user);
	return CB_EACCESS;
}

out_writer *cli_plans_begin(const out_column *cols, out_column *tr, size_t n, int format)
{
	for (size_t i = 0; i < n; i++) {
		tr[i] = cols[i];
		tr[i].header = cols[i].header[0] ? _(cols[i].header) : "";
	}
	return out_begin(stdout, format, tr, n);
}

int cli_plans_oom(void)
{
	cli_warn("%s", out_failure());
	return CB_EDB;
}

/* A walk's callback returns 1 to stop at --limit, -1 when a write failed. */
int cli_plans_end(out_writer *o, int rc, const cb_error *err, size_t rows)
{
	int wrote = out_end(o);
	if (rc == 1)
		rc = CB_OK;
	if (rc == -1 || (!rc && wrote)) {
		cli_warn("%s", _("Could not write the output"));
		return CB_EDB;
	}
	if (rc && err)
		return cli_fail(err);
	if (rc)
		return rc;
	return rows ? CB_OK : CB_NOT_FOUND;
}

/* Options of the plans subcommands that take a value, for finding the
 * subcommand word among options written before it. */
bool cli_plans_option_takes_arg(const char *word)
{
	static const char *const names[] = {
		"year",	       "cadre",	   "org",	  "by",	       "sources",
		"adopted",     "source",   "shortcoming", "cause",     "responsibility",
		"responsible", "measures", "deadline",	  "in-charge", "state",
		"remedied",    "version",  "month",	  "flags",     "note",
	};
	return cli_option_named(word, names, sizeof names / sizeof names[0]);
}

/* ---- plans (list) ------------------------------------------------------- */

static cli_option list_opts[] = {
	{"year", N_("YEAR"), N_("Only plans after the review of this year"), false, NULL},
	{"overdue", NULL, N_("List the overdue items instead of the plans"), false, NULL},
	{"cadre", N_("ID"), N_("Only the plans of this cadre"), false, NULL},
	{"org", N_("ID"), N_("Only the plans of this organisation"), false, NULL},
	{NULL, NULL, NULL, false, NULL},
};

static const cli_command list_cmd = {
	.name = "plans",
	.synopsis = N_("[show ID | summary | add | edit | item | update | note | verify | carry]"),
	.summary = N_("List the remediation action plans that follow the yearly review"),
	.min_args = 0,
	.max_args = 0,
	.options = list_opts,
	.formats = CLI_FORMATS_SHEETS,
};

struct list_ctx {
	out_writer *o;
	int format;
	size_t limit, n;
};

static int list_plan_row(const plan *p, void *ctx)
{
	struct list_ctx *c = ctx;
	char id[24], year[8], items[12], rem[12], over[12], car[12], unv[12], d[11];
	const char *cells[12];

	if (c->limit && c->n >= c->limit)
		return 1;
	snprintf(id, sizeof id, "%lld", (long long)p->id);
	snprintf(year, sizeof year, "%d", p->year);
	snprintf(items, sizeof items, "%d", p->items);
	snprintf(rem, sizeof rem, "%d", p->remedied);
	snprintf(over, sizeof over, "%d", p->overdue);
	snprintf(car, sizeof car, "%d", p->carried);
	snprintf(unv, sizeof unv, "%d", p->unverified);
	cells[0] = id;
	cells[1] = year;
	cells[2] = p->owner;
	bool people = out_for_people(c->format);
	cells[3] = people ? (p->cadre_id ? _("cadre") : _("organisation"))
			  : (p->cadre_id ? "cadre" : "org");
	cells[4] = people && !p->district_name[0] ? p->unit_name
		   : people			  ? p->district_name
						  : p->district_code;
	cells[5] = p->adopted_on[0] ? cli_plans_date(p->adopted_on, c->format, d)
				    : (people ? _("not adopted") : "");
	cells[6] = items;
	cells[7] = rem;
	cells[8] = over;
	cells[9] = car;
	cells[10] = unv;
	cells[11] = c->format == OUT_TABLE && p->overdue ? "!" : "";
	c->n++;
	return out_row(c->o, cells) ? -1 : 0;
}

static int list_plans(app *a, const cli_args *args, plans_query *q)
{
	static const out_column cols[] = {
		{"id", N_("No."), OUT_RIGHT, OUT_NUM, 0},
		{"year", N_("Year"), OUT_RIGHT, OUT_NUM, 0},
		{"owner", N_("Owner"), OUT_LEFT, OUT_STR, 32},
		{"kind", N_("Kind"), OUT_LEFT, OUT_STR, 0},
		{"district", N_("District"), OUT_LEFT, OUT_STR, 20},
		{"adopted", N_("Adopted"), OUT_LEFT, OUT_STR, 0},
		{"items", N_("Items"), OUT_RIGHT, OUT_NUM, 0},
		{"remedied", N_("Remedied"), OUT_RIGHT, OUT_NUM, 0},
		{"overdue", N_("Overdue"), OUT_RIGHT, OUT_NUM, 0},
		{"carried", N_("Carried"), OUT_RIGHT, OUT_NUM, 0},
		{"unverified", N_("Unverified"), OUT_RIGHT, OUT_NUM, 0},
		{"flag", "", OUT_LEFT, OUT_STR, 0},
	};
	out_column named[12], tr[12];
	struct list_ctx c = {0};
	size_t ncols = args->format == OUT_TABLE ? 12 : 11;
	cb_error err;
	int rc;

	memcpy(named, cols, sizeof named);
	named[4].header = a->config->tier_label[2]; /* the word of [hierarchy] */

	c.format = args->format;
	c.limit = args->limit;
	if (!(c.o = cli_plans_begin(named, tr, ncols, args->format)))
		return cli_plans_oom();
	sheet_title(c.o, a, _("Action plans"), args->app.district, NULL, q->year);
	cb_error_clear(&err);
	rc = plans_each(a->db, q, list_plan_row, &c, &err);
	return cli_plans_end(c.o, rc, &err, c.n);
}

static int list_overdue_row(const plan_overdue *o, void *ctx)
{
	struct list_ctx *c = ctx;
	char item[24], plan_no[24], year[8], late[12], d[11];
	const char *cells[9];

	if (c->limit && c->n >= c->limit)
		return 1;
	snprintf(item, sizeof item, "%lld", (long long)o->item_id);
	snprintf(plan_no, sizeof plan_no, "%lld", (long long)o->plan_id);
	snprintf(year, sizeof year, "%d", o->year);
	snprintf(late, sizeof late, "%d", o->days_late);
	cells[0] = item;
	cells[1] = plan_no;
	cells[2] = year;
	cells[3] = o->owner;
	cells[4] = out_for_people(c->format) ? o->district_name : o->district_code;
	cells[5] = o->shortcoming;
	cells[6] = cli_plans_date(o->deadline, c->format, d);
	cells[7] = late;
	cells[8] = o->in_charge;
	c->n++;
	return out_row(c->o, cells) ? -1 : 0;
}

static int list_overdue(app *a, const cli_args *args, plans_query *q)
{
	static const out_column cols[] = {
		{"item", N_("Item"), OUT_RIGHT, OUT_NUM, 0},
		{"plan", N_("Plan"), OUT_RIGHT, OUT_NUM, 0},
		{"year", N_("Year"), OUT_RIGHT, OUT_NUM, 0},
		{"owner", N_("Owner"), OUT_LEFT, OUT_STR, 28},
		{"district", N_("District"), OUT_LEFT, OUT_STR, 0},
		{"shortcoming", N_("Shortcoming"), OUT_LEFT, OUT_STR, 40},
		{"deadline", N_("Deadline"), OUT_LEFT, OUT_STR, 0},
		{"days_late", N_("Days late"), OUT_RIGHT, OUT_NUM, 0},
		{"in_charge", N_("In charge"), OUT_LEFT, OUT_STR, 24},
	};
	out_column named[9], tr[9];
	struct list_ctx c = {0};
	cb_error err;
	int rc;

	memcpy(named, cols, sizeof named);
	named[4].header = a->config->tier_label[2]; /* the word of [hierarchy] */
	c.format = args->format;
	c.limit = args->limit;
	if (!(c.o = cli_plans_begin(named, tr, 9, args->format)))
		return cli_plans_oom();
	sheet_title(c.o, a, _("Overdue items"), args->app.district, NULL, q->year);
	cb_error_clear(&err);
	rc = plans_each_overdue(a->db, q, list_overdue_row, &c, &err);
	return cli_plans_end(c.o, rc, &err, c.n);
}

static int run_list(int argc, char **argv)
{
	cli_args args;
	app a = {0};
	plans_query q;
	int rc = cli_parse(argc, argv, &list_cmd, &args);

	if (rc || args.help)
		return rc;
	args.app.readonly = true; /* lists only: no write lock, a read-only file will do */
	if ((rc = cli_open(&args, &a)))
		return rc;
	if (!(rc = cli_plans_scope(&a, &args, &q)) &&
	    !(rc = cli_plans_take_year(&list_cmd, &list_opts[0], &q.year)) &&
	    !(rc = cli_plans_take_id(&list_cmd, &list_opts[2], &q.cadre_id,
				     _("--cadre needs a cadre number, not '%s'"))) &&
	    !(rc = cli_plans_take_id(&list_cmd, &list_opts[3], &q.org_id,
				     _("--org needs an organisation number, not '%s'"))))
		rc = list_opts[1].seen ? list_overdue(&a, &args, &q) : list_plans(&a, &args, &q);
	app_close(&a);
	return rc;
}

/* ---- dispatch ------------------------------------------------------------ */

static const cli_sub subs[] = {
	{"show", cli_plans_show,
	 N_("Show one action plan with its items, verification and progress notes")},
	{"summary", cli_plans_summary,
	 N_("Plans adopted out of expected, items remedied, overdue and not yet verified")},
	{"add", cli_plans_add,
	 N_("Create the action plan of a cadre or an organisation for a year")},
	{"edit", cli_plans_edit, N_("Change the sources or the adoption date of a plan")},
	{"item", cli_plans_item, N_("Add an item (a shortcoming and its remedy) to a plan")},
	{"update", cli_plans_update, N_("Change an item of a plan: its texts, deadline or state")},
	{"note", cli_plans_note, N_("Add a dated progress note to an item")},
	{"verify", cli_plans_verify, N_("Record the superior's verification of a remedied item")},
	{"carry", cli_plans_carry,
	 N_("Carry the items of YEAR's plans not remedied into next year's plans")},
};

static const cli_dispatch plans_dispatch = {
	.name = "plans",
	.cmd = &list_cmd,
	.subs = subs,
	.nsubs = CLI_NSUBS(subs),
	.own_takes_arg = cli_plans_option_takes_arg,
	.dflt = run_list,
};

int cmd_plans(int argc, char **argv)
{
	return cli_dispatch_run(&plans_dispatch, argc, argv);
}
