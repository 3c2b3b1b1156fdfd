/* store_bulk.c - loading a fresh database fast (the demo province).
 *
 * One transaction for the whole load, one prepared statement per table,
 * no audit row per record and no search maintenance per cadre: cadres get
 * provisional negative ranks (distinct, so even an existing unique index is
 * satisfied) and store_bulk_end renumbers everyone in Vietnamese order and
 * builds cadre_fts and the cadre indexes once, which is far cheaper than
 * keeping them up to date a row at a time.
 */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"

enum { BULK_CADRE, BULK_ORG, BULK_RATING, BULK_TRAINING, BULK_PLANNING, BULK_COUNT };

static const char *const bulk_sql[BULK_COUNT] = {
	[BULK_CADRE] =
		"INSERT INTO cadre(full_name, name_fold, sort_key, rank, birth_date,"
		" gender, ethnicity, unit_id, org_id, position, pos_rank, level, managed,"
		" is_head, committees, education, theory, party_joined, notes)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
		" ?15, ?16, ?17, ?18, ?19)",
	[BULK_ORG] = "INSERT INTO org(name, kind, parent_id, unit_id) VALUES(?, ?, ?, ?)",
	[BULK_RATING] = "INSERT INTO rating(cadre_id, org_id, year, grade) VALUES(?, ?, ?, ?)",
	[BULK_TRAINING] = "INSERT INTO training(cadre_id, year, kind, course) VALUES(?, ?, ?, ?)",
	[BULK_PLANNING] = "INSERT INTO planning(cadre_id, term, position) VALUES(?, ?, ?)",
};

struct store_bulk {
	store *s;
	sqlite3_stmt *st[BULK_COUNT];
	int *tier;        /* unit id -> tier, 0 = no such unit */
	int64_t max_unit; /* size of tier - 1 */
	int64_t next_rank; /* provisional ranks count down from -1 */
	int64_t cadres;
};

static int load_tiers(store_bulk *b, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(b->s, "SELECT max(id) FROM unit", err);
	int rc;
	if (!st)
		return CB_EDB;
	if (sqlite3_step(st) == SQLITE_ROW)
		b->max_unit = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	b->tier = calloc((size_t)b->max_unit + 1, sizeof *b->tier);
	if (!b->tier)
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	if (!(st = store_prepare(b->s, "SELECT id, tier FROM unit", err)))
		return CB_EDB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		b->tier[sqlite3_column_int64(st, 0)] = sqlite3_column_int(st, 1);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? CB_OK : store_fail(b->s, err, _("Reading units"));
}

/* Provisional ranks go below every existing one. */
static int first_rank(store_bulk *b, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(b->s, "SELECT min(0, coalesce(min(rank), 0)) FROM cadre", err);
	int rc;
	if (!st)
		return CB_EDB;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		b->next_rank = sqlite3_column_int64(st, 0) - 1;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? CB_OK : store_fail(b->s, err, _("Reading the list"));
}

static void bulk_free(store_bulk *b)
{
	for (int i = 0; i < BULK_COUNT; i++)
		sqlite3_finalize(b->st[i]);
	free(b->tier);
	free(b);
}

int store_bulk_begin(store *s, store_bulk **out, cb_error *err)
{
	store_bulk *b = calloc(1, sizeof *b);
	int rc;
	*out = NULL;
	if (!b)
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	b->s = s;
	if ((rc = store_begin(s, err))) {
		free(b);
		return rc;
	}
	rc = load_tiers(b, err);
	if (!rc)
		rc = first_rank(b, err);
	for (int i = 0; !rc && i < BULK_COUNT; i++)
		if (!(b->st[i] = store_prepare(s, bulk_sql[i], err)))
			rc = CB_EDB;
	if (rc) {
		store_rollback(s);
		bulk_free(b);
		return rc;
	}
	*out = b;
	return CB_OK;
}

/* Steps a reused statement and resets it for the next row. */
static int bulk_step(store_bulk *b, sqlite3_stmt *st, const char *what, cb_error *err)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? CB_OK : store_fail(b->s, err, what);
}

static void bind_id_or_null(sqlite3_stmt *st, int idx, int64_t id)
{
	if (id)
		sqlite3_bind_int64(st, idx, id);
	else
		sqlite3_bind_null(st, idx);
}

int store_bulk_cadre(store_bulk *b, cadre *cd, cb_error *err)
{
	sqlite3_stmt *st = b->st[BULK_CADRE];
	char fold[4 * CADRE_NAME_MAX];
	unsigned char *key;
	size_t keylen;
	int rc;

	if (cd->unit_id <= 0 || cd->unit_id > b->max_unit || !b->tier[cd->unit_id])
		return cb_error_set(err, CB_EINVALID, _("%s: no unit with id %lld"), _("Unit"),
				    (long long)cd->unit_id);
	cd->level = b->tier[cd->unit_id];
	if ((rc = store_cadre_keys(cd, fold, sizeof fold, &key, &keylen, err)))
		return rc;
	store_bind_text(st, 1, cd->full_name);
	store_bind_text(st, 2, fold);
	sqlite3_bind_blob(st, 3, key, (int)keylen, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, b->next_rank);
	store_bind_text(st, 5, cd->birth_date);
	sqlite3_bind_int(st, 6, cd->gender);
	store_bind_text(st, 7, cd->ethnicity);
	sqlite3_bind_int64(st, 8, cd->unit_id);
	bind_id_or_null(st, 9, cd->org_id);
	store_bind_text(st, 10, cd->position);
	sqlite3_bind_int(st, 11, cd->pos_rank);
	sqlite3_bind_int(st, 12, cd->level);
	sqlite3_bind_int(st, 13, cd->managed);
	sqlite3_bind_int(st, 14, cd->is_head);
	sqlite3_bind_int(st, 15, cd->committees);
	sqlite3_bind_int(st, 16, cd->education);
	sqlite3_bind_int(st, 17, cd->theory);
	store_bind_text(st, 18, cd->party_joined);
	store_bind_text(st, 19, cd->notes);
	rc = bulk_step(b, st, _("Saving a cadre"), err);
	free(key);
	if (rc)
		return rc;
	b->next_rank--;
	b->cadres++;
	cd->id = sqlite3_last_insert_rowid(b->s->db);
	cd->version = 1;
	return CB_OK;
}

int store_bulk_org(store_bulk *b, org_row *o, cb_error *err)
{
	sqlite3_stmt *st = b->st[BULK_ORG];
	int rc;
	store_bind_text(st, 1, o->name);
	sqlite3_bind_int(st, 2, o->kind);
	bind_id_or_null(st, 3, o->parent_id);
	sqlite3_bind_int64(st, 4, o->unit_id);
	if ((rc = bulk_step(b, st, _("Saving a party organisation"), err)))
		return rc;
	o->id = sqlite3_last_insert_rowid(b->s->db);
	o->version = 1;
	return CB_OK;
}

int store_bulk_rating(store_bulk *b, int64_t cadre_id, int64_t org_id, int year,
		      int grade, cb_error *err)
{
	sqlite3_stmt *st = b->st[BULK_RATING];
	bind_id_or_null(st, 1, cadre_id);
	bind_id_or_null(st, 2, org_id);
	sqlite3_bind_int(st, 3, year);
	sqlite3_bind_int(st, 4, grade);
	return bulk_step(b, st, _("Saving a rating"), err);
}

int store_bulk_training(store_bulk *b, int64_t cadre_id, const training_row *t,
			cb_error *err)
{
	sqlite3_stmt *st = b->st[BULK_TRAINING];
	sqlite3_bind_int64(st, 1, cadre_id);
	sqlite3_bind_int(st, 2, t->year);
	sqlite3_bind_int(st, 3, t->kind);
	store_bind_text(st, 4, t->course);
	return bulk_step(b, st, _("Saving a training record"), err);
}

int store_bulk_planning(store_bulk *b, int64_t cadre_id, const planning_row *p,
			cb_error *err)
{
	sqlite3_stmt *st = b->st[BULK_PLANNING];
	sqlite3_bind_int64(st, 1, cadre_id);
	store_bind_text(st, 2, p->term);
	store_bind_text(st, 3, p->position);
	return bulk_step(b, st, _("Saving a planning record"), err);
}

/* Ranks and indexes everything, writes one audit row saying how many
 * cadres were loaded, commits. */
static int bulk_finish(store_bulk *b, cb_error *err)
{
	char note[64];
	int rc;
	for (int i = 0; i < BULK_COUNT; i++) {
		sqlite3_finalize(b->st[i]);
		b->st[i] = NULL;
	}
	if ((rc = search_rebuild_tx(b->s, err)))
		return rc;
	snprintf(note, sizeof note, "{\"bulk_cadres\":%lld}", (long long)b->cadres);
	if ((rc = store_audit(b->s, "cadre", 0, "insert", NULL, note, err)))
		return rc;
	return store_commit(b->s, err);
}

int store_bulk_end(store_bulk *b, bool commit, cb_error *err)
{
	int rc = CB_OK;
	if (!b)
		return CB_OK;
	if (commit)
		rc = bulk_finish(b, err);
	if (!commit || rc)
		store_rollback(b->s);
	bulk_free(b);
	return rc;
}
