/* store_tx.c - ending a write transaction by how the work in it went.
 *
 * Every write of the store runs as store_begin, the work, then commit or
 * roll back by the work's status. That last step is written once here so
 * that no writer can commit after a failure or leave a transaction open;
 * and so is running one statement of that work (store_run).
 */
#include "store_internal.h"

int store_finish(store *s, int rc, cb_error *err)
{
	if (rc) {
		store_rollback(s);
		return rc;
	}
	return store_commit(s, err);
}

bool store_in_tx(const store *s)
{
	return s->in_tx > 0;
}

search_state *store_search_state(store *s)
{
	return &s->search;
}

int store_run(store *s, sqlite3_stmt *st, const char *what, cb_error *err)
{
	int rc;
	if (!st)
		return CB_EDB;
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? CB_OK : store_fail(s, err, what);
}

int64_t store_int(store *s, const char *sql, int64_t fallback)
{
	sqlite3_stmt *st;
	int64_t v = fallback;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return fallback;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}
