/* test_record_import.c - organisations, ratings, trainings and planning
 * from CSV: whose record a row is (name and birth date, unit code when
 * that is not enough), every problem with its line and column, nothing
 * written unless all is good, duplicates in the file and in the database,
 * --replace, and an export that imports back into the same records. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fields.h"
#include "demo_fixture.h"
#include "fixture.h"
#include "stats_db.h"
#include "i18n.h"
#include "record_import.h"

static char dir[256];
static cfg conf;
static store *db;
static int64_t an1, an2, binh;

static int setup(void **state)
{
	(void)state;
	if (!fixture_tmpdir(dir, sizeof dir))
		return -1;
	sdb_config(&conf);
	if (!(db = sdb_open(dir, &conf)))
		return -1;
	/* two people of the same name and birth date, in two districts */
	sdb_cadre a = {"Nguyễn Văn An", "1980-05-01", 1, "Kinh", "27685", 7, 0, 0, 4, 2};
	sdb_cadre b = {"Nguyễn Văn An", "1980-05-01", 1, "Kinh", "27787", 7, 0, 0, 4, 2};
	sdb_cadre c = {"Trần Thị Bình", "1975-12-31", 2, "Kinh", "27703", 7, 0, 0, 4, 2};
	an1 = sdb_add(db, &a);
	an2 = sdb_add(db, &b);
	binh = sdb_add(db, &c);
	return an1 > 0 && an2 > 0 && binh > 0 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	store_close(db);
	fixture_rmtree(dir);
	return 0;
}

static int run(int kind, const char *text, bool replace, bool dry, import_report *r)
{
	record_import_options o = {
		.encoding = TEXT_ENC_UNKNOWN, .dry_run = dry, .replace = replace};
	cb_error err = {0};
	memset(r, 0, sizeof *r);
	return record_import_text(db, &conf, kind, text, strlen(text), &o, r, &err);
}

/* The issue of a line, or NULL. */
static const import_issue *issue_at(const import_report *r, size_t line)
{
	for (size_t i = 0; i < r->nissues; i++)
		if (r->issues[i].line == line)
			return &r->issues[i];
	return NULL;
}

static void test_ratings_by_name_and_birth_date_with_vietnamese_headers(void **state)
{
	import_report r;
	(void)state;
	assert_int_equal(run(RK_RATING,
			     "Họ và tên;Ngày sinh;Mã đơn vị;Năm;Xếp loại\n"
			     "NGUYỄN VĂN AN;01/05/1980;27685;2024;Hoàn thành xuất sắc nhiệm vụ\n"
			     "Nguyễn Văn An;1980-05-01;27787;2024;tốt\n"
			     "Trần Thị Bình;31/12/1975;;2024;completed\n",
			     false, false, &r),
			 CB_OK);
	assert_int_equal(r.imported, 3);
	import_report_free(&r);
	assert_int_equal(
		fixture_sql_int(db, "SELECT grade FROM rating WHERE year = 2024 AND cadre_id = 1"),
		1);
	assert_int_equal(
		fixture_sql_int(db, "SELECT grade FROM rating WHERE year = 2024 AND cadre_id = 2"),
		2);
	assert_int_equal(
		fixture_sql_int(db, "SELECT grade FROM rating WHERE year = 2024 AND cadre_id = 3"),
		3);
	assert_int_equal(fixture_sql_int(db, "SELECT count(*) FROM audit WHERE tbl = 'rating'"), 3);
}

static void test_every_bad_row_is_reported_and_nothing_written(void **state)
{
	import_report r;
	const import_issue *is;
	(void)state;
	assert_int_equal(run(RK_RATING,
			     "full_name,birth_date,year,grade\n"
			     "Nguyễn Văn An,01/05/1980,2024,good\n"  /* two of them */
			     "Trần Thị Bình,31/12/1975,2024,great\n" /* no such grade */
			     "Lê Văn Không,01/01/1970,2024,good\n"   /* nobody */
			     "Trần Thị Bình,31/12/1975,twenty,good\n"
			     "Trần Thị Bình,31/12/1975,2023,good\n", /* the only good row */
			     false, false, &r),
			 CB_EINVALID);
	assert_int_equal(r.bad_rows, 4);
	assert_non_null(is = issue_at(&r, 2));
	assert_string_equal(is->column, "full_name");
	assert_non_null(strstr(is->msg, "1, 2")); /* the candidates' ids */
	assert_non_null(is = issue_at(&r, 3));
	assert_string_equal(is->column, "grade");
	assert_non_null(is = issue_at(&r, 4));
	assert_string_equal(is->column, "full_name");
	assert_non_null(is = issue_at(&r, 5));
	assert_string_equal(is->column, "year");
	assert_null(issue_at(&r, 6));
	assert_int_equal(r.imported, 0);
	import_report_free(&r);
	assert_int_equal(fixture_sql_int(db, "SELECT count(*) FROM rating"), 0);
	assert_int_equal(fixture_sql_int(db, "SELECT count(*) FROM audit"), 0);
}

static void test_unknown_and_missing_columns_are_named(void **state)
{
	import_report r;
	(void)state;
	assert_int_equal(run(RK_TRAINING, "full_name,birth_date,year,grade\n", false, false, &r),
			 CB_EINVALID);
	assert_true(r.nissues >= 2);
	assert_non_null(strstr(r.issues[0].msg, "grade"));
	import_report_free(&r);
	assert_int_equal(run(RK_RATING, "year,grade\n2024,good\n", false, false, &r), CB_EINVALID);
	assert_non_null(strstr(r.issues[0].msg, "full_name"));
	import_report_free(&r);
}

static void test_duplicates_in_the_file_and_in_the_database(void **state)
{
	import_report r;
	const char *csv = "cadre_id,year,grade\n3,2024,good\n";
	(void)state;
	assert_int_equal(run(RK_RATING, "cadre_id,year,grade\n3,2024,good\n3,2024,failed\n", false,
			     false, &r),
			 CB_EINVALID);
	assert_non_null(strstr(issue_at(&r, 3)->msg, "2"));
	import_report_free(&r);
	assert_int_equal(run(RK_RATING, csv, false, false, &r), CB_OK);
	import_report_free(&r);
	assert_int_equal(run(RK_RATING, "cadre_id,year,grade\n3,2024,failed\n", false, false, &r),
			 CB_EINVALID);
	import_report_free(&r);
	assert_int_equal(fixture_sql_int(db, "SELECT grade FROM rating WHERE cadre_id = 3"), 2);
	assert_int_equal(run(RK_RATING, "cadre_id,year,grade\n3,2024,failed\n", true, false, &r),
			 CB_OK);
	import_report_free(&r);
	assert_int_equal(fixture_sql_int(db, "SELECT grade FROM rating WHERE cadre_id = 3"), 4);
}

static void test_a_dry_run_writes_nothing(void **state)
{
	import_report r;
	(void)state;
	assert_int_equal(
		run(RK_TRAINING,
		    "full_name,birth_date,year,kind,course\n"
		    "Trần Thị Bình,31/12/1975,2024,Cập nhật kiến thức xây dựng Đảng,Lớp 1\n",
		    false, true, &r),
		CB_OK);
	assert_int_equal(r.rows, 1);
	import_report_free(&r);
	assert_int_equal(fixture_sql_int(db, "SELECT count(*) FROM training"), 0);
}

/* An identical training is left alone with --replace, and an error
 * without. */
static void test_an_identical_training_is_kept_once(void **state)
{
	import_report r;
	const char *csv = "cadre_id,year,kind,course\n3,2024,leadership,Lớp A\n";
	(void)state;
	assert_int_equal(run(RK_TRAINING, csv, false, false, &r), CB_OK);
	import_report_free(&r);
	assert_int_equal(run(RK_TRAINING, csv, false, false, &r), CB_EINVALID);
	import_report_free(&r);
	assert_int_equal(run(RK_TRAINING, csv, true, false, &r), CB_OK);
	assert_int_equal(r.imported, 0);
	import_report_free(&r);
	assert_int_equal(fixture_sql_int(db, "SELECT count(*) FROM training"), 1);
}

/* Organisations name their parent, which may come earlier in the file;
 * an export writes them back parents first, and imports into the same
 * tree. */
static void test_organisations_and_their_export(void **state)
{
	import_report r;
	char *buf = NULL;
	size_t len = 0, n, rows;
	cb_error err = {0};
	(void)state;
	assert_int_equal(run(RK_ORG,
			     "org,kind,unit_code,parent,parent_unit_code\n"
			     "Đảng bộ phường 5,grassroots,27685,,\n"
			     "Chi bộ khu phố 1,cell,27685,Đảng bộ phường 5,27685\n"
			     "Chi bộ khu phố 1,cell,27703,,\n",
			     false, false, &r),
			 CB_OK);
	import_report_free(&r);
	assert_int_equal(
		fixture_sql_int(db, "SELECT count(*) FROM org o JOIN org p ON p.id = o.parent_id"
				    " WHERE o.name = 'Chi bộ khu phố 1'"),
		1);
	/* a parent of a common name needs its unit */
	assert_int_equal(run(RK_ORG,
			     "org,kind,unit_code,parent\nTổ 3,cell,27703,Chi bộ khu phố 1\n", false,
			     false, &r),
			 CB_EINVALID);
	import_report_free(&r);
	FILE *f = open_memstream(&buf, &len);
	const out_column *cols = record_export_columns(RK_ORG, &n);
	out_writer *o = out_begin(f, OUT_CSV, cols, n);
	assert_int_equal(record_export(db, RK_ORG, 0, o, &rows, &err), CB_OK);
	assert_int_equal(out_end(o), 0);
	fclose(f);
	assert_int_equal(rows, 3);
	assert_non_null(strstr(buf, "Chi bộ khu phố 1,cell,27685,Đảng bộ phường 5,27685"));
	/* the same file again: every organisation is already there */
	assert_int_equal(run(RK_ORG, buf, false, false, &r), CB_EINVALID);
	assert_int_equal(r.bad_rows, 3);
	import_report_free(&r);
	free(buf);
}

/* Ratings, trainings and planning entries are exported with the fields
 * their tables describe (record_fields.c) after whose record it is: the
 * same names, labels and order, nothing derived nor kept out of CSV. */
static void test_yearly_records_export_their_fields(void **state)
{
	static const struct {
		int kind;
		const field_def *(*fields)(size_t *n);
	} kinds[] = {{RK_RATING, rating_fields},
		     {RK_TRAINING, training_fields},
		     {RK_PLANNING, planning_fields}};

	(void)state;
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		size_t n, nf, col = 4;
		const out_column *cols = record_export_columns(kinds[k].kind, &n);
		const field_def *f = kinds[k].fields(&nf);

		assert_string_equal(cols[0].key, "cadre_id");
		assert_string_equal(cols[3].key, "unit_code");
		for (size_t i = 0; i < nf; i++) {
			if (f[i].flags & (FIELD_DERIVED | FIELD_NO_CSV))
				continue;
			assert_true(col < n);
			assert_string_equal(cols[col].key, f[i].name);
			assert_string_equal(cols[col].header, f[i].label);
			col++;
		}
		assert_int_equal(col, n);
	}
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_ratings_by_name_and_birth_date_with_vietnamese_headers),
		T(test_every_bad_row_is_reported_and_nothing_written),
		T(test_unknown_and_missing_columns_are_named),
		T(test_duplicates_in_the_file_and_in_the_database),
		T(test_a_dry_run_writes_nothing),
		T(test_an_identical_training_is_kept_once),
		T(test_organisations_and_their_export),
		T(test_yearly_records_export_their_fields),
	};
	i18n_init("en");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
