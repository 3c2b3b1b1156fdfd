/* rating_warnings.h - the warnings of `canbo ratings check` on the screens
 * that show a year's ratings: the organisations screen and the breakdown
 * by rating.
 *
 * The findings come from the core's one implementation of the checks
 * (eval_check_year) and are worded by it (eval_finding_detail), so a
 * screen says what the command says. They are read once per year and
 * scope shown; each row then picks those about it.
 */
#ifndef CANBO_RATING_WARNINGS_H
#define CANBO_RATING_WARNINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "eval_store.h"
#include "app.h"

/* A finding's place in rating_warnings.found, by its organisation. */
typedef struct rating_warning_ref {
	int64_t org_id;
	size_t i;
} rating_warning_ref;

typedef struct rating_warnings {
	eval_rules rules; /* the cap's; without evaluation.ini there is no cap */
	eval_finding *found;
	size_t n, cap;
	/* The findings are those of the last load; false until then, after
	 * rating_warnings_forget and after a load that gave way to a key. */
	bool known;
	/* Indexes built once per load, so that a row's findings are picked in
	 * O(log n) however many rows ask: the findings' positions ordered by
	 * organisation (then position), and per grade (eval_finding_grade)
	 * how many there are and the first of each check (0 = any; n when
	 * none). */
	rating_warning_ref *by_org;
	size_t grade_n[EVAL_GRADES + 1];
	size_t grade_first[EVAL_GRADES + 1][EVAL_CHECK_DIFFERS + 1];
} rating_warnings;

/* Which findings a row shows: those about organisation org_id and/or
 * about cadres rated grade (eval_finding_grade); 0 = either. */
typedef struct rating_warning_key {
	int64_t org_id;
	int grade;
} rating_warning_key;

/* Reads the rules of evaluation from the configuration: a missing or bad
 * evaluation.ini leaves the cap unchecked, the other checks still run. */
void rating_warnings_init(rating_warnings *w, const app *a);
void rating_warnings_free(rating_warnings *w);
/* Replaces the findings by those of `year` in sc (NULL = everywhere the
 * reader may see). On an error none are kept (and they count as known:
 * the error is told once, not at every pause). */
int rating_warnings_load(rating_warnings *w, store *s, const eval_scope *sc, int year,
			 cb_error *err);
/* The same, from a view's idle op: a key typed meanwhile stops the checks
 * (CB_STOPPED) and leaves no finding and them unknown, so the key is
 * handled at once and the checks run again at the next pause. */
int rating_warnings_load_idle(rating_warnings *w, store *s, const eval_scope *sc, int year,
			      cb_error *err);
/* The findings are no longer those shown (another year or scope, a
 * rating set): none until the next load. */
void rating_warnings_forget(rating_warnings *w);
/* What the status line says while the findings are not known. */
const char *rating_warnings_pending(void);

size_t rating_warnings_count(const rating_warnings *w, rating_warning_key k);
/* The first finding of check (0 = any) for the row, NULL if none. */
const eval_finding *rating_warnings_find(const rating_warnings *w, rating_warning_key k, int check);
/* For the status line: the row's first warning in words and, when there
 * are more, how many and the key (of view context ctx) that lists them;
 * "" when the row has none. */
void rating_warnings_line(const rating_warnings *w, rating_warning_key k, int ctx, char *buf,
			  size_t cap);
/* Every warning of the row, one a line, in a message titled title. */
void rating_warnings_show(const rating_warnings *w, rating_warning_key k, const char *title);

#endif
