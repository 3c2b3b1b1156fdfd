/* stats_retire.c - the "years to retirement" dimension of the breakdowns.
 *
 * The retirement date (career.c, Nghị định 135/2020/NĐ-CP as configured in
 * career.ini) depends on the gender and the birth month only, and never
 * comes earlier for someone born later. So "retires before edge E" is, for
 * each gender, "born on or before B(E)", B(E) being the last day of the
 * latest birth month whose retirement falls before E. The dimension is
 * then plain birth-date comparisons per gender: the same SQL counts from
 * the cadre table and from the histogram (whose birth-date classes are cut
 * at those very dates), and a cell's list is a cadre_filter like any other.
 */
#include "stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "career.h"
#include "i18n.h"
#include "stats_internal.h"

/* Birth months are searched between these (index = year * 12 + month - 1). */
#define FIRST_MONTH (1900 * 12)
#define LAST_MONTH  (2100 * 12 - 1)
#define NOBODY	    "0000-00-00"
#define EVERYBODY   "9999-12-31"

static cb_date retires(const career_rules *r, int gender, int idx)
{
	return career_retirement(r, gender, idx / 12, idx % 12 + 1, 1);
}

/* The last birth date whose retirement comes before `edge`. */
static void birth_bound(const career_rules *r, int gender, cb_date edge, char out[11])
{
	int lo = FIRST_MONTH, hi = LAST_MONTH;

	if (retires(r, gender, lo) >= edge) {
		snprintf(out, 11, "%s", NOBODY);
		return;
	}
	if (retires(r, gender, hi) < edge) {
		snprintf(out, 11, "%s", EVERYBODY);
		return;
	}
	while (hi - lo > 1) { /* retires(lo) < edge <= retires(hi) */
		int mid = lo + (hi - lo) / 2;
		if (retires(r, gender, mid) < edge)
			lo = mid;
		else
			hi = mid;
	}
	snprintf(out, 11, "%04d-%02d-%02d", lo / 12, lo % 12 + 1,
		 date_days_in_month(lo / 12, lo % 12 + 1));
}

static void set_bounds(stats_query *q, const career_rules *r)
{
	for (int i = 0; i < STATS_RETIRE_EDGES; i++) {
		cb_date edge = career_add_months(q->base.as_of, 12 * r->retire_bands[i]);
		q->retire_bands[i] = r->retire_bands[i];
		for (int g = 1; g <= 2; g++)
			birth_bound(r, g, edge, q->retire_upto[g][i]);
	}
	q->retire_as_of = q->base.as_of;
	q->retire_ready = true;
}

int stats_retire_prepare(stats_query *q, const cfg *c, cb_error *err)
{
	career_rules *r;
	int rc;

	if (!(r = malloc(sizeof *r)))
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	if ((rc = career_rules_load(c, r, err)) == CB_OK)
		set_bounds(q, r);
	free(r);
	return rc;
}

void stats_retire_axis(stats_axis *a, const stats_query *q)
{
	const int *b = q->retire_bands;
	char name[24], label[64];

	for (int i = 0; i <= STATS_RETIRE_EDGES && a->n < STATS_MAX_VALUES; i++) {
		if (i == 0) {
			snprintf(name, sizeof name, "under-%d", b[0]);
			snprintf(label, sizeof label, _("Under %d"), b[0]);
		} else if (i < STATS_RETIRE_EDGES) {
			snprintf(name, sizeof name, "%d-%d", b[i - 1], b[i]);
			snprintf(label, sizeof label, _("%d to under %d"), b[i - 1], b[i]);
		} else {
			snprintf(name, sizeof name, "%d+", b[i - 1]);
			snprintf(label, sizeof label, _("%d and over"), b[i - 1]);
		}
		a->code[a->n] = i;
		snprintf(a->name[a->n], sizeof a->name[0], "%s", name);
		snprintf(a->label[a->n], sizeof a->label[0], "%s", label);
		a->n++;
	}
}

/* Narrows `into` (empty = open) to the tighter of the two bounds. */
static void narrow(char into[11], const char *bound, bool upper)
{
	int c = into[0] ? strcmp(bound, into) : (upper ? -1 : 1);
	if (upper ? c < 0 : c > 0)
		snprintf(into, 11, "%s", bound);
}

void stats_retire_apply(const stats_query *q, int code, cadre_filter *f)
{
	f->retire_set = true;
	for (int g = 1; g <= 2; g++) {
		if (code > 0)
			narrow(f->retire_after[g], q->retire_upto[g][code - 1], false);
		if (code < STATS_RETIRE_EDGES)
			narrow(f->retire_upto[g], q->retire_upto[g][code], true);
	}
}

void stats_retire_expr(const stats_query *q, sql_build *b)
{
	char part[48];

	sql_put(b, "CASE");
	for (int g = 1; g <= 2; g++)
		for (int i = 0; i < STATS_RETIRE_EDGES; i++) {
			snprintf(part, sizeof part, " WHEN c.gender = %d AND c.birth_date <= ?", g);
			sql_put(b, part);
			sql_text(b, q->retire_upto[g][i]);
			snprintf(part, sizeof part, " THEN %d", i);
			sql_put(b, part);
		}
	snprintf(part, sizeof part, " ELSE %d END", STATS_RETIRE_EDGES);
	sql_put(b, part);
}

bool stats_retire_cuts(const stats_query *q, stats_hist *h)
{
	bool ok = true;
	for (int g = 1; g <= 2; g++)
		for (int i = 0; i < STATS_RETIRE_EDGES; i++)
			ok = ok && stats_hist_cut(h, q->retire_upto[g][i]);
	return ok;
}
