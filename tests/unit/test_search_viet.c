/* test_search_viet.c - the search line against real spellings: a query
 * typed with marks finds the words that begin with exactly those letters
 * and marks (tone placement aside), names written in Chinese or Khmer
 * script are found as written, and a query of punctuation finds nobody. */
#include "store_fixture.h"

static search_query query(const char *text)
{
	search_query q = {.text = text, .sort = SORT_NAME};
	filter_init(&q.filter);
	return q;
}

/* Whether the search for text lists name (among at most 64 hits), and
 * the count agrees with the list. */
static bool finds(const char *text, const char *name)
{
	search_query q = query(text);
	char got[64][CADRE_NAME_MAX];
	size_t k = sf_names(S, &q, got, 64);
	int64_t count;
	cb_error err;
	bool found = false;

	assert_int_equal(search_count(S, &q, &count, &err), CB_OK);
	assert_int_equal(count, (int64_t)k);
	for (size_t i = 0; i < k; i++)
		found = found || strcmp(got[i], name) == 0;
	return found;
}

static void add_names(void)
{
	sf_add(S, "Nguyễn Văn Thiện", "1970-01-01", 1);
	sf_add(S, "Nguyễn Thị Hoa", "1971-01-01", 2);
	sf_add(S, "Lê Quyết", "1972-01-01", 1);
	sf_add(S, "Trần Văn Quý", "1973-01-01", 1);
	sf_add(S, "Hoàng Văn Nam", "1974-01-01", 1);
	sf_add(S, "Phạm Văn Hò", "1975-01-01", 1);
	sf_add(S, "Đỗ Thuần", "1976-01-01", 1);
	sf_add(S, "Vũ Văn Thù", "1977-01-01", 1);
	sf_add(S, "Lê Văn Hoà", "1978-01-01", 1);
	sf_add(S, "Trần Thị Thúy", "1979-01-01", 2);
}

static void test_marked_query_finds_the_word_that_begins_so(void **state)
{
	(void)state;
	add_names();
	assert_true(finds("Thị", "Nguyễn Thị Hoa"));
	assert_false(finds("Thị", "Nguyễn Văn Thiện"));
	assert_true(finds("Quý", "Trần Văn Quý"));
	assert_false(finds("Quý", "Lê Quyết"));
	assert_true(finds("hò", "Phạm Văn Hò"));
	assert_false(finds("hò", "Hoàng Văn Nam"));
	assert_true(finds("thù", "Vũ Văn Thù"));
	assert_false(finds("thù", "Đỗ Thuần"));
	/* tone placement is one: Hòa finds Hoà, Thuý finds Thúy */
	assert_true(finds("Hòa", "Lê Văn Hoà"));
	assert_true(finds("Hoà", "Lê Văn Hoà"));
	assert_true(finds("thuý", "Trần Thị Thúy"));
	/* decomposed, as UniKey's "Unicode tổ hợp" types it */
	assert_true(finds("Ho\xCC\x80"
			  "a",
			  "Lê Văn Hoà"));
	assert_false(finds("thi\xCC\xA3", "Nguyễn Văn Thiện"));
}

static void test_chinese_and_khmer_names_are_found_as_written(void **state)
{
	(void)state;
	sf_add(S, "Lý 李明 Hoa", "1980-01-01", 1);
	sf_add(S, "Sơn សុខា", "1981-01-01", 2);
	sf_add(S, "Thạch Sóc", "1982-01-01", 1);
	assert_true(finds("李明", "Lý 李明 Hoa"));
	assert_true(finds("李", "Lý 李明 Hoa"));
	assert_false(finds("李", "Thạch Sóc"));
	assert_false(finds("明", "Lý 李明 Hoa"));
	assert_true(finds("សុខា", "Sơn សុខា"));
	assert_true(finds("សុ", "Sơn សុខា"));
	assert_false(finds("សា", "Sơn សុខា"));
	assert_false(finds("សុខា", "Thạch Sóc"));
	assert_true(finds("son សុ", "Sơn សុខា"));
}

static void test_punctuation_only_finds_nobody(void **state)
{
	search_query q = query("– … ?");
	int64_t count = -1;
	cb_error err;

	(void)state;
	add_names();
	assert_int_equal(search_count(S, &q, &count, &err), CB_OK);
	assert_int_equal(count, 0);
}

#define T(f) cmocka_unit_test_setup_teardown(f, sf_setup, sf_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_marked_query_finds_the_word_that_begins_so),
		T(test_chinese_and_khmer_names_are_found_as_written),
		T(test_punctuation_only_finds_nobody),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
