/* eval_sheet.h - the evaluation sheet: the cadres of a scope with their
 * evaluation of one period (score, stage, the grade proposed, the grade
 * decided), and decisions made for several evaluations at once.
 *
 *   eval_sheet_load(db, lo, hi, "2025-Q2", today, &rows, &n, &err);
 *   eval_sheet_decide(db, ids, k, "2025-Q2", 0, "", today, &bad, &err);
 *
 * Guarantees: the cadres are those of the cadre list for the scope (the
 * reader's scope applied); each decision is eval_decide's, with its
 * checks (a decision above the proposal needs the reason), its audit row
 * and, for a year, the year's rating; several decisions are one
 * transaction: all of them, or at the first refusal none, with its index
 * in *failed and the reason in err.
 */
#ifndef CANBO_EVAL_SHEET_H
#define CANBO_EVAL_SHEET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "eval_store.h"
#include "store.h"

typedef struct eval_sheet_row {
	int64_t cadre_id;
	char name[CADRE_NAME_MAX];
	char unit[128];
	bool evaluated;	  /* an evaluation of the period is recorded */
	bool from_rating; /* no evaluation, but the year's rating (decided) */
	int score;	  /* hundredths, -1 = not scored */
	int stage;	  /* enum eval_stage; -1 = nothing recorded */
	int proposal;	  /* eval_proposal: the collective's, else the computed */
	int grade;	  /* decided, 0 = not decided */
} eval_sheet_row;

/* The cadres on the list at as_of under the unit subtree [unit_lo,
 * unit_hi] (0, 0 = all the reader may see), in name order, with their
 * evaluation of period (eval_period_parse's canonical key). */
int eval_sheet_load(store *s, int64_t unit_lo, int64_t unit_hi, const char *period, cb_date as_of,
		    eval_sheet_row **out, size_t *n, cb_error *err);

/* Decides the period's evaluation of every cadre: grade 1..4, or 0 for
 * each one's own proposal (refused when it has none); reason is given to
 * every decision (needed when the grade is above a proposal). */
int eval_sheet_decide(store *s, const int64_t *cadre_ids, size_t n, const char *period, int grade,
		      const char *reason, cb_date today, size_t *failed, cb_error *err);

/* The period before (step -1) or after (+1) p, of the same kind: a year,
 * a quarter, a month; false for a term or a dated evaluation. */
bool eval_period_step(const eval_period *p, int step, eval_period *out);

#endif
