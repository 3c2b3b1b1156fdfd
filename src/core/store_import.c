/* store_import.c - many checked cadres written in one short transaction
 * (store_import.h).
 *
 * Per row, the old way (store_cadre_insert in a loop) prepared a dozen
 * statements, looked for the row's two neighbours in name order, and read
 * the row back to write its audit entry: 2 700 rows a second, all of it
 * under the write lock. Here the rows are packed in memory with their
 * fold and sort key as they come (no lock); at commit, still without the
 * lock, they are sorted by key and each run of new names falling between
 * two stored neighbours is given evenly spaced ranks in that gap (one
 * pair of lookups per gap, not per row); the display names the audit
 * trail records are read once per unit and organisation; ids are given
 * in unit order so that the table and the audit trail grow at their ends
 * and the indexes by unit take their entries unit by unit (unit_order);
 * the audit entries, JSON and hash, are made on a second thread from the
 * moment the ids are known, while the rows are placed (and by both
 * threads after). Only then is the write lock taken, and the rows, their
 * audit entries and search entries are written from memory, each once
 * (store_import_stage.c: import_put; staging them in temporary tables
 * first, the way before, wrote every row twice); the checkpoint that
 * copies the batch from the write-ahead log into the file waits until the
 * lock is released. If another connection committed in
 * between (PRAGMA data_version), what was read may be stale: nothing is
 * written and the caller starts again.
 *
 * When some gap is too narrow for the names falling in it, the new rows
 * take provisional ranks and everyone is renumbered (search_rebuild_tx)
 * inside the transaction: slower, as a renumbering always is, but exact.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "huge_heap.h"
#include "i18n.h"
#include "stats.h"
#include "store_import_internal.h"
#include "text.h"

bool store_import_reference;

/* 1 / the share of the audit entries whose hashes may still be in the
 * making when the lock is taken. Hashing an entry (2.6 us) costs about a
 * quarter of inserting its row with its index entries (10 us), so half
 * of them are hashed while the rows go in even if that thread gets only
 * half of the processor the rows get; on one processor the lock is held
 * for the hashing of that half (0.13 s a hundred thousand rows) longer. */
#define ENTRIES_UNDER_LOCK 2

static int oom(cb_error *err)
{
	return cb_error_set(err, CB_EDB, _("Out of memory"));
}

static void end_reading(store_import *b)
{
	if (b->reading)
		sqlite3_exec(b->s->db, "COMMIT", NULL, NULL, NULL);
	b->reading = false;
}

int store_import_begin(store *s, store_import **out, cb_error *err)
{
	store_import *b = calloc(1, sizeof *b);
	*out = NULL;
	if (!b)
		return oom(err);
	b->s = s;
	b->outer = s->in_tx > 0;
	/* a new file is private until it is put in place, and removed if the
	 * import fails: written straight, without a journal, as a demo is,
	 * and given its write-ahead log back after (store_import_commit) */
	b->unjournaled =
		!b->outer && (s->flags & STORE_BULK) &&
		sqlite3_exec(s->db, "PRAGMA journal_mode = OFF", NULL, NULL, NULL) == SQLITE_OK;
	b->data_version = stats_data_version(s->db);
	import_cache(b, true);
	if (!b->outer) {
		if (sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
			import_cache(b, false);
			free(b);
			return store_fail(s, err, _("Reading the list"));
		}
		b->reading = true;
	}
	*out = b;
	return CB_OK;
}

store_import *store_import_scratch(void)
{
	return calloc(1, sizeof(store_import));
}

size_t store_import_count(const store_import *b)
{
	return b->n;
}

void store_import_free(store_import *b)
{
	if (!b)
		return;
	audit_all_end(b->entries); /* first: its thread reads the rows */
	end_reading(b);
	if (b->unjournaled)
		sqlite3_exec(b->s->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
	if (b->s) /* not a scratch batch */
		import_cache(b, false);
	for (int64_t i = 0; b->org_names && i <= b->max_org; i++)
		free(b->org_names[i]);
	free(b->org_names);
	free(b->units);
	free(b->rank);
	free(b->by_rank);
	free(b->off);
	free(b->arena);
	free(b);
}

/* ---- packed rows ---------------------------------------------------------- */

static int reserve(store_import *b, size_t need, cb_error *err)
{
	if (b->n == b->off_cap) {
		size_t cap = b->off_cap ? 2 * b->off_cap : 1024;
		size_t *bigger = realloc(b->off, cap * sizeof *bigger);
		if (!bigger)
			return oom(err);
		b->off = bigger;
		b->off_cap = cap;
	}
	if (b->len + need > b->cap) {
		size_t cap = b->cap ? b->cap : (size_t)1 << 20;
		while (cap < b->len + need)
			cap *= 2;
		/* copied, not realloc'd: the new block's pages are marked for
		 * huge pages before anything is written in them */
		unsigned char *bigger = huge_alloc(cap);
		if (!bigger)
			return oom(err);
		if (b->len)
			memcpy(bigger, b->arena, b->len);
		free(b->arena);
		b->arena = bigger;
		b->cap = cap;
	}
	return CB_OK;
}

int store_import_add(store_import *b, const cadre *cd, cb_error *err)
{
	enum { FOLD_CAP = 4 * CADRE_NAME_MAX, KEY_CAP = 4096 };
	char fold[FOLD_CAP];
	unsigned char key[KEY_CAP];
	const char *texts[T_COUNT] = {cd->full_name,	cd->birth_date, cd->ethnicity, cd->position,
				      cd->party_joined, cd->notes,	fold};
	size_t keylen = text_name_sort_key(cd->full_name, cd->birth_date, key, sizeof key);
	size_t need = sizeof(rec_head), lens[T_COUNT];
	rec_head h = {0};
	int rc;

	if (text_fold(cd->full_name, fold, sizeof fold) >= sizeof fold || keylen > sizeof key)
		return cb_error_set(err, CB_EINVALID, _("%s is too long (at most %d bytes)"),
				    _("Full name"), CADRE_NAME_MAX - 1);
	for (int t = 0; t < T_COUNT; t++) {
		lens[t] = strlen(texts[t]);
		need += lens[t] + 1;
		h.len[t] = (uint16_t)lens[t]; /* fields are validated to fit their buffers */
	}
	need += keylen;
	need = (need + 7) & ~(size_t)7; /* the next head stays aligned */
	if ((rc = reserve(b, need, err)))
		return rc;
	h.unit_id = cd->unit_id;
	h.org_id = cd->org_id;
	h.gender = cd->gender;
	h.pos_rank = cd->pos_rank;
	h.committees = cd->committees;
	h.education = cd->education;
	h.theory = cd->theory;
	h.religion = (int16_t)cd->religion; /* codes are 0..999 (model.h) */
	h.acad_title = (int16_t)cd->acad_title;
	h.general_edu = (int16_t)cd->general_edu;
	h.state_mgmt = (int16_t)cd->state_mgmt;
	h.language = (int16_t)cd->language;
	h.it_level = (int16_t)cd->it_level;
	h.managed = cd->managed;
	h.is_head = cd->is_head;
	h.keylen = (uint16_t)keylen;
	unsigned char *p = b->arena + b->len;
	memcpy(p, &h, sizeof h);
	p += sizeof h;
	for (int t = 0; t < T_COUNT; t++) {
		memcpy(p, texts[t], lens[t] + 1);
		p += lens[t] + 1;
	}
	memcpy(p, key, keylen);
	b->off[b->n++] = b->len;
	b->len += need;
	return CB_OK;
}

/* The bytes row i takes in the arena (its head to the next head). */
static size_t packed_size(const store_import *b, size_t i)
{
	const rec_head *h = import_head(b, i);
	size_t need = sizeof *h + h->keylen;
	for (int t = 0; t < T_COUNT; t++)
		need += h->len[t] + 1u;
	return (need + 7) & ~(size_t)7;
}

int store_import_take(store_import *b, const store_import *from, size_t i, cb_error *err)
{
	size_t need = packed_size(from, i);
	int rc = reserve(b, need, err);
	if (rc)
		return rc;
	memcpy(b->arena + b->len, from->arena + from->off[i], need);
	b->off[b->n++] = b->len;
	b->len += need;
	return CB_OK;
}

/* ---- what is read before the lock ------------------------------------------- */

static int load_units(store_import *b, cb_error *err)
{
	static const char sql[] =
		"SELECT u.id, u.tier, u.name, u.code,"
		" CASE WHEN " CADRE_DEEP " < 3 THEN NULL WHEN u.tier = 2 THEN u.name"
		" WHEN u.tier = 3 THEN p.name END,"
		" CASE WHEN " CADRE_DEEP " < 3 THEN NULL WHEN u.tier = 2 THEN u.code"
		" WHEN u.tier = 3 THEN p.code END,"
		" CASE WHEN u.tier = " CADRE_DEEP " THEN u.name END"
		" FROM unit u LEFT JOIN unit p ON p.id = u.parent_id ORDER BY u.id DESC";
	sqlite3_stmt *st = store_prepare(b->s, sql, err);
	int rc;
	if (!st)
		return CB_EDB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (!b->units) { /* the first row has the highest id */
			b->max_unit = id > 0 ? id : 0;
			if (!(b->units = calloc((size_t)b->max_unit + 1, sizeof *b->units))) {
				sqlite3_finalize(st);
				return oom(err);
			}
		}
		if (id < 0)
			continue;
		unit_names *u = &b->units[id];
		u->tier = sqlite3_column_int(st, 1);
		store_column_copy(st, 2, u->name, sizeof u->name);
		store_column_copy(st, 3, u->code, sizeof u->code);
		store_column_copy(st, 4, u->district, sizeof u->district);
		store_column_copy(st, 5, u->district_code, sizeof u->district_code);
		store_column_copy(st, 6, u->commune, sizeof u->commune);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? CB_OK : store_fail(b->s, err, _("Reading units"));
}

/* The names of the organisations the rows name (none: nothing read). */
static int load_orgs(store_import *b, cb_error *err)
{
	sqlite3_stmt *st;
	int rc;
	for (size_t i = 0; i < b->n; i++)
		if (import_head(b, i)->org_id > b->max_org)
			b->max_org = import_head(b, i)->org_id;
	if (!b->max_org)
		return CB_OK;
	if (!(b->org_names = calloc((size_t)b->max_org + 1, sizeof *b->org_names)))
		return oom(err);
	if (!(st = store_prepare(b->s, "SELECT id, name FROM org WHERE id <= ?", err)))
		return CB_EDB;
	sqlite3_bind_int64(st, 1, b->max_org);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		const char *name = (const char *)sqlite3_column_text(st, 1);
		if (id > 0 && name && !(b->org_names[id] = strdup(name))) {
			sqlite3_finalize(st);
			return oom(err);
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? CB_OK : store_fail(b->s, err, _("Reading party organisations"));
}

/* Rows in the order of their keys as SQLite compares BLOBs (memcmp, then
 * length), equal keys in the order of their ids (tie: the place the row's
 * id takes among the batch's). */
typedef struct key_ref {
	const unsigned char *key;
	uint32_t len, i, tie;
} key_ref;

static int key_cmp(const unsigned char *a, size_t la, const unsigned char *c, size_t lc)
{
	int r = memcmp(a, c, la < lc ? la : lc);
	return r ? r : (la > lc) - (la < lc);
}

static int ref_cmp(const void *x, const void *y)
{
	const key_ref *a = x, *c = y;
	int r = key_cmp(a->key, a->len, c->key, c->len);
	return r ? r : (a->tie > c->tie) - (a->tie < c->tie);
}

/* Rows by unit, then key, then the order added. */
typedef struct unit_ref {
	int64_t unit_id;
	key_ref k;
} unit_ref;

static int unit_cmp(const void *x, const void *y)
{
	const unit_ref *a = x, *c = y;
	if (a->unit_id != c->unit_id)
		return (a->unit_id > c->unit_id) - (a->unit_id < c->unit_id);
	int r = key_cmp(a->k.key, a->k.len, c->k.key, c->k.len);
	return r ? r : (a->k.i > c->k.i) - (a->k.i < c->k.i);
}

/* The ids of staged rows go in unit order: the rows are moved into the
 * database in id order, and of the cadre indexes those that begin with
 * the unit (cadre_unit, cadre_unit_post, cadre_pack) and the one by
 * organisation (an organisation lies in one unit) then each take their
 * new entries in a few places, one unit's after another, instead of all
 * over their B-trees: fewer pages are touched and compared under the
 * write lock. Each ref's tie is its place in that order (a name's rank
 * still follows its key, equal keys in id order). */
static int unit_order(store_import *b, key_ref *refs, uint32_t *order, cb_error *err)
{
	unit_ref *u = malloc((b->n ? b->n : 1) * sizeof *u);
	if (!u)
		return oom(err);
	for (size_t i = 0; i < b->n; i++)
		u[i] = (unit_ref){import_head(b, i)->unit_id, refs[i]};
	qsort(u, b->n, sizeof *u, unit_cmp);
	for (size_t k = 0; k < b->n; k++) {
		order[k] = u[k].k.i;
		refs[u[k].k.i].tie = (uint32_t)k;
	}
	free(u);
	return CB_OK;
}

/* The stored neighbours of a key: the rank of the last cadre ordered at
 * or before it (new rows have the highest ids, so come after equal keys)
 * and the rank and key of the first after it. */
typedef struct gap_query {
	sqlite3_stmt *before, *after;
} gap_query;

static int gap_of(store_import *b, gap_query *q, const key_ref *k, int64_t *lo, int64_t *hi,
		  bool *has_hi, unsigned char **hikey, size_t *hilen, cb_error *err)
{
	int rc;
	*lo = 0;
	sqlite3_bind_blob(q->before, 1, k->key, (int)k->len, SQLITE_STATIC);
	if ((rc = sqlite3_step(q->before)) == SQLITE_ROW)
		*lo = sqlite3_column_int64(q->before, 0);
	sqlite3_reset(q->before);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(b->s, err, _("Placing a name in the list"));
	sqlite3_bind_blob(q->after, 1, k->key, (int)k->len, SQLITE_STATIC);
	rc = sqlite3_step(q->after);
	*has_hi = rc == SQLITE_ROW;
	free(*hikey);
	*hikey = NULL;
	*hilen = 0;
	if (*has_hi) {
		*hi = sqlite3_column_int64(q->after, 0);
		*hilen = (size_t)sqlite3_column_bytes(q->after, 1);
		if (!(*hikey = malloc(*hilen ? *hilen : 1))) {
			sqlite3_reset(q->after);
			return oom(err);
		}
		memcpy(*hikey, sqlite3_column_blob(q->after, 1), *hilen);
	}
	sqlite3_reset(q->after);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(b->s, err, _("Placing a name in the list"));
	return CB_OK;
}

/* Spreads the m rows refs[0..m) evenly over the open interval (lo, hi);
 * false when there is no room (then everyone is renumbered). */
static bool spread(store_import *b, const key_ref *refs, size_t m, int64_t lo, int64_t hi)
{
	int64_t step = (hi - lo) / (int64_t)(m + 1);
	if (step < 1 || hi >= (INT64_C(1) << 40)) /* search.c packs a rank in 40 bits */
		return false;
	for (size_t j = 0; j < m; j++)
		b->rank[refs[j].i] = lo + step * (int64_t)(j + 1);
	return true;
}

/* Provisional ranks below every stored one, for a renumbering. */
static int provisional_ranks(store_import *b, cb_error *err)
{
	sqlite3_stmt *st =
		store_prepare(b->s, "SELECT min(0, coalesce(min(rank), 0)) FROM cadre", err);
	int64_t low = 0;
	if (!st)
		return CB_EDB;
	if (sqlite3_step(st) == SQLITE_ROW)
		low = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	for (size_t i = 0; i < b->n; i++)
		b->rank[i] = low - 1 - (int64_t)i;
	b->renumber = true;
	return CB_OK;
}

/* `order` (free it) and *refs (free them) for place_rows: when `by_unit`
 * (staged rows) the order of the ids is already known. */
static int order_rows(store_import *b, key_ref **refs, uint32_t **order, bool by_unit,
		      cb_error *err)
{
	*refs = malloc((b->n ? b->n : 1) * sizeof **refs);
	*order = NULL;
	if (!*refs || !(b->rank = malloc((b->n ? b->n : 1) * sizeof *b->rank)) ||
	    !(*order = malloc((b->n ? b->n : 1) * sizeof **order)))
		return oom(err);
	for (size_t i = 0; i < b->n; i++) {
		const rec_head *h = import_head(b, i);
		(*refs)[i] = (key_ref){import_key(h), h->keylen, (uint32_t)i, (uint32_t)i};
	}
	return by_unit ? unit_order(b, *refs, *order, err) : CB_OK;
}

/* Each row's rank, and the rows in the order of their ids: by unit when
 * `by_unit` (order_rows put them so), else in rank order. Frees refs. */
static int place_rows(store_import *b, key_ref *refs, uint32_t *order, bool by_unit, cb_error *err)
{
	gap_query q = {0};
	unsigned char *hikey = NULL;
	size_t hilen = 0;
	int rc = CB_OK;

	qsort(refs, b->n, sizeof *refs, ref_cmp);
	if (!(q.before = store_prepare(b->s,
				       "SELECT rank FROM cadre WHERE sort_key <= ?1"
				       " ORDER BY sort_key DESC, id DESC LIMIT 1",
				       err)) ||
	    !(q.after = store_prepare(b->s,
				      "SELECT rank, sort_key FROM cadre WHERE sort_key > ?1"
				      " ORDER BY sort_key, id LIMIT 1",
				      err)))
		rc = CB_EDB;
	for (size_t i = 0, j; !rc && i < b->n; i = j) {
		int64_t lo = 0, hi = 0;
		bool has_hi = false;
		if ((rc = gap_of(b, &q, &refs[i], &lo, &hi, &has_hi, &hikey, &hilen, err)))
			break;
		for (j = i + 1;
		     j < b->n && (!has_hi || key_cmp(refs[j].key, refs[j].len, hikey, hilen) < 0);
		     j++)
			;
		if (!has_hi)
			hi = lo + (int64_t)(j - i + 1) * SEARCH_GAP;
		if (!spread(b, &refs[i], j - i, lo, hi)) {
			rc = provisional_ranks(b, err);
			break;
		}
	}
	for (size_t k = 0; k < b->n; k++)
		if (!by_unit)
			order[k] = refs[k].i;
		else if (b->by_rank) /* refs are in rank order */
			b->by_rank[k] = refs[k].i;
	free(refs);
	free(hikey);
	sqlite3_finalize(q.before);
	sqlite3_finalize(q.after);
	return rc;
}

static int read_first_id(store_import *b, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(b->s, "SELECT coalesce(max(id), 0) + 1 FROM cadre", err);
	int rc;
	if (!st)
		return CB_EDB;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		b->first_id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? CB_OK : store_fail(b->s, err, _("Reading the list"));
}

/* What is read before the rows are written; and, when `stage`, the rows
 * staged. */
static int read_ahead(store_import *b, uint32_t **order, bool stage, cb_error *err)
{
	int rc;
	if ((rc = load_units(b, err)) || (rc = load_orgs(b, err)) || (rc = read_first_id(b, err)))
		return rc;
	key_ref *refs = NULL;
	rc = order_rows(b, &refs, order, stage, err);
	/* by unit, the ids are known now: the audit entries are made on a
	 * second thread while the rows are placed */
	if (!rc && stage && !(rc = import_entries_start(b, *order, err)) && b->entries &&
	    !(b->by_rank = malloc((b->n ? b->n : 1) * sizeof *b->by_rank)))
		rc = oom(err);
	if (rc) {
		free(refs);
		return rc;
	}
	if ((rc = place_rows(b, refs, *order, stage, err)))
		return rc;
	/* a new file numbers the rows in rank order, known only now (it has
	 * no stored names to place them among: little to do meanwhile) */
	if (!stage && b->unjournaled && (rc = import_entries_start(b, *order, err)))
		return rc;
	if (stage && !b->entries)
		return import_stage(b, *order, err); /* the way before */
	if (!b->entries)
		return CB_OK; /* written straight (import_write) */
	/* a new file is private until it is put in place: no one waits for
	 * its lock, and its entries are made while it is written (import_put
	 * writes them last, after its indexes are built) */
	if (b->unjournaled)
		return CB_OK;
	/* The chain of hashes is one thread's work, the longest before the
	 * lock: its last part is made while the rows go in, under the lock,
	 * before their audit entries. Only the last ENTRIES_UNDER_LOCK of the
	 * entries are left to it, so that the rows - taking the lock longer
	 * than hashing them would - do not wait, even if that thread gets
	 * far less of the processor than this one. */
	if ((rc = audit_all_help(b->entries, err)))
		return rc;
	audit_all_wait_some(b->entries, b->n - b->n / ENTRIES_UNDER_LOCK);
	return CB_OK;
}

static double clock_seconds(clockid_t which)
{
	struct timespec ts;
	clock_gettime(which, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double seconds_now(void)
{
	return clock_seconds(CLOCK_MONOTONIC);
}

double store_import_lock_cpu(const store_import *b)
{
	return b->lock_cpu;
}

int store_import_commit(store_import *b, double *held, int64_t *first_id, cb_error *err)
{
	uint32_t *order = NULL;
	double t0 = 0, c0 = 0;
	int rc = CB_OK;

	if (held)
		*held = 0;
	b->lock_cpu = 0;
	if (b->outer) {
		/* the caller holds the lock already: read and write inside it */
		if (!(rc = store_begin(b->s, err))) {
			t0 = seconds_now();
			c0 = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
			rc = read_ahead(b, &order, false, err);
			if (!rc)
				rc = import_write(b, order, err);
			rc = store_finish(b->s, rc, err);
		}
	} else {
		rc = read_ahead(b, &order, !b->unjournaled, err);
		end_reading(b);
		import_checkpoint(b, true);
		if (!rc && !(rc = store_begin(b->s, err))) {
			t0 = seconds_now();
			c0 = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
			if (stats_data_version(b->s->db) != b->data_version)
				rc = CB_ESTALE; /* someone wrote since: what was read may be stale
						 */
			else if (b->unjournaled)
				rc = b->entries ? import_put(b, order, err)
						: import_write(b, order, err);
			else
				rc = b->entries ? import_put(b, order, err) : import_apply(b, err);
			rc = store_finish(b->s, rc, err);
			if (held)
				*held = seconds_now() - t0;
			b->lock_cpu = clock_seconds(CLOCK_PROCESS_CPUTIME_ID) - c0;
		}
		audit_all_end(b->entries); /* written or not, no longer needed */
		b->entries = NULL;
		import_checkpoint(b, false);
		if (b->unjournaled) /* written straight: nothing was staged */
			sqlite3_exec(b->s->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
		else
			import_unstage(b->s);
		b->unjournaled = false;
	}
	if (t0 > 0 && b->outer) {
		if (held)
			*held = seconds_now() - t0;
		b->lock_cpu = clock_seconds(CLOCK_PROCESS_CPUTIME_ID) - c0;
	}
	if (!rc && first_id)
		*first_id = b->first_id;
	free(order);
	return rc;
}
