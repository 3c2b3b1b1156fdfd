/* test_stats_walk.c - the walk of the cadres kept in memory between
 * counts (stats_walk.c) gives exactly the figures of a walk of the
 * database: the target panel, the district columns and breakdowns, for the
 * whole province, a district, a commune, an organisation and the units of
 * a past date, on one thread and on several; it is really used when
 * nothing changed; and after every kind of write (insert, edit, delete,
 * restore, import, rating, training, planning pool, another connection's
 * departure, the reader's scope) it never serves the figures of before. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "access.h"
#include "config.h"
#include "demo.h"
#include "demo_fixture.h"
#include "stats.h"
#include "store.h"
#include "store_import.h"
#include "store_sql.h"
#include "trash.h"
#include "../../src/core/stats_internal.h"

#define AS_OF "2025-06-30"
#define YEAR  2024
#define NDIMS 5

static char dir[256], path[512];
static cfg *conf;
static store *db;

static int setup_group(void **state)
{
	(void)state;
	if (demo_fixture_build(dir, sizeof dir, 11, 2500, &conf, &db, path, sizeof path, NULL))
		return -1;
	if (demo_fixture_reopen_with_departures(&db, path, 41, 5))
		return -1;
	return 0;
}

static int teardown_group(void **state)
{
	(void)state;
	stats_keep_walks(db, false);
	stats_threads = 0;
	store_close(db);
	config_free(conf);
	fixture_rmtree(dir);
	return 0;
}

static void base_scope(cadre_filter *f)
{
	filter_init(f);
	date_parse_iso(AS_OF, &f->as_of);
	f->deepest_tier = conf->tiers;
}

static void unit_scope(const char *sql, cadre_filter *f)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(store_db(db), sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	f->unit_lo = sqlite3_column_int64(st, 0);
	f->unit_hi = sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
}

/* Every figure of one scope, counted as the screens count them: the
 * panel, then breakdowns one after the other. */
typedef struct figures {
	target_result r[TARGET_COUNT];
	stats_table t[NDIMS];
} figures;

static void count_scope(const cadre_filter *scope, figures *out)
{
	static const int dims[NDIMS][2] = {{DIM_AGE, DIM_GENDER},
					   {DIM_RATING, DIM_NONE},
					   {DIM_TRAINING, DIM_GENDER},
					   {DIM_PLANNING, DIM_AGE},
					   {DIM_EDUCATION, DIM_THEORY}};
	cb_error err;

	memset(out, 0, sizeof *out);
	if (targets_eval(db, scope, YEAR, conf->target, out->r, &err) != CB_OK)
		fail_msg("targets_eval: %s", err.msg);
	for (int i = 0; i < NDIMS; i++) {
		stats_query q;
		stats_query_init(&q, conf);
		q.base = *scope;
		q.year = YEAR;
		q.dim[0] = dims[i][0];
		q.dim[1] = dims[i][1];
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
	for (int i = 0; i < NDIMS; i++) {
		assert_int_equal(a->t[i].total, b->t[i].total);
		assert_int_equal(a->t[i].under40, b->t[i].under40);
		assert_memory_equal(a->t[i].count, b->t[i].count, sizeof a->t[i].count);
		assert_memory_equal(a->t[i].row_total, b->t[i].row_total, sizeof a->t[i].row_total);
		assert_memory_equal(a->t[i].col_total, b->t[i].col_total, sizeof a->t[i].col_total);
	}
}

/* The figures walking the database every time. */
static void count_plain(const cadre_filter *scope, figures *out)
{
	int hits = stats_walk_hits, fills = stats_walk_fills;
	stats_keep_walks(db, false);
	count_scope(scope, out);
	assert_int_equal(stats_walk_hits, hits);
	assert_int_equal(stats_walk_fills, fills);
}

/* The figures with the walk kept, as the screen counts: the walk made
 * while the keyboard rests, then the counts from memory. */
static void count_kept(const cadre_filter *scope, figures *out)
{
	cb_error err;
	stats_keep_walks(db, true);
	if (stats_walk_prefetch(db, scope, YEAR, NULL, NULL, &err) != CB_OK)
		fail_msg("stats_walk_prefetch: %s", err.msg);
	count_scope(scope, out);
}

/* Plain, then kept twice (the second time nothing is walked at all): the
 * same figures each time, every count of the panel and the breakdowns
 * from memory. */
static void check_scope(const cadre_filter *scope)
{
	figures plain, first, again;
	int fills, hits;

	for (int n = 1; n <= 2; n++) {
		stats_threads = n;
		count_plain(scope, &plain);
		assert_true(plain.t[0].total > 0);
		fills = stats_walk_fills;
		hits = stats_walk_hits;
		count_kept(scope, &first);
		assert_int_equal(stats_walk_fills, fills + 1);
		assert_int_equal(stats_walk_hits, hits + 1 + NDIMS);
		count_kept(scope, &again);
		assert_int_equal(stats_walk_fills, fills + 1);
		assert_int_equal(stats_walk_hits, hits + 2 * (1 + NDIMS));
		assert_same_figures(&plain, &first);
		assert_same_figures(&plain, &again);
	}
	stats_threads = 0;
	stats_keep_walks(db, false);
}

static void test_whole_province_kept_counts_as_walked(void **state)
{
	cadre_filter f;
	(void)state;
	base_scope(&f);
	check_scope(&f);
}

static void test_district_kept_counts_as_walked(void **state)
{
	cadre_filter f;
	(void)state;
	base_scope(&f);
	unit_scope("SELECT lo, hi FROM unit WHERE tier = 2 ORDER BY hi - lo DESC, lo LIMIT 1", &f);
	check_scope(&f);
}

static void test_commune_kept_counts_as_walked(void **state)
{
	cadre_filter f;
	(void)state;
	base_scope(&f);
	unit_scope("SELECT u.lo, u.hi FROM unit u WHERE u.tier = 3 AND EXISTS"
		   " (SELECT 1 FROM cadre c WHERE c.unit_id = u.id) ORDER BY u.lo LIMIT 1",
		   &f);
	check_scope(&f);
}

static void test_organisation_kept_counts_as_walked(void **state)
{
	cadre_filter f;
	(void)state;
	base_scope(&f);
	f.org_id = fixture_sql_int(db, "SELECT org_id FROM cadre WHERE org_id IS NOT NULL"
				       " GROUP BY org_id ORDER BY count(*) DESC, org_id LIMIT 1");
	assert_true(f.org_id > 0);
	check_scope(&f);
}

static void test_past_units_kept_count_as_walked(void **state)
{
	cadre_filter f;
	(void)state;
	assert_int_equal(
		sqlite3_exec(store_db(db),
			     "INSERT INTO unit_history(tbl, row_id, unit_id, until)"
			     " SELECT 'cadre', id, (SELECT max(id) FROM unit), '2025-01-01'"
			     " FROM cadre WHERE id % 13 = 4",
			     NULL, NULL, NULL),
		SQLITE_OK);
	base_scope(&f);
	date_parse_iso("2024-06-30", &f.as_of);
	unit_scope("SELECT lo, hi FROM unit WHERE tier = 2 ORDER BY hi - lo DESC, lo LIMIT 1", &f);
	check_scope(&f);
	assert_int_equal(sqlite3_exec(store_db(db), "DELETE FROM unit_history", NULL, NULL, NULL),
			 SQLITE_OK);
}

/* The district columns of the panel: the same from memory. */
static void test_district_columns_kept_count_as_walked(void **state)
{
	target_column *plain, *kept;
	cadre_filter f;
	size_t n1, n2;
	cb_date as_of;
	cb_error err;
	int hits;
	(void)state;
	date_parse_iso(AS_OF, &as_of);
	stats_keep_walks(db, false);
	assert_int_equal(targets_by_district(db, conf, as_of, YEAR, &plain, &n1, &err), CB_OK);
	stats_keep_walks(db, true);
	base_scope(&f); /* the screen's province scope */
	assert_int_equal(stats_walk_prefetch(db, &f, YEAR, NULL, NULL, &err), CB_OK);
	hits = stats_walk_hits;
	assert_int_equal(targets_by_district(db, conf, as_of, YEAR, &kept, &n2, &err), CB_OK);
	assert_int_equal(stats_walk_hits, hits + 1);
	stats_keep_walks(db, false);
	assert_int_equal(n1, n2);
	assert_true(n1 > 3);
	for (size_t c = 0; c < n1; c++)
		for (int i = 0; i < TARGET_COUNT; i++) {
			assert_int_equal(plain[c].result[i].num, kept[c].result[i].num);
			assert_int_equal(plain[c].result[i].den, kept[c].result[i].den);
		}
	free(plain);
	free(kept);
}

/* A key while the walk is kept (the screen's idle step): it gives way at
 * once, on one thread and when split, keeps nothing half made, leaves the
 * connection counting as before, and the next rest keeps the walk. */
static int stop_after(void *ctx)
{
	int *left = ctx;
	return (*left)-- <= 0;
}

static void test_a_key_stops_keeping_the_walk(void **state)
{
	cadre_filter f;
	figures plain, after;
	cb_error err;
	(void)state;
	base_scope(&f);
	for (int n = 1; n <= 2; n++) {
		stats_threads = n;
		count_plain(&f, &plain);
		stats_keep_walks(db, true);
		store_search_state(db)->stop_check_ops = 50; /* asked often */
		for (int k = 1; k <= 3; k++) {
			int left = k, fills = stats_walk_fills, hits = stats_walk_hits;
			assert_int_equal(stats_walk_prefetch(db, &f, YEAR, stop_after, &left, &err),
					 CB_STOPPED);
			assert_int_equal(stats_walk_fills, fills);
			count_scope(&f, &after); /* nothing kept: the index */
			assert_int_equal(stats_walk_hits, hits);
			assert_same_figures(&plain, &after);
		}
		store_search_state(db)->stop_check_ops = 0;
		int fills = stats_walk_fills;
		assert_int_equal(stats_walk_prefetch(db, &f, YEAR, NULL, NULL, &err), CB_OK);
		assert_int_equal(stats_walk_fills, fills + 1);
		count_scope(&f, &after);
		assert_same_figures(&plain, &after);
		stats_keep_walks(db, false);
	}
	stats_threads = 0;
}

/* ---- writes ---------------------------------------------------------------- */

/* Counts kept, then writes, then counts: walking the index (the walk kept
 * is not current), with the plain figures after the write, which differ
 * from before; then kept again, from a new walk, the same. */
typedef void (*write_fn)(void);

static void check_write(write_fn write, bool changes_walk)
{
	figures before, after, plain;
	cadre_filter f;
	int fills, hits;

	base_scope(&f);
	count_kept(&f, &before);
	write();
	hits = stats_walk_hits;
	count_scope(&f, &after); /* the screen's keys before the keyboard rests */
	assert_int_equal(stats_walk_hits, hits);
	fills = stats_walk_fills;
	count_kept(&f, &plain); /* it rests: walked again */
	assert_int_equal(stats_walk_fills, fills + 1);
	assert_same_figures(&plain, &after);
	count_plain(&f, &plain);
	assert_same_figures(&plain, &after);
	if (changes_walk)
		assert_memory_not_equal(&before.t[0], &after.t[0], sizeof before.t[0]);
	else
		assert_memory_not_equal(&before, &after, sizeof before);
}

/* A cadre on the list, not yet gone, of the given gender. */
static int64_t some_cadre(int gender)
{
	char sql[256];
	snprintf(sql, sizeof sql,
		 "SELECT min(id) FROM cadre WHERE gender = %d AND id NOT IN"
		 " (SELECT cadre_id FROM departure)",
		 gender);
	return fixture_sql_int(db, sql);
}

static void write_insert(void)
{
	cadre cd;
	cb_error err;
	assert_int_equal(store_cadre_get(db, some_cadre(2), &cd, &err), CB_OK);
	cd.id = 0;
	if (store_cadre_insert(db, &cd, conf, &err) != CB_OK)
		fail_msg("insert: %s", err.msg);
}

static void write_edit(void)
{
	cadre cd;
	cb_error err;
	assert_int_equal(store_cadre_get(db, some_cadre(2), &cd, &err), CB_OK);
	cd.gender = 1;
	assert_int_equal(store_cadre_update(db, &cd, conf, &err), CB_OK);
}

static int64_t deleted_trash_id;

static void write_delete(void)
{
	cadre cd;
	cb_error err;
	assert_int_equal(store_cadre_get(db, some_cadre(1), &cd, &err), CB_OK);
	assert_int_equal(trash_delete(db, "cadre", cd.id, cd.version, &deleted_trash_id, &err),
			 CB_OK);
}

static void write_restore(void)
{
	cb_error err;
	assert_true(deleted_trash_id > 0);
	assert_int_equal(trash_restore(db, deleted_trash_id, &err), CB_OK);
}

static void write_import(void)
{
	store_import *b;
	cadre cd;
	cb_error err;
	assert_int_equal(store_cadre_get(db, some_cadre(1), &cd, &err), CB_OK);
	assert_int_equal(store_import_begin(db, &b, &err), CB_OK);
	for (int i = 0; i < 3; i++) {
		cd.id = 0;
		snprintf(cd.full_name, sizeof cd.full_name, "Nguyễn Văn Nhập %d", i);
		snprintf(cd.birth_date, sizeof cd.birth_date, "198%d-05-06", i);
		assert_int_equal(cadre_validate(&cd, conf, &err), CB_OK);
		assert_int_equal(store_import_add(b, &cd, &err), CB_OK);
	}
	assert_int_equal(store_import_commit(b, NULL, NULL, &err), CB_OK);
	store_import_free(b);
}

static void write_rating(void)
{
	cb_error err;
	int64_t id = fixture_sql_int(
		db, "SELECT min(id) FROM cadre WHERE id NOT IN"
		    " (SELECT cadre_id FROM rating WHERE year = 2024 AND cadre_id IS NOT NULL)"
		    " AND id NOT IN (SELECT cadre_id FROM departure)");
	assert_int_equal(store_rating_set(db, id, YEAR, 1, &err), CB_OK);
}

static void write_training(void)
{
	training_row t = {.year = YEAR, .kind = 1};
	cb_error err;
	int64_t id = fixture_sql_int(db, "SELECT min(id) FROM cadre WHERE id NOT IN"
					 " (SELECT cadre_id FROM training WHERE year = 2024)"
					 " AND id NOT IN (SELECT cadre_id FROM departure)");
	snprintf(t.course, sizeof t.course, "Trung cấp lý luận chính trị");
	assert_int_equal(store_training_add(db, id, &t, &err), CB_OK);
}

static void write_planning(void)
{
	planning_row p = {0};
	cb_error err;
	int64_t id = fixture_sql_int(db, "SELECT min(id) FROM cadre WHERE id NOT IN"
					 " (SELECT cadre_id FROM planning)"
					 " AND id NOT IN (SELECT cadre_id FROM departure)");
	snprintf(p.term, sizeof p.term, "2025-2030");
	snprintf(p.position, sizeof p.position, "Bí thư");
	assert_int_equal(store_planning_add(db, id, &p, &err), CB_OK);
}

/* Another connection (another process would be the same): a cadre leaves. */
static void write_departure_elsewhere(void)
{
	store *other;
	cb_error err;
	assert_int_equal(store_open(&other, path, 0, &err), CB_OK);
	assert_int_equal(sqlite3_exec(store_db(other),
				      "INSERT INTO departure(cadre_id, kind, left_on)"
				      " SELECT min(id), 2, '2025-01-02' FROM cadre WHERE id NOT IN"
				      " (SELECT cadre_id FROM departure)",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_changes(store_db(other)), 1);
	store_close(other);
}

/* Another connection edits a cadre: only the walk sees it. */
static void write_edit_elsewhere(void)
{
	store *other;
	cb_error err;
	assert_int_equal(store_open(&other, path, 0, &err), CB_OK);
	assert_int_equal(
		sqlite3_exec(store_db(other),
			     "UPDATE cadre SET birth_date = '1961-01-01'"
			     " WHERE id = (SELECT max(id) FROM cadre WHERE birth_date > '1990'"
			     " AND id NOT IN (SELECT cadre_id FROM departure))",
			     NULL, NULL, NULL),
		SQLITE_OK);
	assert_int_equal(sqlite3_changes(store_db(other)), 1);
	store_close(other);
}

static void test_insert_is_seen(void **state)
{
	(void)state;
	check_write(write_insert, true);
}

static void test_edit_is_seen(void **state)
{
	(void)state;
	check_write(write_edit, true);
}

static void test_delete_and_restore_are_seen(void **state)
{
	(void)state;
	check_write(write_delete, true);
	check_write(write_restore, true);
}

static void test_import_is_seen(void **state)
{
	(void)state;
	check_write(write_import, true);
}

static void test_rating_training_and_planning_are_seen(void **state)
{
	(void)state;
	check_write(write_rating, false);
	check_write(write_training, false);
	check_write(write_planning, false);
}

static void test_another_connections_writes_are_seen(void **state)
{
	(void)state;
	check_write(write_departure_elsewhere, true);
	check_write(write_edit_elsewhere, true);
}

/* The reader's scope: counted within it, and a scope set since is obeyed,
 * not the walk made within the one before. */
static void test_reader_scope_is_obeyed(void **state)
{
	cadre_filter f, d1, d2;
	figures plain, kept;
	cb_error err;
	(void)state;
	base_scope(&f);
	d1 = d2 = f;
	unit_scope("SELECT lo, hi FROM unit WHERE tier = 2 ORDER BY lo LIMIT 1", &d1);
	unit_scope("SELECT lo, hi FROM unit WHERE tier = 2 ORDER BY lo LIMIT 1 OFFSET 1", &d2);
	for (int n = 1; n <= 2; n++) {
		stats_threads = n;
		store_set_scope(db, d1.unit_lo, d1.unit_hi);
		count_kept(&f, &kept);
		count_kept(&f, &kept);
		count_plain(&f, &plain);
		assert_same_figures(&plain, &kept);
		count_plain(&d1, &plain);
		assert_same_figures(&plain, &kept); /* held to d1 */
		store_set_scope(db, d2.unit_lo, d2.unit_hi);
		count_kept(&f, &kept);
		count_plain(&d2, &plain);
		assert_same_figures(&plain, &kept);
	}
	stats_threads = 0;
	/* back to no scope: open the store again */
	store_close(db);
	assert_int_equal(store_open(&db, path, 0, &err), CB_OK);
}

static void scope_districts(unsigned mask)
{
	assert_int_equal(demo_fixture_scope_districts(db, conf, mask), 0);
}

/* A scope with a hole and one without, within the same bounds: the walk
 * made within the first is not used within the second. */
static void test_a_hole_in_the_scope_is_obeyed(void **state)
{
	cadre_filter f;
	figures plain_holed, plain_whole, kept;
	cb_error err;
	(void)state;
	base_scope(&f);
	for (int n = 1; n <= 2; n++) {
		stats_threads = n;
		scope_districts(5);
		count_plain(&f, &plain_holed);
		scope_districts(7);
		count_plain(&f, &plain_whole);
		assert_true(plain_whole.t[0].total > plain_holed.t[0].total);
		scope_districts(5);
		count_kept(&f, &kept);
		count_kept(&f, &kept);
		assert_same_figures(&plain_holed, &kept);
		scope_districts(7);
		count_kept(&f, &kept);
		assert_same_figures(&plain_whole, &kept);
	}
	stats_threads = 0;
	store_close(db);
	assert_int_equal(store_open(&db, path, 0, &err), CB_OK);
}

/* stats_walk_ids' test: the women (gender 2 in the pack, cadre_pack.h). */
static bool is_woman(const void *ctx, int64_t packed)
{
	(void)ctx;
	return packed < 0 || (packed >> 14 & 3) == 2;
}

/* A list's set from the kept walk, made without the year's records (year
 * 0: the cadre list's): exactly the ids whose codes pass, those who left
 * too. */
static void test_the_kept_walk_names_the_ids_that_pass(void **state)
{
	cadre_filter f;
	stats_walk_ids_out out;
	sqlite3_stmt *st;
	size_t ids = 0;
	cb_error err;
	(void)state;
	base_scope(&f);
	stats_keep_walks(db, true);
	assert_int_equal(stats_walk_prefetch(db, &f, 0, NULL, NULL, &err), CB_OK);
	assert_int_equal(
		stats_walk_ids(db, &f,
			       &(stats_walk_ids_in){is_woman, NULL, INT64_C(3) << 14, 1.0, NULL, 0},
			       &out, &err),
		CB_OK);
	assert_int_equal(
		sqlite3_prepare_v2(store_db(db), "SELECT id, gender = 2 FROM cadre", -1, &st, NULL),
		SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		bool in = (size_t)id < out.nbits && (out.bits[id / 64] >> (id % 64) & 1);
		assert_int_equal(in, sqlite3_column_int(st, 1));
		ids += in;
	}
	sqlite3_finalize(st);
	assert_int_equal(ids, out.passed);
	assert_true(ids > 0);
	free(out.bits);
	stats_keep_walks(db, false);
}

/* With its members asked for, the set names each as the walk has it:
 * its unit and its birth date (the keys a list in age or unit order cuts
 * by), with yearly records narrowing it (a test made here: ids divisible
 * by three pass) or not; none named when more pass than asked for. */
static void test_the_kept_walk_names_the_few_with_their_keys(void **state)
{
	cadre_filter f;
	stats_walk_ids_out out;
	sqlite3_stmt *st;
	cb_error err;
	uint16_t *bits;
	int64_t top;
	(void)state;
	base_scope(&f);
	stats_keep_walks(db, true);
	assert_int_equal(stats_walk_prefetch(db, &f, 0, NULL, NULL, &err), CB_OK);
	assert_int_equal(
		sqlite3_prepare_v2(store_db(db), "SELECT max(id) FROM cadre", -1, &st, NULL),
		SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	top = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	assert_non_null(bits = calloc((size_t)top + 1, sizeof *bits));
	for (int64_t id = 0; id <= top; id += 3)
		bits[id] = 1;
	for (int narrowed = 0; narrowed < 2; narrowed++) {
		stats_kept_test kt = {bits, top + 1, ~0u, 1, 1};
		size_t seen = 0;
		assert_int_equal(
			stats_walk_ids(db, &f,
				       &(stats_walk_ids_in){is_woman, NULL, INT64_C(3) << 14, 1.0,
							    narrowed ? &kt : NULL, 100000},
				       &out, &err),
			CB_OK);
		assert_non_null(out.members);
		assert_int_equal(out.nmembers, out.passed);
		assert_int_equal(
			sqlite3_prepare_v2(store_db(db),
					   "SELECT unit_id, CAST(replace(birth_date, '-', '')"
					   " AS INTEGER), gender = 2 AND (?1 = 0 OR id % 3 = 0)"
					   " FROM cadre WHERE id = ?2",
					   -1, &st, NULL),
			SQLITE_OK);
		for (size_t i = 0; i < out.nmembers; i++) {
			const stats_walk_member *m = &out.members[i];
			assert_true(m->id < out.nbits &&
				    (out.bits[m->id / 64] >> (m->id % 64) & 1));
			sqlite3_bind_int(st, 1, narrowed);
			sqlite3_bind_int64(st, 2, m->id);
			assert_int_equal(sqlite3_step(st), SQLITE_ROW);
			assert_int_equal(m->unit, sqlite3_column_int64(st, 0));
			assert_int_equal(m->packed >> 25 & ((INT64_C(1) << 27) - 1),
					 sqlite3_column_int64(st, 1));
			assert_int_equal(sqlite3_column_int(st, 2), 1);
			sqlite3_reset(st);
			seen++;
		}
		sqlite3_finalize(st);
		assert_int_equal(seen, out.passed);
		assert_true(seen > 0);
		free(out.bits);
		free(out.members);
		/* more than asked for: the set, and no members */
		assert_int_equal(
			stats_walk_ids(db, &f,
				       &(stats_walk_ids_in){is_woman, NULL, INT64_C(3) << 14, 1.0,
							    narrowed ? &kt : NULL, seen - 1},
				       &out, &err),
			CB_OK);
		assert_null(out.members);
		assert_int_equal(out.passed, seen);
		free(out.bits);
	}
	free(bits);
	stats_keep_walks(db, false);
}

/* A province whose ids are far sparser than its cadres (one id of ten
 * million among 2 500): no set of a bit per id is made from its walk. */
static void test_no_set_for_ids_far_sparser_than_the_cadres(void **state)
{
	cadre_filter f;
	stats_walk_ids_out out;
	cb_error err;
	(void)state;
	base_scope(&f);
	assert_int_equal(sqlite3_exec(store_db(db),
				      "INSERT INTO cadre (id, full_name, name_fold, sort_key, rank,"
				      " birth_date, gender, ethnicity, unit_id, position, pos_rank,"
				      " level, education, theory) SELECT 10000000, full_name,"
				      " name_fold, sort_key, rank + 1, birth_date, 2, ethnicity,"
				      " unit_id, position, pos_rank, level, education, theory FROM"
				      " cadre ORDER BY rank DESC LIMIT 1",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	stats_keep_walks(db, true);
	assert_int_equal(stats_walk_prefetch(db, &f, 0, NULL, NULL, &err), CB_OK);
	assert_int_equal(
		stats_walk_ids(db, &f,
			       &(stats_walk_ids_in){is_woman, NULL, INT64_C(3) << 14, 1.0, NULL, 0},
			       &out, &err),
		CB_NOT_FOUND);
	assert_null(out.bits);
	stats_keep_walks(db, false);
	assert_int_equal(sqlite3_exec(store_db(db), "DELETE FROM cadre WHERE id = 10000000", NULL,
				      NULL, NULL),
			 SQLITE_OK);
}

/* The units of a set (stats_walk_units), the women born before 1970: a
 * unit of at least 8 cadres of whom they are fewer than one in 8 (and at
 * most STATS_UNIT_FEW_MAX) is passed over and its women listed by id;
 * every other unit holding some is walked; none else. */
static bool is_older_woman(const void *ctx, int64_t packed)
{
	(void)ctx;
	return packed < 0 || ((packed >> 14 & 3) == 2 && (packed >> 25) < 19700101);
}

static void test_the_kept_walk_tells_the_units_to_walk_and_the_few(void **state)
{
	cadre_filter f;
	stats_walk_ids_out out;
	stats_walk_units_out u;
	sqlite3_stmt *st;
	size_t walked = 0, passed_over = 0, few = 0;
	cb_error err;
	(void)state;
	base_scope(&f);
	stats_keep_walks(db, true);
	assert_int_equal(stats_walk_prefetch(db, &f, 0, NULL, NULL, &err), CB_OK);
	assert_int_equal(
		stats_walk_ids(db, &f, &(stats_walk_ids_in){is_older_woman, NULL, -1, 1.0, NULL, 0},
			       &out, &err),
		CB_OK);
	assert_int_equal(stats_walk_units(db, &f, out.bits, out.nbits, 8, 8, &u, &err), CB_OK);
	assert_int_equal(
		sqlite3_prepare_v2(store_db(db),
				   "SELECT u.id, count(c.id), count(CASE WHEN c.gender = 2 AND"
				   " c.birth_date < '1970-01-01' THEN 1 END) FROM unit u LEFT JOIN"
				   " cadre c ON c.unit_id = u.id GROUP BY u.id",
				   -1, &st, NULL),
		SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		int cadres = sqlite3_column_int(st, 1), members = sqlite3_column_int(st, 2);
		bool is_few = members > 0 && members <= STATS_UNIT_FEW_MAX && cadres >= 8 &&
			      members * 8 < cadres;
		bool walk = (size_t)id < u.unit_nbits && (u.unit_bits[id / 64] >> (id % 64) & 1);
		assert_int_equal(walk, members > 0 && !is_few);
		walked += walk;
		passed_over += is_few;
		few += is_few ? (size_t)members : 0;
	}
	sqlite3_finalize(st);
	assert_true(walked > 0);
	assert_true(passed_over > 0);
	/* the few: exactly those women, in id order */
	assert_int_equal(u.nfew, few);
	for (size_t i = 0; i < u.nfew; i++) {
		assert_true(i == 0 || u.few[i - 1] < u.few[i]);
		assert_true((out.bits[u.few[i] / 64] >> (u.few[i] % 64)) & 1);
	}
	free(out.bits);
	free(u.unit_bits);
	free(u.few);
	stats_keep_walks(db, false);
}

/* A one-shot count keeps nothing (stats_keep_walks is off by default). */
static void test_nothing_kept_unless_asked(void **state)
{
	cadre_filter f;
	figures fig;
	int fills = stats_walk_fills, hits = stats_walk_hits;
	(void)state;
	base_scope(&f);
	stats_keep_walks(db, false);
	count_scope(&f, &fig);
	count_scope(&f, &fig);
	assert_int_equal(stats_walk_fills, fills);
	assert_int_equal(stats_walk_hits, hits);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_whole_province_kept_counts_as_walked),
		cmocka_unit_test(test_district_kept_counts_as_walked),
		cmocka_unit_test(test_commune_kept_counts_as_walked),
		cmocka_unit_test(test_organisation_kept_counts_as_walked),
		cmocka_unit_test(test_past_units_kept_count_as_walked),
		cmocka_unit_test(test_district_columns_kept_count_as_walked),
		cmocka_unit_test(test_a_key_stops_keeping_the_walk),
		cmocka_unit_test(test_insert_is_seen),
		cmocka_unit_test(test_edit_is_seen),
		cmocka_unit_test(test_delete_and_restore_are_seen),
		cmocka_unit_test(test_import_is_seen),
		cmocka_unit_test(test_rating_training_and_planning_are_seen),
		cmocka_unit_test(test_another_connections_writes_are_seen),
		cmocka_unit_test(test_reader_scope_is_obeyed),
		cmocka_unit_test(test_a_hole_in_the_scope_is_obeyed),
		cmocka_unit_test(test_the_kept_walk_names_the_ids_that_pass),
		cmocka_unit_test(test_the_kept_walk_names_the_few_with_their_keys),
		cmocka_unit_test(test_the_kept_walk_tells_the_units_to_walk_and_the_few),
		cmocka_unit_test(test_no_set_for_ids_far_sparser_than_the_cadres),
		cmocka_unit_test(test_nothing_kept_unless_asked),
	};
	return cmocka_run_group_tests(tests, setup_group, teardown_group);
}
