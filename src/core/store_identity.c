/* store_identity.c - telling canbo's own databases from every other file
 * before anything is written to it.
 *
 * A database canbo creates carries PRAGMA application_id = STORE_APP_ID
 * (set in the transaction of its first migration). One made before that
 * mark existed is recognised by its tables (unit, cadre, audit) and a
 * schema version, and gets the mark at its next write, so that it never
 * takes a write lock merely to be opened. Any other file - empty, another
 * program's SQLite database, not SQLite at all - is refused without a
 * byte changed: no journal mode set, no table added.
 */
#include "store_internal.h"

#include "i18n.h"

/* "Canb", in the database header (offset 68). */
#define STORE_APP_ID 0x43616E62

static int refuse(const char *path, cb_error *err)
{
	return cb_error_set(
		err, CB_EDB,
		_("%s is not a canbo database (it is empty or belongs to another program); nothing "
		  "was changed in it. To make a canbo database: canbo init --db NEW.db (the "
		  "office's "
		  "empty database), canbo import LIST.csv --db NEW.db (from a list), or canbo demo "
		  "--db NEW.db (a demo)"),
		path);
}

/* The first column of a one-row query as an integer; false on an error
 * (such as a file that is not SQLite). */
static bool query_int(store *s, const char *sql, int64_t *v)
{
	sqlite3_stmt *st;
	bool ok = false;
	*v = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return false;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*v = sqlite3_column_int64(st, 0);
		ok = true;
	} else if (rc == SQLITE_DONE) {
		ok = true;
	}
	sqlite3_finalize(st);
	return ok;
}

int store_identify(store *s, const char *path, bool may_create, cb_error *err)
{
	int64_t pages, id, tables, version;

	s->claim_id = false;
	if (!query_int(s, "PRAGMA page_count", &pages)) {
		int code = sqlite3_errcode(s->db) & 0xff;
		if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
			return refuse(path, err);
		return store_fail(s, err, path);
	}
	if (pages == 0) { /* a new file: ours to create, or not ours at all */
		if (!may_create || (s->flags & STORE_READONLY))
			return refuse(path, err);
		s->claim_id = true;
		return CB_OK;
	}
	if (!query_int(s, "PRAGMA application_id", &id))
		return store_fail(s, err, path);
	if (id == STORE_APP_ID)
		return CB_OK;
	if (id != 0 || !query_int(s, "PRAGMA user_version", &version) || version < 1 ||
	    !query_int(s,
		       "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
		       " AND name IN ('unit', 'cadre', 'audit')",
		       &tables) ||
	    tables != 3)
		return refuse(path, err);
	s->claim_id = !(s->flags & STORE_READONLY); /* an older canbo's: marked at the next write */
	return CB_OK;
}

void store_claim_id(store *s)
{
	char sql[64];
	if (!s->claim_id)
		return;
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d", STORE_APP_ID);
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK)
		s->claim_id = false;
}

int store_application_id(store *s)
{
	int64_t id;
	return query_int(s, "PRAGMA application_id", &id) ? (int)id : -1;
}
