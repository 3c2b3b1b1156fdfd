/* scope_size.c - whether a unit scope holds fewer than a number of
 * cadres, without reading one index entry per cadre.
 *
 * The list chooses its plan by this answer (search.c): a scope with few
 * cadres is read through its own units and sorted, a large one by
 * walking the order's index. Counting up to the threshold (16 384) read
 * as many entries of cadre_unit: some 8.5 million instructions, half of
 * a `find --district` at a million cadres. The answer only picks a plan,
 * both plans list the same rows, so a large threshold is tested on a
 * sample: the cadres whose rank (their name's place in Vietnamese order,
 * which has nothing to do with their unit) falls in SAMPLE_WINDOWS narrow
 * windows spread evenly over the ranks, 1/SAMPLE_SHARE of the rank span
 * in all, each read through cadre_unit(unit_id, rank). The scope is taken
 * as holding the sample times SAMPLE_SHARE; the windows being spread over
 * the whole alphabet, a unit whose names cluster (a village of one
 * family) is still sampled fairly. A small threshold (the tests'), a
 * small database (ranks too close for the windows) are counted exactly.
 */
#include "scope_size.h"

#include "i18n.h"
#include "store_sql.h"

/* Up to this threshold the scope's cadres are counted one by one. */
#define SCOPE_EXACT    2048
#define SAMPLE_WINDOWS 16
#define SAMPLE_SHARE   64 /* the windows cover 1/64 of the rank span */

/* The scope's cadres with rank in [?3, ?4], counted up to ?5. */
static const char window_sql[] =
	"SELECT count(*) FROM (SELECT 1 FROM cadre WHERE unit_id IN"
	" (SELECT id FROM unit WHERE lo BETWEEN ?1 AND ?2 AND in_scope(lo, NULL))"
	" AND rank BETWEEN ?3 AND ?4 LIMIT ?5)";

/* The scope's cadres whose rank is in [from, to], counted up to cap. */
static int count_window(store *s, sqlite3_stmt *st, int64_t lo, int64_t hi, int64_t from,
			int64_t to, int64_t cap, int64_t *n, cb_error *err)
{
	int rc;
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, lo);
	sqlite3_bind_int64(st, 2, hi);
	sqlite3_bind_int64(st, 3, from);
	sqlite3_bind_int64(st, 4, to);
	sqlite3_bind_int64(st, 5, cap);
	rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	return rc == SQLITE_ROW ? CB_OK : store_fail(s, err, _("Searching"));
}

static int count_exact(store *s, int64_t lo, int64_t hi, int limit, bool *below, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(s, window_sql, err);
	int64_t n;
	if (!st)
		return CB_EDB;
	int rc = count_window(s, st, lo, hi, INT64_MIN, INT64_MAX, limit, &n, err);
	sqlite3_finalize(st);
	*below = n < limit;
	return rc;
}

int scope_size_below(store *s, int64_t lo, int64_t hi, int limit, bool *below, cb_error *err)
{
	int64_t first, last, span, width, step, need, seen = 0, n;
	sqlite3_stmt *st;
	int rc = CB_OK;

	*below = false;
	if (limit <= SCOPE_EXACT)
		return count_exact(s, lo, hi, limit, below, err);
	first = store_int(s, "SELECT min(rank) FROM cadre", 0);
	last = store_int(s, "SELECT max(rank) FROM cadre", 0);
	span = last - first;
	step = span / SAMPLE_WINDOWS;
	width = span / (SAMPLE_SHARE * SAMPLE_WINDOWS);
	if (width < 1024) /* a few thousand cadres in all: count them */
		return count_exact(s, lo, hi, limit, below, err);
	/* the sample a scope of `limit` cadres would give; once reached the
	 * scope is not narrow, and no more windows are read */
	need = ((int64_t)limit * width * SAMPLE_WINDOWS + span - 1) / span;
	if (!(st = store_prepare(s, window_sql, err)))
		return CB_EDB;
	for (int w = 0; w < SAMPLE_WINDOWS && seen < need && !rc; w++) {
		int64_t from = first + w * step + (step - width) / 2;
		rc = count_window(s, st, lo, hi, from, from + width - 1, need - seen, &n, err);
		seen += n;
	}
	sqlite3_finalize(st);
	*below = seen < need;
	return rc;
}
