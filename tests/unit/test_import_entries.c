/* test_import_entries.c - an import into a database that holds cadres
 * makes the audit entries of its rows in memory, on two threads, and
 * writes them after the rows under the write lock (store_import_audit.c);
 * before, each entry was staged with its row. Both ways must leave the
 * same database - cadres, audit entries with their hashes and chain,
 * search entries, name words, yearly summary - and the same report, for
 * clean files, bad rows and duplicates, dry runs and rows out of scope;
 * and a failure while the rows or their entries are written leaves
 * nothing of the batch. Each file is imported into two databases that
 * start alike: S the way before (store_import_reference), T the new. */
#include "store_fixture.h"

#include <stdio.h>

#include "audit.h"
#include "i18n.h"
#include "import.h"
#include "../../src/core/store_import_internal.h"

#define HEAD "full_name,birth_date,gender,ethnicity,position,unit_code,notes\r\n"

static const char *const given[] = {"An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hà"};
static const char *const family[] = {"Nguyễn Văn", "Trần Thị", "Lê Hoàng", "Đặng Thị", "Phạm Minh"};
static const char *const units[] = {"27694", "27940", "27931", "27692"};

static store *T; /* the second database, beside S */

static int setup(void **state)
{
	char path[300];
	cb_error err;
	(void)state;
	i18n_init("en");
	S = sf_open();
	snprintf(path, sizeof path, "%s/other.db", sf_dir);
	assert_int_equal(store_open(&T, path, STORE_CREATE, &err), CB_OK);
	assert_int_equal(store_sync_units(T, &sf_cfg, &err), CB_OK);
	/* a few cadres there before, alike in both: the batch's names fall
	 * among theirs and its entries chain after theirs */
	const char *const before[] = {"Lâm Văn Trước", "Vũ Thị Sau", "Hồ Minh Giữa"};
	for (int i = 0; i < 3; i++) {
		char birth[11];
		snprintf(birth, sizeof birth, "197%d-07-07", i);
		sf_add(S, before[i], birth, 1 + i % 2);
		sf_add(T, before[i], birth, 1 + i % 2);
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	store_close(T);
	store_import_reference = false;
	return sf_teardown(state);
}

/* The file: HEAD then n rows, row `bad` (if below n) replaced by text. */
static char *file(size_t n, size_t bad, const char *text)
{
	size_t cap = 256 * (n + 2), len = 0;
	char *csv = malloc(cap);
	assert_non_null(csv);
	len = (size_t)snprintf(csv, cap, "%s", HEAD);
	for (size_t i = 0; i < n; i++)
		if (i == bad)
			len += (size_t)snprintf(csv + len, cap - len, "%s", text);
		else
			len += (size_t)snprintf(
				csv + len, cap - len,
				"%s %s %zu,%04zu-%02zu-%02zu,%s,Kinh,Chủ tịch UBND xã,%s,%s\r\n",
				family[i % 5], given[(i / 5) % 7], i % 13, 1960 + i % 40,
				1 + (i / 40) % 12, 1 + (i / 480) % 28, i % 2 ? "female" : "male",
				units[(i / 3) % 4], i % 7 ? "" : "ghi chú");
	return csv;
}

/* Imports csv into s, the way before (reference) or the new. */
static int import(store *s, const char *csv, bool reference, bool dry_run, const char *scope,
		  import_report *r)
{
	import_options o = {TEXT_ENC_UNKNOWN, dry_run, scope};
	cb_error err = {0};
	store_import_reference = reference;
	int rc = import_cadres_text(s, &sf_cfg, csv, strlen(csv), &o, r, &err);
	store_import_reference = false;
	return rc;
}

static void expect_same_report(const import_report *a, const import_report *b)
{
	assert_int_equal(a->rows, b->rows);
	assert_int_equal(a->errors, b->errors);
	assert_int_equal(a->bad_rows, b->bad_rows);
	assert_int_equal(a->imported, b->imported);
	assert_int_equal(a->out_of_scope, b->out_of_scope);
	assert_int_equal(a->nissues, b->nissues);
	for (size_t i = 0; i < a->nissues; i++) {
		assert_int_equal(a->issues[i].line, b->issues[i].line);
		assert_string_equal(a->issues[i].msg, b->issues[i].msg);
	}
}

/* Everything an import writes, as text; the audit entries' time and hash
 * apart (a second may tick between the two imports). */
static const char *const parts[] = {
	"SELECT group_concat(x, char(10)) FROM (SELECT id || '|' || full_name || '|'"
	" || birth_date || '|' || gender || '|' || unit_id || '|' || rank || '|' || name_fold"
	" || '|' || hex(sort_key) || '|' || notes || '|' || level || '|' || pos_rank || '|'"
	" || version AS x FROM cadre ORDER BY id)",
	"SELECT group_concat(x, char(10)) FROM (SELECT id || '|' || user || '|' || tbl || '|'"
	" || row_id || '|' || action || '|' || coalesce(old, '-') || '|' || new AS x"
	" FROM audit ORDER BY id)",
	"SELECT group_concat(x, char(10)) FROM (SELECT rowid || '|' || name AS x"
	" FROM cadre_fts ORDER BY rowid)",
	"SELECT group_concat(word, ' ') FROM (SELECT word FROM name_word ORDER BY word)",
	"SELECT count(*) || ' ' || coalesce(sum(year), 0) || ' ' || coalesce(sum(bits), 0)"
	" FROM cadre_year",
};

static char *contents(store *s)
{
	return sf_texts(s, parts, sizeof parts / sizeof parts[0]);
}

/* The two databases hold the same; their hashes are the same when their
 * entries carry the same time (the time is hashed). */
static void expect_same(int64_t audit_rows)
{
	char *a = contents(S), *b = contents(T);
	assert_string_equal(a, b);
	free(a);
	free(b);
	sf_expect_chain_holds(S, audit_rows);
	sf_expect_chain_holds(T, audit_rows);
	char *at_s = sf_text(S, "SELECT group_concat(at, ',') FROM audit ORDER BY id");
	char *at_t = sf_text(T, "SELECT group_concat(at, ',') FROM audit ORDER BY id");
	if (strcmp(at_s, at_t) == 0) {
		char *h_s =
			sf_text(S, "SELECT group_concat(hex(hash), ',') FROM audit ORDER BY id");
		char *h_t =
			sf_text(T, "SELECT group_concat(hex(hash), ',') FROM audit ORDER BY id");
		assert_string_equal(h_s, h_t);
		free(h_s);
		free(h_t);
	}
	free(at_s);
	free(at_t);
}

static void clean_file(size_t n)
{
	import_report one, two;
	char *csv = file(n, SIZE_MAX, NULL);
	assert_int_equal(import(S, csv, true, false, NULL, &one), CB_OK);
	assert_int_equal(import(T, csv, false, false, NULL, &two), CB_OK);
	assert_int_equal(two.imported, n);
	expect_same_report(&one, &two);
	expect_same((int64_t)n + 3);
	free(csv);
	import_report_free(&one);
	import_report_free(&two);
}

static void test_a_clean_file_leaves_the_same_database(void **state)
{
	(void)state;
	clean_file(300);
}

/* Enough rows that the two threads making the entries meet midway. */
static void test_a_large_file_leaves_the_same_database(void **state)
{
	(void)state;
	clean_file(6000);
}

static void test_a_second_batch_chains_after_the_first_alike(void **state)
{
	import_report one, two;
	char *csv = file(200, SIZE_MAX, NULL);
	(void)state;
	clean_file(100); /* rows 0..99 */
	/* rows 100..199 of a longer file: the first hundred are duplicates */
	assert_int_equal(import(S, csv, true, false, NULL, &one), CB_EINVALID);
	assert_int_equal(import(T, csv, false, false, NULL, &two), CB_EINVALID);
	expect_same_report(&one, &two);
	assert_int_equal(two.bad_rows, 100);
	expect_same(103);
	free(csv);
	import_report_free(&one);
	import_report_free(&two);
}

/* A bad cell, a duplicate of a row above, a duplicate of a stored cadre:
 * the same report, and nothing written, by an import or a dry run. */
static void test_bad_rows_and_duplicates_write_nothing_alike(void **state)
{
	static const char *const bad[] = {
		"Trần Văn Sai,1990-13-45,male,Kinh,Chủ tịch UBND xã,27940,\r\n",
		"Nguyễn Văn An 0,1960-01-01,male,Kinh,Chủ tịch UBND xã,27694,\r\n",
		"Vũ Thị Sau,1971-07-07,female,Kinh,Chủ tịch UBND xã,27694,\r\n",
	};
	(void)state;
	char *before = contents(T);
	for (size_t i = 0; i < 3; i++) {
		import_report one, two;
		char *csv = file(400, 150 + i, bad[i]);
		for (int dry = 0; dry < 2; dry++) {
			assert_int_equal(import(S, csv, true, dry, NULL, &one), CB_EINVALID);
			assert_int_equal(import(T, csv, false, dry, NULL, &two), CB_EINVALID);
			expect_same_report(&one, &two);
			assert_int_equal(two.bad_rows, 1);
			import_report_free(&one);
			import_report_free(&two);
		}
		free(csv);
	}
	char *after = contents(T);
	assert_string_equal(before, after);
	free(before);
	free(after);
	expect_same(3);
}

static void test_a_dry_run_of_a_clean_file_writes_nothing(void **state)
{
	import_report one, two;
	char *csv = file(300, SIZE_MAX, NULL);
	(void)state;
	char *before = contents(T);
	assert_int_equal(import(S, csv, true, true, NULL, &one), CB_OK);
	assert_int_equal(import(T, csv, false, true, NULL, &two), CB_OK);
	expect_same_report(&one, &two);
	assert_int_equal(two.imported, 0);
	char *after = contents(T);
	assert_string_equal(before, after);
	free(before);
	free(after);
	free(csv);
	import_report_free(&one);
	import_report_free(&two);
}

static void test_rows_out_of_scope_write_nothing_alike(void **state)
{
	import_report one, two;
	char *csv = file(300, SIZE_MAX, NULL);
	(void)state;
	/* the rows of Đức Hòa's communes lie outside Tân An */
	assert_int_equal(import(S, csv, true, false, "794", &one), CB_EACCESS);
	assert_int_equal(import(T, csv, false, false, "794", &two), CB_EACCESS);
	expect_same_report(&one, &two);
	assert_true(two.out_of_scope > 0);
	expect_same(3);
	free(csv);
	import_report_free(&one);
	import_report_free(&two);
}

/* A write refused partway - a cadre row, or the last audit entry (the new
 * way writes the entries last) - leaves nothing of the batch, either way. */
static void fail_midway(const char *trigger)
{
	import_report r;
	char *csv = file(500, SIZE_MAX, NULL);
	char *before = contents(T);
	for (int reference = 1; reference >= 0; reference--) {
		store *s = reference ? S : T;
		char *msg = NULL;
		sqlite3_exec(store_db(s), trigger, NULL, NULL, &msg);
		if (msg)
			fail_msg("%s", msg);
		assert_int_not_equal(import(s, csv, reference, false, NULL, &r), CB_OK);
		assert_int_equal(r.imported, 0);
		import_report_free(&r);
		assert_int_equal(
			sqlite3_exec(store_db(s), "DROP TRIGGER temp.refuse", NULL, NULL, NULL),
			SQLITE_OK);
	}
	char *after = contents(T);
	assert_string_equal(before, after);
	free(before);
	free(after);
	expect_same(3);
	/* and the same file goes in whole afterwards */
	clean_file(500);
	free(csv);
}

static void test_a_cadre_refused_midway_leaves_nothing(void **state)
{
	(void)state;
	fail_midway("CREATE TEMP TRIGGER refuse BEFORE INSERT ON main.cadre"
		    " WHEN NEW.full_name = 'Lê Hoàng Dũng 4' BEGIN SELECT RAISE(ABORT, 'refused'); "
		    "END;");
}

static void test_an_audit_entry_refused_midway_leaves_nothing(void **state)
{
	(void)state;
	fail_midway("CREATE TEMP TRIGGER refuse BEFORE INSERT ON main.audit"
		    " WHEN NEW.tbl = 'cadre' AND NEW.row_id = (SELECT max(id) FROM main.cadre)"
		    " BEGIN SELECT RAISE(ABORT, 'refused'); END;");
}

/* A new file, written without a journal (STORE_BULK): its rows numbered
 * in name order, alike both ways. */
static void test_a_new_file_is_written_alike(void **state)
{
	char path[2][300];
	store *fresh[2];
	import_report r[2];
	cb_error err;
	char *csv = file(2000, SIZE_MAX, NULL), *got[2];
	(void)state;
	for (int i = 0; i < 2; i++) {
		snprintf(path[i], sizeof path[i], "%s/new-%d.db", sf_dir, i);
		assert_int_equal(store_open(&fresh[i], path[i], STORE_CREATE | STORE_BULK, &err),
				 CB_OK);
		assert_int_equal(store_sync_units(fresh[i], &sf_cfg, &err), CB_OK);
		assert_int_equal(import(fresh[i], csv, i == 0, false, NULL, &r[i]), CB_OK);
		assert_int_equal(r[i].imported, 2000);
		got[i] = contents(fresh[i]);
		sf_expect_chain_holds(fresh[i], 2000);
	}
	expect_same_report(&r[0], &r[1]);
	assert_string_equal(got[0], got[1]);
	/* in name order: ids and ranks go together */
	assert_int_equal(sf_count(fresh[1], "SELECT count(*) FROM cadre a JOIN cadre b"
					    " ON a.id < b.id AND a.rank > b.rank"),
			 0);
	for (int i = 0; i < 2; i++) {
		free(got[i]);
		import_report_free(&r[i]);
		store_close(fresh[i]);
	}
	free(csv);
}

#define TS(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		TS(test_a_clean_file_leaves_the_same_database),
		TS(test_a_large_file_leaves_the_same_database),
		TS(test_a_second_batch_chains_after_the_first_alike),
		TS(test_bad_rows_and_duplicates_write_nothing_alike),
		TS(test_a_dry_run_of_a_clean_file_writes_nothing),
		TS(test_rows_out_of_scope_write_nothing_alike),
		TS(test_a_cadre_refused_midway_leaves_nothing),
		TS(test_an_audit_entry_refused_midway_leaves_nothing),
		TS(test_a_new_file_is_written_alike),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
