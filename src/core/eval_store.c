/* eval_store.c - evaluations by period: reading, the stages, the decision
 * (which sets the year's rating), the lock and its reopening.
 *
 * Every change follows one path: BEGIN IMMEDIATE, read the stored row, check
 * the version the caller read and the lock, write the whole row at that
 * version, write the scores, append the audit row (old and new as JSON),
 * commit. So a stale edit changes nothing and every change is in the trail.
 */
#include "eval_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "i18n.h"
#include "model.h"
#include "store_sql.h"
#include "text.h"

static const char *const stage_names[] = {
#define X(id, name, label) [id] = name,
	EVAL_STAGE_LIST(X)
#undef X
};

static const char *const stage_labels[] = {
#define X(id, name, label) [id] = N_(label),
	EVAL_STAGE_LIST(X)
#undef X
};

const char *eval_stage_label(int stage)
{
	return stage >= EVAL_RECORDED && stage <= EVAL_DECIDED ? stage_labels[stage] : "";
}

const char *eval_stage_name(int stage)
{
	return stage >= EVAL_RECORDED && stage <= EVAL_DECIDED ? stage_names[stage] : "";
}

int eval_stage_of(const evaluation *e)
{
	if (e->grade)
		return EVAL_DECIDED;
	if (e->proposed_on[0])
		return EVAL_PROPOSAL;
	if (e->reviewed_on[0])
		return EVAL_REVIEW;
	if (e->self_on[0])
		return EVAL_SELF;
	return EVAL_RECORDED;
}

int eval_proposal(const evaluation *e)
{
	return e->proposed ? e->proposed : e->computed;
}

void eval_init(evaluation *e, bool org, int64_t owner, const eval_period *p)
{
	memset(e, 0, sizeof *e);
	e->org = org;
	e->owner = owner;
	e->period = *p;
	e->score = -1;
	for (int g = 0; g < EVAL_GROUPS_MAX; g++)
		e->scores[g] = -1;
}

/* ---- reading -------------------------------------------------------------- */

#define EVAL_COLUMNS                                                                               \
	"e.id, e.version, e.org_id IS NOT NULL, coalesce(e.cadre_id, e.org_id), e.period,"         \
	" coalesce(e.score, -1), e.assigned, e.on_time, e.late, e.exceeded, e.note,"               \
	" coalesce(e.computed, 0), coalesce(e.self_grade, 0), e.self_on, e.self_by,"               \
	" e.reviewed_on, e.reviewed_by, coalesce(e.proposed, 0), e.proposed_on, e.proposed_by,"    \
	" coalesce(e.grade, 0), e.decided_on, e.decided_by, e.reason,"                             \
	" coalesce(c.full_name, o.name, ''),"                                                      \
	" (SELECT group_concat(grp || ':' || points) FROM evaluation_score WHERE evaluation_id = " \
	"e.id)"
#define EVAL_FROM                                                                                  \
	" FROM evaluation e LEFT JOIN cadre c ON c.id = e.cadre_id LEFT JOIN org o ON o.id = "     \
	"e.org_id"

static void read_scores(const char *list, int *scores)
{
	for (int g = 0; g < EVAL_GROUPS_MAX; g++)
		scores[g] = -1;
	while (list && *list) {
		char *end;
		long g = strtol(list, &end, 10), v;
		if (*end != ':')
			break;
		v = strtol(end + 1, &end, 10);
		if (g >= 1 && g <= EVAL_GROUPS_MAX)
			scores[g - 1] = (int)v;
		list = *end == ',' ? end + 1 : end;
		if (*list && *list != ',' && (*list < '0' || *list > '9'))
			break;
	}
}

static void read_eval(sqlite3_stmt *st, void *p)
{
	evaluation *e = p;
	memset(e, 0, sizeof *e);
	e->id = sqlite3_column_int64(st, 0);
	e->version = sqlite3_column_int64(st, 1);
	e->org = sqlite3_column_int(st, 2);
	e->owner = sqlite3_column_int64(st, 3);
	eval_period_parse((const char *)sqlite3_column_text(st, 4), &e->period);
	e->score = sqlite3_column_int(st, 5);
	e->tasks.assigned = sqlite3_column_int(st, 6);
	e->tasks.on_time = sqlite3_column_int(st, 7);
	e->tasks.late = sqlite3_column_int(st, 8);
	e->tasks.exceeded = sqlite3_column_int(st, 9);
	store_column_copy(st, 10, e->note, sizeof e->note);
	e->computed = sqlite3_column_int(st, 11);
	e->self_grade = sqlite3_column_int(st, 12);
	store_column_copy(st, 13, e->self_on, sizeof e->self_on);
	store_column_copy(st, 14, e->self_by, sizeof e->self_by);
	store_column_copy(st, 15, e->reviewed_on, sizeof e->reviewed_on);
	store_column_copy(st, 16, e->reviewed_by, sizeof e->reviewed_by);
	e->proposed = sqlite3_column_int(st, 17);
	store_column_copy(st, 18, e->proposed_on, sizeof e->proposed_on);
	store_column_copy(st, 19, e->proposed_by, sizeof e->proposed_by);
	e->grade = sqlite3_column_int(st, 20);
	store_column_copy(st, 21, e->decided_on, sizeof e->decided_on);
	store_column_copy(st, 22, e->decided_by, sizeof e->decided_by);
	store_column_copy(st, 23, e->reason, sizeof e->reason);
	store_column_copy(st, 24, e->owner_name, sizeof e->owner_name);
	read_scores((const char *)sqlite3_column_text(st, 25), e->scores);
}

/* A rating with no evaluation of its year, read as a decided one. */
static void read_rating_as_eval(sqlite3_stmt *st, void *p)
{
	evaluation *e = p;
	char year[8];
	eval_period per;
	snprintf(year, sizeof year, "%d", sqlite3_column_int(st, 1));
	eval_period_parse(year, &per);
	eval_init(e, sqlite3_column_int(st, 3), sqlite3_column_int64(st, 0), &per);
	e->grade = sqlite3_column_int(st, 2);
	e->from_rating = true;
	store_column_copy(st, 4, e->owner_name, sizeof e->owner_name);
}

static int query_rows(store *s, const char *sql, bool org, int64_t owner, const char *period,
		      store_row_fn read, evaluation **out, size_t *n, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(s, sql, err);
	if (st) {
		sqlite3_bind_int(st, 1, org);
		sqlite3_bind_int64(st, 2, owner);
		if (period)
			store_bind_text(st, 3, period);
	}
	return store_rows(s, st, sizeof **out, read, (void **)out, n, _("Reading evaluations"),
			  err);
}

/* The owner is named by the column of its kind, never by a CASE on ?1:
 * SQLite can use the owner's index (evaluation_cadre, rating_cadre and
 * their org twins) only when the column stands alone, and without it
 * every lookup of one cadre read all the evaluations or ratings. */
#define OWNER_IS(t, col) " " t "." col " = ?2"
#define RATINGS_WITHOUT_EVAL(col)                                                                  \
	"SELECT coalesce(r.cadre_id, r.org_id), r.year, r.grade, r.org_id IS NOT NULL,"            \
	" coalesce(c.full_name, o.name, '')"                                                       \
	" FROM rating r LEFT JOIN cadre c ON c.id = r.cadre_id LEFT JOIN org o ON o.id = r.org_id" \
	" WHERE" OWNER_IS("r", col) " AND NOT EXISTS(SELECT 1 FROM evaluation e WHERE" OWNER_IS(   \
		"e", col) " AND e.period = CAST(r.year AS TEXT))"
#define EVALS_OF(col) "SELECT " EVAL_COLUMNS EVAL_FROM " WHERE" OWNER_IS("e", col)

/* The statements by kind of owner: [0] a cadre, [1] an organisation. */
static const char *const evals_of[2] = {EVALS_OF("cadre_id"), EVALS_OF("org_id")};
static const char *const eval_of_period[2] = {EVALS_OF("cadre_id") " AND e.period = ?3",
					      EVALS_OF("org_id") " AND e.period = ?3"};
static const char *const ratings_without_eval[2] = {RATINGS_WITHOUT_EVAL("cadre_id"),
						    RATINGS_WITHOUT_EVAL("org_id")};
static const char *const rating_of_period[2] = {
	RATINGS_WITHOUT_EVAL("cadre_id") " AND CAST(r.year AS TEXT) = ?3",
	RATINGS_WITHOUT_EVAL("org_id") " AND CAST(r.year AS TEXT) = ?3"};

/* The owner must lie in the reader's scope (access.h). */
static int owner_in_scope(store *s, bool org, int64_t owner, cb_error *err)
{
	return org ? store_scope_org(s, owner, err) : store_scope_cadre(s, owner, err);
}

int eval_get(store *s, bool org, int64_t owner, const char *period, evaluation *out, cb_error *err)
{
	evaluation *rows = NULL;
	size_t n = 0;
	int rc = owner_in_scope(s, org, owner, err);

	if (rc)
		return rc;
	rc = query_rows(s, eval_of_period[org], org, owner, period, read_eval, &rows, &n, err);
	if (!rc && n == 0)
		rc = query_rows(s, rating_of_period[org], org, owner, period, read_rating_as_eval,
				&rows, &n, err);
	if (!rc && n == 0)
		rc = cb_error_set(err, CB_NOT_FOUND, _("No evaluation for %s"), period);
	if (!rc)
		*out = rows[0];
	free(rows);
	return rc;
}

/* Within a year: months and dated ones, quarters, the year, then a term. */
static int period_rank(const evaluation *e)
{
	static const int rank[] = {[EVAL_TERM] = 4,
				   [EVAL_YEAR] = 3,
				   [EVAL_QUARTER] = 2,
				   [EVAL_MONTH] = 1,
				   [EVAL_ADHOC] = 1};
	return e->period.kind >= EVAL_TERM && e->period.kind <= EVAL_ADHOC ? rank[e->period.kind]
									   : 0;
}

static int history_order(const void *pa, const void *pb)
{
	const evaluation *a = pa, *b = pb;
	if (a->period.year != b->period.year)
		return a->period.year < b->period.year ? -1 : 1;
	if (period_rank(a) != period_rank(b))
		return period_rank(a) < period_rank(b) ? -1 : 1;
	return strcmp(a->period.key, b->period.key);
}

int eval_history(store *s, bool org, int64_t owner, evaluation **out, size_t *n, cb_error *err)
{
	evaluation *evals = NULL, *ratings = NULL, *all;
	size_t ne = 0, nr = 0;
	int rc = owner_in_scope(s, org, owner, err);

	*out = NULL;
	*n = 0;
	if (rc)
		return rc;
	rc = query_rows(s, evals_of[org], org, owner, NULL, read_eval, &evals, &ne, err);
	if (!rc)
		rc = query_rows(s, ratings_without_eval[org], org, owner, NULL, read_rating_as_eval,
				&ratings, &nr, err);
	if (!rc && ne + nr) {
		if (!(all = malloc((ne + nr) * sizeof *all))) {
			rc = cb_error_set(err, CB_EDB, _("Out of memory"));
		} else {
			if (ne)
				memcpy(all, evals, ne * sizeof *all);
			if (nr)
				memcpy(all + ne, ratings, nr * sizeof *all);
			qsort(all, ne + nr, sizeof *all, history_order);
			*out = all;
			*n = ne + nr;
		}
	}
	free(evals);
	free(ratings);
	return rc;
}
