/* store_internal.h - what the store's own files share; not for other
 * modules (they have store_sql.h). */
#ifndef CANBO_STORE_INTERNAL_H
#define CANBO_STORE_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <sqlite3.h>

#include "audit.h"
#include "search_index.h"
#include "store.h"
#include "store_sql.h"

struct store {
	sqlite3 *db;
	char user[64];
	char author[160]; /* store_set_author; "" = the user */
	int flags;
	int in_tx;	     /* open transaction levels (store_begin nests) */
	search_state search; /* the search module's, per handle (store_sql.h) */
	/* the reader's scope (store_scope.c): scoped false = the whole
	 * database; else the units whose pre-order positions lie in one of
	 * the sorted, disjoint intervals iv, and the rows of organisations
	 * orgs (sorted) in units of the intervals riv. scope_lo..scope_hi
	 * bounds them all. */
	bool scoped;
	int64_t scope_lo, scope_hi;
	int64_t (*iv)[2], (*riv)[2], *orgs;
	size_t niv, nriv, norgs;
	bool claim_id; /* application_id to be set at the next write */
	/* sync.h: each write's changes are recorded for the office's next
	 * export once it has made its first (store_sync.c) */
	int sync_state;		    /* SYNC_UNKNOWN, SYNC_OFF or SYNC_ON */
	bool sync_mute;		    /* migrations, applying others' changes */
	sqlite3_session *sync_sess; /* open while a transaction records */
};

enum { SYNC_UNKNOWN, SYNC_OFF, SYNC_ON };

/* The recording of changes for export (store_sync.c), called by
 * store_begin/commit/rollback at the outermost level: starts a session
 * when the office exports; before COMMIT keeps the transaction's
 * changeset in sync_outbox; ends the session on either. */
int store_sync_begin(store *s, cb_error *err);
int store_sync_commit(store *s, cb_error *err);
void store_sync_end(store *s);

extern const char *const store_migrations[];
extern const int store_migration_count;
extern const char store_cadre_indexes[];

/* Gives SQLite one block for the pages it reads, on a huge page where the
 * system has them (store_pages.c); before SQLite starts, else nothing. */
void store_page_cache_setup(void);

/* Checks, before anything is written, that the opened file is a canbo
 * database, or new (no pages) and may_create: otherwise CB_EDB naming the
 * file and how to make a database, the file untouched (store_identity.c).
 * Notes when the file still lacks canbo's application_id. */
int store_identify(store *s, const char *path, bool may_create, cb_error *err);
/* Sets the application_id if store_identify said it is missing; called by
 * store_begin inside the write transaction. */
void store_claim_id(store *s);
/* The file's application_id (tests), -1 on error. */
int store_application_id(store *s);

/* The hash (audit.h) of the audit row with these fields, chained to prev
 * (NULL: the first row of the trail), for rows written in a batch. */
void store_audit_row_hash(const unsigned char *prev, int64_t id, const char *at, const char *user,
			  const char *tbl, int64_t row_id, const char *action, const char *old_json,
			  const char *new_json, unsigned char out[AUDIT_HASH_BYTES]);
/* The newest audit row's id (0: none) and hash (*chained false: none, or
 * no hash), which the next row chains to. */
int store_audit_head(store *s, int64_t *last_id, unsigned char hash[AUDIT_HASH_BYTES],
		     bool *chained, cb_error *err);

/* Computes the search keys of a cadre's name: its fold (into fold, cap
 * bytes) and its Vietnamese sort key (*key, malloc'd, *keylen bytes). */
int store_cadre_keys(const cadre *cd, char *fold, size_t cap, unsigned char **key, size_t *keylen,
		     cb_error *err);

/* References from a row being written (a cadre's unit and organisation,
 * an organisation's unit and parent): the unit into *u / nothing, or
 * CB_EINVALID naming the field when the row referred to does not exist. */
int store_unit_ref(store *s, int64_t unit_id, unit_row *u, cb_error *err);
int store_org_ref(store *s, int64_t org_id, const char *field, cb_error *err);
/* An organisation's name (normalised in place) and kind; its audit JSON. */
int store_org_validate(org_row *o, cb_error *err);
char *store_org_json(const org_row *o);

#endif
