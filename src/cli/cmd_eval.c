/* cmd_eval.c - `canbo eval`: evaluations of cadres and party organisations
 * by period, and the changes to them.
 *
 *   canbo eval record ID --period P [--org] [--scores 28,61.5]
 *       [--tasks ASSIGNED,ON_TIME,LATE,EXCEEDED] [--note TEXT]
 *       [--stage self|review|proposal] [--grade G] [--version N]
 *   canbo eval decide ID --period P --grade G [--reason TEXT] [--org]
 *   canbo eval reopen ID --period P --reason TEXT [--org]
 *   canbo eval show ID [--org] [--period P]     (cmd_eval_list.c)
 *   canbo eval missing --period P               (cmd_eval_list.c)
 *   canbo eval summary --period P               (cmd_eval_list.c)
 *   canbo eval import FILE [--dry-run]
 *
 * Recording and reopening need the right to edit in the office; deciding
 * needs the right to verify (the superior's).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_eval.h"
#include "record_import.h"
#include "cli_plans.h"
#include "commands.h"
#include "i18n.h"
#include "model.h"

/* ---- shared with cmd_eval_list.c and cmd_ratings.c ---------------------- */

int cli_eval_rules(app *a, eval_rules *r)
{
	cb_error err;
	cb_error_clear(&err);
	if (config_evaluation_load(a->config, r, &err))
		return cli_fail(&err);
	return CB_OK;
}

int cli_eval_take_period(const cli_command *cmd, const cli_option *o, eval_period *p)
{
	if (!o->seen)
		return cli_usage(cmd, _("--period is required (e.g. 2025, 2025-Q1, 2025-03)"));
	if (!eval_period_parse(o->value, p))
		return cli_usage(
			cmd,
			_("--period needs a term (2020-2025), a year (2025), a quarter (2025-Q1),"
			  " a month (2025-03) or a date (2025-03-14), not '%s'"),
			o->value);
	return CB_OK;
}

bool cli_eval_grade(const char *s, int *grade)
{
	if (s[0] >= '1' && s[0] <= '4' && !s[1]) {
		*grade = s[0] - '0';
		return true;
	}
	return model_value(ENUM_GRADE, s, grade);
}

int cli_eval_scope(app *a, const cli_args *args, eval_scope *sc)
{
	plans_query q;
	int rc = cli_plans_scope(a, args, &q);
	sc->unit_lo = q.unit_lo;
	sc->unit_hi = q.unit_hi;
	return rc;
}

const char *cli_eval_grade_cell(int grade, int format)
{
	if (!grade)
		return "";
	return format == OUT_TABLE ? model_label(ENUM_GRADE, grade) : model_name(ENUM_GRADE, grade);
}

bool cli_eval_option_takes_arg(const char *word)
{
	static const char *const names[] = {"period", "scores", "tasks",   "note", "stage",
					    "grade",  "reason", "version", "year"};
	return cli_option_named(word, names, sizeof names / sizeof names[0]);
}

static int may(app *a, int right)
{
	if (app_may(a, right))
		return CB_OK;
	cli_warn(right == CFG_RIGHT_VERIFY ? _("User %s may not decide evaluations in this office")
					   : _("User %s may not change data in this office"),
		 a->user);
	return CB_EACCESS;
}

/* The owner's evaluation of the period, or a fresh one. */
static int load_or_new(app *a, bool org, int64_t owner, const eval_period *p, evaluation *e)
{
	cb_error err;
	int rc;
	cb_error_clear(&err);
	rc = eval_get(a->db, org, owner, p->key, e, &err);
	if (rc == CB_NOT_FOUND || (!rc && e->from_rating)) {
		eval_init(e, org, owner, p);
		return CB_OK;
	}
	return rc ? cli_fail(&err) : CB_OK;
}

static void print_state(const evaluation *e)
{
	char score[16];
	if (e->score >= 0)
		printf(_("%s: %s points, proposed by the rules: %s.\n"), e->period.key,
		       eval_score_label(e->score, score), model_label(ENUM_GRADE, e->computed));
	if (e->grade)
		printf(_("%s: decided %s by %s on %s.\n"), e->period.key,
		       model_label(ENUM_GRADE, e->grade), e->decided_by, e->decided_on);
}

/* ---- record ------------------------------------------------------------------ */

static cli_option record_opts[] = {
	{"period", N_("PERIOD"), N_("2020-2025, 2025, 2025-Q1, 2025-03 or 2025-03-14"), false,
	 NULL},
	{"org", NULL, N_("ID is an organisation, not a cadre"), false, NULL},
	{"scores", N_("POINTS"), N_("Points of each criteria group, in order, e.g. 28,61.5"), false,
	 NULL},
	{"tasks", "A,T,L,E", N_("Tasks assigned, done on time, done late, exceeded"), false, NULL},
	{"note", N_("TEXT"), N_("A note on the evaluation"), false, NULL},
	{"stage", N_("STAGE"), N_("Record a stage: self, review or proposal"), false, NULL},
	{"grade", N_("GRADE"), N_("Grade of the self-assessment or proposal"), false, NULL},
	{"version", "N", N_("Save only if the evaluation is still at this version"), false, NULL},
	{NULL, NULL, NULL, false, NULL},
};
enum { R_PERIOD, R_ORG, R_SCORES, R_TASKS, R_NOTE, R_STAGE, R_GRADE, R_VERSION };

static const cli_command record_cmd = {
	.name = "eval record",
	.synopsis = N_("ID"),
	.summary = N_("Record an evaluation's score, tasks and note, or one of its stages"),
	.min_args = 1,
	.max_args = 1,
	.options = record_opts,
	.hide = CLI_HIDE_FORMAT | CLI_HIDE_LIMIT,
};

static int parse_scores(const char *s, evaluation *e)
{
	char buf[256], *save = NULL, *tok;
	int g = 0;
	snprintf(buf, sizeof buf, "%s", s);
	for (tok = strtok_r(buf, ",; ", &save); tok; tok = strtok_r(NULL, ",; ", &save)) {
		if (g >= EVAL_GROUPS_MAX || !eval_score_parse(tok, 100 * EVAL_CENTI, &e->scores[g]))
			return cli_usage(&record_cmd,
					 _("--scores needs the points of each criteria group,"
					   " e.g. 28,61.5, not '%s'"),
					 s);
		g++;
	}
	return g ? CB_OK : cli_usage(&record_cmd, _("--scores needs at least one number"));
}

static int parse_tasks(const char *s, eval_tasks *t)
{
	int v[4], used = 0;
	if (sscanf(s, "%d,%d,%d,%d%n", &v[0], &v[1], &v[2], &v[3], &used) != 4 || s[used])
		return cli_usage(&record_cmd,
				 _("--tasks needs four numbers: assigned, done on time, done late,"
				   " exceeded (e.g. 10,9,1,3), not '%s'"),
				 s);
	*t = (eval_tasks){.assigned = v[0], .on_time = v[1], .late = v[2], .exceeded = v[3]};
	return CB_OK;
}

static int record_stage(int *stage, int *grade)
{
	static const char *const names[] = {"self", "review", "proposal"};
	static const int stages[] = {EVAL_SELF, EVAL_REVIEW, EVAL_PROPOSAL};
	*stage = -1;
	*grade = 0;
	if (record_opts[R_GRADE].seen && !cli_eval_grade(record_opts[R_GRADE].value, grade))
		return cli_usage(&record_cmd,
				 _("--grade needs excellent, good, completed or failed,"
				   " not '%s'"),
				 record_opts[R_GRADE].value);
	if (!record_opts[R_STAGE].seen)
		return record_opts[R_GRADE].seen
			       ? cli_usage(&record_cmd,
					   _("--grade goes with --stage self or proposal"))
			       : CB_OK;
	for (int i = 0; i < 3; i++)
		if (strcmp(record_opts[R_STAGE].value, names[i]) == 0)
			*stage = stages[i];
	if (*stage < 0)
		return cli_usage(&record_cmd, _("--stage needs self, review or proposal, not '%s'"),
				 record_opts[R_STAGE].value);
	return CB_OK;
}

/* Fills e from the options given (those not given keep their values). */
static int record_fill(evaluation *e)
{
	int rc = CB_OK;
	if (record_opts[R_SCORES].seen) {
		for (int g = 0; g < EVAL_GROUPS_MAX; g++)
			e->scores[g] = -1;
		rc = parse_scores(record_opts[R_SCORES].value, e);
	}
	if (!rc && record_opts[R_TASKS].seen)
		rc = parse_tasks(record_opts[R_TASKS].value, &e->tasks);
	if (!rc && record_opts[R_NOTE].seen)
		snprintf(e->note, sizeof e->note, "%s", record_opts[R_NOTE].value);
	if (!rc)
		rc = cli_plans_take_version(&record_cmd, &record_opts[R_VERSION], &e->version);
	return rc;
}

static int run_record(int argc, char **argv)
{
	cli_args args;
	app a = {0};
	cb_error err;
	eval_rules rules = {0};
	eval_period p;
	evaluation *e = calloc(1, sizeof *e);
	int64_t owner;
	int stage, grade,
		rc = e ? cli_plans_parse_id(argc, argv, &record_cmd, &args, &owner,
					    _("'%s' is not a record number"))
		       : cli_plans_oom();

	if (rc || args.help ||
	    (rc = cli_eval_take_period(&record_cmd, &record_opts[R_PERIOD], &p)) ||
	    (rc = record_stage(&stage, &grade)) || (rc = cli_open(&args, &a)))
		goto out;
	if ((rc = may(&a, CFG_RIGHT_EDIT)) || (rc = cli_eval_rules(&a, &rules)) ||
	    (rc = load_or_new(&a, record_opts[R_ORG].seen, owner, &p, e)) || (rc = record_fill(e)))
		goto close;
	cb_error_clear(&err);
	if ((!e->id || record_opts[R_SCORES].seen || record_opts[R_TASKS].seen ||
	     record_opts[R_NOTE].seen) &&
	    (rc = eval_save(a.db, &rules, e, &err)))
		rc = cli_fail(&err);
	else if (stage >= 0 && (rc = eval_stage_set(a.db, e, stage, grade, a.today, &err)))
		rc = cli_fail(&err);
	if (!rc)
		print_state(e);
close:
	app_close(&a);
out:
	eval_rules_free(&rules);
	free(e);
	return rc;
}

/* ---- decide / reopen ---------------------------------------------------------- */

static cli_option decide_opts[] = {
	{"period", N_("PERIOD"), N_("The period evaluated"), false, NULL},
	{"org", NULL, N_("ID is an organisation, not a cadre"), false, NULL},
	{"grade", N_("GRADE"), N_("excellent, good, completed or failed"), false, NULL},
	{"reason", N_("TEXT"), N_("Why (required above the proposal, and to reopen)"), false, NULL},
	{NULL, NULL, NULL, false, NULL},
};
enum { D_PERIOD, D_ORG, D_GRADE, D_REASON };

static const cli_command decide_cmd = {
	.name = "eval decide",
	.synopsis = N_("ID"),
	.summary = N_("Decide the grade of an evaluation (a year's decision sets its rating)"),
	.min_args = 1,
	.max_args = 1,
	.options = decide_opts,
	.hide = CLI_HIDE_FORMAT | CLI_HIDE_LIMIT,
};

static const cli_command reopen_cmd = {
	.name = "eval reopen",
	.synopsis = N_("ID"),
	.summary = N_("Reopen a decided evaluation, with the reason"),
	.min_args = 1,
	.max_args = 1,
	.options = decide_opts,
	.hide = CLI_HIDE_FORMAT | CLI_HIDE_LIMIT,
};

static int run_decision(int argc, char **argv, bool reopen)
{
	const cli_command *cmd = reopen ? &reopen_cmd : &decide_cmd;
	cli_args args;
	app a = {0};
	cb_error err;
	eval_period p;
	evaluation e;
	int64_t owner;
	int grade = 0, rc = cli_plans_parse_id(argc, argv, cmd, &args, &owner,
					       _("'%s' is not a record number"));

	if (rc || args.help || (rc = cli_eval_take_period(cmd, &decide_opts[D_PERIOD], &p)))
		return rc;
	if (!reopen &&
	    (!decide_opts[D_GRADE].seen || !cli_eval_grade(decide_opts[D_GRADE].value, &grade)))
		return cli_usage(cmd, _("--grade needs excellent, good, completed or failed"));
	if (reopen && !decide_opts[D_REASON].seen)
		return cli_usage(cmd, _("--reason is required to reopen a decided evaluation"));
	if ((rc = cli_open(&args, &a)))
		return rc;
	cb_error_clear(&err);
	if (!(rc = may(&a, reopen ? CFG_RIGHT_EDIT : CFG_RIGHT_VERIFY))) {
		rc = eval_get(a.db, decide_opts[D_ORG].seen, owner, p.key, &e, &err);
		if (!rc && e.from_rating)
			rc = cb_error_set(
				&err, CB_NOT_FOUND,
				_("%s has only a rating, no evaluation: record one first"), p.key);
		if (!rc)
			rc = reopen ? eval_reopen(a.db, &e, decide_opts[D_REASON].value, &err)
				    : eval_decide(a.db, &e, grade, decide_opts[D_REASON].value,
						  a.today, &err);
		if (rc)
			rc = cli_fail(&err);
		else if (reopen)
			printf(_("%s: reopened; it may be changed and decided again.\n"), p.key);
		else
			print_state(&e);
	}
	app_close(&a);
	return rc;
}

static int run_decide(int argc, char **argv)
{
	return run_decision(argc, argv, false);
}

static int run_reopen(int argc, char **argv)
{
	return run_decision(argc, argv, true);
}

/* ---- import ------------------------------------------------------------------ */

static cli_option import_opts[] = {
	{"dry-run", NULL, N_("Check every row and keep nothing"), false, NULL},
	{NULL, NULL, NULL, false, NULL},
};

static const cli_command import_cmd = {
	.name = "eval import",
	.synopsis = N_("FILE"),
	.summary = N_("Record evaluations from a CSV file (cadre_id or org_id, period, scores, "
		      "tasks, note), all rows or none"),
	.min_args = 1,
	.max_args = 1,
	.options = import_opts,
	.hide = CLI_HIDE_FORMAT | CLI_HIDE_LIMIT,
};

/* Evaluations from a CSV file, read as every import reads one (any of
 * the encodings it detects); the closing line goes into done. Also what
 * `canbo import --kind evaluation` runs. */
int cli_eval_import_file(app *a, const char *path, text_encoding enc, bool dry_run, char *done,
			 size_t cap)
{
	eval_rules rules = {0};
	text_encoding read_as;
	char *text = NULL;
	size_t len = 0, rows = 0;
	cb_error err;
	int rc;

	cb_error_clear(&err);
	if ((rc = cli_eval_rules(a, &rules)))
		return rc;
	if (!(rc = import_read_utf8(path, enc, &text, &len, &read_as, &err)))
		rc = eval_import(a->db, &rules, text, len, dry_run, &rows, &err);
	if (rc)
		rc = cli_fail(&err);
	else
		snprintf(done, cap,
			 dry_run ? _("%zu evaluations checked; nothing recorded.\n")
				 : _("%zu evaluations recorded.\n"),
			 rows);
	free(text);
	eval_rules_free(&rules);
	return rc;
}

static int run_import(int argc, char **argv)
{
	cli_args args;
	app a = {0};
	char done[256] = "";
	int rc = cli_parse(argc, argv, &import_cmd, &args);

	if (rc || args.help)
		return rc;
	if (!(rc = cli_open(&args, &a)) && !(rc = may(&a, CFG_RIGHT_EDIT)))
		rc = cli_eval_import_file(&a, args.argv[0], TEXT_ENC_UNKNOWN, import_opts[0].seen,
					  done, sizeof done);
	app_close(&a);
	if (!rc)
		fputs(done, stdout);
	return rc;
}

/* ---- dispatch ---------------------------------------------------------------- */

static const cli_command eval_cmd = {
	.name = "eval",
	.synopsis = N_("record|decide|reopen|show|missing|summary|import ..."),
	.summary = N_("Evaluations by period on the 100-point frame"),
	.min_args = 1,
	.max_args = -1,
};

static const cli_sub subs[] = {
	{"record", run_record,
	 N_("Record an evaluation's score, tasks and note, or one of its stages")},
	{"decide", run_decide,
	 N_("Decide the grade of an evaluation (a year's decision sets its rating)")},
	{"reopen", run_reopen, N_("Reopen a decided evaluation, with the reason")},
	{"show", cli_eval_show, N_("A cadre's or an organisation's evaluations, period by period")},
	{"missing", cli_eval_missing, N_("Cadres whose evaluation of a period is not decided")},
	{"summary", cli_eval_summary,
	 N_("A period's evaluations by grade: decided, by the rules, by score band")},
	{"import", run_import,
	 N_("Record evaluations from a CSV file (cadre_id or org_id, period, scores, tasks, "
	    "note), all rows or none")},
};

static const cli_dispatch eval_dispatch = {
	.name = "eval",
	.cmd = &eval_cmd,
	.subs = subs,
	.nsubs = CLI_NSUBS(subs),
	.own_takes_arg = cli_eval_option_takes_arg,
};

int cmd_eval(int argc, char **argv)
{
	return cli_dispatch_run(&eval_dispatch, argc, argv);
}
