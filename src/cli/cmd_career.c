/* cmd_career.c - `canbo career`: a cadre's career, appointments and
 * leaving the list.
 *
 *   canbo career [show] CADRE    posts, term end and notice, retirement,
 *                                disciplines, pool
 *   canbo career appoint CADRE --position TEXT --from DATE [--kind K]
 *        [--rank R] [--decision NO] [--decided DATE] [--term-end DATE]
 *        [--unit CODE] [--version N]
 *   canbo career leave CADRE --reason retired|transferred|resigned|
 *        dismissed|died --on DATE [--decision NO] [--note TEXT]
 *   canbo career return CADRE    undo a departure recorded by mistake
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_career.h"
#include "cli_plans.h"
#include "commands.h"
#include "i18n.h"
#include "model.h"

static const cli_command usage_cmd = {
	.name = "career",
	.synopsis = N_("[show] CADRE | appoint CADRE | leave CADRE | return CADRE"),
	.summary = N_("A cadre's career; appoint, leave the list"),
	.min_args = 0,
	.max_args = -1,
	.hide = CLI_HIDE_FORMAT | CLI_HIDE_LIMIT,
};

/* ---- show ------------------------------------------------------------------ */

static const cli_command show_cmd = {
	"career show",
	N_("CADRE"),
	N_("Show a cadre's posts, term, retirement, disciplines and pool"),
	1,
	1,
	NULL,
	0,
	CLI_HIDE_FORMAT | CLI_HIDE_LIMIT};

static const char *vn(const char *iso, char *buf)
{
	cb_date d;
	if (!iso[0])
		return "?";
	if (!date_parse_iso(iso, &d))
		return iso;
	date_format_vn(d, buf);
	return buf;
}

static void show_posts(store *db, const career_rules *r, const cadre *cd)
{
	appointment_row *v = NULL;
	size_t n = 0;
	cb_error err;
	char b1[11], b2[11];

	printf("%s\n", _("Posts:"));
	if (store_appointments(db, cd->id, &v, &n, &err) || n == 0)
		printf("  %s (%s)\n", cd->position, _("dates unknown"));
	for (size_t i = 0; i < n; i++) {
		printf("  %s %s, %s: %s - %s", vn(v[i].start_on, b1),
		       career_enum_label(CE_APPT_KIND, v[i].kind), v[i].position, v[i].unit_name,
		       v[i].end_reason ? vn(v[i].ended_on, b2) : _("now"));
		if (v[i].decision[0])
			printf(" [%s]", v[i].decision);
		if (v[i].end_reason == 0 && v[i].term_end[0]) {
			cb_date end;
			date_parse_iso(v[i].term_end, &end);
			date_format_vn(career_notice_date(r, end), b2);
			printf(_("; term ends %s, notify by %s"), vn(v[i].term_end, b1), b2);
		}
		printf("\n");
	}
	free(v);
}

static void show_standing(store *db, const career_rules *r, const cadre *cd, cb_date today)
{
	departure_row dep;
	discipline_row bar, *v = NULL;
	size_t n = 0;
	cb_error err;
	cb_date ret = career_retirement_of(r, cd->gender, cd->birth_date);
	char b1[11], b2[11], form[64];

	if (ret != CB_DATE_NONE) {
		date_format_vn(ret, b1);
		printf(_("Retirement (Nghị định 135/2020/NĐ-CP): %s\n"), b1);
	}
	if (store_departure_get(db, cd->id, &dep, &err) == CB_OK)
		printf(_("Left the list: %s, %s\n"), career_enum_label(CE_DEPARTURE, dep.kind),
		       vn(dep.left_on, b1));
	if (store_disciplines(db, cd->id, 0, 0, 0, &v, &n, &err) == CB_OK)
		for (size_t i = 0; i < n; i++) {
			cb_date lapse, ann;
			if (!v[i].annulled_on[0] && date_parse_iso(v[i].lapse_on, &lapse) &&
			    date_parse_iso(v[i].announced_on, &ann) && ann <= today &&
			    today < lapse) {
				printf(_("Under discipline until %s\n"), vn(v[i].lapse_on, b1));
				break;
			}
		}
	if (store_discipline_bar(db, cd->id, today, &bar, &err) == CB_OK) {
		if (!strcmp(bar.bar_until, CAREER_FOREVER))
			printf("%s\n", _("Barred from planning and appointment with no end"));
		else
			printf(_("Barred from planning and appointment until %s\n"),
			       vn(bar.bar_until, b1));
	}
	if (n) {
		printf("%s\n", _("Disciplines:"));
		for (size_t i = 0; i < n; i++)
			printf(_("  %lld %s %s, lapses %s%s\n"), (long long)v[i].id,
			       vn(v[i].announced_on, b1),
			       disc_form_title(v[i].form, form, sizeof form), vn(v[i].lapse_on, b2),
			       v[i].annulled_on[0] ? _(" (annulled)") : "");
	}
	free(v);
}

static int run_show(int argc, char **argv)
{
	cli_args args;
	app a = {0};
	career_rules r;
	cadre cd;
	int64_t id;
	cb_error err;
	int rc = cli_plans_parse_id(argc, argv, &show_cmd, &args, &id,
				    _("a cadre number is needed, not '%s'"));

	if (rc || args.help)
		return rc;
	if ((rc = cli_open(&args, &a)))
		return rc;
	cb_error_clear(&err);
	if (!(rc = cli_career_rules(&a, &r))) {
		if ((rc = store_cadre_get(a.db, id, &cd, &err)))
			rc = cli_fail(&err);
		else {
			printf("%s (%lld)\n", cd.full_name, (long long)cd.id);
			show_posts(a.db, &r, &cd);
			show_standing(a.db, &r, &cd, a.today);
		}
	}
	app_close(&a);
	return rc;
}

/* ---- appoint --------------------------------------------------------------- */

enum {
	PO_POSITION,
	PO_FROM,
	PO_KIND,
	PO_RANK,
	PO_DECISION,
	PO_DECIDED,
	PO_TERM_END,
	PO_UNIT,
	PO_VERSION
};

static cli_option appoint_opts[] = {
	[PO_POSITION] = {"position", N_("TEXT"), N_("The post, e.g. \"Chủ tịch UBND xã\""), false,
			 NULL},
	[PO_FROM] = {"from", N_("DATE"), N_("Day the decision takes effect"), false, NULL},
	[PO_KIND] = {"kind", N_("KIND"),
		     N_("appointment (default), election, designation, transfer, rotation, "
			"secondment, acting"),
		     false, NULL},
	[PO_RANK] = {"rank", N_("RANK"),
		     N_("Rank of the post, as in the cadre record (e.g. chair)"), false, NULL},
	[PO_DECISION] = {"decision", N_("NO"), N_("Number of the decision"), false, NULL},
	[PO_DECIDED] = {"decided", N_("DATE"), N_("Day of the decision"), false, NULL},
	[PO_TERM_END] =
		{"term-end", N_("DATE"),
		 N_("End of the term when the decision states it (default: career.ini's term)"),
		 false, NULL},
	[PO_UNIT] = {"unit", N_("CODE"), N_("Unit of the post (default: the cadre's)"), false,
		     NULL},
	[PO_VERSION] = {"version", "N", N_("Save only if the cadre is still at this version"),
			false, NULL},
	{NULL, NULL, NULL, false, NULL},
};

static const cli_command appoint_cmd = {"career appoint",
					N_("CADRE"),
					N_("Record a new post; it becomes the cadre's current one"),
					1,
					1,
					appoint_opts,
					0,
					CLI_HIDE_FORMAT | CLI_HIDE_LIMIT};

static int appoint_values(appointment_row *p)
{
	const cli_option *o = appoint_opts;
	p->kind = 1;
	if (!o[PO_POSITION].seen || !o[PO_FROM].seen)
		return cli_usage(&appoint_cmd, "%s", _("--position and --from are required"));
	if (strlen(o[PO_POSITION].value) >= sizeof p->position ||
	    (o[PO_DECISION].seen && strlen(o[PO_DECISION].value) >= sizeof p->decision))
		return cli_usage(&appoint_cmd, "%s", _("a value is too long"));
	snprintf(p->position, sizeof p->position, "%s", o[PO_POSITION].value);
	if (o[PO_DECISION].seen)
		snprintf(p->decision, sizeof p->decision, "%s", o[PO_DECISION].value);
	if (o[PO_KIND].seen && !career_enum_from_code(CE_APPT_KIND, o[PO_KIND].value, &p->kind))
		return cli_usage(&appoint_cmd, _("--kind: unknown kind '%s'"), o[PO_KIND].value);
	if (o[PO_RANK].seen && !model_value(ENUM_RANK, o[PO_RANK].value, &p->pos_rank))
		return cli_usage(&appoint_cmd, _("--rank: unknown rank '%s'"), o[PO_RANK].value);
	if (cli_career_date(&appoint_cmd, &o[PO_FROM], CB_DATE_NONE, p->start_on) ||
	    cli_career_date(&appoint_cmd, &o[PO_DECIDED], CB_DATE_NONE, p->decided_on) ||
	    cli_career_date(&appoint_cmd, &o[PO_TERM_END], CB_DATE_NONE, p->term_end))
		return CB_EUSAGE;
	return CB_OK;
}

static int run_appoint(int argc, char **argv)
{
	cli_args args;
	app a = {0};
	career_rules r;
	appointment_row p;
	cadre cd;
	unit_row u;
	int64_t version = 0;
	cb_error err;
	int rc;

	memset(&p, 0, sizeof p);
	if ((rc = cli_plans_parse_id(argc, argv, &appoint_cmd, &args, &p.cadre_id,
				     _("a cadre number is needed, not '%s'"))) ||
	    args.help)
		return rc;
	if ((rc = appoint_values(&p)) ||
	    (rc = cli_plans_take_version(&appoint_cmd, &appoint_opts[PO_VERSION], &version)))
		return rc;
	if ((rc = cli_open(&args, &a)))
		return rc;
	cb_error_clear(&err);
	if (!(rc = cli_plans_may_edit(&a)) && !(rc = cli_career_rules(&a, &r))) {
		if ((appoint_opts[PO_UNIT].seen &&
		     store_unit_by_code(a.db, appoint_opts[PO_UNIT].value, &u, &err)) ||
		    store_cadre_get(a.db, p.cadre_id, &cd, &err))
			rc = cli_fail(&err);
		else {
			p.unit_id = appoint_opts[PO_UNIT].seen ? u.id : 0;
			if ((rc = store_appoint(a.db, a.config, &r, version ? version : cd.version,
						&p, &err)))
				rc = cli_fail(&err);
			else
				printf(_("Appointment %lld recorded; term ends %s.\n"),
				       (long long)p.id, p.term_end[0] ? p.term_end : "-");
		}
	}
	app_close(&a);
	return rc;
}

/* ---- leave, return --------------------------------------------------------- */

static cli_option leave_opts[] = {
	{"reason", N_("WHY"), N_("retired, transferred, resigned, dismissed or died"), false, NULL},
	{"on", N_("DATE"), N_("Day the cadre leaves the list"), false, NULL},
	{"decision", N_("NO"), N_("Number of the decision"), false, NULL},
	{"note", N_("TEXT"), N_("A note"), false, NULL},
	{NULL, NULL, NULL, false, NULL},
};

static const cli_command leave_cmd = {"career leave",
				      N_("CADRE"),
				      N_("The cadre leaves the list on a day (out of lists, counts "
					 "and targets from then; every record is kept)"),
				      1,
				      1,
				      leave_opts,
				      0,
				      CLI_HIDE_FORMAT | CLI_HIDE_LIMIT};

static int run_leave(int argc, char **argv)
{
	cli_args args;
	app a = {0};
	departure_row d;
	cb_error err;
	int rc;

	memset(&d, 0, sizeof d);
	if ((rc = cli_plans_parse_id(argc, argv, &leave_cmd, &args, &d.cadre_id,
				     _("a cadre number is needed, not '%s'"))) ||
	    args.help)
		return rc;
	if (!leave_opts[0].seen || !leave_opts[1].seen)
		return cli_usage(&leave_cmd, "%s", _("--reason and --on are required"));
	if (!career_enum_from_code(CE_DEPARTURE, leave_opts[0].value, &d.kind))
		return cli_usage(&leave_cmd, _("--reason: unknown reason '%s'"),
				 leave_opts[0].value);
	if ((rc = cli_career_date(&leave_cmd, &leave_opts[1], CB_DATE_NONE, d.left_on)))
		return rc;
	if ((leave_opts[2].seen && strlen(leave_opts[2].value) >= sizeof d.decision) ||
	    (leave_opts[3].seen && strlen(leave_opts[3].value) >= sizeof d.note))
		return cli_usage(&leave_cmd, "%s", _("a value is too long"));
	if (leave_opts[2].seen)
		snprintf(d.decision, sizeof d.decision, "%s", leave_opts[2].value);
	if (leave_opts[3].seen)
		snprintf(d.note, sizeof d.note, "%s", leave_opts[3].value);
	if ((rc = cli_open(&args, &a)))
		return rc;
	cb_error_clear(&err);
	if (!(rc = cli_plans_may_edit(&a))) {
		if ((rc = store_depart(a.db, &d, &err)))
			rc = cli_fail(&err);
		else
			printf(_("Cadre %lld leaves the list on %s.\n"), (long long)d.cadre_id,
			       d.left_on);
	}
	app_close(&a);
	return rc;
}

static const cli_command return_cmd = {"career return",
				       N_("CADRE"),
				       N_("Undo a departure recorded by mistake"),
				       1,
				       1,
				       NULL,
				       0,
				       CLI_HIDE_FORMAT | CLI_HIDE_LIMIT};

static int run_return(int argc, char **argv)
{
	cli_args args;
	app a = {0};
	departure_row d;
	int64_t id;
	cb_error err;
	int rc = cli_plans_parse_id(argc, argv, &return_cmd, &args, &id,
				    _("a cadre number is needed, not '%s'"));

	if (rc || args.help)
		return rc;
	if ((rc = cli_open(&args, &a)))
		return rc;
	cb_error_clear(&err);
	if (!(rc = cli_plans_may_edit(&a))) {
		if ((rc = store_departure_get(a.db, id, &d, &err)) ||
		    (rc = store_depart_undo(a.db, id, d.version, &err)))
			rc = cli_fail(&err);
		else
			printf(_("Cadre %lld is back on the list.\n"), (long long)id);
	}
	app_close(&a);
	return rc;
}

static const cli_sub verbs[] = {
	{"show", run_show, N_("Show a cadre's posts, term, retirement, disciplines and pool")},
	{"appoint", run_appoint, N_("Record a new post; it becomes the cadre's current one")},
	{"leave", run_leave,
	 N_("The cadre leaves the list on a day (out of lists, counts and targets from then; "
	    "every record is kept)")},
	{"return", run_return, N_("Undo a departure recorded by mistake")},
};

static const cli_dispatch career_dispatch = {
	.name = "career",
	.cmd = &usage_cmd,
	.subs = verbs,
	.nsubs = CLI_NSUBS(verbs),
};

int cmd_career(int argc, char **argv)
{
	int at = cli_dispatch_word(&career_dispatch, argc, argv);

	/* `canbo career 12` shows cadre 12 */
	if (at && argv[at][0] >= '0' && argv[at][0] <= '9')
		return run_show(argc, argv);
	return cli_dispatch_run(&career_dispatch, argc, argv);
}
