/* test_import.c - importing cadres from CSV: encodings (UTF-8, BOM, TCVN3
 * and VNI built from their byte values), separators, quoting, Vietnamese
 * headers, all-or-nothing with every bad row reported by line and column,
 * duplicates, units, dry runs, and a round trip through the CSV that
 * `canbo find` and the export screen write. */
#include "store_fixture.h"

#include <stdio.h>

#include "i18n.h"
#include "import.h"
#include "model.h"
#include "output.h"
#include "../../src/core/csv_read.h"

/* The fixture's units and Thị xã Kiến Tường, whose Phường 1 shares its
 * name with the one of Tân An. */
static cfg_unit units[] = {
	SF_UNITS,
	{"795", "Thị xã Kiến Tường", "thị xã", 2, 0},
	{"27787", "Phường 1", "phường", 3, 7},
};

#define HEAD "full_name,birth_date,gender,ethnicity,position,unit_code\r\n"

static int setup(void **state)
{
	cb_error err;
	(void)state;
	i18n_init("en");
	S = sf_open();
	sf_cfg.units = units;
	sf_cfg.unit_count = sizeof units / sizeof units[0];
	assert_int_equal(store_sync_units(S, &sf_cfg, &err), CB_OK);
	return 0;
}

static int64_t cadres(store *s)
{
	return sf_count(s, "SELECT count(*) FROM cadre");
}

static int run_opts(store *s, const char *csv, size_t len, const import_options *o,
		    import_report *r)
{
	cb_error err = {0};
	return import_cadres_text(s, &sf_cfg, csv, len, o, r, &err);
}

/* Imports csv into S (not a dry run); the report is left in *r. */
static int run(const char *csv, import_report *r)
{
	import_options o = {TEXT_ENC_UNKNOWN, false, NULL};
	return run_opts(S, csv, strlen(csv), &o, r);
}

/* The first error of a report (fails if none). */
static const import_issue *first_error(const import_report *r)
{
	for (size_t i = 0; i < r->nissues; i++)
		if (!r->issues[i].warning)
			return &r->issues[i];
	fail_msg("no error reported");
	return NULL;
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

/* The one cadre named `name` in s. */
static cadre find_one(store *s, const char *name)
{
	search_query q = {0};
	search_hit *hits = NULL;
	size_t n = 0;
	cb_error err;
	cadre c;

	filter_init(&q.filter);
	q.text = name;
	assert_int_equal(search_fetch(s, &q, 0, false, 0, &hits, &n, &err), CB_OK);
	if (n != 1)
		fail_msg("%zu cadres named %s", n, name);
	c = hits[0].c;
	free(hits);
	return c;
}

/* ---- encodings -------------------------------------------------------- */

static void test_utf8_file_imports_every_row(void **state)
{
	import_report r;
	(void)state;
	assert_int_equal(
		run(HEAD "Nguyễn Văn Đức,1975-09-02,male,Kinh,Bí thư Đảng ủy phường,27694\r\n"
			 "Lê Thị Hồng Nhung,12/05/1983,female,Kinh,Phó Chủ tịch UBND xã,27940\r\n",
		    &r),
		CB_OK);
	assert_int_equal(r.imported, 2);
	assert_int_equal(r.encoding, TEXT_ENC_UTF8);
	assert_int_equal(cadres(S), 2);
	cadre c = find_one(S, "Lê Thị Hồng Nhung");
	assert_string_equal(c.birth_date, "1983-05-12");
	assert_int_equal(c.gender, 2);
	assert_string_equal(c.unit_code, "27940");
	assert_int_equal(c.pos_rank, 4);
	import_report_free(&r);
}

static void test_utf8_bom_is_dropped_before_the_header(void **state)
{
	import_report r;
	(void)state;
	assert_int_equal(run("\xEF\xBB\xBF" HEAD
			     "Võ Thị Sáu,1980-01-01,female,Kinh,Chủ tịch HĐND phường,27694\r\n",
			     &r),
			 CB_OK);
	assert_int_equal(r.encoding, TEXT_ENC_UTF8_BOM);
	assert_int_equal(r.imported, 1);
	assert_string_equal(find_one(S, "Võ Thị Sáu").full_name, "Võ Thị Sáu");
	import_report_free(&r);
}

/* TCVN3: ễ D4, ă A8, Đ A7, ứ F8, í DD, ư AD, ả B6, ủ F1, ờ EA, â A9,
 * á B8. */
static void test_tcvn3_file_is_detected_and_converted(void **state)
{
	import_report r;
	(void)state;
	assert_int_equal(
		run("full_name,birth_date,gender,ethnicity,position,unit\r\n"
		    "Nguy\xD4n V\xA8n \xA7\xF8"
		    "c,02/09/1975,Nam,Kinh,B\xDD th\xAD \xA7\xB6ng \xF1y ph\xAD\xEAng,Ph\xAD"
		    "\xEAng T\xA9n Kh\xB8nh\r\n",
		    &r),
		CB_OK);
	assert_int_equal(r.encoding, TEXT_ENC_TCVN3);
	cadre c = find_one(S, "Nguyễn Văn Đức");
	assert_string_equal(c.position, "Bí thư Đảng ủy phường");
	assert_string_equal(c.unit_code, "27692");
	import_report_free(&r);
}

/* VNI: a letter then its marks: e + E3 = ễ, a + EA = ă, D1 = Đ, F6 = ư,
 * F9 = sắc, F4 = ơ, F8 = huyền, FB = hỏi. */
static void test_vni_file_is_detected_and_converted(void **state)
{
	import_report r;
	(void)state;
	assert_int_equal(run("full_name,birth_date,gender,ethnicity,position,unit\r\n"
			     "Nguye\xE3n Va\xEAn \xD1\xF6\xF9"
			     "c,02/09/1975,Nam,Kinh,Bi\xF9 th\xF6 \xD1"
			     "a\xFBng u\xFBy ph\xF6\xF4\xF8ng,Ph\xF6\xF4\xF8ng 1,Tha\xF8nh "
			     "pho\xE1 Ta\xE2n An\r\n",
			     &r),
			 CB_EINVALID); /* one cell too many: the header has 6 */
	import_report_free(&r);
	assert_int_equal(run("full_name,birth_date,gender,ethnicity,position,unit,district\r\n"
			     "Nguye\xE3n Va\xEAn \xD1\xF6\xF9"
			     "c,02/09/1975,Nam,Kinh,Bi\xF9 th\xF6 \xD1"
			     "a\xFBng u\xFBy ph\xF6\xF4\xF8ng,Ph\xF6\xF4\xF8ng 1,Tha\xF8nh "
			     "pho\xE1 Ta\xE2n An\r\n",
			     &r),
			 CB_OK);
	assert_int_equal(r.encoding, TEXT_ENC_VNI);
	cadre c = find_one(S, "Nguyễn Văn Đức");
	assert_string_equal(c.position, "Bí thư Đảng ủy phường");
	assert_string_equal(c.unit_code, "27694");
	import_report_free(&r);
}

static void test_encoding_given_overrides_detection(void **state)
{
	import_options o = {TEXT_ENC_UTF8, false, NULL};
	import_report r;
	const char *csv = HEAD "Nguy\xD4n V\xA8n \xA7\xF8"
			       "c,02/09/1975,Nam,Kinh,Bí thư,27694\r\n";
	(void)state;
	assert_int_equal(run_opts(S, csv, strlen(csv), &o, &r), CB_EINVALID);
	assert_int_equal(first_error(&r)->line, 2);
	assert_non_null(strstr(first_error(&r)->msg, "UTF-8"));
	assert_int_equal(cadres(S), 0);
	import_report_free(&r);
}

static void test_encoding_names(void **state)
{
	text_encoding e;
	(void)state;
	assert_true(import_encoding_from_name("tcvn3", &e));
	assert_int_equal(e, TEXT_ENC_TCVN3);
	assert_true(import_encoding_from_name("VNI", &e));
	assert_int_equal(e, TEXT_ENC_VNI);
	assert_true(import_encoding_from_name("utf8", &e));
	assert_int_equal(e, TEXT_ENC_UTF8);
	assert_true(import_encoding_from_name("auto", &e));
	assert_int_equal(e, TEXT_ENC_UNKNOWN);
	assert_false(import_encoding_from_name("latin1", &e));
}

/* ---- CSV ----------------------------------------------------------------- */

static void test_semicolon_separator_is_detected(void **state)
{
	import_report r;
	(void)state;
	assert_int_equal(
		run("full_name;birth_date;gender;ethnicity;position;unit_code\r\n"
		    "Trần Văn Bình;20/01/1970;Nam;Kinh;Phó Bí thư, Chủ tịch UBND xã;27940\r\n",
		    &r),
		CB_OK);
	assert_int_equal(r.separator, ';');
	assert_string_equal(find_one(S, "Trần Văn Bình").position, "Phó Bí thư, Chủ tịch UBND xã");
	import_report_free(&r);
}

static void test_quoted_fields_keep_commas_newlines_and_quotes(void **state)
{
	import_report r;
	(void)state;
	assert_int_equal(run("full_name,birth_date,gender,ethnicity,position,unit_code,notes\r\n"
			     "Đặng Thị Ánh,1979-03-08,female,Kinh,"
			     "\"Bí thư Chi bộ \"\"Khu phố 3\"\", Phường 1\",27694,"
			     "\"Dòng một\r\nDòng hai\"\r\n"
			     "Đinh Văn Ba,1970-01-20,male,Kinh,Chủ tịch UBND phường,27694,\r\n",
			     &r),
			 CB_OK);
	assert_int_equal(r.imported, 2);
	cadre c = find_one(S, "Đặng Thị Ánh");
	assert_string_equal(c.position, "Bí thư Chi bộ \"Khu phố 3\", Phường 1");
	assert_string_equal(c.notes, "Dòng một\nDòng hai");
	import_report_free(&r);
}

static void test_line_numbers_count_newlines_inside_quotes(void **state)
{
	import_report r;
	(void)state;
	assert_int_equal(run("full_name,birth_date,gender,ethnicity,position,unit_code,notes\r\n"
			     "Đặng Thị Ánh,1979-03-08,female,Kinh,Bí thư,27694,\"một\nhai\nba\"\r\n"
			     "Đinh Văn Ba,1970-13-20,male,Kinh,Chủ tịch,27694,\r\n",
			     &r),
			 CB_EINVALID);
	expect_error(&r, 5, "birth_date", "not a valid date");
	import_report_free(&r);
}

static void test_quote_left_open_names_the_line_it_opened_on(void **state)
{
	import_report r;
	(void)state;
	assert_int_equal(run(HEAD "Võ Văn Kiệt,1970-01-01,male,Kinh,\"Bí thư,27694\r\n"
				  "Lê Văn Tám,1971-01-01,male,Kinh,Bí thư,27694\r\n",
			     &r),
			 CB_EINVALID);
	expect_error(&r, 2, "", "never closed");
	assert_int_equal(cadres(S), 0);
	import_report_free(&r);
}

static void test_csv_reader_reads_lone_cr_line_ends_and_excel_sep_line(void **state)
{
	const char text[] = "sep=;\r\na;\"b\rc\"\rd;e";
	csv_reader rd;
	size_t skip;
	cb_error err;
	(void)state;
	assert_int_equal(csv_detect(text, strlen(text), &skip), ';');
	assert_int_equal(skip, 7);
	csv_init(&rd, text + skip, strlen(text) - skip, ';', 2);
	assert_int_equal(csv_next(&rd, &err), 1);
	assert_int_equal(rd.nfields, 2);
	assert_string_equal(csv_field(&rd, 1), "b\nc");
	assert_int_equal(csv_next(&rd, &err), 1);
	assert_int_equal(rd.line, 4);
	assert_string_equal(csv_field(&rd, 0), "d");
	assert_int_equal(csv_next(&rd, &err), 0);
	csv_free(&rd);
}

/* ---- headers ----------------------------------------------------------- */

static void test_vietnamese_headers_are_matched_without_accents_or_case(void **state)
{
	import_report r;
	(void)state;
	assert_int_equal(
		run("STT;HỌ VÀ TÊN;Ngay sinh;giới tính;Dân Tộc;Chức vụ;Đơn vị;"
		    "Trình độ chuyên môn;Lý luận chính trị\r\n"
		    "1;Phạm Thị Thu Hà;15/08/1985;Nữ;Tày;Phó Chủ tịch UBND xã;Xã Lộc Giang;"
		    "Thạc sĩ Quản lý công;Cao cấp lý luận chính trị\r\n",
		    &r),
		CB_OK);
	cadre c = find_one(S, "Phạm Thị Thu Hà");
	assert_int_equal(c.gender, 2);
	assert_string_equal(c.ethnicity, "Tày");
	assert_int_equal(c.education, 5);
	assert_int_equal(c.theory, 3);
	assert_string_equal(c.unit_code, "27940");
	import_report_free(&r);
}

static void test_title_lines_above_the_header_are_passed_over(void **state)
{
	import_report r;
	(void)state;
	assert_int_equal(run("DANH SÁCH CÁN BỘ LÃNH ĐẠO, QUẢN LÝ;;;;;\r\n;;;;;\r\n"
			     "Họ và tên;Ngày sinh;Giới tính;Dân tộc;Chức vụ;Đơn vị\r\n"
			     "Huỳnh Văn Nghệ;01/01/1972;Nam;Kinh;Bí thư Đảng ủy xã;Lộc Giang\r\n"
			     "Huỳnh Văn Nghệ;01/01/1972;Nam;Kinh;Bí thư Đảng ủy xã;Lộc Giang\r\n",
			     &r),
			 CB_EINVALID);
	expect_error(&r, 5, "Họ và tên", "line 4");
	import_report_free(&r);
}

static void test_missing_required_column_is_reported(void **state)
{
	import_report r;
	cb_error err = {0};
	import_options o = {TEXT_ENC_UNKNOWN, false, NULL};
	const char *csv = "full_name,birth_date,gender,position,unit\r\n"
			  "Lê Văn Tám,1971-01-01,male,Bí thư,27694\r\n";
	(void)state;
	assert_int_equal(import_cadres_text(S, &sf_cfg, csv, strlen(csv), &o, &r, &err),
			 CB_EINVALID);
	assert_non_null(strstr(err.msg, "Ethnicity"));
	assert_non_null(strstr(first_error(&r)->msg, "Dân tộc"));
	import_report_free(&r);
}

static void test_unknown_column_is_a_note_not_an_error(void **state)
{
	import_report r;
	(void)state;
	assert_int_equal(run("full_name,birth_date,gender,ethnicity,position,unit_code,Quê quán\r\n"
			     "Lê Văn Tám,1971-01-01,male,Kinh,Bí thư,27694,Long An\r\n",
			     &r),
			 CB_OK);
	assert_int_equal(r.imported, 1);
	assert_true(r.nissues >= 1);
	bool noted = false;
	for (size_t i = 0; i < r.nissues; i++)
		noted |= r.issues[i].warning && strcmp(r.issues[i].column, "Quê quán") == 0;
	assert_true(noted);
	import_report_free(&r);
}

/* ---- all or nothing -------------------------------------------------- */

static void test_one_bad_row_imports_nothing_and_names_its_line_and_column(void **state)
{
	import_report r;
	cb_error err = {0};
	import_options o = {TEXT_ENC_UNKNOWN, false, NULL};
	const char *csv = HEAD "Nguyễn Văn An,1970-01-01,male,Kinh,Bí thư,27694\r\n"
			       "Trần Thị Bé,31/02/1980,female,Kinh,Phó Bí thư,27694\r\n"
			       "Lý Văn Cường,1975-05-05,male,Khmer,Chủ tịch,27694\r\n";
	(void)state;
	assert_int_equal(import_cadres_text(S, &sf_cfg, csv, strlen(csv), &o, &r, &err),
			 CB_EINVALID);
	assert_int_equal(cadres(S), 0);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM audit"), 0);
	assert_int_equal(r.imported, 0);
	assert_int_equal(r.rows, 3);
	assert_int_equal(r.bad_rows, 1);
	expect_error(&r, 3, "birth_date", "31/02/1980");
	assert_non_null(strstr(err.msg, "1 of 3"));
	import_report_free(&r);
}

static void test_every_bad_row_is_reported_in_one_pass(void **state)
{
	import_report r;
	(void)state;
	assert_int_equal(run(HEAD "Nguyễn Văn An,1970-01-01,X,Kinh,Bí thư,27694\r\n"
				  "Trần Thị Bé,1980-02-02,female,Kinh,Phó Bí thư,99999\r\n"
				  "Lý Văn Cường,2015-05-05,male,,Chủ tịch,27694\r\n",
			     &r),
			 CB_EINVALID);
	expect_error(&r, 2, "gender", "\"X\" is not one of the choices");
	expect_error(&r, 3, "unit_code", "99999");
	expect_error(&r, 4, "ethnicity", "Ethnicity must not be empty");
	assert_int_equal(r.bad_rows, 3);
	assert_int_equal(cadres(S), 0);
	import_report_free(&r);
}

static void test_age_outside_the_range_is_reported_on_the_birth_date(void **state)
{
	import_report r;
	(void)state;
	assert_int_equal(run(HEAD "Lý Văn Cường,2015-05-05,male,Kinh,Chủ tịch,27694\r\n", &r),
			 CB_EINVALID);
	expect_error(&r, 2, "birth_date", "age");
	import_report_free(&r);
}

static void test_row_with_more_cells_than_the_header_is_reported(void **state)
{
	import_report r;
	(void)state;
	assert_int_equal(
		run(HEAD "Lê Văn Tám,1971-01-01,male,Kinh,Phó Bí thư, Chủ tịch UBND,27694\r\n", &r),
		CB_EINVALID);
	expect_error(&r, 2, "", "quotes");
	import_report_free(&r);
}

static void test_messages_are_in_the_ui_language(void **state)
{
	import_report r;
	(void)state;
	i18n_init("vi");
	assert_int_equal(run(HEAD "Trần Thị Bé,31/02/1980,female,Kinh,Phó Bí thư,27694\r\n", &r),
			 CB_EINVALID);
	i18n_init("en");
	expect_error(&r, 2, "birth_date", "không phải là ngày hợp lệ");
	import_report_free(&r);
}

static void test_dry_run_checks_and_writes_nothing(void **state)
{
	import_options o = {TEXT_ENC_UNKNOWN, true, NULL};
	import_report r;
	const char *csv = HEAD "Nguyễn Văn An,1970-01-01,male,Kinh,Bí thư,27694\r\n"
			       "Trần Thị Bé,1980-02-02,female,Kinh,Phó Bí thư,27940\r\n";
	(void)state;
	assert_int_equal(run_opts(S, csv, strlen(csv), &o, &r), CB_OK);
	assert_int_equal(r.rows, 2);
	assert_int_equal(r.imported, 0);
	assert_int_equal(cadres(S), 0);
	import_report_free(&r);
}

static void test_each_imported_cadre_has_its_audit_row(void **state)
{
	import_report r;
	(void)state;
	assert_int_equal(run(HEAD "Nguyễn Văn An,1970-01-01,male,Kinh,Bí thư,27694\r\n"
				  "Trần Thị Bé,1980-02-02,female,Kinh,Phó Bí thư,27940\r\n",
			     &r),
			 CB_OK);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM audit WHERE tbl = 'cadre'"
				     " AND action = 'insert'"),
			 2);
	import_report_free(&r);
}

static void test_nested_transaction_rolled_back_keeps_nothing(void **state)
{
	cb_error err;
	(void)state;
	assert_int_equal(store_begin(S, &err), CB_OK);
	sf_add(S, "Nguyễn Văn An", "1970-01-01", 1); /* its own begin/commit */
	assert_int_equal(cadres(S), 1);
	store_rollback(S);
	assert_int_equal(cadres(S), 0);
	sf_add(S, "Nguyễn Văn An", "1970-01-01", 1);
	assert_int_equal(cadres(S), 1);
}

/* ---- duplicates --------------------------------------------------------- */

static void test_cadre_already_in_the_database_is_a_duplicate(void **state)
{
	import_report r;
	(void)state;
	int64_t id = sf_add(S, "Nguyễn Văn An", "1970-01-01", 1);
	assert_int_equal(run(HEAD "Trần Thị Bé,1980-02-02,female,Kinh,Phó Bí thư,27940\r\n"
				  "Nguyễn Văn An,01/01/1970,male,Kinh,Bí thư,27940\r\n",
			     &r),
			 CB_EINVALID);
	char want[64];
	snprintf(want, sizeof want, "(id %lld)", (long long)id);
	expect_error(&r, 3, "full_name", want);
	assert_int_equal(cadres(S), 1);
	import_report_free(&r);
}

static void test_same_person_twice_in_the_file_is_a_duplicate(void **state)
{
	import_report r;
	(void)state;
	assert_int_equal(run(HEAD "Nguyễn Văn An,1970-01-01,male,Kinh,Bí thư,27694\r\n"
				  "Trần Thị Bé,1980-02-02,female,Kinh,Phó Bí thư,27940\r\n"
				  "Nguyễn Văn An,01/01/1970,male,Kinh,Bí thư,27940\r\n",
			     &r),
			 CB_EINVALID);
	expect_error(&r, 4, "full_name", "line 2");
	assert_int_equal(cadres(S), 0);
	import_report_free(&r);
}

static void test_namesakes_born_on_other_days_are_not_duplicates(void **state)
{
	import_report r;
	(void)state;
	sf_add(S, "Nguyễn Văn An", "1970-01-01", 1);
	assert_int_equal(run(HEAD "Nguyễn Văn An,1970-01-02,male,Kinh,Bí thư,27694\r\n", &r),
			 CB_OK);
	assert_int_equal(cadres(S), 2);
	import_report_free(&r);
}

/* ---- units, organisations, ranks --------------------------------------- */

static void test_unknown_unit_is_reported(void **state)
{
	import_report r;
	(void)state;
	assert_int_equal(run("full_name,birth_date,gender,ethnicity,position,unit\r\n"
			     "Lê Văn Tám,1971-01-01,male,Kinh,Bí thư,Xã Mỹ Yên\r\n",
			     &r),
			 CB_EINVALID);
	expect_error(&r, 2, "unit", "No unit named \"Xã Mỹ Yên\"");
	import_report_free(&r);
}

static void test_unit_name_shared_by_two_units_needs_the_district(void **state)
{
	import_report r;
	(void)state;
	assert_int_equal(run("full_name,birth_date,gender,ethnicity,position,unit\r\n"
			     "Lê Văn Tám,1971-01-01,male,Kinh,Bí thư,Phường 1\r\n",
			     &r),
			 CB_EINVALID);
	expect_error(&r, 2, "unit", "names 2 units");
	import_report_free(&r);
	assert_int_equal(
		run("full_name,birth_date,gender,ethnicity,position,unit,district\r\n"
		    "Lê Văn Tám,1971-01-01,male,Kinh,Bí thư,phuong 1,Thị xã Kiến Tường\r\n",
		    &r),
		CB_OK);
	assert_string_equal(find_one(S, "Lê Văn Tám").unit_code, "27787");
	import_report_free(&r);
}

static void test_unit_by_code_by_folded_name_or_without_its_kind(void **state)
{
	import_report r;
	(void)state;
	assert_int_equal(run("full_name,birth_date,gender,ethnicity,position,unit\r\n"
			     "Lê Văn Một,1971-01-01,male,Kinh,Bí thư,27931\r\n"
			     "Lê Văn Hai,1971-01-01,male,Kinh,Bí thư,XA LOC GIANG\r\n"
			     "Lê Văn Ba,1971-01-01,male,Kinh,Bí thư,Tân Khánh\r\n",
			     &r),
			 CB_OK);
	assert_string_equal(find_one(S, "Lê Văn Một").unit_code, "27931");
	assert_string_equal(find_one(S, "Lê Văn Hai").unit_code, "27940");
	assert_string_equal(find_one(S, "Lê Văn Ba").unit_code, "27692");
	import_report_free(&r);
}

static void test_scope_refuses_units_of_another_district(void **state)
{
	import_options o = {TEXT_ENC_UNKNOWN, false, "802"};
	import_report r;
	const char *csv = HEAD "Lê Văn Tám,1971-01-01,male,Kinh,Bí thư,27694\r\n";
	(void)state;
	/* refused as out of scope, not as a bad file */
	assert_int_equal(run_opts(S, csv, strlen(csv), &o, &r), CB_EACCESS);
	expect_error(&r, 2, "unit_code", "Huyện Đức Hòa");
	assert_int_equal(r.out_of_scope, 1);
	assert_int_equal(r.scope_lines[0], 2);
	import_report_free(&r);
}

static void test_rank_is_taken_from_the_position_when_no_column(void **state)
{
	import_report r;
	(void)state;
	assert_int_equal(
		run(HEAD "Lê Văn Một,1971-01-01,male,Kinh,Phó Bí thư Thường trực Đảng ủy,27940\r\n"
			 "Lê Văn Hai,1971-01-01,male,Kinh,Giám đốc Sở Nội vụ,80\r\n"
			 "Lê Văn Ba,1971-01-01,male,Kinh,Trưởng ban Tổ chức Huyện ủy,802\r\n",
		    &r),
		CB_OK);
	assert_int_equal(find_one(S, "Lê Văn Một").pos_rank, 2);
	assert_int_equal(find_one(S, "Lê Văn Hai").pos_rank, 5);
	assert_int_equal(find_one(S, "Lê Văn Ba").pos_rank, 7);
	import_report_free(&r);
	assert_int_equal(run(HEAD "Lê Văn Bốn,1971-01-01,male,Kinh,Cán bộ văn phòng,802\r\n", &r),
			 CB_EINVALID);
	expect_error(&r, 2, "position", "pos_rank");
	import_report_free(&r);
}

static int64_t add_org(store *s, const char *name, const char *unit)
{
	org_row o = {0};
	cb_error err;
	snprintf(o.name, sizeof o.name, "%s", name);
	o.kind = 7;
	o.unit_id = sf_unit(s, unit).id;
	assert_int_equal(store_org_insert(s, &o, &err), CB_OK);
	return o.id;
}

static void test_organisation_is_found_by_name_within_the_unit(void **state)
{
	import_report r;
	(void)state;
	int64_t mine = add_org(S, "Chi bộ Khu phố 1", "27694");
	add_org(S, "Chi bộ Khu phố 1", "27787");
	assert_int_equal(run("full_name,birth_date,gender,ethnicity,position,unit_code,org\r\n"
			     "Lê Văn Tám,1971-01-01,male,Kinh,Bí thư,27694,chi bo khu pho 1\r\n",
			     &r),
			 CB_OK);
	assert_int_equal(find_one(S, "Lê Văn Tám").org_id, mine);
	import_report_free(&r);
	assert_int_equal(run("full_name,birth_date,gender,ethnicity,position,unit_code,org\r\n"
			     "Lê Văn Chín,1971-01-01,male,Kinh,Bí thư,27940,Chi bộ Khu phố 1\r\n",
			     &r),
			 CB_EINVALID);
	expect_error(&r, 2, "org", "names 2 party organisations");
	import_report_free(&r);
}

/* ---- round trips -------------------------------------------------------- */

/* A varied list: four units of three tiers, both genders, a position with
 * a comma and quotes, every education and theory level somewhere. */
static void fill_source(store *s)
{
	static const struct {
		const char *name, *birth, *unit, *position;
		int gender, rank, education, theory;
	} rows[] = {
		{"Nguyễn Thị Ánh Tuyết", "1978-09-02", "27694", "Bí thư Đảng ủy phường", 2, 1, 4,
		 3},
		{"Trần Văn Bình", "1970-01-20", "27787", "Phó Bí thư, Chủ tịch UBND phường", 1, 2,
		 5, 2},
		{"Đặng Văn Đức", "1965-12-31", "802", "Trưởng Ban Tổ chức \"Huyện ủy\"", 1, 7, 6,
		 4},
		{"H'Hen Niê", "1990-04-30", "27940", "Phó Chủ tịch Hội Nông dân xã", 2, 8, 2, 1},
		{"Lâm Thị Mỹ", "1985-07-07", "80", "Giám đốc Sở Tư pháp", 2, 5, 3, 0},
		{"Ông Văn Ích", "1975-03-03", "27931", "Chủ tịch UBND thị trấn", 1, 3, 1, 3},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		cadre cd;
		cb_error err;
		sf_cadre(s, &cd, rows[i].name, rows[i].birth, rows[i].gender);
		cd.unit_id = sf_unit(s, rows[i].unit).id;
		snprintf(cd.position, sizeof cd.position, "%s", rows[i].position);
		snprintf(cd.ethnicity, sizeof cd.ethnicity, "%s", i == 3 ? "Ê Đê" : "Kinh");
		cd.pos_rank = rows[i].rank;
		cd.education = rows[i].education;
		cd.theory = rows[i].theory;
		cd.managed = i % 2;
		cd.is_head = i % 3 == 0;
		if (i == 1)
			snprintf(cd.party_joined, sizeof cd.party_joined, "1995-05-19");
		/* one membership whose Vietnamese label holds a comma, and three
		 * at once; notes over two lines */
		cd.committees = i == 0 ? 64 : i == 2 ? 1 | 8 | 64 : 0;
		if (i == 2)
			snprintf(cd.notes, sizeof cd.notes,
				 "Khen thưởng 2020,\n\"Huân chương\"; hạng Ba");
		if (store_cadre_insert(s, &cd, &sf_cfg, &err))
			fail_msg("%s: %s", rows[i].name, err.msg);
	}
}

/* Every cadre of s in list order (*n of them; free() the array). */
static search_hit *everyone(store *s, size_t *n)
{
	search_query q = {0};
	search_hit *hits = NULL;
	cb_error err;
	filter_init(&q.filter);
	q.sort = SORT_NAME;
	assert_int_equal(search_fetch(s, &q, 0, false, 0, &hits, n, &err), CB_OK);
	return hits;
}

/* Writes S's cadres as CSV in layout (the one `canbo find` or the export
 * screen writes), imports them into a new empty database with the same
 * units, and returns that database. */
static store *round_trip_as(enum out_cadre_layout layout, bool labels, bool with_org)
{
	char *csv = NULL, path[300];
	size_t len = 0, n, ncols;
	FILE *f = open_memstream(&csv, &len);
	const out_column *cols =
		labels ? out_cadre_columns_labelled(&ncols) : out_cadre_columns(layout, &ncols);
	out_writer *o = out_begin(f, labels ? OUT_CSV_LABELS : OUT_CSV, cols, ncols);
	search_hit *hits = everyone(S, &n);
	import_options opt = {TEXT_ENC_UNKNOWN, false, NULL};
	import_report r;
	cb_error err;
	store *t = NULL;

	for (size_t i = 0; i < n; i++)
		if (labels)
			out_cadre_row_labelled(o, &hits[i].c);
		else
			out_cadre_row(o, layout, &hits[i].c, sf_cfg.tiers);
	assert_int_equal(out_end(o), 0);
	fclose(f);
	free(hits);
	static int trips; /* a new database each time */
	snprintf(path, sizeof path, "%s/empty-%d.db", sf_dir, trips++);
	assert_int_equal(store_open(&t, path, STORE_CREATE, &err), CB_OK);
	assert_int_equal(store_sync_units(t, &sf_cfg, &err), CB_OK);
	if (with_org)
		add_org(t, "Chi bộ Khu phố 1", "27694");
	if (run_opts(t, csv, len, &opt, &r) != CB_OK)
		fail_msg("round trip import failed: %s",
			 r.nissues ? r.issues[r.nissues - 1].msg : "?");
	assert_int_equal(r.imported, n);
	import_report_free(&r);
	free(csv);
	return t;
}

static store *round_trip(enum out_cadre_layout layout, bool with_org)
{
	return round_trip_as(layout, false, with_org);
}

static void expect_same(store *t, bool full)
{
	size_t n, m;
	search_hit *a = everyone(S, &n), *b = everyone(t, &m);

	assert_int_equal(n, m);
	for (size_t i = 0; i < n; i++) {
		const cadre *x = &a[i].c, *y = &b[i].c;
		assert_string_equal(x->full_name, y->full_name);
		assert_string_equal(x->birth_date, y->birth_date);
		assert_int_equal(x->gender, y->gender);
		assert_string_equal(x->ethnicity, y->ethnicity);
		assert_string_equal(x->position, y->position);
		assert_string_equal(x->unit_code, y->unit_code);
		assert_int_equal(x->level, y->level);
		assert_int_equal(x->education, y->education);
		assert_int_equal(x->theory, y->theory);
		if (!full)
			continue;
		assert_int_equal(x->pos_rank, y->pos_rank);
		assert_string_equal(x->org_name, y->org_name);
		assert_int_equal(x->managed, y->managed);
		assert_int_equal(x->is_head, y->is_head);
		assert_string_equal(x->party_joined, y->party_joined);
		assert_int_equal(x->committees, y->committees);
		assert_string_equal(x->notes, y->notes);
	}
	free(a);
	free(b);
}

/* find's CSV carries every field the import takes, the position rank,
 * organisation and committee memberships included. */
static void test_round_trip_through_find_csv_gives_the_same_cadres(void **state)
{
	cadre c;
	cb_error err;
	(void)state;
	fill_source(S);
	c = find_one(S, "Nguyễn Thị Ánh Tuyết");
	c.org_id = add_org(S, "Chi bộ Khu phố 1", "27694");
	assert_int_equal(store_cadre_update(S, &c, &sf_cfg, &err), CB_OK);
	store *t = round_trip(OUT_CADRE_FIND, true);
	expect_same(t, true);
	store_close(t);
}

static void test_round_trip_through_export_csv_keeps_every_exported_field(void **state)
{
	cadre c;
	cb_error err;
	(void)state;
	fill_source(S);
	c = find_one(S, "Nguyễn Thị Ánh Tuyết");
	c.org_id = add_org(S, "Chi bộ Khu phố 1", "27694");
	assert_int_equal(store_cadre_update(S, &c, &sf_cfg, &err), CB_OK);
	store *t = round_trip(OUT_CADRE_EXPORT, true);
	expect_same(t, true);
	store_close(t);
}

static void test_round_trip_keeps_texts_a_spreadsheet_would_take_for_formulas(void **state)
{
	static const char *const positions[] = {"=cmd|' /C calc'!A0", "+84 Phó Chủ tịch",
						"-Trưởng phòng", "@Chánh Văn phòng",
						"'=đã có nháy"};
	(void)state;
	for (size_t i = 0; i < sizeof positions / sizeof positions[0]; i++) {
		cadre cd;
		cb_error err;
		char name[64];
		snprintf(name, sizeof name, "%sNguyễn Văn An %zu", i == 0 ? "=" : "", i);
		sf_cadre(S, &cd, name, "1980-01-01", 1);
		cd.unit_id = sf_unit(S, "27694").id;
		snprintf(cd.position, sizeof cd.position, "%s", positions[i]);
		if (store_cadre_insert(S, &cd, &sf_cfg, &err))
			fail_msg("%s: %s", positions[i], err.msg);
	}
	store *t = round_trip(OUT_CADRE_EXPORT, false);
	expect_same(t, false);
	store_close(t);
}

static void test_invisible_and_bidi_characters_are_refused_by_line_and_column(void **state)
{
	import_report r;
	(void)state;
	assert_int_equal(run(HEAD "Nguyễn Văn Đức,1975-09-02,male,Kinh,Bí thư,27694\r\n"
				  "Nguy\xE2\x80\x8Bễn Văn Đức,1975-09-02,male,Kinh,Bí thư,27694\r\n"
				  "Lê Thị Hoa,1980-01-01,female,Kinh,Phó \xE2\x80\xAE"
				  "Chủ tịch,27694\r\n",
			     &r),
			 CB_EINVALID);
	expect_error(&r, 3, "full_name", "U+200B");
	expect_error(&r, 4, "position", "U+202E");
	assert_int_equal(r.bad_rows, 2);
	assert_int_equal(cadres(S), 0);
	import_report_free(&r);
}

static void test_file_without_a_header_line_is_reported(void **state)
{
	import_report r;
	(void)state;
	/* read twice from the start (a header is looked for, none found):
	 * the reader's buffer must not be lost - valgrind checks this test */
	assert_int_equal(run("a,b\r\n1,2\r\n", &r), CB_EINVALID);
	assert_int_equal(cadres(S), 0);
	import_report_free(&r);
}

/* The export for spreadsheets (BOM, headers and labels in the UI
 * language, dd/mm/yyyy) reads back into the same cadres, in either
 * language, and its text starts with the byte-order mark. */
static void test_round_trip_through_the_spreadsheet_export_in_both_languages(void **state)
{
	static const char *const langs[] = {"vi", "en"};
	cadre c;
	cb_error err;
	(void)state;
	fill_source(S);
	c = find_one(S, "Nguyễn Thị Ánh Tuyết");
	c.org_id = add_org(S, "Chi bộ Khu phố 1", "27694");
	assert_int_equal(store_cadre_update(S, &c, &sf_cfg, &err), CB_OK);
	for (size_t i = 0; i < 2; i++) {
		i18n_init(langs[i]);
		store *t = round_trip_as(OUT_CADRE_EXPORT, true, true);
		expect_same(t, true);
		store_close(t);
	}
	i18n_init("vi");
}

/* The rule a file without a pos_rank column is read by, which the cadre
 * form offers too: the position's first words, the unit's tier. */
static void test_position_words_tell_the_rank(void **state)
{
	int rank = 0;
	(void)state;
	assert_true(import_rank_from_position("Phó Bí thư Đảng ủy xã", 3, &rank));
	assert_int_equal(rank, 2);
	assert_true(import_rank_from_position("BÍ THƯ Huyện ủy", 2, &rank));
	assert_int_equal(rank, 1);
	assert_true(import_rank_from_position("Giám đốc Sở Y tế", 1, &rank));
	assert_int_equal(rank, 5);
	assert_true(import_rank_from_position("Giám đốc Trung tâm", 2, &rank));
	assert_int_equal(rank, 7);
	assert_true(import_rank_from_position("Phó Trưởng phòng Nội vụ", 2, &rank));
	assert_int_equal(rank, 8);
	rank = 0;
	assert_false(import_rank_from_position("Chuyên viên", 3, &rank));
	assert_false(import_rank_from_position("Bí", 3, &rank));
	assert_false(import_rank_from_position("", 3, &rank));
	assert_int_equal(rank, 0);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, sf_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_utf8_file_imports_every_row),
		T(test_utf8_bom_is_dropped_before_the_header),
		T(test_tcvn3_file_is_detected_and_converted),
		T(test_vni_file_is_detected_and_converted),
		T(test_encoding_given_overrides_detection),
		T(test_encoding_names),
		T(test_semicolon_separator_is_detected),
		T(test_quoted_fields_keep_commas_newlines_and_quotes),
		T(test_line_numbers_count_newlines_inside_quotes),
		T(test_quote_left_open_names_the_line_it_opened_on),
		T(test_csv_reader_reads_lone_cr_line_ends_and_excel_sep_line),
		T(test_vietnamese_headers_are_matched_without_accents_or_case),
		T(test_title_lines_above_the_header_are_passed_over),
		T(test_missing_required_column_is_reported),
		T(test_unknown_column_is_a_note_not_an_error),
		T(test_one_bad_row_imports_nothing_and_names_its_line_and_column),
		T(test_every_bad_row_is_reported_in_one_pass),
		T(test_age_outside_the_range_is_reported_on_the_birth_date),
		T(test_row_with_more_cells_than_the_header_is_reported),
		T(test_messages_are_in_the_ui_language),
		T(test_dry_run_checks_and_writes_nothing),
		T(test_each_imported_cadre_has_its_audit_row),
		T(test_nested_transaction_rolled_back_keeps_nothing),
		T(test_cadre_already_in_the_database_is_a_duplicate),
		T(test_same_person_twice_in_the_file_is_a_duplicate),
		T(test_namesakes_born_on_other_days_are_not_duplicates),
		T(test_unknown_unit_is_reported),
		T(test_unit_name_shared_by_two_units_needs_the_district),
		T(test_unit_by_code_by_folded_name_or_without_its_kind),
		T(test_scope_refuses_units_of_another_district),
		T(test_rank_is_taken_from_the_position_when_no_column),
		T(test_organisation_is_found_by_name_within_the_unit),
		T(test_round_trip_through_find_csv_gives_the_same_cadres),
		T(test_round_trip_through_export_csv_keeps_every_exported_field),
		T(test_round_trip_keeps_texts_a_spreadsheet_would_take_for_formulas),
		T(test_invisible_and_bidi_characters_are_refused_by_line_and_column),
		T(test_file_without_a_header_line_is_reported),
		T(test_round_trip_through_the_spreadsheet_export_in_both_languages),
		T(test_position_words_tell_the_rank),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
