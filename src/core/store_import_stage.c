/* store_import_stage.c - the rows of a batch import written in one short
 * write transaction (store_import_internal.h).
 *
 * Into a database in use (import_put): everything done per row before the
 * lock is done - the rows packed and placed, their audit entries, JSON and
 * hash in the chain, made by both threads and kept in memory
 * (store_import_audit.c) - and under the lock the rows are bound from
 * memory and inserted in id order, the audit entries after them in the
 * same order (the last of their hashes may still be in the making while
 * the rows go in), the search entries in rank order: each written once,
 * and the work left is SQLite's own. The audit entries can be made before
 * the lock because nothing is written under it unless nobody wrote since
 * the reading began (PRAGMA data_version): the trail's last id and hash
 * read then are still the last ones.
 *
 * The way before (import_stage, then import_apply; kept as the reference
 * the tests compare with, store_import_reference) staged the rows with
 * their audit entries in temporary tables and moved them by a few INSERT
 * ... SELECT: every row written twice. A new file, or a caller's open
 * transaction, takes the rows straight (import_write).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "store_import_internal.h"

/* The page cache while a batch is read and written: the duplicate lookups
 * and the cadre indexes by unit, birth date and organisation touch pages
 * in no particular order, and with SQLite's default 2 MB cache each would
 * be read again and again, each insert spill pages to the journal. */
#define WRITE_CACHE_KIB 65536

static const char stage_sql[] =
	/* the staged rows are written once and read once, under the write
	 * lock: kept in memory (a 100 000-row batch takes about 100 MB with
	 * its audit entries), for a page spilled to a temporary file is read
	 * back while everyone waits; beyond 256 MB they spill all the same.
	 * import_unstage gives the memory back. */
	"PRAGMA temp.cache_size = -262144;"
	/* SQLite as Debian builds it zeroes every freed page: dropping the
	 * staged tables would write all of them again (to the temporary
	 * journal, which gets their old contents all the same), half a second
	 * for 100 000 rows. The temporary file is deleted when closed. */
	"PRAGMA temp.secure_delete = OFF;"
	"DROP TABLE IF EXISTS temp.import_cadre;"
	"DROP TABLE IF EXISTS temp.import_word;"
	"CREATE TEMP TABLE import_cadre(id INTEGER PRIMARY KEY, full_name, name_fold, sort_key,"
	" rank, birth_date, gender, ethnicity, unit_id, org_id, position, pos_rank, level,"
	" managed, is_head, committees, education, theory, party_joined, notes, audit, hash,"
	" religion, academic_title, general_education, state_management, foreign_language,"
	" it_level);"
	"CREATE TEMP TABLE import_word(word TEXT PRIMARY KEY) WITHOUT ROWID;";

static int oom(cb_error *err)
{
	return cb_error_set(err, CB_EDB, _("Out of memory"));
}

void import_unstage(store *s)
{
	char sql[160];
	/* then the temporary database as it was: its cache SQLite's default,
	 * its pages wiped when freed as the main database's are */
	snprintf(sql, sizeof sql,
		 "DROP TABLE IF EXISTS temp.import_cadre; DROP TABLE IF EXISTS temp.import_word;"
		 "PRAGMA temp.cache_size = -2000; PRAGMA temp.secure_delete = %d",
		 (int)store_int(s, "PRAGMA main.secure_delete", 1));
	sqlite3_exec(s->db, sql, NULL, NULL, NULL);
}

static void copy_text(char *dst, size_t cap, const char *src, size_t len)
{
	if (len >= cap)
		len = cap - 1;
	memcpy(dst, src, len);
	dst[len] = '\0';
}

#define COPY(dst, src) copy_text((dst), sizeof(dst), (src), strlen(src))

void import_unpack(const store_import *b, size_t i, int64_t id, cadre *cd)
{
	const rec_head *h = import_head(b, i);
	const unit_names *u = b->units && h->unit_id >= 0 && h->unit_id <= b->max_unit
				      ? &b->units[h->unit_id]
				      : NULL;
	const char *org = h->org_id > 0 && h->org_id <= b->max_org ? b->org_names[h->org_id] : NULL;

	cd->id = id;
	cd->version = 1;
	copy_text(cd->full_name, sizeof cd->full_name, import_text(h, T_NAME), h->len[T_NAME]);
	copy_text(cd->birth_date, sizeof cd->birth_date, import_text(h, T_BIRTH), h->len[T_BIRTH]);
	copy_text(cd->ethnicity, sizeof cd->ethnicity, import_text(h, T_ETHNICITY),
		  h->len[T_ETHNICITY]);
	copy_text(cd->position, sizeof cd->position, import_text(h, T_POSITION),
		  h->len[T_POSITION]);
	copy_text(cd->party_joined, sizeof cd->party_joined, import_text(h, T_JOINED),
		  h->len[T_JOINED]);
	copy_text(cd->notes, sizeof cd->notes, import_text(h, T_NOTES), h->len[T_NOTES]);
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
	cd->religion = h->religion;
	cd->acad_title = h->acad_title;
	cd->general_edu = h->general_edu;
	cd->state_mgmt = h->state_mgmt;
	cd->language = h->language;
	cd->it_level = h->it_level;
	COPY(cd->unit_name, u ? u->name : "");
	COPY(cd->unit_code, u ? u->code : "");
	COPY(cd->district_name, u ? u->district : "");
	COPY(cd->district_code, u ? u->district_code : "");
	COPY(cd->commune_name, u ? u->commune : "");
	COPY(cd->org_name, org ? org : "");
}

static int step(store *s, sqlite3_stmt *st, cb_error *err)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? CB_OK : store_fail(s, err, _("Saving a cadre"));
}

/* The list codes from ?first on; NULL when not recorded. */
static void bind_codes(sqlite3_stmt *st, int first, const rec_head *h)
{
	const int codes[] = {h->religion,   h->acad_title, h->general_edu,
			     h->state_mgmt, h->language,   h->it_level};
	for (int i = 0; i < 6; i++)
		if (codes[i])
			sqlite3_bind_int(st, first + i, codes[i]);
		else
			sqlite3_bind_null(st, first + i);
}

/* Stages row k under this id, with its audit entry (json, which it
 * frees, and the entry's hash): bound from the packed row as it is (the
 * audit thread unpacks its own copy for the JSON). */
static int stage_row(store_import *b, sqlite3_stmt *st, size_t k, int64_t id, char *json,
		     const unsigned char hash[AUDIT_HASH_BYTES], cb_error *err)
{
	const rec_head *h = import_head(b, k);
	const unit_names *u = b->units && h->unit_id >= 0 && h->unit_id <= b->max_unit
				      ? &b->units[h->unit_id]
				      : NULL;
	int rc;

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, import_text(h, T_NAME), h->len[T_NAME], SQLITE_STATIC);
	sqlite3_bind_text(st, 3, import_text(h, T_FOLD), h->len[T_FOLD], SQLITE_STATIC);
	sqlite3_bind_blob(st, 4, import_key(h), h->keylen, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, b->rank[k]);
	sqlite3_bind_text(st, 6, import_text(h, T_BIRTH), h->len[T_BIRTH], SQLITE_STATIC);
	sqlite3_bind_int(st, 7, h->gender);
	sqlite3_bind_text(st, 8, import_text(h, T_ETHNICITY), h->len[T_ETHNICITY], SQLITE_STATIC);
	sqlite3_bind_int64(st, 9, h->unit_id);
	if (h->org_id)
		sqlite3_bind_int64(st, 10, h->org_id);
	else
		sqlite3_bind_null(st, 10);
	sqlite3_bind_text(st, 11, import_text(h, T_POSITION), h->len[T_POSITION], SQLITE_STATIC);
	sqlite3_bind_int(st, 12, h->pos_rank);
	sqlite3_bind_int(st, 13, u ? u->tier : 0); /* the level, as import_unpack gives it */
	sqlite3_bind_int(st, 14, h->managed);
	sqlite3_bind_int(st, 15, h->is_head);
	sqlite3_bind_int(st, 16, h->committees);
	sqlite3_bind_int(st, 17, h->education);
	sqlite3_bind_int(st, 18, h->theory);
	sqlite3_bind_text(st, 19, import_text(h, T_JOINED), h->len[T_JOINED], SQLITE_STATIC);
	sqlite3_bind_text(st, 20, import_text(h, T_NOTES), h->len[T_NOTES], SQLITE_STATIC);
	if (json) {
		sqlite3_bind_text(st, 21, json, -1, free);
		sqlite3_bind_blob(st, 22, hash, AUDIT_HASH_BYTES, SQLITE_TRANSIENT);
	} else { /* kept in memory (b->entries) */
		sqlite3_bind_null(st, 21);
		sqlite3_bind_null(st, 22);
	}
	bind_codes(st, 23, h);
	rc = step(b->s, st, err);
	return rc;
}

/* ---- the words of the names, each once ---------------------------------- */

typedef struct word_set {
	char **slot; /* open addressing; NULL = empty */
	size_t n, cap;
} word_set;

static uint64_t word_hash(const char *p, size_t len)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)p[i]) * 1099511628211ull;
	return h;
}

static char **word_slot(const word_set *w, const char *p, size_t len)
{
	for (size_t j = word_hash(p, len) & (w->cap - 1);; j = (j + 1) & (w->cap - 1))
		if (!w->slot[j] || (strncmp(w->slot[j], p, len) == 0 && !w->slot[j][len]))
			return &w->slot[j];
}

/* Adds a word (len bytes at p); false when out of memory. */
static bool word_add(word_set *w, const char *p, size_t len)
{
	char **at;
	if (2 * (w->n + 1) > w->cap) {
		word_set bigger = {calloc(w->cap ? 2 * w->cap : 1024, sizeof(char *)), w->n,
				   w->cap ? 2 * w->cap : 1024};
		if (!bigger.slot)
			return false;
		for (size_t i = 0; i < w->cap; i++)
			if (w->slot[i])
				*word_slot(&bigger, w->slot[i], strlen(w->slot[i])) = w->slot[i];
		free(w->slot);
		*w = bigger;
	}
	if (*(at = word_slot(w, p, len)))
		return true;
	if (!(*at = strndup(p, len)))
		return false;
	w->n++;
	return true;
}

static void words_free(word_set *w)
{
	for (size_t i = 0; i < w->cap; i++)
		free(w->slot[i]);
	free(w->slot);
}

static bool words_of(word_set *w, const char *fold)
{
	for (const char *p = fold; *p;) {
		size_t len = strcspn(p, " ");
		if (len && !word_add(w, p, len))
			return false;
		p += len;
		p += strspn(p, " ");
	}
	return true;
}

static int stage_words(store_import *b, const word_set *w, const char *sql, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(b->s, sql, err);
	int rc = CB_OK;
	if (!st)
		return CB_EDB;
	for (size_t i = 0; !rc && i < w->cap; i++)
		if (w->slot[i]) {
			sqlite3_bind_text(st, 1, w->slot[i], -1, SQLITE_STATIC);
			rc = step(b->s, st, err);
		}
	sqlite3_finalize(st);
	return rc;
}

/* ---- staging ---------------------------------------------------------------- */

/* The time every entry of the batch carries, as the trail writes it. */
static void audit_time(char *buf, size_t cap)
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(buf, cap, "%Y-%m-%d %H:%M:%S", &tm);
}

/* Where the rows go: the temporary tables (staged, moved under the lock
 * by import_apply), or straight into the database (import_write). */
typedef struct target {
	sqlite3_stmt *row;   /* a cadre, numbered as stage_row binds it */
	sqlite3_stmt *audit; /* straight: its audit entry */
	sqlite3_stmt *fts;   /* straight: its search entry */
	bool direct;
} target;

static const char staged_row_sql[] =
	"INSERT INTO temp.import_cadre VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
	" ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28)";
/* the same numbering: ?21 and ?22 (the audit entry) go to the trail */
static const char direct_row_sql[] =
	"INSERT INTO main.cadre(id, full_name, name_fold, sort_key, rank, birth_date, gender,"
	" ethnicity, unit_id, org_id, position, pos_rank, level, managed, is_head, committees,"
	" education, theory, party_joined, notes, religion, academic_title, general_education,"
	" state_management, foreign_language, it_level) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
	" ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?23, ?24, ?25, ?26, ?27,"
	" ?28)";
static const char direct_audit_sql[] =
	"INSERT INTO main.audit(id, at, user, tbl, row_id, action, old, new, hash)"
	" VALUES(?1, ?2, ?3, 'cadre', ?4, 'insert', NULL, ?5, ?6)";
static const char direct_fts_sql[] = "INSERT INTO main.cadre_fts(rowid, name, place)"
				     " VALUES(?1, ?2, " SEARCH_PLACE_SQL("?3") ")";

static int target_open(store_import *b, bool direct, target *t, cb_error *err)
{
	memset(t, 0, sizeof *t);
	t->direct = direct;
	if (!direct && sqlite3_exec(b->s->db, stage_sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(b->s, err, _("Saving a cadre"));
	if (!(t->row = store_prepare(b->s, direct ? direct_row_sql : staged_row_sql, err)))
		return CB_EDB;
	if (direct && (!(t->audit = store_prepare(b->s, direct_audit_sql, err)) ||
		       (!b->renumber && !(t->fts = store_prepare(b->s, direct_fts_sql, err)))))
		return CB_EDB;
	if (direct) {
		sqlite3_bind_text(t->audit, 2, b->audit_at, -1, SQLITE_STATIC);
		sqlite3_bind_text(t->audit, 3, b->s->user, -1, SQLITE_STATIC);
	}
	return CB_OK;
}

static void target_close(target *t)
{
	sqlite3_finalize(t->row);
	sqlite3_finalize(t->audit);
	sqlite3_finalize(t->fts);
}

/* Straight: row k's audit entry and search entry (the row itself is
 * written by stage_row). */
static int direct_extras(store_import *b, const target *t, size_t k, int64_t id, const char *json,
			 const unsigned char hash[AUDIT_HASH_BYTES], cb_error *err)
{
	const rec_head *h = import_head(b, k);
	int rc;

	sqlite3_bind_int64(t->audit, 1, b->audit_first + (id - b->first_id));
	sqlite3_bind_int64(t->audit, 4, id);
	sqlite3_bind_text(t->audit, 5, json, -1, SQLITE_STATIC);
	sqlite3_bind_blob(t->audit, 6, hash, AUDIT_HASH_BYTES, SQLITE_STATIC);
	rc = sqlite3_step(t->audit);
	sqlite3_reset(t->audit);
	if (rc != SQLITE_DONE)
		return store_fail(b->s, err, _("Writing the audit trail"));
	if (!t->fts)
		return CB_OK;
	sqlite3_bind_int64(t->fts, 1, b->rank[k]);
	sqlite3_bind_text(t->fts, 2, import_text(h, T_FOLD), h->len[T_FOLD], SQLITE_STATIC);
	sqlite3_bind_int64(t->fts, 3, h->unit_id);
	rc = sqlite3_step(t->fts);
	sqlite3_reset(t->fts);
	return rc == SQLITE_DONE ? CB_OK : store_fail(b->s, err, _("Updating the search index"));
}

/* The audit trail's last entry and hash, and the time of the batch's. */
static int audit_start(store_import *b, unsigned char prev[AUDIT_HASH_BYTES], bool *chained,
		       cb_error *err)
{
	int64_t last = 0;
	int rc;
	audit_time(b->audit_at, sizeof b->audit_at);
	if ((rc = store_audit_head(b->s, &last, prev, chained, err)))
		return rc;
	b->audit_first = last + 1;
	return CB_OK;
}

int import_entries_start(store_import *b, const uint32_t *order, cb_error *err)
{
	unsigned char prev[AUDIT_HASH_BYTES] = {0};
	bool chained = false;
	int rc = audit_start(b, prev, &chained, err);
	if (rc || store_import_reference)
		return rc;
	return audit_all_start(b, order, prev, chained, &b->entries, err);
}

/* The rows, with their audit entries unless b->entries keeps them. */
static int write_rows(store_import *b, const uint32_t *order, bool direct, cb_error *err)
{
	word_set words = {0};
	audit_ahead *ahead = NULL;
	unsigned char prev[AUDIT_HASH_BYTES] = {0}, hash[AUDIT_HASH_BYTES];
	bool chained = false, kept = !direct && b->entries;
	target t = {0};
	int rc = CB_OK;

	if (!kept && (rc = audit_start(b, prev, &chained, err)))
		return rc;
	rc = target_open(b, direct, &t, err);
	if (!rc && !kept)
		rc = audit_ahead_start(b, order, prev, chained, &ahead, err);
	for (size_t k = 0; !rc && k < b->n; k++) {
		char *json = kept ? NULL : audit_ahead_take(ahead, k, hash);
		if (!json && !kept) {
			rc = oom(err);
			break;
		}
		int64_t id = b->first_id + (int64_t)k;
		if (direct && (rc = direct_extras(b, &t, order[k], id, json, hash, err))) {
			free(json);
			break;
		}
		rc = stage_row(b, t.row, order[k], id, json, hash, err);
		if (!rc && !b->renumber &&
		    !words_of(&words, import_text(import_head(b, order[k]), T_FOLD)))
			rc = oom(err);
	}
	audit_ahead_end(ahead);
	if (!rc && !b->renumber)
		rc = stage_words(b, &words,
				 direct ? "INSERT OR IGNORE INTO main.name_word VALUES(?1)"
					: "INSERT INTO temp.import_word VALUES(?1)",
				 err);
	target_close(&t);
	words_free(&words);
	return rc;
}

int import_stage(store_import *b, const uint32_t *order, cb_error *err)
{
	int rc = write_rows(b, order, false, err);
	/* the staged ids go by unit (store_import.c), the search index by
	 * rank: FTS5 takes its entries in rowid order, or writes what it holds
	 * at each step back. Sorted now, not under the lock. */
	if (!rc && !b->renumber &&
	    sqlite3_exec(
		    b->s->db,
		    "CREATE INDEX temp.import_cadre_rank ON import_cadre(rank, name_fold, unit_id)",
		    NULL, NULL, NULL) != SQLITE_OK)
		rc = store_fail(b->s, err, _("Saving a cadre"));
	return rc;
}

int import_write(store_import *b, const uint32_t *order, cb_error *err)
{
	int rc = write_rows(b, order, true, err);
	if (!rc && b->renumber)
		rc = search_rebuild_tx(b->s, err);
	return rc ? rc : store_ensure_indexes(b->s, err);
}

static void set_cache(store *s, int64_t size)
{
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA main.cache_size = %lld", (long long)size);
	sqlite3_exec(s->db, sql, NULL, NULL, NULL);
}

/* The staged rows, their audit entries and, unless everyone is renumbered
 * after, their search entries and words. */
static int apply_rows(store_import *b, cb_error *err)
{
	static const char rows_sql[] = IMPORT_CADRE_INSERT " FROM temp.import_cadre ORDER BY id";
	static const char audit_sql[] =
		"INSERT INTO main.audit(id, at, user, tbl, row_id, action, old, new, hash)"
		" SELECT ?1 + id - ?2, ?3, ?4, 'cadre', id, 'insert', NULL, audit, hash"
		" FROM temp.import_cadre ORDER BY id";
	static const char fts_sql[] =
		"INSERT INTO main.cadre_fts(rowid, name, place)"
		" SELECT rank, name_fold, " SEARCH_PLACE_SQL(
			"unit_id") " FROM temp.import_cadre"
				   " ORDER BY rank;"
				   "INSERT OR IGNORE INTO main.name_word(word) SELECT word FROM "
				   "temp.import_word";
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_exec(b->s->db, rows_sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(b->s, err, _("Saving a cadre"));
	if (!(st = store_prepare(b->s, audit_sql, err)))
		return CB_EDB;
	sqlite3_bind_int64(st, 1, b->audit_first);
	sqlite3_bind_int64(st, 2, b->first_id);
	sqlite3_bind_text(st, 3, b->audit_at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, b->s->user, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(b->s, err, _("Writing the audit trail"));
	if (b->renumber)
		return search_rebuild_tx(b->s, err);
	if (sqlite3_exec(b->s->db, fts_sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(b->s, err, _("Updating the search index"));
	return CB_OK;
}

/* ---- straight from memory, the entries made before ------------------------- */

int import_put(store_import *b, const uint32_t *order, cb_error *err)
{
	int rc = import_put_rows(b, order, err);
	if (!rc && b->renumber)
		rc = search_rebuild_tx(b->s, err);
	else if (!rc) { /* the words of the names */
		word_set words = {0};
		for (size_t i = 0; !rc && i < b->n; i++)
			if (!words_of(&words, import_text(import_head(b, i), T_FOLD)))
				rc = oom(err);
		if (!rc)
			rc = stage_words(b, &words,
					 "INSERT OR IGNORE INTO main.name_word VALUES(?1)", err);
		words_free(&words);
	}
	if (!rc)
		rc = store_ensure_indexes(b->s, err);
	/* the audit entries last: the thread that hashes them has had all of
	 * the above to finish (a new file's indexes are built only now) */
	return rc ? rc : import_put_audit(b, order, err);
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
	/* the sorts that build a new file's indexes may use a second core */
	sqlite3_exec(b->s->db, big ? "PRAGMA threads = 2" : "PRAGMA threads = 0", NULL, NULL, NULL);
	if (big) {
		int64_t page = store_int(b->s, "PRAGMA main.page_size", 0);
		b->cache = store_int(b->s, "PRAGMA main.cache_size", 0);
		b->grown = b->cache >= 0 ? b->cache * page < WRITE_CACHE_KIB * 1024
					 : -b->cache < WRITE_CACHE_KIB;
		if (b->grown)
			set_cache(b->s, -WRITE_CACHE_KIB);
	} else if (b->grown) {
		set_cache(b->s, b->cache);
		b->grown = false;
	}
}

void import_checkpoint(store_import *b, bool later)
{
	char sql[64];
	if (later) {
		b->autocheckpoint = store_int(b->s, "PRAGMA wal_autocheckpoint", 0);
		sqlite3_exec(b->s->db, "PRAGMA wal_autocheckpoint = 0", NULL, NULL, NULL);
		return;
	}
	snprintf(sql, sizeof sql, "PRAGMA wal_autocheckpoint = %lld", (long long)b->autocheckpoint);
	sqlite3_exec(b->s->db, sql, NULL, NULL, NULL);
	if (b->autocheckpoint > 0)
		sqlite3_exec(b->s->db, "PRAGMA main.wal_checkpoint(PASSIVE)", NULL, NULL, NULL);
}
