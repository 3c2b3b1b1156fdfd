/* test_ui_keys.c - the one key table: every action bound has a help text
 * and a bar label, no key is bound twice in one context, and lookups walk
 * up the contexts the way the screens expect. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>

#include <cmocka.h>

#include "i18n.h"
#include "ui_keys.h"

static void test_every_bound_action_has_help_and_label(void **state)
{
	size_t n;
	const ui_binding *t = ui_keys_table(&n);
	(void)state;
	assert_true(n > 0);
	for (size_t i = 0; i < n; i++) {
		assert_true(t[i].action > UI_ACT_NONE && t[i].action < UI_ACT_COUNT);
		assert_true(strlen(ui_action_help(t[i].action)) > 0);
		assert_true(strlen(ui_action_label(t[i].action)) > 0);
		assert_true(t[i].label && strlen(t[i].label) > 0);
	}
}

static void test_no_key_bound_twice_in_one_context(void **state)
{
	size_t n;
	const ui_binding *t = ui_keys_table(&n);
	(void)state;
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (t[i].ctx == t[j].ctx && t[i].key == t[j].key)
				fail_msg("key %s bound twice in context %d", t[i].label, t[i].ctx);
}

/* Every action a user needs somewhere has at least one key. */
static void test_every_action_has_a_key(void **state)
{
	size_t n;
	const ui_binding *t = ui_keys_table(&n);
	(void)state;
	for (int a = UI_ACT_NONE + 1; a < UI_ACT_COUNT; a++) {
		bool found = false;
		for (size_t i = 0; i < n && !found; i++)
			found = t[i].action == a;
		if (!found)
			fail_msg("action %d (%s) has no key", a, ui_action_help(a));
	}
}

static void test_every_context_reaches_help_and_back(void **state)
{
	(void)state;
	for (int c = 0; c < UI_CTX_COUNT; c++) {
		if (c == UI_CTX_CONFIRM || c == UI_CTX_MESSAGE)
			continue; /* dialogs answer, they do not go back */
		assert_int_equal(ui_keys_action(c, UI_FKEY(KEY_F(1))), UI_ACT_HELP);
		if (c == UI_CTX_MENU) {
			/* Esc never quits: on the main menu it stays */
			assert_int_equal(ui_keys_action(c, UI_KEY_ESC), UI_ACT_STAY);
			continue;
		}
		int esc = ui_keys_action(c, UI_KEY_ESC);
		assert_true(esc == UI_ACT_BACK || esc == UI_ACT_CANCEL);
	}
}

static void test_child_context_inherits_navigation(void **state)
{
	(void)state;
	assert_int_equal(ui_keys_action(UI_CTX_RECORD, 'j'), UI_ACT_DOWN);
	assert_int_equal(ui_keys_action(UI_CTX_CADRES, UI_FKEY(KEY_DOWN)), UI_ACT_DOWN);
	assert_int_equal(ui_keys_action(UI_CTX_PLANS, UI_FKEY(KEY_END)), UI_ACT_END);
	assert_int_equal(ui_keys_action(UI_CTX_CADRES, '/'), UI_ACT_SEARCH);
}

static void test_typed_letters_stay_text_in_a_form(void **state)
{
	(void)state;
	/* q means back in a record, but in a form it types a q */
	assert_int_equal(ui_keys_action(UI_CTX_RECORD, 'q'), UI_ACT_BACK);
	assert_int_equal(ui_keys_action(UI_CTX_FORM, 'q'), UI_ACT_NONE);
	assert_int_equal(ui_keys_action(UI_CTX_SEARCH, '?'), UI_ACT_NONE);
	assert_int_equal(ui_keys_action(UI_CTX_SEARCH, 0x1EC5 /* ễ */), UI_ACT_NONE);
	assert_int_equal(ui_keys_action(UI_CTX_FORM, UI_FKEY(KEY_F(2))), UI_ACT_SAVE);
	assert_int_equal(ui_keys_action(UI_CTX_FORM, UI_FKEY(KEY_F(10))), UI_ACT_QUIT);
}

static void test_function_keys_do_not_collide_with_vietnamese_letters(void **state)
{
	(void)state;
	/* KEY_DOWN is 0402 and so is U+0102 'Ă' */
	assert_int_not_equal(UI_FKEY(KEY_DOWN), 0x0102);
	assert_true(ui_key_is_text(0x0102));
	assert_false(ui_key_is_text(UI_FKEY(KEY_DOWN)));
	assert_int_equal(ui_keys_action(UI_CTX_CADRES, 0x0102), UI_ACT_NONE);
}

static void test_menu_q_quits_where_lists_go_back(void **state)
{
	(void)state;
	assert_int_equal(ui_keys_action(UI_CTX_MENU, 'q'), UI_ACT_QUIT);
	assert_int_equal(ui_keys_action(UI_CTX_RECORD, 'q'), UI_ACT_BACK);
}

/* In a list whose job is finding, every letter, digit and Vietnamese
 * letter is text for the search: none is a command, so typing a name can
 * never open, edit, delete or carry anything. */
static void test_typed_names_are_never_commands_in_finding_lists(void **state)
{
	static const int lists[] = {UI_CTX_CADRES,    UI_CTX_ORGS, UI_CTX_PLANS,
				    UI_CTX_SELFCHECK, UI_CTX_PICK, UI_CTX_SEARCH};
	static const int letters[] = {
		0x0102 /* Ă */, 0x0111 /* đ */, 0x1EC5 /* ễ */, ' ', '-', '\''};
	(void)state;
	for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++) {
		for (int c = 'a'; c <= 'z'; c++) {
			assert_int_equal(ui_keys_action(lists[l], c), UI_ACT_NONE);
			assert_int_equal(ui_keys_action(lists[l], c - 'a' + 'A'), UI_ACT_NONE);
		}
		for (int c = '0'; c <= '9'; c++)
			assert_int_equal(ui_keys_action(lists[l], c), UI_ACT_NONE);
		for (size_t i = 0; i < sizeof letters / sizeof letters[0]; i++)
			assert_int_equal(ui_keys_action(lists[l], letters[i]), UI_ACT_NONE);
	}
}

/* The same action has the same key on every screen that offers it. */
static void test_one_key_per_action_across_screens(void **state)
{
	static const struct {
		int action;
		ui_key key;
	} same[] = {
		{UI_ACT_NEW, UI_FKEY(KEY_IC)},
		{UI_ACT_DELETE, UI_FKEY(KEY_DC)},
		{UI_ACT_EDIT, UI_FKEY(KEY_F(4))},
		{UI_ACT_SCOPE, UI_FKEY(KEY_F(7))},
		{UI_ACT_SUMMARY, UI_FKEY(KEY_F(6))},
		{UI_ACT_RATE, UI_CTRL('r')},
		{UI_ACT_YEAR_PREV, '['},
		{UI_ACT_YEAR_NEXT, ']'},
	};
	size_t n;
	const ui_binding *t = ui_keys_table(&n);
	(void)state;
	for (size_t s = 0; s < sizeof same / sizeof same[0]; s++)
		for (int c = 0; c < UI_CTX_COUNT; c++) {
			bool offered = false;
			for (size_t i = 0; i < n; i++)
				offered |= t[i].ctx == c && t[i].action == same[s].action;
			if (offered && ui_keys_action(c, same[s].key) != same[s].action)
				fail_msg("%s: action %d is not on its usual key",
					 ui_context_name(c), same[s].action);
		}
}

/* A question is never answered yes by a letter. */
static void test_no_letter_answers_yes(void **state)
{
	(void)state;
	for (int c = 0x20; c < 0x7f; c++) {
		int a = ui_keys_action(UI_CTX_CONFIRM, c);
		assert_true(a == UI_ACT_NONE || a == UI_ACT_NO);
	}
	assert_int_equal(ui_keys_action(UI_CTX_CONFIRM, UI_KEY_ESC), UI_ACT_NO);
}

static void test_help_text_is_translated_to_vietnamese(void **state)
{
	(void)state;
	i18n_init("vi");
	assert_string_not_equal(ui_action_help(UI_ACT_SEARCH),
				"Search by name as you type (without diacritics too)");
	i18n_init("en");
	assert_string_equal(ui_action_help(UI_ACT_SEARCH),
			    "Search by name as you type (without diacritics too)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_bound_action_has_help_and_label),
		cmocka_unit_test(test_no_key_bound_twice_in_one_context),
		cmocka_unit_test(test_every_action_has_a_key),
		cmocka_unit_test(test_every_context_reaches_help_and_back),
		cmocka_unit_test(test_child_context_inherits_navigation),
		cmocka_unit_test(test_typed_letters_stay_text_in_a_form),
		cmocka_unit_test(test_function_keys_do_not_collide_with_vietnamese_letters),
		cmocka_unit_test(test_menu_q_quits_where_lists_go_back),
		cmocka_unit_test(test_typed_names_are_never_commands_in_finding_lists),
		cmocka_unit_test(test_one_key_per_action_across_screens),
		cmocka_unit_test(test_no_letter_answers_yes),
		cmocka_unit_test(test_help_text_is_translated_to_vietnamese),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
