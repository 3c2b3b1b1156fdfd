/* test_units.c - the life of units (units.h): the map of a reform, units
 * the configuration drops, the migration of their records (all or
 * nothing, dry run, scope), and counting an earlier year by its units. */
#include "store_fixture.h"

#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "i18n.h"
#include "stats.h"
#include "units.h"

/* The fixture's Long An after the reform: two tiers, one new commune
 * reusing the code of Phường 1, one that of Thị trấn Hậu Nghĩa. */
static cfg_unit new_units[] = {
	{"80", "Tỉnh Tây Ninh", "tỉnh", 1, -1},
	{"27694", "Phường Long An", "phường", 2, 0},
	{"27931", "Xã Hậu Nghĩa", "xã", 2, 0},
};
static cfg new_cfg;

static const char full_map[] = "old_code,new_code\n"
			       "794,27694\n27694,27694\n27692,27694\n"
			       "802,27931\n27931,27931\n27940,27931\n";

static int64_t add_in(const char *code, const char *name)
{
	cadre cd;
	cb_error err;
	sf_cadre(S, &cd, name, "1975-03-04", 1);
	cd.unit_id = sf_unit(S, code).id;
	if (store_cadre_insert(S, &cd, &sf_cfg, &err))
		fail_msg("insert %s: %s", name, err.msg);
	return cd.id;
}

static int setup(void **state)
{
	org_row o = {.kind = 6}; /* a grassroots committee */
	cb_error err;
	(void)state;
	i18n_init("en");
	S = sf_open();
	new_cfg = sf_cfg;
	new_cfg.tiers = 2;
	new_cfg.units = new_units;
	new_cfg.unit_count = sizeof new_units / sizeof new_units[0];
	snprintf(new_cfg.path, sizeof new_cfg.path, "%s", "tay-ninh/canbo.ini");
	add_in("27694", "Nguyễn Văn An");
	add_in("27694", "Trần Thị Bình");
	add_in("27692", "Lê Văn Cường");
	add_in("794", "Phạm Thị Dung");
	add_in("27940", "Võ Văn Em");
	add_in("80", "Đỗ Thị Giang");
	snprintf(o.name, sizeof o.name, "Đảng bộ thị trấn Hậu Nghĩa");
	o.unit_id = sf_unit(S, "27931").id;
	assert_int_equal(store_org_insert(S, &o, &err), CB_OK);
	return 0;
}

/* What a migration may change, as one number per table. */
static void snapshot(int64_t v[6])
{
	v[0] = sf_count(S, "SELECT count(*) FROM unit WHERE ended IS NULL");
	v[1] = sf_count(S, "SELECT total(unit_id * id) FROM cadre");
	v[2] = sf_count(S, "SELECT total(unit_id * id) FROM org");
	v[3] = sf_count(S, "SELECT count(*) FROM audit");
	v[4] = sf_count(S, "SELECT count(*) FROM unit_history");
	v[5] = sf_count(S, "SELECT total(lo * id + hi) FROM unit");
}

static int migrate(const char *map_text, bool dry, const access_scope *sc, units_migrate_info *info,
		   cb_error *err)
{
	unit_map m;
	cb_date eff;
	assert_true(date_parse_iso("2025-07-01", &eff));
	assert_int_equal(unit_map_parse(map_text, "map.csv", &m, err), CB_OK);
	int rc = store_units_migrate(S, &new_cfg, sc, &m, eff, dry, info, err);
	unit_map_free(&m);
	return rc;
}

/* Cadres of unit `code` (the unit in force on `units_on`), counted as of
 * `as_of` by the units of `units_on` (NULL: of as_of). */
static int64_t count_pop(const char *code, const char *as_of, const char *units_on, int pop,
			 int deepest_tier);

static int64_t count_in(const char *code, const char *as_of, const char *units_on)
{
	return count_pop(code, as_of, units_on, POP_ALL, 3);
}

/* The same for one population, the configuration's deepest tier given. */
static int64_t count_pop(const char *code, const char *as_of, const char *units_on, int pop,
			 int deepest_tier)
{
	stats_query q;
	stats_table t;
	unit_row u;
	cb_error err;
	stats_query_init(&q, NULL);
	q.dim[0] = DIM_GENDER;
	q.base.population = pop;
	q.base.deepest_tier = deepest_tier;
	assert_true(date_parse_iso(as_of, &q.base.as_of));
	if (units_on)
		assert_true(date_parse_iso(units_on, &q.base.units_on));
	assert_int_equal(
		store_unit_on(S, code, units_on ? q.base.units_on : q.base.as_of, &u, &err), CB_OK);
	q.base.unit_lo = u.lo;
	q.base.unit_hi = u.hi;
	assert_int_equal(stats_run(S, &q, &t, &err), CB_OK);
	return t.total;
}

/* Every target of unit `code` in force on 2024-12-31, as of that day. */
static void targets_2024(const char *code, target_result out[TARGET_COUNT])
{
	cadre_filter f;
	unit_row u;
	int pct[TARGET_COUNT] = {0};
	cb_error err;
	filter_init(&f);
	f.deepest_tier = 3;
	assert_true(date_parse_iso("2024-12-31", &f.as_of));
	assert_int_equal(store_unit_on(S, code, f.as_of, &u, &err), CB_OK);
	f.unit_lo = u.lo;
	f.unit_hi = u.hi;
	assert_int_equal(targets_eval(S, &f, 2024, pct, out, &err), CB_OK);
}

static void test_map_reads_headers_comments_and_refuses_bad_lines(void **state)
{
	unit_map m;
	cb_error err;
	(void)state;
	assert_int_equal(unit_map_parse("\xEF\xBB\xBF# a comment\nold,new,name\n794;27694\r\n"
					"\"27692\", 27694 ,Phường Tân Khánh\n\n",
					"m.csv", &m, &err),
			 CB_OK);
	assert_int_equal(m.n, 2);
	assert_string_equal(m.e[0].from, "794");
	assert_string_equal(m.e[0].to, "27694");
	assert_int_equal(m.e[0].line, 3);
	assert_string_equal(m.e[1].from, "27692");
	assert_string_equal(m.e[1].to, "27694");
	unit_map_free(&m);
	assert_int_equal(unit_map_parse("794,27694\n794,27931\n", "m.csv", &m, &err), CB_EINVALID);
	assert_non_null(strstr(err.msg, "m.csv:2"));
	assert_non_null(strstr(err.msg, "first on line 1"));
	assert_int_equal(unit_map_parse("794,27694\n27692\n", "m.csv", &m, &err), CB_EINVALID);
	assert_non_null(strstr(err.msg, "m.csv:2"));
	assert_int_equal(unit_map_parse("794,Phường Long An\n", "m.csv", &m, &err), CB_EINVALID);
	assert_int_equal(m.n, 0);
}

static void test_start_ends_an_empty_dropped_unit_and_refuses_a_full_one(void **state)
{
	cfg less = sf_cfg;
	cfg_unit units[7];
	size_t n = 0;
	cb_error err;
	int64_t before[6], after[6];
	(void)state;
	/* 27692 (Phường Tân Khánh) holds a cadre; a copy without 27931 would
	 * drop an organisation's unit: build one without an empty commune */
	sf_add(S, "Hồ Văn Khải", "1980-01-01", 1); /* into 27694 */
	for (size_t i = 0; i < sf_cfg.unit_count; i++)
		if (strcmp(sf_cfg.units[i].code, "27940") != 0) {
			units[n] = sf_cfg.units[i];
			if (units[n].parent > 5)
				units[n].parent--;
			n++;
		}
	/* Xã Lộc Giang held one cadre: move it out by hand first */
	assert_int_equal(sqlite3_exec(store_db(S),
				      "UPDATE cadre SET unit_id = (SELECT id FROM unit WHERE code ="
				      " '27931') WHERE unit_id = (SELECT id FROM unit WHERE code ="
				      " '27940')",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	less.units = units;
	less.unit_count = n;
	assert_int_equal(store_sync_units(S, &less, &err), CB_OK);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM unit WHERE code = '27940' AND ended IS "
				     "NOT NULL"),
			 1);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM audit WHERE tbl = 'unit'"), 1);
	/* the ended unit stays, out of the pick-lists */
	unit_row *kids;
	size_t nk;
	assert_int_equal(store_unit_children(S, sf_unit(S, "802").id, &kids, &nk, &err), CB_OK);
	assert_int_equal(nk, 1);
	assert_string_equal(kids[0].code, "27931");
	free(kids);
	assert_int_equal(store_units_list(S, true, &kids, &nk, &err), CB_OK);
	assert_int_equal(nk, 7);
	/* its district's interval still holds it, after the units in force */
	assert_string_equal(kids[6].code, "27940");
	assert_true(kids[6].lo > kids[5].lo && kids[6].lo <= kids[4].hi);
	free(kids);
	/* a configuration without units holding records: refused, unchanged */
	snapshot(before);
	assert_int_equal(store_sync_units(S, &new_cfg, &err), CB_ECONFIG);
	assert_non_null(strstr(err.msg, "canbo units migrate"));
	assert_non_null(strstr(err.msg, "tay-ninh/canbo.ini"));
	snapshot(after);
	assert_memory_equal(before, after, sizeof before);
}

static void test_an_unmapped_unit_refuses_everything_and_is_listed(void **state)
{
	units_migrate_info info;
	cb_error err;
	int64_t before[6], after[6];
	(void)state;
	snapshot(before);
	assert_int_equal(migrate("794,27694\n27694,27694\n27692,27694\n802,27931\n27931,27931\n",
				 false, NULL, &info, &err),
			 CB_EINVALID);
	assert_int_equal(info.unmapped, 1);
	assert_int_equal(info.nleaving, 6);
	size_t unmapped = 0;
	for (size_t i = 0; i < info.nleaving; i++)
		if (!info.leaving[i].successor[0]) {
			assert_string_equal(info.leaving[i].unit.code, "27940");
			assert_int_equal(info.leaving[i].cadres, 1);
			unmapped++;
		}
	assert_int_equal(unmapped, 1);
	units_migrate_info_free(&info);
	snapshot(after);
	assert_memory_equal(before, after, sizeof before);
	/* a map line for a unit that stays, or to a unit that is not new */
	char bad[256];
	snprintf(bad, sizeof bad, "%s80,27694\n", full_map);
	assert_int_equal(migrate(bad, false, NULL, &info, &err), CB_EINVALID);
	assert_non_null(strstr(err.msg, "unit 80 does not end"));
	units_migrate_info_free(&info);
	assert_int_equal(migrate("794,27694\n27694,27694\n27692,27694\n802,27931\n27931,27931\n"
				 "27940,27787\n",
				 false, NULL, &info, &err),
			 CB_EINVALID);
	assert_non_null(strstr(err.msg, "27787 is not a unit of the configuration"));
	units_migrate_info_free(&info);
	snapshot(after);
	assert_memory_equal(before, after, sizeof before);
}

static void test_a_dry_run_counts_and_changes_nothing(void **state)
{
	units_migrate_info info;
	cb_error err;
	int64_t before[6], after[6];
	(void)state;
	snapshot(before);
	assert_int_equal(migrate(full_map, true, NULL, &info, &err), CB_OK);
	assert_int_equal(info.nleaving, 6);
	assert_int_equal(info.cadres, 5);
	assert_int_equal(info.orgs, 1);
	assert_int_equal(info.units_added, 2);
	units_migrate_info_free(&info);
	snapshot(after);
	assert_memory_equal(before, after, sizeof before);
}

static void test_migration_moves_records_and_keeps_the_past(void **state)
{
	units_migrate_info info;
	unit_row u;
	cb_date day;
	cb_error err;
	(void)state;
	int64_t district_2024 = count_in("794", "2024-12-31", NULL);
	assert_int_equal(district_2024, 4);
	assert_int_equal(count_pop("794", "2024-12-31", NULL, POP_COMMUNE, 3), 3);
	assert_int_equal(count_pop("80", "2024-12-31", NULL, POP_DEPT, 3), 2);
	assert_int_equal(count_in("802", "2024-12-31", NULL), 1);
	int64_t audit0 = sf_count(S, "SELECT count(*) FROM audit");
	target_result t794[TARGET_COUNT], t802[TARGET_COUNT], now[TARGET_COUNT];
	targets_2024("794", t794);
	targets_2024("802", t802);
	assert_int_equal(t802[T_ORG_GRASSROOTS_GOOD].den + t802[T_ORG_STANDING_GOOD].den, 1);

	assert_int_equal(migrate(full_map, false, NULL, &info, &err), CB_OK);
	assert_int_equal(info.cadres, 5);
	assert_int_equal(info.orgs, 1);
	units_migrate_info_free(&info);
	/* every record in a unit in force, at its tier */
	assert_int_equal(sf_count(S, "SELECT count(*) FROM cadre c JOIN unit u ON u.id = c.unit_id"
				     " WHERE u.ended IS NOT NULL OR c.level <> u.tier"),
			 0);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM org o JOIN unit u ON u.id = o.unit_id"
				     " WHERE u.ended IS NOT NULL"),
			 0);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM cadre c JOIN unit u ON u.id = c.unit_id"
				     " WHERE u.code = '27694'"),
			 4);
	/* each moved cadre's search entry under his new unit alone */
	assert_int_equal(fixture_places_wrong(S), 0);
	/* the old units stay: the one whose code went to a new unit under
	 * its code and end, each with its successor */
	assert_int_equal(store_unit_by_code(S, "27694@20250701", &u, &err), CB_OK);
	assert_string_equal(u.name, "Phường 1");
	assert_int_equal(u.successor_id, sf_unit(S, "27694").id);
	assert_true(date_parse_iso("2024-12-31", &day));
	assert_int_equal(store_unit_on(S, "27694", day, &u, &err), CB_OK);
	assert_string_equal(u.name, "Phường 1");
	assert_true(date_parse_iso("2025-07-01", &day));
	assert_int_equal(store_unit_on(S, "27694", day, &u, &err), CB_OK);
	assert_string_equal(u.name, "Phường Long An");
	assert_int_equal(store_unit_by_code(S, "794", &u, &err), CB_OK);
	assert_true(u.ended == day);
	/* audited: each ended unit, each moved cadre and organisation */
	assert_int_equal(sf_count(S, "SELECT count(*) FROM audit WHERE tbl = 'unit'"), 6);
	char sql[128];
	snprintf(sql, sizeof sql,
		 "SELECT count(*) FROM audit WHERE id > %lld AND tbl IN ('cadre', 'org')",
		 (long long)audit0);
	assert_int_equal(sf_count(S, sql), 6);
	/* 2024 still counts by 2024's districts; the new units count it
	 * when asked; the present counts by the present */
	assert_int_equal(count_in("794", "2024-12-31", NULL), district_2024);
	assert_int_equal(count_in("802", "2024-12-31", NULL), 1);
	assert_int_equal(count_in("27694", "2024-12-31", NULL), 2);
	assert_int_equal(count_in("27694", "2024-12-31", "2025-07-01"), 4);
	assert_int_equal(count_in("27931", "2025-08-01", NULL), 1);
	/* the targets of 2024 too, organisations included */
	targets_2024("794", now);
	for (int id = 0; id < TARGET_COUNT; id++)
		assert_true(now[id].num == t794[id].num && now[id].den == t794[id].den);
	targets_2024("802", now);
	for (int id = 0; id < TARGET_COUNT; id++)
		assert_true(now[id].num == t802[id].num && now[id].den == t802[id].den);
	/* who was a commune's or a district's cadre in 2024 is told by the
	 * units of 2024, though the configuration now has two tiers */
	assert_int_equal(count_pop("794", "2024-12-31", NULL, POP_COMMUNE, 2), 3);
	assert_int_equal(count_pop("80", "2024-12-31", NULL, POP_DEPT, 2), 2);
	/* and today every moved cadre is a commune's */
	assert_int_equal(count_pop("80", "2025-08-01", NULL, POP_COMMUNE, 2), 5);
	/* the configuration is now the database's: start writes nothing */
	int64_t audit1 = sf_count(S, "SELECT count(*) FROM audit");
	assert_int_equal(store_sync_units(S, &new_cfg, &err), CB_OK);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM audit"), audit1);
	/* records go to units in force only */
	cadre cd;
	sf_cadre(S, &cd, "Mai Văn Hùng", "1980-02-02", 1);
	assert_int_equal(store_unit_by_code(S, "794", &u, &err), CB_OK);
	cd.unit_id = u.id;
	assert_int_equal(store_cadre_insert(S, &cd, &new_cfg, &err), CB_EINVALID);
	assert_non_null(strstr(err.msg, "ended"));
}

static void test_a_reader_migrates_only_units_in_scope(void **state)
{
	bool units[3] = {false, false, true};
	access_scope sc = {.province = false, .units = units, .readable = units};
	units_migrate_info info;
	cb_error err;
	int64_t before[6], after[6];
	(void)state;
	snapshot(before);
	assert_int_equal(migrate(full_map, false, &sc, &info, &err), CB_EACCESS);
	units_migrate_info_free(&info);
	snapshot(after);
	assert_memory_equal(before, after, sizeof before);
	/* the whole province may */
	sc.province = true;
	assert_int_equal(migrate(full_map, false, &sc, &info, &err), CB_OK);
	units_migrate_info_free(&info);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_map_reads_headers_comments_and_refuses_bad_lines),
		cmocka_unit_test_setup_teardown(
			test_start_ends_an_empty_dropped_unit_and_refuses_a_full_one, setup,
			sf_teardown),
		cmocka_unit_test_setup_teardown(
			test_an_unmapped_unit_refuses_everything_and_is_listed, setup, sf_teardown),
		cmocka_unit_test_setup_teardown(test_a_dry_run_counts_and_changes_nothing, setup,
						sf_teardown),
		cmocka_unit_test_setup_teardown(test_migration_moves_records_and_keeps_the_past,
						setup, sf_teardown),
		cmocka_unit_test_setup_teardown(test_a_reader_migrates_only_units_in_scope, setup,
						sf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
