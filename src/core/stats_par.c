/* stats_par.c - a read divided into parts and made on several threads,
 * each with its own connection to the same snapshot of the database: the
 * walk of the cadres (stats_hist_scan.c) and the yearly summary
 * (stats_sat_summary.c) of a large database.
 *
 * Why: at a million cadres these reads are most of the time of the
 * target panel and of every breakdown, each the work of one processor
 * while the others wait. One connection serves one thread at a time, so
 * each thread has its own.
 *
 * Every part reads the same state of the database: the read
 * transactions of all the connections are begun, then checked to have
 * begun on one snapshot; a commit in between and they are all begun
 * again, and after three tries the caller reads the plain way. The check:
 * PRAGMA data_version of a connection changes when it begins a read after
 * another connection committed. The last connection reads it once outside
 * a transaction, then all begin a transaction and read it inside (which
 * begins their reads). If the last one's two values are equal, nothing
 * was committed between its first read, made before any transaction
 * began, and its own begin, made after all the others: every transaction
 * began on the same snapshot. (sqlite3_snapshot_open, which would say it
 * directly, is not in Debian's SQLite.)
 *
 * Not divided: a database in memory or temporary (no file to open twice),
 * a file opened as immutable, the store's connection inside a
 * transaction or with a statement running (another connection would not
 * see the same), a small database (the threads would cost more than they
 * save), one processor.
 *
 * The second connections are opened for one count (its yearly records
 * and its cadres: opening one and reading the schema costs about a
 * millisecond) and closed at its end (stats_par_release, from
 * stats_sat_done): kept open longer, they could outlive the store's
 * connection, which then would not be the last to close, and so would
 * leave the write-ahead log behind instead of emptying and removing it.
 */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "access.h"
#include "stats_internal.h"

/* Below this many cadres a count takes a few milliseconds on one thread,
 * and the fixed cost of the others (a connection opened and its schema
 * read, statements prepared: 2-3 ms) would eat most of what they save. */
#define PAR_SPLIT_CADRES   131072
#define PAR_SNAPSHOT_TRIES 3

int stats_threads;
int stats_split_reads;
int stats_snapshot_retries;
void (*stats_par_between_begins)(void);

/* ---- the connections ---------------------------------------------------- */

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
 * functions the parts call. NULL when it cannot. */
static sqlite3 *reader_open(store *s, const char *path)
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

/* The second connections of the count under way (the user data of the
 * SQL function canbo_readers; its destructor closes them too, should the
 * store's connection close before stats_par_release). */
typedef struct readers {
	sqlite3 *db[STATS_PAR_MAX - 1];
	int n;
} readers;

static void readers_destroy(void *p)
{
	readers *r = p;
	if (r)
		for (int i = 0; i < r->n; i++)
			sqlite3_close_v2(r->db[i]);
	free(r);
}

static void fn_readers(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sqlite3_result_pointer(cx, sqlite3_user_data(cx), stats_ptr_type, NULL);
}

/* The store's set of second connections; with make, made if need be. */
static readers *readers_of(store *s, bool make)
{
	sqlite3 *db = store_db(s);
	sqlite3_stmt *st;
	readers *r = NULL, *made;

	if (sqlite3_prepare_v2(db, "SELECT canbo_readers()", -1, &st, NULL) != SQLITE_OK) {
		if (!make || !(made = calloc(1, sizeof *made)) ||
		    sqlite3_create_function_v2(db, "canbo_readers", 0,
					       SQLITE_UTF8 | SQLITE_DIRECTONLY, made, fn_readers,
					       NULL, NULL, readers_destroy) != SQLITE_OK)
			return NULL; /* (the destructor has freed made) */
		if (sqlite3_prepare_v2(db, "SELECT canbo_readers()", -1, &st, NULL) != SQLITE_OK)
			return NULL;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		r = sqlite3_value_pointer(sqlite3_column_value(st, 0), stats_ptr_type);
	sqlite3_finalize(st);
	return r;
}

/* The store's connection and n - 1 second ones in db[], those of the
 * count under way if it has opened them; false when they cannot all be
 * opened. */
static bool readers_open(store *s, sqlite3 **db, int n)
{
	const char *path = sqlite3_db_filename(store_db(s), "main");
	readers *r = readers_of(s, true);

	if (!r)
		return false;
	while (r->n < n - 1) {
		sqlite3 *more = reader_open(s, path);
		if (!more)
			return false;
		r->db[r->n++] = more;
	}
	db[0] = store_db(s);
	for (int i = 1; i < n; i++)
		db[i] = r->db[i - 1];
	return true;
}

void stats_par_release(store *s)
{
	readers *r = readers_of(s, false);

	if (!r)
		return;
	for (int i = 0; i < r->n; i++)
		sqlite3_close_v2(r->db[i]);
	r->n = 0;
}

int stats_par_threads(store *s, int64_t cadres)
{
	sqlite3 *db = store_db(s);
	const char *path = sqlite3_db_filename(db, "main");
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int n = stats_threads > 0 ? stats_threads : (int)(cpus > 1 ? cpus : 1);

	if (n > STATS_PAR_MAX)
		n = STATS_PAR_MAX;
	if (n < 2 || !path || !*path || sqlite3_uri_boolean(path, "immutable", 0) ||
	    !sqlite3_get_autocommit(db))
		return 1;
	for (sqlite3_stmt *st = sqlite3_next_stmt(db, NULL); st; st = sqlite3_next_stmt(db, st))
		if (sqlite3_stmt_busy(st))
			return 1;
	if (stats_threads == 0 && cadres < 0) {
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(db, "SELECT max(id) FROM cadre", -1, &st, NULL) != SQLITE_OK)
			return 1;
		if (sqlite3_step(st) == SQLITE_ROW)
			cadres = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	return stats_threads == 0 && cadres < PAR_SPLIT_CADRES ? 1 : n;
}

/* ---- one snapshot --------------------------------------------------------- */

int64_t stats_data_version(sqlite3 *db)
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
	for (int tries = 0; tries < PAR_SNAPSHOT_TRIES; tries++) {
		int64_t before = stats_data_version(db[n - 1]), after = -2;
		bool ok = before >= 0;
		for (int i = 0; i < n && ok; i++) {
			ok = sqlite3_exec(db[i], "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
			after = ok ? stats_data_version(db[i]) : -2;
			ok = after >= 0;
			if (i == 0 && stats_par_between_begins)
				stats_par_between_begins();
		}
		if (ok && after == before)
			return true;
		end_reads(db, n);
		stats_snapshot_retries++;
	}
	return false;
}

/* ---- the threads ------------------------------------------------------------ */

typedef struct par_thread {
	stats_par *p;
	int t;
	sqlite3 *db;
	pthread_t id;
	bool started;
} par_thread;

/* Reads parts until none is left, one failed or one said stop. */
static void *read_parts(void *arg)
{
	par_thread *th = arg;
	stats_par *p = th->p;
	int rc = PAR_OK;

	for (;;) {
		int i;
		pthread_mutex_lock(&p->mu);
		p->failed |= rc == PAR_FAILED;
		p->stop |= rc == PAR_STOP;
		i = p->failed || p->stop || p->next >= p->nparts ? -1 : p->next++;
		pthread_mutex_unlock(&p->mu);
		if (i < 0)
			break;
		rc = p->read(p, th->t, th->db, i);
	}
	if (p->finish)
		p->finish(p, th->t);
	return NULL;
}

bool stats_par_run(store *s, stats_par *p, int n)
{
	par_thread th[STATS_PAR_MAX];
	sqlite3 *db[STATS_PAR_MAX];
	sigset_t all, mask;
	bool blocked;

	if (n < 2 || n > STATS_PAR_MAX || p->nparts < 2 || !readers_open(s, db, n))
		return false;
	if (!begin_one_snapshot(db, n))
		return false;
	p->next = 0;
	p->failed = p->stop = false;
	if ((p->start && !p->start(p, db[0])) || pthread_mutex_init(&p->mu, NULL) != 0) {
		end_reads(db, n);
		return false;
	}
	/* the threads are made with every signal blocked, so that signals
	 * (a resized terminal, an interrupt) keep reaching the caller's
	 * thread only, whose handlers expect to run there */
	sigfillset(&all);
	blocked = pthread_sigmask(SIG_SETMASK, &all, &mask) == 0;
	for (int i = 0; i < n; i++) {
		th[i] = (par_thread){.p = p, .t = i, .db = db[i]};
		if (i > 0)
			th[i].started =
				blocked && pthread_create(&th[i].id, NULL, read_parts, &th[i]) == 0;
	}
	if (blocked)
		pthread_sigmask(SIG_SETMASK, &mask, NULL);
	read_parts(&th[0]);
	/* a part of this thread that failed or was given up (a key, through
	 * the store's progress handler: store_until) stops the others' at
	 * once, not only their next one */
	if (p->failed || p->stop)
		for (int i = 1; i < n; i++)
			if (th[i].started)
				sqlite3_interrupt(db[i]);
	for (int i = 1; i < n; i++)
		if (th[i].started)
			pthread_join(th[i].id, NULL);
		else if (p->finish)
			p->finish(p, i);
	end_reads(db, n);
	pthread_mutex_destroy(&p->mu);
	if (!p->failed)
		stats_split_reads++;
	return !p->failed;
}
