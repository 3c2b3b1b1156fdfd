/* trash_internal.h - what the trash's own files share; not for other
 * modules. */
#ifndef CANBO_TRASH_INTERNAL_H
#define CANBO_TRASH_INTERNAL_H

#include <stdbool.h>

#include "search_index.h"
#include "store_sql.h"
#include "trash.h"

/* A row of the set being moved: its table and rowid, and (once read)
 * its JSON. */
typedef struct trash_node {
	char table[32];
	int64_t id;
	char *json;
} trash_node;

/* A record and every row that cascades from it, parents first. */
typedef struct trash_set {
	trash_node *v;
	size_t n, cap;
	trash_count blockers[TRASH_KINDS_MAX];
	size_t nblockers;
} trash_set;

/* Whether table holds a kind of record that may be deleted. */
bool trash_is_kind(const char *table);

/* Collects table/id (which must exist) and its dependents into set. */
int trash_collect(store *s, const char *table, int64_t id, trash_set *set, cb_error *err);
void trash_set_free(trash_set *set);

/* Adds n rows of table to a count list (at most TRASH_KINDS_MAX tables). */
void trash_count_add(trash_count *list, size_t *len, const char *table, long n);

/* The record's name or short text, for the trash list and questions. */
int trash_summary(store *s, const char *table, int64_t id, char *buf, size_t cap, cb_error *err);

/* One row as a JSON object of its columns in table order (blobs as
 * {"hex": "..."}); malloc'd. */
int trash_row_json(store *s, const char *table, int64_t id, char **out, cb_error *err);

/* "table" quoted as an SQL identifier into buf. */
void trash_quote(const char *name, char *buf, size_t cap);

/* The unit a row belongs to (0 when none can be found), and whether the
 * user's scope covers it (a row of no unit: province-level users only). */
int trash_row_unit(store *s, const char *table, int64_t id, int64_t *unit, cb_error *err);
int trash_check_unit(store *s, int64_t unit, cb_error *err);

#endif
