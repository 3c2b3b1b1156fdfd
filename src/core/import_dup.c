/* import_dup.c - duplicates: a row whose name (in canonical form) and
 * birth date were met earlier in the file or are already in the database
 * (import_internal.h).
 *
 * Looked up row by row, a stored twin costs an index probe and
 * the canonical form of each cadre born the same day: some twenty
 * microseconds a row, two seconds for a 100 000-row file. When the file
 * has about as many rows as the database or more, reading every stored
 * name once into a set of hashes is cheaper, and then a row whose hash is
 * not in the set has no twin; a row whose hash is there is looked up as
 * before, so the answer (and the id it names) is exactly the same.
 */
#include "import_internal.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"

/* Stored cadres read per file row, at most, for the set to pay off. */
#define TWIN_READ_PER_ROW 4

uint64_t import_twin_hash(const char *birth, const char *canonical)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (const char *p = birth; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	h = (h ^ '|') * 1099511628211ull;
	for (const char *p = canonical; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	return h ? h : 1; /* 0 marks an empty slot */
}

static bool twin_add(import_ctx *x, uint64_t h)
{
	size_t j;
	if (2 * (x->twin_n + 1) > x->twin_cap) {
		size_t cap = x->twin_cap ? 2 * x->twin_cap : 4096;
		uint64_t *t = calloc(cap, sizeof *t);
		if (!t)
			return false;
		for (size_t i = 0; i < x->twin_cap; i++)
			if (x->twin[i]) {
				for (j = x->twin[i] & (cap - 1); t[j]; j = (j + 1) & (cap - 1))
					;
				t[j] = x->twin[i];
			}
		free(x->twin);
		x->twin = t;
		x->twin_cap = cap;
	}
	for (j = h & (x->twin_cap - 1); x->twin[j]; j = (j + 1) & (x->twin_cap - 1))
		if (x->twin[j] == h)
			return true;
	x->twin[j] = h;
	x->twin_n++;
	return true;
}

static int64_t stored_estimate(import_ctx *x)
{
	sqlite3_stmt *st;
	int64_t n = -1;
	if (sqlite3_prepare_v2(store_db(x->s), "SELECT max(id) FROM cadre", -1, &st, NULL) !=
	    SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

int import_twins_load(import_ctx *x, size_t rows, cb_error *err)
{
	char canon[4 * CADRE_NAME_MAX + 4];
	sqlite3_stmt *st;
	int64_t stored = stored_estimate(x);
	int rc;

	if (stored < 0 || (uint64_t)stored > (uint64_t)rows * TWIN_READ_PER_ROW)
		return CB_OK; /* row by row it is */
	if (sqlite3_prepare_v2(store_db(x->s), "SELECT birth_date, full_name FROM cadre", -1, &st,
			       NULL) != SQLITE_OK)
		return store_fail(x->s, err, _("Reading a cadre"));
	x->twins_loaded = true;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *birth = (const char *)sqlite3_column_text(st, 0);
		text_canonical((const char *)sqlite3_column_text(st, 1), canon, sizeof canon);
		if (!twin_add(x, import_twin_hash(birth ? birth : "", canon))) {
			x->twins_loaded = false; /* out of memory: row by row it is */
			break;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_fail(x->s, err, _("Reading a cadre"));
	return CB_OK;
}

bool import_twin_maybe(const import_ctx *x, uint64_t h)
{
	if (!x->twins_loaded)
		return true;
	for (size_t j = h & (x->twin_cap - 1); x->twin_cap && x->twin[j];
	     j = (j + 1) & (x->twin_cap - 1))
		if (x->twin[j] == h)
			return true;
	return false;
}

void import_twins_free(import_ctx *x)
{
	free(x->twin);
	x->twin = NULL;
	x->twin_n = x->twin_cap = 0;
	x->twins_loaded = false;
}

/* ---- the row against the file and the database --------------------------- */

static uint64_t hash_key(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static int seen_grow(import_ctx *x, cb_error *err)
{
	size_t cap = x->seen_cap ? 2 * x->seen_cap : 1024;
	import_seen *t = calloc(cap, sizeof *t);

	if (!t)
		return cb_error_set(err, CB_EDB, "%s", _("Out of memory"));
	for (size_t i = 0; i < x->seen_cap; i++) {
		size_t j = x->seen[i].hash & (cap - 1);
		if (!x->seen[i].key)
			continue;
		while (t[j].key)
			j = (j + 1) & (cap - 1);
		t[j] = x->seen[i];
	}
	free(x->seen);
	x->seen = t;
	x->seen_cap = cap;
	return CB_OK;
}

/* The line where this name and birth date were met before in the file
 * (0: never; then they are remembered with the current line). */
static int seen_before(import_ctx *x, const char *name, const char *birth, size_t *line,
		       cb_error *err)
{
	char key[4 * CADRE_NAME_MAX + 16];
	uint64_t h;
	size_t j;
	int rc;

	*line = 0;
	if (2 * (x->nseen + 1) > x->seen_cap && (rc = seen_grow(x, err)))
		return rc;
	size_t n = (size_t)snprintf(key, sizeof key, "%s|", birth);
	text_canonical(name, key + n, sizeof key - n);
	h = hash_key(key);
	for (j = h & (x->seen_cap - 1); x->seen[j].key; j = (j + 1) & (x->seen_cap - 1))
		if (x->seen[j].hash == h && strcmp(x->seen[j].key, key) == 0) {
			*line = x->seen[j].line;
			return CB_OK;
		}
	if (!(x->seen[j].key = strdup(key)))
		return cb_error_set(err, CB_EDB, "%s", _("Out of memory"));
	x->seen[j].hash = h;
	x->seen[j].line = x->line;
	x->nseen++;
	return CB_OK;
}

/* The id of a cadre already stored with this name (in canonical form:
 * case and tone placement aside) and birth date, 0 if none. cadre_birth
 * indexes the birth date, so this reads a few rows. */
static int stored_twin(import_ctx *x, const char *name, const char *birth, int64_t *id,
		       cb_error *err)
{
	static const char sql[] = "SELECT id, full_name FROM cadre WHERE birth_date = ?1";
	char want[4 * CADRE_NAME_MAX + 4], have[4 * CADRE_NAME_MAX + 4];
	sqlite3 *db = store_db(x->s);
	int rc;

	*id = 0;
	text_canonical(name, want, sizeof want);
	if (!import_twin_maybe(x, import_twin_hash(birth, want)))
		return CB_OK;
	if (!x->dup && sqlite3_prepare_v2(db, sql, -1, &x->dup, NULL) != SQLITE_OK)
		return store_fail(x->s, err, _("Reading a cadre"));
	if (sqlite3_bind_text(x->dup, 1, birth, -1, SQLITE_STATIC) != SQLITE_OK)
		return store_fail(x->s, err, _("Reading a cadre"));
	while ((rc = sqlite3_step(x->dup)) == SQLITE_ROW) {
		text_canonical((const char *)sqlite3_column_text(x->dup, 1), have, sizeof have);
		if (strcmp(want, have) == 0) {
			*id = sqlite3_column_int64(x->dup, 0);
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(x->dup);
	sqlite3_clear_bindings(x->dup);
	if (rc != SQLITE_DONE)
		return store_fail(x->s, err, _("Reading a cadre"));
	return CB_OK;
}

int import_check_duplicate(import_ctx *x, const char *name, const char *birth, cb_error *err)
{
	size_t line;
	int64_t id;
	int rc;

	if ((rc = seen_before(x, name, birth, &line, err)))
		return rc;
	if (line) {
		import_problem(x, x->col[IC_NAME], false,
			       _("Duplicate: the same name and birth date as line %zu"), line);
		return CB_OK;
	}
	if ((rc = stored_twin(x, name, birth, &id, err)))
		return rc;
	if (id)
		import_problem(x, x->col[IC_NAME], false,
			       _("Duplicate: a cadre with this name and birth date is already in "
				 "the database (id %lld)"),
			       (long long)id);
	return CB_OK;
}
