/* test_access.c - a user's scope (access.h): which districts the access
 * lists give, how --district narrows it and never widens it, and the
 * store holding every read and write to the chosen subtree. */
#include "store_fixture.h"

#include <sys/stat.h>

#include "access.h"
#include "audit.h"
#include "plans.h"
#include "stats.h"
#include "trash.h"
#include "career_store.h"

/* ---- resolving the scope from the configuration ------------------------- */

typedef struct cfx {
	char dir[256];
	cfg *c;
	cb_error err;
} cfx;

static const char *d794 = "[district]\ncode = 794\nname = Thành phố Tân An\n"
			  "[communes]\n27685 = Phường 5\n27691 = Phường 4\n"
			  "[access]\nread = alice, both\n";
static const char *d795 = "[district]\ncode = 795\nname = Thị xã Kiến Tường\n"
			  "[communes]\n27787 = Phường 1\n"
			  "[access]\nread = bob, both\n";

static int cfg_setup(void **state)
{
	cfx *f = calloc(1, sizeof *f);
	char sub[300];

	if (!f || !fixture_tmpdir(f->dir, sizeof f->dir))
		return -1;
	snprintf(sub, sizeof sub, "%s/districts", f->dir);
	if (mkdir(sub, 0755) ||
	    fixture_write(f->dir, "canbo.ini",
			  "[province]\ncode = 80\nname = Tỉnh Long An\n[access]\nread = chief\n") ||
	    fixture_write(f->dir, "districts/794.ini", d794) ||
	    fixture_write(f->dir, "districts/795.ini", d795))
		return -1;
	if (config_load_dir(&f->c, f->dir, &f->err) != CB_OK) {
		fprintf(stderr, "%s\n", f->err.msg);
		return -1;
	}
	*state = f;
	return 0;
}

static int cfg_teardown(void **state)
{
	cfx *f = *state;
	config_free(f->c);
	fixture_rmtree(f->dir);
	free(f);
	return 0;
}

static void test_one_district_user_works_in_it(void **state)
{
	cfx *f = *state;
	access_scope s;

	assert_int_equal(access_scope_resolve(f->c, "alice", NULL, &s, &f->err), CB_OK);
	assert_false(s.province);
	assert_false(s.own_units);
	assert_int_equal(s.count, 1);
	assert_non_null(s.office);
	assert_string_equal(s.office->code, "794");
	assert_string_equal(s.unit_code, "794");
	assert_true(access_scope_covers(&s, f->c, config_district(f->c, "794")));
	assert_false(access_scope_covers(&s, f->c, config_district(f->c, "795")));
	assert_false(access_scope_covers(&s, f->c, NULL));
	access_scope_free(&s);
}

static void test_district_narrows_never_widens(void **state)
{
	cfx *f = *state;
	access_scope s;

	/* within: a commune of 794 */
	assert_int_equal(access_scope_resolve(f->c, "alice", "27691", &s, &f->err), CB_OK);
	assert_string_equal(s.unit_code, "27691");
	assert_string_equal(s.office->code, "794");
	access_scope_free(&s);
	/* outside: 795, a commune of 795, the province itself */
	assert_int_equal(access_scope_resolve(f->c, "alice", "795", &s, &f->err), CB_EACCESS);
	assert_non_null(strstr(f->err.msg, "795.ini"));
	assert_int_equal(access_scope_resolve(f->c, "alice", "27787", &s, &f->err), CB_EACCESS);
	assert_int_equal(access_scope_resolve(f->c, "alice", "80", &s, &f->err), CB_EACCESS);
	/* unknown code: a usage error, not a scope question */
	assert_int_equal(access_scope_resolve(f->c, "alice", "99999", &s, &f->err), CB_EUSAGE);
}

static void test_province_user_sees_everything(void **state)
{
	cfx *f = *state;
	access_scope s;

	assert_int_equal(access_scope_resolve(f->c, "chief", NULL, &s, &f->err), CB_OK);
	assert_true(s.province);
	assert_null(s.office);
	assert_string_equal(s.unit_code, "");
	access_scope_free(&s);
	assert_int_equal(access_scope_resolve(f->c, "chief", "795", &s, &f->err), CB_OK);
	assert_string_equal(s.unit_code, "795");
	access_scope_free(&s);
}

static void test_user_outside_every_list_gets_nothing(void **state)
{
	cfx *f = *state;
	access_scope s;

	assert_int_equal(access_scope_resolve(f->c, "mallory", NULL, &s, &f->err), CB_EACCESS);
	assert_non_null(strstr(f->err.msg, "mallory"));
	assert_int_equal(access_scope_resolve(f->c, "mallory", "794", &s, &f->err), CB_EACCESS);
	assert_null(s.covers);
}

/* Several districts are seen together, without a --district; one of
 * them may still be chosen. */
static void test_several_districts_seen_together(void **state)
{
	cfx *f = *state;
	access_scope s;

	assert_int_equal(access_scope_resolve(f->c, "both", NULL, &s, &f->err), CB_OK);
	assert_int_equal(s.count, 2);
	assert_false(s.province);
	assert_null(s.office);
	assert_string_equal(s.unit_code, "");
	assert_true(access_scope_has_unit(&s, config_unit_index(f->c, "27691")));
	assert_true(access_scope_has_unit(&s, config_unit_index(f->c, "27787")));
	assert_false(access_scope_has_unit(&s, 0)); /* the province's own unit */
	access_scope_free(&s);
	assert_int_equal(access_scope_resolve(f->c, "both", "795", &s, &f->err), CB_OK);
	assert_int_equal(s.count, 1);
	assert_false(access_scope_has_unit(&s, config_unit_index(f->c, "27691")));
	access_scope_free(&s);
	assert_int_equal(access_scope_resolve(f->c, "both", "80", &s, &f->err), CB_EACCESS);
}

/* ---- the store holds reads and writes to the scope ---------------------- */

static int64_t add_in(store *s, const char *name, const char *unit_code)
{
	cadre cd;
	cb_error err;
	sf_cadre(s, &cd, name, "1980-01-01", 1);
	cd.unit_id = sf_unit(s, unit_code).id;
	assert_int_equal(store_cadre_insert(s, &cd, &sf_cfg, &err), CB_OK);
	return cd.id;
}

static void scope_to(store *s, const char *code)
{
	unit_row u = sf_unit(s, code);
	store_set_scope(s, u.lo, u.hi);
}

static void test_store_lists_only_the_scope(void **state)
{
	search_query q;
	int64_t count = -1;
	cb_error err;
	char names[8][CADRE_NAME_MAX];
	(void)state;

	add_in(S, "Nguyễn Văn An", "27694");
	add_in(S, "Trần Thị Bình", "27931");
	add_in(S, "Lê Văn Cường", "802");
	scope_to(S, "794");
	memset(&q, 0, sizeof q);
	filter_init(&q.filter);
	assert_int_equal(search_count(S, &q, &count, &err), CB_OK);
	assert_int_equal(count, 1);
	assert_int_equal(sf_names(S, &q, names, 8), 1);
	assert_string_equal(names[0], "Nguyễn Văn An");
	/* asking for 802's subtree explicitly gives nothing, not 802's rows */
	unit_row u = sf_unit(S, "802");
	q.filter.unit_lo = u.lo;
	q.filter.unit_hi = u.hi;
	assert_int_equal(search_count(S, &q, &count, &err), CB_OK);
	assert_int_equal(count, 0);
}

static void test_store_refuses_a_record_outside(void **state)
{
	cadre cd;
	cb_error err;
	(void)state;

	int64_t in = add_in(S, "Nguyễn Văn An", "27694");
	int64_t out = add_in(S, "Trần Thị Bình", "27931");
	int64_t audit_before = sf_count(S, "SELECT count(*) FROM audit");
	scope_to(S, "794");

	assert_int_equal(store_cadre_get(S, in, &cd, &err), CB_OK);
	assert_int_equal(store_cadre_get(S, out, &cd, &err), CB_EACCESS);
	assert_non_null(strstr(err.msg, "outside"));
	/* no write reaches it either */
	assert_int_equal(store_rating_set(S, out, 2024, 2, &err), CB_EACCESS);
	assert_int_equal(store_cadre_delete(S, out, 1, &err), CB_EACCESS);
	/* nor may a cadre in scope be moved out of it, nor one added outside */
	assert_int_equal(store_cadre_get(S, in, &cd, &err), CB_OK);
	cd.unit_id = sf_unit(S, "27931").id;
	assert_int_equal(store_cadre_update(S, &cd, &sf_cfg, &err), CB_EACCESS);
	sf_cadre(S, &cd, "Phạm Văn Dũng", "1981-01-01", 1);
	cd.unit_id = sf_unit(S, "802").id;
	assert_int_equal(store_cadre_insert(S, &cd, &sf_cfg, &err), CB_EACCESS);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM cadre"), 2);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM rating"), 0);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM audit"), audit_before);
}

/* The trash keeps to the scope: no delete, restore or purge of a record
 * outside it, and its entries are not listed. */
static void test_trash_within_scope(void **state)
{
	trash_entry *list;
	size_t n;
	int64_t tin = 0, tout = 0;
	cb_error err;
	(void)state;

	int64_t in = add_in(S, "Nguyễn Văn An", "27694");
	int64_t out = add_in(S, "Trần Thị Bình", "27931");
	assert_int_equal(store_rating_set(S, out, 2024, 2, &err), CB_OK);
	int64_t rating = sf_count(S, "SELECT max(id) FROM rating");
	/* a province-level user deletes one of 795's cadres */
	assert_int_equal(trash_delete(S, "cadre", out, 0, &tout, &err), CB_OK);
	scope_to(S, "794");
	assert_int_equal(trash_delete(S, "cadre", in, 0, &tin, &err), CB_OK);
	assert_int_equal(trash_list(S, &list, &n, &err), CB_OK);
	assert_int_equal(n, 1);
	assert_int_equal(list[0].id, tin);
	free(list);
	assert_int_equal(trash_restore(S, tout, &err), CB_EACCESS);
	assert_int_equal(trash_purge(S, tout, &err), CB_EACCESS);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM trash"), 2);
	assert_int_equal(trash_restore(S, tin, &err), CB_OK);
	assert_int_equal(trash_delete(S, "rating", rating, 0, NULL, &err), CB_NOT_FOUND);
	scope_to(S, "80"); /* the whole province */
	assert_int_equal(trash_restore(S, tout, &err), CB_OK);
	scope_to(S, "794");
	assert_int_equal(trash_delete(S, "rating", rating, 0, NULL, &err), CB_EACCESS);
	assert_int_equal(trash_delete(S, "cadre", out, 0, NULL, &err), CB_EACCESS);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM cadre"), 2);
}

/* A cadre's career outside the scope is neither read nor written. */
static void test_career_within_scope(void **state)
{
	appointment_row *appts = NULL;
	departure_row d;
	discipline_row disc;
	size_t n = 0;
	cb_error err;
	(void)state;

	int64_t in = add_in(S, "Nguyễn Văn An", "27694");
	int64_t out = add_in(S, "Trần Thị Bình", "27931");
	scope_to(S, "794");
	assert_int_equal(store_appointments(S, in, &appts, &n, &err), CB_OK);
	free(appts);
	assert_int_equal(store_appointments(S, out, &appts, &n, &err), CB_EACCESS);
	assert_int_equal(store_departure_get(S, out, &d, &err), CB_EACCESS);
	assert_int_equal(store_depart_undo(S, out, 1, &err), CB_EACCESS);
	assert_int_equal(store_discipline_bar(S, out, date_today(), &disc, &err), CB_EACCESS);
	memset(&d, 0, sizeof d);
	d.cadre_id = out;
	d.kind = 1;
	snprintf(d.left_on, sizeof d.left_on, "2025-06-01");
	assert_int_equal(store_depart(S, &d, &err), CB_EACCESS);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM departure"), 0);
}

static void test_history_and_audit_within_scope(void **state)
{
	audit_row *rows;
	size_t n;
	cb_error err;
	audit_query q = {0};
	(void)state;

	int64_t in = add_in(S, "Nguyễn Văn An", "27694");
	int64_t out = add_in(S, "Trần Thị Bình", "27931");
	scope_to(S, "794");
	assert_int_equal(store_audit_list(S, &q, &rows, &n, &err), CB_OK);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].row, in);
	store_audit_free(rows, n);
	assert_int_equal(store_audit_for(S, "cadre", out, &rows, &n, &err), CB_OK);
	assert_int_equal(n, 0);
	store_audit_free(rows, n);
}

static void test_plans_and_selfchecks_within_scope(void **state)
{
	plans_query q;
	plan p;
	cb_error err;
	int done = -1, total = -1;
	(void)state;

	add_in(S, "Nguyễn Văn An", "27694");
	int64_t out = add_in(S, "Trần Thị Bình", "27931");
	memset(&p, 0, sizeof p);
	p.cadre_id = out;
	p.year = 2024;
	p.sources = 1;
	assert_int_equal(plans_create(S, &p, date_from_ymd(2025, 6, 15), &err), CB_OK);
	scope_to(S, "794");
	assert_int_equal(plans_get(S, p.id, date_from_ymd(2025, 6, 15), &p, &err), CB_EACCESS);
	plans_query_init(&q, date_from_ymd(2025, 6, 15));
	plan *list;
	size_t n;
	assert_int_equal(plans_list(S, &q, &list, &n, &err), CB_OK);
	assert_int_equal(n, 0);
	free(list);
	assert_int_equal(plans_query_unit(S, &q, "802", &err), CB_EACCESS);
	assert_int_equal(selfcheck_count(S, "2025-06", 0, 0, 0, &done, &total, &err), CB_OK);
	assert_int_equal(total, 1);
}

static void test_breakdowns_targets_and_orgs_within_scope(void **state)
{
	stats_query q;
	stats_table t;
	target_result r[TARGET_COUNT], r794[TARGET_COUNT];
	int pct[TARGET_COUNT] = {0};
	cadre_filter all, tan_an;
	org_row o, *orgs;
	size_t n;
	cb_error err;
	(void)state;

	add_in(S, "Nguyễn Văn An", "27694");
	add_in(S, "Trần Thị Bình", "27931");
	add_in(S, "Lê Văn Cường", "802");
	memset(&o, 0, sizeof o);
	snprintf(o.name, sizeof o.name, "Đảng ủy xã Lộc Giang");
	o.kind = 6;
	o.unit_id = sf_unit(S, "27940").id;
	assert_int_equal(store_org_insert(S, &o, &err), CB_OK);
	/* the province's figures, before the scope */
	filter_init(&tan_an);
	tan_an.as_of = date_from_ymd(2025, 6, 15);
	unit_row u = sf_unit(S, "794");
	tan_an.unit_lo = u.lo;
	tan_an.unit_hi = u.hi;
	assert_int_equal(targets_eval(S, &tan_an, 2024, pct, r794, &err), CB_OK);

	scope_to(S, "794");
	stats_query_init(&q, NULL);
	q.dim[0] = DIM_GENDER;
	q.dim[1] = DIM_NONE;
	assert_int_equal(stats_run(S, &q, &t, &err), CB_OK);
	assert_int_equal(t.total, 1);
	/* targets over "everything" are 794's, to the count */
	filter_init(&all);
	all.as_of = tan_an.as_of;
	assert_int_equal(targets_eval(S, &all, 2024, pct, r, &err), CB_OK);
	for (int i = 0; i < TARGET_COUNT; i++) {
		assert_int_equal(r[i].num, r794[i].num);
		assert_int_equal(r[i].den, r794[i].den);
	}
	/* by district: 794's column alone, and a whole that is 794's */
	target_column *cols;
	assert_int_equal(targets_by_district(S, &sf_cfg, tan_an.as_of, 2024, &cols, &n, &err),
			 CB_OK);
	assert_int_equal(n, 2);
	assert_string_equal(cols[1].code, "794");
	for (int i = 0; i < TARGET_COUNT; i++) {
		assert_int_equal(cols[0].result[i].num, r794[i].num);
		assert_int_equal(cols[0].result[i].den, r794[i].den);
		assert_int_equal(cols[1].result[i].den, r794[i].den);
	}
	free(cols);
	/* 802's organisation is neither listed nor rated */
	assert_int_equal(store_org_tree(S, 0, 2024, &orgs, &n, &err), CB_OK);
	assert_int_equal(n, 0);
	free(orgs);
	assert_int_equal(store_org_rating_set(S, o.id, 2024, 2, &err), CB_EACCESS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_one_district_user_works_in_it, cfg_setup,
						cfg_teardown),
		cmocka_unit_test_setup_teardown(test_district_narrows_never_widens, cfg_setup,
						cfg_teardown),
		cmocka_unit_test_setup_teardown(test_province_user_sees_everything, cfg_setup,
						cfg_teardown),
		cmocka_unit_test_setup_teardown(test_user_outside_every_list_gets_nothing,
						cfg_setup, cfg_teardown),
		cmocka_unit_test_setup_teardown(test_several_districts_seen_together, cfg_setup,
						cfg_teardown),
		cmocka_unit_test_setup_teardown(test_store_lists_only_the_scope, sf_setup,
						sf_teardown),
		cmocka_unit_test_setup_teardown(test_store_refuses_a_record_outside, sf_setup,
						sf_teardown),
		cmocka_unit_test_setup_teardown(test_trash_within_scope, sf_setup, sf_teardown),
		cmocka_unit_test_setup_teardown(test_career_within_scope, sf_setup, sf_teardown),
		cmocka_unit_test_setup_teardown(test_history_and_audit_within_scope, sf_setup,
						sf_teardown),
		cmocka_unit_test_setup_teardown(test_plans_and_selfchecks_within_scope, sf_setup,
						sf_teardown),
		cmocka_unit_test_setup_teardown(test_breakdowns_targets_and_orgs_within_scope,
						sf_setup, sf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
