/* test_ui_form_draft.c - drafts by construction: every form made with
 * ui_form_new is kept when the terminal goes away if its values changed,
 * each under a name of its own, with the row and version it edits and its
 * values in readable lines too; a filter form is not kept; when the
 * database refuses the write, the draft goes to the user's state
 * directory. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "draft_file.h"
#include "fixture.h"
#include "i18n.h"
#include "../../src/ui/ui_internal.h"

static const ui_choice genders[] = {{1, "Nam"}, {2, "Nữ"}};
static const ui_field_def defs[] = {
	{.label = "Full name", .kind = UI_FIELD_TEXT, .max_bytes = 60},
	{.label = "Sex", .kind = UI_FIELD_CHOICE, .choices = genders, .nchoices = 2},
	{.label = "Head of unit", .kind = UI_FIELD_BOOL},
};

static char dir[256];
static app a;

static int setup(void **state)
{
	char path[300], st[300];
	cb_error err;
	(void)state;
	i18n_init("en");
	assert_non_null(fixture_tmpdir(dir, sizeof dir));
	snprintf(path, sizeof path, "%s/t.db", dir);
	snprintf(st, sizeof st, "%s/state", dir);
	setenv("XDG_STATE_HOME", st, 1);
	memset(&a, 0, sizeof a);
	assert_int_equal(store_open(&a.db, path, STORE_CREATE, &err), CB_OK);
	snprintf(a.db_path, sizeof a.db_path, "%s", path);
	ui_view_set_app(&a);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	if (a.db)
		store_close(a.db);
	ui_view_set_app(NULL);
	unsetenv("XDG_STATE_HOME");
	fixture_rmtree(dir);
	return 0;
}

static ui_form *typed(const char *name)
{
	ui_form *f = ui_form_new(defs, 3);
	assert_non_null(f);
	ui_form_mark_clean(f);
	assert_int_equal(ui_form_set_text(f, 0, name), CB_OK);
	ui_form_set_value(f, 1, 2);
	ui_form_set_value(f, 2, 1);
	return f;
}

static void test_changed_forms_are_kept_each_under_its_own_name(void **state)
{
	draft_rec *r;
	size_t n;
	cb_error err;
	(void)state;
	ui_form *one = typed("Nguyễn Thị Một"), *two = typed("Nguyễn Thị Hai");
	ui_form *same = ui_form_new(defs, 3), *filter = typed("bộ lọc");
	ui_form_mark_clean(same);
	ui_form_set_draft(one, "cadre", 7, 3);
	ui_form_set_draft(two, "cadre", 7, 3);
	ui_form_no_draft(filter);

	ui_drafts_keep_all();
	assert_int_equal(store_draft_list(a.db, &r, &n, &err), CB_OK);
	assert_int_equal(n, 2); /* not the unchanged form, not the filter */
	assert_string_not_equal(r[0].form, r[1].form);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(strncmp(r[i].form, "cadre#", 6), 0);
		assert_int_equal(r[i].row, 7);
		assert_int_equal(r[i].version, 3);
		assert_non_null(strstr(r[i].data, "# Sex: Nữ\n"));
		assert_non_null(strstr(r[i].data, "# Head of unit: Yes\n"));
	}
	/* the kept values load back into a new form */
	ui_form *back = ui_form_new(defs, 3);
	ui_form_load(back, strstr(r[0].data, "Một") ? r[0].data : r[1].data);
	assert_string_equal(ui_form_text(back, 0), "Nguyễn Thị Một");
	assert_int_equal(ui_form_value(back, 1), 2);
	draft_recs_free(r, n);
	ui_form_free(back);
	ui_form_free(one);
	ui_form_free(two);
	ui_form_free(same);
	ui_form_free(filter);
	/* freed forms are no longer kept */
	ui_drafts_keep_all();
	assert_int_equal(store_draft_list(a.db, &r, &n, &err), CB_OK);
	assert_int_equal(n, 2);
	draft_recs_free(r, n);
}

/* A form of no known kind keeps its values readable for the next start. */
static void test_a_form_without_a_kind_is_kept_as_form(void **state)
{
	draft_rec *r;
	size_t n;
	cb_error err;
	(void)state;
	ui_form *f = typed("Trần Văn Ba");
	ui_drafts_keep_all();
	assert_int_equal(store_draft_list(a.db, &r, &n, &err), CB_OK);
	assert_int_equal(n, 1);
	assert_int_equal(strncmp(r[0].form, "form#", 5), 0);
	assert_non_null(strstr(r[0].data, "# Full name: Trần Văn Ba\n"));
	draft_recs_free(r, n);
	ui_form_free(f);
}

/* The database cannot take it (here: a file opened read-only): the draft
 * goes to the state directory, for this database. */
static void test_a_draft_the_database_refuses_goes_to_the_state_directory(void **state)
{
	draft_rec *r;
	size_t n;
	cb_error err;
	char sdir[300];
	(void)state;
	store_close(a.db);
	assert_int_equal(store_open(&a.db, a.db_path, STORE_READONLY, &err), CB_OK);
	ui_form *f = typed("Lê Thị Tư");
	ui_form_set_draft(f, "cadre", 0, 0);
	ui_drafts_keep_all();
	ui_form_free(f);
	assert_int_equal(draft_dir(sdir, sizeof sdir, &err), CB_OK);
	assert_int_equal(draft_file_list(sdir, a.db_path, &r, &n, &err), CB_OK);
	assert_int_equal(n, 1);
	assert_int_equal(strncmp(r[0].form, "cadre#", 6), 0);
	assert_non_null(strstr(r[0].data, "Lê Thị Tư"));
	draft_recs_free(r, n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_changed_forms_are_kept_each_under_its_own_name,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_form_without_a_kind_is_kept_as_form, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_a_draft_the_database_refuses_goes_to_the_state_directory, setup,
			teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
