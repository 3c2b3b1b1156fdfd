/* store.h - the SQLite database of one office: schema, migrations, the
 * cadre record and its satellites, audit trail, drafts.
 *
 * Guarantees: WAL journal, foreign keys on, a busy timeout; every change is
 * one BEGIN IMMEDIATE transaction that also writes its audit row; every
 * editable row carries a version, and an update or delete names the version
 * it was read at, so a stale edit fails with CB_ESTALE instead of silently
 * overwriting someone else's save. Prepared statements only.
 * No other module outside src/core issues SQL.
 */
#ifndef CANBO_STORE_H
#define CANBO_STORE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <sqlite3.h>

#include "config.h"
#include "date.h"
#include "error.h"

#define STORE_SCHEMA_VERSION 17

typedef struct store store;

enum store_open_flags {
	STORE_CREATE = 1,   /* create the file if missing */
	STORE_READONLY = 2, /* lookups only */
	STORE_BULK = 4,	    /* fresh build: synchronous=OFF, 16 KiB pages */
};

/* Opens (and migrates forward) the database. The handle knows the
 * collation VI (Vietnamese alphabetical order, as text_compare): queries
 * order names with "ORDER BY name COLLATE VI". */
int store_open(store **out, const char *path, int flags, cb_error *err);
void store_close(store *s);

/* Said before the first store_open by a process that only looks a few
 * rows up (find, show): SQLite's pages then go to one block on a huge
 * page, one page fault for all of them (store_pages.c). Not for a process
 * that reads or writes much (a count, an import, the interface): once the
 * block is full SQLite recycles its pages rather than let its cache grow,
 * and an import into a large database took twice as long under the write
 * lock. */
void store_expect_lookups(void);
int store_schema_version(store *s);

/* Applies migrations 1..target only (tests build old databases with it). */
int store_migrate_to(store *s, int target, cb_error *err);

/* Makes the unit table match the configuration (insert new units, rename
 * changed ones); one transaction. Safe to call at every start. */
int store_sync_units(store *s, const cfg *c, cb_error *err);

/* The raw handle, for core modules (stats, plans, search) only. */
sqlite3 *store_db(store *s);

/* The Unix user recorded in the audit trail (getpwuid(getuid())). */
const char *store_user(store *s);
/* Who signs what canbo writes in people's words (a progress note's author,
 * a verifier): the official's name when the configuration gives one
 * (store_set_author), else the Unix user. The audit keeps the user. */
const char *store_author(store *s);
void store_set_author(store *s, const char *name);

/* Transactions: BEGIN IMMEDIATE / COMMIT / ROLLBACK. They nest: inside an
 * open transaction they open / release / roll back a savepoint, so a batch
 * of writes (each with its own begin/commit) can be made all or nothing by
 * wrapping it in one more store_begin ... store_commit. */
int store_begin(store *s, cb_error *err);
int store_commit(store *s, cb_error *err);
void store_rollback(store *s);

/* Maps the last SQLite error of the handle to a user message. */
int store_fail(store *s, cb_error *err, const char *what);

/* Appends an audit row in the current transaction: action is "insert",
 * "update" or "delete"; old_json/new_json may be NULL. */
int store_audit(store *s, const char *table, int64_t row, const char *action, const char *old_json,
		const char *new_json, cb_error *err);

/* ---- units ---------------------------------------------------------- */

typedef struct unit_row {
	int64_t id;
	char code[16];
	char name[128];
	char kind[32];
	int tier;
	int64_t parent_id;
	int64_t lo, hi;	      /* pre-order interval: a unit's subtree is lo..hi */
	cb_date ended;	      /* first day it no longer exists; CB_DATE_NONE: in force */
	int64_t successor_id; /* the unit that took its records, 0 = none */
} unit_row;

int store_unit_by_code(store *s, const char *code, unit_row *out, cb_error *err);
int store_unit_get(store *s, int64_t id, unit_row *out, cb_error *err);
/* Children of a unit (0 = the top units) in force, in configuration order
 * (ended units: store_units_list in units.h). */
int store_unit_children(store *s, int64_t parent, unit_row **out, size_t *n, cb_error *err);

/* ---- cadres --------------------------------------------------------- */

#define CADRE_NAME_MAX	128
#define CADRE_TEXT_MAX	256
#define CADRE_NOTES_MAX 2048

typedef struct cadre {
	int64_t id;
	int64_t version;
	char full_name[CADRE_NAME_MAX];
	char birth_date[11]; /* YYYY-MM-DD */
	int gender;	     /* GENDER_LIST */
	char ethnicity[48];  /* "Kinh", "Khmer", "Hoa", ... */
	int64_t unit_id;
	int64_t org_id;		       /* 0 = none */
	char position[CADRE_TEXT_MAX]; /* free text: "Bí thư Huyện ủy" */
	int pos_rank;		       /* RANK_LIST */
	int level;		       /* tier of the unit: 1 province ... */
	bool managed;		       /* diện Ban Thường vụ Tỉnh ủy quản lý */
	bool is_head;		       /* người đứng đầu */
	int committees;		       /* COMMITTEE_LIST bits */
	int education;		       /* EDUCATION_LIST */
	int theory;		       /* THEORY_LIST */
	/* the lists of lists.ini (model.h ENUM_RELIGION ..), 0 = not recorded */
	int religion;
	int acad_title;	       /* học hàm */
	int general_edu;       /* giáo dục phổ thông */
	int state_mgmt;	       /* quản lý nhà nước */
	int language;	       /* ngoại ngữ */
	int it_level;	       /* tin học */
	char party_joined[11]; /* YYYY-MM-DD or "" */
	char notes[CADRE_NOTES_MAX];
	/* read-only, filled by reads: */
	char unit_name[128];
	char unit_code[16];
	char district_name[128]; /* tier-2 ancestor, "" for province level */
	char district_code[16];
	char commune_name[128]; /* deepest tier, "" above it */
	char org_name[CADRE_TEXT_MAX];
} cadre;

/* Validates a cadre before writing (normalises text in place): required
 * fields, enumerations in range, dates real and not in the future, age in
 * [age_min, age_max] of the configuration (c may be NULL: 18..80). */
int cadre_validate(cadre *cd, const cfg *c, cb_error *err);

int store_cadre_get(store *s, int64_t id, cadre *out, cb_error *err);
/* Inserts; sets cd->id and cd->version. */
int store_cadre_insert(store *s, cadre *cd, const cfg *c, cb_error *err);
/* Updates the row if its version is still cd->version (else CB_ESTALE and
 * nothing changes); bumps cd->version. */
int store_cadre_update(store *s, cadre *cd, const cfg *c, cb_error *err);
int store_cadre_delete(store *s, int64_t id, int64_t version, cb_error *err);

/* Writes a cadre as a JSON object (used by the audit trail and `show`). */
char *cadre_to_json(const cadre *cd);
/* The same object's members, into b between its braces (json_restart ...
 * json_close: one buffer for many cadres). */
struct json_buf;
void cadre_json_members(struct json_buf *b, const cadre *cd);

/* ---- satellites of a cadre ------------------------------------------ */

typedef struct rating_row {
	int64_t id, version;
	int year;
	int grade; /* GRADE_LIST */
} rating_row;

typedef struct training_row {
	int64_t id, version;
	int year;
	int kind; /* TRAINING_LIST */
	char course[CADRE_TEXT_MAX];
} training_row;

typedef struct planning_row {
	int64_t id, version;
	char term[16]; /* "2025-2030" */
	char position[CADRE_TEXT_MAX];
} planning_row;

typedef struct audit_row {
	int64_t id;
	char at[24]; /* YYYY-MM-DD HH:MM:SS UTC */
	char user[64];
	char table[32];
	int64_t row;
	char action[8];
	char *old_json, *new_json; /* owned; free with store_audit_free */
} audit_row;

/* Lists are malloc'd arrays; free() them (audit: store_audit_free). */
int store_cadre_ratings(store *s, int64_t cadre_id, rating_row **out, size_t *n, cb_error *err);
int store_cadre_trainings(store *s, int64_t cadre_id, training_row **out, size_t *n, cb_error *err);
int store_cadre_planning(store *s, int64_t cadre_id, planning_row **out, size_t *n, cb_error *err);
/* Sets (insert or replace) a cadre's rating for a year; audited. Grade 0
 * removes the year's rating. */
int store_rating_set(store *s, int64_t cadre_id, int year, int grade, cb_error *err);
int store_training_add(store *s, int64_t cadre_id, const training_row *t, cb_error *err);
int store_planning_add(store *s, int64_t cadre_id, const planning_row *p, cb_error *err);
/* The audit trail of one row, newest first. */
int store_audit_for(store *s, const char *table, int64_t row, audit_row **out, size_t *n,
		    cb_error *err);
void store_audit_free(audit_row *rows, size_t n);

/* ---- organisations -------------------------------------------------- */

typedef struct org_row {
	int64_t id, version;
	char name[CADRE_TEXT_MAX];
	int kind; /* ORGKIND_LIST */
	int64_t parent_id;
	int64_t unit_id;
	int depth;	     /* filled by store_org_tree */
	int grade;	     /* rating for the asked year, 0 = none */
	int cadres;	     /* cadres attached, filled by store_org_tree */
	cb_date ended;	     /* CB_DATE_NONE while it exists */
	int end_reason;	     /* enum org_end */
	int64_t merged_into; /* the successor when merged, else 0 */
} org_row;

/* How a party organisation ended. */
enum org_end { ORG_ACTIVE = 0, ORG_DISSOLVED = 1, ORG_MERGED = 2 };

/* Changes an organisation's name, kind, parent and unit (o->version is the
 * version read; CB_ESTALE when someone saved it since). A parent under the
 * organisation itself (a cycle) or an ended parent is refused. Audited. */
int store_org_update(store *s, org_row *o, cb_error *err);
/* Ends an organisation on `date`: dissolved (refused while cadres or
 * organisations still belong to it, naming how many), or merged into
 * `successor`, which takes its cadres and its organisations in the same
 * transaction. Every changed row is audited. */
int store_org_end(store *s, int64_t id, int64_t version, cb_date date, int reason,
		  int64_t successor, cb_error *err);

/* Organisations under a unit subtree (0 = all) in tree order (pre-order,
 * children in Vietnamese order), with their rating for `year`. */
int store_org_tree(store *s, int64_t unit_id, int year, org_row **out, size_t *n, cb_error *err);
/* As store_org_tree with every count of cadres -1: the tree at once, the
 * counts (a walk of a million index entries) later. */
int store_org_tree_uncounted(store *s, int64_t unit_id, int year, org_row **out, size_t *n,
			     cb_error *err);
/* How many cadres each organisation has, fn(ctx, id, count) for each that
 * has any (the counts of store_org_tree). should_stop as store_until. */
int store_org_cadre_counts(store *s, int (*should_stop)(void *), void *stop_ctx,
			   void (*fn)(void *ctx, int64_t org_id, int cadres), void *ctx,
			   cb_error *err);
/* The rated organisations of `year` in the reader's scope, fn(ctx, id,
 * grade) for each: another year of the same tree, without reading the
 * tree and its counts of cadres again. */
int store_org_ratings(store *s, int year, void (*fn)(void *ctx, int64_t org_id, int grade),
		      void *ctx, cb_error *err);
int store_org_get(store *s, int64_t id, org_row *out, cb_error *err);
int store_org_insert(store *s, org_row *o, cb_error *err);
/* As store_rating_set, for an organisation. */
int store_org_rating_set(store *s, int64_t org_id, int year, int grade, cb_error *err);

/* ---- drafts: an unsaved form kept across a dropped connection -------- */

/* Saves (replacing) the draft of this user for a form; data is opaque text. */
int store_draft_save(store *s, const char *form, int64_t row, int64_t version, const char *data,
		     cb_error *err);
/* Loads the user's draft for a form, if any (CB_NOT_FOUND otherwise);
 * *data is malloc'd. */
int store_draft_load(store *s, const char *form, int64_t *row, int64_t *version, char **data,
		     cb_error *err);
int store_draft_drop(store *s, const char *form, cb_error *err);
/* Every draft of this user, oldest first (draft_file.h's record, file
 * ""); free with draft_recs_free. */
struct draft_rec;
int store_draft_list(store *s, struct draft_rec **out, size_t *n, cb_error *err);

/* ---- bulk load: building a fresh database (the demo) ----------------- *
 *
 * store_bulk_begin opens one transaction; the store_bulk_* inserts reuse
 * their prepared statements and write no audit rows; store_bulk_end(commit
 * = true) builds the search index and the cadre indexes once, writes one
 * audit row for the whole load and commits. On any failure call
 * store_bulk_end(b, false, ...) to roll everything back.
 *
 * Fastest, into an empty cadre table: first name every cadre to come
 * (store_bulk_name, in the order they will be inserted): they are ranked
 * in Vietnamese order in memory, each store_bulk_cadre row is written with
 * its final rank, and store_bulk_end fills the search index from memory.
 * Without names, cadres get provisional ranks and store_bulk_end renumbers
 * them all (search_rebuild), which costs a pass over every row.
 *
 * The caller's data must already be valid (NFC text, enumerations in range,
 * existing unit and organisation ids): unlike store_cadre_insert, nothing
 * but the derived fields (search keys, level from the unit's tier) is
 * computed, so that a million rows load in seconds. Texts are read in
 * place while each call runs. */
typedef struct store_bulk store_bulk;

int store_bulk_begin(store *s, store_bulk **out, cb_error *err);
/* Names the next cadre to be inserted (its full name and ISO birth date,
 * as they will be in the cadre) and sets *id (may be NULL) to the id it
 * will get. Only before the first store_bulk_cadre, into an empty cadre
 * table. Memory: about 70 bytes a cadre until store_bulk_end. */
int store_bulk_name(store_bulk *b, const char *full_name, const char *birth_date, int64_t *id,
		    cb_error *err);
/* Sets cd->id, cd->version and cd->level (during a load, cadres are
 * inserted only through here: ids follow the highest one at the start).
 * After store_bulk_name, the
 * cadres must come in the order named, with the names and birth dates
 * named (else an error, and nothing is to be committed). */
int store_bulk_cadre(store_bulk *b, cadre *cd, cb_error *err);
/* Sets o->id and o->version. */
int store_bulk_org(store_bulk *b, org_row *o, cb_error *err);
/* A yearly rating of a cadre (org_id 0) or of an organisation (cadre_id 0). */
int store_bulk_rating(store_bulk *b, int64_t cadre_id, int64_t org_id, int year, int grade,
		      cb_error *err);
int store_bulk_training(store_bulk *b, int64_t cadre_id, const training_row *t, cb_error *err);
int store_bulk_planning(store_bulk *b, int64_t cadre_id, const planning_row *p, cb_error *err);
/* Rows are held back and written in batches: this writes those still
 * waiting, so that a query in the load's transaction sees every row. */
int store_bulk_flush(store_bulk *b, cb_error *err);
/* Commits (after ranking and indexing) or rolls back; frees b either way. */
int store_bulk_end(store_bulk *b, bool commit, cb_error *err);

#endif
