/* test_search_pack.c - the province's lists read from a walk kept in
 * memory (the breakdowns, the target panel): against the plain query in
 * every way, across writes by this and another process, and the plans
 * SQLite is given (search_pack_fixture.h). The lists of a district and a
 * commune read every way are in test_search_pack_ways.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "search_pack_fixture.h"

/* A screen that keeps its walk in memory (the breakdowns, the target
 * panel) drills down into lists of the whole province: the cadres whose
 * codes pass are found in that memory and read by id (few), or the name
 * index walked against them (more); each way lists exactly the plain
 * query's rows. Without a kept walk, or once the database changed, the
 * lists are read as before, and are the same. */
static void test_province_lists_from_the_kept_walk_equal_the_plain_query(void **state)
{
	static const struct way
		few = {"province, kept walk, few", 0, 0, 0, 0, 0, 0, 0, 0, 0},
		more = {"province, kept walk, more", 0, 10, 0, 0, 0, 0, 0, 0, 0},
		/* the few walked (along the units that hold
		 * them, in unit and position order), and the
		 * same walk out of its budget: read and sorted */
		few_walked = {"province, kept walk, few walked", 0, 0, 0, 1, 0, 0, 0, 0, -1},
		few_spent = {"province, kept walk, few walked, spent", 0, 0, 1, 1, 0, 0, 0, 0, -1},
		/* the few read from the whole set alone */
		few_whole = {"province, kept walk, few, never cut", 0, 0, 0, 0, 0, 0, 0, 0, -1},
		/* the walk spent, then read from a cut of the few */
		few_spent_cut = {
			"province, kept walk, few walked, spent, cut", 0, 0, 1, 1, 0, 0, 0, 0, 0};
	cadre_filter province = in_scope(NULL);
	long packed = db->search.pack_windows, walked = db->search.member_windows,
	     cut = db->search.cut_windows, missed = db->search.cut_misses;
	cb_error err;
	(void)state;
	stats_keep_walks(db, true);
	assert_int_equal(stats_walk_prefetch(db, &province, YEAR, NULL, NULL, &err), CB_OK);
	check_scope(NULL, "province, kept walk", &few);
	assert_true(db->search.pack_windows > packed);
	/* read from a cut of the few, which held the window, or missed it
	 * (some under 40 failed the bar the walk does not know) */
	assert_true(db->search.cut_windows > cut);
	assert_true(db->search.cut_misses > missed);
	assert_true(db->search.cut_misses < db->search.cut_windows - cut);
	cut = db->search.cut_windows;
	check_scope(NULL, "province, kept walk", &few_whole);
	assert_int_equal(db->search.cut_windows, cut);
	check_scope(NULL, "province, kept walk", &more);
	assert_true(db->search.member_windows > walked);
	walked = db->search.member_windows;
	check_scope(NULL, "province, kept walk", &few_walked);
	assert_true(db->search.member_windows > walked);
	/* codes that let most through (any education) leave the kept
	 * records to narrow the set */
	{
		cadre_filter most = in_scope(NULL);
		long kept = db->search.kept_windows;
		most.education_min = 1;
		most.rating_year = YEAR;
		most.rating_grade = 3;
		check_filter("province, any education, rated 3, kept records", &most, &few);
		assert_true(db->search.kept_windows > kept);
	}
	/* the units where the set is few among many read by id, the rest
	 * walked, the rows merged */
	long merged = db->search.few_windows;
	db->search.unit_few = 4;
	check_scope(NULL, "province, kept walk, few units read by id", &more);
	check_scope(NULL, "province, kept walk, few units read by id", &few_walked);
	db->search.unit_few = 0;
	assert_true(db->search.few_windows > merged);
	/* each walk spent is read again through the set */
	packed = db->search.pack_windows;
	walked = db->search.member_windows;
	check_scope(NULL, "province, kept walk", &few_spent);
	assert_true(db->search.member_windows > walked);
	assert_true(db->search.pack_windows - packed >= db->search.member_windows - walked);
	cut = db->search.cut_windows;
	check_scope(NULL, "province, kept walk", &few_spent_cut);
	assert_true(db->search.cut_windows > cut);
	/* another writer: the kept walk is stale, the lists the same */
	assert_int_equal(sqlite3_exec(store_db(db),
				      "UPDATE cadre SET gender = 3 - gender WHERE id % 9 = 0", NULL,
				      NULL, NULL),
			 SQLITE_OK);
	packed = db->search.pack_windows;
	walked = db->search.member_windows;
	check_scope(NULL, "province, kept walk, after a write", &more);
	assert_int_equal(db->search.pack_windows, packed);
	assert_int_equal(db->search.member_windows, walked);
	assert_int_equal(sqlite3_exec(store_db(db),
				      "UPDATE cadre SET gender = 3 - gender WHERE id % 9 = 0", NULL,
				      NULL, NULL),
			 SQLITE_OK);
	stats_keep_walks(db, false);
}

/* Another process's commit between a window's set being found in memory
 * and the window being read: a man becomes a woman, whom the set (made
 * before) lacks. The window is read again without the set, and has her. */
static sqlite3 *other;
static int64_t turned;

static void other_commits(void *ctx)
{
	char sql[128];
	(void)ctx;
	if (turned) {
		snprintf(sql, sizeof sql, "UPDATE cadre SET gender = 2 WHERE id = %lld",
			 (long long)turned);
		assert_int_equal(sqlite3_exec(other, sql, NULL, NULL, NULL), SQLITE_OK);
		turned = 0;
	}
}

/* Opens `other` (another process's connection) on the demo, keeps the
 * walk of the province with the year's records, and gives the first man
 * in name order, to be turned into a woman. */
static int64_t other_and_a_man(const cadre_filter *province)
{
	char path[600];
	sqlite3_stmt *st;
	cb_error err;
	int64_t man;

	snprintf(path, sizeof path, "%s/demo.db", dir);
	assert_int_equal(sqlite3_open(path, &other), SQLITE_OK);
	sqlite3_busy_timeout(other, 5000);
	assert_int_equal(
		sqlite3_prepare_v2(store_db(db),
				   "SELECT id FROM cadre WHERE gender = 1 ORDER BY rank LIMIT 1",
				   -1, &st, NULL),
		SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	man = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	stats_keep_walks(db, true);
	assert_int_equal(stats_walk_prefetch(db, province, YEAR, NULL, NULL, &err), CB_OK);
	return man;
}

static void test_a_commit_while_a_kept_set_is_used_is_seen(void **state)
{
	cadre_filter province = in_scope(NULL);
	search_query q = {.sort = SORT_NAME};
	search_hit *hits;
	size_t n;
	int64_t man;
	char sql[128];
	long stale = db->search.stale_windows;
	cb_error err;
	(void)state;
	man = other_and_a_man(&province);
	q.filter = province;
	q.filter.gender = 2;
	db->search.pack_dense = 10; /* the women walked against the set */
	db->search.set_chosen = other_commits;
	turned = man;
	assert_int_equal(search_fetch(db, &q, 0, false, 50, &hits, &n, &err), CB_OK);
	db->search.set_chosen = NULL;
	db->search.pack_dense = 0;
	stats_keep_walks(db, false);
	assert_int_equal(turned, 0); /* the commit was made */
	assert_true(db->search.stale_windows > stale);
	/* the window is the plain query's, and she is in it */
	{
		size_t pn;
		bool in = false;
		int64_t *want = plain(&q, &pn);
		assert_true(pn >= n);
		for (size_t i = 0; i < n; i++) {
			assert_int_equal(hits[i].c.id, want[i]);
			in = in || hits[i].c.id == man;
		}
		assert_true(in);
		free(want);
	}
	free(hits);
	snprintf(sql, sizeof sql, "UPDATE cadre SET gender = 1 WHERE id = %lld", (long long)man);
	assert_int_equal(sqlite3_exec(other, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(other);
}

/* The first window of q (50 rows) is the plain query's; whether cadre
 * `who` is in it. */
static bool first_window_is_plain(const search_query *q, int64_t who)
{
	search_hit *hits;
	size_t n, pn;
	cb_error err;
	bool in = false;
	int64_t *want;

	assert_int_equal(search_fetch(db, q, 0, false, 50, &hits, &n, &err), CB_OK);
	want = plain(q, &pn);
	assert_int_equal(n, pn < 50 ? pn : 50);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(hits[i].c.id, want[i]);
		in = in || hits[i].c.id == who;
	}
	free(want);
	free(hits);
	return in;
}

/* A list's set found in memory serves its next windows, and only while
 * nothing it was made from changed: another filter, a commit by another
 * process, a write by this one each make it again (a man turned into a
 * woman is then in the women's list). */
static void test_a_kept_set_serves_the_next_window_until_anything_changes(void **state)
{
	cadre_filter province = in_scope(NULL);
	search_query q = {.sort = SORT_NAME};
	char sql[128];
	int64_t man;
	long hits = db->search.set_hits;
	cb_error err;
	(void)state;
	man = other_and_a_man(&province);
	q.filter = province;
	q.filter.gender = 2;
	assert_false(first_window_is_plain(&q, man));
	assert_int_equal(db->search.set_hits, hits); /* made */
	assert_false(first_window_is_plain(&q, man));
	assert_int_equal(db->search.set_hits, hits + 1); /* taken */
	q.filter.population = POP_MANAGED;		 /* another filter: made */
	first_window_is_plain(&q, man);
	assert_int_equal(db->search.set_hits, hits + 1);
	q.filter.population = POP_ALL;
	first_window_is_plain(&q, man);
	hits = db->search.set_hits;
	/* another process commits: the set is not taken, she is listed */
	snprintf(sql, sizeof sql, "UPDATE cadre SET gender = 2 WHERE id = %lld", (long long)man);
	assert_int_equal(sqlite3_exec(other, sql, NULL, NULL, NULL), SQLITE_OK);
	assert_true(first_window_is_plain(&q, man));
	assert_int_equal(db->search.set_hits, hits);
	/* the walk made again, the set too; then this process writes */
	assert_int_equal(stats_walk_prefetch(db, &province, YEAR, NULL, NULL, &err), CB_OK);
	assert_true(first_window_is_plain(&q, man));
	assert_true(first_window_is_plain(&q, man));
	assert_int_equal(db->search.set_hits, hits + 1);
	snprintf(sql, sizeof sql, "UPDATE cadre SET gender = 1 WHERE id = %lld", (long long)man);
	assert_int_equal(sqlite3_exec(store_db(db), sql, NULL, NULL, NULL), SQLITE_OK);
	assert_false(first_window_is_plain(&q, man));
	assert_int_equal(db->search.set_hits, hits + 1);
	stats_keep_walks(db, false);
	sqlite3_close(other);
}

/* The first cadre of a target's list in the district, by the plain query,
 * and whether cadre id is in that list as the engine reads it. */
static int64_t first_of(const unit_row *d, int target, int kind)
{
	cadre_filter scope = in_scope(d);
	search_query q = {.sort = SORT_NAME};
	size_t n;
	int64_t *ids, id;
	assert_true(target_filter(target, kind, &scope, YEAR, &q.filter));
	ids = plain(&q, &n);
	assert_true(n > 0);
	id = ids[0];
	free(ids);
	return id;
}

static bool listed(const unit_row *d, int target, int kind, int64_t id)
{
	cadre_filter scope = in_scope(d);
	search_query q = {.sort = SORT_NAME};
	search_hit *hits;
	size_t n;
	bool in = false;
	cb_error err;
	assert_true(target_filter(target, kind, &scope, YEAR, &q.filter));
	assert_int_equal(search_fetch(db, &q, 0, false, 0, &hits, &n, &err), CB_OK);
	for (size_t i = 0; i < n; i++)
		in = in || hits[i].c.id == id;
	free(hits);
	return in;
}

static void exec_sql(const char *fmt, int64_t id)
{
	char sql[256];
	snprintf(sql, sizeof sql, fmt, (long long)id, YEAR);
	assert_int_equal(sqlite3_exec(store_db(db), sql, NULL, NULL, NULL), SQLITE_OK);
}

/* The panel's cells whose lists test a year's trainings and ratings. */
static const struct {
	int target, kind;
} kept_cells[] = {
	{T_COMMITTEE_TRAINED, TL_NUM},
	{T_COMMITTEE_TRAINED, TL_SHORT},
	{T_DEPT_GOOD, TL_NUM},
	{T_DEPT_GOOD, TL_SHORT},
};
#define KEPT_CELLS (sizeof kept_cells / sizeof kept_cells[0])

/* The district's lists of a year's trainings and ratings, with that
 * year's records kept in memory by a screen: each way of reading them
 * lists the plain query's rows, the records tested from memory. A
 * training or a rating written since makes those stale: the lists follow
 * the write at once (the records probed again), and again once the
 * screen has read them anew. */
static void check_kept_lists(const unit_row *d, const char *when, bool kept)
{
	static const int chosen[] = {0, 1, 2, 4, 5}; /* of ways[] */
	long before = db->search.kept_windows;
	char name[160];
	for (size_t w = 0; w < sizeof chosen / sizeof chosen[0]; w++)
		for (size_t c = 0; c < KEPT_CELLS; c++) {
			cadre_filter scope = in_scope(d), f;
			assert_true(target_filter(kept_cells[c].target, kept_cells[c].kind, &scope,
						  YEAR, &f));
			snprintf(name, sizeof name, "district, %s, target %d list %d", when,
				 kept_cells[c].target, kept_cells[c].kind);
			check_filter(name, &f, &ways[chosen[w]]);
		}
	if (kept != (db->search.kept_windows > before))
		fail_msg("%s: %ld windows tested on the kept records", when,
			 db->search.kept_windows - before);
}

/* The kept records' test is exact, not only a superset the list's own
 * statement trims: of the district's cadres that pass a cell's other
 * conditions, those it lets through are as many as the cell's list. */
static void check_kept_test_is_exact(const unit_row *d)
{
	for (size_t c = 0; c < KEPT_CELLS; c++) {
		cadre_filter scope = in_scope(d);
		search_query q = {.sort = SORT_NAME}, others = {.sort = SORT_NAME};
		stats_kept_test t;
		size_t n, m, passing = 0;
		assert_true(target_filter(kept_cells[c].target, kept_cells[c].kind, &scope, YEAR,
					  &q.filter));
		assert_true(stats_kept_test_for(db, &q.filter, &t));
		others.filter = q.filter;
		others.filter.rating_year = 0;
		others.filter.rating_grade = FILTER_ANY;
		others.filter.rating_good = others.filter.rating_not_good = false;
		others.filter.trained = FILTER_ANY;
		others.filter.planning = FILTER_ANY;
		free(plain(&q, &n));
		int64_t *ids = plain(&others, &m);
		for (size_t i = 0; i < m; i++)
			passing += stats_kept_passes(&t, ids[i]);
		free(ids);
		assert_true(m > n);
		assert_int_equal(passing, n);
	}
}

static void test_lists_from_the_kept_records_follow_every_write(void **state)
{
	unit_row d = largest(2);
	int64_t untrained = first_of(&d, T_COMMITTEE_TRAINED, TL_SHORT),
		not_good = first_of(&d, T_DEPT_GOOD, TL_SHORT);
	(void)state;
	keep_records();
	check_kept_test_is_exact(&d);
	check_kept_lists(&d, "kept records", true);
	/* a training of the year added: the cadre leaves the list */
	exec_sql("INSERT INTO training(cadre_id, year, kind) VALUES (%lld, %d, 1)", untrained);
	assert_false(listed(&d, T_COMMITTEE_TRAINED, TL_SHORT, untrained));
	check_kept_lists(&d, "a training added", false);
	keep_records();
	assert_false(listed(&d, T_COMMITTEE_TRAINED, TL_SHORT, untrained));
	check_kept_lists(&d, "a training added, records read again", true);
	/* and removed: back in it */
	exec_sql("DELETE FROM training WHERE cadre_id = %lld AND year = %d AND kind = 1",
		 untrained);
	assert_true(listed(&d, T_COMMITTEE_TRAINED, TL_SHORT, untrained));
	keep_records();
	assert_true(listed(&d, T_COMMITTEE_TRAINED, TL_SHORT, untrained));
	/* a good rating of the year: out of the list of those not rated
	 * good, into the other; then taken away */
	exec_sql("CREATE TEMP TABLE kept_rating AS SELECT * FROM rating"
		 " WHERE cadre_id = %lld AND year = %d",
		 not_good);
	exec_sql("DELETE FROM rating WHERE cadre_id = %lld AND year = %d", not_good);
	exec_sql("INSERT INTO rating(cadre_id, year, grade) VALUES (%lld, %d, 1)", not_good);
	assert_false(listed(&d, T_DEPT_GOOD, TL_SHORT, not_good));
	assert_true(listed(&d, T_DEPT_GOOD, TL_NUM, not_good));
	check_kept_lists(&d, "a good rating added", false);
	keep_records();
	assert_false(listed(&d, T_DEPT_GOOD, TL_SHORT, not_good));
	check_kept_lists(&d, "a good rating added, records read again", true);
	exec_sql("DELETE FROM rating WHERE cadre_id = %lld AND year = %d", not_good);
	exec_sql("INSERT INTO rating SELECT * FROM kept_rating WHERE %lld AND %d", 1);
	exec_sql("DROP TABLE kept_rating -- %lld %d", 0);
	assert_true(listed(&d, T_DEPT_GOOD, TL_SHORT, not_good));
	keep_records();
	assert_true(listed(&d, T_DEPT_GOOD, TL_SHORT, not_good));
	assert_false(listed(&d, T_DEPT_GOOD, TL_NUM, not_good));
	stats_keep_walks(db, false);
}

/* A district's list whose set passes many times a window (a sixteenth of
 * it, or one row), with a condition on the yearly records (the target
 * panel's cells): as chosen, walked along its units' entries in the
 * search index, the rows the plain query's. */
static void test_a_common_set_is_walked_along_its_units(void **state)
{
	unit_row d = largest(2);
	long placed = db->search.place_windows, walked = db->search.member_windows;
	size_t lists = 0;
	(void)state;
	for (int id = 0; id < TARGET_COUNT; id++)
		for (int kind = TL_DEN; kind <= TL_POOL; kind++) {
			cadre_filter scope = in_scope(&d);
			search_query q = {.sort = SORT_NAME};
			size_t n;
			if (!target_filter(id, kind, &scope, YEAR, &q.filter))
				continue;
			free(plain(&q, &n));
			if (n < PLACE_PASS_MIN)
				continue;
			what = "a common set walked along its units";
			check_list(&q, n / 16 + 1);
			lists++;
		}
	assert_true(lists > 0);
	assert_true(db->search.place_windows > placed);
	assert_true(db->search.member_windows > walked);
}

/* Reads the EXPLAIN program of sql: whether it reads a column of the
 * table cadre (Column on a cursor opened on the table's root page) and
 * whether it opens the index cadre_pack. */
static void program_reads(const char *sql, bool *table_column, bool *pack_index)
{
	char *explain = malloc(strlen(sql) + 16);
	sqlite3_stmt *st;
	int cursors[16], ncur = 0;
	int64_t table_root = 0, pack_root = 0;

	assert_non_null(explain);
	sprintf(explain, "EXPLAIN %s", sql);
	assert_int_equal(
		sqlite3_prepare_v2(store_db(db),
				   "SELECT (SELECT rootpage FROM sqlite_schema WHERE name ="
				   " 'cadre'), (SELECT rootpage FROM sqlite_schema WHERE"
				   " name = 'cadre_pack')",
				   -1, &st, NULL),
		SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	table_root = sqlite3_column_int64(st, 0);
	pack_root = sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
	*table_column = *pack_index = false;
	assert_int_equal(sqlite3_prepare_v2(store_db(db), explain, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *op = (const char *)sqlite3_column_text(st, 1);
		int p1 = sqlite3_column_int(st, 2);
		int64_t p2 = sqlite3_column_int64(st, 3);
		if (strcmp(op, "OpenRead") == 0 && p2 == table_root && ncur < 16)
			cursors[ncur++] = p1;
		if (strcmp(op, "OpenRead") == 0 && p2 == pack_root)
			*pack_index = true;
		if (strcmp(op, "Column") == 0)
			for (int i = 0; i < ncur; i++)
				if (cursors[i] == p1)
					*table_column = true;
	}
	sqlite3_finalize(st);
	free(explain);
}

/* The set is found on the index alone: SQLite reads the pack from
 * cadre_pack (it matches the expression) and no column of the table,
 * whatever the codes, populations and records asked. */
static void test_the_set_is_read_from_the_index_not_the_table(void **state)
{
	unit_row d = largest(2);
	search_pack_sql *o = malloc(sizeof *o);
	cb_error err;
	(void)state;
	assert_non_null(o);
	for (int pop = 0; pop < POP_COUNT; pop++)
		for (size_t t = 0; t < sizeof tweaks / sizeof tweaks[0]; t++) {
			cadre_filter f = in_scope(&d);
			bool column, index;
			f.population = pop;
			tweaks[t].fn(&f);
			if (!search_pack_usable(&f))
				continue;
			assert_int_equal(search_pack_build(&f, o, &err), CB_OK);
			program_reads(o->scan, &column, &index);
			if (column || !index)
				fail_msg("population %d, %s: %s", pop, tweaks[t].name,
					 column ? "reads the table" : "does not use cadre_pack");
			if (o->probe[0]) {
				program_reads(o->probe, &column, &index);
				assert_false(column);
			}
		}
	free(o);
}

/* The address in sql's program of the call of canbo_member and of the
 * first read of a column of the table cadre (-1: none). */
static void member_before_row(const char *sql, int *member_at, int *column_at)
{
	char *explain = malloc(strlen(sql) + 16);
	sqlite3_stmt *st;
	int cursors[16], ncur = 0;
	int64_t table_root;

	assert_non_null(explain);
	sprintf(explain, "EXPLAIN %s", sql);
	assert_int_equal(
		sqlite3_prepare_v2(store_db(db),
				   "SELECT rootpage FROM sqlite_schema WHERE name = 'cadre'", -1,
				   &st, NULL),
		SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	table_root = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	*member_at = *column_at = -1;
	assert_int_equal(sqlite3_prepare_v2(store_db(db), explain, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int addr = sqlite3_column_int(st, 0);
		const char *op = (const char *)sqlite3_column_text(st, 1);
		int p1 = sqlite3_column_int(st, 2);
		const char *p4 = (const char *)sqlite3_column_text(st, 5);
		if (strcmp(op, "OpenRead") == 0 && sqlite3_column_int64(st, 3) == table_root &&
		    ncur < 16)
			cursors[ncur++] = p1;
		if (strcmp(op, "Function") == 0 && p4 && strstr(p4, "canbo_member") &&
		    *member_at < 0)
			*member_at = addr;
		if (strcmp(op, "Column") == 0 && *column_at < 0)
			for (int i = 0; i < ncur; i++)
				if (cursors[i] == p1)
					*column_at = addr;
	}
	sqlite3_finalize(st);
	free(explain);
}

/* A walk against the set tests each entry's id before it reads the row:
 * that is what spares the rows of the cadres outside the set. */
static void test_the_walk_tests_the_set_before_reading_a_row(void **state)
{
	static const tweak some[] = {women, pool_free, not_good, trained_kind, master};
	unit_row d = largest(2);
	search_sql *o = malloc(sizeof *o);
	cb_error err;
	(void)state;
	assert_non_null(o);
	assert_int_equal(search_register(db, &err), CB_OK);
	for (size_t k = 0; k < 4; k++)
		for (size_t t = 0; t < sizeof some / sizeof some[0]; t++) {
			search_query q = {.sort = sorts[k], .filter = in_scope(&d)};
			int member_at, column_at;
			some[t](&q.filter);
			assert_int_equal(search_build(&q, 0, false, 0, SEARCH_MEMBER, o, &err),
					 CB_OK);
			assert_true(o->p_member > 0);
			member_before_row(o->sql, &member_at, &column_at);
			if (member_at < 0 || column_at < 0 || member_at > column_at)
				fail_msg("sort %d, tweak %zu: the set tested at %d, a row read at "
					 "%d",
					 sorts[k], t, member_at, column_at);
		}
	/* and in name order against the scope's ranks, with text and without */
	for (size_t t = 0; t < 2; t++) {
		search_query q = {
			.sort = SORT_NAME, .filter = in_scope(&d), .text = t ? "van" : NULL};
		int member_at, column_at;
		assert_int_equal(search_build(&q, 0, false, 0, SEARCH_RANKS, o, &err), CB_OK);
		assert_true(o->p_member > 0);
		member_before_row(o->sql, &member_at, &column_at);
		if (member_at < 0 || column_at < 0 || member_at > column_at)
			fail_msg("ranks, text %zu: the set tested at %d, a row read at %d", t,
				 member_at, column_at);
	}
	/* and along the units' entries in the search index */
	for (size_t t = 0; t < 2; t++) {
		search_query q = {
			.sort = SORT_NAME, .filter = in_scope(&d), .text = t ? "van" : NULL};
		int member_at, column_at;
		not_good(&q.filter);
		assert_int_equal(
			search_build(&q, 0, false, 0, SEARCH_MEMBER | SEARCH_PLACE, o, &err),
			CB_OK);
		assert_true(o->p_member > 0);
		assert_true(o->place);
		member_before_row(o->sql, &member_at, &column_at);
		if (member_at < 0 || column_at < 0 || member_at > column_at)
			fail_msg("units, text %zu: the set tested at %d, a row read at %d", t,
				 member_at, column_at);
	}
	free(o);
}

/* No unit scope, or one as it was before a unit reform: not read through
 * the set (the index answers neither). */
static void test_the_set_needs_a_unit_scope_as_it_is_now(void **state)
{
	unit_row d = largest(2);
	cadre_filter f = in_scope(NULL);
	(void)state;
	f.gender = 2;
	assert_false(search_pack_usable(&f));
	f = in_scope(&d);
	assert_false(search_pack_usable(&f)); /* nothing to narrow it by */
	f.gender = 2;
	assert_true(search_pack_usable(&f));
	f.unit_history = true;
	assert_false(search_pack_usable(&f));
}

/* A filter on a code or on the records kept over the whole of a long
 * province is worth keeping the walk and the year's records for
 * (search_walk_worth); a short one, one with neither (or a bar, never
 * kept), one within a unit scope (the filter's or the reader's) is not. */
static void test_a_code_filter_over_a_long_province_is_worth_a_walk(void **state)
{
	search_query q = {.sort = SORT_NAME};
	unit_row d = largest(2);
	int year;
	(void)state;
	q.filter = in_scope(NULL);
	q.filter.gender = 2;
	assert_false(search_walk_worth(db, &q)); /* a short province */
	assert_false(search_walk_may_serve(db, &q));
	/* a long one: its largest id stands for its size */
	if (sqlite3_exec(store_db(db),
			 "SAVEPOINT long; INSERT INTO cadre (id, full_name, name_fold, sort_key,"
			 " rank, birth_date, gender, ethnicity, unit_id, position, pos_rank,"
			 " level, education, theory) SELECT 70000, full_name, name_fold,"
			 " sort_key, (SELECT max(rank) FROM cadre) + 1, birth_date, gender,"
			 " ethnicity, unit_id, position, pos_rank, level, education, theory"
			 " FROM cadre WHERE id = (SELECT max(id) FROM cadre)",
			 NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("%s", sqlite3_errmsg(store_db(db)));
	assert_int_equal(search_walk_worth(db, &q), SEARCH_KEEP_WALK);
	q.text = "nguyen"; /* the text is not asked */
	assert_int_equal(search_walk_worth(db, &q), SEARCH_KEEP_WALK);
	q.filter.gender = FILTER_ANY;
	assert_false(search_walk_worth(db, &q));
	assert_true(search_walk_may_serve(db, &q)); /* ahead of a condition */
	/* a condition the records kept answer, with their year */
	q.filter.rating_year = YEAR;
	q.filter.rating_grade = 4;
	assert_int_equal(search_walk_worth(db, &q), SEARCH_KEEP_RECORDS);
	assert_true(stats_kept_year(&q.filter, &year));
	assert_int_equal(year, YEAR);
	q.filter.gender = 2; /* both */
	assert_int_equal(search_walk_worth(db, &q), SEARCH_KEEP_WALK | SEARCH_KEEP_RECORDS);
	q.filter.gender = FILTER_ANY;
	q.filter.barred = 1; /* a bar is never kept */
	assert_false(stats_kept_year(&q.filter, &year));
	assert_false(search_walk_worth(db, &q));
	q.filter = in_scope(NULL);
	q.filter.planning = 1; /* the pool: any year */
	assert_true(stats_kept_year(&q.filter, &year));
	assert_int_equal(year, 0);
	assert_int_equal(search_walk_worth(db, &q), SEARCH_KEEP_RECORDS);
	q.filter = in_scope(&d);
	q.filter.gender = 2;
	assert_false(search_walk_worth(db, &q));
	assert_false(search_walk_may_serve(db, &q));
	q.filter = in_scope(NULL);
	q.filter.gender = 2;
	store_set_scope(db, d.lo, d.hi);
	assert_false(search_walk_worth(db, &q));
	store_set_scope(db, 0, 0);
	assert_true(search_walk_worth(db, &q));
	assert_int_equal(
		sqlite3_exec(store_db(db), "ROLLBACK TO long; RELEASE long", NULL, NULL, NULL),
		SQLITE_OK);
	assert_false(search_walk_worth(db, &q));
}

/* The first window of q, fetched once; how many sets were taken. */
static long set_taken(const search_query *q)
{
	long before = db->search.set_hits;
	search_hit *hits = NULL;
	size_t n = 0;
	cb_error err;
	assert_int_equal(search_fetch(db, q, 0, false, 50, &hits, &n, &err), CB_OK);
	assert_true(n > 0);
	free(hits);
	return db->search.set_hits - before;
}

/* The set found for a list in name order serves the same list in another
 * order (the sort order changed) when it is what that order would find:
 * more pass than that order names with their keys (cut_members, set low
 * here). When few enough pass to be named, the set is found again with
 * them. Either way the list is the plain query's. */
static void test_a_set_found_in_name_order_serves_another_order(void **state)
{
	cadre_filter province = in_scope(NULL);
	search_query q = {.sort = SORT_NAME};
	cb_error err;
	(void)state;
	stats_keep_walks(db, true);
	assert_int_equal(stats_walk_prefetch(db, &province, YEAR, NULL, NULL, &err), CB_OK);
	q.filter = province;
	q.filter.gender = 2;
	what = "women, the set of name order";
	db->search.cut_members = 8; /* fewer than the women */
	assert_int_equal(set_taken(&q), 0);
	q.sort = SORT_UNIT;
	assert_int_equal(set_taken(&q), 1);
	check_list(&q, 7);
	q.sort = SORT_AGE | SORT_REVERSE;
	assert_int_equal(set_taken(&q), 1);
	check_list(&q, 7);
	/* back in name order: the same set */
	q.sort = SORT_NAME;
	assert_int_equal(set_taken(&q), 1);
	db->search.cut_members = 1000000; /* as many as they are: named */
	q.sort = SORT_POSITION;
	assert_int_equal(set_taken(&q), 0);
	check_list(&q, 7);
	db->search.cut_members = 0;
	stats_keep_walks(db, false);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_common_set_is_walked_along_its_units),
		cmocka_unit_test(test_province_lists_from_the_kept_walk_equal_the_plain_query),
		cmocka_unit_test(test_lists_from_the_kept_records_follow_every_write),
		cmocka_unit_test(test_the_set_is_read_from_the_index_not_the_table),
		cmocka_unit_test(test_the_walk_tests_the_set_before_reading_a_row),
		cmocka_unit_test(test_the_set_needs_a_unit_scope_as_it_is_now),
		cmocka_unit_test(test_a_code_filter_over_a_long_province_is_worth_a_walk),
		cmocka_unit_test(test_a_commit_while_a_kept_set_is_used_is_seen),
		cmocka_unit_test(test_a_kept_set_serves_the_next_window_until_anything_changes),
		cmocka_unit_test(test_a_set_found_in_name_order_serves_another_order),
	};
	return cmocka_run_group_tests(tests, setup_group, teardown_group);
}
