/* store_import_internal.h - what the two files of the batch import
 * (store_import.c: packing and placing the rows; store_import_stage.c:
 * staging them and writing them in) share. Not for other modules. */
#ifndef CANBO_STORE_IMPORT_INTERNAL_H
#define CANBO_STORE_IMPORT_INTERNAL_H

#include "store_import.h"
#include "store_internal.h"

/* The batch's cadres into cadre, column by column, as the staged way
 * (temp.import_cadre) and the way from memory (canbo_import_rows) both
 * name them: followed by the FROM of either. */
#define IMPORT_CADRE_INSERT                                                                        \
	"INSERT INTO main.cadre(id, full_name, name_fold, sort_key, rank, birth_date,"             \
	" gender, ethnicity, unit_id, org_id, position, pos_rank, level, managed, is_head,"        \
	" committees, education, theory, party_joined, notes, religion, academic_title,"           \
	" general_education, state_management, foreign_language, it_level)"                        \
	" SELECT id, full_name, name_fold, sort_key, rank, birth_date, gender, ethnicity,"         \
	" unit_id, org_id, position, pos_rank, level, managed, is_head, committees,"               \
	" education, theory, party_joined, notes, religion, academic_title,"                       \
	" general_education, state_management, foreign_language, it_level"

/* The texts of a packed row, in the order they follow its head. */
enum { T_NAME, T_BIRTH, T_ETHNICITY, T_POSITION, T_JOINED, T_NOTES, T_FOLD, T_COUNT };

typedef struct rec_head {
	int64_t unit_id, org_id;
	int32_t gender, pos_rank, committees, education, theory;
	int16_t religion, acad_title, general_edu, state_mgmt, language, it_level;
	uint8_t managed, is_head;
	uint16_t len[T_COUNT]; /* bytes, without the NUL each text ends in */
	uint16_t keylen;       /* the sort key follows the texts */
} rec_head;

/* What the audit trail shows of a unit (as CADRE_COLUMNS reads it). */
typedef struct unit_names {
	int tier; /* 0 = no such unit */
	char name[128], code[16], district[128], district_code[16], commune[128];
} unit_names;

typedef struct audit_all audit_all;

struct store_import {
	store *s;
	bool reading;	  /* our read transaction is open */
	bool outer;	  /* the caller's transaction was open at the start */
	bool unjournaled; /* a new file, written without a journal */
	int64_t data_version;
	unsigned char *arena;
	size_t len, cap;
	size_t *off; /* where each row's head is */
	size_t n, off_cap;
	int64_t *rank;
	bool renumber;
	int64_t first_id;
	unit_names *units;
	int64_t max_unit;
	char **org_names;
	int64_t max_org;
	int64_t cache;	 /* the connection's cache_size before the batch */
	bool grown;	 /* ... which import_cache changed */
	double lock_cpu; /* processor seconds under the write lock */
	/* the audit entries, made before the lock: their time, the id the
	 * first one takes (the k-th row's entry is audit_first + k) */
	char audit_at[24];
	int64_t audit_first;
	int64_t autocheckpoint; /* the connection's, while import_checkpoint holds it */
	audit_all *entries;	/* their audit entries, kept in memory (import_put) */
	uint32_t *by_rank;	/* ... and the rows in rank order */
};

/* Packed rows: the head of row i, its texts, its sort key. */
static inline const rec_head *import_head(const store_import *b, size_t i)
{
	return (const rec_head *)(b->arena + b->off[i]);
}

static inline const char *import_text(const rec_head *h, int t)
{
	const char *p = (const char *)(h + 1);
	for (int i = 0; i < t; i++)
		p += h->len[i] + 1;
	return p;
}

static inline const unsigned char *import_key(const rec_head *h)
{
	return (const unsigned char *)import_text(h, T_COUNT);
}

/* Writes the rows, in `order` (their rank order; the k-th gets the id
 * first_id + k), with their audit entries (JSON and chained hash, ready
 * to be appended to the trail) and name words into temporary tables: no
 * lock on the database, only on the connection's own temporary one. */
int import_stage(store_import *b, const uint32_t *order, cb_error *err);
/* Before the rows are placed: the time and first id of their audit
 * entries, and b->entries started (unless store_import_reference). */
int import_entries_start(store_import *b, const uint32_t *order, cb_error *err);
/* Inside the write transaction, with nothing staged: writes the rows in
 * `order` straight into the database with their audit and search entries,
 * then the indexes (a new file is private until it is put in place, and a
 * caller's open transaction holds the lock already: staging first would
 * only copy every row twice). */
int import_write(store_import *b, const uint32_t *order, cb_error *err);
/* Inside the write transaction, nothing staged: writes the rows in
 * `order` from memory, then their audit entries (b->entries) and search
 * entries (b->by_rank). Nothing is written twice, and what is done per row
 * before the lock - the audit entries above all - is done already. */
int import_put(store_import *b, const uint32_t *order, cb_error *err);
/* Its rows and their search entries (unless everyone is renumbered), each
 * by one INSERT ... SELECT from the packed rows (store_import_vtab.c). */
int import_put_rows(store_import *b, const uint32_t *order, cb_error *err);
/* Then their audit entries, the same way, once made: the caller helps
 * make those the hashing thread has not reached, and waits for it. */
int import_put_audit(store_import *b, const uint32_t *order, cb_error *err);
/* Inside the write transaction: moves the staged rows into the database
 * by a few INSERT ... SELECT (then renumbers everyone if b->renumber). */
int import_apply(store_import *b, cb_error *err);
/* A page cache big enough for the batch (big), or the one before it. */
void import_cache(store_import *b, bool big);
/* later: no checkpoint when the batch commits (SQLite would copy the
 * whole batch from the log into the file then, before the commit
 * returns); else the setting as it was, and that checkpoint done now,
 * once the write lock is released (a checkpoint does not hold it). */
void import_checkpoint(store_import *b, bool later);
/* Drops the temporary tables. */
void import_unstage(store *s);

/* Row i as a cadre record with this id, as store_cadre_get would read it
 * back (the audit trail records that). */
void import_unpack(const store_import *b, size_t i, int64_t id, cadre *cd);

/* The audit entries of the rows in `order` - the k-th is entry
 * b->audit_first + k of the trail, chained after prev (when chained) -
 * written ahead on a second thread while the caller stages the rows
 * (store_import_audit.c). */
typedef struct audit_ahead audit_ahead;
int audit_ahead_start(store_import *b, const uint32_t *order,
		      const unsigned char prev[AUDIT_HASH_BYTES], bool chained, audit_ahead **out,
		      cb_error *err);
/* Entry k, taken in order: its JSON (the caller frees it) and its hash;
 * NULL if out of memory. */
char *audit_ahead_take(audit_ahead *a, size_t k, unsigned char hash[AUDIT_HASH_BYTES]);
/* Stops the thread and frees what was not taken. */
void audit_ahead_end(audit_ahead *a);

/* Every audit entry of the rows in `order`, made before they are written
 * and kept until then (store_import_audit.c): a thread starts on them at
 * once; audit_all_help has the caller write the JSON of those the thread
 * has not reached, leaving it only their hashes to make (the chain is
 * one thread's work); audit_all_wait waits until every entry is made;
 * audit_all_entry is then entry k's JSON and hash. */
int audit_all_start(store_import *b, const uint32_t *order,
		    const unsigned char prev[AUDIT_HASH_BYTES], bool chained, audit_all **out,
		    cb_error *err);
int audit_all_help(audit_all *a, cb_error *err);
int audit_all_wait(audit_all *a, cb_error *err);
/* Waits until the first `count` entries are hashed (or the thread ended). */
void audit_all_wait_some(audit_all *a, size_t count);
const char *audit_all_entry(const audit_all *a, size_t k, const unsigned char **hash);
void audit_all_end(audit_all *a);

/* Tests: true stages each audit entry with its row, as imports did before
 * audit_all (the reference the faster way is compared with). */
extern bool store_import_reference;

#endif
