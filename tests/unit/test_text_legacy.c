/* test_text_legacy.c - old Vietnamese encodings: TCVN3 (ABC) and
 * VNI-Windows text, built here from their byte values, converted to NFC
 * UTF-8; detection of which encoding a byte string is in. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fixture.h"
#include "text.h"

/* TCVN3: ễ D4, ă A8, Đ A7, ứ F8, ả B6, ủ F1, ã B7, â A9, ò DF, Ă A1,
 * ồ E5, í DD, ầ C7, ị DE, ế D5, ư AD, ờ EA, ậ CB; B0 is a separate
 * grave accent. */
#define TCVN_NGUYEN_VAN_DUC                                                                        \
	"Nguy\xD4n V\xA8n \xA7\xF8"                                                                \
	"c"
#define TCVN_DANG_UY                                                                               \
	"\xA7\xB6ng \xF1y x\xB7 T\xA9n H\xDF"                                                      \
	"a"

/* VNI: a letter then its marks: ã E3 = circumflex + ngã, ê EA = breve,
 * à E0 = circumflex + huyền, á E1 = circumflex + sắc, ù F9 sắc, ø F8
 * huyền, ë EB = breve + nặng, ï EF nặng; letters of their own: Ñ D1 Đ,
 * ö F6 ư, ô F4 ơ, ò F2 ị, ì EC ì, î EE ỵ. Capitals: C3, CA, D6, D9. */
#define VNI_NGUYEN_VAN_DUC                                                                         \
	"Nguye\xE3n Va\xEAn \xD1\xF6\xF9"                                                          \
	"c"

static char *convert(const char *in, size_t len, text_encoding enc)
{
	char *out = NULL;
	cb_error err = {0};
	int rc = text_from_legacy(in, len, enc, &out, &err);

	if (rc != CB_OK)
		fail_msg("conversion failed: %s", err.msg);
	return out;
}

static void expect_converted(const char *in, text_encoding enc, const char *want)
{
	char *got = convert(in, strlen(in), enc);

	if (strcmp(got, want) != 0)
		fail_msg("got \"%s\", expected \"%s\"", got, want);
	free(got);
}

static void test_tcvn3_converts_name(void **state)
{
	(void)state;
	expect_converted(TCVN_NGUYEN_VAN_DUC, TEXT_ENC_TCVN3, "Nguyễn Văn Đức");
	expect_converted(TCVN_DANG_UY, TEXT_ENC_TCVN3, "Đảng ủy xã Tân Hòa");
	expect_converted("Tr\xC7n Th\xDE \xB8nh Tuy\xD5t", TEXT_ENC_TCVN3, "Trần Thị Ánh Tuyết");
	expect_converted("Ph\xAD\xEAng 3, Qu\xCBn 5", TEXT_ENC_TCVN3, "Phường 3, Quận 5");
}

static void test_tcvn3_separate_tone_byte_is_composed(void **state)
{
	char *got = convert("Hoa\xB0", 4, TEXT_ENC_TCVN3);

	(void)state;
	assert_string_equal(got, "Hoà"); /* one precomposed à: NFC */
	assert_int_equal(strlen(got), 4);
	free(got);
}

static void test_tcvn3_capital_font_words_get_capital_tones(void **state)
{
	(void)state;
	/* typed with the .VnTimeH font: capitals as ASCII, tones as lower */
	expect_converted("NGUY\xD4N V\xA1N \xA7\xF8"
			 "C",
			 TEXT_ENC_TCVN3, "NGUYỄN VĂN ĐỨC");
	/* one capital is title case: left alone */
	expect_converted("H\xE5 Ch\xDD Minh", TEXT_ENC_TCVN3, "Hồ Chí Minh");
}

static void test_vni_converts_name(void **state)
{
	(void)state;
	expect_converted(VNI_NGUYEN_VAN_DUC, TEXT_ENC_VNI, "Nguyễn Văn Đức");
	expect_converted("Tra\xE0n Th\xF2 A\xD9nh Tuye\xE1t", TEXT_ENC_VNI, "Trần Thị Ánh Tuyết");
	expect_converted("Ho\xF8"
			 "a B\xECnh",
			 TEXT_ENC_VNI, "Hòa Bình");
	expect_converted("Ly\xF9 Quy\xF8nh", TEXT_ENC_VNI, "Lý Quỳnh");
	expect_converted("\xD1"
			 "a\xEBng Ngo\xEF"
			 "c H\xF6\xF4ng",
			 TEXT_ENC_VNI, "Đặng Ngọc Hương");
	expect_converted("Ta\xF8u \xEE", TEXT_ENC_VNI, "Tàu ỵ");
}

static void test_vni_capitals(void **state)
{
	(void)state;
	expect_converted("NGUYE\xC3N VA\xCAN \xD1\xD6\xD9"
			 "C",
			 TEXT_ENC_VNI, "NGUYỄN VĂN ĐỨC");
}

static void test_vni_mark_after_consonant_is_plain_latin1(void **state)
{
	(void)state;
	/* "ù" cannot follow "c": it is the Windows-1252 letter */
	expect_converted("c\xF9", TEXT_ENC_VNI, "cù");
	/* a breve only fits an a */
	expect_converted("o\xEA", TEXT_ENC_VNI, "oê");
}

static void test_vni_output_is_nfc(void **state)
{
	char *got = convert("A\xE1", 2, TEXT_ENC_VNI);

	(void)state;
	assert_string_equal(got, "\xE1\xBA\xA4"); /* U+1EA4 Ấ, one code point */
	free(got);
}

static void test_detects_tcvn3(void **state)
{
	const char *csv = "STT;H\xE4 v\xB5 t\xAAn;\xA7\xACn v\xDE\n"
			  "1;" TCVN_NGUYEN_VAN_DUC ";Ph\xAD\xEAng 3\n"
			  "2;" TCVN_DANG_UY ";Qu\xCBn 5\n";

	(void)state;
	assert_int_equal(text_detect_encoding(TCVN_NGUYEN_VAN_DUC, strlen(TCVN_NGUYEN_VAN_DUC)),
			 TEXT_ENC_TCVN3);
	assert_int_equal(text_detect_encoding(TCVN_DANG_UY, strlen(TCVN_DANG_UY)), TEXT_ENC_TCVN3);
	assert_int_equal(text_detect_encoding(csv, strlen(csv)), TEXT_ENC_TCVN3);
}

static void test_detects_vni(void **state)
{
	const char *s = "Tra\xE0n Th\xF2 A\xD9nh Tuye\xE1t";

	(void)state;
	assert_int_equal(text_detect_encoding(VNI_NGUYEN_VAN_DUC, strlen(VNI_NGUYEN_VAN_DUC)),
			 TEXT_ENC_VNI);
	assert_int_equal(text_detect_encoding(s, strlen(s)), TEXT_ENC_VNI);
}

static void test_detects_utf8_and_bom(void **state)
{
	(void)state;
	assert_int_equal(text_detect_encoding("Nguyễn Văn Đức", strlen("Nguyễn Văn Đức")),
			 TEXT_ENC_UTF8);
	assert_int_equal(text_detect_encoding("Nguyen Van Duc", 14), TEXT_ENC_UTF8);
	assert_int_equal(text_detect_encoding("", 0), TEXT_ENC_UTF8);
	assert_int_equal(text_detect_encoding("\xEF\xBB\xBFHọ tên", 12), TEXT_ENC_UTF8_BOM);
}

static void test_detects_nothing_in_western_latin1(void **state)
{
	const char *s = "caf\xE9 cr\xE8me br\xFBl\xE9";

	(void)state;
	assert_int_equal(text_detect_encoding(s, strlen(s)), TEXT_ENC_UNKNOWN);
}

static void test_unknown_encoding_detects_then_converts(void **state)
{
	(void)state;
	expect_converted(TCVN_NGUYEN_VAN_DUC, TEXT_ENC_UNKNOWN, "Nguyễn Văn Đức");
	expect_converted(VNI_NGUYEN_VAN_DUC, TEXT_ENC_UNKNOWN, "Nguyễn Văn Đức");
	expect_converted("Nguye\xCC\x82\xCC\x83n", TEXT_ENC_UNKNOWN, "Nguyễn");
	expect_converted("\xEF\xBB\xBFHọ tên", TEXT_ENC_UNKNOWN, "Họ tên");
	expect_converted("", TEXT_ENC_UNKNOWN, "");
}

static void test_utf8_keeps_lines_and_tabs(void **state)
{
	(void)state;
	expect_converted("Họ tên\tNgày sinh\nLê An\t1990-01-01\n", TEXT_ENC_UTF8,
			 "Họ tên\tNgày sinh\nLê An\t1990-01-01\n");
}

static void expect_refused(const char *in, size_t len, text_encoding enc, const char *what)
{
	char *out = (char *)"untouched";
	cb_error err = {0};

	assert_int_equal(text_from_legacy(in, len, enc, &out, &err), CB_EINVALID);
	assert_null(out);
	if (!strstr(err.msg, what))
		fail_msg("message \"%s\" does not mention \"%s\"", err.msg, what);
}

static void test_refuses_invalid_utf8_declared_as_utf8(void **state)
{
	(void)state;
	expect_refused(TCVN_NGUYEN_VAN_DUC, strlen(TCVN_NGUYEN_VAN_DUC), TEXT_ENC_UTF8,
		       "UTF-8 (character 5)");
}

static void test_refuses_nul_and_unrecognised_text(void **state)
{
	(void)state;
	expect_refused("Nguy\xD4n\0V\xA8n", 10, TEXT_ENC_TCVN3, "NUL character (character 7)");
	expect_refused("caf\xE9 cr\xE8me", 10, TEXT_ENC_UNKNOWN, "could not be recognised");
}

static void test_encoding_names(void **state)
{
	(void)state;
	assert_string_equal(text_encoding_name(TEXT_ENC_TCVN3), "TCVN3 (ABC)");
	assert_string_equal(text_encoding_name(TEXT_ENC_VNI), "VNI-Windows");
	assert_string_equal(text_encoding_name(TEXT_ENC_UTF8), "UTF-8");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tcvn3_converts_name),
		cmocka_unit_test(test_tcvn3_separate_tone_byte_is_composed),
		cmocka_unit_test(test_tcvn3_capital_font_words_get_capital_tones),
		cmocka_unit_test(test_vni_converts_name),
		cmocka_unit_test(test_vni_capitals),
		cmocka_unit_test(test_vni_mark_after_consonant_is_plain_latin1),
		cmocka_unit_test(test_vni_output_is_nfc),
		cmocka_unit_test(test_detects_tcvn3),
		cmocka_unit_test(test_detects_vni),
		cmocka_unit_test(test_detects_utf8_and_bom),
		cmocka_unit_test(test_detects_nothing_in_western_latin1),
		cmocka_unit_test(test_unknown_encoding_detects_then_converts),
		cmocka_unit_test(test_utf8_keeps_lines_and_tabs),
		cmocka_unit_test(test_refuses_invalid_utf8_declared_as_utf8),
		cmocka_unit_test(test_refuses_nul_and_unrecognised_text),
		cmocka_unit_test(test_encoding_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
