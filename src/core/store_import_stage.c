/* store_import_stage.c - the rows of a batch import staged in temporary
 * tables, then moved into the database in one short write transaction
 * (store_import_internal.h).
 *
 * Everything done per row - binding twenty values, writing the audit
 * entry's JSON, splitting the name into words - happens while staging,
 * before the write lock; the staged rows are in id order, which is name
 * order, so that under the lock the rows, their audit entries and their
 * search index entries are each appended by one INSERT ... SELECT.
 */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store_import_internal.h"

/* The page cache while a batch is read and written: the duplicate lookups
 * and the cadre indexes by unit, birth date and organisation touch pages
 * in no particular order, and with SQLite's default 2 MB cache each would
 * be read again and again, each insert spill pages to the journal. */
#define WRITE_CACHE_KIB 65536

static const char stage_sql[] =
	/* the staged rows are written once and read once: kept in memory up
	 * to the size of the main cache, spilled to a temporary file beyond */
	"PRAGMA temp.cache_size = -65536;"
	"DROP TABLE IF EXISTS temp.import_cadre;"
	"DROP TABLE IF EXISTS temp.import_word;"
	"CREATE TEMP TABLE import_cadre(id INTEGER PRIMARY KEY, full_name, name_fold, sort_key,"
	" rank, birth_date, gender, ethnicity, unit_id, org_id, position, pos_rank, level,"
	" managed, is_head, committees, education, theory, party_joined, notes, audit);"
	"CREATE TEMP TABLE import_word(word TEXT PRIMARY KEY) WITHOUT ROWID;";

static int oom(cb_error *err)
{
	return cb_error_set(err, CB_EDB, _("Out of memory"));
}

void import_unstage(store *s)
{
	sqlite3_exec(s->db,
		     "DROP TABLE IF EXISTS temp.import_cadre; DROP TABLE IF EXISTS temp.import_word",
		     NULL, NULL, NULL);
}

/* Row i as a cadre record with this id, as store_cadre_get would read it
 * back (the audit trail records that). */
static void unpack(const store_import *b, size_t i, int64_t id, cadre *cd)
{
	const rec_head *h = import_head(b, i);
	const unit_names *u = b->units && h->unit_id >= 0 && h->unit_id <= b->max_unit
				      ? &b->units[h->unit_id]
				      : NULL;
	const char *org = h->org_id > 0 && h->org_id <= b->max_org ? b->org_names[h->org_id] : NULL;

	cd->id = id;
	cd->version = 1;
	memcpy(cd->full_name, import_text(h, T_NAME), h->len[T_NAME] + 1u);
	memcpy(cd->birth_date, import_text(h, T_BIRTH), h->len[T_BIRTH] + 1u);
	memcpy(cd->ethnicity, import_text(h, T_ETHNICITY), h->len[T_ETHNICITY] + 1u);
	memcpy(cd->position, import_text(h, T_POSITION), h->len[T_POSITION] + 1u);
	memcpy(cd->party_joined, import_text(h, T_JOINED), h->len[T_JOINED] + 1u);
	memcpy(cd->notes, import_text(h, T_NOTES), h->len[T_NOTES] + 1u);
	cd->gender = h->gender;
	cd->unit_id = h->unit_id;
	cd->org_id = h->org_id;
	cd->pos_rank = h->pos_rank;
	cd->level = u ? u->tier : 0;
	cd->managed = h->managed;
	cd->is_head = h->is_head;
	cd->committees = h->committees;
	cd->education = h->education;
	cd->theory = h->theory;
	snprintf(cd->unit_name, sizeof cd->unit_name, "%s", u ? u->name : "");
	snprintf(cd->unit_code, sizeof cd->unit_code, "%s", u ? u->code : "");
	snprintf(cd->district_name, sizeof cd->district_name, "%s", u ? u->district : "");
	snprintf(cd->district_code, sizeof cd->district_code, "%s", u ? u->district_code : "");
	snprintf(cd->commune_name, sizeof cd->commune_name, "%s", u ? u->commune : "");
	snprintf(cd->org_name, sizeof cd->org_name, "%s", org ? org : "");
}

static int step(store *s, sqlite3_stmt *st, cb_error *err)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? CB_OK : store_fail(s, err, _("Saving a cadre"));
}

static int stage_row(store_import *b, sqlite3_stmt *st, size_t i, int64_t id, cadre *cd,
		     cb_error *err)
{
	const rec_head *h = import_head(b, i);
	char *json;
	int rc;

	unpack(b, i, id, cd);
	if (!(json = cadre_to_json(cd)))
		return oom(err);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, import_text(h, T_NAME), h->len[T_NAME], SQLITE_STATIC);
	sqlite3_bind_text(st, 3, import_text(h, T_FOLD), h->len[T_FOLD], SQLITE_STATIC);
	sqlite3_bind_blob(st, 4, import_key(h), h->keylen, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, b->rank[i]);
	sqlite3_bind_text(st, 6, import_text(h, T_BIRTH), h->len[T_BIRTH], SQLITE_STATIC);
	sqlite3_bind_int(st, 7, cd->gender);
	sqlite3_bind_text(st, 8, import_text(h, T_ETHNICITY), h->len[T_ETHNICITY], SQLITE_STATIC);
	sqlite3_bind_int64(st, 9, cd->unit_id);
	if (cd->org_id)
		sqlite3_bind_int64(st, 10, cd->org_id);
	else
		sqlite3_bind_null(st, 10);
	sqlite3_bind_text(st, 11, import_text(h, T_POSITION), h->len[T_POSITION], SQLITE_STATIC);
	sqlite3_bind_int(st, 12, cd->pos_rank);
	sqlite3_bind_int(st, 13, cd->level);
	sqlite3_bind_int(st, 14, cd->managed);
	sqlite3_bind_int(st, 15, cd->is_head);
	sqlite3_bind_int(st, 16, cd->committees);
	sqlite3_bind_int(st, 17, cd->education);
	sqlite3_bind_int(st, 18, cd->theory);
	sqlite3_bind_text(st, 19, import_text(h, T_JOINED), h->len[T_JOINED], SQLITE_STATIC);
	sqlite3_bind_text(st, 20, import_text(h, T_NOTES), h->len[T_NOTES], SQLITE_STATIC);
	sqlite3_bind_text(st, 21, json, -1, SQLITE_STATIC);
	rc = step(b->s, st, err);
	free(json);
	return rc;
}

/* The words of a fold, each once (names in order: a word is mostly the one
 * of the row before, which the unique key turns away cheaply). */
static int stage_words(store_import *b, sqlite3_stmt *st, size_t i, cb_error *err)
{
	const rec_head *h = import_head(b, i);
	int rc = CB_OK;
	for (const char *p = import_text(h, T_FOLD); !rc && *p;) {
		size_t len = strcspn(p, " ");
		if (len) {
			sqlite3_bind_text(st, 1, p, (int)len, SQLITE_STATIC);
			rc = step(b->s, st, err);
		}
		p += len;
		p += strspn(p, " ");
	}
	return rc;
}

int import_stage(store_import *b, const uint32_t *order, cb_error *err)
{
	sqlite3_stmt *row = NULL, *word = NULL;
	cadre *cd = malloc(sizeof *cd);
	int rc = CB_OK;

	if (!cd)
		return oom(err);
	if (sqlite3_exec(b->s->db, stage_sql, NULL, NULL, NULL) != SQLITE_OK ||
	    !(row = store_prepare(b->s,
				  "INSERT INTO temp.import_cadre VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
				  " ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
				  err)) ||
	    !(word = store_prepare(b->s, "INSERT OR IGNORE INTO temp.import_word VALUES(?1)",
				   err)))
		rc = store_fail(b->s, err, _("Saving a cadre"));
	for (size_t k = 0; !rc && k < b->n; k++) {
		rc = stage_row(b, row, order[k], b->first_id + (int64_t)k, cd, err);
		if (!rc && !b->renumber)
			rc = stage_words(b, word, order[k], err);
	}
	sqlite3_finalize(row);
	sqlite3_finalize(word);
	free(cd);
	return rc;
}

static int64_t pragma_int(store *s, const char *sql)
{
	sqlite3_stmt *st;
	int64_t v = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void set_cache(store *s, int64_t size)
{
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA main.cache_size = %lld", (long long)size);
	sqlite3_exec(s->db, sql, NULL, NULL, NULL);
}

/* The staged rows, their audit entries (all at the time of the commit) and,
 * unless everyone is renumbered after, their search entries and words. */
static int apply_rows(store_import *b, cb_error *err)
{
	static const char rows_sql[] =
		"INSERT INTO main.cadre(id, full_name, name_fold, sort_key, rank, birth_date,"
		" gender, ethnicity, unit_id, org_id, position, pos_rank, level, managed, is_head,"
		" committees, education, theory, party_joined, notes)"
		" SELECT id, full_name, name_fold, sort_key, rank, birth_date, gender, ethnicity,"
		" unit_id, org_id, position, pos_rank, level, managed, is_head, committees,"
		" education, theory, party_joined, notes FROM temp.import_cadre ORDER BY id";
	/* one time for the whole batch; ids after the last audit row; each
	 * row's hash chained to the one before (audit.h) */
	static const char audit_sql[] =
		"INSERT INTO main.audit(id, at, user, tbl, row_id, action, old, new, hash)"
		" SELECT n.base + c.id - ?2, n.at, ?1, 'cadre', c.id, 'insert', NULL, c.audit,"
		"  canbo_audit_chain(n.base + c.id - ?2, n.at, ?1, 'cadre', c.id, 'insert', NULL,"
		"   c.audit)"
		" FROM (SELECT (SELECT coalesce(max(id), 0) + 1 FROM main.audit) AS base,"
		"  strftime('%Y-%m-%d %H:%M:%S','now') AS at) n, temp.import_cadre c ORDER BY c.id";
	static const char fts_sql[] =
		"INSERT INTO main.cadre_fts(rowid, name)"
		" SELECT rank, name_fold FROM temp.import_cadre ORDER BY id;"
		"INSERT OR IGNORE INTO main.name_word(word) SELECT word FROM temp.import_word";
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_exec(b->s->db, rows_sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(b->s, err, _("Saving a cadre"));
	if ((rc = store_audit_chain_begin(b->s, err)))
		return rc;
	if (!(st = store_prepare(b->s, audit_sql, err))) {
		store_audit_chain_end(b->s);
		return CB_EDB;
	}
	sqlite3_bind_text(st, 1, b->s->user, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, b->first_id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	store_audit_chain_end(b->s);
	if (rc != SQLITE_DONE)
		return store_fail(b->s, err, _("Writing the audit trail"));
	if (b->renumber)
		return search_rebuild_tx(b->s, err);
	if (sqlite3_exec(b->s->db, fts_sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(b->s, err, _("Updating the search index"));
	return CB_OK;
}

int import_apply(store_import *b, cb_error *err)
{
	int rc = apply_rows(b, err);
	/* a new file opened for a bulk load has no cadre indexes yet: they are
	 * built once, sorted, rather than kept up to date row by row */
	return rc ? rc : store_ensure_indexes(b->s, err);
}

void import_cache(store_import *b, bool big)
{
	if (big) {
		int64_t page = pragma_int(b->s, "PRAGMA main.page_size");
		b->cache = pragma_int(b->s, "PRAGMA main.cache_size");
		b->grown = b->cache >= 0 ? b->cache * page < WRITE_CACHE_KIB * 1024
					 : -b->cache < WRITE_CACHE_KIB;
		if (b->grown)
			set_cache(b->s, -WRITE_CACHE_KIB);
	} else if (b->grown) {
		set_cache(b->s, b->cache);
		b->grown = false;
	}
}
