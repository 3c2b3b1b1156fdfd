/* test_stats_split.c - the cadres of a scope read in parts on several
 * threads (stats_hist_scan.c) give exactly the figures of one walk: the
 * target panel, the district columns and the breakdowns over the demo
 * province, for the whole province, a district (the parts then divide
 * its unit interval), a commune and an organisation; cadres who have
 * left are counted as filter.c's condition counts them; and a write
 * between two counts, by the same connection or another, is seen. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "config.h"
#include "demo.h"
#include "demo_fixture.h"
#include "stats.h"
#include "store.h"
#include "../../src/core/stats_internal.h"

#define AS_OF "2025-06-30"
#define YEAR  2024

static char dir[256], path[512];
static cfg *conf;
static store *db;

static int setup_group(void **state)
{
	demo_options o = {.seed = 5, .cadres = 2500};
	(void)state;
	if (demo_fixture_build(dir, sizeof dir, o.seed, o.cadres, &conf, &db, path, sizeof path,
			       NULL))
		return -1;
	if (demo_fixture_reopen_with_departures(&db, path, 37, 3))
		return -1;
	return 0;
}

static int teardown_group(void **state)
{
	(void)state;
	stats_threads = 0;
	store_close(db);
	config_free(conf);
	fixture_rmtree(dir);
	return 0;
}

/* The scope of a unit by its code (a district, a commune). */
static void unit_scope(const char *code, cadre_filter *f)
{
	unit_row u;
	cb_error err;
	assert_int_equal(store_unit_by_code(db, code, &u, &err), CB_OK);
	f->unit_lo = u.lo;
	f->unit_hi = u.hi;
}

/* The district (tier-2 unit) with the most units under it. */
static void largest_district(cadre_filter *f)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(store_db(db),
					    "SELECT lo, hi FROM unit WHERE tier = 2"
					    " ORDER BY hi - lo DESC, lo LIMIT 1",
					    -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	f->unit_lo = sqlite3_column_int64(st, 0);
	f->unit_hi = sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
	assert_true(f->unit_hi - f->unit_lo >= 3); /* enough units to divide */
}

/* A write of this connection (to a temporary table), so that the next
 * count reads the yearly records again instead of the ones it kept. */
static void touch(void)
{
	assert_int_equal(sqlite3_exec(store_db(db),
				      "CREATE TEMP TABLE IF NOT EXISTS touched(x);"
				      "INSERT INTO temp.touched VALUES(1)",
				      NULL, NULL, NULL),
			 SQLITE_OK);
}

/* Every figure of one scope: the target panel and some breakdowns, each
 * reading the yearly records afresh. */
typedef struct figures {
	target_result r[TARGET_COUNT];
	stats_table t[5];
} figures;

static void count_scope(const cadre_filter *scope, figures *out)
{
	static const int dims[5][2] = {{DIM_AGE, DIM_GENDER},
				       {DIM_RATING, DIM_NONE},
				       {DIM_TRAINING, DIM_GENDER},
				       {DIM_PLANNING, DIM_AGE},
				       {DIM_EDUCATION, DIM_THEORY}};
	cb_error err;

	memset(out, 0, sizeof *out);
	touch();
	if (targets_eval(db, scope, YEAR, conf->target, out->r, &err) != CB_OK)
		fail_msg("targets_eval: %s", err.msg);
	for (int i = 0; i < 5; i++) {
		stats_query q;
		stats_query_init(&q, conf);
		q.base = *scope;
		q.year = YEAR;
		q.dim[0] = dims[i][0];
		q.dim[1] = dims[i][1];
		touch();
		if (stats_run(db, &q, &out->t[i], &err) != CB_OK)
			fail_msg("stats_run: %s", err.msg);
	}
}

static void assert_same_figures(const figures *a, const figures *b)
{
	for (int i = 0; i < TARGET_COUNT; i++) {
		assert_int_equal(a->r[i].num, b->r[i].num);
		assert_int_equal(a->r[i].den, b->r[i].den);
	}
	for (int i = 0; i < 5; i++) {
		assert_int_equal(a->t[i].total, b->t[i].total);
		assert_int_equal(a->t[i].under40, b->t[i].under40);
		assert_memory_equal(a->t[i].count, b->t[i].count, sizeof a->t[i].count);
		assert_memory_equal(a->t[i].row_total, b->t[i].row_total, sizeof a->t[i].row_total);
	}
}

/* One walk, then parts on 2 and on 3 threads: the same figures, and the
 * parts were really read as parts. */
static void check_scope(const cadre_filter *scope)
{
	figures one, split;
	int before;

	stats_threads = 1;
	before = stats_split_reads;
	count_scope(scope, &one);
	assert_int_equal(stats_split_reads, before);
	assert_true(one.t[0].total > 0);
	for (int n = 2; n <= 3; n++) {
		stats_threads = n;
		before = stats_split_reads;
		count_scope(scope, &split);
		/* the panel and 5 tables, each its records and its cadres
		 * (age x gender and education x theory need no records) */
		assert_int_equal(stats_split_reads, before + 2 * 6 - 2);
		assert_same_figures(&one, &split);
	}
	stats_threads = 0;
}

static void base_scope(cadre_filter *f)
{
	filter_init(f);
	date_parse_iso(AS_OF, &f->as_of);
	f->deepest_tier = conf->tiers;
}

static void test_whole_province_in_parts_counts_as_one_walk(void **state)
{
	cadre_filter f;
	(void)state;
	base_scope(&f);
	check_scope(&f);
}

static void test_district_divided_inside_its_units_counts_as_one_walk(void **state)
{
	cadre_filter f;
	(void)state;
	base_scope(&f);
	largest_district(&f);
	check_scope(&f);
}

/* A commune is one unit: nothing to divide, the same figures. */
static void test_commune_counts_the_same(void **state)
{
	cadre_filter f;
	figures one, split;
	(void)state;
	base_scope(&f);
	unit_scope("27685", &f);
	stats_threads = 1;
	count_scope(&f, &one);
	stats_threads = 2;
	count_scope(&f, &split);
	stats_threads = 0;
	assert_same_figures(&one, &split);
}

/* By the units of a past date (a cadre moved since counts where he was):
 * the parts divide the walk by the cadres' present units, the scope's
 * condition whole in each. */
static void test_past_units_in_parts_count_as_one_walk(void **state)
{
	cadre_filter f;
	(void)state;
	assert_int_equal(
		sqlite3_exec(store_db(db),
			     "INSERT INTO unit_history(tbl, row_id, unit_id, until)"
			     " SELECT 'cadre', id, (SELECT max(id) FROM unit), '2025-01-01'"
			     " FROM cadre WHERE id % 11 = 4",
			     NULL, NULL, NULL),
		SQLITE_OK);
	base_scope(&f);
	date_parse_iso("2024-06-30", &f.as_of);
	largest_district(&f);
	check_scope(&f);
	base_scope(&f);
	date_parse_iso("2024-06-30", &f.as_of);
	check_scope(&f);
	assert_int_equal(sqlite3_exec(store_db(db), "DELETE FROM unit_history", NULL, NULL, NULL),
			 SQLITE_OK);
}

static void test_organisation_scope_in_parts_counts_as_one_walk(void **state)
{
	cadre_filter f;
	(void)state;
	base_scope(&f);
	/* the organisation with the most cadres, its sub-organisations too */
	f.org_id = fixture_sql_int(db, "SELECT org_id FROM cadre WHERE org_id IS NOT NULL"
				       " GROUP BY org_id ORDER BY count(*) DESC, org_id LIMIT 1");
	assert_true(f.org_id > 0);
	check_scope(&f);
}

/* Every column of the province view: the same in parts. */
static void test_district_columns_in_parts_count_as_one_walk(void **state)
{
	target_column *one, *split;
	size_t n1, n2;
	cb_date as_of;
	cb_error err;
	(void)state;
	date_parse_iso(AS_OF, &as_of);
	stats_threads = 1;
	assert_int_equal(targets_by_district(db, conf, as_of, YEAR, &one, &n1, &err), CB_OK);
	stats_threads = 2;
	assert_int_equal(targets_by_district(db, conf, as_of, YEAR, &split, &n2, &err), CB_OK);
	stats_threads = 0;
	assert_int_equal(n1, n2);
	assert_true(n1 > 3);
	for (size_t c = 0; c < n1; c++)
		for (int i = 0; i < TARGET_COUNT; i++) {
			assert_int_equal(one[c].result[i].num, split[c].result[i].num);
			assert_int_equal(one[c].result[i].den, split[c].result[i].den);
		}
	free(one);
	free(split);
}

/* Who has left by AS_OF is not counted, who leaves later is; asked for
 * those who have left, only they are: as filter.c's condition says, and
 * as plain SQL counts them. */
static void test_departures_count_as_the_plain_condition(void **state)
{
	static const int mode[3] = {0, 1, FILTER_ANY};
	static const char *sql[3] = {
		"SELECT count(*) FROM cadre WHERE id NOT IN"
		" (SELECT cadre_id FROM departure WHERE left_on <= '" AS_OF "')",
		"SELECT count(*) FROM cadre WHERE id IN"
		" (SELECT cadre_id FROM departure WHERE left_on <= '" AS_OF "')",
		"SELECT count(*) FROM cadre"};
	(void)state;
	for (int m = 0; m < 3; m++)
		for (int n = 1; n <= 2; n++) {
			stats_query q;
			stats_table t;
			cb_error err;
			stats_query_init(&q, conf);
			date_parse_iso(AS_OF, &q.base.as_of);
			q.base.departed = mode[m];
			q.year = YEAR;
			q.dim[0] = DIM_GENDER;
			q.dim[1] = DIM_NONE;
			stats_threads = n;
			assert_int_equal(stats_run(db, &q, &t, &err), CB_OK);
			assert_int_equal(t.total, fixture_sql_int(db, sql[m]));
			assert_true(t.total > 0);
		}
	stats_threads = 0;
}

/* A write between two counts is in the second, whether this connection
 * or another made it. */
static void test_a_write_between_counts_is_seen(void **state)
{
	cadre_filter f;
	figures before, after, one;
	store *other;
	cb_error err;
	(void)state;
	base_scope(&f);
	stats_threads = 2;
	count_scope(&f, &before);
	/* this connection: a woman becomes a man */
	assert_int_equal(sqlite3_exec(store_db(db),
				      "UPDATE cadre SET gender = 1 WHERE id = (SELECT min(id) FROM"
				      " cadre WHERE gender = 2 AND id NOT IN"
				      " (SELECT cadre_id FROM departure))",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	count_scope(&f, &after);
	assert_int_equal(after.t[0].total, before.t[0].total);
	assert_memory_not_equal(after.t[0].col_total, before.t[0].col_total,
				sizeof before.t[0].col_total);
	stats_threads = 1;
	count_scope(&f, &one);
	assert_same_figures(&one, &after);
	/* another connection: a cadre leaves before AS_OF */
	assert_int_equal(store_open(&other, path, 0, &err), CB_OK);
	assert_int_equal(sqlite3_exec(store_db(other),
				      "INSERT INTO departure(cadre_id, kind, left_on)"
				      " SELECT min(id), 2, '2025-01-02' FROM cadre WHERE id NOT IN"
				      " (SELECT cadre_id FROM departure)",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	store_close(other);
	stats_threads = 2;
	count_scope(&f, &after);
	assert_int_equal(after.t[0].total, before.t[0].total - 1);
	stats_threads = 1;
	count_scope(&f, &one);
	assert_same_figures(&one, &after);
	stats_threads = 0;
}

/* Another connection's write, made once: while the first connection of
 * a divided count has begun its read and the others have not. */
static store *writer;
static int writes;

static void write_between_begins(void)
{
	if (writes++ == 0)
		assert_int_equal(sqlite3_exec(store_db(writer),
					      "UPDATE cadre SET gender = 3 - gender, level = 1"
					      " WHERE id % 5 = 1",
					      NULL, NULL, NULL),
				 SQLITE_OK);
}

/* A commit between the begins of the connections of a divided count:
 * they are begun again, all after it, and the count is the one of the
 * database after the write, never a mix of before and after. */
static void test_a_commit_while_the_reads_begin_is_never_half_counted(void **state)
{
	cadre_filter f;
	figures before, split, one;
	cb_error err;
	int retries = stats_snapshot_retries;
	(void)state;
	base_scope(&f);
	stats_threads = 1;
	count_scope(&f, &before);
	assert_int_equal(store_open(&writer, path, 0, &err), CB_OK);
	writes = 0;
	stats_par_between_begins = write_between_begins;
	stats_threads = 2;
	count_scope(&f, &split);
	stats_par_between_begins = NULL;
	store_close(writer);
	assert_int_equal(writes > 1, true);
	assert_true(stats_snapshot_retries > retries);
	stats_threads = 1;
	count_scope(&f, &one);
	stats_threads = 0;
	assert_same_figures(&one, &split);
	assert_memory_not_equal(before.t[0].col_total, one.t[0].col_total,
				sizeof one.t[0].col_total);
}

/* Counting in parts leaves no connection open: the store's is the last
 * to close and empties and removes the write-ahead log, as without them. */
static void test_closing_after_a_divided_count_removes_the_log(void **state)
{
	char copy[600], wal[620];
	cadre_filter f;
	figures fig;
	store *keep = db;
	sqlite3_stmt *st;
	cb_error err;
	int before;
	(void)state;
	snprintf(copy, sizeof copy, "%s/copy.db", dir);
	snprintf(wal, sizeof wal, "%s-wal", copy);
	/* a database of its own, of which this test's is the only connection */
	assert_int_equal(sqlite3_prepare_v2(store_db(db), "VACUUM INTO ?", -1, &st, NULL),
			 SQLITE_OK);
	sqlite3_bind_text(st, 1, copy, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	assert_int_equal(store_open(&db, copy, 0, &err), CB_OK);
	assert_int_equal(sqlite3_exec(store_db(db), "UPDATE cadre SET level = 2 WHERE id = 7", NULL,
				      NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(access(wal, F_OK), 0);
	base_scope(&f);
	stats_threads = 2;
	before = stats_split_reads;
	count_scope(&f, &fig);
	assert_true(stats_split_reads > before);
	stats_threads = 0;
	store_close(db);
	db = keep;
	assert_int_not_equal(access(wal, F_OK), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_whole_province_in_parts_counts_as_one_walk),
		cmocka_unit_test(test_district_divided_inside_its_units_counts_as_one_walk),
		cmocka_unit_test(test_commune_counts_the_same),
		cmocka_unit_test(test_past_units_in_parts_count_as_one_walk),
		cmocka_unit_test(test_organisation_scope_in_parts_counts_as_one_walk),
		cmocka_unit_test(test_district_columns_in_parts_count_as_one_walk),
		cmocka_unit_test(test_departures_count_as_the_plain_condition),
		cmocka_unit_test(test_a_write_between_counts_is_seen),
		cmocka_unit_test(test_a_commit_while_the_reads_begin_is_never_half_counted),
		cmocka_unit_test(test_closing_after_a_divided_count_removes_the_log),
	};
	return cmocka_run_group_tests(tests, setup_group, teardown_group);
}
