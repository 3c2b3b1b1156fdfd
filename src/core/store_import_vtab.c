/* store_import_vtab.c - the packed rows of a batch import read by SQLite as
 * a table (store_import_internal.h), so that under the write lock each of
 * the cadre table, the audit trail and the search index takes the batch
 * in one INSERT ... SELECT straight from memory: no row staged in a
 * temporary table and copied again, and no statement run once per row.
 *
 * Two eponymous virtual tables, registered on the connection only while
 * the batch is written: canbo_import_rows, the rows in id order with
 * their audit entries; canbo_import_ranks, the same rows in rank order
 * (FTS5 takes its entries best in rowid order). Their values are the
 * ones the staged way bound, column for column (import_unpack's level,
 * NULL for an organisation or a list code not given).
 */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store_import_internal.h"

enum {
	C_ID,
	C_NAME,
	C_FOLD,
	C_KEY,
	C_RANK,
	C_BIRTH,
	C_GENDER,
	C_ETHNICITY,
	C_UNIT,
	C_ORG,
	C_POSITION,
	C_POS_RANK,
	C_LEVEL,
	C_MANAGED,
	C_IS_HEAD,
	C_COMMITTEES,
	C_EDUCATION,
	C_THEORY,
	C_JOINED,
	C_NOTES,
	C_RELIGION,
	C_ACAD_TITLE,
	C_GENERAL_EDU,
	C_STATE_MGMT,
	C_LANGUAGE,
	C_IT_LEVEL,
	C_AUDIT_ID,
	C_AUDIT_NEW,
	C_AUDIT_HASH,
};

static const char schema[] =
	"CREATE TABLE x(id, full_name, name_fold, sort_key, rank, birth_date, gender, ethnicity,"
	" unit_id, org_id, position, pos_rank, level, managed, is_head, committees, education,"
	" theory, party_joined, notes, religion, academic_title, general_education,"
	" state_management, foreign_language, it_level, audit_id, audit_new, audit_hash)";

/* What a table reads: the batch, and its rows in which order. */
typedef struct batch_source {
	store_import *b;
	const uint32_t *order; /* in id order, or in rank order */
} batch_source;

typedef struct batch_vtab {
	sqlite3_vtab base;
	const batch_source *src;
} batch_vtab;

typedef struct batch_cursor {
	sqlite3_vtab_cursor base;
	size_t k;
} batch_cursor;

static int x_connect(sqlite3 *db, void *aux, int argc, const char *const *argv, sqlite3_vtab **out,
		     char **msg)
{
	batch_vtab *t;
	(void)argc;
	(void)argv;
	(void)msg;
	int rc = sqlite3_declare_vtab(db, schema);
	if (rc != SQLITE_OK)
		return rc;
	if (!(t = sqlite3_malloc(sizeof *t)))
		return SQLITE_NOMEM;
	memset(t, 0, sizeof *t);
	t->src = aux;
	*out = &t->base;
	return SQLITE_OK;
}

static int x_disconnect(sqlite3_vtab *v)
{
	sqlite3_free(v);
	return SQLITE_OK;
}

static int x_best_index(sqlite3_vtab *v, sqlite3_index_info *info)
{
	const batch_vtab *t = (const batch_vtab *)v;
	info->estimatedCost = (double)t->src->b->n + 1;
	info->estimatedRows = (sqlite3_int64)t->src->b->n;
	return SQLITE_OK;
}

static int x_open(sqlite3_vtab *v, sqlite3_vtab_cursor **out)
{
	batch_cursor *c = sqlite3_malloc(sizeof *c);
	(void)v;
	if (!c)
		return SQLITE_NOMEM;
	memset(c, 0, sizeof *c);
	*out = &c->base;
	return SQLITE_OK;
}

static int x_close(sqlite3_vtab_cursor *c)
{
	sqlite3_free(c);
	return SQLITE_OK;
}

static int x_filter(sqlite3_vtab_cursor *c, int idx, const char *idx_str, int argc,
		    sqlite3_value **argv)
{
	(void)idx;
	(void)idx_str;
	(void)argc;
	(void)argv;
	((batch_cursor *)c)->k = 0;
	return SQLITE_OK;
}

static int x_next(sqlite3_vtab_cursor *c)
{
	((batch_cursor *)c)->k++;
	return SQLITE_OK;
}

static int x_eof(sqlite3_vtab_cursor *c)
{
	const batch_vtab *t = (const batch_vtab *)c->pVtab;
	return ((const batch_cursor *)c)->k >= t->src->b->n;
}

static int x_rowid(sqlite3_vtab_cursor *c, sqlite3_int64 *rowid)
{
	*rowid = (sqlite3_int64)((const batch_cursor *)c)->k;
	return SQLITE_OK;
}

static void text(sqlite3_context *ctx, const rec_head *h, int t)
{
	sqlite3_result_text(ctx, import_text(h, t), h->len[t], SQLITE_STATIC);
}

/* An optional code: NULL when not given. */
static void code(sqlite3_context *ctx, int v)
{
	if (v)
		sqlite3_result_int(ctx, v);
	else
		sqlite3_result_null(ctx);
}

static int x_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int col)
{
	const batch_source *src = ((const batch_vtab *)cur->pVtab)->src;
	const store_import *b = src->b;
	size_t k = ((const batch_cursor *)cur)->k;
	/* in rank order, only the rank, the fold and the unit are read */
	size_t i = src->order[k];
	const rec_head *h = import_head(b, i);
	const unit_names *u = b->units && h->unit_id >= 0 && h->unit_id <= b->max_unit
				      ? &b->units[h->unit_id]
				      : NULL;
	const unsigned char *hash;

	switch (col) {
	case C_ID:
		sqlite3_result_int64(ctx, b->first_id + (int64_t)k);
		break;
	case C_NAME:
		text(ctx, h, T_NAME);
		break;
	case C_FOLD:
		text(ctx, h, T_FOLD);
		break;
	case C_KEY:
		sqlite3_result_blob(ctx, import_key(h), h->keylen, SQLITE_STATIC);
		break;
	case C_RANK:
		sqlite3_result_int64(ctx, b->rank[i]);
		break;
	case C_BIRTH:
		text(ctx, h, T_BIRTH);
		break;
	case C_GENDER:
		sqlite3_result_int(ctx, h->gender);
		break;
	case C_ETHNICITY:
		text(ctx, h, T_ETHNICITY);
		break;
	case C_UNIT:
		sqlite3_result_int64(ctx, h->unit_id);
		break;
	case C_ORG:
		if (h->org_id)
			sqlite3_result_int64(ctx, h->org_id);
		else
			sqlite3_result_null(ctx);
		break;
	case C_POSITION:
		text(ctx, h, T_POSITION);
		break;
	case C_POS_RANK:
		sqlite3_result_int(ctx, h->pos_rank);
		break;
	case C_LEVEL: /* as import_unpack gives it */
		sqlite3_result_int(ctx, u ? u->tier : 0);
		break;
	case C_MANAGED:
		sqlite3_result_int(ctx, h->managed);
		break;
	case C_IS_HEAD:
		sqlite3_result_int(ctx, h->is_head);
		break;
	case C_COMMITTEES:
		sqlite3_result_int(ctx, h->committees);
		break;
	case C_EDUCATION:
		sqlite3_result_int(ctx, h->education);
		break;
	case C_THEORY:
		sqlite3_result_int(ctx, h->theory);
		break;
	case C_JOINED:
		text(ctx, h, T_JOINED);
		break;
	case C_NOTES:
		text(ctx, h, T_NOTES);
		break;
	case C_RELIGION:
		code(ctx, h->religion);
		break;
	case C_ACAD_TITLE:
		code(ctx, h->acad_title);
		break;
	case C_GENERAL_EDU:
		code(ctx, h->general_edu);
		break;
	case C_STATE_MGMT:
		code(ctx, h->state_mgmt);
		break;
	case C_LANGUAGE:
		code(ctx, h->language);
		break;
	case C_IT_LEVEL:
		code(ctx, h->it_level);
		break;
	case C_AUDIT_ID:
		sqlite3_result_int64(ctx, b->audit_first + (int64_t)k);
		break;
	case C_AUDIT_NEW:
		sqlite3_result_text(ctx, audit_all_entry(b->entries, k, &hash), -1, SQLITE_STATIC);
		break;
	case C_AUDIT_HASH:
		audit_all_entry(b->entries, k, &hash);
		sqlite3_result_blob(ctx, hash, AUDIT_HASH_BYTES, SQLITE_STATIC);
		break;
	default:
		sqlite3_result_null(ctx);
	}
	return SQLITE_OK;
}

static const sqlite3_module batch_module = {
	.iVersion = 1,
	.xCreate = NULL, /* eponymous only */
	.xConnect = x_connect,
	.xBestIndex = x_best_index,
	.xDisconnect = x_disconnect,
	.xDestroy = x_disconnect,
	.xOpen = x_open,
	.xClose = x_close,
	.xFilter = x_filter,
	.xNext = x_next,
	.xEof = x_eof,
	.xColumn = x_column,
	.xRowid = x_rowid,
};

static const char *const names[2] = {"canbo_import_rows", "canbo_import_ranks"};

static int run(store_import *b, const char *sql, const char *what, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(b->s, sql, err);
	int rc;
	if (!st)
		return CB_EDB;
	sqlite3_bind_text(st, 1, b->audit_at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, b->s->user, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? CB_OK : store_fail(b->s, err, what);
}

/* Runs each of sql[0..n) over the batch's two tables (registered on the
 * connection only meanwhile); `what` says what the statement writes. */
static int put(store_import *b, const uint32_t *order, const char *const *sql,
	       const char *const *what, int n, cb_error *err)
{
	/* rows in rank order: those of a new file are numbered so */
	const batch_source src[2] = {{b, order}, {b, b->by_rank ? b->by_rank : order}};
	sqlite3 *db = b->s->db;
	int rc = CB_OK;

	for (int i = 0; i < 2 && !rc; i++)
		if (sqlite3_create_module_v2(db, names[i], &batch_module, (void *)&src[i], NULL) !=
		    SQLITE_OK)
			rc = store_fail(b->s, err, _("Saving a cadre"));
	for (int i = 0; i < n && !rc; i++)
		rc = run(b, sql[i], what[i], err);
	for (int i = 0; i < 2; i++)
		sqlite3_create_module_v2(db, names[i], NULL, NULL, NULL);
	return rc;
}

int import_put_rows(store_import *b, const uint32_t *order, cb_error *err)
{
	static const char *const sql[] = {
		IMPORT_CADRE_INSERT " FROM canbo_import_rows",
		"INSERT INTO main.cadre_fts(rowid, name, place) SELECT rank, "
		"name_fold, " SEARCH_PLACE_SQL("unit_id") " FROM canbo_import_ranks",
	};
	const char *what[] = {_("Saving a cadre"), _("Updating the search index")};
	/* everyone renumbered after: the search entries are made then */
	return put(b, order, sql, what, b->renumber ? 1 : 2, err);
}

int import_put_audit(store_import *b, const uint32_t *order, cb_error *err)
{
	static const char *const sql[] = {
		"INSERT INTO main.audit(id, at, user, tbl, row_id, action, old, new, hash)"
		" SELECT audit_id, ?1, ?2, 'cadre', id, 'insert', NULL, audit_new, audit_hash"
		" FROM canbo_import_rows",
	};
	const char *what[] = {_("Writing the audit trail")};
	int rc = audit_all_help(b->entries, err);
	if (!rc)
		rc = audit_all_wait(b->entries, err);
	return rc ? rc : put(b, order, sql, what, 1, err);
}
