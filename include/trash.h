/* trash.h - deletes that can be undone.
 *
 * Deleting a record (a cadre, an organisation, a plan, an item, a progress
 * note, a rating, a training, a planning entry, a self-check) moves it to
 * the trash together with every row that depends on it: the rows whose
 * foreign keys cascade from it, found from the schema itself, so a table
 * added later is followed without a change here. They leave the live
 * tables in the same transaction, so lists, counts, breakdowns, targets
 * and the search index stop showing them at once.
 *
 * A delete is refused (CB_EINVALID, nothing changed) when a row outside
 * the set still refers to one inside it without cascading (a cadre
 * attached to an organisation being deleted, an item carried forward into
 * another owner's plan): the message says what to move first.
 *
 * trash_restore puts every row back with its own id and values (parents
 * first, the search index updated); if something saved since conflicts
 * (the same id, a rating for the same year, a parent that is itself in the
 * trash) it restores nothing and says which row and why. trash_purge
 * removes an entry for good. Every row removed, restored or purged gets an
 * audit row ("delete" with its old values, "restore" with its values,
 * "purge" with its old values).
 *
 * Each call is one transaction (nested in the caller's, if one is open).
 * Rights are the caller's business: the edit right is needed for all
 * three.
 */
#ifndef CANBO_TRASH_H
#define CANBO_TRASH_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "store.h"

#define TRASH_KINDS_MAX	  16
#define TRASH_SUMMARY_MAX 256

typedef struct trash_count {
	char table[32];
	long n;
} trash_count;

/* What deleting one record takes with it. */
typedef struct trash_effect {
	char table[32];
	int64_t id;
	char summary[TRASH_SUMMARY_MAX];   /* the record's name or short text */
	trash_count deps[TRASH_KINDS_MAX]; /* dependents by table (root excluded) */
	size_t ndeps;
	long rows; /* every row, the record included */
	/* rows outside that refer to the set and keep it from going */
	trash_count blockers[TRASH_KINDS_MAX];
	size_t nblockers;
} trash_effect;

/* Counts what deleting table/id would remove (no change made).
 * CB_NOT_FOUND when the record does not exist; CB_EINVALID for a table
 * that is not a kind of record. */
int trash_effect_of(store *s, const char *table, int64_t id, trash_effect *out, cb_error *err);

/* The dependents as words, "2 kế hoạch, 3 nội dung khắc phục" in the UI
 * language; "" when there are none. */
void trash_effect_text(const trash_effect *e, char *buf, size_t cap);

/* "2 kế hoạch, 3 nội dung khắc phục" from a count list (deps or blockers). */
void trash_counts_text(const trash_count *list, size_t len, char *buf, size_t cap);

/* The whole delete question: "Delete NAME with 2 plans, ...? It goes to
 * the trash and can be restored." name NULL = the effect's summary. */
void trash_effect_question(const trash_effect *e, const char *name, char *buf, size_t cap);

/* Moves table/id and its dependents to the trash. version > 0: only if the
 * record is still at that version (else CB_ESTALE, or CB_NOT_FOUND when it
 * is gone). *trash_id (may be NULL) gets the new trash entry. */
int trash_delete(store *s, const char *table, int64_t id, int64_t version, int64_t *trash_id,
		 cb_error *err);

/* Puts a trash entry's rows back and drops the entry. */
int trash_restore(store *s, int64_t trash_id, cb_error *err);

/* Removes a trash entry for good. */
int trash_purge(store *s, int64_t trash_id, cb_error *err);

/* Purges every entry deleted more than `days` days ago (days >= 0);
 * *purged (may be NULL) gets how many. */
int trash_purge_older(store *s, int days, long *purged, cb_error *err);

typedef struct trash_entry {
	int64_t id;
	char at[24]; /* YYYY-MM-DD HH:MM:SS UTC */
	char user[64];
	char table[32];
	int64_t row_id;
	char summary[TRASH_SUMMARY_MAX];
	char contents[512]; /* the dependents, as trash_effect_text */
	long rows;
} trash_entry;

/* The trash, newest first; *out malloc'd (free()). */
int trash_list(store *s, trash_entry **out, size_t *n, cb_error *err);

/* One trash entry (CB_NOT_FOUND if there is none with that id). */
int trash_get(store *s, int64_t trash_id, trash_entry *out, cb_error *err);

/* The kind of record stored in a table, translated ("Cán bộ"); the table
 * name itself for an unknown table. */
const char *trash_kind_label(const char *table);

/* "3 kế hoạch": a count of rows of a table, translated. */
void trash_count_text(const char *table, long n, char *buf, size_t cap);

#endif
