/* test_ui_line.c - the line editor moves and deletes by grapheme cluster:
 * a name typed decomposed (UniKey's "Unicode tổ hợp": e + U+0302 + U+0303
 * for "ễ") is never split between a letter and its marks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "i18n.h"
#include "ui_line.h"
#include "ui_view.h"

/* "Nguyễn Thủy" decomposed: ễ = e U+0302 U+0303, ủ = u U+0309. */
static const wchar_t nfd_name[] = {'N', 'g', 'u', 'y', 'e',    0x0302, 0x0303, 'n',
				   ' ', 'T', 'h', 'u', 0x0309, 'y',    0};

static void type_all(ui_line *l, const wchar_t *s)
{
	for (; *s; s++)
		assert_int_equal(ui_line_key(l, UI_ACT_NONE, (ui_key)*s, NULL), UI_HANDLED);
}

static void act(ui_line *l, int action, int times)
{
	while (times-- > 0)
		ui_line_key(l, action, 0, NULL);
}

static const char *text(const ui_line *l)
{
	static char buf[256];
	ui_line_get(l, buf, sizeof buf);
	return buf;
}

static void test_left_steps_over_a_letter_and_its_marks(void **state)
{
	ui_line l;

	(void)state;
	ui_line_init(&l, 200);
	type_all(&l, nfd_name);
	act(&l, UI_ACT_LEFT, 3); /* y, u+hook, h */
	assert_int_equal(l.cur, 10);
	act(&l, UI_ACT_LINE_START, 1);
	act(&l, UI_ACT_RIGHT, 5); /* N g u y e+marks */
	assert_int_equal(l.cur, 7);
	act(&l, UI_ACT_LEFT, 1);
	assert_int_equal(l.cur, 4); /* before e, never between e and its marks */
	/* typing there goes before the whole letter: the tone stays on e */
	ui_line_key(&l, UI_ACT_NONE, 'x', NULL);
	assert_string_equal(text(&l), "Nguyxe\xCC\x82\xCC\x83n Thu\xCC\x89y");
}

static void test_backspace_and_delete_take_the_whole_letter(void **state)
{
	ui_line l;
	bool changed = false;

	(void)state;
	ui_line_init(&l, 200);
	type_all(&l, nfd_name);
	act(&l, UI_ACT_LEFT, 1);
	ui_line_key(&l, UI_ACT_BACKSPACE, 0, &changed); /* u + hook */
	assert_true(changed);
	assert_string_equal(text(&l), "Nguye\xCC\x82\xCC\x83n Thy");
	act(&l, UI_ACT_LINE_START, 1);
	act(&l, UI_ACT_RIGHT, 4);
	ui_line_key(&l, UI_ACT_DELETE_CHAR, 0, &changed); /* e + two marks */
	assert_string_equal(text(&l), "Nguyn Thy");
	assert_int_equal(l.len, 9);
}

static void test_precomposed_text_moves_a_character_at_a_time(void **state)
{
	ui_line l;

	(void)state;
	ui_line_init(&l, 200);
	assert_true(ui_line_set(&l, "Nguyễn"));
	act(&l, UI_ACT_LEFT, 2);
	assert_int_equal(l.cur, 4);
	ui_line_key(&l, UI_ACT_BACKSPACE, 0, NULL);
	assert_string_equal(text(&l), "Nguễn");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_left_steps_over_a_letter_and_its_marks),
		cmocka_unit_test(test_backspace_and_delete_take_the_whole_letter),
		cmocka_unit_test(test_precomposed_text_moves_a_character_at_a_time),
	};
	i18n_init("en");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
