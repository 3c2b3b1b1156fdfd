/* Party organisations changed after they were created: renamed, moved,
 * ended by dissolution or by merger, each checked against the version read
 * and audited. */
#include "store_fixture.h"

static int64_t add_org(const char *name, int kind, int64_t parent)
{
	org_row o;
	cb_error err;

	memset(&o, 0, sizeof o);
	snprintf(o.name, sizeof o.name, "%s", name);
	o.kind = kind;
	o.parent_id = parent;
	o.unit_id = sf_unit(S, "27694").id;
	assert_int_equal(store_org_insert(S, &o, &err), CB_OK);
	return o.id;
}

static int64_t add_member(const char *name, int64_t org)
{
	cadre cd;
	cb_error err;

	sf_cadre(S, &cd, name, "1980-05-01", 1);
	cd.org_id = org;
	assert_int_equal(store_cadre_insert(S, &cd, &sf_cfg, &err), CB_OK);
	return cd.id;
}

static org_row get(int64_t id)
{
	org_row o;
	cb_error err;

	assert_int_equal(store_org_get(S, id, &o, &err), CB_OK);
	return o;
}

static void test_rename_moves_the_version_and_is_audited(void **state)
{
	int64_t id = add_org("Chi bộ ấp 1", 7, 0);
	org_row o = get(id);
	cb_error err;

	snprintf(o.name, sizeof o.name, "  Chi bộ   ấp Bình Hòa ");
	assert_int_equal(store_org_update(S, &o, &err), CB_OK);
	assert_int_equal(o.version, 2);
	o = get(id);
	assert_string_equal(o.name, "Chi bộ ấp Bình Hòa");
	assert_int_equal(
		sf_count(S, "SELECT count(*) FROM audit WHERE tbl = 'org' AND action = 'update'"
			    " AND old LIKE '%ấp 1%' AND new LIKE '%Bình Hòa%'"),
		1);
}

static void test_a_stale_edit_changes_nothing(void **state)
{
	int64_t id = add_org("Chi bộ ấp 2", 7, 0);
	org_row mine = get(id), theirs = get(id);
	cb_error err;

	snprintf(theirs.name, sizeof theirs.name, "Chi bộ ấp Tân Hòa");
	assert_int_equal(store_org_update(S, &theirs, &err), CB_OK);
	snprintf(mine.name, sizeof mine.name, "Chi bộ ấp Mới");
	assert_int_equal(store_org_update(S, &mine, &err), CB_ESTALE);
	assert_int_equal(mine.version, 1);
	assert_string_equal(get(id).name, "Chi bộ ấp Tân Hòa");
}

static void test_an_organisation_cannot_go_under_itself(void **state)
{
	int64_t top = add_org("Đảng bộ phường 1", 6, 0);
	int64_t mid = add_org("Chi bộ khu phố 1", 7, top);
	int64_t low = add_org("Tổ đảng 1", 7, mid);
	org_row o = get(top);
	cb_error err;

	o.parent_id = low;
	assert_int_equal(store_org_update(S, &o, &err), CB_EINVALID);
	assert_non_null(strstr(err.msg, "under"));
	o = get(top);
	o.parent_id = top;
	assert_int_equal(store_org_update(S, &o, &err), CB_EINVALID);
	assert_int_equal(get(top).parent_id, 0);
	assert_int_equal(get(top).version, 1);
}

static void test_dissolving_is_refused_while_anything_belongs_to_it(void **state)
{
	int64_t org = add_org("Chi bộ ấp 3", 7, 0);
	int64_t child = add_org("Tổ đảng ấp 3", 7, org);
	cb_error err;

	add_member("Nguyễn Văn An", org);
	assert_int_equal(
		store_org_end(S, org, 1, date_from_ymd(2025, 7, 1), ORG_DISSOLVED, 0, &err),
		CB_EINVALID);
	assert_non_null(strstr(err.msg, "1"));
	assert_int_equal(get(org).ended, CB_DATE_NONE);
	/* an empty one can be dissolved, and is then kept, ended */
	assert_int_equal(
		store_org_end(S, child, 1, date_from_ymd(2025, 7, 1), ORG_DISSOLVED, 0, &err),
		CB_OK);
	org_row c = get(child);
	assert_int_equal(c.ended, date_from_ymd(2025, 7, 1));
	assert_int_equal(c.end_reason, ORG_DISSOLVED);
	snprintf(c.name, sizeof c.name, "Tổ đảng khác");
	assert_int_equal(store_org_update(S, &c, &err), CB_EINVALID);
}

static void test_a_merger_moves_cadres_and_organisations_to_the_successor(void **state)
{
	int64_t from = add_org("Đảng bộ xã Bình Tâm", 6, 0);
	int64_t to = add_org("Đảng bộ phường 5", 6, 0);
	int64_t cell = add_org("Chi bộ ấp Bình Trung", 7, from);
	int64_t a = add_member("Trần Thị Bình", from), b = add_member("Lê Văn Cường", from);
	cb_error err;
	cadre cd;

	assert_int_equal(store_org_end(S, from, 1, date_from_ymd(2025, 7, 1), ORG_MERGED, to, &err),
			 CB_OK);
	assert_int_equal(store_cadre_get(S, a, &cd, &err), CB_OK);
	assert_int_equal(cd.org_id, to);
	assert_int_equal(store_cadre_get(S, b, &cd, &err), CB_OK);
	assert_int_equal(cd.org_id, to);
	assert_int_equal(get(cell).parent_id, to);
	org_row f = get(from);
	assert_int_equal(f.end_reason, ORG_MERGED);
	assert_int_equal(f.merged_into, to);
	assert_int_equal(f.cadres, 0);
	assert_int_equal(
		sf_count(S, "SELECT count(*) FROM audit WHERE tbl = 'cadre' AND action = 'update'"),
		2);
	assert_int_equal(
		sf_count(S, "SELECT count(*) FROM audit WHERE tbl = 'org' AND action = 'update'"),
		2);
	/* a merger into one of its own organisations is refused */
	int64_t x = add_org("Đảng bộ xã Lợi Bình Nhơn", 6, 0);
	int64_t xc = add_org("Chi bộ ấp Xuân Hòa", 7, x);
	assert_int_equal(store_org_end(S, x, 1, date_from_ymd(2025, 7, 1), ORG_MERGED, xc, &err),
			 CB_EINVALID);
	assert_int_equal(get(x).ended, CB_DATE_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rename_moves_the_version_and_is_audited,
						sf_setup, sf_teardown),
		cmocka_unit_test_setup_teardown(test_a_stale_edit_changes_nothing, sf_setup,
						sf_teardown),
		cmocka_unit_test_setup_teardown(test_an_organisation_cannot_go_under_itself,
						sf_setup, sf_teardown),
		cmocka_unit_test_setup_teardown(
			test_dissolving_is_refused_while_anything_belongs_to_it, sf_setup,
			sf_teardown),
		cmocka_unit_test_setup_teardown(
			test_a_merger_moves_cadres_and_organisations_to_the_successor, sf_setup,
			sf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
