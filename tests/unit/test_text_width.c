/* test_text_width.c - terminal columns and fitting text into a column:
 * aligned columns with every Vietnamese letter, NFD input never split,
 * wide characters, the ASCII fallback. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fixture.h"
#include "text.h"

#define TUYET	  "Nguyễn Thị Ánh Tuyết"
#define TUYET_NFD "Nguye\xCC\x82\xCC\x83n Thi\xCC\xA3 A\xCC\x81nh Tuye\xCC\x82\xCC\x81t"

static void test_width_counts_letters_not_bytes(void **state)
{
	(void)state;
	assert_int_equal(text_width(TUYET), 20);
	assert_int_equal(text_width(TUYET_NFD), 20);
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width("ĐẶNG"), 4);
}

static void test_width_of_wide_and_invalid(void **state)
{
	(void)state;
	assert_int_equal(text_width("中文"), 4);
	assert_int_equal(text_width("Lý 李"), 5);
	assert_int_equal(text_width("a\xFF"
				    "b"),
			 3);
	assert_int_equal(text_width("a\x01"), 2);
}

static void expect_fit(const char *s, int width, bool pad, bool ascii, const char *want)
{
	char buf[128];
	size_t n = text_fit(s, width, pad, ascii, buf, sizeof buf);

	assert_int_equal(n, strlen(buf));
	if (strcmp(buf, want) != 0)
		fail_msg("fit(%s, %d) = \"%s\", expected \"%s\"", s, width, buf, want);
}

static void test_fit_cuts_name_with_ellipsis(void **state)
{
	(void)state;
	expect_fit(TUYET, 20, true, false, TUYET);
	expect_fit(TUYET, 25, true, false, TUYET "     ");
	expect_fit(TUYET, 25, false, false, TUYET);
	expect_fit(TUYET, 19, true, false, "Nguyễn Thị Ánh Tuy…");
	expect_fit(TUYET, 13, true, false, "Nguyễn Thị Á…");
	expect_fit(TUYET, 10, true, false, "Nguyễn Th…");
	expect_fit(TUYET, 7, true, false, "Nguyễn…");
	expect_fit(TUYET, 2, true, false, "N…");
	expect_fit(TUYET, 1, true, false, "…");
	expect_fit(TUYET, 0, true, false, "");
}

static void test_fit_drops_space_before_ellipsis(void **state)
{
	(void)state;
	/* "Nguyễn Thị " fits 11 columns; the space before the cut goes */
	expect_fit(TUYET, 12, true, false, "Nguyễn Thị… ");
	expect_fit(TUYET, 12, false, false, "Nguyễn Thị…");
}

static void test_fit_every_width_fills_exactly(void **state)
{
	char buf[128];

	(void)state;
	for (int w = 1; w <= 30; w++) {
		text_fit(TUYET, w, true, false, buf, sizeof buf);
		assert_int_equal(text_width(buf), w);
		text_fit(TUYET_NFD, w, true, false, buf, sizeof buf);
		assert_int_equal(text_width(buf), w);
		text_fit(TUYET, w, true, true, buf, sizeof buf);
		assert_int_equal(text_width(buf), w);
		assert_int_equal(strlen(buf), (size_t)w);
	}
}

static void test_fit_never_splits_combining_sequence(void **state)
{
	char buf[128];

	(void)state;
	/* NFD "Nguyễn": the e keeps both of its marks or goes whole */
	expect_fit(TUYET_NFD, 6, true, false, "Nguye\xCC\x82\xCC\x83…");
	expect_fit(TUYET_NFD, 5, true, false, "Nguy…");
	for (int w = 1; w <= 20; w++) {
		text_fit(TUYET_NFD, w, false, false, buf, sizeof buf);
		size_t n = strlen(buf);
		/* never ends in a letter that lost its marks: a cut 'e' of
		 * Nguyễn would be followed by the ellipsis, not by U+0302 */
		const char *e = strstr(buf, "Nguye");
		if (e && e[5] != '\0')
			assert_memory_equal(e + 5, "\xCC\x82\xCC\x83", 4);
		assert_true(n == 0 || (unsigned char)buf[n - 1] != 0xCC);
	}
}

static void test_fit_wide_characters(void **state)
{
	(void)state;
	expect_fit("中文名字", 8, true, false, "中文名字");
	expect_fit("中文名字", 5, true, false, "中文…");
	/* the second character does not fit in half: pad instead */
	expect_fit("中文名字", 4, true, false, "中… ");
	expect_fit("中文名字", 4, false, false, "中…");
	expect_fit("中文名字", 1, true, false, "…");
}

static void test_fit_ascii_folds_first(void **state)
{
	(void)state;
	expect_fit(TUYET, 20, true, true, "Nguyen Thi Anh Tuyet");
	expect_fit(TUYET, 10, true, true, "Nguyen Th~");
	expect_fit("Đặng", 6, true, true, "Dang  ");
	expect_fit("中文", 4, true, true, "??  ");
}

static void test_fit_shows_bad_bytes_as_question_marks(void **state)
{
	(void)state;
	expect_fit("Lê\x01Văn", 6, true, false, "Lê?Văn");
	expect_fit("a\xFF"
		   "b",
		   3, true, false, "a?b");
}

static void test_fit_respects_small_buffer(void **state)
{
	char buf[8];
	size_t n = text_fit(TUYET, 20, true, false, buf, sizeof buf);

	(void)state;
	assert_true(n < sizeof buf);
	assert_int_equal(n, strlen(buf));
	/* cut at a letter boundary, with the ellipsis */
	assert_string_equal(buf, "Nguy…");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width_counts_letters_not_bytes),
		cmocka_unit_test(test_width_of_wide_and_invalid),
		cmocka_unit_test(test_fit_cuts_name_with_ellipsis),
		cmocka_unit_test(test_fit_drops_space_before_ellipsis),
		cmocka_unit_test(test_fit_every_width_fills_exactly),
		cmocka_unit_test(test_fit_never_splits_combining_sequence),
		cmocka_unit_test(test_fit_wide_characters),
		cmocka_unit_test(test_fit_ascii_folds_first),
		cmocka_unit_test(test_fit_shows_bad_bytes_as_question_marks),
		cmocka_unit_test(test_fit_respects_small_buffer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
