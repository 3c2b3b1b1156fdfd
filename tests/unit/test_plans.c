/* test_plans.c - action plans: derived status at deadline boundaries,
 * versioned edits, verification, progress notes, carry-over, summaries. */
#include "store_fixture.h"

#include "plans.h"
#include "../../src/core/store_internal.h"

static store *db;
static cb_error err;

/* Long An before 2025: the province, Tân An city with Phường 1, Bến Lức
 * district with its township; three party organisations; four cadres, one
 * of them at province level. */
static const char world[] =
	"INSERT INTO unit(id, code, name, kind, tier, parent_id, lo, hi) VALUES"
	" (1, '80', 'Tỉnh Long An', 'tỉnh', 1, NULL, 1, 5),"
	" (2, '794', 'Thành phố Tân An', 'thành phố', 2, 1, 2, 3),"
	" (3, '27694', 'Phường 1', 'phường', 3, 2, 3, 3),"
	" (4, '803', 'Huyện Bến Lức', 'huyện', 2, 1, 4, 5),"
	" (5, '27991', 'Thị trấn Bến Lức', 'thị trấn', 3, 4, 5, 5);"
	"INSERT INTO org(id, name, kind, parent_id, unit_id) VALUES"
	" (1, 'Đảng bộ Thành phố Tân An', 3, NULL, 2),"
	" (2, 'Đảng ủy Phường 1', 6, 1, 3),"
	" (3, 'Đảng bộ huyện Bến Lức', 3, NULL, 4);"
	"INSERT INTO cadre(id, full_name, name_fold, sort_key, rank, birth_date, gender,"
	" ethnicity, unit_id, org_id, position, pos_rank, level, education, theory) VALUES"
	" (1, 'Nguyễn Văn An', 'nguyen van an', x'01', 1024, '1975-04-30', 1, 'Kinh', 2, 1,"
	"  'Bí thư Thành ủy', 1, 2, 4, 3),"
	" (2, 'Trần Thị Bích', 'tran thi bich', x'02', 2048, '1982-09-02', 2, 'Kinh', 3, 2,"
	"  'Chủ tịch UBND phường', 3, 3, 4, 2),"
	" (3, 'Lê Hoàng Dũng', 'le hoang dung', x'03', 3072, '1979-01-15', 1, 'Khmer', 5, 3,"
	"  'Phó Bí thư Đảng ủy thị trấn', 2, 3, 4, 2),"
	" (4, 'Phạm Minh Đức', 'pham minh duc', x'04', 4096, '1970-12-20', 1, 'Kinh', 1, NULL,"
	"  'Phó Trưởng ban Tổ chức Tỉnh ủy', 6, 1, 5, 4);";

static cb_date day(const char *iso)
{
	cb_date d;
	assert_true(date_parse_iso(iso, &d));
	return d;
}

#define TODAY day("2025-06-30")

static int setup(void **state)
{
	(void)state;
	db = sf_open_sql(world);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	sf_close(db);
	db = NULL;
	return 0;
}

static int64_t new_plan(int64_t cadre_id, int64_t org_id, int year, const char *adopted)
{
	plan p = {0};
	p.cadre_id = cadre_id;
	p.org_id = org_id;
	p.year = year;
	p.sources = 1 | 2;
	snprintf(p.adopted_on, sizeof p.adopted_on, "%s", adopted);
	assert_int_equal(plans_create(db, &p, TODAY, &err), CB_OK);
	return p.id;
}

static void fill_item(plan_item *it, int64_t plan_id, const char *text, const char *deadline,
		      int state)
{
	memset(it, 0, sizeof *it);
	it->plan_id = plan_id;
	it->source = 1;
	snprintf(it->shortcoming, sizeof it->shortcoming, "%s", text);
	snprintf(it->cause, sizeof it->cause, "Chưa thường xuyên kiểm tra, đôn đốc");
	it->responsibility = PLAN_COLLECTIVE;
	snprintf(it->responsible, sizeof it->responsible, "Ban Thường vụ");
	snprintf(it->measures, sizeof it->measures,
		 "Xây dựng quy chế, phân công rõ người phụ trách");
	snprintf(it->deadline, sizeof it->deadline, "%s", deadline);
	snprintf(it->in_charge, sizeof it->in_charge, "Đồng chí Phó Bí thư");
	it->state = state;
}

static int64_t new_item(int64_t plan_id, const char *text, const char *deadline, int state)
{
	plan_item it;
	fill_item(&it, plan_id, text, deadline, state);
	assert_int_equal(plans_item_add(db, &it, TODAY, &err), CB_OK);
	return it.id;
}

static int64_t count(const char *sql)
{
	sqlite3_stmt *st;
	int64_t n;
	assert_int_equal(sqlite3_prepare_v2(store_db(db), sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* ---- status at the deadline's boundaries ------------------------------- */

static plan_item item_due(const char *deadline, int state, const char *remedied_on)
{
	plan_item it;
	memset(&it, 0, sizeof it);
	snprintf(it.deadline, sizeof it.deadline, "%s", deadline);
	snprintf(it.remedied_on, sizeof it.remedied_on, "%s", remedied_on);
	it.state = state;
	return it;
}

static void test_status_day_before_deadline_is_not_overdue(void **state)
{
	(void)state;
	plan_item it = item_due("2025-06-30", PLAN_IN_PROGRESS, "");
	assert_int_equal(plans_item_status(&it, day("2025-06-29")), PLAN_ST_IN_PROGRESS);
}

static void test_status_on_deadline_day_is_not_yet_overdue(void **state)
{
	(void)state;
	plan_item it = item_due("2025-06-30", PLAN_NOT_STARTED, "");
	assert_int_equal(plans_item_status(&it, day("2025-06-30")), PLAN_ST_NOT_STARTED);
	assert_int_equal(plans_item_days_late(&it, day("2025-06-30")), 0);
}

static void test_status_day_after_deadline_is_overdue(void **state)
{
	(void)state;
	plan_item it = item_due("2025-06-30", PLAN_IN_PROGRESS, "");
	assert_int_equal(plans_item_status(&it, day("2025-07-01")), PLAN_ST_OVERDUE);
	assert_int_equal(plans_item_days_late(&it, day("2025-07-01")), 1);
}

static void test_status_remedied_after_deadline_is_not_overdue(void **state)
{
	(void)state;
	plan_item it = item_due("2025-06-30", PLAN_REMEDIED, "2025-08-15");
	assert_int_equal(plans_item_status(&it, day("2025-12-31")), PLAN_ST_REMEDIED);
}

static void test_status_without_deadline_is_never_overdue(void **state)
{
	(void)state;
	plan_item it = item_due("", PLAN_IN_PROGRESS, "");
	assert_int_equal(plans_item_status(&it, day("2099-01-01")), PLAN_ST_IN_PROGRESS);
}

/* The SQL counts of a plan agree with the C rule on each side of the
 * deadline. */
static void test_plan_overdue_count_follows_deadline_boundary(void **state)
{
	(void)state;
	int64_t pid = new_plan(1, 0, 2024, "2025-01-10");
	plan p;
	new_item(pid, "Chưa kịp thời nắm bắt tư tưởng đảng viên", "2025-06-30", PLAN_IN_PROGRESS);
	new_item(pid, "Sinh hoạt chi bộ chưa đều đặn", "2025-06-30", PLAN_REMEDIED);

	assert_int_equal(plans_get(db, pid, day("2025-06-29"), &p, &err), CB_OK);
	assert_int_equal(p.overdue, 0);
	assert_int_equal(plans_get(db, pid, day("2025-06-30"), &p, &err), CB_OK);
	assert_int_equal(p.overdue, 0);
	assert_int_equal(plans_get(db, pid, day("2025-07-01"), &p, &err), CB_OK);
	assert_int_equal(p.overdue, 1);
	assert_int_equal(p.items, 2);
	assert_int_equal(p.remedied, 1);
	assert_int_equal(p.unverified, 1);
	assert_string_equal(p.owner, "Nguyễn Văn An");
	assert_string_equal(p.district_code, "794");
}

/* ---- plans and items ---------------------------------------------------- */

static void test_second_plan_for_same_owner_and_year_is_refused(void **state)
{
	(void)state;
	plan p = {0};
	new_plan(2, 0, 2024, "");
	p.cadre_id = 2;
	p.year = 2024;
	p.sources = 1;
	assert_int_equal(plans_create(db, &p, TODAY, &err), CB_EINVALID);
	assert_non_null(strstr(err.msg, "Trần Thị Bích"));
	assert_int_equal(count("SELECT count(*) FROM plan"), 1);
}

static void test_plan_adopted_after_today_is_refused(void **state)
{
	(void)state;
	plan p = {0};
	p.org_id = 1;
	p.year = 2024;
	p.sources = 1;
	snprintf(p.adopted_on, sizeof p.adopted_on, "01/07/2025");
	assert_int_equal(plans_create(db, &p, TODAY, &err), CB_EINVALID);
	snprintf(p.adopted_on, sizeof p.adopted_on, "15/01/2025");
	assert_int_equal(plans_create(db, &p, TODAY, &err), CB_OK);
	assert_string_equal(p.adopted_on, "2025-01-15");
}

static void test_plan_for_missing_cadre_is_refused(void **state)
{
	(void)state;
	plan p = {0};
	p.cadre_id = 99;
	p.year = 2024;
	p.sources = 1;
	assert_int_equal(plans_create(db, &p, TODAY, &err), CB_NOT_FOUND);
	assert_int_equal(count("SELECT count(*) FROM plan"), 0);
}

static void test_item_without_shortcoming_is_refused(void **state)
{
	(void)state;
	int64_t pid = new_plan(1, 0, 2024, "");
	plan_item it;
	fill_item(&it, pid, "   ", "2025-06-30", PLAN_NOT_STARTED);
	assert_int_equal(plans_item_add(db, &it, TODAY, &err), CB_EINVALID);
	assert_int_equal(count("SELECT count(*) FROM plan_item"), 0);
}

static void test_individual_responsibility_needs_a_name(void **state)
{
	(void)state;
	int64_t pid = new_plan(1, 0, 2024, "");
	plan_item it;
	fill_item(&it, pid, "Chưa gương mẫu trong sinh hoạt", "2025-06-30", PLAN_NOT_STARTED);
	it.responsibility = PLAN_INDIVIDUAL;
	it.responsible[0] = '\0';
	assert_int_equal(plans_item_add(db, &it, TODAY, &err), CB_EINVALID);
	snprintf(it.responsible, sizeof it.responsible, "Nguyễn Văn An");
	assert_int_equal(plans_item_add(db, &it, TODAY, &err), CB_OK);
}

static void test_overlong_field_is_refused_not_cut(void **state)
{
	(void)state;
	char big[PLAN_TEXT_MAX + 10];
	char field[PLAN_TEXT_MAX];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_int_equal(plans_copy_field(field, sizeof field, big, "Biện pháp", &err),
			 CB_EINVALID);
	assert_non_null(strstr(err.msg, "Biện pháp"));
}

static void test_bad_deadline_is_refused(void **state)
{
	(void)state;
	int64_t pid = new_plan(1, 0, 2024, "");
	plan_item it;
	fill_item(&it, pid, "Chưa kịp thời báo cáo", "31/02/2025", PLAN_NOT_STARTED);
	assert_int_equal(plans_item_add(db, &it, TODAY, &err), CB_EINVALID);
	fill_item(&it, pid, "Chưa kịp thời báo cáo", "30/09/2025", PLAN_NOT_STARTED);
	assert_int_equal(plans_item_add(db, &it, TODAY, &err), CB_OK);
	assert_string_equal(it.deadline, "2025-09-30");
}

static void test_stale_item_edit_is_refused_and_changes_nothing(void **state)
{
	(void)state;
	int64_t pid = new_plan(1, 0, 2024, "");
	int64_t id =
		new_item(pid, "Công tác kiểm tra còn hình thức", "2025-09-30", PLAN_NOT_STARTED);
	plan_item mine, theirs, now;

	assert_int_equal(plans_item_get(db, id, &mine, &err), CB_OK);
	assert_int_equal(plans_item_get(db, id, &theirs, &err), CB_OK);
	theirs.state = PLAN_IN_PROGRESS;
	assert_int_equal(plans_item_update(db, &theirs, TODAY, &err), CB_OK);

	snprintf(mine.measures, sizeof mine.measures, "Đổi mới phương pháp kiểm tra");
	assert_int_equal(plans_item_update(db, &mine, TODAY, &err), CB_ESTALE);
	assert_int_equal(plans_item_get(db, id, &now, &err), CB_OK);
	assert_int_equal(now.state, PLAN_IN_PROGRESS);
	assert_string_equal(now.measures, "Xây dựng quy chế, phân công rõ người phụ trách");
	assert_int_equal(now.version, 2);
}

static void test_stale_plan_edit_is_refused(void **state)
{
	(void)state;
	int64_t pid = new_plan(0, 2, 2024, "");
	plan a, b;
	assert_int_equal(plans_get(db, pid, TODAY, &a, &err), CB_OK);
	assert_int_equal(plans_get(db, pid, TODAY, &b, &err), CB_OK);
	snprintf(a.adopted_on, sizeof a.adopted_on, "2025-01-20");
	assert_int_equal(plans_update(db, &a, TODAY, &err), CB_OK);
	b.sources = 4;
	assert_int_equal(plans_update(db, &b, TODAY, &err), CB_ESTALE);
	assert_int_equal(plans_get(db, pid, TODAY, &b, &err), CB_OK);
	assert_int_equal(b.sources, 3);
	assert_string_equal(b.adopted_on, "2025-01-20");
}

static void test_edit_of_deleted_item_says_it_is_gone(void **state)
{
	(void)state;
	int64_t pid = new_plan(1, 0, 2024, "");
	int64_t id = new_item(pid, "Chậm triển khai nghị quyết", "2025-09-30", PLAN_NOT_STARTED);
	plan_item it;
	assert_int_equal(plans_item_get(db, id, &it, &err), CB_OK);
	assert_int_equal(plans_item_delete(db, id, it.version, &err), CB_OK);
	assert_int_equal(plans_item_update(db, &it, TODAY, &err), CB_NOT_FOUND);
}

static void test_remedied_item_gets_today_as_remedied_date(void **state)
{
	(void)state;
	int64_t pid = new_plan(1, 0, 2024, "");
	int64_t id =
		new_item(pid, "Chưa công khai kết quả khắc phục", "2025-09-30", PLAN_IN_PROGRESS);
	plan_item it;
	assert_int_equal(plans_item_get(db, id, &it, &err), CB_OK);
	it.state = PLAN_REMEDIED;
	assert_int_equal(plans_item_update(db, &it, TODAY, &err), CB_OK);
	assert_string_equal(it.remedied_on, "2025-06-30");
}

static void test_remedied_date_after_today_is_refused(void **state)
{
	(void)state;
	int64_t pid = new_plan(1, 0, 2024, "");
	plan_item it;
	fill_item(&it, pid, "Chưa công khai kết quả khắc phục", "2025-09-30", PLAN_REMEDIED);
	snprintf(it.remedied_on, sizeof it.remedied_on, "2025-07-01");
	assert_int_equal(plans_item_add(db, &it, TODAY, &err), CB_EINVALID);
}

/* ---- verification ------------------------------------------------------- */

static void test_verification_is_recorded_and_audited(void **state)
{
	(void)state;
	int64_t pid = new_plan(1, 0, 2024, "");
	int64_t id =
		new_item(pid, "Chưa kiểm tra việc thực hiện quy chế", "2025-06-30", PLAN_REMEDIED);
	plan_item it;
	char sql[200];

	assert_int_equal(plans_item_get(db, id, &it, &err), CB_OK);
	assert_int_equal(plans_item_verify(db, NULL, NULL, &it, "Đã khắc phục, đạt yêu cầu",
					   day("2025-07-05"), &err),
			 CB_OK);
	assert_string_equal(it.verified_by, store_user(db));
	assert_string_equal(it.verified_on, "2025-07-05");
	assert_string_equal(it.verdict, "Đã khắc phục, đạt yêu cầu");
	snprintf(sql, sizeof sql,
		 "SELECT count(*) FROM audit WHERE tbl = 'plan_item' AND row_id = %lld"
		 " AND action = 'update' AND new LIKE '%%Đã khắc phục, đạt yêu cầu%%'",
		 (long long)id);
	assert_int_equal(count(sql), 1);
}

static void test_verification_of_unremedied_item_is_refused(void **state)
{
	(void)state;
	int64_t pid = new_plan(1, 0, 2024, "");
	int64_t id = new_item(pid, "Chưa kiểm tra việc thực hiện quy chế", "2025-06-30",
			      PLAN_IN_PROGRESS);
	plan_item it;
	assert_int_equal(plans_item_get(db, id, &it, &err), CB_OK);
	assert_int_equal(plans_item_verify(db, NULL, NULL, &it, "Đạt", TODAY, &err), CB_EINVALID);
	assert_int_equal(plans_item_get(db, id, &it, &err), CB_OK);
	assert_string_equal(it.verified_by, "");
}

static void test_verification_without_the_right_is_refused(void **state)
{
	(void)state;
	int64_t pid = new_plan(1, 0, 2024, "");
	int64_t id =
		new_item(pid, "Chưa kiểm tra việc thực hiện quy chế", "2025-06-30", PLAN_REMEDIED);
	cfg *c = calloc(1, sizeof *c);
	char *names[] = {"ubkt-tinh-uy-khong-co-that"};
	plan_item it;

	assert_non_null(c);
	c->verifiers.names = names;
	c->verifiers.count = 1;
	assert_int_equal(plans_item_get(db, id, &it, &err), CB_OK);
	assert_false(plans_may_verify(c, NULL, store_user(db)));
	assert_int_equal(plans_item_verify(db, c, NULL, &it, "Đạt", TODAY, &err), CB_EACCESS);
	assert_int_equal(plans_item_get(db, id, &it, &err), CB_OK);
	assert_string_equal(it.verified_on, "");
	free(c);
}

static void test_reopening_remedied_item_clears_verification(void **state)
{
	(void)state;
	int64_t pid = new_plan(1, 0, 2024, "");
	int64_t id =
		new_item(pid, "Chưa kiểm tra việc thực hiện quy chế", "2025-06-30", PLAN_REMEDIED);
	plan_item it;
	assert_int_equal(plans_item_get(db, id, &it, &err), CB_OK);
	assert_int_equal(plans_item_verify(db, NULL, NULL, &it, "Đạt", TODAY, &err), CB_OK);
	it.state = PLAN_IN_PROGRESS;
	assert_int_equal(plans_item_update(db, &it, TODAY, &err), CB_OK);
	assert_string_equal(it.verified_by, "");
	assert_string_equal(it.verdict, "");
	assert_string_equal(it.remedied_on, "");
}

/* ---- notes -------------------------------------------------------------- */

static void test_note_is_dated_and_signed_by_the_user(void **state)
{
	(void)state;
	int64_t pid = new_plan(1, 0, 2024, "");
	int64_t id =
		new_item(pid, "Chưa kịp thời nắm bắt tư tưởng", "2025-09-30", PLAN_IN_PROGRESS);
	plan_note *notes;
	size_t n;
	plan_item it;

	assert_int_equal(plans_note_add(db, id, "Đã tổ chức đối thoại với đảng viên",
					day("2025-05-12"), NULL, &err),
			 CB_OK);
	assert_int_equal(plans_notes(db, id, false, &notes, &n, &err), CB_OK);
	assert_int_equal(n, 1);
	assert_string_equal(notes[0].noted_on, "2025-05-12");
	assert_string_equal(notes[0].author, store_user(db));
	assert_string_equal(notes[0].text, "Đã tổ chức đối thoại với đảng viên");
	free(notes);
	assert_int_equal(plans_item_get(db, id, &it, &err), CB_OK);
	assert_int_equal(it.notes, 1);
	assert_int_equal(count("SELECT count(*) FROM audit WHERE tbl = 'plan_note'"), 1);
}

static void test_empty_note_is_refused(void **state)
{
	(void)state;
	int64_t pid = new_plan(1, 0, 2024, "");
	int64_t id =
		new_item(pid, "Chưa kịp thời nắm bắt tư tưởng", "2025-09-30", PLAN_IN_PROGRESS);
	assert_int_equal(plans_note_add(db, id, "  ", TODAY, NULL, &err), CB_EINVALID);
	assert_int_equal(count("SELECT count(*) FROM plan_note"), 0);
}

/* ---- carry-over --------------------------------------------------------- */

static void test_carry_over_creates_next_plan_with_unremedied_items_only(void **state)
{
	(void)state;
	int64_t pid = new_plan(1, 0, 2024, "2025-01-10");
	int64_t open1 =
		new_item(pid, "Chưa kịp thời nắm bắt tư tưởng", "2025-06-30", PLAN_IN_PROGRESS);
	int64_t open2 =
		new_item(pid, "Công tác kiểm tra còn hình thức", "2025-03-31", PLAN_NOT_STARTED);
	new_item(pid, "Sinh hoạt chi bộ chưa đều đặn", "2025-03-31", PLAN_REMEDIED);
	plans_query q;
	plan next;
	plan_item *items;
	size_t n, copied, created;

	plans_query_init(&q, day("2026-01-05"));
	assert_int_equal(plans_carry_over(db, &q, 2024, NULL, &copied, &created, &err), CB_OK);
	assert_int_equal(copied, 2);
	assert_int_equal(created, 1);
	assert_int_equal(plans_find(db, 1, 0, 2025, q.ref, &next, &err), CB_OK);
	assert_string_equal(next.adopted_on, "");
	assert_int_equal(next.sources, 3);
	assert_int_equal(plans_items(db, next.id, &items, &n, &err), CB_OK);
	assert_int_equal(n, 2);
	assert_int_equal(items[0].carried_from, open1);
	assert_int_equal(items[1].carried_from, open2);
	assert_string_equal(items[1].shortcoming, "Công tác kiểm tra còn hình thức");
	assert_string_equal(items[1].deadline, "2025-03-31");
	free(items);
}

static void test_carrying_twice_does_not_duplicate(void **state)
{
	(void)state;
	int64_t pid = new_plan(0, 1, 2024, "2025-01-10");
	new_item(pid, "Chưa kịp thời nắm bắt tư tưởng", "2025-06-30", PLAN_IN_PROGRESS);
	plans_query q;
	size_t copied, created;

	plans_query_init(&q, day("2026-01-05"));
	assert_int_equal(plans_carry_over(db, &q, 2024, NULL, &copied, &created, &err), CB_OK);
	assert_int_equal(plans_carry_over(db, &q, 2024, NULL, &copied, &created, &err), CB_OK);
	assert_int_equal(copied, 0);
	assert_int_equal(created, 0);
	assert_int_equal(count("SELECT count(*) FROM plan WHERE year = 2025"), 1);
	assert_int_equal(count("SELECT count(*) FROM plan_item"), 2);
}

static void test_carried_item_keeps_the_notes_of_its_original(void **state)
{
	(void)state;
	int64_t pid = new_plan(1, 0, 2024, "2025-01-10");
	int64_t orig =
		new_item(pid, "Chưa kịp thời nắm bắt tư tưởng", "2025-06-30", PLAN_IN_PROGRESS);
	plans_query q;
	plan next;
	plan_item *items;
	plan_note *notes;
	size_t n, nn;

	assert_int_equal(
		plans_note_add(db, orig, "Đã họp chi bộ chuyên đề", day("2025-04-02"), NULL, &err),
		CB_OK);
	plans_query_init(&q, day("2026-01-05"));
	assert_int_equal(plans_carry_over(db, &q, 2024, "30/06/2026", NULL, NULL, &err), CB_OK);
	assert_int_equal(plans_find(db, 1, 0, 2025, q.ref, &next, &err), CB_OK);
	assert_int_equal(plans_items(db, next.id, &items, &n, &err), CB_OK);
	assert_int_equal(n, 1);
	assert_string_equal(items[0].deadline, "2026-06-30");
	assert_int_equal(plans_note_add(db, items[0].id, "Tiếp tục đối thoại", day("2026-02-01"),
					NULL, &err),
			 CB_OK);
	assert_int_equal(plans_notes(db, items[0].id, true, &notes, &nn, &err), CB_OK);
	assert_int_equal(nn, 2);
	assert_string_equal(notes[0].text, "Đã họp chi bộ chuyên đề");
	assert_int_equal(notes[0].year, 2024);
	assert_string_equal(notes[1].text, "Tiếp tục đối thoại");
	free(notes);
	assert_int_equal(plans_notes(db, items[0].id, false, &notes, &nn, &err), CB_OK);
	assert_int_equal(nn, 1);
	free(notes);
	free(items);
}

static void test_carried_original_is_not_counted_overdue(void **state)
{
	(void)state;
	int64_t pid = new_plan(1, 0, 2024, "2025-01-10");
	int64_t id =
		new_item(pid, "Chưa kịp thời nắm bắt tư tưởng", "2025-06-30", PLAN_IN_PROGRESS);
	plans_query q;
	plan p;
	plan_item it;

	plans_query_init(&q, day("2026-01-05"));
	assert_int_equal(plans_get(db, pid, q.ref, &p, &err), CB_OK);
	assert_int_equal(p.overdue, 1);
	assert_int_equal(plans_carry_over(db, &q, 2024, NULL, NULL, NULL, &err), CB_OK);
	assert_int_equal(plans_get(db, pid, q.ref, &p, &err), CB_OK);
	assert_int_equal(p.overdue, 0);
	assert_int_equal(p.carried, 1);
	assert_int_equal(plans_item_get(db, id, &it, &err), CB_OK);
	assert_int_equal(plans_item_status(&it, q.ref), PLAN_ST_CARRIED);
}

static void test_carry_over_uses_an_existing_next_plan(void **state)
{
	(void)state;
	int64_t old_plan = new_plan(0, 3, 2024, "2025-01-10");
	new_item(old_plan, "Chưa sâu sát cơ sở", "2025-06-30", PLAN_NOT_STARTED);
	plans_query q;
	size_t created;

	plans_query_init(&q, day("2026-01-05"));
	q.ref = day("2025-06-30");
	int64_t next_plan = new_plan(0, 3, 2025, "");
	assert_int_equal(plans_carry_over(db, &q, 2024, NULL, NULL, &created, &err), CB_OK);
	assert_int_equal(created, 0);
	assert_int_equal(count("SELECT count(*) FROM plan_item WHERE carried_from IS NOT NULL"), 1);
	char sql[100];
	snprintf(sql, sizeof sql, "SELECT plan_id FROM plan_item WHERE carried_from IS NOT NULL");
	assert_int_equal(count(sql), next_plan);
}

static void test_carry_over_stays_in_scope(void **state)
{
	(void)state;
	int64_t a = new_plan(1, 0, 2024, "2025-01-10"); /* Tân An */
	int64_t b = new_plan(3, 0, 2024, "2025-01-10"); /* Bến Lức */
	new_item(a, "Chưa sâu sát cơ sở", "2025-06-30", PLAN_NOT_STARTED);
	new_item(b, "Chưa sâu sát cơ sở", "2025-06-30", PLAN_NOT_STARTED);
	plans_query q;
	size_t copied;

	plans_query_init(&q, day("2026-01-05"));
	assert_int_equal(plans_query_unit(db, &q, "803", &err), CB_OK);
	assert_int_equal(plans_carry_over(db, &q, 2024, NULL, &copied, NULL, &err), CB_OK);
	assert_int_equal(copied, 1);
	assert_int_equal(count("SELECT count(*) FROM plan WHERE year = 2025 AND cadre_id = 3"), 1);
	assert_int_equal(count("SELECT count(*) FROM plan WHERE year = 2025 AND cadre_id = 1"), 0);
}

static void test_plan_with_carried_items_cannot_be_deleted(void **state)
{
	(void)state;
	int64_t pid = new_plan(1, 0, 2024, "2025-01-10");
	new_item(pid, "Chưa sâu sát cơ sở", "2025-06-30", PLAN_NOT_STARTED);
	plans_query q;
	plan p;

	plans_query_init(&q, day("2026-01-05"));
	assert_int_equal(plans_carry_over(db, &q, 2024, NULL, NULL, NULL, &err), CB_OK);
	assert_int_equal(plans_get(db, pid, q.ref, &p, &err), CB_OK);
	assert_int_equal(plans_delete(db, pid, p.version, &err), CB_EINVALID);
	assert_int_equal(count("SELECT count(*) FROM plan_item"), 2);
}

/* The count asked for before a carry-over is exactly what it then does,
 * and counting writes nothing (not even the audit). */
static void test_carry_count_predicts_the_carry_over_and_changes_nothing(void **state)
{
	(void)state;
	int64_t a = new_plan(1, 0, 2024, "2025-01-10"); /* Tân An: next plan missing */
	int64_t b = new_plan(3, 0, 2024, "2025-01-10"); /* Bến Lức: next plan exists */
	int64_t o = new_plan(0, 2, 2024, "2025-01-10"); /* Phường 1 organisation */
	new_plan(3, 0, 2025, "");
	new_item(a, "Chưa sâu sát cơ sở", "2025-06-30", PLAN_NOT_STARTED);
	new_item(a, "Công tác kiểm tra còn hình thức", "2025-06-30", PLAN_IN_PROGRESS);
	new_item(a, "Sinh hoạt chi bộ chưa đều đặn", "2025-03-31", PLAN_REMEDIED);
	new_item(b, "Chậm ban hành quy chế", "2025-06-30", PLAN_NOT_STARTED);
	new_item(o, "Chưa phát huy vai trò nêu gương", "2025-06-30", PLAN_NOT_STARTED);
	plans_query q;
	plans_carry_counts c;
	size_t copied, created;
	int64_t plans_before = count("SELECT count(*) FROM plan");
	int64_t items_before = count("SELECT count(*) FROM plan_item");
	int64_t audit_before = count("SELECT count(*) FROM audit");

	plans_query_init(&q, day("2026-01-05"));
	assert_int_equal(plans_carry_count(db, &q, 2024, &c, &err), CB_OK);
	assert_int_equal(c.items, 4);
	assert_int_equal(c.plans, 3);
	assert_int_equal(c.new_plans, 2);
	assert_int_equal(count("SELECT count(*) FROM plan"), plans_before);
	assert_int_equal(count("SELECT count(*) FROM plan_item"), items_before);
	assert_int_equal(count("SELECT count(*) FROM audit"), audit_before);

	/* within one district only */
	plans_query d = q;
	assert_int_equal(plans_query_unit(db, &d, "803", &err), CB_OK);
	assert_int_equal(plans_carry_count(db, &d, 2024, &c, &err), CB_OK);
	assert_int_equal(c.items, 1);
	assert_int_equal(c.plans, 1);
	assert_int_equal(c.new_plans, 0);

	assert_int_equal(plans_carry_count(db, &q, 2024, &c, &err), CB_OK);
	assert_int_equal(plans_carry_over(db, &q, 2024, NULL, &copied, &created, &err), CB_OK);
	assert_int_equal((int64_t)copied, c.items);
	assert_int_equal((int64_t)created, c.new_plans);
	/* nothing left to carry */
	assert_int_equal(plans_carry_count(db, &q, 2024, &c, &err), CB_OK);
	assert_int_equal(c.items, 0);
	assert_int_equal(plans_carry_count(db, &q, 1900, &c, &err), CB_EINVALID);
}

/* ---- summaries ---------------------------------------------------------- */

static const plans_summary *row_named(const plans_summary *rows, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i].code, code) == 0)
			return &rows[i];
	fail_msg("no summary row %s", code);
	return NULL;
}

static void test_summary_by_district_counts_expected_and_adopted(void **state)
{
	(void)state;
	plans_query q;
	plans_summary *rows, total;
	const plans_summary *r;
	size_t n;

	new_plan(1, 0, 2024, "2025-01-10");		 /* Tân An cadre, adopted */
	new_plan(0, 2, 2024, "");			 /* Phường 1 organisation, draft */
	int64_t bl = new_plan(3, 0, 2024, "2025-01-12"); /* Bến Lức cadre */
	new_item(bl, "Chưa sâu sát cơ sở", "2025-03-31", PLAN_IN_PROGRESS);
	new_item(bl, "Chậm ban hành quy chế", "2025-03-31", PLAN_REMEDIED);
	new_plan(1, 0, 2023, "2024-01-10"); /* another year: not counted */

	plans_query_init(&q, TODAY);
	q.year = 2024;
	assert_int_equal(plans_summarize(db, &q, PLANS_BY_DISTRICT, &rows, &n, &err), CB_OK);
	assert_int_equal(n, 3);
	assert_string_equal(rows[0].code, "80");
	r = row_named(rows, n, "80");
	assert_int_equal(r->expected, 1); /* the province-level cadre */
	assert_int_equal(r->plans, 0);
	r = row_named(rows, n, "794");
	assert_int_equal(r->expected, 4); /* 2 organisations + 2 cadres */
	assert_int_equal(r->plans, 2);
	assert_int_equal(r->adopted, 1);
	r = row_named(rows, n, "803");
	assert_int_equal(r->expected, 2);
	assert_int_equal(r->adopted, 1);
	assert_int_equal(r->items, 2);
	assert_int_equal(r->remedied, 1);
	assert_int_equal(r->overdue, 1);
	assert_int_equal(r->unverified, 1);
	plans_summary_total(rows, n, &total);
	assert_int_equal(total.expected, 7);
	assert_int_equal(total.adopted, 2);
	free(rows);
}

static void test_summary_by_organisation_includes_its_cadres(void **state)
{
	(void)state;
	plans_query q;
	plans_summary *rows;
	size_t n;

	new_plan(0, 1, 2024, "2025-01-10"); /* the city's party committee */
	new_plan(1, 0, 2024, "2025-01-11"); /* its secretary */
	plans_query_init(&q, TODAY);
	q.year = 2024;
	assert_int_equal(plans_summarize(db, &q, PLANS_BY_ORG, &rows, &n, &err), CB_OK);
	assert_int_equal(n, 3);
	assert_int_equal(rows[0].id, 1);
	assert_string_equal(rows[0].name, "Đảng bộ Thành phố Tân An");
	assert_int_equal(rows[0].expected, 2);
	assert_int_equal(rows[0].adopted, 2);
	assert_int_equal(rows[1].id, 2);
	assert_int_equal(rows[1].expected, 2);
	assert_int_equal(rows[1].adopted, 0);
	free(rows);
}

static void test_summary_changes_when_item_is_remedied_and_verified(void **state)
{
	(void)state;
	int64_t pid = new_plan(3, 0, 2024, "2025-01-12");
	int64_t id = new_item(pid, "Chưa sâu sát cơ sở", "2025-03-31", PLAN_IN_PROGRESS);
	plans_query q;
	plans_summary *rows;
	plan_item it;
	size_t n;

	plans_query_init(&q, TODAY);
	q.year = 2024;
	assert_int_equal(plans_query_unit(db, &q, "803", &err), CB_OK);
	assert_int_equal(plans_summarize(db, &q, PLANS_BY_DISTRICT, &rows, &n, &err), CB_OK);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].overdue, 1);
	assert_int_equal(rows[0].remedied, 0);
	assert_int_equal(rows[0].held_back, 1); /* not eligible for "xuất sắc" */
	free(rows);

	assert_int_equal(plans_item_get(db, id, &it, &err), CB_OK);
	it.state = PLAN_REMEDIED;
	assert_int_equal(plans_item_update(db, &it, TODAY, &err), CB_OK);
	assert_int_equal(plans_summarize(db, &q, PLANS_BY_DISTRICT, &rows, &n, &err), CB_OK);
	assert_int_equal(rows[0].overdue, 0);
	assert_int_equal(rows[0].remedied, 1);
	assert_int_equal(rows[0].unverified, 1);
	assert_int_equal(rows[0].held_back, 1); /* remedied is not enough */
	free(rows);

	assert_int_equal(plans_item_verify(db, NULL, NULL, &it, "Đạt yêu cầu", TODAY, &err), CB_OK);
	assert_int_equal(plans_summarize(db, &q, PLANS_BY_DISTRICT, &rows, &n, &err), CB_OK);
	assert_int_equal(rows[0].unverified, 0);
	assert_int_equal(rows[0].held_back, 0); /* remedied and verified: eligible again */
	free(rows);
}

/* ---- listings ----------------------------------------------------------- */

static int count_plan(const plan *p, void *ctx)
{
	(void)p;
	(*(int *)ctx)++;
	return 0;
}

static int count_overdue(const plan_overdue *o, void *ctx)
{
	assert_true(o->days_late > 0);
	(*(int *)ctx)++;
	return 0;
}

static void test_listing_by_district_and_overdue(void **state)
{
	(void)state;
	int64_t a = new_plan(1, 0, 2024, "2025-01-10");
	int64_t b = new_plan(3, 0, 2024, "2025-01-10");
	new_item(a, "Chưa sâu sát cơ sở", "2025-06-30", PLAN_NOT_STARTED);
	new_item(b, "Chưa sâu sát cơ sở", "2025-05-31", PLAN_NOT_STARTED);
	plans_query q;
	plan *list;
	size_t n;
	int k = 0;

	plans_query_init(&q, day("2025-06-30"));
	assert_int_equal(plans_list(db, &q, &list, &n, &err), CB_OK);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].district_code, "794");
	free(list);
	q.overdue_only = true;
	assert_int_equal(plans_each(db, &q, count_plan, &k, &err), CB_OK);
	assert_int_equal(k, 1);
	k = 0;
	assert_int_equal(plans_each_overdue(db, &q, count_overdue, &k, &err), CB_OK);
	assert_int_equal(k, 1);
	assert_int_equal(plans_query_unit(db, &q, "794", &err), CB_OK);
	k = 0;
	assert_int_equal(plans_each_overdue(db, &q, count_overdue, &k, &err), CB_OK);
	assert_int_equal(k, 0);
	assert_int_equal(plans_query_unit(db, &q, "99999", &err), CB_NOT_FOUND);
}

static void test_listing_of_an_organisation_includes_its_cadres(void **state)
{
	(void)state;
	new_plan(0, 1, 2024, "2025-01-10"); /* the city's party committee */
	new_plan(1, 0, 2024, "2025-01-11"); /* its secretary */
	new_plan(2, 0, 2024, "2025-01-11"); /* a cadre of Phường 1 */
	plans_query q;
	int k = 0;

	plans_query_init(&q, TODAY);
	q.org_members = 1;
	assert_int_equal(plans_each(db, &q, count_plan, &k, &err), CB_OK);
	assert_int_equal(k, 2);
}

static void test_sources_round_trip_through_names(void **state)
{
	(void)state;
	int bits;
	char buf[64];
	assert_true(plans_sources_parse("self,suggested", &bits));
	assert_int_equal(bits, 5);
	plans_sources_format(bits, false, buf, sizeof buf);
	assert_string_equal(buf, "self,suggested");
	assert_false(plans_sources_parse("boss", &bits));
	assert_false(plans_sources_parse("", &bits));
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_status_day_before_deadline_is_not_overdue),
		T(test_status_on_deadline_day_is_not_yet_overdue),
		T(test_status_day_after_deadline_is_overdue),
		T(test_status_remedied_after_deadline_is_not_overdue),
		T(test_status_without_deadline_is_never_overdue),
		T(test_plan_overdue_count_follows_deadline_boundary),
		T(test_second_plan_for_same_owner_and_year_is_refused),
		T(test_plan_adopted_after_today_is_refused),
		T(test_plan_for_missing_cadre_is_refused),
		T(test_item_without_shortcoming_is_refused),
		T(test_individual_responsibility_needs_a_name),
		T(test_overlong_field_is_refused_not_cut),
		T(test_bad_deadline_is_refused),
		T(test_stale_item_edit_is_refused_and_changes_nothing),
		T(test_stale_plan_edit_is_refused),
		T(test_edit_of_deleted_item_says_it_is_gone),
		T(test_remedied_item_gets_today_as_remedied_date),
		T(test_remedied_date_after_today_is_refused),
		T(test_verification_is_recorded_and_audited),
		T(test_verification_of_unremedied_item_is_refused),
		T(test_verification_without_the_right_is_refused),
		T(test_reopening_remedied_item_clears_verification),
		T(test_note_is_dated_and_signed_by_the_user),
		T(test_empty_note_is_refused),
		T(test_carry_over_creates_next_plan_with_unremedied_items_only),
		T(test_carrying_twice_does_not_duplicate),
		T(test_carried_item_keeps_the_notes_of_its_original),
		T(test_carried_original_is_not_counted_overdue),
		T(test_carry_over_uses_an_existing_next_plan),
		T(test_carry_over_stays_in_scope),
		T(test_carry_count_predicts_the_carry_over_and_changes_nothing),
		T(test_plan_with_carried_items_cannot_be_deleted),
		T(test_summary_by_district_counts_expected_and_adopted),
		T(test_summary_by_organisation_includes_its_cadres),
		T(test_summary_changes_when_item_is_remedied_and_verified),
		T(test_listing_by_district_and_overdue),
		T(test_listing_of_an_organisation_includes_its_cadres),
		T(test_sources_round_trip_through_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
