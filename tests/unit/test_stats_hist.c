/* test_stats_hist.c - counting through the histogram of a scope's cadres
 * gives exactly the lists' counts, and whatever it cannot hold exactly
 * (a condition on a column it does not keep, a code outside its bit
 * field, a birth date of another form, a database without the counting
 * indexes) is counted the plain way, still exactly. Every figure is
 * checked against the drill-down list filter_build gives for it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fixture.h"
#include "stats_db.h"
#include "stats.h"

static char dir[256];
static cfg conf;
static store *db;
static int64_t who[14];

/* A varied corps: every unit, both genders, Kinh and minorities, ages on
 * and around the cut-offs of 30 June 2025, committees, ratings, trainings
 * and planning of 2024, two organisations. */
static void add_corps(void)
{
	static const sdb_cadre ks[] = {
		{"Nguyễn Văn An", "1968-05-19", 1, "Kinh", "80", 1, 1, 1, 6, 4},
		{"Trần Thị Bích Ngọc", "1975-08-02", 2, "Kinh", "80", 5, 1, 1, 5, 3},
		{"Lê Hoàng Cường", "1988-12-31", 1, "Kinh", "794", 7, 1, 2, 5, 3},
		{"Phạm Thị Dung", "1995-06-30", 2, "Kinh", "794", 8, 0, 2, 4, 2},
		{"Huỳnh Văn Em", "1996-02-29", 1, "Khmer", "795", 8, 0, 0, 4, 2},
		{"Võ Thị Phượng", "1995-07-01", 2, "Kinh", "27685", 3, 0, 4, 4, 2},
		{"Đặng Văn Giàu", "1972-11-11", 1, "Kinh", "27703", 1, 0, 4, 3, 3},
		{"Bùi Thị Hạnh", "1985-06-30", 2, "Hoa", "27787", 4, 0, 68, 2, 1},
		{"Đỗ Văn Khánh", "1961-01-01", 1, "Kinh", "27790", 2, 0, 4, 1, 0},
		{"Ngô Thị Lan", "1985-07-01", 2, "Kinh", "27790", 3, 0, 64, 4, 2},
		{"Dương Văn Minh", "1980-07-01", 1, "Kinh", "795", 6, 1, 8, 5, 3},
		{"Lý Thị Nga", "1957-03-15", 2, "Kinh", "80", 2, 1, 17, 6, 4},
		{"Thạch Văn Ô", "1975-06-30", 1, "Khmer", "27703", 4, 0, 4, 2, 2},
		{"Mai Thị Phấn", "1976-06-30", 2, "Kinh", "27685", 3, 0, 0, 4, 1},
	};
	int64_t org_a, org_b;

	for (int i = 0; i < 14; i++)
		assert_true((who[i] = sdb_add(db, &ks[i])) > 0);
	sdb_rating(db, who[0], 2024, 1);
	sdb_rating(db, who[1], 2024, 2);
	sdb_rating(db, who[2], 2024, 3);
	sdb_rating(db, who[3], 2024, 2);
	sdb_rating(db, who[6], 2024, 4);
	sdb_rating(db, who[7], 2023, 1);
	sdb_rating(db, who[9], 2024, 1);
	sdb_rating(db, who[12], 2024, 2);
	sdb_training(db, who[0], 2024, 1);
	sdb_training(db, who[2], 2024, 2);
	sdb_training(db, who[5], 2024, 3);
	sdb_training(db, who[7], 2024, 1);
	sdb_training(db, who[7], 2024, 3);
	sdb_training(db, who[10], 2023, 2);
	sdb_training(db, who[13], 2024, 4);
	sdb_planning(db, who[3]);
	sdb_planning(db, who[4]);
	sdb_planning(db, who[9]);
	org_a = sdb_org(db, "Đảng bộ thành phố Tân An", 3, "794", 0);
	org_b = sdb_org(db, "Đảng bộ Phường 5", 6, "27685", org_a);
	sdb_org_rating(db, org_b, 2024, 1);
	assert_int_equal(sdb_sql_ints(db, "UPDATE cadre SET org_id = ?1 WHERE id IN (?2, ?3)",
				      org_a, who[2], who[3]),
			 0);
	assert_int_equal(
		sdb_sql_ints(db, "UPDATE cadre SET org_id = ?1 WHERE id = ?2", org_b, who[5], 0),
		0);
}

static int setup(void **state)
{
	(void)state;
	if (!fixture_tmpdir(dir, sizeof dir))
		return -1;
	sdb_config(&conf);
	snprintf(conf.evaluation, sizeof conf.evaluation, "%s/config/evaluation.ini",
		 fixture_source_dir());
	if (!(db = sdb_open(dir, &conf)))
		return -1;
	add_corps();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	store_close(db);
	fixture_rmtree(dir);
	return 0;
}

static void query(stats_query *q, int dim0, int dim1)
{
	stats_query_init(q, &conf);
	q->dim[0] = dim0;
	q->dim[1] = dim1;
	q->base.as_of = date_from_ymd(2025, 6, 30);
	q->year = 2024;
	cb_error err = {0};
	assert_int_equal(stats_query_prepare(q, &conf, &err), CB_OK);
}

/* Every cell, total and derived row of the breakdown holds as many
 * cadres as the list opened from it. */
static void check_cells(const stats_query *q)
{
	stats_table t;
	cadre_filter f;
	cb_error err = {0};

	assert_int_equal(stats_run(db, q, &t, &err), CB_OK);
	for (int r = STATS_ALL; r < t.axis[0].n; r++)
		for (int c = STATS_ALL; c < t.axis[1].n; c++) {
			int64_t want = r < 0 && c < 0 ? t.total
				       : r < 0	      ? t.col_total[c]
				       : c < 0	      ? t.row_total[r]
						      : t.count[r][c];
			stats_cell_filter(q, &t, r, c, &f);
			if (sdb_list_count(db, &f) != want)
				fail_msg("%s x %s, cell %d,%d: counted %lld, list has %lld",
					 stats_dim_name(q->dim[0]), stats_dim_name(q->dim[1]), r, c,
					 (long long)want, (long long)sdb_list_count(db, &f));
		}
	if (t.has_under40) {
		stats_cell_filter(q, &t, STATS_UNDER40, STATS_ALL, &f);
		assert_int_equal(sdb_list_count(db, &f), t.under40);
	}
}

/* Every dimension alone and crossed with gender and with age, with the
 * base filter `base` (its scope, population and conditions), but `skip`:
 * a dimension whose cells replace a condition of the base rather than
 * narrow it (gender = 2 in the base, the "male" cell) lists other people
 * by design. */
static void check_skip(const cadre_filter *base, int skip)
{
	stats_query q;
	for (int d0 = 0; d0 < DIM_COUNT; d0++) {
		static const int others[] = {DIM_NONE, DIM_GENDER, DIM_AGE};
		for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
			if (d0 == others[i] || d0 == skip || others[i] == skip)
				continue;
			query(&q, d0, others[i]);
			q.base = *base;
			check_cells(&q);
		}
	}
}

static void check_all(const cadre_filter *base)
{
	check_skip(base, DIM_NONE - 1);
}

/* Every cadre target's figures are the counts of their lists, for the
 * whole province and for each district column. */
static void check_targets(void)
{
	target_result r[TARGET_COUNT];
	target_column *cols;
	cadre_filter whole, f;
	cb_error err = {0};
	size_t n;

	filter_init(&whole);
	whole.as_of = date_from_ymd(2025, 6, 30);
	whole.deepest_tier = 3;
	assert_int_equal(targets_eval(db, &whole, 2024, NULL, r, &err), CB_OK);
	assert_int_equal(targets_by_district(db, &conf, whole.as_of, 2024, &cols, &n, &err), CB_OK);
	for (int id = 0; id < TARGET_COUNT; id++) {
		if (target_is_org(id))
			continue;
		assert_true(target_filter(id, TL_DEN, &whole, 2024, &f));
		assert_int_equal(sdb_list_count(db, &f), r[id].den);
		assert_true(target_filter(id, TL_NUM, &whole, 2024, &f));
		assert_int_equal(sdb_list_count(db, &f), r[id].num);
		for (size_t c = 1; c < n; c++) {
			assert_true(target_filter(id, TL_DEN, &cols[c].scope, 2024, &f));
			assert_int_equal(sdb_list_count(db, &f), cols[c].result[id].den);
			assert_true(target_filter(id, TL_NUM, &cols[c].scope, 2024, &f));
			assert_int_equal(sdb_list_count(db, &f), cols[c].result[id].num);
		}
	}
	assert_true(r[T_MANAGED_UNDER40].den > 0);
	free(cols);
}

static void test_every_population_and_dimension_counts_its_list(void **state)
{
	cadre_filter base;
	(void)state;
	for (int pop = 0; pop < POP_COUNT; pop++) {
		filter_init(&base);
		base.as_of = date_from_ymd(2025, 6, 30);
		base.deepest_tier = 3;
		base.population = pop;
		check_all(&base);
	}
	check_targets();
}

/* Ages limits of the population add their own cut-offs (35 and 50 fall
 * between the bands' 30/40/50/60, 50 on one), born on them included. */
static void test_age_limits_of_the_population_count_their_list(void **state)
{
	cadre_filter base;
	(void)state;
	filter_init(&base);
	base.as_of = date_from_ymd(2025, 6, 30);
	base.age_min = 30;
	base.age_max = 49;
	check_all(&base);
	base.age_min = 35;
	base.age_max = FILTER_ANY;
	check_all(&base);
}

static void test_attribute_conditions_of_the_population_count_their_list(void **state)
{
	cadre_filter base;
	(void)state;
	filter_init(&base);
	base.as_of = date_from_ymd(2025, 6, 30);
	base.gender = 2;
	base.education_min = 4;
	check_skip(&base, DIM_GENDER);
	filter_init(&base);
	base.as_of = date_from_ymd(2025, 6, 30);
	base.level = 3;
	base.theory_min = 2;
	check_all(&base);
	base.theory_min = FILTER_ANY;
	base.education = 4;
	check_skip(&base, DIM_EDUCATION);
}

/* Conditions on what the histogram does not keep (ethnic group, position
 * rank, the year's records, planning) are counted the plain way. */
static void test_conditions_the_histogram_does_not_keep_count_their_list(void **state)
{
	cadre_filter base;
	(void)state;
	filter_init(&base);
	base.as_of = date_from_ymd(2025, 6, 30);
	base.minority = 1;
	check_skip(&base, DIM_ETHNICITY);
	base.minority = FILTER_ANY;
	base.pos_rank = 3;
	check_all(&base);
	base.pos_rank = FILTER_ANY;
	base.rating_year = 2024;
	base.rating_good = true;
	check_all(&base);
	base.rating_good = false;
	base.rating_year = 0;
	base.planning = 0;
	check_skip(&base, DIM_PLANNING);
}

static void test_district_and_organisation_scopes_count_their_list(void **state)
{
	cadre_filter base;
	sqlite3_stmt *st;
	(void)state;
	filter_init(&base);
	base.as_of = date_from_ymd(2025, 6, 30);
	sdb_scope(db, "794", &base);
	check_all(&base);
	filter_init(&base);
	base.as_of = date_from_ymd(2025, 6, 30);
	sdb_scope(db, "27703", &base);
	check_all(&base);
	filter_init(&base);
	base.as_of = date_from_ymd(2025, 6, 30);
	assert_int_equal(sqlite3_prepare_v2(store_db(db), "SELECT min(id) FROM org", -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	base.org_id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	check_all(&base);
}

/* A code outside its bit field (an old import, say) cannot be kept: the
 * plain way counts it. (Codes of a dimension outside its values are in no
 * row of it, by design: only codes the dimensions do not show here.) */
static void test_codes_outside_their_range_count_their_list(void **state)
{
	cadre_filter base;
	(void)state;
	assert_int_equal(
		sdb_sql_ints(db, "UPDATE cadre SET level = 16 WHERE id = ?1", who[4], 0, 0), 0);
	assert_int_equal(
		sdb_sql_ints(db, "UPDATE cadre SET committees = 300 WHERE id = ?1", who[6], 0, 0),
		0);
	assert_int_equal(
		sdb_sql_ints(db, "UPDATE cadre SET managed = 2 WHERE id = ?1", who[8], 0, 0), 0);
	filter_init(&base);
	base.as_of = date_from_ymd(2025, 6, 30);
	check_all(&base);
	base.population = POP_MANAGED;
	check_all(&base);
	base.population = POP_DEPT;
	base.deepest_tier = 3;
	check_all(&base);
	check_targets();
}

/* Birth dates not written YYYY-MM-DD compare as text does, whichever way
 * they are counted. */
static void test_birth_dates_of_another_form_count_their_list(void **state)
{
	cadre_filter base;
	(void)state;
	assert_int_equal(sdb_sql_ints(db, "UPDATE cadre SET birth_date = '1985-6-30' WHERE id = ?1",
				      who[7], 0, 0),
			 0);
	assert_int_equal(sdb_sql_ints(db, "UPDATE cadre SET birth_date = 19950630 WHERE id = ?1",
				      who[3], 0, 0),
			 0);
	filter_init(&base);
	base.as_of = date_from_ymd(2025, 6, 30);
	check_all(&base);
	check_targets();
}

/* An organisation's rating (no cadre) is nobody's, not even a cadre
 * numbered 0 (one with no records of its own). */
static void test_organisation_ratings_rate_no_cadre(void **state)
{
	stats_query q;
	stats_table t;
	cb_error err = {0};
	(void)state;
	assert_int_equal(sdb_sql_ints(db, "UPDATE cadre SET id = 0 WHERE id = ?1", who[11], 0, 0),
			 0);
	query(&q, DIM_RATING, DIM_NONE);
	check_cells(&q);
	assert_int_equal(stats_run(db, &q, &t, &err), CB_OK);
	assert_string_equal(t.axis[0].name[4], "not-rated");
	assert_int_equal(t.count[4][0], 14 - 7);
	check_targets();
}

/* A database made before the counting indexes, opened read-only since,
 * has none of them: the same figures, counted the plain way. */
static void test_without_the_counting_indexes_every_count_is_the_same(void **state)
{
	cadre_filter base;
	(void)state;
	assert_int_equal(sdb_exec(db, "DROP INDEX cadre_pack; DROP INDEX rating_year;"
				      " DROP INDEX training_year"),
			 SQLITE_OK);
	filter_init(&base);
	base.as_of = date_from_ymd(2025, 6, 30);
	check_all(&base);
	base.population = POP_COMMUNE;
	base.deepest_tier = 3;
	check_all(&base);
	check_targets();
}

/* The year's records are kept between counts only while nothing changed:
 * a rating, training or planning entry saved since is counted, whether
 * saved on this connection or by another user. */
static int64_t rated(int grade_row)
{
	stats_query q;
	stats_table t;
	cb_error err = {0};
	query(&q, DIM_RATING, DIM_NONE);
	check_cells(&q);
	assert_int_equal(stats_run(db, &q, &t, &err), CB_OK);
	return t.count[grade_row][0];
}

static void test_records_saved_since_the_last_count_are_counted(void **state)
{
	char path[512];
	store *other;
	cb_error err = {0};
	stats_query q;
	(void)state;
	assert_int_equal(rated(0), 2); /* excellent in 2024 */
	assert_int_equal(rated(0), 2);
	sdb_rating(db, who[4], 2024, 1);
	assert_int_equal(rated(0), 3);
	snprintf(path, sizeof path, "%s/stats.db", dir);
	assert_int_equal(store_open(&other, path, 0, &err), CB_OK);
	sdb_rating(other, who[8], 2024, 1);
	store_close(other);
	assert_int_equal(rated(0), 4);
	/* another kind of record, another year: read, not reused */
	query(&q, DIM_TRAINING, DIM_GENDER);
	check_cells(&q);
	sdb_training(db, who[11], 2024, 2);
	check_cells(&q);
	query(&q, DIM_PLANNING, DIM_RATING);
	check_cells(&q);
	q.year = 2023;
	check_cells(&q);
	check_targets();
	sdb_training(db, who[12], 2024, 3);
	sdb_exec(db, "DELETE FROM rating WHERE year = 2024 AND grade = 1");
	check_targets();
	assert_int_equal(rated(0), 0);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_every_population_and_dimension_counts_its_list),
		T(test_age_limits_of_the_population_count_their_list),
		T(test_attribute_conditions_of_the_population_count_their_list),
		T(test_conditions_the_histogram_does_not_keep_count_their_list),
		T(test_district_and_organisation_scopes_count_their_list),
		T(test_codes_outside_their_range_count_their_list),
		T(test_birth_dates_of_another_form_count_their_list),
		T(test_organisation_ratings_rate_no_cadre),
		T(test_without_the_counting_indexes_every_count_is_the_same),
		T(test_records_saved_since_the_last_count_are_counted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
