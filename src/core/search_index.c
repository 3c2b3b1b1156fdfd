/* search_index.c - each cadre's rank (its place in Vietnamese name order)
 * and the FTS5 index whose rowid is that rank.
 *
 * Ranks are sparse: after a renumbering they are SEARCH_GAP apart, and a
 * new or renamed cadre takes the midpoint between its neighbours, so an
 * insert touches one row. When the neighbours are adjacent numbers, the
 * few rows after the gap are spread out (make_room); only when thousands
 * of rows are packed tight is everyone renumbered. Invariant kept by every function here: ordering
 * by rank is ordering by (sort_key, id), and cadre_fts has exactly one row (rowid = rank, name =
 * name_fold, place = the unit's token) per cadre.
 */
#include "search_index.h"
#include "store_sql.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"

/* The nearest rank before (pred) or after a key; *found = false at the
 * ends. The row `self` (being renamed) is not its own neighbour. */
static int neighbour(store *s, bool pred, int64_t self, const unsigned char *key, size_t keylen,
		     int64_t *rank, bool *found, cb_error *err)
{
	static const char before[] =
		"SELECT rank FROM cadre WHERE (sort_key, id) < (?1, ?2) AND id <> ?3"
		" ORDER BY sort_key DESC, id DESC LIMIT 1";
	static const char after[] =
		"SELECT rank FROM cadre WHERE (sort_key, id) > (?1, ?2) AND id <> ?3"
		" ORDER BY sort_key, id LIMIT 1";
	sqlite3_stmt *st = store_prepare(s, pred ? before : after, err);
	int rc;
	if (!st)
		return CB_EDB;
	sqlite3_bind_blob(st, 1, key, (int)keylen, SQLITE_STATIC);
	/* A row not inserted yet will get the highest id: after equal keys. */
	sqlite3_bind_int64(st, 2, self ? self : INT64_MAX);
	sqlite3_bind_int64(st, 3, self);
	rc = sqlite3_step(st);
	*found = rc == SQLITE_ROW;
	if (*found)
		*rank = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, err, _("Placing a name in the list"));
	return CB_OK;
}

/* Runs a statement with two integer parameters; *out = first column of
 * the first row, *found whether there was one. */
static int query2(store *s, const char *sql, int64_t a, int64_t b, int64_t *out, bool *found,
		  cb_error *err)
{
	sqlite3_stmt *st = store_prepare(s, sql, err);
	int rc;
	if (!st)
		return CB_EDB;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	rc = sqlite3_step(st);
	if (found)
		*found = rc == SQLITE_ROW;
	if (rc == SQLITE_ROW && out)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, err, _("Renumbering the list"));
	return CB_OK;
}

typedef struct moved {
	int64_t id, rank, unit_id;
	char fold[4 * CADRE_NAME_MAX];
} moved;

/* Reads the n rows ranked just above lo (n <= 4096), in rank order. */
static int read_after(store *s, int64_t lo, int64_t n, moved *rows, int64_t *got, cb_error *err)
{
	static const char sql[] = "SELECT id, rank, name_fold, unit_id FROM cadre WHERE rank > ?1"
				  " ORDER BY rank LIMIT ?2";
	sqlite3_stmt *st = store_prepare(s, sql, err);
	int rc;
	*got = 0;
	if (!st)
		return CB_EDB;
	sqlite3_bind_int64(st, 1, lo);
	sqlite3_bind_int64(st, 2, n);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *got < n) {
		moved *m = &rows[(*got)++];
		m->id = sqlite3_column_int64(st, 0);
		m->rank = sqlite3_column_int64(st, 1);
		store_column_copy(st, 2, m->fold, sizeof m->fold);
		m->unit_id = sqlite3_column_int64(st, 3);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW
		       ? CB_OK
		       : store_fail(s, err, _("Renumbering the list"));
}

/* Gives the n rows ranked just above lo evenly spaced ranks in (lo, top):
 * first all to their negated ranks (distinct, so the unique index never
 * sees two rows on one rank half-way), then to their new places, moving
 * their search index entries with them. */
static int respace(store *s, int64_t lo, int64_t top, int64_t n, cb_error *err)
{
	static const char park[] = "UPDATE cadre SET rank = -rank WHERE rank > ?1 AND rank <= ?2";
	static const char move[] = "UPDATE cadre SET rank = ?2 WHERE id = ?1";
	int64_t step = (top - lo) / (n + 1), got;
	moved *rows = malloc((size_t)n * sizeof *rows);
	int rc;

	if (!rows)
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	rc = read_after(s, lo, n, rows, &got, err);
	if (!rc && got)
		rc = query2(s, park, lo, rows[got - 1].rank, NULL, NULL, err);
	/* all index entries out before any goes in: a new rank may be the
	 * old rank of a row not moved yet */
	for (int64_t i = 0; !rc && i < got; i++)
		rc = search_fts_put(s, rows[i].rank, rows[i].fold, rows[i].unit_id, 1, err);
	for (int64_t i = 0; !rc && i < got; i++) {
		int64_t now = lo + step * (i + 1);
		if (!(rc = query2(s, move, rows[i].id, now, NULL, NULL, err)))
			rc = search_fts_put(s, now, rows[i].fold, rows[i].unit_id, 0, err);
	}
	free(rows);
	return rc;
}

/* Makes room just above rank lo by respacing the fewest following rows
 * that have enough room below the next one; *done = false when even 4096
 * rows are too crowded (then everyone is renumbered). */
static int make_room(store *s, int64_t lo, bool *done, cb_error *err)
{
	static const char nth[] = "SELECT rank FROM cadre WHERE rank > ?1 ORDER BY rank"
				  " LIMIT 1 OFFSET ?2";
	*done = false;
	for (int64_t n = 1; n <= 4096; n *= 2) {
		int64_t top;
		bool found;
		int rc = query2(s, nth, lo, n, &top, &found, err);
		if (rc)
			return rc;
		if (!found)
			top = lo + 2 * SEARCH_GAP * (n + 1); /* the end of the list */
		if ((top - lo) / (n + 1) >= 2 && top < (INT64_C(1) << 40)) {
			*done = true;
			return respace(s, lo, top, n, err);
		}
	}
	return CB_OK;
}

int search_rank_place(store *s, int64_t id, const unsigned char *key, size_t keylen, int64_t *rank,
		      cb_error *err)
{
	for (int attempt = 0; attempt < 3; attempt++) {
		int64_t lo = 0, hi = 0;
		bool has_lo, has_hi, done;
		int rc;
		if ((rc = neighbour(s, true, id, key, keylen, &lo, &has_lo, err)) ||
		    (rc = neighbour(s, false, id, key, keylen, &hi, &has_hi, err)))
			return rc;
		if (!has_lo)
			lo = 0;
		if (!has_hi)
			hi = lo + 2 * SEARCH_GAP;
		/* Positions pack a rank into 40 bits (search.c): renumber
		 * before ranks could outgrow them. */
		if (hi - lo >= 2 && hi < (INT64_C(1) << 40)) {
			*rank = lo + (hi - lo) / 2;
			return CB_OK;
		}
		if (attempt == 0 && (rc = make_room(s, lo, &done, err)))
			return rc;
		if (attempt == 0 && done)
			continue;
		if ((rc = search_rebuild_tx(s, err)))
			return rc;
	}
	return cb_error_set(err, CB_EDB, _("Placing a name in the list: %s"),
			    _("no room left after renumbering"));
}

int search_fts_put(store *s, int64_t rank, const char *fold, int64_t unit_id, int del,
		   cb_error *err)
{
	static const char add_sql[] = "INSERT INTO cadre_fts(rowid, name, place)"
				      " VALUES(?1, ?2, " SEARCH_PLACE_SQL("?3") ")";
	static const char del_sql[] = "INSERT INTO cadre_fts(cadre_fts, rowid, name, place)"
				      " VALUES('delete', ?1, ?2, " SEARCH_PLACE_SQL("?3") ")";
	sqlite3_stmt *st = store_prepare(s, del ? del_sql : add_sql, err);
	int rc;
	if (!st)
		return CB_EDB;
	sqlite3_bind_int64(st, 1, rank);
	store_bind_text(st, 2, fold);
	sqlite3_bind_int64(st, 3, unit_id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, _("Updating the search index"));
	return CB_OK;
}

int search_fts_refile(store *s, int64_t id, int64_t unit_id, cb_error *err)
{
	sqlite3_stmt *st =
		store_prepare(s, "SELECT rank, name_fold, unit_id FROM cadre WHERE id = ?1", err);
	char fold[4 * CADRE_NAME_MAX];
	int64_t rank = 0, was = 0;
	int rc;

	if (!st)
		return CB_EDB;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		rank = sqlite3_column_int64(st, 0);
		store_column_copy(st, 1, fold, sizeof fold);
		was = sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return CB_OK;
	if (rc != SQLITE_ROW)
		return store_fail(s, err, _("Updating the search index"));
	if ((rc = search_fts_put(s, rank, fold, was, 1, err)) || unit_id <= 0)
		return rc;
	return search_fts_put(s, rank, fold, unit_id, 0, err);
}

/* ---- the word list ------------------------------------------------- */

/* Calls fn for each space-separated word of a fold. */
static int each_fold_word(const char *fold, int (*fn)(void *, const char *, size_t), void *arg)
{
	int rc = CB_OK;
	for (const char *w = fold; !rc && *w;) {
		size_t n = strcspn(w, " ");
		if (n)
			rc = fn(arg, w, n);
		w += n;
		w += strspn(w, " ");
	}
	return rc;
}

typedef struct word_ins {
	store *s;
	sqlite3_stmt *st;
	cb_error *err;
} word_ins;

static int insert_word(void *arg, const char *w, size_t n)
{
	word_ins *wi = arg;
	sqlite3_reset(wi->st);
	sqlite3_bind_text(wi->st, 1, w, (int)n, SQLITE_TRANSIENT);
	if (sqlite3_step(wi->st) != SQLITE_DONE)
		return store_fail(wi->s, wi->err, _("Updating the search index"));
	return CB_OK;
}

int search_words_add(store *s, const char *fold, cb_error *err)
{
	word_ins wi = {s, store_prepare(s, "INSERT OR IGNORE INTO name_word(word) VALUES(?)", err),
		       err};
	int rc;
	if (!wi.st)
		return CB_EDB;
	rc = each_fold_word(fold, insert_word, &wi);
	sqlite3_finalize(wi.st);
	return rc;
}

/* A set of words (open addressing); distinct name words number in the
 * thousands, so rebuilding the list is one pass over the names. */
typedef struct word_set {
	char **slot;
	size_t cap, n;
	word_ins *out; /* new words are inserted as they are met */
} word_set;

static size_t word_hash(const char *w, size_t n)
{
	size_t h = 5381;
	for (size_t i = 0; i < n; i++)
		h = h * 33 + (unsigned char)w[i];
	return h;
}

static int set_grow(word_set *ws)
{
	size_t cap = ws->cap ? ws->cap * 2 : 4096;
	char **slot = calloc(cap, sizeof *slot);
	if (!slot)
		return CB_EDB;
	for (size_t i = 0; i < ws->cap; i++) {
		if (!ws->slot[i])
			continue;
		size_t h = word_hash(ws->slot[i], strlen(ws->slot[i])) & (cap - 1);
		while (slot[h])
			h = (h + 1) & (cap - 1);
		slot[h] = ws->slot[i];
	}
	free(ws->slot);
	ws->slot = slot;
	ws->cap = cap;
	return CB_OK;
}

static int set_add(void *arg, const char *w, size_t n)
{
	word_set *ws = arg;
	size_t h;
	if (2 * (ws->n + 1) > ws->cap && set_grow(ws))
		return cb_error_set(ws->out->err, CB_EDB, _("Out of memory"));
	for (h = word_hash(w, n) & (ws->cap - 1); ws->slot[h]; h = (h + 1) & (ws->cap - 1))
		if (strncmp(ws->slot[h], w, n) == 0 && ws->slot[h][n] == '\0')
			return CB_OK;
	if (!(ws->slot[h] = strndup(w, n)))
		return cb_error_set(ws->out->err, CB_EDB, _("Out of memory"));
	ws->n++;
	return insert_word(ws->out, w, n);
}

/* Refills name_word from every cadre's fold. */
int search_words_rebuild(store *s, cb_error *err)
{
	word_ins wi = {s, NULL, err};
	word_set ws = {NULL, 0, 0, &wi};
	sqlite3_stmt *names = NULL;
	int rc = CB_OK, src = SQLITE_DONE;

	if (sqlite3_exec(store_db(s), "DELETE FROM name_word", NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(s, err, _("Updating the search index"));
	if (!(wi.st = store_prepare(s, "INSERT OR IGNORE INTO name_word(word) VALUES(?)", err)) ||
	    !(names = store_prepare(s, "SELECT name_fold FROM cadre", err)))
		rc = CB_EDB;
	while (!rc && (src = sqlite3_step(names)) == SQLITE_ROW)
		rc = each_fold_word((const char *)sqlite3_column_text(names, 0), set_add, &ws);
	if (!rc && src != SQLITE_DONE)
		rc = store_fail(s, err, _("Updating the search index"));
	sqlite3_finalize(names);
	sqlite3_finalize(wi.st);
	for (size_t i = 0; i < ws.cap; i++)
		free(ws.slot[i]);
	free(ws.slot);
	return rc;
}

/* Renumbering a million rows: the new ranks are computed once into a temp
 * table by walking cadre_sort (built first if a bulk load left it out),
 * the indexes that contain rank are dropped (so the one UPDATE neither
 * trips the unique index half-way nor maintains four b-trees row by row)
 * and built again, and cadre_fts is refilled in rowid order through the
 * new cadre_rank, which is what FTS5 writes fastest. */
int search_rebuild_tx(store *s, cb_error *err)
{
	static const char *const steps[] = {
		"DROP TABLE IF EXISTS temp.cadre_rerank",
		"CREATE INDEX IF NOT EXISTS cadre_sort ON cadre(sort_key)",
		"CREATE TEMP TABLE cadre_rerank(id INTEGER PRIMARY KEY, r INTEGER NOT NULL)",
		"INSERT INTO temp.cadre_rerank(id, r)"
		" SELECT id, row_number() OVER (ORDER BY sort_key, id) * 1024 FROM cadre",
		"DROP INDEX IF EXISTS cadre_rank",
		"DROP INDEX IF EXISTS cadre_unit",
		"DROP INDEX IF EXISTS cadre_birth",
		"UPDATE cadre SET rank = r.r FROM temp.cadre_rerank r"
		" WHERE r.id = cadre.id AND cadre.rank <> r.r",
		"DROP TABLE temp.cadre_rerank",
		"CREATE UNIQUE INDEX cadre_rank ON cadre(rank)",
		"INSERT INTO cadre_fts(cadre_fts) VALUES('delete-all')",
		"INSERT INTO cadre_fts(rowid, name, place)"
		" SELECT rank, name_fold, " SEARCH_PLACE_SQL("unit_id") " FROM cadre ORDER BY rank",
	};
	_Static_assert(SEARCH_GAP == 1024, "the renumbering SQL spells out SEARCH_GAP");
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if (sqlite3_exec(store_db(s), steps[i], NULL, NULL, NULL) != SQLITE_OK)
			return store_fail(s, err, _("Renumbering the list"));
	int rc = store_ensure_indexes(s, err);
	return rc ? rc : search_words_rebuild(s, err);
}

int search_rebuild(store *s, cb_error *err)
{
	int rc;
	if (store_in_tx(s))
		return search_rebuild_tx(s, err);
	if ((rc = store_begin(s, err)))
		return rc;
	return store_finish(s, search_rebuild_tx(s, err), err);
}
