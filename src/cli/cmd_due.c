/* cmd_due.c - `canbo due`: what falls due in the coming days, by date.
 *
 *   canbo due [--within DAYS] [--kind term,reappoint-notice,retire,
 *             discipline-lapse,pool-review] [--district CODE]
 *   canbo due --years-to-retirement     the cadres by years left
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_career.h"
#include "cli_plans.h"
#include "commands.h"
#include "i18n.h"

static cli_option due_opts[] = {
	{"within", N_("DAYS"), N_("From the reference date to this many days later (default 90)"),
	 false, NULL},
	{"kind", N_("KINDS"),
	 N_("Only these, comma-separated: term, reappoint-notice, retire, discipline-lapse, "
	    "pool-review"),
	 false, NULL},
	{"years-to-retirement", NULL,
	 N_("Instead, count the cadres by years left before retirement (under 1, 1-2, 2-5, 5 and "
	    "over)"),
	 false, NULL},
	{NULL, NULL, NULL, false, NULL},
};

static const cli_command due_cmd = {
	.name = "due",
	.synopsis = "",
	.summary = N_("List term ends, notices, retirements and lapsing disciplines by date"),
	.min_args = 0,
	.max_args = 0,
	.options = due_opts,
};

static int parse_kinds(const char *list, unsigned *kinds)
{
	char buf[256], *save = NULL;
	*kinds = 0;
	snprintf(buf, sizeof buf, "%s", list);
	for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		int k;
		if (!due_kind_from_code(t, &k))
			return cli_usage(&due_cmd, _("--kind: unknown kind '%s'"), t);
		*kinds |= 1u << k;
	}
	return *kinds ? CB_OK : cli_usage(&due_cmd, "%s", _("--kind: no kind given"));
}

static int print_due(const due_item *v, size_t n, int format, size_t limit)
{
	static const out_column cols[] = {
		{"date", N_("Date"), OUT_LEFT, OUT_STR, 0},
		{"kind", N_("What"), OUT_LEFT, OUT_STR, 28},
		{"cadre_id", N_("ID"), OUT_RIGHT, OUT_NUM, 0},
		{"name", N_("Name"), OUT_LEFT, OUT_STR, 28},
		{"unit", N_("Unit"), OUT_LEFT, OUT_STR, 24},
		{"detail", N_("Post or decision"), OUT_LEFT, OUT_STR, 32},
		{"related", N_("Term ends / announced"), OUT_LEFT, OUT_STR, 0},
	};
	out_column tr[7];
	out_writer *o = cli_plans_begin(cols, tr, 7, format);
	size_t rows = 0;
	int rc = 0;

	if (!o)
		return cli_plans_oom();
	if (n == 0 && format == OUT_TABLE) {
		printf("%s\n", _("Nothing falls due."));
		out_discard(o);
		return CB_NOT_FOUND;
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		char day[11], rel[11], id[24];
		const char *cells[7];
		if (limit && rows >= limit) {
			rc = 1;
			break;
		}
		snprintf(id, sizeof id, "%" PRId64, v[i].cadre_id);
		cells[0] = cli_career_day(v[i].date, format, day);
		cells[1] =
			format == OUT_TABLE ? due_kind_label(v[i].kind) : due_kind_code(v[i].kind);
		cells[2] = v[i].cadre_id ? id : NULL;
		cells[3] = v[i].name;
		cells[4] = v[i].unit_name;
		cells[5] = v[i].what;
		cells[6] = cli_career_day(v[i].related, format, rel);
		rc = out_row(o, cells);
		rows++;
	}
	return cli_plans_end(o, rc, NULL, rows);
}

/* The breakdown by years to retirement, with percentages. */
static int print_bands(app *a, const career_rules *r, int64_t lo, int64_t hi, int format)
{
	static const out_column cols[] = {
		{"years", N_("Years to retirement"), OUT_LEFT, OUT_STR, 0},
		{"cadres", N_("Cadres"), OUT_RIGHT, OUT_NUM, 0},
		{"percent", "%", OUT_RIGHT, OUT_NUM, 0},
	};
	int64_t n[CAREER_RETIRE_GROUPS], total = 0;
	out_column tr[3];
	out_writer *o;
	cb_error err;
	int rc = 0;

	cb_error_clear(&err);
	if (career_retire_breakdown(a->db, r, a->today, lo, hi, n, &err))
		return cli_fail(&err);
	for (int i = 0; i < CAREER_RETIRE_GROUPS; i++)
		total += n[i];
	if (!(o = cli_plans_begin(cols, tr, 3, format)))
		return cli_plans_oom();
	for (int i = 0; i < CAREER_RETIRE_GROUPS && rc == 0; i++) {
		char label[64], cnt[24], pct[16];
		const char *cells[3] = {label, cnt, pct};
		if (i == 4 && n[i] == 0)
			break;
		if (format != OUT_TABLE)
			snprintf(label, sizeof label, "%s",
				 i == 0	  ? "under-1"
				 : i == 1 ? "1-2"
				 : i == 2 ? "2-5"
				 : i == 3 ? "5+"
					  : "unknown");
		else if (i == 0)
			snprintf(label, sizeof label, _("Under %d"), r->retire_bands[0]);
		else if (i < 3)
			snprintf(label, sizeof label, _("%d to under %d"), r->retire_bands[i - 1],
				 r->retire_bands[i]);
		else if (i == 3)
			snprintf(label, sizeof label, _("%d and over"), r->retire_bands[2]);
		else
			snprintf(label, sizeof label, "%s", _("Unknown"));
		if (format != OUT_TABLE && i < 3) /* stable keys follow the configured bands */
			snprintf(label, sizeof label, i == 0 ? "under-%d" : "%d-%d",
				 i == 0 ? r->retire_bands[0] : r->retire_bands[i - 1],
				 r->retire_bands[i]);
		else if (format != OUT_TABLE && i == 3)
			snprintf(label, sizeof label, "%d+", r->retire_bands[2]);
		snprintf(cnt, sizeof cnt, "%lld", (long long)n[i]);
		snprintf(pct, sizeof pct, "%.1f",
			 total ? 100.0 * (double)n[i] / (double)total : 0.0);
		rc = out_row(o, cells);
	}
	return cli_plans_end(o, rc, NULL, 1);
}

int cmd_due(int argc, char **argv)
{
	cli_args args;
	app a = {0};
	career_rules r;
	unsigned kinds = ~0u;
	int64_t within = 90, lo, hi;
	due_item *v = NULL;
	size_t n = 0;
	cb_error err;
	int rc = cli_parse(argc, argv, &due_cmd, &args);

	if (rc || args.help)
		return rc;
	if (due_opts[0].seen && !cli_number(due_opts[0].value, 36600, &within))
		return cli_usage(&due_cmd, _("--within needs a number of days, not '%s'"),
				 due_opts[0].value);
	if (due_opts[1].seen && (rc = parse_kinds(due_opts[1].value, &kinds)))
		return rc;
	if ((rc = cli_open(&args, &a)))
		return rc;
	cb_error_clear(&err);
	if (!(rc = cli_career_rules(&a, &r)) && !(rc = cli_career_scope(&a, &args, &lo, &hi)) &&
	    due_opts[2].seen) {
		rc = print_bands(&a, &r, lo, hi, args.format);
	} else if (!rc) {
		if ((rc = career_due(a.db, &r, a.today, a.today + (cb_date)within, kinds, lo, hi,
				     &v, &n, &err)))
			rc = cli_fail(&err);
		else
			rc = print_due(v, n, args.format, args.limit_given ? args.limit : 0);
	}
	free(v);
	app_close(&a);
	/* nothing due is good news, not a failure */
	return rc == CB_NOT_FOUND ? CB_OK : rc;
}
