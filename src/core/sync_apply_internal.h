/* sync_apply_internal.h - the parts of applying a file (sync_apply.c,
 * sync_rewrite.c). */
#ifndef CANBO_SYNC_APPLY_INTERNAL_H
#define CANBO_SYNC_APPLY_INTERNAL_H

#include "sync_internal.h"

typedef struct sync_conflict_found {
	int table;
	int64_t local_id;
	const char *kind;
	char *theirs, *ours;
} sync_conflict_found;

typedef struct apply_ctx {
	store *s;
	sync_schema sc;
	sync_file f;
	const sync_unit_map *map;
	int64_t *unit_local; /* per f.units (sorted by remote id): ours, 0 = unknown */
	int64_t *next_id;    /* per table: the next id of ours to give, 0 = not read */
	int64_t *first_new;  /* per table: ids from here on are this file's */
	sync_buf *del, *put; /* per table: its deletes; its inserts and updates */
	sync_conflict_found *conflicts;
	size_t nconflicts, capconflicts;
	char (*missing_units)[16];
	size_t nmissing;
	bool cadres_renamed; /* the list order or the search index must be rebuilt */
	size_t changes;
	bool fk_broken;
	bool merging;	       /* canbo merge: duplicates are looked for */
	sync_apply_info *info; /* where they go */
	/* rows this file inserts again under ids they had (a restore from
	 * the office's trash): (table, id) pairs, sorted */
	int64_t (*again)[2];
	size_t nagain;
	/* statements run for every change, prepared once */
	sqlite3_stmt *map_get, *map_put, *audit;
} apply_ctx;

/* Finalizes the statements kept in c. */
void sync_apply_finalize(apply_ctx *c);
/* Pass 1: gives each row the file inserts an id of ours (sync_map). */
int sync_rewrite_ids(apply_ctx *c, cb_error *err);
/* Pass 2: every change in our ids into c->del / c->put, the office's
 * audit rows into sync_audit, changes that cannot apply into conflicts. */
int sync_rewrite(apply_ctx *c, cb_error *err);
/* The conflict handler given to sqlite3changeset_apply_v2. */
int sync_on_conflict(void *ctx, int kind, sqlite3_changeset_iter *it);
/* Keeps a conflict (theirs/ours: malloc'd JSON, taken over). */
int sync_conflict_add(apply_ctx *c, int table, int64_t local_id, const char *kind, char *theirs,
		      char *ours);

#endif
