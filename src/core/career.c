/* career.c - retirement dates, terms and the working-day notice.
 *
 * The retirement roadmap is computed, not tabulated: in year Y the age is
 * start + step * (Y - base) months, capped at max (before the base year,
 * the age of the old law). A person retires in the first year Y whose age
 * is reached within Y; since the age grows by less than a year each year,
 * that is the month in which birth + age(Y) falls. The unit tests compare
 * this with the roadmap's own table.
 */
#include "career.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

static bool gender_ok(int gender)
{
	return gender == 1 || gender == 2;
}

int career_retire_age(const career_rules *r, int gender, int year)
{
	long a;

	if (!gender_ok(gender))
		return -1;
	if (year < r->retire_base_year)
		return r->retire_before[gender];
	a = r->retire_start[gender] + (long)r->retire_step[gender] * (year - r->retire_base_year);
	return a > r->retire_max[gender] ? r->retire_max[gender] : (int)a;
}

cb_date career_retirement(const career_rules *r, int gender, int year, int month, int day)
{
	(void)day; /* the age is reached within its month; the month decides */
	if (!gender_ok(gender) || year < 1900 || year > 2100 || month < 0 || month > 12)
		return CB_DATE_NONE;
	if (month == 0)
		month = 1;
	for (int y = year + 30; y <= year + 90; y++) {
		int age = career_retire_age(r, gender, y);
		long idx = (long)year * 12 + (month - 1) + age;
		int ry = (int)(idx / 12), rm = (int)(idx % 12) + 1;
		if (ry <= y)
			return date_from_ymd(ry, rm, date_days_in_month(ry, rm));
	}
	return CB_DATE_NONE;
}

cb_date career_retirement_of(const career_rules *r, int gender, const char *birth)
{
	int y = 0, m = 0, d = 0;
	size_t n = birth ? strlen(birth) : 0;

	if (n == 4 && sscanf(birth, "%4d", &y) == 1)
		return career_retirement(r, gender, y, 0, 0);
	if (n != 10 || sscanf(birth, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return CB_DATE_NONE;
	if (m == 0 && d == 0)
		return career_retirement(r, gender, y, 0, 0);
	if (!date_valid_ymd(y, m, d))
		return CB_DATE_NONE;
	return career_retirement(r, gender, y, m, d);
}

cb_date career_add_months(cb_date d, int months)
{
	int y, m, day;
	long idx;

	if (d == CB_DATE_NONE)
		return d;
	date_to_ymd(d, &y, &m, &day);
	idx = (long)y * 12 + (m - 1) + months;
	y = (int)(idx / 12);
	m = (int)(idx % 12) + 1;
	if (day > date_days_in_month(y, m))
		day = date_days_in_month(y, m);
	return date_from_ymd(y, m, day);
}

cb_date career_term_end(const career_rules *r, cb_date start, cb_date stated_end,
			cb_date retirement)
{
	cb_date end = stated_end;

	if (end == CB_DATE_NONE) {
		if (start == CB_DATE_NONE)
			return CB_DATE_NONE;
		end = career_add_months(start, 12 * r->term_years);
	}
	if (retirement != CB_DATE_NONE && retirement < end)
		end = retirement;
	return end;
}

int career_next_term(const career_rules *r, cb_date term_end, cb_date retirement, cb_date *next_end)
{
	*next_end = CB_DATE_NONE;
	if (term_end == CB_DATE_NONE)
		return NEXT_REAPPOINT;
	if (retirement != CB_DATE_NONE && retirement <= term_end)
		return NEXT_RETIRE;
	*next_end = career_add_months(term_end, 12 * r->term_years);
	if (retirement == CB_DATE_NONE)
		return NEXT_REAPPOINT;
	/* years left at the term's end, compared as dates: left < N years
	 * <=> retirement < term_end + N years */
	if (retirement < career_add_months(term_end, 12 * r->term_extend_years)) {
		*next_end = retirement;
		return NEXT_EXTEND;
	}
	if (retirement <= career_add_months(term_end, 12 * r->term_to_retirement_years)) {
		*next_end = retirement;
		return NEXT_TO_RETIREMENT;
	}
	return NEXT_REAPPOINT;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

bool career_is_working_day(const career_rules *r, cb_date d)
{
	/* 1970-01-01 was a Thursday: weekday 0 = Monday */
	int wd = (int)(((long)d % 7 + 7 + 3) % 7), y, m, day;

	if (wd >= 5)
		return false;
	if (bsearch(&d, r->holiday_days, (size_t)r->holiday_count, sizeof d, cmp_int))
		return false;
	date_to_ymd(d, &y, &m, &day);
	for (int i = 0; i < r->annual_count; i++)
		if (r->annual_holidays[i] == m * 100 + day)
			return false;
	return true;
}

cb_date career_working_days_before(const career_rules *r, cb_date d, int n)
{
	if (d == CB_DATE_NONE)
		return d;
	while (n > 0) {
		d--;
		if (career_is_working_day(r, d))
			n--;
	}
	return d;
}

cb_date career_notice_date(const career_rules *r, cb_date term_end)
{
	return career_working_days_before(r, term_end, r->notice_working_days);
}

/* ---- discipline ---------------------------------------------------------- */

static const struct {
	int family;
	const char *code, *label;
} forms[DISC_FORM_COUNT] = {
#define X(id, fam, code, label) [id] = {fam, code, label},
	DISC_FORM_LIST(X)
#undef X
};

static const struct {
	const char *code, *label;
} families[DISC_FAMILY_COUNT] = {
#define X(id, code, label) [id] = {code, label},
	DISC_FAMILY_LIST(X)
#undef X
};

int disc_form_family(int form)
{
	return form >= 0 && form < DISC_FORM_COUNT ? forms[form].family : -1;
}

const char *disc_form_code(int form)
{
	return form >= 0 && form < DISC_FORM_COUNT ? forms[form].code : "";
}

const char *disc_form_label(int form)
{
	return form >= 0 && form < DISC_FORM_COUNT ? _(forms[form].label) : "?";
}

const char *disc_form_title(int form, char *buf, size_t cap)
{
	if (disc_form_family(form) == DISC_STATE)
		snprintf(buf, cap, _("%s (state)"), disc_form_label(form));
	else
		snprintf(buf, cap, "%s", disc_form_label(form));
	return buf;
}

const char *disc_family_code(int family)
{
	return family >= 0 && family < DISC_FAMILY_COUNT ? families[family].code : "";
}

const char *disc_family_label(int family)
{
	return family >= 0 && family < DISC_FAMILY_COUNT ? _(families[family].label) : "?";
}

bool disc_family_from_code(const char *code, int *family)
{
	for (int i = 0; i < DISC_FAMILY_COUNT; i++)
		if (strcmp(code, families[i].code) == 0) {
			*family = i;
			return true;
		}
	return false;
}

int disc_form_from_code(int family, const char *code)
{
	const char *colon = strchr(code, ':');
	char fam[16];

	if (colon) {
		size_t n = (size_t)(colon - code);
		if (n >= sizeof fam)
			return -1;
		memcpy(fam, code, n);
		fam[n] = '\0';
		if (!disc_family_from_code(fam, &family))
			return -1;
		code = colon + 1;
	}
	for (int i = 0; i < DISC_FORM_COUNT; i++)
		if (forms[i].family == family && strcmp(forms[i].code, code) == 0)
			return i;
	return -1;
}

cb_date career_discipline_lapse(const career_rules *r, int form, cb_date announced)
{
	int fam = disc_form_family(form);
	if (fam < 0 || announced == CB_DATE_NONE)
		return CB_DATE_NONE;
	return career_add_months(announced, r->lapse_months[fam]);
}

cb_date career_discipline_bar_end(const career_rules *r, int form, cb_date effective)
{
	int months;

	if (form < 0 || form >= DISC_FORM_COUNT || effective == CB_DATE_NONE)
		return CB_DATE_NONE;
	months = r->bar_months[form];
	if (months == CAREER_NO_END)
		return INT_MAX;
	if (months <= 0)
		return CB_DATE_NONE;
	return career_add_months(effective, months);
}

/* ---- planning pool ------------------------------------------------------- */

bool career_title_higher(const career_title *t, int level, int rank)
{
	return t->level < level || (t->level == level && t->rank < rank);
}

const career_title *career_title_find(const career_rules *r, const char *code)
{
	for (int i = 0; i < r->title_count; i++)
		if (strcmp(r->titles[i].code, code) == 0)
			return &r->titles[i];
	return NULL;
}

int career_gap(int have, int n, int pct)
{
	/* as the target panel counts it: the smallest k with (have + k) * 100
	 * >= pct * n (the pool keeps its size: someone else makes way) */
	long short_by = (long)pct * n - (long)have * 100;
	return short_by <= 0 ? 0 : (int)((short_by + 99) / 100);
}
