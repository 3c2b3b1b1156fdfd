/* test_text_viet.c - Vietnamese text against the published tables and
 * real spellings: every one of the 134 letters with marks, in both cases,
 * through TCVN3, VNI-Windows and Windows-1258 (bytes from the published
 * converter tables, viet_tables.h); names typed in capitals and in title
 * case; detection of Windows-1258, UTF-16, mixed files and ties; the
 * punctuation of ABC files; tone-exact matching; canonical names for the
 * duplicate check; widths of Khmer spacing marks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <utf8proc.h>

#include "fixture.h"
#include "i18n.h"
#include "text.h"
#include "viet_tables.h"

enum table { T_TCVN3, T_VNI, T_CP1258 };

static const text_encoding table_enc[] = {TEXT_ENC_TCVN3, TEXT_ENC_VNI, TEXT_ENC_CP1258};

static const char *table_bytes(const struct viet_letter *l, enum table t)
{
	return t == T_TCVN3 ? l->tcvn3 : t == T_VNI ? l->vni : l->cp1258;
}

static void utf8_of(uint32_t cp, char *buf)
{
	utf8proc_ssize_t n = utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)buf);
	buf[n] = '\0';
}

/* Encodes UTF-8 text (NFC) with a published table: ASCII stays ASCII. */
static void encode(const char *s, enum table t, char *out, size_t cap)
{
	size_t n = 0;

	while (*s) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp);
		const char *bytes = NULL;
		char one[2] = {*s, '\0'};
		assert_true(k > 0);
		if (cp < 0x80) {
			bytes = one;
		} else {
			for (size_t i = 0; i < 134 && !bytes; i++)
				if (viet_letters[i].cp == (uint32_t)cp)
					bytes = table_bytes(&viet_letters[i], t);
		}
		if (!bytes)
			fail_msg("U+%04X is not in the tables", (unsigned)cp);
		assert_true(n + strlen(bytes) < cap);
		memcpy(out + n, bytes, strlen(bytes));
		n += strlen(bytes);
		s += k;
	}
	out[n] = '\0';
}

static void expect_converted(const char *in, size_t len, text_encoding enc, const char *want)
{
	char *got = NULL;
	cb_error err = {0};

	if (text_from_legacy(in, len, enc, &got, &err) != CB_OK)
		fail_msg("conversion to \"%s\" failed: %s", want, err.msg);
	if (strcmp(got, want) != 0)
		fail_msg("got \"%s\", expected \"%s\" (%s)", got, want, text_encoding_name(enc));
	free(got);
}

static void expect_refused(const char *in, size_t len, const char *needle)
{
	char *got = NULL;
	cb_error err = {0};

	if (text_from_legacy(in, len, TEXT_ENC_UNKNOWN, &got, &err) == CB_OK)
		fail_msg("converted to \"%s\", expected a refusal", got);
	if (!strstr(err.msg, needle))
		fail_msg("message \"%s\" does not name \"%s\"", err.msg, needle);
}

/* ---- the published tables, letter by letter ----------------------------- */

static void test_vni_and_windows_1258_every_letter_both_cases(void **state)
{
	char want[8], in[32];

	(void)state;
	for (size_t i = 0; i < 134; i++) {
		const struct viet_letter *l = &viet_letters[i];
		utf8_of(l->cp, want);
		expect_converted(l->vni, strlen(l->vni), TEXT_ENC_VNI, want);
		expect_converted(l->cp1258, strlen(l->cp1258), TEXT_ENC_CP1258, want);
		/* inside a word too: the marks attach to the letter before */
		snprintf(in, sizeof in, "b%sn", l->vni);
		char word[16];
		snprintf(word, sizeof word, "b%sn", want);
		expect_converted(in, strlen(in), TEXT_ENC_VNI, word);
	}
}

static void test_tcvn3_every_small_letter(void **state)
{
	char want[8];

	(void)state;
	for (size_t i = 0; i < 67; i++) {
		utf8_of(viet_letters[i].cp, want);
		expect_converted(viet_letters[i].tcvn3, strlen(viet_letters[i].tcvn3),
				 TEXT_ENC_TCVN3, want);
	}
}

/* TCVN3 capitals are the small codes drawn by the capital font: the other
 * words of the name say which case was meant. */
static void test_tcvn3_every_capital_in_capitals_and_title_case(void **state)
{
	char want[64], in[64], cap[8];

	(void)state;
	for (size_t i = 67; i < 134; i++) {
		const char *t = viet_letters[i].tcvn3;
		utf8_of(viet_letters[i].cp, cap);
		snprintf(in, sizeof in, "V\xA1N B%sN", t);
		snprintf(want, sizeof want, "VĂN B%sN", cap);
		expect_converted(in, strlen(in), TEXT_ENC_TCVN3, want);
		snprintf(in, sizeof in, "V\xA8n %snh", t);
		snprintf(want, sizeof want, "Văn %snh", cap);
		expect_converted(in, strlen(in), TEXT_ENC_TCVN3, want);
		/* one-letter word at the end of a name in capitals */
		snprintf(in, sizeof in, "NGUY\xD4N TH\xDE %s", t);
		snprintf(want, sizeof want, "NGUYỄN THỊ %s", cap);
		expect_converted(in, strlen(in), TEXT_ENC_TCVN3, want);
	}
	/* words of one capital each, all their other letters toned: title case */
	expect_converted("X\xB7 M\xFC L\xD6", 8, TEXT_ENC_TCVN3, "Xã Mỹ Lệ");
}

/* ---- names, detected ------------------------------------------------------ */

static const char names_list[] = "Họ và tên,Ngày sinh\r\n"
				 "Trần Thị Ánh Tuyết,1980-01-02\r\n"
				 "Phạm Ngọc Ý,1975-03-04\r\n"
				 "Lê Văn Hoà,1969-05-06\r\n"
				 "Nguyễn Thị Thủy,1990-07-08\r\n"
				 "Ông Ích Khiêm,1985-09-10\r\n"
				 "LÝ THƯỜNG KIỆT,1972-11-12\r\n"
				 "ĐỖ MƯỜI,1960-12-13\r\n"
				 "NGUYỄN THỊ Ý,1988-02-14\r\n"
				 "ỨNG VĂN ẨN,1977-04-15\r\n";

static void test_names_in_each_table_are_detected_and_converted(void **state)
{
	char in[1024];

	(void)state;
	for (int t = T_TCVN3; t <= T_CP1258; t++) {
		encode(names_list, (enum table)t, in, sizeof in);
		assert_int_equal(text_detect_encoding(in, strlen(in)), table_enc[t]);
		expect_converted(in, strlen(in), TEXT_ENC_UNKNOWN, names_list);
	}
}

static void test_windows_1258_is_not_taken_for_tcvn3(void **state)
{
	char in[256];

	(void)state;
	encode("Nguyễn Văn Được,Đắk Lắk\r\n", T_CP1258, in, sizeof in);
	assert_int_equal(text_detect_encoding(in, strlen(in)), TEXT_ENC_CP1258);
	expect_converted(in, strlen(in), TEXT_ENC_UNKNOWN, "Nguyễn Văn Được,Đắk Lắk\r\n");
}

/* A VNI "Lê" reads "Leõ" in TCVN3: a tone where no word carries one. */
static void test_vni_reading_wins_over_a_tcvn3_tone_out_of_place(void **state)
{
	(void)state;
	assert_int_equal(text_detect_encoding("Le\xE2", 3), TEXT_ENC_VNI);
	expect_converted("Le\xE2", 3, TEXT_ENC_UNKNOWN, "Lê");
	/* "Coõng" is a syllable only of loanwords' shape */
	expect_converted("Co\xE2ng", 5, TEXT_ENC_UNKNOWN, "Công");
	expect_converted("Le\xE2 Va\xEAn Ho\xF8"
			 "a",
			 13, TEXT_ENC_UNKNOWN, "Lê Văn Hòa");
}

/* Bytes that read as Vietnamese equally well in two tables are not
 * guessed: the user is asked for the encoding. */
static void test_a_tie_is_not_guessed(void **state)
{
	/* E0 E0 E0 is "ààà" in all three tables: no Vietnamese word, and no
	 * reading better than another */
	(void)state;
	assert_int_equal(text_detect_encoding("\xE0\xE0\xE0", 3), TEXT_ENC_UNKNOWN);
	expect_refused("\xE0\xE0\xE0", 3, "CSV UTF-8");
}

/* ---- Windows punctuation in ABC files ------------------------------------ */

static void test_tcvn3_high_bytes_are_windows_punctuation(void **state)
{
	(void)state;
	static const char dashes[] = "\x96 \x97 \x93x\x94 \x91y\x92 \x85";
	static const char name[] = "Nguy\xD4n V\xA8n A \x96 \x93\xA7\xB6ng \xF1y x\xB7\x94";

	expect_converted(dashes, sizeof dashes - 1, TEXT_ENC_TCVN3, "– — “x” ‘y’ …");
	expect_converted(name, sizeof name - 1, TEXT_ENC_TCVN3, "Nguyễn Văn A – “Đảng ủy xã”");
	assert_int_equal(text_detect_encoding(name, sizeof name - 1), TEXT_ENC_TCVN3);
}

static void test_unaccented_windows_text_with_a_dash_is_not_tcvn3(void **state)
{
	const char in[] = "Ho ten,Ghi chu\r\nNguyen Van A,Ha Noi \x96 Hai Phong\r\n";

	(void)state;
	assert_int_not_equal(text_detect_encoding(in, strlen(in)), TEXT_ENC_TCVN3);
	expect_converted(in, strlen(in), TEXT_ENC_UNKNOWN,
			 "Ho ten,Ghi chu\r\nNguyen Van A,Ha Noi – Hai Phong\r\n");
}

/* ---- UTF-16 and mixed files ---------------------------------------------- */

static size_t to_utf16(const char *s, bool little, bool bom, char *out)
{
	size_t n = 0;

	if (bom) {
		out[n++] = little ? '\xFF' : '\xFE';
		out[n++] = little ? '\xFE' : '\xFF';
	}
	while (*s) {
		utf8proc_int32_t cp;
		s += utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp);
		out[n++] = (char)(little ? cp & 0xFF : cp >> 8);
		out[n++] = (char)(little ? cp >> 8 : cp & 0xFF);
	}
	return n;
}

static void test_utf16_is_named_and_converted(void **state)
{
	const char *text = "Họ và tên\nNguyễn Thị Thủy\n";
	char in[128];
	size_t n;

	(void)state;
	n = to_utf16(text, true, true, in);
	assert_int_equal(text_detect_encoding(in, n), TEXT_ENC_UTF16LE);
	expect_converted(in, n, TEXT_ENC_UNKNOWN, text);
	n = to_utf16(text, false, true, in);
	assert_int_equal(text_detect_encoding(in, n), TEXT_ENC_UTF16BE);
	expect_converted(in, n, TEXT_ENC_UNKNOWN, text);
	n = to_utf16(text, true, false, in); /* no BOM: the NUL bytes say it */
	assert_int_equal(text_detect_encoding(in, n), TEXT_ENC_UTF16LE);
	expect_converted(in, n, TEXT_ENC_UNKNOWN, text);
	assert_string_equal(text_encoding_name(TEXT_ENC_UTF16LE), "UTF-16LE");
}

static void test_utf8_rows_with_tcvn3_rows_are_refused_naming_lines(void **state)
{
	char in[512], tcvn[128];

	(void)state;
	encode("Trần Thị Bích", T_TCVN3, tcvn, sizeof tcvn);
	snprintf(in, sizeof in, "Họ và tên\nNguyễn Văn An\n%s\nLê Văn Hòa\n%s\n", tcvn, tcvn);
	assert_int_equal(text_detect_encoding(in, strlen(in)), TEXT_ENC_MIXED);
	expect_refused(in, strlen(in), "lines 1, 2, 4 are UTF-8, lines 3, 5 are not");
}

static void test_mostly_utf8_file_with_one_bad_row_names_it(void **state)
{
	const char in[] = "Họ và tên\nNguyễn Văn An\nLê \xFF Bình\nTrần Thị Cúc\n";

	(void)state;
	expect_refused(in, strlen(in), "lines 3 are not");
}

/* ---- tone-exact matching ---------------------------------------------- */

static void test_marked_query_matches_the_beginning_as_written(void **state)
{
	(void)state;
	assert_false(text_match_spelled("Nguyễn Văn Thiện", "Thị"));
	assert_true(text_match_spelled("Nguyễn Thị Hoa", "Thị"));
	assert_false(text_match_spelled("Lê Quyết", "Quý"));
	assert_true(text_match_spelled("Lê Văn Quý", "Quý"));
	assert_false(text_match_spelled("Hoàng Văn A", "hò"));
	assert_true(text_match_spelled("Hò Văn A", "hò"));
	assert_false(text_match_spelled("Nguyễn Thuần", "thù"));
	assert_true(text_match_spelled("Nguyễn Văn Thù", "thù"));
	/* the two tone placements are one */
	assert_true(text_match_spelled("Lê Văn Hòa", "Hoà"));
	assert_true(text_match_spelled("Lê Văn Hoà", "Hòa"));
	assert_true(text_match_spelled("Trần Thị Thúy", "Thuý"));
	assert_true(text_match_spelled("Trần Thị Thuý", "Thúy"));
	assert_true(text_match_spelled("Trần Thị Thúy", "Thú"));
	assert_true(text_match_spelled("Lê Hoàng", "Hoà"));
	assert_true(text_match_spelled("Lê Hoàng", "Hòa"));
	/* a tone typed out of place is read where the spelling puts it */
	assert_true(text_match_spelled("Lê Hòang", "Hoàng"));
	/* case and decomposed input make no difference */
	assert_true(text_match_spelled("NGUYỄN THỊ THỦY", "thủy"));
	assert_true(text_match_spelled("Nguyễn Thị Thủy", "THU\xCC\x89Y"));
	assert_false(text_match_spelled("Nguyễn Văn Thiện", "thi\xCC\xA3"));
}

/* Each of the 134 letters matches itself in either case, in NFC or NFD,
 * and no other letter. */
static void test_every_marked_letter_matches_only_itself(void **state)
{
	char a[8], b[8], nfd[16];

	(void)state;
	for (size_t i = 0; i < 134; i++) {
		utf8_of(viet_letters[i].cp, a);
		utf8proc_uint8_t *d = NULL;
		utf8proc_map((const utf8proc_uint8_t *)a, 0, &d,
			     UTF8PROC_NULLTERM | UTF8PROC_DECOMPOSE);
		snprintf(nfd, sizeof nfd, "%s", (char *)d);
		free(d);
		for (size_t j = 0; j < 134; j++) {
			bool same = i % 67 == j % 67;
			utf8_of(viet_letters[j].cp, b);
			if (text_match_spelled(b, a) != same || text_match_spelled(b, nfd) != same)
				fail_msg("'%s' %s '%s'", a, same ? "misses" : "matches", b);
		}
	}
}

/* ---- canonical names ------------------------------------------------------ */

static bool same_person(const char *a, const char *b)
{
	char ka[256], kb[256];
	text_canonical(a, ka, sizeof ka);
	text_canonical(b, kb, sizeof kb);
	return strcmp(ka, kb) == 0;
}

static void test_canonical_names_ignore_case_tone_place_and_nfd(void **state)
{
	char a[8], b[8];

	(void)state;
	assert_true(same_person("Lê Văn Hòa", "Lê Văn Hoà"));
	assert_true(same_person("Nguyễn Thị Thủy", "NGUYỄN THỊ THỦY"));
	assert_true(same_person("Nguyễn Thị Thủy", "Nguyễn Thị Thuỷ"));
	assert_true(same_person("Nguyễn Thị Thủy", "Nguye\xCC\x82\xCC\x83n  Thị Thủy"));
	assert_false(same_person("Lê Văn Hòa", "Lê Văn Hóa"));
	assert_false(same_person("Đặng Văn A", "Đăng Văn A"));
	assert_false(same_person("Đặng Văn A", "Dặng Văn A"));
	assert_false(same_person("Lê Văn Hòa", "Lê Văn Hòa Bình"));
	for (size_t i = 0; i < 67; i++) {
		utf8_of(viet_letters[i].cp, a);
		utf8_of(viet_letters[i + 67].cp, b);
		assert_true(same_person(a, b));
		for (size_t j = 0; j < 67; j++)
			if (j != i) {
				utf8_of(viet_letters[j].cp, b);
				assert_false(same_person(a, b));
			}
	}
}

/* ---- other scripts -------------------------------------------------------- */

static void test_other_scripts_are_kept_in_the_fold(void **state)
{
	char buf[128];

	(void)state;
	text_fold("Lý 李明 Hoa", buf, sizeof buf);
	assert_string_equal(buf, "ly 李明 hoa");
	text_fold("Sơn សុខា", buf, sizeof buf);
	assert_string_equal(buf, "son សុខា");
	assert_true(text_has_words("李"));
	assert_false(text_has_words(" - … ?"));
	assert_true(text_match_spelled("Sơn សុខា", "សុ"));
	assert_false(text_match_spelled("Sơn សុខា", "សា"));
	assert_true(text_match_spelled("Lý 李明", "李"));
	assert_false(text_match_spelled("Lý 李明", "明"));
}

static void test_khmer_spacing_vowel_signs_take_a_column(void **state)
{
	(void)state;
	assert_int_equal(text_cp_width(0x17B6), 1); /* KHMER VOWEL SIGN AA, Mc */
	assert_int_equal(text_cp_width(0x17BB), 0); /* KHMER VOWEL SIGN U, Mn */
	assert_int_equal(text_width("កា"), 2);
	assert_int_equal(text_width("សុខា"), 3);
	assert_int_equal(text_width("李明"), 4);
	assert_int_equal(text_width("Nguye\xCC\x82\xCC\x83n"), 6);
}

int main(void)
{
	i18n_init("en");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vni_and_windows_1258_every_letter_both_cases),
		cmocka_unit_test(test_tcvn3_every_small_letter),
		cmocka_unit_test(test_tcvn3_every_capital_in_capitals_and_title_case),
		cmocka_unit_test(test_names_in_each_table_are_detected_and_converted),
		cmocka_unit_test(test_windows_1258_is_not_taken_for_tcvn3),
		cmocka_unit_test(test_vni_reading_wins_over_a_tcvn3_tone_out_of_place),
		cmocka_unit_test(test_a_tie_is_not_guessed),
		cmocka_unit_test(test_tcvn3_high_bytes_are_windows_punctuation),
		cmocka_unit_test(test_unaccented_windows_text_with_a_dash_is_not_tcvn3),
		cmocka_unit_test(test_utf16_is_named_and_converted),
		cmocka_unit_test(test_utf8_rows_with_tcvn3_rows_are_refused_naming_lines),
		cmocka_unit_test(test_mostly_utf8_file_with_one_bad_row_names_it),
		cmocka_unit_test(test_marked_query_matches_the_beginning_as_written),
		cmocka_unit_test(test_every_marked_letter_matches_only_itself),
		cmocka_unit_test(test_canonical_names_ignore_case_tone_place_and_nfd),
		cmocka_unit_test(test_other_scripts_are_kept_in_the_fold),
		cmocka_unit_test(test_khmer_spacing_vowel_signs_take_a_column),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
