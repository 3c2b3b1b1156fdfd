/* cmd_ratings.c - `canbo ratings check`: what to look at again in a year's
 * ratings before they are final.
 *
 *   canbo ratings check --year YEAR [--district CODE]
 *
 * One row per finding: an organisation over the cap on "xuất sắc" (with
 * how many people are over it), a cadre rated "xuất sắc" while an item of
 * last year's remediation plan is not remedied and verified, a cadre or
 * organisation rated "không hoàn thành" this year and last, a decided
 * evaluation whose grade is not its proposal. No finding: exit 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_eval.h"
#include "cli_plans.h"
#include "commands.h"
#include "i18n.h"

static cli_option check_opts[] = {
	{"year", N_("YEAR"), N_("The year rated"), false, NULL},
	{NULL, NULL, NULL, false, NULL},
};

static const cli_command check_cmd = {
	.name = "ratings check",
	.synopsis = "",
	.summary =
		N_("Check a year's ratings: the cap on excellent, remediation, two failed years, "
		   "decisions unlike their proposals"),
	.min_args = 0,
	.max_args = 0,
	.options = check_opts,
};

static const cli_command ratings_cmd = {
	.name = "ratings",
	.synopsis = N_("check --year YEAR"),
	.summary = N_("Checks on a year's ratings"),
	.min_args = 1,
	.max_args = -1,
};

static const out_column cols[] = {
	{"check", N_("Check"), OUT_LEFT, OUT_STR, 40},
	{"owner", "", OUT_LEFT, OUT_STR, 0},
	{"id", N_("No."), OUT_RIGHT, OUT_NUM, 0},
	{"name", N_("Name"), OUT_LEFT, OUT_STR, 36},
	{"unit", N_("Unit"), OUT_LEFT, OUT_STR, 30},
	{"organisation", N_("Organisation"), OUT_LEFT, OUT_STR, 36},
	{"excess", N_("Over the cap"), OUT_RIGHT, OUT_NUM, 0},
	{"detail", N_("Detail"), OUT_LEFT, OUT_STR, 0},
};
#define NCOLS (sizeof cols / sizeof cols[0])

struct check_ctx {
	out_writer *o;
	int format;
	size_t limit, n;
	const eval_rules *rules;
};

static int check_row(const eval_finding *f, void *ctx)
{
	struct check_ctx *c = ctx;
	char id[24], excess[12] = "", text[256];
	const char *cells[NCOLS];

	if (c->limit && c->n >= c->limit)
		return 1;
	snprintf(id, sizeof id, "%lld", (long long)f->id);
	if (f->check == EVAL_CHECK_CAP)
		snprintf(excess, sizeof excess, "%d", f->excess);
	eval_finding_detail(f, c->rules, text, sizeof text);
	cells[0] =
		c->format == OUT_TABLE ? _(eval_check_label(f->check)) : eval_check_name(f->check);
	cells[1] = f->org ? "org" : "cadre";
	cells[2] = id;
	cells[3] = f->name;
	cells[4] = f->unit_name;
	cells[5] = f->org_name;
	cells[6] = excess;
	cells[7] = text;
	c->n++;
	return out_row(c->o, cells) ? -1 : 0;
}

static int run_check(int argc, char **argv)
{
	out_column tr[NCOLS];
	struct check_ctx c = {0};
	cli_args args;
	app a = {0};
	cb_error err;
	eval_rules rules = {0};
	eval_scope sc = {0};
	int year = 0, rc = cli_parse(argc, argv, &check_cmd, &args);

	if (rc || args.help || (rc = cli_plans_take_year(&check_cmd, &check_opts[0], &year)))
		return rc;
	if (!year)
		return cli_usage(&check_cmd, _("--year is required"));
	if ((rc = cli_open(&args, &a)))
		return rc;
	if ((rc = cli_eval_rules(&a, &rules)) || (rc = cli_eval_scope(&a, &args, &sc)))
		goto out;
	c.format = args.format;
	c.limit = args.limit;
	c.rules = &rules;
	if (!(c.o = cli_plans_begin(cols, tr, NCOLS, args.format))) {
		rc = cli_plans_oom();
		goto out;
	}
	cb_error_clear(&err);
	rc = eval_check_year(a.db, &rules, &sc, year, check_row, &c, &err);
	rc = cli_plans_end(c.o, rc, &err, c.n);
	if (rc == CB_NOT_FOUND) {
		rc = CB_OK;
		if (args.format == OUT_TABLE)
			printf(_("Nothing to report in the ratings of %d.\n"), year);
	}
out:
	eval_rules_free(&rules);
	app_close(&a);
	return rc;
}

static const cli_sub subs[] = {
	{"check", run_check,
	 N_("Check a year's ratings: the cap on excellent, remediation, two failed years, "
	    "decisions unlike their proposals")},
};

static const cli_dispatch ratings_dispatch = {
	.name = "ratings",
	.cmd = &ratings_cmd,
	.subs = subs,
	.nsubs = CLI_NSUBS(subs),
	.own_takes_arg = cli_eval_option_takes_arg,
};

int cmd_ratings(int argc, char **argv)
{
	return cli_dispatch_run(&ratings_dispatch, argc, argv);
}
