/* import.h - reading a list of cadres from a CSV file into the database,
 * all of it or nothing.
 *
 * The file may be what `canbo find --format csv` or the export screen
 * writes, or a spreadsheet an office keeps: comma or semicolon separated,
 * in UTF-8 (with or without BOM), TCVN3 (ABC) or VNI-Windows; columns are
 * found by their header, in English keys (full_name, birth_date ...) or in
 * Vietnamese ("Họ và tên", "Ngày sinh" ...), accents and case ignored.
 *
 * Guarantees: every row is converted and checked (cadre_validate, the unit
 * and organisation exist and are unambiguous, not already in the database
 * nor earlier in the file); if any row is bad nothing is written, and the
 * report lists every problem with its line, column and a message in the
 * UI language. Otherwise every row is inserted with its audit row inside
 * one transaction. A dry run checks the same and writes nothing.
 *
 * The file is read, checked and put in name order without the write lock
 * (store_import.h); the lock is held only for the inserts themselves, so
 * other users' saves wait for a second or two at most, not for the whole
 * import. Should another user save in between, the file is read again.
 */
#ifndef CANBO_IMPORT_H
#define CANBO_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "error.h"
#include "store.h"
#include "text.h"

/* Problems kept in a report; more are counted but not kept. */
#define IMPORT_MAX_ISSUES 1000
/* Lines of rows outside the reader's scope named in the message. */
#define IMPORT_SCOPE_LINES 10
/* Files larger than this are refused (a province's list is far smaller). */
#define IMPORT_MAX_BYTES (256u * 1024 * 1024)

typedef struct import_options {
	text_encoding encoding; /* TEXT_ENC_UNKNOWN = detect */
	bool dry_run;		/* check only, write nothing */
	const char *scope;	/* unit code whose subtree rows must lie in (a
				 * district), NULL = the whole configuration */
} import_options;

typedef struct import_issue {
	size_t line;	 /* line of the file the row begins on; 0 = the file */
	bool warning;	 /* a note that does not stop the import */
	char column[64]; /* the column's header as written; "" = the row */
	char msg[400];	 /* translated */
} import_issue;

typedef struct import_report {
	text_encoding encoding; /* as read (detected or given) */
	char separator;
	size_t rows;	     /* data rows read (blank rows skipped) */
	size_t bad_rows;     /* rows with at least one error */
	size_t errors;	     /* errors found, kept or not */
	size_t imported;     /* rows written: 0 unless all of them were */
	size_t out_of_scope; /* rows whose unit lies outside the reader's scope */
	size_t scope_lines[IMPORT_SCOPE_LINES]; /* the first of them, by line */
	import_issue *issues;			/* errors and warnings in file order, at most
						 * IMPORT_MAX_ISSUES; free with import_report_free */
	size_t nissues;
	double lock_seconds;	 /* how long the write lock was held */
	double lock_cpu_seconds; /* processor time spent while it was */
	int attempts;		 /* 1, or more when another writer came between */
} import_report;

/* Imports the CSV file at path into s (c: the configuration, for units
 * and the accepted age range). Returns CB_OK when every row was imported
 * (or, on a dry run, would be); CB_EINVALID when the file cannot be read
 * or holds bad rows (err says how many, r lists them; nothing written);
 * CB_EDB on a database error (nothing written); CB_EACCESS when the
 * database is read-only and this is not a dry run. r is always filled
 * (free it with import_report_free). Expects no open transaction. */
int import_cadres_file(store *s, const cfg *c, const char *path, const import_options *o,
		       import_report *r, cb_error *err);
/* The same over bytes already in memory. */
int import_cadres_text(store *s, const cfg *c, const char *bytes, size_t len,
		       const import_options *o, import_report *r, cb_error *err);

void import_report_free(import_report *r);

/* A file's bytes, NUL-ended, refusing directories and files larger than
 * IMPORT_MAX_BYTES; *out is malloc'd. */
int import_read_bytes(const char *path, char **out, size_t *len, cb_error *err);

/* "auto", "utf8" (or "utf-8"), "tcvn3" (or "abc"), "vni"; false if none. */
bool import_encoding_from_name(const char *name, text_encoding *enc);

/* The position rank a position's first words mean in a unit of that tier
 * ("Phó Bí thư Huyện ủy" -> deputy secretary; "Giám đốc" directs an agency
 * at the province, heads a department below it), as an import without a
 * pos_rank column takes it; false when the words tell no rank. */
bool import_rank_from_position(const char *position, int tier, int *rank);

#endif
