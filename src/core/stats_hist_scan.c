/* stats_hist_scan.c - the cadres of a scope read into a histogram
 * (stats_hist.c), in parts on several threads when the database is large
 * (stats_par.c).
 *
 * The walk of the index cadre_pack divides by unit: the cadres of
 * different units lie in different ranges of the index. The parts
 * partition the scope: the whole province (or a scope by the units of a
 * past date) by ranges of c.unit_id (the first part with no lower bound,
 * the last with no upper one: every value of the column, whatever its
 * type, falls in exactly one); a unit interval by sub-intervals of the
 * pre-order positions (unit.lo) that the scope's own condition compares. Where the cuts fall
 * changes only how evenly the work divides, never which cadres are read. Each thread counts into
 * its own histogram; they are added up at the end, and addition does not depend on the order.
 * Whatever goes wrong in a part, every part is dropped and the scan is made again the plain way on
 * the store's connection, which reports any error.
 */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "stats_internal.h"

#define SCAN_PARTS_PER 4 /* parts per thread, for an even share */
#define SCAN_STMTS     3 /* the texts of the parts: first, middle, last */

/* One part of the scan: the whole province between two unit ids, or a
 * unit interval between two pre-order positions. */
typedef struct scan_part {
	bool has_lo, has_hi;
	int64_t lo, hi;
} scan_part;

/* What the threads share (the stats_par's ctx). */
typedef struct scan_job {
	const cadre_filter *scope;
	stats_hist *h;			/* thread 0's */
	stats_hist part[STATS_PAR_MAX]; /* the other threads' */
	int n;				/* threads */
	int made;			/* part[1 .. made-1] are made */
	bool by_unit_id;		/* the whole province: parts by c.unit_id */
	struct scan_part *parts;
	uint8_t *gone;		     /* the departures' bits */
	sql_build *b[STATS_PAR_MAX]; /* each thread's statement */
	/* each thread's statements, kept for its next parts: they differ
	 * in their values, and at most in their bounds (first, last) */
	sqlite3_stmt *st[STATS_PAR_MAX][SCAN_STMTS];
} scan_job;

/* ---- the parts ---------------------------------------------------------- */

/* The parts of the scope: nparts groups of consecutive units (by id for
 * the whole province, by position within the scope's interval), each
 * part from its first unit to the next part's first. 0 when there is
 * nothing to divide. */
static int plan_parts(store *s, scan_job *job, int want)
{
	const cadre_filter *f = job->scope;
	sqlite3_stmt *st;
	int64_t *at = NULL;
	size_t n = 0, cap = 0;
	int np = 0;

	/* by the units of a past date, a cadre's unit is a subquery's, which
	 * no index serves: parts by the interval would each walk every cadre,
	 * parts by c.unit_id divide the walk (with the scope's condition
	 * whole in each) */
	job->by_unit_id = (f->unit_lo == 0 && f->unit_hi == 0) || f->unit_history;
	if (!job->by_unit_id && (f->unit_lo < 1 || f->unit_hi < f->unit_lo))
		return 0;
	if (sqlite3_prepare_v2(store_db(s),
			       job->by_unit_id
				       ? "SELECT id FROM unit ORDER BY id"
				       : "SELECT lo FROM unit WHERE lo BETWEEN ? AND ? ORDER BY lo",
			       -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_int64(st, 1, f->unit_lo);
	sqlite3_bind_int64(st, 2, f->unit_hi);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t v = sqlite3_column_int64(st, 0);
		if (n && v == at[n - 1])
			continue;
		if (n == cap) {
			int64_t *grown = realloc(at, (cap = cap ? 2 * cap : 256) * sizeof *at);
			if (!grown) {
				n = 0;
				break;
			}
			at = grown;
		}
		at[n++] = v;
	}
	sqlite3_finalize(st);
	if ((size_t)want > n)
		want = (int)n;
	if (want >= 2 && (job->parts = calloc((size_t)want, sizeof *job->parts))) {
		for (int i = 0; i < want; i++) {
			scan_part *p = &job->parts[np++];
			p->has_lo = i > 0 || !job->by_unit_id;
			p->lo = i > 0 ? at[n * (size_t)i / (size_t)want] : f->unit_lo;
			p->has_hi = i + 1 < want || !job->by_unit_id;
			/* by id: below the next part's first; by position:
			 * up to the position before it (BETWEEN is inclusive) */
			p->hi = i + 1 < want ? at[n * (size_t)(i + 1) / (size_t)want] -
						       (job->by_unit_id ? 0 : 1)
					     : f->unit_hi;
		}
	}
	free(at);
	return np;
}

/* The statement of part p, counting into h. */
static void part_sql(const scan_job *job, const scan_part *p, stats_hist *h, sql_build *b)
{
	cadre_filter f = *job->scope;

	b->len = 0;
	b->n = 0;
	b->overflow = false;
	b->text[0] = '\0';
	if (!job->by_unit_id) {
		f.unit_lo = p->lo;
		f.unit_hi = p->hi;
	}
	stats_hist_scan_sql(h, &f, b);
	if (job->by_unit_id && p->has_lo) {
		sql_put(b, " AND c.unit_id >= ?");
		sql_int(b, p->lo);
	}
	if (job->by_unit_id && p->has_hi) {
		sql_put(b, " AND c.unit_id < ?");
		sql_int(b, p->hi);
	}
}

/* Thread t's statement of the text in b, prepared once and bound anew
 * for each part; NULL when it cannot be. */
static sqlite3_stmt *part_stmt(scan_job *job, int t, sqlite3 *db)
{
	const sql_build *b = job->b[t];
	sqlite3_stmt **st = job->st[t];
	int k = 0;

	while (k < SCAN_STMTS && st[k] && strcmp(sqlite3_sql(st[k]), b->text) != 0)
		k++;
	if (k == SCAN_STMTS)
		return NULL;
	if (!st[k])
		return sql_prepare_db(db, b, &st[k]) == SQLITE_OK ? st[k] : NULL;
	return sql_bind_all(st[k], b) == SQLITE_OK ? st[k] : NULL;
}

/* Part i, on thread t's connection, into thread t's histogram. */
static int read_part(stats_par *p, int t, sqlite3 *db, int i)
{
	scan_job *job = p->ctx;
	stats_hist *h = t ? &job->part[t] : job->h;
	sqlite3_stmt *st;
	bool ok;

	part_sql(job, &job->parts[i], h, job->b[t]);
	ok = !job->b[t]->overflow && (st = part_stmt(job, t, db)) != NULL;
	if (ok) {
		ok = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_reset(st);
	}
	return !ok ? PAR_FAILED : h->failed ? PAR_STOP : PAR_OK;
}

static void finish_parts(stats_par *p, int t)
{
	scan_job *job = p->ctx;
	stats_hist *h = t ? &job->part[t] : job->h;
	if (t < job->made && h->batched)
		stats_hist_flush(h);
	for (int k = 0; k < SCAN_STMTS; k++) {
		sqlite3_finalize(job->st[t][k]); /* before its connection ends its read */
		job->st[t][k] = NULL;
	}
}

/* ---- the departures -------------------------------------------------------- */

/* The cadres who have left the list by the scope's as_of, as a bit per
 * cadre id in *bits (the caller frees it), and h's gone_mode. Tested in
 * canbo_hist rather than by filter.c's `c.id NOT IN (SELECT ...)`, which
 * costs a look-up per cadre and a third of the walk; the same rows, read
 * on the connection `db` inside the scan's read transaction, so from the
 * same snapshot. departure.cadre_id is the table's INTEGER PRIMARY KEY:
 * never NULL, so NOT IN means "not among them". An SQLite result code. */
int stats_hist_gone(sqlite3 *db, stats_hist *h, const cadre_filter *scope, uint8_t **bits)
{
	sqlite3_stmt *st;
	int64_t *ids = NULL, max = -1;
	size_t n = 0, cap = 0;
	char iso[11];
	int rc;

	*bits = NULL;
	h->gone_mode = FILTER_ANY;
	h->gone = NULL;
	h->gone_n = 0;
	if (scope->departed == FILTER_ANY)
		return SQLITE_OK;
	date_format_iso(scope->as_of, iso);
	if ((rc = sqlite3_prepare_v2(db, "SELECT cadre_id FROM departure WHERE left_on <= ?", -1,
				     &st, NULL)) != SQLITE_OK)
		return rc;
	sqlite3_bind_text(st, 1, iso, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (id < 0)
			continue; /* no cadre has it */
		if (n == cap) {
			int64_t *grown = realloc(ids, (cap = cap ? 2 * cap : 256) * sizeof *ids);
			if (!grown) {
				rc = SQLITE_NOMEM;
				break;
			}
			ids = grown;
		}
		ids[n++] = id;
		if (id > max)
			max = id;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	if (rc == SQLITE_OK && (n > 0 || scope->departed)) {
		h->gone_mode = scope->departed ? 1 : 0;
		h->gone_n = max + 1;
		if (n > 0 && !(*bits = calloc((size_t)(max / 8 + 1), 1)))
			rc = SQLITE_NOMEM;
		for (size_t i = 0; i < n && *bits; i++)
			(*bits)[ids[i] >> 3] |= (uint8_t)(1u << (ids[i] & 7));
		h->gone = *bits;
	}
	free(ids);
	return rc;
}

/* ---- the scan --------------------------------------------------------------- */

/* The plain scan: the departures and one statement on the store's
 * connection, in one read transaction (unless one is open already). */
static int scan_whole(store *s, stats_hist *h, const cadre_filter *scope, cb_error *err)
{
	sqlite3 *db = store_db(s);
	sql_build *b = calloc(1, sizeof *b);
	sqlite3_stmt *st = NULL;
	uint8_t *gone = NULL;
	bool began = false;
	int rc;

	if (!b)
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	if (sqlite3_get_autocommit(db))
		began = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
	if (stats_hist_gone(db, h, scope, &gone) != SQLITE_OK) {
		rc = store_fail(s, err, _("Counting cadres"));
	} else {
		stats_hist_scan_sql(h, scope, b);
		rc = sql_prepare(s, b, &st, _("Counting cadres"), err);
		if (rc) {
			cb_error_clear(err);
			rc = CB_NOT_FOUND;
		} else {
			rc = sqlite3_step(st) == SQLITE_ROW
				     ? CB_OK
				     : store_fail(s, err, _("Counting cadres"));
			sqlite3_finalize(st);
		}
	}
	if (began)
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	free(b);
	if (h->batched)
		stats_hist_flush(h);
	free(gone);
	h->gone = NULL;
	if (!rc && h->failed)
		rc = CB_NOT_FOUND;
	return rc;
}

/* After the snapshot is begun: the departures (in it), then each
 * thread's histogram, which copies h's settings. */
static bool start_parts(stats_par *p, sqlite3 *db)
{
	scan_job *job = p->ctx;

	if (stats_hist_gone(db, job->h, job->scope, &job->gone) != SQLITE_OK)
		return false;
	for (job->made = 1; job->made < job->n; job->made++)
		if (!stats_hist_part(&job->part[job->made], job->h))
			return false;
	return true;
}

/* The scan in parts on n threads; false when it could not be made (h
 * then counts nothing). */
static bool scan_split(store *s, stats_hist *h, const cadre_filter *scope, int n)
{
	scan_job job = {.scope = scope, .h = h, .n = n};
	stats_par p = {
		.ctx = &job, .start = start_parts, .read = read_part, .finish = finish_parts};
	cb_error err;
	bool ok = stats_sql_register(s, &err) == CB_OK;

	for (int t = 0; t < n && ok; t++)
		ok = (job.b[t] = malloc(sizeof *job.b[t])) != NULL;
	if (ok)
		p.nparts = plan_parts(s, &job, n * SCAN_PARTS_PER);
	ok = ok && p.nparts >= 2 && stats_par_run(s, &p, n);
	for (int t = 1; t < job.made; t++) {
		if (ok)
			stats_hist_merge(h, &job.part[t]);
		stats_hist_free(&job.part[t]);
	}
	for (int t = 0; t < n; t++)
		free(job.b[t]);
	free(job.parts);
	free(job.gone);
	h->gone = NULL;
	if (!ok)
		stats_hist_reset(h); /* and the rows kept (stats_walk_reset) */
	return ok;
}

int stats_hist_read(store *s, stats_hist *h, const cadre_filter *scope, cb_error *err)
{
	int n = stats_par_threads(s, -1);

	if (n > 1 && scan_split(s, h, scope, n))
		return h->failed ? CB_NOT_FOUND : CB_OK;
	return scan_whole(s, h, scope, err);
}
