/* store_import.h - writing many checked cadres at once while holding the
 * write lock only briefly (the import of a CSV file).
 *
 * Everything that can be done before the write lock is: the rows are
 * packed in memory as they are added, with their search keys; at commit
 * their places in the name order are worked out against the database
 * (read, not locked), then one short write transaction inserts the rows,
 * their search index entries and one audit row each (with the record as
 * stored, display names included), and commits. If another connection
 * committed anything since store_import_begin, the work read may be out
 * of date: the commit then writes nothing and returns CB_ESTALE, and the
 * caller starts again (or holds the lock from the start: when a
 * transaction is already open on the store, the commit writes inside it).
 *
 *   store_import_begin(s, &b, err);       (opens a read transaction)
 *   ... duplicate lookups on s ...; store_import_add(b, &cd, err) ...
 *   store_import_commit(b, &held, err);  store_import_free(b);
 */
#ifndef CANBO_STORE_IMPORT_H
#define CANBO_STORE_IMPORT_H

#include <stddef.h>

#include "store.h"

typedef struct store_import store_import;

/* Starts a batch; unless a transaction is open, the reads until the
 * commit share one read transaction (one snapshot, no write lock). */
int store_import_begin(store *s, store_import **out, cb_error *err);
/* Adds a cadre already checked by cadre_validate, whose unit and
 * organisation exist; it is copied (cd may be reused). */
int store_import_add(store_import *b, const cadre *cd, cb_error *err);
/* A batch that only packs rows, with no database: one side of a file read
 * on two threads (import_split.c) fills it, and its rows are then moved,
 * in order, into the batch that writes them. Freed by store_import_free. */
store_import *store_import_scratch(void);
/* Appends row i of a scratch batch to b, as store_import_add would have. */
int store_import_take(store_import *b, const store_import *from, size_t i, cb_error *err);
/* Rows added so far. */
size_t store_import_count(const store_import *b);
/* Writes every row added, or none: CB_OK, CB_ESTALE (the database changed
 * since the batch began; nothing written), or another error (nothing
 * written). *held (may be NULL) is set to the seconds the write lock was
 * held. The batch's ids are first_id .. first_id + count - 1 (*first_id
 * may be NULL). */
int store_import_commit(store_import *b, double *held, int64_t *first_id, cb_error *err);
/* The processor time (user and system) of the last commit's write lock. */
double store_import_lock_cpu(const store_import *b);
/* Ends the read transaction if still open; frees b. */
void store_import_free(store_import *b);

#endif
