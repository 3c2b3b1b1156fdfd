/* store_bulk.c - loading a fresh database fast (the demo province).
 *
 * One transaction for the whole load, no audit row per record and no
 * search maintenance per cadre. Rows are held back and written many to a
 * statement (INSERT ... VALUES (...), (...), ...): a statement's fixed
 * cost (cursors opened and closed, the program started and halted) is
 * then paid once per batch instead of once per row, which halves the time
 * of the load. The rows of each table are written in the order they were
 * given, so their ids are those one statement per row would give; cadre
 * ids are assigned here, from the highest id at the start.
 *
 * Ranks come one of two ways. When the caller names every cadre first
 * (store_bulk_name, into an empty cadre table), their sort keys and folds
 * are kept in memory and sorted there, each cadre row is written once,
 * already carrying its final rank, and store_bulk_end fills the search
 * index from memory in rank order (FTS5 writes fastest in rowid order) and
 * builds the cadre indexes once. Otherwise cadres get provisional negative
 * ranks (distinct, so even an existing unique index is satisfied) and
 * store_bulk_end renumbers everyone (search_rebuild_tx).
 *
 * Nothing on the per-row path translates a message, formats text or calls
 * malloc (but for the amortised growth of the buffers): messages are
 * translated only when a write fails.
 *
 * This file begins the load, turns records into rows and ends it; the
 * batches are in store_bulk_batch.c, the ranking in memory in
 * store_bulk_names.c (they share store_bulk_internal.h).
 */
#include "store_bulk_internal.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store_summary.h"
#include "text.h"

/* ---- the load ----------------------------------------------------------- */

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
		return bulk_out_of_memory(err);
	if (!(st = store_prepare(b->s, "SELECT id, tier FROM unit", err)))
		return CB_EDB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		b->tier[sqlite3_column_int64(st, 0)] = sqlite3_column_int(st, 1);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? CB_OK : store_fail(b->s, err, _("Reading units"));
}

/* Provisional ranks go below every existing one; new cadres get the ids
 * SQLite would give them (from the highest one); whether the cadre table
 * is empty (so that cadres may be ranked in memory). */
static int first_rank(store_bulk *b, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(b->s,
					 "SELECT min(0, coalesce(min(rank), 0)), count(*),"
					 " coalesce(max(id), 0) FROM cadre",
					 err);
	int rc;
	if (!st)
		return CB_EDB;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		b->next_rank = sqlite3_column_int64(st, 0) - 1;
		b->fresh = sqlite3_column_int64(st, 1) == 0;
		b->first_id = sqlite3_column_int64(st, 2) + 1;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? CB_OK : store_fail(b->s, err, _("Reading the list"));
}

static void bulk_free(store_bulk *b)
{
	for (int i = 0; i < BULK_COUNT; i++)
		bulk_batch_free(&b->batch[i]);
	sqlite3_finalize(b->org);
	bulk_names_free(b);
	free(b->tier);
	free(b);
}

/* The indexes on a cadre's records are made before the load, those on the
 * cadres after it. Records arrive in cadre order, so an index led by the
 * year (what the breakdowns read) grows at a handful of places, one per
 * year, which stay in the cache: keeping it up to date as rows come costs
 * a quarter of sorting five million entries at the end. Cadres arrive in
 * the order of none of their indexes, which are built once, sorted. */
static int records_indexes(store *s, cb_error *err)
{
	for (const char *p = store_cadre_indexes; *p;) {
		const char *end = strchr(p, ';');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char sql[1024];
		if (n < sizeof sql) {
			memcpy(sql, p, n);
			sql[n] = '\0';
			if ((strstr(sql, " ON rating(") || strstr(sql, " ON training(")) &&
			    sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
				return store_fail(s, err, _("Creating indexes"));
		}
		p += n + (end != NULL);
	}
	return CB_OK;
}

int store_bulk_begin(store *s, store_bulk **out, cb_error *err)
{
	store_bulk *b = calloc(1, sizeof *b);
	int rc;
	*out = NULL;
	if (!b)
		return bulk_out_of_memory(err);
	b->s = s;
	if ((rc = store_begin(s, err))) {
		free(b);
		return rc;
	}
	rc = load_tiers(b, err);
	if (!rc)
		rc = first_rank(b, err);
	if (!rc)
		rc = records_indexes(s, err);
	if (!rc) /* filled once at the end (store_summary.h) */
		rc = store_summary_suspend(s, err);
	for (int i = 0; !rc && i < BULK_COUNT; i++)
		rc = bulk_batch_init(&b->batch[i], i, err);
	if (!rc && !(b->org = store_prepare(s,
					    "INSERT INTO org(name, kind, parent_id, unit_id)"
					    " VALUES(?, ?, ?, ?)",
					    err)))
		rc = CB_EDB;
	if (rc) {
		store_rollback(s);
		bulk_free(b);
		return rc;
	}
	*out = b;
	return CB_OK;
}

int store_bulk_flush(store_bulk *b, cb_error *err)
{
	int rc = CB_OK;
	for (int i = 0; i < BULK_COUNT && !rc; i++)
		rc = bulk_batch_flush(b->s, &b->batch[i], err);
	return rc;
}

/* ---- the rows ----------------------------------------------------------- */

/* The search columns (name_fold, sort_key, rank) of the next named
 * cadre, ranked in memory. */
static int cells_named(store_bulk *b, bulk_cell *c, const cadre *cd, cb_error *err)
{
	const bulk_slot *sl;
	const unsigned char *e;
	int rc;

	if (!b->order && (rc = bulk_names_sort(b, err)))
		return rc;
	if ((size_t)b->cadres >= b->named)
		return bulk_out_of_order(
			err, _("the cadres inserted are not the ones named, in that order"));
	sl = &b->slot[b->cadres];
	if (sl->hash != bulk_name_hash(cd->full_name, cd->birth_date))
		return bulk_out_of_order(
			err, _("the cadres inserted are not the ones named, in that order"));
	e = b->arena + sl->off;
	bulk_cell_fixed(&c[0], CELL_TEXT, bulk_entry_fold(e), bulk_get16(e + 2) - 1);
	bulk_cell_fixed(&c[1], CELL_BLOB, bulk_entry_key(e), bulk_get16(e));
	bulk_cell_int(&c[2], (int64_t)sl->pos * SEARCH_GAP);
	return CB_OK;
}

/* The search columns of a cadre not named first: a provisional rank. */
static int cells_unnamed(store_bulk *b, bulk_cell *c, const cadre *cd, cb_error *err)
{
	bulk_batch *bt = &b->batch[BULK_CADRE];
	char fold[4 * CADRE_NAME_MAX];
	unsigned char key[4096];
	size_t keylen = text_name_sort_key(cd->full_name, cd->birth_date, key, sizeof key);
	int rc;

	if (text_fold(cd->full_name, fold, sizeof fold) >= sizeof fold || keylen > sizeof key)
		return cb_error_set(err, CB_EINVALID, _("%s is too long (at most %d bytes)"),
				    _("Full name"), CADRE_NAME_MAX - 1);
	if ((rc = bulk_cell_text(bt, &c[0], fold, err)) ||
	    (rc = bulk_cell_copy(bt, &c[1], CELL_BLOB, key, keylen, err)))
		return rc;
	bulk_cell_int(&c[2], b->next_rank--);
	return CB_OK;
}

int store_bulk_cadre(store_bulk *b, cadre *cd, cb_error *err)
{
	bulk_batch *bt = &b->batch[BULK_CADRE];
	bulk_cell *c = bulk_batch_row(bt);
	int rc;

	if (cd->unit_id <= 0 || cd->unit_id > b->max_unit || !b->tier[cd->unit_id])
		return cb_error_set(err, CB_EINVALID, _("%s: no unit with id %lld"), _("Unit"),
				    (long long)cd->unit_id);
	cd->level = b->tier[cd->unit_id];
	cd->id = b->first_id + b->cadres;
	bulk_cell_int(&c[0], cd->id);
	if ((rc = b->named ? cells_named(b, &c[2], cd, err) : cells_unnamed(b, &c[2], cd, err)))
		return rc;
	if (b->named)
		b->unit_at[b->slot[b->cadres].pos - 1] = cd->unit_id;
	if ((rc = bulk_cell_text(bt, &c[1], cd->full_name, err)) ||
	    (rc = bulk_cell_text(bt, &c[5], cd->birth_date, err)) ||
	    (rc = bulk_cell_text(bt, &c[7], cd->ethnicity, err)) ||
	    (rc = bulk_cell_text(bt, &c[10], cd->position, err)) ||
	    (rc = bulk_cell_text(bt, &c[18], cd->party_joined, err)) ||
	    (rc = bulk_cell_text(bt, &c[19], cd->notes, err)))
		return rc;
	bulk_cell_int(&c[6], cd->gender);
	bulk_cell_int(&c[8], cd->unit_id);
	bulk_cell_id(&c[9], cd->org_id);
	bulk_cell_int(&c[11], cd->pos_rank);
	bulk_cell_int(&c[12], cd->level);
	bulk_cell_int(&c[13], cd->managed);
	bulk_cell_int(&c[14], cd->is_head);
	bulk_cell_int(&c[15], cd->committees);
	bulk_cell_int(&c[16], cd->education);
	bulk_cell_int(&c[17], cd->theory);
	bulk_cell_id(&c[20], cd->religion); /* NULL when not recorded */
	bulk_cell_id(&c[21], cd->acad_title);
	bulk_cell_id(&c[22], cd->general_edu);
	bulk_cell_id(&c[23], cd->state_mgmt);
	bulk_cell_id(&c[24], cd->language);
	bulk_cell_id(&c[25], cd->it_level);
	b->cadres++;
	cd->version = 1;
	return bulk_batch_add(b->s, bt, err);
}

int store_bulk_org(store_bulk *b, org_row *o, cb_error *err)
{
	sqlite3_stmt *st = b->org;
	int rc;
	sqlite3_bind_text(st, 1, o->name, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, o->kind);
	if (o->parent_id)
		sqlite3_bind_int64(st, 3, o->parent_id);
	else
		sqlite3_bind_null(st, 3);
	sqlite3_bind_int64(st, 4, o->unit_id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(b->s, err, _("Saving a party organisation"));
	o->id = sqlite3_last_insert_rowid(b->s->db);
	o->version = 1;
	return CB_OK;
}

/* Counts a row of a cadre's records in; the cadres held back are written
 * before any batch of records, so that a record never precedes its cadre
 * (foreign keys may be on). */
static int records_add(store_bulk *b, int which, cb_error *err)
{
	bulk_batch *bt = &b->batch[which];
	int rc;
	if (bt->filled + 1 == bt->rows && (rc = bulk_batch_flush(b->s, &b->batch[BULK_CADRE], err)))
		return rc;
	return bulk_batch_add(b->s, bt, err);
}

int store_bulk_rating(store_bulk *b, int64_t cadre_id, int64_t org_id, int year, int grade,
		      cb_error *err)
{
	bulk_batch *bt = &b->batch[BULK_RATING];
	bulk_cell *c = bulk_batch_row(bt);
	bulk_cell_id(&c[0], cadre_id);
	bulk_cell_id(&c[1], org_id);
	bulk_cell_int(&c[2], year);
	bulk_cell_int(&c[3], grade);
	return records_add(b, BULK_RATING, err);
}

int store_bulk_training(store_bulk *b, int64_t cadre_id, const training_row *t, cb_error *err)
{
	bulk_batch *bt = &b->batch[BULK_TRAINING];
	bulk_cell *c = bulk_batch_row(bt);
	int rc = bulk_cell_text(bt, &c[3], t->course, err);
	if (rc)
		return rc;
	bulk_cell_int(&c[0], cadre_id);
	bulk_cell_int(&c[1], t->year);
	bulk_cell_int(&c[2], t->kind);
	return records_add(b, BULK_TRAINING, err);
}

int store_bulk_planning(store_bulk *b, int64_t cadre_id, const planning_row *p, cb_error *err)
{
	bulk_batch *bt = &b->batch[BULK_PLANNING];
	bulk_cell *c = bulk_batch_row(bt);
	int rc;
	if ((rc = bulk_cell_text(bt, &c[1], p->term, err)) ||
	    (rc = bulk_cell_text(bt, &c[2], p->position, err)))
		return rc;
	bulk_cell_int(&c[0], cadre_id);
	return records_add(b, BULK_PLANNING, err);
}

/* ---- the end ------------------------------------------------------------ */

/* FTS5 writes a segment each time its pending terms outgrow its hash
 * (1 MiB by default) and merges the segments as it goes; a larger hash for
 * the load means far fewer, larger segments and merges. The setting is
 * stored in the table's configuration: afterwards this connection is set
 * back to the default and the stored row removed, so that the file is as
 * if it had never been changed. An SQLite that does not know the setting
 * simply loads more slowly. */
static void fts_hash_size(store *s, bool big)
{
	static const char load[] =
		"INSERT INTO cadre_fts(cadre_fts, rank) VALUES('hashsize', 67108864)";
	static const char normal[] =
		"INSERT INTO cadre_fts(cadre_fts, rank) VALUES('hashsize', 1048576);"
		" DELETE FROM cadre_fts_config WHERE k = 'hashsize'";
	sqlite3_exec(s->db, big ? load : normal, NULL, NULL, NULL);
}

/* canbo_bulk_fold(i): the fold of the i-th cadre in rank order (from 0),
 * straight from memory. */
static void sql_bulk_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const store_bulk *b = sqlite3_user_data(ctx);
	sqlite3_int64 i = sqlite3_value_int64(argv[0]);
	(void)argc;
	if (i < 0 || (size_t)i >= b->named) {
		sqlite3_result_null(ctx);
		return;
	}
	const unsigned char *e = b->arena + b->order[i];
	sqlite3_result_text(ctx, bulk_entry_fold(e), (int)bulk_get16(e + 2) - 1, SQLITE_STATIC);
}

/* canbo_bulk_unit(i): the unit of the i-th cadre in rank order. */
static void sql_bulk_unit(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const store_bulk *b = sqlite3_user_data(ctx);
	sqlite3_int64 i = sqlite3_value_int64(argv[0]);
	(void)argc;
	if (i < 0 || (size_t)i >= b->named)
		sqlite3_result_null(ctx);
	else
		sqlite3_result_int64(ctx, b->unit_at[i]);
}

/* Fills the search index from memory, in rank order, by one statement:
 * FTS5 writes its pending terms out at every statement that may write
 * many rows, so one INSERT ... SELECT keeps them in memory until the hash
 * is full, where a statement per batch of rows would write a segment for
 * each. */
static int fts_fill(store_bulk *b, cb_error *err)
{
	static const char sql[] =
		"WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?1)"
		" INSERT INTO cadre_fts(rowid, name, place) SELECT (i + 1) * ?2, "
		"canbo_bulk_fold(i), " SEARCH_PLACE_SQL("canbo_bulk_unit(i)") " FROM n";
	sqlite3_stmt *st = NULL;
	int rc = CB_OK;

	if (!b->named)
		return CB_OK;
	if (sqlite3_create_function_v2(b->s->db, "canbo_bulk_fold", 1,
				       SQLITE_UTF8 | SQLITE_DETERMINISTIC, b, sql_bulk_fold, NULL,
				       NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function_v2(b->s->db, "canbo_bulk_unit", 1,
				       SQLITE_UTF8 | SQLITE_DETERMINISTIC, b, sql_bulk_unit, NULL,
				       NULL, NULL) != SQLITE_OK ||
	    !(st = store_prepare(b->s, sql, err)))
		rc = store_fail(b->s, err, _("Updating the search index"));
	fts_hash_size(b->s, true);
	if (!rc) {
		sqlite3_bind_int64(st, 1, (sqlite3_int64)b->named);
		sqlite3_bind_int64(st, 2, SEARCH_GAP);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = store_fail(b->s, err, _("Updating the search index"));
	}
	sqlite3_finalize(st);
	fts_hash_size(b->s, false);
	sqlite3_create_function_v2(b->s->db, "canbo_bulk_fold", 1, SQLITE_UTF8, NULL, NULL, NULL,
				   NULL, NULL);
	sqlite3_create_function_v2(b->s->db, "canbo_bulk_unit", 1, SQLITE_UTF8, NULL, NULL, NULL,
				   NULL, NULL);
	return rc;
}

/* The search structures of cadres ranked in memory: the index, the word
 * list and the cadre indexes, each built once. */
static int finish_named(store_bulk *b, cb_error *err)
{
	int rc;
	if ((size_t)b->cadres != b->named)
		return bulk_out_of_order(
			err, _("the cadres inserted are not the ones named, in that order"));
	if (!b->order && (rc = bulk_names_sort(b, err)))
		return rc;
	if ((rc = fts_fill(b, err)))
		return rc;
	bulk_names_free(b);
	if ((rc = store_ensure_indexes(b->s, err)))
		return rc;
	return search_words_rebuild(b->s, err);
}

/* Writes what is held back, ranks and indexes everything, writes one
 * audit row saying how many cadres were loaded, commits. */
static int bulk_finish(store_bulk *b, cb_error *err)
{
	char note[64];
	int rc = store_bulk_flush(b, err);
	if (rc)
		return rc;
	for (int i = 0; i < BULK_COUNT; i++)
		bulk_batch_free(&b->batch[i]);
	sqlite3_finalize(b->org);
	b->org = NULL;
	rc = b->named ? finish_named(b, err) : search_rebuild_tx(b->s, err);
	if (!rc)
		rc = store_summary_resume(b->s, err);
	if (rc)
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
