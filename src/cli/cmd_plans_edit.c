/* cmd_plans_edit.c - changing action plans from scripts: `plans add`,
 * `plans edit`, `plans item`, `plans update`, `plans note`, `plans verify`,
 * `plans carry`.
 *
 * A command that creates a row prints its number alone on stdout, so a
 * script can capture it. Edits read the row, apply the options given and
 * save with the version read (or --version N, to make the edit
 * conditional on what the script last saw); a concurrent save is refused
 * with exit status 4, never overwritten.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_plans.h"
#include "i18n.h"

/* Opens the application for a change: edit right required. */
static int open_for_edit(const cli_args *args, app *a)
{
	int rc = cli_open(args, a);
	if (!rc && (rc = cli_plans_may_edit(a)))
		app_close(a);
	return rc;
}

static int done(app *a, int rc, const cb_error *err)
{
	if (rc)
		rc = cli_fail(err);
	app_close(a);
	return rc;
}

/* ---- plans add / plans edit ------------------------------------------------ */

static cli_option add_opts[] = {
	{"cadre", N_("ID"), N_("The plan of this cadre"), false, NULL},
	{"org", N_("ID"), N_("The plan of this organisation"), false, NULL},
	{"year", N_("YEAR"), N_("Year of the review the plan follows"), false, NULL},
	{"sources", "self,superior,suggested",
	 N_("Where the shortcomings come from (default: self)"), false, NULL},
	{"adopted", N_("DATE"), N_("Date the plan was adopted (dd/mm/yyyy)"), false, NULL},
	{NULL, NULL, NULL, false, NULL},
};

static const cli_command add_cmd = {
	.name = "plans add",
	.synopsis = "",
	.summary = N_("Create the action plan of a cadre or an organisation for a year"),
	.min_args = 0,
	.max_args = 0,
	.options = add_opts,
	.formats = 0,
	.hide = CLI_HIDE_FORMAT | CLI_HIDE_LIMIT,
};

/* --sources and --adopted, shared by add and edit. */
static int plan_fields(const cli_command *cmd, const cli_option *src, const cli_option *adopted,
		       plan *p)
{
	cb_error err;
	if (src->seen && !plans_sources_parse(src->value, &p->sources))
		return cli_usage(cmd,
				 _("--sources takes self, superior and suggested, separated by "
				   "commas, not '%s'"),
				 src->value);
	cb_error_clear(&err);
	if (adopted->seen && plans_copy_field(p->adopted_on, sizeof p->adopted_on, adopted->value,
					      _("Adopted on"), &err))
		return cli_usage(cmd, "%s", err.msg);
	return CB_OK;
}

int cli_plans_add(int argc, char **argv)
{
	cli_args args;
	app a = {0};
	cb_error err;
	plan p = {0};
	int rc = cli_parse(argc, argv, &add_cmd, &args);

	if (rc || args.help)
		return rc;
	if (add_opts[0].seen == add_opts[1].seen)
		return cli_usage(&add_cmd, "%s", _("say whose plan it is: --cadre ID or --org ID"));
	if ((rc = cli_plans_take_id(&add_cmd, &add_opts[0], &p.cadre_id,
				    _("'%s' is not a record number"))) ||
	    (rc = cli_plans_take_id(&add_cmd, &add_opts[1], &p.org_id,
				    _("'%s' is not a record number"))))
		return rc;
	if (!add_opts[2].seen || !cli_plans_year(add_opts[2].value, &p.year))
		return cli_usage(&add_cmd, "%s",
				 _("--year needs the year of the review, such as 2024"));
	p.sources = 1;
	if ((rc = plan_fields(&add_cmd, &add_opts[3], &add_opts[4], &p)))
		return rc;
	if ((rc = open_for_edit(&args, &a)))
		return rc;
	cb_error_clear(&err);
	if (!(rc = plans_create(a.db, &p, a.today, &err)))
		printf("%lld\n", (long long)p.id);
	return done(&a, rc, &err);
}

static cli_option edit_opts[] = {
	{"sources", "self,superior,suggested", N_("Where the shortcomings come from"), false, NULL},
	{"adopted", N_("DATE"), N_("Date the plan was adopted (\"\" = not adopted)"), false, NULL},
	{"version", "N", N_("Save only if the plan is still at this version"), false, NULL},
	{NULL, NULL, NULL, false, NULL},
};

static const cli_command edit_cmd = {
	.name = "plans edit",
	.synopsis = N_("PLAN"),
	.summary = N_("Change the sources or the adoption date of a plan"),
	.min_args = 1,
	.max_args = 1,
	.options = edit_opts,
	.formats = 0,
	.hide = CLI_HIDE_FORMAT | CLI_HIDE_LIMIT,
};

int cli_plans_edit(int argc, char **argv)
{
	cli_args args;
	app a = {0};
	cb_error err;
	plan p;
	int64_t id;
	int rc = cli_plans_parse_id(argc, argv, &edit_cmd, &args, &id,
				    _("'%s' is not a plan number"));

	if (rc || args.help)
		return rc;
	if ((rc = open_for_edit(&args, &a)))
		return rc;
	cb_error_clear(&err);
	if ((rc = plans_get(a.db, id, a.today, &p, &err)))
		return done(&a, rc, &err);
	if ((rc = cli_plans_take_version(&edit_cmd, &edit_opts[2], &p.version)) ||
	    (rc = plan_fields(&edit_cmd, &edit_opts[0], &edit_opts[1], &p))) {
		app_close(&a);
		return rc;
	}
	return done(&a, plans_update(a.db, &p, a.today, &err), &err);
}

/* ---- plans item / plans update -------------------------------------------- */

#define ITEM_OPTIONS                                                                               \
	{"shortcoming", N_("TEXT"), N_("The shortcoming to remedy"), false, NULL},                 \
		{"source", "self|superior|suggested", N_("Where it comes from (default: self)"),   \
		 false, NULL},                                                                     \
		{"cause", N_("TEXT"), N_("Its cause"), false, NULL},                               \
		{"responsibility", "collective|individual",                                        \
		 N_("Who bears it (default: collective)"), false, NULL},                           \
		{"responsible", N_("WHO"), N_("The collective or person responsible"), false,      \
		 NULL},                                                                            \
		{"measures", N_("TEXT"), N_("The remedy measures"), false, NULL},                  \
		{"deadline", N_("DATE"), N_("Deadline (dd/mm/yyyy; \"\" = none)"), false, NULL},   \
		{"in-charge", N_("WHO"), N_("Person in charge"), false, NULL},                     \
		{"state", "not-started|in-progress|remedied", N_("State (default: not-started)"),  \
		 false, NULL},                                                                     \
	{                                                                                          \
		"remedied", N_("DATE"), N_("Date it was remedied (default: today)"), false, NULL   \
	}

enum {
	O_SHORT,
	O_SOURCE,
	O_CAUSE,
	O_RESP,
	O_WHO,
	O_MEASURES,
	O_DEADLINE,
	O_CHARGE,
	O_STATE,
	O_REMEDIED,
	O_VERSION
};

static cli_option item_opts[] = {ITEM_OPTIONS, {NULL, NULL, NULL, false, NULL}};
static cli_option update_opts[] = {
	ITEM_OPTIONS,
	{"version", "N", N_("Save only if the item is still at this version"), false, NULL},
	{NULL, NULL, NULL, false, NULL},
};

static const cli_command item_cmd = {
	.name = "plans item",
	.synopsis = N_("PLAN"),
	.summary = N_("Add an item (a shortcoming and its remedy) to a plan"),
	.min_args = 1,
	.max_args = 1,
	.options = item_opts,
	.formats = 0,
	.hide = CLI_HIDE_FORMAT | CLI_HIDE_LIMIT,
};
static const cli_command update_cmd = {
	.name = "plans update",
	.synopsis = N_("ITEM"),
	.summary = N_("Change an item of a plan: its texts, deadline or state"),
	.min_args = 1,
	.max_args = 1,
	.options = update_opts,
	.formats = 0,
	.hide = CLI_HIDE_FORMAT | CLI_HIDE_LIMIT,
};

static int enum_opt(const cli_command *cmd, const cli_option *o, enum plans_enum e, int *v)
{
	if (o->seen && !plans_value(e, o->value, v))
		return cli_usage(cmd, _("--%s does not take '%s'"), o->name, o->value);
	return CB_OK;
}

static int text_opt(const cli_command *cmd, const cli_option *o, char *buf, size_t cap,
		    const char *field)
{
	cb_error err;
	cb_error_clear(&err);
	if (o->seen && plans_copy_field(buf, cap, o->value, field, &err))
		return cli_usage(cmd, "%s", err.msg);
	return CB_OK;
}

/* Applies the item options given to it. */
static int item_fields(const cli_command *cmd, const cli_option *o, plan_item *it)
{
	int rc;
	if ((rc = enum_opt(cmd, &o[O_SOURCE], PLANS_SOURCE, &it->source)) ||
	    (rc = enum_opt(cmd, &o[O_RESP], PLANS_RESP, &it->responsibility)) ||
	    (rc = enum_opt(cmd, &o[O_STATE], PLANS_STATE, &it->state)) ||
	    (rc = text_opt(cmd, &o[O_SHORT], it->shortcoming, sizeof it->shortcoming,
			   _("Shortcoming"))) ||
	    (rc = text_opt(cmd, &o[O_CAUSE], it->cause, sizeof it->cause, _("Cause"))) ||
	    (rc = text_opt(cmd, &o[O_WHO], it->responsible, sizeof it->responsible,
			   _("Responsible"))) ||
	    (rc = text_opt(cmd, &o[O_MEASURES], it->measures, sizeof it->measures,
			   _("Measures"))) ||
	    (rc = text_opt(cmd, &o[O_DEADLINE], it->deadline, sizeof it->deadline,
			   _("Deadline"))) ||
	    (rc = text_opt(cmd, &o[O_CHARGE], it->in_charge, sizeof it->in_charge,
			   _("In charge"))) ||
	    (rc = text_opt(cmd, &o[O_REMEDIED], it->remedied_on, sizeof it->remedied_on,
			   _("Remedied on"))))
		return rc;
	return CB_OK;
}

int cli_plans_item(int argc, char **argv)
{
	cli_args args;
	app a = {0};
	cb_error err;
	plan_item *it = calloc(1, sizeof *it);
	int rc = it ? cli_plans_parse_id(argc, argv, &item_cmd, &args, &it->plan_id,
					 _("'%s' is not a plan number"))
		    : cli_plans_oom();

	if (rc || args.help)
		goto out;
	if (!item_opts[O_SHORT].seen) {
		rc = cli_usage(&item_cmd, "%s", _("--shortcoming is required"));
		goto out;
	}
	it->source = 1;
	it->responsibility = PLAN_COLLECTIVE;
	if ((rc = item_fields(&item_cmd, item_opts, it)) || (rc = open_for_edit(&args, &a)))
		goto out;
	cb_error_clear(&err);
	if (!(rc = plans_item_add(a.db, it, a.today, &err)))
		printf("%lld\n", (long long)it->id);
	rc = done(&a, rc, &err);
out:
	free(it);
	return rc;
}

int cli_plans_update(int argc, char **argv)
{
	cli_args args;
	app a = {0};
	cb_error err;
	plan_item *it = calloc(1, sizeof *it);
	int64_t id;
	int rc = it ? cli_plans_parse_id(argc, argv, &update_cmd, &args, &id,
					 _("'%s' is not an item number"))
		    : cli_plans_oom();

	if (rc || args.help)
		goto out;
	if ((rc = open_for_edit(&args, &a)))
		goto out;
	cb_error_clear(&err);
	if ((rc = plans_item_get(a.db, id, it, &err))) {
		rc = done(&a, rc, &err);
		goto out;
	}
	if ((rc = cli_plans_take_version(&update_cmd, &update_opts[O_VERSION], &it->version)) ||
	    (rc = item_fields(&update_cmd, update_opts, it))) {
		app_close(&a);
		goto out;
	}
	rc = done(&a, plans_item_update(a.db, it, a.today, &err), &err);
out:
	free(it);
	return rc;
}

/* ---- plans note / plans verify --------------------------------------------- */

static const cli_command note_cmd = {
	.name = "plans note",
	.synopsis = N_("ITEM TEXT"),
	.summary = N_("Add a dated progress note to an item"),
	.min_args = 2,
	.max_args = 2,
	.options = NULL,
	.formats = 0,
	.hide = CLI_HIDE_FORMAT | CLI_HIDE_LIMIT,
};

int cli_plans_note(int argc, char **argv)
{
	cli_args args;
	app a = {0};
	cb_error err;
	int64_t item, id;
	int rc = cli_plans_parse_id(argc, argv, &note_cmd, &args, &item,
				    _("'%s' is not an item number"));

	if (rc || args.help)
		return rc;
	if ((rc = open_for_edit(&args, &a)))
		return rc;
	cb_error_clear(&err);
	if (!(rc = plans_note_add(a.db, item, args.argv[1], a.today, &id, &err)))
		printf("%lld\n", (long long)id);
	return done(&a, rc, &err);
}

static cli_option verify_opts[] = {
	{"version", "N", N_("Save only if the item is still at this version"), false, NULL},
	{NULL, NULL, NULL, false, NULL},
};

static const cli_command verify_cmd = {
	.name = "plans verify",
	.synopsis = N_("ITEM CONCLUSION"),
	.summary = N_("Record the superior's verification of a remedied item"),
	.min_args = 2,
	.max_args = 2,
	.options = verify_opts,
	.formats = 0,
	.hide = CLI_HIDE_FORMAT | CLI_HIDE_LIMIT,
};

int cli_plans_verify(int argc, char **argv)
{
	cli_args args;
	app a = {0};
	cb_error err;
	plan_item *it = calloc(1, sizeof *it);
	int64_t id;
	int rc = it ? cli_plans_parse_id(argc, argv, &verify_cmd, &args, &id,
					 _("'%s' is not an item number"))
		    : cli_plans_oom();

	if (rc || args.help)
		goto out;
	if ((rc = cli_open(&args, &a)))
		goto out;
	cb_error_clear(&err);
	if (!(rc = plans_item_get(a.db, id, it, &err)) &&
	    (rc = cli_plans_take_version(&verify_cmd, &verify_opts[0], &it->version))) {
		app_close(&a);
		goto out;
	}
	if (!rc)
		rc = plans_item_verify(a.db, a.config, a.district, it, args.argv[1], a.today, &err);
	rc = done(&a, rc, &err);
out:
	free(it);
	return rc;
}

/* ---- plans carry -------------------------------------------------------------- */

static cli_option carry_opts[] = {
	{"deadline", N_("DATE"), N_("New deadline of the carried items (default: keep theirs)"),
	 false, NULL},
	{NULL, NULL, NULL, false, NULL},
};

static const cli_command carry_cmd = {
	.name = "plans carry",
	.synopsis = N_("YEAR"),
	.summary = N_("Carry the items of YEAR's plans not remedied into next year's plans"),
	.min_args = 1,
	.max_args = 1,
	.options = carry_opts,
	.formats = 0,
	.hide = CLI_HIDE_FORMAT | CLI_HIDE_LIMIT,
};

int cli_plans_carry(int argc, char **argv)
{
	cli_args args;
	app a = {0};
	cb_error err;
	plans_query q;
	size_t copied = 0, created = 0;
	int year;
	int rc = cli_parse(argc, argv, &carry_cmd, &args);

	if (rc || args.help)
		return rc;
	if (!cli_plans_year(args.argv[0], &year))
		return cli_usage(&carry_cmd, _("'%s' is not a year"), args.argv[0]);
	if ((rc = open_for_edit(&args, &a)))
		return rc;
	if ((rc = cli_plans_scope(&a, &args, &q))) {
		app_close(&a);
		return rc;
	}
	cb_error_clear(&err);
	rc = plans_carry_over(a.db, &q, year, carry_opts[0].seen ? carry_opts[0].value : NULL,
			      &copied, &created, &err);
	if (!rc)
		printf(_("%zu items carried into %d; %zu new plans created\n"), copied, year + 1,
		       created);
	return done(&a, rc, &err);
}
