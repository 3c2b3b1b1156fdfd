/* store_internal.h - what the store's own files share; not for other
 * modules. */
#ifndef CANBO_STORE_INTERNAL_H
#define CANBO_STORE_INTERNAL_H

#include <sqlite3.h>

#include "store.h"

struct store {
	sqlite3 *db;
	char user[64];
	int flags;
	int in_tx;
};

extern const char *const store_migrations[];
extern const int store_migration_count;
extern const char store_cadre_indexes[];

/* Prepares a statement (cached per handle by SQLite's own prepare_v3
 * persistence flag); returns NULL and fills err on failure. */
sqlite3_stmt *store_prepare(store *s, const char *sql, cb_error *err);

/* Binds text or NULL. */
int store_bind_text(sqlite3_stmt *st, int idx, const char *text);

/* Copies column text into a fixed buffer (always NUL-terminated). */
void store_column_copy(sqlite3_stmt *st, int col, char *buf, size_t cap);

/* Creates the cadre indexes if missing (skipped during a bulk build). */
int store_ensure_indexes(store *s, cb_error *err);

#endif
