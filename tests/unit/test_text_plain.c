/* test_text_plain.c - the letters text_width and text_fit measure without
 * asking utf8proc (visible ASCII, U+00C0..U+024F, U+1E00..U+1EFF) are
 * what utf8proc says they are: one column, a grapheme cluster of their
 * own, so that the short cut draws exactly what the long way would; and a
 * combining mark after one still joins it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>
#include <utf8proc.h>

#include "text.h"

static const struct {
	int32_t first, last;
} plain[] = {{0x20, 0x7E}, {0xC0, 0x24F}, {0x1E00, 0x1EFF}};

static void test_plain_letters_are_one_column_and_a_cluster_each(void **state)
{
	(void)state;
	for (size_t r = 0; r < sizeof plain / sizeof plain[0]; r++)
		for (int32_t cp = plain[r].first; cp <= plain[r].last; cp++) {
			const utf8proc_property_t *p = utf8proc_get_property(cp);
			if (p->boundclass != UTF8PROC_BOUNDCLASS_OTHER || text_cp_width(cp) != 1)
				fail_msg("U+%04X: boundary class %d, width %d", (unsigned)cp,
					 p->boundclass, text_cp_width(cp));
			/* no rule joins it to the next letter, nor the previous to it */
			assert_true(utf8proc_grapheme_break(cp, 'a'));
			assert_true(utf8proc_grapheme_break('a', cp));
			assert_true(utf8proc_grapheme_break(cp, 0x1EC5));
		}
}

/* Every plain letter twice, then with a combining acute accent: 2 and 1
 * columns, cut whole. */
static void test_width_and_fit_agree_with_utf8proc(void **state)
{
	(void)state;
	for (size_t r = 0; r < sizeof plain / sizeof plain[0]; r++)
		for (int32_t cp = plain[r].first; cp <= plain[r].last; cp++) {
			utf8proc_uint8_t one[8];
			char s[32], buf[64];
			utf8proc_ssize_t n = utf8proc_encode_char(cp, one);
			memcpy(s, one, (size_t)n);
			memcpy(s + n, one, (size_t)n);
			s[2 * n] = '\0';
			assert_int_equal(text_width(s), 2);
			text_fit(s, 1, false, false, buf, sizeof buf);
			assert_string_equal(buf, "\xE2\x80\xA6"); /* too wide: the ellipsis */
			text_fit(s, 2, false, false, buf, sizeof buf);
			assert_string_equal(buf, s);
			memcpy(s + n, "\xCC\x81", 3); /* U+0301 joins the letter */
			assert_int_equal(text_width(s), 1);
			text_fit(s, 1, false, false, buf, sizeof buf);
			assert_string_equal(buf, s);
		}
}

/* Bytes that only look like the start of a plain letter. */
static void test_cut_sequences_are_not_plain(void **state)
{
	(void)state;
	char buf[16];
	assert_int_equal(text_width("a\xC3"), 2);    /* cut: "?" */
	assert_int_equal(text_width("\xC9\x90"), 1); /* U+0250, not plain: utf8proc */
	assert_int_equal(text_width("\xE1\xB8"), 2); /* cut 3-byte sequence */
	text_fit("\xC3", 3, false, false, buf, sizeof buf);
	assert_string_equal(buf, "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_letters_are_one_column_and_a_cluster_each),
		cmocka_unit_test(test_width_and_fit_agree_with_utf8proc),
		cmocka_unit_test(test_cut_sequences_are_not_plain),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
