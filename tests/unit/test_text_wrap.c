/* test_text_wrap.c - breaking text into lines of a width (text_wrap_line,
 * which every wrapped text of the screens uses): Vietnamese measured in
 * columns, not bytes, NFC and NFD alike; a word wider than the line
 * broken between letters, never between a letter and its marks; newlines,
 * spaces, wide characters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "text.h"

#define MAX_LINES 16

/* Every line of s wrapped to width, each as a string, joined by "|". */
static const char *wrap_all(const char *s, int width)
{
	static char out[1024];
	const char *p = s, *line;
	size_t len, n = 0;
	int lines = 0;

	out[0] = '\0';
	do {
		const char *next = text_wrap_line(p, width, &line, &len);
		assert_true(next > p || !*p); /* every call moves on */
		assert_true(n + len + 2 < sizeof out);
		if (lines++)
			out[n++] = '|';
		memcpy(out + n, line, len);
		n += len;
		out[n] = '\0';
		p = next;
	} while (*p && lines < MAX_LINES);
	assert_true(lines < MAX_LINES);
	return out;
}

static void test_vietnamese_breaks_by_columns_not_bytes(void **state)
{
	(void)state;
	/* "Nguyễn Thị" is 10 columns but 14 bytes */
	assert_string_equal(wrap_all("Nguyễn Thị Hồng Nhung được bổ nhiệm", 10),
			    "Nguyễn Thị|Hồng Nhung|được bổ|nhiệm");
	assert_string_equal(wrap_all("Nguyễn Thị Hồng Nhung được bổ nhiệm", 11),
			    "Nguyễn Thị|Hồng Nhung|được bổ|nhiệm");
	assert_string_equal(wrap_all("Nguyễn Thị Hồng Nhung được bổ nhiệm", 9),
			    "Nguyễn|Thị Hồng|Nhung|được bổ|nhiệm");
	assert_string_equal(wrap_all("Chi bộ ấp 1", 40), "Chi bộ ấp 1");
}

static void test_decomposed_marks_count_nothing(void **state)
{
	(void)state;
	/* NFD: "ễ" is e + U+0302 + U+0303, "ị" is i + U+0323 */
	assert_string_equal(wrap_all("Nguye\xCC\x82\xCC\x83n Thi\xCC\xA3 Ho\xCC\x82\xCC\x80ng", 10),
			    "Nguye\xCC\x82\xCC\x83n Thi\xCC\xA3|Ho\xCC\x82\xCC\x80ng");
}

static void test_word_wider_than_the_line_is_broken_between_letters(void **state)
{
	(void)state;
	assert_string_equal(wrap_all("abcdefghijklmnopqrst", 8), "abcdefgh|ijklmnop|qrst");
	assert_string_equal(wrap_all("ở xãNghiêmXuyênĐông nhé", 6), "ở|xãNghi|êmXuyê|nĐông|nhé");
	/* NFD: the break after "Nghie" keeps its circumflex with it */
	assert_string_equal(wrap_all("Nghie\xCC\x82mnghie\xCC\x82m", 5),
			    "Nghie\xCC\x82|mnghi|e\xCC\x82m");
	/* a path in a message: nothing of it is lost */
	assert_string_equal(wrap_all("Saved to /var/lib/canbo/exports/x.xlsx.", 12),
			    "Saved to|/var/lib/can|bo/exports/x|.xlsx.");
}

static void test_wide_characters_and_tiny_widths_still_move_on(void **state)
{
	(void)state;
	assert_string_equal(wrap_all("中文字", 3), "中|文|字");
	assert_string_equal(wrap_all("中文字", 1), "中|文|字"); /* one a line, wider or not */
	assert_string_equal(wrap_all("ab", 0), "a|b");
}

static void test_newlines_and_spaces(void **state)
{
	(void)state;
	assert_string_equal(wrap_all("a\n\nb", 10), "a||b");
	assert_string_equal(wrap_all("  leading and trailing  ", 40), "leading and trailing");
	assert_string_equal(wrap_all("two  spaces kept", 40), "two  spaces kept");
	/* a line ended by the width needs no second end at its newline */
	assert_string_equal(wrap_all("abcde  \nfgh", 5), "abcde|fgh");
	assert_string_equal(wrap_all("abcde\nfgh", 5), "abcde|fgh");
	assert_string_equal(wrap_all("abc def\n", 5), "abc|def");
	assert_string_equal(wrap_all("", 5), "");
}

static void test_end_of_text(void **state)
{
	const char *s = "một hai", *line;
	size_t len;

	(void)state;
	const char *next = text_wrap_line(s, 20, &line, &len);
	assert_ptr_equal(line, s);
	assert_int_equal(len, strlen(s));
	assert_ptr_equal(next, s + strlen(s));
	next = text_wrap_line(NULL, 20, &line, &len);
	assert_int_equal(len, 0);
	assert_int_equal(*next, '\0');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vietnamese_breaks_by_columns_not_bytes),
		cmocka_unit_test(test_decomposed_marks_count_nothing),
		cmocka_unit_test(test_word_wider_than_the_line_is_broken_between_letters),
		cmocka_unit_test(test_wide_characters_and_tiny_widths_still_move_on),
		cmocka_unit_test(test_newlines_and_spaces),
		cmocka_unit_test(test_end_of_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
