/* test_trash.c - deletes that can be undone: every dependent row goes to
 * the trash with its record, leaves the counts at once, comes back byte
 * for byte; purge removes for good; the audit has a row for each. */
#include "store_fixture.h"

#include "i18n.h"
#include "plans.h"
#include "stats.h"
#include "trash.h"

static cb_error err;

/* Every table a record can live in; dumped whole to compare states. */
static const char *const tables[] = {"cadre",  "org",	   "plan",     "plan_item", "plan_note",
				     "rating", "training", "planning", "selfcheck"};
#define NTABLES (sizeof tables / sizeof tables[0])

/* Every row of every table, each value quote()d (blobs as X'..'), in
 * rowid order: equal dumps mean byte-identical tables. */
static char *dump(store *s)
{
	size_t cap = 1 << 16, n = 0;
	char *out = malloc(cap);
	assert_non_null(out);
	out[0] = '\0';
	for (size_t t = 0; t < NTABLES; t++) {
		char sql[128];
		sqlite3_stmt *st;
		snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY rowid", tables[t]);
		assert_int_equal(sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL), SQLITE_OK);
		n += (size_t)snprintf(out + n, cap - n, "[%s]\n", tables[t]);
		while (sqlite3_step(st) == SQLITE_ROW) {
			for (int c = 0; c < sqlite3_column_count(st); c++) {
				sqlite3_stmt *q;
				assert_int_equal(sqlite3_prepare_v2(store_db(s), "SELECT quote(?1)",
								    -1, &q, NULL),
						 SQLITE_OK);
				sqlite3_bind_value(q, 1, sqlite3_column_value(st, c));
				assert_int_equal(sqlite3_step(q), SQLITE_ROW);
				if (n + 600 > cap) {
					out = realloc(out, cap *= 2);
					assert_non_null(out);
				}
				n += (size_t)snprintf(out + n, cap - n, "%s|",
						      (const char *)sqlite3_column_text(q, 0));
				sqlite3_finalize(q);
			}
			n += (size_t)snprintf(out + n, cap - n, "\n");
		}
		sqlite3_finalize(st);
	}
	return out;
}

static int64_t count(const char *sql)
{
	return sf_count(S, sql);
}

static cb_date day(const char *iso)
{
	cb_date d;
	assert_true(date_parse_iso(iso, &d));
	return d;
}

static int64_t org_add(const char *name, int64_t parent)
{
	org_row o = {0};
	snprintf(o.name, sizeof o.name, "%s", name);
	o.kind = 6;
	o.parent_id = parent;
	o.unit_id = sf_unit(S, "27694").id;
	assert_int_equal(store_org_insert(S, &o, &err), CB_OK);
	return o.id;
}

static int64_t plan_add(int64_t cadre_id, int64_t org_id, int year)
{
	plan p = {0};
	p.cadre_id = cadre_id;
	p.org_id = org_id;
	p.year = year;
	p.sources = 1;
	assert_int_equal(plans_create(S, &p, day(SF_TODAY), &err), CB_OK);
	return p.id;
}

static int64_t item_add(int64_t plan_id, const char *text)
{
	plan_item it = {0};
	it.plan_id = plan_id;
	it.source = 1;
	it.responsibility = PLAN_COLLECTIVE;
	snprintf(it.shortcoming, sizeof it.shortcoming, "%s", text);
	snprintf(it.deadline, sizeof it.deadline, "2025-12-31");
	assert_int_equal(plans_item_add(S, &it, day(SF_TODAY), &err), CB_OK);
	return it.id;
}

static int64_t note_add(int64_t item_id, const char *text)
{
	int64_t id;
	assert_int_equal(plans_note_add(S, item_id, text, day(SF_TODAY), &id, &err), CB_OK);
	return id;
}

static void training_add(int64_t cadre_id, int year, const char *course)
{
	training_row t = {0};
	t.year = year;
	t.kind = 1;
	snprintf(t.course, sizeof t.course, "%s", course);
	assert_int_equal(store_training_add(S, cadre_id, &t, &err), CB_OK);
}

static void planning_add(int64_t cadre_id, const char *term)
{
	planning_row p = {0};
	snprintf(p.term, sizeof p.term, "%s", term);
	snprintf(p.position, sizeof p.position, "Bí thư Đảng ủy phường");
	assert_int_equal(store_planning_add(S, cadre_id, &p, &err), CB_OK);
}

static void selfcheck_add(int64_t cadre_id, const char *month)
{
	char sql[256];
	snprintf(sql, sizeof sql,
		 "INSERT INTO selfcheck(cadre_id, month, flagged, note, checked_on)"
		 " VALUES(%lld, '%s', '1.2', 'Đã khắc phục', '2025-06-01')",
		 (long long)cadre_id, month);
	assert_int_equal(sqlite3_exec(store_db(S), sql, NULL, NULL, NULL), SQLITE_OK);
}

/* Nguyễn Văn An with 2 plans, 3 items, 4 notes, 5 ratings, 3 trainings,
 * a planning entry and a self-check, as in the office's report; Trần Thị
 * Bích beside him with a rating and a plan of her own. */
static int64_t an, bich, an_plan2024, an_item;

static void world(void)
{
	int64_t p2;
	an = sf_add(S, "Nguyễn Văn An", "1975-04-30", 1);
	bich = sf_add(S, "Trần Thị Bích", "1982-09-02", 2);
	an_plan2024 = plan_add(an, 0, 2024);
	p2 = plan_add(an, 0, 2025);
	an_item = item_add(an_plan2024, "Chưa gương mẫu trong sinh hoạt");
	note_add(an_item, "Đã kiểm điểm trước chi bộ");
	note_add(an_item, "Đã báo cáo khắc phục");
	int64_t i2 = item_add(p2, "Chậm triển khai nghị quyết");
	note_add(i2, "Đã xây dựng lộ trình");
	note_add(item_add(p2, "Chưa sâu sát cơ sở"), "Đã đi cơ sở 3 lần");
	for (int y = 2020; y <= 2024; y++)
		assert_int_equal(store_rating_set(S, an, y, 1 + y % 3, &err), CB_OK);
	training_add(an, 2023, "Trung cấp lý luận chính trị");
	training_add(an, 2024, "Bồi dưỡng cấp ủy viên");
	training_add(an, 2025, "Quốc phòng an ninh đối tượng 3");
	planning_add(an, "2025-2030");
	selfcheck_add(an, "2025-05");
	assert_int_equal(store_rating_set(S, bich, 2024, 2, &err), CB_OK);
	plan_add(bich, 0, 2024);
}

static int setup(void **state)
{
	sf_setup(state);
	world();
	return 0;
}

static int64_t rated_in(int year)
{
	stats_query q;
	stats_table t;
	stats_query_init(&q, NULL);
	q.dim[0] = DIM_RATING;
	q.dim[1] = DIM_NONE;
	q.year = year;
	assert_int_equal(stats_run(S, &q, &t, &err), CB_OK);
	return t.total - t.row_total[t.axis[0].n - 1]; /* less "not rated" */
}

static int64_t found(const char *text)
{
	search_query q = {0};
	int64_t n;
	q.text = text;
	filter_init(&q.filter);
	assert_int_equal(search_count(S, &q, &n, &err), CB_OK);
	return n;
}

static void test_effect_counts_every_dependent(void **state)
{
	trash_effect e;
	char q[1024];
	(void)state;
	assert_int_equal(trash_effect_of(S, "cadre", an, &e, &err), CB_OK);
	assert_string_equal(e.summary, "Nguyễn Văn An");
	assert_int_equal(e.rows, 1 + 2 + 3 + 4 + 5 + 3 + 1 + 1);
	assert_int_equal(e.nblockers, 0);
	i18n_init("vi");
	trash_effect_question(&e, NULL, q, sizeof q);
	assert_string_equal(q,
			    "Xóa Nguyễn Văn An cùng 2 kế hoạch, 3 nội dung khắc phục, 4 ghi chép,"
			    " 5 lượt xếp loại, 3 lượt bồi dưỡng, 1 lượt quy hoạch,"
			    " 1 lượt tự kiểm tra? Bản ghi được chuyển vào thùng rác và có thể"
			    " khôi phục.");
	i18n_init("en");
	trash_effect_text(&e, q, sizeof q);
	assert_string_equal(q, "2 plans, 3 remediation items, 4 progress notes, 5 ratings,"
			       " 3 trainings, 1 planning entry, 1 self-check");
	/* nothing was changed by counting */
	assert_int_equal(count("SELECT count(*) FROM trash"), 0);
	assert_int_equal(count("SELECT count(*) FROM cadre"), 2);
}

static void test_cadre_goes_whole_and_comes_back_byte_identical(void **state)
{
	char *before = dump(S), *after;
	int64_t tid, audits = count("SELECT count(*) FROM audit");
	trash_entry *list;
	size_t n;
	(void)state;

	assert_int_equal(rated_in(2024), 2);
	assert_int_equal(found("nguyen van an"), 1);
	assert_int_equal(store_cadre_delete(S, an, 1, &err), CB_OK);
	/* gone from every live table, the counts and the search at once */
	assert_int_equal(count("SELECT count(*) FROM cadre"), 1);
	assert_int_equal(count("SELECT count(*) FROM plan"), 1);
	assert_int_equal(count("SELECT count(*) FROM plan_item"), 0);
	assert_int_equal(count("SELECT count(*) FROM plan_note"), 0);
	assert_int_equal(count("SELECT count(*) FROM rating"), 1);
	assert_int_equal(count("SELECT count(*) FROM training"), 0);
	assert_int_equal(count("SELECT count(*) FROM planning"), 0);
	assert_int_equal(count("SELECT count(*) FROM selfcheck"), 0);
	assert_int_equal(rated_in(2024), 1);
	assert_int_equal(found("nguyen van an"), 0);
	assert_int_equal(found("an"), 0);
	/* all of it in one trash entry, each removal audited with old values */
	assert_int_equal(count("SELECT count(*) FROM trash_row"), 20);
	assert_int_equal(
		count("SELECT count(*) FROM audit WHERE action = 'delete' AND old IS NOT NULL"),
		20);
	assert_int_equal(count("SELECT count(*) FROM audit") - audits, 20);
	assert_int_equal(trash_list(S, &list, &n, &err), CB_OK);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].table, "cadre");
	assert_int_equal(list[0].row_id, an);
	assert_int_equal(list[0].rows, 20);
	assert_string_equal(list[0].summary, "Nguyễn Văn An");
	assert_non_null(strstr(list[0].contents, "5 ratings"));
	tid = list[0].id;
	free(list);

	assert_int_equal(fixture_places_wrong(S), 0);
	assert_int_equal(trash_restore(S, tid, &err), CB_OK);
	after = dump(S);
	assert_string_equal(after, before);
	assert_int_equal(fixture_places_wrong(S), 0);
	assert_int_equal(rated_in(2024), 2);
	assert_int_equal(found("nguyen van an"), 1);
	assert_int_equal(count("SELECT count(*) FROM trash"), 0);
	assert_int_equal(count("SELECT count(*) FROM trash_row"), 0);
	assert_int_equal(
		count("SELECT count(*) FROM audit WHERE action = 'restore' AND new IS NOT NULL"),
		20);
	free(before);
	free(after);
}

static void test_purge_removes_for_good(void **state)
{
	int64_t tid;
	(void)state;
	assert_int_equal(trash_delete(S, "cadre", an, 0, &tid, &err), CB_OK);
	assert_int_equal(trash_purge(S, tid, &err), CB_OK);
	assert_int_equal(count("SELECT count(*) FROM trash"), 0);
	assert_int_equal(count("SELECT count(*) FROM trash_row"), 0);
	assert_int_equal(count("SELECT count(*) FROM cadre"), 1);
	assert_int_equal(
		count("SELECT count(*) FROM audit WHERE action = 'purge' AND old IS NOT NULL"), 20);
	assert_int_equal(trash_restore(S, tid, &err), CB_NOT_FOUND);
	assert_int_equal(trash_purge(S, tid, &err), CB_NOT_FOUND);
	assert_int_equal(found("nguyen van an"), 0);
}

/* Each kind of record: it and what hangs from it leave, and come back. */
static void test_every_kind_goes_and_comes_back(void **state)
{
	int64_t org = org_add("Chi bộ Khu phố 1", 0);
	int64_t org_plan, tid;
	struct {
		const char *table;
		int64_t id;
		long rows;
	} cases[8];
	char *before;
	(void)state;

	assert_int_equal(store_org_rating_set(S, org, 2024, 1, &err), CB_OK);
	org_plan = plan_add(0, org, 2024);
	item_add(org_plan, "Sinh hoạt chi bộ chưa đều");
	before = dump(S);
	cases[0].table = "org", cases[0].id = org, cases[0].rows = 1 + 1 + 1 + 1;
	cases[1].table = "plan", cases[1].id = an_plan2024, cases[1].rows = 1 + 1 + 2;
	cases[2].table = "plan_item", cases[2].id = an_item, cases[2].rows = 1 + 2;
	cases[3].table = "plan_note", cases[3].id = count("SELECT min(id) FROM plan_note");
	cases[3].rows = 1;
	cases[4].table = "rating", cases[4].id = count("SELECT min(id) FROM rating");
	cases[4].rows = 1;
	cases[5].table = "training", cases[5].id = count("SELECT min(id) FROM training");
	cases[5].rows = 1;
	cases[6].table = "planning", cases[6].id = count("SELECT min(id) FROM planning");
	cases[6].rows = 1;
	cases[7].table = "selfcheck", cases[7].id = count("SELECT min(id) FROM selfcheck");
	cases[7].rows = 1;
	for (size_t i = 0; i < 8; i++) {
		char sql[128], *after;
		int64_t live;
		snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", cases[i].table);
		live = count(sql);
		int64_t deletes = count("SELECT count(*) FROM audit WHERE action = 'delete'");
		int64_t restores = count("SELECT count(*) FROM audit WHERE action = 'restore'");
		assert_int_equal(trash_delete(S, cases[i].table, cases[i].id, 0, &tid, &err),
				 CB_OK);
		assert_int_equal(count(sql), live - 1);
		snprintf(sql, sizeof sql, "SELECT count(*) FROM trash_row WHERE trash_id = %lld",
			 (long long)tid);
		assert_int_equal(count(sql), cases[i].rows);
		assert_int_equal(count("SELECT count(*) FROM audit WHERE action = 'delete'"),
				 deletes + cases[i].rows);
		assert_int_equal(trash_restore(S, tid, &err), CB_OK);
		assert_int_equal(count("SELECT count(*) FROM audit WHERE action = 'restore'"),
				 restores + cases[i].rows);
		after = dump(S);
		assert_string_equal(after, before);
		free(after);
	}
	free(before);
}

/* The deletes of the plans and of the cadre form go through the trash. */
static void test_plan_item_and_rating_deletes_go_to_the_trash(void **state)
{
	plan_item it;
	plan p;
	(void)state;
	assert_int_equal(plans_item_get(S, an_item, &it, &err), CB_OK);
	assert_int_equal(plans_item_delete(S, an_item, it.version, &err), CB_OK);
	assert_int_equal(count("SELECT count(*) FROM trash WHERE tbl = 'plan_item'"), 1);
	assert_int_equal(count("SELECT count(*) FROM trash_row"), 1 + 2);
	assert_int_equal(plans_get(S, an_plan2024, day(SF_TODAY), &p, &err), CB_OK);
	assert_int_equal(plans_delete(S, an_plan2024, p.version + 1, &err), CB_ESTALE);
	assert_int_equal(plans_delete(S, an_plan2024, p.version, &err), CB_OK);
	assert_int_equal(count("SELECT count(*) FROM trash WHERE tbl = 'plan'"), 1);
	assert_int_equal(store_rating_set(S, an, 2020, 0, &err), CB_OK);
	assert_int_equal(count("SELECT count(*) FROM trash WHERE tbl = 'rating'"), 1);
	assert_int_equal(count("SELECT count(*) FROM rating WHERE cadre_id = 1 AND year = 2020"),
			 0);
}

/* Whatever a row holds comes back as it was: quotes, backslashes, line
 * breaks and control characters in text, real numbers (infinity too),
 * NULLs and blobs. */
static void test_odd_values_come_back_exactly(void **state)
{
	char *before, *after;
	int64_t tid;
	(void)state;
	assert_int_equal(
		sqlite3_exec(store_db(S),
			     "UPDATE training SET course = 'Khóa \"A\" \\ 1' || char(10) || char(9)"
			     " || char(1) || '€ 😀', year = 2024.5 WHERE id = 1;"
			     "UPDATE training SET year = 9e999 WHERE id = 2;"
			     "UPDATE training SET year = -0.1 WHERE id = 3;",
			     NULL, NULL, NULL),
		SQLITE_OK);
	before = dump(S);
	assert_int_equal(trash_delete(S, "cadre", an, 0, &tid, &err), CB_OK);
	assert_int_equal(trash_restore(S, tid, &err), CB_OK);
	after = dump(S);
	assert_string_equal(after, before);
	assert_int_equal(count("SELECT typeof(year) = 'real' FROM training WHERE id = 1"), 1);
	free(before);
	free(after);
}

static void test_organisation_with_cadres_is_refused(void **state)
{
	int64_t org = org_add("Đảng ủy Phường 1", 0);
	char sql[128], *before;
	(void)state;
	org_add("Chi bộ Khu phố 2", org);
	snprintf(sql, sizeof sql, "UPDATE cadre SET org_id = %lld WHERE id = %lld", (long long)org,
		 (long long)bich);
	assert_int_equal(sqlite3_exec(store_db(S), sql, NULL, NULL, NULL), SQLITE_OK);
	before = dump(S);
	i18n_init("en");
	assert_int_equal(trash_delete(S, "org", org, 0, NULL, &err), CB_EINVALID);
	assert_non_null(strstr(err.msg, "1 cadre"));
	assert_non_null(strstr(err.msg, "1 organisation"));
	char *after = dump(S);
	assert_string_equal(after, before);
	assert_int_equal(count("SELECT count(*) FROM trash"), 0);
	free(before);
	free(after);
}

static void test_stale_version_is_refused(void **state)
{
	(void)state;
	assert_int_equal(trash_delete(S, "cadre", an, 7, NULL, &err), CB_ESTALE);
	assert_int_equal(trash_delete(S, "cadre", 999, 0, NULL, &err), CB_NOT_FOUND);
	assert_int_equal(trash_delete(S, "audit", 1, 0, NULL, &err), CB_EINVALID);
	assert_int_equal(count("SELECT count(*) FROM trash"), 0);
	assert_int_equal(count("SELECT count(*) FROM cadre"), 2);
}

static void test_restore_refuses_a_conflict_and_changes_nothing(void **state)
{
	int64_t tid, rid = count("SELECT id FROM rating WHERE cadre_id = 2 AND year = 2024");
	char *before;
	(void)state;
	assert_true(rid > 0);
	assert_int_equal(store_rating_set(S, bich, 2024, 0, &err), CB_OK); /* to the trash */
	tid = count("SELECT max(id) FROM trash");
	assert_int_equal(store_rating_set(S, bich, 2024, 4, &err), CB_OK);
	before = dump(S);
	assert_int_equal(trash_restore(S, tid, &err), CB_ESTALE);
	assert_non_null(strstr(err.msg, "Rating"));
	assert_non_null(strstr(err.msg, "cannot come back"));
	char *after = dump(S);
	assert_string_equal(after, before);
	assert_int_equal(count("SELECT count(*) FROM trash"), 1);
	free(before);
	free(after);
}

/* A plan deleted before its cadre waits for the cadre to come back. */
static void test_restore_waits_for_the_parent(void **state)
{
	char *before = dump(S), *after;
	int64_t t_plan, t_cadre;
	(void)state;
	assert_int_equal(trash_delete(S, "plan", an_plan2024, 0, &t_plan, &err), CB_OK);
	assert_int_equal(trash_delete(S, "cadre", an, 0, &t_cadre, &err), CB_OK);
	assert_int_equal(trash_restore(S, t_plan, &err), CB_ESTALE);
	assert_non_null(strstr(err.msg, "trash"));
	assert_int_equal(trash_restore(S, t_cadre, &err), CB_OK);
	assert_int_equal(trash_restore(S, t_plan, &err), CB_OK);
	after = dump(S);
	assert_string_equal(after, before);
	free(before);
	free(after);
}

/* A namesake took the deleted cadre's place in the name order: the
 * restored cadre is placed afresh, and the search index stays whole. */
static void test_restored_cadre_is_placed_afresh_when_its_rank_is_taken(void **state)
{
	int64_t tid, twin, old_rank = count("SELECT rank FROM cadre WHERE id = 1");
	char sql[512];
	(void)state;
	assert_int_equal(an, 1);
	assert_int_equal(trash_delete(S, "cadre", an, 0, &tid, &err), CB_OK);
	twin = sf_add(S, "Nguyễn Văn An", "1975-04-30", 1);
	/* the twin moves onto the rank the deleted cadre had (its index entry
	 * with it), as a renumbering could have done */
	snprintf(sql, sizeof sql,
		 "INSERT INTO cadre_fts(cadre_fts, rowid, name, place)"
		 " SELECT 'delete', rank, name_fold, 'u' || unit_id FROM cadre WHERE id = %1$lld;"
		 "UPDATE cadre SET rank = %2$lld WHERE id = %1$lld;"
		 "INSERT INTO cadre_fts(rowid, name, place)"
		 " SELECT rank, name_fold, 'u' || unit_id FROM cadre WHERE id = %1$lld;",
		 (long long)twin, (long long)old_rank);
	assert_int_equal(sqlite3_exec(store_db(S), sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(trash_restore(S, tid, &err), CB_OK);
	assert_true(twin > an);
	assert_int_equal(
		count("SELECT count(*) FROM cadre a JOIN cadre b"
		      " ON (a.sort_key, a.id) < (b.sort_key, b.id) WHERE a.rank >= b.rank"),
		0);
	assert_int_equal(found("nguyen van an"), 2);
	assert_int_equal(found(""), 3);
	assert_int_equal(fixture_places_wrong(S), 0);
}

static void test_purge_older_takes_only_old_entries(void **state)
{
	int64_t t1, t2;
	long purged;
	(void)state;
	assert_int_equal(
		trash_delete(S, "training", count("SELECT min(id) FROM training"), 0, &t1, &err),
		CB_OK);
	assert_int_equal(
		trash_delete(S, "planning", count("SELECT min(id) FROM planning"), 0, &t2, &err),
		CB_OK);
	char sql[128];
	snprintf(sql, sizeof sql,
		 "UPDATE trash SET at = datetime('now', '-40 days') WHERE id = %lld",
		 (long long)t1);
	assert_int_equal(sqlite3_exec(store_db(S), sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(trash_purge_older(S, 30, &purged, &err), CB_OK);
	assert_int_equal(purged, 1);
	assert_int_equal(count("SELECT count(*) FROM trash"), 1);
	assert_int_equal(count("SELECT id FROM trash"), t2);
	assert_int_equal(trash_purge_older(S, -1, &purged, &err), CB_EINVALID);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, sf_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_effect_counts_every_dependent),
		T(test_cadre_goes_whole_and_comes_back_byte_identical),
		T(test_purge_removes_for_good),
		T(test_every_kind_goes_and_comes_back),
		T(test_plan_item_and_rating_deletes_go_to_the_trash),
		T(test_odd_values_come_back_exactly),
		T(test_organisation_with_cadres_is_refused),
		T(test_stale_version_is_refused),
		T(test_restore_refuses_a_conflict_and_changes_nothing),
		T(test_restore_waits_for_the_parent),
		T(test_restored_cadre_is_placed_afresh_when_its_rank_is_taken),
		T(test_purge_older_takes_only_old_entries),
	};
	i18n_init("en");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
