/* test_store_migrate.c - schema versions and forward migrations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fixture.h"
#include "../../src/core/store_internal.h"

static char dir[256];
static char db_path[300];

static int setup(void **state)
{
	(void)state;
	if (!fixture_tmpdir(dir, sizeof dir))
		return -1;
	snprintf(db_path, sizeof db_path, "%s/t.db", dir);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fixture_rmtree(dir);
	return 0;
}

static int table_exists(store *s, const char *name)
{
	sqlite3_stmt *st;
	int found;
	assert_int_equal(sqlite3_prepare_v2(store_db(s),
					    "SELECT 1 FROM sqlite_master WHERE name = ?", -1, &st,
					    NULL),
			 SQLITE_OK);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return found;
}

static void test_new_database_is_at_latest_schema(void **state)
{
	store *s;
	cb_error err;
	(void)state;
	assert_int_equal(store_open(&s, db_path, STORE_CREATE, &err), CB_OK);
	assert_int_equal(store_schema_version(s), STORE_SCHEMA_VERSION);
	assert_true(table_exists(s, "cadre"));
	assert_true(table_exists(s, "selfcheck"));
	assert_true(table_exists(s, "cadre_rank"));
	store_close(s);
}

/* A database left at version 1 by an earlier release keeps its rows and
 * gains the tables of version 2 when opened. */
static void test_version_1_database_migrates_and_keeps_rows(void **state)
{
	sqlite3 *raw;
	sqlite3_stmt *st;
	store *s;
	cb_error err;
	(void)state;

	assert_int_equal(sqlite3_open(db_path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, store_migrations[0], NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(
		sqlite3_exec(
			raw,
			"PRAGMA user_version = 1;"
			"INSERT INTO unit(id, code, name, kind, tier) VALUES(1, '80', 'Tỉnh Long "
			"An', 'tỉnh', 1);"
			"INSERT INTO cadre(full_name, name_fold, sort_key, rank, birth_date, "
			"gender,"
			" ethnicity, unit_id, position, pos_rank, level, education, theory)"
			" VALUES('Nguyễn Văn An', 'nguyen van an', x'00', 1024, '1975-04-30', 1,"
			" 'Kinh', 1, 'Bí thư', 1, 1, 4, 3);",
			NULL, NULL, NULL),
		SQLITE_OK);
	sqlite3_close(raw);

	assert_int_equal(store_open(&s, db_path, 0, &err), CB_OK);
	assert_int_equal(store_schema_version(s), STORE_SCHEMA_VERSION);
	assert_true(table_exists(s, "selfcheck"));
	assert_true(table_exists(s, "draft"));
	assert_int_equal(
		sqlite3_prepare_v2(store_db(s), "SELECT full_name FROM cadre", -1, &st, NULL),
		SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "Nguyễn Văn An");
	sqlite3_finalize(st);
	store_close(s);
}

/* Writes a version-1 database holding one cadre, as an earlier release
 * left it. */
static void make_version_1(void)
{
	sqlite3 *raw;
	assert_int_equal(sqlite3_open(db_path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, store_migrations[0], NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(
		sqlite3_exec(raw,
			     "PRAGMA user_version = 1;"
			     "INSERT INTO unit(id, code, name, kind, tier) VALUES(1, '80', 'Tỉnh "
			     "Long An', 'tỉnh', 1);"
			     "INSERT INTO cadre(full_name, name_fold, sort_key, rank, birth_date, "
			     "gender,"
			     " ethnicity, unit_id, position, pos_rank, level, education, theory)"
			     " VALUES('Trần Thị Bích Ngọc', 'tran thi bich ngoc', x'00', 1024, "
			     "'1980-09-02', 2,"
			     " 'Kinh', 1, 'Phó Bí thư', 2, 1, 4, 3);",
			     NULL, NULL, NULL),
		SQLITE_OK);
	sqlite3_close(raw);
}

/* `canbo find` opens read-only: an older database is upgraded first and
 * then read, instead of being refused until the application opens it. */
static void test_read_only_open_upgrades_an_older_database(void **state)
{
	sqlite3_stmt *st;
	store *s;
	cb_error err;
	(void)state;
	make_version_1();
	assert_int_equal(store_open(&s, db_path, STORE_READONLY, &err), CB_OK);
	assert_int_equal(store_schema_version(s), STORE_SCHEMA_VERSION);
	assert_true(table_exists(s, "selfcheck"));
	assert_true(table_exists(s, "cadre_rank"));
	assert_int_equal(
		sqlite3_prepare_v2(store_db(s), "SELECT full_name FROM cadre", -1, &st, NULL),
		SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "Trần Thị Bích Ngọc");
	sqlite3_finalize(st);
	/* still read-only as asked */
	assert_int_equal(store_begin(s, &err), CB_EACCESS);
	store_close(s);
}

/* A file that is not canbo's (schema version 0) is not touched by a
 * read-only open. */
static void test_read_only_open_leaves_a_foreign_database_alone(void **state)
{
	sqlite3 *raw;
	store *s;
	cb_error err;
	(void)state;
	assert_int_equal(sqlite3_open(db_path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "CREATE TABLE ghi_chu(noi_dung TEXT)", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(raw);
	assert_int_equal(store_open(&s, db_path, STORE_READONLY, &err), CB_EDB);
	assert_null(s);
	assert_int_equal(sqlite3_open(db_path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "SELECT count(*) FROM cadre", NULL, NULL, NULL),
			 SQLITE_ERROR);
	sqlite3_close(raw);
}

/* A file from a newer release is refused rather than damaged. */
static void test_newer_schema_is_refused(void **state)
{
	sqlite3 *raw;
	store *s;
	cb_error err;
	(void)state;
	/* a canbo database, then as a newer canbo would leave it */
	assert_int_equal(store_open(&s, db_path, STORE_CREATE, &err), CB_OK);
	store_close(s);
	assert_int_equal(sqlite3_open(db_path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "PRAGMA user_version = 99", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(raw);
	assert_int_equal(store_open(&s, db_path, 0, &err), CB_EDB);
	assert_null(s);
	assert_non_null(strstr(err.msg, "99"));
}

static void test_missing_file_is_not_created_without_create_flag(void **state)
{
	store *s;
	cb_error err;
	(void)state;
	assert_int_equal(store_open(&s, db_path, 0, &err), CB_EDB);
	assert_int_equal(access(db_path, F_OK), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_new_database_is_at_latest_schema, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_version_1_database_migrates_and_keeps_rows,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_only_open_upgrades_an_older_database,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_only_open_leaves_a_foreign_database_alone,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_newer_schema_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_missing_file_is_not_created_without_create_flag, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
