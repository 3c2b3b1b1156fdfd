/* test_text_name_fit.c - a name narrowed keeps its surname and given name. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "text.h"

static const char *fit(const char *s, int w, bool ascii)
{
	static char buf[256];
	text_fit_name(s, w, ascii, buf, sizeof buf);
	return buf;
}

static void test_a_name_that_fits_is_unchanged(void **state)
{
	(void)state;
	assert_string_equal(fit("Nguyễn Văn Tuấn", 15, false), "Nguyễn Văn Tuấn");
	assert_string_equal(fit("Nguyễn Văn Tuấn", 40, false), "Nguyễn Văn Tuấn");
}

static void test_middle_names_give_way_first(void **state)
{
	(void)state;
	assert_string_equal(fit("Tôn Nữ Thị Ngọc Hân", 15, false), "Tôn Nữ Thị… Hân");
	assert_string_equal(fit("Tôn Nữ Thị Ngọc Hân", 14, false), "Tôn Nữ… Hân");
	assert_string_equal(fit("Tôn Nữ Thị Ngọc Hân", 12, false), "Tôn Nữ… Hân");
	assert_string_equal(fit("Nguyễn Văn Tuấn", 14, false), "Nguyễn… Tuấn");
	assert_int_equal(text_width(fit("Tôn Nữ Thị Ngọc Hân", 12, false)), 11);
}

static void test_the_surname_is_cut_only_when_nothing_else_fits(void **state)
{
	(void)state;
	assert_string_equal(fit("Nguyễn Văn Tuấn", 9, false), "Ngu… Tuấn");
	assert_true(text_width(fit("Nguyễn Văn Tuấn", 4, false)) <= 4);
}

static void test_ascii_terminals_get_a_tilde(void **state)
{
	(void)state;
	assert_string_equal(fit("Tôn Nữ Thị Ngọc Hân", 12, true), "Ton Nu~ Han");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_name_that_fits_is_unchanged),
		cmocka_unit_test(test_middle_names_give_way_first),
		cmocka_unit_test(test_the_surname_is_cut_only_when_nothing_else_fits),
		cmocka_unit_test(test_ascii_terminals_get_a_tilde),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
