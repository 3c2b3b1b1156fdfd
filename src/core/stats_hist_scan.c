/* stats_hist_scan.c - the cadres of a scope read into a histogram
 * (stats_hist.c), in parts on several threads when the database is large.
 *
 * Why: at a million cadres the walk of the index cadre_pack is most of
 * the time of the target panel and of every breakdown, and it is the
 * work of one processor while the others wait. The walk divides by unit:
 * the cadres of different units lie in different ranges of the index.
 *
 * How it stays exact:
 *  - the parts partition the scope: the whole province by ranges of
 *    c.unit_id (the first part with no lower bound, the last with no
 *    upper one: every value of the column, whatever its type, falls in
 *    exactly one); a unit interval by sub-intervals of the pre-order
 *    positions (unit.lo) that the scope's own condition compares. Where
 *    the cuts fall changes only how evenly the work divides, never which
 *    cadres are read;
 *  - every part reads the same state of the database: each thread has
 *    its own connection (one connection serves one thread at a time), and
 *    all their read transactions are begun, then checked to have begun on
 *    one snapshot (below); a commit in between and they are all begun
 *    again, and after three tries the scan is made in one walk;
 *  - each thread counts into its own histogram; they are added up at the
 *    end, and addition does not depend on the order;
 *  - whatever goes wrong on a second connection (it cannot be opened, a
 *    statement fails), the parts are dropped and the scan is made again
 *    the plain way on the store's connection, which reports any error.
 *
 * The snapshot check: PRAGMA data_version of a connection changes when it
 * begins a read after another connection committed. Each connection reads
 * it once outside a transaction, then all begin a transaction and read it
 * again inside (which begins their reads). If the last connection's two
 * values are equal, nothing was committed between its first read, made
 * before any of the transactions began, and its own begin, made after
 * all the others: every transaction began on the same snapshot. Without
 * sqlite3_snapshot_open (not in Debian's SQLite) this is how to know.
 *
 * Not split: a database in memory or temporary (no file to open twice), a
 * file opened as immutable, the store's connection inside a transaction
 * or with a statement running (another connection would not see the
 * same), a small database (the threads would cost more than they save),
 * a scope of one unit, one processor.
 *
 * The second connections stay open with the store's connection, for the
 * next counts (closed with it), idle between counts: they hold no read
 * transaction, so they do not keep a checkpoint from completing.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "access.h"
#include "i18n.h"
#include "stats_internal.h"

#define SCAN_THREADS_MAX    4
#define SCAN_PARTS_PER	    4	  /* parts per thread, for an even share */
#define SCAN_SPLIT_CADRES   32768 /* below this many cadres, one walk */
#define SCAN_SNAPSHOT_TRIES 3

int stats_hist_threads;
int stats_hist_split_scans;

/* The connections kept with the store's (the user data of the SQL
 * function canbo_scanners, freed when the store's connection closes). */
typedef struct scanners {
	sqlite3 *db[SCAN_THREADS_MAX - 1];
	int n;
} scanners;

/* One part of the scan: the whole province between two unit ids, or a
 * unit interval between two pre-order positions. */
typedef struct part {
	bool has_lo, has_hi;
	int64_t lo, hi;
} part;

/* What the threads share. */
typedef struct scan_job {
	const cadre_filter *scope;
	bool by_unit_id; /* the whole province: parts by c.unit_id */
	part *parts;
	int nparts;
	pthread_mutex_t mu;
	int next;    /* under mu: the next part to read */
	bool failed; /* under mu: a part could not be read */
	bool full;   /* under mu: a histogram cannot hold a value */
} scan_job;

typedef struct scan_thread {
	scan_job *job;
	sqlite3 *db;
	stats_hist *h;
	pthread_t id;
	bool started;
} scan_thread;

/* ---- the connections ---------------------------------------------------- */

static void scanners_destroy(void *p)
{
	scanners *sc = p;
	if (!sc)
		return;
	for (int i = 0; i < sc->n; i++)
		sqlite3_close_v2(sc->db[i]);
	free(sc);
}

static void fn_scanners(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sqlite3_result_pointer(cx, sqlite3_user_data(cx), stats_ptr_type, NULL);
}

/* The store's set of second connections, made on first use. */
static scanners *scanners_of(store *s)
{
	sqlite3 *db = store_db(s);
	sqlite3_stmt *st;
	scanners *sc = NULL, *made;

	if (sqlite3_prepare_v2(db, "SELECT canbo_scanners()", -1, &st, NULL) != SQLITE_OK) {
		if (!(made = calloc(1, sizeof *made)) ||
		    sqlite3_create_function_v2(db, "canbo_scanners", 0,
					       SQLITE_UTF8 | SQLITE_DIRECTONLY, made, fn_scanners,
					       NULL, NULL, scanners_destroy) != SQLITE_OK)
			return NULL; /* (the destructor has freed made) */
		if (sqlite3_prepare_v2(db, "SELECT canbo_scanners()", -1, &st, NULL) != SQLITE_OK)
			return NULL;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		sc = sqlite3_value_pointer(sqlite3_column_value(st, 0), stats_ptr_type);
	sqlite3_finalize(st);
	return sc;
}

/* in_scope() on a second connection: the store's scope, as
 * store_scope_register defines it on the store's own. */
static void fn_in_scope(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const store *s = sqlite3_user_data(cx);
	int64_t org = argc > 1 && sqlite3_value_type(argv[1]) != SQLITE_NULL
			      ? sqlite3_value_int64(argv[1])
			      : 0;
	sqlite3_result_int(cx, store_scope_has(s, sqlite3_value_int64(argv[0]), org));
}

/* Opens a second connection to the store's file, read-only, with the
 * functions the scan calls. NULL when it cannot. */
static sqlite3 *scanner_open(store *s, const char *path)
{
	sqlite3 *db = NULL;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) !=
		    SQLITE_OK ||
	    sqlite3_create_function_v2(db, "canbo_hist", 4, SQLITE_UTF8 | SQLITE_DIRECTONLY, NULL,
				       NULL, stats_hist_step, stats_agg_null, NULL) != SQLITE_OK ||
	    sqlite3_create_function_v2(db, "in_scope", 2, SQLITE_UTF8 | SQLITE_INNOCUOUS, s,
				       fn_in_scope, NULL, NULL, NULL) != SQLITE_OK) {
		sqlite3_close_v2(db);
		return NULL;
	}
	sqlite3_busy_timeout(db, 5000);
	return db;
}

/* How many threads apply; 1: one walk on the store's connection. */
static int threads_for(store *s)
{
	sqlite3 *db = store_db(s);
	const char *path = sqlite3_db_filename(db, "main");
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int n = stats_hist_threads > 0 ? stats_hist_threads : (int)(cpus > 1 ? cpus : 1);

	if (n > SCAN_THREADS_MAX)
		n = SCAN_THREADS_MAX;
	if (n < 2 || !path || !*path || sqlite3_uri_boolean(path, "immutable", 0) ||
	    !sqlite3_get_autocommit(db))
		return 1;
	for (sqlite3_stmt *st = sqlite3_next_stmt(db, NULL); st; st = sqlite3_next_stmt(db, st))
		if (sqlite3_stmt_busy(st))
			return 1;
	if (stats_hist_threads == 0) {
		sqlite3_stmt *st;
		int64_t ids = 0;
		if (sqlite3_prepare_v2(db, "SELECT max(id) FROM cadre", -1, &st, NULL) != SQLITE_OK)
			return 1;
		if (sqlite3_step(st) == SQLITE_ROW)
			ids = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		if (ids < SCAN_SPLIT_CADRES)
			return 1;
	}
	return n;
}

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

	job->by_unit_id = f->unit_lo == 0 && f->unit_hi == 0;
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
			part *p = &job->parts[np++];
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
static void part_sql(const scan_job *job, const part *p, stats_hist *h, sql_build *b)
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

/* Reads parts until none is left (or one failed). */
static void *scan_parts(void *arg)
{
	scan_thread *t = arg;
	scan_job *job = t->job;
	sql_build *b = malloc(sizeof *b);
	bool ok = b != NULL;

	for (;;) {
		sqlite3_stmt *st;
		int i;
		pthread_mutex_lock(&job->mu);
		job->failed |= !ok;
		job->full |= t->h->failed;
		i = job->failed || job->full || job->next >= job->nparts ? -1 : job->next++;
		pthread_mutex_unlock(&job->mu);
		if (i < 0)
			break;
		part_sql(job, &job->parts[i], t->h, b);
		ok = sql_prepare_db(t->db, b, &st) == SQLITE_OK;
		if (ok)
			ok = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_finalize(st);
	}
	if (t->h->batched)
		stats_hist_flush(t->h);
	free(b);
	return NULL;
}

/* ---- one snapshot --------------------------------------------------------- */

static int64_t data_version(sqlite3 *db)
{
	sqlite3_stmt *st;
	int64_t v = -1;
	if (sqlite3_prepare_v2(db, "PRAGMA data_version", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void end_reads(sqlite3 **db, int n)
{
	for (int i = 0; i < n; i++)
		if (!sqlite3_get_autocommit(db[i]))
			sqlite3_exec(db[i], "COMMIT", NULL, NULL, NULL);
}

/* Begins a read transaction on each connection, all on one snapshot (see
 * the top of the file); false when that could not be done. */
static bool begin_one_snapshot(sqlite3 **db, int n)
{
	int64_t before = -1, after = -2;

	for (int tries = 0; tries < SCAN_SNAPSHOT_TRIES; tries++) {
		bool ok = true;
		before = data_version(db[n - 1]);
		for (int i = 0; i < n && ok; i++) {
			ok = sqlite3_exec(db[i], "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
			after = ok ? data_version(db[i]) : -2;
			ok = after >= 0;
		}
		if (ok && before >= 0 && after == before)
			return true;
		end_reads(db, n);
	}
	return false;
}

/* ---- the departures -------------------------------------------------------- */

/* The cadres who have left the list by the scope's as_of, as a bit per
 * cadre id in *bits (the caller frees it), and h's gone_mode. Tested in
 * canbo_hist rather than by filter.c's `c.id NOT IN (SELECT ...)`, which
 * costs a look-up per cadre and a third of the walk; the same rows, read
 * on the connection `db` inside the scan's read transaction, so from the
 * same snapshot. departure.cadre_id is the table's INTEGER PRIMARY KEY:
 * never NULL, so NOT IN means "not among them". An SQLite result code. */
static int gone_load(sqlite3 *db, stats_hist *h, const cadre_filter *scope, uint8_t **bits)
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
	if (gone_load(db, h, scope, &gone) != SQLITE_OK) {
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

/* The second connections, as many as n - 1 threads need; false when
 * they cannot all be opened. */
static bool scanners_ready(store *s, scanners *sc, int n)
{
	const char *path = sqlite3_db_filename(store_db(s), "main");

	while (sc->n < n - 1) {
		sqlite3 *db = scanner_open(s, path);
		if (!db)
			return false;
		sc->db[sc->n++] = db;
	}
	return true;
}

/* Reads the parts on n threads (the caller's the first, on the store's
 * connection) into h; false when the parts could not all be read. */
static bool scan_split(store *s, stats_hist *h, scan_job *job, scanners *sc, int n)
{
	scan_thread t[SCAN_THREADS_MAX];
	stats_hist parts[SCAN_THREADS_MAX];
	sqlite3 *db[SCAN_THREADS_MAX];
	bool ok = true;

	uint8_t *gone = NULL;
	int made = 1;

	memset(t, 0, sizeof t);
	memset(parts, 0, sizeof parts);
	db[0] = store_db(s);
	for (int i = 1; i < n; i++)
		db[i] = sc->db[i - 1];
	if (!begin_one_snapshot(db, n))
		return false;
	/* the departures first: the parts copy h's settings */
	ok = gone_load(db[0], h, job->scope, &gone) == SQLITE_OK;
	while (ok && made < n && stats_hist_part(&parts[made], h))
		made++;
	if (!ok || made < n || pthread_mutex_init(&job->mu, NULL) != 0) {
		end_reads(db, n);
		for (int i = 1; i < made; i++)
			stats_hist_free(&parts[i]);
		free(gone);
		h->gone = NULL;
		return false;
	}
	for (int i = 0; i < n; i++) {
		t[i] = (scan_thread){.job = job, .db = db[i], .h = i ? &parts[i] : h};
		if (i > 0)
			t[i].started = pthread_create(&t[i].id, NULL, scan_parts, &t[i]) == 0;
	}
	scan_parts(&t[0]);
	for (int i = 1; i < n; i++)
		if (t[i].started)
			pthread_join(t[i].id, NULL);
	end_reads(db, n);
	pthread_mutex_destroy(&job->mu);
	ok = !job->failed;
	for (int i = 1; i < n; i++) {
		if (ok)
			stats_hist_merge(h, &parts[i]);
		stats_hist_free(&parts[i]);
	}
	free(gone);
	h->gone = NULL;
	return ok;
}

int stats_hist_scan(store *s, stats_hist *h, const cadre_filter *scope, cb_error *err)
{
	scan_job job = {.scope = scope};
	scanners *sc;
	int n = threads_for(s);
	bool done = false;

	if (n > 1 && (sc = scanners_of(s)) && scanners_ready(s, sc, n) &&
	    stats_sql_register(s, err) == CB_OK &&
	    (job.nparts = plan_parts(s, &job, n * SCAN_PARTS_PER)) >= 2) {
		done = scan_split(s, h, &job, sc, n);
		if (done)
			stats_hist_split_scans++;
		else
			stats_hist_reset(h); /* the parts are dropped: start again */
	}
	cb_error_clear(err);
	free(job.parts);
	if (done)
		return h->failed ? CB_NOT_FOUND : CB_OK;
	return scan_whole(s, h, scope, err);
}
