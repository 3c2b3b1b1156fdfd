/* test_text_sort.c - Vietnamese order: the alphabet, tones as a second
 * level, people by given name, middle name, surname and birth date. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fixture.h"
#include "text.h"

struct person {
	const char *name;
	const char *birth;
	unsigned char key[128];
	size_t len;
};

/* The order an organisation department expects, written out by hand:
 * given name first (Vietnamese alphabet: a ă â b c d đ e ... ; letters
 * before tones, tones none < huyền < hỏi < ngã < sắc < nặng), then middle
 * name (none first), then surname, then the older person first. */
static const struct {
	const char *name, *birth;
} expected[] = {
	{"Lê An", "1990-01-01"},       /* An: no middle name first */
	{"Trần Thị An", "1975-02-10"}, /* Thị < Văn */
	{"Nguyễn Văn An", "1980-05-01"},
	{"Nguyễn Thị Anh", "1988-03-03"}, /* An < Anh */
	{"Hoàng Văn Anh", "1979-07-07"},
	{"Lý Ánh", "1992-12-12"}, /* Anh < Ánh: tone after letters */
	{"Đỗ Thị Ánh", "1983-08-08"},
	{"Phạm Văn Ân", "1970-01-01"},	/* a... < â */
	{"TRẦN VĂN BẢO", "1966-06-06"}, /* capitals sort like the rest */
	{"Vũ Thị Bình", "1985-05-05"},	/* Bảo < Bình */
	{"Bùi Văn Bình", "1977-04-04"},
	{"Ngô Thị Chi", "1991-09-09"}, /* ch is c then h: Chi < Cường */
	{"Đặng Văn Cường", "1968-11-11"},
	{"Dương Văn Dũng", "1972-03-15"}, /* same given and middle: Dương < Trịnh */
	{"Trịnh Văn Dũng", "1969-10-20"},
	{"Đinh Văn Duy", "1987-06-30"},	   /* Dũng < Duy: n < y */
	{"Đặng Thị Đào", "1993-02-28"},	   /* every d before đ */
	{"Nguyễn Minh Đức", "1970-09-09"}, /* same name: the older first */
	{"Nguyễn Minh Đức", "1985-10-10"},
	{"Hồ Văn Đức", "1961-01-31"}, /* Minh < Văn */
	{"Phan Thị Em", "1995-04-04"},
	{"Lê Thị Giang", "1989-08-19"},
	{"Nguyễn Thị Hà", "1986-12-01"}, /* ha < hai, whatever the tones */
	{"Nguyễn Thị Hạ", "1982-07-14"},
	{"Trần Văn Hai", "1974-05-05"}, /* Hai < Hải: none < hỏi */
	{"Mai Văn Hải", "1965-02-02"},
	{"Võ Thị Hoa", "1990-03-08"},
	{"Lê Văn Hòa", "1971-09-02"}, /* Hòa = Hoà: then Lê < Trần */
	{"Trần Văn Hoà", "1967-01-01"},
	{"Nguyễn Văn Hùng", "1978-08-08"}, /* u < ư */
	{"Đào Thị Hương", "1984-10-10"},
	{"Y Jút", "1976-06-06"}, /* j between i and k */
	{"Quách Văn Khánh", "1981-11-11"},
	{"Tra\xCC\x80n Thi\xCC\xA3 La\xCC\x80i", "1994-04-30"}, /* NFD: Lài < Lan */
	{"Lương Thị Lan", "1980-01-15"},
	{"Tạ Văn Long", "1963-05-19"},
	{"Phạm Thị Mai", "1992-02-14"},
	{"Nguyễn Văn Nam", "1973-07-27"}, /* na < ng < nh */
	{"Hà Thị Ngọc", "1988-09-09"},
	{"Nguyễn Thị Nhung", "1979-12-22"},
	{"Trương Văn Phúc", "1966-03-03"},
	{"Lâm Thị Quỳnh", "1997-07-07"},
	{"Nguyễn Văn Sơn", "1975-04-30"},
	{"Đoàn Văn Tâm", "1964-10-14"}, /* tâ < th < tr < tu */
	{"Nguyễn Thị Thanh", "1983-03-26"},
	{"Nguyễn Văn Thanh", "1962-12-12"},
	{"Nguyễn Văn Thành", "1970-02-03"}, /* Thanh < Thành < Thắng */
	{"Nguyễn Văn Thắng", "1969-05-19"},
	{"Lê Thị Thu", "1990-10-20"},
	{"Nguyễn Thị Thư", "1987-11-20"}, /* u < ư */
	{"Phùng Văn Trung", "1977-09-02"},
	{"Nguyễn Thị Tuyết", "1985-03-08"},
	{"Trần Văn Vinh", "1980-06-01"}, /* Vinh < Vĩnh */
	{"Lê Văn Vĩnh", "1974-01-01"},
	{"Hoàng Thị Xuân", "1996-01-25"},
	{"Lê Thị Yến", "1991-05-05"},
};

#define NPEOPLE (sizeof expected / sizeof *expected)

static int by_key(const void *a, const void *b)
{
	const struct person *p = a, *q = b;
	size_t n = p->len < q->len ? p->len : q->len;
	int r = memcmp(p->key, q->key, n);
	return r ? r : (p->len > q->len) - (p->len < q->len);
}

static void test_people_sort_in_vietnamese_order(void **state)
{
	struct person people[NPEOPLE];
	bool seen[NPEOPLE] = {false};

	(void)state;
	/* shuffled by a fixed permutation (17 is prime to the count) */
	for (size_t i = 0; i < NPEOPLE; i++) {
		size_t j = (i * 17 + 5) % NPEOPLE;
		assert_false(seen[j]);
		seen[j] = true;
		people[i].name = expected[j].name;
		people[i].birth = expected[j].birth;
		people[i].len = text_name_sort_key(people[i].name, people[i].birth, people[i].key,
						   sizeof people[i].key);
		assert_true(people[i].len <= sizeof people[i].key);
	}
	qsort(people, NPEOPLE, sizeof *people, by_key);
	for (size_t i = 0; i < NPEOPLE; i++) {
		if (strcmp(people[i].name, expected[i].name) != 0 ||
		    strcmp(people[i].birth, expected[i].birth) != 0)
			fail_msg("position %zu: got %s (%s), expected %s (%s)", i, people[i].name,
				 people[i].birth, expected[i].name, expected[i].birth);
	}
	assert_true(NPEOPLE >= 30);
}

static int name_cmp(const char *a, const char *b)
{
	unsigned char ka[128], kb[128];
	size_t na = text_name_sort_key(a, NULL, ka, sizeof ka);
	size_t nb = text_name_sort_key(b, NULL, kb, sizeof kb);
	int r = memcmp(ka, kb, na < nb ? na : nb);
	return r ? r : (int)na - (int)nb;
}

static void test_given_names_an_anh_anh_binh(void **state)
{
	(void)state;
	assert_true(name_cmp("Trần Văn An", "Lê Văn Anh") < 0);
	assert_true(name_cmp("Lê Văn Anh", "Bùi Văn Ánh") < 0);
	assert_true(name_cmp("Bùi Văn Ánh", "Lê Văn Bình") < 0);
	/* the given name decides before the surname */
	assert_true(name_cmp("Vũ Văn An", "An Văn Bình") < 0);
}

static void test_d_stroke_after_every_d(void **state)
{
	(void)state;
	assert_true(name_cmp("Lê Văn Dự", "Lê Văn Đa") < 0);
	assert_true(name_cmp("Lê Văn Duyên", "Lê Văn Đa") < 0);
	assert_true(name_cmp("Lê Văn Đức", "Lê Văn Em") < 0);
}

static void test_tones_order_none_huyen_hoi_nga_sac_nang(void **state)
{
	const char *ma[] = {"ma", "mà", "mả", "mã", "má", "mạ"};

	(void)state;
	for (int i = 0; i + 1 < 6; i++)
		assert_true(text_compare(ma[i], ma[i + 1]) < 0);
	/* letters first: a toned short word before a longer toneless one */
	assert_true(text_compare("mạ", "mai") < 0);
}

static void test_alphabet_order_of_all_letters(void **state)
{
	const char *alphabet[] = {"a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g",
				  "h", "i", "j", "k", "l", "m", "n", "o", "ô", "ơ", "p",
				  "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z"};

	(void)state;
	for (size_t i = 0; i + 1 < sizeof alphabet / sizeof *alphabet; i++)
		if (text_compare(alphabet[i], alphabet[i + 1]) >= 0)
			fail_msg("%s should sort before %s", alphabet[i], alphabet[i + 1]);
}

static void test_case_does_not_change_order(void **state)
{
	(void)state;
	assert_int_equal(text_compare("NGUYỄN VĂN AN", "Nguyễn Văn An"), 0);
	assert_true(text_compare("ÁNH", "anh") > 0);
	assert_true(text_compare("Bình", "anh") > 0);
	assert_int_equal(name_cmp("ĐẶNG THỊ HUẾ", "Đặng Thị Huế"), 0);
}

static void test_nfd_and_nfc_give_the_same_key(void **state)
{
	unsigned char a[64], b[64];
	size_t na = text_name_sort_key("Nguyễn Thị Ánh", "1990-01-01", a, sizeof a);
	size_t nb = text_name_sort_key("Nguye\xCC\x82\xCC\x83n Thi\xCC\xA3 A\xCC\x81nh",
				       "1990-01-01", b, sizeof b);

	(void)state;
	assert_int_equal(na, nb);
	assert_memory_equal(a, b, na);
}

static void test_tone_placement_does_not_change_order(void **state)
{
	(void)state;
	assert_int_equal(text_compare("Hòa Bình", "Hoà Bình"), 0);
	assert_int_equal(text_compare("Thủy", "Thuỷ"), 0);
}

static int key_cmp(const unsigned char *a, size_t na, const unsigned char *b, size_t nb)
{
	int r = memcmp(a, b, na < nb ? na : nb);
	return r ? r : (na > nb) - (na < nb);
}

static void test_birth_date_breaks_ties_unknown_last(void **state)
{
	unsigned char a[64], b[64], c[64];
	size_t na = text_name_sort_key("Lê Văn Tám", "1950-01-01", a, sizeof a);
	size_t nb = text_name_sort_key("Lê Văn Tám", "2001-12-31", b, sizeof b);
	size_t nc = text_name_sort_key("Lê Văn Tám", NULL, c, sizeof c);

	(void)state;
	assert_true(key_cmp(a, na, b, nb) < 0);
	assert_true(key_cmp(b, nb, c, nc) < 0);
	/* but the name always comes first */
	nc = text_name_sort_key("Lê Văn Ba", NULL, c, sizeof c);
	assert_true(key_cmp(c, nc, a, na) < 0);
}

static void test_whole_string_order_for_units(void **state)
{
	(void)state;
	/* word by word: a shorter word first, as in a dictionary */
	assert_true(text_compare("An Bình", "Anh") < 0);
	assert_true(text_compare("Xã An Bình", "Xã An Hòa") < 0);
	/* numbers by value */
	assert_true(text_compare("Chi bộ 2", "Chi bộ 10") < 0);
	assert_true(text_compare("Phường 9", "Phường 10") < 0);
	assert_int_equal(text_compare("Tổ 05", "Tổ 5"), 0);
	assert_true(text_compare("Chi bộ 10", "Chi bộ Ấp 1") < 0);
	assert_true(text_compare("Đảng ủy Khối", "Đảng ủy Xã") < 0);
	assert_true(text_compare("Huyện Đức Hòa", "Huyện Đức Huệ") < 0);
}

static void test_key_reports_needed_length_when_buffer_small(void **state)
{
	unsigned char big[128], small[8];
	size_t need = text_name_sort_key("Nguyễn Văn An", "1980-01-01", big, sizeof big);

	(void)state;
	assert_int_equal(text_name_sort_key("Nguyễn Văn An", "1980-01-01", small, sizeof small),
			 need);
	assert_memory_equal(small, big, sizeof small);
	assert_int_equal(text_sort_key("Nguyễn Văn An", NULL, 0),
			 text_sort_key("nguyen van an", big, sizeof big));
}

static void test_key_has_no_nul_byte(void **state)
{
	unsigned char k[128];
	size_t n = text_name_sort_key("Nguyễn Thị Ánh Tuyết", "1985-03-08", k, sizeof k);

	(void)state;
	for (size_t i = 0; i < n; i++)
		assert_int_not_equal(k[i], 0);
	n = text_sort_key("Tổ 0, khu 李 Ａ", k, sizeof k);
	for (size_t i = 0; i < n; i++)
		assert_int_not_equal(k[i], 0);
}

static void test_letters_without_latin_form_sort_after_z(void **state)
{
	(void)state;
	assert_true(text_compare("z", "李") < 0);
	assert_true(text_compare("李", "林") < 0); /* U+674E < U+6797 */
	assert_true(text_compare("Tổ 0", "Tổ 1") < 0);
}

static void test_empty_and_one_word_names(void **state)
{
	(void)state;
	/* one word is the given name: "An" sorts among the An */
	assert_true(name_cmp("An", "Lê Bình") < 0);
	assert_true(name_cmp("", "An") < 0);
	assert_true(name_cmp("Lê An", "An") > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_people_sort_in_vietnamese_order),
		cmocka_unit_test(test_given_names_an_anh_anh_binh),
		cmocka_unit_test(test_d_stroke_after_every_d),
		cmocka_unit_test(test_tones_order_none_huyen_hoi_nga_sac_nang),
		cmocka_unit_test(test_alphabet_order_of_all_letters),
		cmocka_unit_test(test_case_does_not_change_order),
		cmocka_unit_test(test_nfd_and_nfc_give_the_same_key),
		cmocka_unit_test(test_tone_placement_does_not_change_order),
		cmocka_unit_test(test_birth_date_breaks_ties_unknown_last),
		cmocka_unit_test(test_whole_string_order_for_units),
		cmocka_unit_test(test_key_reports_needed_length_when_buffer_small),
		cmocka_unit_test(test_key_has_no_nul_byte),
		cmocka_unit_test(test_letters_without_latin_form_sort_after_z),
		cmocka_unit_test(test_empty_and_one_word_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
