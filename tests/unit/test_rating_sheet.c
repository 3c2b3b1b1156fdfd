/* The rating sheet's core (rating_sheet.h): the cadres of a scope with
 * their grade, the counts per grade, and the writes to several records at
 * once - audited one row per record, all of them or none. */
#include "store_fixture.h"

#include "access.h"
#include "rating_sheet.h"

static int64_t add_at(const char *name, const char *unit)
{
	cadre cd;
	cb_error err;

	sf_cadre(S, &cd, name, "1980-05-01", 1);
	cd.unit_id = sf_unit(S, unit).id;
	assert_int_equal(store_cadre_insert(S, &cd, &sf_cfg, &err), CB_OK);
	return cd.id;
}

static int64_t audit_rows(const char *table)
{
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE tbl = '%s'", table);
	return sf_count(S, sql);
}

static void load(int64_t lo, int64_t hi, int year, rating_sheet_row **rows, size_t *n)
{
	cb_error err;
	assert_int_equal(rating_sheet_load(S, false, lo, hi, 0, year, date_today(), rows, n, &err),
			 CB_OK);
}

static void test_the_cadres_of_a_scope_with_their_grade(void **state)
{
	int64_t an = add_at("Nguyễn Văn An", "27694");
	int64_t binh = add_at("Trần Thị Bình", "27694");
	add_at("Lê Văn Cường", "27940"); /* another district */
	unit_row tan_an = sf_unit(S, "794");
	rating_sheet_row *rows;
	size_t n;
	cb_error err;
	int counts[RATING_SHEET_GRADES];

	(void)state;
	assert_int_equal(store_rating_set(S, binh, 2024, 2, &err), CB_OK);
	load(tan_an.lo, tan_an.hi, 2024, &rows, &n);
	assert_int_equal(n, 2);
	/* in name order: An, Bình */
	assert_int_equal(rows[0].id, an);
	assert_int_equal(rows[0].grade, 0);
	assert_int_equal(rows[1].id, binh);
	assert_int_equal(rows[1].grade, 2);
	assert_string_equal(rows[1].unit, "Phường 1");
	rating_sheet_count(rows, n, counts);
	assert_int_equal(counts[0], 1);
	assert_int_equal(counts[2], 1);
	assert_int_equal(counts[1] + counts[3] + counts[4], 0);
	free(rows);
	/* another year: no grade */
	load(tan_an.lo, tan_an.hi, 2023, &rows, &n);
	assert_int_equal(n, 2);
	assert_int_equal(rows[1].grade, 0);
	free(rows);
	/* the whole province */
	load(0, 0, 2024, &rows, &n);
	assert_int_equal(n, 3);
	free(rows);
}

static void test_the_readers_scope_bounds_the_sheet(void **state)
{
	int64_t an = add_at("Nguyễn Văn An", "27694");
	int64_t cuong = add_at("Lê Văn Cường", "27940");
	unit_row tan_an = sf_unit(S, "794");
	int64_t ids[] = {an, cuong};
	rating_sheet_row *rows;
	size_t n, failed;
	cb_error err;

	(void)state;
	store_set_scope(S, tan_an.lo, tan_an.hi);
	load(0, 0, 2024, &rows, &n);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].id, an);
	free(rows);
	/* a cadre out of the reader's scope is refused, and so is the batch */
	assert_int_not_equal(rating_sheet_set_grade(S, false, ids, 2, 2024, 1, &failed, &err),
			     CB_OK);
	assert_int_equal(failed, 1);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM rating"), 0);
	assert_int_equal(audit_rows("rating"), 0);
}

static void test_a_grade_for_several_is_one_audit_row_each(void **state)
{
	int64_t ids[3] = {add_at("Nguyễn Văn An", "27694"), add_at("Trần Thị Bình", "27694"),
			  add_at("Lê Văn Cường", "27940")};
	size_t failed;
	cb_error err;

	(void)state;
	assert_int_equal(rating_sheet_set_grade(S, false, ids, 3, 2024, 3, &failed, &err), CB_OK);
	assert_int_equal(failed, 3);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM rating WHERE year = 2024 AND grade = 3"),
			 3);
	assert_int_equal(audit_rows("rating"), 3);
	/* grade 0 removes the year's rating (to the trash) */
	assert_int_equal(rating_sheet_set_grade(S, false, ids, 1, 2024, 0, &failed, &err), CB_OK);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM rating WHERE year = 2024"), 2);
}

static void test_one_refusal_writes_nothing(void **state)
{
	int64_t ids[3] = {add_at("Nguyễn Văn An", "27694"), 999999,
			  add_at("Trần Thị Bình", "27694")};
	training_row t = {.year = 2025, .kind = 1};
	size_t failed;
	cb_error err;

	(void)state;
	assert_int_not_equal(rating_sheet_set_grade(S, false, ids, 3, 2024, 1, &failed, &err),
			     CB_OK);
	assert_int_equal(failed, 1);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM rating"), 0);
	snprintf(t.course, sizeof t.course, "Lớp bồi dưỡng");
	assert_int_not_equal(rating_sheet_add_training(S, ids, 3, &t, &failed, &err), CB_OK);
	assert_int_equal(failed, 1);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM training"), 0);
	assert_int_equal(audit_rows("training"), 0);
	/* a bad grade is refused at the first record */
	assert_int_equal(rating_sheet_set_grade(S, false, ids, 1, 2024, 9, &failed, &err),
			 CB_EINVALID);
	assert_int_equal(failed, 0);
}

static void test_a_training_for_several(void **state)
{
	int64_t ids[2] = {add_at("Nguyễn Văn An", "27694"), add_at("Trần Thị Bình", "27694")};
	training_row t = {.year = 2025, .kind = 1};
	size_t failed;
	cb_error err;

	(void)state;
	snprintf(t.course, sizeof t.course, "  Lớp   cập nhật kiến thức ");
	assert_int_equal(rating_sheet_add_training(S, ids, 2, &t, &failed, &err), CB_OK);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM training WHERE year = 2025"
				     " AND course = 'Lớp cập nhật kiến thức'"),
			 2);
	assert_int_equal(audit_rows("training"), 2);
}

static void test_the_organisations_in_tree_order(void **state)
{
	org_row top = {.kind = 6}, cell = {.kind = 7}, gone = {.kind = 7};
	rating_sheet_row *rows;
	size_t n, failed;
	cb_error err;
	int64_t id;

	(void)state;
	snprintf(top.name, sizeof top.name, "Đảng bộ phường 1");
	top.unit_id = sf_unit(S, "27694").id;
	assert_int_equal(store_org_insert(S, &top, &err), CB_OK);
	snprintf(cell.name, sizeof cell.name, "Chi bộ khu phố 2");
	cell.unit_id = top.unit_id;
	cell.parent_id = top.id;
	assert_int_equal(store_org_insert(S, &cell, &err), CB_OK);
	snprintf(gone.name, sizeof gone.name, "Chi bộ khu phố 9");
	gone.unit_id = top.unit_id;
	gone.parent_id = top.id;
	assert_int_equal(store_org_insert(S, &gone, &err), CB_OK);
	assert_int_equal(
		store_org_end(S, gone.id, gone.version, date_today(), ORG_DISSOLVED, 0, &err),
		CB_OK);
	id = cell.id;
	assert_int_equal(rating_sheet_set_grade(S, true, &id, 1, 2024, 4, &failed, &err), CB_OK);
	assert_int_equal(rating_sheet_load(S, true, 0, 0, 0, 2024, date_today(), &rows, &n, &err),
			 CB_OK);
	assert_int_equal(n, 2); /* the dissolved one is not rated any more */
	assert_int_equal(rows[0].id, top.id);
	assert_int_equal(rows[0].depth, 0);
	assert_int_equal(rows[0].grade, 0);
	assert_int_equal(rows[1].id, cell.id);
	assert_int_equal(rows[1].depth, 1);
	assert_int_equal(rows[1].grade, 4);
	free(rows);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM rating WHERE org_id IS NOT NULL"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_the_cadres_of_a_scope_with_their_grade,
						sf_setup, sf_teardown),
		cmocka_unit_test_setup_teardown(test_the_readers_scope_bounds_the_sheet, sf_setup,
						sf_teardown),
		cmocka_unit_test_setup_teardown(test_a_grade_for_several_is_one_audit_row_each,
						sf_setup, sf_teardown),
		cmocka_unit_test_setup_teardown(test_one_refusal_writes_nothing, sf_setup,
						sf_teardown),
		cmocka_unit_test_setup_teardown(test_a_training_for_several, sf_setup, sf_teardown),
		cmocka_unit_test_setup_teardown(test_the_organisations_in_tree_order, sf_setup,
						sf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
