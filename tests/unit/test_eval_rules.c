/* test_eval_rules.c - the proposed grade at every boundary of the shipped
 * evaluation.ini (49.99, 50, 69.99, 70, 89.99, 90 and each task
 * condition), the cap on "xuất sắc" (smallest excess, empty groups,
 * rounding, its base), periods, scores, and bad rule files. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "evaluation.h"
#include "i18n.h"
#include "fixture.h"

static eval_rules rules;
static cb_error err;

/* Ten tasks, all on time, four exceeded: meets every condition. */
static const eval_tasks perfect = {.assigned = 10, .on_time = 10, .late = 0, .exceeded = 4};

static int setup(void **state)
{
	char path[4096];
	(void)state;
	snprintf(path, sizeof path, "%s/config/evaluation.ini", fixture_source_dir());
	cb_error_clear(&err);
	if (eval_rules_load_file(path, &rules, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	eval_rules_free(&rules);
	return 0;
}

/* ---- the shipped file ----------------------------------------------------- */

static void test_shipped_rules_are_those_of_366(void **state)
{
	(void)state;
	assert_int_equal(rules.grade[1].min_score, 9000);
	assert_int_equal(rules.grade[2].min_score, 7000);
	assert_int_equal(rules.grade[3].min_score, 5000);
	assert_int_equal(rules.group_count, 2);
	assert_int_equal(rules.groups[0].max, 3000);
	assert_int_equal(rules.groups[1].max, 7000);
	assert_int_equal(rules.cap_percent, 20);
	assert_int_equal(rules.cap_rounding, EVAL_ROUND_DOWN);
	assert_int_equal(rules.selfcheck_months, 1);
}

/* ---- score bands ------------------------------------------------------------ */

static void test_score_bands_at_each_boundary(void **state)
{
	static const struct {
		const char *score;
		int grade;
	} cases[] = {{"100", 1},   {"90", 1}, {"90.00", 1}, {"89.99", 2}, {"70", 2},
		     {"69.99", 3}, {"50", 3}, {"49.99", 4}, {"0", 4}};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int score = -1;
		assert_true(eval_score_parse(cases[i].score, 10000, &score));
		assert_int_equal(eval_propose(&rules, score, &perfect), cases[i].grade);
	}
}

/* ---- task conditions ---------------------------------------------------- */

static void test_excellent_needs_every_task_on_time(void **state)
{
	eval_tasks one_late = {.assigned = 10, .on_time = 9, .late = 1, .exceeded = 4};
	(void)state;
	assert_int_equal(eval_propose(&rules, 9500, &one_late), 2);
}

static void test_excellent_needs_thirty_percent_exceeded(void **state)
{
	eval_tasks t = {.assigned = 10, .on_time = 10, .late = 0, .exceeded = 3};
	(void)state;
	assert_int_equal(eval_propose(&rules, 9500, &t), 1); /* exactly 30 % */
	t.exceeded = 2;
	assert_int_equal(eval_propose(&rules, 9500, &t), 2); /* 20 % */
	/* 3 of 11 is 27.3 %: not enough, though 3 of 10 was */
	t = (eval_tasks){.assigned = 11, .on_time = 11, .late = 0, .exceeded = 3};
	assert_int_equal(eval_propose(&rules, 9500, &t), 2);
	t.exceeded = 4; /* 36.4 % */
	assert_int_equal(eval_propose(&rules, 9500, &t), 1);
}

static void test_completed_allows_twenty_percent_late(void **state)
{
	eval_tasks t = {.assigned = 10, .on_time = 8, .late = 2, .exceeded = 0};
	(void)state;
	assert_int_equal(eval_propose(&rules, 6000, &t), 3); /* 20 % late */
	t = (eval_tasks){.assigned = 10, .on_time = 7, .late = 3, .exceeded = 0};
	assert_int_equal(eval_propose(&rules, 6000, &t), 4); /* 30 % late */
}

static void test_completed_needs_every_task_done(void **state)
{
	eval_tasks t = {.assigned = 10, .on_time = 9, .late = 0, .exceeded = 0};
	(void)state;
	assert_int_equal(eval_propose(&rules, 6000, &t), 4);
	t.on_time = 10;
	assert_int_equal(eval_propose(&rules, 6000, &t), 3);
}

static void test_good_score_with_undone_task_is_not_completed(void **state)
{
	/* cumulative rules: "tốt" includes having completed the tasks */
	eval_tasks t = {.assigned = 10, .on_time = 9, .late = 0, .exceeded = 3};
	(void)state;
	assert_int_equal(eval_propose(&rules, 8000, &t), 4);
	rules.cumulative = false;
	assert_int_equal(eval_propose(&rules, 8000, &t), 2);
	rules.cumulative = true;
}

static void test_no_tasks_recorded_follows_the_score(void **state)
{
	eval_tasks none = {0};
	(void)state;
	assert_int_equal(eval_propose(&rules, 9000, &none), 1);
	assert_int_equal(eval_propose(&rules, 4999, &none), 4);
}

static void test_task_counts_checked(void **state)
{
	eval_tasks t = {.assigned = 5, .on_time = 4, .late = 2, .exceeded = 0};
	(void)state;
	assert_int_equal(eval_tasks_check(&t, &err), CB_EINVALID);
	t = (eval_tasks){.assigned = 5, .on_time = 3, .late = 1, .exceeded = 5};
	assert_int_equal(eval_tasks_check(&t, &err), CB_EINVALID);
	t = (eval_tasks){.assigned = 5, .on_time = -1, .late = 0, .exceeded = 0};
	assert_int_equal(eval_tasks_check(&t, &err), CB_EINVALID);
	t = (eval_tasks){.assigned = 5, .on_time = 3, .late = 1, .exceeded = 4};
	assert_int_equal(eval_tasks_check(&t, &err), CB_OK);
}

/* ---- the cap on "xuất sắc" ---------------------------------------------- */

static void test_cap_allowed_rounds_down_by_default(void **state)
{
	(void)state;
	assert_int_equal(eval_cap_allowed(&rules, 0), 0);
	assert_int_equal(eval_cap_allowed(&rules, 4), 0);
	assert_int_equal(eval_cap_allowed(&rules, 5), 1);
	assert_int_equal(eval_cap_allowed(&rules, 9), 1);
	assert_int_equal(eval_cap_allowed(&rules, 10), 2);
	rules.cap_rounding = EVAL_ROUND_NEAREST;
	assert_int_equal(eval_cap_allowed(&rules, 7), 1); /* 1.4 */
	assert_int_equal(eval_cap_allowed(&rules, 8), 2); /* 1.6 */
	rules.cap_rounding = EVAL_ROUND_UP;
	assert_int_equal(eval_cap_allowed(&rules, 6), 2); /* 1.2 */
	assert_int_equal(eval_cap_allowed(&rules, 5), 1); /* exactly 1 */
	rules.cap_rounding = EVAL_ROUND_DOWN;
}

static void test_cap_excess_of_good_or_better(void **state)
{
	(void)state;
	/* 3 excellent, 7 good: 20 % of 10 is 2, one too many */
	assert_int_equal(eval_cap_excess(&rules, 3, 7), 1);
	assert_int_equal(eval_cap_excess(&rules, 2, 8), 0);
	/* an organisation where everyone is excellent: 20 % of 4 is 0 */
	assert_int_equal(eval_cap_excess(&rules, 4, 0), 4);
}

static void test_cap_excess_of_good_only_is_the_smallest(void **state)
{
	(void)state;
	rules.cap_base = EVAL_CAP_GOOD;
	/* 3 excellent, 7 good: lowering one gives 2 of 8 good (1.6 -> 1), not
	 * enough; lowering two gives 1 of 9 (1.8 -> 1): the excess is 2 */
	assert_int_equal(eval_cap_excess(&rules, 3, 7), 2);
	/* 3 excellent, 12 good: 2 of 13 (2.6 -> 2) fits after lowering one */
	assert_int_equal(eval_cap_excess(&rules, 3, 12), 1);
	assert_int_equal(eval_cap_excess(&rules, 2, 10), 0);
	rules.cap_base = EVAL_CAP_GOOD_OR_BETTER;
}

static void test_cap_empty_groups(void **state)
{
	(void)state;
	assert_int_equal(eval_cap_excess(&rules, 0, 0), 0);
	assert_int_equal(eval_cap_excess(&rules, 0, 25), 0);
	assert_int_equal(eval_cap_excess(&rules, 1, 0), 1);
}

static void test_no_cap_means_no_excess(void **state)
{
	(void)state;
	rules.cap_percent = -1;
	assert_int_equal(eval_cap_excess(&rules, 9, 1), 0);
	rules.cap_percent = 20;
}

/* ---- periods and scores ------------------------------------------------- */

static void test_periods_parse_each_kind(void **state)
{
	eval_period p;
	(void)state;
	assert_true(eval_period_parse("2025", &p));
	assert_int_equal(p.kind, EVAL_YEAR);
	assert_true(eval_period_parse("2025-q3", &p));
	assert_int_equal(p.kind, EVAL_QUARTER);
	assert_string_equal(p.key, "2025-Q3");
	assert_true(eval_period_parse("2025-07", &p));
	assert_int_equal(p.kind, EVAL_MONTH);
	assert_true(eval_period_parse("2020-2025", &p));
	assert_int_equal(p.kind, EVAL_TERM);
	assert_int_equal(p.year, 2025);
	assert_true(eval_period_parse("2025-02-28", &p));
	assert_int_equal(p.kind, EVAL_ADHOC);
	assert_false(eval_period_parse("2025-02-30", &p));
	assert_false(eval_period_parse("2025-Q5", &p));
	assert_false(eval_period_parse("2025-13", &p));
	assert_false(eval_period_parse("2025-2024", &p));
	assert_false(eval_period_parse("25", &p));
	assert_false(eval_period_parse("2025-7", &p));
}

static void test_scores_parse_two_decimals_at_most(void **state)
{
	int v;
	char buf[16];
	(void)state;
	assert_true(eval_score_parse("7.5", 10000, &v));
	assert_int_equal(v, 750);
	assert_true(eval_score_parse("89,99", 10000, &v));
	assert_int_equal(v, 8999);
	assert_false(eval_score_parse("89.999", 10000, &v));
	assert_false(eval_score_parse("-1", 10000, &v));
	assert_false(eval_score_parse("30.01", 3000, &v));
	assert_false(eval_score_parse("", 3000, &v));
	assert_false(eval_score_parse("1.", 3000, &v));
	assert_string_equal(eval_score_format(8999, buf), "89.99");
	assert_string_equal(eval_score_format(750, buf), "7.50");
	assert_string_equal(eval_score_format(9000, buf), "90");
	/* for people: the decimal comma in Vietnamese, read back the same */
	i18n_init("vi");
	assert_string_equal(eval_score_label(8999, buf), "89,99");
	assert_string_equal(eval_score_label(9000, buf), "90");
	assert_true(eval_score_parse(eval_score_label(750, buf), 10000, &v));
	assert_int_equal(v, 750);
	i18n_init("en");
	assert_string_equal(eval_score_label(8999, buf), "89.99");
	i18n_init("vi");
}

/* ---- bad files ------------------------------------------------------------ */

static int load_text(const char *text)
{
	char dir[256], path[300];
	eval_rules r;
	int rc;
	assert_non_null(fixture_tmpdir(dir, sizeof dir));
	assert_int_equal(fixture_write(dir, "evaluation.ini", text), 0);
	snprintf(path, sizeof path, "%s/evaluation.ini", dir);
	cb_error_clear(&err);
	rc = eval_rules_load_file(path, &r, &err);
	if (!rc)
		eval_rules_free(&r);
	fixture_rmtree(dir);
	return rc;
}

#define GRADES                                                                                     \
	"[grade.excellent]\nmin_score = 90\n[grade.good]\nmin_score = 70\n"                        \
	"[grade.completed]\nmin_score = 50\n"

static void test_groups_must_make_one_hundred_points(void **state)
{
	(void)state;
	assert_int_equal(load_text(GRADES "[group.1]\ntitle = A\nmax = 30\n"
					  "[group.2]\ntitle = B\nmax = 60\n"),
			 CB_ECONFIG);
	assert_non_null(strstr(err.msg, "90"));
	assert_int_equal(load_text(GRADES "[group.1]\ntitle = A\nmax = 30\n"
					  "[group.2]\ntitle = B\nmax = 70\n"),
			 CB_OK);
}

static void test_bands_must_descend(void **state)
{
	(void)state;
	assert_int_equal(
		load_text("[grade.excellent]\nmin_score = 70\n[grade.good]\nmin_score = 70\n"
			  "[grade.completed]\nmin_score = 50\n"
			  "[group.1]\ntitle = A\nmax = 100\n"),
		CB_ECONFIG);
	assert_non_null(strstr(err.msg, "grade.good"));
}

static void test_unknown_key_and_bad_choice_refused(void **state)
{
	(void)state;
	assert_int_equal(
		load_text(GRADES "[cap]\npercentage = 20\n[group.1]\ntitle = A\nmax = 100\n"),
		CB_ECONFIG);
	assert_non_null(strstr(err.msg, "percentage"));
	assert_int_equal(
		load_text(GRADES "[cap]\nrounding = banker\n[group.1]\ntitle = A\nmax = 100\n"),
		CB_ECONFIG);
	assert_non_null(strstr(err.msg, "banker"));
	assert_int_equal(
		load_text(GRADES "[selfcheck]\nperiod = week\n[group.1]\ntitle = A\nmax = 100\n"),
		CB_ECONFIG);
	assert_non_null(strstr(err.msg, "half-year"));
}

static void test_items_are_read_with_empty_texts(void **state)
{
	char dir[256], path[300];
	eval_rules r;
	(void)state;
	assert_non_null(fixture_tmpdir(dir, sizeof dir));
	assert_int_equal(fixture_write(dir, "evaluation.ini",
				       GRADES "[group.1]\ntitle = A\nmax = 30\n[item.1.1]\ntext =\n"
					      "[item.1.2]\ntext = Nội dung do văn phòng nhập\n"
					      "[group.2]\ntitle = B\nmax = 70\n"),
			 0);
	snprintf(path, sizeof path, "%s/evaluation.ini", dir);
	assert_int_equal(eval_rules_load_file(path, &r, &err), CB_OK);
	assert_int_equal(r.item_count, 2);
	assert_string_equal(r.items[0].code, "1.1");
	assert_string_equal(r.items[0].text, "");
	assert_string_equal(r.items[1].text, "Nội dung do văn phòng nhập");
	assert_int_equal(r.groups[0].items, 2);
	assert_int_equal(r.groups[1].items, 0);
	eval_rules_free(&r);
	fixture_rmtree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_rules_are_those_of_366),
		cmocka_unit_test(test_score_bands_at_each_boundary),
		cmocka_unit_test(test_excellent_needs_every_task_on_time),
		cmocka_unit_test(test_excellent_needs_thirty_percent_exceeded),
		cmocka_unit_test(test_completed_allows_twenty_percent_late),
		cmocka_unit_test(test_completed_needs_every_task_done),
		cmocka_unit_test(test_good_score_with_undone_task_is_not_completed),
		cmocka_unit_test(test_no_tasks_recorded_follows_the_score),
		cmocka_unit_test(test_task_counts_checked),
		cmocka_unit_test(test_cap_allowed_rounds_down_by_default),
		cmocka_unit_test(test_cap_excess_of_good_or_better),
		cmocka_unit_test(test_cap_excess_of_good_only_is_the_smallest),
		cmocka_unit_test(test_cap_empty_groups),
		cmocka_unit_test(test_no_cap_means_no_excess),
		cmocka_unit_test(test_periods_parse_each_kind),
		cmocka_unit_test(test_scores_parse_two_decimals_at_most),
		cmocka_unit_test(test_groups_must_make_one_hundred_points),
		cmocka_unit_test(test_bands_must_descend),
		cmocka_unit_test(test_unknown_key_and_bad_choice_refused),
		cmocka_unit_test(test_items_are_read_with_empty_texts),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
