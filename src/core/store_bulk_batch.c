/* store_bulk_batch.c - the rows of the bulk load held back and written
 * many to a statement (INSERT ... VALUES (...), (...), ...), so a
 * statement's fixed cost is paid once per batch instead of once per row
 * (see store_bulk.c). Nothing here translates or formats on the per-row
 * path.
 */
#include "store_bulk_internal.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"

/* OR FAIL: a failing row stops the statement without undoing the rows
 * before it, so SQLite keeps no statement journal for a batch (the whole
 * load is rolled back on failure anyway). */
static const struct {
	const char *head, *what;
	int ncols, rows;
} batch_def[BULK_COUNT] = {
	[BULK_CADRE] =
		{"INSERT OR FAIL INTO cadre(id, full_name, name_fold, sort_key, rank,"
		 " birth_date, gender, ethnicity, unit_id, org_id, position, pos_rank, level,"
		 " managed, is_head, committees, education, theory, party_joined, notes,"
		 " religion, academic_title, general_education, state_management,"
		 " foreign_language, it_level)"
		 " VALUES",
		 N_("Saving a cadre"), 26, 32},
	[BULK_RATING] = {"INSERT OR FAIL INTO rating(cadre_id, org_id, year, grade) VALUES",
			 N_("Saving a rating"), 4, 128},
	[BULK_TRAINING] = {"INSERT OR FAIL INTO training(cadre_id, year, kind, course) VALUES",
			   N_("Saving a training record"), 4, 128},
	[BULK_PLANNING] = {"INSERT OR FAIL INTO planning(cadre_id, term, position) VALUES",
			   N_("Saving a planning record"), 3, 128},
};

int bulk_out_of_memory(cb_error *err)
{
	return cb_error_set(err, CB_EDB, _("Out of memory"));
}

/* Prepares the statement of n rows of a batch. */
static sqlite3_stmt *batch_prepare(store *s, const bulk_batch *bt, int n, cb_error *err)
{
	size_t row = 3 + 2 * (size_t)bt->ncols, len = strlen(bt->head);
	char *sql = malloc(len + (size_t)n * row + 1);
	sqlite3_stmt *st = NULL;
	if (!sql) {
		bulk_out_of_memory(err);
		return NULL;
	}
	memcpy(sql, bt->head, len);
	for (int r = 0; r < n; r++) {
		sql[len++] = r ? ',' : ' ';
		sql[len++] = '(';
		for (int c = 0; c < bt->ncols; c++) {
			if (c)
				sql[len++] = ',';
			sql[len++] = '?';
		}
		sql[len++] = ')';
	}
	sql[len] = '\0';
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
		store_fail(s, err, _("Preparing a query"));
	free(sql);
	return st;
}

int bulk_batch_init(bulk_batch *bt, int which, cb_error *err)
{
	bt->head = batch_def[which].head;
	bt->what = batch_def[which].what;
	bt->ncols = batch_def[which].ncols;
	bt->rows = batch_def[which].rows;
	bt->cells = malloc((size_t)bt->rows * (size_t)bt->ncols * sizeof *bt->cells);
	bt->st = calloc((size_t)bt->rows + 1, sizeof *bt->st);
	/* never NULL: an empty text must be bound as '', not as NULL */
	bt->text_cap = 8192;
	bt->text = malloc(bt->text_cap);
	if (!bt->cells || !bt->st || !bt->text)
		return bulk_out_of_memory(err);
	return CB_OK;
}

void bulk_batch_free(bulk_batch *bt)
{
	for (int n = 0; bt->st && n <= bt->rows; n++)
		sqlite3_finalize(bt->st[n]);
	free(bt->st);
	free(bt->cells);
	free(bt->text);
	memset(bt, 0, sizeof *bt);
}

/* Writes the rows held back. */
int bulk_batch_flush(store *s, bulk_batch *bt, cb_error *err)
{
	sqlite3_stmt *st = bt->st[bt->filled];
	int rc, n = bt->filled * bt->ncols;
	if (!bt->filled)
		return CB_OK;
	if (!st && !(st = bt->st[bt->filled] = batch_prepare(s, bt, bt->filled, err)))
		return CB_EDB;
	for (int i = 0; i < n; i++) {
		const bulk_cell *c = &bt->cells[i];
		switch (c->type) {
		case CELL_INT:
			sqlite3_bind_int64(st, i + 1, c->i);
			break;
		case CELL_TEXT:
			sqlite3_bind_text(st, i + 1, c->p ? c->p : bt->text + c->off, (int)c->len,
					  SQLITE_STATIC);
			break;
		case CELL_BLOB:
			sqlite3_bind_blob(st, i + 1, c->p ? c->p : bt->text + c->off, (int)c->len,
					  SQLITE_STATIC);
			break;
		default:
			sqlite3_bind_null(st, i + 1);
		}
	}
	rc = sqlite3_step(st) == SQLITE_DONE ? CB_OK : store_fail(s, err, _(bt->what));
	sqlite3_reset(st);
	bt->filled = 0;
	bt->text_len = 0;
	return rc;
}

/* The cells of the next row. */
bulk_cell *bulk_batch_row(bulk_batch *bt)
{
	return &bt->cells[bt->filled * bt->ncols];
}

/* Counts the row in; writes the batch when it is full. */
int bulk_batch_add(store *s, bulk_batch *bt, cb_error *err)
{
	return ++bt->filled == bt->rows ? bulk_batch_flush(s, bt, err) : CB_OK;
}

void bulk_cell_int(bulk_cell *c, int64_t v)
{
	c->type = CELL_INT;
	c->i = v;
}

void bulk_cell_id(bulk_cell *c, int64_t id)
{
	c->type = id ? CELL_INT : CELL_NULL;
	c->i = id;
}

/* Bytes left where they are (they stay put until the end of the load). */
void bulk_cell_fixed(bulk_cell *c, int type, const void *p, size_t len)
{
	c->type = type;
	c->p = p;
	c->len = (uint32_t)len;
}

/* Bytes copied into the batch (the caller's buffer is reused). */
int bulk_cell_copy(bulk_batch *bt, bulk_cell *c, int type, const void *p, size_t len, cb_error *err)
{
	if (bt->text_len + len > bt->text_cap) {
		size_t cap = bt->text_cap;
		while (cap < bt->text_len + len)
			cap *= 2;
		char *bigger = realloc(bt->text, cap);
		if (!bigger)
			return bulk_out_of_memory(err);
		bt->text = bigger;
		bt->text_cap = cap;
	}
	memcpy(bt->text + bt->text_len, p, len);
	c->type = type;
	c->p = NULL;
	c->off = (uint32_t)bt->text_len;
	c->len = (uint32_t)len;
	bt->text_len += len;
	return CB_OK;
}

int bulk_cell_text(bulk_batch *bt, bulk_cell *c, const char *text, cb_error *err)
{
	return bulk_cell_copy(bt, c, CELL_TEXT, text, strlen(text), err);
}
