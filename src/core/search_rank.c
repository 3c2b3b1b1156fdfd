/* search_rank.c - each cadre's rank (its place in Vietnamese name order)
 * and the FTS5 index whose rowid is that rank.
 *
 * Ranks are sparse: after a renumbering they are SEARCH_GAP apart, and a
 * new or renamed cadre takes the midpoint between its neighbours, so an
 * insert touches one row. Only when the neighbours are adjacent numbers is
 * everyone renumbered. Invariant kept by every function here: ordering by
 * rank is ordering by (sort_key, id), and cadre_fts has exactly one row
 * (rowid = rank, name = name_fold) per cadre.
 */
#include "store_internal.h"

#include <string.h>

#include "i18n.h"

/* The nearest rank before (pred) or after a key; *found = false at the
 * ends. The row `self` (being renamed) is not its own neighbour. */
static int neighbour(store *s, bool pred, int64_t self, const unsigned char *key,
		     size_t keylen, int64_t *rank, bool *found, cb_error *err)
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

int search_rank_place(store *s, int64_t id, const unsigned char *key, size_t keylen,
		      int64_t *rank, cb_error *err)
{
	for (int attempt = 0; attempt < 2; attempt++) {
		int64_t lo = 0, hi = 0;
		bool has_lo, has_hi;
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
		if ((rc = search_rebuild_tx(s, err)))
			return rc;
	}
	return cb_error_set(err, CB_EDB, _("Placing a name in the list: %s"),
			    _("no room left after renumbering"));
}

int search_fts_put(store *s, int64_t rank, const char *fold, int del, cb_error *err)
{
	static const char add_sql[] = "INSERT INTO cadre_fts(rowid, name) VALUES(?1, ?2)";
	static const char del_sql[] =
		"INSERT INTO cadre_fts(cadre_fts, rowid, name) VALUES('delete', ?1, ?2)";
	sqlite3_stmt *st = store_prepare(s, del ? del_sql : add_sql, err);
	int rc;
	if (!st)
		return CB_EDB;
	sqlite3_bind_int64(st, 1, rank);
	store_bind_text(st, 2, fold);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, _("Updating the search index"));
	return CB_OK;
}

/* Renumbering a million rows: the new ranks are computed once into a temp
 * table, the indexes that contain rank are dropped (so the one UPDATE
 * neither trips the unique index half-way nor maintains three b-trees row
 * by row) and built again by store_ensure_indexes, and cadre_fts is
 * refilled in rowid order, which is what FTS5 writes fastest. */
int search_rebuild_tx(store *s, cb_error *err)
{
	static const char *const steps[] = {
		"DROP TABLE IF EXISTS temp.cadre_rerank",
		"CREATE TEMP TABLE cadre_rerank(id INTEGER PRIMARY KEY, r INTEGER NOT NULL)",
		"INSERT INTO temp.cadre_rerank(id, r)"
		" SELECT id, row_number() OVER (ORDER BY sort_key, id) * 1024 FROM cadre",
		"DROP INDEX IF EXISTS cadre_rank",
		"DROP INDEX IF EXISTS cadre_unit",
		"DROP INDEX IF EXISTS cadre_birth",
		"UPDATE cadre SET rank = r.r FROM temp.cadre_rerank r"
		" WHERE r.id = cadre.id AND cadre.rank <> r.r",
		"DROP TABLE temp.cadre_rerank",
		"INSERT INTO cadre_fts(cadre_fts) VALUES('delete-all')",
		"INSERT INTO cadre_fts(rowid, name) SELECT rank, name_fold FROM cadre ORDER BY rank",
	};
	_Static_assert(SEARCH_GAP == 1024, "the renumbering SQL spells out SEARCH_GAP");
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if (sqlite3_exec(s->db, steps[i], NULL, NULL, NULL) != SQLITE_OK)
			return store_fail(s, err, _("Renumbering the list"));
	return store_ensure_indexes(s, err);
}

int search_rebuild(store *s, cb_error *err)
{
	int rc;
	if (s->in_tx)
		return search_rebuild_tx(s, err);
	if ((rc = store_begin(s, err)))
		return rc;
	if ((rc = search_rebuild_tx(s, err))) {
		store_rollback(s);
		return rc;
	}
	return store_commit(s, err);
}
