/* csv_read.h - reading CSV text record by record (RFC 4180, as spreadsheets
 * write it); used by the import. Not for modules outside src/core.
 *
 *   csv_reader r;
 *   csv_init(&r, text, len, csv_detect(text, len, &skip) ...);
 *   while ((rc = csv_next(&r, &err)) == 1)
 *       ... r.nfields fields, csv_field(&r, i), the record began on r.line
 *   csv_free(&r);
 */
#ifndef CANBO_CSV_READ_H
#define CANBO_CSV_READ_H

#include <stddef.h>

#include "error.h"

typedef struct csv_reader {
	const char *p, *end; /* what is left of the text */
	char sep;	     /* ',', ';' or '\t' */
	size_t next_line;    /* line number at p (1-based) */
	size_t line;	     /* the line the last record began on */
	char *buf;	     /* the fields of the last record, each NUL-ended */
	size_t len, cap;
	size_t *offs; /* where each field starts in buf */
	size_t nfields, fcap;
} csv_reader;

/* The separator of a file, from its first line: an Excel "sep=;" line
 * names it (then *skip is that line's length, to be passed over);
 * otherwise the most frequent of ',', ';' and tab outside quotes, ',' when
 * there is none or a tie. */
char csv_detect(const char *text, size_t len, size_t *skip);

/* Starts reading text (UTF-8, need not be NUL-terminated); first_line is
 * the line number of text[0]. */
void csv_init(csv_reader *r, const char *text, size_t len, char sep, size_t first_line);

/* Reads the next record. Returns 1 with the record's fields, 0 at the end
 * of the text, or a status with err filled: CB_EINVALID for a quote left
 * open (r->line is then the line it opened on), CB_EDB out of memory. Lines end in LF, CRLF or CR;
 * a field in double quotes may hold the separator, line ends and doubled quotes. */
int csv_next(csv_reader *r, cb_error *err);

/* Field i of the last record ("" past the last field). */
const char *csv_field(const csv_reader *r, size_t i);

void csv_free(csv_reader *r);

#endif
