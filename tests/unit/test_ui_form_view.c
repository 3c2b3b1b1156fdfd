/* test_ui_form_view.c - the form view: the fields are checked before the
 * screen's save runs; the save runs in one transaction (what it wrote is
 * undone when it fails); a saved form closes, a refused one stays open
 * with the reason; the record's values go in before the form counts as
 * unchanged, a draft's values over them; every form view is kept as a
 * draft under the kind, row and version it was opened with, except a
 * form that writes nothing; the screen hears of each key the form used. */
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

static const ui_field_def defs[] = {
	{.label = "Full name", .kind = UI_FIELD_TEXT, .required = true, .max_bytes = 60},
	{.label = "Year", .kind = UI_FIELD_NUMBER, .min = 1945, .max = 2100},
};

struct screen {
	int saves, edits, freed;
	int result;	/* what save returns */
	char saved[64]; /* the name save saw */
};

static char dir[256];
static app a;
/* The screens' states outlive each test: the views still open are closed
 * by the teardown, and tell their screen. */
static struct screen screens[2];

static void fill(ui_form *f, void *ctx)
{
	(void)ctx;
	ui_form_set_text(f, 0, "Nguyễn Văn An");
	ui_form_set_value(f, 1, 1975);
}

/* Writes a row (a draft named "written"), then returns what it is told. */
static int save(ui_form *f, void *ctx, cb_error *err)
{
	struct screen *s = ctx;
	s->saves++;
	snprintf(s->saved, sizeof s->saved, "%s", ui_form_text(f, 0));
	if (store_draft_save(a.db, "written", 1, 1, "0=x\n", err) != CB_OK)
		return err->code;
	if (s->result != CB_OK)
		return cb_error_set(err, s->result, "%s", "refused by the rules");
	return CB_OK;
}

static void saved(ui_form *f, void *ctx)
{
	(void)f;
	(void)ctx;
}

static void edited(ui_form *f, void *ctx)
{
	(void)f;
	((struct screen *)ctx)->edits++;
}

static void release(void *ctx)
{
	((struct screen *)ctx)->freed++;
}

static const ui_form_spec spec = {
	.name = "test-form",
	.fill = fill,
	.save = save,
	.saved = saved,
	.edited = edited,
	.free = release,
};

static const ui_form_spec filter_spec = {
	.name = "test-filter",
	.changes_no_data = true,
	.fill = fill,
	.save = save,
	.saved = saved,
	.free = release,
};

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
	memset(screens, 0, sizeof screens);
	assert_int_equal(store_open(&a.db, path, STORE_CREATE, &err), CB_OK);
	snprintf(a.db_path, sizeof a.db_path, "%s", path);
	ui_view_set_app(&a);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	ui_view_clear();
	if (a.db)
		store_close(a.db);
	ui_view_set_app(NULL);
	unsetenv("XDG_STATE_HOME");
	fixture_rmtree(dir);
	return 0;
}

static size_t drafts_named(const char *prefix)
{
	draft_rec *r;
	size_t n, k = 0;
	cb_error err;
	assert_int_equal(store_draft_list(a.db, &r, &n, &err), CB_OK);
	for (size_t i = 0; i < n; i++)
		k += strncmp(r[i].form, prefix, strlen(prefix)) == 0;
	draft_recs_free(r, n);
	return k;
}

static int press(int action, ui_key key)
{
	ui_view *v = ui_view_top();
	return v->ops->key(v, action, key);
}

static ui_form *open_form(const ui_form_spec *sp, struct screen *s, const char *draft)
{
	ui_form *f = ui_form_view_open(sp, s,
				       &(ui_form_args){.title = "Test",
						       .defs = defs,
						       .n = 2,
						       .draft_kind = "cadre",
						       .row = 7,
						       .version = 3,
						       .draft = draft});
	assert_non_null(f);
	assert_string_equal(ui_view_top()->ops->name, sp->name);
	return f;
}

static void test_the_record_fills_the_form_and_it_counts_as_unchanged(void **state)
{
	struct screen *s = &screens[0];
	(void)state;
	ui_form *f = open_form(&spec, s, NULL);
	ui_view *v = ui_view_top();
	assert_string_equal(ui_form_text(f, 0), "Nguyễn Văn An");
	assert_false(v->ops->dirty(v));
	assert_int_equal(press(UI_ACT_NONE, 'x'), UI_HANDLED);
	assert_true(v->ops->dirty(v));
	assert_int_equal(s->edits, 2); /* once when opened, once for the key */
	ui_view_pop();
	assert_int_equal(s->freed, 1);
}

static void test_a_bad_field_keeps_the_save_from_running(void **state)
{
	struct screen *s = &screens[0];
	(void)state;
	ui_form *f = open_form(&spec, s, NULL);
	ui_form_set_text(f, 0, "");
	assert_int_equal(press(UI_ACT_SAVE, 0), UI_HANDLED);
	assert_int_equal(s->saves, 0);
	ui_form_set_text(f, 0, "Nguyễn Văn An");
	ui_form_set_text(f, 1, "1800");
	assert_int_equal(press(UI_ACT_SAVE, 0), UI_HANDLED);
	assert_int_equal(s->saves, 0);
	assert_int_equal(drafts_named("written"), 0);
}

static void test_a_save_is_kept_whole_and_closes_the_form(void **state)
{
	struct screen *s = &screens[0];
	(void)state;
	open_form(&spec, s, NULL);
	assert_int_equal(press(UI_ACT_SAVE, 0), UI_CLOSE);
	assert_int_equal(s->saves, 1);
	assert_string_equal(s->saved, "Nguyễn Văn An");
	assert_int_equal(drafts_named("written"), 1);
}

static void test_a_refused_save_undoes_what_it_wrote_and_stays_open(void **state)
{
	struct screen *s = &screens[0];
	s->result = CB_EINVALID;
	(void)state;
	open_form(&spec, s, NULL);
	assert_int_equal(press(UI_ACT_SAVE, 0), UI_HANDLED);
	assert_int_equal(s->saves, 1);
	assert_int_equal(drafts_named("written"), 0); /* rolled back */
	s->result = CB_OK;
	assert_int_equal(press(UI_ACT_SAVE, 0), UI_CLOSE);
	assert_int_equal(drafts_named("written"), 1);
}

static void test_cancel_without_changes_closes_at_once(void **state)
{
	struct screen *s = &screens[0];
	(void)state;
	open_form(&spec, s, NULL);
	assert_int_equal(press(UI_ACT_CANCEL, UI_KEY_ESC), UI_CLOSE);
	assert_int_equal(s->saves, 0);
}

static void test_a_draft_goes_over_the_record_and_is_kept_again(void **state)
{
	struct screen *s = &screens[0], *t = &screens[1];
	(void)state;
	ui_form *f = open_form(&spec, s, "0=Trần Thị Bình\n");
	ui_view *v = ui_view_top();
	assert_string_equal(ui_form_text(f, 0), "Trần Thị Bình");
	assert_int_equal(ui_form_value(f, 1), 1975);
	assert_true(v->ops->dirty(v)); /* differs from the record */
	ui_form *g = open_form(&filter_spec, t, "0=bộ lọc\n");
	assert_string_equal(ui_form_text(g, 0), "bộ lọc");
	ui_drafts_keep_all();
	draft_rec *r;
	size_t n;
	cb_error err;
	assert_int_equal(store_draft_list(a.db, &r, &n, &err), CB_OK);
	assert_int_equal(n, 1); /* not the form that writes nothing */
	assert_int_equal(strncmp(r[0].form, "cadre#", 6), 0);
	assert_int_equal(r[0].row, 7);
	assert_int_equal(r[0].version, 3);
	assert_non_null(strstr(r[0].data, "Trần Thị Bình"));
	draft_recs_free(r, n);
}

static void test_a_form_that_writes_nothing_saves_outside_a_transaction(void **state)
{
	struct screen *s = &screens[0];
	s->result = CB_EINVALID;
	(void)state;
	open_form(&filter_spec, s, NULL);
	assert_int_equal(press(UI_ACT_SAVE, 0), UI_HANDLED);
	/* no transaction around it: what it wrote is its own business */
	assert_int_equal(drafts_named("written"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_the_record_fills_the_form_and_it_counts_as_unchanged),
		T(test_a_bad_field_keeps_the_save_from_running),
		T(test_a_save_is_kept_whole_and_closes_the_form),
		T(test_a_refused_save_undoes_what_it_wrote_and_stays_open),
		T(test_cancel_without_changes_closes_at_once),
		T(test_a_draft_goes_over_the_record_and_is_kept_again),
		T(test_a_form_that_writes_nothing_saves_outside_a_transaction),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
