/* test_store_import.c - many cadres written at once (store_import.h): the
 * rows, their audit entries and their search entries are what one
 * store_cadre_insert each would have written; names land in order among
 * those already there, renumbering when a gap is too narrow; a write by
 * someone else between the reading and the writing makes the batch write
 * nothing and say so. */
#include "store_fixture.h"

#include "audit.h"
#include "store_import.h"

static const char *const given[] = {"An",  "Bình",  "Cường", "Dũng", "Đức",  "Giang", "Hà",
				    "Hải", "Khánh", "Lan",   "Long", "Minh", "Nam",   "Ngọc"};
static const char *const family[] = {"Nguyễn Văn", "Trần Thị",	"Lê Hoàng",
				     "Đặng Thị",   "Phạm Minh", "Võ Văn"};

static void make(cadre *cd, size_t i)
{
	char name[64], birth[11];
	snprintf(name, sizeof name, "%s %s", family[i % 6], given[(i / 6) % 14]);
	snprintf(birth, sizeof birth, "19%02zu-%02zu-%02zu", 60 + i % 40, 1 + i % 12, 1 + i % 28);
	sf_cadre(S, cd, name, birth, (int)(i % 2) + 1);
	if (i % 3 == 0)
		cd->unit_id = sf_unit(S, "27940").id;
	if (i % 5 == 0)
		snprintf(cd->notes, sizeof cd->notes, "ghi chú %zu", i);
}

/* Adds n cadres (numbered from first) in one batch; the commit's status. */
static int batch(size_t first, size_t n, store_import **keep)
{
	store_import *b;
	cb_error err;
	int rc;
	assert_int_equal(store_import_begin(S, &b, &err), CB_OK);
	for (size_t i = first; i < first + n; i++) {
		cadre cd;
		make(&cd, i);
		assert_int_equal(cadre_validate(&cd, &sf_cfg, &err), CB_OK);
		assert_int_equal(store_import_add(b, &cd, &err), CB_OK);
	}
	if (keep) {
		*keep = b;
		return CB_OK;
	}
	double held = -1;
	rc = store_import_commit(b, &held, NULL, &err);
	assert_true(held >= 0);
	store_import_free(b);
	return rc;
}

/* Ordering by rank is ordering by (sort_key, id); the search index has one
 * entry per cadre, at its rank, with its fold; every name word is listed. */
static void expect_search_invariants(void)
{
	assert_int_equal(
		sf_count(S, "SELECT count(*) FROM (SELECT id, row_number() OVER (ORDER BY"
			    " rank) a, row_number() OVER (ORDER BY sort_key, id) b FROM cadre)"
			    " WHERE a <> b"),
		0);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM cadre_fts"),
			 sf_count(S, "SELECT count(*) FROM cadre"));
	assert_int_equal(sf_count(S, "SELECT count(*) FROM cadre c WHERE NOT EXISTS (SELECT 1 FROM"
				     " cadre_fts f WHERE f.rowid = c.rank AND cadre_fts MATCH"
				     " '\"' || replace(c.name_fold, ' ', '\" \"') || '\"')"),
			 0);
	assert_int_equal(sf_count(S,
				  "WITH RECURSIVE w(rest, word) AS (SELECT name_fold || ' ', ''"
				  " FROM cadre UNION ALL SELECT substr(rest, instr(rest, ' ') + 1),"
				  " substr(rest, 1, instr(rest, ' ') - 1) FROM w WHERE rest <> '')"
				  " SELECT count(*) FROM w WHERE word <> '' AND word NOT IN"
				  " (SELECT word FROM name_word)"),
			 0);
	assert_int_equal(fixture_places_wrong(S), 0);
}

static void test_batch_writes_what_single_inserts_write(void **state)
{
	(void)state;
	for (size_t i = 1000; i < 1010; i++) {
		cadre cd;
		cb_error err;
		make(&cd, i);
		assert_int_equal(store_cadre_insert(S, &cd, &sf_cfg, &err), CB_OK);
	}
	assert_int_equal(batch(0, 200, NULL), CB_OK);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM cadre"), 210);
	/* one audit entry per new cadre, holding the row as it reads back */
	assert_int_equal(sf_count(S, "SELECT count(*) FROM audit WHERE tbl = 'cadre'"
				     " AND action = 'insert'"),
			 210);
	sf_audit_reads_back(S);
	/* the audit trail's hash chain holds across the batch, and after it */
	audit_verdict v;
	cb_error err;
	assert_int_equal(store_audit_verify(S, &v, &err), CB_OK);
	assert_int_equal(v.broken_at, 0);
	assert_true(v.rows >= 210);
	sf_add(S, "Lâm Văn Sau", "1977-07-07", 1);
	assert_int_equal(store_audit_verify(S, &v, &err), CB_OK);
	assert_int_equal(v.broken_at, 0);
	expect_search_invariants();
	/* no staging table is left behind */
	assert_int_equal(sf_count(S, "SELECT count(*) FROM temp.sqlite_schema"), 0);
}

static void test_names_land_in_order_among_those_stored(void **state)
{
	(void)state;
	assert_int_equal(batch(0, 300, NULL), CB_OK);
	assert_int_equal(batch(300, 300, NULL), CB_OK);
	assert_int_equal(batch(600, 5, NULL), CB_OK);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM cadre"), 605);
	expect_search_invariants();
	/* a later single insert still finds its place */
	sf_add(S, "Nguyễn Văn Bình", "1990-01-01", 1);
	expect_search_invariants();
}

static void test_a_gap_too_narrow_renumbers_everyone(void **state)
{
	(void)state;
	/* two stored names next to each other, 2 000 new ones between them */
	sf_add(S, "Võ Văn A", "1970-01-01", 1);
	sf_add(S, "Võ Văn Z", "1970-01-01", 1);
	assert_int_equal(sqlite3_exec(store_db(S), "UPDATE cadre SET rank = rank / 1024 + 10", NULL,
				      NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_exec(store_db(S),
				      "INSERT INTO cadre_fts(cadre_fts) VALUES('delete-all');"
				      "INSERT INTO cadre_fts(rowid, name, place)"
				      " SELECT rank, name_fold, 'u' || unit_id FROM cadre",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	store_import *b;
	cb_error err;
	assert_int_equal(store_import_begin(S, &b, &err), CB_OK);
	for (int i = 0; i < 2000; i++) {
		cadre cd;
		char name[64];
		snprintf(name, sizeof name, "Võ Văn M%04d", i);
		sf_cadre(S, &cd, name, "1980-02-02", 1);
		assert_int_equal(cadre_validate(&cd, &sf_cfg, &err), CB_OK);
		assert_int_equal(store_import_add(b, &cd, &err), CB_OK);
	}
	assert_int_equal(store_import_commit(b, NULL, NULL, &err), CB_OK);
	store_import_free(b);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM cadre"), 2002);
	expect_search_invariants();
}

static void test_a_write_in_between_makes_the_batch_write_nothing(void **state)
{
	store_import *b;
	store *other;
	cb_error err;
	char path[300];
	(void)state;
	assert_int_equal(batch(0, 50, &b), CB_OK);
	/* someone else saves while the batch is being read */
	snprintf(path, sizeof path, "%s/t.db", sf_dir);
	assert_int_equal(store_open(&other, path, 0, &err), CB_OK);
	cadre cd;
	sf_cadre(other, &cd, "Lâm Văn Khác", "1975-05-05", 1);
	assert_int_equal(store_cadre_insert(other, &cd, &sf_cfg, &err), CB_OK);
	store_close(other);
	assert_int_equal(store_import_commit(b, NULL, NULL, &err), CB_ESTALE);
	store_import_free(b);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM cadre"), 1);
	/* started again, it writes */
	assert_int_equal(batch(0, 50, NULL), CB_OK);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM cadre"), 51);
	expect_search_invariants();
}

static void test_inside_an_open_transaction_the_batch_is_part_of_it(void **state)
{
	cb_error err;
	(void)state;
	assert_int_equal(store_begin(S, &err), CB_OK);
	assert_int_equal(batch(0, 20, NULL), CB_OK);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM cadre"), 20);
	store_rollback(S);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM cadre"), 0);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM audit WHERE tbl = 'cadre'"), 0);
}

static int64_t pragma(store *s, const char *sql)
{
	return sf_count(s, sql);
}

static void test_audit_entries_follow_the_trail_at_one_time(void **state)
{
	(void)state;
	sf_add(S, "Lâm Văn Trước", "1977-07-07", 1);
	int64_t last = sf_count(S, "SELECT max(id) FROM audit");
	assert_int_equal(batch(0, 100, NULL), CB_OK);
	/* ids right after the last entry, in the order of the cadres' ids */
	assert_int_equal(sf_count(S, "SELECT count(*) FROM audit WHERE id > 0"), last + 100);
	char sql[256];
	snprintf(sql, sizeof sql,
		 "SELECT count(*) FROM audit a JOIN cadre c ON c.id = a.row_id WHERE a.id > %lld"
		 " AND a.id - %lld = (SELECT count(*) FROM cadre d WHERE d.id <= c.id) - 1",
		 (long long)last, (long long)last);
	assert_int_equal(sf_count(S, sql), 100);
	snprintf(sql, sizeof sql, "SELECT count(DISTINCT at) FROM audit WHERE id > %lld",
		 (long long)last);
	assert_int_equal(sf_count(S, sql), 1);
	audit_verdict v;
	cb_error err;
	assert_int_equal(store_audit_verify(S, &v, &err), CB_OK);
	assert_int_equal(v.broken_at, 0);
	/* the connection's settings are as they were */
	assert_int_equal(pragma(S, "PRAGMA wal_autocheckpoint"), 1000);
	assert_int_equal(pragma(S, "PRAGMA threads"), 0);
}

/* A batch larger than the audit entries written ahead at once (4096,
 * store_import_audit.c): every entry is there once, in the cadres' order,
 * with the JSON of the cadre as stored, and the chain holds. */
static void test_a_large_batch_has_every_audit_entry_in_order(void **state)
{
	(void)state;
	sf_add(S, "Lâm Văn Trước", "1977-07-07", 1);
	int64_t last = sf_count(S, "SELECT max(id) FROM audit");
	assert_int_equal(batch(0, 10000, NULL), CB_OK);
	char sql[256];
	snprintf(sql, sizeof sql,
		 "SELECT count(*) FROM audit a JOIN cadre c ON c.id = a.row_id WHERE a.id > %lld"
		 " AND a.id - %lld = c.id - (SELECT min(id) FROM cadre WHERE id > 1) + 1"
		 " AND json_extract(a.new, '$.full_name') = c.full_name"
		 " AND json_extract(a.new, '$.id') = c.id",
		 (long long)last, (long long)last);
	assert_int_equal(sf_count(S, sql), 10000);
	audit_verdict v;
	cb_error err;
	assert_int_equal(store_audit_verify(S, &v, &err), CB_OK);
	assert_int_equal(v.broken_at, 0);
	assert_int_equal(v.rows, last + 10000);
}

/* Counts the statements run that name the staging tables. */
static int count_staging(unsigned type, void *ctx, void *stmt, void *sql)
{
	(void)type;
	(void)stmt;
	if (strstr((const char *)sql, "import_cadre") || strstr((const char *)sql, "import_word"))
		++*(int *)ctx;
	return 0;
}

/* A new file (opened for a bulk load, as `canbo import` opens a database
 * it creates) is written without a journal and left in WAL mode, whole,
 * with its indexes and a holding audit chain; nothing is staged, and no
 * statement touches the staging tables. */
static void test_a_new_file_is_written_whole_and_left_in_wal_mode(void **state)
{
	char path[300];
	store *fresh;
	store_import *b;
	cb_error err;
	(void)state;
	snprintf(path, sizeof path, "%s/new.db", sf_dir);
	int staging = 0;
	assert_int_equal(store_open(&fresh, path, STORE_CREATE | STORE_BULK, &err), CB_OK);
	assert_int_equal(store_sync_units(fresh, &sf_cfg, &err), CB_OK);
	sqlite3_trace_v2(store_db(fresh), SQLITE_TRACE_STMT, count_staging, &staging);
	assert_int_equal(store_import_begin(fresh, &b, &err), CB_OK);
	for (size_t i = 0; i < 300; i++) {
		cadre cd;
		make(&cd, i);
		cd.unit_id = sf_unit(fresh, i % 3 ? "27694" : "27940").id;
		assert_int_equal(cadre_validate(&cd, &sf_cfg, &err), CB_OK);
		assert_int_equal(store_import_add(b, &cd, &err), CB_OK);
	}
	assert_int_equal(store_import_commit(b, NULL, NULL, &err), CB_OK);
	store_import_free(b);
	sqlite3_trace_v2(store_db(fresh), 0, NULL, NULL);
	assert_int_equal(staging, 0);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(store_db(fresh), "PRAGMA journal_mode", -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	assert_int_equal(sf_count(fresh, "SELECT count(*) FROM cadre"), 300);
	assert_int_equal(sf_count(fresh, "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
					 " AND name = 'cadre_unit'"),
			 1);
	assert_int_equal(sf_count(fresh, "SELECT count(*) FROM pragma_integrity_check"
					 " WHERE integrity_check <> 'ok'"),
			 0);
	audit_verdict v;
	assert_int_equal(store_audit_verify(fresh, &v, &err), CB_OK);
	assert_int_equal(v.broken_at, 0);
	assert_int_equal(v.rows, 300);
	store_close(fresh);
	/* and it opens again as any database does */
	assert_int_equal(store_open(&fresh, path, 0, &err), CB_OK);
	assert_int_equal(sf_count(fresh, "SELECT count(*) FROM cadre_fts"), 300);
	store_close(fresh);
}

#define T(f) cmocka_unit_test_setup_teardown(f, sf_setup, sf_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_batch_writes_what_single_inserts_write),
		T(test_names_land_in_order_among_those_stored),
		T(test_a_gap_too_narrow_renumbers_everyone),
		T(test_a_write_in_between_makes_the_batch_write_nothing),
		T(test_inside_an_open_transaction_the_batch_is_part_of_it),
		T(test_audit_entries_follow_the_trail_at_one_time),
		T(test_a_large_batch_has_every_audit_entry_in_order),
		T(test_a_new_file_is_written_whole_and_left_in_wal_mode),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
