/* test_career.c - the career rules: the retirement roadmap of Nghị định
 * 135/2020/NĐ-CP against its own table, term ends, the working-day notice,
 * discipline lapse and bars, the pool's gap, and career.ini. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "career.h"
#include "fixture.h"

static career_rules R;

static int defaults(void **state)
{
	(void)state;
	career_rules_default(&R);
	return 0;
}

static cb_date D(const char *iso)
{
	cb_date d = CB_DATE_NONE;
	assert_true(date_parse_iso(iso, &d));
	return d;
}

static void assert_date(cb_date got, const char *iso)
{
	char buf[11] = "none";
	if (got != CB_DATE_NONE)
		date_format_iso(got, buf);
	assert_string_equal(buf, iso);
}

/* The roadmap's table (Phụ lục I of the decree), one row per retirement
 * year: who was born from..to (months as y*12+m-1) retires at that age.
 * Before the roadmap: 60 and 55 years. */
struct cohort {
	int gender, from_y, from_m, to_y, to_m, years, months;
};

static const struct cohort table[] = {
	{1, 1900, 1, 1960, 12, 60, 0}, {1, 1961, 1, 1961, 9, 60, 3},  {1, 1961, 10, 1962, 6, 60, 6},
	{1, 1962, 7, 1963, 3, 60, 9},  {1, 1963, 4, 1963, 12, 61, 0}, {1, 1964, 1, 1964, 9, 61, 3},
	{1, 1964, 10, 1965, 6, 61, 6}, {1, 1965, 7, 1966, 3, 61, 9},  {1, 1966, 4, 2000, 12, 62, 0},
	{2, 1900, 1, 1965, 12, 55, 0}, {2, 1966, 1, 1966, 8, 55, 4},  {2, 1966, 9, 1967, 4, 55, 8},
	{2, 1967, 5, 1967, 12, 56, 0}, {2, 1968, 1, 1968, 8, 56, 4},  {2, 1968, 9, 1969, 4, 56, 8},
	{2, 1969, 5, 1969, 12, 57, 0}, {2, 1970, 1, 1970, 8, 57, 4},  {2, 1970, 9, 1971, 4, 57, 8},
	{2, 1971, 5, 1971, 12, 58, 0}, {2, 1972, 1, 1972, 8, 58, 4},  {2, 1972, 9, 1973, 4, 58, 8},
	{2, 1973, 5, 1973, 12, 59, 0}, {2, 1974, 1, 1974, 8, 59, 4},  {2, 1974, 9, 1975, 4, 59, 8},
	{2, 1975, 5, 2000, 12, 60, 0},
};

static const struct cohort *cohort_of(int gender, int y, int m)
{
	int idx = y * 12 + m - 1;
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (table[i].gender == gender &&
		    idx >= table[i].from_y * 12 + table[i].from_m - 1 &&
		    idx <= table[i].to_y * 12 + table[i].to_m - 1)
			return &table[i];
	return NULL;
}

static void
test_retirement_follows_the_roadmap_table_for_every_birth_month_1955_to_1985(void **state)
{
	(void)state;
	for (int g = 1; g <= 2; g++)
		for (int y = 1955; y <= 1985; y++)
			for (int m = 1; m <= 12; m++) {
				const struct cohort *c = cohort_of(g, y, m);
				int idx = y * 12 + m - 1 + c->years * 12 + c->months;
				int ry = idx / 12, rm = idx % 12 + 1, got_y, got_m, got_d;
				cb_date want_next = date_from_ymd(rm == 12 ? ry + 1 : ry,
								  rm == 12 ? 1 : rm + 1, 1);
				cb_date got = career_retirement(&R, g, y, m, 15);
				assert_int_not_equal(got, CB_DATE_NONE);
				date_to_ymd(got, &got_y, &got_m, &got_d);
				assert_int_equal(got_y * 100 + got_m, ry * 100 + rm);
				assert_int_equal(got + 1, want_next); /* the month's last day */
			}
}

/* A later birth month never retires earlier: the calendar of what falls
 * due reads only the birth months that can retire in its window, which
 * rests on this. */
static void test_retirement_never_comes_earlier_for_a_later_birth(void **state)
{
	(void)state;
	for (int g = 1; g <= 2; g++) {
		cb_date prev = CB_DATE_NONE;
		for (int y = 1900; y <= 2100; y++)
			for (int m = 1; m <= 12; m++) {
				cb_date d = career_retirement(&R, g, y, m, 1);
				assert_int_not_equal(d, CB_DATE_NONE);
				if (prev != CB_DATE_NONE && d < prev)
					fail_msg("gender %d born %04d-%02d retires earlier", g, y,
						 m);
				prev = d;
			}
	}
}

static void test_retirement_dates_of_named_birthdays(void **state)
{
	(void)state;
	assert_date(career_retirement_of(&R, 1, "1961-01-15"), "2021-04-30");
	assert_date(career_retirement_of(&R, 1, "1961-10-01"), "2022-04-30");
	assert_date(career_retirement_of(&R, 1, "1958-05-20"), "2018-05-31");
	assert_date(career_retirement_of(&R, 1, "1964-02-29"), "2025-05-31");
	assert_date(career_retirement_of(&R, 1, "1968-02-10"), "2030-02-28");
	assert_date(career_retirement_of(&R, 1, "1970-02-10"), "2032-02-29");
	assert_date(career_retirement_of(&R, 1, "1966-02-28"), "2027-11-30");
	assert_date(career_retirement_of(&R, 2, "1966-08-31"), "2021-12-31");
	assert_date(career_retirement_of(&R, 2, "1966-09-01"), "2022-05-31");
	assert_date(career_retirement_of(&R, 2, "1975-06-30"), "2035-06-30");
	assert_date(career_retirement_of(&R, 2, "1985-12-31"), "2045-12-31");
}

static void test_birth_year_only_is_taken_as_the_first_of_january(void **state)
{
	(void)state;
	assert_date(career_retirement_of(&R, 1, "1970"), "2032-01-31");
	assert_date(career_retirement_of(&R, 1, "1970-00-00"), "2032-01-31");
	assert_date(career_retirement_of(&R, 2, "1970"), "2027-05-31");
	assert_date(career_retirement_of(&R, 2, "1963"), "2018-01-31");
	assert_int_equal(career_retirement_of(&R, 2, "1970-02-30"), CB_DATE_NONE);
	assert_int_equal(career_retirement_of(&R, 3, "1970-01-01"), CB_DATE_NONE);
}

static void test_retirement_ages_by_year(void **state)
{
	(void)state;
	assert_int_equal(career_retire_age(&R, 1, 2020), 720);
	assert_int_equal(career_retire_age(&R, 1, 2021), 723);
	assert_int_equal(career_retire_age(&R, 1, 2027), 741);
	assert_int_equal(career_retire_age(&R, 1, 2028), 744);
	assert_int_equal(career_retire_age(&R, 1, 2040), 744);
	assert_int_equal(career_retire_age(&R, 2, 2021), 664);
	assert_int_equal(career_retire_age(&R, 2, 2034), 716);
	assert_int_equal(career_retire_age(&R, 2, 2035), 720);
}

static void test_term_lasts_five_years_unless_stated_and_stops_at_retirement(void **state)
{
	(void)state;
	assert_date(career_term_end(&R, D("2020-06-01"), CB_DATE_NONE, CB_DATE_NONE), "2025-06-01");
	assert_date(career_term_end(&R, D("2024-02-29"), CB_DATE_NONE, CB_DATE_NONE), "2029-02-28");
	assert_date(career_term_end(&R, D("2020-06-01"), D("2023-06-01"), CB_DATE_NONE),
		    "2023-06-01");
	assert_date(career_term_end(&R, D("2020-06-01"), CB_DATE_NONE, D("2024-12-31")),
		    "2024-12-31");
	assert_int_equal(career_term_end(&R, CB_DATE_NONE, CB_DATE_NONE, CB_DATE_NONE),
			 CB_DATE_NONE);
	R.term_years = 3;
	assert_date(career_term_end(&R, D("2020-06-01"), CB_DATE_NONE, CB_DATE_NONE), "2023-06-01");
}

static void test_next_term_depends_on_years_left_before_retirement(void **state)
{
	cb_date next;
	(void)state;
	assert_int_equal(career_next_term(&R, D("2025-06-01"), D("2035-06-30"), &next),
			 NEXT_REAPPOINT);
	assert_date(next, "2030-06-01");
	assert_int_equal(career_next_term(&R, D("2025-06-01"), D("2030-06-01"), &next),
			 NEXT_TO_RETIREMENT);
	assert_date(next, "2030-06-01");
	assert_int_equal(career_next_term(&R, D("2025-06-01"), D("2029-06-30"), &next),
			 NEXT_TO_RETIREMENT);
	assert_date(next, "2029-06-30");
	assert_int_equal(career_next_term(&R, D("2025-06-01"), D("2027-06-01"), &next),
			 NEXT_TO_RETIREMENT);
	assert_int_equal(career_next_term(&R, D("2025-06-01"), D("2027-05-31"), &next),
			 NEXT_EXTEND);
	assert_date(next, "2027-05-31");
	assert_int_equal(career_next_term(&R, D("2025-06-01"), D("2025-05-31"), &next),
			 NEXT_RETIRE);
	assert_int_equal(next, CB_DATE_NONE);
}

static void test_working_days_skip_weekends_and_configured_holidays(void **state)
{
	(void)state;
	/* no dated holidays: five working days before Monday 23/02/2026 */
	assert_date(career_working_days_before(&R, D("2026-02-23"), 5), "2026-02-16");
	R.holiday_days[0] = D("2026-02-16");
	R.holiday_days[1] = D("2026-02-17");
	R.holiday_days[2] = D("2026-02-18");
	R.holiday_days[3] = D("2026-02-19");
	R.holiday_days[4] = D("2026-02-20");
	R.holiday_days[5] = D("2026-04-27");
	R.holiday_count = 6;
	assert_false(career_is_working_day(&R, D("2026-02-18")));
	assert_false(career_is_working_day(&R, D("2026-02-21"))); /* Saturday */
	assert_false(career_is_working_day(&R, D("2026-04-30"))); /* every year */
	assert_true(career_is_working_day(&R, D("2026-02-23")));
	assert_date(career_working_days_before(&R, D("2026-02-23"), 5), "2026-02-09");
	assert_date(career_working_days_before(&R, D("2026-05-04"), 5), "2026-04-22");
}

static void test_notice_is_ninety_working_days_before_the_term_ends(void **state)
{
	(void)state;
	R.annual_count = 0;
	/* 90 working days are 18 whole weeks */
	assert_date(career_notice_date(&R, D("2026-09-07")), "2026-05-04");
	career_rules_default(&R);
	/* 02/09 inside, and 30/04, 01/05 in the way */
	assert_date(career_notice_date(&R, D("2026-09-07")), "2026-04-29");
	R.notice_working_days = 0;
	assert_date(career_notice_date(&R, D("2026-09-07")), "2026-09-07");
}

static void test_discipline_lapses_twelve_months_after_announcement(void **state)
{
	(void)state;
	assert_date(career_discipline_lapse(&R, DF_PARTY_REPRIMAND, D("2025-03-15")), "2026-03-15");
	assert_date(career_discipline_lapse(&R, DF_ORG_WARNING, D("2024-02-29")), "2025-02-28");
	assert_date(career_discipline_lapse(&R, DF_STATE_DEMOTION, D("2025-01-31")), "2026-01-31");
	R.lapse_months[DISC_PARTY] = 18;
	assert_date(career_discipline_lapse(&R, DF_PARTY_WARNING, D("2025-03-15")), "2026-09-15");
}

static void test_discipline_bars_planning_for_the_configured_months(void **state)
{
	(void)state;
	assert_date(career_discipline_bar_end(&R, DF_PARTY_REPRIMAND, D("2025-03-15")),
		    "2026-03-15");
	assert_date(career_discipline_bar_end(&R, DF_PARTY_WARNING, D("2025-03-15")), "2027-09-15");
	assert_date(career_discipline_bar_end(&R, DF_PARTY_REMOVAL, D("2024-01-31")), "2029-01-31");
	assert_date(career_discipline_bar_end(&R, DF_STATE_REPRIMAND, D("2025-03-15")),
		    "2026-03-15");
	assert_date(career_discipline_bar_end(&R, DF_STATE_DEMOTION, D("2025-03-15")),
		    "2027-03-15");
	assert_int_equal(career_discipline_bar_end(&R, DF_PARTY_EXPULSION, D("2025-03-15")),
			 INT_MAX);
	assert_int_equal(career_discipline_bar_end(&R, DF_ORG_REPRIMAND, D("2025-03-15")),
			 CB_DATE_NONE);
	R.bar_months[DF_PARTY_WARNING] = 24;
	assert_date(career_discipline_bar_end(&R, DF_PARTY_WARNING, D("2025-03-15")), "2027-03-15");
}

static void test_discipline_codes_name_family_and_form(void **state)
{
	int fam = -1;
	(void)state;
	assert_int_equal(disc_form_from_code(DISC_PARTY, "canh-cao"), DF_PARTY_WARNING);
	assert_int_equal(disc_form_from_code(DISC_PARTY, "state:giang-chuc"), DF_STATE_DEMOTION);
	assert_int_equal(disc_form_from_code(DISC_ORG, "khai-tru"), -1);
	assert_int_equal(disc_form_from_code(DISC_PARTY, "nope:canh-cao"), -1);
	assert_true(disc_family_from_code("org", &fam));
	assert_int_equal(fam, DISC_ORG);
	assert_int_equal(disc_form_family(DF_STATE_DISMISSAL), DISC_STATE);
	{
		char buf[64];
		assert_string_equal(disc_form_title(DF_STATE_WARNING, buf, sizeof buf),
				    "Warning (state)");
		assert_string_equal(disc_form_title(DF_PARTY_WARNING, buf, sizeof buf), "Warning");
	}
}

static void test_pool_titles_must_be_higher_than_the_current_post(void **state)
{
	career_title bt_huyen = {2, 1, "h-bt", "Bí thư Huyện ủy"};
	career_title tp_tinh = {1, 7, "t-tp", "Trưởng phòng"};
	(void)state;
	assert_true(career_title_higher(&bt_huyen, 2, 2));  /* deputy secretary */
	assert_false(career_title_higher(&bt_huyen, 2, 1)); /* already secretary */
	assert_false(career_title_higher(&bt_huyen, 1, 8)); /* a province post */
	assert_true(career_title_higher(&bt_huyen, 3, 1));  /* commune secretary */
	assert_true(career_title_higher(&tp_tinh, 2, 1));
}

static void test_pool_gap_counts_people_as_the_target_panel_does(void **state)
{
	(void)state;
	assert_int_equal(career_gap(0, 9, 25), 3); /* 2.25 -> 3 */
	assert_int_equal(career_gap(2, 9, 25), 1);
	assert_int_equal(career_gap(3, 9, 25), 0);
	assert_int_equal(career_gap(1, 20, 15), 2); /* 3 of 20 */
	assert_int_equal(career_gap(0, 0, 25), 0);
}

static void test_shipped_career_ini_holds_the_documented_defaults(void **state)
{
	cfg c;
	career_rules d;
	cb_error err;
	(void)state;
	memset(&c, 0, sizeof c);
	snprintf(c.dir, sizeof c.dir, "%s/config", fixture_source_dir());
	assert_int_equal(career_rules_load(&c, &R, &err), CB_OK);
	career_rules_default(&d);
	assert_memory_equal(R.retire_start, d.retire_start, sizeof d.retire_start);
	assert_memory_equal(R.retire_max, d.retire_max, sizeof d.retire_max);
	assert_memory_equal(R.bar_months, d.bar_months, sizeof d.bar_months);
	assert_memory_equal(R.lapse_months, d.lapse_months, sizeof d.lapse_months);
	assert_int_equal(R.notice_working_days, 90);
	assert_int_equal(R.pool_per_title, 3);
	assert_int_equal(R.annual_count, 4);
	assert_true(R.holiday_count >= 10);
	assert_non_null(career_title_find(&R, "h-bt"));
	assert_string_equal(career_title_find(&R, "h-bt")->name, "Bí thư Huyện ủy");
	assert_false(career_is_working_day(&R, D("2026-02-18")));
}

static void test_career_ini_overrides_and_refuses_bad_values(void **state)
{
	char dir[64];
	cfg c;
	cb_error err;
	(void)state;
	memset(&c, 0, sizeof c);
	assert_non_null(fixture_tmpdir(dir, sizeof dir));
	snprintf(c.dir, sizeof c.dir, "%s", dir);
	assert_int_equal(career_rules_load(&c, &R, &err), CB_OK); /* no file: defaults */
	assert_int_equal(R.term_years, 5);
	assert_int_equal(fixture_write(dir, "career.ini",
				       "[pool]\nper_title = 4\ntitle.x = 3, 1, Bí thư Đảng ủy xã\n"
				       "[discipline]\nbar.party.canh-cao = 24\n"),
			 0);
	assert_int_equal(career_rules_load(&c, &R, &err), CB_OK);
	assert_int_equal(R.pool_per_title, 4);
	assert_int_equal(R.bar_months[DF_PARTY_WARNING], 24);
	assert_int_equal(R.title_count, 1);
	assert_int_equal(fixture_write(dir, "career.ini", "[terms]\nyears = eleven\n"), 0);
	assert_int_equal(career_rules_load(&c, &R, &err), CB_ECONFIG);
	assert_non_null(strstr(err.msg, "terms:years"));
	assert_int_equal(fixture_write(dir, "career.ini", "[discipline]\nbar.party.giai-tan = 3\n"),
			 0);
	assert_int_equal(career_rules_load(&c, &R, &err), CB_ECONFIG);
	assert_non_null(strstr(err.msg, "bar.party.giai-tan"));
	assert_int_equal(fixture_write(dir, "career.ini", "[holidays]\ndates = 2026-02-30\n"), 0);
	assert_int_equal(career_rules_load(&c, &R, &err), CB_ECONFIG);
	assert_int_equal(fixture_write(dir, "career.ini", "[pool]\ntitle.x = 9, 1, Sai\n"), 0);
	assert_int_equal(career_rules_load(&c, &R, &err), CB_ECONFIG);
	fixture_rmtree(dir);
}

/* A mistake in career.ini stops the program at start, before any
 * database is opened, as one in canbo.ini does. */
static void test_bad_career_ini_stops_the_configuration_load(void **state)
{
	char dir[64];
	cfg *c = NULL;
	cb_error err;
	(void)state;
	assert_non_null(fixture_tmpdir(dir, sizeof dir));
	assert_int_equal(fixture_write(dir, "canbo.ini",
				       "[province]\ncode = 80\nname = Tỉnh Tây Ninh\ntiers = 2\n"
				       "[communes]\n27727 = Xã Hưng Điền\n"),
			 0);
	assert_int_equal(config_load_dir(&c, dir, &err), CB_OK);
	config_free(c);
	assert_int_equal(fixture_write(dir, "career.ini", "[pool]\nper_title = 0\n"), 0);
	assert_int_equal(config_load_dir(&c, dir, &err), CB_ECONFIG);
	assert_null(c);
	assert_non_null(strstr(err.msg, "career.ini"));
	assert_non_null(strstr(err.msg, "pool:per_title"));
	fixture_rmtree(dir);
}

#define T(f) cmocka_unit_test_setup(f, defaults)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_retirement_follows_the_roadmap_table_for_every_birth_month_1955_to_1985),
		T(test_retirement_never_comes_earlier_for_a_later_birth),
		T(test_retirement_dates_of_named_birthdays),
		T(test_birth_year_only_is_taken_as_the_first_of_january),
		T(test_retirement_ages_by_year),
		T(test_term_lasts_five_years_unless_stated_and_stops_at_retirement),
		T(test_next_term_depends_on_years_left_before_retirement),
		T(test_working_days_skip_weekends_and_configured_holidays),
		T(test_notice_is_ninety_working_days_before_the_term_ends),
		T(test_discipline_lapses_twelve_months_after_announcement),
		T(test_discipline_bars_planning_for_the_configured_months),
		T(test_discipline_codes_name_family_and_form),
		T(test_pool_titles_must_be_higher_than_the_current_post),
		T(test_pool_gap_counts_people_as_the_target_panel_does),
		T(test_shipped_career_ini_holds_the_documented_defaults),
		T(test_career_ini_overrides_and_refuses_bad_values),
		T(test_bad_career_ini_stops_the_configuration_load),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
