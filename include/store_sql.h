/* store_sql.h - for the core modules that read and write the database
 * themselves (search, statistics, plans, evaluations, careers, self-checks,
 * the trash): preparing, binding and reading statements, ending the
 * store's transactions, the columns of a cadre, the audit trail's JSON and
 * the message for a stale edit. No file outside src/core includes it; the
 * store's own state stays in its private store_internal.h.
 */
#ifndef CANBO_STORE_SQL_H
#define CANBO_STORE_SQL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "json.h"
#include "store.h"

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
/* Runs a statement that returns no rows once and finalizes it: CB_OK when
 * it ran, else the database error about `what`. A NULL statement is a
 * prepare that failed (store_prepare set err): CB_EDB. */
int store_run(store *s, sqlite3_stmt *st, const char *what, cb_error *err);
/* The integer of the first column of a one-row statement (a count, a
 * PRAGMA's value); fallback when it cannot be read. */
int64_t store_int(store *s, const char *sql, int64_t fallback);

/* Reads one result row of st into the element at row. */
typedef void (*store_row_fn)(sqlite3_stmt *st, void *row);

/* Steps the prepared and bound st to its end, reading each row with read
 * into a malloc'd array of size-byte elements, and finalizes st. CB_OK:
 * *out holds the array (NULL when there is no row) and *n its length.
 * Otherwise nothing is returned and err says why (out of memory, or the
 * store's message for `what`); st NULL means its prepare failed: CB_EDB,
 * err already filled. */
int store_rows(store *s, sqlite3_stmt *st, size_t size, store_row_fn read, void **out, size_t *n,
	       const char *what, cb_error *err);

/* True inside a transaction opened by store_begin. */
bool store_in_tx(const store *s);

/* What the search module keeps with each database handle: whether its SQL
 * functions are registered, and its thresholds (0 = the built-in ones;
 * tests set them to 1 to force each way of finding a window on a small
 * database). */
typedef struct search_state {
	int funcs; /* SQL functions of search_sql.c registered on the handle */
	int narrow_scope, broad_text;
	/* SQLite steps between two checks of a cancellable count */
	int stop_check_ops;
	/* SQLite steps a large unit scope's list may spend walking the order's
	 * index before it is read through the scope instead */
	int walk_budget;
	/* cadres of a large unit scope that may pass its filter (found on
	 * the index cadre_pack) from which its list walks the order's index
	 * rather than reading and sorting them (-1: never read through the
	 * set, as before it) */
	int pack_dense;
	/* whether such a list, when the set is too large to sort, walks the
	 * order's index testing each id against the set first (0: when the
	 * costs say so; -1: never, the walk reads every row as before it;
	 * 1: whenever the set is not read, for the tests) */
	int member_walk;
	/* whether a unit scope's list in name order tests each rank against
	 * the scope's ranks before reading its row (0: when the costs say
	 * so; -1: never; 1: always, for the tests) */
	int rank_walk;
	/* whether a list in name order within a unit scope is read through
	 * the search index matched on the scope's units, without measuring
	 * the scope first (0 or 1: when they are few enough; -1: never, the
	 * scope is measured and read its own way or against its ranks) */
	int place_walk;
	/* whether such a list's conditions on the yearly records are
	 * answered from the records a screen keeps in memory while they are
	 * current (0; -1: never, each cadre's records probed as before) */
	int records_kept;
	/* whether a walk against a set whose records are untested probes
	 * each id's records before its row is read (0: when the costs say
	 * so; -1: never, the row is read first as before; 1: always) */
	int probe_walk;
	/* windows read through such a set, walked against it, walked
	 * against the scope's ranks, and matched on the scope's units,
	 * counted for the tests */
	long pack_windows, member_windows, rank_windows, place_windows;
	/* windows whose set was tested on the kept records, and walks that
	 * probed each id's records first */
	long kept_windows, probe_windows;
	/* in unit or position order against a kept walk's set, the units
	 * where the set is few among many are read by id: units of at least
	 * this many cadres, the set fewer than one in this many (0:
	 * STATS_UNIT_FEW_*; the tests set less); and the windows whose rows
	 * merged those */
	int unit_few;
	long few_windows;
	/* windows read again because another process committed while their
	 * set, found in memory, was in use; and, for the tests, a call made
	 * once a window's set is chosen, before the window is read (another
	 * process commits there) */
	long stale_windows;
	/* in age, unit or position order, windows of a few ids read from
	 * those whose first key can fill them (search_cut.c: -1 never, as
	 * before it), and those of them read again from the whole set */
	int cut;
	long cut_windows, cut_misses;
	/* the most cadres a set found in memory names with their keys for
	 * such a cut (0: SEARCH_CUT_MEMBERS; the tests set less) */
	int cut_members;
	/* the last set found in memory, for the list's next window
	 * (search_set_cache.c; set_cache_off for the tests), and the windows
	 * that took it */
	struct search_set_cache *set_cache;
	bool set_cache_off;
	long set_hits;
	void (*set_chosen)(void *ctx);
	void *set_chosen_ctx;
} search_state;
search_state *store_search_state(store *s);
/* Frees what a connection's search keeps (store_close). */
void search_set_cache_free(struct search_set_cache *c);

/* Creates the cadre indexes if missing (skipped during a bulk build). */
int store_ensure_indexes(store *s, cb_error *err);

/* ---- cadre rows (store_cadre.c) ------------------------------------- */

/* The columns a cadre is read with, from `cadre c` and the joins of
 * CADRE_JOINS (u = its unit, p = the unit's parent, o = its organisation);
 * store_cadre_read() reads them starting at column col0. The district is
 * the tier-2 ancestor when the hierarchy has 3 tiers or more, the commune
 * the unit itself when it is of the deepest tier. */
#define CADRE_DEEP "(SELECT max(tier) FROM unit)"
#define CADRE_COLUMNS                                                                              \
	"c.id, c.version, c.full_name, c.birth_date, c.gender, c.ethnicity,"                       \
	" c.unit_id, coalesce(c.org_id, 0), c.position, c.pos_rank, c.level,"                      \
	" c.managed, c.is_head, c.committees, c.education, c.theory,"                              \
	" c.party_joined, c.notes, u.name, u.code,"                                                \
	" CASE WHEN " CADRE_DEEP " < 3 THEN NULL WHEN u.tier = 2 THEN u.name"                      \
	" WHEN u.tier = 3 THEN p.name END,"                                                        \
	" CASE WHEN " CADRE_DEEP " < 3 THEN NULL WHEN u.tier = 2 THEN u.code"                      \
	" WHEN u.tier = 3 THEN p.code END,"                                                        \
	" CASE WHEN u.tier = " CADRE_DEEP " THEN u.name END,"                                      \
	" o.name, coalesce(c.religion, 0), coalesce(c.academic_title, 0),"                         \
	" coalesce(c.general_education, 0), coalesce(c.state_management, 0),"                      \
	" coalesce(c.foreign_language, 0), coalesce(c.it_level, 0)"
#define CADRE_NCOLUMNS	30
#define CADRE_JOIN_UNIT " LEFT JOIN unit u ON u.id = c.unit_id"
#define CADRE_JOIN_REST                                                                            \
	" LEFT JOIN unit p ON p.id = u.parent_id"                                                  \
	" LEFT JOIN org o ON o.id = c.org_id"
#define CADRE_JOINS CADRE_JOIN_UNIT CADRE_JOIN_REST

void store_cadre_read(sqlite3_stmt *st, int col0, cadre *out);

/* ---- JSON objects for the audit trail (json.h) --------------------- *
 * The store's files say store_json_*; they are canbo's one JSON writer. */

typedef json_buf store_json;
#define store_json_begin  json_begin /* "{" */
#define store_json_key	  json_key
#define store_json_string json_string /* a quoted value */
#define store_json_raw	  json_raw    /* verbatim */
#define store_json_str	  json_str
#define store_json_int	  json_int
#define store_json_bool	  json_bool
#define store_json_end	  json_end /* the malloc'd text, NULL if out of memory */

/* Explains why an update or delete of table/id changed nothing: the row
 * is gone (exists=false: CB_NOT_FOUND) or was saved by someone else since
 * it was read (CB_ESTALE); names who and when from the audit trail. */
int store_stale(store *s, const char *table, int64_t id, bool exists, cb_error *err);

/* ---- the recording of changes for export (store_sync.c, sync.h) ---- */

/* Whether rows of a table travel between offices (not the configuration's
 * units, the trash, drafts, indexes or the sync tables themselves): the
 * store records the writes to these once the office has exported. */
bool store_table_travels(const char *name);
/* Stops (true) or resumes the recording of s's writes; returns what it
 * was, to be given back. Applying other offices' changes and the export's
 * own bookkeeping are not recorded. */
bool store_sync_mute(store *s, bool mute);
/* The office has made its first export: its writes are recorded from now
 * on. */
void store_sync_recording(store *s);

/* Sets (grade 1..4), changes or clears (grade 0) the rating of a cadre
 * (org=false) or an organisation for a year; own transaction, audited. */
int store_rating_put(store *s, bool org, int64_t owner, int year, int grade, cb_error *err);

#endif
