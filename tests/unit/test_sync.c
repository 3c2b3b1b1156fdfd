/* test_sync.c - offices and the province (sync.h): the changeset written
 * by hand reads back; a file carries an office's rows to the province
 * under identities of their own; applying twice changes nothing; a row
 * changed at both ends stays as the province has it and is kept as a
 * conflict; files out of order, damaged or beyond the user's districts
 * are refused with nothing changed. */
#include <stdlib.h>
#include <string.h>

#include "store_fixture.h"

#include "access.h"
#include "sync.h"
#include "trash.h"
#include "../../src/core/sync_internal.h"

static char dirs[3][256];

/* Three databases with the fixture's units: two offices and the province. */
static store *open_office(int i)
{
	char path[300];
	store *s = NULL;
	cb_error err;
	setenv("CANBO_TODAY", SF_TODAY, 1);
	assert_non_null(fixture_tmpdir(dirs[i], sizeof dirs[i]));
	snprintf(path, sizeof path, "%s/o.db", dirs[i]);
	assert_int_equal(store_open(&s, path, STORE_CREATE, &err), CB_OK);
	sf_cfg.tiers = 3;
	sf_cfg.units = sf_units;
	sf_cfg.unit_count = sizeof sf_units / sizeof sf_units[0];
	sf_cfg.age_min = 18;
	sf_cfg.age_max = 65;
	assert_int_equal(store_sync_units(s, &sf_cfg, &err), CB_OK);
	return s;
}

static void close_office(store *s, int i)
{
	store_close(s);
	fixture_rmtree(dirs[i]);
}

static void export_ok(store *s, const char *office, mem *m, sync_export_info *info)
{
	cb_error err;
	int rc = sync_export(s, office, NULL, to_mem, m, info, &err);
	if (rc)
		fail_msg("export: %s", err.msg);
}

static sync_apply_info apply_ok(store *s, const mem *m)
{
	sync_apply_info info;
	cb_error err;
	int rc = sync_apply(s, m->p, m->n, NULL, &info, &err);
	if (rc)
		fail_msg("apply: %s", err.msg);
	return info;
}

static int64_t add_in(store *s, const char *name, const char *birth, const char *unit)
{
	cadre cd;
	cb_error err;
	sf_cadre(s, &cd, name, birth, 1);
	cd.unit_id = sf_unit(s, unit).id;
	if (store_cadre_insert(s, &cd, &sf_cfg, &err))
		fail_msg("insert %s: %s", name, err.msg);
	return cd.id;
}

static void test_changeset_written_by_hand_reads_back(void **state)
{
	(void)state;
	sync_buf b = {0};
	unsigned char pk[3] = {1, 0, 0};
	char long_text[20000];
	sqlite3_changeset_iter *it;
	sqlite3_value *v;
	const char *name;
	int ncol, op, indirect;

	memset(long_text, 'a', sizeof long_text - 1);
	long_text[sizeof long_text - 1] = '\0';
	sync_put_table(&b, "t", 3, pk);
	sync_put_op(&b, SQLITE_INSERT);
	sync_put_int(&b, -5);
	sync_put_text(&b, long_text, strlen(long_text));
	sync_put_value(&b, NULL); /* undefined */
	assert_false(b.oom);
	assert_int_equal(sqlite3changeset_start(&it, (int)b.n, b.p), SQLITE_OK);
	assert_int_equal(sqlite3changeset_next(it), SQLITE_ROW);
	assert_int_equal(sqlite3changeset_op(it, &name, &ncol, &op, &indirect), SQLITE_OK);
	assert_string_equal(name, "t");
	assert_int_equal(ncol, 3);
	assert_int_equal(op, SQLITE_INSERT);
	assert_int_equal(sqlite3changeset_new(it, 0, &v), SQLITE_OK);
	assert_int_equal(sqlite3_value_int64(v), -5);
	assert_int_equal(sqlite3changeset_new(it, 1, &v), SQLITE_OK);
	assert_int_equal(sqlite3_value_bytes(v), (int)strlen(long_text));
	assert_int_equal(sqlite3changeset_new(it, 2, &v), SQLITE_OK);
	assert_null(v);
	assert_int_equal(sqlite3changeset_next(it), SQLITE_DONE);
	assert_int_equal(sqlite3changeset_finalize(it), SQLITE_OK);
	sync_buf_free(&b);
}

static void test_offices_rows_reach_the_province(void **state)
{
	(void)state;
	store *a = open_office(0), *b = open_office(1), *p = open_office(2);
	mem fa = {0}, fb = {0};
	sync_export_info ei;
	char names[8][CADRE_NAME_MAX];
	search_query q = {0};

	add_in(a, "Nguyễn Văn An", "1980-01-01", "27694");
	int64_t a2 = add_in(a, "Trần Thị Bình", "1985-02-02", "27692");
	add_in(b, "Lê Văn Cường", "1975-03-03", "27940");
	export_ok(a, "80-794", &fa, &ei);
	assert_true(ei.snapshot);
	assert_int_equal(ei.seq, 1);
	export_ok(b, "80-802", &fb, &ei);
	/* the same ids at both offices: 1 */
	assert_int_equal(sf_count(b, "SELECT max(id) FROM cadre"), 1);

	sync_apply_info ia = apply_ok(p, &fa), ib = apply_ok(p, &fb);
	assert_false(ia.already);
	assert_int_equal(ia.conflicts + ib.conflicts, 0);
	assert_int_equal(sf_count(p, "SELECT count(*) FROM cadre"), 3);
	assert_int_equal(sf_count(p, "SELECT count(DISTINCT id) FROM cadre"), 3);
	/* identities: born at an office, "OFFICE:ID" */
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM cadre WHERE uid = '80-794:%lld'",
		 (long long)a2);
	assert_int_equal(sf_count(p, sql), 1);
	assert_int_equal(sf_count(p, "SELECT count(*) FROM cadre WHERE uid = '80-802:1'"), 1);
	/* units matched by code, the list and its search index rebuilt */
	assert_int_equal(sf_count(p, "SELECT count(*) FROM cadre c JOIN unit u ON u.id = c.unit_id"
				     " WHERE u.code = '27940' AND c.full_name = 'Lê Văn Cường'"),
			 1);
	q.text = "tran thi binh";
	q.sort = SORT_NAME;
	filter_init(&q.filter);
	assert_int_equal(sf_names(p, &q, names, 8), 1);
	assert_string_equal(names[0], "Trần Thị Bình");
	assert_int_equal(fixture_places_wrong(p), 0);
	/* the office's audit rows kept under its code */
	assert_int_equal(sf_count(p, "SELECT count(*) FROM sync_audit WHERE office = '80-794'"),
			 sf_count(a, "SELECT count(*) FROM audit"));

	/* applying again changes nothing */
	int before = sqlite3_total_changes(store_db(p));
	ia = apply_ok(p, &fa);
	assert_true(ia.already);
	assert_int_equal(sqlite3_total_changes(store_db(p)), before);
	assert_int_equal(sf_count(p, "SELECT count(*) FROM cadre"), 3);

	free(fa.p);
	free(fb.p);
	close_office(a, 0);
	close_office(b, 1);
	close_office(p, 2);
}

static void test_writes_are_recorded_from_the_first_export(void **state)
{
	(void)state;
	store *a = open_office(0);
	mem f = {0};
	sync_export_info ei;
	cb_error err;

	add_in(a, "Nguyễn Văn An", "1980-01-01", "27694");
	assert_int_equal(sf_count(a, "SELECT count(*) FROM sync_outbox"), 0);
	export_ok(a, "80-794", &f, &ei);
	assert_int_equal(sync_export(a, NULL, NULL, to_mem, &f, &ei, &err), CB_NOT_FOUND);
	add_in(a, "Trần Thị Bình", "1985-02-02", "27692");
	assert_int_equal(sf_count(a, "SELECT count(*) FROM sync_outbox WHERE seq IS NULL"), 1);
	export_ok(a, NULL, &f, &ei);
	assert_false(ei.snapshot);
	assert_int_equal(ei.seq, 2);
	assert_true(ei.changes >= 2); /* the cadre, its appointment, the audit row */
	assert_int_equal(sf_count(a, "SELECT count(*) FROM sync_outbox WHERE seq IS NULL"), 0);
	/* another office's code is refused */
	assert_int_equal(sync_export(a, "80-999", NULL, to_mem, &f, &ei, &err), CB_EINVALID);
	free(f.p);
	close_office(a, 0);
}

static void test_changed_at_both_ends_is_kept_for_a_person(void **state)
{
	(void)state;
	store *a = open_office(0), *p = open_office(2);
	mem f1 = {0}, f2 = {0}, f3 = {0};
	sync_export_info ei;
	sync_conflict_row *rows;
	size_t n;
	cadre cd;
	cb_error err;

	int64_t id = add_in(a, "Nguyễn Văn An", "1980-01-01", "27694");
	int64_t other = add_in(a, "Trần Thị Bình", "1985-02-02", "27692");
	export_ok(a, "80-794", &f1, &ei);
	apply_ok(p, &f1);
	int64_t here = sf_count(p, "SELECT id FROM cadre WHERE full_name = 'Nguyễn Văn An'");

	assert_int_equal(store_cadre_get(a, id, &cd, &err), CB_OK);
	snprintf(cd.position, sizeof cd.position, "Bí thư Đảng ủy phường");
	assert_int_equal(store_cadre_update(a, &cd, &sf_cfg, &err), CB_OK);
	assert_int_equal(store_cadre_get(p, here, &cd, &err), CB_OK);
	snprintf(cd.position, sizeof cd.position, "Chủ tịch UBND phường");
	assert_int_equal(store_cadre_update(p, &cd, &sf_cfg, &err), CB_OK);
	/* and a plain change elsewhere, with a move to another commune */
	assert_int_equal(store_cadre_get(a, other, &cd, &err), CB_OK);
	snprintf(cd.notes, sizeof cd.notes, "ghi chú");
	cd.unit_id = sf_unit(a, "27694").id;
	assert_int_equal(store_cadre_update(a, &cd, &sf_cfg, &err), CB_OK);
	export_ok(a, NULL, &f2, &ei);

	/* a gap in the sequence, a damaged file: refused, nothing changed */
	assert_int_equal(store_cadre_get(a, other, &cd, &err), CB_OK);
	snprintf(cd.notes, sizeof cd.notes, "ghi chú 2");
	assert_int_equal(store_cadre_update(a, &cd, &sf_cfg, &err), CB_OK);
	export_ok(a, NULL, &f3, &ei);
	sync_apply_info info;
	int before = sqlite3_total_changes(store_db(p));
	assert_int_equal(sync_apply(p, f3.p, f3.n, NULL, &info, &err), CB_EINVALID);
	f2.p[f2.n - 1] ^= 1;
	assert_int_equal(sync_apply(p, f2.p, f2.n, NULL, &info, &err), CB_EINVALID);
	f2.p[f2.n - 1] ^= 1;
	assert_int_equal(sqlite3_total_changes(store_db(p)), before);

	info = apply_ok(p, &f2);
	assert_int_equal(info.conflicts, 1);
	assert_true(info.changes >= 1);
	assert_int_equal(store_cadre_get(p, here, &cd, &err), CB_OK);
	assert_string_equal(cd.position, "Chủ tịch UBND phường");
	assert_int_equal(sf_count(p, "SELECT count(*) FROM cadre WHERE notes = 'ghi chú'"), 1);
	/* the moved cadre's search entry followed him */
	assert_int_equal(sf_count(p, "SELECT count(*) FROM cadre c JOIN unit u ON u.id = c.unit_id"
				     " WHERE u.code = '27694'"),
			 2);
	assert_int_equal(fixture_places_wrong(p), 0);
	assert_int_equal(sync_conflicts(p, &rows, &n, &err), CB_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].kind, "changed");
	assert_string_equal(rows[0].table, "cadre");
	assert_int_equal(rows[0].local_id, here);
	assert_non_null(strstr(rows[0].theirs, "Bí thư Đảng ủy phường"));
	assert_non_null(strstr(rows[0].ours, "Chủ tịch UBND phường"));
	assert_int_equal(sync_conflict_resolve(p, rows[0].id, &err), CB_OK);
	assert_int_equal(sync_conflict_resolve(p, rows[0].id, &err), CB_NOT_FOUND);
	sync_conflicts_free(rows, n);
	apply_ok(p, &f3);
	assert_int_equal(sf_count(p, "SELECT count(*) FROM cadre WHERE notes = 'ghi chú 2'"), 1);

	free(f1.p);
	free(f2.p);
	free(f3.p);
	close_office(a, 0);
	close_office(p, 2);
}

/* A name written anew that keeps its place in the order ("01" and "1"
 * sort alike) is found at the province by what it says now. */
static void test_a_name_respelled_is_searched_as_it_is_now(void **state)
{
	(void)state;
	store *a = open_office(0), *p = open_office(2);
	mem f1 = {0}, f2 = {0};
	sync_export_info ei;
	char names[4][CADRE_NAME_MAX];
	search_query q = {.text = "an 1", .sort = SORT_NAME};
	cadre cd;
	cb_error err;

	int64_t id = add_in(a, "Nguyễn Văn An 01", "1980-01-01", "27694");
	export_ok(a, "80-794", &f1, &ei);
	apply_ok(p, &f1);
	assert_int_equal(store_cadre_get(a, id, &cd, &err), CB_OK);
	snprintf(cd.full_name, sizeof cd.full_name, "Nguyễn Văn An 1");
	assert_int_equal(store_cadre_update(a, &cd, &sf_cfg, &err), CB_OK);
	export_ok(a, NULL, &f2, &ei);
	apply_ok(p, &f2);
	filter_init(&q.filter);
	assert_int_equal(sf_names(p, &q, names, 4), 1);
	assert_string_equal(names[0], "Nguyễn Văn An 1");
	assert_int_equal(fixture_places_wrong(p), 0);
	free(f1.p);
	free(f2.p);
	close_office(a, 0);
	close_office(p, 2);
}

static void test_deleted_at_one_end_changed_at_the_other(void **state)
{
	(void)state;
	store *a = open_office(0), *p = open_office(2);
	mem f1 = {0}, f2 = {0};
	sync_export_info ei;
	cadre cd;
	cb_error err;

	int64_t gone_there = add_in(a, "Nguyễn Văn An", "1980-01-01", "27694");
	int64_t gone_here = add_in(a, "Trần Thị Bình", "1985-02-02", "27692");
	export_ok(a, "80-794", &f1, &ei);
	apply_ok(p, &f1);
	int64_t an = sf_count(p, "SELECT id FROM cadre WHERE full_name = 'Nguyễn Văn An'");
	int64_t binh = sf_count(p, "SELECT id FROM cadre WHERE full_name = 'Trần Thị Bình'");

	/* the office deletes An, the province changes him */
	assert_int_equal(store_cadre_get(a, gone_there, &cd, &err), CB_OK);
	assert_int_equal(store_cadre_delete(a, gone_there, cd.version, &err), CB_OK);
	assert_int_equal(store_cadre_get(p, an, &cd, &err), CB_OK);
	snprintf(cd.notes, sizeof cd.notes, "tỉnh sửa");
	assert_int_equal(store_cadre_update(p, &cd, &sf_cfg, &err), CB_OK);
	/* the province deletes Bình, the office changes her */
	assert_int_equal(store_cadre_get(p, binh, &cd, &err), CB_OK);
	assert_int_equal(store_cadre_delete(p, binh, cd.version, &err), CB_OK);
	assert_int_equal(store_cadre_get(a, gone_here, &cd, &err), CB_OK);
	snprintf(cd.notes, sizeof cd.notes, "huyện sửa");
	assert_int_equal(store_cadre_update(a, &cd, &sf_cfg, &err), CB_OK);
	export_ok(a, NULL, &f2, &ei);

	sync_apply_info info = apply_ok(p, &f2);
	assert_int_equal(info.conflicts, 2);
	assert_int_equal(sf_count(p, "SELECT count(*) FROM cadre WHERE notes = 'tỉnh sửa'"), 1);
	assert_int_equal(sf_count(p, "SELECT count(*) FROM cadre"), 1);
	assert_int_equal(sf_count(p,
				  "SELECT count(*) FROM sync_conflict WHERE kind = 'deleted-there'"
				  " AND tbl = 'cadre'"),
			 1);
	assert_int_equal(sf_count(p,
				  "SELECT count(*) FROM sync_conflict WHERE kind = 'deleted-here'"
				  " AND tbl = 'cadre'"),
			 1);
	free(f1.p);
	free(f2.p);
	close_office(a, 0);
	close_office(p, 2);
}

static void test_beyond_the_users_districts_is_refused(void **state)
{
	(void)state;
	store *a = open_office(0), *p = open_office(2);
	mem f = {0};
	sync_export_info ei;
	sync_apply_info info;
	cb_error err;

	add_in(a, "Nguyễn Văn An", "1980-01-01", "27694"); /* Tân An */
	export_ok(a, "80-794", &f, &ei);
	unit_row duc_hoa = sf_unit(p, "802");
	store_set_scope(p, duc_hoa.lo, duc_hoa.hi);
	assert_int_equal(sync_apply(p, f.p, f.n, NULL, &info, &err), CB_EACCESS);
	assert_int_equal(sf_count(p, "SELECT count(*) FROM cadre"), 0);
	assert_int_equal(sf_count(p, "SELECT count(*) FROM sync_applied"), 0);
	/* held to Tân An, the same file applies */
	unit_row tan_an = sf_unit(p, "794");
	store_set_scope(p, tan_an.lo, tan_an.hi);
	apply_ok(p, &f);
	assert_int_equal(sf_count(p, "SELECT count(*) FROM cadre"), 1);
	/* an office held to Đức Hòa cannot send a database holding Tân An */
	store_set_scope(a, duc_hoa.lo, duc_hoa.hi);
	add_in(p, "Lê Văn Cường", "1975-03-03", "27694");
	assert_int_equal(sync_export(a, NULL, NULL, to_mem, &f, &ei, &err), CB_EACCESS);
	free(f.p);
	close_office(a, 0);
	close_office(p, 2);
}

static void test_a_restore_at_the_office_comes_back_whole(void **state)
{
	(void)state;
	store *a = open_office(0), *p = open_office(2);
	mem f1 = {0}, f2 = {0}, f3 = {0};
	sync_export_info ei;
	cadre cd;
	cb_error err;

	int64_t id = add_in(a, "Nguyễn Văn An", "1980-01-01", "27694");
	assert_int_equal(store_rating_set(a, id, 2024, 2, &err), CB_OK);
	export_ok(a, "80-794", &f1, &ei);
	apply_ok(p, &f1);
	assert_int_equal(sf_count(p, "SELECT count(*) FROM rating WHERE year = 2024"), 1);

	assert_int_equal(store_cadre_get(a, id, &cd, &err), CB_OK);
	assert_int_equal(trash_delete(a, "cadre", id, cd.version, NULL, &err), CB_OK);
	export_ok(a, NULL, &f2, &ei);
	apply_ok(p, &f2);
	assert_int_equal(sf_count(p, "SELECT count(*) FROM cadre"), 0);
	assert_int_equal(sf_count(p, "SELECT count(*) FROM rating"), 0);

	/* back under its own ids, its rating with it */
	assert_int_equal(trash_restore(a, sf_count(a, "SELECT max(id) FROM trash"), &err), CB_OK);
	export_ok(a, NULL, &f3, &ei);
	sync_apply_info info = apply_ok(p, &f3);
	assert_int_equal(info.conflicts, 0);
	assert_int_equal(sf_count(p, "SELECT count(*) FROM cadre WHERE full_name = 'Nguyễn Văn An'"
				     " AND uid IS NOT NULL"),
			 1);
	assert_int_equal(sf_count(p,
				  "SELECT count(*) FROM rating r JOIN cadre c ON c.id = r.cadre_id"
				  " WHERE r.year = 2024 AND r.grade = 2"),
			 1);
	free(f1.p);
	free(f2.p);
	free(f3.p);
	close_office(a, 0);
	close_office(p, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_changeset_written_by_hand_reads_back),
		cmocka_unit_test(test_offices_rows_reach_the_province),
		cmocka_unit_test(test_writes_are_recorded_from_the_first_export),
		cmocka_unit_test(test_changed_at_both_ends_is_kept_for_a_person),
		cmocka_unit_test(test_a_name_respelled_is_searched_as_it_is_now),
		cmocka_unit_test(test_deleted_at_one_end_changed_at_the_other),
		cmocka_unit_test(test_beyond_the_users_districts_is_refused),
		cmocka_unit_test(test_a_restore_at_the_office_comes_back_whole),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
