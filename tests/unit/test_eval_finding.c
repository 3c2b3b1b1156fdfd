/* test_eval_finding.c - what a finding of the checks on a year's ratings
 * is about and what it says: the organisation of every kind of finding
 * (so the organisations screen marks the right row), the grade whose row
 * of a breakdown by rating shows it, and the detail worded once for the
 * command and the screens. */
#include "eval_fixture.h"

/* In 2024 organisation 1 rated cadre 1 excellent and cadres 2, 3 good:
 * the cap (20 % of 3) allows none; cadre 1 left an item of 2023 open.
 * Cadre 4 (organisation 2), cadre 5 (no organisation) and organisation 2
 * itself did not complete their duties in 2023 nor in 2024. */
#define CADRES EF_CADRES(5, "2", "CASE WHEN i <= 3 THEN 1 WHEN i = 4 THEN 2 END")
static const char world[] =
	EF_UNITS "INSERT INTO org(id, name, kind, parent_id, unit_id) VALUES"
		 " (1, 'Chi bộ ấp 1', 5, NULL, 2), (2, 'Chi bộ ấp 2', 5, NULL, 2);" CADRES
		 "INSERT INTO rating(cadre_id, org_id, year, grade) VALUES"
		 " (1, NULL, 2024, 1), (2, NULL, 2024, 2), (3, NULL, 2024, 2),"
		 " (4, NULL, 2023, 4), (4, NULL, 2024, 4), (5, NULL, 2023, 4), (5, NULL, 2024, 4),"
		 " (NULL, 2, 2023, 4), (NULL, 2, 2024, 4);"
		 "INSERT INTO plan(id, cadre_id, year) VALUES (1, 1, 2023);"
		 "INSERT INTO plan_item(plan_id, shortcoming, state, verified_on) VALUES"
		 " (1, 'Hạn chế A', 1, '');";

static int setup(void **state)
{
	(void)state;
	return ef_open(world);
}

typedef struct found {
	eval_finding f[16];
	int n;
} found;

static int collect(const eval_finding *f, void *ctx)
{
	found *c = ctx;
	assert_true(c->n < 16);
	c->f[c->n++] = *f;
	return 0;
}

/* Cadre 3's year decided "hoàn thành" where its score proposes "tốt". */
static void decide_below_proposal(void)
{
	static const eval_tasks tasks = {.assigned = 10, .on_time = 10, .exceeded = 2};
	evaluation e;
	cb_date day;

	ef_record(&e, 3, "2024", 2800, 5500, tasks);
	assert_true(date_parse_iso("2025-01-20", &day));
	assert_int_equal(eval_decide(db, &e, 3, NULL, day, &err), CB_OK);
}

static void test_each_finding_names_its_organisation(void **state)
{
	found c = {0};
	(void)state;
	decide_below_proposal();
	assert_int_equal(eval_check_year(db, &rules, NULL, 2024, collect, &c, &err), CB_OK);
	assert_int_equal(c.n, 6);
	/* the cap: the organisation itself */
	assert_int_equal(c.f[0].check, EVAL_CHECK_CAP);
	assert_int_equal(c.f[0].org_id, 1);
	assert_int_equal(c.f[0].excess, 1);
	/* remediation: the cadre's organisation */
	assert_int_equal(c.f[1].check, EVAL_CHECK_REMEDIATION);
	assert_int_equal(c.f[1].id, 1);
	assert_int_equal(c.f[1].org_id, 1);
	/* two failed years: cadre 4 of organisation 2, cadre 5 of none, then
	 * organisation 2 itself */
	assert_int_equal(c.f[2].check, EVAL_CHECK_FAILED_TWICE);
	assert_int_equal(c.f[2].id, 4);
	assert_int_equal(c.f[2].org_id, 2);
	assert_int_equal(c.f[3].id, 5);
	assert_int_equal(c.f[3].org_id, 0);
	assert_true(c.f[4].org);
	assert_int_equal(c.f[4].org_id, 2);
	/* the decision: the cadre's organisation */
	assert_int_equal(c.f[5].check, EVAL_CHECK_DIFFERS);
	assert_int_equal(c.f[5].id, 3);
	assert_int_equal(c.f[5].org_id, 1);
}

static void test_grade_is_the_row_of_a_breakdown_by_rating(void **state)
{
	found c = {0};
	(void)state;
	decide_below_proposal();
	assert_int_equal(eval_check_year(db, &rules, NULL, 2024, collect, &c, &err), CB_OK);
	assert_int_equal(c.n, 6);
	assert_int_equal(eval_finding_grade(&c.f[0]), 1); /* cap: the excellent */
	assert_int_equal(eval_finding_grade(&c.f[1]), 1); /* remediation */
	assert_int_equal(eval_finding_grade(&c.f[2]), 4); /* a cadre failed twice */
	assert_int_equal(eval_finding_grade(&c.f[3]), 4);
	assert_int_equal(eval_finding_grade(&c.f[4]), 0); /* an organisation's own */
	assert_int_equal(eval_finding_grade(&c.f[5]), 3); /* the decided grade */
}

static void test_grade_of_an_organisation_or_a_bad_decision_is_none(void **state)
{
	eval_finding f = {.check = EVAL_CHECK_DIFFERS, .org = true, .a = 2, .b = 3};
	(void)state;
	assert_int_equal(eval_finding_grade(&f), 0);
	f.org = false;
	assert_int_equal(eval_finding_grade(&f), 3);
	f.b = 5;
	assert_int_equal(eval_finding_grade(&f), 0);
	f.check = 0;
	assert_int_equal(eval_finding_grade(&f), 0);
}

static void test_detail_says_what_the_command_says(void **state)
{
	found c = {0};
	char text[256];
	(void)state;
	decide_below_proposal();
	assert_int_equal(eval_check_year(db, &rules, NULL, 2024, collect, &c, &err), CB_OK);
	assert_int_equal(c.n, 6);
	/* cadre 3 now "hoàn thành": 1 excellent of 2 good or better */
	eval_finding_detail(&c.f[0], &rules, text, sizeof text);
	assert_string_equal(text, "1 excellent of 2 good or better: 20 % allows 0");
	eval_finding_detail(&c.f[1], &rules, text, sizeof text);
	assert_string_equal(text, "1 of 1 items of last year's plan not remedied and verified");
	eval_finding_detail(&c.f[2], &rules, text, sizeof text);
	assert_string_equal(text, "Did not complete duties this year and last year");
	eval_finding_detail(&c.f[5], &rules, text, sizeof text);
	assert_string_equal(text, "proposed: Well completed duties; decided: Completed duties");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, ef_teardown)
		T(test_each_finding_names_its_organisation),
		T(test_grade_is_the_row_of_a_breakdown_by_rating),
		cmocka_unit_test(test_grade_of_an_organisation_or_a_bad_decision_is_none),
		T(test_detail_says_what_the_command_says),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
