/* test_audit.c - the hash-chained audit trail (audit.h): every change
 * extends the chain, a row changed, deleted or slipped in by hand breaks
 * it at that row, and the migration chains the rows an older canbo wrote. */
#include "store_fixture.h"

#include <sodium.h>

#include "audit.h"
#include "../../src/core/store_internal.h"

static void exec_ok(store *s, const char *sql)
{
	assert_int_equal(sqlite3_exec(store_db(s), sql, NULL, NULL, NULL), SQLITE_OK);
}

static void three_changes(store *s)
{
	sf_add(s, "Nguyễn Văn An", "1980-01-01", 1);
	sf_add(s, "Trần Thị Bình", "1981-02-02", 2);
	sf_add(s, "Lê Văn Cường", "1982-03-03", 1);
}

static void test_chain_holds_and_names_its_head(void **state)
{
	audit_verdict v;
	cb_error err;
	sqlite3_stmt *st;
	char hex[AUDIT_HASH_HEX];
	(void)state;

	three_changes(S);
	assert_int_equal(store_audit_verify(S, &v, &err), CB_OK);
	assert_int_equal(v.rows, 3);
	assert_int_equal(v.broken_at, 0);
	/* the head is the newest row's stored hash */
	assert_int_equal(sqlite3_prepare_v2(store_db(S),
					    "SELECT hash FROM audit ORDER BY id DESC LIMIT 1", -1,
					    &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_bytes(st, 0), AUDIT_HASH_BYTES);
	sodium_bin2hex(hex, sizeof hex, sqlite3_column_blob(st, 0), AUDIT_HASH_BYTES);
	sqlite3_finalize(st);
	assert_string_equal(v.head, hex);
	/* every row's hash differs (each covers the one before it) */
	assert_int_equal(sf_count(S, "SELECT count(DISTINCT hash) FROM audit"), 3);
}

static void test_changed_row_breaks_the_chain(void **state)
{
	audit_verdict v;
	cb_error err;
	(void)state;

	three_changes(S);
	exec_ok(S, "UPDATE audit SET user = 'someone-else' WHERE id = 2");
	assert_int_equal(store_audit_verify(S, &v, &err), CB_OK);
	assert_int_equal(v.broken_at, 2);
}

static void test_deleted_row_breaks_the_chain_after_it(void **state)
{
	audit_verdict v;
	cb_error err;
	(void)state;

	three_changes(S);
	exec_ok(S, "DELETE FROM audit WHERE id = 2");
	assert_int_equal(store_audit_verify(S, &v, &err), CB_OK);
	assert_int_equal(v.rows, 2);
	assert_int_equal(v.broken_at, 3);
}

static void test_forged_row_without_hash_breaks_it(void **state)
{
	audit_verdict v;
	cb_error err;
	(void)state;

	three_changes(S);
	exec_ok(S, "INSERT INTO audit(at, user, tbl, row_id, action, old, new)"
		   " VALUES('2025-01-01 00:00:00', 'x', 'cadre', 9, 'delete', '{}', NULL)");
	assert_int_equal(store_audit_verify(S, &v, &err), CB_OK);
	assert_int_equal(v.broken_at, 4);
}

static void test_rehashing_one_row_still_breaks_the_next(void **state)
{
	audit_verdict v;
	cb_error err;
	(void)state;

	three_changes(S);
	/* a forger who recomputes row 2's own hash from the real row 1 ... */
	exec_ok(S, "UPDATE audit SET new = '{\"full_name\":\"Forged\"}' WHERE id = 2");
	exec_ok(S, "UPDATE audit SET hash = (SELECT canbo_audit_hash(p.hash, a.id, a.at, a.user,"
		   " a.tbl, a.row_id, a.action, a.old, a.new) FROM audit a, audit p"
		   " WHERE a.id = 2 AND p.id = 1) WHERE id = 2");
	/* ... is caught at row 3, and the head no longer matches the one a
	 * report printed */
	assert_int_equal(store_audit_verify(S, &v, &err), CB_OK);
	assert_int_equal(v.broken_at, 3);
}

static void test_migration_chains_older_rows(void **state)
{
	char path[300];
	store *s;
	audit_verdict v;
	cb_error err;
	(void)state;

	assert_non_null(fixture_tmpdir(sf_dir, sizeof sf_dir));
	snprintf(path, sizeof path, "%s/old.db", sf_dir);
	/* a database of schema 2, with audit rows as an older canbo wrote them */
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, store_migrations[0], NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, store_migrations[1], NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(
		sqlite3_exec(
			db,
			"PRAGMA user_version = 2;"
			"INSERT INTO audit(at, user, tbl, row_id, action, old, new) VALUES"
			" ('2024-01-01 08:00:00', 'an', 'cadre', 1, 'insert', NULL, '{}'),"
			" ('2024-01-02 08:00:00', 'binh', 'cadre', 1, 'update', '{}', '{\"a\":1}'),"
			" ('2024-01-03 08:00:00', 'an', 'cadre', 1, 'delete', '{\"a\":1}', NULL);",
			NULL, NULL, NULL),
		SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(store_open(&s, path, 0, &err), CB_OK);
	assert_int_equal(store_schema_version(s), STORE_SCHEMA_VERSION);
	assert_int_equal(store_audit_verify(s, &v, &err), CB_OK);
	assert_int_equal(v.rows, 3);
	assert_int_equal(v.broken_at, 0);
	/* and the writer continues the same chain */
	assert_int_equal(store_begin(s, &err), CB_OK);
	assert_int_equal(store_audit(s, "cadre", 2, "insert", NULL, "{}", &err), CB_OK);
	assert_int_equal(store_commit(s, &err), CB_OK);
	assert_int_equal(store_audit_verify(s, &v, &err), CB_OK);
	assert_int_equal(v.rows, 4);
	assert_int_equal(v.broken_at, 0);
	store_close(s);
	fixture_rmtree(sf_dir);
}

static void test_trail_without_hash_column_is_chained_on_open(void **state)
{
	char path[300];
	store *s;
	audit_verdict v;
	cb_error err;
	sqlite3 *db;
	(void)state;

	assert_non_null(fixture_tmpdir(sf_dir, sizeof sf_dir));
	snprintf(path, sizeof path, "%s/slot.db", sf_dir);
	assert_int_equal(store_open(&s, path, STORE_CREATE, &err), CB_OK);
	store_close(s);
	/* the latest schema, but made while migration 4 was an empty slot */
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(
		sqlite3_exec(db,
			     "ALTER TABLE audit DROP COLUMN hash;"
			     "INSERT INTO audit(at, user, tbl, row_id, action, old, new) VALUES"
			     " ('2024-01-01 08:00:00', 'an', 'cadre', 1, 'insert', NULL, '{}'),"
			     " ('2024-01-02 08:00:00', 'an', 'cadre', 2, 'insert', NULL, '{}');",
			     NULL, NULL, NULL),
		SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(store_open(&s, path, 0, &err), CB_OK);
	assert_int_equal(store_audit_verify(s, &v, &err), CB_OK);
	assert_int_equal(v.rows, 2);
	assert_int_equal(v.broken_at, 0);
	assert_int_equal(strlen(v.head), 2 * AUDIT_HASH_BYTES);
	store_close(s);
	fixture_rmtree(sf_dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_chain_holds_and_names_its_head, sf_setup,
						sf_teardown),
		cmocka_unit_test_setup_teardown(test_changed_row_breaks_the_chain, sf_setup,
						sf_teardown),
		cmocka_unit_test_setup_teardown(test_deleted_row_breaks_the_chain_after_it,
						sf_setup, sf_teardown),
		cmocka_unit_test_setup_teardown(test_forged_row_without_hash_breaks_it, sf_setup,
						sf_teardown),
		cmocka_unit_test_setup_teardown(test_rehashing_one_row_still_breaks_the_next,
						sf_setup, sf_teardown),
		cmocka_unit_test(test_migration_chains_older_rows),
		cmocka_unit_test(test_trail_without_hash_column_is_chained_on_open),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
