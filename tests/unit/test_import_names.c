/* test_import_names.c - importing names as real lists write them: the
 * duplicate check compares canonical names (case, tone placement, NFD),
 * files in Windows-1258 and UTF-16 are read, TCVN3 names typed in
 * capitals keep their capitals, and a file whose lines disagree on the
 * encoding is refused with the lines named and nothing imported. */
#include "store_fixture.h"

#include <stdio.h>
#include <utf8proc.h>

#include "i18n.h"
#include "import.h"

#define HEAD "full_name,birth_date,gender,ethnicity,position,unit_code\r\n"

static int setup(void **state)
{
	(void)state;
	i18n_init("en");
	S = sf_open();
	return 0;
}

static int64_t cadres(void)
{
	return sf_count(S, "SELECT count(*) FROM cadre");
}

static int run(const char *csv, size_t len, import_report *r)
{
	import_options o = {TEXT_ENC_UNKNOWN, false, NULL};
	cb_error err = {0};
	return import_cadres_text(S, &sf_cfg, csv, len, &o, r, &err);
}

static bool has_error(const import_report *r, size_t line, const char *part)
{
	for (size_t i = 0; i < r->nissues; i++)
		if (!r->issues[i].warning && r->issues[i].line == line &&
		    strstr(r->issues[i].msg, part))
			return true;
	for (size_t i = 0; i < r->nissues; i++)
		fprintf(stderr, "  %zu %s\n", r->issues[i].line, r->issues[i].msg);
	return false;
}

static void test_tone_placement_and_case_make_the_same_person(void **state)
{
	static const char csv[] =
		HEAD "Lê Văn Hòa,1970-01-01,male,Kinh,Bí thư,27940\r\n"
		     "Lê Văn Hoà,01/01/1970,male,Kinh,Bí thư,27694\r\n"
		     "Nguyễn Thị Thủy,1980-02-02,female,Kinh,Phó Bí thư,27940\r\n"
		     "NGUYỄN THỊ THỦY,1980-02-02,female,Kinh,Phó Bí thư,27694\r\n";
	import_report r;

	(void)state;
	assert_int_equal(run(csv, sizeof csv - 1, &r), CB_EINVALID);
	assert_true(has_error(&r, 3, "line 2"));
	assert_true(has_error(&r, 5, "line 4"));
	assert_int_equal(cadres(), 0);
	import_report_free(&r);
}

static void test_stored_cadre_in_another_spelling_is_a_duplicate(void **state)
{
	static const char csv[] =
		HEAD "NGUYỄN THỊ THUỶ,1980-02-02,female,Kinh,Phó Bí thư,27940\r\n";
	import_report r;
	char want[32];

	(void)state;
	int64_t id = sf_add(S, "Nguyễn Thị Thủy", "1980-02-02", 2);
	assert_int_equal(run(csv, sizeof csv - 1, &r), CB_EINVALID);
	snprintf(want, sizeof want, "(id %lld)", (long long)id);
	assert_true(has_error(&r, 2, want));
	assert_int_equal(cadres(), 1);
	import_report_free(&r);
	/* another tone is another name */
	static const char other[] =
		HEAD "Nguyễn Thị Thúy,1980-02-02,female,Kinh,Phó Bí thư,27940\r\n";
	assert_int_equal(run(other, sizeof other - 1, &r), CB_OK);
	assert_int_equal(cadres(), 2);
	import_report_free(&r);
}

/* Windows-1258 as Excel writes it: tones as combining bytes (CC, EC, D2,
 * DE, F2) after the letter. "Nguyễn Văn Được": ễ = EA DE, ă = E3, Đ = D0,
 * ư = FD, ợ = D5 F2. */
static void test_windows_1258_file_is_imported(void **state)
{
	static const char csv[] = HEAD "Nguy\xEA\xDEn V\xE3n \xD0\xFD\xF5\xF2"
				       "c,1975-09-02,male,Kinh,B\xED th\xFD,27694\r\n";
	import_report r;

	(void)state;
	assert_int_equal(run(csv, sizeof csv - 1, &r), CB_OK);
	assert_int_equal(r.encoding, TEXT_ENC_CP1258);
	assert_int_equal(sf_count(S,
				  "SELECT count(*) FROM cadre WHERE full_name = 'Nguyễn Văn Được'"
				  " AND position = 'Bí thư'"),
			 1);
	import_report_free(&r);
}

static void test_tcvn3_names_in_capitals_keep_them(void **state)
{
	/* NGUYỄN THỊ LÝ, ĐỖ VĂN Ý in .VnTimeH: toned letters as small codes */
	static const char csv[] =
		HEAD "NGUY\xD4N TH\xDE L\xFD,1975-09-02,female,Kinh,B\xDD th\xAD,27694\r\n"
		     "\xA7\xE7 V\xA1N \xFD,1976-01-03,male,Kinh,B\xDD th\xAD,27694\r\n";
	import_report r;

	(void)state;
	assert_int_equal(run(csv, sizeof csv - 1, &r), CB_OK);
	assert_int_equal(r.encoding, TEXT_ENC_TCVN3);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM cadre WHERE full_name IN"
				     " ('NGUYỄN THỊ LÝ', 'ĐỖ VĂN Ý')"),
			 2);
	import_report_free(&r);
}

static void test_utf16_file_is_imported(void **state)
{
	static const char row[] = HEAD "Lê Thị Hồng,1983-05-12,female,Kinh,Bí thư,27940\r\n";
	char csv[512];
	size_t n = 0;
	const char *p = row;

	(void)state;
	csv[n++] = '\xFF';
	csv[n++] = '\xFE';
	while (*p) {
		utf8proc_int32_t cp;
		p += utf8proc_iterate((const utf8proc_uint8_t *)p, -1, &cp);
		csv[n++] = (char)(cp & 0xFF);
		csv[n++] = (char)(cp >> 8);
	}
	import_report r;
	assert_int_equal(run(csv, n, &r), CB_OK);
	assert_int_equal(r.encoding, TEXT_ENC_UTF16LE);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM cadre WHERE full_name = 'Lê Thị Hồng'"),
			 1);
	import_report_free(&r);
}

static void test_utf8_file_with_tcvn3_rows_is_refused_naming_them(void **state)
{
	static const char csv[] = HEAD "Lê Văn Hòa,1970-01-01,male,Kinh,Bí thư,27940\r\n"
				       "Tr\xC7n Th\xDE B\xDD"
				       "ch,1980-02-02,female,Kinh,B\xDD th\xAD,27694\r\n"
				       "Nguyễn Văn An,1970-01-01,male,Kinh,Bí thư,27940\r\n";
	import_report r;

	(void)state;
	assert_int_equal(run(csv, sizeof csv - 1, &r), CB_EINVALID);
	assert_true(has_error(&r, 0, "lines 2, 4 are UTF-8, lines 3 are not"));
	assert_int_equal(cadres(), 0);
	import_report_free(&r);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, sf_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_tone_placement_and_case_make_the_same_person),
		T(test_stored_cadre_in_another_spelling_is_a_duplicate),
		T(test_windows_1258_file_is_imported),
		T(test_tcvn3_names_in_capitals_keep_them),
		T(test_utf16_file_is_imported),
		T(test_utf8_file_with_tcvn3_rows_is_refused_naming_them),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
