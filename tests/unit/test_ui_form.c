/* test_ui_form.c - form validation, wide-character typing, length limits
 * and drafts of the form widget. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "i18n.h"
#include "ui_form.h"
#include "ui_view.h"

static const ui_choice genders[] = {{1, "Nam"}, {2, "Nữ"}};

enum { F_NAME, F_BIRTH, F_GENDER, F_YEAR, F_MANAGED, F_NOTES, F_N };

static const ui_field_def defs[F_N] = {
	{.label = "Full name", .kind = UI_FIELD_TEXT, .required = true, .max_bytes = 20},
	{.label = "Date of birth", .kind = UI_FIELD_DATE, .required = true},
	{.label = "Sex",
	 .kind = UI_FIELD_CHOICE,
	 .required = true,
	 .choices = genders,
	 .nchoices = 2},
	{.label = "Rating year", .kind = UI_FIELD_NUMBER, .min = 1945, .max = 2100},
	{.label = "Head of unit", .kind = UI_FIELD_BOOL},
	{.label = "Notes", .kind = UI_FIELD_TEXT, .max_bytes = 200},
};

static ui_form *filled(void)
{
	ui_form *f = ui_form_new(defs, F_N);
	assert_non_null(f);
	assert_int_equal(ui_form_set_text(f, F_NAME, "Đặng Thị Ánh"), CB_OK);
	assert_int_equal(ui_form_set_text(f, F_BIRTH, "29/02/1976"), CB_OK);
	ui_form_set_value(f, F_GENDER, 2);
	ui_form_set_value(f, F_YEAR, 2024);
	return f;
}

static int setup(void **state)
{
	(void)state;
	i18n_init("en");
	return 0;
}

static void test_valid_form_passes(void **state)
{
	ui_form *f = filled();
	cb_error err = {0};
	(void)state;
	assert_int_equal(ui_form_validate(f, &err), CB_OK);
	assert_int_equal(ui_form_date(f, F_BIRTH), date_from_ymd(1976, 2, 29));
	ui_form_free(f);
}

static void test_thirty_first_of_february_is_refused_naming_the_field(void **state)
{
	ui_form *f = filled();
	cb_error err = {0};
	(void)state;
	ui_form_set_text(f, F_BIRTH, "31/02/1980");
	assert_int_equal(ui_form_validate(f, &err), CB_EINVALID);
	assert_non_null(strstr(err.msg, "Date of birth"));
	assert_non_null(strstr(err.msg, "31/02/1980"));
	assert_int_equal(ui_form_focus(f), F_BIRTH);
	assert_int_equal(ui_form_date(f, F_BIRTH), CB_DATE_NONE);
	ui_form_free(f);
}

static void test_leap_day_of_a_common_year_is_refused(void **state)
{
	ui_form *f = filled();
	cb_error err = {0};
	(void)state;
	ui_form_set_text(f, F_BIRTH, "29/02/1975");
	assert_int_equal(ui_form_validate(f, &err), CB_EINVALID);
	ui_form_free(f);
}

static void test_empty_required_text_is_refused(void **state)
{
	ui_form *f = filled();
	cb_error err = {0};
	(void)state;
	ui_form_set_text(f, F_NAME, "   ");
	assert_int_equal(ui_form_validate(f, &err), CB_EINVALID);
	assert_non_null(strstr(err.msg, "Full name"));
	assert_int_equal(ui_form_focus(f), F_NAME);
	ui_form_free(f);
}

static void test_required_choice_must_be_made(void **state)
{
	ui_form *f = filled();
	cb_error err = {0};
	(void)state;
	ui_form_set_value(f, F_GENDER, -1);
	assert_int_equal(ui_form_validate(f, &err), CB_EINVALID);
	assert_int_equal(ui_form_focus(f), F_GENDER);
	ui_form_free(f);
}

static void test_number_out_of_range_is_refused(void **state)
{
	ui_form *f = filled();
	cb_error err = {0};
	(void)state;
	ui_form_set_text(f, F_YEAR, "1900");
	assert_int_equal(ui_form_validate(f, &err), CB_EINVALID);
	assert_non_null(strstr(err.msg, "1945"));
	ui_form_free(f);
}

static void test_empty_optional_fields_pass(void **state)
{
	ui_form *f = filled();
	cb_error err = {0};
	(void)state;
	ui_form_set_text(f, F_YEAR, "");
	ui_form_set_text(f, F_NOTES, "");
	assert_int_equal(ui_form_validate(f, &err), CB_OK);
	ui_form_free(f);
}

static void test_vietnamese_typed_key_by_key_is_kept(void **state)
{
	ui_form *f = ui_form_new(defs, F_N);
	static const int keys[] = {0x110 /* Đ */, 0x1EB7 /* ặ */, 'n', 'g'};
	(void)state;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		assert_int_equal(ui_form_key(f, ui_keys_action(UI_CTX_FORM, keys[i]), keys[i]),
				 UI_HANDLED);
	assert_string_equal(ui_form_text(f, F_NAME), "Đặng");
	ui_form_key(f, UI_ACT_BACKSPACE, UI_FKEY(KEY_BACKSPACE));
	ui_form_key(f, UI_ACT_BACKSPACE, UI_FKEY(KEY_BACKSPACE));
	assert_string_equal(ui_form_text(f, F_NAME), "Đặ");
	ui_form_free(f);
}

static void test_typing_past_the_limit_is_refused_not_cut(void **state)
{
	ui_form *f = ui_form_new(defs, F_N);
	(void)state;
	/* 20 bytes: "Nguyễn " is 9 bytes (ễ takes 3) */
	assert_int_equal(ui_form_set_text(f, F_NAME, "Nguyễn Nguyễn Nguyễn"), CB_EINVALID);
	assert_int_equal(ui_form_set_text(f, F_NAME, "Nguyễn Nguyễn "), CB_OK);
	ui_form_key(f, UI_ACT_LINE_END, UI_FKEY(KEY_END));
	ui_form_key(f, UI_ACT_NONE, 'N');
	ui_form_key(f, UI_ACT_NONE, 0x1EC5); /* ễ: 3 bytes, would pass 20 */
	ui_form_key(f, UI_ACT_NONE, 'g');
	ui_form_key(f, UI_ACT_NONE, 'u');
	assert_string_equal(ui_form_text(f, F_NAME), "Nguyễn Nguyễn Ng");
	ui_form_free(f);
}

static void test_date_field_takes_only_date_characters(void **state)
{
	ui_form *f = ui_form_new(defs, F_N);
	(void)state;
	ui_form_set_focus(f, F_BIRTH);
	const char *typed = "3x1/0a2/19b80";
	for (const char *p = typed; *p; p++)
		ui_form_key(f, UI_ACT_NONE, *p);
	assert_string_equal(ui_form_text(f, F_BIRTH), "31/02/1980");
	ui_form_free(f);
}

/* PgDn and PgUp move a page of fields (as many as the form shows, less
 * one), and stop at the last and the first instead of going round as
 * Tab does. */
static void test_pages_of_fields_stop_at_the_ends(void **state)
{
	ui_form *f = filled();
	(void)state;

	ui_form_set_rect(f, (ui_rect){0, 0, 5, 60}); /* three fields shown */
	assert_int_equal(
		ui_form_key(f, ui_keys_action(UI_CTX_FORM, UI_FKEY(KEY_NPAGE)), UI_FKEY(KEY_NPAGE)),
		UI_HANDLED);
	assert_int_equal(ui_form_focus(f), 2);
	ui_form_key(f, UI_ACT_PGDN, UI_FKEY(KEY_NPAGE));
	assert_int_equal(ui_form_focus(f), 4);
	ui_form_key(f, UI_ACT_PGDN, UI_FKEY(KEY_NPAGE));
	ui_form_key(f, UI_ACT_PGDN, UI_FKEY(KEY_NPAGE));
	assert_int_equal(ui_form_focus(f), F_N - 1);
	ui_form_key(f, UI_ACT_PGUP, UI_FKEY(KEY_PPAGE));
	assert_int_equal(ui_form_focus(f), F_N - 3);
	ui_form_key(f, UI_ACT_PGUP, UI_FKEY(KEY_PPAGE));
	ui_form_key(f, UI_ACT_PGUP, UI_FKEY(KEY_PPAGE));
	assert_int_equal(ui_form_focus(f), 0);
	ui_form_free(f);
}

static void test_choice_cycles_with_left_and_right(void **state)
{
	ui_form *f = filled();
	(void)state;
	ui_form_set_focus(f, F_GENDER);
	ui_form_key(f, UI_ACT_RIGHT, UI_FKEY(KEY_RIGHT));
	assert_int_equal(ui_form_value(f, F_GENDER), 1);
	ui_form_key(f, UI_ACT_LEFT, UI_FKEY(KEY_LEFT));
	assert_int_equal(ui_form_value(f, F_GENDER), 2);
	ui_form_free(f);
}

static void test_space_switches_a_yes_no_field(void **state)
{
	ui_form *f = filled();
	(void)state;
	ui_form_set_focus(f, F_MANAGED);
	ui_form_key(f, ui_keys_action(UI_CTX_FORM, ' '), ' ');
	assert_int_equal(ui_form_value(f, F_MANAGED), 1);
	ui_form_free(f);
}

static void test_changes_are_noticed_after_mark_clean(void **state)
{
	ui_form *f = filled();
	(void)state;
	ui_form_mark_clean(f);
	assert_false(ui_form_changed(f));
	ui_form_set_text(f, F_NOTES, "Đã học cao cấp");
	assert_true(ui_form_changed(f));
	ui_form_set_text(f, F_NOTES, "");
	assert_false(ui_form_changed(f));
	ui_form_free(f);
}

static void test_draft_round_trip_keeps_every_value(void **state)
{
	ui_form *f = filled(), *g = ui_form_new(defs, F_N);
	char *dump;
	(void)state;
	ui_form_set_text(f, F_NOTES, "Ghi chú \\ có gạch chéo");
	ui_form_set_value(f, F_MANAGED, 1);
	dump = ui_form_dump(f);
	assert_non_null(dump);
	ui_form_load(g, dump);
	assert_string_equal(ui_form_text(g, F_NAME), "Đặng Thị Ánh");
	assert_string_equal(ui_form_text(g, F_BIRTH), "29/02/1976");
	assert_string_equal(ui_form_text(g, F_NOTES), "Ghi chú \\ có gạch chéo");
	assert_int_equal(ui_form_value(g, F_GENDER), 2);
	assert_int_equal(ui_form_value(g, F_YEAR), 2024);
	assert_int_equal(ui_form_value(g, F_MANAGED), 1);
	free(dump);
	ui_form_free(f);
	ui_form_free(g);
}

static void test_draft_with_unknown_lines_loads_the_rest(void **state)
{
	ui_form *g = ui_form_new(defs, F_N);
	(void)state;
	ui_form_load(g, "garbage\n99=x\n0=Lê Văn Tám\n-1=y\n");
	assert_string_equal(ui_form_text(g, F_NAME), "Lê Văn Tám");
	ui_form_free(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_form_passes),
		cmocka_unit_test(test_thirty_first_of_february_is_refused_naming_the_field),
		cmocka_unit_test(test_leap_day_of_a_common_year_is_refused),
		cmocka_unit_test(test_empty_required_text_is_refused),
		cmocka_unit_test(test_required_choice_must_be_made),
		cmocka_unit_test(test_number_out_of_range_is_refused),
		cmocka_unit_test(test_empty_optional_fields_pass),
		cmocka_unit_test(test_vietnamese_typed_key_by_key_is_kept),
		cmocka_unit_test(test_typing_past_the_limit_is_refused_not_cut),
		cmocka_unit_test(test_date_field_takes_only_date_characters),
		cmocka_unit_test(test_choice_cycles_with_left_and_right),
		cmocka_unit_test(test_space_switches_a_yes_no_field),
		cmocka_unit_test(test_pages_of_fields_stop_at_the_ends),
		cmocka_unit_test(test_changes_are_noticed_after_mark_clean),
		cmocka_unit_test(test_draft_round_trip_keeps_every_value),
		cmocka_unit_test(test_draft_with_unknown_lines_loads_the_rest),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
