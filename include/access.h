/* access.h - who may see which part of the province, decided once.
 *
 * A Unix user's scope is, first, the set of districts whose [access] read
 * list (or the province's, see config_user_may) lets them in, plus the
 * province's own units when the province's list does. When [scope] names
 * the user (config_user_scope), it narrows that to the union of the
 * districts, communes and party organisations listed for them. The scope
 * is resolved once, when the application opens (app_open): the whole of
 * it, or the part of it below the unit chosen with --district. --district
 * narrows and never widens: naming a unit outside the scope is refused
 * with CB_EACCESS before any data is read.
 *
 * The store then holds the scope (store_scope_from) and every core read
 * and write checks it: lists, counts, breakdowns, targets, plans,
 * self-checks, records and their history. A row outside it is refused
 * with CB_EACCESS; a count outside it is never made.
 */
#ifndef CANBO_ACCESS_H
#define CANBO_ACCESS_H

#include <stdbool.h>
#include <stdint.h>

#include "config.h"
#include "error.h"
#include "filter.h"
#include "store.h"

typedef struct access_scope {
	bool province;	/* the whole province: its own units and every district */
	bool own_units; /* the province's own units (those in no district) */
	size_t count;	/* districts covered (wholly or in part) */
	bool *covers;	/* [cfg.district_count]: district i covered; malloc'd */
	bool limited;	/* [scope] names the user */
	/* [cfg.unit_count]: the units whose rows are in the scope, and those
	 * whose district the user may read (an organisation's rows count only
	 * there); after --district, both only below the chosen unit */
	bool *units, *readable;
	long long *orgs; /* organisations in the scope ([scope] org.N) */
	size_t org_count;
	/* the subtree the session works in, within the scope: */
	const cfg_district *office;   /* its district file, NULL = none */
	char unit_code[CFG_CODE_MAX]; /* its unit, "" = all of the scope */
} access_scope;

/* Resolves user's scope in c and the part to work in: `wanted` is
 * --district (NULL or "" = the whole scope). CB_EACCESS when wanted lies
 * outside the scope or when the user may read nothing; CB_EUSAGE for an
 * unknown code. */
int access_scope_resolve(const cfg *c, const char *user, const char *wanted, access_scope *out,
			 cb_error *err);
void access_scope_free(access_scope *s);

/* Whether district d (NULL = the province's own units) is in the scope,
 * wholly or in part. */
bool access_scope_covers(const access_scope *s, const cfg *c, const cfg_district *d);
/* Whether configured unit index `unit` is in the scope. */
bool access_scope_has_unit(const access_scope *s, int unit);

/* ---- the store's side (store_scope.c) ------------------------------- */

/* Limits every later read and write of s to the unit subtree lo..hi
 * (pre-order positions, unit_row.lo/hi). */
void store_set_scope(store *s, int64_t lo, int64_t hi);
/* Limits s to the scope sc resolved in c: the union of its units and
 * organisations. Nothing is limited for a province-level scope. */
int store_scope_from(store *s, const cfg *c, const access_scope *sc, cb_error *err);
/* Whether a scope is set; *lo, *hi receive the interval that bounds it
 * (may be NULL). */
bool store_scoped(const store *s, int64_t *lo, int64_t *hi);
/* Narrows the interval *lo..*hi (0,0 = everything) to the bounds of the
 * scope. Returns false, with the empty interval 1..0, when they share
 * nothing. A scope of several subtrees has holes inside its bounds: SQL
 * filters them with in_scope(unit.lo, org_id) (store_scope.c), which every
 * scoped query calls next to its interval. */
bool store_scope_clamp(const store *s, int64_t *lo, int64_t *hi);
/* store_scope_clamp on a filter's units, and notes whether the scope
 * holds organisations (cadre_filter.scope_orgs). */
void store_scope_filter(const store *s, cadre_filter *f);
/* The SQL conditions of the cadres of units lo..hi (0,0 = everywhere) as
 * of a date, within the reader's scope: what a sheet lists. */
int store_scope_units_sql(const store *s, int64_t lo, int64_t hi, cb_date as_of, filter_sql *fs,
			  cb_error *err);
/* Whether a row of the unit at pre-order position lo, of organisation org
 * (0 = none), lies in the scope. */
bool store_scope_has(const store *s, int64_t lo, int64_t org);
/* Whether any unit at a position in lo..hi may have rows in the scope
 * (always, when no scope is set). */
bool store_scope_touches(const store *s, int64_t lo, int64_t hi);
/* Changes whenever a scope is set or cleared, on any store of the process:
 * what was read through in_scope() before may no longer hold. */
unsigned long store_scope_generation(void);
/* Registers in_scope() on s's connection (store_open does). */
int store_scope_register(store *s, cb_error *err);
/* CB_OK when the unit, cadre, organisation or plan lies in the scope (or
 * does not exist: the caller reports that), else CB_EACCESS with a
 * message. */
int store_scope_unit(store *s, int64_t unit_id, cb_error *err);
int store_scope_unit_code(store *s, const char *code, cb_error *err);
int store_scope_cadre(store *s, int64_t cadre_id, cb_error *err);
int store_scope_org(store *s, int64_t org_id, cb_error *err);
int store_scope_plan(store *s, int64_t plan_id, cb_error *err);
int store_scope_item(store *s, int64_t item_id, cb_error *err);
/* CB_OK for a province-level reader; else CB_EACCESS: figures of every
 * district side by side are not for a reader held to a part. */
int store_scope_province(store *s, cb_error *err);

#endif
