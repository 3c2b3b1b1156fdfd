/* stats_walk.c - the last walk of the cadres kept in memory, so that the
 * next count of the same scope loops over memory instead of walking the
 * index again.
 *
 * Why: on the breakdowns screen and the target panel every key that
 * changes a dimension, the population or the year counts the same scope
 * again; at a million cadres SQLite's cost per index entry is most of
 * each of those keys. What canbo_hist receives for each cadre (unit id,
 * packed codes and birth date, id: stats_walk_row, 16 bytes) is all a
 * count reads of the walk, so those rows, kept, give the same histogram.
 *
 * The walk is kept by stats_walk_prefetch, which a screen calls while the
 * keyboard rests: a count never pays for the copy (a count that finds
 * none walks the index as it always did), and a one-shot command never
 * keeps one (stats_keep_walks is off unless a screen turns it on).
 *
 * When the kept rows are used: outside a transaction, for a walk of the
 * same statement (its text and values: the same scope), and only while
 * the database is the one walked. That is known as for the yearly records
 * (stats_sat.c): PRAGMA data_version (another connection committed) and
 * sqlite3_total_changes64 (this connection wrote), both unchanged since
 * the walk; plus the reader's scope (store_scope_generation), which
 * in_scope() reads. The count's own temporary tables are taken into the
 * stamp at its end (stats_walk_done, from stats_sat_done).
 *
 * Departures are not kept: they are read at each count, inside a read
 * transaction whose data_version must still be the walk's, so they come
 * from the very state of the database the rows were walked in. When it is
 * not (another process committed meanwhile), the count walks the database.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include "access.h"
#include "i18n.h"
#include "scope_size.h"
#include "stats_internal.h"
#include "store_sql.h"
#include "store_until.h"
#include "units.h"

int stats_walk_hits, stats_walk_fills;
bool stats_walk_keep;

/* The walk kept with a connection (the user data of canbo_walks). */
typedef struct walk_cache {
	bool valid;
	bool live; /* served the count under way: restamp at its end */
	int64_t version, changes;
	unsigned long scope_generation;
	sql_build *key; /* the walk's statement (its pointer value aside) */
	stats_walk_rows rows;
} walk_cache;

/* ---- the rows' room -------------------------------------------------------- */

void stats_walk_reset(stats_walk_rows *w)
{
	size_t used = atomic_load(&w->next);
	if (w->fill)
		memset(w->fill, 0, (used < w->nblocks ? used : w->nblocks) * sizeof *w->fill);
	atomic_store(&w->next, 0);
}

static void rows_unmap(stats_walk_rows *w)
{
	if (w->row)
		munmap(w->row, w->bytes);
	free(w->fill);
	w->row = NULL;
	w->fill = NULL;
	w->nblocks = w->bytes = 0;
	atomic_store(&w->next, 0);
}

/* Room for the rows of `cadres` cadres walked by up to STATS_PAR_MAX
 * threads, kept when there is enough already. Mapped rather than
 * allocated: the pages never written take no memory, and a mapping may
 * be asked for large pages, which the walk then fills with a few faults
 * instead of one per 4 KiB (a tenth of the walk's time otherwise). */
static bool rows_map(stats_walk_rows *w, size_t cadres)
{
	size_t nblocks = cadres / STATS_WALK_BLOCK + 1 + STATS_PAR_MAX;
	void *p;

	stats_walk_reset(w);
	if (w->row && w->nblocks >= nblocks)
		return true;
	rows_unmap(w);
	if (nblocks > SIZE_MAX / STATS_WALK_BLOCK / sizeof *w->row)
		return false;
	w->bytes = nblocks * STATS_WALK_BLOCK * sizeof *w->row;
	p = mmap(NULL, w->bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED || !(w->fill = calloc(nblocks, sizeof *w->fill))) {
		if (p != MAP_FAILED)
			munmap(p, w->bytes);
		w->bytes = 0;
		return false;
	}
#ifdef MADV_HUGEPAGE
	madvise(p, w->bytes, MADV_HUGEPAGE);
#endif
	w->row = p;
	w->nblocks = nblocks;
	return true;
}

/* A row of the walk into h's block (taking another when it is full):
 * false when it cannot be kept exactly. */
bool stats_walk_put(stats_hist *h, int64_t unit, int64_t packed, int64_t id)
{
	stats_walk_rows *w = h->walk;

	if (unit < 0 || unit > UINT32_MAX || id < 0 || id > UINT32_MAX)
		return false;
	if (!h->walk_has || h->walk_n == STATS_WALK_BLOCK) {
		h->walk_block = atomic_fetch_add(&w->next, 1);
		h->walk_n = 0;
		h->walk_has = true;
		if (h->walk_block >= w->nblocks)
			return false; /* more rows than cadres: cannot happen */
	}
	w->row[h->walk_block * STATS_WALK_BLOCK + h->walk_n] =
		(stats_walk_row){.packed = packed, .unit = (uint32_t)unit, .id = (uint32_t)id};
	w->fill[h->walk_block] = (uint32_t)++h->walk_n;
	return true;
}

/* ---- the walk kept with a connection ----------------------------------------- */

static void cache_clear(walk_cache *c)
{
	stats_walk_reset(&c->rows);
	c->valid = c->live = false;
}

static void cache_destroy(void *p)
{
	walk_cache *c = p;
	if (c) {
		rows_unmap(&c->rows);
		free(c->key);
	}
	free(c);
}

static void fn_walks(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sqlite3_result_pointer(cx, sqlite3_user_data(cx), stats_ptr_type, NULL);
}

int stats_walk_register(sqlite3 *db, int flags)
{
	return sqlite3_create_function_v2(db, "canbo_walks", 0, flags,
					  calloc(1, sizeof(walk_cache)), fn_walks, NULL, NULL,
					  cache_destroy);
}

static walk_cache *cache_of(store *s)
{
	sqlite3_stmt *st;
	walk_cache *c = NULL;
	if (sqlite3_prepare_v2(store_db(s), "SELECT canbo_walks()", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	if (sqlite3_step(st) == SQLITE_ROW)
		c = sqlite3_value_pointer(sqlite3_column_value(st, 0), stats_ptr_type);
	sqlite3_finalize(st);
	return c;
}

void stats_keep_walks(store *s, bool keep)
{
	walk_cache *c;

	stats_walk_keep = keep;
	if (!keep && s && (c = cache_of(s))) {
		cache_clear(c);
		rows_unmap(&c->rows);
	}
}

bool stats_walks_kept(void)
{
	return stats_walk_keep;
}

/* ---- the statement a walk is known by ------------------------------------ */

/* Its statement, as stats_hist_read would make it for a whole walk. */
static void walk_key(const cadre_filter *scope, sql_build *b)
{
	stats_walk_rows none = {0};
	stats_hist h;

	stats_hist_init(&h, 0);
	h.walk = &none;
	memset(b, 0, offsetof(sql_build, v));
	stats_hist_scan_sql(&h, scope, b);
}

static bool same_key(const sql_build *a, const sql_build *b)
{
	if (a->overflow || b->overflow || a->n != b->n || strcmp(a->text, b->text) != 0)
		return false;
	for (int i = 0; i < a->n; i++) {
		const struct sql_value *x = &a->v[i], *y = &b->v[i];
		if (x->type != y->type || (x->type == SQLV_INT && x->i != y->i) ||
		    (x->type == SQLV_TEXT && strcmp(x->s, y->s) != 0))
			return false;
	}
	return true;
}

/* ---- keeping a walk ------------------------------------------------------- */

/* Walks the database for `scope` (h counts nothing: walk_only), keeping
 * the rows in c, stamped with version (read before the walk: a commit
 * after it makes the stamp older than the rows, never newer) and changes.
 * CB_NOT_FOUND: nothing could be kept. */
static int fill(store *s, walk_cache *c, stats_hist *h, const cadre_filter *scope, int64_t version,
		int64_t changes, cb_error *err)
{
	sqlite3_stmt *st;
	int64_t max = -1;
	int rc;

	cache_clear(c);
	if (sqlite3_prepare_v2(store_db(s), "SELECT coalesce(max(id), 0) FROM cadre", -1, &st,
			       NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		max = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	/* ids above 2^32 are never kept (stats_walk_put) */
	if (max < 0 || max > UINT32_MAX || !rows_map(&c->rows, (size_t)max + 1))
		return CB_NOT_FOUND;
	h->walk = &c->rows;
	rc = stats_hist_read(s, h, scope, err);
	h->walk = NULL;
	if (rc || h->failed) {
		cache_clear(c);
		return rc ? rc : CB_NOT_FOUND;
	}
	c->valid = true;
	c->version = version;
	c->changes = changes;
	c->scope_generation = store_scope_generation();
	stats_walk_fills++;
	return CB_OK;
}

/* ---- counting the kept rows ------------------------------------------------- */

/* Below this many rows the threads would cost more than they save. */
#define REPLAY_SPLIT_ROWS 131072

/* What one thread counts: blocks from..to-1 of w into h. */
typedef struct replay_part {
	const stats_walk_rows *w;
	size_t from, to;
	stats_hist *h;
	pthread_t id;
	bool started;
} replay_part;

static void *replay_blocks(void *arg)
{
	replay_part *p = arg;
	stats_hist *h = p->h;

	for (size_t k = p->from; k < p->to && !h->failed; k++) {
		const stats_walk_row *r = &p->w->row[k * STATS_WALK_BLOCK];
		for (size_t j = 0; j < p->w->fill[k] && !h->failed; j++)
			stats_hist_add(h, r[j].unit, r[j].packed, r[j].id);
	}
	if (h->batched && !h->failed)
		stats_hist_flush(h);
	return NULL;
}

/* How many threads count the rows: as the walk itself is divided
 * (stats_par.c), at most one per processor. */
static int replay_threads(size_t used)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int n = stats_threads > 0 ? stats_threads : (int)(cpus > 1 ? cpus : 1);

	if (stats_threads == 0 && used * STATS_WALK_BLOCK < REPLAY_SPLIT_ROWS)
		return 1;
	if (n > STATS_PAR_MAX)
		n = STATS_PAR_MAX;
	return (size_t)n > used ? (int)(used ? used : 1) : n;
}

/* Counts blocks 0..used-1 into h: on several threads, each into a
 * histogram of its own added into h at the end (addition does not depend
 * on the order), when there are enough rows; else on this one. */
static void count_rows(const stats_walk_rows *w, size_t used, stats_hist *h)
{
	replay_part part[STATS_PAR_MAX];
	stats_hist extra[STATS_PAR_MAX];
	int n = replay_threads(used), made = 1;
	sigset_t all, mask;
	bool blocked;

	for (int t = 0; t < n; t++)
		part[t] = (replay_part){.w = w,
					.from = used * (size_t)t / (size_t)n,
					.to = used * (size_t)(t + 1) / (size_t)n,
					.h = t ? &extra[t] : h};
	for (; made < n; made++)
		if (!stats_hist_part(&extra[made], h))
			break;
	if (made < n) { /* out of memory: all on this thread */
		for (int t = 1; t < made; t++)
			stats_hist_free(&extra[t]);
		part[0].to = used;
		made = n = 1;
	}
	/* every signal blocked in the threads: they keep reaching this one */
	sigfillset(&all);
	blocked = n > 1 && pthread_sigmask(SIG_SETMASK, &all, &mask) == 0;
	for (int t = 1; t < n; t++)
		part[t].started =
			blocked && pthread_create(&part[t].id, NULL, replay_blocks, &part[t]) == 0;
	if (blocked)
		pthread_sigmask(SIG_SETMASK, &mask, NULL);
	replay_blocks(&part[0]);
	for (int t = 1; t < n; t++) {
		if (part[t].started)
			pthread_join(part[t].id, NULL);
		else
			replay_blocks(&part[t]);
		stats_hist_merge(h, &extra[t]);
		stats_hist_free(&extra[t]);
	}
}

/* Counts the kept rows into h, with the departures read now on the
 * store's connection from a state whose data_version is the walk's;
 * CB_NOT_FOUND when the state is no longer it (nothing counted). */
static int replay(store *s, walk_cache *c, stats_hist *h, const cadre_filter *scope, cb_error *err)
{
	sqlite3 *db = store_db(s);
	const stats_walk_rows *w = &c->rows;
	size_t used = atomic_load(&w->next);
	uint8_t *gone = NULL;
	int rc = CB_OK;

	if (used > w->nblocks)
		used = w->nblocks;
	if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(s, err, _("Counting cadres"));
	if (stats_data_version(db) != c->version)
		rc = CB_NOT_FOUND; /* another process committed since the walk */
	else if (stats_hist_gone(db, h, scope, &gone) != SQLITE_OK)
		rc = store_fail(s, err, _("Counting cadres"));
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	if (rc) {
		free(gone);
		h->gone = NULL;
		h->gone_mode = FILTER_ANY;
		return rc;
	}
	count_rows(w, used, h);
	free(gone);
	h->gone = NULL;
	return h->failed ? CB_NOT_FOUND : CB_OK;
}

/* ---- the count ------------------------------------------------------------- */

/* The kept walk of `scope` when it is current, with its statement in
 * *key (the caller frees it; NULL when nothing can be kept: then the
 * database is walked). NULL also when none is. */
static walk_cache *current(store *s, const cadre_filter *scope, sql_build **key, int64_t *version,
			   int64_t *changes, cb_error *err)
{
	sqlite3 *db = store_db(s);
	walk_cache *c;

	*key = NULL;
	if (!stats_walk_keep || !sqlite3_get_autocommit(db) || stats_sql_register(s, err) ||
	    !(c = cache_of(s)) || !(*key = malloc(sizeof **key)))
		return NULL;
	walk_key(scope, *key);
	*version = stats_data_version(db);
	*changes = sqlite3_total_changes64(db);
	if ((*key)->overflow || *version < 0) {
		free(*key);
		*key = NULL;
		return NULL;
	}
	if (c->valid && c->version == *version && c->changes == *changes &&
	    c->scope_generation == store_scope_generation() && c->key && same_key(c->key, *key))
		return c;
	return NULL;
}

int stats_hist_scan(store *s, stats_hist *h, const cadre_filter *scope, cb_error *err)
{
	int64_t version, changes;
	sql_build *key;
	walk_cache *c = current(s, scope, &key, &version, &changes, err);
	int rc;

	free(key);
	if (!c) /* none kept (stats_walk_prefetch keeps one): the index */
		return stats_hist_read(s, h, scope, err);
	c->live = true;
	rc = replay(s, c, h, scope, err);
	if (rc == CB_NOT_FOUND && !h->failed) { /* stale: walk the database */
		cache_clear(c);
		return stats_hist_read(s, h, scope, err);
	}
	if (!rc)
		stats_walk_hits++;
	return rc;
}

/* Keeps the walk of scope, unless current (CB_OK when it cannot be kept). */
static int prefetch_walk(store *s, const cadre_filter *in, cb_error *err)
{
	cadre_filter scope = *in;
	int64_t version, changes;
	sql_build *key;
	walk_cache *c;
	stats_hist h;
	int rc;

	/* the scope as the counts see it (stats_run, targets_eval) */
	store_scope_filter(s, &scope);
	if ((rc = store_filter_units(s, &scope, err)))
		return rc;
	if (current(s, &scope, &key, &version, &changes, err) || !key) {
		free(key);
		return CB_OK; /* current already, or nothing can be kept */
	}
	c = cache_of(s);
	free(c->key);
	c->key = key;
	stats_hist_init(&h, 0);
	h.walk_only = true;
	scope.departed = FILTER_ANY; /* every row is kept: nothing to read */
	rc = fill(s, c, &h, &scope, version, changes, err);
	stats_hist_free(&h);
	stats_par_release(s); /* the count is over */
	c->live = false;      /* and wrote nothing */
	if (rc == CB_NOT_FOUND) {
		cb_error_clear(err);
		rc = CB_OK; /* cannot be kept: the counts walk the index */
	}
	return rc;
}

/* What stats_walk_prefetch reads, in two steps each of which gives way
 * (store_until). */
struct prefetch {
	const cadre_filter *scope;
	int year;
};

static int prefetch_walk_read(store *s, void *ctx, cb_error *err)
{
	return prefetch_walk(s, ((struct prefetch *)ctx)->scope, err);
}

/* the records, kept with the connection (stats_sat.c) */
static int prefetch_records(store *s, void *ctx, cb_error *err)
{
	stats_sat sat;
	int rc = stats_sat_load(s, ((struct prefetch *)ctx)->year,
				SAT_NEED_RATING | SAT_NEED_TRAINING | SAT_NEED_PLANNING, &sat, err);
	if (!rc)
		stats_sat_done(s, &sat);
	return rc;
}

/* The test of one packed value, remembered for the codes it reads: a
 * province has a few thousand combinations of codes, a million rows. */
#define MEMO_SLOTS 4096

struct memo {
	bool (*passes)(const void *, int64_t);
	const void *ctx;
	int64_t mask;
	int64_t key[MEMO_SLOTS];
	bool pass[MEMO_SLOTS];
};

static bool memo_passes(struct memo *m, int64_t packed)
{
	int64_t k = packed & m->mask;
	size_t h = (size_t)(((uint64_t)k * UINT64_C(0x9E3779B97F4A7C15)) >> 52);

	if (packed < 0) /* the codes did not fit: asked as they are */
		return m->passes(m->ctx, packed);
	if (m->key[h] != k) {
		m->key[h] = k;
		m->pass[h] = m->passes(m->ctx, k);
	}
	return m->pass[h];
}

/* The walk of a list's scope (its units, organisation and who has left)
 * as the counts of a screen keep it (prefetch_walk), when it is kept and
 * current; its blocks in use into *used. */
static const stats_walk_rows *list_walk(store *s, const cadre_filter *list, size_t *used,
					cb_error *err)
{
	cadre_filter scope;
	int64_t version, changes;
	sql_build *key;
	walk_cache *c;

	filter_scope_of(list, &scope);
	store_scope_filter(s, &scope);
	if (store_filter_units(s, &scope, err))
		return NULL;
	c = current(s, &scope, &key, &version, &changes, err);
	free(key);
	if (!c || !c->valid)
		return NULL;
	*used = atomic_load(&c->rows.next);
	if (*used > c->rows.nblocks)
		*used = c->rows.nblocks;
	return &c->rows;
}

/* Clears the bits of the ids whose records fail t; how many are left. */
static size_t records_narrow(const stats_kept_test *t, stats_walk_ids_out *out)
{
	size_t left = 0;

	for (size_t w = 0; w <= out->nbits / 64; w++)
		for (uint64_t b = out->bits[w]; b; b &= b - 1) {
			int64_t id = (int64_t)(w * 64 + (size_t)__builtin_ctzll(b));
			if (stats_kept_passes(t, id))
				left++;
			else
				out->bits[w] &= ~(UINT64_C(1) << (id % 64));
		}
	return left;
}

int stats_walk_ids(store *s, const cadre_filter *list, const stats_walk_ids_in *in,
		   stats_walk_ids_out *out, cb_error *err)
{
	size_t members_max = in->members_max;
	int64_t top = -1;
	const stats_walk_rows *w;
	size_t used, rows = 0, sampled = 0, hit = 0, total = 0;
	struct memo *m;
	sqlite3_stmt *st;

	memset(out, 0, sizeof *out);
	if (!(w = list_walk(s, list, &used, err)))
		return CB_NOT_FOUND;
	if (!(m = malloc(sizeof *m)))
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	*m = (struct memo){.passes = in->passes, .ctx = in->ctx, .mask = in->reads};
	for (size_t i = 0; i < MEMO_SLOTS; i++)
		m->key[i] = -1; /* masked keys are never negative */
	/* a sample first: a common filter fills a window soon enough */
	for (size_t k = 0; k < used; k++)
		for (size_t j = 0; j < w->fill[k]; j += 61, sampled++)
			hit += memo_passes(m, w->row[k * STATS_WALK_BLOCK + j].packed);
	/* the ids are the table's rowids, none above the largest (the walk is
	 * current: nothing was written since) */
	if ((st = store_prepare(s, "SELECT max(id) FROM cadre", NULL)) &&
	    sqlite3_step(st) == SQLITE_ROW)
		top = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	/* a bit per id up to the largest: not for ids far sparser than the
	 * rows (stats_sat.c's bound) */
	for (size_t k = 0; k < used; k++)
		total += w->fill[k];
	if ((sampled && (double)hit > in->most * (double)sampled) || top < 0 || top > UINT32_MAX ||
	    (size_t)top > 4 * total + 65536) {
		free(m);
		return CB_NOT_FOUND;
	}
	out->nbits = (size_t)top + 1;
	if (!(out->bits = calloc(out->nbits / 64 + 1, sizeof *out->bits))) {
		free(m);
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	}
	if (members_max > 0 && !(out->members = malloc(members_max * sizeof *out->members))) {
		free(m);
		free(out->bits);
		memset(out, 0, sizeof *out);
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	}
	/* the records are tested after, in id order: in the walk's order
	 * each test is a miss in the cache (at a million cadres, the women
	 * rated "not completed" took 2-3 ms more so) */
	for (size_t k = 0; k < used; k++)
		for (size_t j = 0; j < w->fill[k]; j++) {
			const stats_walk_row *r = &w->row[k * STATS_WALK_BLOCK + j];
			if (r->id < out->nbits && memo_passes(m, r->packed)) {
				out->bits[r->id / 64] |= UINT64_C(1) << (r->id % 64);
				/* kept while they are few; forgotten once more pass */
				if (rows < members_max && !in->records)
					out->members[rows] =
						(stats_walk_member){r->packed, r->unit, r->id};
				rows++;
			}
		}
	free(m);
	if (in->records)
		rows = records_narrow(in->records, out);
	out->passed = rows;
	if (out->members && rows <= members_max) {
		out->nmembers = rows;
		if (in->records) /* those left, found again */
			for (size_t k = 0, n = 0; k < used && n < rows; k++)
				for (size_t j = 0; j < w->fill[k]; j++) {
					const stats_walk_row *r = &w->row[k * STATS_WALK_BLOCK + j];
					if (n < rows && r->id < out->nbits &&
					    (out->bits[r->id / 64] >> (r->id % 64) & 1))
						out->members[n++] = (stats_walk_member){
							r->packed, r->unit, r->id};
				}
	} else {
		free(out->members);
		out->members = NULL;
	}
	return CB_OK;
}

static bool has_bit(const uint64_t *bits, size_t nbits, size_t i)
{
	return i < nbits && (bits[i / 64] >> (i % 64) & 1);
}

static int by_value(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

int stats_walk_units(store *s, const cadre_filter *list, const uint64_t *bits, size_t nbits,
		     size_t few_among, size_t few_share, stats_walk_units_out *out, cb_error *err)
{
	const stats_walk_rows *w;
	size_t used, nunits = 0;
	uint32_t *members = NULL, *cadres = NULL;
	sqlite3_stmt *st;
	int rc = CB_OK;

	memset(out, 0, sizeof *out);
	if (!(w = list_walk(s, list, &used, err)))
		return CB_NOT_FOUND;
	if ((st = store_prepare(s, "SELECT max(id) FROM unit", NULL)) &&
	    sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) > 0 &&
	    sqlite3_column_int64(st, 0) < UINT32_MAX)
		nunits = (size_t)sqlite3_column_int64(st, 0) + 1;
	sqlite3_finalize(st);
	if (nunits == 0)
		return CB_NOT_FOUND;
	if (!(members = calloc(nunits, sizeof *members)) ||
	    !(cadres = calloc(nunits, sizeof *cadres)) ||
	    !(out->unit_bits = calloc(nunits / 64 + 1, sizeof *out->unit_bits))) {
		rc = cb_error_set(err, CB_EDB, _("Out of memory"));
		goto out;
	}
	out->unit_nbits = nunits;
	for (size_t k = 0; k < used; k++)
		for (size_t j = 0; j < w->fill[k]; j++) {
			const stats_walk_row *r = &w->row[k * STATS_WALK_BLOCK + j];
			if (r->unit >= nunits) { /* none: the walk is current */
				rc = CB_NOT_FOUND;
				goto out;
			}
			cadres[r->unit]++;
			members[r->unit] += has_bit(bits, nbits, r->id);
		}
	/* the units walked, and those whose few are read by id */
	for (size_t u = 0; u < nunits; u++) {
		bool few = members[u] > 0 && members[u] <= STATS_UNIT_FEW_MAX &&
			   cadres[u] >= few_among && (size_t)members[u] * few_share < cadres[u];
		if (members[u] > 0 && !few)
			out->unit_bits[u / 64] |= UINT64_C(1) << (u % 64);
		if (few)
			out->nfew += members[u];
		else
			members[u] = 0; /* marks the units whose ids are listed */
	}
	if (out->nfew > 0) {
		size_t n = 0;
		if (!(out->few = malloc(out->nfew * sizeof *out->few))) {
			rc = cb_error_set(err, CB_EDB, _("Out of memory"));
			goto out;
		}
		for (size_t k = 0; k < used; k++)
			for (size_t j = 0; j < w->fill[k]; j++) {
				const stats_walk_row *r = &w->row[k * STATS_WALK_BLOCK + j];
				if (members[r->unit] && has_bit(bits, nbits, r->id) &&
				    n < out->nfew)
					out->few[n++] = r->id;
			}
		out->nfew = n;
		qsort(out->few, n, sizeof *out->few, by_value);
	}
out:
	free(members);
	free(cadres);
	if (rc) {
		free(out->unit_bits);
		free(out->few);
		memset(out, 0, sizeof *out);
	}
	return rc;
}

int stats_walk_kept_count(void)
{
	return stats_walk_fills;
}

/* A walk of this many cadres takes some 7-10 ms on one processor (at
 * 100 000 a breakdown opened in 10-17 ms), most of a frame: above it, a
 * walk is worth keeping before its screen is opened. */
#define LONG_WALK_CADRES 65536

bool stats_walk_is_long(store *s, const cadre_filter *scope)
{
	sqlite3_stmt *st;
	cb_error err;
	bool below = true;

	if (scope->unit_lo > 0 || scope->unit_hi > 0)
		return !scope_size_below(s, scope->unit_lo, scope->unit_hi, LONG_WALK_CADRES,
					 &below, &err) &&
		       !below;
	if (!(st = store_prepare(s, "SELECT max(id) FROM cadre", &err)))
		return false;
	below = sqlite3_step(st) != SQLITE_ROW || sqlite3_column_int64(st, 0) < LONG_WALK_CADRES;
	sqlite3_finalize(st);
	return !below;
}

int stats_records_prefetch(store *s, int year, int (*should_stop)(void *), void *stop_ctx,
			   cb_error *err)
{
	struct prefetch p = {NULL, year};
	int rc =
		year > 0 ? store_until(s, should_stop, stop_ctx, prefetch_records, &p, err) : CB_OK;

	if (rc == CB_STOPPED)
		stats_par_release(s);
	return rc;
}

int stats_walk_prefetch(store *s, const cadre_filter *scope, int year, int (*should_stop)(void *),
			void *stop_ctx, cb_error *err)
{
	struct prefetch p = {scope, year};
	int rc;

	if (!stats_walk_keep)
		return CB_OK;
	rc = store_until(s, should_stop, stop_ctx, prefetch_walk_read, &p, err);
	if (rc == CB_STOPPED)
		stats_par_release(s); /* the second connections of the reads given up */
	return rc ? rc : stats_records_prefetch(s, year, should_stop, stop_ctx, err);
}

void stats_walk_done(store *s)
{
	walk_cache *c;

	if (stats_walk_keep && (c = cache_of(s)) && c->live) {
		c->changes = sqlite3_total_changes64(store_db(s));
		c->live = false;
	}
}
