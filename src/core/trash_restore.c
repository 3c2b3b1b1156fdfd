/* trash_restore.c - putting a trash entry's rows back, and purging.
 *
 * Rows go back parents first. A row whose parent is not there yet (an
 * item carried from another item of the same entry that comes later) is
 * tried again after the others; a row still missing its parent when
 * nothing more can be placed, or clashing with a row saved since (same
 * id, same owner and year), stops the restore: nothing is changed and the
 * message names the row.
 */
#include "trash_internal.h"

#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "i18n.h"

typedef struct kept_row {
	char table[32];
	int64_t id;
	char *data;
	bool done;
} kept_row;

static void free_rows(kept_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(rows[i].data);
	free(rows);
}

static void read_kept(sqlite3_stmt *st, void *row)
{
	kept_row *k = row;
	memset(k, 0, sizeof *k);
	store_column_copy(st, 0, k->table, sizeof k->table);
	k->id = sqlite3_column_int64(st, 1);
	k->data = strdup((const char *)sqlite3_column_text(st, 2));
}

static int load_rows(store *s, int64_t trash_id, kept_row **rows, size_t *n, cb_error *err)
{
	static const char sql[] =
		"SELECT tbl, row_id, data FROM trash_row WHERE trash_id = ?1 ORDER BY seq";
	sqlite3_stmt *st = store_prepare(s, sql, err);
	int rc;
	if (st)
		sqlite3_bind_int64(st, 1, trash_id);
	rc = store_rows(s, st, sizeof **rows, read_kept, (void **)rows, n, _("Reading the trash"),
			err);
	if (rc)
		return rc;
	for (size_t i = 0; i < *n; i++)
		if (!(*rows)[i].data) {
			free_rows(*rows, *n);
			return cb_error_set(err, CB_EDB, _("Out of memory"));
		}
	if (*n == 0)
		return cb_error_set(err, CB_NOT_FOUND, _("There is no entry %lld in the trash"),
				    (long long)trash_id);
	return CB_OK;
}

/* ---- one row back ---------------------------------------------------------- */

#define COLS_MAX 64

typedef struct row_values {
	char names[COLS_MAX][64];
	sqlite3_value *vals[COLS_MAX];
	int n;
} row_values;

static void values_free(row_values *rv)
{
	for (int i = 0; i < rv->n; i++)
		sqlite3_value_free(rv->vals[i]);
	rv->n = 0;
}

static int hexval(char c)
{
	return c >= '0' && c <= '9'   ? c - '0'
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10
				      : -1;
}

/* A blob kept as {"hex": "..."}: its value, made by a one-row SELECT. */
static sqlite3_value *blob_value(store *s, const char *hex)
{
	size_t len = strlen(hex) / 2;
	unsigned char *bytes = malloc(len ? len : 1);
	sqlite3_stmt *st;
	sqlite3_value *v = NULL;
	if (!bytes)
		return NULL;
	for (size_t i = 0; i < len; i++)
		bytes[i] = (unsigned char)(hexval(hex[2 * i]) * 16 + hexval(hex[2 * i + 1]));
	if (sqlite3_prepare_v2(store_db(s), "SELECT ?1", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_blob(st, 1, bytes, (int)len, SQLITE_TRANSIENT);
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_value_dup(sqlite3_column_value(st, 0));
		sqlite3_finalize(st);
	}
	free(bytes);
	return v;
}

static int parse_row(store *s, const char *json, row_values *rv, cb_error *err)
{
	static const char sql[] = "SELECT key, type, atom, CASE WHEN type = 'object' THEN "
				  "json_extract(value, '$.hex') END"
				  " FROM json_each(?1)";
	sqlite3_stmt *st = store_prepare(s, sql, err);
	int rc = CB_OK, step;
	rv->n = 0;
	if (!st)
		return CB_EDB;
	store_bind_text(st, 1, json);
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(st, 1);
		sqlite3_value *v = NULL;
		if (rv->n == COLS_MAX)
			rc = cb_error_set(err, CB_EDB,
					  _("A row in the trash has too many columns"));
		else if (type && !strcmp(type, "object"))
			v = blob_value(s, (const char *)sqlite3_column_text(st, 3));
		else
			v = sqlite3_value_dup(sqlite3_column_value(st, 2));
		if (rc)
			break;
		if (!v) {
			rc = cb_error_set(err, CB_EDB, _("Out of memory"));
			break;
		}
		store_column_copy(st, 0, rv->names[rv->n], sizeof rv->names[0]);
		rv->vals[rv->n++] = v;
	}
	if (!rc && step != SQLITE_DONE)
		rc = store_fail(s, err, _("Reading the trash"));
	sqlite3_finalize(st);
	if (rc)
		values_free(rv);
	return rc;
}

static int col_of(const row_values *rv, const char *name)
{
	for (int i = 0; i < rv->n; i++)
		if (!strcmp(rv->names[i], name))
			return i;
	return -1;
}

/* A restored cadre keeps its rank if that still lies between its
 * neighbours' and is free; else it is placed afresh. */
static int cadre_rank(store *s, const row_values *rv, int64_t *rank, cb_error *err)
{
	static const char fits[] =
		"SELECT NOT EXISTS(SELECT 1 FROM cadre WHERE rank = ?3)"
		" AND coalesce((SELECT rank FROM cadre WHERE (sort_key, id) < (?1, ?2)"
		"  ORDER BY sort_key DESC, id DESC LIMIT 1) < ?3, 1)"
		" AND coalesce((SELECT rank FROM cadre WHERE (sort_key, id) > (?1, ?2)"
		"  ORDER BY sort_key, id LIMIT 1) > ?3, 1)";
	int ck = col_of(rv, "sort_key"), ci = col_of(rv, "id"), cr = col_of(rv, "rank");
	sqlite3_stmt *st;
	int ok = 0;

	if (ck < 0 || ci < 0 || cr < 0)
		return cb_error_set(err, CB_EDB, _("A row in the trash is incomplete"));
	*rank = sqlite3_value_int64(rv->vals[cr]);
	if (!(st = store_prepare(s, fits, err)))
		return CB_EDB;
	sqlite3_bind_value(st, 1, rv->vals[ck]);
	sqlite3_bind_value(st, 2, rv->vals[ci]);
	sqlite3_bind_int64(st, 3, *rank);
	if (sqlite3_step(st) == SQLITE_ROW)
		ok = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (ok)
		return CB_OK;
	return search_rank_place(s, sqlite3_value_int64(rv->vals[ci]),
				 sqlite3_value_blob(rv->vals[ck]),
				 (size_t)sqlite3_value_bytes(rv->vals[ck]), rank, err);
}

static int cadre_reindex(store *s, const row_values *rv, int64_t rank, cb_error *err)
{
	int cf = col_of(rv, "name_fold"), cu = col_of(rv, "unit_id");
	const char *fold = cf >= 0 ? (const char *)sqlite3_value_text(rv->vals[cf]) : NULL;
	int rc;
	if (!fold || cu < 0)
		return cb_error_set(err, CB_EDB, _("A row in the trash is incomplete"));
	if ((rc = search_fts_put(s, rank, fold, sqlite3_value_int64(rv->vals[cu]), 0, err)))
		return rc;
	return search_words_add(s, fold, err);
}

/* put_row: the row's parent is not there (yet). */
enum { PUT_LATER = -1 };

/* Inserts one kept row: CB_OK, PUT_LATER or an error (err says why). */
static int put_row(store *s, const kept_row *k, cb_error *err)
{
	char sql[4096], q[140];
	row_values rv;
	sqlite3_stmt *st;
	int64_t rank = 0;
	bool is_cadre = !strcmp(k->table, "cadre");
	int rc, step, result = CB_OK;
	size_t len;

	if ((rc = parse_row(s, k->data, &rv, err)))
		return rc;
	if (is_cadre && (rc = cadre_rank(s, &rv, &rank, err))) {
		values_free(&rv);
		return rc;
	}
	trash_quote(k->table, q, sizeof q);
	len = (size_t)snprintf(sql, sizeof sql, "INSERT INTO %s(", q);
	for (int i = 0; i < rv.n && len < sizeof sql; i++) {
		trash_quote(rv.names[i], q, sizeof q);
		len += (size_t)snprintf(sql + len, sizeof sql - len, "%s%s", i ? "," : "", q);
	}
	for (int i = 0; i < rv.n && len < sizeof sql; i++)
		len += (size_t)snprintf(sql + len, sizeof sql - len, "%s?", i ? "," : ") VALUES(");
	if (len < sizeof sql)
		len += (size_t)snprintf(sql + len, sizeof sql - len, ")");
	if (len >= sizeof sql || !(st = store_prepare(s, sql, err))) {
		rc = len >= sizeof sql ? cb_error_set(err, CB_EDB,
						      _("A row in the trash has too many columns"))
				       : CB_EDB;
		values_free(&rv);
		return rc;
	}
	for (int i = 0; i < rv.n; i++)
		if (is_cadre && !strcmp(rv.names[i], "rank"))
			sqlite3_bind_int64(st, i + 1, rank);
		else
			sqlite3_bind_value(st, i + 1, rv.vals[i]);
	step = sqlite3_step(st);
	rc = sqlite3_extended_errcode(store_db(s));
	if (step != SQLITE_DONE && rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
		result = PUT_LATER;
	} else if (step != SQLITE_DONE && (rc & 0xff) == SQLITE_CONSTRAINT) {
		result = cb_error_set(err, CB_ESTALE,
				      _("%s %lld cannot come back: a record saved since it was "
					"deleted takes its place (%s). Nothing was restored"),
				      trash_kind_label(k->table), (long long)k->id,
				      sqlite3_errmsg(store_db(s)));
	} else if (step != SQLITE_DONE) {
		result = store_fail(s, err, _("Restoring from the trash"));
	}
	sqlite3_finalize(st);
	if (result == CB_OK && is_cadre)
		result = cadre_reindex(s, &rv, rank, err);
	values_free(&rv);
	return result;
}

/* ---- restore and purge ---------------------------------------------------- */

static int drop_entry(store *s, int64_t trash_id, cb_error *err)
{
	static const char *const sql[] = {
		"DELETE FROM trash_row WHERE trash_id = ?1",
		"DELETE FROM trash WHERE id = ?1",
	};
	for (size_t i = 0; i < 2; i++) {
		sqlite3_stmt *st = store_prepare(s, sql[i], err);
		int step;
		if (!st)
			return CB_EDB;
		sqlite3_bind_int64(st, 1, trash_id);
		step = sqlite3_step(st);
		sqlite3_finalize(st);
		if (step != SQLITE_DONE)
			return store_fail(s, err, _("Emptying the trash"));
	}
	return CB_OK;
}

/* Whether the entry belongs to the user's districts (access.h). */
static int entry_in_scope(store *s, int64_t trash_id, cb_error *err)
{
	sqlite3_stmt *st =
		store_prepare(s, "SELECT coalesce(unit_id, 0) FROM trash WHERE id = ?1", err);
	int64_t unit = 0;
	int step;

	if (!st)
		return CB_EDB;
	sqlite3_bind_int64(st, 1, trash_id);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		unit = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (step == SQLITE_DONE)
		return cb_error_set(err, CB_NOT_FOUND, _("There is no entry %lld in the trash"),
				    (long long)trash_id);
	if (step != SQLITE_ROW)
		return store_fail(s, err, _("Reading the trash"));
	return trash_check_unit(s, unit, err);
}

static int restore_tx(store *s, int64_t trash_id, cb_error *err)
{
	kept_row *rows = NULL;
	size_t n = 0, left;
	int rc = entry_in_scope(s, trash_id, err);
	bool progress = true;

	if (!rc)
		rc = load_rows(s, trash_id, &rows, &n, err);

	if (rc)
		return rc;
	for (left = n; !rc && left && progress;) {
		progress = false;
		for (size_t i = 0; !rc && i < n; i++) {
			if (rows[i].done)
				continue;
			int put = put_row(s, &rows[i], err);
			if (put == CB_OK) {
				rows[i].done = progress = true;
				left--;
			} else if (put != PUT_LATER) {
				rc = put;
			}
		}
	}
	for (size_t i = 0; !rc && left && i < n; i++)
		if (!rows[i].done)
			rc = cb_error_set(err, CB_ESTALE,
					  _("%s %lld cannot come back: a record it belongs to is "
					    "no longer there (it may be in the trash itself: "
					    "restore that first). Nothing was restored"),
					  trash_kind_label(rows[i].table), (long long)rows[i].id);
	for (size_t i = 0; !rc && i < n; i++) {
		char *now = NULL;
		if (!(rc = trash_row_json(s, rows[i].table, rows[i].id, &now, err)))
			rc = store_audit(s, rows[i].table, rows[i].id, "restore", NULL, now, err);
		free(now);
	}
	if (!rc)
		rc = drop_entry(s, trash_id, err);
	free_rows(rows, n);
	return rc;
}

int trash_restore(store *s, int64_t trash_id, cb_error *err)
{
	int rc = store_begin(s, err);
	if (rc)
		return rc;
	return store_finish(s, restore_tx(s, trash_id, err), err);
}

static int purge_tx(store *s, int64_t trash_id, cb_error *err)
{
	kept_row *rows = NULL;
	size_t n = 0;
	int rc = entry_in_scope(s, trash_id, err);

	if (!rc)
		rc = load_rows(s, trash_id, &rows, &n, err);
	if (rc)
		return rc;
	for (size_t i = n; !rc && i-- > 0;)
		rc = store_audit(s, rows[i].table, rows[i].id, "purge", rows[i].data, NULL, err);
	if (!rc)
		rc = drop_entry(s, trash_id, err);
	free_rows(rows, n);
	return rc;
}

int trash_purge(store *s, int64_t trash_id, cb_error *err)
{
	int rc = store_begin(s, err);
	if (rc)
		return rc;
	return store_finish(s, purge_tx(s, trash_id, err), err);
}

int trash_purge_older(store *s, int days, long *purged, cb_error *err)
{
	/* only the entries of the user's districts (access.h) */
	static const char sql[] =
		"SELECT id FROM trash WHERE at < datetime('now', printf('-%d days', ?1))"
		" AND (?2 = 0 OR unit_id IN (SELECT id FROM unit WHERE lo BETWEEN ?3 AND ?4"
		" AND in_scope(lo, NULL)))"
		" ORDER BY id";
	sqlite3_stmt *st;
	int64_t *ids = NULL, lo = 0, hi = 0;
	bool scoped = store_scoped(s, &lo, &hi);
	size_t n = 0, cap = 0;
	int rc, step;

	if (purged)
		*purged = 0;
	if (days < 0)
		return cb_error_set(err, CB_EINVALID, _("The number of days cannot be negative"));
	if ((rc = store_begin(s, err)))
		return rc;
	if (!(st = store_prepare(s, sql, err)))
		return store_finish(s, CB_EDB, err);
	sqlite3_bind_int(st, 1, days);
	sqlite3_bind_int(st, 2, scoped);
	sqlite3_bind_int64(st, 3, lo);
	sqlite3_bind_int64(st, 4, hi);
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			int64_t *v = realloc(ids, (cap = cap ? cap * 2 : 16) * sizeof *v);
			if (!v) {
				rc = cb_error_set(err, CB_EDB, _("Out of memory"));
				break;
			}
			ids = v;
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	if (!rc && step != SQLITE_DONE)
		rc = store_fail(s, err, _("Reading the trash"));
	sqlite3_finalize(st);
	for (size_t i = 0; !rc && i < n; i++)
		rc = purge_tx(s, ids[i], err);
	free(ids);
	if (!rc && purged)
		*purged = (long)n;
	return store_finish(s, rc, err);
}
