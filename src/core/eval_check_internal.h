/* eval_check_internal.h - what the checks on a year's ratings share:
 * eval_check.c (each check as one SQL statement over the records, the
 * reference) and eval_check_fast.c (the same findings read the cheap
 * way), and the tests that compare the two.
 */
#ifndef CANBO_EVAL_CHECK_INTERNAL_H
#define CANBO_EVAL_CHECK_INTERNAL_H

#include <stdbool.h>

#include "eval_store.h"

/* Every statement of the checks binds the scope as ?2, ?3 (0, 0 =
 * everywhere); u is the unit whose range decides. */
#define IN_SCOPE(u) " (?2 = 0 OR (" u ".lo BETWEEN ?2 AND ?3 AND in_scope(" u ".lo, NULL)))"

/* Prepares sql with the scope bound, clamped to the reader's. */
sqlite3_stmt *eval_prepare_scoped(store *s, const char *sql, const eval_scope *sc, cb_error *err);

/* An organisation's count for the cap (f->a = cadres rated excellent,
 * f->b = rated good) made the finding the rules say: the excess, the
 * base in f->b. False when it is within the cap. */
bool eval_cap_finding(const eval_rules *r, eval_finding *f);

/* Runs sql (?1 = the year, ?2 ?3 = the scope, ?4 = the remedied state)
 * and turns each row (id, name, organisation, a, b, is_org, unit,
 * organisation id) into a finding of check for fn. */
int eval_each_finding(store *s, const eval_rules *r, const eval_scope *sc, int year, int check,
		      const char *sql, eval_finding_fn fn, void *ctx, cb_error *err);

/* The check as its one SQL statement over the records: the reference. */
int eval_check_sql(store *s, const eval_rules *r, const eval_scope *sc, int year, int check,
		   eval_finding_fn fn, void *ctx, cb_error *err);

/* The cap, and two failed years of cadres then organisations, read
 * through the yearly summary (store_summary.h): the same findings in the
 * same order as eval_check_sql. CB_NOT_FOUND when the database has no
 * summary. */
int eval_check_cap_summary(store *s, const eval_rules *r, const eval_scope *sc, int year,
			   eval_finding_fn fn, void *ctx, cb_error *err);
int eval_check_failed_summary(store *s, const eval_scope *sc, int year, eval_finding_fn fn,
			      void *ctx, cb_error *err);
/* The remediation check led by last year's plans. */
int eval_check_remediation_fast(store *s, const eval_rules *r, const eval_scope *sc, int year,
				eval_finding_fn fn, void *ctx, cb_error *err);

#endif
