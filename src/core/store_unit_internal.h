/* store_unit_internal.h - what the unit table's files share (the
 * configuration's units in the store, the reform). */
#ifndef CANBO_STORE_UNIT_INTERNAL_H
#define CANBO_STORE_UNIT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "date.h"
#include "error.h"
#include "store.h"

/* A stored unit as the numbering sees it. */
typedef struct stored_unit {
	int64_t id, parent_id, lo, hi;
	int64_t nlo, nhi; /* the numbering it should have */
	char code[32], name[128], kind[32];
	int tier;
	bool ended;
	int cfg; /* index of the configured unit it is, -1 = none */
} stored_unit;

/* The configured unit with this code, -1 = none. */
int stored_cfg_index(const cfg *c, const char *code);

/* Every stored unit, by id, each matched to the configuration. */
int stored_units_load(store *s, const cfg *c, stored_unit **out, size_t *n, cb_error *err);
const stored_unit *stored_unit_find(const stored_unit *u, size_t n, int64_t id);

/* The units in force that the configuration no longer has (units.h), in
 * tree order, with the cadres and organisations in each (counts[2i],
 * counts[2i+1]); both arrays malloc'd. */
int stored_units_leaving(store *s, const cfg *c, unit_row **out, int64_t **counts, size_t *n,
			 cb_error *err);

/* Inside a transaction: ends one unit on `ended` (audited; its code
 * becomes CODE@YYYYMMDD when the configuration gives the code to another). */
int stored_units_end(store *s, const cfg *c, const unit_row *u, cb_date ended, cb_error *err);

/* Inside a transaction: ends the leaving units, writes the configured
 * ones (new ones in force from valid_from; *added counts them when not
 * NULL) and renumbers every unit. */
int stored_units_reshape(store *s, const cfg *c, const unit_row *leaving, size_t n, cb_date ended,
			 const char *valid_from, size_t *added, cb_error *err);

/* Inside a transaction: the pre-order numbering of every unit. */
int stored_units_renumber(store *s, const cfg *c, cb_error *err);

#endif
