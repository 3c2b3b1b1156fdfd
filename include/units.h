/* units.h - the life of administrative units: when a unit ends (a reform
 * merges communes and abolishes districts) and which unit takes its
 * cadres and party organisations.
 *
 * A unit the configuration no longer has (the same code at the same tier
 * under the same parent) ends. While it still holds records, the store
 * refuses to drop it at start (store_sync_units) and store_units_migrate
 * moves them, all or nothing, to the successors a map names. An ended unit
 * stays in the database for the years it existed; when a new unit takes
 * its code, the ended one is kept as "CODE@YYYYMMDD" (its code and the day
 * it ended). Every cadre or organisation moved keeps in unit_history the
 * unit it was in until the move, so that a report as of an earlier date
 * counts it where it was then (cadre_filter.units_on, filter.h).
 */
#ifndef CANBO_UNITS_H
#define CANBO_UNITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "access.h"
#include "config.h"
#include "date.h"
#include "error.h"
#include "filter.h"
#include "store.h"

/* Old unit code -> new unit code, as read from the map file. */
typedef struct unit_map_entry {
	char from[16], to[16];
	int line; /* in the file, for messages */
} unit_map_entry;

typedef struct unit_map {
	unit_map_entry *e;
	size_t n;
} unit_map;

/* Reads a map: CSV lines "old code,new code" (',' or ';'; further columns
 * such as names are for the reader; lines starting with '#' are comments;
 * a first line that does not start with a digit is a header). CB_EINVALID naming the file and line
 * when a line is not such a pair or an old code is given twice. */
int unit_map_read(const char *path, unit_map *m, cb_error *err);
/* Parses the text of a map file (unit_map_read's work, for tests). */
int unit_map_parse(const char *text, const char *path, unit_map *m, cb_error *err);
void unit_map_free(unit_map *m);

/* One unit that ends: in the database and in force, but not in the
 * configuration as it is there. */
typedef struct unit_leaving {
	unit_row unit;
	int64_t cadres, orgs; /* records still in it */
	char successor[16];   /* the map's new code, "" = unmapped */
} unit_leaving;

typedef struct units_migrate_info {
	unit_leaving *leaving; /* malloc'd */
	size_t nleaving;
	size_t unmapped;      /* leaving units with records and no successor */
	int64_t cadres, orgs; /* moved */
	int64_t appointments; /* open posts moved with their cadres */
	size_t units_added;   /* units of the configuration created */
} units_migrate_info;

void units_migrate_info_free(units_migrate_info *info);

/* The reform: in one transaction, ends every unit the configuration no
 * longer has on `effective` (the first day of the new units, which come
 * into force that day), records each one's successor from the map, moves
 * the cadres (with their open posts) and organisations of ended units to
 * their successors, writing unit_history, and audits every changed row.
 * Refused with nothing changed: a unit with records not mapped (CB_EINVALID,
 * info->leaving lists every ending unit, unmapped ones with successor ""),
 * a map line naming a unit that does not end or a successor that is not a
 * unit of the configuration (CB_EINVALID), an ending unit or successor
 * outside the reader's scope sc (CB_EACCESS; sc NULL = no limit).
 * dry_run: everything is done and counted, then rolled back. */
int store_units_migrate(store *s, const cfg *c, const access_scope *sc, const unit_map *map,
			cb_date effective, bool dry_run, units_migrate_info *info, cb_error *err);

/* The units in force, or every unit (include_ended) in tree order: a
 * malloc'd array. */
int store_units_list(store *s, bool include_ended, unit_row **out, size_t *n, cb_error *err);

/* The unit with this code in force on `on` (an ended unit's code, or
 * "CODE@YYYYMMDD"); CB_NOT_FOUND when none. */
int store_unit_on(store *s, const char *code, cb_date on, unit_row *out, cb_error *err);

/* Prepares f for counting by the units of f->units_on (or of f->as_of
 * when units_on is CB_DATE_NONE): sets f->unit_history when some cadre was
 * moved out of a unit after that date, so that filter_build counts each
 * cadre in the unit it was in then. */
int store_filter_units(store *s, cadre_filter *f, cb_error *err);

#endif
