/* test_summary.c - the yearly summary of each cadre's records
 * (store_summary.h): after every kind of write (a record inserted, edited,
 * deleted and restored, a cadre deleted and restored, the rating sheet's
 * batches, an import, a bulk load, a sync file applied, the upgrade of an
 * older database) the summary holds what a recount from the records
 * gives, the breakdowns and the targets read from it give the figures
 * they give from the records, and the summary never travels in a sync
 * file. */
#include <stdlib.h>
#include <string.h>

#include "store_fixture.h"

#include "demo.h"
#include "import.h"
#include "rating_sheet.h"
#include "record_import.h"
#include "stats.h"
#include "sync.h"
#include "trash.h"
#include "../../src/core/stats_internal.h"
#include "../../src/core/store_summary.h"

/* The byte the summary holds for a cadre in a year (-1: pool). */
static int64_t byte_of(store *s, int64_t id, int year)
{
	char sql[200];
	snprintf(sql, sizeof sql,
		 "SELECT coalesce((SELECT (bits >> %d) & 255 FROM cadre_year"
		 " WHERE year = %d AND block = %lld), 0)",
		 (int)(id & 7) * 8, year, (long long)(id >> 3));
	return sf_count(s, sql);
}

/* A write the connection makes, so that the next count reads the records
 * again instead of the ones kept from the last count (stats.c). */
static void touch(store *s)
{
	assert_int_equal(sqlite3_exec(store_db(s),
				      "CREATE TEMP TABLE IF NOT EXISTS touched(x);"
				      "INSERT INTO temp.touched VALUES(1)",
				      NULL, NULL, NULL),
			 SQLITE_OK);
}

/* Breakdowns by rating, training and planning, and the targets of the
 * province, read from the summary or from the records. */
typedef struct figures {
	stats_table t[3];
	target_result r[TARGET_COUNT];
} figures;

static void count_all(store *s, int year, bool from_records, figures *f)
{
	static const int dims[3][2] = {
		{DIM_RATING, DIM_GENDER}, {DIM_TRAINING, DIM_NONE}, {DIM_PLANNING, DIM_GENDER}};
	int pct[TARGET_COUNT] = {0};
	cadre_filter scope;
	stats_query q;
	cb_error err;

	memset(f, 0, sizeof *f);
	stats_summary_disabled = from_records;
	touch(s);
	for (int i = 0; i < 3; i++) {
		stats_query_init(&q, &sf_cfg);
		q.year = year;
		q.dim[0] = dims[i][0];
		q.dim[1] = dims[i][1];
		if (stats_run(s, &q, &f->t[i], &err))
			fail_msg("stats_run: %s", err.msg);
	}
	filter_init(&scope);
	scope.deepest_tier = sf_cfg.tiers;
	if (targets_eval(s, &scope, year, pct, f->r, &err))
		fail_msg("targets_eval: %s", err.msg);
	stats_summary_disabled = false;
}

/* The summary is exactly the recount, and every figure read from it is
 * the figure read from the records. */
static void same_as_recount(store *s, int year)
{
	figures a, b;

	assert_int_equal(store_summary_mismatches(s), 0);
	count_all(s, year, false, &a);
	count_all(s, year, true, &b);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(a.t[i].total, b.t[i].total);
		assert_memory_equal(a.t[i].count, b.t[i].count, sizeof a.t[i].count);
	}
	for (int id = 0; id < TARGET_COUNT; id++) {
		assert_int_equal(a.r[id].num, b.r[id].num);
		assert_int_equal(a.r[id].den, b.r[id].den);
	}
}

static int64_t add_training(store *s, int64_t who, int year, int kind)
{
	training_row t = {.year = year, .kind = kind};
	cb_error err;
	snprintf(t.course, sizeof t.course, "Lớp %d", kind);
	if (store_training_add(s, who, &t, &err))
		fail_msg("training: %s", err.msg);
	return sf_count(s, "SELECT max(id) FROM training");
}

static void test_record_writes_keep_the_summary(void **state)
{
	(void)state;
	cb_error err;
	planning_row p = {0};
	int64_t tid, rid, trash_id;
	int64_t a = sf_add(S, "Nguyễn Văn An", "1980-01-01", 1);
	int64_t b = sf_add(S, "Trần Thị Bình", "1990-02-02", 2);
	int64_t c = sf_add(S, "Lê Văn Cường", "1975-03-03", 1);

	/* insert */
	assert_int_equal(store_rating_set(S, a, 2024, 2, &err), CB_OK);
	assert_int_equal(byte_of(S, a, 2024), 2);
	tid = add_training(S, a, 2024, 3);
	assert_int_equal(byte_of(S, a, 2024), 2 | 8 | (16 << 2));
	add_training(S, a, 2024, 1);
	assert_int_equal(byte_of(S, a, 2024), 2 | 8 | 64 | 16);
	add_training(S, b, 2023, 4);
	assert_int_equal(byte_of(S, b, 2023), 8 | 128);
	snprintf(p.term, sizeof p.term, "2025-2030");
	assert_int_equal(store_planning_add(S, c, &p, &err), CB_OK);
	assert_int_equal(byte_of(S, c, -1), 1);
	same_as_recount(S, 2024);

	/* edit: another grade */
	assert_int_equal(store_rating_set(S, a, 2024, 1, &err), CB_OK);
	assert_int_equal(byte_of(S, a, 2024) & 7, 1);
	/* edit by hand: a training moved to another year and kind */
	assert_int_equal(sqlite3_exec(store_db(S), "UPDATE training SET year = 2022 WHERE kind = 4",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(byte_of(S, b, 2023), 0);
	assert_int_equal(byte_of(S, b, 2022), 8 | 128);
	same_as_recount(S, 2024);
	same_as_recount(S, 2022);

	/* delete and restore a training, a rating */
	if (trash_delete(S, "training", tid, 0, &trash_id, &err))
		fail_msg("trash: %s", err.msg);
	assert_int_equal(byte_of(S, a, 2024), 1 | 8 | 16);
	same_as_recount(S, 2024);
	assert_int_equal(trash_restore(S, trash_id, &err), CB_OK);
	assert_int_equal(byte_of(S, a, 2024), 1 | 8 | 64 | 16);
	assert_int_equal(store_rating_set(S, a, 2024, 0, &err), CB_OK); /* no grade: deleted */
	assert_int_equal(byte_of(S, a, 2024), 8 | 64 | 16);
	rid = sf_count(S, "SELECT max(id) FROM trash");
	assert_int_equal(trash_restore(S, rid, &err), CB_OK);
	assert_int_equal(byte_of(S, a, 2024), 1 | 8 | 64 | 16);
	same_as_recount(S, 2024);

	/* a cadre deleted takes its records' summary along; restored, back */
	assert_int_equal(trash_delete(S, "cadre", a, 0, &trash_id, &err), CB_OK);
	assert_int_equal(byte_of(S, a, 2024), 0);
	assert_int_equal(trash_delete(S, "cadre", c, 0, NULL, &err), CB_OK);
	assert_int_equal(byte_of(S, c, -1), 0);
	same_as_recount(S, 2024);
	assert_int_equal(trash_restore(S, trash_id, &err), CB_OK);
	assert_int_equal(byte_of(S, a, 2024), 1 | 8 | 64 | 16);
	same_as_recount(S, 2024);
	assert_true(sf_count(S, "SELECT count(*) FROM cadre_year") > 0);
}

static void test_rating_sheet_batches_keep_the_summary(void **state)
{
	(void)state;
	cb_error err;
	size_t failed = 0;
	training_row t = {.year = 2025, .kind = 2};
	int64_t ids[12];

	for (int i = 0; i < 12; i++) {
		char name[40];
		snprintf(name, sizeof name, "Phạm Văn Số %d", i + 1);
		ids[i] = sf_add(S, name, "1985-05-05", 1 + i % 2);
	}
	assert_int_equal(rating_sheet_set_grade(S, false, ids, 12, 2025, 3, &failed, &err), CB_OK);
	assert_int_equal(rating_sheet_add_training(S, ids + 4, 8, &t, &failed, &err), CB_OK);
	for (int i = 0; i < 12; i++)
		assert_int_equal(byte_of(S, ids[i], 2025), i < 4 ? 3 : 3 | 8 | 32);
	same_as_recount(S, 2025);
	/* the sheet's grade removed from some */
	assert_int_equal(rating_sheet_set_grade(S, false, ids, 6, 2025, 0, &failed, &err), CB_OK);
	assert_int_equal(byte_of(S, ids[0], 2025), 0);
	assert_int_equal(byte_of(S, ids[5], 2025), 8 | 32);
	same_as_recount(S, 2025);
}

static void test_imports_keep_the_summary(void **state)
{
	(void)state;
	cb_error err = {0};
	import_report r;
	int64_t mot, hai;
	import_options io = {TEXT_ENC_UNKNOWN, false, NULL};
	record_import_options ro = {.encoding = TEXT_ENC_UNKNOWN};
	static const char cadres[] =
		"full_name,birth_date,gender,ethnicity,position,unit_code\n"
		"Võ Văn Một,1970-01-01,male,Kinh,Bí thư Đảng ủy phường,27694\n"
		"Đỗ Thị Hai,1982-03-04,female,Kinh,Phó Chủ tịch UBND xã,27940\n";
	static const char ratings[] = "full_name,birth_date,year,grade\n"
				      "Võ Văn Một,1970-01-01,2024,good\n"
				      "Đỗ Thị Hai,1982-03-04,2024,excellent\n";
	static const char trainings[] = "full_name,birth_date,year,kind,course\n"
					"Võ Văn Một,1970-01-01,2024,party-building,Bồi dưỡng\n"
					"Đỗ Thị Hai,1982-03-04,2024,other,Bồi dưỡng\n";
	static const char replaced[] = "full_name,birth_date,year,grade\n"
				       "Võ Văn Một,1970-01-01,2024,failed\n";

	if (import_cadres_text(S, &sf_cfg, cadres, strlen(cadres), &io, &r, &err))
		fail_msg("import: %s %s", err.msg, r.nissues ? r.issues[0].msg : "");
	import_report_free(&r);
	if (record_import_text(S, &sf_cfg, RK_RATING, ratings, strlen(ratings), &ro, &r, &err))
		fail_msg("ratings: %s", err.msg);
	import_report_free(&r);
	if (record_import_text(S, &sf_cfg, RK_TRAINING, trainings, strlen(trainings), &ro, &r,
			       &err))
		fail_msg("trainings: %s", err.msg);
	import_report_free(&r);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM cadre_year WHERE year = 2024"), 1);
	mot = sf_count(S, "SELECT id FROM cadre WHERE full_name = 'Võ Văn Một'");
	hai = sf_count(S, "SELECT id FROM cadre WHERE full_name = 'Đỗ Thị Hai'");
	assert_int_equal(byte_of(S, mot, 2024), 2 | 8 | 16);
	assert_int_equal(byte_of(S, hai, 2024), 1 | 8 | 128);
	same_as_recount(S, 2024);
	ro.replace = true;
	if (record_import_text(S, &sf_cfg, RK_RATING, replaced, strlen(replaced), &ro, &r, &err))
		fail_msg("replace: %s", err.msg);
	import_report_free(&r);
	assert_int_equal(byte_of(S, mot, 2024), 4 | 8 | 16);
	same_as_recount(S, 2024);
}

/* ---- sync ------------------------------------------------------------- */

/* Whether any changeset an office recorded names the summary. */
static bool outbox_names_summary(store *s)
{
	sqlite3_stmt *st;
	bool found = false;
	int changesets = 0;
	assert_int_equal(
		sqlite3_prepare_v2(store_db(s), "SELECT data FROM sync_outbox", -1, &st, NULL),
		SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		sqlite3_changeset_iter *it;
		const char *name;
		int ncol, op, ind;
		changesets++;
		assert_int_equal(sqlite3changeset_start(&it, sqlite3_column_bytes(st, 0),
							(void *)sqlite3_column_blob(st, 0)),
				 SQLITE_OK);
		while (sqlite3changeset_next(it) == SQLITE_ROW)
			if (sqlite3changeset_op(it, &name, &ncol, &op, &ind) == SQLITE_OK &&
			    !strcmp(name, "cadre_year"))
				found = true;
		sqlite3changeset_finalize(it);
	}
	sqlite3_finalize(st);
	assert_true(changesets > 0);
	return found;
}

static void test_sync_applies_the_records_not_the_summary(void **state)
{
	(void)state;
	store *p = sf_open(); /* the province, S the office */
	mem f = {0};
	sync_export_info ei;
	sync_apply_info ai;
	cb_error err;
	int64_t a = sf_add(S, "Nguyễn Văn An", "1980-01-01", 1);
	int64_t b = sf_add(S, "Trần Thị Bình", "1990-02-02", 2);

	assert_int_equal(store_rating_set(S, a, 2025, 2, &err), CB_OK);
	if (sync_export(S, "80-794", NULL, to_mem, &f, &ei, &err))
		fail_msg("export: %s", err.msg);
	if (sync_apply(p, f.p, f.n, NULL, &ai, &err))
		fail_msg("apply: %s", err.msg);
	assert_int_equal(sf_count(p, "SELECT count(*) FROM cadre_year WHERE year = 2025"), 1);
	same_as_recount(p, 2025);

	/* changes after the first export travel as changesets */
	assert_int_equal(store_rating_set(S, a, 2025, 1, &err), CB_OK);
	add_training(S, b, 2025, 2);
	assert_int_equal(trash_delete(S, "cadre", a, 0, NULL, &err), CB_OK);
	assert_false(outbox_names_summary(S));
	if (sync_export(S, "80-794", NULL, to_mem, &f, &ei, &err))
		fail_msg("export: %s", err.msg);
	assert_false(ei.snapshot);
	if (sync_apply(p, f.p, f.n, NULL, &ai, &err))
		fail_msg("apply: %s", err.msg);
	assert_int_equal(ai.conflicts, 0);
	assert_int_equal(sf_count(p, "SELECT count(*) FROM cadre"), 1);
	assert_int_equal(sf_count(p, "SELECT count(*) FROM cadre_year WHERE year = 2025"), 1);
	assert_int_equal(sf_count(p, "SELECT bits FROM cadre_year WHERE year = 2025"),
			 (8 | 32) << (sf_count(p, "SELECT id FROM cadre") & 7) * 8);
	same_as_recount(p, 2025);
	free(f.p);
	store_close(p);
}

/* ---- filled at once: the upgrade, the bulk load -------------------------- */

static void test_upgrade_fills_the_summary(void **state)
{
	(void)state;
	char path[300];
	cb_error err;
	planning_row p = {0};
	int64_t a = sf_add(S, "Nguyễn Văn An", "1980-01-01", 1);
	int64_t b = sf_add(S, "Trần Thị Bình", "1990-02-02", 2);

	assert_int_equal(store_rating_set(S, a, 2025, 3, &err), CB_OK);
	add_training(S, b, 2025, 1);
	add_training(S, b, 2024, 2);
	snprintf(p.term, sizeof p.term, "2025-2030");
	assert_int_equal(store_planning_add(S, a, &p, &err), CB_OK);
	/* the database as the version before the summary left it */
	assert_int_equal(store_summary_suspend(S, &err), CB_OK);
	assert_int_equal(sqlite3_exec(store_db(S),
				      "DROP TABLE cadre_year; PRAGMA user_version = 14", NULL, NULL,
				      NULL),
			 SQLITE_OK);
	assert_false(store_summary_present(S));
	store_close(S);
	snprintf(path, sizeof path, "%s/t.db", sf_dir);
	assert_int_equal(store_open(&S, path, 0, &err), CB_OK);
	assert_int_equal(store_schema_version(S), STORE_SCHEMA_VERSION);
	assert_int_equal(byte_of(S, a, 2025), 3);
	assert_int_equal(byte_of(S, a, -1), 1);
	assert_int_equal(byte_of(S, b, 2025), 8 | 16);
	assert_int_equal(byte_of(S, b, 2024), 8 | 32);
	same_as_recount(S, 2025);
	same_as_recount(S, 2024);
	/* and kept from then on */
	add_training(S, a, 2025, 4);
	assert_int_equal(byte_of(S, a, 2025), 3 | 8 | 128);
	same_as_recount(S, 2025);
}

static void test_demo_build_fills_the_summary(void **state)
{
	(void)state;
	char path[300];
	cfg *c;
	store *s;
	cb_error err;
	demo_options o = {.seed = 3, .cadres = 300};

	snprintf(path, sizeof path, "%s/config", fixture_source_dir());
	if (config_load_dir(&c, path, &err))
		fail_msg("config: %s", err.msg);
	snprintf(path, sizeof path, "%s/demo.db", sf_dir);
	assert_int_equal(store_open(&s, path, STORE_CREATE | STORE_BULK, &err), CB_OK);
	assert_int_equal(store_sync_units(s, c, &err), CB_OK);
	if (demo_build(s, c, &o, NULL, &err))
		fail_msg("demo: %s", err.msg);
	assert_true(sf_count(s, "SELECT count(*) FROM cadre_year") > 0);
	assert_int_equal(store_summary_mismatches(s), 0);
	assert_int_equal(sf_count(s, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
				     " AND name LIKE 'cadre_year_%'"),
			 SUMMARY_TRIGGER_COUNT);
	/* and kept from then on */
	assert_int_equal(sqlite3_exec(store_db(s),
				      "DELETE FROM rating WHERE id % 3 = 0;"
				      " UPDATE training SET kind = 1 + kind % 4 WHERE id % 5 = 0;"
				      " DELETE FROM planning WHERE id % 2 = 0",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(store_summary_mismatches(s), 0);
	store_close(s);
	config_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_record_writes_keep_the_summary, sf_setup,
						sf_teardown),
		cmocka_unit_test_setup_teardown(test_rating_sheet_batches_keep_the_summary,
						sf_setup, sf_teardown),
		cmocka_unit_test_setup_teardown(test_imports_keep_the_summary, sf_setup,
						sf_teardown),
		cmocka_unit_test_setup_teardown(test_sync_applies_the_records_not_the_summary,
						sf_setup, sf_teardown),
		cmocka_unit_test_setup_teardown(test_upgrade_fills_the_summary, sf_setup,
						sf_teardown),
		cmocka_unit_test_setup_teardown(test_demo_build_fills_the_summary, sf_setup,
						sf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
