/* sync_tables.c - the tables that travel, read from the schema itself
 * (sync_internal.h): their columns, their one primary key and what each
 * column refers to, so that a table another version adds travels too. */
#include "store_sql.h"
#include "sync_internal.h"

#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"

void sync_schema_free(sync_schema *sc)
{
	for (size_t i = 0; i < sc->n; i++)
		free(sc->t[i].cols);
	free(sc->t);
	free(sc->order);
	memset(sc, 0, sizeof *sc);
}

int sync_schema_find(const sync_schema *sc, const char *name)
{
	for (size_t i = 0; i < sc->n; i++)
		if (!strcmp(sc->t[i].name, name))
			return (int)i;
	return -1;
}

/* Columns and primary key of one table; false when it cannot travel
 * (no primary key, or one of several columns). */
static int load_columns(store *s, sync_table *t, bool without_rowid, bool *ok, cb_error *err)
{
	char sql[160];
	sqlite3_stmt *st;
	int npk = 0, cap = 0;

	*ok = false;
	snprintf(sql, sizeof sql, "SELECT name, type, pk FROM pragma_table_info('%s') ORDER BY cid",
		 t->name);
	if (!(st = store_prepare(s, sql, err)))
		return CB_EDB;
	t->pk = t->rank_col = t->uid_col = -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (t->ncol == cap) {
			cap = cap ? 2 * cap : 16;
			sync_column *c = realloc(t->cols, (size_t)cap * sizeof *c);
			if (!c) {
				sqlite3_finalize(st);
				return cb_error_set(err, CB_EDB, _("Out of memory"));
			}
			t->cols = c;
		}
		sync_column *c = &t->cols[t->ncol];
		snprintf(c->name, sizeof c->name, "%s", (const char *)sqlite3_column_text(st, 0));
		c->ref = SYNC_REF_NONE;
		if (sqlite3_column_int(st, 2) > 0) {
			npk++;
			t->pk = t->ncol;
			t->rowid_pk = !without_rowid &&
				      !sqlite3_stricmp((const char *)sqlite3_column_text(st, 1),
						       "INTEGER");
		}
		if (!strcmp(c->name, "uid"))
			t->uid_col = t->ncol;
		if (!strcmp(t->name, "cadre") && !strcmp(c->name, "rank"))
			t->rank_col = t->ncol;
		t->ncol++;
	}
	sqlite3_finalize(st);
	*ok = npk == 1;
	return CB_OK;
}

/* What each column refers to, as table names in ref_name (resolved to
 * indices once every table is known). */
static int load_refs(store *s, sync_table *t, char (*ref_name)[64], cb_error *err)
{
	char sql[160];
	sqlite3_stmt *st;

	snprintf(sql, sizeof sql, "SELECT \"from\", \"table\" FROM pragma_foreign_key_list('%s')",
		 t->name);
	if (!(st = store_prepare(s, sql, err)))
		return CB_EDB;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *from = (const char *)sqlite3_column_text(st, 0);
		for (int i = 0; i < t->ncol; i++)
			if (from && !strcmp(t->cols[i].name, from))
				snprintf(ref_name[i], 64, "%s",
					 (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	return CB_OK;
}

static int order_tables(sync_schema *sc, cb_error *err)
{
	bool *placed = calloc(sc->n ? sc->n : 1, sizeof *placed);
	size_t k = 0;
	if (!placed || !(sc->order = malloc((sc->n ? sc->n : 1) * sizeof *sc->order))) {
		free(placed);
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	}
	while (k < sc->n) {
		size_t before = k;
		for (size_t i = 0; i < sc->n; i++) {
			bool ready = !placed[i];
			for (int c = 0; ready && c < sc->t[i].ncol; c++) {
				int r = sc->t[i].cols[c].ref;
				ready = r < 0 || (size_t)r == i || placed[r];
			}
			if (ready) {
				placed[i] = true;
				sc->order[k++] = (int)i;
			}
		}
		if (k == before) /* a cycle between tables: keep schema order */
			for (size_t i = 0; i < sc->n; i++)
				if (!placed[i]) {
					placed[i] = true;
					sc->order[k++] = (int)i;
				}
	}
	free(placed);
	return CB_OK;
}

int sync_schema_load(store *s, sync_schema *sc, cb_error *err)
{
	static const char sql[] = "SELECT name, sql LIKE '%WITHOUT ROWID%' FROM sqlite_master"
				  " WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
				  " ORDER BY rowid";
	sqlite3_stmt *st = store_prepare(s, sql, err);
	char(*refs)[64][64] = NULL; /* per table, per column (at most 64 followed) */
	int rc = CB_OK;
	size_t cap = 0;

	memset(sc, 0, sizeof *sc);
	if (!st)
		return CB_EDB;
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		bool ok;
		if (!name || !store_table_travels(name) || strlen(name) >= 64)
			continue;
		if (sc->n == cap) {
			cap = cap ? 2 * cap : 32;
			sync_table *t = realloc(sc->t, cap * sizeof *t);
			void *r = realloc(refs, cap * sizeof *refs);
			if (t)
				sc->t = t;
			if (r)
				refs = r;
			if (!t || !r) {
				rc = cb_error_set(err, CB_EDB, _("Out of memory"));
				break;
			}
		}
		sync_table *t = &sc->t[sc->n];
		memset(t, 0, sizeof *t);
		memset(refs[sc->n], 0, sizeof refs[sc->n]);
		snprintf(t->name, sizeof t->name, "%s", name);
		t->audit = !strcmp(name, "audit");
		if ((rc = load_columns(s, t, sqlite3_column_int(st, 1), &ok, err)))
			break;
		if (!ok || t->ncol > 64) {
			free(t->cols);
			continue;
		}
		if ((rc = load_refs(s, t, refs[sc->n], err)))
			break;
		sc->n++;
	}
	sqlite3_finalize(st);
	for (size_t i = 0; !rc && i < sc->n; i++)
		for (int c = 0; c < sc->t[i].ncol; c++) {
			const char *r = refs[i][c];
			if (!r[0])
				continue;
			sc->t[i].cols[c].ref =
				!strcmp(r, "unit") ? SYNC_REF_UNIT : sync_schema_find(sc, r);
			if (sc->t[i].cols[c].ref == -1) /* refers to a table that stays */
				sc->t[i].cols[c].ref = SYNC_REF_NONE;
		}
	free(refs);
	if (!rc)
		rc = order_tables(sc, err);
	if (rc)
		sync_schema_free(sc);
	return rc;
}
