/* test_targets.c - the resolution's targets: exact met/not met and gap,
 * "no data" for empty populations, organisation counts, the per-district
 * view, overrides, and every figure's drill-down list. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fixture.h"
#include "stats_db.h"
#include "stats.h"
#include "text.h"

static char dir[256];
static cfg conf;
static store *db;
static cadre_filter whole;

static int setup(void **state)
{
	(void)state;
	if (!fixture_tmpdir(dir, sizeof dir))
		return -1;
	sdb_config(&conf);
	db = sdb_open(dir, &conf);
	filter_init(&whole);
	whole.as_of = date_from_ymd(2025, 6, 30);
	whole.deepest_tier = 3;
	return db ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	store_close(db);
	fixture_rmtree(dir);
	return 0;
}

static target_result judged(int64_t num, int64_t den, int target)
{
	target_result r = {0};
	r.num = num;
	r.den = den;
	r.target = target;
	target_judge(&r);
	return r;
}

static void test_gap_is_the_smallest_number_that_meets_the_target(void **state)
{
	(void)state;
	/* 3 women of 25: 20 % needs 5, so 2 more */
	assert_int_equal(judged(3, 25, 20).gap, 2);
	assert_int_equal(judged(3, 25, 20).state, TARGET_MISSED);
	/* 0 of 1 at 5 %: one person is the least that can be added */
	assert_int_equal(judged(0, 1, 5).gap, 1);
	/* 100 %: everyone missing */
	assert_int_equal(judged(5, 7, 100).gap, 2);
	/* 95 % of 41 = 38.95: 39 needed */
	assert_int_equal(judged(36, 41, 95).gap, 3);
	/* 35 % of 20 = 7 exactly */
	assert_int_equal(judged(6, 20, 35).gap, 1);
}

static void test_reaching_the_target_exactly_is_met(void **state)
{
	(void)state;
	assert_int_equal(judged(1, 5, 20).state, TARGET_MET);
	assert_int_equal(judged(1, 5, 20).gap, 0);
	assert_int_equal(judged(7, 20, 35).state, TARGET_MET);
	/* 19.99 % is not 20 % */
	assert_int_equal(judged(1999, 10000, 20).state, TARGET_MISSED);
	assert_int_equal(judged(1999, 10000, 20).gap, 1);
}

static void test_empty_population_is_no_data_not_zero_percent(void **state)
{
	target_result r[TARGET_COUNT];
	cb_error err = {0};
	(void)state;
	assert_int_equal(targets_eval(db, &whole, 2024, NULL, r, &err), CB_OK);
	for (int id = 0; id < TARGET_COUNT; id++) {
		assert_int_equal(r[id].den, 0);
		assert_int_equal(r[id].state, TARGET_NO_DATA);
		assert_int_equal(r[id].gap, 0);
	}
}

static int64_t managed(const char *name, int gender, const char *birth, const char *unit)
{
	sdb_cadre k = {name, birth, gender, "Kinh", unit, 5, 1, 0, 4, 3};
	int64_t id = sdb_add(db, &k);
	assert_true(id > 0);
	return id;
}

static void test_women_target_counts_women_among_managed_cadres(void **state)
{
	target_result r[TARGET_COUNT];
	cb_error err = {0};
	sdb_cadre unmanaged = {"Trần Thị Mai", "1980-01-01", 2, "Kinh", "794", 7, 0, 0, 4, 2};
	(void)state;
	managed("Nguyễn Văn An", 1, "1970-01-01", "80");
	managed("Lê Văn Bình", 1, "1971-01-01", "794");
	managed("Phạm Văn Chiến", 1, "1972-01-01", "795");
	managed("Võ Thị Diệu", 2, "1973-01-01", "795");
	managed("Đỗ Văn Em", 1, "1974-01-01", "80");
	sdb_add(db, &unmanaged);
	assert_int_equal(targets_eval(db, &whole, 2024, NULL, r, &err), CB_OK);
	assert_int_equal(r[T_MANAGED_WOMEN].num, 1);
	assert_int_equal(r[T_MANAGED_WOMEN].den, 5);
	assert_int_equal(r[T_MANAGED_WOMEN].target, 20);
	assert_int_equal(r[T_MANAGED_WOMEN].state, TARGET_MET);

	managed("Huỳnh Văn Giang", 1, "1975-01-01", "794");
	assert_int_equal(targets_eval(db, &whole, 2024, NULL, r, &err), CB_OK);
	assert_int_equal(r[T_MANAGED_WOMEN].state, TARGET_MISSED);
	assert_int_equal(r[T_MANAGED_WOMEN].gap, 1);
}

static void test_under40_target_counts_age_on_the_reference_date(void **state)
{
	target_result r[TARGET_COUNT];
	cb_error err = {0};
	(void)state;
	managed("Nguyễn Văn An", 1, "1985-06-30", "80"); /* 40 on 30 June 2025 */
	managed("Lê Thị Bình", 2, "1985-07-01", "80");	 /* 39 */
	assert_int_equal(targets_eval(db, &whole, 2024, NULL, r, &err), CB_OK);
	assert_int_equal(r[T_MANAGED_UNDER40].num, 1);
	assert_int_equal(r[T_MANAGED_UNDER40].den, 2);
	whole.as_of = date_from_ymd(2025, 7, 1);
	assert_int_equal(targets_eval(db, &whole, 2024, NULL, r, &err), CB_OK);
	assert_int_equal(r[T_MANAGED_UNDER40].num, 0);
	assert_int_equal(r[T_MANAGED_UNDER40].state, TARGET_MISSED);
	assert_int_equal(r[T_MANAGED_UNDER40].gap, 1);
}

static void test_rating_target_needs_a_good_rating_in_that_year(void **state)
{
	target_result r[TARGET_COUNT];
	cb_error err = {0};
	int64_t a, b, c;
	(void)state;
	a = managed("Nguyễn Văn An", 1, "1970-01-01", "80");
	b = managed("Lê Thị Bình", 2, "1971-01-01", "80");
	c = managed("Trần Văn Cảnh", 1, "1972-01-01", "80");
	sdb_rating(db, a, 2024, 1); /* excellent */
	sdb_rating(db, b, 2024, 3); /* completed: not good */
	sdb_rating(db, c, 2023, 2); /* good, but the year before */
	assert_int_equal(targets_eval(db, &whole, 2024, NULL, r, &err), CB_OK);
	assert_int_equal(r[T_CONGRESS_CADRE_GOOD].num, 1);
	assert_int_equal(r[T_CONGRESS_CADRE_GOOD].den, 3);
	/* 90 % of 3 = 2.7: 2 more */
	assert_int_equal(r[T_CONGRESS_CADRE_GOOD].gap, 2);
}

static void test_gap_text_says_who_is_missing(void **state)
{
	char b[256];
	(void)state;
	target_gap_text(T_MANAGED_WOMEN, 1, b, sizeof b);
	assert_string_equal(b, "need 1 more woman");
	target_gap_text(T_MANAGED_WOMEN, 3, b, sizeof b);
	assert_string_equal(b, "need 3 more women");
	target_gap_text(T_MANAGED_UNDER40, 2, b, sizeof b);
	assert_string_equal(b, "need 2 more cadres under 40");
	target_gap_text(T_ORG_GRASSROOTS_GOOD, 1, b, sizeof b);
	assert_string_equal(b, "need 1 more grassroots party organisation rated good or better");
	target_gap_text(T_MANAGED_WOMEN, 0, b, sizeof b);
	assert_string_equal(b, "");
	for (int id = 0; id < TARGET_COUNT; id++) {
		target_gap_text(id, 2, b, sizeof b);
		assert_true(strncmp(b, "need 2 more ", 12) == 0);
	}
}

/* Tỉnh ủy's standing committee, a district committee with its standing
 * committee, grassroots committees with cells under them, and a cell
 * directly under the district committee (a grassroots organisation). */
static void add_orgs(void)
{
	int64_t prov = sdb_org(db, "Đảng bộ tỉnh Long An", 1, "80", 0);
	int64_t bts = sdb_org(db, "Ban Thường vụ Tỉnh ủy", 2, "80", prov);
	int64_t hu = sdb_org(db, "Đảng bộ thành phố Tân An", 3, "794", prov);
	int64_t btv = sdb_org(db, "Ban Thường vụ Thành ủy Tân An", 2, "794", hu);
	int64_t dd = sdb_org(db, "Đảng đoàn HĐND tỉnh", 4, "80", prov);
	int64_t g1 = sdb_org(db, "Đảng bộ Phường 5", 6, "27685", hu);
	int64_t g2 = sdb_org(db, "Đảng bộ xã Hướng Thọ Phú", 6, "27703", hu);
	int64_t c1 = sdb_org(db, "Chi bộ khu phố 1", 7, "27685", g1);
	int64_t c2 = sdb_org(db, "Chi bộ Trường THPT Tân An", 7, "794", hu);
	(void)c1;
	sdb_org_rating(db, bts, 2024, 1);
	sdb_org_rating(db, btv, 2024, 3);
	sdb_org_rating(db, dd, 2024, 2);
	sdb_org_rating(db, g1, 2024, 2);
	sdb_org_rating(db, g2, 2023, 1);
	sdb_org_rating(db, c1, 2024, 1);
	sdb_org_rating(db, c2, 2024, 1);
}

static void test_grassroots_orgs_include_cells_not_under_a_grassroots_committee(void **state)
{
	target_result r[TARGET_COUNT];
	cb_error err = {0};
	(void)state;
	add_orgs();
	assert_int_equal(targets_eval(db, &whole, 2024, NULL, r, &err), CB_OK);
	/* g1, g2 and the school cell; the neighbourhood cell is under g1 */
	assert_int_equal(r[T_ORG_GRASSROOTS_GOOD].den, 3);
	assert_int_equal(r[T_ORG_GRASSROOTS_GOOD].num, 2);
	assert_int_equal(r[T_CONGRESS_ORG_GOOD].den, 3);
	assert_int_equal(r[T_CONGRESS_ORG_GOOD].num, 2);
	assert_int_equal(r[T_ORG_STANDING_GOOD].den, 3);
	assert_int_equal(r[T_ORG_STANDING_GOOD].num, 2);
	assert_int_equal(r[T_ORG_STANDING_GOOD].gap, 1);
}

static void test_org_targets_follow_the_unit_scope(void **state)
{
	target_result r[TARGET_COUNT];
	cb_error err = {0};
	cadre_filter f = whole;
	(void)state;
	add_orgs();
	sdb_scope(db, "794", &f);
	assert_int_equal(targets_eval(db, &f, 2024, NULL, r, &err), CB_OK);
	assert_int_equal(r[T_ORG_STANDING_GOOD].den, 1);
	assert_int_equal(r[T_ORG_STANDING_GOOD].num, 0);
	assert_int_equal(r[T_ORG_GRASSROOTS_GOOD].den, 3);
}

/* A varied corps: every population of the targets has members. */
static void add_mixed(void)
{
	int64_t id[SDB_MIXED_COUNT];

	sdb_add_mixed(db, id);
	sdb_rating(db, id[0], 2024, 1);
	sdb_rating(db, id[1], 2024, 2);
	sdb_rating(db, id[2], 2024, 3);
	sdb_rating(db, id[5], 2024, 2);
	sdb_rating(db, id[6], 2024, 4);
	sdb_rating(db, id[7], 2024, 1);
	sdb_rating(db, id[9], 2024, 1);
	sdb_training(db, id[0], 2024, 1);
	sdb_training(db, id[2], 2024, 2);
	sdb_training(db, id[5], 2024, 3);
	sdb_training(db, id[7], 2024, 1);
	sdb_training(db, id[7], 2024, 3);
	sdb_training(db, id[10], 2024, 2);
	sdb_planning(db, id[3]);
	sdb_planning(db, id[4]);
	sdb_planning(db, id[9]);
}

static void test_every_target_figure_lists_exactly_its_cadres(void **state)
{
	target_result r[TARGET_COUNT];
	cb_error err = {0};
	cadre_filter f;
	(void)state;
	add_mixed();
	assert_int_equal(targets_eval(db, &whole, 2024, NULL, r, &err), CB_OK);
	for (int id = 0; id < TARGET_COUNT; id++) {
		if (target_is_org(id)) {
			assert_false(target_filter(id, TL_NUM, &whole, 2024, &f));
			continue;
		}
		assert_true(target_filter(id, TL_DEN, &whole, 2024, &f));
		assert_int_equal(sdb_list_count(db, &f), r[id].den);
		assert_true(target_filter(id, TL_NUM, &whole, 2024, &f));
		assert_int_equal(sdb_list_count(db, &f), r[id].num);
		if (target_filter(id, TL_SHORT, &whole, 2024, &f))
			assert_int_equal(sdb_list_count(db, &f), r[id].den - r[id].num);
	}
	assert_true(r[T_MANAGED_WOMEN].den > 0);
	assert_true(r[T_COMMUNE_TRAINED].den > 0);
}

static void test_sparse_ids_give_the_same_target_figures(void **state)
{
	sdb_cadre k = {"Mai Thị Tâm", "1979-01-01", 2, "Kinh", "27703", 3, 0, 4, 4, 2};
	target_result r[TARGET_COUNT];
	cb_error err = {0};
	cadre_filter f;
	int64_t id;
	(void)state;
	add_mixed();
	id = sdb_add(db, &k);
	assert_int_equal(sdb_sql_ints(db, "UPDATE cadre SET id = 90000000 WHERE id = ?1", id, 0, 0),
			 0);
	sdb_rating(db, 90000000, 2024, 2);
	sdb_training(db, 90000000, 2024, 3);
	assert_int_equal(targets_eval(db, &whole, 2024, NULL, r, &err), CB_OK);
	for (int id2 = 0; id2 < TARGET_COUNT; id2++) {
		if (!target_filter(id2, TL_NUM, &whole, 2024, &f))
			continue;
		assert_int_equal(sdb_list_count(db, &f), r[id2].num);
	}
	assert_int_equal(r[T_COMMUNE_TRAINED].num, 3);
}

/* A code outside the histogram's ranges (an old import, say) sends the
 * count through the plain pass: still every cadre, still exact. */
static void test_unusual_codes_are_still_counted_exactly(void **state)
{
	sdb_cadre k = {"Trương Văn Tư", "1970-01-01", 1, "Kinh", "27703", 3, 0, 4, 4, 2};
	target_result r[TARGET_COUNT];
	cb_error err = {0};
	cadre_filter f;
	int64_t id;
	(void)state;
	add_mixed();
	id = sdb_add(db, &k);
	assert_int_equal(sdb_sql_ints(db, "UPDATE cadre SET theory = 40 WHERE id = ?1", id, 0, 0),
			 0);
	assert_int_equal(targets_eval(db, &whole, 2024, NULL, r, &err), CB_OK);
	for (int i = 0; i < TARGET_COUNT; i++) {
		if (!target_filter(i, TL_NUM, &whole, 2024, &f))
			continue;
		assert_int_equal(sdb_list_count(db, &f), r[i].num);
		assert_true(target_filter(i, TL_DEN, &whole, 2024, &f));
		assert_int_equal(sdb_list_count(db, &f), r[i].den);
	}
	assert_int_equal(r[T_COMMUNE_THEORY].den, 6);
}

static void test_planning_pool_candidates_for_the_women_target(void **state)
{
	cadre_filter f;
	(void)state;
	add_mixed();
	assert_true(target_filter(T_MANAGED_WOMEN, TL_POOL, &whole, 2024, &f));
	/* Phạm Thị Dung and Ngô Thị Lan are women in the pool */
	assert_int_equal(sdb_list_count(db, &f), 2);
	assert_false(target_filter(T_DEPT_GOOD, TL_POOL, &whole, 2024, &f));
}

static void test_province_column_is_the_sum_of_its_districts(void **state)
{
	target_column *cols;
	size_t n;
	target_result direct[TARGET_COUNT];
	cb_error err = {0};
	(void)state;
	add_mixed();
	add_orgs();
	assert_int_equal(targets_by_district(db, &conf, whole.as_of, 2024, &cols, &n, &err), CB_OK);
	assert_int_equal(n, 4); /* province, province level, 794, 795 */
	assert_string_equal(cols[2].code, "794");
	assert_true(cols[1].province_level);
	assert_int_equal(targets_eval(db, &whole, 2024, NULL, direct, &err), CB_OK);
	for (int id = 0; id < TARGET_COUNT; id++) {
		assert_int_equal(cols[0].result[id].num, direct[id].num);
		assert_int_equal(cols[0].result[id].den, direct[id].den);
	}
	assert_int_equal(cols[1].result[T_MANAGED_WOMEN].den, 3);
	assert_int_equal(cols[1].result[T_MANAGED_WOMEN].num, 2);
	free(cols);
}

static void test_target_keys_round_trip(void **state)
{
	int id;
	(void)state;
	for (int i = 0; i < TARGET_COUNT; i++) {
		assert_true(target_from_key(target_key(i), &id));
		assert_int_equal(id, i);
	}
	assert_false(target_from_key("women", &id));
}

/* The screens name each row by its short label: every target has one of
 * its own, narrow enough for the 80-column target panel. */
static void test_every_target_has_a_distinct_short_label(void **state)
{
	(void)state;
	for (int i = 0; i < TARGET_COUNT; i++) {
		assert_true(target_short(i)[0] != '\0');
		assert_true(text_width(target_short(i)) <= 26);
		assert_string_not_equal(target_short(i), target_label(i));
		for (int j = 0; j < i; j++)
			assert_string_not_equal(target_short(i), target_short(j));
	}
	assert_string_equal(target_short(TARGET_COUNT), "");
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_gap_is_the_smallest_number_that_meets_the_target),
		T(test_reaching_the_target_exactly_is_met),
		T(test_empty_population_is_no_data_not_zero_percent),
		T(test_women_target_counts_women_among_managed_cadres),
		T(test_under40_target_counts_age_on_the_reference_date),
		T(test_rating_target_needs_a_good_rating_in_that_year),
		T(test_gap_text_says_who_is_missing),
		T(test_grassroots_orgs_include_cells_not_under_a_grassroots_committee),
		T(test_org_targets_follow_the_unit_scope),
		T(test_every_target_figure_lists_exactly_its_cadres),
		T(test_sparse_ids_give_the_same_target_figures),
		T(test_unusual_codes_are_still_counted_exactly),
		T(test_planning_pool_candidates_for_the_women_target),
		T(test_province_column_is_the_sum_of_its_districts),
		T(test_target_keys_round_trip),
		T(test_every_target_has_a_distinct_short_label),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
