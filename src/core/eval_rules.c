/* eval_rules.c - periods, scores, the proposed grade and the cap on
 * "xuất sắc": pure arithmetic on the configured rules, no database.
 *
 * Scores are whole hundredths so that 89.99 is below 90 exactly; the task
 * conditions compare percentages by cross-multiplying (late * 100 <= pct *
 * assigned) so that no rounding ever moves a boundary.
 */
#include "evaluation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"

static const char *const period_kind_names[] = {
#define X(id, name, label) [id] = name,
	EVAL_PERIOD_LIST(X)
#undef X
};

const char *eval_period_kind_name(int kind)
{
	if (kind < EVAL_TERM || kind > EVAL_ADHOC)
		return "";
	return period_kind_names[kind];
}

/* Exactly n digits at s, as a number; -1 otherwise. */
static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

#define YEAR_OK(y) ((y) >= 1945 && (y) <= 2999)

bool eval_period_parse(const char *s, eval_period *p)
{
	size_t len = s ? strlen(s) : 0;
	int y = len >= 4 ? digits(s, 4) : -1, m, d, y2;
	eval_period r = {0};
	cb_date date;

	if (!YEAR_OK(y))
		return false;
	r.year = y;
	if (len == 4) {
		r.kind = EVAL_YEAR;
	} else if (len == 7 && s[4] == '-' && (s[5] == 'Q' || s[5] == 'q')) {
		m = digits(s + 6, 1);
		if (m < 1 || m > 4)
			return false;
		r.kind = EVAL_QUARTER;
	} else if (len == 7 && s[4] == '-') {
		m = digits(s + 5, 2);
		if (m < 1 || m > 12)
			return false;
		r.kind = EVAL_MONTH;
	} else if (len == 9 && s[4] == '-') {
		y2 = digits(s + 5, 4);
		if (!YEAR_OK(y2) || y2 <= y || y2 - y > 10)
			return false;
		r.kind = EVAL_TERM;
		r.year = y2;
	} else if (len == 10 && s[4] == '-' && s[7] == '-') {
		m = digits(s + 5, 2);
		d = digits(s + 8, 2);
		if (m < 1 || d < 1 || !date_parse_iso(s, &date))
			return false;
		r.kind = EVAL_ADHOC;
	} else {
		return false;
	}
	snprintf(r.key, sizeof r.key, "%s", s);
	if (r.kind == EVAL_QUARTER)
		r.key[5] = 'Q';
	*p = r;
	return true;
}

int eval_tasks_check(const eval_tasks *t, cb_error *err)
{
	if (t->assigned < 0 || t->on_time < 0 || t->late < 0 || t->exceeded < 0)
		return cb_error_set(err, CB_EINVALID, _("Task counts cannot be negative"));
	if ((long)t->on_time + t->late > t->assigned)
		return cb_error_set(
			err, CB_EINVALID,
			_("Tasks done on time (%d) and late (%d) are more than the %d assigned"),
			t->on_time, t->late, t->assigned);
	if (t->exceeded > t->on_time + t->late)
		return cb_error_set(err, CB_EINVALID,
				    _("Tasks exceeded (%d) are more than the %d done"), t->exceeded,
				    t->on_time + t->late);
	return CB_OK;
}

bool eval_tasks_meet(const eval_grade_rule *g, const eval_tasks *t)
{
	long assigned = t->assigned;

	if (g->all_done && t->on_time + t->late < t->assigned)
		return false;
	if (g->all_on_time && t->on_time < t->assigned)
		return false;
	if (g->min_exceeded_pct >= 0 && (long)t->exceeded * 100 < g->min_exceeded_pct * assigned)
		return false;
	if (g->max_late_pct >= 0 && (long)t->late * 100 > g->max_late_pct * assigned)
		return false;
	return true;
}

/* Grade g's conditions, and with cumulative rules those of every grade
 * below it (being rated "tốt" includes having completed one's tasks). */
static bool conditions_hold(const eval_rules *r, int g, const eval_tasks *t)
{
	int last = r->cumulative ? EVAL_GRADES : g;
	for (int k = g; k <= last; k++)
		if (!eval_tasks_meet(&r->grade[k], t))
			return false;
	return true;
}

int eval_propose(const eval_rules *r, int score, const eval_tasks *t)
{
	for (int g = 1; g < EVAL_GRADES; g++)
		if (score >= r->grade[g].min_score && conditions_hold(r, g, t))
			return g;
	return EVAL_GRADES;
}

int eval_cap_allowed(const eval_rules *r, int base)
{
	long product;

	if (r->cap_percent < 0)
		return base;
	if (base <= 0)
		return 0;
	product = (long)r->cap_percent * base;
	switch (r->cap_rounding) {
	case EVAL_ROUND_UP:
		return (int)((product + 99) / 100);
	case EVAL_ROUND_NEAREST:
		return (int)((product + 50) / 100);
	default:
		return (int)(product / 100);
	}
}

int eval_cap_excess(const eval_rules *r, int excellent, int good)
{
	if (r->cap_percent < 0 || excellent <= 0)
		return 0;
	/* Rating k of them "tốt" instead leaves excellent - k; when the cap is
	 * a share of the "tốt" alone, those k join its base. The smallest k
	 * that fits is the excess; k = excellent always fits. */
	for (int k = 0; k < excellent; k++) {
		int base = r->cap_base == EVAL_CAP_GOOD ? good + k : good + excellent;
		if (excellent - k <= eval_cap_allowed(r, base))
			return k;
	}
	return excellent;
}

bool eval_score_parse(const char *s, int max, int *out)
{
	long whole = 0;
	int frac = 0, nfrac = 0, nwhole = 0;

	if (!s)
		return false;
	for (; *s >= '0' && *s <= '9'; s++, nwhole++) {
		if (nwhole >= 4)
			return false;
		whole = whole * 10 + (*s - '0');
	}
	if (*s == '.' || *s == ',') {
		for (s++; *s >= '0' && *s <= '9'; s++, nfrac++) {
			if (nfrac >= 2)
				return false;
			frac = frac * 10 + (*s - '0');
		}
		if (!nfrac)
			return false;
	}
	if (*s || !nwhole)
		return false;
	if (nfrac == 1)
		frac *= 10;
	whole = whole * EVAL_CENTI + frac;
	if (whole > max)
		return false;
	*out = (int)whole;
	return true;
}

const char *eval_score_format(int centi, char *buf)
{
	if (centi % EVAL_CENTI == 0)
		snprintf(buf, 16, "%d", centi / EVAL_CENTI);
	else
		snprintf(buf, 16, "%d.%02d", centi / EVAL_CENTI, centi % EVAL_CENTI);
	return buf;
}

const char *eval_score_label(int centi, char *buf)
{
	char *dot = strchr(eval_score_format(centi, buf), '.');
	if (dot && strcmp(i18n_lang(), "vi") == 0)
		*dot = ',';
	return buf;
}
