/* store_audit.c - the hash-chained audit trail (include/audit.h): the
 * writer every change goes through (store_audit), its check and its
 * listing within the reader's scope. */
#include "audit.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "i18n.h"
#include "store_internal.h"

static const char audit_domain[] = "canbo-audit-1";

static void put_field(crypto_hash_sha256_state *h, const unsigned char *text, size_t len, bool null)
{
	unsigned char head[9] = {null ? 0 : 1};
	for (int i = 0; i < 8; i++)
		head[1 + i] = (unsigned char)((uint64_t)len >> (56 - 8 * i));
	crypto_hash_sha256_update(h, head, sizeof head);
	if (!null && len)
		crypto_hash_sha256_update(h, text, len);
}

/* The hash of one row: prev (NULL = 32 zero bytes) and the text of each
 * of the 8 fields (NULL = SQL NULL). */
static void fields_hash(const void *prev, int prev_len, const unsigned char *const text[8],
			const size_t len[8], unsigned char out[AUDIT_HASH_BYTES])
{
	static const unsigned char zero[AUDIT_HASH_BYTES];
	crypto_hash_sha256_state h;

	crypto_hash_sha256_init(&h);
	crypto_hash_sha256_update(&h, (const unsigned char *)audit_domain, sizeof audit_domain - 1);
	crypto_hash_sha256_update(&h, prev && prev_len == AUDIT_HASH_BYTES ? prev : zero,
				  AUDIT_HASH_BYTES);
	for (int i = 0; i < 8; i++)
		put_field(&h, text[i], text[i] ? len[i] : 0, !text[i]);
	crypto_hash_sha256_final(&h, out);
}

/* The same over SQLite values (their text form). */
static void row_hash(const void *prev, int prev_len, sqlite3_value **f,
		     unsigned char out[AUDIT_HASH_BYTES])
{
	const unsigned char *text[8];
	size_t len[8];

	for (int i = 0; i < 8; i++) {
		bool null = sqlite3_value_type(f[i]) == SQLITE_NULL;
		text[i] = null ? NULL : sqlite3_value_text(f[i]);
		len[i] = null ? 0 : (size_t)sqlite3_value_bytes(f[i]);
		if (!null && !text[i]) /* out of memory: hashed as empty */
			text[i] = (const unsigned char *)"";
	}
	fields_hash(prev, prev_len, text, len, out);
}

void store_audit_row_hash(const unsigned char *prev, int64_t id, const char *at, const char *user,
			  const char *tbl, int64_t row_id, const char *action, const char *old_json,
			  const char *new_json, unsigned char out[AUDIT_HASH_BYTES])
{
	char id_text[24], row_text[24];
	const unsigned char *text[8] = {
		(const unsigned char *)id_text,	 (const unsigned char *)at,
		(const unsigned char *)user,	 (const unsigned char *)tbl,
		(const unsigned char *)row_text, (const unsigned char *)action,
		(const unsigned char *)old_json, (const unsigned char *)new_json};
	size_t len[8];

	snprintf(id_text, sizeof id_text, "%lld", (long long)id);
	snprintf(row_text, sizeof row_text, "%lld", (long long)row_id);
	for (int i = 0; i < 8; i++)
		len[i] = text[i] ? strlen((const char *)text[i]) : 0;
	fields_hash(prev, prev ? AUDIT_HASH_BYTES : 0, text, len, out);
}

int store_audit_head(store *s, int64_t *last_id, unsigned char hash[AUDIT_HASH_BYTES],
		     bool *chained, cb_error *err)
{
	sqlite3_stmt *st =
		store_prepare(s, "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1", err);
	int rc;

	*last_id = 0;
	*chained = false;
	if (!st)
		return CB_EDB;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*last_id = sqlite3_column_int64(st, 0);
		if (sqlite3_column_bytes(st, 1) == AUDIT_HASH_BYTES) {
			memcpy(hash, sqlite3_column_blob(st, 1), AUDIT_HASH_BYTES);
			*chained = true;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, err, _("Writing the audit trail"));
	return CB_OK;
}

/* canbo_audit_hash(prev, id, at, user, tbl, row_id, action, old, new) */
static void sql_audit_hash(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	unsigned char out[AUDIT_HASH_BYTES];
	(void)argc;
	row_hash(sqlite3_value_blob(argv[0]), sqlite3_value_bytes(argv[0]), argv + 1, out);
	sqlite3_result_blob(ctx, out, sizeof out, SQLITE_TRANSIENT);
}

int store_audit_register(store *s, cb_error *err)
{
	if (sodium_init() < 0)
		return cb_error_set(err, CB_EDB, "%s",
				    _("The cryptographic library could not start"));
	if (sqlite3_create_function(s->db, "canbo_audit_hash", 9,
				    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL,
				    sql_audit_hash, NULL, NULL) != SQLITE_OK)
		return store_fail(s, err, _("Opening the audit trail"));
	return CB_OK;
}

int store_audit_chain_ensure(store *s, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(
		s, "SELECT count(*) FROM pragma_table_info('audit') WHERE name = 'hash'", err);
	int has = 0, rc;

	if (!st)
		return CB_EDB;
	if (sqlite3_step(st) == SQLITE_ROW)
		has = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (has)
		return CB_OK;
	if ((rc = store_begin(s, err)))
		return rc;
	/* migration 4 (store_schema.c) is the one definition of the chaining */
	if (sqlite3_exec(s->db, store_migrations[3], NULL, NULL, NULL) != SQLITE_OK)
		rc = store_fail(s, err, _("Upgrading the database"));
	return store_finish(s, rc, err);
}

int store_audit(store *s, const char *table, int64_t row, const char *action, const char *old_json,
		const char *new_json, cb_error *err)
{
	/* The new row's id and time are fixed first so that its hash covers
	 * exactly what is stored; the write transaction (BEGIN IMMEDIATE)
	 * keeps another writer from slipping a row in between. */
	static const char sql[] =
		"INSERT INTO audit(id, at, user, tbl, row_id, action, old, new, hash)"
		" SELECT n.id, n.at, ?1, ?2, ?3, ?4, ?5, ?6,"
		"  canbo_audit_hash((SELECT hash FROM audit ORDER BY id DESC LIMIT 1),"
		"   n.id, n.at, ?1, ?2, ?3, ?4, ?5, ?6)"
		" FROM (SELECT coalesce(max(id), 0) + 1 AS id,"
		"  strftime('%Y-%m-%d %H:%M:%S','now') AS at FROM audit) n";
	sqlite3_stmt *st = store_prepare(s, sql, err);
	int rc;
	if (!st)
		return CB_EDB;
	store_bind_text(st, 1, s->user);
	store_bind_text(st, 2, table);
	sqlite3_bind_int64(st, 3, row);
	store_bind_text(st, 4, action);
	store_bind_text(st, 5, old_json);
	store_bind_text(st, 6, new_json);
	rc = sqlite3_step(st) == SQLITE_DONE ? CB_OK
					     : store_fail(s, err, _("Writing the audit trail"));
	sqlite3_finalize(st);
	return rc;
}

int store_audit_verify(store *s, audit_verdict *v, cb_error *err)
{
	static const char sql[] = "SELECT id, at, user, tbl, row_id, action, old, new, hash"
				  " FROM audit ORDER BY id";
	unsigned char chain[AUDIT_HASH_BYTES], want[AUDIT_HASH_BYTES];
	sqlite3_stmt *st = store_prepare(s, sql, err);
	bool first = true;
	int step;

	memset(v, 0, sizeof *v);
	if (!st)
		return CB_EDB;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_value *f[8];
		const void *stored = sqlite3_column_blob(st, 8);
		int stored_len = sqlite3_column_bytes(st, 8);
		for (int i = 0; i < 8; i++)
			f[i] = sqlite3_column_value(st, i);
		row_hash(first ? NULL : chain, AUDIT_HASH_BYTES, f, want);
		first = false;
		v->rows++;
		if (!v->broken_at && (stored_len != AUDIT_HASH_BYTES ||
				      sodium_memcmp(stored, want, AUDIT_HASH_BYTES)))
			v->broken_at = sqlite3_column_int64(st, 0);
		/* the chain as it should be: a break is reported once, at its row */
		memcpy(chain, want, sizeof chain);
		if (stored_len == AUDIT_HASH_BYTES)
			sodium_bin2hex(v->head, sizeof v->head, stored, AUDIT_HASH_BYTES);
		else
			v->head[0] = '\0';
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE)
		return store_fail(s, err, _("Reading the audit trail"));
	return CB_OK;
}

/* The unit an audit row's record belongs to: the record as it is now,
 * else as the row wrote it (a deleted record); NULL for a row of no unit. */
#define AUDIT_JSON(key) "json_extract(coalesce(a.new, a.old), '$." key "')"
#define AUDIT_OWNER_UNIT(cadre, org)                                                               \
	"coalesce((SELECT unit_id FROM cadre WHERE id = " cadre "),"                               \
	" (SELECT unit_id FROM org WHERE id = " org "))"
#define AUDIT_PLAN_UNIT(plan)                                                                      \
	"(SELECT " AUDIT_OWNER_UNIT("p.cadre_id", "p.org_id") " FROM plan p WHERE p.id = " plan ")"
#define AUDIT_UNIT                                                                                                                                                                   \
	"CASE a.tbl"                                                                                                                                                                 \
	" WHEN 'cadre' THEN coalesce((SELECT unit_id FROM cadre WHERE id = a.row_id),"                                                                                               \
	"  " AUDIT_JSON("unit_id") ")"                                                                                                                                               \
				   " WHEN 'org' THEN coalesce((SELECT unit_id FROM org WHERE id "                                                                                    \
				   "= a.row_id),"                                                                                                                                    \
				   "  " AUDIT_JSON(                                                                                                                                  \
					   "unit_id") ")"                                                                                                                            \
						      " WHEN 'plan' THEN " AUDIT_OWNER_UNIT(AUDIT_JSON("cadre_id"), AUDIT_JSON("org_id")) " WHEN 'plan_item' THEN " AUDIT_PLAN_UNIT( \
							      AUDIT_JSON(                                                                                                            \
								      "plan_id")) " WHEN "                                                                                           \
										  "'plan_note' "                                                                                     \
										  "THEN"                                                                                             \
										  " " AUDIT_PLAN_UNIT(                                                                               \
											  "(SELEC"                                                                                   \
											  "T "                                                                                       \
											  "plan_"                                                                                    \
											  "id "                                                                                      \
											  "FROM "                                                                                    \
											  "plan_"                                                                                    \
											  "item "                                                                                    \
											  "WHERE "                                                                                   \
											  "id "                                                                                      \
											  "="                                                                                        \
											  " " AUDIT_JSON(                                                                            \
												  "item_"                                                                            \
												  "id") ")") " ELSE"                                                                 \
													     " " AUDIT_OWNER_UNIT(                                                   \
														     AUDIT_JSON(                                                     \
															     "cadre_id"),                                            \
														     AUDIT_JSON(                                                     \
															     "org_id")) " END"

static char *dup_column(sqlite3_stmt *st, int col, bool *oom)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	char *copy;
	if (!t)
		return NULL;
	if (!(copy = strdup((const char *)t)))
		*oom = true;
	return copy;
}

int store_audit_list(store *s, const audit_query *q, audit_row **out, size_t *n, cb_error *err)
{
	static const char sql[] =
		"SELECT a.id, a.at, a.user, a.tbl, a.row_id, a.action, a.old, a.new"
		" FROM audit a"
		" WHERE (?1 IS NULL OR a.user = ?1) AND (?2 IS NULL OR a.at >= ?2)"
		" AND (?3 IS NULL OR (a.tbl = ?3 AND a.row_id = ?4))"
		" AND (?5 = 0 OR (SELECT lo BETWEEN ?5 AND ?6 AND in_scope(lo, NULL) FROM unit"
		" WHERE id = " AUDIT_UNIT "))"
		" ORDER BY a.id DESC LIMIT ?7";
	sqlite3_stmt *st = store_prepare(s, sql, err);
	size_t cap = 8, count = 0;
	int64_t lo = 0, hi = 0;
	audit_row *rows;
	bool oom = false;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return CB_EDB;
	if (!(rows = malloc(cap * sizeof *rows))) {
		sqlite3_finalize(st);
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	}
	store_scope_clamp(s, &lo, &hi); /* the reader's scope (access.h) */
	store_bind_text(st, 1, q->user);
	store_bind_text(st, 2, q->since);
	store_bind_text(st, 3, q->table);
	sqlite3_bind_int64(st, 4, q->row);
	sqlite3_bind_int64(st, 5, lo);
	sqlite3_bind_int64(st, 6, hi);
	sqlite3_bind_int64(st, 7, q->limit ? (int64_t)q->limit : -1);
	while (!oom && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (count == cap) {
			audit_row *bigger = realloc(rows, 2 * cap * sizeof *rows);
			if (!bigger) {
				oom = true;
				break;
			}
			rows = bigger;
			cap *= 2;
		}
		audit_row *a = &rows[count++];
		a->id = sqlite3_column_int64(st, 0);
		store_column_copy(st, 1, a->at, sizeof a->at);
		store_column_copy(st, 2, a->user, sizeof a->user);
		store_column_copy(st, 3, a->table, sizeof a->table);
		a->row = sqlite3_column_int64(st, 4);
		store_column_copy(st, 5, a->action, sizeof a->action);
		a->old_json = dup_column(st, 6, &oom);
		a->new_json = dup_column(st, 7, &oom);
	}
	sqlite3_finalize(st);
	if (oom || rc != SQLITE_DONE) {
		store_audit_free(rows, count);
		return oom ? cb_error_set(err, CB_EDB, _("Out of memory"))
			   : store_fail(s, err, _("Reading the audit trail"));
	}
	*out = rows;
	*n = count;
	return CB_OK;
}

int store_audit_for(store *s, const char *table, int64_t row, audit_row **out, size_t *n,
		    cb_error *err)
{
	audit_query q = {NULL, NULL, table, row, 0};
	return store_audit_list(s, &q, out, n, err);
}

void store_audit_free(audit_row *rows, size_t n)
{
	for (size_t i = 0; rows && i < n; i++) {
		free(rows[i].old_json);
		free(rows[i].new_json);
	}
	free(rows);
}
