/* sync.h - one province from many offices: each office sends what it
 * changed, the province applies it, with SQLite's session extension.
 *
 * Identity. Row ids are an office's own: two offices both have cadre 17.
 * A record's identity is its uid when set, else "OFFICE:ID" (the office's
 * code and the row's id there), which no other office can produce. A row
 * arriving from another office keeps the identity it was born with in its
 * uid, and the province keeps which of its ids each office's id became
 * (sync_map), so that the office's later changes and references resolve.
 *
 * Recording. Once an office has exported, every write transaction of the
 * store (store_begin .. store_commit) runs under a session; its changeset
 * is kept in sync_outbox in the same transaction. The first export is the
 * whole database (every row as an insert); each later one combines the
 * outbox with a changegroup. A file carries the office's code, its
 * sequence number, the office's unit codes (units are the configuration's,
 * matched by code) and a SHA-256 of its contents.
 *
 * Applying. Files of an office apply in sequence order, each once (a file
 * applied before is skipped and changes nothing), each in one transaction
 * (nothing half-applied). The changeset is rewritten in the province's
 * ids and applied with sqlite3changeset_apply_v2: a row changed at both
 * ends, deleted here and changed there, or changed here and deleted there
 * is left as the province has it and kept in sync_conflict for a person;
 * nothing is overwritten silently. The office's audit rows are kept in
 * sync_audit under its code. The user's scope holds (access.h): one held
 * to some districts sends only a database that holds nothing beyond them,
 * applies only an office whose cadres and organisations are within them,
 * and does not see the conflicts (they show every office's records).
 */
#ifndef CANBO_SYNC_H
#define CANBO_SYNC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "store.h"

#define SYNC_OFFICE_MAX 32
#define SYNC_HASH_HEX	65

/* Where an export's bytes go before its transaction commits: returns 0 on
 * success; non-zero rolls the export back. */
typedef int (*sync_sink)(const void *data, size_t n, void *ctx);

typedef struct sync_export_info {
	char office[SYNC_OFFICE_MAX];
	int64_t seq;
	bool snapshot;	/* the office's first file: its whole database */
	size_t changes; /* rows in the changeset */
	size_t bytes;	/* of the whole file */
	char hash[SYNC_HASH_HEX];
} sync_export_info;

/* Writes the office's changes since its last export to sink and, when the
 * sink took them, counts the export. office: the office's code as the user
 * gave it (later exports must name the same office, or NULL); fallback:
 * the code taken at the first export when office is NULL (the district's
 * or the province's). CB_NOT_FOUND (nothing written) when there is
 * nothing new. */
int sync_export(store *s, const char *office, const char *fallback, sync_sink sink, void *ctx,
		sync_export_info *info, cb_error *err);

/* Unit codes of the sending office replaced by this office's (canbo merge
 * and the 2025 reform); NULL = codes are the same at both ends. */
typedef struct sync_unit_map {
	char (*from)[16], (*to)[16];
	size_t n;
} sync_unit_map;

/* A cadre brought in who was here already: same name and birth date. */
typedef struct sync_duplicate {
	int64_t id, here_id; /* the cadre brought in, the one already here */
	char full_name[128];
	char birth_date[11];
} sync_duplicate;

typedef struct sync_apply_info {
	char office[SYNC_OFFICE_MAX];
	int64_t seq;
	bool already;	      /* applied before: nothing done */
	size_t changes;	      /* rows applied */
	size_t conflicts;     /* kept in sync_conflict (duplicates included) */
	sync_duplicate *dups; /* sync_merge: malloc'd, free() it */
	size_t ndups;
} sync_apply_info;

/* Applies one file's bytes (as sync_export wrote them). Refused with
 * nothing changed: a damaged file, an office's own file, a gap in the
 * sequence, units unknown here, a limited scope. */
int sync_apply(store *s, const void *data, size_t n, const sync_unit_map *map,
	       sync_apply_info *info, cb_error *err);

/* canbo merge: another database (another province's) brought in whole,
 * as if it were an office's first file: its rows keep their identities
 * (born there: "OFFICE:ID"), its unit codes go through map. Cadres who
 * were here already (same name and birth date) are listed in info->dups
 * and kept as conflicts of kind "duplicate". other is only read. dry_run:
 * everything is done and checked, then rolled back. */
int sync_merge(store *s, store *other, const char *office, const sync_unit_map *map, bool dry_run,
	       sync_apply_info *info, cb_error *err);

/* Reads the header of a file: office and sequence (to order files). */
int sync_peek(const void *data, size_t n, char office[SYNC_OFFICE_MAX], int64_t *seq,
	      cb_error *err);

/* ---- status --------------------------------------------------------- */

typedef struct sync_office_row {
	char office[SYNC_OFFICE_MAX];
	int64_t seq;	 /* last applied (or, for this office, exported) */
	char at[24];	 /* when */
	int64_t changes; /* rows applied in all its files */
	int64_t open_conflicts;
	bool self;	 /* this office: seq is its last export */
	int64_t pending; /* self: writes not exported yet */
} sync_office_row;

int sync_status(store *s, sync_office_row **out, size_t *n, cb_error *err);

typedef struct sync_conflict_row {
	int64_t id;
	char office[SYNC_OFFICE_MAX];
	int64_t seq;
	char table[32];
	int64_t local_id;
	char kind[16]; /* "changed", "deleted-here", "deleted-there", "missing-ref", "constraint" */
	char *theirs, *ours; /* JSON of the values, malloc'd (may be NULL) */
} sync_conflict_row;

int sync_conflicts(store *s, sync_conflict_row **out, size_t *n, cb_error *err);
void sync_conflicts_free(sync_conflict_row *rows, size_t n);
/* Marks a conflict resolved by the current user (the person has made the
 * record right by hand). CB_NOT_FOUND when there is no such open one. */
int sync_conflict_resolve(store *s, int64_t id, cb_error *err);

#endif
