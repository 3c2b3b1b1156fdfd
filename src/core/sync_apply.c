/* sync_apply.c - applying an office's file at the province (sync.h): the
 * checks, one transaction, the changeset in our ids applied with
 * sqlite3changeset_apply_v2, then the list order, the conflicts and the
 * record of what was applied. */
#include "search_index.h"
#include "store_sql.h"
#include "sync_apply_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"

static int unit_cmp(const void *a, const void *b)
{
	int64_t x = ((const sync_unit *)a)->id, y = ((const sync_unit *)b)->id;
	return (x > y) - (x < y);
}

/* Our unit id for each of the office's unit codes (through the map). */
static int match_units(apply_ctx *c, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(c->s, "SELECT id FROM unit WHERE code = ?1", err);
	if (!st)
		return CB_EDB;
	qsort(c->f.units, c->f.nunits, sizeof *c->f.units, unit_cmp);
	if (!(c->unit_local = calloc(c->f.nunits + 1, sizeof *c->unit_local))) {
		sqlite3_finalize(st);
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	}
	for (size_t i = 0; i < c->f.nunits; i++) {
		const char *code = c->f.units[i].code;
		for (size_t k = 0; c->map && k < c->map->n; k++)
			if (!strcmp(c->map->from[k], code))
				code = c->map->to[k];
		sqlite3_reset(st);
		store_bind_text(st, 1, code);
		if (sqlite3_step(st) == SQLITE_ROW)
			c->unit_local[i] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return CB_OK;
}

/* Whether the file may apply: not ours, next in its office's sequence,
 * not applied before (*already, then nothing is to be done). */
static int check_sequence(apply_ctx *c, bool *already, cb_error *err)
{
	sqlite3_stmt *st;
	int64_t last = 0;
	*already = false;
	if (!(st = store_prepare(c->s, "SELECT office FROM sync_self", err)))
		return CB_EDB;
	bool own = sqlite3_step(st) == SQLITE_ROW &&
		   !strcmp((const char *)sqlite3_column_text(st, 0), c->f.office);
	sqlite3_finalize(st);
	if (own)
		return cb_error_set(
			err, CB_EINVALID,
			_("File %lld is this office's own (%s); it is applied where it is sent"),
			(long long)c->f.seq, c->f.office);
	if (!(st = store_prepare(
		      c->s, "SELECT hash FROM sync_applied WHERE office = ?1 AND seq = ?2", err)))
		return CB_EDB;
	store_bind_text(st, 1, c->f.office);
	sqlite3_bind_int64(st, 2, c->f.seq);
	if (sqlite3_step(st) == SQLITE_ROW) {
		bool same = !strcmp((const char *)sqlite3_column_text(st, 0), c->f.hash);
		sqlite3_finalize(st);
		if (!same && !c->merging) /* a merge's file is made afresh each time */
			return cb_error_set(
				err, CB_EINVALID,
				_("Office %s's file %lld was applied before with other contents; "
				  "this one is not applied"),
				c->f.office, (long long)c->f.seq);
		*already = true;
		return CB_OK;
	}
	sqlite3_finalize(st);
	if (!(st = store_prepare(c->s,
				 "SELECT coalesce(max(seq), 0) FROM sync_applied"
				 " WHERE office = ?1",
				 err)))
		return CB_EDB;
	store_bind_text(st, 1, c->f.office);
	if (sqlite3_step(st) == SQLITE_ROW)
		last = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (c->f.seq != last + 1)
		return cb_error_set(
			err, CB_EINVALID,
			_("Office %s's file %lld cannot be applied yet: the next to apply is %lld"),
			c->f.office, (long long)c->f.seq, (long long)last + 1);
	if (c->f.schema > STORE_SCHEMA_VERSION)
		return cb_error_set(err, CB_EINVALID,
				    _("The file was made by a newer canbo (schema %d; this one "
				      "knows up to %d)"),
				    c->f.schema, STORE_SCHEMA_VERSION);
	return CB_OK;
}

/* The rewritten changeset: deletes children first, then the rest parents
 * first. */
static int assemble(apply_ctx *c, sync_buf *out, cb_error *err)
{
	for (int pass = 0; pass < 2; pass++)
		for (size_t k = 0; k < c->sc.n; k++) {
			int ti = c->sc.order[pass ? k : c->sc.n - 1 - k];
			const sync_buf *b = pass ? &c->put[ti] : &c->del[ti];
			unsigned char pk[64] = {0};
			if (!b->n)
				continue;
			pk[c->sc.t[ti].pk] = 1;
			sync_put_table(out, c->sc.t[ti].name, c->sc.t[ti].ncol, pk);
			sync_put(out, b->p, b->n);
			if (b->oom)
				out->oom = true;
		}
	return out->oom ? cb_error_set(err, CB_EDB, _("Out of memory")) : CB_OK;
}

static int count_changes(const sync_buf *b, size_t *n)
{
	sqlite3_changeset_iter *it;
	*n = 0;
	if (!b->n)
		return CB_OK;
	if (sqlite3changeset_start(&it, (int)b->n, b->p) != SQLITE_OK)
		return CB_EDB;
	while (sqlite3changeset_next(it) == SQLITE_ROW)
		(*n)++;
	return sqlite3changeset_finalize(it) == SQLITE_OK ? CB_OK : CB_EDB;
}

static int record(apply_ctx *c, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(c->s,
					 "INSERT INTO sync_conflict(office, seq, tbl, local_id, "
					 "remote_id, kind, theirs, ours,"
					 " found_at) VALUES(?1, ?2, ?3, ?4, (SELECT remote_id FROM "
					 "sync_map WHERE office = ?1"
					 " AND tbl = ?3 AND local_id = ?4), ?5, ?6, ?7, "
					 "strftime('%Y-%m-%d %H:%M:%S','now'))",
					 err);
	char json[160];
	int rc = CB_OK;
	if (!st)
		return CB_EDB;
	for (size_t i = 0; !rc && i < c->nconflicts; i++) {
		const sync_conflict_found *k = &c->conflicts[i];
		sqlite3_reset(st);
		store_bind_text(st, 1, c->f.office);
		sqlite3_bind_int64(st, 2, c->f.seq);
		store_bind_text(st, 3, c->sc.t[k->table].name);
		if (k->local_id)
			sqlite3_bind_int64(st, 4, k->local_id);
		else
			sqlite3_bind_null(st, 4);
		store_bind_text(st, 5, k->kind);
		store_bind_text(st, 6, k->theirs);
		store_bind_text(st, 7, k->ours);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = store_fail(c->s, err, _("Keeping the conflicts"));
	}
	sqlite3_finalize(st);
	if (rc ||
	    !(st = store_prepare(c->s,
				 "INSERT INTO sync_applied(office, seq, hash, made_at, applied_at,"
				 " user, changes, conflicts) VALUES(?1, ?2, ?3, ?4,"
				 " strftime('%Y-%m-%d %H:%M:%S','now'), ?5, ?6, ?7)",
				 err)))
		return rc ? rc : CB_EDB;
	store_bind_text(st, 1, c->f.office);
	sqlite3_bind_int64(st, 2, c->f.seq);
	store_bind_text(st, 3, c->f.hash);
	store_bind_text(st, 4, c->f.made);
	store_bind_text(st, 5, store_user(c->s));
	sqlite3_bind_int64(st, 6, (int64_t)c->changes);
	sqlite3_bind_int64(st, 7, (int64_t)c->nconflicts);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_fail(c->s, err, _("Recording the file as applied"));
	sqlite3_finalize(st);
	if (!rc) {
		snprintf(json, sizeof json,
			 "{\"office\":\"%s\",\"seq\":%" PRId64
			 ",\"changes\":%zu,\"conflicts\":%zu}",
			 c->f.office, c->f.seq, c->changes, c->nconflicts);
		rc = store_audit(c->s, "sync", c->f.seq, "apply", NULL, json, err);
	}
	return rc;
}

static int find_duplicates(apply_ctx *c, sync_apply_info *info, cb_error *err);

static int apply_tx(apply_ctx *c, cb_error *err)
{
	sync_buf cs = {0};
	size_t before;
	int rc;

	if ((rc = sync_schema_load(c->s, &c->sc, err)))
		return rc;
	c->next_id = calloc(c->sc.n + 1, sizeof *c->next_id);
	c->first_new = calloc(c->sc.n + 1, sizeof *c->first_new);
	c->del = calloc(c->sc.n + 1, sizeof *c->del);
	c->put = calloc(c->sc.n + 1, sizeof *c->put);
	if (!c->next_id || !c->first_new || !c->del || !c->put)
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	if ((rc = match_units(c, err)) || (rc = sync_rewrite_ids(c, err)) ||
	    (rc = sync_rewrite(c, err)))
		return rc;
	if (c->nmissing) {
		char list[512] = "";
		for (size_t i = 0; i < c->nmissing && strlen(list) < sizeof list - 20; i++)
			snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
				 i ? ", " : "", c->missing_units[i]);
		return cb_error_set(
			err, CB_EINVALID,
			_("The file refers to units unknown here (%s); give a map of units or "
			  "update the configuration; nothing was applied"),
			list);
	}
	if ((rc = assemble(c, &cs, err)))
		return rc;
	before = c->nconflicts;
	if (cs.n) {
		int got = sqlite3changeset_apply_v2(store_db(c->s), (int)cs.n, cs.p, NULL,
						    sync_on_conflict, c, NULL, NULL, 0);
		if (got != SQLITE_OK)
			rc = c->fk_broken ? cb_error_set(err, CB_EINVALID,
							 _("The file would leave records referring "
							   "to records that do "
							   "not exist here; nothing was applied"))
					  : store_fail(c->s, err, _("Applying the changes"));
	}
	if (!rc && (rc = count_changes(&cs, &c->changes)))
		rc = cb_error_set(err, CB_EDB, _("Applying the changes"));
	/* a change kept as a conflict was not applied */
	size_t applied_conflicts = c->nconflicts - before;
	c->changes = c->changes > applied_conflicts ? c->changes - applied_conflicts : 0;
	sync_buf_free(&cs);
	if (!rc)
		rc = sync_scope_check(c->s, c->f.office, err);
	if (!rc && c->merging)
		rc = find_duplicates(c, c->info, err);
	if (!rc && c->cadres_renamed)
		rc = search_rebuild_tx(c->s, err);
	if (!rc)
		rc = record(c, err);
	return rc;
}

static void ctx_free(apply_ctx *c)
{
	sync_apply_finalize(c);
	for (size_t i = 0; c->del && i < c->sc.n; i++)
		sync_buf_free(&c->del[i]);
	for (size_t i = 0; c->put && i < c->sc.n; i++)
		sync_buf_free(&c->put[i]);
	for (size_t i = 0; i < c->nconflicts; i++) {
		free(c->conflicts[i].theirs);
		free(c->conflicts[i].ours);
	}
	free(c->conflicts);
	free(c->del);
	free(c->put);
	free(c->next_id);
	free(c->first_new);
	free(c->unit_local);
	free(c->missing_units);
	free(c->again);
	sync_schema_free(&c->sc);
	sync_file_free(&c->f);
}

/* Cadres this file brought in who were here already, kept as conflicts. */
static int find_duplicates(apply_ctx *c, sync_apply_info *info, cb_error *err)
{
	static const char sql[] =
		"SELECT c.id, h.id, c.full_name, c.birth_date FROM sync_map m"
		" JOIN cadre c ON c.id = m.local_id"
		" JOIN cadre h ON h.full_name = c.full_name AND h.birth_date = c.birth_date"
		"  AND h.id <> c.id"
		" WHERE m.office = ?1 AND m.tbl = 'cadre' AND NOT EXISTS (SELECT 1 FROM sync_map x"
		"  WHERE x.office = ?1 AND x.tbl = 'cadre' AND x.local_id = h.id)"
		" ORDER BY c.rank, c.id"; /* the cadre list's order */
	sqlite3_stmt *st = store_prepare(c->s, sql, err);
	int ti = sync_schema_find(&c->sc, "cadre");
	if (!st)
		return CB_EDB;
	store_bind_text(st, 1, c->f.office);
	while (sqlite3_step(st) == SQLITE_ROW) {
		sync_duplicate *d = realloc(info->dups, (info->ndups + 1) * sizeof *d);
		char *ours = malloc(48);
		if (!d || !ours) {
			free(ours);
			if (d)
				info->dups = d;
			sqlite3_finalize(st);
			return cb_error_set(err, CB_EDB, _("Out of memory"));
		}
		info->dups = d;
		d = &info->dups[info->ndups++];
		d->id = sqlite3_column_int64(st, 0);
		d->here_id = sqlite3_column_int64(st, 1);
		store_column_copy(st, 2, d->full_name, sizeof d->full_name);
		store_column_copy(st, 3, d->birth_date, sizeof d->birth_date);
		snprintf(ours, 48, "{\"id\":%" PRId64 "}", d->here_id);
		if (ti >= 0 &&
		    sync_conflict_add(c, ti, d->id, "duplicate", NULL, ours) != SQLITE_OK) {
			sqlite3_finalize(st);
			return cb_error_set(err, CB_EDB, _("Out of memory"));
		}
	}
	sqlite3_finalize(st);
	return CB_OK;
}

static int apply_file(store *s, const void *data, size_t n, const sync_unit_map *map, bool merging,
		      bool dry_run, sync_apply_info *info, cb_error *err)
{
	apply_ctx c = {.s = s, .map = map};
	bool mute, already = false;
	int rc;

	if (!merging)
		memset(info, 0, sizeof *info);
	if ((rc = sync_file_read(data, n, &c.f, err)))
		return rc;
	snprintf(info->office, sizeof info->office, "%s", c.f.office);
	info->seq = c.f.seq;
	mute = store_sync_mute(s, true);
	if (!(rc = store_begin(s, err))) {
		c.merging = merging;
		c.info = info;
		rc = check_sequence(&c, &already, err);
		if (!rc && !already)
			rc = apply_tx(&c, err);
		sync_apply_finalize(&c); /* before the commit */
		if (!rc && dry_run) {
			store_rollback(s);
		} else {
			rc = store_finish(s, rc, err);
		}
	}
	store_sync_mute(s, mute);
	info->already = already;
	info->changes = c.changes;
	info->conflicts = c.nconflicts;
	ctx_free(&c);
	return rc;
}

int sync_apply(store *s, const void *data, size_t n, const sync_unit_map *map,
	       sync_apply_info *info, cb_error *err)
{
	return apply_file(s, data, n, map, false, false, info, err);
}

int sync_merge(store *s, store *other, const char *office, const sync_unit_map *map, bool dry_run,
	       sync_apply_info *info, cb_error *err)
{
	sync_buf file = {0};
	char top[16] = "", own[16] = "";
	int rc;
	memset(info, 0, sizeof *info);
	if (!office || !office[0]) {
		/* the other database's own code: its top unit's */
		sqlite3_stmt *st = store_prepare(other,
						 "SELECT code FROM unit WHERE parent_id IS NULL"
						 " ORDER BY id LIMIT 1",
						 err);
		if (st && sqlite3_step(st) == SQLITE_ROW)
			store_column_copy(st, 0, top, sizeof top);
		sqlite3_finalize(st);
		if ((st = store_prepare(s,
					"SELECT code FROM unit WHERE parent_id IS NULL"
					" ORDER BY id LIMIT 1",
					err)) &&
		    sqlite3_step(st) == SQLITE_ROW)
			store_column_copy(st, 0, own, sizeof own);
		sqlite3_finalize(st);
		if (!top[0] || !strcmp(top, own))
			return cb_error_set(
				err, CB_EUSAGE,
				_("Both databases are of unit %s: name the other one's office "
				  "with --office CODE"),
				own);
		office = top;
	}
	if (!office || !office[0] || strlen(office) >= SYNC_OFFICE_MAX || strpbrk(office, " \n\t:"))
		return cb_error_set(err, CB_EINVALID, _("'%s' is not an office code"),
				    office ? office : "");
	if ((rc = sync_export_whole(other, office, &file, err)))
		return rc;
	rc = apply_file(s, file.p, file.n, map, true, dry_run, info, err);
	sync_buf_free(&file);
	return rc;
}
