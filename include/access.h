/* access.h - who may see which part of the province, decided once.
 *
 * A Unix user's scope is the set of districts whose [access] read list
 * (or the province's, see config_user_may) lets them in, plus the
 * province's own units when the province's list does. The scope is
 * resolved once, when the application opens (app_open), into the one
 * unit subtree the session works in: the whole province for a
 * province-level user, else the district (or unit) chosen with
 * --district inside the scope, else the user's only district. --district
 * narrows and never widens: naming a unit outside the scope is refused
 * with CB_EACCESS before any data is read.
 *
 * The store then holds that subtree (store_set_scope) and every core read
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
#include "store.h"

typedef struct access_scope {
	bool province;   /* the whole province: its own units and every district */
	bool own_units;  /* the province's own units (those in no district) */
	size_t count;    /* districts covered */
	bool *covers;    /* [cfg.district_count]: district i covered; malloc'd */
	/* the subtree the session works in, within the scope: */
	const cfg_district *office; /* its district file, NULL = none */
	char unit_code[CFG_CODE_MAX]; /* its unit, "" = the whole province */
} access_scope;

/* Resolves user's scope in c and the subtree to work in: `wanted` is
 * --district (NULL or "" = none). CB_EACCESS when wanted lies outside the
 * scope, when the user may read nothing, or when the scope holds several
 * districts and none was chosen; CB_EUSAGE for an unknown code. */
int access_scope_resolve(const cfg *c, const char *user, const char *wanted,
			 access_scope *out, cb_error *err);
void access_scope_free(access_scope *s);

/* Whether district d (NULL = the province's own units) is in the scope. */
bool access_scope_covers(const access_scope *s, const cfg *c, const cfg_district *d);

/* ---- the store's side (store_scope.c) ------------------------------- */

/* Limits every later read and write of s to the unit subtree lo..hi
 * (pre-order positions, unit_row.lo/hi). */
void store_set_scope(store *s, int64_t lo, int64_t hi);
/* Whether a scope is set; *lo, *hi receive it (may be NULL). */
bool store_scoped(const store *s, int64_t *lo, int64_t *hi);
/* Narrows the interval *lo..*hi (0,0 = everything) to the scope. Returns
 * false, with the empty interval 1..0, when they share nothing. */
bool store_scope_clamp(const store *s, int64_t *lo, int64_t *hi);
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
