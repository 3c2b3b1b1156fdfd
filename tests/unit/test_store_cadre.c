/* test_store_cadre.c - the cadre record: validation, round trips,
 * optimistic locking, audit trail, satellites, organisations, drafts,
 * bulk load. */
#include "store_fixture.h"

#include <pwd.h>

#include "store_sql.h"

static int64_t cadres(void)
{
	return sf_count(S, "SELECT count(*) FROM cadre");
}

static int64_t audits(void)
{
	return sf_count(S, "SELECT count(*) FROM audit");
}

/* ---- round trips ---------------------------------------------------- */

static void test_insert_then_get_returns_every_field(void **state)
{
	cadre cd, back;
	cb_error err;
	(void)state;
	sf_cadre(S, &cd, "Nguyễn Thị Ánh Tuyết", "1978-09-02", 2);
	snprintf(cd.party_joined, sizeof cd.party_joined, "2001-05-19");
	snprintf(cd.notes, sizeof cd.notes, "Đã qua lớp bồi dưỡng\nkiến thức quốc phòng");
	cd.managed = true;
	cd.is_head = true;
	cd.committees = 2 | 8;
	assert_int_equal(store_cadre_insert(S, &cd, &sf_cfg, &err), CB_OK);
	assert_true(cd.id > 0);
	assert_int_equal(cd.version, 1);
	assert_int_equal(store_cadre_get(S, cd.id, &back, &err), CB_OK);
	assert_string_equal(back.full_name, "Nguyễn Thị Ánh Tuyết");
	assert_string_equal(back.birth_date, "1978-09-02");
	assert_int_equal(back.gender, 2);
	assert_string_equal(back.ethnicity, "Kinh");
	assert_string_equal(back.position, "Phó Bí thư Đảng ủy phường");
	assert_int_equal(back.pos_rank, 2);
	assert_int_equal(back.education, 4);
	assert_int_equal(back.theory, 3);
	assert_true(back.managed);
	assert_true(back.is_head);
	assert_int_equal(back.committees, 10);
	assert_string_equal(back.party_joined, "2001-05-19");
	assert_string_equal(back.notes, "Đã qua lớp bồi dưỡng\nkiến thức quốc phòng");
	assert_int_equal(back.version, 1);
}

static void test_get_fills_unit_district_and_commune_names(void **state)
{
	cadre back;
	cb_error err;
	(void)state;
	int64_t id = sf_add(S, "Trần Văn Bình", "1970-01-20", 1);
	assert_int_equal(store_cadre_get(S, id, &back, &err), CB_OK);
	assert_string_equal(back.unit_name, "Phường 1");
	assert_string_equal(back.unit_code, "27694");
	assert_string_equal(back.district_name, "Thành phố Tân An");
	assert_string_equal(back.district_code, "794");
	assert_string_equal(back.commune_name, "Phường 1");
	assert_int_equal(back.level, 3);
}

static void test_level_comes_from_the_unit_tier(void **state)
{
	cadre cd, back;
	cb_error err;
	(void)state;
	sf_cadre(S, &cd, "Lê Hoàng Phúc", "1969-03-08", 1);
	cd.unit_id = sf_unit(S, "802").id;
	cd.level = 3; /* ignored: the unit decides */
	assert_int_equal(store_cadre_insert(S, &cd, &sf_cfg, &err), CB_OK);
	assert_int_equal(store_cadre_get(S, cd.id, &back, &err), CB_OK);
	assert_int_equal(back.level, 2);
	assert_string_equal(back.district_name, "Huyện Đức Hòa");
	assert_string_equal(back.commune_name, "");
}

static void test_birth_date_typed_the_vietnamese_way_is_stored_iso(void **state)
{
	cadre cd, back;
	cb_error err;
	(void)state;
	sf_cadre(S, &cd, "Phạm Minh Chính", "10/12/1972", 1);
	assert_int_equal(store_cadre_insert(S, &cd, &sf_cfg, &err), CB_OK);
	assert_int_equal(store_cadre_get(S, cd.id, &back, &err), CB_OK);
	assert_string_equal(back.birth_date, "1972-12-10");
}

static void test_decomposed_name_is_stored_composed(void **state)
{
	cadre cd, back;
	cb_error err;
	(void)state;
	/* "Nguyễn" typed as n g u y e + combining circumflex + combining tilde */
	sf_cadre(S, &cd, "  Nguye\xcc\x82\xcc\x83n   Văn An ", "1980-04-30", 1);
	assert_int_equal(store_cadre_insert(S, &cd, &sf_cfg, &err), CB_OK);
	assert_int_equal(store_cadre_get(S, cd.id, &back, &err), CB_OK);
	assert_string_equal(back.full_name, "Nguyễn Văn An");
}

/* ---- optimistic locking --------------------------------------------- */

static void test_update_bumps_version(void **state)
{
	cadre cd;
	cb_error err;
	(void)state;
	int64_t id = sf_add(S, "Võ Thị Sáu", "1985-01-01", 2);
	assert_int_equal(store_cadre_get(S, id, &cd, &err), CB_OK);
	snprintf(cd.position, sizeof cd.position, "Bí thư Đảng ủy phường");
	cd.pos_rank = 1;
	assert_int_equal(store_cadre_update(S, &cd, &sf_cfg, &err), CB_OK);
	assert_int_equal(cd.version, 2);
	assert_int_equal(store_cadre_get(S, id, &cd, &err), CB_OK);
	assert_int_equal(cd.version, 2);
	assert_string_equal(cd.position, "Bí thư Đảng ủy phường");
}

static void test_stale_update_is_refused_and_row_unchanged(void **state)
{
	cadre mine, theirs, now;
	cb_error err;
	struct passwd *pw = getpwuid(getuid());
	(void)state;
	int64_t id = sf_add(S, "Đỗ Thị Hồng", "1982-07-15", 2);
	assert_int_equal(store_cadre_get(S, id, &mine, &err), CB_OK);
	assert_int_equal(store_cadre_get(S, id, &theirs, &err), CB_OK);
	snprintf(theirs.position, sizeof theirs.position, "Chủ tịch UBND phường");
	assert_int_equal(store_cadre_update(S, &theirs, &sf_cfg, &err), CB_OK);

	snprintf(mine.position, sizeof mine.position, "Phó Chủ tịch UBND phường");
	assert_int_equal(store_cadre_update(S, &mine, &sf_cfg, &err), CB_ESTALE);
	assert_non_null(strstr(err.msg, pw->pw_name)); /* says who saved it */
	assert_int_equal(mine.version, 1);
	assert_int_equal(store_cadre_get(S, id, &now, &err), CB_OK);
	assert_string_equal(now.position, "Chủ tịch UBND phường");
	assert_int_equal(now.version, 2);
}

static void test_delete_with_stale_version_is_refused(void **state)
{
	cadre cd;
	cb_error err;
	(void)state;
	int64_t id = sf_add(S, "Huỳnh Tấn Phát", "1965-02-15", 1);
	assert_int_equal(store_cadre_get(S, id, &cd, &err), CB_OK);
	assert_int_equal(store_cadre_update(S, &cd, &sf_cfg, &err), CB_OK);
	assert_int_equal(store_cadre_delete(S, id, 1, &err), CB_ESTALE);
	assert_int_equal(cadres(), 1);
	assert_int_equal(store_cadre_delete(S, id, 2, &err), CB_OK);
	assert_int_equal(cadres(), 0);
}

static void test_update_of_a_deleted_cadre_says_it_was_deleted(void **state)
{
	cadre cd;
	cb_error err;
	(void)state;
	int64_t id = sf_add(S, "Bùi Thị Xuân", "1975-05-05", 2);
	assert_int_equal(store_cadre_get(S, id, &cd, &err), CB_OK);
	assert_int_equal(store_cadre_delete(S, id, 1, &err), CB_OK);
	assert_int_equal(store_cadre_update(S, &cd, &sf_cfg, &err), CB_NOT_FOUND);
	assert_non_null(strstr(err.msg, "deleted"));
}

static void test_delete_removes_search_entry_and_yearly_records(void **state)
{
	cb_error err;
	search_query q = {.text = "xuan"};
	int64_t n;
	(void)state;
	filter_init(&q.filter);
	int64_t id = sf_add(S, "Bùi Thị Xuân", "1975-05-05", 2);
	assert_int_equal(store_rating_set(S, id, 2024, 1, &err), CB_OK);
	assert_int_equal(search_count(S, &q, &n, &err), CB_OK);
	assert_int_equal(n, 1);
	assert_int_equal(store_cadre_delete(S, id, 1, &err), CB_OK);
	assert_int_equal(search_count(S, &q, &n, &err), CB_OK);
	assert_int_equal(n, 0);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM rating"), 0);
}

/* A cadre moved to a unit of another district is found by a search
 * within that district, with or without text, and no longer in the old
 * one: his entry in the search index moved with him (search_index.h).
 * Deleted, he is in neither. */
static void test_moved_cadre_is_searched_in_his_new_district(void **state)
{
	cadre cd;
	cb_error err;
	(void)state;
	int64_t id = sf_add(S, "Võ Thị Sáu", "1985-01-01", 2);
	sf_add(S, "Võ Văn Kiệt", "1972-11-23", 1);
	store_search_state(S)->narrow_scope = 1; /* no scope is small: the index drives */
	assert_int_equal(sf_listed(S, "vo", "794"), 2);
	assert_int_equal(sf_listed(S, "vo", "802"), 0);
	assert_int_equal(store_cadre_get(S, id, &cd, &err), CB_OK);
	cd.unit_id = sf_unit(S, "27931").id;
	assert_int_equal(store_cadre_update(S, &cd, &sf_cfg, &err), CB_OK);
	assert_int_equal(sf_listed(S, "vo", "794"), 1);
	assert_int_equal(sf_listed(S, "vo sau", "802"), 1);
	assert_int_equal(sf_listed(S, "", "802"), 1);
	assert_int_equal(fixture_places_wrong(S), 0);
	assert_true(store_search_state(S)->place_windows > 0);
	/* renamed in his new unit: one entry still, under that unit */
	assert_int_equal(store_cadre_get(S, id, &cd, &err), CB_OK);
	snprintf(cd.full_name, sizeof cd.full_name, "Võ Thị Sáu Hai");
	assert_int_equal(store_cadre_update(S, &cd, &sf_cfg, &err), CB_OK);
	assert_int_equal(fixture_places_wrong(S), 0);
	assert_int_equal(store_cadre_delete(S, id, cd.version, &err), CB_OK);
	assert_int_equal(sf_listed(S, "", "802"), 0);
	assert_int_equal(sf_listed(S, "vo", "794"), 1);
	assert_int_equal(fixture_places_wrong(S), 0);
}

/* ---- audit trail ---------------------------------------------------- */

static void test_audit_rows_for_insert_update_delete(void **state)
{
	cadre cd;
	cb_error err;
	audit_row *rows;
	size_t n;
	(void)state;
	int64_t id = sf_add(S, "Ngô Quyền", "1968-11-11", 1);
	assert_int_equal(store_cadre_get(S, id, &cd, &err), CB_OK);
	snprintf(cd.full_name, sizeof cd.full_name, "Ngô Văn Quyền");
	assert_int_equal(store_cadre_update(S, &cd, &sf_cfg, &err), CB_OK);
	assert_int_equal(store_cadre_delete(S, id, cd.version, &err), CB_OK);

	assert_int_equal(store_audit_for(S, "cadre", id, &rows, &n, &err), CB_OK);
	assert_int_equal(n, 3);
	assert_string_equal(rows[0].action, "delete");
	assert_non_null(strstr(rows[0].old_json, "\"full_name\":\"Ngô Văn Quyền\""));
	assert_null(rows[0].new_json);
	assert_string_equal(rows[1].action, "update");
	assert_non_null(strstr(rows[1].old_json, "\"full_name\":\"Ngô Quyền\""));
	assert_non_null(strstr(rows[1].new_json, "\"full_name\":\"Ngô Văn Quyền\""));
	assert_non_null(strstr(rows[1].new_json, "\"version\":2"));
	assert_string_equal(rows[2].action, "insert");
	assert_null(rows[2].old_json);
	assert_non_null(strstr(rows[2].new_json, "\"unit\":\"Phường 1\""));
	assert_string_equal(rows[2].user, store_user(S));
	assert_int_equal(strlen(rows[2].at), 19);
	store_audit_free(rows, n);
}

static void test_json_escapes_quotes_and_newlines(void **state)
{
	cadre cd;
	char *json;
	(void)state;
	sf_cadre(S, &cd, "Lý Thường Kiệt", "1970-01-01", 1);
	snprintf(cd.notes, sizeof cd.notes, "Khen thưởng \"Huân chương\"\nnăm 2020\\");
	json = cadre_to_json(&cd);
	assert_non_null(json);
	assert_non_null(
		strstr(json, "\"notes\":\"Khen thưởng \\\"Huân chương\\\"\\nnăm 2020\\\\\""));
	assert_non_null(strstr(json, "\"gender\":\"male\""));
	free(json);
}

/* ---- validation ----------------------------------------------------- */

/* Tries an insert that must be refused; nothing may be written. */
static void refused(cadre *cd, const char *field)
{
	cb_error err;
	assert_int_equal(store_cadre_insert(S, cd, &sf_cfg, &err), CB_EINVALID);
	if (field)
		assert_non_null(strstr(err.msg, field));
	assert_int_equal(cadres(), 0);
	assert_int_equal(audits(), 0);
}

static void test_impossible_date_is_refused(void **state)
{
	cadre cd;
	(void)state;
	sf_cadre(S, &cd, "Trương Định", "31/02/1980", 1);
	refused(&cd, "Birth date");
}

static void test_future_birth_date_is_refused(void **state)
{
	cadre cd;
	(void)state;
	sf_cadre(S, &cd, "Trương Định", "2025-06-16", 1);
	refused(&cd, "Birth date");
}

static void test_cadre_one_day_short_of_18_is_refused(void **state)
{
	cadre cd;
	cb_error err;
	(void)state;
	sf_cadre(S, &cd, "Hồ Thị Kỷ", "2007-06-16", 2);
	refused(&cd, "Birth date");
	sf_cadre(S, &cd, "Hồ Thị Kỷ", "2007-06-15", 2);
	assert_int_equal(store_cadre_insert(S, &cd, &sf_cfg, &err), CB_OK);
}

static void test_cadre_older_than_configured_maximum_is_refused(void **state)
{
	cadre cd;
	(void)state;
	sf_cadre(S, &cd, "Phan Đình Phùng", "1959-06-14", 1); /* 66 */
	refused(&cd, "Birth date");
}

static void test_empty_name_is_refused(void **state)
{
	cadre cd;
	(void)state;
	sf_cadre(S, &cd, "   ", "1980-01-01", 1);
	refused(&cd, "Full name");
}

static void test_invalid_utf8_name_is_refused(void **state)
{
	cadre cd;
	(void)state;
	sf_cadre(S, &cd, "Nguy\xff\xfe V\xc4", "1980-01-01", 1);
	refused(&cd, "Full name");
}

static void test_overlong_name_is_refused_not_cut(void **state)
{
	cadre cd;
	(void)state;
	sf_cadre(S, &cd, "x", "1980-01-01", 1);
	memset(cd.full_name, 'a', sizeof cd.full_name); /* no room for the NUL */
	refused(&cd, "Full name");
	assert_int_equal(cd.full_name[sizeof cd.full_name - 1], 'a');
}

static void test_missing_position_and_ethnicity_are_refused(void **state)
{
	cadre cd;
	(void)state;
	sf_cadre(S, &cd, "Mai Thúc Loan", "1980-01-01", 1);
	cd.position[0] = '\0';
	refused(&cd, "Position");
	sf_cadre(S, &cd, "Mai Thúc Loan", "1980-01-01", 1);
	cd.ethnicity[0] = '\0';
	refused(&cd, "Ethnicity");
}

static void test_enumerations_out_of_range_are_refused(void **state)
{
	cadre cd;
	(void)state;
	sf_cadre(S, &cd, "Mai Thúc Loan", "1980-01-01", 3);
	refused(&cd, "Gender");
	sf_cadre(S, &cd, "Mai Thúc Loan", "1980-01-01", 1);
	cd.education = 9;
	refused(&cd, "Education");
	sf_cadre(S, &cd, "Mai Thúc Loan", "1980-01-01", 1);
	cd.committees = 128;
	refused(&cd, "Committees");
	sf_cadre(S, &cd, "Mai Thúc Loan", "1980-01-01", 1);
	cd.unit_id = 9999;
	refused(&cd, "Unit");
}

static void test_party_joined_before_18th_birthday_is_refused(void **state)
{
	cadre cd;
	(void)state;
	sf_cadre(S, &cd, "Nguyễn Thị Định", "1980-03-15", 2);
	snprintf(cd.party_joined, sizeof cd.party_joined, "1998-03-14");
	refused(&cd, "Party join date");
}

static void test_refused_update_changes_nothing(void **state)
{
	cadre cd, now;
	cb_error err;
	(void)state;
	int64_t id = sf_add(S, "Lê Lợi", "1970-08-08", 1);
	int64_t before = audits();
	assert_int_equal(store_cadre_get(S, id, &cd, &err), CB_OK);
	snprintf(cd.birth_date, sizeof cd.birth_date, "1970-13-01");
	assert_int_equal(store_cadre_update(S, &cd, &sf_cfg, &err), CB_EINVALID);
	assert_int_equal(store_cadre_get(S, id, &now, &err), CB_OK);
	assert_string_equal(now.birth_date, "1970-08-08");
	assert_int_equal(now.version, 1);
	assert_int_equal(audits(), before);
}

/* ---- satellites ----------------------------------------------------- */

static void test_rating_set_inserts_changes_and_clears(void **state)
{
	rating_row *r;
	size_t n;
	cb_error err;
	(void)state;
	int64_t id = sf_add(S, "Trần Hưng Đạo", "1970-01-01", 1);
	assert_int_equal(store_rating_set(S, id, 2023, 2, &err), CB_OK);
	assert_int_equal(store_rating_set(S, id, 2024, 3, &err), CB_OK);
	assert_int_equal(store_rating_set(S, id, 2024, 1, &err), CB_OK);
	assert_int_equal(store_cadre_ratings(S, id, &r, &n, &err), CB_OK);
	assert_int_equal(n, 2);
	assert_int_equal(r[0].year, 2023);
	assert_int_equal(r[1].grade, 1);
	assert_int_equal(r[1].version, 2);
	free(r);
	assert_int_equal(store_rating_set(S, id, 2023, 0, &err), CB_OK);
	assert_int_equal(store_cadre_ratings(S, id, &r, &n, &err), CB_OK);
	assert_int_equal(n, 1);
	free(r);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM audit WHERE tbl = 'rating'"), 4);
}

static void test_rating_with_bad_grade_or_year_is_refused(void **state)
{
	cb_error err;
	(void)state;
	int64_t id = sf_add(S, "Trần Hưng Đạo", "1970-01-01", 1);
	assert_int_equal(store_rating_set(S, id, 2024, 5, &err), CB_EINVALID);
	assert_int_equal(store_rating_set(S, id, 2026, 1, &err), CB_EINVALID);
	assert_int_equal(store_rating_set(S, id + 1, 2024, 1, &err), CB_NOT_FOUND);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM rating"), 0);
}

static void test_training_and_planning_are_listed_and_audited(void **state)
{
	training_row t = {.year = 2024, .kind = 1}, *tl;
	planning_row p = {0}, *pl;
	size_t n;
	cb_error err;
	(void)state;
	int64_t id = sf_add(S, "Nguyễn Trãi", "1975-01-01", 1);
	snprintf(t.course, sizeof t.course, "Cập nhật kiến thức  cho cán bộ diện Ban Thường vụ");
	assert_int_equal(store_training_add(S, id, &t, &err), CB_OK);
	snprintf(p.term, sizeof p.term, "2025-2030");
	snprintf(p.position, sizeof p.position, "Bí thư Huyện ủy");
	assert_int_equal(store_planning_add(S, id, &p, &err), CB_OK);
	assert_int_equal(store_cadre_trainings(S, id, &tl, &n, &err), CB_OK);
	assert_int_equal(n, 1);
	assert_string_equal(tl[0].course, "Cập nhật kiến thức cho cán bộ diện Ban Thường vụ");
	free(tl);
	assert_int_equal(store_cadre_planning(S, id, &pl, &n, &err), CB_OK);
	assert_int_equal(n, 1);
	assert_string_equal(pl[0].term, "2025-2030");
	free(pl);
	assert_int_equal(
		sf_count(S, "SELECT count(*) FROM audit WHERE tbl IN ('training', 'planning')"), 2);
}

static void test_planning_term_must_be_two_years(void **state)
{
	planning_row p = {0};
	cb_error err;
	(void)state;
	int64_t id = sf_add(S, "Nguyễn Trãi", "1975-01-01", 1);
	snprintf(p.term, sizeof p.term, "2030-2025");
	assert_int_equal(store_planning_add(S, id, &p, &err), CB_EINVALID);
	assert_non_null(strstr(err.msg, "Term"));
	assert_int_equal(sf_count(S, "SELECT count(*) FROM planning"), 0);
}

/* ---- organisations -------------------------------------------------- */

static int64_t add_org(const char *name, int kind, int64_t parent, const char *unit)
{
	org_row o = {0};
	cb_error err;
	snprintf(o.name, sizeof o.name, "%s", name);
	o.kind = kind;
	o.parent_id = parent;
	o.unit_id = sf_unit(S, unit).id;
	assert_int_equal(store_org_insert(S, &o, &err), CB_OK);
	return o.id;
}

static void test_org_tree_is_preorder_with_children_in_vietnamese_order(void **state)
{
	org_row *t;
	size_t n;
	cadre cd;
	cb_error err;
	(void)state;
	int64_t hu = add_org("Huyện ủy Đức Hòa", 3, 0, "802");
	int64_t loc = add_org("Đảng ủy xã Lộc Giang", 6, hu, "27940");
	add_org("Đảng ủy thị trấn Hậu Nghĩa", 6, hu, "27931");
	add_org("Chi bộ ấp Lộc Thuận", 7, loc, "27940");
	add_org("Chi bộ ấp Bàu Công", 7, loc, "27940");
	add_org("Thành ủy Tân An", 3, 0, "794");
	assert_int_equal(store_org_rating_set(S, loc, 2024, 2, &err), CB_OK);
	sf_cadre(S, &cd, "Đặng Văn Lộc", "1975-01-01", 1);
	cd.unit_id = sf_unit(S, "27940").id;
	cd.org_id = loc;
	assert_int_equal(store_cadre_insert(S, &cd, &sf_cfg, &err), CB_OK);

	assert_int_equal(store_org_tree(S, sf_unit(S, "802").id, 2024, &t, &n, &err), CB_OK);
	assert_int_equal(n, 5);
	assert_string_equal(t[0].name, "Huyện ủy Đức Hòa");
	assert_int_equal(t[0].depth, 0);
	/* "Đảng ủy thị trấn" before "Đảng ủy xã": t < x */
	assert_string_equal(t[1].name, "Đảng ủy thị trấn Hậu Nghĩa");
	assert_string_equal(t[2].name, "Đảng ủy xã Lộc Giang");
	assert_int_equal(t[2].grade, 2);
	assert_int_equal(t[2].cadres, 1);
	assert_string_equal(t[3].name, "Chi bộ ấp Bàu Công");
	assert_int_equal(t[3].depth, 2);
	assert_string_equal(t[4].name, "Chi bộ ấp Lộc Thuận");
	free(t);
	assert_int_equal(store_org_tree(S, 0, 2024, &t, &n, &err), CB_OK);
	assert_int_equal(n, 6);
	free(t);
}

struct per_org {
	int64_t id[8];
	int value[8]; /* a grade, a count */
	size_t n;
};

static void note_value(void *ctx, int64_t id, int value)
{
	struct per_org *g = ctx;
	assert_true(g->n < 8);
	g->id[g->n] = id;
	g->value[g->n++] = value;
}

/* Another year of the tree: the organisations' ratings of that year,
 * the same as the tree of that year reads, and no cadre's. */
static void test_org_ratings_of_a_year_are_the_trees(void **state)
{
	cb_error err;
	cadre cd;
	(void)state;
	int64_t hu = add_org("Huyện ủy Đức Hòa", 3, 0, "802");
	int64_t loc = add_org("Đảng ủy xã Lộc Giang", 6, hu, "27940");
	add_org("Chi bộ ấp Bàu Công", 7, loc, "27940");
	assert_int_equal(store_org_rating_set(S, loc, 2024, 2, &err), CB_OK);
	assert_int_equal(store_org_rating_set(S, hu, 2024, 1, &err), CB_OK);
	assert_int_equal(store_org_rating_set(S, loc, 2025, 4, &err), CB_OK);
	sf_cadre(S, &cd, "Đặng Văn Lộc", "1975-01-01", 1);
	cd.unit_id = sf_unit(S, "27940").id;
	cd.org_id = loc;
	assert_int_equal(store_cadre_insert(S, &cd, &sf_cfg, &err), CB_OK);
	assert_int_equal(store_rating_set(S, cd.id, 2024, 3, &err), CB_OK);

	for (int year = 2023; year <= 2025; year++) {
		struct per_org g = {.n = 0};
		org_row *t;
		size_t n, rated = 0;
		assert_int_equal(store_org_ratings(S, year, note_value, &g, &err), CB_OK);
		assert_int_equal(store_org_tree(S, 0, year, &t, &n, &err), CB_OK);
		for (size_t i = 0; i < n; i++) {
			size_t k = 0;
			while (k < g.n && g.id[k] != t[i].id)
				k++;
			assert_int_equal(k < g.n ? g.value[k] : 0, t[i].grade);
			rated += t[i].grade != 0;
		}
		assert_int_equal(g.n, rated);
		assert_int_equal(rated, year == 2023 ? 0 : year == 2024 ? 2 : 1);
		free(t);
	}
}

static int stop_now(void *ctx)
{
	(void)ctx;
	return 1;
}

/* The tree without its counts, then the counts: those of store_org_tree;
 * told to stop, the counts say so and give nothing. */
static void test_org_counts_read_apart_are_the_trees(void **state)
{
	cb_error err;
	cadre cd;
	org_row *t, *u;
	size_t n, m;
	struct per_org g = {.n = 0}, none = {.n = 0};
	(void)state;
	int64_t hu = add_org("Huyện ủy Đức Hòa", 3, 0, "802");
	int64_t loc = add_org("Đảng ủy xã Lộc Giang", 6, hu, "27940");
	add_org("Chi bộ ấp Bàu Công", 7, loc, "27940");
	for (int i = 0; i < 3; i++) {
		sf_cadre(S, &cd, i ? "Đặng Văn Lộc" : "Trần Thị Hòa", "1975-01-01", 1);
		cd.unit_id = sf_unit(S, "27940").id;
		cd.org_id = i < 2 ? loc : hu;
		assert_int_equal(store_cadre_insert(S, &cd, &sf_cfg, &err), CB_OK);
	}
	assert_int_equal(store_org_tree(S, 0, 2024, &t, &n, &err), CB_OK);
	assert_int_equal(store_org_tree_uncounted(S, 0, 2024, &u, &m, &err), CB_OK);
	assert_int_equal(m, n);
	assert_int_equal(store_org_cadre_counts(S, stop_now, NULL, note_value, &none, &err),
			 CB_STOPPED);
	assert_int_equal(none.n, 0);
	assert_int_equal(store_org_cadre_counts(S, NULL, NULL, note_value, &g, &err), CB_OK);
	assert_int_equal(g.n, 2); /* those with cadres */
	for (size_t i = 0; i < n; i++) {
		size_t k = 0;
		assert_int_equal(u[i].id, t[i].id);
		assert_int_equal(u[i].cadres, -1);
		while (k < g.n && g.id[k] != t[i].id)
			k++;
		assert_int_equal(k < g.n ? g.value[k] : 0, t[i].cadres);
	}
	free(t);
	free(u);
}

/* The handle's collation VI: names in Vietnamese order, not byte order
 * (byte order puts "Tỉnh ủy" before "Đảng ủy" and "Ủy ban" last). */
static void test_collation_vi_orders_org_names_the_vietnamese_way(void **state)
{
	static const char *const want[] = {"Ban cán sự đảng UBND tỉnh", "Chi bộ ấp Bàu Công",
					   "Đảng ủy xã Lộc Giang",	"Đảng ủy xã Mỹ Yên",
					   "Huyện ủy Đức Hòa",		"Tỉnh ủy Long An",
					   "Ủy ban Kiểm tra Tỉnh ủy"};
	sqlite3_stmt *st;
	size_t i = 0;
	(void)state;
	add_org("Tỉnh ủy Long An", 1, 0, "80");
	add_org("Ủy ban Kiểm tra Tỉnh ủy", 2, 0, "80");
	add_org("Đảng ủy xã Mỹ Yên", 6, 0, "27940");
	add_org("Huyện ủy Đức Hòa", 3, 0, "802");
	add_org("Chi bộ ấp Bàu Công", 7, 0, "27940");
	add_org("Đảng ủy xã Lộc Giang", 6, 0, "27940");
	add_org("Ban cán sự đảng UBND tỉnh", 5, 0, "80");
	assert_int_equal(sqlite3_prepare_v2(store_db(S),
					    "SELECT name FROM org ORDER BY name COLLATE VI", -1,
					    &st, NULL),
			 SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW && i < 7)
		assert_string_equal((const char *)sqlite3_column_text(st, 0), want[i++]);
	sqlite3_finalize(st);
	assert_int_equal(i, 7);
}

static void test_org_with_unknown_kind_or_parent_is_refused(void **state)
{
	org_row o = {0};
	cb_error err;
	(void)state;
	snprintf(o.name, sizeof o.name, "Chi bộ ấp 1");
	o.kind = 99;
	o.unit_id = sf_unit(S, "27940").id;
	assert_int_equal(store_org_insert(S, &o, &err), CB_EINVALID);
	o.kind = 7;
	o.parent_id = 4242;
	assert_int_equal(store_org_insert(S, &o, &err), CB_EINVALID);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM org"), 0);
}

/* ---- drafts --------------------------------------------------------- */

static void test_draft_is_kept_replaced_and_dropped(void **state)
{
	int64_t row, version;
	char *data;
	cb_error err;
	(void)state;
	assert_int_equal(store_draft_load(S, "cadre", &row, &version, &data, &err), CB_NOT_FOUND);
	assert_int_equal(store_draft_save(S, "cadre", 7, 3, "full_name=Nguyễn Văn A", &err), CB_OK);
	assert_int_equal(store_draft_save(S, "cadre", 7, 4, "full_name=Nguyễn Văn Ba", &err),
			 CB_OK);
	assert_int_equal(store_draft_load(S, "cadre", &row, &version, &data, &err), CB_OK);
	assert_int_equal(row, 7);
	assert_int_equal(version, 4);
	assert_string_equal(data, "full_name=Nguyễn Văn Ba");
	free(data);
	assert_int_equal(store_draft_drop(S, "cadre", &err), CB_OK);
	assert_int_equal(store_draft_load(S, "cadre", &row, &version, &data, &err), CB_NOT_FOUND);
}

/* ---- bulk load ------------------------------------------------------ */

static void test_bulk_load_ranks_and_indexes_every_cadre(void **state)
{
	store_bulk *b;
	cadre cd;
	cb_error err;
	search_query q = {.text = "nguyen"};
	search_hit *hits;
	size_t n;
	static const char *const names[] = {"Nguyễn Văn Tư", "Nguyễn Thị Ba", "Lê Văn Nguyên",
					    "Trần Thị Hai"};
	(void)state;
	filter_init(&q.filter);
	assert_int_equal(store_bulk_begin(S, &b, &err), CB_OK);
	for (size_t i = 0; i < 4; i++) {
		sf_cadre(S, &cd, names[i], "1980-01-01", 1);
		assert_int_equal(store_bulk_cadre(b, &cd, &err), CB_OK);
		assert_int_equal(store_bulk_rating(b, cd.id, 0, 2024, 2, &err), CB_OK);
	}
	assert_int_equal(store_bulk_end(b, true, &err), CB_OK);
	assert_int_equal(
		sf_count(S, "SELECT count(*) FROM cadre WHERE rank % 1024 <> 0 OR rank <= 0"), 0);
	assert_int_equal(search_fetch(S, &q, 0, false, 10, &hits, &n, &err), CB_OK);
	assert_int_equal(n, 3); /* Ba, Tư, Nguyên (given-name order) */
	assert_string_equal(hits[0].c.full_name, "Nguyễn Thị Ba");
	assert_string_equal(hits[1].c.full_name, "Lê Văn Nguyên");
	assert_string_equal(hits[2].c.full_name, "Nguyễn Văn Tư");
	free(hits);
	/* a later ordinary insert finds its place among them */
	sf_add(S, "Phạm Văn Bảy", "1981-01-01", 1);
	assert_int_equal(fixture_places_wrong(S), 0);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM rating"), 4);
}

static void test_bulk_load_rolled_back_leaves_nothing(void **state)
{
	store_bulk *b;
	cadre cd;
	cb_error err;
	(void)state;
	assert_int_equal(store_bulk_begin(S, &b, &err), CB_OK);
	sf_cadre(S, &cd, "Nguyễn Văn Tư", "1980-01-01", 1);
	assert_int_equal(store_bulk_cadre(b, &cd, &err), CB_OK);
	assert_int_equal(store_bulk_end(b, false, &err), CB_OK);
	assert_int_equal(cadres(), 0);
}

#define T(f) cmocka_unit_test_setup_teardown(f, sf_setup, sf_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_insert_then_get_returns_every_field),
		T(test_get_fills_unit_district_and_commune_names),
		T(test_level_comes_from_the_unit_tier),
		T(test_birth_date_typed_the_vietnamese_way_is_stored_iso),
		T(test_decomposed_name_is_stored_composed),
		T(test_update_bumps_version),
		T(test_stale_update_is_refused_and_row_unchanged),
		T(test_delete_with_stale_version_is_refused),
		T(test_update_of_a_deleted_cadre_says_it_was_deleted),
		T(test_delete_removes_search_entry_and_yearly_records),
		T(test_moved_cadre_is_searched_in_his_new_district),
		T(test_audit_rows_for_insert_update_delete),
		T(test_json_escapes_quotes_and_newlines),
		T(test_impossible_date_is_refused),
		T(test_future_birth_date_is_refused),
		T(test_cadre_one_day_short_of_18_is_refused),
		T(test_cadre_older_than_configured_maximum_is_refused),
		T(test_empty_name_is_refused),
		T(test_invalid_utf8_name_is_refused),
		T(test_overlong_name_is_refused_not_cut),
		T(test_missing_position_and_ethnicity_are_refused),
		T(test_enumerations_out_of_range_are_refused),
		T(test_party_joined_before_18th_birthday_is_refused),
		T(test_refused_update_changes_nothing),
		T(test_rating_set_inserts_changes_and_clears),
		T(test_rating_with_bad_grade_or_year_is_refused),
		T(test_training_and_planning_are_listed_and_audited),
		T(test_planning_term_must_be_two_years),
		T(test_org_ratings_of_a_year_are_the_trees),
		T(test_org_counts_read_apart_are_the_trees),
		T(test_org_tree_is_preorder_with_children_in_vietnamese_order),
		T(test_collation_vi_orders_org_names_the_vietnamese_way),
		T(test_org_with_unknown_kind_or_parent_is_refused),
		T(test_draft_is_kept_replaced_and_dropped),
		T(test_bulk_load_ranks_and_indexes_every_cadre),
		T(test_bulk_load_rolled_back_leaves_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
