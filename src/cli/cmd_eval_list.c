/* cmd_eval_list.c - the listings of `canbo eval`: one owner's evaluations,
 * who is not evaluated for a period, and a period's counts.
 *
 *   canbo eval show ID [--org] [--period P]
 *   canbo eval missing --period P [--district CODE]
 *   canbo eval summary --period P [--district CODE]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_eval.h"
#include "cli_plans.h"
#include "i18n.h"
#include "model.h"

/* ---- show -------------------------------------------------------------------- */

static cli_option show_opts[] = {
	{"org", NULL, N_("ID is an organisation, not a cadre"), false, NULL},
	{"period", N_("PERIOD"), N_("Only this period"), false, NULL},
	{NULL, NULL, NULL, false, NULL},
};

static const cli_command show_cmd = {
	.name = "eval show",
	.synopsis = N_("ID"),
	.summary = N_("A cadre's or an organisation's evaluations, period by period"),
	.min_args = 1,
	.max_args = 1,
	.options = show_opts,
};

static const out_column show_cols[] = {
	{"period", N_("Period"), OUT_LEFT, OUT_STR, 0},
	{"kind", "", OUT_LEFT, OUT_STR, 0},
	{"score", N_("Score"), OUT_RIGHT, OUT_NUM, 0},
	{"scores", N_("Groups"), OUT_LEFT, OUT_STR, 0},
	{"tasks", N_("Tasks A/T/L/E"), OUT_LEFT, OUT_STR, 0},
	{"computed", N_("By the rules"), OUT_LEFT, OUT_STR, 24},
	{"proposal", N_("Proposed"), OUT_LEFT, OUT_STR, 24},
	{"grade", N_("Decided"), OUT_LEFT, OUT_STR, 24},
	{"stage", N_("Stage"), OUT_LEFT, OUT_STR, 0},
	{"decided_on", N_("Decided on"), OUT_LEFT, OUT_STR, 0},
	{"decided_by", N_("Decided by"), OUT_LEFT, OUT_STR, 0},
	{"reason", N_("Reason"), OUT_LEFT, OUT_STR, 30},
	{"note", N_("Note"), OUT_LEFT, OUT_STR, 30},
};
#define SHOW_NCOLS (sizeof show_cols / sizeof show_cols[0])

static int show_row(out_writer *o, const evaluation *e, int format)
{
	char score[16], scores[128] = "", tasks[48] = "", d[11], buf[16];
	const char *cells[SHOW_NCOLS];

	for (int g = 0; g < EVAL_GROUPS_MAX; g++)
		if (e->scores[g] >= 0)
			snprintf(scores + strlen(scores), sizeof scores - strlen(scores), "%s%s",
				 scores[0] ? "+" : "", eval_score_format(e->scores[g], buf));
	if (!e->from_rating)
		snprintf(tasks, sizeof tasks, "%d/%d/%d/%d", e->tasks.assigned, e->tasks.on_time,
			 e->tasks.late, e->tasks.exceeded);
	cells[0] = e->period.key;
	cells[1] = eval_period_kind_name(e->period.kind);
	cells[2] = e->score >= 0 ? eval_score_format(e->score, score) : "";
	cells[3] = scores;
	cells[4] = tasks;
	cells[5] = cli_eval_grade_cell(e->computed, format);
	cells[6] = cli_eval_grade_cell(e->proposed, format);
	cells[7] = cli_eval_grade_cell(e->grade, format);
	cells[8] = e->from_rating ? (format == OUT_TABLE ? _("rating only") : "rating")
				  : (format == OUT_TABLE ? _(eval_stage_label(eval_stage_of(e)))
							 : eval_stage_name(eval_stage_of(e)));
	cells[9] = cli_plans_date(e->decided_on, format, d);
	cells[10] = e->decided_by;
	cells[11] = e->reason;
	cells[12] = e->note;
	return out_row(o, cells);
}

int cli_eval_show(int argc, char **argv)
{
	out_column tr[SHOW_NCOLS];
	cli_args args;
	app a = {0};
	cb_error err;
	evaluation *rows = NULL;
	eval_period p = {0};
	size_t n = 0, shown = 0, i;
	int64_t owner;
	out_writer *o;
	int rc = cli_plans_parse_id(argc, argv, &show_cmd, &args, &owner,
				    _("'%s' is not a record number"));

	if (rc || args.help ||
	    (show_opts[1].seen && (rc = cli_eval_take_period(&show_cmd, &show_opts[1], &p))))
		return rc;
	if ((rc = cli_open(&args, &a)))
		return rc;
	cb_error_clear(&err);
	if ((rc = eval_history(a.db, show_opts[0].seen, owner, &rows, &n, &err))) {
		rc = cli_fail(&err);
		goto out;
	}
	if (!(o = cli_plans_begin(show_cols, tr, SHOW_NCOLS, args.format))) {
		rc = cli_plans_oom();
		goto out;
	}
	for (i = 0; i < n && (!args.limit || shown < args.limit); i++) {
		if (p.kind && strcmp(rows[i].period.key, p.key) != 0)
			continue;
		if (show_row(o, &rows[i], args.format))
			break;
		shown++;
	}
	rc = cli_plans_end(o, i < n && (!args.limit || shown < args.limit) ? -1 : 0, &err, shown);
out:
	free(rows);
	app_close(&a);
	return rc;
}

/* ---- missing ----------------------------------------------------------------- */

static cli_option period_opts[] = {
	{"period", N_("PERIOD"), N_("2020-2025, 2025, 2025-Q1, 2025-03 or 2025-03-14"), false,
	 NULL},
	{NULL, NULL, NULL, false, NULL},
};

static const cli_command missing_cmd = {
	.name = "eval missing",
	.synopsis = "",
	.summary = N_("Cadres whose evaluation of a period is not decided"),
	.min_args = 0,
	.max_args = 0,
	.options = period_opts,
};

struct missing_ctx {
	out_writer *o;
	size_t limit, n;
	int format;
};

static int missing_row(const eval_missing *m, void *ctx)
{
	struct missing_ctx *c = ctx;
	char id[24];
	const char *stage = m->stage < 0	     ? ""
			    : c->format == OUT_TABLE ? _(eval_stage_label(m->stage))
						     : eval_stage_name(m->stage);
	const char *cells[4] = {id, m->full_name, m->unit_name, stage};
	if (c->limit && c->n >= c->limit)
		return 1;
	snprintf(id, sizeof id, "%lld", (long long)m->cadre_id);
	c->n++;
	return out_row(c->o, cells) ? -1 : 0;
}

/* Parses the options of missing and summary, opens the application. */
static int open_period(int argc, char **argv, const cli_command *cmd, cli_args *args, app *a,
		       eval_period *p, eval_scope *sc)
{
	int rc = cli_parse(argc, argv, cmd, args);
	if (rc || args->help || (rc = cli_eval_take_period(cmd, &period_opts[0], p)) ||
	    (rc = cli_open(args, a)))
		return rc;
	return cli_eval_scope(a, args, sc);
}

int cli_eval_missing(int argc, char **argv)
{
	static const out_column cols[] = {
		{"id", N_("No."), OUT_RIGHT, OUT_NUM, 0},
		{"name", N_("Full name"), OUT_LEFT, OUT_STR, 0},
		{"unit", N_("Unit"), OUT_LEFT, OUT_STR, 0},
		{"stage", N_("Stage"), OUT_LEFT, OUT_STR, 0},
	};
	out_column tr[4];
	struct missing_ctx c = {0};
	cli_args args;
	app a = {0};
	cb_error err;
	eval_period p;
	eval_scope sc = {0};
	int rc = open_period(argc, argv, &missing_cmd, &args, &a, &p, &sc);

	if (rc || args.help)
		goto out;
	c.limit = args.limit;
	c.format = args.format;
	if (!(c.o = cli_plans_begin(cols, tr, 4, args.format))) {
		rc = cli_plans_oom();
		goto out;
	}
	cb_error_clear(&err);
	rc = eval_each_missing(a.db, &sc, p.key, missing_row, &c, &err);
	rc = cli_plans_end(c.o, rc, &err, c.n);
	/* everyone decided: nothing to list, and that is the good news */
	if (rc == CB_NOT_FOUND)
		rc = CB_OK;
out:
	app_close(&a);
	return rc;
}

/* ---- summary ----------------------------------------------------------------- */

static const cli_command summary_cmd = {
	.name = "eval summary",
	.synopsis = "",
	.summary = N_("A period's evaluations by grade: decided, by the rules, by score band"),
	.min_args = 0,
	.max_args = 0,
	.options = period_opts,
	.hide = CLI_HIDE_LIMIT,
};

int cli_eval_summary(int argc, char **argv)
{
	static const out_column cols[] = {
		{"grade", N_("Grade"), OUT_LEFT, OUT_STR, 0},
		{"decided", N_("Decided"), OUT_RIGHT, OUT_NUM, 0},
		{"computed", N_("By the rules"), OUT_RIGHT, OUT_NUM, 0},
		{"band", N_("By score alone"), OUT_RIGHT, OUT_NUM, 0},
	};
	out_column tr[4];
	cli_args args;
	app a = {0};
	cb_error err;
	eval_rules rules = {0};
	eval_summary sum;
	eval_period p;
	eval_scope sc = {0};
	out_writer *o;
	int rc = open_period(argc, argv, &summary_cmd, &args, &a, &p, &sc);

	if (rc || args.help || (rc = cli_eval_rules(&a, &rules)))
		goto out;
	cb_error_clear(&err);
	if ((rc = eval_summarise(a.db, &rules, &sc, p.key, &sum, &err))) {
		rc = cli_fail(&err);
		goto out;
	}
	if (!(o = cli_plans_begin(cols, tr, 4, args.format))) {
		rc = cli_plans_oom();
		goto out;
	}
	for (int g = 1; g <= EVAL_GRADES && !rc; g++) {
		char d[12], c[12], b[12];
		const char *cells[4] = {cli_eval_grade_cell(g, args.format), d, c, b};
		snprintf(d, sizeof d, "%d", sum.decided[g]);
		snprintf(c, sizeof c, "%d", sum.computed[g]);
		snprintf(b, sizeof b, "%d", sum.bands[g]);
		rc = out_row(o, cells);
	}
	rc = cli_plans_end(o, rc ? -1 : 0, &err, EVAL_GRADES);
	if (!rc && args.format == OUT_TABLE)
		printf(_("%s: %d of %d cadres evaluated, %d not decided yet.\n"), p.key,
		       sum.evaluated, sum.cadres, sum.undecided);
out:
	eval_rules_free(&rules);
	app_close(&a);
	return rc;
}
