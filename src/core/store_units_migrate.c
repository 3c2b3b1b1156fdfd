/* store_units_migrate.c - the reform (units.h): the units the
 * configuration no longer has end, and their cadres and party
 * organisations go to the successors a map names, all in one transaction.
 *
 * Nothing is moved unless every record of every ending unit has a place to
 * go: the whole list of ending units comes back, unmapped ones marked, so
 * that one run shows every line the map still lacks.
 */
#include "store_internal.h"
#include "store_unit_internal.h"

#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "i18n.h"
#include "search_index.h"
#include "units.h"

void units_migrate_info_free(units_migrate_info *info)
{
	if (!info)
		return;
	free(info->leaving);
	info->leaving = NULL;
	info->nleaving = 0;
}

static const unit_map_entry *map_find(const unit_map *m, const char *code)
{
	for (size_t i = 0; m && i < m->n; i++)
		if (strcmp(m->e[i].from, code) == 0)
			return &m->e[i];
	return NULL;
}

/* The ending units, each with its records and successor; every map line
 * checked against them and the configuration. */
static int plan(store *s, const cfg *c, const unit_map *map, units_migrate_info *info,
		cb_error *err)
{
	unit_row *rows = NULL;
	int64_t *counts = NULL;
	size_t n = 0;
	int rc = stored_units_leaving(s, c, &rows, &counts, &n, err);

	if (rc)
		return rc;
	if (!(info->leaving = calloc(n ? n : 1, sizeof *info->leaving))) {
		free(rows);
		free(counts);
		return cb_error_oom(err);
	}
	info->nleaving = n;
	for (size_t i = 0; i < n; i++) {
		unit_leaving *l = &info->leaving[i];
		const unit_map_entry *e = map_find(map, rows[i].code);
		l->unit = rows[i];
		l->cadres = counts[2 * i];
		l->orgs = counts[2 * i + 1];
		if (e)
			snprintf(l->successor, sizeof l->successor, "%s", e->to);
		else if (l->cadres || l->orgs)
			info->unmapped++;
	}
	free(rows);
	free(counts);
	for (size_t i = 0; map && i < map->n; i++) {
		const unit_map_entry *e = &map->e[i];
		bool ends = false;
		for (size_t k = 0; k < n && !ends; k++)
			ends = strcmp(info->leaving[k].unit.code, e->from) == 0;
		if (!ends)
			return cb_error_set(
				err, CB_EINVALID,
				_("Map line %d: unit %s does not end (the database has "
				  "no such unit in force, or the configuration keeps it)"),
				e->line, e->from);
		if (stored_cfg_index(c, e->to) < 0)
			return cb_error_set(err, CB_EINVALID,
					    _("Map line %d: %s is not a unit of the configuration"),
					    e->line, e->to);
	}
	if (info->unmapped)
		return cb_error_set(err, CB_EINVALID,
				    _("%zu units that end still hold cadres or party organisations "
				      "and are not in the map; nothing was changed"),
				    info->unmapped);
	return CB_OK;
}

/* Appends an audit row {"unit_id": from} -> {"unit_id": to}. */
static int audit_move(store *s, const char *tbl, int64_t row, int64_t from, int64_t to,
		      cb_error *err)
{
	char old_json[64], new_json[64];
	snprintf(old_json, sizeof old_json, "{\"unit_id\":%lld}", (long long)from);
	snprintf(new_json, sizeof new_json, "{\"unit_id\":%lld}", (long long)to);
	return store_audit(s, tbl, row, "update", old_json, new_json, err);
}

/* Collects the ids of `sql` (one int64 parameter) into a malloc'd array. */
static int ids_of(store *s, const char *sql, int64_t param, int64_t **out, size_t *n, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(s, sql, err);
	size_t cap = 0;
	int step;

	*out = NULL;
	*n = 0;
	if (!st)
		return CB_EDB;
	sqlite3_bind_int64(st, 1, param);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			int64_t *grown = realloc(*out, (cap = cap ? 2 * cap : 64) * sizeof **out);
			if (!grown) {
				sqlite3_finalize(st);
				free(*out);
				*out = NULL;
				return cb_error_oom(err);
			}
			*out = grown;
		}
		(*out)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		return store_fail(s, err, _("Moving records to the new units"));
	}
	return CB_OK;
}

/* The statements of a move, prepared once for the whole migration: each
 * takes ?1 row, ?2 old unit, ?3 new unit, ?4 its tier, ?5 the day. */
enum { MV_HISTORY, MV_CADRE, MV_POSTS, MV_ORG_HISTORY, MV_ORG, MV_COUNT };
static const char *const move_sql[MV_COUNT] = {
	[MV_HISTORY] = "INSERT OR IGNORE INTO unit_history(tbl, row_id, unit_id, until)"
		       " VALUES('cadre', ?1, ?2, ?5)",
	[MV_CADRE] = "UPDATE cadre SET unit_id = ?3, level = ?4, version = version + 1"
		     " WHERE id = ?1 AND unit_id = ?2",
	[MV_POSTS] = "UPDATE appointment SET unit_id = ?3, version = version + 1"
		     " WHERE cadre_id = ?1 AND unit_id = ?2 AND end_reason = 0",
	[MV_ORG_HISTORY] = "INSERT OR IGNORE INTO unit_history(tbl, row_id, unit_id, until)"
			   " VALUES('org', ?1, ?2, ?5)",
	[MV_ORG] = "UPDATE org SET unit_id = ?3, version = version + 1"
		   " WHERE id = ?1 AND unit_id = ?2",
};

typedef struct mover {
	sqlite3_stmt *st[MV_COUNT];
	const char *day;
} mover;

static void mover_done(mover *m)
{
	for (int i = 0; i < MV_COUNT; i++)
		sqlite3_finalize(m->st[i]);
}

static int mover_init(store *s, mover *m, const char *day, cb_error *err)
{
	memset(m, 0, sizeof *m);
	m->day = day;
	for (int i = 0; i < MV_COUNT; i++)
		if (!(m->st[i] = store_prepare(s, move_sql[i], err))) {
			mover_done(m);
			return CB_EDB;
		}
	return CB_OK;
}

/* Runs one statement of the move for one row; its changes into *changed
 * when not NULL. */
static int run_one(store *s, mover *m, int which, int64_t row, const unit_row *from,
		   const unit_row *to, int64_t *changed, cb_error *err)
{
	sqlite3_stmt *st = m->st[which];
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, row);
	sqlite3_bind_int64(st, 2, from->id);
	sqlite3_bind_int64(st, 3, to->id);
	sqlite3_bind_int(st, 4, to->tier);
	store_bind_text(st, 5, m->day);
	if (sqlite3_step(st) != SQLITE_DONE)
		return store_fail(s, err, _("Moving records to the new units"));
	if (changed)
		*changed += sqlite3_changes(store_db(s));
	return CB_OK;
}

/* The cadres (with their open posts) and organisations of one ending unit
 * go to its successor; unit_history keeps where they were until the day. */
static int move_records(store *s, mover *m, const unit_row *from, const unit_row *to,
			units_migrate_info *info, cb_error *err)
{
	int64_t *ids = NULL;
	size_t n = 0;
	int rc = ids_of(s, "SELECT id FROM cadre WHERE unit_id = ? ORDER BY id", from->id, &ids, &n,
			err);

	for (size_t i = 0; !rc && i < n; i++) {
		int64_t posts = 0;
		if (!(rc = run_one(s, m, MV_HISTORY, ids[i], from, to, NULL, err)) &&
		    /* his search entry follows him (search_index.h) */
		    !(rc = search_fts_refile(s, ids[i], to->id, err)) &&
		    !(rc = run_one(s, m, MV_CADRE, ids[i], from, to, &info->cadres, err)) &&
		    !(rc = audit_move(s, "cadre", ids[i], from->id, to->id, err)) &&
		    !(rc = run_one(s, m, MV_POSTS, ids[i], from, to, &posts, err)))
			info->appointments += posts;
	}
	free(ids);
	if (rc || (rc = ids_of(s, "SELECT id FROM org WHERE unit_id = ? ORDER BY id", from->id,
			       &ids, &n, err)))
		return rc;
	for (size_t i = 0; !rc && i < n; i++)
		if (!(rc = run_one(s, m, MV_ORG_HISTORY, ids[i], from, to, NULL, err)) &&
		    !(rc = run_one(s, m, MV_ORG, ids[i], from, to, &info->orgs, err)))
			rc = audit_move(s, "org", ids[i], from->id, to->id, err);
	free(ids);
	return rc;
}

/* Inside the transaction: reshape, successors, scope, moves. */
static int migrate_tx(store *s, const cfg *c, const access_scope *sc, cb_date effective,
		      units_migrate_info *info, cb_error *err)
{
	static const char succ_sql[] = "UPDATE unit SET successor_id = ?2 WHERE id = ?1";
	unit_row *ending = calloc(info->nleaving ? info->nleaving : 1, sizeof *ending);
	sqlite3_stmt *st = NULL;
	char day[11];
	int rc = CB_OK;

	if (!ending)
		return cb_error_oom(err);
	date_format_iso(effective, day);
	for (size_t i = 0; i < info->nleaving; i++)
		ending[i] = info->leaving[i].unit;
	rc = stored_units_reshape(s, c, ending, info->nleaving, effective, day, &info->units_added,
				  err);
	free(ending);
	/* the reader's scope over the new numbering: the ending units and
	 * their successors must all lie in it */
	if (!rc && sc)
		rc = store_scope_from(s, c, sc, err);
	mover m;
	bool moving = false;
	if (!rc && !(st = store_prepare(s, succ_sql, err)))
		rc = CB_EDB;
	if (!rc && !(rc = mover_init(s, &m, day, err)))
		moving = true;
	for (size_t i = 0; !rc && i < info->nleaving; i++) {
		unit_leaving *l = &info->leaving[i];
		unit_row from, to;
		if ((rc = store_unit_get(s, l->unit.id, &from, err)) ||
		    (rc = store_scope_unit(s, from.id, err)))
			break;
		if (!l->successor[0])
			continue;
		if ((rc = store_unit_by_code(s, l->successor, &to, err)) ||
		    (rc = store_scope_unit(s, to.id, err)))
			break;
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, from.id);
		sqlite3_bind_int64(st, 2, to.id);
		if (sqlite3_step(st) != SQLITE_DONE) {
			rc = store_fail(s, err, _("Updating the administrative units"));
			break;
		}
		rc = move_records(s, &m, &from, &to, info, err);
	}
	if (moving)
		mover_done(&m);
	sqlite3_finalize(st);
	return rc;
}

int store_units_migrate(store *s, const cfg *c, const access_scope *sc, const unit_map *map,
			cb_date effective, bool dry_run, units_migrate_info *info, cb_error *err)
{
	int rc;

	memset(info, 0, sizeof *info);
	if (effective == CB_DATE_NONE)
		return cb_error_set(err, CB_EINVALID, _("%s must not be empty"),
				    _("Effective date"));
	if ((rc = store_begin(s, err)))
		return rc;
	if ((rc = plan(s, c, map, info, err)) ||
	    (rc = migrate_tx(s, c, sc, effective, info, err)) || dry_run) {
		store_rollback(s);
		return rc;
	}
	return store_commit(s, err);
}
