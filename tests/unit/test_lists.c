/* test_lists.c - the coded lists of the cadre record (model.h
 * ENUM_ETHNICITY ..): the built-in official list of ethnic groups,
 * lists.ini replacing a list and its mistakes refused with file and line,
 * and each field read from an import - office words and codes accepted,
 * a bad value refused with its line and column and nothing written,
 * empty cells stored as NULL (not recorded), older databases upgraded
 * with the new columns NULL. */
#include "store_fixture.h"

#include <stdio.h>

#include "fields.h"
#include "i18n.h"
#include "import.h"
#include "model.h"
#include "../../src/core/store_internal.h"

/* ---- the built-in lists ------------------------------------------------ */

static void test_official_ethnic_list_by_default(void **state)
{
	int n, v;
	const model_choice *ch = model_choices(ENUM_ETHNICITY, &n);
	(void)state;
	config_apply_lists(NULL);
	ch = model_choices(ENUM_ETHNICITY, &n);
	assert_int_equal(n, 55); /* 54 groups and "Khác" */
	assert_int_equal(ch[0].value, 1);
	assert_string_equal(ch[0].name, "01");
	assert_string_equal(ch[0].label, "Kinh");
	assert_true(model_value(ENUM_ETHNICITY, "54", &v));
	assert_string_equal(model_label(ENUM_ETHNICITY, v), "Ơ Đu");
	assert_string_equal(model_label(ENUM_ETHNICITY, 24), "Bru - Vân Kiều");
	assert_string_equal(model_label(ENUM_ETHNICITY, 99), "Khác");
	for (int i = 0; i < 54; i++)
		assert_int_equal(ch[i].value, i + 1);
}

/* The shipped lists.ini holds the built-in lists, entry for entry. */
static void test_shipped_lists_ini_is_the_built_in_lists(void **state)
{
	char dir[4096];
	cfg *c = NULL;
	cb_error err = {0};
	(void)state;

	snprintf(dir, sizeof dir, "%s/config", fixture_source_dir());
	if (config_load_dir(&c, dir, &err) != CB_OK)
		fail_msg("%s", err.msg);
	assert_non_null(c->lists);
	config_apply_lists(c);
	for (int e = ENUM_FIRST_LIST; e < ENUM_COUNT; e++) {
		int n, nd;
		const model_choice *a = model_choices(e, &n), *d = model_list_default(e, &nd);
		assert_int_equal(n, nd);
		for (int i = 0; i < n; i++) {
			assert_int_equal(a[i].value, d[i].value);
			assert_string_equal(a[i].name, d[i].name);
			assert_string_equal(a[i].label, d[i].label);
		}
	}
	config_apply_lists(NULL);
	config_free(c);
}

/* ---- lists.ini -------------------------------------------------------- */

static char cfg_dir[256];

/* A configuration directory: the shipped one with the given lists.ini. */
static int load_with(const char *lists, cfg **out, cb_error *err)
{
	char cmd[8192];
	assert_non_null(fixture_tmpdir(cfg_dir, sizeof cfg_dir));
	snprintf(cmd, sizeof cmd, "cp -r '%s/config/.' '%s/'", fixture_source_dir(), cfg_dir);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(fixture_write(cfg_dir, "lists.ini", lists), 0);
	*out = NULL;
	return config_load_dir(out, cfg_dir, err);
}

static void test_lists_ini_replaces_a_list_and_keeps_the_others(void **state)
{
	cfg *c;
	cb_error err = {0};
	int n, v;
	const model_choice *ch;
	(void)state;

	if (load_with("; an office's own religions\n[religion]\n1 = Không\n2 = Phật giáo\n"
		      "12 = Bửu Sơn Kỳ Hương\n",
		      &c, &err) != CB_OK)
		fail_msg("%s", err.msg);
	config_apply_lists(c);
	ch = model_choices(ENUM_RELIGION, &n);
	assert_int_equal(n, 3);
	assert_int_equal(ch[2].value, 12);
	assert_string_equal(ch[2].name, "12");
	assert_string_equal(ch[2].label, "Bửu Sơn Kỳ Hương");
	assert_false(model_value(ENUM_RELIGION, "3", &v)); /* the built-in 3 is gone */
	model_choices(ENUM_ETHNICITY, &n);
	assert_int_equal(n, 55); /* not in the file: built in */
	config_apply_lists(NULL);
	model_choices(ENUM_RELIGION, &n);
	assert_int_equal(n, 8);
	config_free(c);
	fixture_rmtree(cfg_dir);
}

/* Each mistake names the file and line. */
static void test_lists_ini_mistakes_are_refused_with_their_line(void **state)
{
	static const struct {
		const char *text, *line, *part;
	} cases[] = {
		{"[religion]\n1 = Không\n[religon]\n2 = Phật giáo\n", ":3:", "religon"},
		{"[religion]\n1 = Không\nabc = Phật giáo\n", ":3:", "abc"},
		{"[it_level]\n0 = Không\n", ":2:", "it_level"},
		{"[religion]\n1 = Không\n01 = Phật giáo\n", ":3:", "religion"},
		{"[religion]\n1 = Không\n2 = Không\n", ":3:", "religion"},
		{"[religion]\n1 =\n", ":2:", "religion"},
		{"[religion]\n1000 = Không\n", ":2:", "religion"},
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cfg *c;
		cb_error err = {0};
		assert_int_equal(load_with(cases[i].text, &c, &err), CB_ECONFIG);
		assert_null(c);
		if (!strstr(err.msg, "lists.ini") || !strstr(err.msg, cases[i].line) ||
		    !strstr(err.msg, cases[i].part))
			fail_msg("case %zu: %s", i, err.msg);
		fixture_rmtree(cfg_dir);
	}
}

/* ---- the import ------------------------------------------------------- */

#define HEAD                                                                                       \
	"full_name,birth_date,gender,ethnicity,position,unit_code,religion,academic_title,"        \
	"general_education,state_management,foreign_language,it_level\r\n"

static int run(const char *csv, import_report *r)
{
	import_options o = {TEXT_ENC_UNKNOWN, false, NULL};
	cb_error err = {0};
	memset(r, 0, sizeof *r);
	return import_cadres_text(S, &sf_cfg, csv, strlen(csv), &o, r, &err);
}

static void expect_error(const import_report *r, size_t line, const char *column, const char *part)
{
	for (size_t i = 0; i < r->nissues; i++) {
		const import_issue *is = &r->issues[i];
		if (!is->warning && is->line == line && strcmp(is->column, column) == 0 &&
		    strstr(is->msg, part))
			return;
	}
	for (size_t i = 0; i < r->nissues; i++)
		fprintf(stderr, "  %zu [%s] %s\n", r->issues[i].line, r->issues[i].column,
			r->issues[i].msg);
	fail_msg("no error on line %zu, column %s, saying \"%s\"", line, column, part);
}

static int setup_store(void **state)
{
	(void)state;
	i18n_init("en");
	config_apply_lists(NULL);
	S = sf_open();
	return 0;
}

static void test_office_words_and_codes_are_read(void **state)
{
	import_report r;
	cadre cd;
	cb_error err = {0};
	(void)state;

	assert_int_equal(run(HEAD "Lò Văn Một,1970-01-02,male,khơ mú,Bí thư,27940,công giáo,GS,"
				  "12/12,Chuyên viên cao cấp,Bậc 4 (B2),nâng cao\r\n"
				  "Lò Văn Hai,1971-01-02,male,07,Bí thư,27931,2,1,5,1,6,3\r\n",
			     &r),
			 CB_OK);
	assert_int_equal(r.imported, 2);
	import_report_free(&r);
	assert_int_equal(store_cadre_get(S,
					 sf_count(S, "SELECT id FROM cadre WHERE full_name"
						     " = 'Lò Văn Một'"),
					 &cd, &err),
			 CB_OK);
	assert_string_equal(cd.ethnicity, "Khơ Mú"); /* as the list writes it */
	assert_int_equal(cd.religion, 3);
	assert_int_equal(cd.acad_title, 2);
	assert_int_equal(cd.general_edu, 1);
	assert_int_equal(cd.state_mgmt, 3);
	assert_int_equal(cd.language, 4);
	assert_int_equal(cd.it_level, 2);
	assert_int_equal(store_cadre_get(S,
					 sf_count(S, "SELECT id FROM cadre WHERE full_name"
						     " = 'Lò Văn Hai'"),
					 &cd, &err),
			 CB_OK);
	assert_string_equal(cd.ethnicity, "Nùng");
	assert_int_equal(cd.religion, 2);
	assert_int_equal(cd.acad_title, 1);
	assert_int_equal(cd.general_edu, 5);
	assert_int_equal(cd.state_mgmt, 1);
	assert_int_equal(cd.language, 6);
	assert_int_equal(cd.it_level, 3);
}

static void test_empty_cells_are_stored_as_not_recorded(void **state)
{
	import_report r;
	(void)state;
	assert_int_equal(run(HEAD "Lò Văn Ba,1970-01-02,male,Kinh,Bí thư,27940,,,,,,\r\n", &r),
			 CB_OK);
	assert_int_equal(r.imported, 1);
	import_report_free(&r);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM cadre WHERE religion IS NULL AND"
				     " academic_title IS NULL AND general_education IS NULL AND"
				     " state_management IS NULL AND foreign_language IS NULL AND"
				     " it_level IS NULL"),
			 1);
}

/* One bad value in each column, each on its own line: every one is
 * reported by line and column, and nothing is written. */
static void test_bad_values_are_refused_by_line_and_column(void **state)
{
	static const struct {
		const char *row, *column, *part;
	} bad[] = {
		{"Kinh2,Bí thư,27940,,,,,,", "ethnicity", "Kinh2"},
		{"Kinh,Bí thư,27940,Đạo Lạ,,,,,", "religion", "Đạo Lạ"},
		{"Kinh,Bí thư,27940,,Tiến sĩ,,,,", "academic_title", "Tiến sĩ"},
		{"Kinh,Bí thư,27940,,,13/12,,,", "general_education", "13/12"},
		{"Kinh,Bí thư,27940,,,,Cán sự,,", "state_management", "Cán sự"},
		{"Kinh,Bí thư,27940,,,,,Bậc 7,", "foreign_language", "Bậc 7"},
		{"Kinh,Bí thư,27940,,,,,,Siêu cấp", "it_level", "Siêu cấp"},
	};
	char csv[4096];
	size_t len = (size_t)snprintf(csv, sizeof csv, "%s", HEAD);
	import_report r;
	(void)state;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		len += (size_t)snprintf(csv + len, sizeof csv - len,
					"Lê Văn Số %zu,1970-01-02,male,%s\r\n", i, bad[i].row);
	assert_int_not_equal(run(csv, &r), CB_OK);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		expect_error(&r, i + 2, bad[i].column, bad[i].part);
	assert_int_equal(r.imported, 0);
	import_report_free(&r);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM cadre"), 0);
}

/* A value of the list the office configured is read; the built-in
 * one it took out is refused. */
static void test_import_reads_the_list_in_force(void **state)
{
	static const model_choice mine[] = {{1, "1", "Không"}, {12, "12", "Bửu Sơn Kỳ Hương"}};
	import_report r;
	(void)state;
	assert_int_equal(model_list_set(ENUM_RELIGION, mine, 2), 0);
	assert_int_equal(run(HEAD "Lò Văn Tư,1970-01-02,male,Kinh,Bí thư,27940,Bửu Sơn Kỳ Hương,,"
				  ",,,\r\n",
			     &r),
			 CB_OK);
	import_report_free(&r);
	assert_int_equal(sf_count(S, "SELECT religion FROM cadre"), 12);
	assert_int_not_equal(
		run(HEAD "Lò Văn Năm,1970-01-02,male,Kinh,Bí thư,27940,Công giáo,,,,,\r\n", &r),
		CB_OK);
	expect_error(&r, 2, "religion", "Công giáo");
	import_report_free(&r);
	model_list_reset(ENUM_RELIGION);
}

/* The field table's code form reads back what it writes, and a list's
 * code stands for an ethnic group's name. */
static void test_field_code_form_round_trips(void **state)
{
	cadre cd = {0}, back = {0};
	char buf[256];
	cb_error err = {0};
	(void)state;

	assert_int_equal(field_parse(cadre_field(CADRE_F_ETHNICITY), &cd, "11", &err), CB_OK);
	assert_string_equal(cd.ethnicity, "Ê Đê");
	cd.religion = 99;
	cd.state_mgmt = 2;
	for (int id = CADRE_F_ETHNICITY; id <= CADRE_F_IT_LEVEL; id++) {
		const field_def *f = cadre_field(id);
		if (id > CADRE_F_ETHNICITY && id < CADRE_F_RELIGION)
			continue;
		assert_int_equal(field_parse(f, &back,
					     field_format(f, &cd, FIELD_CODE, buf, sizeof buf),
					     &err),
				 CB_OK);
	}
	assert_string_equal(back.ethnicity, "Ê Đê");
	assert_int_equal(back.religion, 99);
	assert_int_equal(back.state_mgmt, 2);
	assert_int_equal(back.it_level, 0);
	assert_string_equal(
		field_format(cadre_field(CADRE_F_STATE_MGMT), &cd, FIELD_HUMAN, buf, sizeof buf),
		"Chuyên viên chính");
	assert_string_equal(
		field_format(cadre_field(CADRE_F_IT_LEVEL), &cd, FIELD_HUMAN, buf, sizeof buf), "");
}

/* ---- an older database ------------------------------------------------ */

static void test_older_database_gets_the_columns_empty(void **state)
{
	char dir[256], path[300];
	sqlite3 *raw;
	store *s;
	cadre cd;
	cb_error err = {0};
	(void)state;

	assert_non_null(fixture_tmpdir(dir, sizeof dir));
	snprintf(path, sizeof path, "%s/old.db", dir);
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	/* written by the first schema; the upgrade runs every migration */
	assert_int_equal(sqlite3_exec(raw, store_migrations[0], NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(
		sqlite3_exec(
			raw,
			"PRAGMA user_version = 1;"
			"INSERT INTO unit(id, code, name, kind, tier) VALUES(1, '80', 'Tỉnh "
			"Long An', 'tỉnh', 1);"
			"INSERT INTO cadre(id, full_name, name_fold, sort_key, rank, birth_date,"
			" gender, ethnicity, unit_id, position, pos_rank, level, education,"
			" theory) VALUES(7, 'Trần Văn Cũ', 'tran van cu', x'00', 1024,"
			" '1975-04-30', 1, 'Kinh', 1, 'Bí thư', 1, 1, 4, 3);",
			NULL, NULL, NULL),
		SQLITE_OK);
	sqlite3_close(raw);
	if (store_open(&s, path, 0, &err) != CB_OK)
		fail_msg("%s", err.msg);
	assert_int_equal(store_schema_version(s), STORE_SCHEMA_VERSION);
	assert_int_equal(sf_count(s, "SELECT count(*) FROM cadre WHERE religion IS NULL AND"
				     " academic_title IS NULL AND general_education IS NULL AND"
				     " state_management IS NULL AND foreign_language IS NULL AND"
				     " it_level IS NULL"),
			 1);
	assert_int_equal(store_cadre_get(s, 7, &cd, &err), CB_OK);
	assert_int_equal(cd.religion + cd.acad_title + cd.general_edu + cd.state_mgmt +
				 cd.language + cd.it_level,
			 0);
	store_close(s);
	fixture_rmtree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_official_ethnic_list_by_default),
		cmocka_unit_test(test_shipped_lists_ini_is_the_built_in_lists),
		cmocka_unit_test(test_lists_ini_replaces_a_list_and_keeps_the_others),
		cmocka_unit_test(test_lists_ini_mistakes_are_refused_with_their_line),
		cmocka_unit_test_setup_teardown(test_office_words_and_codes_are_read, setup_store,
						sf_teardown),
		cmocka_unit_test_setup_teardown(test_empty_cells_are_stored_as_not_recorded,
						setup_store, sf_teardown),
		cmocka_unit_test_setup_teardown(test_bad_values_are_refused_by_line_and_column,
						setup_store, sf_teardown),
		cmocka_unit_test_setup_teardown(test_import_reads_the_list_in_force, setup_store,
						sf_teardown),
		cmocka_unit_test(test_field_code_form_round_trips),
		cmocka_unit_test(test_older_database_gets_the_columns_empty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
