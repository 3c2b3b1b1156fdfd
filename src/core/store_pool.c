/* store_pool.c - the planning pool by title (quy hoạch).
 *
 * An entry is a cadre planned for one title of career.ini in one unit for
 * one term. Entries are never deleted by the pool's own commands: a
 * removal records the day and the reason, so the yearly review keeps its
 * history. The rules are checked when an entry is added (pool_rules.c
 * checks those already in the pool).
 */
#include "career_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "i18n.h"
#include "store_internal.h"

#define POOL_COLUMNS                                                                               \
	"p.id, p.version, p.cadre_id, p.unit_id, p.term, p.title, p.added_on, p.removed_on,"       \
	" p.removed_reason, c.full_name, c.birth_date, c.gender, c.level, c.pos_rank, u.name"
#define POOL_FROM " FROM pool p JOIN cadre c ON c.id = p.cadre_id JOIN unit u ON u.id = p.unit_id"

static void read_pool(sqlite3_stmt *st, void *p)
{
	pool_row *r = p;
	r->id = sqlite3_column_int64(st, 0);
	r->version = sqlite3_column_int64(st, 1);
	r->cadre_id = sqlite3_column_int64(st, 2);
	r->unit_id = sqlite3_column_int64(st, 3);
	store_column_copy(st, 4, r->term, sizeof r->term);
	store_column_copy(st, 5, r->title, sizeof r->title);
	store_column_copy(st, 6, r->added_on, sizeof r->added_on);
	store_column_copy(st, 7, r->removed_on, sizeof r->removed_on);
	store_column_copy(st, 8, r->removed_reason, sizeof r->removed_reason);
	store_column_copy(st, 9, r->full_name, sizeof r->full_name);
	store_column_copy(st, 10, r->birth_date, sizeof r->birth_date);
	r->gender = sqlite3_column_int(st, 11);
	r->level = sqlite3_column_int(st, 12);
	r->pos_rank = sqlite3_column_int(st, 13);
	store_column_copy(st, 14, r->unit_name, sizeof r->unit_name);
}

/* Binds a list's term (NULL: all), units (0: all; narrowed to the
 * reader's scope, access.h) and whether removed entries are asked. */
static void bind_filter(store *s, sqlite3_stmt *st, const char *term, int64_t unit_lo,
			int64_t unit_hi, bool removed)
{
	store_scope_clamp(s, &unit_lo, &unit_hi);
	if (st) {
		store_bind_text(st, 1, term ? term : "");
		sqlite3_bind_int64(st, 2, unit_lo);
		sqlite3_bind_int64(st, 3, unit_hi);
		sqlite3_bind_int(st, 4, removed);
	}
}

int store_pool_list(store *s, const char *term, int64_t unit_lo, int64_t unit_hi, bool removed,
		    pool_row **out, size_t *n, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(
		s,
		"SELECT " POOL_COLUMNS POOL_FROM " WHERE (?1 = '' OR p.term = ?1)"
		" AND (?2 = 0 OR (u.lo BETWEEN ?2 AND ?3 AND in_scope(u.lo, c.org_id)))"
		" AND (p.removed_on <> '') = ?4"
		" ORDER BY p.term, u.lo, p.title, c.sort_key, p.id",
		err);
	bind_filter(s, st, term, unit_lo, unit_hi, removed);
	return store_rows(s, st, sizeof **out, read_pool, (void **)out, n, _("Reading records"),
			  err);
}

static void read_group(sqlite3_stmt *st, void *p)
{
	pool_group *g = p;
	store_column_copy(st, 0, g->term, sizeof g->term);
	store_column_copy(st, 1, g->title, sizeof g->title);
	g->unit_id = sqlite3_column_int64(st, 2);
	g->n = sqlite3_column_int(st, 3);
}

/* Units' lo are their places in the tree, one each: grouped by lo, the
 * groups are store_pool_list's runs of one term, unit and title. */
int store_pool_groups(store *s, const char *term, int64_t unit_lo, int64_t unit_hi, bool removed,
		      pool_group **out, size_t *n, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(
		s,
		"SELECT p.term, p.title, p.unit_id, count(*) FROM pool p"
		" JOIN unit u ON u.id = p.unit_id WHERE (?1 = '' OR p.term = ?1)"
		" AND (?2 = 0 OR (u.lo BETWEEN ?2 AND ?3 AND"
		" in_scope(u.lo, (SELECT c.org_id FROM cadre c WHERE c.id = p.cadre_id))))"
		" AND (p.removed_on <> '') = ?4"
		" GROUP BY p.term, u.lo, p.title ORDER BY p.term, u.lo, p.title",
		err);
	bind_filter(s, st, term, unit_lo, unit_hi, removed);
	return store_rows(s, st, sizeof **out, read_group, (void **)out, n, _("Reading records"),
			  err);
}

int store_pool_group_entries(store *s, const pool_group *g, int64_t unit_lo, int64_t unit_hi,
			     bool removed, pool_row **out, size_t *n, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(
		s,
		"SELECT " POOL_COLUMNS POOL_FROM " WHERE p.term = ?1 AND p.unit_id = ?5"
		" AND p.title = ?6"
		" AND (?2 = 0 OR (u.lo BETWEEN ?2 AND ?3 AND in_scope(u.lo, c.org_id)))"
		" AND (p.removed_on <> '') = ?4 ORDER BY c.sort_key, p.id",
		err);
	bind_filter(s, st, g->term, unit_lo, unit_hi, removed);
	if (st) {
		sqlite3_bind_int64(st, 5, g->unit_id);
		store_bind_text(st, 6, g->title);
	}
	return store_rows(s, st, sizeof **out, read_pool, (void **)out, n, _("Reading records"),
			  err);
}

static char *pool_json(const pool_row *p)
{
	store_json b;
	store_json_begin(&b);
	store_json_int(&b, "cadre_id", p->cadre_id);
	store_json_str(&b, "term", p->term);
	store_json_str(&b, "title", p->title);
	store_json_int(&b, "unit_id", p->unit_id);
	store_json_str(&b, "added_on", p->added_on);
	store_json_str(&b, "removed_on", p->removed_on);
	store_json_str(&b, "removed_reason", p->removed_reason);
	return store_json_end(&b);
}

static bool term_ok(const char *t)
{
	int a, b, used = 0;
	return strlen(t) == 9 && sscanf(t, "%4d-%4d%n", &a, &b, &used) == 2 && used == 9 && b > a &&
	       a >= 1945;
}

/* The unit a title of `level` belongs to for a cadre of unit `unit`: its
 * ancestor (or itself) at that tier. */
static int title_unit(store *s, int64_t unit, int level, int64_t *out, cb_error *err)
{
	sqlite3_stmt *st =
		store_prepare(s,
			      "SELECT a.id FROM unit u JOIN unit a ON u.lo BETWEEN a.lo AND a.hi"
			      " WHERE u.id = ? AND a.tier = ?",
			      err);
	int rc;

	*out = 0;
	if (!st)
		return CB_EDB;
	sqlite3_bind_int64(st, 1, unit);
	sqlite3_bind_int(st, 2, level);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, err, _("Reading records"));
	if (*out == 0)
		return cb_error_set(err, CB_EINVALID,
				    _("The cadre's unit lies in no unit of the title's level"));
	return CB_OK;
}

/* The rules of a new entry; CB_EINVALID names the one broken. */
static int pool_rules(store *s, const career_rules *r, cb_date on, const cadre *cd,
		      const career_title *t, pool_row *p, cb_error *err)
{
	discipline_row bar;
	departure_row dep;
	int n = 0, rc;

	if (!career_title_higher(t, cd->level, cd->pos_rank))
		return cb_error_set(err, CB_EINVALID,
				    _("%s: not a higher title than the current post (%s)"), t->name,
				    cd->position);
	if (store_departure_get(s, cd->id, &dep, err) == CB_OK)
		return cb_error_set(err, CB_EINVALID, _("%s left the list on %s"), cd->full_name,
				    dep.left_on);
	cb_error_clear(err);
	rc = store_discipline_bar(s, cd->id, on, &bar, err);
	if (rc == CB_OK)
		return cb_error_set(err, CB_EINVALID,
				    _("%s may not be planned until %s (discipline no. %lld, %s)"),
				    cd->full_name, bar.bar_until, (long long)bar.id,
				    disc_form_label(bar.form));
	if (rc != CB_NOT_FOUND)
		return rc;
	cb_error_clear(err);
	{
		sqlite3_stmt *st =
			store_prepare(s,
				      "SELECT count(*) FROM pool WHERE unit_id = ? AND term = ?"
				      " AND title = ? AND removed_on = ''",
				      err);
		if (!st)
			return CB_EDB;
		sqlite3_bind_int64(st, 1, p->unit_id);
		store_bind_text(st, 2, p->term);
		store_bind_text(st, 3, p->title);
		n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
		sqlite3_finalize(st);
		if (n < 0)
			return store_fail(s, err, _("Reading records"));
	}
	if (n >= r->pool_per_title)
		return cb_error_set(err, CB_EINVALID,
				    _("%s: the pool already holds %d of %d cadres"), t->name, n,
				    r->pool_per_title);
	/* titles of this cadre, this term, at the title's level */
	n = 0;
	{
		sqlite3_stmt *st =
			store_prepare(s,
				      "SELECT title FROM pool WHERE cadre_id = ? AND term = ?"
				      " AND removed_on = ''",
				      err);
		if (!st)
			return CB_EDB;
		sqlite3_bind_int64(st, 1, cd->id);
		store_bind_text(st, 2, p->term);
		bool twice = false;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *code = (const char *)sqlite3_column_text(st, 0);
			const career_title *o = career_title_find(r, code);
			if (o && o->level == t->level)
				n++;
			twice = twice || strcmp(code, t->code) == 0;
		}
		sqlite3_finalize(st);
		if (rc == SQLITE_DONE && twice) /* said plainly, not as the index's refusal */
			return cb_error_set(err, CB_EINVALID,
					    _("%s is already in the pool of %s for %s"),
					    cd->full_name, t->name, p->term);
		st = NULL;
		if (rc != SQLITE_DONE)
			return store_fail(s, err, _("Reading records"));
	}
	if (n >= r->pool_titles_per_cadre)
		return cb_error_set(
			err, CB_EINVALID,
			_("%s is already planned for %d titles at this level (at most %d)"),
			cd->full_name, n, r->pool_titles_per_cadre);
	return CB_OK;
}

int store_pool_add(store *s, const career_rules *r, cb_date on, pool_row *p, cb_error *err)
{
	const career_title *t = career_title_find(r, p->title);
	sqlite3_stmt *st;
	cadre cd;
	char *json;
	int rc;

	if (!t)
		return cb_error_set(err, CB_EINVALID,
				    _("Title: \"%s\" is not in career.ini's [pool]"), p->title);
	if (!term_ok(p->term))
		return cb_error_set(err, CB_EINVALID, _("Term: \"%s\" is not written YYYY-YYYY"),
				    p->term);
	if ((rc = store_cadre_get(s, p->cadre_id, &cd, err)))
		return rc;
	if (p->unit_id == 0 && (rc = title_unit(s, cd.unit_id, t->level, &p->unit_id, err)))
		return rc;
	if ((rc = pool_rules(s, r, on, &cd, t, p, err)))
		return rc;
	date_format_iso(on, p->added_on);
	p->removed_on[0] = p->removed_reason[0] = '\0';
	if ((rc = store_begin(s, err)))
		return rc;
	st = store_prepare(s,
			   "INSERT INTO pool(cadre_id, term, title, unit_id, added_on)"
			   " VALUES (?, ?, ?, ?, ?)",
			   err);
	if (st) {
		sqlite3_bind_int64(st, 1, p->cadre_id);
		store_bind_text(st, 2, p->term);
		store_bind_text(st, 3, p->title);
		sqlite3_bind_int64(st, 4, p->unit_id);
		store_bind_text(st, 5, p->added_on);
		rc = sqlite3_step(st) == SQLITE_DONE ? CB_OK
						     : store_fail(s, err, _("Saving the pool"));
		sqlite3_finalize(st);
	} else {
		rc = CB_EDB;
	}
	if (!rc) {
		p->id = sqlite3_last_insert_rowid(store_db(s));
		p->version = 1;
		json = pool_json(p);
		rc = store_audit(s, "pool", p->id, "insert", NULL, json, err);
		free(json);
	}
	return store_finish(s, rc, err);
}

int store_pool_remove(store *s, int64_t id, int64_t version, const char *on, const char *reason,
		      cb_error *err)
{
	pool_row *rows = NULL, p;
	size_t n = 0;
	sqlite3_stmt *st =
		store_prepare(s, "SELECT " POOL_COLUMNS POOL_FROM " WHERE p.id = ?", err);
	char *old, *new;
	cb_date day;
	int rc;

	if (st)
		sqlite3_bind_int64(st, 1, id);
	if ((rc = store_rows(s, st, sizeof *rows, read_pool, (void **)&rows, &n,
			     _("Reading records"), err)))
		return rc;
	if (n == 0)
		return cb_error_set(err, CB_NOT_FOUND, _("No pool entry with number %lld"),
				    (long long)id);
	if ((rc = store_scope_cadre(s, rows[0].cadre_id, err))) { /* access.h */
		free(rows);
		return rc;
	}
	p = rows[0];
	free(rows);
	if (p.removed_on[0])
		return cb_error_set(err, CB_EINVALID,
				    _("Pool entry %lld was removed on %s already"), (long long)id,
				    p.removed_on);
	if (!date_parse_iso(on, &day))
		return cb_error_set(err, CB_EINVALID,
				    _("Removed on: \"%s\" is not a date (dd/mm/yyyy)"), on);
	if (!reason || !*reason)
		return cb_error_set(err, CB_EINVALID, _("Reason: required"));
	if (version == 0) /* as read now */
		version = p.version;
	if (p.version != version)
		return store_stale(s, "pool", id, true, err);
	if ((rc = store_begin(s, err)))
		return rc;
	old = pool_json(&p);
	snprintf(p.removed_on, sizeof p.removed_on, "%s", on);
	snprintf(p.removed_reason, sizeof p.removed_reason, "%s", reason);
	new = pool_json(&p);
	st = store_prepare(
		s,
		"UPDATE pool SET removed_on = ?, removed_reason = ?, version = version + 1"
		" WHERE id = ? AND version = ?",
		err);
	if (st) {
		store_bind_text(st, 1, on);
		store_bind_text(st, 2, reason);
		sqlite3_bind_int64(st, 3, id);
		sqlite3_bind_int64(st, 4, version);
		rc = sqlite3_step(st) == SQLITE_DONE ? CB_OK
						     : store_fail(s, err, _("Saving the pool"));
		sqlite3_finalize(st);
	} else {
		rc = CB_EDB;
	}
	if (!rc && sqlite3_changes(store_db(s)) != 1)
		rc = store_stale(s, "pool", id, true, err);
	if (!rc)
		rc = store_audit(s, "pool", id, "update", old, new, err);
	free(old);
	free(new);
	return store_finish(s, rc, err);
}
