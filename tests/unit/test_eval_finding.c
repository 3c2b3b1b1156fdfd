/* test_eval_finding.c - what a finding of the checks on a year's ratings
 * is about and what it says: the organisation of every kind of finding
 * (so the organisations screen marks the right row), the grade whose row
 * of a breakdown by rating shows it, and the detail worded once for the
 * command and the screens. */
#include "store_fixture.h"

#include "eval_store.h"

static store *db;
static cb_error err;
static eval_rules rules;

/* In 2024 organisation 1 rated cadre 1 excellent and cadres 2, 3 good:
 * the cap (20 % of 3) allows none; cadre 1 left an item of 2023 open.
 * Cadre 4 (organisation 2), cadre 5 (no organisation) and organisation 2
 * itself did not complete their duties in 2023 nor in 2024. */
static const char world[] =
	"INSERT INTO unit(id, code, name, kind, tier, parent_id, lo, hi) VALUES"
	" (1, '80', 'Tỉnh Long An', 'tỉnh', 1, NULL, 1, 2),"
	" (2, '794', 'Thành phố Tân An', 'thành phố', 2, 1, 2, 2);"
	"INSERT INTO org(id, name, kind, parent_id, unit_id) VALUES"
	" (1, 'Chi bộ ấp 1', 5, NULL, 2), (2, 'Chi bộ ấp 2', 5, NULL, 2);"
	"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5)"
	" INSERT INTO cadre(id, full_name, name_fold, sort_key, rank, birth_date, gender,"
	" ethnicity, unit_id, org_id, position, pos_rank, level, education, theory)"
	" SELECT i, 'Cán bộ ' || i, 'can bo ' || i, x'01', i * 1024, '1975-04-30', 1, 'Kinh', 2,"
	"  CASE WHEN i <= 3 THEN 1 WHEN i = 4 THEN 2 END, 'Chuyên viên', 5, 2, 4, 2 FROM n;"
	"INSERT INTO rating(cadre_id, org_id, year, grade) VALUES"
	" (1, NULL, 2024, 1), (2, NULL, 2024, 2), (3, NULL, 2024, 2),"
	" (4, NULL, 2023, 4), (4, NULL, 2024, 4), (5, NULL, 2023, 4), (5, NULL, 2024, 4),"
	" (NULL, 2, 2023, 4), (NULL, 2, 2024, 4);"
	"INSERT INTO plan(id, cadre_id, year) VALUES (1, 1, 2023);"
	"INSERT INTO plan_item(plan_id, shortcoming, state, verified_on) VALUES"
	" (1, 'Hạn chế A', 1, '');";

static int setup(void **state)
{
	char path[4096];
	(void)state;
	setenv("CANBO_TODAY", SF_TODAY, 1);
	snprintf(path, sizeof path, "%s/config/evaluation.ini", fixture_source_dir());
	if (eval_rules_load_file(path, &rules, &err))
		return -1;
	db = sf_open_sql(world);
	cb_error_clear(&err);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	sf_close(db);
	eval_rules_free(&rules);
	return 0;
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
	eval_period p;
	cb_date day;

	assert_true(eval_period_parse("2024", &p));
	eval_init(&e, false, 3, &p);
	e.scores[0] = 2800;
	e.scores[1] = 5500;
	e.tasks = tasks;
	assert_int_equal(eval_save(db, &rules, &e, &err), CB_OK);
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
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_each_finding_names_its_organisation),
		T(test_grade_is_the_row_of_a_breakdown_by_rating),
		cmocka_unit_test(test_grade_of_an_organisation_or_a_bad_decision_is_none),
		T(test_detail_says_what_the_command_says),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
