/* cli_career.c - helpers of the career commands. */
#include "cli_career.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_plans.h"
#include "i18n.h"
#include "search.h"

int cli_career_rules(const app *a, career_rules *r)
{
	cb_error err;
	cb_error_clear(&err);
	if (career_rules_load(a->config, r, &err))
		return cli_fail(&err);
	return CB_OK;
}

int cli_career_date(const cli_command *cmd, const cli_option *o, cb_date dflt, char iso[11])
{
	cb_date d;
	iso[0] = '\0';
	if (!o->seen) {
		if (dflt != CB_DATE_NONE)
			date_format_iso(dflt, iso);
		return CB_OK;
	}
	if (!date_parse(o->value, &d))
		return cli_usage(cmd, _("--%s needs a date written dd/mm/yyyy, not '%s'"), o->name,
				 o->value);
	date_format_iso(d, iso);
	return CB_OK;
}

const char *cli_career_day(cb_date d, int format, char *buf)
{
	if (d == CB_DATE_NONE)
		buf[0] = '\0';
	else if (format == OUT_TABLE)
		date_format_vn(d, buf);
	else
		date_format_iso(d, buf);
	return buf;
}

int cli_career_scope(app *a, const cli_args *args, int64_t *lo, int64_t *hi)
{
	plans_query q;
	int rc = cli_plans_scope(a, args, &q);
	*lo = q.unit_lo;
	*hi = q.unit_hi;
	return rc;
}

int cli_career_barred_note(app *a, const cadre_filter *f, int format)
{
	search_query q = {NULL, *f, SORT_NAME};
	search_hit *hits = NULL;
	FILE *out = format == OUT_TABLE ? stdout : stderr;
	size_t n = 0;
	cb_error err;

	q.filter.barred = 1;
	cb_error_clear(&err);
	if (search_fetch(a->db, &q, 0, false, 1000, &hits, &n, &err))
		return cli_fail(&err);
	if (n)
		fprintf(out, "%s\n", _("Left out, barred from planning by a discipline:"));
	for (size_t i = 0; i < n; i++) {
		discipline_row d;
		char until[11] = "", vn[11];
		cb_date u;
		if (store_discipline_bar(a->db, hits[i].c.id, f->as_of, &d, &err) == CB_OK) {
			if (!strcmp(d.bar_until, CAREER_FOREVER))
				snprintf(until, sizeof until, "-");
			else if (date_parse_iso(d.bar_until, &u))
				snprintf(until, sizeof until, "%s", cli_career_day(u, format, vn));
			fprintf(out, _("  %lld %s: %s (decision %s), barred until %s\n"),
				(long long)hits[i].c.id, hits[i].c.full_name,
				disc_form_label(d.form), d.decision[0] ? d.decision : "-", until);
		}
	}
	free(hits);
	return CB_OK;
}
