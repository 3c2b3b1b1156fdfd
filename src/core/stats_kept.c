/* stats_kept.c - a list's conditions on the yearly records tested on the
 * records a screen keeps in memory (stats_sat.c).
 *
 * The drill-down lists of the target panel and of the breakdowns by
 * rating ask, of each cadre of a district, whether he was trained or
 * rated good in the year: at a million cadres some 11 000-18 000 probes
 * of the records, a third of such a list's time. The screen that opens
 * the list has just counted the same year from memory, and while nothing
 * was written since, those bits answer each cadre in a load. The
 * conditions are filter.c's (ratings, training, the pool), read here as
 * bits of the kept records (stats_internal.h's SAT_*).
 */
#include "stats_internal.h"

#include <string.h>

/* Grades 0 (none) to 4 (the schema's CHECK): the good ones are 1 and 2. */
#define GRADES_ALL  0x1Fu
#define GRADES_GOOD 0x06u

/* The rating's conditions as the grades that pass; false when f has
 * none. */
static bool rating_grades(const cadre_filter *f, unsigned *grades)
{
	*grades = GRADES_ALL;
	if (f->rating_year <= 0 ||
	    (f->rating_grade == FILTER_ANY && !f->rating_good && !f->rating_not_good))
		return false;
	if (f->rating_grade == 0)
		*grades &= 1u;
	else if (f->rating_grade > 0)
		*grades &= f->rating_grade <= 4 ? 1u << f->rating_grade : 0u;
	if (f->rating_good)
		*grades &= GRADES_GOOD;
	if (f->rating_not_good)
		*grades &= ~GRADES_GOOD;
	return true;
}

/* The training's condition as a bit that must be set (trained) or clear;
 * false when the kept records cannot answer it (any year, a kind beyond
 * those kept). */
static bool training_bit(const cadre_filter *f, unsigned *bit)
{
	if (f->trained_year <= 0 || f->trained_kind > 4)
		return false;
	*bit = f->trained_kind > 0 ? SAT_KIND(f->trained_kind) : SAT_TRAINED;
	return true;
}

/* The test of f's conditions on the records, their year and the kinds of
 * records they need; false when f has none the kept records answer. */
static bool kept_test(const cadre_filter *f, stats_kept_test *t, int *year, int *need)
{
	unsigned bit;

	memset(t, 0, sizeof *t);
	t->grades = GRADES_ALL;
	*year = *need = 0;
	if (f->barred != FILTER_ANY)
		return false;
	if (rating_grades(f, &t->grades)) {
		*year = f->rating_year;
		*need |= SAT_NEED_RATING;
	}
	if (f->trained != FILTER_ANY) {
		if (!training_bit(f, &bit) || (*year > 0 && *year != f->trained_year))
			return false;
		*year = f->trained_year;
		*need |= SAT_NEED_TRAINING;
		t->mask |= bit;
		t->want |= f->trained ? bit : 0u;
	}
	if (f->planning != FILTER_ANY) {
		*need |= SAT_NEED_PLANNING;
		t->mask |= SAT_PLANNING;
		t->want |= f->planning ? SAT_PLANNING : 0u;
	}
	return *need != 0;
}

bool stats_kept_year(const cadre_filter *f, int *year)
{
	stats_kept_test t;
	int need;
	return kept_test(f, &t, year, &need);
}

bool stats_kept_test_for(store *s, const cadre_filter *f, stats_kept_test *t)
{
	int year, need;
	stats_sat sat;

	/* the pool has no year: any year kept holds it */
	if (!kept_test(f, t, &year, &need) || !stats_sat_current(s, year, need, &sat))
		return false;
	t->bits = sat.bits;
	t->n = sat.n;
	return true;
}

bool stats_kept_passes(const stats_kept_test *t, int64_t id)
{
	unsigned b;

	if (id < 0 || id >= t->n)
		return true;
	b = t->bits[id];
	return (t->grades >> (b & SAT_GRADE) & 1u) && (b & t->mask) == t->want;
}
