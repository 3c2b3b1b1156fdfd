/* record_import_internal.h - what the files of the record import share
 * (record_import.c: the file, the header and the cells; record_rows.c and
 * record_rows_career.c: each kind's rows; record_whose.c: whose record a
 * row is). Not for other modules. */
#ifndef CANBO_RECORD_IMPORT_INTERNAL_H
#define CANBO_RECORD_IMPORT_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "csv_read.h"
#include "model.h"
#include "record_import.h"

/* Columns a record file may have. */
enum record_col {
	RC_CADRE_ID,
	RC_NAME,
	RC_BIRTH,
	RC_UNIT_CODE,
	RC_ORG_ID,
	RC_ORG,
	RC_YEAR,
	RC_GRADE,
	RC_KIND,
	RC_COURSE,
	RC_TERM,
	RC_POSITION,
	RC_PARENT_ID,
	RC_PARENT,
	RC_UNIT,
	RC_PARENT_UNIT,
	RC_FORM,
	RC_DECISION,
	RC_AUTHORITY,
	RC_DECIDED_ON,
	RC_ANNOUNCED_ON,
	RC_REASON,
	RC_TITLE,
	RC_POOL_UNIT,
	RC_ADDED_ON,
	RC_START_ON,
	RC_TERM_END,
	RC_POST_UNIT,
	RC_POS_RANK,
	RC_LEFT_ON,
	RC_NOTE,
	RC_ID, /* known and not read */
	RC_COUNT
};

#define RK_NAME_KEY_MAX (4 * CADRE_NAME_MAX + 4)

struct rk_org {
	char key[RK_NAME_KEY_MAX]; /* text_canonical of the name */
	char unit[16];		   /* its unit's code */
	int64_t id;
};

typedef struct rk_ctx {
	store *s;
	const cfg *c;
	int kind;
	const record_import_options *o;
	import_report *r;
	const csv_reader *rd;
	char **headers;
	size_t nheaders;
	int field[RC_COUNT]; /* index in the row of each column, -1 = absent */
	size_t issue_cap;
	size_t line;
	bool row_bad;
	size_t written;
	size_t out_of_scope;	/* problems that are the reader's scope */
	size_t scope_lines[10]; /* the lines of the first of them */
	int64_t base_id;	/* the highest id before the import */
	size_t *line_of;	/* line that wrote id base_id + i */
	size_t lines_cap;
	sqlite3_stmt *find_cadre;
	struct rk_org *orgs; /* every organisation, by canonical name (loaded
			      * at the first name; the import's own added) */
	size_t norgs, orgs_cap;
	bool orgs_loaded;
	struct career_rules *rules; /* disciplines and the pool: career.ini */
} rk_ctx;

/* Records a problem of the current line; col = RC_* or -1 (the row). */
void rk_problem(rk_ctx *x, int col, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;
const char *rk_column_key(int col);
/* The cell as written; "" when the file lacks the column. */
const char *rk_raw(const rk_ctx *x, int col);
/* The cell normalised into buf (text_normalize); false after reporting. */
bool rk_text(rk_ctx *x, int col, char *buf, size_t cap);
bool rk_required(rk_ctx *x, int col, char *buf, size_t cap);
bool rk_int(rk_ctx *x, int col, long lo, long hi, long *out);
bool rk_enum(rk_ctx *x, int col, enum model_enum e, const char *const *syn, int *out);
/* Notes that the current line wrote record `id`; the line that did. */
int rk_remember(rk_ctx *x, int64_t id);
size_t rk_line_of(const rk_ctx *x, int64_t id);

/* record_rows.c: the columns a kind needs (problems reported), one row. */
int rk_check_columns(rk_ctx *x);
int rk_row(rk_ctx *x, cb_error *err);
void rk_ctx_free(rk_ctx *x);

/* Between the files of the rows (record_rows.c and those below). */
/* The career rules (career.ini), read at the first row that needs them. */
int rk_career_rules(rk_ctx *x, cb_error *err);
/* A date cell as ISO text into iso (11 bytes); "" when empty and not
 * required. False after reporting. */
bool rk_date_cell(rk_ctx *x, int col, bool required, char *iso);
/* A database failure while reading: the error, and stop. */
int rk_failed(rk_ctx *x, cb_error *err);
/* Reports a writer's refusal against a column; a scope refusal is counted
 * as such (exit 5 when it is the only kind of problem). */
int rk_refused(rk_ctx *x, int rc, int col, cb_error *e, cb_error *err);
/* The id of the record `sql` finds (binding owner, then the texts and
 * ints given), 0 when none. */
int64_t rk_existing(rk_ctx *x, const char *sql, int64_t owner, int year, const char *t1,
		    const char *t2, cb_error *err, int *rc);
/* Whether the row may write given the record already there (a duplicate
 * is reported); *skip: with --replace, an identical record is left alone. */
bool rk_may_write(rk_ctx *x, int64_t id, int col, bool identical, bool *skip);

/* record_whose.c: the cadre a row is about; 0 after reporting why not. */
int64_t rk_cadre_of(rk_ctx *x, cb_error *err, int *rc);
/* The organisation named in column name_col (with the unit code of
 * unit_col when given), or by the id of id_col when the name is absent;
 * 0 after reporting. */
int64_t rk_org_named(rk_ctx *x, int id_col, int name_col, int unit_col, cb_error *err, int *rc);
/* Adds an organisation written by the import to the list names are
 * looked up in; non-zero when out of memory. */
int rk_org_add(rk_ctx *x, const char *name, const char *unit, int64_t id);

/* record_rows_career.c: one row of each career kind. */
int rk_put_discipline(rk_ctx *x, cb_error *err);
int rk_put_pool(rk_ctx *x, cb_error *err);
int rk_put_appointment(rk_ctx *x, cb_error *err);
int rk_put_departure(rk_ctx *x, cb_error *err);

#endif
