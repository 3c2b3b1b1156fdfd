/* store_bulk.c - loading a fresh database fast (the demo province).
 *
 * One transaction for the whole load, no audit row per record and no
 * search maintenance per cadre. Rows are held back and written many to a
 * statement (INSERT ... VALUES (...), (...), ...): a statement's fixed
 * cost (cursors opened and closed, the program started and halted) is
 * then paid once per batch instead of once per row, which halves the time
 * of the load. The rows of each table are written in the order they were
 * given, so their ids are those one statement per row would give; cadre
 * ids are assigned here, from the highest id at the start.
 *
 * Ranks come one of two ways. When the caller names every cadre first
 * (store_bulk_name, into an empty cadre table), their sort keys and folds
 * are kept in memory and sorted there, each cadre row is written once,
 * already carrying its final rank, and store_bulk_end fills the search
 * index from memory in rank order (FTS5 writes fastest in rowid order) and
 * builds the cadre indexes once. Otherwise cadres get provisional negative
 * ranks (distinct, so even an existing unique index is satisfied) and
 * store_bulk_end renumbers everyone (search_rebuild_tx).
 *
 * Nothing on the per-row path translates a message, formats text or calls
 * malloc (but for the amortised growth of the buffers): messages are
 * translated only when a write fails.
 */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"

/* ---- batches of rows ---------------------------------------------------- */

enum { CELL_NULL, CELL_INT, CELL_TEXT, CELL_BLOB };

/* One value of a held-back row: an integer, or bytes either copied into
 * the batch's own buffer (at off) or, when p is set, left where they are
 * (memory that stays put until store_bulk_end). */
typedef struct bulk_cell {
	int64_t i;
	const void *p;
	uint32_t off, len;
	int type;
} bulk_cell;

typedef struct bulk_batch {
	const char *head;  /* "INSERT ... VALUES" */
	const char *what;  /* untranslated, for a failure */
	int ncols, rows;   /* values per row, rows per full statement */
	sqlite3_stmt **st; /* st[n]: the statement of n rows, prepared when first needed */
	bulk_cell *cells;  /* rows * ncols */
	int filled;	   /* rows held back */
	char *text;	   /* copied texts of the rows held back */
	size_t text_len, text_cap;
} bulk_batch;

enum { BULK_CADRE, BULK_RATING, BULK_TRAINING, BULK_PLANNING, BULK_COUNT };

/* OR FAIL: a failing row stops the statement without undoing the rows
 * before it, so SQLite keeps no statement journal for a batch (the whole
 * load is rolled back on failure anyway). */
static const struct {
	const char *head, *what;
	int ncols, rows;
} batch_def[BULK_COUNT] = {
	[BULK_CADRE] =
		{"INSERT OR FAIL INTO cadre(id, full_name, name_fold, sort_key, rank,"
		 " birth_date, gender, ethnicity, unit_id, org_id, position, pos_rank, level,"
		 " managed, is_head, committees, education, theory, party_joined, notes,"
		 " religion, academic_title, general_education, state_management,"
		 " foreign_language, it_level)"
		 " VALUES",
		 N_("Saving a cadre"), 26, 32},
	[BULK_RATING] = {"INSERT OR FAIL INTO rating(cadre_id, org_id, year, grade) VALUES",
			 N_("Saving a rating"), 4, 128},
	[BULK_TRAINING] = {"INSERT OR FAIL INTO training(cadre_id, year, kind, course) VALUES",
			   N_("Saving a training record"), 4, 128},
	[BULK_PLANNING] = {"INSERT OR FAIL INTO planning(cadre_id, term, position) VALUES",
			   N_("Saving a planning record"), 3, 128},
};

/* A named cadre: where its key and fold are in the arena, its place in
 * the order (1-based, 0 = not sorted yet) and a hash of the name and
 * birth date it was named with. */
typedef struct bulk_slot {
	uint32_t off;
	uint32_t pos;
	uint32_t hash;
} bulk_slot;

/* An arena entry: u16 key length, u16 fold length (with its NUL), the
 * key, the fold. */
#define ENTRY_HEAD 4

struct store_bulk {
	store *s;
	bulk_batch batch[BULK_COUNT];
	sqlite3_stmt *org;
	int *tier;	   /* unit id -> tier, 0 = no such unit */
	int64_t max_unit;  /* size of tier - 1 */
	int64_t next_rank; /* provisional ranks count down from -1 */
	int64_t first_id;  /* id of the first cadre of the load */
	int64_t cadres;
	/* ranking before the load (store_bulk_name) */
	bool fresh; /* the cadre table was empty at the start */
	unsigned char *arena;
	size_t arena_len, arena_cap;
	bulk_slot *slot;
	size_t named, slot_cap;
	uint32_t *order; /* arena offsets in rank order, once sorted */
};

static int out_of_memory(cb_error *err)
{
	return cb_error_set(err, CB_EDB, _("Out of memory"));
}

/* Prepares the statement of n rows of a batch. */
static sqlite3_stmt *batch_prepare(store *s, const bulk_batch *bt, int n, cb_error *err)
{
	size_t row = 3 + 2 * (size_t)bt->ncols, len = strlen(bt->head);
	char *sql = malloc(len + (size_t)n * row + 1);
	sqlite3_stmt *st = NULL;
	if (!sql) {
		out_of_memory(err);
		return NULL;
	}
	memcpy(sql, bt->head, len);
	for (int r = 0; r < n; r++) {
		sql[len++] = r ? ',' : ' ';
		sql[len++] = '(';
		for (int c = 0; c < bt->ncols; c++) {
			if (c)
				sql[len++] = ',';
			sql[len++] = '?';
		}
		sql[len++] = ')';
	}
	sql[len] = '\0';
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
		store_fail(s, err, _("Preparing a query"));
	free(sql);
	return st;
}

static int batch_init(bulk_batch *bt, int which, cb_error *err)
{
	bt->head = batch_def[which].head;
	bt->what = batch_def[which].what;
	bt->ncols = batch_def[which].ncols;
	bt->rows = batch_def[which].rows;
	bt->cells = malloc((size_t)bt->rows * (size_t)bt->ncols * sizeof *bt->cells);
	bt->st = calloc((size_t)bt->rows + 1, sizeof *bt->st);
	/* never NULL: an empty text must be bound as '', not as NULL */
	bt->text_cap = 8192;
	bt->text = malloc(bt->text_cap);
	if (!bt->cells || !bt->st || !bt->text)
		return out_of_memory(err);
	return CB_OK;
}

static void batch_free(bulk_batch *bt)
{
	for (int n = 0; bt->st && n <= bt->rows; n++)
		sqlite3_finalize(bt->st[n]);
	free(bt->st);
	free(bt->cells);
	free(bt->text);
	memset(bt, 0, sizeof *bt);
}

/* Writes the rows held back. */
static int batch_flush(store *s, bulk_batch *bt, cb_error *err)
{
	sqlite3_stmt *st = bt->st[bt->filled];
	int rc, n = bt->filled * bt->ncols;
	if (!bt->filled)
		return CB_OK;
	if (!st && !(st = bt->st[bt->filled] = batch_prepare(s, bt, bt->filled, err)))
		return CB_EDB;
	for (int i = 0; i < n; i++) {
		const bulk_cell *c = &bt->cells[i];
		switch (c->type) {
		case CELL_INT:
			sqlite3_bind_int64(st, i + 1, c->i);
			break;
		case CELL_TEXT:
			sqlite3_bind_text(st, i + 1, c->p ? c->p : bt->text + c->off, (int)c->len,
					  SQLITE_STATIC);
			break;
		case CELL_BLOB:
			sqlite3_bind_blob(st, i + 1, c->p ? c->p : bt->text + c->off, (int)c->len,
					  SQLITE_STATIC);
			break;
		default:
			sqlite3_bind_null(st, i + 1);
		}
	}
	rc = sqlite3_step(st) == SQLITE_DONE ? CB_OK : store_fail(s, err, _(bt->what));
	sqlite3_reset(st);
	bt->filled = 0;
	bt->text_len = 0;
	return rc;
}

/* The cells of the next row. */
static bulk_cell *batch_row(bulk_batch *bt)
{
	return &bt->cells[bt->filled * bt->ncols];
}

/* Counts the row in; writes the batch when it is full. */
static int batch_add(store *s, bulk_batch *bt, cb_error *err)
{
	return ++bt->filled == bt->rows ? batch_flush(s, bt, err) : CB_OK;
}

static void cell_int(bulk_cell *c, int64_t v)
{
	c->type = CELL_INT;
	c->i = v;
}

static void cell_id(bulk_cell *c, int64_t id)
{
	c->type = id ? CELL_INT : CELL_NULL;
	c->i = id;
}

/* Bytes left where they are (they stay put until the end of the load). */
static void cell_fixed(bulk_cell *c, int type, const void *p, size_t len)
{
	c->type = type;
	c->p = p;
	c->len = (uint32_t)len;
}

/* Bytes copied into the batch (the caller's buffer is reused). */
static int cell_copy(bulk_batch *bt, bulk_cell *c, int type, const void *p, size_t len,
		     cb_error *err)
{
	if (bt->text_len + len > bt->text_cap) {
		size_t cap = bt->text_cap;
		while (cap < bt->text_len + len)
			cap *= 2;
		char *bigger = realloc(bt->text, cap);
		if (!bigger)
			return out_of_memory(err);
		bt->text = bigger;
		bt->text_cap = cap;
	}
	memcpy(bt->text + bt->text_len, p, len);
	c->type = type;
	c->p = NULL;
	c->off = (uint32_t)bt->text_len;
	c->len = (uint32_t)len;
	bt->text_len += len;
	return CB_OK;
}

static int cell_text(bulk_batch *bt, bulk_cell *c, const char *text, cb_error *err)
{
	return cell_copy(bt, c, CELL_TEXT, text, strlen(text), err);
}

/* ---- the load ----------------------------------------------------------- */

static int load_tiers(store_bulk *b, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(b->s, "SELECT max(id) FROM unit", err);
	int rc;
	if (!st)
		return CB_EDB;
	if (sqlite3_step(st) == SQLITE_ROW)
		b->max_unit = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	b->tier = calloc((size_t)b->max_unit + 1, sizeof *b->tier);
	if (!b->tier)
		return out_of_memory(err);
	if (!(st = store_prepare(b->s, "SELECT id, tier FROM unit", err)))
		return CB_EDB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		b->tier[sqlite3_column_int64(st, 0)] = sqlite3_column_int(st, 1);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? CB_OK : store_fail(b->s, err, _("Reading units"));
}

/* Provisional ranks go below every existing one; new cadres get the ids
 * SQLite would give them (from the highest one); whether the cadre table
 * is empty (so that cadres may be ranked in memory). */
static int first_rank(store_bulk *b, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(b->s,
					 "SELECT min(0, coalesce(min(rank), 0)), count(*),"
					 " coalesce(max(id), 0) FROM cadre",
					 err);
	int rc;
	if (!st)
		return CB_EDB;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		b->next_rank = sqlite3_column_int64(st, 0) - 1;
		b->fresh = sqlite3_column_int64(st, 1) == 0;
		b->first_id = sqlite3_column_int64(st, 2) + 1;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? CB_OK : store_fail(b->s, err, _("Reading the list"));
}

static void names_free(store_bulk *b)
{
	free(b->arena);
	free(b->slot);
	free(b->order);
	b->arena = NULL;
	b->slot = NULL;
	b->order = NULL;
}

static void bulk_free(store_bulk *b)
{
	for (int i = 0; i < BULK_COUNT; i++)
		batch_free(&b->batch[i]);
	sqlite3_finalize(b->org);
	names_free(b);
	free(b->tier);
	free(b);
}

/* The indexes on a cadre's records are made before the load, those on the
 * cadres after it. Records arrive in cadre order, so an index led by the
 * year (what the breakdowns read) grows at a handful of places, one per
 * year, which stay in the cache: keeping it up to date as rows come costs
 * a quarter of sorting five million entries at the end. Cadres arrive in
 * the order of none of their indexes, which are built once, sorted. */
static int records_indexes(store *s, cb_error *err)
{
	for (const char *p = store_cadre_indexes; *p;) {
		const char *end = strchr(p, ';');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char sql[1024];
		if (n < sizeof sql) {
			memcpy(sql, p, n);
			sql[n] = '\0';
			if ((strstr(sql, " ON rating(") || strstr(sql, " ON training(")) &&
			    sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
				return store_fail(s, err, _("Creating indexes"));
		}
		p += n + (end != NULL);
	}
	return CB_OK;
}

int store_bulk_begin(store *s, store_bulk **out, cb_error *err)
{
	store_bulk *b = calloc(1, sizeof *b);
	int rc;
	*out = NULL;
	if (!b)
		return out_of_memory(err);
	b->s = s;
	if ((rc = store_begin(s, err))) {
		free(b);
		return rc;
	}
	rc = load_tiers(b, err);
	if (!rc)
		rc = first_rank(b, err);
	if (!rc)
		rc = records_indexes(s, err);
	for (int i = 0; !rc && i < BULK_COUNT; i++)
		rc = batch_init(&b->batch[i], i, err);
	if (!rc && !(b->org = store_prepare(s,
					    "INSERT INTO org(name, kind, parent_id, unit_id)"
					    " VALUES(?, ?, ?, ?)",
					    err)))
		rc = CB_EDB;
	if (rc) {
		store_rollback(s);
		bulk_free(b);
		return rc;
	}
	*out = b;
	return CB_OK;
}

int store_bulk_flush(store_bulk *b, cb_error *err)
{
	int rc = CB_OK;
	for (int i = 0; i < BULK_COUNT && !rc; i++)
		rc = batch_flush(b->s, &b->batch[i], err);
	return rc;
}

/* ---- ranking in memory -------------------------------------------------- */

/* FNV-1a over the name and birth date, to check that the cadres inserted
 * are the ones named, in the same order. */
static uint32_t name_hash(const char *full_name, const char *birth_date)
{
	uint32_t h = 2166136261u;
	for (const unsigned char *p = (const unsigned char *)full_name; *p; p++)
		h = (h ^ *p) * 16777619u;
	h = (h ^ 0xff) * 16777619u;
	for (const unsigned char *p = (const unsigned char *)(birth_date ? birth_date : ""); *p;
	     p++)
		h = (h ^ *p) * 16777619u;
	return h;
}

/* Makes room for need more arena bytes (offsets stay 32-bit). */
static int arena_reserve(store_bulk *b, size_t need, cb_error *err)
{
	size_t cap = b->arena_cap ? b->arena_cap : (size_t)1 << 20;
	unsigned char *bigger;
	if (b->arena_len + need <= b->arena_cap)
		return CB_OK;
	while (cap < b->arena_len + need)
		cap *= 2;
	if (cap > UINT32_MAX)
		cap = UINT32_MAX;
	if (b->arena_len + need > cap || !(bigger = realloc(b->arena, cap)))
		return out_of_memory(err);
	b->arena = bigger;
	b->arena_cap = cap;
	return CB_OK;
}

static size_t get16(const unsigned char *p)
{
	return (size_t)p[0] | (size_t)p[1] << 8;
}

static void put16(unsigned char *p, size_t v)
{
	p[0] = (unsigned char)(v & 0xff);
	p[1] = (unsigned char)(v >> 8);
}

static const unsigned char *entry_key(const unsigned char *e)
{
	return e + ENTRY_HEAD;
}

static const char *entry_fold(const unsigned char *e)
{
	return (const char *)e + ENTRY_HEAD + get16(e);
}

/* The name in the wrong place: a mistake of the caller, not of the user. */
static int out_of_order(cb_error *err, const char *why)
{
	return cb_error_set(err, CB_EDB, _("%s: database error: %s"), _("Saving a cadre"), why);
}

int store_bulk_name(store_bulk *b, const char *full_name, const char *birth_date, int64_t *id,
		    cb_error *err)
{
	enum { FOLD_CAP = 4 * CADRE_NAME_MAX, KEY_CAP = 4096 };
	unsigned char *e;
	size_t keylen, foldlen = FOLD_CAP;
	int rc;

	if (!b->fresh || b->cadres > 0 || b->order)
		return out_of_order(
			err, _("cadres are named before any is inserted, into an empty list"));
	if (b->named == b->slot_cap) {
		size_t cap = b->slot_cap ? 2 * b->slot_cap : 4096;
		bulk_slot *bigger = realloc(b->slot, cap * sizeof *bigger);
		if (!bigger)
			return out_of_memory(err);
		b->slot = bigger;
		b->slot_cap = cap;
	}
	if ((rc = arena_reserve(b, ENTRY_HEAD + KEY_CAP + FOLD_CAP, err)))
		return rc;
	e = b->arena + b->arena_len;
	keylen = text_name_sort_key(full_name, birth_date, e + ENTRY_HEAD, KEY_CAP);
	if (keylen <= KEY_CAP)
		foldlen = text_fold(full_name, (char *)e + ENTRY_HEAD + keylen, FOLD_CAP);
	if (keylen > KEY_CAP || foldlen >= FOLD_CAP)
		return cb_error_set(err, CB_EINVALID, _("%s is too long (at most %d bytes)"),
				    _("Full name"), CADRE_NAME_MAX - 1);
	put16(e, keylen);
	put16(e + 2, foldlen + 1);
	b->slot[b->named] =
		(bulk_slot){(uint32_t)b->arena_len, 0, name_hash(full_name, birth_date)};
	b->arena_len += ENTRY_HEAD + keylen + foldlen + 1;
	if (id)
		*id = b->first_id + (int64_t)b->named;
	b->named++;
	return CB_OK;
}

/* What is sorted: the first 24 key bytes (as big-endian integers, so that
 * integer order is memcmp order: most comparisons end there, without a
 * look into the arena), where the entry is, and whose it is. */
#define HEAD_WORDS 3
typedef struct sort_item {
	uint64_t head[HEAD_WORDS];
	uint32_t off;
	uint32_t k;
} sort_item;

/* Order of two entries: their keys as SQLite compares BLOBs (memcmp, then
 * length), then their ids - the order ranks must follow. */
static int item_cmp(const unsigned char *arena, const sort_item *x, const sort_item *y)
{
	for (int i = 0; i < HEAD_WORDS; i++)
		if (x->head[i] != y->head[i])
			return x->head[i] < y->head[i] ? -1 : 1;
	const unsigned char *a = arena + x->off, *c = arena + y->off;
	size_t la = get16(a), lc = get16(c);
	int r = memcmp(entry_key(a), entry_key(c), la < lc ? la : lc);
	if (r)
		return r;
	if (la != lc)
		return la < lc ? -1 : 1;
	return x->k < y->k ? -1 : x->k > y->k;
}

/* Bottom-up merge sort of a[0..n) (stable): n log n, sequential memory,
 * no recursion. Returns whichever of a and tmp holds the result. */
static sort_item *merge_sort(const unsigned char *arena, sort_item *a, sort_item *tmp, size_t n)
{
	for (size_t w = 1; w < n; w *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * w) {
			size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
			size_t i = lo, j = mid, o = lo;
			while (i < mid && j < hi)
				tmp[o++] = item_cmp(arena, &a[j], &a[i]) < 0 ? a[j++] : a[i++];
			while (i < mid)
				tmp[o++] = a[i++];
			while (j < hi)
				tmp[o++] = a[j++];
		}
		sort_item *t = a;
		a = tmp;
		tmp = t;
	}
	return a;
}

/* Sorts a[0..n) into the order of item_cmp. A million keys are first put
 * in order of their first eight bytes by a radix sort (eight passes of
 * counting, stable, so that equal heads stay in id order), then each run
 * of equal heads - a few hundred names at most, which fit in the
 * processor's cache - is merge-sorted on the rest. Returns whichever of a
 * and tmp holds the result. */
static sort_item *names_order(const unsigned char *arena, sort_item *a, sort_item *tmp, size_t n)
{
	size_t count[256];
	for (int byte = 0; byte < 8; byte++) {
		int shift = 8 * byte;
		memset(count, 0, sizeof count);
		for (size_t i = 0; i < n; i++)
			count[(a[i].head[0] >> shift) & 0xff]++;
		if (n && count[(a[0].head[0] >> shift) & 0xff] == n)
			continue; /* every key has the same byte here */
		for (size_t v = 0, at = 0; v < 256; v++) {
			size_t c = count[v];
			count[v] = at;
			at += c;
		}
		for (size_t i = 0; i < n; i++)
			tmp[count[(a[i].head[0] >> shift) & 0xff]++] = a[i];
		sort_item *t = a;
		a = tmp;
		tmp = t;
	}
	for (size_t lo = 0, hi; lo < n; lo = hi) {
		for (hi = lo + 1; hi < n && a[hi].head[0] == a[lo].head[0]; hi++)
			;
		if (hi - lo > 1 && merge_sort(arena, a + lo, tmp + lo, hi - lo) != a + lo)
			memcpy(a + lo, tmp + lo, (hi - lo) * sizeof *a);
	}
	return a;
}

/* Sorts the named cadres: slot[k].pos is cadre k's place, order[] the
 * arena offsets in that order. */
static int names_sort(store_bulk *b, cb_error *err)
{
	size_t n = b->named ? b->named : 1;
	sort_item *a = malloc(n * sizeof *a), *tmp = malloc(n * sizeof *tmp);
	int rc = CB_OK;

	b->order = malloc(n * sizeof *b->order);
	if (!a || !tmp || !b->order) {
		rc = out_of_memory(err);
		goto out;
	}
	for (size_t k = 0; k < b->named; k++) {
		const unsigned char *e = b->arena + b->slot[k].off;
		size_t len = get16(e);
		a[k].off = b->slot[k].off;
		a[k].k = (uint32_t)k;
		for (size_t w = 0; w < HEAD_WORDS; w++) {
			uint64_t h = 0;
			for (size_t i = 8 * w; i < 8 * w + 8; i++)
				h = h << 8 | (i < len ? entry_key(e)[i] : 0);
			a[k].head[w] = h;
		}
	}
	sort_item *sorted = names_order(b->arena, a, tmp, b->named);
	for (size_t i = 0; i < b->named; i++) {
		b->slot[sorted[i].k].pos = (uint32_t)(i + 1);
		b->order[i] = sorted[i].off;
	}
out:
	free(a);
	free(tmp);
	return rc;
}

/* ---- the rows ----------------------------------------------------------- */

/* The search columns (name_fold, sort_key, rank) of the next named
 * cadre, ranked in memory. */
static int cells_named(store_bulk *b, bulk_cell *c, const cadre *cd, cb_error *err)
{
	const bulk_slot *sl;
	const unsigned char *e;
	int rc;

	if (!b->order && (rc = names_sort(b, err)))
		return rc;
	if ((size_t)b->cadres >= b->named)
		return out_of_order(err,
				    _("the cadres inserted are not the ones named, in that order"));
	sl = &b->slot[b->cadres];
	if (sl->hash != name_hash(cd->full_name, cd->birth_date))
		return out_of_order(err,
				    _("the cadres inserted are not the ones named, in that order"));
	e = b->arena + sl->off;
	cell_fixed(&c[0], CELL_TEXT, entry_fold(e), get16(e + 2) - 1);
	cell_fixed(&c[1], CELL_BLOB, entry_key(e), get16(e));
	cell_int(&c[2], (int64_t)sl->pos * SEARCH_GAP);
	return CB_OK;
}

/* The search columns of a cadre not named first: a provisional rank. */
static int cells_unnamed(store_bulk *b, bulk_cell *c, const cadre *cd, cb_error *err)
{
	bulk_batch *bt = &b->batch[BULK_CADRE];
	char fold[4 * CADRE_NAME_MAX];
	unsigned char key[4096];
	size_t keylen = text_name_sort_key(cd->full_name, cd->birth_date, key, sizeof key);
	int rc;

	if (text_fold(cd->full_name, fold, sizeof fold) >= sizeof fold || keylen > sizeof key)
		return cb_error_set(err, CB_EINVALID, _("%s is too long (at most %d bytes)"),
				    _("Full name"), CADRE_NAME_MAX - 1);
	if ((rc = cell_text(bt, &c[0], fold, err)) ||
	    (rc = cell_copy(bt, &c[1], CELL_BLOB, key, keylen, err)))
		return rc;
	cell_int(&c[2], b->next_rank--);
	return CB_OK;
}

int store_bulk_cadre(store_bulk *b, cadre *cd, cb_error *err)
{
	bulk_batch *bt = &b->batch[BULK_CADRE];
	bulk_cell *c = batch_row(bt);
	int rc;

	if (cd->unit_id <= 0 || cd->unit_id > b->max_unit || !b->tier[cd->unit_id])
		return cb_error_set(err, CB_EINVALID, _("%s: no unit with id %lld"), _("Unit"),
				    (long long)cd->unit_id);
	cd->level = b->tier[cd->unit_id];
	cd->id = b->first_id + b->cadres;
	cell_int(&c[0], cd->id);
	if ((rc = b->named ? cells_named(b, &c[2], cd, err) : cells_unnamed(b, &c[2], cd, err)) ||
	    (rc = cell_text(bt, &c[1], cd->full_name, err)) ||
	    (rc = cell_text(bt, &c[5], cd->birth_date, err)) ||
	    (rc = cell_text(bt, &c[7], cd->ethnicity, err)) ||
	    (rc = cell_text(bt, &c[10], cd->position, err)) ||
	    (rc = cell_text(bt, &c[18], cd->party_joined, err)) ||
	    (rc = cell_text(bt, &c[19], cd->notes, err)))
		return rc;
	cell_int(&c[6], cd->gender);
	cell_int(&c[8], cd->unit_id);
	cell_id(&c[9], cd->org_id);
	cell_int(&c[11], cd->pos_rank);
	cell_int(&c[12], cd->level);
	cell_int(&c[13], cd->managed);
	cell_int(&c[14], cd->is_head);
	cell_int(&c[15], cd->committees);
	cell_int(&c[16], cd->education);
	cell_int(&c[17], cd->theory);
	cell_id(&c[20], cd->religion); /* NULL when not recorded */
	cell_id(&c[21], cd->acad_title);
	cell_id(&c[22], cd->general_edu);
	cell_id(&c[23], cd->state_mgmt);
	cell_id(&c[24], cd->language);
	cell_id(&c[25], cd->it_level);
	b->cadres++;
	cd->version = 1;
	return batch_add(b->s, bt, err);
}

int store_bulk_org(store_bulk *b, org_row *o, cb_error *err)
{
	sqlite3_stmt *st = b->org;
	int rc;
	sqlite3_bind_text(st, 1, o->name, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, o->kind);
	if (o->parent_id)
		sqlite3_bind_int64(st, 3, o->parent_id);
	else
		sqlite3_bind_null(st, 3);
	sqlite3_bind_int64(st, 4, o->unit_id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(b->s, err, _("Saving a party organisation"));
	o->id = sqlite3_last_insert_rowid(b->s->db);
	o->version = 1;
	return CB_OK;
}

/* Counts a row of a cadre's records in; the cadres held back are written
 * before any batch of records, so that a record never precedes its cadre
 * (foreign keys may be on). */
static int records_add(store_bulk *b, int which, cb_error *err)
{
	bulk_batch *bt = &b->batch[which];
	int rc;
	if (bt->filled + 1 == bt->rows && (rc = batch_flush(b->s, &b->batch[BULK_CADRE], err)))
		return rc;
	return batch_add(b->s, bt, err);
}

int store_bulk_rating(store_bulk *b, int64_t cadre_id, int64_t org_id, int year, int grade,
		      cb_error *err)
{
	bulk_batch *bt = &b->batch[BULK_RATING];
	bulk_cell *c = batch_row(bt);
	cell_id(&c[0], cadre_id);
	cell_id(&c[1], org_id);
	cell_int(&c[2], year);
	cell_int(&c[3], grade);
	return records_add(b, BULK_RATING, err);
}

int store_bulk_training(store_bulk *b, int64_t cadre_id, const training_row *t, cb_error *err)
{
	bulk_batch *bt = &b->batch[BULK_TRAINING];
	bulk_cell *c = batch_row(bt);
	int rc = cell_text(bt, &c[3], t->course, err);
	if (rc)
		return rc;
	cell_int(&c[0], cadre_id);
	cell_int(&c[1], t->year);
	cell_int(&c[2], t->kind);
	return records_add(b, BULK_TRAINING, err);
}

int store_bulk_planning(store_bulk *b, int64_t cadre_id, const planning_row *p, cb_error *err)
{
	bulk_batch *bt = &b->batch[BULK_PLANNING];
	bulk_cell *c = batch_row(bt);
	int rc;
	if ((rc = cell_text(bt, &c[1], p->term, err)) ||
	    (rc = cell_text(bt, &c[2], p->position, err)))
		return rc;
	cell_int(&c[0], cadre_id);
	return records_add(b, BULK_PLANNING, err);
}

/* ---- the end ------------------------------------------------------------ */

/* FTS5 writes a segment each time its pending terms outgrow its hash
 * (1 MiB by default) and merges the segments as it goes; a larger hash for
 * the load means far fewer, larger segments and merges. The setting is
 * stored in the table's configuration: afterwards this connection is set
 * back to the default and the stored row removed, so that the file is as
 * if it had never been changed. An SQLite that does not know the setting
 * simply loads more slowly. */
static void fts_hash_size(store *s, bool big)
{
	static const char load[] =
		"INSERT INTO cadre_fts(cadre_fts, rank) VALUES('hashsize', 67108864)";
	static const char normal[] =
		"INSERT INTO cadre_fts(cadre_fts, rank) VALUES('hashsize', 1048576);"
		" DELETE FROM cadre_fts_config WHERE k = 'hashsize'";
	sqlite3_exec(s->db, big ? load : normal, NULL, NULL, NULL);
}

/* canbo_bulk_fold(i): the fold of the i-th cadre in rank order (from 0),
 * straight from memory. */
static void sql_bulk_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const store_bulk *b = sqlite3_user_data(ctx);
	sqlite3_int64 i = sqlite3_value_int64(argv[0]);
	(void)argc;
	if (i < 0 || (size_t)i >= b->named) {
		sqlite3_result_null(ctx);
		return;
	}
	const unsigned char *e = b->arena + b->order[i];
	sqlite3_result_text(ctx, entry_fold(e), (int)get16(e + 2) - 1, SQLITE_STATIC);
}

/* Fills the search index from memory, in rank order, by one statement:
 * FTS5 writes its pending terms out at every statement that may write
 * many rows, so one INSERT ... SELECT keeps them in memory until the hash
 * is full, where a statement per batch of rows would write a segment for
 * each. */
static int fts_fill(store_bulk *b, cb_error *err)
{
	static const char sql[] =
		"WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?1)"
		" INSERT INTO cadre_fts(rowid, name) SELECT (i + 1) * ?2, canbo_bulk_fold(i) FROM "
		"n";
	sqlite3_stmt *st = NULL;
	int rc = CB_OK;

	if (!b->named)
		return CB_OK;
	if (sqlite3_create_function_v2(b->s->db, "canbo_bulk_fold", 1,
				       SQLITE_UTF8 | SQLITE_DETERMINISTIC, b, sql_bulk_fold, NULL,
				       NULL, NULL) != SQLITE_OK ||
	    !(st = store_prepare(b->s, sql, err)))
		rc = store_fail(b->s, err, _("Updating the search index"));
	fts_hash_size(b->s, true);
	if (!rc) {
		sqlite3_bind_int64(st, 1, (sqlite3_int64)b->named);
		sqlite3_bind_int64(st, 2, SEARCH_GAP);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = store_fail(b->s, err, _("Updating the search index"));
	}
	sqlite3_finalize(st);
	fts_hash_size(b->s, false);
	sqlite3_create_function_v2(b->s->db, "canbo_bulk_fold", 1, SQLITE_UTF8, NULL, NULL, NULL,
				   NULL, NULL);
	return rc;
}

/* The search structures of cadres ranked in memory: the index, the word
 * list and the cadre indexes, each built once. */
static int finish_named(store_bulk *b, cb_error *err)
{
	int rc;
	if ((size_t)b->cadres != b->named)
		return out_of_order(err,
				    _("the cadres inserted are not the ones named, in that order"));
	if (!b->order && (rc = names_sort(b, err)))
		return rc;
	if ((rc = fts_fill(b, err)))
		return rc;
	names_free(b);
	if ((rc = store_ensure_indexes(b->s, err)))
		return rc;
	return search_words_rebuild(b->s, err);
}

/* Writes what is held back, ranks and indexes everything, writes one
 * audit row saying how many cadres were loaded, commits. */
static int bulk_finish(store_bulk *b, cb_error *err)
{
	char note[64];
	int rc = store_bulk_flush(b, err);
	if (rc)
		return rc;
	for (int i = 0; i < BULK_COUNT; i++)
		batch_free(&b->batch[i]);
	sqlite3_finalize(b->org);
	b->org = NULL;
	rc = b->named ? finish_named(b, err) : search_rebuild_tx(b->s, err);
	if (rc)
		return rc;
	snprintf(note, sizeof note, "{\"bulk_cadres\":%lld}", (long long)b->cadres);
	if ((rc = store_audit(b->s, "cadre", 0, "insert", NULL, note, err)))
		return rc;
	return store_commit(b->s, err);
}

int store_bulk_end(store_bulk *b, bool commit, cb_error *err)
{
	int rc = CB_OK;
	if (!b)
		return CB_OK;
	if (commit)
		rc = bulk_finish(b, err);
	if (!commit || rc)
		store_rollback(b->s);
	bulk_free(b);
	return rc;
}
