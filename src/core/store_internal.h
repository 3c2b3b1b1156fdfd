/* store_internal.h - what the store's own files share; not for other
 * modules. */
#ifndef CANBO_STORE_INTERNAL_H
#define CANBO_STORE_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <sqlite3.h>

#include "audit.h"
#include "filter.h"
#include "search.h"
#include "store.h"

struct store {
	sqlite3 *db;
	char user[64];
	int flags;
	int in_tx; /* open transaction levels (store_begin nests) */
	int funcs; /* SQL functions of search.c registered on db */
	/* search.c thresholds, 0 = the built-in ones; tests set them to 1 to
	 * force each way of finding a window on a small database. */
	int narrow_scope, broad_text;
	/* SQLite steps between two checks of a cancellable count, 0 = the
	 * built-in interval; tests make it small. */
	int stop_check_ops;
	/* SQLite steps a large unit scope's list may spend walking the order's
	 * index before it is read through the scope instead, 0 = built-in. */
	int walk_budget;
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

/* Ends the transaction opened by store_begin: commits when rc is CB_OK,
 * else rolls back; returns the final status (a failed commit rolls back
 * too). */
int store_finish(store *s, int rc, cb_error *err);

/* Reads one result row of st into the element at row. */
typedef void (*store_row_fn)(sqlite3_stmt *st, void *row);

/* Steps the prepared and bound st to its end, reading each row with read
 * into a malloc'd array of size-byte elements, and finalizes st. CB_OK:
 * *out holds the array (NULL when there is no row) and *n its length.
 * Otherwise nothing is returned and err says why (out of memory, or the
 * store's message for `what`); st NULL means its prepare failed: CB_EDB,
 * err already filled. */
int store_rows(store *s, sqlite3_stmt *st, size_t size, store_row_fn read, void **out,
	       size_t *n, const char *what, cb_error *err);

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
void store_audit_row_hash(const unsigned char *prev, int64_t id, const char *at,
			  const char *user, const char *tbl, int64_t row_id, const char *action,
			  const char *old_json, const char *new_json,
			  unsigned char out[AUDIT_HASH_BYTES]);
/* The newest audit row's id (0: none) and hash (*chained false: none, or
 * no hash), which the next row chains to. */
int store_audit_head(store *s, int64_t *last_id, unsigned char hash[AUDIT_HASH_BYTES],
		     bool *chained, cb_error *err);

/* Creates the cadre indexes if missing (skipped during a bulk build). */
int store_ensure_indexes(store *s, cb_error *err);

/* ---- cadre rows (store_cadre.c) ------------------------------------- */

/* The columns a cadre is read with, from `cadre c` and the joins of
 * CADRE_JOINS (u = its unit, p = the unit's parent, o = its organisation);
 * store_cadre_read() reads them starting at column col0. The district is
 * the tier-2 ancestor when the hierarchy has 3 tiers or more, the commune
 * the unit itself when it is of the deepest tier. */
#define CADRE_DEEP "(SELECT max(tier) FROM unit)"
#define CADRE_COLUMNS                                                          \
	"c.id, c.version, c.full_name, c.birth_date, c.gender, c.ethnicity,"   \
	" c.unit_id, coalesce(c.org_id, 0), c.position, c.pos_rank, c.level,"  \
	" c.managed, c.is_head, c.committees, c.education, c.theory,"          \
	" c.party_joined, c.notes, u.name, u.code,"                            \
	" CASE WHEN " CADRE_DEEP " < 3 THEN NULL WHEN u.tier = 2 THEN u.name"  \
	" WHEN u.tier = 3 THEN p.name END,"                                    \
	" CASE WHEN " CADRE_DEEP " < 3 THEN NULL WHEN u.tier = 2 THEN u.code"  \
	" WHEN u.tier = 3 THEN p.code END,"                                    \
	" CASE WHEN u.tier = " CADRE_DEEP " THEN u.name END,"                  \
	" o.name"
#define CADRE_NCOLUMNS 24
#define CADRE_JOIN_UNIT " LEFT JOIN unit u ON u.id = c.unit_id"
#define CADRE_JOIN_REST                                                        \
	" LEFT JOIN unit p ON p.id = u.parent_id"                              \
	" LEFT JOIN org o ON o.id = c.org_id"
#define CADRE_JOINS CADRE_JOIN_UNIT CADRE_JOIN_REST

void store_cadre_read(sqlite3_stmt *st, int col0, cadre *out);

/* Computes the search keys of a cadre's name: its fold (into fold, cap
 * bytes) and its Vietnamese sort key (*key, malloc'd, *keylen bytes). */
int store_cadre_keys(const cadre *cd, char *fold, size_t cap,
		     unsigned char **key, size_t *keylen, cb_error *err);

/* ---- JSON objects for the audit trail (store_json.c) ---------------- */

typedef struct store_json {
	char *p;
	size_t n, cap;
	bool oom;
} store_json;

void store_json_begin(store_json *b);          /* "{" */
void store_json_key(store_json *b, const char *key);
void store_json_string(store_json *b, const char *s); /* a quoted value */
void store_json_raw(store_json *b, const char *text); /* verbatim */
void store_json_str(store_json *b, const char *key, const char *val);
void store_json_int(store_json *b, const char *key, long long val);
void store_json_bool(store_json *b, const char *key, bool val);
/* Closes the object; the malloc'd text, or NULL if memory ran out. */
char *store_json_end(store_json *b);

/* Explains why an update or delete of table/id changed nothing: the row
 * is gone (exists=false: CB_NOT_FOUND) or was saved by someone else since
 * it was read (CB_ESTALE); names who and when from the audit trail. */
int store_stale(store *s, const char *table, int64_t id, bool exists,
		cb_error *err);

/* References from a row being written (a cadre's unit and organisation,
 * an organisation's unit and parent): the unit into *u / nothing, or
 * CB_EINVALID naming the field when the row referred to does not exist. */
int store_unit_ref(store *s, int64_t unit_id, unit_row *u, cb_error *err);
int store_org_ref(store *s, int64_t org_id, const char *field, cb_error *err);
/* An organisation's name (normalised in place) and kind; its audit JSON. */
int store_org_validate(org_row *o, cb_error *err);
char *store_org_json(const org_row *o);

/* Sets (grade 1..4), changes or clears (grade 0) the rating of a cadre
 * (org=false) or an organisation for a year; own transaction, audited. */
int store_rating_put(store *s, bool org, int64_t owner, int year, int grade,
		     cb_error *err);

/* ---- ranks and the search index (search_rank.c) --------------------- *
 * All expect the caller's transaction. Invariant: ordering cadres by rank
 * is ordering them by (sort_key, id), and cadre_fts holds one row per
 * cadre with rowid = rank and name = name_fold. */

/* The rank for a cadre with sort key `key` placed among the others
 * (id = its id, or 0 for a row not inserted yet, which goes after rows
 * with an equal key): midway between its neighbours; when they leave no
 * room, every cadre is renumbered first (search_rebuild_tx). */
int search_rank_place(store *s, int64_t id, const unsigned char *key,
		      size_t keylen, int64_t *rank, cb_error *err);
/* Adds or removes (del) one row of cadre_fts. */
int search_fts_put(store *s, int64_t rank, const char *fold, int del,
		   cb_error *err);
/* Adds the words of a fold to name_word (the list of every name word). */
int search_words_add(store *s, const char *fold, cb_error *err);
/* Refills name_word from every cadre's fold (a bulk load ranked in
 * memory needs only this part of the renumbering). */
int search_words_rebuild(store *s, cb_error *err);
/* search_rebuild inside the caller's transaction. */
int search_rebuild_tx(store *s, cb_error *err);

/* ---- the list query (search.c) --------------------------------------- */

/* Registers canbo_spelled(name, query) and canbo_words(fold, words) on
 * the handle (once). */
int search_register(store *s, cb_error *err);

/* The FTS5 expression for typed text, each word longer than the prefix
 * index replaced by the whole name words it begins (from name_word), so
 * that FTS5 streams the matches instead of collecting them first. */
int search_expand(store *s, const char *text, char *buf, size_t cap, cb_error *err);

/* Hints for search_build, found by search.c with cheap bounded counts. */
enum search_hint {
	SEARCH_NARROW = 1, /* the unit scope holds few cadres */
	SEARCH_BROAD = 2,  /* the text matches many names */
	/* a broad text in age or unit order: walk the order's index and test
	 * each row's folded name (fast while matches are common on it; the
	 * caller gives it a budget) rather than collect every match */
	SEARCH_WALK = 4,
};

/* Writes the SQL of a search_fetch (count=0) or search_count (count=1)
 * into out->sql, the filter values into out->fs and the parameter numbers
 * (0 = absent). Exposed for the query-plan tests. */
typedef struct search_sql {
	char sql[6144];
	filter_sql fs;
	int first_filter; /* where fs binds */
	int p_match, p_words, p_after, p_after2, p_ulo, p_uhi, p_spelled, p_limit;
	int sort;       /* the order used */
	char match[2048]; /* FTS5 expression */
	char fold[256];  /* folded query words, for canbo_words */
} search_sql;
int search_build(const search_query *q, int64_t after, int backwards,
		 int count, int hints, search_sql *out, cb_error *err);

#endif
