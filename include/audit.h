/* audit.h - the audit trail as evidence.
 *
 * Every audit row carries a SHA-256 hash (libsodium) of a canonical
 * serialisation of the row and of the previous row's hash, so the rows
 * form one chain: changing, deleting or inserting a row by hand (sqlite3
 * on the file) breaks the chain at that row, and store_audit_verify names
 * the first row where it breaks. The newest hash (the head) stands for the
 * whole trail: an office writes it into its signed reports, and a trail
 * rewritten from some row on no longer ends in it.
 *
 * Serialisation (version 1): the bytes "canbo-audit-1", the previous
 * hash (32 zero bytes before the first row), then id, at, user, tbl,
 * row_id, action, old, new, each as one byte 0 (NULL) or 1, an 8-byte
 * big-endian length and the UTF-8 text (numbers in decimal).
 */
#ifndef CANBO_AUDIT_H
#define CANBO_AUDIT_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "store.h"

#define AUDIT_HASH_BYTES 32
#define AUDIT_HASH_HEX	 (2 * AUDIT_HASH_BYTES + 1)

typedef struct audit_verdict {
	int64_t rows;		   /* rows checked */
	int64_t broken_at;	   /* id of the first row that breaks the chain, 0 = none */
	char head[AUDIT_HASH_HEX]; /* hex hash of the newest row ("" when empty) */
} audit_verdict;

/* Recomputes the whole chain. CB_OK with v->broken_at = 0 when it holds. */
int store_audit_verify(store *s, audit_verdict *v, cb_error *err);

/* Which changes a listing shows; zero/NULL fields mean any. */
typedef struct audit_query {
	const char *user;  /* Unix user who made the change */
	const char *since; /* YYYY-MM-DD: on or after this day (UTC) */
	const char *table; /* with row: one record */
	int64_t row;
	size_t limit; /* 0 = all */
} audit_query;

/* Changes newest first, limited to the reader's scope (access.h): a row
 * whose record lies outside it, or belongs to no unit (a bulk load), is
 * listed only to a province-level reader. */
int store_audit_list(store *s, const audit_query *q, audit_row **out, size_t *n, cb_error *err);

/* Registers the SQL function the chain is computed with (store_open). */
int store_audit_register(store *s, cb_error *err);
/* Chains a trail that has no hash column although its schema is recent
 * (a database made while migration 4 was still a reserved, empty slot);
 * nothing to do otherwise. store_open, read-write only. */
int store_audit_chain_ensure(store *s, cb_error *err);

#endif
