/* stats_targets_internal.h - what the files of the targets share: stats_targets.c
 * (definitions, wording, judging, the lists behind a figure),
 * stats_targets_count.c (counting the cadres of one or many columns) and
 * stats_targets_eval.c (a scope's figures, and the province by district). Private
 * to src/core; include/stats.h is the interface.
 */
#ifndef CANBO_STATS_TARGETS_INTERNAL_H
#define CANBO_STATS_TARGETS_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "stats.h"
#include "stats_internal.h"

enum cond {
	C_ORG_STANDING,
	C_ORG_GRASSROOTS,
	C_TRAINED,
	C_UNDER40,
	C_WOMEN,
	C_EDU_MIN,
	C_THEORY_MIN,
	C_GOOD,
};

/* A target: its key and wording, default percentage, and (filled by
 * targets_def_of) its population, numerator condition and gap wording. */
struct target_def {
	const char *key, *brief, *desc;
	int def;
	int population; /* POP_*, or -1 for organisations */
	int cond;	/* enum cond */
	int arg;	/* training kind, education or theory level */
	const char *gap_one, *gap_many;
};

/* Population, condition and wording of target id (see stats_targets.c's top
 * comment); id in [0, TARGET_COUNT). */
struct target_def targets_def_of(int id);
/* Adds the numerator condition of d (or its negation) to f; false when the
 * negation cannot be expressed as a cadre_filter. */
bool targets_add_cond(const struct target_def *d, int year, bool negate, cadre_filter *f);
/* Only the scope, reference date and tiers of a filter. */
void targets_scope_only(const cadre_filter *scope, cadre_filter *out);

/* ---- counting (stats_targets_count.c) ------------------------------------------ */

enum { COND_ARG, COND_GOOD, COND_TRAINED };

/* What canbo_targets(ptr, unit id, cadre id, <population flags>,
 * <condition flags>) counts into. Each population flag is filter_build's
 * condition for that population, each condition flag filter_build's
 * condition for a target's numerator fields (as a boolean expression), so
 * den = scope AND population and num = scope AND population AND numerator:
 * exactly the conditions of target_filter's lists. Ratings and trainings
 * of the year are read from the loaded records when there are some. */
typedef struct ttally {
	const stats_sat *sat;
	const int16_t *unit_col; /* unit id -> column; NULL: all in column 0 */
	int64_t unit_n;
	int ncols, npop, ncond;
	int pop_arg[TARGET_COUNT];  /* -1: an organisation target */
	int cond_arg[TARGET_COUNT]; /* argument of its condition, COND_ARG only */
	int cond[TARGET_COUNT], kind[TARGET_COUNT];
	int64_t (*num)[TARGET_COUNT], (*den)[TARGET_COUNT];
} ttally;

/* A tally of ncols columns with its counters (free with
 * targets_tally_free). */
int targets_tally_new(ttally *t, int ncols, const stats_sat *sat, cb_error *err);
void targets_tally_free(ttally *t);
/* Copies column col's cadre figures into out (organisation targets are
 * left as they are). */
void targets_tally_copy(const ttally *t, int col, target_result *out);
/* Counts the cadre targets of `scope` into t's columns in one pass:
 * through the histogram when it can answer, else directly. */
int targets_count_cadres(store *s, const cadre_filter *scope, int year, ttally *t, cb_error *err);

#endif
