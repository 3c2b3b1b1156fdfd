/* import_internal.h - what the import's files share: the columns it knows,
 * its working state, and the cell conversions of import_values.c. Not for
 * modules outside the import. */
#ifndef CANBO_IMPORT_INTERNAL_H
#define CANBO_IMPORT_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <sqlite3.h>

#include "csv_read.h"
#include "fields.h"
#include "import.h"
#include "store_import.h"

/* The columns the import reads: the cadre's fields (fields.h), under
 * the names the import's code has always used. */
enum import_col {
	IC_NAME = CADRE_F_FULL_NAME,
	IC_BIRTH = CADRE_F_BIRTH_DATE,
	IC_GENDER = CADRE_F_GENDER,
	IC_ETHNICITY = CADRE_F_ETHNICITY,
	IC_POSITION = CADRE_F_POSITION,
	IC_RANK = CADRE_F_POS_RANK,
	IC_UNIT_CODE = CADRE_F_UNIT_CODE,
	IC_UNIT = CADRE_F_UNIT,
	IC_DISTRICT = CADRE_F_DISTRICT, /* only to tell apart units of the same name */
	IC_ORG = CADRE_F_ORG,
	IC_MANAGED = CADRE_F_MANAGED,
	IC_HEAD = CADRE_F_IS_HEAD,
	IC_COMMITTEES = CADRE_F_COMMITTEES,
	IC_EDUCATION = CADRE_F_EDUCATION,
	IC_THEORY = CADRE_F_THEORY,
	IC_RELIGION = CADRE_F_RELIGION,
	IC_ACAD_TITLE = CADRE_F_ACAD_TITLE,
	IC_GENERAL_EDU = CADRE_F_GENERAL_EDU,
	IC_STATE_MGMT = CADRE_F_STATE_MGMT,
	IC_LANGUAGE = CADRE_F_LANGUAGE,
	IC_IT_LEVEL = CADRE_F_IT_LEVEL,
	IC_JOINED = CADRE_F_PARTY_JOINED,
	IC_NOTES = CADRE_F_NOTES,
	IC_COUNT = CADRE_F_COUNT,
	IC_IGNORED = IC_COUNT, /* known, deliberately not read (id, level ...) */
	IC_UNKNOWN,
};

/* A configured unit with the forms a file may name it by. */
typedef struct import_unit {
	char fold[CFG_NAME_MAX]; /* "xa loc giang" */
	char bare[CFG_NAME_MAX]; /* without its kind: "loc giang" */
	int district;		 /* index of its tier-2 unit (itself or an
				  * ancestor), -1 when none */
	bool in_scope;
	int64_t id; /* in the database; 0 = not looked up yet */
} import_unit;

/* A name + birth date seen earlier in the file. */
typedef struct import_seen {
	uint64_t hash;
	char *key; /* NULL = empty slot */
	size_t line;
} import_seen;

typedef struct import_ctx {
	store *s;
	const cfg *c;
	const import_options *o;
	import_report *r;
	char **headers; /* as written, trimmed */
	size_t nheaders;
	int col[IC_COUNT];  /* field index of each column, -1 = absent */
	bool infer_rank;    /* no pos_rank column */
	import_unit *units; /* parallel to c->units */
	org_row *orgs;	    /* loaded when the file has an org column */
	char (*org_fold)[CADRE_TEXT_MAX];
	size_t norgs;
	import_seen *seen; /* open addressing, power-of-two size */
	size_t nseen, seen_cap;
	sqlite3_stmt *dup;
	struct import_memo_slot *memo; /* cells read before (import_memo.c) */
	size_t memo_n, memo_cap;
	uint64_t *twin; /* hashes of the stored names (import_dup.c) */
	size_t twin_n, twin_cap;
	bool twins_loaded;
	store_import *batch; /* the rows to write (none on a dry run) */
	size_t issue_cap;    /* room in r->issues */
	size_t line;	     /* line of the row being read */
	bool row_bad;	     /* the row has an error */
} import_ctx;

/* Records a problem of the current row; field = the column's index in the
 * file (-1: the row, or a column the file lacks). Errors mark the row bad. */
void import_problem(import_ctx *x, int field, bool warning, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Keeps a copy of an issue in the report (once it holds IMPORT_MAX_ISSUES,
 * none); counts nothing. */
void import_issue_keep(import_ctx *x, const import_issue *is);
/* Reports a cadre_validate failure against the column it is about. */
void import_validate_problem(import_ctx *x, const char *msg);
/* Cells beyond the header's are an error when they hold anything: a
 * separator inside an unquoted cell has shifted the row. */
void import_check_width(import_ctx *x, const csv_reader *rd);
/* A record of empty cells (passed over). */
bool import_row_blank(const csv_reader *rd);

/* The rows of a large file read on two threads (import_split.c): the
 * second half by a second thread, started here when the text left in rd
 * is at least import_split_min_bytes long (else *out = NULL: one thread
 * reads all). */
typedef struct import_split import_split;
extern size_t import_split_min_bytes;
/* Times the second half's rows were taken (rather than read again). */
extern unsigned long import_split_taken;
int import_split_start(import_ctx *x, const csv_reader *rd, import_split **out, cb_error *err);
/* After each record the caller reads: 0 while before the second half; 1
 * when rd has reached it exactly (the caller handles that record, then
 * import_split_finish); -1 when rd stepped past it (it fell inside a
 * quoted field): the caller frees sp and reads on alone. */
int import_split_at(const import_split *sp, const csv_reader *rd);
/* Waits for the second half and goes through its rows as one_row would
 * have: their problems, duplicates, the batch; then how its reading ended. */
int import_split_finish(import_split *sp, import_ctx *x, cb_error *err);
void import_split_free(import_split *sp);

/* Readings the memo keeps besides the columns' own (import_memo.c). */
enum { MEMO_UNIT = IC_UNKNOWN + 1, MEMO_RANK_GUESS, MEMO_ORG };

/* A cell as written (less the apostrophe an export puts before a text a
 * spreadsheet would take for a formula); NULL when the column is absent. */
const char *import_cell(const import_ctx *x, const csv_reader *rd, int ic);
/* A text cell checked and in NFC into buf; "" when the column is absent.
 * False (the problem recorded) when the cell is bad. */
bool import_text_cell(import_ctx *x, const csv_reader *rd, int ic, bool newlines, char *buf,
		      size_t cap);
/* The folded form of s, or "" when it would not fit. */
void import_fold(const char *s, char *buf, size_t cap);
/* The configured unit with this code, -1 if none. */
int import_unit_by_code(const import_ctx *x, const char *code);
/* Sets cd->unit_id from the row (import_units.c); *unit = the configured
 * unit, -1 if bad (the problem recorded). */
int import_unit_cell(import_ctx *x, const csv_reader *rd, cadre *cd, int *unit, cb_error *err);

/* Looks up in the database, now, every configured unit in scope that
 * import_unit_cell would look up when a row names it: then reading rows
 * needs nothing from the database (import_split.c). */
int import_units_resolve(import_ctx *x, cb_error *err);
/* Prepares the unit and organisation lookups. */
int import_values_init(import_ctx *x, cb_error *err);
void import_values_free(import_ctx *x);

/* Converts one row into *cd, recording every problem with its column;
 * returns CB_OK (check x->row_bad) or CB_EDB with err filled. */
int import_row_cadre(import_ctx *x, const csv_reader *rd, cadre *cd, cb_error *err);

/* What a cell (or cells joined by '\x1f') read without problem meant, by
 * tag (a column, or another reading of it): import_memo_get finds it. */
bool import_memo_get(const import_ctx *x, int tag, const char *key, int64_t *value);
void import_memo_put(import_ctx *x, int tag, const char *key, int64_t value);
void import_memo_free(import_ctx *x);

/* Reports the row (its full name and birth date) as a duplicate
 * (import_dup.c) of an earlier line with the same name and birth date, or
 * of a stored cadre. */
int import_check_duplicate(import_ctx *x, const char *name, const char *birth, cb_error *err);
/* Reads the stored names and birth dates into a set when the database is
 * small beside the file (rows: about how many the file has); then
 * import_twin_maybe is false for a row that certainly has no stored twin
 * (h = import_twin_hash of its birth date and canonical name). */
int import_twins_load(import_ctx *x, size_t rows, cb_error *err);
uint64_t import_twin_hash(const char *birth, const char *canonical);
bool import_twin_maybe(const import_ctx *x, uint64_t h);
void import_twins_free(import_ctx *x);

/* The column (enum import_col) a field of cadre_validate's message is
 * about, from the label its message starts with; -1 if none. */
int import_col_of_message(const char *msg);

#endif
