/* stats_internal.h - what the breakdowns (stats.c, stats_dim.c), the
 * targets (stats_targets*.c) and the histogram of a scope's cadres
 * (stats_hist.c) share: statement text and values built in order
 * (stats_sql.c), the per-query in-memory copy of each cadre's yearly
 * records (stats_sat.c), the histogram, and the dimensions.
 *
 * Why the copy: a breakdown by rating, or the target panel, needs every
 * counted cadre's rating and trainings of the year. Asked per row (an
 * EXISTS subquery, as filter_build writes it) that is one index search
 * per cadre. Reading the year's ratings and trainings once (through the
 * indexes rating_year and training_year, which hold all it needs) into an
 * array indexed by cadre id costs a fraction of that. The array is kept
 * for the next count only while the database is unchanged (stats_sat.c), so
 * it is never stale. The conditions written on it mean exactly what
 * filter.c's EXISTS conditions mean; the unit tests check every count
 * against filter_build's list.
 */
#ifndef CANBO_STATS_INTERNAL_H
#define CANBO_STATS_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "filter.h"
#include "stats.h"
#include "store.h"
#include "cadre_pack.h"

/* Bits of one cadre's yearly records (canbo_sat). */
#define SAT_GRADE    7u		       /* rating of the year, 0 = none */
#define SAT_TRAINED  (1u << 3)	       /* trained in the year, any kind */
#define SAT_KIND(k)  (1u << (3 + (k))) /* trained in the year in kind k (1..4) */
#define SAT_PLANNING (1u << 8)	       /* in a planning pool */

enum sat_need { SAT_NEED_RATING = 1, SAT_NEED_TRAINING = 2, SAT_NEED_PLANNING = 4 };

typedef struct stats_sat {
	uint16_t *bits; /* NULL: not loaded (ids too sparse): use subqueries */
	int64_t n;	/* bits[0..n-1] */
	bool cached;	/* bits belong to the connection's cache */
	int64_t rows;	/* entries read into it */
} stats_sat;

/* The year's records of every cadre (`need`: SAT_NEED_*): those kept from
 * the last read when the database has not changed since (stats_sat.c says
 * how that is known), else one read of each table. Leaves sat->bits NULL
 * when cadre ids are too sparse for an array. Registers the canbo_*
 * functions. Every successful load is ended by stats_sat_done before
 * anything else writes on the connection. need 0 reads nothing: a count
 * that needs no records loads them so, to keep those kept current across
 * its own temporary writes. */
int stats_sat_load(store *s, int year, int need, stats_sat *sat, cb_error *err);
void stats_sat_done(store *s, stats_sat *sat);
/* The records of `year` (0: whichever year is kept; at least `need`)
 * kept with the connection, when they are still current (the same test as
 * stats_sat_load's), without reading anything: false when none are. The
 * bits stay the cache's: good until the next load, no stats_sat_done. */
bool stats_sat_current(store *s, int year, int need, stats_sat *sat);
/* Reads them from the yearly summary into sat->bits (allocated, sat->n
 * set); CB_NOT_FOUND when the database has no summary (stats_sat_summary.c). */
int stats_sat_read_summary(store *s, int year, int need, stats_sat *sat, cb_error *err);
/* Tests: read the records themselves, never the summary. */
extern bool stats_summary_disabled;

/* ---- statement text and its values, in the order of their '?' ---------- */

#define SQL_TEXT_MAX   32768
#define SQL_VALUES_MAX 384

typedef struct sql_build {
	char text[SQL_TEXT_MAX];
	size_t len;
	bool overflow;
	int n;
	struct sql_value {
		int type; /* enum sql_type */
		int64_t i;
		char s[16];
		void *p;
	} v[SQL_VALUES_MAX];
} sql_build;

enum sql_type { SQLV_INT, SQLV_TEXT, SQLV_PTR };

void sql_put(sql_build *b, const char *text);
void sql_int(sql_build *b, int64_t i);
void sql_text(sql_build *b, const char *s);
/* A pointer value for the canbo_* functions (sqlite3_bind_pointer). */
void sql_ptr(sql_build *b, void *p);
/* Appends filter_build(f)'s conditions and values; false if it failed. */
bool sql_filter(sql_build *b, const cadre_filter *f);
/* Prepares the text (after registering the canbo_* functions on the
 * connection if needed) and binds every value. */
int sql_prepare(store *s, const sql_build *b, sqlite3_stmt **out, const char *what, cb_error *err);

/* ---- the canbo_* SQL functions (stats_sql.c) ----------------------------- */

/* Defines every canbo_* function on the connection, unless it has them. */
int stats_sql_register(store *s, cb_error *err);
/* The final of every canbo_* aggregate: they count into their pointer
 * argument and return NULL. */
void stats_agg_null(sqlite3_context *cx);
/* The steps of the canbo_tally (stats.c), canbo_targets
 * (stats_targets_count.c) and canbo_hist (stats_hist.c) aggregates. */
void stats_tally_step(sqlite3_context *cx, int argc, sqlite3_value **argv);
void stats_targets_step(sqlite3_context *cx, int argc, sqlite3_value **argv);
void stats_hist_step(sqlite3_context *cx, int argc, sqlite3_value **argv);
/* Defines canbo_satload, canbo_records and canbo_sat (stats_sat.c), the
 * last one last; an SQLite result code. */
int stats_sat_register(sqlite3 *db, int flags);

/* The latest birth date of someone who has completed `years` on `on`, as
 * ISO text (29 February becomes 28 February in a common year). */
void stats_age_bound(cb_date on, int years, char buf[11]);

/* ---- the histogram of a scope's cadres (stats_hist.c) ------------------- */

/* Columns a histogram keeps (named as in cadre; minority = not Kinh). */
enum hist_keep {
	HK_LEVEL = 1,
	HK_MANAGED = 2,
	HK_COMMITTEES = 4,
	HK_HEAD = 8,
	HK_GENDER = 16,
	HK_EDUCATION = 32,
	HK_THEORY = 64,
	HK_MINORITY = 128,
	HK_BIRTH = 256, /* set by stats_hist_fill when there are cut-offs */
};

#define STATS_HIST_MAX_CUTS 48
#define STATS_HIST_BATCH    512

/* One cadre as the walk of cadre_pack gives it to canbo_hist: its unit
 * id, packed codes and birth date, and id (stats_walk.c keeps them). */
typedef struct stats_walk_row {
	int64_t packed;
	uint32_t unit, id;
} stats_walk_row;

/* Every row of one walk, in blocks of STATS_WALK_BLOCK rows that the
 * threads of the walk take in turn, each filling its block in the index's
 * order: rows [k * STATS_WALK_BLOCK, + fill[k]) of block k. Mapped once
 * with room for as many rows as there can be cadres (ids are distinct),
 * plus a partly filled block per thread; only the pages written take
 * memory. */
#define STATS_WALK_BLOCK 16384

typedef struct stats_walk_rows {
	stats_walk_row *row;
	uint32_t *fill;
	size_t nblocks, bytes;
	_Atomic size_t next; /* blocks taken */
} stats_walk_rows;

typedef struct stats_hist {
	/* what to keep: set before stats_hist_fill */
	unsigned fields;	 /* HK_* */
	const stats_sat *sat;	 /* yearly records, with sat_mask: */
	unsigned sat_mask;	 /* the bits kept (column `sat`); 0 = none */
	bool good_only;		 /* grade bits become 1 = rated good or better */
	bool combos;		 /* store the distinct combinations only */
	const int16_t *unit_col; /* unit id -> column (NULL: all in column 0) */
	int64_t unit_n;
	int ncols;
	char cut[STATS_HIST_MAX_CUTS][12]; /* birth-date cut-offs, sorted */
	int ncut;
	int32_t cut_day[STATS_HIST_MAX_CUTS]; /* the same as YYYYMMDD */
	/* departures, set by the scan (stats_hist_scan.c): FILTER_ANY =
	 * count every cadre; 0 = only those on the list, 1 = only those who
	 * have left, by the scope's as_of: those whose bit is set in gone */
	int gone_mode;
	const uint8_t *gone;
	int64_t gone_n; /* bits of gone */
	/* set (before the scan) to keep every row of the walk in *walk as
	 * well, departed cadres included; the block this histogram's thread
	 * fills and its rows, when walk_has */
	stats_walk_rows *walk;
	size_t walk_block, walk_n;
	bool walk_has;
	bool walk_only; /* keep the rows, count nothing */
	/* the result */
	char table[48]; /* "temp.canbo_hist_..." with columns col, <kept>, [sat], n;
			 * with combos: col (the combination's number), <kept> */
	/* internal */
	uint64_t batch_key[STATS_HIST_BATCH]; /* keys waiting for their records */
	int64_t batch_id[STATS_HIST_BATCH];
	int batched;
	uint64_t pack_mask, *key, last_key, *combo_key;
	int *combo_of, ncombo;
	int64_t *n;
	size_t cap, used, last_slot;
	int log2cap;
	bool failed;
} stats_hist;

/* Keeps the columns `fields` (HK_*; more may be or'ed into h->fields
 * before stats_hist_fill), nothing else; one column (0). */
void stats_hist_init(stats_hist *h, unsigned fields);
/* Adds a birth-date cut-off; false when there are too many. */
bool stats_hist_cut(stats_hist *h, const char *iso);
/* Adds the dates filter_build(f) compares birth dates with. */
bool stats_hist_cuts_of(stats_hist *h, const cadre_filter *f);
/* Reads the cadres of `scope` (its unit interval and organisation only)
 * into the table h->table. CB_NOT_FOUND: the histogram cannot hold them
 * exactly; count the plain way. */
int stats_hist_fill(store *s, stats_hist *h, const cadre_filter *scope, cb_error *err);
void stats_hist_free(stats_hist *h);

/* Counts one cadre of the walk (what canbo_hist does with its arguments). */
void stats_hist_add(stats_hist *h, int64_t unit, int64_t packed, int64_t id);

/* ---- reading the cadres into a histogram (stats_hist_scan.c) ------------ */

/* Reads the cadres of `scope` into h's counts: from the rows of the last
 * walk kept in memory when they are still those of the database
 * (stats_walk.c), else from the database. CB_NOT_FOUND as stats_hist_fill. */
int stats_hist_scan(store *s, stats_hist *h, const cadre_filter *scope, cb_error *err);
/* From the database: in parts on several threads, each on its own
 * connection to the same snapshot of the file, when the database is large
 * enough and that applies, else in one walk. With h->walk set, keeps the
 * rows there too (incomplete when the read fails or h->failed). */
int stats_hist_read(store *s, stats_hist *h, const cadre_filter *scope, cb_error *err);
/* The cadres who have left the list by the scope's as_of, as a bit per
 * cadre id in *bits (the caller frees it), and h's gone_mode; read on db.
 * An SQLite result code. */
int stats_hist_gone(sqlite3 *db, stats_hist *h, const cadre_filter *scope, uint8_t **bits);
/* Keeps a row of the walk in h->walk (canbo_hist calls it when h->walk
 * is set): false when it cannot be kept exactly (stats_walk.c). */
bool stats_walk_put(stats_hist *h, int64_t unit, int64_t packed, int64_t id);
/* Forgets the rows of a walk, keeping its room. */
void stats_walk_reset(stats_walk_rows *w);

/* ---- the walk kept in memory between counts (stats_walk.c) --------------- */

/* Defines canbo_walks, the connection's kept walk (an SQLite result code). */
int stats_walk_register(sqlite3 *db, int flags);
/* The count is over: the kept walk takes its temporary writes into its
 * stamp (stats_sat_done calls it). */
void stats_walk_done(store *s);
/* Tests: how many counts were served from a kept walk, how many walks were
 * kept. */
extern int stats_walk_hits, stats_walk_fills;
/* The statement that reads the cadres of `scope` (its unit interval,
 * organisation and departures only) into h (stats_hist.c). */
void stats_hist_scan_sql(stats_hist *h, const cadre_filter *scope, sql_build *b);
/* Adds the keys still waiting for their yearly records. */
void stats_hist_flush(stats_hist *h);
/* An empty histogram that keeps what h keeps (free with stats_hist_free);
 * false when out of memory. */
bool stats_hist_part(stats_hist *part, const stats_hist *h);
/* Empties h's counts, keeping what it keeps. */
void stats_hist_reset(stats_hist *h);
/* Adds part's counts to into's (into->failed when either failed). */
void stats_hist_merge(stats_hist *into, const stats_hist *part);

/* ---- a read in parts on several threads (stats_par.c) ------------------- */

#define STATS_PAR_MAX 4 /* threads at most */

enum { PAR_OK, PAR_FAILED, PAR_STOP };

/* A read divided into nparts parts, which threads take in turn, each
 * thread t (0: the caller's, on the store's connection) on its own
 * connection, all inside read transactions on one snapshot. */
typedef struct stats_par {
	int nparts;
	void *ctx;
	/* optional: on the store's connection once the snapshot is begun,
	 * before any part; false: give up */
	bool (*start)(struct stats_par *p, sqlite3 *db);
	/* reads part i: PAR_OK, PAR_FAILED (every part is dropped) or
	 * PAR_STOP (no more parts are begun: the read is over) */
	int (*read)(struct stats_par *p, int t, sqlite3 *db, int i);
	/* optional: after thread t's last part */
	void (*finish)(struct stats_par *p, int t);
	/* the threads' */
	pthread_mutex_t mu;
	int next;
	bool failed, stop;
} stats_par;

/* How many threads a read of the cadres should use: 1 = read the plain
 * way (stats_par.c says when). cadres: how many there are, or -1 to look. */
int stats_par_threads(store *s, int64_t cadres);
/* Runs p on n threads; false when it could not read every part (then the
 * caller drops what the parts counted and reads the plain way). The
 * second connections stay open for the next read of the same count. */
bool stats_par_run(store *s, stats_par *p, int n);
/* Closes them: the count is over (stats_sat_done calls it). */
void stats_par_release(store *s);
/* Tests: the threads to use whatever the size of the database (0: as
 * many as apply, only on a large database); how many reads were made in
 * parts and how many times the snapshots were begun again; a function
 * called after the first connection has begun its read. */
extern int stats_threads;
extern int stats_split_reads;
extern int stats_snapshot_retries;
extern void (*stats_par_between_begins)(void);

/* Prepares b's text on a connection other than the store's and binds its
 * values; an SQLite result code (stats_sql.c). */
int sql_prepare_db(sqlite3 *db, const sql_build *b, sqlite3_stmt **out);
/* Binds b's values to st, prepared from b's text; an SQLite result code. */
int sql_bind_all(sqlite3_stmt *st, const sql_build *b);

/* One entry of a filled histogram: how many cadres, their column, their
 * kept record bits, and (with combos) the number of their combination,
 * the table row whose col is that number. */
typedef struct stats_hist_row {
	int64_t n;
	int col;
	unsigned sat;
	int combo;
} stats_hist_row;

/* The entries one by one: start with *i = 0; false at the end. */
bool stats_hist_entry(const stats_hist *h, size_t *i, stats_hist_row *out);
/* The columns filter_build(f)'s conditions read, as far as a histogram
 * keeps them (a condition on any other column fails to prepare on it). */
unsigned stats_hist_fields_of(const cadre_filter *f);

/* The pointer argument of an aggregate step, looked up once per
 * aggregate (sqlite3_value_pointer compares its type name on every call)
 * and kept in the aggregate's context. */
void *stats_agg_ptr(sqlite3_context *cx, sqlite3_value *v);

/* The pointer type of canbo_* arguments. */
extern const char stats_ptr_type[];

/* ---- the dimensions (stats_dim.c) ---------------------------------------- */

/* The values of a dimension in display order. */
void stats_axis_build(stats_axis *a, int dim, const stats_query *q);
/* The coded list (enum model_enum, list_sql.h) a dimension breaks down
 * by, or -1: no histogram keeps those. */
int stats_dim_list(int dim);
/* The yearly records a dimension reads: SAT_NEED_* and the SAT_* bits. */
int stats_dim_needs(int dim);
unsigned stats_dim_sat(const stats_query *q, int dim);
/* Appends a dimension's code per cadre (the code of its axis value) as an
 * SQL expression on cadre c; yearly records from sat's array when it is
 * loaded, else by subqueries. */
void stats_dim_expr(const stats_query *q, int dim, stats_sat *sat, sql_build *b);
/* The same on a histogram's row c, with the histogram columns it reads
 * (HK_*) and the birth-date cut-offs it needs (false: too many). */
void stats_dim_hist_expr(const stats_query *q, int dim, sql_build *b);
unsigned stats_dim_fields(int dim);
bool stats_dim_cuts(const stats_query *q, int dim, stats_hist *h);

/* ---- the years-to-retirement dimension (stats_retire.c) ----------------- */

int stats_retire_prepare(stats_query *q, const cfg *c, cb_error *err);
void stats_retire_axis(stats_axis *a, const stats_query *q);
void stats_retire_apply(const stats_query *q, int code, cadre_filter *f);
void stats_retire_expr(const stats_query *q, sql_build *b);
bool stats_retire_cuts(const stats_query *q, stats_hist *h);

/* ---- the score-band dimension (stats_score.c) ---------------------------- */

int stats_score_prepare(stats_query *q, const cfg *c, cb_error *err);
void stats_score_axis(stats_axis *a, const stats_query *q);
void stats_score_apply(const stats_query *q, int code, cadre_filter *f);
void stats_score_expr(const stats_query *q, sql_build *b);

#endif
