/* test_store_pages.c - the pages SQLite reads land in the one block
 * store_pages.c gives it (not a malloc each), for databases of 4 KiB and
 * 16 KiB pages, and pages beyond its slots are still read (allocated by
 * SQLite itself) with the right contents, in a process that said it
 * only looks rows up (store_expect_lookups). */
#include "store_fixture.h"

#include "../../src/core/store_internal.h"

static int64_t status_now(int op)
{
	sqlite3_int64 now = 0, high = 0;
	assert_int_equal(sqlite3_status64(op, &now, &high, 0), SQLITE_OK);
	return now;
}

/* A database of `page` bytes a page with `rows` rows of 1000 bytes (a
 * page of its own each at 4 KiB, four to a page at 16 KiB), opened by the
 * store; the sum of their lengths read back. */
static int64_t read_rows(int page, int rows, int64_t *slots_used)
{
	char path[300], sql[512];
	sqlite3 *raw;
	store *s;
	cb_error err;
	int64_t sum;

	snprintf(path, sizeof path, "%s/p%d.db", sf_dir, page);
	/* the store opens first: SQLite starts inside it, with the block */
	assert_int_equal(store_open(&s, path, STORE_CREATE, &err), CB_OK);
	store_close(s);
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	snprintf(sql, sizeof sql,
		 "PRAGMA journal_mode = DELETE; PRAGMA page_size = %d; VACUUM;"
		 "CREATE TABLE big(b BLOB); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL"
		 " SELECT i + 1 FROM n WHERE i < %d) INSERT INTO big SELECT zeroblob(1000) FROM n",
		 page, rows);
	if (sqlite3_exec(raw, sql, NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("%s", sqlite3_errmsg(raw));
	sqlite3_close(raw);

	assert_int_equal(store_open(&s, path, STORE_READONLY, &err), CB_OK);
	assert_int_equal(store_int(s, "PRAGMA page_size", 0), page);
	sum = store_int(s, "SELECT sum(length(b)) FROM big", -1);
	*slots_used = status_now(SQLITE_STATUS_PAGECACHE_USED);
	store_close(s);
	return sum;
}

static void test_pages_read_land_in_the_block(void **state)
{
	int64_t used;
	(void)state;
	/* 100 pages of 16 KiB: all fit the block's slots */
	assert_int_equal(read_rows(16384, 400, &used), 400 * 1000);
	assert_true(used >= 100);
	/* more 4 KiB pages than slots: the rest allocated by SQLite, every
	 * row still read */
	assert_int_equal(read_rows(4096, 1000, &used), 1000 * 1000);
	assert_true(used >= 100);
	assert_true(status_now(SQLITE_STATUS_PAGECACHE_OVERFLOW) == 0); /* all closed */
}

int main(void)
{
	/* as find and show say before their first open */
	store_expect_lookups();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_pages_read_land_in_the_block, sf_setup,
						sf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
