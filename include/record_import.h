/* record_import.h - the records of an office's year other than cadres,
 * in bulk: party organisations, cadre and organisation ratings,
 * trainings, planning entries, disciplines of cadres, the planning
 * pool's entries, appointments and departures from the list, read from
 * CSV all rows or none, and
 * written back to CSV in the very columns the import reads.
 *
 * A file is read as the cadre import reads one (import.h): any of the
 * encodings it detects, comma or semicolon, headers in English keys or in
 * Vietnamese (accents and case ignored), every problem reported with its
 * line and column, nothing written unless every row is good.
 *
 * Whose record a row is: a cadre by name and birth date (with unit_code
 * when two share both; an ambiguous row names the candidates), or by
 * cadre_id when the file has no name column; an organisation by org_id,
 * or by its name (with unit_code). Since files name people, an export of
 * one database imports into another.
 *
 * A record already there for the same owner and year (rating), or the
 * same owner, year, kind and course (training), or owner, term and title
 * (planning), is an error unless `replace` is set: then a rating is
 * replaced, and an identical training or planning entry is left as it is.
 * Every row goes through the store's own writer (checked, scoped, audited)
 * inside one transaction.
 */
#ifndef CANBO_RECORD_IMPORT_H
#define CANBO_RECORD_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "error.h"
#include "import.h"
#include "output.h"
#include "store.h"

/* X(id, CLI name) */
#define RECORD_KIND_LIST(X)                                                                        \
	X(RK_ORG, "org")                                                                           \
	X(RK_RATING, "rating")                                                                     \
	X(RK_ORG_RATING, "org-rating")                                                             \
	X(RK_TRAINING, "training")                                                                 \
	X(RK_PLANNING, "planning")                                                                 \
	X(RK_DISCIPLINE, "discipline")                                                             \
	X(RK_POOL, "pool")                                                                         \
	X(RK_APPOINTMENT, "appointment")                                                           \
	X(RK_DEPARTURE, "departure")

enum record_kind {
#define X(id, name) id,
	RECORD_KIND_LIST(X)
#undef X
		RK_COUNT
};

bool record_kind_from_name(const char *name, int *kind);
const char *record_kind_name(int kind);
/* "org, rating, ..., departure": every kind's name */
const char *record_kind_names(void);

typedef struct record_import_options {
	text_encoding encoding; /* TEXT_ENC_UNKNOWN = detect */
	bool dry_run;
	bool replace;
	/* Called now and then with the bytes read of the file's total; may
	 * be NULL. */
	void (*progress)(void *ctx, long done, long total);
	void *progress_ctx;
} record_import_options;

/* Imports the file's records of `kind`. The report is the cadre import's
 * (r->imported: records written or replaced; free with
 * import_report_free). CB_OK, or CB_EINVALID with the problems in r and
 * nothing written, CB_EACCESS (read-only database, or a row outside the
 * reader's scope: nothing written), CB_EDB. */
int record_import_file(store *s, const cfg *c, int kind, const char *path,
		       const record_import_options *o, import_report *r, cb_error *err);
int record_import_text(store *s, const cfg *c, int kind, const char *bytes, size_t len,
		       const record_import_options *o, import_report *r, cb_error *err);

/* The file's bytes as UTF-8 text: read (at most IMPORT_MAX_BYTES), the
 * encoding detected unless given, converted. *enc_out is what was read. */
int import_read_utf8(const char *path, text_encoding enc, char **text, size_t *len,
		     text_encoding *enc_out, cb_error *err);

/* ---- export --------------------------------------------------------------- */

/* The columns an export of `kind` writes (the import's keys). */
const out_column *record_export_columns(int kind, size_t *n);
/* Writes the records of `kind` within the reader's scope (ratings and
 * trainings of `year` only when year > 0) to o, in a stable order: owner
 * then year. CB_OK (also with no row), CB_EDB. */
int record_export(store *s, int kind, int year, out_writer *o, size_t *rows, cb_error *err);

#endif
