/* test_store_identity.c - only canbo's own databases are opened: an empty
 * file, another program's SQLite database and a file that is not SQLite
 * are refused, whatever the open mode, and left byte for byte as they
 * were; a new database carries canbo's application_id; one made before
 * the mark existed opens and gets the mark at its next write. */
#include "store_fixture.h"

#include <sys/stat.h>

#include "../../src/core/store_internal.h"

static char path[300];

static int setup(void **state)
{
	(void)state;
	setenv("CANBO_TODAY", SF_TODAY, 1);
	assert_non_null(fixture_tmpdir(sf_dir, sizeof sf_dir));
	snprintf(path, sizeof path, "%s/x.db", sf_dir);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fixture_rmtree(sf_dir);
	return 0;
}

static char *slurp(const char *p, size_t *n)
{
	FILE *f = fopen(p, "rb");
	char *buf = malloc(1 << 20);
	assert_non_null(f);
	assert_non_null(buf);
	*n = fread(buf, 1, 1 << 20, f);
	fclose(f);
	return buf;
}

/* Every way of opening refuses the file, naming it; nothing changes. */
static void expect_refused_untouched(void)
{
	static const int modes[] = {0, STORE_READONLY, STORE_BULK};
	size_t n0, n1;
	char *before = slurp(path, &n0), wal[320];
	for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++) {
		store *s = NULL;
		cb_error err = {0};
		assert_int_equal(store_open(&s, path, modes[i], &err), CB_EDB);
		assert_null(s);
		assert_non_null(strstr(err.msg, path));
		assert_non_null(strstr(err.msg, "canbo demo"));
	}
	char *after = slurp(path, &n1);
	assert_int_equal(n0, n1);
	assert_memory_equal(before, after, n0);
	snprintf(wal, sizeof wal, "%s-wal", path);
	assert_int_equal(access(wal, F_OK), -1);
	free(before);
	free(after);
}

static void test_empty_file_is_refused(void **state)
{
	(void)state;
	FILE *f = fopen(path, "w");
	fclose(f);
	expect_refused_untouched();
}

static void test_another_programs_database_is_refused(void **state)
{
	sqlite3 *raw;
	(void)state;
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw,
				      "CREATE TABLE ghi_chu(noi_dung TEXT);"
				      "INSERT INTO ghi_chu VALUES('giữ nguyên')",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(raw);
	expect_refused_untouched();
	/* even one that happens to have tables of the same names, but another
	 * program's mark */
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw,
				      "CREATE TABLE unit(x); CREATE TABLE cadre(x);"
				      "CREATE TABLE audit(x); PRAGMA user_version = 1;"
				      "PRAGMA application_id = 1234",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(raw);
	expect_refused_untouched();
}

static void test_a_file_that_is_not_sqlite_is_refused(void **state)
{
	(void)state;
	FILE *f = fopen(path, "w");
	for (int i = 0; i < 200; i++)
		fputs("Họ và tên,Ngày sinh\n", f);
	fclose(f);
	expect_refused_untouched();
}

static void test_new_database_carries_the_mark(void **state)
{
	store *s;
	cb_error err;
	(void)state;
	assert_int_equal(store_open(&s, path, STORE_CREATE, &err), CB_OK);
	assert_int_equal(store_application_id(s), 0x43616E62);
	store_close(s);
	assert_int_equal(store_open(&s, path, STORE_READONLY, &err), CB_OK);
	store_close(s);
}

static void test_older_database_opens_and_is_marked_at_its_next_write(void **state)
{
	store *s;
	sqlite3 *raw;
	cb_error err;
	(void)state;
	assert_int_equal(store_open(&s, path, STORE_CREATE, &err), CB_OK);
	store_close(s);
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "PRAGMA application_id = 0", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(raw);
	/* a reader leaves it be */
	assert_int_equal(store_open(&s, path, STORE_READONLY, &err), CB_OK);
	assert_int_equal(store_application_id(s), 0);
	store_close(s);
	/* opening to write does not write */
	assert_int_equal(store_open(&s, path, 0, &err), CB_OK);
	assert_int_equal(store_application_id(s), 0);
	/* the first change does */
	sf_cfg.tiers = 3;
	sf_cfg.units = sf_units;
	sf_cfg.unit_count = sizeof sf_units / sizeof sf_units[0];
	sf_cfg.age_min = 18;
	sf_cfg.age_max = 65;
	assert_int_equal(store_sync_units(s, &sf_cfg, &err), CB_OK);
	assert_int_equal(store_application_id(s), 0x43616E62);
	store_close(s);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_empty_file_is_refused),
		T(test_another_programs_database_is_refused),
		T(test_a_file_that_is_not_sqlite_is_refused),
		T(test_new_database_carries_the_mark),
		T(test_older_database_opens_and_is_marked_at_its_next_write),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
