/* sync_record.c - what an office changes, kept as it is saved (sync.h).
 *
 * Once the office has exported (sync_self holds its code), each outermost
 * write transaction runs under a session of SQLite's session extension
 * over the tables that travel; just before COMMIT the session's changeset
 * goes into sync_outbox, in the same transaction, so that a change and its
 * record for the next export are saved together or not at all.
 */
#include "store_internal.h"
#include "sync_internal.h"

#include "i18n.h"

bool sync_table_travels(const char *name)
{
	static const char *const local[] = {"unit",  "trash",	  "trash_row",
					    "draft", "name_word", "cadre_year"};
	if (!strncmp(name, "sync_", 5) || !strncmp(name, "sqlite_", 7) ||
	    !strncmp(name, "cadre_fts", 9))
		return false;
	for (size_t i = 0; i < sizeof local / sizeof local[0]; i++)
		if (!strcmp(name, local[i]))
			return false;
	return true;
}

static int filter(void *ctx, const char *table)
{
	(void)ctx;
	return sync_table_travels(table);
}

/* Whether this office records its changes: it has exported once. */
static int sync_state(store *s, cb_error *err)
{
	sqlite3_stmt *st;
	/* not "off" for good: another process may make the first export */
	if (s->sync_state == SYNC_ON)
		return CB_OK;
	if (sqlite3_prepare_v3(s->db, "SELECT 1 FROM sync_self", -1, SQLITE_PREPARE_PERSISTENT, &st,
			       NULL) != SQLITE_OK)
		return CB_OK; /* a database older than the table: not yet */
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, err, _("Reading the office's sync state"));
	s->sync_state = rc == SQLITE_ROW ? SYNC_ON : SYNC_OFF;
	return CB_OK;
}

int store_sync_begin(store *s, cb_error *err)
{
	int rc;
	if (s->sync_mute || (rc = sync_state(s, err)))
		return s->sync_mute ? CB_OK : rc;
	if (s->sync_state != SYNC_ON)
		return CB_OK;
	if (sqlite3session_create(s->db, "main", &s->sync_sess) != SQLITE_OK) {
		s->sync_sess = NULL;
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	}
	sqlite3session_table_filter(s->sync_sess, filter, NULL);
	if (sqlite3session_attach(s->sync_sess, NULL) != SQLITE_OK) {
		store_sync_end(s);
		return store_fail(s, err, _("Recording the changes for the province"));
	}
	return CB_OK;
}

int store_sync_commit(store *s, cb_error *err)
{
	static const char sql[] = "INSERT INTO sync_outbox(at, data)"
				  " VALUES(strftime('%Y-%m-%d %H:%M:%S','now'), ?1)";
	int n = 0, rc;
	void *data = NULL;
	sqlite3_stmt *st;

	if (!s->sync_sess || sqlite3session_isempty(s->sync_sess))
		return CB_OK;
	if (sqlite3session_changeset(s->sync_sess, &n, &data) != SQLITE_OK)
		return store_fail(s, err, _("Recording the changes for the province"));
	rc = CB_OK;
	if (n > 0) {
		if (!(st = store_prepare(s, sql, err))) {
			sqlite3_free(data);
			return CB_EDB;
		}
		sqlite3_bind_blob(st, 1, data, n, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = store_fail(s, err, _("Recording the changes for the province"));
		sqlite3_finalize(st);
	}
	sqlite3_free(data);
	return rc;
}

void store_sync_end(store *s)
{
	if (s->sync_sess)
		sqlite3session_delete(s->sync_sess);
	s->sync_sess = NULL;
}

int sync_scope_check(store *s, const char *office, cb_error *err)
{
	/* Every other record hangs off a cadre, an organisation or a unit:
	 * those within the user's scope (its holes too, in_scope: access.h),
	 * so is everything that travels. */
	static const char whole[] =
		"SELECT 1 FROM cadre c JOIN unit u ON u.id = c.unit_id"
		" WHERE NOT (u.lo BETWEEN ?1 AND ?2 AND in_scope(u.lo, c.org_id)) AND ?3 IS NULL"
		" UNION ALL SELECT 1 FROM org o JOIN unit u ON u.id = o.unit_id"
		" WHERE NOT (u.lo BETWEEN ?1 AND ?2 AND in_scope(u.lo, o.id)) LIMIT 1";
	static const char sent[] =
		"SELECT 1 FROM sync_map m JOIN cadre c ON c.id = m.local_id"
		" JOIN unit u ON u.id = c.unit_id"
		" WHERE m.office = ?3 AND m.tbl = 'cadre'"
		" AND NOT (u.lo BETWEEN ?1 AND ?2 AND in_scope(u.lo, c.org_id))"
		" UNION ALL SELECT 1 FROM sync_map m JOIN org o ON o.id = m.local_id"
		" JOIN unit u ON u.id = o.unit_id"
		" WHERE m.office = ?3 AND m.tbl = 'org'"
		" AND NOT (u.lo BETWEEN ?1 AND ?2 AND in_scope(u.lo, o.id)) LIMIT 1";
	sqlite3_stmt *st;
	int rc;

	if (!s->scoped)
		return CB_OK;
	if (!(st = store_prepare(s, office ? sent : whole, err)))
		return CB_EDB;
	sqlite3_bind_int64(st, 1, s->scope_lo);
	sqlite3_bind_int64(st, 2, s->scope_hi);
	store_bind_text(st, 3, office);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return cb_error_set(
			err, CB_EACCESS,
			office ? _("Office %s's records reach beyond the districts you may "
				   "change; nothing was applied")
			       : _("This database holds records beyond the districts you may "
				   "see; only a user with access to all of them can send its "
				   "changes"),
			office);
	return rc == SQLITE_DONE ? CB_OK : store_fail(s, err, _("Checking your access"));
}
