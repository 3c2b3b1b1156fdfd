/* test_text.c - normalisation, search folding and accent-sensitive matching
 * of Vietnamese text. Order, width and legacy encodings have their own
 * suites (test_text_sort.c, test_text_width.c, test_text_legacy.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <utf8proc.h>

#include "fixture.h"
#include "text.h"
#include "../../src/core/text_internal.h"

/* ---- the Vietnamese letters ------------------------------------------- */

/* The twelve vowels, each with its six tones in the order none, huyền,
 * hỏi, ngã, sắc, nặng. */
static const char *const lower_vowels[12][6] = {
	{"a", "à", "ả", "ã", "á", "ạ"}, {"ă", "ằ", "ẳ", "ẵ", "ắ", "ặ"},
	{"â", "ầ", "ẩ", "ẫ", "ấ", "ậ"}, {"e", "è", "ẻ", "ẽ", "é", "ẹ"},
	{"ê", "ề", "ể", "ễ", "ế", "ệ"}, {"i", "ì", "ỉ", "ĩ", "í", "ị"},
	{"o", "ò", "ỏ", "õ", "ó", "ọ"}, {"ô", "ồ", "ổ", "ỗ", "ố", "ộ"},
	{"ơ", "ờ", "ở", "ỡ", "ớ", "ợ"}, {"u", "ù", "ủ", "ũ", "ú", "ụ"},
	{"ư", "ừ", "ử", "ữ", "ứ", "ự"}, {"y", "ỳ", "ỷ", "ỹ", "ý", "ỵ"},
};

static const char *const upper_vowels[12][6] = {
	{"A", "À", "Ả", "Ã", "Á", "Ạ"}, {"Ă", "Ằ", "Ẳ", "Ẵ", "Ắ", "Ặ"},
	{"Â", "Ầ", "Ẩ", "Ẫ", "Ấ", "Ậ"}, {"E", "È", "Ẻ", "Ẽ", "É", "Ẹ"},
	{"Ê", "Ề", "Ể", "Ễ", "Ế", "Ệ"}, {"I", "Ì", "Ỉ", "Ĩ", "Í", "Ị"},
	{"O", "Ò", "Ỏ", "Õ", "Ó", "Ọ"}, {"Ô", "Ồ", "Ổ", "Ỗ", "Ố", "Ộ"},
	{"Ơ", "Ờ", "Ở", "Ỡ", "Ớ", "Ợ"}, {"U", "Ù", "Ủ", "Ũ", "Ú", "Ụ"},
	{"Ư", "Ừ", "Ử", "Ữ", "Ứ", "Ự"}, {"Y", "Ỳ", "Ỷ", "Ỹ", "Ý", "Ỵ"},
};

/* Base letter and letter modifier (as a UTF-8 combining mark) per row. */
static const char vowel_base[12] = {'a', 'a', 'a', 'e', 'e', 'i', 'o', 'o', 'o', 'u', 'u', 'y'};
static const char *const vowel_mod[12] = {
	"", "\xCC\x86", "\xCC\x82", "", "\xCC\x82", "",
	"", "\xCC\x82", "\xCC\x9B", "", "\xCC\x9B", "",
};
/* Combining tone marks: none, grave, hook above, tilde, acute, dot below. */
static const char *const tone_mark[6] = {
	"", "\xCC\x80", "\xCC\x89", "\xCC\x83", "\xCC\x81", "\xCC\xA3",
};

/* The decomposed (NFD) spelling of row r, tone t, built by hand. */
static void nfd_letter(int r, int t, bool upper, char *buf, size_t cap)
{
	char base = upper ? (char)(vowel_base[r] - 'a' + 'A') : vowel_base[r];
	/* canonical order: horn (class 216), dot below (220), then the
	 * others (230) in the order written */
	if (t == 5 && vowel_mod[r][0] && strcmp(vowel_mod[r], "\xCC\x9B") != 0)
		snprintf(buf, cap, "%c%s%s", base, tone_mark[t], vowel_mod[r]);
	else
		snprintf(buf, cap, "%c%s%s", base, vowel_mod[r], tone_mark[t]);
}

static char *normalized(const char *s)
{
	char *out = NULL;
	cb_error err;
	int rc = text_normalize(s, strlen(s), false, &out, &err);
	assert_int_equal(rc, CB_OK);
	return out;
}

/* Every lower-case letter of Vietnamese beyond ASCII: 60 toned vowels, the
 * 6 toneless ă â ê ô ơ ư, and đ. */
static void test_letters_number_sixty_seven(void **state)
{
	int n = 0;

	(void)state;
	for (int r = 0; r < 12; r++)
		for (int t = 0; t < 6; t++)
			n += (unsigned char)lower_vowels[r][t][0] >= 0x80;
	n++; /* đ */
	assert_int_equal(n, 67);
}

static void check_round_trip(const char *const table[12][6], bool upper)
{
	char nfd[16], fold[16], ascii[16], want[2];

	for (int r = 0; r < 12; r++) {
		for (int t = 0; t < 6; t++) {
			const char *nfc = table[r][t];
			char *lib = (char *)utf8proc_NFD((const utf8proc_uint8_t *)nfc);
			char *got;
			nfd_letter(r, t, upper, nfd, sizeof nfd);
			/* the hand-made NFD is what Unicode says it is */
			assert_string_equal(lib, nfd);
			free(lib);
			got = normalized(nfd);
			assert_string_equal(got, nfc);
			free(got);
			want[0] = vowel_base[r];
			want[1] = '\0';
			text_fold(nfc, fold, sizeof fold);
			assert_string_equal(fold, want);
			text_fold(nfd, fold, sizeof fold);
			assert_string_equal(fold, want);
			text_ascii(nfc, ascii, sizeof ascii);
			want[0] = upper ? (char)(want[0] - 'a' + 'A') : want[0];
			assert_string_equal(ascii, want);
			assert_int_equal(text_has_marks(nfc), vowel_mod[r][0] != '\0' || t != 0);
		}
	}
}

static void test_lower_vowels_compose_from_nfd_and_fold_to_base(void **state)
{
	(void)state;
	check_round_trip(lower_vowels, false);
}

static void test_capital_vowels_compose_from_nfd_and_fold_to_base(void **state)
{
	(void)state;
	check_round_trip(upper_vowels, true);
}

static void test_fold_maps_d_stroke_to_d(void **state)
{
	char buf[32];

	(void)state;
	text_fold("Đ", buf, sizeof buf);
	assert_string_equal(buf, "d");
	text_fold("đ", buf, sizeof buf);
	assert_string_equal(buf, "d");
	text_ascii("Đặng Đình Đức", buf, sizeof buf);
	assert_string_equal(buf, "Dang Dinh Duc");
	assert_true(text_has_marks("Đ"));
	assert_true(text_has_marks("đ"));
	assert_false(text_has_marks("Dang"));
}

/* ---- normalisation ---------------------------------------------------- */

static void test_normalize_composes_nfd_name(void **state)
{
	/* "Nguyễn Thị Ánh" as a Mac or an old Word would paste it */
	char *got = normalized("Nguye\xCC\x82\xCC\x83n Thi\xCC\xA3 A\xCC\x81nh");

	(void)state;
	assert_string_equal(got, "Nguyễn Thị Ánh");
	free(got);
}

static void test_normalize_trims_and_collapses_white_space(void **state)
{
	/* a no-break space from Word and an ideographic space count too */
	char *got = normalized("   Trần \xC2\xA0  Văn\xE3\x80\x80"
			       "Bình  ");

	(void)state;
	assert_string_equal(got, "Trần Văn Bình");
	free(got);
}

static void test_normalize_keeps_newlines_only_when_allowed(void **state)
{
	const char *note = "Đã họp chi bộ.  \r\n  Cần bổ sung hồ sơ.\n";
	char *out = NULL;
	cb_error err;

	(void)state;
	assert_int_equal(text_normalize(note, strlen(note), true, &out, &err), CB_OK);
	assert_string_equal(out, "Đã họp chi bộ.\nCần bổ sung hồ sơ.");
	free(out);
	assert_int_equal(text_normalize(note, strlen(note), false, &out, &err), CB_EINVALID);
	assert_null(out);
	assert_non_null(strstr(err.msg, "line break"));
}

static void test_normalize_empty_and_blank_give_empty(void **state)
{
	char *got = normalized(" \xC2\xA0 ");

	(void)state;
	assert_string_equal(got, "");
	free(got);
}

static void expect_rejected_n(const char *in, size_t len, const char *what)
{
	char *out = (char *)"untouched";
	cb_error err = {0};

	assert_int_equal(text_normalize(in, len, true, &out, &err), CB_EINVALID);
	assert_null(out);
	assert_int_equal(err.code, CB_EINVALID);
	if (!strstr(err.msg, what))
		fail_msg("message \"%s\" does not mention \"%s\"", err.msg, what);
}

static void expect_rejected(const char *in, const char *what)
{
	expect_rejected_n(in, strlen(in), what);
}

static void test_normalize_rejects_invisible_and_bidi_characters(void **state)
{
	static const struct {
		const char *text, *code;
	} bad[] = {
		{"Nguy\xE2\x80\x8Bễn Văn An", "U+200B"}, /* zero-width space */
		{"Nguyễn\xE2\x80\x8C Văn", "U+200C"},	 /* zero-width non-joiner */
		{"Văn\xE2\x80\x8D An", "U+200D"},	 /* zero-width joiner */
		{"An\xE2\x81\xA0", "U+2060"},		 /* word joiner */
		{"Trần \xEF\xBB\xBF"
		 "Bình",
		 "U+FEFF"}, /* byte order mark inside */
		{"\xEF\xBB\xBF"
		 "Bình",
		 "U+FEFF"}, /* ... and at the start */
		{"\xE2\x80\xAA"
		 "abc",
		 "U+202A"}, /* bidi embedding */
		{"ghi \xE2\x80\xAE"
		 "chú",
		 "U+202E"}, /* right-to-left override */
		{"x\xE2\x81\xA6"
		 "y",
		 "U+2066"},		     /* isolate */
		{"x\xE2\x81\xA9", "U+2069"}, /* pop isolate */
	};
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		expect_rejected(bad[i].text, bad[i].code);
	/* neighbours that are ordinary text are kept */
	assert_false(text_is_invisible(0x200A));
	assert_false(text_is_invisible(0x200E)); /* left-to-right mark: not in the list */
	assert_false(text_is_invisible(0x2029));
	assert_false(text_is_invisible(0x2065));
	assert_false(text_is_invisible(0x206A));
	assert_false(text_is_invisible(0xFEFE));
	assert_true(text_is_invisible(0x202C));
	assert_true(text_is_invisible(0x2067));
	char *got = normalized("Nguyễn \xE2\x80\x8A"
			       "An");
	assert_string_equal(got, "Nguyễn An");
	free(got);
}

/* The reference: utf8proc's own reading, character by character. */
static bool reference_valid(const unsigned char *p, size_t len, size_t *bad)
{
	size_t i = 0, chars = 0;
	utf8proc_int32_t cp;
	while (i < len) {
		chars++;
		utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
		if (n < 0) {
			*bad = chars;
			return false;
		}
		i += (size_t)n;
	}
	return true;
}

/* tx_valid_utf8 and the reference agree on the len bytes at buf, on the
 * answer and on the place of a bad character. */
static void expect_agreement(const unsigned char *buf, size_t len)
{
	size_t bad = 0, want_bad = 0;
	bool got = tx_valid_utf8((const char *)buf, len, &bad);
	assert_int_equal(got, reference_valid(buf, len, &want_bad));
	if (!got)
		assert_int_equal(bad, want_bad);
}

/* The validator that passes over ASCII eight bytes at a time agrees with
 * utf8proc on every one- and two-byte tail, and on each three- and
 * four-byte sequence around the edges of what is valid, after ASCII
 * prefixes just short of a word, of a word, and just past it. */
static void test_valid_utf8_agrees_with_utf8proc(void **state)
{
	static const unsigned char edges[] = {0x00, 0x2F, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F,
					      0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xCC, 0xDF, 0xE0,
					      0xE1, 0xED, 0xEE, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF};
	enum { NE = sizeof edges };
	unsigned char buf[32];
	size_t checked = 0;
	(void)state;
	static const size_t prefixes[] = {0, 7, 8, 9, 17};
	for (size_t pi = 0; pi < sizeof prefixes / sizeof *prefixes; pi++) {
		size_t prefix = prefixes[pi];
		memset(buf, 'a', prefix);
		for (int a = 0; a < 256; a++)
			for (int b = -1; b < 256; b++) {
				size_t len = prefix + 1;
				buf[prefix] = (unsigned char)a;
				if (b >= 0)
					buf[len++] = (unsigned char)b;
				expect_agreement(buf, len);
				checked++;
			}
		for (int a = 0; a < NE * NE * NE * NE; a++) {
			size_t len = prefix;
			for (int k = 0, v = a; k < 4; k++, v /= NE)
				buf[len++] = edges[v % NE];
			buf[len++] = 'z';
			for (size_t cut = prefix + 1; cut <= len; cut++, checked++)
				expect_agreement(buf, cut);
		}
	}
	assert_true(checked > 5 * 65536);
	/* a quick check of NFC passes ASCII words and stops on what needs more */
	assert_true(tx_quick_nfc("abcdefghijklmnopq Nguyễn", strlen("abcdefghijklmnopq Nguyễn")));
	assert_false(tx_quick_nfc("abcdefghijklmnopq Nguye\xCC\x82\xCC\x83n", 28));
}

static void test_normalize_rejects_invalid_utf8(void **state)
{
	(void)state;
	/* overlong encodings of '/' */
	expect_rejected("Nguy\xC0\xAF", "UTF-8 (character 5)");
	expect_rejected("\xE0\x80\xAF", "UTF-8 (character 1)");
	expect_rejected("\xF0\x80\x80\xAF", "UTF-8");
	/* "ễ" cut short, at the end and before more text */
	expect_rejected("Nguy\xE1\xBB", "UTF-8 (character 5)");
	expect_rejected("Nguy\xE1\xBBn", "UTF-8 (character 5)");
	/* a continuation byte on its own */
	expect_rejected("\x80"
			"An",
			"UTF-8 (character 1)");
	expect_rejected("B\xBFnh", "UTF-8 (character 2)");
	/* a UTF-16 surrogate, and beyond U+10FFFF */
	expect_rejected("\xED\xA0\x80", "UTF-8");
	expect_rejected("\xF4\x90\x80\x80", "UTF-8");
	/* bytes that never occur in UTF-8; a TCVN3 "Nguyễn" */
	expect_rejected("\xFF", "UTF-8");
	expect_rejected("Nguy\xD4n", "UTF-8 (character 5)");
}

static void test_normalize_rejects_nul(void **state)
{
	(void)state;
	expect_rejected_n("Lê\0Văn", 8, "NUL character (character 3)");
}

static void test_normalize_rejects_control_characters(void **state)
{
	char *out = NULL;
	cb_error err;

	(void)state;
	expect_rejected("Lê\x01", "U+0001 (character 3)");
	expect_rejected("\x1B[31mĐỏ", "U+001B");
	expect_rejected("An\x7F", "U+007F");
	expect_rejected("An\xC2\x85", "U+0085"); /* C1 next line */
	expect_rejected("Lê\tVăn", "tab (character 3)");
	expect_rejected("Lê\rVăn", "U+000D");
	assert_int_equal(text_normalize("Lê\nVăn", 8, false, &out, &err), CB_EINVALID);
	assert_non_null(strstr(err.msg, "line break (character 3)"));
}

/* ---- folding ------------------------------------------------------------ */

static void test_fold_strips_tones_and_lowers_case(void **state)
{
	char buf[64];

	(void)state;
	assert_int_equal(text_fold("Đặng Thị Ánh", buf, sizeof buf), 12);
	assert_string_equal(buf, "dang thi anh");
	text_fold("NGUYỄN VĂN AN", buf, sizeof buf);
	assert_string_equal(buf, "nguyen van an");
	text_fold("Trương Quốc Hưng", buf, sizeof buf);
	assert_string_equal(buf, "truong quoc hung");
}

static void test_fold_turns_punctuation_runs_into_one_space(void **state)
{
	char buf[64];

	(void)state;
	text_fold("  Đảng ủy xã Tân Hòa -- (Chi bộ 3)  ", buf, sizeof buf);
	assert_string_equal(buf, "dang uy xa tan hoa chi bo 3");
	text_fold("Hà-Nội,Việt Nam", buf, sizeof buf);
	assert_string_equal(buf, "ha noi viet nam");
	text_fold("…", buf, sizeof buf);
	assert_string_equal(buf, "");
}

static void test_fold_reports_needed_length_when_buffer_small(void **state)
{
	char buf[5];

	(void)state;
	assert_int_equal(text_fold("Nguyễn Văn An", buf, sizeof buf), 13);
	assert_string_equal(buf, "nguy");
	assert_int_equal(text_fold("Nguyễn", NULL, 0), 6);
}

static void test_fold_is_ascii_for_latin_and_keeps_other_scripts(void **state)
{
	char buf[64];

	(void)state;
	text_fold("Lý Ｈồ Straße", buf, sizeof buf);
	assert_string_equal(buf, "ly ho strasse");
	for (const char *p = buf; *p; p++)
		assert_true((unsigned char)*p < 0x80);
	/* a Chinese word inside a name stays in the fold, so in the index */
	text_fold("Lý 李 Ｈồ Straße", buf, sizeof buf);
	assert_string_equal(buf, "ly 李 ho strasse");
}

static void test_ascii_keeps_case_and_punctuation(void **state)
{
	char buf[64];

	(void)state;
	text_ascii("Nguyễn Văn An", buf, sizeof buf);
	assert_string_equal(buf, "Nguyen Van An");
	text_ascii("Đặng", buf, sizeof buf);
	assert_string_equal(buf, "Dang");
	text_ascii("Bí thư Đảng ủy – “Xã Tân Hòa”…", buf, sizeof buf);
	assert_string_equal(buf, "Bi thu Dang uy - \"Xa Tan Hoa\"...");
	text_ascii("Lý 李", buf, sizeof buf);
	assert_string_equal(buf, "Ly ?");
}

/* ---- accent-sensitive matching ---------------------------------------- */

static void test_has_marks_only_for_vietnamese_marks(void **state)
{
	(void)state;
	assert_true(text_has_marks("Đặng"));
	assert_true(text_has_marks("Văn"));
	assert_true(text_has_marks("Hoa\xCC\x80")); /* NFD */
	assert_false(text_has_marks("nguyen van an"));
	assert_false(text_has_marks(""));
}

static void test_match_spelled_exact_tone_only(void **state)
{
	(void)state;
	assert_true(text_match_spelled("Đặng Văn Hùng", "Đặng"));
	assert_false(text_match_spelled("Đăng Văn Hùng", "Đặng"));
	assert_true(text_match_spelled("Đăng Văn Hùng", "Đăng"));
	assert_false(text_match_spelled("Đặng Văn Hùng", "Đăng"));
	assert_false(text_match_spelled("Dũng Văn Hùng", "Đ"));
}

static void test_match_spelled_words_without_marks_pass(void **state)
{
	(void)state;
	assert_true(text_match_spelled("Đặng Văn Hùng", "dang"));
	assert_true(text_match_spelled("Đăng Văn Hùng", "dang"));
	assert_true(text_match_spelled("Nguyễn Văn An", "nguyen van an"));
}

static void test_match_spelled_ignores_case(void **state)
{
	(void)state;
	assert_true(text_match_spelled("ĐẶNG THỊ HUẾ", "đặng huế"));
	assert_true(text_match_spelled("Đặng Thị Huế", "ĐẶNG"));
}

static void test_match_spelled_is_word_prefix_in_any_order(void **state)
{
	(void)state;
	assert_true(text_match_spelled("Nguyễn Văn An", "An Nguyễn"));
	assert_true(text_match_spelled("Nguyễn Văn An", "Văn Ng"));
	assert_true(text_match_spelled("Nguyễn Thị Ánh Tuyết", "tuyết ánh"));
	assert_true(text_match_spelled("Nguyễn Thị Ánh Tuyết", "Tuyế"));
	/* a prefix of a word, not a piece from inside it */
	assert_false(text_match_spelled("Nguyễn Thị Ánh Tuyết", "uyết"));
	assert_false(text_match_spelled("Nguyễn Văn An", "Ánh"));
}

static void test_match_spelled_lets_typing_reach_the_tone(void **state)
{
	(void)state;
	/* typing "Đặng" in Telex passes through "Đă": both still shown */
	assert_true(text_match_spelled("Đặng Văn Hùng", "Đă"));
	assert_true(text_match_spelled("Đăng Văn Hùng", "Đă"));
	assert_true(text_match_spelled("Đặng Văn Hùng", "Đặ"));
	assert_false(text_match_spelled("Đăng Văn Hùng", "Đặ"));
}

static void test_match_spelled_tone_belongs_to_syllable(void **state)
{
	(void)state;
	/* old and new tone placement are the same name */
	assert_true(text_match_spelled("Lê Văn Hòa", "Hoà"));
	assert_true(text_match_spelled("Lê Văn Hoà", "Hòa"));
	assert_true(text_match_spelled("Nguyễn Thị Thuỷ", "Thủy"));
	assert_false(text_match_spelled("Lê Văn Hoa", "Hòa"));
}

static void test_match_spelled_reads_nfd(void **state)
{
	(void)state;
	assert_true(text_match_spelled("Đa\xCC\xA3\xCC\x86ng Văn Hùng", "Đặng"));
	assert_false(text_match_spelled("Đa\xCC\x86ng Văn Hùng", "Đặng"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_letters_number_sixty_seven),
		cmocka_unit_test(test_lower_vowels_compose_from_nfd_and_fold_to_base),
		cmocka_unit_test(test_capital_vowels_compose_from_nfd_and_fold_to_base),
		cmocka_unit_test(test_fold_maps_d_stroke_to_d),
		cmocka_unit_test(test_normalize_composes_nfd_name),
		cmocka_unit_test(test_normalize_trims_and_collapses_white_space),
		cmocka_unit_test(test_normalize_keeps_newlines_only_when_allowed),
		cmocka_unit_test(test_normalize_empty_and_blank_give_empty),
		cmocka_unit_test(test_normalize_rejects_invalid_utf8),
		cmocka_unit_test(test_valid_utf8_agrees_with_utf8proc),
		cmocka_unit_test(test_normalize_rejects_invisible_and_bidi_characters),
		cmocka_unit_test(test_normalize_rejects_nul),
		cmocka_unit_test(test_normalize_rejects_control_characters),
		cmocka_unit_test(test_fold_strips_tones_and_lowers_case),
		cmocka_unit_test(test_fold_turns_punctuation_runs_into_one_space),
		cmocka_unit_test(test_fold_reports_needed_length_when_buffer_small),
		cmocka_unit_test(test_fold_is_ascii_for_latin_and_keeps_other_scripts),
		cmocka_unit_test(test_ascii_keeps_case_and_punctuation),
		cmocka_unit_test(test_has_marks_only_for_vietnamese_marks),
		cmocka_unit_test(test_match_spelled_exact_tone_only),
		cmocka_unit_test(test_match_spelled_words_without_marks_pass),
		cmocka_unit_test(test_match_spelled_ignores_case),
		cmocka_unit_test(test_match_spelled_is_word_prefix_in_any_order),
		cmocka_unit_test(test_match_spelled_lets_typing_reach_the_tone),
		cmocka_unit_test(test_match_spelled_tone_belongs_to_syllable),
		cmocka_unit_test(test_match_spelled_reads_nfd),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
