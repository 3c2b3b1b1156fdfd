/* test_stats_demo.c - every breakdown and every cadre target on the demo
 * province, checked against plain SQL written here independently of the
 * engine and of filter.c: ages by calendar arithmetic, populations from
 * their definitions, GROUP BY for the cells. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "career.h"
#include "config.h"
#include "demo.h"
#include "demo_fixture.h"
#include "model.h"
#include "stats.h"
#include "store.h"

#define AS_OF "2025-06-30"
#define YEAR  2024

static char dir[256];
static cfg *conf;
static store *db;

static void retire_band(sqlite3_context *cx, int argc, sqlite3_value **argv);
static void list_index(sqlite3_context *cx, int argc, sqlite3_value **argv);

static int setup_group(void **state)
{
	demo_options o = {.seed = 11, .cadres = 3000};
	(void)state;
	if (demo_fixture_build(dir, sizeof dir, o.seed, o.cadres, &conf, &db, NULL, 0, NULL))
		return -1;
	sqlite3_create_function(store_db(db), "test_retire_band", 2, SQLITE_UTF8, NULL, retire_band,
				NULL, NULL);
	sqlite3_create_function(store_db(db), "test_list_index", 2, SQLITE_UTF8, NULL, list_index,
				NULL, NULL);
	return 0;
}

static int teardown_group(void **state)
{
	(void)state;
	store_close(db);
	config_free(conf);
	fixture_rmtree(dir);
	return 0;
}

/* Completed years on AS_OF, by calendar: a birthday not yet reached this
 * year takes one off (29 February is reached on 1 March in common years,
 * since '02-28' < '02-29'). */
#define AGE_SQL                                                                                    \
	"((CAST(substr('" AS_OF                                                                    \
	"', 1, 4) AS INTEGER) - CAST(substr(c.birth_date, 1, 4) AS INTEGER))"                      \
	" - (substr('" AS_OF "', 6, 5) < substr(c.birth_date, 6, 5)))"

/* The position from 1 of a cadre's value in a coded list, by walking the
 * list in C (0: not recorded, or not in the list): the engine's code for
 * it, which it computes in SQL. Ethnicity is compared by name. */
static void list_index(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	int e = sqlite3_value_int(argv[0]), n, index = 0;
	const model_choice *ch = model_choices(e, &n);
	(void)argc;
	for (int i = 0; i < n && !index && sqlite3_value_type(argv[1]) != SQLITE_NULL; i++)
		if (e == ENUM_ETHNICITY
			    ? strcmp((const char *)sqlite3_value_text(argv[1]), ch[i].label) == 0
			    : sqlite3_value_int(argv[1]) == ch[i].value)
			index = i + 1;
	sqlite3_result_int(cx, index);
}

/* test_list_index(e, column) as SQL text (two may be in use at once). */
static const char *list_sql(int e, const char *column)
{
	static char buf[2][64];
	static int k;
	k = !k;
	snprintf(buf[k], sizeof buf[k], "test_list_index(%d, %s)", e, column);
	return buf[k];
}

/* The value of each dimension as the engine's code, computed another way. */
static const char *dim_sql(int dim)
{
	switch (dim) {
	case DIM_AGE:
		return "CASE WHEN " AGE_SQL " < 30 THEN 0 WHEN " AGE_SQL
		       " < 40 THEN 1 WHEN " AGE_SQL " < 50 THEN 2 WHEN " AGE_SQL
		       " < 60 THEN 3 ELSE 4 END";
	case DIM_UNDER40:
		return "(" AGE_SQL " >= 40)";
	case DIM_GENDER:
		return "c.gender";
	case DIM_ETHNICITY:
		return "(c.ethnicity != 'Kinh')";
	case DIM_EDUCATION:
		return "c.education";
	case DIM_THEORY:
		return "c.theory";
	case DIM_RATING:
		return "ifnull(r.grade, 0)";
	case DIM_TRAINING:
		return "(c.id IN (SELECT cadre_id FROM training WHERE year = 2024))";
	case DIM_PLANNING:
		return "(c.id IN (SELECT cadre_id FROM planning))";
	case DIM_RETIRE:
		return "test_retire_band(c.gender, c.birth_date)";
	case DIM_ETHNIC_GROUP:
		return list_sql(ENUM_ETHNICITY, "c.ethnicity");
	case DIM_RELIGION:
		return list_sql(ENUM_RELIGION, "c.religion");
	case DIM_ACAD_TITLE:
		return list_sql(ENUM_ACAD_TITLE, "c.academic_title");
	case DIM_GENERAL_EDU:
		return list_sql(ENUM_GENERAL_EDU, "c.general_education");
	case DIM_STATE_MGMT:
		return list_sql(ENUM_STATE_MGMT, "c.state_management");
	case DIM_LANGUAGE:
		return list_sql(ENUM_LANGUAGE, "c.foreign_language");
	case DIM_IT_LEVEL:
		return list_sql(ENUM_IT_LEVEL, "c.it_level");
	case DIM_SCORE: /* the bands of Quy định 366-QĐ/TW, as shipped in evaluation.ini */
		return "coalesce((SELECT CASE WHEN score >= 9000 THEN 1 WHEN score >= 7000 THEN 2"
		       " WHEN score >= 5000 THEN 3 ELSE 4 END FROM evaluation"
		       " WHERE cadre_id = c.id AND period = '2024' AND score IS NOT NULL), 0)";
	}
	return "0";
}

/* Years to retirement, cadre by cadre: each one's retirement date from the
 * roadmap (career.c), against AS_OF plus 1, 2 and 5 years - where the
 * engine compares birth dates with bounds it searched for. */
static void retire_band(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	static career_rules r;
	static bool loaded;
	cb_error err;
	cb_date on, ret;
	int band = 0;

	(void)argc;
	if (!loaded && career_rules_load(conf, &r, &err) != CB_OK)
		career_rules_default(&r);
	loaded = true;
	date_parse_iso(AS_OF, &on);
	ret = career_retirement_of(&r, sqlite3_value_int(argv[0]),
				   (const char *)sqlite3_value_text(argv[1]));
	while (band < 3 && ret >= career_add_months(on, 12 * r.retire_bands[band]))
		band++;
	sqlite3_result_int(cx, band);
}

/* Who each population is, from its definition (canbo(1)). */
static const char *pop_sql(int pop)
{
	switch (pop) {
	case POP_MANAGED:
		return "c.managed = 1";
	case POP_DEPT:
		return "c.level IN (1, 2)";
	case POP_COMMUNE:
		return "c.level = 3";
	case POP_COMMITTEE:
		return "(c.committees & 7) > 0";
	case POP_COMMITTEE_PROVINCE:
		return "(c.committees & 1) > 0";
	case POP_COMMITTEE_DISTRICT:
		return "(c.committees & 2) > 0";
	case POP_COMMITTEE_GRASSROOTS:
		return "(c.committees & 4) > 0";
	case POP_TRAINING_GROUP:
		return "c.committees > 0";
	case POP_COMMITTEE_MANAGED:
		return "((c.committees & 63) > 0 OR c.managed = 1)";
	case POP_HEADS:
		return "c.is_head = 1";
	}
	return "1";
}

/* count(*) of one (row code, column code) by the plain query. */
static void plain_counts(int pop, int d0, int d1, const char *unit,
			 int64_t out[STATS_MAX_VALUES][STATS_MAX_VALUES], int64_t *total)
{
	char sql[4096];
	sqlite3_stmt *st;

	memset(out, 0, sizeof(int64_t) * STATS_MAX_VALUES * STATS_MAX_VALUES);
	*total = 0;
	snprintf(sql, sizeof sql,
		 "SELECT %s, %s, count(*) FROM cadre c"
		 " LEFT JOIN rating r ON r.cadre_id = c.id AND r.year = 2024"
		 " JOIN unit u ON u.id = c.unit_id"
		 " WHERE %s AND (?1 IS NULL OR u.lo BETWEEN (SELECT lo FROM unit WHERE code = ?1)"
		 " AND (SELECT hi FROM unit WHERE code = ?1))"
		 " GROUP BY 1, 2",
		 dim_sql(d0), d1 == DIM_NONE ? "0" : dim_sql(d1), pop_sql(pop));
	assert_int_equal(sqlite3_prepare_v2(store_db(db), sql, -1, &st, NULL), SQLITE_OK);
	if (unit)
		sqlite3_bind_text(st, 1, unit, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int a = sqlite3_column_int(st, 0), b = sqlite3_column_int(st, 1);
		int64_t n = sqlite3_column_int64(st, 2);
		assert_true(a >= 0 && a < STATS_MAX_VALUES && b >= 0 && b < STATS_MAX_VALUES);
		out[a][b] += n;
		*total += n;
	}
	sqlite3_finalize(st);
}

static void check(int pop, int d0, int d1, const char *unit)
{
	stats_query q;
	stats_table t;
	int64_t want[STATS_MAX_VALUES][STATS_MAX_VALUES], total;
	cb_error err = {0};

	stats_query_init(&q, conf);
	date_parse_iso(AS_OF, &q.base.as_of);
	q.year = YEAR;
	q.base.population = pop;
	q.dim[0] = d0;
	q.dim[1] = d1;
	if (unit) {
		unit_row u;
		assert_int_equal(store_unit_by_code(db, unit, &u, &err), CB_OK);
		q.base.unit_lo = u.lo;
		q.base.unit_hi = u.hi;
	}
	assert_int_equal(stats_query_prepare(&q, conf, &err), CB_OK);
	assert_int_equal(stats_run(db, &q, &t, &err), CB_OK);
	plain_counts(pop, d0, d1, unit, want, &total);
	assert_int_equal(t.total, total);
	for (int r = 0; r < t.axis[0].n; r++)
		for (int c = 0; c < t.axis[1].n; c++) {
			int rc = t.axis[0].code[r], cc = d1 == DIM_NONE ? 0 : t.axis[1].code[c];
			if (t.count[r][c] != want[rc][cc])
				fail_msg("%s %s x %s %s: %s,%s engine %lld, plain SQL %lld",
					 population_name(pop), stats_dim_name(d0),
					 stats_dim_name(d1), unit ? unit : "", t.axis[0].name[r],
					 t.axis[1].name[c], (long long)t.count[r][c],
					 (long long)want[rc][cc]);
		}
}

static void test_every_breakdown_matches_plain_sql(void **state)
{
	(void)state;
	for (int pop = 0; pop < POP_COUNT; pop++)
		for (int d = 0; d < DIM_COUNT; d++)
			check(pop, d, DIM_NONE, NULL);
}

static void test_every_cross_matches_plain_sql(void **state)
{
	(void)state;
	for (int d0 = 0; d0 < DIM_COUNT; d0++)
		for (int d1 = 0; d1 < DIM_COUNT; d1++)
			if (d0 != d1)
				check(POP_ALL, d0, d1, NULL);
}

static void test_district_and_commune_scopes_match_plain_sql(void **state)
{
	(void)state;
	for (int d = 0; d < DIM_COUNT; d++) {
		check(POP_ALL, d, DIM_GENDER == d ? DIM_NONE : DIM_GENDER, "807");
		check(POP_COMMUNE, d, DIM_NONE, "27787");
		check(POP_MANAGED, d, DIM_NONE, "795");
	}
}

/* One count of the plain query. */
static int64_t plain(const char *where)
{
	char sql[2048];
	sqlite3_stmt *st;
	int64_t n = -1;
	snprintf(sql, sizeof sql,
		 "SELECT count(*) FROM cadre c LEFT JOIN rating r ON r.cadre_id = c.id"
		 " AND r.year = 2024 WHERE %s",
		 where);
	assert_int_equal(sqlite3_prepare_v2(store_db(db), sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void test_cadre_targets_match_plain_sql(void **state)
{
	static const struct {
		int id;
		const char *den, *num;
	} cases[] = {
		{T_MANAGED_WOMEN, "c.managed = 1", "c.gender = 2"},
		{T_MANAGED_UNDER40, "c.managed = 1", AGE_SQL " < 40"},
		{T_DEPT_MASTER, "c.level < 3", "c.education >= 5"},
		{T_COMMUNE_THEORY, "c.level = 3", "c.theory >= 2"},
		{T_COMMUNE_EDUCATION, "c.level = 3", "c.education >= 2"},
		{T_COMMUNE_UNIVERSITY, "c.level = 3", "c.education >= 4"},
		{T_COMMITTEE_MANAGED_GOOD, "((c.committees & 63) > 0 OR c.managed = 1)",
		 "r.grade IN (1, 2)"},
		{T_DEPT_GOOD, "c.level < 3", "r.grade IN (1, 2)"},
		{T_CONGRESS_CADRE_GOOD, "1", "r.grade IN (1, 2)"},
		{T_COMMITTEE_TRAINED, "c.committees > 0",
		 "c.id IN (SELECT cadre_id FROM training WHERE year = 2024 AND kind = 1)"},
		{T_DEPT_TRAINED, "c.level < 3",
		 "c.id IN (SELECT cadre_id FROM training WHERE year = 2024 AND kind = 2)"},
		{T_COMMUNE_TRAINED, "c.level = 3",
		 "c.id IN (SELECT cadre_id FROM training WHERE year = 2024 AND kind = 3)"},
	};
	target_result r[TARGET_COUNT];
	cadre_filter scope;
	cb_error err = {0};
	char where[1024];
	(void)state;

	filter_init(&scope);
	date_parse_iso(AS_OF, &scope.as_of);
	scope.deepest_tier = conf->tiers;
	assert_int_equal(targets_eval(db, &scope, YEAR, NULL, r, &err), CB_OK);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int id = cases[i].id;
		snprintf(where, sizeof where, "%s", cases[i].den);
		assert_int_equal(r[id].den, plain(where));
		snprintf(where, sizeof where, "%s AND %s", cases[i].den, cases[i].num);
		if (r[id].num != plain(where))
			fail_msg("%s: engine %lld, plain SQL %lld", target_key(id),
				 (long long)r[id].num, (long long)plain(where));
		assert_true(r[id].den > 0);
	}
}

/* The province view's district columns agree with each district alone. */
static void test_district_columns_match_each_district_alone(void **state)
{
	target_column *cols;
	target_result one[TARGET_COUNT];
	size_t n;
	cb_error err = {0};
	cb_date as_of;
	(void)state;

	date_parse_iso(AS_OF, &as_of);
	assert_int_equal(targets_by_district(db, conf, as_of, YEAR, &cols, &n, &err), CB_OK);
	assert_int_equal(n, 2 + 15);
	for (size_t c = 1; c < n; c++) {
		assert_int_equal(targets_eval(db, &cols[c].scope, YEAR, NULL, one, &err), CB_OK);
		for (int id = 0; id < TARGET_COUNT; id++) {
			assert_int_equal(cols[c].result[id].num, one[id].num);
			assert_int_equal(cols[c].result[id].den, one[id].den);
		}
	}
	/* districts/794.ini tightens the women target to 25 % */
	assert_string_equal(cols[2].code, "794");
	assert_int_equal(cols[2].result[T_MANAGED_WOMEN].target, 25);
	assert_int_equal(cols[3].result[T_MANAGED_WOMEN].target, 20);
	free(cols);
}

/* A database made before the counting indexes and opened read-only since
 * lacks them: every figure the same, counted the plain way. (Last: it
 * drops them from the shared database.) */
static void test_without_the_counting_indexes_every_figure_is_the_same(void **state)
{
	assert_int_equal(sqlite3_exec(store_db(db),
				      "DROP INDEX cadre_pack; DROP INDEX rating_year;"
				      " DROP INDEX training_year",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	test_every_breakdown_matches_plain_sql(state);
	test_district_and_commune_scopes_match_plain_sql(state);
	test_cadre_targets_match_plain_sql(state);
	test_district_columns_match_each_district_alone(state);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_breakdown_matches_plain_sql),
		cmocka_unit_test(test_every_cross_matches_plain_sql),
		cmocka_unit_test(test_district_and_commune_scopes_match_plain_sql),
		cmocka_unit_test(test_cadre_targets_match_plain_sql),
		cmocka_unit_test(test_district_columns_match_each_district_alone),
		cmocka_unit_test(test_without_the_counting_indexes_every_figure_is_the_same),
	};
	return cmocka_run_group_tests(tests, setup_group, teardown_group);
}
