/* test_store_bulk.c - the bulk load: cadres named first are ranked in
 * memory and written once with their final rank; rows held back in
 * batches keep their order and never precede their cadre; a cadre out of
 * the named order is refused. */
#include <stdlib.h>
#include <string.h>

#include "store_fixture.h"

static store *S;

static int setup(void **state)
{
	(void)state;
	S = sf_open();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	sf_close(S);
	return 0;
}

/* Names (with two namesakes born the same day, whose order is their ids'),
 * in insertion order. */
static const char *const names[][2] = {
	{"Nguyễn Văn Tư", "1970-03-02"}, {"Đặng Thị Ánh", "1985-11-20"},
	{"Lê Văn Nguyên", "1979-07-07"}, {"Nguyễn Thị Ba", "1990-01-15"},
	{"Trần Văn An", "1968-05-19"},	 {"Huỳnh Thị Ngọc Hân", "1988-12-01"},
	{"Trần Văn An", "1968-05-19"},	 {"Võ Văn Anh", "1975-02-28"},
};
#define NNAMES (sizeof names / sizeof names[0])

static void load_named(void)
{
	store_bulk *b;
	cadre cd;
	cb_error err;
	int64_t id;
	assert_int_equal(store_bulk_begin(S, &b, &err), CB_OK);
	for (size_t i = 0; i < NNAMES; i++) {
		assert_int_equal(store_bulk_name(b, names[i][0], names[i][1], &id, &err), CB_OK);
		assert_int_equal(id, (int64_t)i + 1);
	}
	for (size_t i = 0; i < NNAMES; i++) {
		sf_cadre(S, &cd, names[i][0], names[i][1], strstr(names[i][0], " Thị ") ? 2 : 1);
		assert_int_equal(store_bulk_cadre(b, &cd, &err), CB_OK);
		assert_int_equal(cd.id, (int64_t)i + 1);
		assert_int_equal(store_bulk_rating(b, cd.id, 0, 2024, 2, &err), CB_OK);
	}
	if (store_bulk_end(b, true, &err) != CB_OK)
		fail_msg("store_bulk_end: %s", err.msg);
}

static void test_named_cadres_are_ranked_in_vietnamese_order(void **state)
{
	search_query q = {.text = ""};
	char got[NNAMES][CADRE_NAME_MAX];
	(void)state;
	filter_init(&q.filter);
	load_named();
	/* ranks are the (sort key, id) order, SEARCH_GAP apart */
	assert_int_equal(
		sf_count(S, "SELECT count(*) FROM (SELECT rank, row_number() OVER"
			    " (ORDER BY sort_key, id) * 1024 AS r FROM cadre) WHERE rank <> r"),
		0);
	/* given name first: An, An, Anh, Ánh, Ba, Hân, Nguyên, Tư */
	assert_int_equal(sf_names(S, &q, got, NNAMES), NNAMES);
	assert_string_equal(got[0], "Trần Văn An");
	assert_string_equal(got[2], "Võ Văn Anh");
	assert_string_equal(got[3], "Đặng Thị Ánh");
	assert_string_equal(got[7], "Nguyễn Văn Tư");
	assert_int_equal(sf_count(S, "SELECT id FROM cadre ORDER BY rank LIMIT 1"), 5);
}

static void test_named_cadres_are_in_the_search_index_at_their_rank(void **state)
{
	search_query q = {.text = "anh"};
	search_hit *hits;
	size_t n;
	cb_error err;
	(void)state;
	filter_init(&q.filter);
	load_named();
	assert_int_equal(
		sf_count(S, "SELECT count(*) FROM cadre_fts f JOIN cadre c ON c.rank = f.rowid"
			    " WHERE cadre_fts MATCH 'van'"),
		5);
	assert_int_equal(search_fetch(S, &q, 0, false, 10, &hits, &n, &err), CB_OK);
	assert_int_equal(n, 2); /* Anh, Ánh */
	assert_string_equal(hits[0].c.full_name, "Võ Văn Anh");
	assert_string_equal(hits[1].c.full_name, "Đặng Thị Ánh");
	free(hits);
	/* the word list, and the search index's settings left as they were */
	assert_int_equal(sf_count(S, "SELECT count(*) FROM name_word WHERE word = 'nguyen'"), 1);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM cadre_fts_config WHERE k = 'hashsize'"),
			 0);
	assert_int_equal(fixture_places_wrong(S), 0);
	/* a later ordinary insert finds its place among them */
	sf_add(S, "Phạm Văn Bảy", "1981-01-01", 1);
	assert_int_equal(
		sf_count(S, "SELECT count(*) FROM (SELECT rank, row_number() OVER"
			    " (ORDER BY sort_key, id) AS k, lag(rank) OVER (ORDER BY sort_key, id)"
			    " AS prev FROM cadre) WHERE prev >= rank"),
		0);
}

static void test_cadre_out_of_the_named_order_is_refused(void **state)
{
	store_bulk *b;
	cadre cd;
	cb_error err;
	(void)state;
	assert_int_equal(store_bulk_begin(S, &b, &err), CB_OK);
	assert_int_equal(store_bulk_name(b, "Nguyễn Văn Tư", "1970-03-02", NULL, &err), CB_OK);
	assert_int_equal(store_bulk_name(b, "Lê Thị Hoa", "1982-06-30", NULL, &err), CB_OK);
	sf_cadre(S, &cd, "Lê Thị Hoa", "1982-06-30", 2);
	assert_int_not_equal(store_bulk_cadre(b, &cd, &err), CB_OK);
	assert_int_equal(store_bulk_end(b, false, &err), CB_OK);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM cadre"), 0);
}

static void test_fewer_cadres_than_named_is_refused_at_the_end(void **state)
{
	store_bulk *b;
	cadre cd;
	cb_error err;
	(void)state;
	assert_int_equal(store_bulk_begin(S, &b, &err), CB_OK);
	assert_int_equal(store_bulk_name(b, "Nguyễn Văn Tư", "1970-03-02", NULL, &err), CB_OK);
	assert_int_equal(store_bulk_name(b, "Lê Thị Hoa", "1982-06-30", NULL, &err), CB_OK);
	sf_cadre(S, &cd, "Nguyễn Văn Tư", "1970-03-02", 1);
	assert_int_equal(store_bulk_cadre(b, &cd, &err), CB_OK);
	assert_int_not_equal(store_bulk_end(b, true, &err), CB_OK);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM cadre"), 0);
}

static void test_naming_into_a_list_that_has_cadres_is_refused(void **state)
{
	store_bulk *b;
	cadre cd;
	cb_error err;
	(void)state;
	sf_add(S, "Phạm Văn Bảy", "1981-01-01", 1);
	assert_int_equal(store_bulk_begin(S, &b, &err), CB_OK);
	assert_int_not_equal(store_bulk_name(b, "Nguyễn Văn Tư", "1970-03-02", NULL, &err), CB_OK);
	/* unnamed cadres still load, ranked at the end */
	sf_cadre(S, &cd, "Nguyễn Văn Tư", "1970-03-02", 1);
	assert_int_equal(store_bulk_cadre(b, &cd, &err), CB_OK);
	assert_int_equal(cd.id, 2);
	assert_int_equal(store_bulk_end(b, true, &err), CB_OK);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM cadre_fts WHERE cadre_fts MATCH 'tu'"),
			 1);
}

/* More rows than a batch holds, with foreign keys on: every record row
 * lands after its cadre, in the order given (ids in that order), and a
 * flush makes held rows visible inside the load. */
static void test_batched_rows_keep_order_and_follow_their_cadre(void **state)
{
	store_bulk *b;
	cadre cd;
	training_row t = {.year = 2025, .kind = 1};
	cb_error err;
	(void)state;
	snprintf(t.course, sizeof t.course, "Bồi dưỡng cập nhật kiến thức");
	assert_int_equal(store_bulk_begin(S, &b, &err), CB_OK);
	for (int i = 0; i < 300; i++) {
		sf_cadre(S, &cd, i % 2 ? "Nguyễn Thị Mai" : "Trần Văn Hùng", "1980-01-01",
			 i % 2 ? 2 : 1);
		assert_int_equal(store_bulk_cadre(b, &cd, &err), CB_OK);
		for (int y = 2021; y <= 2025; y++)
			assert_int_equal(store_bulk_rating(b, cd.id, 0, y, 1 + y % 4, &err), CB_OK);
		assert_int_equal(store_bulk_training(b, cd.id, &t, &err), CB_OK);
	}
	assert_int_equal(store_bulk_flush(b, &err), CB_OK);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM rating"), 1500);
	assert_int_equal(store_bulk_end(b, true, &err), CB_OK);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	/* ratings in the order given: by cadre, then year */
	assert_int_equal(sf_count(S, "SELECT count(*) FROM rating WHERE id <> (cadre_id - 1) * 5"
				     " + year - 2020"),
			 0);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM training WHERE id <> cadre_id"), 0);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_named_cadres_are_ranked_in_vietnamese_order),
		T(test_named_cadres_are_in_the_search_index_at_their_rank),
		T(test_cadre_out_of_the_named_order_is_refused),
		T(test_fewer_cadres_than_named_is_refused_at_the_end),
		T(test_naming_into_a_list_that_has_cadres_is_refused),
		T(test_batched_rows_keep_order_and_follow_their_cadre),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
