/* test_stats.c - breakdowns: exact counts on hand-built databases, ages on
 * the reference date, "no data", crosses summing to their totals, and
 * every cell's drill-down filter listing exactly the cadres counted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fixture.h"
#include "stats_db.h"
#include "stats.h"
#include "i18n.h"

static char dir[256];
static cfg conf;
static store *db;

static int setup(void **state)
{
	(void)state;
	if (!fixture_tmpdir(dir, sizeof dir))
		return -1;
	sdb_config(&conf);
	snprintf(conf.evaluation, sizeof conf.evaluation, "%s/config/evaluation.ini",
		 fixture_source_dir());
	db = sdb_open(dir, &conf);
	return db ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	store_close(db);
	fixture_rmtree(dir);
	return 0;
}

static void query(stats_query *q, int dim0, int dim1, int y, int m, int d)
{
	stats_query_init(q, &conf);
	q->dim[0] = dim0;
	q->dim[1] = dim1;
	q->base.as_of = date_from_ymd(y, m, d);
	q->year = 2024;
	cb_error err = {0};
	assert_int_equal(stats_query_prepare(q, &conf, &err), CB_OK);
}

static void run(const stats_query *q, stats_table *t)
{
	cb_error err = {0};
	assert_int_equal(stats_run(db, q, t, &err), CB_OK);
}

static void add(const char *name, const char *birth, int gender)
{
	sdb_cadre k = {name, birth, gender, "Kinh", "27685", 7, 0, 0, 4, 2};
	assert_true(sdb_add(db, &k) > 0);
}

/* Row of a one-dimension table by its stable name. */
static int64_t row(const stats_table *t, const char *name)
{
	for (int i = 0; i < t->axis[0].n; i++)
		if (strcmp(t->axis[0].name[i], name) == 0)
			return t->count[i][0];
	fail_msg("no row %s", name);
	return -1;
}

static void test_birthday_today_counts_in_the_older_band(void **state)
{
	stats_query q;
	stats_table t;
	(void)state;
	add("Nguyễn Văn An", "1995-06-30", 1); /* 30 today */
	add("Trần Thị Bích", "1995-07-01", 2); /* 30 tomorrow: still 29 */
	add("Lê Văn Cường", "1985-06-30", 1);  /* 40 today */
	add("Phạm Thị Dung", "1985-07-01", 2); /* still 39 */
	query(&q, DIM_AGE, DIM_NONE, 2025, 6, 30);
	run(&q, &t);
	assert_int_equal(row(&t, "lt30"), 1);
	assert_int_equal(row(&t, "30-39"), 2);
	assert_int_equal(row(&t, "40-49"), 1);
	assert_int_equal(row(&t, "60+"), 0);
	assert_int_equal(t.total, 4);
}

static void test_leap_day_birth_is_not_yet_30_on_28_february(void **state)
{
	stats_query q;
	stats_table t;
	(void)state;
	add("Võ Thị Hoa", "1996-02-29", 2);
	query(&q, DIM_AGE, DIM_NONE, 2026, 2, 28);
	run(&q, &t);
	assert_int_equal(date_age(date_from_ymd(1996, 2, 29), q.base.as_of), 29);
	assert_int_equal(row(&t, "lt30"), 1);
	assert_int_equal(row(&t, "30-39"), 0);
}

static void test_leap_day_birth_is_30_on_1_march(void **state)
{
	stats_query q;
	stats_table t;
	(void)state;
	add("Võ Thị Hoa", "1996-02-29", 2);
	query(&q, DIM_AGE, DIM_NONE, 2026, 3, 1);
	run(&q, &t);
	assert_int_equal(row(&t, "lt30"), 0);
	assert_int_equal(row(&t, "30-39"), 1);
}

static void test_leap_day_reference_date_ages_28_february_births(void **state)
{
	stats_query q;
	stats_table t;
	(void)state;
	add("Đặng Văn Khoa", "1984-02-28", 1); /* 40 on 29 Feb 2024 */
	add("Đặng Thị Lan", "1984-03-01", 2);  /* 39 */
	query(&q, DIM_UNDER40, DIM_NONE, 2024, 2, 29);
	run(&q, &t);
	assert_int_equal(row(&t, "under40"), 1);
	assert_int_equal(row(&t, "40+"), 1);
}

static void test_under40_row_overlaps_the_bands(void **state)
{
	stats_query q;
	stats_table t;
	(void)state;
	add("Nguyễn Văn An", "2000-01-15", 1);
	add("Trần Thị Bích", "1990-05-05", 2);
	add("Lê Văn Cường", "1970-03-03", 1);
	query(&q, DIM_AGE, DIM_NONE, 2025, 6, 30);
	run(&q, &t);
	assert_true(t.has_under40);
	assert_int_equal(t.under40, 2);
	assert_int_equal(t.total, 3);
}

static void test_empty_population_is_no_data(void **state)
{
	stats_query q;
	stats_table t;
	char pct[16];
	(void)state;
	add("Nguyễn Văn An", "1980-01-01", 1); /* not managed */
	query(&q, DIM_GENDER, DIM_NONE, 2025, 6, 30);
	q.base.population = POP_MANAGED;
	run(&q, &t);
	assert_int_equal(t.total, 0);
	stats_pct_format(t.count[0][0], t.total, pct, sizeof pct);
	assert_string_equal(pct, "");
}

static void test_ethnicity_splits_kinh_and_minorities(void **state)
{
	stats_query q;
	stats_table t;
	sdb_cadre k1 = {"Thạch Thị Sa Rươne", "1982-04-04", 2, "Khmer", "27790", 7, 0, 0, 4, 2};
	sdb_cadre k2 = {"Lâm Văn Phúc", "1979-09-09", 1, "Hoa", "27790", 7, 0, 0, 4, 2};
	(void)state;
	add("Nguyễn Văn An", "1980-01-01", 1);
	assert_true(sdb_add(db, &k1) > 0);
	assert_true(sdb_add(db, &k2) > 0);
	query(&q, DIM_ETHNICITY, DIM_NONE, 2025, 6, 30);
	run(&q, &t);
	assert_int_equal(row(&t, "kinh"), 1);
	assert_int_equal(row(&t, "minority"), 2);
}

static void test_rating_counts_unrated_cadres(void **state)
{
	stats_query q;
	stats_table t;
	sdb_cadre k = {"Nguyễn Văn An", "1980-01-01", 1, "Kinh", "794", 7, 0, 0, 4, 2};
	int64_t a = sdb_add(db, &k), b = sdb_add(db, &k), c = sdb_add(db, &k);
	(void)state;
	assert_int_equal(sdb_rating(db, a, 2024, 1), 0);
	assert_int_equal(sdb_rating(db, b, 2024, 3), 0);
	assert_int_equal(sdb_rating(db, c, 2023, 1), 0); /* another year */
	query(&q, DIM_RATING, DIM_NONE, 2025, 6, 30);
	run(&q, &t);
	assert_int_equal(row(&t, "excellent"), 1);
	assert_int_equal(row(&t, "good"), 0);
	assert_int_equal(row(&t, "completed"), 1);
	assert_int_equal(row(&t, "not-rated"), 1);
}

static void test_training_counts_by_kind_or_any(void **state)
{
	stats_query q;
	stats_table t;
	sdb_cadre k = {"Nguyễn Văn An", "1980-01-01", 1, "Kinh", "794", 7, 0, 0, 4, 2};
	int64_t a = sdb_add(db, &k), b = sdb_add(db, &k);
	(void)state;
	sdb_add(db, &k);
	assert_int_equal(sdb_training(db, a, 2024, 2), 0);
	assert_int_equal(sdb_training(db, a, 2024, 1), 0); /* twice: counted once */
	assert_int_equal(sdb_training(db, b, 2024, 1), 0);
	query(&q, DIM_TRAINING, DIM_NONE, 2025, 6, 30);
	run(&q, &t);
	assert_int_equal(row(&t, "trained"), 2);
	assert_int_equal(row(&t, "not-trained"), 1);
	q.training_kind = 2;
	run(&q, &t);
	assert_int_equal(row(&t, "trained"), 1);
	assert_int_equal(row(&t, "not-trained"), 2);
}

static void test_scope_counts_only_the_district_subtree(void **state)
{
	stats_query q;
	stats_table t;
	sdb_cadre in1 = {"Nguyễn Văn An", "1980-01-01", 1, "Kinh", "795", 7, 0, 0, 4, 2};
	sdb_cadre in2 = {"Trần Thị Bích", "1980-01-01", 2, "Kinh", "27787", 7, 0, 0, 4, 2};
	sdb_cadre out1 = {"Lê Văn Cường", "1980-01-01", 1, "Kinh", "27685", 7, 0, 0, 4, 2};
	sdb_cadre out2 = {"Phạm Văn Dũng", "1980-01-01", 1, "Kinh", "80", 5, 1, 1, 5, 4};
	(void)state;
	sdb_add(db, &in1);
	sdb_add(db, &in2);
	sdb_add(db, &out1);
	sdb_add(db, &out2);
	query(&q, DIM_GENDER, DIM_NONE, 2025, 6, 30);
	sdb_scope(db, "795", &q.base);
	run(&q, &t);
	assert_int_equal(t.total, 2);
	assert_int_equal(row(&t, "male"), 1);
	assert_int_equal(row(&t, "female"), 1);
}

/* A mixed corps for the crosses and the drill-down checks. */
static void add_mixed(void)
{
	int64_t id[SDB_MIXED_COUNT];

	sdb_add_mixed(db, id);
	sdb_rating(db, id[0], 2024, 1);
	sdb_rating(db, id[1], 2024, 2);
	sdb_rating(db, id[2], 2024, 3);
	sdb_rating(db, id[3], 2024, 2);
	sdb_rating(db, id[6], 2024, 4);
	sdb_rating(db, id[7], 2023, 1);
	sdb_rating(db, id[9], 2024, 1);
	sdb_training(db, id[0], 2024, 1);
	sdb_training(db, id[2], 2024, 2);
	sdb_training(db, id[5], 2024, 3);
	sdb_training(db, id[7], 2024, 1);
	sdb_training(db, id[7], 2024, 3);
	sdb_training(db, id[10], 2023, 2);
	sdb_planning(db, id[3]);
	sdb_planning(db, id[4]);
	sdb_planning(db, id[9]);
}

static void test_two_dimensions_sum_to_the_totals(void **state)
{
	stats_query q;
	stats_table x, a, g;
	int64_t sum = 0;
	(void)state;
	add_mixed();
	query(&q, DIM_AGE, DIM_GENDER, 2025, 6, 30);
	run(&q, &x);
	query(&q, DIM_AGE, DIM_NONE, 2025, 6, 30);
	run(&q, &a);
	query(&q, DIM_GENDER, DIM_NONE, 2025, 6, 30);
	run(&q, &g);
	assert_int_equal(x.total, 12);
	for (int r = 0; r < x.axis[0].n; r++) {
		int64_t rs = 0;
		for (int c = 0; c < x.axis[1].n; c++)
			rs += x.count[r][c];
		assert_int_equal(rs, x.row_total[r]);
		assert_int_equal(rs, a.count[r][0]);
		sum += rs;
	}
	for (int c = 0; c < x.axis[1].n; c++)
		assert_int_equal(x.col_total[c], g.count[c][0]);
	assert_int_equal(sum, x.total);
	assert_int_equal(g.count[1][0], 6); /* women */
}

/* For every cell, total and derived row: the list opened from it holds
 * exactly the number of cadres shown. */
static void check_cells(const stats_query *q)
{
	stats_table t;
	cadre_filter f;
	run(q, &t);
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

static void test_every_cell_lists_exactly_the_cadres_it_counts(void **state)
{
	stats_query q;
	(void)state;
	add_mixed();
	for (int pop = 0; pop < POP_COUNT; pop++)
		for (int d0 = 0; d0 < DIM_COUNT; d0++)
			for (int d1 = DIM_NONE; d1 < DIM_COUNT; d1++) {
				if (d0 == d1)
					continue;
				query(&q, d0, d1, 2025, 6, 30);
				q.base.population = pop;
				check_cells(&q);
			}
}

static void test_training_kind_cells_list_exactly_their_cadres(void **state)
{
	stats_query q;
	(void)state;
	add_mixed();
	query(&q, DIM_TRAINING, DIM_GENDER, 2025, 6, 30);
	q.training_kind = 3;
	check_cells(&q);
}

/* Cadre ids far apart (an import that kept its own numbers): the yearly
 * records are then read by subqueries, with the same results. */
static void test_sparse_ids_give_the_same_counts(void **state)
{
	sdb_cadre k = {"Mai Văn Tâm", "1979-01-01", 1, "Kinh", "27703", 3, 0, 4, 4, 2};
	stats_query q;
	int64_t id;
	(void)state;
	add_mixed();
	id = sdb_add(db, &k);
	assert_int_equal(sdb_sql_ints(db, "UPDATE cadre SET id = 90000000 WHERE id = ?1", id, 0, 0),
			 0);
	sdb_rating(db, 90000000, 2024, 2);
	sdb_training(db, 90000000, 2024, 3);
	sdb_planning(db, 90000000);
	for (int d0 = DIM_RATING; d0 <= DIM_PLANNING; d0++) {
		query(&q, d0, DIM_GENDER, 2025, 6, 30);
		check_cells(&q);
	}
}

/* Scores at each side of the 50, 70 and 90 point thresholds of one
 * quarter fall in their bands; a score of another period does not count;
 * every cell lists what it counts. */
static void test_score_bands_of_a_period(void **state)
{
	static const int scores[] = {4999, 5000, 6999, 7000, 8999, 9000, 10000};
	static const char *const band[] = {"lt50",  "50-70", "50-70", "70-90",
					   "70-90", "90+",   "90+"};
	stats_query q;
	stats_table t;
	char sql[256];
	(void)state;
	for (int i = 0; i < 7; i++) {
		char name[32];
		snprintf(name, sizeof name, "Nguyễn Văn Số %d", i);
		add(name, "1980-01-01", 1 + i % 2);
		snprintf(sql, sizeof sql,
			 "INSERT INTO evaluation(cadre_id, period, kind, year, score)"
			 " SELECT max(id), '2025-Q3', 3, 2025, %d FROM cadre",
			 scores[i]);
		assert_int_equal(sdb_exec(db, sql), 0);
	}
	add("Trần Thị Chưa Chấm", "1981-01-01", 2); /* no score in the quarter */
	assert_int_equal(sdb_exec(db, "INSERT INTO evaluation(cadre_id, period, kind, year, score)"
				      " SELECT max(id), '2025-Q2', 3, 2025, 9500 FROM cadre"),
			 0);
	query(&q, DIM_SCORE, DIM_NONE, 2025, 9, 30);
	snprintf(q.period, sizeof q.period, "2025-Q3");
	run(&q, &t);
	assert_int_equal(row(&t, "90+"), 2);
	assert_int_equal(row(&t, "70-90"), 2);
	assert_int_equal(row(&t, "50-70"), 2);
	assert_int_equal(row(&t, "lt50"), 1);
	assert_int_equal(row(&t, "no-score"), 1);
	for (int i = 0; i < 7; i++)
		assert_true(row(&t, band[i]) > 0);
	check_cells(&q);
	query(&q, DIM_GENDER, DIM_SCORE, 2025, 9, 30);
	snprintf(q.period, sizeof q.period, "2025-Q2");
	run(&q, &t);
	assert_int_equal(t.col_total[0], 1); /* 90+ in the second quarter */
	check_cells(&q);
}

/* Without its rules a score or retirement breakdown is refused, not
 * counted on zero thresholds. */
static void test_score_without_its_rules_is_refused(void **state)
{
	stats_query q;
	stats_table t;
	cb_error err = {0};
	(void)state;
	stats_query_init(&q, &conf);
	q.dim[0] = DIM_SCORE;
	assert_int_not_equal(stats_run(db, &q, &t, &err), CB_OK);
	q.dim[0] = DIM_RETIRE;
	assert_int_not_equal(stats_run(db, &q, &t, &err), CB_OK);
}

static void test_same_dimension_twice_is_refused(void **state)
{
	stats_query q;
	stats_table t;
	cb_error err = {0};
	(void)state;
	query(&q, DIM_GENDER, DIM_GENDER, 2025, 6, 30);
	assert_int_equal(stats_run(db, &q, &t, &err), CB_EINVALID);
	assert_true(err.msg[0] != '\0');
}

static void test_percentage_is_rounded_half_up(void **state)
{
	char b[16];
	(void)state;
	stats_pct_set_decimals(1);
	stats_pct_format(1, 3, b, sizeof b);
	assert_string_equal(b, "33.3");
	stats_pct_format(2, 3, b, sizeof b);
	assert_string_equal(b, "66.7");
	stats_pct_format(1999, 10000, b, sizeof b); /* 19.99 shows 20.0 ... */
	assert_string_equal(b, "20.0");
	stats_pct_format(293, 1000, b, sizeof b);
	assert_string_equal(b, "29.3");
	stats_pct_format(2925, 10000, b, sizeof b); /* a half goes up */
	assert_string_equal(b, "29.3");
	stats_pct_format(29249, 100000, b, sizeof b);
	assert_string_equal(b, "29.2");
	stats_pct_format(0, 7, b, sizeof b);
	assert_string_equal(b, "0.0");
	stats_pct_format(7, 7, b, sizeof b);
	assert_string_equal(b, "100.0");
	stats_pct_format(1, 0, b, sizeof b);
	assert_string_equal(b, "");
}

static void test_percentage_decimals_follow_the_configuration(void **state)
{
	char b[16];
	(void)state;
	stats_pct_set_decimals(0);
	stats_pct_format(1, 8, b, sizeof b); /* 12.5 */
	assert_string_equal(b, "13");
	stats_pct_set_decimals(2);
	stats_pct_format(1, 3, b, sizeof b);
	assert_string_equal(b, "33.33");
	stats_pct_format(1, 40, b, sizeof b);
	assert_string_equal(b, "2.50");
	stats_pct_set_decimals(3);
	stats_pct_format(2, 3, b, sizeof b);
	assert_string_equal(b, "66.667");
	assert_int_equal(stats_pct_decimals(), 3);
	stats_pct_set_decimals(1);
}

static void test_percentage_for_people_has_a_decimal_comma_in_vietnamese(void **state)
{
	char b[16];
	(void)state;
	stats_pct_set_decimals(1);
	i18n_init("vi");
	stats_pct_label(293, 1000, b, sizeof b);
	assert_string_equal(b, "29,3");
	i18n_init("en");
	stats_pct_label(293, 1000, b, sizeof b);
	assert_string_equal(b, "29.3");
	i18n_init("vi");
}

/* The rounded figure reaches the target, the count does not: missed. */
static void test_a_figure_rounded_up_to_the_target_is_still_missed(void **state)
{
	target_result r = {0};
	char b[16];
	(void)state;
	stats_pct_set_decimals(1);
	r.num = 1999;
	r.den = 10000;
	r.target = 20;
	target_judge(&r);
	stats_pct_format(r.num, r.den, b, sizeof b);
	assert_string_equal(b, "20.0");
	assert_int_equal(r.state, TARGET_MISSED);
	assert_int_equal(r.gap, 1);
	r.num = 2000;
	target_judge(&r);
	assert_int_equal(r.state, TARGET_MET);
}

static void test_bar_uses_blocks_in_utf8_and_hashes_otherwise(void **state)
{
	char b[128];
	(void)state;
	stats_bar(1, 2, 10, true, b, sizeof b);
	assert_string_equal(b, "█████");
	stats_bar(1, 2, 1, true, b, sizeof b);
	assert_string_equal(b, "▌");
	stats_bar(5, 16, 2, true, b, sizeof b); /* 5 eighths of a cell */
	assert_string_equal(b, "▋");
	stats_bar(3, 4, 8, false, b, sizeof b);
	assert_string_equal(b, "######");
	stats_bar(0, 0, 8, false, b, sizeof b);
	assert_string_equal(b, "");
}

static void test_dimension_names_round_trip(void **state)
{
	int d;
	(void)state;
	for (int i = 0; i < DIM_COUNT; i++) {
		assert_true(stats_dim_from_name(stats_dim_name(i), &d));
		assert_int_equal(d, i);
	}
	assert_false(stats_dim_from_name("tuoi", &d));
}

static void test_latest_rating_year_is_the_default(void **state)
{
	cb_error err = {0};
	(void)state;
	assert_int_equal(stats_latest_year(db, 2025, &err), 2025);
	add_mixed();
	assert_int_equal(stats_latest_year(db, 2025, &err), 2024);
	assert_int_equal(stats_latest_year(db, 2023, &err), 2023);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_birthday_today_counts_in_the_older_band),
		T(test_leap_day_birth_is_not_yet_30_on_28_february),
		T(test_leap_day_birth_is_30_on_1_march),
		T(test_leap_day_reference_date_ages_28_february_births),
		T(test_under40_row_overlaps_the_bands),
		T(test_empty_population_is_no_data),
		T(test_ethnicity_splits_kinh_and_minorities),
		T(test_rating_counts_unrated_cadres),
		T(test_training_counts_by_kind_or_any),
		T(test_scope_counts_only_the_district_subtree),
		T(test_two_dimensions_sum_to_the_totals),
		T(test_every_cell_lists_exactly_the_cadres_it_counts),
		T(test_training_kind_cells_list_exactly_their_cadres),
		T(test_sparse_ids_give_the_same_counts),
		T(test_score_bands_of_a_period),
		T(test_score_without_its_rules_is_refused),
		T(test_same_dimension_twice_is_refused),
		T(test_percentage_is_rounded_half_up),
		T(test_percentage_decimals_follow_the_configuration),
		T(test_percentage_for_people_has_a_decimal_comma_in_vietnamese),
		T(test_a_figure_rounded_up_to_the_target_is_still_missed),
		T(test_bar_uses_blocks_in_utf8_and_hashes_otherwise),
		T(test_dimension_names_round_trip),
		T(test_latest_rating_year_is_the_default),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
