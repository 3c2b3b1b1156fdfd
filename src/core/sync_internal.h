/* sync_internal.h - what the sync files share (sync.h); not for other
 * modules. */
#ifndef CANBO_SYNC_INTERNAL_H
#define CANBO_SYNC_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <sqlite3.h>

#include "error.h"
#include "store.h"
#include "sync.h"

/* CB_EACCESS unless every cadre and organisation of the database (office
 * NULL), or of those received from office, is within the user's scope. */
int sync_scope_check(store *s, const char *office, cb_error *err);

/* ---- a changeset written by hand (sync_encode.c) --------------------
 * The session extension's format: a table header ('T', column count, one
 * primary-key flag per column, the name), then per change its operation,
 * the indirect flag and the record(s); a record is one value per column
 * (0 = undefined: not part of this change). */
typedef struct sync_buf {
	unsigned char *p;
	size_t n, cap;
	bool oom;
} sync_buf;

void sync_buf_free(sync_buf *b);
void sync_put(sync_buf *b, const void *p, size_t n);
void sync_put_varint(sync_buf *b, uint64_t v);
void sync_put_table(sync_buf *b, const char *name, int ncol, const unsigned char *pk);
void sync_put_op(sync_buf *b, int op);
/* One value: v NULL = undefined. */
void sync_put_value(sync_buf *b, sqlite3_value *v);
void sync_put_int(sync_buf *b, int64_t v);
void sync_put_text(sync_buf *b, const char *s, size_t n);
/* Appends a value as JSON (for conflicts): NULL v = not part of it. */
void sync_json_value(sync_buf *b, sqlite3_value *v);

/* ---- the tables that travel (sync_tables.c) ------------------------- */

#define SYNC_REF_NONE (-1)
#define SYNC_REF_UNIT (-2)

typedef struct sync_column {
	char name[64];
	int ref; /* index of the table it refers to, or SYNC_REF_* */
} sync_column;

typedef struct sync_table {
	char name[64];
	int ncol;
	sync_column *cols;
	int pk;	       /* the one primary-key column */
	bool rowid_pk; /* the pk is the rowid (else it refers to another row) */
	int rank_col;  /* cadre.rank: this office's own list order, or -1 */
	int uid_col;   /* -1 when the table has none */
	bool audit;    /* the audit trail: kept apart (sync_audit) */
} sync_table;

typedef struct sync_schema {
	sync_table *t;
	size_t n;
	int *order; /* table indices, every table after those it refers to */
} sync_schema;

int sync_schema_load(store *s, sync_schema *out, cb_error *err);
void sync_schema_free(sync_schema *sc);
int sync_schema_find(const sync_schema *sc, const char *name);

/* ---- files (sync_file.c) -------------------------------------------- */

typedef struct sync_unit {
	int64_t id;
	char code[16];
} sync_unit;

typedef struct sync_file {
	char office[SYNC_OFFICE_MAX];
	int64_t seq;
	int schema;
	bool snapshot;
	char made[24];
	char hash[SYNC_HASH_HEX];
	sync_unit *units;
	size_t nunits;
	const unsigned char *changeset; /* into the file's bytes */
	size_t changeset_n;
} sync_file;

/* Lays out a file: header, units, changeset; its hash into f->hash. */
int sync_file_write(sync_buf *out, sync_file *f, cb_error *err);
/* Reads and checks one (the hash too); f->units malloc'd. */
int sync_file_read(const void *data, size_t n, sync_file *f, cb_error *err);
void sync_file_free(sync_file *f);

/* The whole database of s as an office's first file (sync_export.c),
 * without writing to s. */
int sync_export_whole(store *s, const char *office, sync_buf *out, cb_error *err);

/* The current time as stored ("YYYY-MM-DD HH:MM:SS", UTC). */
void sync_now(char buf[24]);

#endif
