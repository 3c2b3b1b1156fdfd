/* test_eval_store.c - evaluations in the database: the computed grade
 * stored with the record, stages signed and dated, a decision above the
 * proposal refused without a reason, the year's rating set by the
 * decision, the lock and its reopening in the audit trail, stale versions,
 * ratings read as decided evaluations, and the checks on a year's ratings
 * against counts made here by hand. */
#include "eval_fixture.h"

#include "access.h"
#include "i18n.h"
#include "plans.h"

/* Organisation 1 has ten cadres rated in 2024: 3 excellent, 5 good, 2
 * completed; organisation 2 has 1 excellent and 4 good; cadre 16 (no
 * organisation) failed in 2023 and 2024; cadre 1 had a 2023 plan with
 * one item remedied and verified and one only remedied. */
#define CADRES                                                                                     \
	EF_CADRES(16, "CASE WHEN i <= 10 THEN 2 ELSE 3 END",                                       \
		  "CASE WHEN i <= 10 THEN 1 WHEN i <= 15 THEN 2 END")
static const char world[] = EF_UNITS
	"INSERT INTO org(id, name, kind, parent_id, unit_id) VALUES"
	" (1, 'Đảng bộ Thành phố Tân An', 3, NULL, 2),"
	" (2, 'Đảng bộ Huyện Bến Lức', 3, NULL, 3);" CADRES
	"INSERT INTO rating(cadre_id, year, grade) VALUES"
	" (1, 2024, 1), (2, 2024, 1), (3, 2024, 1), (4, 2024, 2), (5, 2024, 2), (6, 2024, 2),"
	" (7, 2024, 2), (8, 2024, 2), (9, 2024, 3), (10, 2024, 3),"
	" (11, 2024, 1), (12, 2024, 2), (13, 2024, 2), (14, 2024, 2), (15, 2024, 2),"
	" (16, 2023, 4), (16, 2024, 4);"
	"INSERT INTO plan(id, cadre_id, year) VALUES (1, 1, 2023), (2, 2, 2023);"
	"INSERT INTO plan_item(plan_id, shortcoming, state, verified_on) VALUES"
	" (1, 'Hạn chế A', 2, '2024-01-10'), (1, 'Hạn chế B', 2, ''),"
	" (2, 'Hạn chế C', 2, '2024-02-01');";

static int setup(void **state)
{
	(void)state;
	return ef_open(world);
}

static cb_date day(const char *iso)
{
	cb_date d;
	assert_true(date_parse_iso(iso, &d));
	return d;
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

static const eval_tasks good_tasks = {.assigned = 10, .on_time = 10, .exceeded = 2};

static void test_record_stores_total_and_computed_grade(void **state)
{
	evaluation e, back;
	(void)state;
	ef_record(&e, 4, "2025-Q1", 2800, 5500, good_tasks);
	assert_int_equal(e.score, 8300);
	assert_int_equal(e.computed, 2);
	assert_int_equal(eval_get(db, false, 4, "2025-Q1", &back, &err), CB_OK);
	assert_int_equal(back.score, 8300);
	assert_int_equal(back.scores[0], 2800);
	assert_int_equal(back.scores[1], 5500);
	assert_int_equal(back.computed, 2);
	assert_int_equal(back.version, 1);
	assert_int_equal(count("SELECT count(*) FROM audit WHERE tbl = 'evaluation'"
			       " AND action = 'insert'"),
			 1);
}

static void test_group_above_its_maximum_is_refused(void **state)
{
	evaluation e;
	eval_period p;
	(void)state;
	assert_true(eval_period_parse("2025-Q1", &p));
	eval_init(&e, false, 4, &p);
	e.scores[0] = 3001;
	assert_int_equal(eval_save(db, &rules, &e, &err), CB_EINVALID);
	assert_int_equal(count("SELECT count(*) FROM evaluation"), 0);
}

static void test_decision_above_proposal_needs_a_reason(void **state)
{
	evaluation e;
	(void)state;
	ef_record(&e, 4, "2024", 2800, 5500, good_tasks);
	assert_int_equal(eval_decide(db, &e, 1, "", day("2025-01-20"), &err), CB_EINVALID);
	assert_int_equal(count("SELECT grade FROM rating WHERE cadre_id = 4 AND year = 2024"), 2);
	assert_int_equal(eval_decide(db, &e, 1, "Thành tích đột xuất", day("2025-01-20"), &err),
			 CB_OK);
	assert_int_equal(count("SELECT grade FROM rating WHERE cadre_id = 4 AND year = 2024"), 1);
	assert_string_equal(e.decided_on, "2025-01-20");
	assert_string_equal(e.decided_by, store_user(db));
	/* the rating is the decision's until the evaluation is reopened */
	assert_int_equal(store_rating_set(db, 4, 2024, 2, &err), CB_EINVALID);
	assert_int_equal(count("SELECT grade FROM rating WHERE cadre_id = 4 AND year = 2024"), 1);
	assert_int_equal(eval_reopen(db, &e, "Xem lại", &err), CB_OK);
	assert_int_equal(store_rating_set(db, 4, 2024, 2, &err), CB_OK);
}

static void test_decision_below_proposal_needs_no_reason(void **state)
{
	evaluation e;
	(void)state;
	ef_record(&e, 5, "2024", 2800, 5500, good_tasks);
	assert_int_equal(eval_decide(db, &e, 3, NULL, day("2025-01-20"), &err), CB_OK);
	assert_int_equal(count("SELECT grade FROM rating WHERE cadre_id = 5 AND year = 2024"), 3);
}

static void test_quarter_decision_leaves_the_rating(void **state)
{
	evaluation e;
	(void)state;
	ef_record(&e, 5, "2024-Q4", 2800, 5500, good_tasks);
	assert_int_equal(eval_decide(db, &e, 2, NULL, day("2025-01-05"), &err), CB_OK);
	assert_int_equal(count("SELECT grade FROM rating WHERE cadre_id = 5 AND year = 2024"), 2);
}

static void test_stages_are_signed_and_proposal_defaults_to_computed(void **state)
{
	evaluation e;
	(void)state;
	ef_record(&e, 6, "2025-Q1", 2900, 6500, good_tasks); /* 94, but 20 % exceeded */
	assert_int_equal(e.computed, 2);
	assert_int_equal(eval_stage_set(db, &e, EVAL_SELF, 1, day("2025-04-02"), &err), CB_OK);
	assert_int_equal(eval_stage_set(db, &e, EVAL_REVIEW, 0, day("2025-04-05"), &err), CB_OK);
	assert_int_equal(eval_stage_set(db, &e, EVAL_PROPOSAL, 0, day("2025-04-06"), &err), CB_OK);
	assert_int_equal(e.self_grade, 1);
	assert_string_equal(e.self_on, "2025-04-02");
	assert_string_equal(e.reviewed_on, "2025-04-05");
	assert_string_equal(e.reviewed_by, store_user(db));
	assert_int_equal(e.proposed, 2);
	assert_int_equal(eval_stage_of(&e), EVAL_PROPOSAL);
	assert_int_equal(e.version, 4);
}

static void test_decided_is_locked_until_reopened_with_reason(void **state)
{
	evaluation e;
	(void)state;
	ef_record(&e, 7, "2025-Q1", 2500, 5000, good_tasks);
	assert_int_equal(eval_decide(db, &e, 2, NULL, day("2025-04-10"), &err), CB_OK);
	e.scores[1] = 6000;
	assert_int_equal(eval_save(db, &rules, &e, &err), CB_EINVALID);
	assert_non_null(strstr(err.msg, "2025-Q1"));
	assert_int_equal(eval_stage_set(db, &e, EVAL_REVIEW, 0, day("2025-04-11"), &err),
			 CB_EINVALID);
	assert_int_equal(eval_decide(db, &e, 3, NULL, day("2025-04-11"), &err), CB_EINVALID);
	assert_int_equal(count("SELECT score FROM evaluation WHERE cadre_id = 7"), 7500);
	assert_int_equal(eval_reopen(db, &e, "  ", &err), CB_EINVALID);
	assert_int_equal(eval_reopen(db, &e, "Sai sót khi nhập điểm", &err), CB_OK);
	e.scores[1] = 6000;
	assert_int_equal(count("SELECT count(*) FROM audit WHERE tbl = 'evaluation' AND"
			       " action = 'reopen' AND new LIKE '%Sai sót khi nhập điểm%'"
			       " AND old LIKE '%\"grade\":\"good\"%'"),
			 1);
	assert_int_equal(eval_save(db, &rules, &e, &err), CB_OK);
	assert_int_equal(count("SELECT score FROM evaluation WHERE cadre_id = 7"), 8500);
}

static void test_stale_version_changes_nothing(void **state)
{
	evaluation e, other;
	(void)state;
	ef_record(&e, 8, "2025-Q1", 2500, 5000, good_tasks);
	other = e;
	strcpy(other.note, "Sửa trước");
	assert_int_equal(eval_save(db, &rules, &other, &err), CB_OK);
	e.scores[1] = 6000;
	assert_int_equal(eval_save(db, &rules, &e, &err), CB_ESTALE);
	assert_int_equal(count("SELECT score FROM evaluation WHERE cadre_id = 8"), 7500);
}

static void test_second_record_of_a_period_is_refused(void **state)
{
	evaluation e, again;
	eval_period p;
	(void)state;
	ef_record(&e, 8, "2025-03", 2500, 5000, good_tasks);
	assert_true(eval_period_parse("2025-03", &p));
	eval_init(&again, false, 8, &p);
	assert_int_equal(eval_save(db, &rules, &again, &err), CB_ESTALE);
	assert_int_equal(count("SELECT count(*) FROM evaluation"), 1);
}

static void test_history_reads_ratings_as_decided_years(void **state)
{
	evaluation e, *rows = NULL;
	size_t n = 0;
	(void)state;
	ef_record(&e, 16, "2024-Q4", 1000, 3000, (eval_tasks){0});
	ef_record(&e, 16, "2024-Q1", 1000, 3000, (eval_tasks){0});
	assert_int_equal(eval_history(db, false, 16, &rows, &n, &err), CB_OK);
	assert_int_equal(n, 4);
	assert_string_equal(rows[0].period.key, "2023");
	assert_true(rows[0].from_rating);
	assert_int_equal(rows[0].grade, 4);
	assert_int_equal(rows[0].score, -1);
	assert_string_equal(rows[1].period.key, "2024-Q1");
	assert_string_equal(rows[2].period.key, "2024-Q4");
	assert_string_equal(rows[3].period.key, "2024");
	assert_int_equal(eval_stage_of(&rows[3]), EVAL_DECIDED);
	free(rows);
}

static int count_op(void *ctx)
{
	++*(long *)ctx;
	return 0;
}

/* One person's history reads that person's rows through the owner's
 * index: the work does not grow with the other people's ratings and
 * evaluations (a full scan of these thousands of rows takes tens of
 * thousands of steps of SQLite's machine; the lookup, a few hundred). */
static void test_history_reads_only_its_owners_rows(void **state)
{
	evaluation *rows = NULL;
	size_t n = 0;
	long ops = 0;
	(void)state;
	assert_int_equal(
		sqlite3_exec(store_db(db),
			     "WITH RECURSIVE y(v) AS (SELECT 1980 UNION ALL SELECT v + 1 FROM y"
			     " WHERE v < 2022), m(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM m"
			     " WHERE v < 12), c(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM c"
			     " WHERE v < 15) INSERT INTO evaluation(cadre_id, period, kind, year)"
			     " SELECT c.v, y.v || '-' || printf('%02d', m.v), 4, y.v FROM c, y, m;"
			     "WITH RECURSIVE y(v) AS (SELECT 1980 UNION ALL SELECT v + 1 FROM y"
			     " WHERE v < 2022), c(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM c"
			     " WHERE v < 15) INSERT INTO rating(cadre_id, year, grade)"
			     " SELECT c.v, y.v, 2 FROM c, y;",
			     NULL, NULL, NULL),
		SQLITE_OK);
	assert_true(count("SELECT count(*) FROM evaluation") > 7000);
	sqlite3_progress_handler(store_db(db), 1, count_op, &ops);
	assert_int_equal(eval_history(db, false, 16, &rows, &n, &err), CB_OK);
	sqlite3_progress_handler(store_db(db), 0, NULL, NULL);
	assert_int_equal(n, 2);
	assert_true(ops > 0);
	assert_true(ops < 2000);
	free(rows);
}

/* ---- checks ---------------------------------------------------------------- */

typedef struct found {
	eval_finding f[32];
	int n;
} found;

static int collect(const eval_finding *f, void *ctx)
{
	found *c = ctx;
	assert_true(c->n < 32);
	c->f[c->n++] = *f;
	return 0;
}

static void test_check_finds_each_kind(void **state)
{
	found c = {0};
	evaluation e;
	(void)state;
	/* a decision below the computed grade */
	ef_record(&e, 12, "2024", 2800, 5500, good_tasks);
	assert_int_equal(eval_decide(db, &e, 3, NULL, day("2025-01-20"), &err), CB_OK);
	assert_int_equal(eval_check_year(db, &rules, NULL, 2024, collect, &c, &err), CB_OK);
	assert_int_equal(c.n, 5);
	/* organisations in name order ("Huyện" before "Thành phố"). The
	 * decision rated cadre 12 lower, so organisation 2 now has 1 excellent
	 * of 4 good or better, where 20 % allows none */
	assert_int_equal(c.f[0].check, EVAL_CHECK_CAP);
	assert_true(c.f[0].org);
	assert_int_equal(c.f[0].id, 2);
	assert_int_equal(c.f[0].a, 1);
	assert_int_equal(c.f[0].b, 4);
	assert_int_equal(c.f[0].excess, 1);
	/* organisation 1: 3 excellent of 8 good or better, 1 allowed */
	assert_int_equal(c.f[1].check, EVAL_CHECK_CAP);
	assert_int_equal(c.f[1].id, 1);
	assert_int_equal(c.f[1].a, 3);
	assert_int_equal(c.f[1].b, 8);
	assert_int_equal(c.f[1].excess, 2);
	/* cadre 1: one of the two items of 2023 remedied but not verified */
	assert_int_equal(c.f[2].check, EVAL_CHECK_REMEDIATION);
	assert_int_equal(c.f[2].id, 1);
	assert_int_equal(c.f[2].a, 1);
	assert_int_equal(c.f[2].b, 2);
	assert_int_equal(c.f[3].check, EVAL_CHECK_FAILED_TWICE);
	assert_int_equal(c.f[3].id, 16);
	assert_int_equal(c.f[4].check, EVAL_CHECK_DIFFERS);
	assert_int_equal(c.f[4].id, 12);
	assert_int_equal(c.f[4].a, 2);
	assert_int_equal(c.f[4].b, 3);
}

static void test_check_is_scoped_to_a_district(void **state)
{
	found c = {0};
	eval_scope sc = {.unit_lo = 3, .unit_hi = 3};
	(void)state;
	assert_int_equal(eval_check_year(db, &rules, &sc, 2024, collect, &c, &err), CB_OK);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.f[0].check, EVAL_CHECK_FAILED_TWICE);
}

static void test_cap_of_good_only_counts_more(void **state)
{
	found c = {0};
	(void)state;
	rules.cap_base = EVAL_CAP_GOOD;
	assert_int_equal(eval_check_year(db, &rules, NULL, 2024, collect, &c, &err), CB_OK);
	rules.cap_base = EVAL_CAP_GOOD_OR_BETTER;
	/* org 2 (first by name): 1 excellent, 4 good: none allowed of 4, and
	 * 0 of 5 after lowering one; org 1: 3 excellent, 5 good: 2 of 6 -> 1
	 * allowed, 1 of 7 -> 1: the excess is 2 */
	assert_int_equal(c.f[0].check, EVAL_CHECK_CAP);
	assert_int_equal(c.f[0].id, 2);
	assert_int_equal(c.f[0].b, 4);
	assert_int_equal(c.f[0].excess, 1);
	assert_int_equal(c.f[1].check, EVAL_CHECK_CAP);
	assert_int_equal(c.f[1].id, 1);
	assert_int_equal(c.f[1].excess, 2);
}

static void test_reader_held_to_a_district_sees_only_it(void **state)
{
	found c = {0};
	evaluation e;
	(void)state;
	store_set_scope(db, 3, 3); /* Huyện Bến Lức */
	assert_int_equal(eval_get(db, false, 4, "2024", &e, &err), CB_EACCESS);
	ef_record(&e, 12, "2025-Q1", 2800, 5500, good_tasks);
	e.owner = 4;
	e.id = 0;
	assert_int_equal(eval_save(db, &rules, &e, &err), CB_EACCESS);
	assert_int_equal(eval_check_year(db, &rules, NULL, 2024, collect, &c, &err), CB_OK);
	assert_int_equal(c.n, 1); /* Tân An's cap and remediation are not its to see */
	assert_int_equal(c.f[0].check, EVAL_CHECK_FAILED_TWICE);
	assert_int_equal(count("SELECT count(*) FROM evaluation"), 1);
}

/* ---- missing and summary ------------------------------------------------ */

static int count_missing(const eval_missing *m, void *ctx)
{
	(void)m;
	(*(int *)ctx)++;
	return 0;
}

static void test_missing_and_summary_of_a_quarter(void **state)
{
	evaluation e;
	eval_summary sum;
	int missing = 0;
	(void)state;
	ef_record(&e, 1, "2025-Q1", 2900, 6500,
		  (eval_tasks){.assigned = 10, .on_time = 10, .exceeded = 3});
	ef_record(&e, 2, "2025-Q1", 2000, 3000, (eval_tasks){0});
	assert_int_equal(eval_decide(db, &e, 4, NULL, day("2025-04-10"), &err), CB_OK);
	assert_int_equal(eval_each_missing(db, NULL, "2025-Q1", count_missing, &missing, &err),
			 CB_OK);
	assert_int_equal(missing, 15); /* 16 cadres, one decided */
	assert_int_equal(eval_summarise(db, &rules, NULL, "2025-Q1", &sum, &err), CB_OK);
	assert_int_equal(sum.cadres, 16);
	assert_int_equal(sum.evaluated, 2);
	assert_int_equal(sum.undecided, 1);
	assert_int_equal(sum.decided[4], 1);
	assert_int_equal(sum.computed[1], 1);
	assert_int_equal(sum.bands[1], 1);
	assert_int_equal(sum.bands[3], 1);
}

static void test_year_ratings_count_as_decided(void **state)
{
	eval_summary sum;
	int missing = 0;
	(void)state;
	assert_int_equal(eval_each_missing(db, NULL, "2024", count_missing, &missing, &err), CB_OK);
	assert_int_equal(missing, 0);
	assert_int_equal(eval_summarise(db, &rules, NULL, "2024", &sum, &err), CB_OK);
	assert_int_equal(sum.decided[1], 4);
	assert_int_equal(sum.decided[4], 1);
	assert_int_equal(sum.undecided, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, ef_teardown)
		T(test_record_stores_total_and_computed_grade),
		T(test_group_above_its_maximum_is_refused),
		T(test_decision_above_proposal_needs_a_reason),
		T(test_decision_below_proposal_needs_no_reason),
		T(test_quarter_decision_leaves_the_rating),
		T(test_stages_are_signed_and_proposal_defaults_to_computed),
		T(test_decided_is_locked_until_reopened_with_reason),
		T(test_stale_version_changes_nothing),
		T(test_second_record_of_a_period_is_refused),
		T(test_history_reads_ratings_as_decided_years),
		T(test_history_reads_only_its_owners_rows),
		T(test_check_finds_each_kind),
		T(test_check_is_scoped_to_a_district),
		T(test_cap_of_good_only_counts_more),
		T(test_reader_held_to_a_district_sees_only_it),
		T(test_missing_and_summary_of_a_quarter),
		T(test_year_ratings_count_as_decided),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
