/* test_search_words.c - canbo_words(name_fold, words), the test a unit
 * scope's list applies to each folded name instead of the FTS5 index,
 * against FTS5 itself: for folded names spaced every way (one space,
 * several, leading, trailing) and queries of one to three words, whole,
 * cut, repeated, at the start, in the middle and at the end of a word,
 * canbo_words must accept exactly the names the FTS5 prefix query
 * "w1"* "w2"* ... matches. */
#include "store_fixture.h"

#include "../../src/core/search_internal.h"

static const char *const names[] = {
	"nguyen van an",
	"nguyen  van   an",
	" nguyen van an ",
	"an nguyen",
	"nguyenvan an",
	"tran thi mai",
	"le",
	"le le",
	"huynh thi thanh",
	"thanh",
	"a",
	"van an nguyen thi",
	"dang vu",
	"",
};

static const char *const queries[] = {
	"nguyen",    "nguyen van", "van nguyen",
	"an",	     "a",	   "n",
	"ng",	     "nguyenv",	   "nguyenvan an",
	"le le",     "le",	   "thi thanh",
	"thanh thi", "h",	   "an an",
	"ann",	     "mai tran",   "nguyen van an",
	"vu dang",   "dang vu x",  "e",
	"van  an",   " an",	   "zzz",
};

/* FTS5's answer: whether the name matches the query's words as prefixes. */
static int fts_says(sqlite3 *fts, const char *name, const char *query)
{
	char match[512];
	sqlite3_stmt *st;
	int hit;
	if (!search_match_expr(query, match, sizeof match))
		return -1;
	assert_int_equal(sqlite3_exec(fts, "DELETE FROM f", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(fts, "INSERT INTO f(name) VALUES (?)", -1, &st, NULL),
			 SQLITE_OK);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	assert_int_equal(
		sqlite3_prepare_v2(fts, "SELECT count(*) FROM f WHERE f MATCH ?", -1, &st, NULL),
		SQLITE_OK);
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	hit = sqlite3_column_int(st, 0) > 0;
	sqlite3_finalize(st);
	return hit;
}

static int words_says(store *s, const char *name, const char *query)
{
	sqlite3_stmt *st;
	int hit;
	assert_int_equal(sqlite3_prepare_v2(store_db(s), "SELECT canbo_words(?, ?)", -1, &st, NULL),
			 SQLITE_OK);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, query, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	hit = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return hit;
}

static void test_words_accept_what_fts5_matches(void **state)
{
	sqlite3 *fts;
	cb_error err;
	size_t checked = 0, hits = 0;
	(void)state;
	assert_int_equal(search_register(S, &err), CB_OK);
	assert_int_equal(sqlite3_open(":memory:", &fts), SQLITE_OK);
	assert_int_equal(sqlite3_exec(fts,
				      "CREATE VIRTUAL TABLE f USING fts5(name, prefix='1 2 3',"
				      " tokenize='unicode61 remove_diacritics 0')",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		for (size_t j = 0; j < sizeof queries / sizeof queries[0]; j++) {
			int want = fts_says(fts, names[i], queries[j]);
			if (want < 0)
				continue;
			if (words_says(S, names[i], queries[j]) != want)
				fail_msg("canbo_words('%s', '%s') = %d, FTS5 says %d", names[i],
					 queries[j], !want, want);
			checked++;
			hits += (size_t)want;
		}
	sqlite3_close(fts);
	/* both answers were met many times */
	assert_true(checked > 200);
	assert_true(hits > 30 && hits < checked - 100);
}

static void test_words_of_no_name_accept_nothing(void **state)
{
	cb_error err;
	(void)state;
	assert_int_equal(search_register(S, &err), CB_OK);
	assert_int_equal(words_says(S, "", "a"), 0);
	assert_int_equal(words_says(S, "   ", "a"), 0);
	assert_int_equal(words_says(S, "an", "an b"), 0);
	assert_int_equal(words_says(S, "an b", "an b"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_words_accept_what_fts5_matches, sf_setup,
						sf_teardown),
		cmocka_unit_test_setup_teardown(test_words_of_no_name_accept_nothing, sf_setup,
						sf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
