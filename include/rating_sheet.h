/* rating_sheet.h - the year-end round in one list: the cadres, or the
 * party organisations, of a scope with their grade for a year, and the
 * writes applied to several of them at once (a grade, a training, a place
 * in the planning pool).
 *
 *   rating_sheet_load(db, false, lo, hi, 0, 2025, today, &rows, &n, &err);
 *   rating_sheet_set_grade(db, false, ids, k, 2025, 2, &bad, &err);
 *
 * Guarantees: the rows are those the reader may see (access.h: the scope
 * is clamped and in_scope applied, as in the cadre list); every write is
 * the store's own single-record function (store_rating_set,
 * store_org_rating_set, store_training_add, store_pool_add), so the same
 * checks and audit rows apply; a write to several records is one
 * transaction: all of them or, at the first refusal, none, with the index
 * of the refused record in *failed and the store's reason in err.
 */
#ifndef CANBO_RATING_SHEET_H
#define CANBO_RATING_SHEET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "career_store.h"
#include "date.h"
#include "store.h"

typedef struct rating_sheet_row {
	int64_t id; /* the cadre's, or the organisation's */
	char name[CADRE_TEXT_MAX];
	char birth_date[11];	       /* a cadre's (ISO); "" for an organisation */
	char position[CADRE_TEXT_MAX]; /* a cadre's position; an organisation's kind */
	char unit[128];		       /* the unit's name */
	int depth;		       /* an organisation's depth in the tree; 0 for a cadre */
	int grade;		       /* GRADE_LIST of the year, 0 = not rated */
} rating_sheet_row;

/* The cadres on the list at as_of (orgs false), or the organisations not
 * ended (orgs true), under the unit subtree [unit_lo, unit_hi] (0, 0 =
 * everything the reader may see; unit_id is that unit's row, 0 = the
 * province, for the organisations' tree), with their grade for year:
 * cadres in name order, organisations in tree order. *out is malloc'd
 * (NULL when empty). */
int rating_sheet_load(store *s, bool orgs, int64_t unit_lo, int64_t unit_hi, int64_t unit_id,
		      int year, cb_date as_of, rating_sheet_row **out, size_t *n, cb_error *err);

/* How many rows have each grade: counts[g] for g in 1..4, counts[0] the
 * rows not rated. */
#define RATING_SHEET_GRADES 5
void rating_sheet_count(const rating_sheet_row *rows, size_t n, int counts[RATING_SHEET_GRADES]);

/* Sets the grade of year (0 = removes it) for every id, in one
 * transaction. */
int rating_sheet_set_grade(store *s, bool orgs, const int64_t *ids, size_t n, int year, int grade,
			   size_t *failed, cb_error *err);
/* Adds the same training to every cadre, in one transaction. */
int rating_sheet_add_training(store *s, const int64_t *ids, size_t n, const training_row *t,
			      size_t *failed, cb_error *err);
/* Adds every cadre to the pool of a title for a term (at the unit of the
 * title's level above each cadre), in one transaction; the pool's rules
 * (career_store.h) refuse as they do for one cadre. */
int rating_sheet_add_pool(store *s, const career_rules *r, cb_date on, const int64_t *ids, size_t n,
			  const char *term, const char *title, size_t *failed, cb_error *err);

#endif
