/* plans_write.h - the versioned, audited write of one row, shared by the
 * action plans (plans*.c) and the self-checks (selfcheck.c): a row kind
 * described once (plans_table), its JSON snapshot in the audit trail, the
 * version check that refuses a stale save, the move to the trash, and the
 * checks of the text and dates a user typed.
 */
#ifndef CANBO_PLANS_WRITE_H
#define CANBO_PLANS_WRITE_H

#include <sqlite3.h>

#include "plans.h"

/* The first year a plan or a self-check may be of. */
#define PLANS_YEAR_MIN 2000

/* A kind of row the versioned writes act on. The carried fields are NULL
 * for a kind that is never deleted. */
typedef struct plans_table {
	const char *name;	 /* table name, in the audit trail */
	const char *json_sql;	 /* one row as JSON (?1 = id) */
	const char *exists_sql;	 /* count(*) of row ?1 */
	const char *carried_sql; /* count of its copies in later plans */
	const char *carried_msg; /* msgid: why such a row is not deleted */
} plans_table;

/* A one-row JSON snapshot (sql has one parameter: the id); NULL if none. */
int plans_snapshot(store *s, const char *sql, int64_t id, char **out, cb_error *err);
/* Audit row of a change, snapshotting the new row with snap_sql. */
int plans_audit(store *s, const char *table, int64_t id, const char *action, const char *old,
		const char *snap_sql, cb_error *err);
/* Statements with integer parameters only. */
int plans_exec_ids(store *s, const char *sql, const int64_t *ids, int n, const char *what,
		   cb_error *err);
int plans_query_int(store *s, const char *sql, const int64_t *ids, int n, int64_t *out,
		    cb_error *err);
/* CB_ESTALE or CB_NOT_FOUND after a versioned write changed nothing. */
int plans_stale(store *s, const char *exists_sql, int64_t id, cb_error *err);
/* A versioned UPDATE of row id of t, inside the caller's transaction:
 * _prepare keeps the row's snapshot in *old and prepares sql into *st for
 * the caller to bind; _run steps it, says why when it changed nothing,
 * audits the change against old, finalizes st and frees old. */
int plans_update_prepare(store *s, const plans_table *t, int64_t id, const char *sql,
			 sqlite3_stmt **st, char **old, cb_error *err);
int plans_update_run(store *s, const plans_table *t, int64_t id, sqlite3_stmt *st, char *old,
		     const char *what, cb_error *err);
/* Moves row id of t at version to the trash with what hangs from it, in
 * its own transaction; refused while copies of it live in a later plan. */
int plans_delete_row(store *s, const plans_table *t, int64_t id, int64_t version, cb_error *err);
/* Field validation: normalise text in place / parse a date into ISO. */
int plans_take_text(char *buf, size_t cap, bool required, bool newlines, const char *field,
		    cb_error *err);
int plans_take_date(char *buf, bool required, const char *field, cb_date *out, cb_error *err);

#endif
