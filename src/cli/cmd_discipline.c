/* cmd_discipline.c - `canbo discipline`: the discipline register.
 *
 *   canbo discipline list [--cadre ID] [--org ID] [--district CODE]
 *   canbo discipline show ID
 *   canbo discipline add (CADRE | --org ID) --form FORM --announced DATE
 *                        --reason TEXT [--decision NO] [--authority TEXT]
 *                        [--decided DATE]
 *   canbo discipline annul ID --reason TEXT [--on DATE] [--version N]
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
	.name = "discipline",
	.synopsis = N_("list | show ID | add CADRE | annul ID"),
	.summary = N_("The discipline register of cadres and organisations"),
	.min_args = 0,
	.max_args = -1,
	.hide = CLI_HIDE_FORMAT | CLI_HIDE_LIMIT,
};

static const char *day_of(const char *iso, int format, char *buf)
{
	return cli_plans_date(iso, format, buf);
}

/* ---- list ------------------------------------------------------------------ */

static cli_option list_opts[] = {
	{"cadre", N_("ID"), N_("Only this cadre's"), false, NULL},
	{"org", N_("ID"), N_("Only this organisation's"), false, NULL},
	{NULL, NULL, NULL, false, NULL},
};

static const cli_command list_cmd = {
	.name = "discipline list",
	.synopsis = "",
	.summary = N_("List disciplines, newest first"),
	.min_args = 0,
	.max_args = 0,
	.options = list_opts,
};

static const out_column list_cols[] = {
	{"id", N_("No."), OUT_RIGHT, OUT_NUM, 0},
	{"who", N_("Cadre or organisation"), OUT_LEFT, OUT_STR, 28},
	{"form", N_("Form of discipline"), OUT_LEFT, OUT_STR, 20},
	{"decision", N_("Decision"), OUT_LEFT, OUT_STR, 16},
	{"announced_on", N_("Announced"), OUT_LEFT, OUT_STR, 0},
	{"lapse_on", N_("Lapses"), OUT_LEFT, OUT_STR, 0},
	{"bar_until", N_("Barred until"), OUT_LEFT, OUT_STR, 0},
	{"annulled_on", N_("Annulled"), OUT_LEFT, OUT_STR, 0},
};

/* The rows of a listing: the register (in the scope, of one cadre or
 * organisation when given), or the one discipline id. */
struct list_ctx {
	const cli_args *args;
	int64_t cadre_id, org_id, id;
	discipline_row *v;
};

static int fetch_list(app *a, void *ctx, size_t *n, cb_error *err)
{
	struct list_ctx *c = ctx;
	int64_t lo, hi;
	int rc;

	if (c->id) {
		if (!(c->v = calloc(1, sizeof *c->v)))
			return cb_error_oom(err);
		if (!(rc = store_discipline_get(a->db, c->id, c->v, err)))
			*n = 1;
		return rc;
	}
	if ((rc = cli_career_scope(a, c->args, &lo, &hi)))
		return rc;
	return store_disciplines(a->db, c->cadre_id, c->org_id, lo, hi, &c->v, n, err);
}

static bool list_cells(app *a, void *ctx, size_t i, int format, cli_cells *c)
{
	const discipline_row *v = &((struct list_ctx *)ctx)->v[i];

	(void)a;
	cli_cell_printf(c, 0, "%" PRId64, v->id);
	c->cell[1] = v->owner_name;
	if (format == OUT_TABLE)
		disc_form_title(v->form, c->buf[2], sizeof c->buf[2]);
	else
		snprintf(c->buf[2], sizeof c->buf[2], "%s:%s",
			 disc_family_code(disc_form_family(v->form)), disc_form_code(v->form));
	c->cell[2] = c->buf[2];
	c->cell[3] = v->decision;
	c->cell[4] = day_of(v->announced_on, format, c->buf[4]);
	c->cell[5] = day_of(v->lapse_on, format, c->buf[5]);
	c->cell[6] = !strcmp(v->bar_until, CAREER_FOREVER) && format == OUT_TABLE
			     ? _("no end")
			     : day_of(v->bar_until, format, c->buf[6]);
	c->cell[7] = day_of(v->annulled_on, format, c->buf[7]);
	return true;
}

static const cli_list list = {
	.cols = list_cols,
	.ncols = sizeof list_cols / sizeof list_cols[0],
	.fetch = fetch_list,
	.row = list_cells,
};

static int run_list(int argc, char **argv)
{
	cli_args args;
	struct list_ctx ctx = {&args, 0, 0, 0, NULL};
	int rc = cli_parse(argc, argv, &list_cmd, &args);

	if (rc || args.help)
		return rc;
	if ((rc = cli_plans_take_id(&list_cmd, &list_opts[0], &ctx.cadre_id,
				    _("--cadre needs a cadre number, not '%s'"))) ||
	    (rc = cli_plans_take_id(&list_cmd, &list_opts[1], &ctx.org_id,
				    _("--org needs an organisation number, not '%s'"))))
		return rc;
	rc = cli_list_run(&list, &args, &ctx);
	free(ctx.v);
	return rc;
}

/* ---- show ------------------------------------------------------------------ */

static const cli_command show_cmd = {
	.name = "discipline show",
	.synopsis = N_("ID"),
	.summary = N_("Show one discipline"),
	.min_args = 1,
	.max_args = 1,
	.hide = CLI_HIDE_LIMIT,
};

static int run_show(int argc, char **argv)
{
	cli_args args;
	struct list_ctx ctx = {&args, 0, 0, 0, NULL};
	int rc = cli_plans_parse_id(argc, argv, &show_cmd, &args, &ctx.id,
				    _("a discipline number is needed, not '%s'"));

	if (rc || args.help)
		return rc;
	args.limit = 0; /* the one record, whatever --limit says */
	if (!(rc = cli_list_run(&list, &args, &ctx)) && args.format == OUT_TABLE) {
		printf("%s: %s\n", _("Authority"), ctx.v->authority);
		printf("%s: %s\n", _("Reason"), ctx.v->reason);
		if (ctx.v->annulled_on[0])
			printf("%s: %s\n", _("Reason for annulment"), ctx.v->annul_reason);
	}
	free(ctx.v);
	return rc;
}

/* ---- add ------------------------------------------------------------------- */

enum { AO_ORG, AO_FORM, AO_ANNOUNCED, AO_DECIDED, AO_DECISION, AO_AUTHORITY, AO_REASON };

static cli_option add_opts[] = {
	[AO_ORG] = {"org", N_("ID"), N_("Discipline of this organisation instead of a cadre"),
		    false, NULL},
	[AO_FORM] = {"form", N_("FORM"),
		     N_("khien-trach, canh-cao, cach-chuc, khai-tru (party); giai-tan "
			"(organisations); state:khien-trach, state:canh-cao, state:ha-bac-luong, "
			"state:giang-chuc, state:cach-chuc, state:buoc-thoi-viec"),
		     false, NULL},
	[AO_ANNOUNCED] = {"announced", N_("DATE"), N_("Day the decision was announced"), false,
			  NULL},
	[AO_DECIDED] = {"decided", N_("DATE"), N_("Day of the decision"), false, NULL},
	[AO_DECISION] = {"decision", N_("NO"), N_("Number of the decision"), false, NULL},
	[AO_AUTHORITY] = {"authority", N_("TEXT"), N_("Who decided"), false, NULL},
	[AO_REASON] = {"reason", N_("TEXT"), N_("The violation"), false, NULL},
	{NULL, NULL, NULL, false, NULL},
};

static const cli_command add_cmd = {
	.name = "discipline add",
	.synopsis = N_("[CADRE]"),
	.summary = N_("Record a discipline; its lapse and bar follow career.ini"),
	.min_args = 0,
	.max_args = 1,
	.options = add_opts,
	.hide = CLI_HIDE_FORMAT | CLI_HIDE_LIMIT,
};

static int text_opt(const cli_option *o, char *buf, size_t cap)
{
	if (!o->seen)
		return CB_OK;
	if (strlen(o->value) >= cap)
		return cli_usage(&add_cmd, _("--%s is too long (at most %zu bytes)"), o->name,
				 cap - 1);
	snprintf(buf, cap, "%s", o->value);
	return CB_OK;
}

static int run_add(int argc, char **argv)
{
	cli_args args;
	app a = {0};
	career_rules r;
	discipline_row d;
	cb_error err;
	int rc = cli_parse(argc, argv, &add_cmd, &args);

	if (rc || args.help)
		return rc;
	memset(&d, 0, sizeof d);
	if (args.argc == 1 && !cli_plans_id(args.argv[0], &d.cadre_id))
		return cli_usage(&add_cmd, _("a cadre number is needed, not '%s'"), args.argv[0]);
	if ((rc = cli_plans_take_id(&add_cmd, &add_opts[AO_ORG], &d.org_id,
				    _("--org needs an organisation number, not '%s'"))))
		return rc;
	if ((d.cadre_id != 0) == (d.org_id != 0))
		return cli_usage(&add_cmd, "%s",
				 _("give either a cadre number or --org, not both"));
	if (!add_opts[AO_FORM].seen || !add_opts[AO_ANNOUNCED].seen || !add_opts[AO_REASON].seen)
		return cli_usage(&add_cmd, "%s",
				 _("--form, --announced and --reason are required"));
	d.form = disc_form_from_code(d.org_id ? DISC_ORG : DISC_PARTY, add_opts[AO_FORM].value);
	if (d.form < 0)
		return cli_usage(&add_cmd, _("--form: unknown form '%s'"), add_opts[AO_FORM].value);
	if ((rc = cli_career_date(&add_cmd, &add_opts[AO_ANNOUNCED], CB_DATE_NONE,
				  d.announced_on)) ||
	    (rc = cli_career_date(&add_cmd, &add_opts[AO_DECIDED], CB_DATE_NONE, d.decided_on)) ||
	    (rc = text_opt(&add_opts[AO_DECISION], d.decision, sizeof d.decision)) ||
	    (rc = text_opt(&add_opts[AO_AUTHORITY], d.authority, sizeof d.authority)) ||
	    (rc = text_opt(&add_opts[AO_REASON], d.reason, sizeof d.reason)))
		return rc;
	if ((rc = cli_open(&args, &a)))
		return rc;
	cb_error_clear(&err);
	if (!(rc = cli_plans_may_edit(&a)) && !(rc = cli_career_rules(&a, &r))) {
		if ((rc = store_discipline_add(a.db, &r, &d, &err)))
			rc = cli_fail(&err);
		else
			printf(_("Discipline %lld recorded: lapses on %s, bars planning until "
				 "%s.\n"),
			       (long long)d.id, d.lapse_on, d.bar_until[0] ? d.bar_until : "-");
	}
	app_close(&a);
	return rc;
}

/* ---- annul ----------------------------------------------------------------- */

static cli_option annul_opts[] = {
	{"reason", N_("TEXT"), N_("Why it is annulled"), false, NULL},
	{"on", N_("DATE"), N_("Day of the annulment (default: the reference date)"), false, NULL},
	{"version", "N", N_("Save only if the discipline is still at this version"), false, NULL},
	{NULL, NULL, NULL, false, NULL},
};

static const cli_command annul_cmd = {
	.name = "discipline annul",
	.synopsis = N_("ID"),
	.summary = N_("Annul a discipline (withdrawn or overturned); it is kept in the register"),
	.min_args = 1,
	.max_args = 1,
	.options = annul_opts,
	.hide = CLI_HIDE_FORMAT | CLI_HIDE_LIMIT,
};

static int run_annul(int argc, char **argv)
{
	cli_args args;
	app a = {0};
	discipline_row d;
	int64_t id, version = 0;
	char on[11];
	cb_error err;
	int rc = cli_plans_parse_id(argc, argv, &annul_cmd, &args, &id,
				    _("a discipline number is needed, not '%s'"));

	if (rc || args.help)
		return rc;
	if (!annul_opts[0].seen)
		return cli_usage(&annul_cmd, "%s", _("--reason is required"));
	if ((rc = cli_plans_take_version(&annul_cmd, &annul_opts[2], &version)))
		return rc;
	if ((rc = cli_open(&args, &a)))
		return rc;
	cb_error_clear(&err);
	if (!(rc = cli_plans_may_edit(&a)) &&
	    !(rc = cli_career_date(&annul_cmd, &annul_opts[1], a.today, on))) {
		if ((rc = store_discipline_get(a.db, id, &d, &err)) ||
		    (rc = store_discipline_annul(a.db, id, version ? version : d.version, on,
						 annul_opts[0].value, &err)))
			rc = cli_fail(&err);
		else
			printf(_("Discipline %lld annulled.\n"), (long long)id);
	}
	app_close(&a);
	return rc;
}

static const cli_sub verbs[] = {
	{"list", run_list, N_("List disciplines, newest first")},
	{"show", run_show, N_("Show one discipline")},
	{"add", run_add, N_("Record a discipline; its lapse and bar follow career.ini")},
	{"annul", run_annul,
	 N_("Annul a discipline (withdrawn or overturned); it is kept in the register")},
};

static const cli_dispatch discipline_dispatch = {
	.name = "discipline",
	.cmd = &usage_cmd,
	.subs = verbs,
	.nsubs = CLI_NSUBS(verbs),
	.dflt = run_list,
};

int cmd_discipline(int argc, char **argv)
{
	return cli_dispatch_run(&discipline_dispatch, argc, argv);
}
