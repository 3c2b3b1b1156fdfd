/* store_sync.c - what an office changes, kept as it is saved (sync.h).
 *
 * Once the office has exported (sync_self holds its code), each outermost
 * write transaction runs under a session of SQLite's session extension
 * over the tables that travel; just before COMMIT the session's changeset
 * goes into sync_outbox, in the same transaction, so that a change and its
 * record for the next export are saved together or not at all. The sync
 * module reads sync_outbox; here the store only keeps it filled.
 */
#include <string.h>

#include "store_internal.h"

#include "i18n.h"

bool store_table_travels(const char *name)
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
	return store_table_travels(table);
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

bool store_sync_mute(store *s, bool mute)
{
	bool was = s->sync_mute;
	s->sync_mute = mute;
	return was;
}

void store_sync_recording(store *s)
{
	s->sync_state = SYNC_ON;
}
