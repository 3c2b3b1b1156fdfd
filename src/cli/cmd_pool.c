/* cmd_pool.c - `canbo pool`: the planning pool by title.
 *
 *   canbo pool [list] [--term T] [--district CODE]
 *   canbo pool summary [--term T]      n/N per title; young and women ratios
 *   canbo pool check [--term T]        entries that break a rule today
 *   canbo pool review --year Y         who should leave at the yearly review
 *   canbo pool add CADRE --title CODE --term T [--unit CODE]
 *   canbo pool remove ID --reason TEXT [--on DATE] [--version N]
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_career.h"
#include "cli_plans.h"
#include "commands.h"
#include "i18n.h"

static const cli_command usage_cmd = {
	.name = "pool",
	.synopsis = N_("list | summary | check | review | add CADRE | remove ID"),
	.summary = N_("The planning pool by title, with its rules"),
	.min_args = 0,
	.max_args = -1,
	.hide = CLI_HIDE_FORMAT | CLI_HIDE_LIMIT,
};

static cli_option term_opts[] = {
	{"term", N_("YYYY-YYYY"), N_("Only the pool of this term"), false, NULL},
	{"year", N_("YEAR"), N_("Year of the review (review only; default: the reference year)"),
	 false, NULL},
	{NULL, NULL, NULL, false, NULL},
};

static const cli_command list_cmd = {"pool list", "", N_("List the pool by title"), 0, 0, term_opts,
				     0,		  0};
static const cli_command summary_cmd = {
	"pool summary",
	"",
	N_("Cadres per title, and the pool's young and women ratios against their targets"),
	0,
	0,
	term_opts,
	0,
	0};
static const cli_command check_cmd = {
	"pool check", "", N_("List the entries that break a rule"), 0, 0, term_opts, 0, 0};
static const cli_command review_cmd = {
	"pool review",
	"",
	N_("List who should leave the pool at the yearly review, and why"),
	0,
	0,
	term_opts,
	0,
	0};

static const char *title_name(const career_rules *r, const char *code)
{
	const career_title *t = career_title_find(r, code);
	return t ? t->name : code;
}

/* Parses, opens, loads the rules and the scope: the common start. */
static int start(int argc, char **argv, const cli_command *cmd, cli_args *args, app *a,
		 career_rules *r, int64_t *lo, int64_t *hi)
{
	int rc = cli_parse(argc, argv, cmd, args);
	if (rc || args->help)
		return rc ? rc : -1;
	if ((rc = cli_open(args, a)))
		return rc;
	if ((rc = cli_career_rules(a, r)) || (rc = cli_career_scope(a, args, lo, hi))) {
		app_close(a);
		return rc;
	}
	return CB_OK;
}

static const char *term_of(void)
{
	return term_opts[0].seen ? term_opts[0].value : "";
}

static const out_column list_cols[] = {
	{"id", N_("No."), OUT_RIGHT, OUT_NUM, 0},
	{"term", N_("Term"), OUT_LEFT, OUT_STR, 0},
	{"unit", N_("Unit"), OUT_LEFT, OUT_STR, 24},
	{"title", N_("Planned title"), OUT_LEFT, OUT_STR, 28},
	{"cadre_id", N_("ID"), OUT_RIGHT, OUT_NUM, 0},
	{"name", N_("Full name"), OUT_LEFT, OUT_STR, 28},
	{"added_on", N_("Added"), OUT_LEFT, OUT_STR, 0},
};

struct list_ctx {
	const cli_args *args;
	career_rules r;
	pool_row *v;
};

static int fetch_list(app *a, void *ctx, size_t *n, cb_error *err)
{
	struct list_ctx *c = ctx;
	int64_t lo, hi;
	int rc;

	if ((rc = cli_career_rules(a, &c->r)) || (rc = cli_career_scope(a, c->args, &lo, &hi)))
		return rc;
	return store_pool_list(a->db, term_of(), lo, hi, false, &c->v, n, err);
}

static bool list_cells(app *a, void *ctx, size_t i, int format, cli_cells *c)
{
	struct list_ctx *l = ctx;
	const pool_row *v = &l->v[i];

	(void)a;
	cli_cell_printf(c, 0, "%" PRId64, v->id);
	c->cell[1] = v->term;
	c->cell[2] = v->unit_name;
	c->cell[3] = format == OUT_TABLE ? title_name(&l->r, v->title) : v->title;
	cli_cell_printf(c, 4, "%" PRId64, v->cadre_id);
	c->cell[5] = v->full_name;
	c->cell[6] = cli_plans_date(v->added_on, format, c->buf[6]);
	return true;
}

static int run_list(int argc, char **argv)
{
	static const cli_list list = {
		.cols = list_cols,
		.ncols = sizeof list_cols / sizeof list_cols[0],
		.fetch = fetch_list,
		.row = list_cells,
	};
	cli_args args;
	struct list_ctx ctx = {.args = &args};
	int rc = cli_parse(argc, argv, &list_cmd, &args);

	if (rc || args.help)
		return rc;
	rc = cli_list_run(&list, &args, &ctx);
	free(ctx.v);
	return rc;
}

/* "15 %: met" or "cần thêm 2 ..." as the target panel words it. */
static void ratio_line(const char *what, int have, int n, int pct, int gap, const char *one,
		       const char *many)
{
	printf("%s: %d/%d", what, have, n);
	if (n)
		printf(" (%d %%)", have * 100 / n);
	printf(_(", target %d %%: "), pct);
	if (gap == 0)
		printf("%s\n", _("met"));
	else {
		printf(ngettext(one, many, (unsigned long)gap), (long long)gap);
		printf("\n");
	}
}

static int run_summary(int argc, char **argv)
{
	static const out_column cols[] = {
		{"term", N_("Term"), OUT_LEFT, OUT_STR, 0},
		{"unit", N_("Unit"), OUT_LEFT, OUT_STR, 24},
		{"title", N_("Planned title"), OUT_LEFT, OUT_STR, 32},
		{"cadres", N_("Cadres"), OUT_RIGHT, OUT_NUM, 0},
		{"most", N_("At most"), OUT_RIGHT, OUT_NUM, 0},
	};
	cli_args args;
	app a = {0};
	career_rules r;
	int64_t lo, hi;
	pool_title_count *v = NULL;
	pool_ratios ra;
	size_t n = 0, rows = 0;
	out_column tr[5];
	out_writer *o;
	cb_error err;
	int rc = start(argc, argv, &summary_cmd, &args, &a, &r, &lo, &hi);

	if (rc)
		return rc < 0 ? CB_OK : rc;
	cb_error_clear(&err);
	if ((rc = career_pool_summary(a.db, &r, a.today, term_of(), lo, hi, &v, &n, &ra, &err))) {
		app_close(&a);
		return cli_fail(&err);
	}
	if (!(o = cli_plans_begin(cols, tr, 5, args.format))) {
		free(v);
		app_close(&a);
		return cli_plans_oom();
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		char cnt[16], cap[16];
		const char *cells[5] = {v[i].term, v[i].unit_name,
					args.format == OUT_TABLE ? v[i].name : v[i].title, cnt,
					cap};
		snprintf(cnt, sizeof cnt, "%d", v[i].n);
		snprintf(cap, sizeof cap, "%d", v[i].cap);
		rc = out_row(o, cells);
		rows++;
	}
	rc = cli_plans_end(o, rc, NULL, rows);
	if ((rc == CB_OK || rc == CB_NOT_FOUND) && args.format == OUT_TABLE) {
		char young[64];
		snprintf(young, sizeof young, _("Under %d"), r.pool_young_age);
		ratio_line(young, ra.young, ra.cadres, r.pool_young_pct, ra.young_gap,
			   "need %lld more cadre under 40", "need %lld more cadres under 40");
		ratio_line(_("Women"), ra.women, ra.cadres, r.pool_women_pct, ra.women_gap,
			   "need %lld more woman", "need %lld more women");
		rc = CB_OK;
	}
	free(v);
	app_close(&a);
	return rc;
}

static int print_findings(const career_rules *r, const pool_finding *f, size_t n, int format)
{
	static const out_column cols[] = {
		{"id", N_("No."), OUT_RIGHT, OUT_NUM, 0},
		{"cadre_id", N_("ID"), OUT_RIGHT, OUT_NUM, 0},
		{"name", N_("Full name"), OUT_LEFT, OUT_STR, 28},
		{"title", N_("Planned title"), OUT_LEFT, OUT_STR, 28},
		{"issue", N_("Why"), OUT_LEFT, OUT_STR, 36},
		{"detail", N_("Detail"), OUT_LEFT, OUT_STR, 32},
	};
	out_column tr[6];
	out_writer *o;
	size_t rows = 0;
	int rc = 0;

	if (n == 0 && format == OUT_TABLE)
		return CB_NOT_FOUND;
	if (!(o = cli_plans_begin(cols, tr, 6, format)))
		return cli_plans_oom();
	for (size_t i = 0; i < n && rc == 0; i++) {
		char id[24], cid[24];
		const char *cells[6] = {id,
					cid,
					f[i].entry.full_name,
					title_name(r, f[i].entry.title),
					pool_issue_label(f[i].issue),
					f[i].why};
		snprintf(id, sizeof id, "%" PRId64, f[i].entry.id);
		snprintf(cid, sizeof cid, "%" PRId64, f[i].entry.cadre_id);
		rc = out_row(o, cells);
		rows++;
	}
	return cli_plans_end(o, rc, NULL, rows);
}

static int run_findings(int argc, char **argv, bool review)
{
	cli_args args;
	app a = {0};
	career_rules r;
	int64_t lo, hi;
	pool_finding *f = NULL;
	size_t n = 0;
	int year, m, d;
	cb_error err;
	int rc = start(argc, argv, review ? &review_cmd : &check_cmd, &args, &a, &r, &lo, &hi);

	if (rc)
		return rc < 0 ? CB_OK : rc;
	date_to_ymd(a.today, &year, &m, &d);
	if ((rc = cli_plans_take_year(review ? &review_cmd : &check_cmd, &term_opts[1], &year))) {
		app_close(&a);
		return rc;
	}
	cb_error_clear(&err);
	rc = review ? career_pool_review(a.db, &r, year, term_of(), lo, hi, &f, &n, &err)
		    : career_pool_check(a.db, &r, a.today, term_of(), lo, hi, &f, &n, &err);
	rc = rc ? cli_fail(&err) : print_findings(&r, f, n, args.format);
	if (rc == CB_NOT_FOUND && args.format == OUT_TABLE)
		printf("%s\n", review ? _("Nobody needs to leave the pool.")
				      : _("The pool keeps every rule."));
	free(f);
	app_close(&a);
	return rc == CB_NOT_FOUND ? CB_OK : rc;
}

static int run_check(int argc, char **argv)
{
	return run_findings(argc, argv, false);
}

static int run_review(int argc, char **argv)
{
	return run_findings(argc, argv, true);
}

/* ---- add, remove ----------------------------------------------------------- */

static cli_option add_opts[] = {
	{"title", N_("CODE"), N_("Title code, as in career.ini's [pool]"), false, NULL},
	{"term", N_("YYYY-YYYY"), N_("Term of the pool"), false, NULL},
	{"unit", N_("CODE"), N_("Unit of the title (default: the cadre's, at the title's level)"),
	 false, NULL},
	{NULL, NULL, NULL, false, NULL},
};

static const cli_command add_cmd = {"pool add",
				    N_("CADRE"),
				    N_("Add a cadre to the pool of a title, if the rules allow it"),
				    1,
				    1,
				    add_opts,
				    0,
				    CLI_HIDE_FORMAT | CLI_HIDE_LIMIT};

static int run_add(int argc, char **argv)
{
	cli_args args;
	app a = {0};
	career_rules r;
	pool_row p;
	unit_row u;
	cb_error err;
	int rc;

	memset(&p, 0, sizeof p);
	if ((rc = cli_plans_parse_id(argc, argv, &add_cmd, &args, &p.cadre_id,
				     _("a cadre number is needed, not '%s'"))) ||
	    args.help)
		return rc;
	if (!add_opts[0].seen || !add_opts[1].seen)
		return cli_usage(&add_cmd, "%s", _("--title and --term are required"));
	snprintf(p.title, sizeof p.title, "%s", add_opts[0].value);
	snprintf(p.term, sizeof p.term, "%s", add_opts[1].value);
	if ((rc = cli_open(&args, &a)))
		return rc;
	cb_error_clear(&err);
	if (!(rc = cli_plans_may_edit(&a)) && !(rc = cli_career_rules(&a, &r))) {
		if (add_opts[2].seen && store_unit_by_code(a.db, add_opts[2].value, &u, &err))
			rc = cli_fail(&err);
		else {
			p.unit_id = add_opts[2].seen ? u.id : 0;
			if ((rc = store_pool_add(a.db, &r, a.today, &p, &err)))
				rc = cli_fail(&err);
			else
				printf(_("Pool entry %lld added.\n"), (long long)p.id);
		}
	}
	app_close(&a);
	return rc;
}

static cli_option remove_opts[] = {
	{"reason", N_("TEXT"), N_("Why the cadre leaves the pool"), false, NULL},
	{"on", N_("DATE"), N_("Day of the removal (default: the reference date)"), false, NULL},
	{"version", "N", N_("Save only if the entry is still at this version"), false, NULL},
	{NULL, NULL, NULL, false, NULL},
};

static const cli_command remove_cmd = {
	"pool remove",
	N_("ID"),
	N_("Take an entry out of the pool; it is kept with the reason"),
	1,
	1,
	remove_opts,
	0,
	CLI_HIDE_FORMAT | CLI_HIDE_LIMIT};

static int run_remove(int argc, char **argv)
{
	cli_args args;
	app a = {0};
	int64_t id, version = 0;
	char on[11];
	cb_error err;
	int rc = cli_plans_parse_id(argc, argv, &remove_cmd, &args, &id,
				    _("a pool entry number is needed, not '%s'"));

	if (rc || args.help)
		return rc;
	if (!remove_opts[0].seen)
		return cli_usage(&remove_cmd, "%s", _("--reason is required"));
	if ((rc = cli_plans_take_version(&remove_cmd, &remove_opts[2], &version)))
		return rc;
	if ((rc = cli_open(&args, &a)))
		return rc;
	cb_error_clear(&err);
	if (!(rc = cli_plans_may_edit(&a)) &&
	    !(rc = cli_career_date(&remove_cmd, &remove_opts[1], a.today, on))) {
		if ((rc = store_pool_remove(a.db, id, version, on, remove_opts[0].value, &err)))
			rc = cli_fail(&err);
		else
			printf(_("Pool entry %lld removed.\n"), (long long)id);
	}
	app_close(&a);
	return rc;
}

static const cli_sub verbs[] = {
	{"list", run_list, N_("List the pool by title")},
	{"summary", run_summary,
	 N_("Cadres per title, and the pool's young and women ratios against their targets")},
	{"check", run_check, N_("List the entries that break a rule")},
	{"review", run_review, N_("List who should leave the pool at the yearly review, and why")},
	{"add", run_add, N_("Add a cadre to the pool of a title, if the rules allow it")},
	{"remove", run_remove, N_("Take an entry out of the pool; it is kept with the reason")},
};

static const cli_dispatch pool_dispatch = {
	.name = "pool",
	.cmd = &usage_cmd,
	.subs = verbs,
	.nsubs = CLI_NSUBS(verbs),
	.dflt = run_list,
};

int cmd_pool(int argc, char **argv)
{
	return cli_dispatch_run(&pool_dispatch, argc, argv);
}
