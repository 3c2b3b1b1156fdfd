/* trash.c - moving a record and its dependents to the trash, and back.
 *
 * A trash entry keeps its rows parents first (the order they were found);
 * they leave the live tables children first and come back parents first,
 * each with its own id. Cadres carry two derived things the rows alone do
 * not give back: their entry in the search index (cadre_fts, keyed by
 * rank) and a rank that must still sit between its neighbours' when it
 * comes back (others may have been renumbered meanwhile: then the cadre is
 * placed afresh).
 */
#include "trash_internal.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"

static int not_a_kind(const char *table, cb_error *err)
{
	return cb_error_set(err, CB_EINVALID, _("'%s' is not a kind of record that can be deleted"),
			    table);
}

/* The record's version, or -1 when it has none; CB_NOT_FOUND if gone. */
static int read_version(store *s, const char *table, int64_t id, int64_t *version, cb_error *err)
{
	char sql[128], q[80];
	sqlite3_stmt *st;
	int step;

	*version = -1;
	trash_quote(table, q, sizeof q);
	snprintf(sql, sizeof sql, "SELECT * FROM %s WHERE rowid = ?1", q);
	if (!(st = store_prepare(s, sql, err)))
		return CB_EDB;
	sqlite3_bind_int64(st, 1, id);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		for (int c = 0; c < sqlite3_column_count(st); c++)
			if (!strcmp(sqlite3_column_name(st, c), "version"))
				*version = sqlite3_column_int64(st, c);
	sqlite3_finalize(st);
	if (step == SQLITE_DONE)
		return store_stale(s, table, id, false, err);
	if (step != SQLITE_ROW)
		return store_fail(s, err, _("Reading records"));
	return CB_OK;
}

static void fill_effect(const trash_set *set, trash_effect *e)
{
	e->rows = (long)set->n;
	for (size_t i = 1; i < set->n; i++)
		trash_count_add(e->deps, &e->ndeps, set->v[i].table, 1);
	memcpy(e->blockers, set->blockers, sizeof e->blockers);
	e->nblockers = set->nblockers;
}

int trash_effect_of(store *s, const char *table, int64_t id, trash_effect *out, cb_error *err)
{
	trash_set set;
	int64_t version;
	int rc;

	memset(out, 0, sizeof *out);
	if (!trash_is_kind(table))
		return not_a_kind(table, err);
	snprintf(out->table, sizeof out->table, "%s", table);
	out->id = id;
	if ((rc = read_version(s, table, id, &version, err)) ||
	    (rc = trash_summary(s, table, id, out->summary, sizeof out->summary, err)) ||
	    (rc = trash_collect(s, table, id, &set, err)))
		return rc;
	fill_effect(&set, out);
	trash_set_free(&set);
	return CB_OK;
}

/* ---- delete --------------------------------------------------------------- */

static int new_entry(store *s, const trash_set *set, const char *summary, int64_t unit,
		     int64_t *trash_id, cb_error *err)
{
	static const char sql[] =
		"INSERT INTO trash(at, user, tbl, row_id, summary, unit_id)"
		" VALUES(strftime('%Y-%m-%d %H:%M:%S','now'), ?1, ?2, ?3, ?4, nullif(?5, 0))";
	sqlite3_stmt *st = store_prepare(s, sql, err);
	int step;
	if (!st)
		return CB_EDB;
	store_bind_text(st, 1, store_user(s));
	store_bind_text(st, 2, set->v[0].table);
	sqlite3_bind_int64(st, 3, set->v[0].id);
	store_bind_text(st, 4, summary);
	sqlite3_bind_int64(st, 5, unit);
	step = sqlite3_step(st);
	sqlite3_finalize(st);
	if (step != SQLITE_DONE)
		return store_fail(s, err, _("Moving to the trash"));
	*trash_id = sqlite3_last_insert_rowid(store_db(s));
	return CB_OK;
}

static int keep_rows(store *s, trash_set *set, int64_t trash_id, cb_error *err)
{
	static const char sql[] = "INSERT INTO trash_row(trash_id, seq, tbl, row_id, data) "
				  "VALUES(?1, ?2, ?3, ?4, ?5)";
	sqlite3_stmt *st = store_prepare(s, sql, err);
	int rc = CB_OK;
	if (!st)
		return CB_EDB;
	for (size_t i = 0; !rc && i < set->n; i++) {
		trash_node *nd = &set->v[i];
		if ((rc = trash_row_json(s, nd->table, nd->id, &nd->json, err)))
			break;
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, trash_id);
		sqlite3_bind_int64(st, 2, (int64_t)i);
		store_bind_text(st, 3, nd->table);
		sqlite3_bind_int64(st, 4, nd->id);
		store_bind_text(st, 5, nd->json);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = store_fail(s, err, _("Moving to the trash"));
	}
	sqlite3_finalize(st);
	return rc;
}

static int remove_row(store *s, const trash_node *nd, cb_error *err)
{
	char sql[128], q[80];
	sqlite3_stmt *st;
	int rc = CB_OK;

	if (!strcmp(nd->table, "cadre") && (rc = search_fts_refile(s, nd->id, 0, err)))
		return rc;
	trash_quote(nd->table, q, sizeof q);
	snprintf(sql, sizeof sql, "DELETE FROM %s WHERE rowid = ?1", q);
	if (!(st = store_prepare(s, sql, err)))
		return CB_EDB;
	sqlite3_bind_int64(st, 1, nd->id);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_fail(s, err, _("Moving to the trash"));
	sqlite3_finalize(st);
	if (!rc)
		rc = store_audit(s, nd->table, nd->id, "delete", nd->json, NULL, err);
	return rc;
}

static int delete_tx(store *s, const char *table, int64_t id, int64_t version, int64_t *trash_id,
		     cb_error *err)
{
	char summary[TRASH_SUMMARY_MAX], words[512];
	int64_t have, unit;
	trash_set set;
	int rc;

	if ((rc = read_version(s, table, id, &have, err)) ||
	    (rc = trash_row_unit(s, table, id, &unit, err)) ||
	    (rc = trash_check_unit(s, unit, err)))
		return rc;
	if (version > 0 && have >= 0 && have != version)
		return store_stale(s, table, id, true, err);
	if ((rc = trash_summary(s, table, id, summary, sizeof summary, err)) ||
	    (rc = trash_collect(s, table, id, &set, err)))
		return rc;
	if (set.nblockers) {
		trash_counts_text(set.blockers, set.nblockers, words, sizeof words);
		rc = cb_error_set(err, CB_EINVALID,
				  _("Still attached to it: %s; move or delete those first. Nothing "
				    "was deleted"),
				  words);
	}
	if (!rc && !(rc = new_entry(s, &set, summary, unit, trash_id, err)))
		rc = keep_rows(s, &set, *trash_id, err);
	for (size_t i = set.n; !rc && i-- > 0;)
		rc = remove_row(s, &set.v[i], err);
	trash_set_free(&set);
	return rc;
}

int trash_delete(store *s, const char *table, int64_t id, int64_t version, int64_t *trash_id,
		 cb_error *err)
{
	int64_t tid = 0;
	int rc;
	if (!trash_is_kind(table))
		return not_a_kind(table, err);
	if ((rc = store_begin(s, err)))
		return rc;
	rc = store_finish(s, delete_tx(s, table, id, version, &tid, err), err);
	if (trash_id)
		*trash_id = rc ? 0 : tid;
	return rc;
}
