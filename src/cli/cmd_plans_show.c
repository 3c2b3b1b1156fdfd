/* cmd_plans_show.c - `canbo plans show ID` (one plan with its items,
 * verification and progress notes) and `canbo plans summary` (the figures
 * an organisation department reports upward).
 *
 * show: a readable block per item in a table, one row per item in CSV,
 * one nested object in JSON (with the notes of each item, those of the
 * items it was carried from included).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_plans.h"
#include "i18n.h"
#include "sheet.h"

/* ---- show ----------------------------------------------------------------- */

static const cli_command show_cmd = {
	.name = "plans show",
	.synopsis = N_("ID"),
	.summary = N_("Show one action plan with its items, verification and progress notes"),
	.min_args = 1,
	.max_args = 1,
	.options = NULL,
	.formats = 0,
	.hide = CLI_HIDE_LIMIT,
};

/* Prints "label: text" with continuation lines of text indented. */
static void field(const char *label, const char *text)
{
	if (!text || !*text)
		return;
	printf("    %s: ", label);
	for (const char *p = text; *p; p++) {
		putchar(*p);
		if (*p == '\n')
			fputs("      ", stdout);
	}
	putchar('\n');
}

static void show_item_table(const plan_item *it, const plan_note *notes, size_t nn, cb_date ref)
{
	char d[11], buf[PLAN_WHO_MAX + 64];
	int st = plans_item_status(it, ref);

	printf("  #%lld  %s%s\n", (long long)it->id, st == PLAN_ST_OVERDUE ? "[!] " : "",
	       plans_label(PLANS_STATUS, st));
	field(_("Shortcoming"), it->shortcoming);
	field(_("Source"), plans_label(PLANS_SOURCE, it->source));
	field(_("Cause"), it->cause);
	snprintf(buf, sizeof buf, "%s%s%s%s", plans_label(PLANS_RESP, it->responsibility),
		 it->responsible[0] ? " (" : "", it->responsible, it->responsible[0] ? ")" : "");
	field(_("Responsibility"), buf);
	field(_("Measures"), it->measures);
	if (it->deadline[0]) {
		int late = plans_item_days_late(it, ref);
		if (late > 0)
			snprintf(buf, sizeof buf, _("%s (%d days late)"),
				 cli_plans_date(it->deadline, OUT_TABLE, d), late);
		else
			snprintf(buf, sizeof buf, "%s", cli_plans_date(it->deadline, OUT_TABLE, d));
		field(_("Deadline"), buf);
	}
	field(_("In charge"), it->in_charge);
	if (it->remedied_on[0])
		field(_("Remedied on"), cli_plans_date(it->remedied_on, OUT_TABLE, d));
	if (it->verified_on[0]) {
		snprintf(buf, sizeof buf, "%s, %s", cli_plans_date(it->verified_on, OUT_TABLE, d),
			 it->verified_by);
		field(_("Verified"), buf);
		field(_("Conclusion"), it->verdict);
	} else if (it->state == PLAN_REMEDIED) {
		field(_("Verified"), _("not yet"));
	}
	if (it->carried_from) {
		snprintf(buf, sizeof buf, "#%lld", (long long)it->carried_from);
		field(_("Carried over from"), buf);
	}
	if (it->carried_to) {
		snprintf(buf, sizeof buf, "#%lld", (long long)it->carried_to);
		field(_("Carried over to"), buf);
	}
	if (nn)
		printf("    %s:\n", _("Progress"));
	for (size_t i = 0; i < nn; i++) {
		printf("      %s %s: ", cli_plans_date(notes[i].noted_on, OUT_TABLE, d),
		       notes[i].author);
		for (const char *p = notes[i].text; *p; p++) {
			putchar(*p);
			if (*p == '\n')
				fputs("        ", stdout);
		}
		putchar('\n');
	}
}

static void show_head_table(const plan *p)
{
	char src[256], d[11];
	printf(_("Plan %lld: %s (%s), after the review of %d\n"), (long long)p->id, p->owner,
	       p->cadre_id ? _("cadre") : _("organisation"), p->year);
	printf("  %s: %s%s%s\n", _("Unit"), p->unit_name,
	       p->district_name[0] && strcmp(p->district_name, p->unit_name) ? ", " : "",
	       p->district_name[0] && strcmp(p->district_name, p->unit_name) ? p->district_name
									     : "");
	plans_sources_format(p->sources, true, src, sizeof src);
	printf("  %s: %s\n", _("Sources"), src);
	printf("  %s: %s\n", _("Adopted on"),
	       p->adopted_on[0] ? cli_plans_date(p->adopted_on, OUT_TABLE, d) : _("not adopted"));
	printf(_("  Items: %d, remedied %d, overdue %d, carried over %d, not yet verified %d\n\n"),
	       p->items, p->remedied, p->overdue, p->carried, p->unverified);
}

static void json_kv(const char *key, const char *val, bool comma)
{
	printf("\"%s\":", key);
	out_json_string(stdout, val);
	if (comma)
		putchar(',');
}

static void show_item_json(const plan_item *it, const plan_note *notes, size_t nn, cb_date ref)
{
	printf("{\"id\":%lld,", (long long)it->id);
	json_kv("source", plans_name(PLANS_SOURCE, it->source), true);
	json_kv("shortcoming", it->shortcoming, true);
	json_kv("cause", it->cause, true);
	json_kv("responsibility", plans_name(PLANS_RESP, it->responsibility), true);
	json_kv("responsible", it->responsible, true);
	json_kv("measures", it->measures, true);
	json_kv("deadline", it->deadline, true);
	json_kv("in_charge", it->in_charge, true);
	json_kv("state", plans_name(PLANS_STATE, it->state), true);
	json_kv("status", plans_name(PLANS_STATUS, plans_item_status(it, ref)), true);
	printf("\"days_late\":%d,", plans_item_days_late(it, ref));
	json_kv("remedied_on", it->remedied_on, true);
	json_kv("verified_by", it->verified_by, true);
	json_kv("verified_on", it->verified_on, true);
	json_kv("conclusion", it->verdict, true);
	if (it->carried_from)
		printf("\"carried_from\":%lld,", (long long)it->carried_from);
	else
		printf("\"carried_from\":null,");
	if (it->carried_to)
		printf("\"carried_to\":%lld,", (long long)it->carried_to);
	else
		printf("\"carried_to\":null,");
	printf("\"notes\":[");
	for (size_t i = 0; i < nn; i++) {
		/* id: what `canbo delete note ID` names */
		printf("%s{\"id\":%lld,\"item\":%lld,\"year\":%d,", i ? "," : "",
		       (long long)notes[i].id, (long long)notes[i].item_id, notes[i].year);
		json_kv("on", notes[i].noted_on, true);
		json_kv("author", notes[i].author, true);
		json_kv("text", notes[i].text, false);
		putchar('}');
	}
	printf("]}");
}

static void show_head_json(const plan *p)
{
	char src[64];
	printf("{\"id\":%lld,\"year\":%d,", (long long)p->id, p->year);
	json_kv("kind", p->cadre_id ? "cadre" : "org", true);
	printf("\"owner_id\":%lld,", (long long)(p->cadre_id ? p->cadre_id : p->org_id));
	json_kv("owner", p->owner, true);
	json_kv("unit", p->unit_code, true);
	json_kv("district", p->district_code, true);
	plans_sources_format(p->sources, false, src, sizeof src);
	json_kv("sources", src, true);
	json_kv("adopted_on", p->adopted_on, true);
	printf("\"items_total\":%d,\"remedied\":%d,\"overdue\":%d,\"carried\":%d,"
	       "\"unverified\":%d,\"items\":[",
	       p->items, p->remedied, p->overdue, p->carried, p->unverified);
}

static int show_item_csv(out_writer *o, const plan *p, const plan_item *it, cb_date ref)
{
	char plan_no[24], item[24], year[8], from[24], notes[12];
	const char *cells[19];
	snprintf(plan_no, sizeof plan_no, "%lld", (long long)p->id);
	snprintf(item, sizeof item, "%lld", (long long)it->id);
	snprintf(year, sizeof year, "%d", p->year);
	snprintf(from, sizeof from, "%lld", (long long)it->carried_from);
	snprintf(notes, sizeof notes, "%d", it->notes);
	cells[0] = plan_no;
	cells[1] = year;
	cells[2] = p->owner;
	cells[3] = item;
	cells[4] = plans_name(PLANS_SOURCE, it->source);
	cells[5] = it->shortcoming;
	cells[6] = it->cause;
	cells[7] = plans_name(PLANS_RESP, it->responsibility);
	cells[8] = it->responsible;
	cells[9] = it->measures;
	cells[10] = it->deadline;
	cells[11] = it->in_charge;
	cells[12] = plans_name(PLANS_STATUS, plans_item_status(it, ref));
	cells[13] = it->remedied_on;
	cells[14] = it->verified_by;
	cells[15] = it->verified_on;
	cells[16] = it->verdict;
	cells[17] = it->carried_from ? from : "";
	cells[18] = notes;
	return out_row(o, cells);
}

static const out_column item_cols[] = {
	{"plan", "", OUT_RIGHT, OUT_NUM, 0},	   {"year", "", OUT_RIGHT, OUT_NUM, 0},
	{"owner", "", OUT_LEFT, OUT_STR, 0},	   {"item", "", OUT_RIGHT, OUT_NUM, 0},
	{"source", "", OUT_LEFT, OUT_STR, 0},	   {"shortcoming", "", OUT_LEFT, OUT_STR, 0},
	{"cause", "", OUT_LEFT, OUT_STR, 0},	   {"responsibility", "", OUT_LEFT, OUT_STR, 0},
	{"responsible", "", OUT_LEFT, OUT_STR, 0}, {"measures", "", OUT_LEFT, OUT_STR, 0},
	{"deadline", "", OUT_LEFT, OUT_STR, 0},	   {"in_charge", "", OUT_LEFT, OUT_STR, 0},
	{"status", "", OUT_LEFT, OUT_STR, 0},	   {"remedied_on", "", OUT_LEFT, OUT_STR, 0},
	{"verified_by", "", OUT_LEFT, OUT_STR, 0}, {"verified_on", "", OUT_LEFT, OUT_STR, 0},
	{"conclusion", "", OUT_LEFT, OUT_STR, 0},  {"carried_from", "", OUT_RIGHT, OUT_NUM, 0},
	{"notes", "", OUT_RIGHT, OUT_NUM, 0},
};

/* Prints the plan in the chosen format; notes are read per item. */
static int show_plan(app *a, const plan *p, const plan_item *items, size_t n, int format)
{
	out_writer *o = NULL;
	cb_error err;
	int rc = CB_OK;

	cb_error_clear(&err);
	if (format == OUT_TABLE)
		show_head_table(p);
	else if (format == OUT_JSON)
		show_head_json(p);
	else if (!(o = out_begin(stdout, OUT_CSV, item_cols, 19)))
		return cli_plans_oom();
	for (size_t i = 0; i < n && !rc; i++) {
		plan_note *notes = NULL;
		size_t nn = 0;
		if (format != OUT_CSV &&
		    (rc = plans_notes(a->db, items[i].id, true, &notes, &nn, &err)))
			break;
		if (format == OUT_TABLE)
			show_item_table(&items[i], notes, nn, a->today);
		else if (format == OUT_JSON) {
			if (i)
				putchar(',');
			show_item_json(&items[i], notes, nn, a->today);
		} else if (show_item_csv(o, p, &items[i], a->today))
			rc = -1;
		free(notes);
	}
	if (format == OUT_JSON)
		printf("]}\n");
	if (o)
		return cli_plans_end(o, rc, &err, 1);
	if (rc)
		return cli_fail(&err);
	return fflush(stdout) == 0 && !ferror(stdout) ? CB_OK : CB_EDB;
}

int cli_plans_show(int argc, char **argv)
{
	cli_args args;
	app a = {0};
	cb_error err;
	plan p;
	plan_item *items = NULL;
	size_t n = 0;
	int64_t id;
	int rc = cli_plans_parse_id(argc, argv, &show_cmd, &args, &id,
				    _("'%s' is not a plan number"));

	if (rc || args.help)
		return rc;
	args.app.readonly = true; /* lists only: no write lock, a read-only file will do */
	if ((rc = cli_open(&args, &a)))
		return rc;
	cb_error_clear(&err);
	if ((rc = plans_get(a.db, id, a.today, &p, &err)) ||
	    (rc = plans_items(a.db, id, &items, &n, &err)))
		rc = cli_fail(&err);
	else
		rc = show_plan(&a, &p, items, n, args.format);
	free(items);
	app_close(&a);
	return rc;
}

/* ---- summary -------------------------------------------------------------- */

static cli_option summary_opts[] = {
	{"year", N_("YEAR"), N_("Year of the review (default: the latest year with plans)"), false,
	 NULL},
	{"by", "district|org", N_("One row per district (default) or per organisation"), false,
	 NULL},
	{NULL, NULL, NULL, false, NULL},
};

static const cli_command summary_cmd = {
	.name = "plans summary",
	.synopsis = "",
	.summary =
		N_("Plans adopted out of expected, items remedied, overdue and not yet verified"),
	.min_args = 0,
	.max_args = 0,
	.options = summary_opts,
	.formats = CLI_FORMATS_SHEETS,
	.hide = CLI_HIDE_LIMIT,
};

static int summary_out(const app *a, const cli_args *args, const plans_summary *rows, size_t n,
		       int group, int year)
{
	if (args->format == OUT_TABLE) /* what the figures are of, as a report's heading says */
		printf("%s · %s %d\n", _("Action plans: summary"), _("year"), year);
	if (sheet_plans_summary(stdout, args->format, a, rows, n, group, args->app.district,
				year)) {
		cli_warn("%s", _("Could not write the output"));
		return CB_EDB;
	}
	return n ? CB_OK : CB_NOT_FOUND;
}

int cli_plans_summary(int argc, char **argv)
{
	cli_args args;
	app a = {0};
	cb_error err;
	plans_query q;
	plans_summary *rows = NULL;
	size_t n = 0;
	int group = PLANS_BY_DISTRICT;
	int rc = cli_parse(argc, argv, &summary_cmd, &args);

	if (rc || args.help)
		return rc;
	if (summary_opts[1].seen) {
		if (strcmp(summary_opts[1].value, "org") == 0)
			group = PLANS_BY_ORG;
		else if (strcmp(summary_opts[1].value, "district") != 0)
			return cli_usage(&summary_cmd, _("--by must be district or org, not '%s'"),
					 summary_opts[1].value);
	}
	args.app.readonly = true; /* lists only: no write lock, a read-only file will do */
	if ((rc = cli_open(&args, &a)))
		return rc;
	cb_error_clear(&err);
	if ((rc = cli_plans_scope(&a, &args, &q)))
		goto out;
	if ((rc = cli_plans_take_year(&summary_cmd, &summary_opts[0], &q.year)))
		goto out;
	if (!q.year && (rc = plans_latest_year(a.db, &q, &q.year, &err))) {
		rc = cli_fail(&err);
		goto out;
	}
	if ((rc = plans_summarize(a.db, &q, group, &rows, &n, &err)))
		rc = cli_fail(&err);
	else
		rc = summary_out(&a, &args, rows, n, group, q.year);
	free(rows);
out:
	app_close(&a);
	return rc;
}
