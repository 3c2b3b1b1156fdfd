/* sync_export.c - an office's changes since its last export, as one file
 * (sync.h). The first export is the whole database: every row of every
 * table that travels as an insert; from then on each write's changeset is
 * in sync_outbox and an export combines the unsent ones with a
 * changegroup. The outbox rows keep the number of the file that carried
 * them. */
#include "store_sql.h"
#include "sync_internal.h"

#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"

/* Every row of every table that travels, as inserts, parents first. */
static int snapshot(store *s, sync_buf *out, cb_error *err)
{
	sync_schema sc;
	int rc = sync_schema_load(s, &sc, err);
	for (size_t k = 0; !rc && k < sc.n; k++) {
		const sync_table *t = &sc.t[sc.order[k]];
		unsigned char pk[64] = {0};
		char sql[128];
		sqlite3_stmt *st;
		bool header = false;
		pk[t->pk] = 1;
		snprintf(sql, sizeof sql, "SELECT * FROM \"%s\"", t->name);
		if (!(st = store_prepare(s, sql, err))) {
			rc = CB_EDB;
			break;
		}
		int step;
		while ((step = sqlite3_step(st)) == SQLITE_ROW) {
			if (!header)
				sync_put_table(out, t->name, t->ncol, pk);
			header = true;
			sync_put_op(out, SQLITE_INSERT);
			for (int c = 0; c < t->ncol; c++)
				sync_put_value(out, sqlite3_column_value(st, c));
		}
		if (step != SQLITE_DONE)
			rc = store_fail(s, err, _("Reading the records to send"));
		sqlite3_finalize(st);
	}
	sync_schema_free(&sc);
	if (!rc && out->oom)
		rc = cb_error_set(err, CB_EDB, _("Out of memory"));
	return rc;
}

/* The unsent changesets of the outbox, combined. */
static int outbox(store *s, sync_buf *out, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(s,
					 "SELECT data FROM sync_outbox WHERE seq IS NULL"
					 " ORDER BY id",
					 err);
	sqlite3_changegroup *g = NULL;
	int rc = CB_OK, n = 0;
	void *p = NULL;

	if (!st)
		return CB_EDB;
	if (sqlite3changegroup_new(&g) != SQLITE_OK) {
		sqlite3_finalize(st);
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	}
	while (!rc && sqlite3_step(st) == SQLITE_ROW)
		if (sqlite3changegroup_add(g, sqlite3_column_bytes(st, 0),
					   (void *)sqlite3_column_blob(st, 0)) != SQLITE_OK)
			rc = cb_error_set(err, CB_EDB, _("A recorded change cannot be read back"));
	sqlite3_finalize(st);
	if (!rc && sqlite3changegroup_output(g, &n, &p) != SQLITE_OK)
		rc = cb_error_set(err, CB_EDB, _("Out of memory"));
	if (!rc)
		sync_put(out, p, (size_t)n);
	sqlite3_free(p);
	sqlite3changegroup_delete(g);
	return rc;
}

static size_t count_changes(const sync_buf *b)
{
	sqlite3_changeset_iter *it;
	size_t n = 0;
	if (!b->n || sqlite3changeset_start(&it, (int)b->n, b->p) != SQLITE_OK)
		return 0;
	while (sqlite3changeset_next(it) == SQLITE_ROW)
		n++;
	sqlite3changeset_finalize(it);
	return n;
}

static int read_units(store *s, sync_file *f, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT id, code FROM unit ORDER BY id", err);
	size_t cap = 0;
	if (!st)
		return CB_EDB;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (f->nunits == cap) {
			cap = cap ? 2 * cap : 64;
			sync_unit *u = realloc(f->units, cap * sizeof *u);
			if (!u) {
				sqlite3_finalize(st);
				return cb_error_set(err, CB_EDB, _("Out of memory"));
			}
			f->units = u;
		}
		f->units[f->nunits].id = sqlite3_column_int64(st, 0);
		store_column_copy(st, 1, f->units[f->nunits].code, sizeof f->units[0].code);
		f->nunits++;
	}
	sqlite3_finalize(st);
	return CB_OK;
}

/* This office's code and last exported number; *known false before the
 * first export. */
static int read_self(store *s, char office[SYNC_OFFICE_MAX], int64_t *seq, bool *known,
		     cb_error *err)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT office, seq FROM sync_self", err);
	if (!st)
		return CB_EDB;
	*known = sqlite3_step(st) == SQLITE_ROW;
	if (*known) {
		store_column_copy(st, 0, office, SYNC_OFFICE_MAX);
		*seq = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return CB_OK;
}

static int exec1(store *s, const char *sql, const char *text, int64_t v, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(s, sql, err);
	int rc;
	if (!st)
		return CB_EDB;
	store_bind_text(st, 1, text);
	sqlite3_bind_int64(st, 2, v);
	rc = sqlite3_step(st) == SQLITE_DONE ? CB_OK : store_fail(s, err, _("Counting the export"));
	sqlite3_finalize(st);
	return rc;
}

static int export_tx(store *s, const char *office, const char *fallback, sync_sink sink, void *ctx,
		     sync_export_info *info, cb_error *err)
{
	sync_file f = {0};
	sync_buf cs = {0}, file = {0};
	bool known;
	int rc;

	if ((rc = sync_scope_check(s, NULL, err)) ||
	    (rc = read_self(s, f.office, &f.seq, &known, err)))
		return rc;
	if (!known && (!office || !office[0]))
		office = fallback;
	if (!known && (!office || !office[0]))
		return cb_error_set(
			err, CB_EUSAGE,
			_("This office has never sent its changes: name it with --office CODE"));
	if (known && office && office[0] && strcmp(office, f.office))
		return cb_error_set(err, CB_EINVALID, _("This database sends as office %s, not %s"),
				    f.office, office);
	if (!known)
		snprintf(f.office, sizeof f.office, "%s", office);
	f.seq = known ? f.seq + 1 : 1;
	f.snapshot = !known;
	f.schema = STORE_SCHEMA_VERSION;
	sync_now(f.made);
	rc = f.snapshot ? snapshot(s, &cs, err) : outbox(s, &cs, err);
	if (!rc && cs.n == 0)
		rc = cb_error_set(err, CB_NOT_FOUND, _("Nothing has changed since export %lld"),
				  (long long)(f.seq - 1));
	if (!rc)
		rc = read_units(s, &f, err);
	f.changeset = cs.p;
	f.changeset_n = cs.n;
	if (!rc)
		rc = sync_file_write(&file, &f, err);
	if (!rc) {
		snprintf(info->office, sizeof info->office, "%s", f.office);
		info->seq = f.seq;
		info->snapshot = f.snapshot;
		info->changes = count_changes(&cs);
		info->bytes = file.n;
		snprintf(info->hash, sizeof info->hash, "%s", f.hash);
	}
	if (!rc && f.snapshot)
		rc = exec1(s,
			   "INSERT INTO sync_self(id, office, seq, exported_at)"
			   " VALUES(1, ?1, ?2, strftime('%Y-%m-%d %H:%M:%S','now'))",
			   f.office, f.seq, err);
	else if (!rc)
		rc = exec1(
			s,
			"UPDATE sync_self SET seq = ?2,"
			" exported_at = strftime('%Y-%m-%d %H:%M:%S','now') WHERE ?1 IS NOT NULL",
			f.office, f.seq, err);
	if (!rc)
		rc = exec1(s,
			   "UPDATE sync_outbox SET seq = ?2 WHERE seq IS NULL AND ?1 IS NOT NULL",
			   f.office, f.seq, err);
	if (!rc && sink(file.p, file.n, ctx))
		rc = cb_error_set(err, CB_EDB,
				  _("The file could not be written; nothing was counted as sent"));
	sync_buf_free(&cs);
	sync_buf_free(&file);
	sync_file_free(&f);
	return rc;
}

int sync_export(store *s, const char *office, const char *fallback, sync_sink sink, void *ctx,
		sync_export_info *info, cb_error *err)
{
	bool mute;
	int rc;

	memset(info, 0, sizeof *info);
	for (int i = 0; i < 2; i++) {
		const char *o = i ? fallback : office;
		if (o && (strlen(o) >= SYNC_OFFICE_MAX || strpbrk(o, " \n\t:")))
			return cb_error_set(err, CB_EINVALID, _("'%s' is not an office code"), o);
	}
	mute = store_sync_mute(s, true);
	if (!(rc = store_begin(s, err)))
		rc = store_finish(s, export_tx(s, office, fallback, sink, ctx, info, err), err);
	store_sync_mute(s, mute);
	if (!rc)
		store_sync_recording(s);
	return rc;
}

int sync_export_whole(store *s, const char *office, sync_buf *out, cb_error *err)
{
	sync_file f = {0};
	sync_buf cs = {0};
	int rc;

	snprintf(f.office, sizeof f.office, "%s", office);
	f.seq = 1;
	f.snapshot = true;
	f.schema = STORE_SCHEMA_VERSION;
	sync_now(f.made);
	/* one consistent reading of a database nobody is asked to lock */
	sqlite3_exec(store_db(s), "BEGIN", NULL, NULL, NULL);
	rc = snapshot(s, &cs, err);
	if (!rc)
		rc = read_units(s, &f, err);
	sqlite3_exec(store_db(s), "COMMIT", NULL, NULL, NULL);
	f.changeset = cs.p;
	f.changeset_n = cs.n;
	if (!rc)
		rc = sync_file_write(out, &f, err);
	sync_buf_free(&cs);
	sync_file_free(&f);
	return rc;
}
