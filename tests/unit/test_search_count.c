/* test_search_count.c - the count of a broad text that reads the table in
 * order (a filter, or diacritics to check) against the count through the
 * full-text index and the rows a list shows: the same number for every
 * query, with and without diacritics and filters. */
#include "store_fixture.h"

#include "../../src/core/search_internal.h"
#include "../../src/core/store_internal.h"
#include "date.h"
#include "text.h"

static search_query query(const char *text)
{
	search_query q = {.text = text, .sort = SORT_NAME};
	filter_init(&q.filter);
	return q;
}

/* Names whose folds collide: Nguyễn / Nguyên / Ngụy / Nguy, Đặng / Đăng /
 * Dang, with both genders and several birth years. */
static void add_colliding_names(void)
{
	static const char *const names[] = {
		"Nguyễn Văn An",  "Nguyễn Thị Bình", "Trần Văn Nguyên",	 "Nguyên Thị Hà",
		"Ngụy Văn Cường", "Nguy Thị Lan",    "Đặng Văn Lâm",	 "Nguyễn Hải Đăng",
		"Lê Thị Dang",	  "Phạm Nguyễn Anh", "Hoàng Văn Nguyện", "Nguyễn Nguyên",
		"Đinh Thị Ánh",	  "Trịnh An",	     "Vũ Văn Ân",	 "Nguyễn Thị Ẩn",
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char birth[11];
		snprintf(birth, sizeof birth, "%d-03-04", 1960 + (int)(i * 3 % 30));
		sf_add(S, names[i], birth, i % 3 == 0 ? 2 : 1);
	}
}

/* The number of rows the list shows for q. */
static int64_t listed(const search_query *q)
{
	search_hit *hits = NULL;
	size_t n = 0;
	cb_error err;
	assert_int_equal(search_fetch(S, q, 0, false, 0, &hits, &n, &err), CB_OK);
	free(hits);
	return (int64_t)n;
}

/* Whether the count of q is built as a scan of the table. */
static bool counts_by_scan(const search_query *q)
{
	search_sql *o = malloc(sizeof *o);
	cb_error err;
	bool scan;
	assert_non_null(o);
	assert_int_equal(search_build(q, 0, false, 1, SEARCH_BROAD, o, &err), CB_OK);
	scan = strstr(o->sql, "NOT INDEXED") != NULL;
	free(o);
	return scan;
}

static void check_counts(const search_query *q, bool scan_expected)
{
	int64_t plain, fast;
	cb_error err;
	S->search.broad_text = 0; /* few matches: counted through the index */
	assert_int_equal(search_count(S, q, &plain, &err), CB_OK);
	S->search.broad_text = 1; /* every text broad: the scan when rows are read */
	assert_int_equal(search_count(S, q, &fast, &err), CB_OK);
	S->search.broad_text = 0;
	if (plain != fast || plain != listed(q))
		fail_msg("\"%s\" (gender %d, age from %d): index %lld, scan %lld, listed %lld",
			 q->text, q->filter.gender, q->filter.age_min, (long long)plain,
			 (long long)fast, (long long)listed(q));
	if (counts_by_scan(q) != scan_expected)
		fail_msg("\"%s\" (gender %d): scan %d expected", q->text, q->filter.gender,
			 scan_expected);
}

static void test_scan_count_equals_the_index_count(void **state)
{
	static const char *const texts[] = {
		"nguyen", "Nguyễn", "Nguyên", "nguy",  "Ngụy", "ng",	"dang", "Đặng",
		"Đăng",	  "an",	    "Ân",     "an ng", "Ẩn",   "van a", "zz",	"Nguyễn nguyên",
	};
	(void)state;
	add_colliding_names();
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		search_query q = query(texts[i]);
		bool marks = text_has_marks(texts[i]);
		cb_date today;
		check_counts(&q, marks); /* no filter: the scan only for diacritics */
		q.filter.gender = 2;
		check_counts(&q, true);
		q.filter.gender = 1;
		check_counts(&q, true);
		q.filter.gender = FILTER_ANY;
		assert_true(date_parse_iso("2025-12-31", &today));
		q.filter.as_of = today;
		q.filter.age_min = 45;
		check_counts(&q, true);
	}
}

/* At least one of the queries above really differs between spellings:
 * the counts are not equal by accident of the data. */
static void test_diacritics_narrow_the_scan_count(void **state)
{
	search_query q = query("nguyen");
	int64_t folded, spelled;
	cb_error err;
	(void)state;
	add_colliding_names();
	S->search.broad_text = 1;
	assert_int_equal(search_count(S, &q, &folded, &err), CB_OK);
	q.text = "Nguyễn";
	assert_int_equal(search_count(S, &q, &spelled, &err), CB_OK);
	assert_int_equal(folded, 9);
	assert_int_equal(spelled, 6);
	q.filter.gender = 2;
	assert_int_equal(search_count(S, &q, &spelled, &err), CB_OK);
	assert_int_equal(spelled, 3);
}

#define T(f) cmocka_unit_test_setup_teardown(f, sf_setup, sf_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_scan_count_equals_the_index_count),
		T(test_diacritics_narrow_the_scan_count),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
