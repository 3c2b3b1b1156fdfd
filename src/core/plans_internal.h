/* plans_internal.h - what plans.c, plans_report.c and selfcheck.c share;
 * not for other modules.
 *
 * The SQL fragments below are the one definition of the derived statuses
 * in SQL; plans_item_status() is the same rule in C. Dates are ISO text,
 * so comparing them as text compares them as dates.
 */
#ifndef CANBO_PLANS_INTERNAL_H
#define CANBO_PLANS_INTERNAL_H

#include <sqlite3.h>

#include "plans.h"

#define PLANS_YEAR_MIN 2000

/* Item alias i has been copied into a later plan. */
#define PLANS_SQL_CARRIED(i) "EXISTS(SELECT 1 FROM plan_item k WHERE k.carried_from = " i ".id)"

/* Item alias i is overdue at the ISO date expression ref: not remedied,
 * not carried, and its deadline strictly before ref. */
#define PLANS_SQL_OVERDUE(i, ref)                                                                  \
	"(" i ".state <> 2 AND " i ".deadline <> '' AND " i ".deadline < " ref                     \
	" AND NOT " PLANS_SQL_CARRIED(i) ")"

/* The id of the district (tier-2 unit) of unit alias u; NULL above it. */
#define PLANS_SQL_DISTRICT(u)                                                                      \
	"(CASE " u ".tier WHEN 2 THEN " u ".id WHEN 3 THEN " u ".parent_id"                        \
	" WHEN 4 THEN (SELECT x.parent_id FROM unit x WHERE x.id = " u ".parent_id) END)"

/* A kind of row the versioned writes act on. The carried fields are NULL
 * for a kind that is never deleted. */
typedef struct plans_table {
	const char *name;	 /* table name, in the audit trail */
	const char *json_sql;	 /* one row as JSON (?1 = id) */
	const char *exists_sql;	 /* count(*) of row ?1 */
	const char *carried_sql; /* count of its copies in later plans */
	const char *carried_msg; /* msgid: why such a row is not deleted */
} plans_table;

extern const plans_table plans_plan_table;

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
/* Inserts a plan row and its audit row (inside the caller's transaction). */
int plans_insert_row(store *s, plan *p, cb_error *err);
/* Binds ?1 = q->ref and ?2..?7 = year, unit_lo, unit_hi, cadre_id, org_id,
 * org_members (as many as the statement has). */
void plans_bind_query(store *s, sqlite3_stmt *st, const plans_query *q);

#endif
