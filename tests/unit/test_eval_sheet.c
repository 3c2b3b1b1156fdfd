/* test_eval_sheet.c - the evaluation sheet's core (eval_sheet.h): the
 * cadres of a scope with their evaluation of a period (score, stage,
 * proposal, decision; a year's rating standing in for a missing
 * evaluation), decisions for several at once - as proposed, or a grade
 * above a proposal only with a reason - all or none, and stepping a
 * period. */
#include "eval_fixture.h"

#include "eval_sheet.h"

/* Cadres 1-3 in Tân An, 4 in Bến Lức; cadre 3 rated good in 2024. */
#define CADRES EF_CADRES(4, "CASE WHEN i <= 3 THEN 2 ELSE 3 END", "NULL")
static const char world[] =
	EF_UNITS CADRES "INSERT INTO rating(cadre_id, year, grade) VALUES (3, 2024, 2);";

static int setup(void **state)
{
	(void)state;
	return ef_open(world);
}

/* Records cadre's evaluation of period scored common + results. */
static void record(int64_t cadre_id, const char *period, int common, int results)
{
	evaluation e;
	ef_record(&e, cadre_id, period, common, results,
		  (eval_tasks){.assigned = 10, .on_time = 10, .exceeded = 1});
}

static void load(int64_t lo, int64_t hi, const char *period, eval_sheet_row **rows, size_t *n)
{
	assert_int_equal(eval_sheet_load(db, lo, hi, period, date_today(), rows, n, &err), CB_OK);
}

static void test_rows_of_a_scope_and_a_period(void **state)
{
	eval_sheet_row *r;
	size_t n;

	(void)state;
	record(1, "2024", 2500, 5000); /* 75: good */
	record(2, "2024-Q2", 2800, 6500);
	load(2, 2, "2024", &r, &n);
	assert_int_equal(n, 3);
	assert_true(r[0].evaluated);
	assert_int_equal(r[0].score, 7500);
	assert_int_equal(r[0].stage, EVAL_RECORDED);
	assert_int_equal(r[0].proposal, 2);
	assert_int_equal(r[0].grade, 0);
	assert_false(r[1].evaluated); /* its evaluation is of a quarter */
	assert_int_equal(r[1].stage, -1);
	assert_false(r[2].evaluated); /* a rating only: decided, no score */
	assert_true(r[2].from_rating);
	assert_int_equal(r[2].grade, 2);
	assert_int_equal(r[2].score, -1);
	free(r);
	load(0, 0, "2024-Q2", &r, &n);
	assert_int_equal(n, 4);
	assert_true(r[1].evaluated);
	assert_int_equal(r[1].score, 9300);
	assert_false(r[2].from_rating);
	free(r);
}

static void test_deciding_several_as_proposed(void **state)
{
	int64_t ids[] = {1, 2};
	eval_sheet_row *r;
	size_t n, failed;

	(void)state;
	record(1, "2025-Q1", 2500, 5000); /* good */
	record(2, "2025-Q1", 2000, 4000); /* 60: completed */
	assert_int_equal(
		eval_sheet_decide(db, ids, 2, "2025-Q1", 0, "", date_today(), &failed, &err),
		CB_OK);
	load(2, 2, "2025-Q1", &r, &n);
	assert_int_equal(r[0].grade, 2);
	assert_int_equal(r[0].stage, EVAL_DECIDED);
	assert_int_equal(r[1].grade, 3);
	free(r);
	assert_int_equal(sf_count(db, "SELECT count(*) FROM audit WHERE tbl = 'evaluation'"
				      " AND action = 'update' AND new LIKE '%decided%'"),
			 2);
}

static void test_one_refusal_decides_nothing(void **state)
{
	int64_t ids[] = {1, 2, 3};
	size_t failed;

	(void)state;
	record(1, "2024", 2500, 5000); /* good */
	record(2, "2024", 2000, 4000); /* completed */
	/* excellent is above both proposals: a reason is needed */
	assert_int_equal(eval_sheet_decide(db, ids, 2, "2024", 1, "", date_today(), &failed, &err),
			 CB_EINVALID);
	assert_int_equal(failed, 0);
	/* cadre 3 has a rating but no evaluation: nothing to decide */
	assert_int_equal(eval_sheet_decide(db, ids, 3, "2024", 0, "", date_today(), &failed, &err),
			 CB_EINVALID);
	assert_int_equal(failed, 2);
	assert_int_equal(sf_count(db, "SELECT count(*) FROM evaluation WHERE grade IS NOT NULL"),
			 0);
	assert_int_equal(sf_count(db, "SELECT count(*) FROM rating WHERE year = 2024"), 1);
	/* with the reason, both are decided and the year's ratings follow */
	assert_int_equal(eval_sheet_decide(db, ids, 2, "2024", 1, "Sáng kiến được công nhận",
					   date_today(), &failed, &err),
			 CB_OK);
	assert_int_equal(
		sf_count(db, "SELECT count(*) FROM rating WHERE year = 2024 AND grade = 1"), 2);
}

static void test_stepping_a_period(void **state)
{
	eval_period p, q;

	(void)state;
	assert_true(eval_period_parse("2025-Q1", &p));
	assert_true(eval_period_step(&p, -1, &q));
	assert_string_equal(q.key, "2024-Q4");
	assert_true(eval_period_step(&q, 1, &p));
	assert_string_equal(p.key, "2025-Q1");
	assert_true(eval_period_parse("2025-12", &p));
	assert_true(eval_period_step(&p, 1, &q));
	assert_string_equal(q.key, "2026-01");
	assert_true(eval_period_parse("2025-01", &p));
	assert_true(eval_period_step(&p, -1, &q));
	assert_string_equal(q.key, "2024-12");
	assert_true(eval_period_parse("2025", &p));
	assert_true(eval_period_step(&p, -1, &q));
	assert_string_equal(q.key, "2024");
	assert_true(eval_period_parse("2021-2025", &p));
	assert_false(eval_period_step(&p, 1, &q));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rows_of_a_scope_and_a_period, setup,
						ef_teardown),
		cmocka_unit_test_setup_teardown(test_deciding_several_as_proposed, setup,
						ef_teardown),
		cmocka_unit_test_setup_teardown(test_one_refusal_decides_nothing, setup,
						ef_teardown),
		cmocka_unit_test(test_stepping_a_period),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
