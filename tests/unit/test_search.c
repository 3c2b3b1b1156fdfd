/* test_search.c - accent-insensitive word-prefix search in Vietnamese
 * order, keyset windows, ranks kept across inserts that force a
 * renumbering, and the query plans that keep it fast. */
#include "store_fixture.h"

#include "../../src/core/search_internal.h"
#include "../../src/core/store_internal.h"

static search_query query(const char *text)
{
	search_query q = {.text = text, .sort = SORT_NAME};
	filter_init(&q.filter);
	return q;
}

/* True when the search for text lists exactly these names, in order. */
static void expect(const char *text, const char *const *names, size_t n)
{
	search_query q = query(text);
	char got[64][CADRE_NAME_MAX];
	size_t k = sf_names(S, &q, got, 64);
	int64_t count;
	cb_error err;
	for (size_t i = 0; i < n && i < k; i++)
		if (strcmp(got[i], names[i]) != 0)
			fail_msg("'%s' #%zu: got %s, expected %s", text ? text : "", i, got[i],
				 names[i]);
	assert_int_equal(k, n);
	assert_int_equal(search_count(S, &q, &count, &err), CB_OK);
	assert_int_equal(count, (int64_t)n);
}

#define EXPECT(text, ...)                                                                          \
	do {                                                                                       \
		static const char *const want[] = {__VA_ARGS__};                                   \
		expect(text, want, sizeof want / sizeof want[0]);                                  \
	} while (0)

/* ---- matching ------------------------------------------------------- */

static void add_search_names(void)
{
	sf_add(S, "Đặng Văn Lâm", "1975-02-03", 1);
	sf_add(S, "Nguyễn Hải Đăng", "1980-07-08", 1);
	sf_add(S, "Dương Văn Đông", "1978-01-01", 1);
	sf_add(S, "Nguyễn Văn An", "1970-05-05", 1);
	sf_add(S, "Phạm Thị Ánh", "1985-09-09", 2);
	sf_add(S, "Hoàng Thị Ngân", "1987-10-10", 2);
}

static void test_unaccented_query_finds_both_dang_spellings(void **state)
{
	(void)state;
	add_search_names();
	/* given-name order: Đăng before Lâm */
	EXPECT("dang", "Nguyễn Hải Đăng", "Đặng Văn Lâm");
	EXPECT("DANG", "Nguyễn Hải Đăng", "Đặng Văn Lâm");
}

static void test_accented_query_matches_only_what_it_spells(void **state)
{
	(void)state;
	add_search_names();
	EXPECT("Đặng", "Đặng Văn Lâm");
	EXPECT("đặng", "Đặng Văn Lâm");
	EXPECT("Đăng", "Nguyễn Hải Đăng");
}

static void test_words_match_prefixes_in_any_order(void **state)
{
	(void)state;
	add_search_names();
	EXPECT("an ng", "Nguyễn Văn An");
	EXPECT("nguyen van an", "Nguyễn Văn An");
	EXPECT("ng", "Nguyễn Văn An", "Nguyễn Hải Đăng", "Hoàng Thị Ngân");
}

static void test_long_word_finds_every_name_word_it_begins(void **state)
{
	cadre cd;
	cb_error err;
	(void)state;
	sf_add(S, "Nguyễn Văn Tâm", "1970-01-01", 1);
	sf_add(S, "Trần Thị Nguyệt", "1980-01-01", 2);
	int64_t id = sf_add(S, "Lê Nguyên Khang", "1975-01-01", 1);
	EXPECT("nguye", "Lê Nguyên Khang", "Trần Thị Nguyệt", "Nguyễn Văn Tâm");
	EXPECT("nguyet", "Trần Thị Nguyệt");
	expect("nguyenx", NULL, 0);
	expect("khanh", NULL, 0);
	/* a word that appears by a rename is found too */
	assert_int_equal(store_cadre_get(S, id, &cd, &err), CB_OK);
	snprintf(cd.full_name, sizeof cd.full_name, "Lê Nguyên Khánh");
	assert_int_equal(store_cadre_update(S, &cd, &sf_cfg, &err), CB_OK);
	EXPECT("khanh", "Lê Nguyên Khánh");
	EXPECT("khan", "Lê Nguyên Khánh");
	/* without the word list the plain prefix search still answers */
	assert_int_equal(sqlite3_exec(store_db(S), "DELETE FROM name_word", NULL, NULL, NULL),
			 SQLITE_OK);
	EXPECT("nguyet", "Trần Thị Nguyệt");
}

static void test_long_words_are_answered_never_cut(void **state)
{
	char word[301], text[700];
	(void)state;
	sf_add(S, "Nguyễn Văn Tâm", "1970-01-01", 1);
	/* the word list is there, so long words go through the expansion */
	for (size_t n = 150; n <= 300; n += 15) {
		memset(word, 'a', n);
		word[n] = '\0';
		search_query q = query(word);
		int64_t count = -1;
		cb_error err = {0};
		int rc = search_count(S, &q, &count, &err);
		if (rc != CB_OK && rc != CB_EINVALID)
			fail_msg("%zu letters: %s", n, err.msg);
		if (rc == CB_OK)
			assert_int_equal(count, 0);
		snprintf(text, sizeof text, "nguyen %s tam", word);
		q = query(text);
		rc = search_count(S, &q, &count, &err);
		if (rc != CB_OK && rc != CB_EINVALID)
			fail_msg("%zu letters among others: %s", n, err.msg);
	}
}

static void test_empty_query_lists_everyone_punctuation_nobody(void **state)
{
	search_query q = query("");
	search_hit *hits = NULL;
	size_t got;
	int64_t n;
	cb_error err;
	(void)state;
	add_search_names();
	assert_int_equal(search_count(S, &q, &n, &err), CB_OK);
	assert_int_equal(n, 6);
	q.text = "   ";
	assert_int_equal(search_count(S, &q, &n, &err), CB_OK);
	assert_int_equal(n, 6);
	/* punctuation only: nothing to look for, so nobody */
	q.text = " - ";
	assert_int_equal(search_count(S, &q, &n, &err), CB_OK);
	assert_int_equal(n, 0);
	q.text = "…?!";
	assert_int_equal(search_fetch(S, &q, 0, false, 10, &hits, &got, &err), CB_OK);
	assert_int_equal(got, 0);
	free(hits);
	q.text = NULL;
	assert_int_equal(search_count(S, &q, &n, &err), CB_OK);
	assert_int_equal(n, 6);
}

static void test_invalid_utf8_query_is_refused(void **state)
{
	search_query q = query("ng\xff");
	search_hit *hits;
	size_t n;
	cb_error err;
	(void)state;
	assert_int_equal(search_fetch(S, &q, 0, false, 10, &hits, &n, &err), CB_EINVALID);
}

static void test_match_expression_quotes_each_folded_word_as_prefix(void **state)
{
	char buf[128];
	(void)state;
	assert_true(search_match_expr("Nguyễn  Văn-An", buf, sizeof buf));
	assert_string_equal(buf, "\"nguyen\"* \"van\"* \"an\"*");
	assert_false(search_match_expr("  ", buf, sizeof buf));
	assert_false(search_match_expr("nguyen van an", buf, 10));
}

/* The words are held to the names' column (a typed "u1" is no unit's
 * token), and a scope's units added to them or standing alone. */
static void test_match_is_held_to_the_names_and_narrowed_to_the_units(void **state)
{
	char buf[128];
	(void)state;
	assert_true(search_match_expr("Văn An", buf, sizeof buf));
	assert_true(search_match_finish(buf, sizeof buf, NULL));
	assert_string_equal(buf, "name : (\"van\"* \"an\"*)");
	assert_true(search_match_expr("Văn An", buf, sizeof buf));
	assert_true(search_match_finish(buf, sizeof buf, "u3 OR u4"));
	assert_string_equal(buf, "name : (\"van\"* \"an\"*) AND place : (u3 OR u4)");
	buf[0] = '\0';
	assert_false(search_match_finish(buf, 12, "u3")); /* 12 bytes and the NUL */
	assert_true(search_match_finish(buf, 13, "u3"));
	assert_string_equal(buf, "place : (u3)");
	assert_true(search_match_expr("Văn An", buf, sizeof buf));
	assert_false(search_match_finish(buf, 21, NULL)); /* 21 bytes and the NUL */
	assert_true(search_match_expr("Văn An", buf, sizeof buf));
	assert_true(search_match_finish(buf, 22, NULL));
	assert_true(search_match_expr("Văn An", buf, sizeof buf));
	assert_false(search_match_finish(buf, 30, "u3 OR u4"));
	assert_string_equal(buf, "\"van\"* \"an\"*"); /* left as it was */
	/* a query that spells a unit's token finds no one by it */
	sf_add(S, "Lê Văn Bình", "1961-01-01", 1);
	search_query q = {.text = "u"};
	int64_t n;
	cb_error err;
	filter_init(&q.filter);
	assert_int_equal(search_count(S, &q, &n, &err), CB_OK);
	assert_int_equal(n, 0);
}

/* ---- order ---------------------------------------------------------- */

/* In Vietnamese order: given name, then middle name, then surname, then
 * birth date; letters a ă â b c d đ e ê ..., unmarked before marked. */
static const char *const ordered[][2] = {
	{"Trần Thị An", "1980-01-01"},	 {"Lê Văn An", "1975-01-01"},
	{"Nguyễn Văn An", "1965-03-03"}, {"Nguyễn Văn An", "1970-05-05"},
	{"Phạm Thị Ánh", "1985-02-02"},	 {"Võ Quốc Bảo", "1979-04-04"},
	{"Hồ Văn Bằng", "1972-06-06"},	 {"Đinh Công Bình", "1968-07-07"},
	{"Lý Thị Dung", "1990-08-08"},	 {"Bùi Đức Dũng", "1984-09-09"},
	{"Mai Văn Đức", "1983-10-10"},	 {"Lê Thị Hà", "1977-11-11"},
	{"Nguyễn Thị Hạ", "1988-12-12"}, {"Châu Văn Hải", "1971-01-13"},
	{"Tô Văn Sang", "1966-02-14"},	 {"Lương Thanh Sơn", "1974-03-15"},
	{"Kiều Văn Tài", "1969-04-16"},	 {"Đoàn Thị Tâm", "1986-05-17"},
	{"Quách Thị Tú", "1991-06-18"},	 {"Ông Văn Tư", "1967-07-19"},
	{"Ngô Minh Vũ", "1976-08-20"},	 {"Hà Thị Yến", "1982-09-21"},
};
#define NORDERED (sizeof ordered / sizeof ordered[0])

/* Inserts the names in a scrambled order, spread over the units. */
static void add_ordered(void)
{
	static const char *const units[] = {"27694", "27692", "27931", "27940", "794", "802", "80"};
	for (size_t k = 0; k < NORDERED; k++) {
		size_t i = (k * 7 + 3) % NORDERED;
		cadre cd;
		cb_error err;
		sf_cadre(S, &cd, ordered[i][0], ordered[i][1], i % 3 == 0 ? 2 : 1);
		cd.unit_id = sf_unit(S, units[i % 7]).id;
		assert_int_equal(store_cadre_insert(S, &cd, &sf_cfg, &err), CB_OK);
	}
}

static void test_list_is_in_vietnamese_name_order(void **state)
{
	search_query q = query(NULL);
	search_hit *hits;
	size_t n;
	cb_error err;
	(void)state;
	add_ordered();
	assert_int_equal(search_fetch(S, &q, 0, false, 0, &hits, &n, &err), CB_OK);
	assert_int_equal(n, NORDERED);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(hits[i].c.full_name, ordered[i][0]) != 0 ||
		    strcmp(hits[i].c.birth_date, ordered[i][1]) != 0)
			fail_msg("#%zu: got %s %s, expected %s %s", i, hits[i].c.full_name,
				 hits[i].c.birth_date, ordered[i][0], ordered[i][1]);
		if (i)
			assert_true(hits[i].pos > hits[i - 1].pos);
	}
	free(hits);
}

/* Checks the whole list is ordered by name key and then birth date, and
 * that searching for `word` finds every row too. */
static void check_sorted_by_birth(const char *word, size_t expected)
{
	search_query q = query(NULL);
	search_hit *hits;
	size_t n;
	int64_t count;
	cb_error err;
	assert_int_equal(search_fetch(S, &q, 0, false, 0, &hits, &n, &err), CB_OK);
	assert_int_equal(n, expected);
	for (size_t i = 1; i < n; i++)
		if (strcmp(hits[i - 1].c.birth_date, hits[i].c.birth_date) >= 0)
			fail_msg("#%zu: %s after %s", i, hits[i].c.birth_date,
				 hits[i - 1].c.birth_date);
	free(hits);
	q.text = word;
	assert_int_equal(search_count(S, &q, &count, &err), CB_OK);
	assert_int_equal(count, (int64_t)expected);
	assert_int_equal(sqlite3_exec(store_db(S),
				      "INSERT INTO cadre_fts(cadre_fts, rank)"
				      " VALUES('integrity-check', 0)",
				      NULL, NULL, NULL),
			 SQLITE_OK);
}

static void test_order_holds_across_inserts_that_force_a_renumbering(void **state)
{
	char birth[11];
	(void)state;
	sf_add(S, "Lê Văn Bình", "1961-01-01", 1);
	sf_add(S, "Lê Văn Bình", "1990-01-01", 1);
	/* each lands between 1961 and the previous one: the gap halves */
	for (int k = 1; k <= 30; k++) {
		date_format_iso(date_from_ymd(1980, 1, 1) - k, birth);
		sf_add(S, "Lê Văn Bình", birth, 1);
	}
	check_sorted_by_birth("binh", 32);
	assert_int_equal(sf_count(S, "SELECT count(DISTINCT rank) FROM cadre"), 32);
	assert_int_equal(fixture_places_wrong(S), 0);
}

static void test_order_holds_when_inserting_before_the_first(void **state)
{
	char birth[11];
	(void)state;
	for (int k = 0; k < 20; k++) {
		date_format_iso(date_from_ymd(1990, 1, 1) - k, birth);
		sf_add(S, "Trần Văn An", birth, 1);
	}
	check_sorted_by_birth("tran an", 20);
}

static void test_rebuild_spaces_ranks_in_order(void **state)
{
	cb_error err;
	(void)state;
	add_ordered();
	assert_int_equal(search_rebuild(S, &err), CB_OK);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM cadre c WHERE rank % 1024 <> 0"
				     " OR (SELECT count(*) FROM cadre d WHERE d.rank < c.rank)"
				     " <> c.rank / 1024 - 1"),
			 0);
	expect("van an", (const char *const[]){"Lê Văn An", "Nguyễn Văn An", "Nguyễn Văn An"}, 3);
	assert_int_equal(fixture_places_wrong(S), 0);
}

static void test_rename_moves_cadre_in_list_and_index(void **state)
{
	cadre cd;
	cb_error err;
	(void)state;
	add_search_names();
	int64_t id = sf_add(S, "Lê Thị Bích", "1979-03-03", 2);
	assert_int_equal(store_cadre_get(S, id, &cd, &err), CB_OK);
	snprintf(cd.full_name, sizeof cd.full_name, "Lê Thị Thu");
	assert_int_equal(store_cadre_update(S, &cd, &sf_cfg, &err), CB_OK);
	expect("bich", NULL, 0);
	EXPECT("le thu", "Lê Thị Thu");
	EXPECT(NULL, "Nguyễn Văn An", "Phạm Thị Ánh", "Nguyễn Hải Đăng", "Dương Văn Đông",
	       "Đặng Văn Lâm", "Hoàng Thị Ngân", "Lê Thị Thu");
}

/* ---- windows -------------------------------------------------------- */

/* Walks the query in windows of `w` forwards and then backwards and
 * checks both give the one-shot list. */
static void check_windows(search_query *q, size_t w)
{
	search_hit *all, *hits;
	size_t n, k, got = 0;
	int64_t after = 0, count;
	cb_error err;

	assert_int_equal(search_fetch(S, q, 0, false, 0, &all, &n, &err), CB_OK);
	assert_int_equal(search_count(S, q, &count, &err), CB_OK);
	assert_int_equal(count, (int64_t)n);
	assert_true(n > w);
	do {
		assert_int_equal(search_fetch(S, q, after, false, w, &hits, &k, &err), CB_OK);
		for (size_t i = 0; i < k; i++, got++)
			assert_int_equal(hits[i].c.id, all[got].c.id);
		if (k)
			after = hits[k - 1].pos;
		free(hits);
	} while (k == w);
	assert_int_equal(got, n);
	after = INT64_MAX;
	do {
		assert_int_equal(search_fetch(S, q, after, true, w, &hits, &k, &err), CB_OK);
		for (size_t i = k; i-- > 0;)
			assert_int_equal(hits[i].c.id, all[--got].c.id);
		if (k)
			after = hits[0].pos;
		free(hits);
	} while (k == w);
	assert_int_equal(got, 0);
	free(all);
}

/* Gives the cadres of add_ordered position ranks 1..8 (and some none),
 * out of step with their names. */
static void mix_position_ranks(void)
{
	assert_int_equal(sqlite3_exec(store_db(S), "UPDATE cadre SET pos_rank = (id * 5) % 9", NULL,
				      NULL, NULL),
			 SQLITE_OK);
}

static void test_windows_concatenate_to_the_full_list(void **state)
{
	search_query q;
	(void)state;
	add_ordered();
	mix_position_ranks();
	for (int k = 0; k <= 2 * SORT_POSITION + 1; k++) {
		int sort = k / 2 | (k % 2 ? SORT_REVERSE : 0);
		q = query(NULL);
		q.sort = sort;
		check_windows(&q, 5);
		check_windows(&q, 1);
		q.text = "n";
		check_windows(&q, 2);
		q.text = "van";
		q.filter.gender = 1;
		check_windows(&q, 3);
	}
}

/* A unit scope is listed through the scope's own cadres when it is small,
 * by walking the order's index when it is large, and through the scope
 * again when that walk spends its budget: same windows all three ways. */
static void test_windows_of_a_unit_scope_both_ways(void **state)
{
	search_query q;
	(void)state;
	add_ordered();
	for (int way = 0; way <= 2; way++) {
		S->search.narrow_scope = way ? 1 : 0;
		S->search.walk_budget = way == 2 ? 1 : 0;
		for (int sort = SORT_NAME; sort <= SORT_POSITION; sort++) {
			q = query(NULL);
			q.sort = sort;
			q.filter.unit_lo = sf_unit(S, "794").lo;
			q.filter.unit_hi = sf_unit(S, "794").hi;
			check_windows(&q, 2);
			q.filter.age_min = 45;
			check_windows(&q, 1);
			q.filter.age_min = FILTER_ANY;
			q.text = "van";
			check_windows(&q, 1);
		}
	}
}

/* Text in age or unit order: sorting the few matches, walking the
 * order's index and testing each name, or (when that walk spends its
 * budget) walking it against the match set: same windows. */
static void test_windows_of_a_broad_text_in_other_orders(void **state)
{
	search_query q;
	(void)state;
	add_ordered();
	for (int way = 0; way <= 2; way++) {
		S->search.broad_text = way ? 1 : 0;
		S->search.walk_budget = way == 2 ? 1 : 0;
		for (int sort = SORT_AGE; sort <= SORT_POSITION; sort++) {
			q = query("n");
			q.sort = sort;
			check_windows(&q, 1);
			q.text = "thi";
			check_windows(&q, 2);
		}
	}
}

static void test_age_order_is_oldest_first_ties_by_name(void **state)
{
	search_query q = query(NULL);
	search_hit *hits;
	size_t n;
	cb_error err;
	(void)state;
	add_ordered();
	sf_add(S, "Trần Văn Bé", "1965-03-03", 1); /* same day as an An: after him */
	q.sort = SORT_AGE;
	assert_int_equal(search_fetch(S, &q, 0, false, 3, &hits, &n, &err), CB_OK);
	assert_int_equal(n, 3);
	assert_string_equal(hits[0].c.birth_date, "1965-03-03");
	assert_string_equal(hits[0].c.full_name, "Nguyễn Văn An");
	assert_string_equal(hits[1].c.full_name, "Trần Văn Bé");
	assert_string_equal(hits[2].c.birth_date, "1966-02-14");
	free(hits);
}

static void test_unit_order_follows_the_unit_tree(void **state)
{
	search_query q = query(NULL);
	search_hit *hits;
	size_t n;
	cb_error err;
	unit_row prev = {0}, u;
	(void)state;
	add_ordered();
	q.sort = SORT_UNIT;
	assert_int_equal(search_fetch(S, &q, 0, false, 0, &hits, &n, &err), CB_OK);
	assert_int_equal(n, NORDERED);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(store_unit_get(S, hits[i].c.unit_id, &u, &err), CB_OK);
		assert_true(u.lo >= prev.lo);
		if (i && u.lo == prev.lo)
			assert_true(hits[i].pos > hits[i - 1].pos);
		prev = u;
	}
	assert_string_equal(hits[0].c.unit_code, "80");
	free(hits);
}

/* The order of an official list: units in tree order, and in each the
 * secretary first and down the ranks (a rank unknown last), names in
 * Vietnamese order within a rank. */
static void test_position_order_lists_each_unit_by_rank(void **state)
{
	search_query q = query(NULL);
	search_hit *hits, *byname;
	size_t n, m;
	cb_error err;
	unit_row prev = {0}, u;
	(void)state;
	add_ordered();
	mix_position_ranks();
	q.sort = SORT_POSITION;
	assert_int_equal(search_fetch(S, &q, 0, false, 0, &hits, &n, &err), CB_OK);
	q.sort = SORT_NAME;
	assert_int_equal(search_fetch(S, &q, 0, false, 0, &byname, &m, &err), CB_OK);
	assert_int_equal(n, NORDERED);
	for (size_t i = 0; i < n; i++) {
		int key = hits[i].c.pos_rank > 0 ? hits[i].c.pos_rank : 15;
		assert_int_equal(store_unit_get(S, hits[i].c.unit_id, &u, &err), CB_OK);
		assert_true(u.lo >= prev.lo);
		if (i && u.lo == prev.lo) {
			int before = hits[i - 1].c.pos_rank > 0 ? hits[i - 1].c.pos_rank : 15;
			assert_true(key >= before);
			if (key == before) { /* name order: earlier in the name list */
				size_t a = 0, b = 0;
				while (byname[a].c.id != hits[i - 1].c.id)
					a++;
				while (byname[b].c.id != hits[i].c.id)
					b++;
				assert_true(a < b);
			}
		}
		prev = u;
	}
	free(hits);
	free(byname);
}

/* Any order reversed is the same list last first, counted alike. */
static void test_reverse_order_is_the_list_last_first(void **state)
{
	search_query q = query(NULL);
	search_hit *fwd, *rev;
	size_t n, m;
	int64_t count;
	cb_error err;
	(void)state;
	add_ordered();
	mix_position_ranks();
	for (int sort = SORT_NAME; sort <= SORT_POSITION; sort++) {
		q.sort = sort;
		assert_int_equal(search_fetch(S, &q, 0, false, 0, &fwd, &n, &err), CB_OK);
		q.sort = sort | SORT_REVERSE;
		assert_int_equal(search_fetch(S, &q, 0, false, 0, &rev, &m, &err), CB_OK);
		assert_int_equal(search_count(S, &q, &count, &err), CB_OK);
		assert_int_equal(m, n);
		assert_int_equal(count, (int64_t)n);
		for (size_t i = 0; i < n; i++)
			assert_int_equal(rev[i].c.id, fwd[n - 1 - i].c.id);
		free(fwd);
		free(rev);
	}
}

/* ---- query plans ---------------------------------------------------- */

static void assert_no_sort(const search_query *q, int hints)
{
	search_sql *o = malloc(sizeof *o);
	char sql[sizeof o->sql + 32];
	sqlite3_stmt *st;
	cb_error err;
	assert_int_equal(search_build(q, 0, false, 0, hints, o, &err), CB_OK);
	snprintf(sql, sizeof sql, "EXPLAIN QUERY PLAN %s", o->sql);
	free(o);
	assert_int_equal(search_register(S, &err), CB_OK);
	assert_int_equal(sqlite3_prepare_v2(store_db(S), sql, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *detail = (const char *)sqlite3_column_text(st, 3);
		if (strstr(detail, "TEMP B-TREE"))
			fail_msg("sorts the match set: %s", detail);
	}
	sqlite3_finalize(st);
}

static void test_one_letter_query_does_not_sort_the_match_set(void **state)
{
	search_query q = query("n");
	(void)state;
	add_ordered();
	assert_no_sort(&q, 0);
	q.filter.gender = 2;
	q.filter.unit_lo = sf_unit(S, "794").lo;
	q.filter.unit_hi = sf_unit(S, "794").hi;
	assert_no_sort(&q, 0);
	q.text = "Đặng";
	assert_no_sort(&q, 0);
}

static void test_lists_without_text_walk_an_index_in_order(void **state)
{
	search_query q = query(NULL);
	(void)state;
	add_ordered();
	q.filter.unit_lo = sf_unit(S, "802").lo;
	q.filter.unit_hi = sf_unit(S, "802").hi;
	q.filter.age_min = 40;
	for (q.sort = SORT_NAME; q.sort <= SORT_POSITION; q.sort++)
		assert_no_sort(&q, 0);
}

static void test_broad_text_in_age_order_walks_the_birth_index(void **state)
{
	search_query q = query("n");
	(void)state;
	add_ordered();
	q.filter.gender = 2;
	for (q.sort = SORT_AGE; q.sort <= SORT_POSITION; q.sort++) {
		assert_no_sort(&q, SEARCH_BROAD);
		assert_no_sort(&q, SEARCH_BROAD | SEARCH_WALK);
	}
}

/* ---- a count that gives way to the keyboard ------------------------- */

static int stop_now(void *ctx)
{
	(*(int *)ctx)++;
	return 1;
}

static int stop_on_second_call(void *ctx)
{
	return ++*(int *)ctx >= 2;
}

static int never_stop(void *ctx)
{
	(*(int *)ctx)++;
	return 0;
}

static void test_count_stopped_at_once_gives_stopped_and_no_count(void **state)
{
	search_query q = query("nguyen");
	int64_t count = 7;
	int calls = 0;
	cb_error err;
	(void)state;
	add_search_names();
	assert_int_equal(search_count_cancellable(S, &q, stop_now, &calls, &count, &err),
			 CB_STOPPED);
	assert_int_equal(err.code, CB_STOPPED);
	assert_int_equal(count, -1);
	assert_int_equal(calls, 1);
}

static void test_count_never_stopped_counts_like_search_count(void **state)
{
	search_query q = query("nguyen");
	int64_t count = -1;
	int calls = 0;
	cb_error err;
	(void)state;
	add_search_names();
	assert_int_equal(search_count_cancellable(S, &q, never_stop, &calls, &count, &err), CB_OK);
	assert_int_equal(count, 2);
	assert_true(calls >= 1);
}

/* Stopped while SQLite runs (not only before it starts): the handle is
 * left as it was, and the next count is whole. */
static void test_count_stopped_while_running_leaves_the_handle_usable(void **state)
{
	static const char *const given[] = {"An", "Bình", "Cường", "Dũng", "Hà", "Lan"};
	search_query q = query("nguyen");
	int64_t count = 0;
	int calls = 0;
	cb_error err;
	char name[64];
	(void)state;
	for (int i = 0; i < 60; i++) {
		snprintf(name, sizeof name, "Nguyễn Văn %s", given[i % 6]);
		sf_add(S, name, "1980-01-01", 1);
	}
	S->search.stop_check_ops = 10;
	assert_int_equal(search_count_cancellable(S, &q, stop_on_second_call, &calls, &count, &err),
			 CB_STOPPED);
	assert_int_equal(calls, 2);
	assert_int_equal(count, -1);
	assert_int_equal(search_count(S, &q, &count, &err), CB_OK);
	assert_int_equal(count, 60);
}

#define T(f) cmocka_unit_test_setup_teardown(f, sf_setup, sf_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_unaccented_query_finds_both_dang_spellings),
		T(test_accented_query_matches_only_what_it_spells),
		T(test_words_match_prefixes_in_any_order),
		T(test_long_word_finds_every_name_word_it_begins),
		T(test_empty_query_lists_everyone_punctuation_nobody),
		T(test_long_words_are_answered_never_cut),
		T(test_invalid_utf8_query_is_refused),
		T(test_match_expression_quotes_each_folded_word_as_prefix),
		T(test_match_is_held_to_the_names_and_narrowed_to_the_units),
		T(test_list_is_in_vietnamese_name_order),
		T(test_order_holds_across_inserts_that_force_a_renumbering),
		T(test_order_holds_when_inserting_before_the_first),
		T(test_rebuild_spaces_ranks_in_order),
		T(test_rename_moves_cadre_in_list_and_index),
		T(test_windows_concatenate_to_the_full_list),
		T(test_windows_of_a_unit_scope_both_ways),
		T(test_windows_of_a_broad_text_in_other_orders),
		T(test_age_order_is_oldest_first_ties_by_name),
		T(test_unit_order_follows_the_unit_tree),
		T(test_position_order_lists_each_unit_by_rank),
		T(test_reverse_order_is_the_list_last_first),
		T(test_one_letter_query_does_not_sort_the_match_set),
		T(test_lists_without_text_walk_an_index_in_order),
		T(test_broad_text_in_age_order_walks_the_birth_index),
		T(test_count_stopped_at_once_gives_stopped_and_no_count),
		T(test_count_never_stopped_counts_like_search_count),
		T(test_count_stopped_while_running_leaves_the_handle_usable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
