/* sync_rewrite.c - an office's changeset in this database's ids.
 *
 * The office's ids are its own: each row it inserts gets one of ours
 * (kept in sync_map, so that its later updates, deletes and every
 * reference to it find it), units are matched by code, the list order
 * (cadre.rank) is ours and left out, and a row born there without a uid
 * is given its identity "OFFICE:ID". A change that refers to a row gone
 * here, or changes a row never received, cannot apply and is kept as a
 * conflict. Deletes are written children first, so that no cascade here
 * removes a row the office did not delete; inserts and updates parents
 * first.
 */
#include "store_sql.h"
#include "sync_apply_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"

enum { REF_OK, REF_UNKNOWN, REF_GONE };

int sync_conflict_add(apply_ctx *c, int table, int64_t local_id, const char *kind, char *theirs,
		      char *ours)
{
	if (c->nconflicts == c->capconflicts) {
		size_t cap = c->capconflicts ? 2 * c->capconflicts : 16;
		sync_conflict_found *p = realloc(c->conflicts, cap * sizeof *p);
		if (!p) {
			free(theirs);
			free(ours);
			return SQLITE_NOMEM;
		}
		c->conflicts = p;
		c->capconflicts = cap;
	}
	c->conflicts[c->nconflicts++] = (sync_conflict_found){table, local_id, kind, theirs, ours};
	return SQLITE_OK;
}

/* The statement kept in *slot, prepared on first use and reset after. */
static sqlite3_stmt *kept(apply_ctx *c, sqlite3_stmt **slot, const char *sql, cb_error *err)
{
	if (!*slot)
		*slot = store_prepare(c->s, sql, err);
	else
		sqlite3_reset(*slot);
	return *slot;
}

void sync_apply_finalize(apply_ctx *c)
{
	sqlite3_finalize(c->map_get);
	sqlite3_finalize(c->map_put);
	sqlite3_finalize(c->audit);
	c->map_get = c->map_put = c->audit = NULL;
}

static int map_get(apply_ctx *c, int t, int64_t remote, int64_t *local, bool *found, cb_error *err)
{
	sqlite3_stmt *st = kept(c, &c->map_get,
				"SELECT local_id FROM sync_map WHERE office = ?1"
				" AND tbl = ?2 AND remote_id = ?3",
				err);
	if (!st)
		return CB_EDB;
	store_bind_text(st, 1, c->f.office);
	store_bind_text(st, 2, c->sc.t[t].name);
	sqlite3_bind_int64(st, 3, remote);
	*found = sqlite3_step(st) == SQLITE_ROW;
	*local = *found ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return CB_OK;
}

static int map_put(apply_ctx *c, int t, int64_t remote, int64_t local, cb_error *err)
{
	sqlite3_stmt *st = kept(c, &c->map_put,
				"INSERT OR REPLACE INTO sync_map(office, tbl,"
				" remote_id, local_id) VALUES(?1, ?2, ?3, ?4)",
				err);
	int rc;
	if (!st)
		return CB_EDB;
	store_bind_text(st, 1, c->f.office);
	store_bind_text(st, 2, c->sc.t[t].name);
	sqlite3_bind_int64(st, 3, remote);
	sqlite3_bind_int64(st, 4, local);
	rc = sqlite3_step(st) == SQLITE_DONE ? CB_OK
					     : store_fail(c->s, err, _("Applying the changes"));
	sqlite3_reset(st);
	return rc;
}

/* One query returning one integer (0 when no row or NULL). */
static int64_t query_int(store *s, const char *sql, int64_t a, const char *text)
{
	sqlite3_stmt *st;
	int64_t v = 0;
	if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_int64(st, 1, a);
	store_bind_text(st, 2, text);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The next id of ours for a table: above every row and every row waiting
 * in the trash (a restore puts it back under its id). */
static int64_t next_id(apply_ctx *c, int t)
{
	if (!c->next_id[t]) {
		char sql[256];
		snprintf(sql, sizeof sql,
			 "SELECT max(coalesce((SELECT max(rowid) FROM \"%s\"), 0),"
			 " coalesce((SELECT max(row_id) FROM trash_row WHERE tbl = ?2), 0), ?1)",
			 c->sc.t[t].name);
		c->next_id[t] = query_int(c->s, sql, 0, c->sc.t[t].name) + 1;
		c->first_new[t] = c->next_id[t];
	}
	return c->next_id[t]++;
}

static int pair_cmp(const void *a, const void *b)
{
	const int64_t *x = a, *y = b;
	return x[0] != y[0] ? (x[0] > y[0]) - (x[0] < y[0]) : (x[1] > y[1]) - (x[1] < y[1]);
}

static bool row_exists(apply_ctx *c, int t, int64_t id)
{
	char sql[128];
	int64_t key[2] = {t, id};
	if (c->first_new[t] && id >= c->first_new[t])
		return true;
	if (c->nagain && bsearch(key, c->again, c->nagain, sizeof *c->again, pair_cmp))
		return true;
	snprintf(sql, sizeof sql, "SELECT 1 FROM \"%s\" WHERE rowid = ?1 AND ?2 IS NULL",
		 c->sc.t[t].name);
	return query_int(c->s, sql, id, NULL) == 1;
}

static int unit_cmp(const void *a, const void *b)
{
	int64_t x = ((const sync_unit *)a)->id, y = ((const sync_unit *)b)->id;
	return (x > y) - (x < y);
}

/* Our unit for the office's unit id; 0 when its code is unknown here. */
static int64_t unit_of(apply_ctx *c, int64_t remote)
{
	sync_unit key = {.id = remote};
	const sync_unit *u = bsearch(&key, c->f.units, c->f.nunits, sizeof key, unit_cmp);
	if (!u)
		return 0;
	int64_t local = c->unit_local[u - c->f.units];
	if (!local) {
		for (size_t i = 0; i < c->nmissing; i++)
			if (!strcmp(c->missing_units[i], u->code))
				return 0;
		void *p = realloc(c->missing_units, (c->nmissing + 1) * sizeof *c->missing_units);
		if (p) {
			c->missing_units = p;
			snprintf(c->missing_units[c->nmissing++], 16, "%s", u->code);
		}
	}
	return local;
}

/* Our value for a reference column's value v into *local. */
static int ref_value(apply_ctx *c, int ref, sqlite3_value *v, bool must_exist, int64_t *local,
		     cb_error *err, int *rc)
{
	bool found;
	*rc = CB_OK;
	if (ref == SYNC_REF_UNIT) {
		*local = unit_of(c, sqlite3_value_int64(v));
		return *local ? REF_OK : REF_UNKNOWN;
	}
	if ((*rc = map_get(c, ref, sqlite3_value_int64(v), local, &found, err)))
		return REF_UNKNOWN;
	if (!found)
		return REF_UNKNOWN;
	if (must_exist && c->sc.t[ref].rowid_pk && !row_exists(c, ref, *local))
		return REF_GONE;
	return REF_OK;
}

/* The office's values of a change as JSON (for a conflict). */
static char *change_json(const sync_table *t, sqlite3_changeset_iter *it, int op)
{
	sync_buf b = {0};
	sync_put(&b, "{", 1);
	bool first = true;
	for (int i = 0; i < t->ncol; i++) {
		sqlite3_value *v = NULL;
		if (op == SQLITE_DELETE)
			sqlite3changeset_old(it, i, &v);
		else
			sqlite3changeset_new(it, i, &v);
		if (!v || i == t->rank_col)
			continue;
		if (!first)
			sync_put(&b, ",", 1);
		first = false;
		sync_put(&b, "\"", 1);
		sync_put(&b, t->cols[i].name, strlen(t->cols[i].name));
		sync_put(&b, "\":", 2);
		sync_json_value(&b, v);
	}
	sync_put(&b, "}", 2);
	if (b.oom) {
		sync_buf_free(&b);
		return NULL;
	}
	return (char *)b.p;
}

/* One record (old or new) of a change in our ids into out. *why: NULL or
 * the conflict kind when it cannot apply. */
static int put_record(apply_ctx *c, int ti, sqlite3_changeset_iter *it, int op, bool old,
		      int64_t local_pk, int64_t remote_pk, sync_buf *out, const char **why,
		      cb_error *err)
{
	const sync_table *t = &c->sc.t[ti];
	int rc = CB_OK;
	for (int i = 0; i < t->ncol && !rc; i++) {
		sqlite3_value *v = NULL;
		int64_t local;
		if (old)
			sqlite3changeset_old(it, i, &v);
		else
			sqlite3changeset_new(it, i, &v);
		if (i == t->pk) {
			if (op == SQLITE_UPDATE && !old)
				sync_put_value(out, NULL); /* a key does not change */
			else
				sync_put_int(out, local_pk);
		} else if (i == t->rank_col) {
			if (op == SQLITE_INSERT)
				sync_put_int(out, -local_pk); /* placed after the apply */
			else if (op == SQLITE_DELETE)
				sync_put_int(out, query_int(c->s,
							    "SELECT rank FROM cadre WHERE id = ?1"
							    " AND ?2 IS NULL",
							    local_pk, NULL));
			else
				sync_put_value(out, NULL);
		} else if (i == t->uid_col && v && sqlite3_value_type(v) == SQLITE_NULL) {
			char uid[64];
			snprintf(uid, sizeof uid, "%s:%" PRId64, c->f.office, remote_pk);
			sync_put_text(out, uid, strlen(uid));
		} else if (v && sqlite3_value_type(v) != SQLITE_NULL &&
			   t->cols[i].ref != SYNC_REF_NONE) {
			int got = ref_value(c, t->cols[i].ref, v, !old, &local, err, &rc);
			if (!rc && got != REF_OK) {
				*why = "missing-ref";
				return CB_OK;
			}
			sync_put_int(out, local);
		} else {
			sync_put_value(out, v);
		}
	}
	return rc;
}

static int keep_audit(apply_ctx *c, const sync_table *t, sqlite3_changeset_iter *it)
{
	static const char *const want[] = {"id",     "at",  "user", "tbl", "row_id",
					   "action", "old", "new",  "hash"};
	sqlite3_stmt *st;
	cb_error err;
	int rc = CB_OK;
	if (!(st = kept(c, &c->audit,
			"INSERT OR IGNORE INTO sync_audit(office, remote_id, at, user, tbl, row_id,"
			" action, old, new, hash, local_row) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
			" ?9, ?10, (SELECT local_id FROM sync_map WHERE office = ?1 AND tbl = ?5"
			" AND remote_id = ?6))",
			&err)))
		return SQLITE_ERROR;
	sqlite3_clear_bindings(st);
	store_bind_text(st, 1, c->f.office);
	for (size_t k = 0; k < sizeof want / sizeof want[0]; k++)
		for (int i = 0; i < t->ncol; i++)
			if (!strcmp(t->cols[i].name, want[k])) {
				sqlite3_value *v = NULL;
				sqlite3changeset_new(it, i, &v);
				if (v)
					sqlite3_bind_value(st, (int)k + 2, v);
			}
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = SQLITE_ERROR;
	sqlite3_reset(st);
	return rc;
}

static int table_of(apply_ctx *c, sqlite3_changeset_iter *it, int *op, cb_error *err)
{
	const char *name;
	int ncol, indirect;
	sqlite3changeset_op(it, &name, &ncol, op, &indirect);
	int t = sync_schema_find(&c->sc, name);
	if (t < 0)
		return -1 - cb_error_set(err, CB_EINVALID,
					 _("The file changes table %s, which does not travel here; "
					   "nothing was "
					   "applied"),
					 name);
	if (c->sc.t[t].ncol != ncol)
		return -1 -
		       cb_error_set(
			       err, CB_EINVALID,
			       _("The file was made by a canbo whose table %s differs from this "
				 "one "
				 "(schema %d here); update both to the same version; nothing was "
				 "applied"),
			       name, STORE_SCHEMA_VERSION);
	return t;
}

int sync_rewrite_ids(apply_ctx *c, cb_error *err)
{
	sqlite3_changeset_iter *it;
	int rc = CB_OK, op;
	if (sqlite3changeset_start(&it, (int)c->f.changeset_n, (void *)c->f.changeset) != SQLITE_OK)
		return cb_error_set(err, CB_EINVALID, _("The file's changeset cannot be read"));
	while (!rc && sqlite3changeset_next(it) == SQLITE_ROW) {
		int t = table_of(c, it, &op, err);
		sqlite3_value *v = NULL;
		int64_t local;
		bool found;
		if (t < 0) {
			rc = -1 - t;
			break;
		}
		if (op != SQLITE_INSERT || c->sc.t[t].audit || !c->sc.t[t].rowid_pk)
			continue;
		sqlite3changeset_new(it, c->sc.t[t].pk, &v);
		if (!v || (rc = map_get(c, t, sqlite3_value_int64(v), &local, &found, err)))
			continue;
		if (!found) {
			rc = map_put(c, t, sqlite3_value_int64(v), next_id(c, t), err);
			continue;
		}
		void *p = realloc(c->again, (c->nagain + 1) * sizeof *c->again);
		if (!p) {
			rc = cb_error_set(err, CB_EDB, _("Out of memory"));
			break;
		}
		c->again = p;
		c->again[c->nagain][0] = t;
		c->again[c->nagain++][1] = local;
	}
	if (sqlite3changeset_finalize(it) != SQLITE_OK && !rc)
		rc = cb_error_set(err, CB_EINVALID, _("The file's changeset cannot be read"));
	if (c->nagain)
		qsort(c->again, c->nagain, sizeof *c->again, pair_cmp);
	return rc;
}

/* The primary key of a change, theirs and ours; false when it is not here. */
static int change_key(apply_ctx *c, int ti, sqlite3_changeset_iter *it, int op, int64_t *remote,
		      int64_t *local, bool *found, cb_error *err)
{
	const sync_table *t = &c->sc.t[ti];
	sqlite3_value *v = NULL;
	int rc = CB_OK;
	if (op == SQLITE_INSERT)
		sqlite3changeset_new(it, t->pk, &v);
	else
		sqlite3changeset_old(it, t->pk, &v);
	*found = false;
	*remote = *local = v ? sqlite3_value_int64(v) : 0;
	if (!v)
		return CB_OK;
	if (t->rowid_pk)
		return map_get(c, ti, *remote, local, found, err);
	if (t->cols[t->pk].ref == SYNC_REF_NONE) {
		*found = true;
		return CB_OK;
	}
	int got = ref_value(c, t->cols[t->pk].ref, v, false, local, err, &rc);
	*found = !rc && got == REF_OK;
	return rc;
}

/* Whether an update of a cadre changes what the search index holds of
 * him: the name's sort key or its fold (which keeps what the key leaves
 * out: "01" is "1" to the order), or his unit (search_index.h). */
static bool renamed(const sync_table *t, sqlite3_changeset_iter *it)
{
	for (int i = 0; i < t->ncol; i++) {
		sqlite3_value *v = NULL;
		if ((!strcmp(t->cols[i].name, "sort_key") ||
		     !strcmp(t->cols[i].name, "name_fold") ||
		     !strcmp(t->cols[i].name, "unit_id")) &&
		    sqlite3changeset_new(it, i, &v) == SQLITE_OK && v)
			return true;
	}
	return false;
}

int sync_rewrite(apply_ctx *c, cb_error *err)
{
	sqlite3_changeset_iter *it;
	int rc = CB_OK, op;
	if (sqlite3changeset_start(&it, (int)c->f.changeset_n, (void *)c->f.changeset) != SQLITE_OK)
		return cb_error_set(err, CB_EINVALID, _("The file's changeset cannot be read"));
	while (!rc && sqlite3changeset_next(it) == SQLITE_ROW) {
		int ti = table_of(c, it, &op, err);
		int64_t remote, local;
		bool found;
		const char *why = NULL;
		sync_buf rec = {0};
		if (ti < 0) {
			rc = -1 - ti;
			break;
		}
		const sync_table *t = &c->sc.t[ti];
		if (t->audit) {
			if (op == SQLITE_INSERT && keep_audit(c, t, it) != SQLITE_OK)
				rc = store_fail(c->s, err, _("Keeping the office's audit trail"));
			continue;
		}
		if ((rc = change_key(c, ti, it, op, &remote, &local, &found, err)))
			break;
		if (!found) {
			/* both ends deleted it: nothing to do; else it is gone here */
			if (op != SQLITE_DELETE &&
			    sync_conflict_add(c, ti, 0,
					      op == SQLITE_INSERT ? "missing-ref" : "deleted-here",
					      change_json(t, it, op), NULL) != SQLITE_OK)
				rc = cb_error_set(err, CB_EDB, _("Out of memory"));
			continue;
		}
		sync_put_op(&rec, op);
		if (op != SQLITE_INSERT)
			rc = put_record(c, ti, it, op, true, local, remote, &rec, &why, err);
		if (!rc && !why && op != SQLITE_DELETE)
			rc = put_record(c, ti, it, op, false, local, remote, &rec, &why, err);
		if (!rc && op == SQLITE_UPDATE && !why) {
			/* only our own list order changed there: nothing to apply */
			bool any = false;
			for (int i = 0; i < t->ncol; i++) {
				sqlite3_value *v = NULL;
				sqlite3changeset_new(it, i, &v);
				any |= v && i != t->rank_col;
			}
			if (!any) {
				sync_buf_free(&rec);
				continue;
			}
		}
		if (!rc && why) {
			if (sync_conflict_add(c, ti, local, why, change_json(t, it, op), NULL) !=
			    SQLITE_OK)
				rc = cb_error_set(err, CB_EDB, _("Out of memory"));
		} else if (!rc) {
			sync_put(op == SQLITE_DELETE ? &c->del[ti] : &c->put[ti], rec.p, rec.n);
			if (t->rank_col >= 0)
				c->cadres_renamed |= op != SQLITE_UPDATE || renamed(t, it);
		}
		sync_buf_free(&rec);
	}
	if (sqlite3changeset_finalize(it) != SQLITE_OK && !rc)
		rc = cb_error_set(err, CB_EINVALID, _("The file's changeset cannot be read"));
	return rc;
}

/* The row as it is here (DATA, CONFLICT), as JSON. */
static char *ours_json(const sync_table *t, sqlite3_changeset_iter *it)
{
	sync_buf b = {0};
	sync_put(&b, "{", 1);
	for (int i = 0; i < t->ncol; i++) {
		sqlite3_value *v = NULL;
		if (sqlite3changeset_conflict(it, i, &v) != SQLITE_OK || i == t->rank_col)
			continue;
		if (b.n > 1)
			sync_put(&b, ",", 1);
		sync_put(&b, "\"", 1);
		sync_put(&b, t->cols[i].name, strlen(t->cols[i].name));
		sync_put(&b, "\":", 2);
		sync_json_value(&b, v);
	}
	sync_put(&b, "}", 2);
	if (b.oom) {
		sync_buf_free(&b);
		return NULL;
	}
	return (char *)b.p;
}

int sync_on_conflict(void *ctx, int kind, sqlite3_changeset_iter *it)
{
	apply_ctx *c = ctx;
	const char *name, *what;
	int ncol, op, indirect, ti;
	sqlite3_value *v = NULL;

	if (kind == SQLITE_CHANGESET_FOREIGN_KEY) {
		c->fk_broken = true;
		return SQLITE_CHANGESET_ABORT;
	}
	sqlite3changeset_op(it, &name, &ncol, &op, &indirect);
	if ((ti = sync_schema_find(&c->sc, name)) < 0)
		return SQLITE_CHANGESET_ABORT;
	if (kind == SQLITE_CHANGESET_NOTFOUND && op == SQLITE_DELETE)
		return SQLITE_CHANGESET_OMIT; /* deleted at both ends */
	const sync_table *t = &c->sc.t[ti];
	if (op == SQLITE_INSERT)
		sqlite3changeset_new(it, t->pk, &v);
	else
		sqlite3changeset_old(it, t->pk, &v);
	what = kind == SQLITE_CHANGESET_NOTFOUND ? "deleted-here"
	       : kind == SQLITE_CHANGESET_DATA ? (op == SQLITE_DELETE ? "deleted-there" : "changed")
	       : kind == SQLITE_CHANGESET_CONFLICT ? "exists"
						   : "constraint";
	char *ours = kind == SQLITE_CHANGESET_DATA || kind == SQLITE_CHANGESET_CONFLICT
			     ? ours_json(t, it)
			     : NULL;
	if (sync_conflict_add(c, ti, v ? sqlite3_value_int64(v) : 0, what, change_json(t, it, op),
			      ours) != SQLITE_OK)
		return SQLITE_CHANGESET_ABORT;
	return SQLITE_CHANGESET_OMIT;
}
