/* test_selfcheck_remedy.c - a manifestation flagged in a self-check opens
 * an item of the cadre's remediation plan in one step: the plan of the
 * check's year is created when missing, the item carries the catalogue's
 * text (or a reference to the code while the text is not filled in), and
 * a code not flagged, unknown, or already in the plan is refused with
 * nothing written. */
#include "store_fixture.h"

#include "plans.h"

static store *db;
static cb_error err;
static manifestation cat[4];

static const char world[] =
	"INSERT INTO unit(id, code, name, kind, tier, parent_id, lo, hi) VALUES"
	" (1, '80', 'Tỉnh Long An', 'tỉnh', 1, NULL, 1, 2),"
	" (2, '794', 'Thành phố Tân An', 'thành phố', 2, 1, 2, 2);"
	"INSERT INTO cadre(id, full_name, name_fold, sort_key, rank, birth_date, gender,"
	" ethnicity, unit_id, position, pos_rank, level, education, theory) VALUES"
	" (1, 'Nguyễn Văn An', 'nguyen van an', x'01', 1024, '1975-04-30', 1, 'Kinh', 2,"
	"  'Bí thư Thành ủy', 1, 2, 4, 3);"
	"INSERT INTO selfcheck(cadre_id, month, flagged, checked_on) VALUES"
	" (1, '2025-05', '1.2,2.1', '2025-05-28');";

static int setup(void **state)
{
	(void)state;
	memset(cat, 0, sizeof cat);
	snprintf(cat[0].code, sizeof cat[0].code, "1.1");
	snprintf(cat[1].code, sizeof cat[1].code, "1.2");
	snprintf(cat[1].text, sizeof cat[1].text, "Nội dung do văn phòng nhập");
	snprintf(cat[2].code, sizeof cat[2].code, "2.1");
	snprintf(cat[3].code, sizeof cat[3].code, "2.2");
	cat[0].group = cat[1].group = 1;
	cat[2].group = cat[3].group = 2;
	setenv("CANBO_TODAY", "2025-06-15", 1);
	db = sf_open_sql(world);
	cb_error_clear(&err);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	sf_close(db);
	return 0;
}

static int count(const char *sql)
{
	sqlite3_stmt *st;
	int n;
	assert_int_equal(sqlite3_prepare_v2(store_db(db), sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

static cb_date day(const char *iso)
{
	cb_date d;
	assert_true(date_parse_iso(iso, &d));
	return d;
}

static void test_flagged_item_opens_plan_and_item(void **state)
{
	int64_t item = 0;
	plan_item it;
	(void)state;
	assert_int_equal(
		selfcheck_remedy(db, 1, "2025-05", "1.2", cat, 4, day("2025-06-15"), &item, &err),
		CB_OK);
	assert_int_equal(count("SELECT count(*) FROM plan WHERE cadre_id = 1 AND year = 2025"
			       " AND adopted_on = ''"),
			 1);
	assert_int_equal(plans_item_get(db, item, &it, &err), CB_OK);
	assert_string_equal(it.shortcoming, "Nội dung do văn phòng nhập");
	assert_string_equal(it.responsible, "Nguyễn Văn An");
	assert_int_equal(it.responsibility, PLAN_INDIVIDUAL);
	/* a second one goes into the same plan; its text is not filled in */
	assert_int_equal(
		selfcheck_remedy(db, 1, "2025-05", "2.1", cat, 4, day("2025-06-15"), &item, &err),
		CB_OK);
	assert_int_equal(plans_item_get(db, item, &it, &err), CB_OK);
	assert_non_null(strstr(it.shortcoming, "2.1"));
	assert_non_null(strstr(it.shortcoming, "2025-05"));
	assert_int_equal(count("SELECT count(*) FROM plan"), 1);
	assert_int_equal(count("SELECT count(*) FROM plan_item"), 2);
}

static void test_refusals_write_nothing(void **state)
{
	int64_t item = 0;
	(void)state;
	assert_int_equal(
		selfcheck_remedy(db, 1, "2025-05", "1.1", cat, 4, day("2025-06-15"), &item, &err),
		CB_EINVALID); /* not flagged */
	assert_int_equal(
		selfcheck_remedy(db, 1, "2025-05", "9.9", cat, 4, day("2025-06-15"), &item, &err),
		CB_EINVALID); /* not in the catalogue */
	assert_int_equal(
		selfcheck_remedy(db, 1, "2025-04", "1.2", cat, 4, day("2025-06-15"), &item, &err),
		CB_NOT_FOUND); /* no check that month */
	assert_int_equal(count("SELECT count(*) FROM plan"), 0);
	assert_int_equal(
		selfcheck_remedy(db, 1, "2025-05", "1.2", cat, 4, day("2025-06-15"), &item, &err),
		CB_OK);
	assert_int_equal(
		selfcheck_remedy(db, 1, "2025-05", "1.2", cat, 4, day("2025-06-15"), &item, &err),
		CB_EINVALID); /* already in the plan */
	assert_int_equal(count("SELECT count(*) FROM plan_item"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_flagged_item_opens_plan_and_item, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_refusals_write_nothing, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
