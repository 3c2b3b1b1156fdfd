/* cli_stats.c - what `canbo stats` (cmd_stats.c) and `canbo targets`
 * (cmd_targets.c) share: the year of ratings they count, the scope of a
 * unit code (refused outside the reader's scope, never counted), output
 * rows that say why they failed, and the list of the cadres behind a
 * figure, the same list the screens open with Enter.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_stats.h"
#include "i18n.h"
#include "model.h"
#include "search.h"
#include "units.h"

#define YEAR_MIN 1945
#define YEAR_MAX 2100

/* --year, or the latest rated year not after the reference date's. */
int cli_stats_year(const app *a, const cli_option *opt, const cli_command *cmd, int *year)
{
	int64_t y;
	int ref, m, d;
	cb_error err;

	if (opt->seen) {
		if (!cli_number(opt->value, YEAR_MAX, &y) || y < YEAR_MIN)
			return cli_usage(cmd, _("--year needs a year from %d to %d, not '%s'"),
					 YEAR_MIN, YEAR_MAX, opt->value);
		*year = (int)y;
		return CB_OK;
	}
	date_to_ymd(a->today, &ref, &m, &d);
	cb_error_clear(&err);
	*year = stats_latest_year(a->db, ref, &err);
	return err.code ? cli_fail(&err) : CB_OK;
}

/* Narrows f to the subtree of the unit with this code: the one in force
 * on the day whose units count (a code a reform gave to a new unit names
 * the old one before it, units.h). */
int cli_stats_unit(const app *a, const char *code, cadre_filter *f)
{
	unit_row u;
	cb_error err;
	int rc;

	cb_error_clear(&err);
	rc = store_unit_on(a->db, code, f->units_on != CB_DATE_NONE ? f->units_on : f->as_of, &u,
			   &err);
	if (rc == CB_NOT_FOUND) {
		cb_error_clear(&err);
		rc = store_unit_by_code(a->db, code, &u, &err);
	}
	/* a unit outside the reader's scope is refused, not counted (access.h) */
	if (rc || store_scope_unit(a->db, u.id, &err))
		return cli_fail(&err);
	f->unit_lo = u.lo;
	f->unit_hi = u.hi;
	return CB_OK;
}

const char *cli_stats_scope_name(const app *a, const char *unit_code)
{
	int i = unit_code ? config_unit_index(a->config, unit_code) : 0;

	if (!unit_code)
		return app_scope_name(a);
	return i >= 0 && a->config->unit_count ? a->config->units[i].name : "";
}

int cli_stats_oom(void)
{
	cli_warn("%s", _("Out of memory"));
	return CB_EDB;
}

int cli_stats_row(out_writer *w, const char *const *cells)
{
	return out_row(w, cells) ? cli_stats_oom() : CB_OK;
}

int cli_stats_end(out_writer *w, int rc)
{
	if (rc) {
		out_end(w);
		return rc;
	}
	if (out_end(w)) {
		cli_warn("%s", _("Could not write the output"));
		return CB_EDB;
	}
	return CB_OK;
}

/* The cadres behind a figure, in Vietnamese name order, a window at a
 * time (the same list the screen opens with Enter). */
#define LIST_WINDOW 256

static int list_begin(int format, out_writer **w)
{
	static out_column cols[6];
	const out_column c[6] = {
		{"id", _("ID"), OUT_RIGHT, OUT_NUM, 0},
		{"full_name", _("Full name"), OUT_LEFT, OUT_STR, 28},
		{"birth_date", _("Born"), OUT_LEFT, OUT_STR, 0},
		{"gender", _("Gender"), OUT_LEFT, OUT_STR, 0},
		{"position", _("Position"), OUT_LEFT, OUT_STR, 36},
		{"unit", _("Unit"), OUT_LEFT, OUT_STR, 28},
	};
	memcpy(cols, c, sizeof c);
	*w = out_begin(stdout, format, cols, 6);
	return *w ? CB_OK : CB_EDB;
}

static int list_row(out_writer *w, int format, const cadre *c)
{
	char id[24], birth[11];
	cb_date d;

	snprintf(id, sizeof id, "%" PRId64, c->id);
	if (out_for_people(format) && date_parse_iso(c->birth_date, &d))
		date_format_vn(d, birth);
	else
		snprintf(birth, sizeof birth, "%s", c->birth_date);
	const char *cells[] = {id,
			       c->full_name,
			       birth,
			       out_for_people(format) ? model_label(ENUM_GENDER, c->gender)
						      : model_name(ENUM_GENDER, c->gender),
			       c->position,
			       c->unit_name};
	return cli_stats_row(w, cells);
}

int cli_stats_list(app *a, const cli_args *args, const cadre_filter *f)
{
	int format = args->format;
	size_t limit = args->limit_given ? args->limit : 0; /* 0: all */
	search_query q = {NULL, *f, SORT_NAME};
	int64_t after = 0;
	size_t done = 0;
	out_writer *w;
	cb_error err;
	int rc;

	if ((rc = list_begin(format, &w)))
		return rc;
	for (;;) {
		search_hit *hits = NULL;
		size_t n = 0;
		cb_error_clear(&err);
		if ((rc = search_fetch(a->db, &q, after, false, LIST_WINDOW, &hits, &n, &err))) {
			out_end(w);
			return cli_fail(&err);
		}
		for (size_t i = 0; i < n && !rc && (!limit || done < limit); i++, done++)
			rc = list_row(w, format, &hits[i].c);
		if (n)
			after = hits[n - 1].pos;
		free(hits);
		if (rc || n < LIST_WINDOW || (limit && done >= limit))
			break;
	}
	if ((rc = cli_stats_end(w, rc)))
		return rc;
	return done ? CB_OK : CB_NOT_FOUND;
}
