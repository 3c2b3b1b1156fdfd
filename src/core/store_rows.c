/* store_rows.c - reading the whole result of a statement into an array.
 *
 * Lists of records (units, organisations, ratings, plan items, notes,
 * self-checks...) are all read the same way: step to the end, grow a
 * malloc'd array by doubling, read each row into the next element, and on
 * any failure return nothing at all. Written once here, so that every list
 * fails the same way: "Out of memory", or the store's message for what was
 * being read.
 */
#include "store_internal.h"

#include <stdlib.h>

#include "i18n.h"

#define FIRST_CAP 16

/* Makes room for one more element; false when memory ran out. */
static bool grow(char **rows, size_t *cap, size_t count, size_t size)
{
	size_t ncap = *cap ? *cap * 2 : FIRST_CAP;
	char *bigger;
	if (count < *cap)
		return true;
	if (!(bigger = realloc(*rows, ncap * size)))
		return false;
	*rows = bigger;
	*cap = ncap;
	return true;
}

int store_rows(store *s, sqlite3_stmt *st, size_t size, store_row_fn read, void **out, size_t *n,
	       const char *what, cb_error *err)
{
	char *rows = NULL;
	size_t cap = 0, count = 0;
	int step, rc = CB_OK;

	*out = NULL;
	*n = 0;
	if (!st)
		return CB_EDB; /* store_prepare has filled err */
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (!grow(&rows, &cap, count, size)) {
			rc = cb_error_set(err, CB_EDB, _("Out of memory"));
			break;
		}
		read(st, rows + count++ * size);
	}
	if (!rc && step != SQLITE_DONE)
		rc = store_fail(s, err, what);
	sqlite3_finalize(st);
	if (rc) {
		free(rows);
		return rc;
	}
	*out = rows;
	*n = count;
	return CB_OK;
}
