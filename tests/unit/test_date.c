/* test_date.c - audit timestamps, stored in UTC, shown in local time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include <cmocka.h>

#include "date.h"

/* Vietnam's zone written the POSIX way (UTC+7, no summer time), so the
 * tests need no time zone database. */
static int vietnam(void **state)
{
	(void)state;
	setenv("TZ", "ICT-7", 1);
	tzset();
	return 0;
}

static void test_utc_evening_is_the_next_morning_in_vietnam(void **state)
{
	char buf[17];
	(void)state;
	assert_true(date_format_utc_local("2025-06-30 20:15:42", buf));
	assert_string_equal(buf, "01/07/2025 03:15");
}

static void test_new_year_crossing_changes_day_month_and_year(void **state)
{
	char buf[17];
	(void)state;
	assert_true(date_format_utc_local("2025-12-31 18:30:00", buf));
	assert_string_equal(buf, "01/01/2026 01:30");
}

static void test_timestamp_without_seconds_is_read(void **state)
{
	char buf[17];
	(void)state;
	assert_true(date_format_utc_local("2024-02-29 09:05", buf));
	assert_string_equal(buf, "29/02/2024 16:05");
}

static void test_malformed_timestamp_leaves_buffer_untouched(void **state)
{
	char buf[17] = "unchanged";
	(void)state;
	assert_false(date_format_utc_local("2025-02-30 10:00:00", buf));
	assert_false(date_format_utc_local("30/06/2025 10:00", buf));
	assert_false(date_format_utc_local("2025-06-30 24:00:00", buf));
	assert_false(date_format_utc_local("", buf));
	assert_false(date_format_utc_local(NULL, buf));
	assert_string_equal(buf, "unchanged");
}

/* February by the Gregorian rule (every 4th year, not every 100th, but
 * every 400th), and the valid days follow it. */
static void test_days_in_month_follow_the_leap_years(void **state)
{
	(void)state;
	assert_int_equal(date_days_in_month(2024, 2), 29);
	assert_int_equal(date_days_in_month(2025, 2), 28);
	assert_int_equal(date_days_in_month(1900, 2), 28);
	assert_int_equal(date_days_in_month(2000, 2), 29);
	assert_int_equal(date_days_in_month(2025, 4), 30);
	assert_int_equal(date_days_in_month(2025, 12), 31);
	assert_true(date_valid_ymd(2000, 2, 29));
	assert_false(date_valid_ymd(1900, 2, 29));
	assert_false(date_valid_ymd(2025, 4, 31));
}

#define T(f) cmocka_unit_test_setup(f, vietnam)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_utc_evening_is_the_next_morning_in_vietnam),
		T(test_new_year_crossing_changes_day_month_and_year),
		T(test_timestamp_without_seconds_is_read),
		T(test_malformed_timestamp_leaves_buffer_untouched),
		T(test_days_in_month_follow_the_leap_years),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
