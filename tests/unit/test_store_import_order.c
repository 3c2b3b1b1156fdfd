/* test_store_import_order.c - the order a batch import numbers its rows
 * in (store_import.c): staged rows take their ids unit by unit, yet their
 * ranks follow their names (equal names in id order), and the database
 * they leave - cadres, audit entries, search index, name words - is the
 * one the rows written straight in name order leave, but for the ids. */
#include "store_fixture.h"

#include "audit.h"
#include "store_import.h"

static const char *const given[] = {"An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hà"};
static const char *const family[] = {"Nguyễn Văn", "Trần Thị", "Lê Hoàng", "Đặng Thị", "Phạm Minh"};
static const char *const units[] = {"27940", "27694", "27931", "27692", "794"};

/* Row i: names, units and birth dates varying at different paces, so the
 * order added, the name order and the unit order all differ. */
static void make(store *s, cadre *cd, size_t i)
{
	char name[64], birth[11];
	snprintf(name, sizeof name, "%s %s %zu", family[i % 5], given[(i / 5) % 7], i % 13);
	snprintf(birth, sizeof birth, "19%02zu-%02zu-%02zu", 60 + i % 37, 1 + i % 12, 1 + i % 28);
	sf_cadre(s, cd, name, birth, (int)(i % 2) + 1);
	cd->unit_id = sf_unit(s, units[(i / 3) % 5]).id;
	if (i % 4 == 0)
		snprintf(cd->notes, sizeof cd->notes, "ghi chú %zu", i);
}

static void add_all(store *s, store_import *b, size_t n)
{
	cb_error err;
	for (size_t i = 0; i < n; i++) {
		cadre cd;
		make(s, &cd, i);
		assert_int_equal(cadre_validate(&cd, &sf_cfg, &err), CB_OK);
		assert_int_equal(store_import_add(b, &cd, &err), CB_OK);
	}
}

/* n rows in one batch on its own (staged, then moved in under the lock),
 * or inside the caller's open transaction (written straight). */
static void import_rows(store *s, size_t n, bool inside)
{
	store_import *b;
	cb_error err;
	if (inside)
		assert_int_equal(store_begin(s, &err), CB_OK);
	assert_int_equal(store_import_begin(s, &b, &err), CB_OK);
	add_all(s, b, n);
	assert_int_equal(store_import_commit(b, NULL, NULL, &err), CB_OK);
	store_import_free(b);
	if (inside)
		assert_int_equal(store_commit(s, &err), CB_OK);
}

/* The rank order is the order of (sort_key, id); the search index holds
 * every cadre's fold at its rank; the trail holds. */
static void expect_sound(store *s)
{
	audit_verdict v;
	cb_error err;
	assert_int_equal(
		sf_count(s, "SELECT count(*) FROM (SELECT id, row_number() OVER (ORDER BY"
			    " rank) a, row_number() OVER (ORDER BY sort_key, id) b FROM cadre)"
			    " WHERE a <> b"),
		0);
	assert_int_equal(sf_count(s, "SELECT count(*) FROM cadre c WHERE NOT EXISTS (SELECT 1 FROM"
				     " cadre_fts f WHERE f.rowid = c.rank AND cadre_fts MATCH"
				     " '\"' || replace(c.name_fold, ' ', '\" \"') || '\"')"),
			 0);
	assert_int_equal(sf_count(s, "SELECT count(*) FROM cadre_fts"),
			 sf_count(s, "SELECT count(*) FROM cadre"));
	assert_int_equal(store_audit_verify(s, &v, &err), CB_OK);
	assert_int_equal(v.broken_at, 0);
}

static void test_staged_ids_go_by_unit_and_ranks_by_name(void **state)
{
	(void)state;
	sf_add(S, "Lâm Văn Trước", "1977-07-07", 1);
	import_rows(S, 400, false);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM cadre"), 401);
	/* no two new cadres whose ids and (unit, name) disagree */
	assert_int_equal(sf_count(S, "SELECT count(*) FROM cadre a JOIN cadre b ON a.id < b.id"
				     " WHERE a.id > 1 AND (a.unit_id > b.unit_id OR"
				     " (a.unit_id = b.unit_id AND a.sort_key > b.sort_key))"),
			 0);
	/* yet the units are not all in one name run: the orders differ */
	assert_true(sf_count(S, "SELECT count(*) FROM cadre a JOIN cadre b ON a.id < b.id"
				" WHERE a.id > 1 AND a.rank > b.rank") > 0);
	expect_sound(S);
	/* each audit entry is the cadre as it reads back, under its id */
	assert_int_equal(sf_audit_reads_back(S), 401);
	/* the staging tables are gone, and the memory they were kept in */
	assert_int_equal(sf_count(S, "SELECT count(*) FROM temp.sqlite_schema"), 0);
	assert_int_equal(sf_count(S, "PRAGMA temp.cache_size"), -2000);
	/* the temporary database wipes freed pages again as the main one does */
	assert_int_equal(sf_count(S, "PRAGMA temp.secure_delete"),
			 sf_count(S, "PRAGMA main.secure_delete"));
}

/* The same name and birth date in two units, the later unit's added
 * first: unit order gives the earlier unit's row the lower id, and the
 * ranks follow the ids. */
static void test_equal_names_in_two_units_rank_in_id_order(void **state)
{
	store_import *b;
	cb_error err;
	const char *codes[] = {"27940", "27694", "27931", "27694"};
	(void)state;
	assert_int_equal(store_import_begin(S, &b, &err), CB_OK);
	for (size_t i = 0; i < 4; i++) {
		cadre cd;
		sf_cadre(S, &cd, i < 2 ? "Trần Văn Trùng" : "Trần Văn Trùng Hai", "1980-03-03", 1);
		cd.unit_id = sf_unit(S, codes[i]).id;
		assert_int_equal(store_import_add(b, &cd, &err), CB_OK);
	}
	assert_int_equal(store_import_commit(b, NULL, NULL, &err), CB_OK);
	store_import_free(b);
	expect_sound(S);
	char sql[200];
	snprintf(sql, sizeof sql,
		 "SELECT group_concat(unit_id, ',') FROM (SELECT unit_id FROM cadre"
		 " WHERE full_name = 'Trần Văn Trùng' ORDER BY rank)");
	char *by_rank = sf_text(S, sql);
	char want[64];
	snprintf(want, sizeof want, "%lld,%lld", (long long)sf_unit(S, "27694").id,
		 (long long)sf_unit(S, "27940").id);
	assert_string_equal(by_rank, want);
	free(by_rank);
}

/* What a database shows of its cadres, in rank order, with their audit
 * entries and search entries, ids left out. */
static char *contents(store *s)
{
	static const char sql[] =
		"SELECT group_concat(x, char(10)) FROM (SELECT c.full_name || '|' || c.birth_date"
		" || '|' || c.unit_id || '|' || c.rank || '|' || c.name_fold || '|'"
		" || hex(c.sort_key) || '|' || c.notes || '|' || c.level"
		" || '|' || a.user || '|' || json_remove(a.new, '$.id') || '|'"
		" || (SELECT count(*) FROM cadre_fts f WHERE f.rowid = c.rank AND cadre_fts MATCH"
		" '\"' || replace(c.name_fold, ' ', '\" \"') || '\"') AS x"
		" FROM cadre c JOIN audit a ON a.tbl = 'cadre' AND a.row_id = c.id ORDER BY "
		"c.rank)";
	char *rows = sf_text(s, sql);
	char *words = sf_text(s, "SELECT group_concat(word, ' ') FROM name_word");
	size_t len = strlen(rows) + strlen(words) + 2;
	char *all = malloc(len);
	assert_non_null(all);
	snprintf(all, len, "%s\n%s", rows, words);
	free(rows);
	free(words);
	return all;
}

static void test_staged_and_straight_batches_leave_the_same_database(void **state)
{
	char path[300];
	store *other;
	cb_error err;
	(void)state;
	snprintf(path, sizeof path, "%s/straight.db", sf_dir);
	assert_int_equal(store_open(&other, path, STORE_CREATE, &err), CB_OK);
	assert_int_equal(store_sync_units(other, &sf_cfg, &err), CB_OK);
	/* a few cadres there before, alike in both */
	sf_add(S, "Lâm Văn Trước", "1977-07-07", 1);
	sf_add(S, "Vũ Thị Sau", "1979-09-09", 2);
	sf_add(other, "Lâm Văn Trước", "1977-07-07", 1);
	sf_add(other, "Vũ Thị Sau", "1979-09-09", 2);
	import_rows(S, 300, false);    /* staged: ids by unit */
	import_rows(other, 300, true); /* straight: ids in name order */
	expect_sound(S);
	expect_sound(other);
	/* the two paths did number differently */
	assert_true(sf_count(S, "SELECT count(*) FROM cadre a JOIN cadre b ON a.id < b.id"
				" WHERE a.id > 2 AND a.rank > b.rank") > 0);
	assert_int_equal(sf_count(other, "SELECT count(*) FROM cadre a JOIN cadre b ON a.id < b.id"
					 " WHERE a.id > 2 AND a.rank > b.rank"),
			 0);
	char *staged = contents(S), *straight = contents(other);
	assert_string_equal(staged, straight);
	free(staged);
	free(straight);
	store_close(other);
}

#define T(f) cmocka_unit_test_setup_teardown(f, sf_setup, sf_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_staged_ids_go_by_unit_and_ranks_by_name),
		T(test_equal_names_in_two_units_rank_in_id_order),
		T(test_staged_and_straight_batches_leave_the_same_database),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
