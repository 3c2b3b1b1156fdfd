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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_language_changes_are_seen),
		cmocka_unit_test(test_a_changed_buffer_is_looked_up_again),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
