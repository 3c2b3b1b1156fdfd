/* plans_internal.h - what the files of the plans (plans*.c) share; not
 * for other modules (the self-check's writes use plans_write.h).
 *
 * The SQL fragments below are the one definition of the derived statuses
 * in SQL; plans_item_status() is the same rule in C. Dates are ISO text,
 * so comparing them as text compares them as dates.
 */
#ifndef CANBO_PLANS_INTERNAL_H
#define CANBO_PLANS_INTERNAL_H

#include <sqlite3.h>

#include "plans.h"
#include "plans_write.h"

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

extern const plans_table plans_plan_table;

/* Inserts a plan row and its audit row (inside the caller's transaction). */
int plans_insert_row(store *s, plan *p, cb_error *err);
/* Binds ?1 = q->ref and ?2..?7 = year, unit_lo, unit_hi, cadre_id, org_id,
 * org_members (as many as the statement has). */
void plans_bind_query(store *s, sqlite3_stmt *st, const plans_query *q);

#endif
