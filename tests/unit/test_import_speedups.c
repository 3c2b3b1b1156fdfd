/* test_import_speedups.c - the shortcuts a large import takes give the
 * answers of the long way: remembered translations follow the language
 * and a buffer's text, text normalisation reads runs of ASCII at once yet
 * refuses the same characters at the same positions, and the JSON writer
 * copies plain runs at once yet escapes what it must. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "i18n.h"
#include "text.h"
#include "../../src/core/store_internal.h"

static void test_remembered_translations_follow_the_language(void **state)
{
	(void)state;
	i18n_init("vi");
	assert_string_equal(_("Full name"), "Họ và tên");
	assert_string_equal(_("Full name"), "Họ và tên");
	i18n_init("en");
	assert_string_equal(_("Full name"), "Full name");
	i18n_init("vi");
	assert_string_equal(_("Full name"), "Họ và tên");
	i18n_init("en");
}

static void test_a_buffer_whose_text_changed_is_translated_again(void **state)
{
	char buf[32];
	(void)state;
	i18n_init("vi");
	strcpy(buf, "Full name");
	assert_string_equal(_(buf), "Họ và tên");
	strcpy(buf, "Gender");
	assert_string_equal(_(buf), "Giới tính");
	strcpy(buf, "no such message");
	assert_string_equal(_(buf), "no such message");
	i18n_init("en");
}

static void expect_refused(const char *in, const char *part)
{
	char *out = NULL;
	cb_error err = {0};
	assert_int_equal(text_normalize(in, strlen(in), false, &out, &err), CB_EINVALID);
	assert_null(out);
	if (!strstr(err.msg, part))
		fail_msg("\"%s\" does not say \"%s\"", err.msg, part);
}

static void expect_normal(const char *in, const char *want)
{
	char *out = NULL;
	cb_error err = {0};
	assert_int_equal(text_normalize(in, strlen(in), false, &out, &err), CB_OK);
	assert_string_equal(out, want);
	free(out);
}

static void test_ascii_runs_are_normalised_and_checked_as_before(void **state)
{
	(void)state;
	i18n_init("en");
	expect_normal("  Nguyen   Van  An ", "Nguyen Van An");
	expect_normal("Tran\xC2\xA0Thi Be", "Tran Thi Be");
	expect_normal("Le Van-Tam (B)", "Le Van-Tam (B)");
	expect_refused("abc\x01"
		       "def",
		       "U+0001 (character 4)");
	expect_refused("Nguyen\tVan", "tab (character 7)");
	expect_refused("Trần Văn\x7f", "U+007F (character 9)");
	expect_refused("Trần Văn\nAn", "line break (character 9)");
	expect_refused("ab\xE2\x80\x8B"
		       "cd",
		       "U+200B (character 3)");
}

static void test_json_strings_escape_what_they_must(void **state)
{
	store_json b;
	char *json;
	(void)state;
	store_json_begin(&b);
	store_json_str(&b, "a", "say \"hi\" \\ now\nthen\x01 Trần");
	store_json_str(&b, "b", "");
	store_json_str(&b, "c", "\"");
	json = store_json_end(&b);
	assert_string_equal(json, "{\"a\":\"say \\\"hi\\\" \\\\ now\\nthen\\u0001 Trần\","
				  "\"b\":\"\",\"c\":\"\\\"\"}");
	free(json);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_remembered_translations_follow_the_language),
		cmocka_unit_test(test_a_buffer_whose_text_changed_is_translated_again),
		cmocka_unit_test(test_ascii_runs_are_normalised_and_checked_as_before),
		cmocka_unit_test(test_json_strings_escape_what_they_must),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
