/* test_i18n.c - a message looked up again after the language changes is
 * in the new language, however often the locale and catalogue are set
 * (the remembered translations are forgotten whenever they may be
 * stale, and only then). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "i18n.h"
#include "model.h"

static void test_language_changes_are_seen(void **state)
{
	(void)state;
	i18n_setlocale();
	i18n_init("vi");
	i18n_init("vi");
	assert_string_equal(_("Out of memory"), "Hết bộ nhớ");
	assert_string_equal(_("Out of memory"), "Hết bộ nhớ"); /* remembered */
	i18n_init("en");
	assert_string_equal(_("Out of memory"), "Out of memory");
	i18n_setlocale();
	i18n_init("vi");
	assert_string_equal(_("Out of memory"), "Hết bộ nhớ");
	i18n_init("en");
	assert_string_equal(_("Out of memory"), "Out of memory");
}

/* A message in a buffer whose text changes is looked up again. */
static void test_a_changed_buffer_is_looked_up_again(void **state)
{
	char msg[32];
	(void)state;
	i18n_init("vi");
	strcpy(msg, "Out of memory");
	assert_string_equal(_(msg), "Hết bộ nhớ");
	strcpy(msg, "Not a message");
	assert_string_equal(_(msg), "Not a message");
	i18n_init("en");
}

/* The grades in the short forms of the party's reports, for lines that
 * count every grade; whole words in English. */
static void test_grades_in_their_short_forms(void **state)
{
	(void)state;
	i18n_setlocale();
	i18n_init("vi");
	assert_string_equal(model_grade_short(1), "HTXSNV");
	assert_string_equal(model_grade_short(2), "HTTNV");
	assert_string_equal(model_grade_short(3), "HTNV");
	assert_string_equal(model_grade_short(4), "KHTNV");
	assert_string_equal(model_grade_short(5), "?");
	i18n_init("en");
	assert_string_equal(model_grade_short(4), "not completed");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_language_changes_are_seen),
		cmocka_unit_test(test_a_changed_buffer_is_looked_up_again),
		cmocka_unit_test(test_grades_in_their_short_forms),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
