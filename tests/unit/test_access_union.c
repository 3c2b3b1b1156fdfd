/* test_access_union.c - scopes made of several parts (access.h): [scope]
 * entries naming communes, districts and party organisations, resolved
 * into the union of their rows, and the store holding every list, count
 * and record to that union, holes included. */
#include "store_fixture.h"

#include <sys/stat.h>

#include "access.h"
#include "audit.h"
#include "plans.h"
#include "stats.h"
#include "i18n.h"
#include "import.h"
#include "store_sql.h"
#include "trash.h"

/* ---- [scope] in the configuration ---------------------------------- */

typedef struct cfx {
	char dir[256];
	cfg *c;
	cb_error err;
} cfx;

static int load(cfx *f, const char *province, const char *d794, const char *d795)
{
	char sub[300];

	if (!fixture_tmpdir(f->dir, sizeof f->dir))
		return -1;
	if (fixture_write(f->dir, "canbo.ini", province))
		return -1;
	if (d794) {
		snprintf(sub, sizeof sub, "%s/districts", f->dir);
		if (mkdir(sub, 0755) || fixture_write(f->dir, "districts/794.ini", d794) ||
		    fixture_write(f->dir, "districts/795.ini", d795))
			return -1;
	}
	return config_load_dir(&f->c, f->dir, &f->err);
}

static void unload(cfx *f)
{
	config_free(f->c);
	fixture_rmtree(f->dir);
}

static const char *three_tiers = "[province]\ncode = 80\nname = Tỉnh Long An\n"
				 "[access]\nread = chief, carol, dave, erin\n"
				 "[scope]\n"
				 "27685 = carol\n"	 /* a commune of 794 */
				 "27787 = carol, dave\n" /* a commune of 795 */
				 "794 = dave\n"		 /* and a whole district */
				 "org.7 = erin\n";
static const char *d794 = "[district]\ncode = 794\nname = Thành phố Tân An\n"
			  "[communes]\n27685 = Phường 5\n27691 = Phường 4\n";
static const char *d795 = "[district]\ncode = 795\nname = Thị xã Kiến Tường\n"
			  "[communes]\n27787 = Phường 1\n27790 = Xã Bình Hiệp\n"
			  "[access]\nread = bob\n";

static bool has(const cfx *f, const access_scope *s, const char *code)
{
	return access_scope_has_unit(s, config_unit_index(f->c, code));
}

/* Communes of two districts: those two, nothing else, and --district
 * narrows to the part of them below it. */
static void test_communes_of_two_districts(void **state)
{
	cfx f = {0};
	access_scope s;
	(void)state;

	assert_int_equal(load(&f, three_tiers, d794, d795), CB_OK);
	assert_int_equal(access_scope_resolve(f.c, "carol", NULL, &s, &f.err), CB_OK);
	assert_true(s.limited);
	assert_false(s.province);
	assert_int_equal(s.count, 2);
	assert_true(has(&f, &s, "27685"));
	assert_true(has(&f, &s, "27787"));
	assert_false(has(&f, &s, "27691"));
	assert_false(has(&f, &s, "27790"));
	assert_false(has(&f, &s, "794")); /* the district's own rows are not hers */
	assert_string_equal(s.unit_code, "");
	access_scope_free(&s);
	/* a district narrows to her commune in it */
	assert_int_equal(access_scope_resolve(f.c, "carol", "794", &s, &f.err), CB_OK);
	assert_true(has(&f, &s, "27685"));
	assert_false(has(&f, &s, "27787"));
	assert_string_equal(s.office->code, "794");
	access_scope_free(&s);
	/* never widens: a commune she does not hold, the province */
	assert_int_equal(access_scope_resolve(f.c, "carol", "27691", &s, &f.err), CB_EACCESS);
	assert_int_equal(access_scope_resolve(f.c, "carol", "80", &s, &f.err), CB_EACCESS);
	unload(&f);
}

/* A district and a commune of another: the union. The province's reader
 * named in no [scope] entry keeps everything. */
static void test_district_and_commune(void **state)
{
	cfx f = {0};
	access_scope s;
	(void)state;

	assert_int_equal(load(&f, three_tiers, d794, d795), CB_OK);
	assert_int_equal(access_scope_resolve(f.c, "dave", NULL, &s, &f.err), CB_OK);
	assert_true(has(&f, &s, "794"));
	assert_true(has(&f, &s, "27691"));
	assert_true(has(&f, &s, "27787"));
	assert_false(has(&f, &s, "27790"));
	assert_false(has(&f, &s, "795"));
	access_scope_free(&s);
	assert_int_equal(access_scope_resolve(f.c, "chief", NULL, &s, &f.err), CB_OK);
	assert_true(s.province);
	assert_false(s.limited);
	access_scope_free(&s);
	unload(&f);
}

/* [scope] narrows what [access] lets one read; it never grants: a
 * commune of a district whose list leaves the user out stays closed. */
static void test_scope_never_grants(void **state)
{
	cfx f = {0};
	access_scope s;
	(void)state;

	assert_int_equal(load(&f,
			      "[province]\ncode = 80\nname = Tỉnh Long An\n"
			      "[scope]\n27787 = alice\n27685 = alice\n",
			      "[district]\ncode = 794\nname = Thành phố Tân An\n"
			      "[communes]\n27685 = Phường 5\n[access]\nread = alice\n",
			      "[district]\ncode = 795\nname = Thị xã Kiến Tường\n"
			      "[communes]\n27787 = Phường 1\n[access]\nread = bob\n"),
			 CB_OK);
	assert_int_equal(access_scope_resolve(f.c, "alice", NULL, &s, &f.err), CB_OK);
	assert_true(has(&f, &s, "27685"));
	assert_false(has(&f, &s, "27787"));
	/* one whole commune: the session works in it */
	assert_string_equal(s.unit_code, "27685");
	access_scope_free(&s);
	assert_int_equal(access_scope_resolve(f.c, "alice", "27787", &s, &f.err), CB_EACCESS);
	unload(&f);
}

/* Two tiers: no districts, a commune office held to its communes. */
static void test_two_tier_commune_office(void **state)
{
	cfx f = {0};
	access_scope s;
	(void)state;

	assert_int_equal(load(&f,
			      "[province]\ncode = 80\nname = Tỉnh Tây Ninh\ntiers = 2\n"
			      "[communes]\n27727 = Xã Hưng Điền\n27736 = Xã Vĩnh Thạnh\n"
			      "27721 = Xã Tân Hưng\n"
			      "[scope]\n27727 = @nobody-group, dan\n27721 = dan\n",
			      NULL, NULL),
			 CB_OK);
	assert_int_equal(access_scope_resolve(f.c, "dan", NULL, &s, &f.err), CB_OK);
	assert_true(has(&f, &s, "27727"));
	assert_true(has(&f, &s, "27721"));
	assert_false(has(&f, &s, "27736"));
	assert_false(has(&f, &s, "80"));
	assert_false(s.province);
	access_scope_free(&s);
	assert_int_equal(access_scope_resolve(f.c, "dan", "27736", &s, &f.err), CB_EACCESS);
	assert_int_equal(access_scope_resolve(f.c, "dan", "27721", &s, &f.err), CB_OK);
	assert_string_equal(s.unit_code, "27721");
	assert_false(has(&f, &s, "27727"));
	access_scope_free(&s);
	/* anyone else: the province */
	assert_int_equal(access_scope_resolve(f.c, "erin", NULL, &s, &f.err), CB_OK);
	assert_true(s.province);
	access_scope_free(&s);
	unload(&f);
}

/* Organisations are listed by id; an unknown unit is refused with its
 * line, and so is a key that is neither. */
static void test_scope_entries_checked(void **state)
{
	cfx f = {0};
	access_scope s;
	(void)state;

	assert_int_equal(load(&f, three_tiers, d794, d795), CB_OK);
	assert_int_equal(access_scope_resolve(f.c, "erin", NULL, &s, &f.err), CB_OK);
	assert_int_equal(s.org_count, 1);
	assert_int_equal(s.orgs[0], 7);
	assert_false(has(&f, &s, "27685")); /* no unit of her own */
	access_scope_free(&s);
	unload(&f);
	memset(&f, 0, sizeof f);
	assert_int_equal(load(&f,
			      "[province]\ncode = 80\nname = Tỉnh Tây Ninh\ntiers = 2\n"
			      "[communes]\n27727 = Xã Hưng Điền\n[scope]\n27999 = dan\n",
			      NULL, NULL),
			 CB_ECONFIG);
	assert_non_null(strstr(f.err.msg, "canbo.ini:8"));
	assert_non_null(strstr(f.err.msg, "27999"));
	fixture_rmtree(f.dir);
	memset(&f, 0, sizeof f);
	assert_int_equal(load(&f,
			      "[province]\ncode = 80\nname = Tỉnh Tây Ninh\ntiers = 2\n"
			      "[communes]\n27727 = Xã Hưng Điền\n[scope]\norg.x = dan\n",
			      NULL, NULL),
			 CB_ECONFIG);
	assert_non_null(strstr(f.err.msg, "org.x"));
	fixture_rmtree(f.dir);
}

/* ---- the store holds everything to the union ------------------------- */

/* Scope of the units named (configuration codes of sf_cfg) and org. */
static void scope_to(store *s, int64_t org, ...)
{
	bool units[16] = {false}, readable[16];
	long long orgs[1] = {org};
	access_scope sc = {0};
	cb_error err;
	va_list ap;
	const char *code;

	va_start(ap, org);
	while ((code = va_arg(ap, const char *)))
		for (size_t i = 0; i < sf_cfg.unit_count; i++)
			units[i] = units[i] || strcmp(sf_cfg.units[i].code, code) == 0;
	va_end(ap);
	for (size_t i = 0; i < 16; i++)
		readable[i] = true;
	sc.units = units;
	sc.readable = readable;
	sc.orgs = org ? orgs : NULL;
	sc.org_count = org ? 1 : 0;
	assert_int_equal(store_scope_from(s, &sf_cfg, &sc, &err), CB_OK);
}

static int64_t add_in(store *s, const char *name, const char *unit_code, int64_t org)
{
	cadre cd;
	cb_error err;
	sf_cadre(s, &cd, name, "1980-01-01", 1);
	cd.unit_id = sf_unit(s, unit_code).id;
	cd.org_id = org;
	assert_int_equal(store_cadre_insert(s, &cd, &sf_cfg, &err), CB_OK);
	return cd.id;
}

static int64_t add_org(store *s, const char *name, const char *unit_code, int64_t parent)
{
	org_row o;
	cb_error err;
	memset(&o, 0, sizeof o);
	snprintf(o.name, sizeof o.name, "%s", name);
	o.kind = 6;
	o.parent_id = parent;
	o.unit_id = sf_unit(s, unit_code).id;
	assert_int_equal(store_org_insert(s, &o, &err), CB_OK);
	return o.id;
}

static int64_t count_list(store *s)
{
	search_query q;
	int64_t count = -1;
	cb_error err;

	memset(&q, 0, sizeof q);
	filter_init(&q.filter);
	assert_int_equal(search_count(s, &q, &count, &err), CB_OK);
	return count;
}

/* The units in sf_cfg's pre-order: 80, 794, 27694, 27692, 802, 27931,
 * 27940. A scope of 27694 and 27940 has 27692, 802 and 27931 as holes
 * between its ends. */
static void test_store_union_of_communes(void **state)
{
	search_query q;
	stats_query sq;
	stats_table t;
	char names[8][CADRE_NAME_MAX];
	cadre cd;
	audit_row *rows;
	trash_entry *tl;
	org_row *orgs;
	plans_query pq;
	plan p, *pl;
	size_t n;
	int done = -1, total = -1;
	cb_error err;
	audit_query aq = {0};
	(void)state;

	int64_t a = add_in(S, "Nguyễn Văn An", "27694", 0);
	int64_t b = add_in(S, "Trần Thị Bình", "27692", 0);
	add_in(S, "Lê Văn Cường", "27931", 0);
	int64_t d = add_in(S, "Phạm Thị Dung", "27940", 0);
	add_in(S, "Võ Văn Em", "802", 0);
	int64_t hole_org = add_org(S, "Đảng ủy thị trấn Hậu Nghĩa", "27931", 0);
	add_org(S, "Đảng ủy xã Lộc Giang", "27940", 0);
	memset(&p, 0, sizeof p);
	p.cadre_id = b;
	p.year = 2024;
	p.sources = 1;
	assert_int_equal(plans_create(S, &p, date_from_ymd(2025, 6, 15), &err), CB_OK);
	int64_t in_trash = 0;
	assert_int_equal(
		trash_delete(S, "cadre", add_in(S, "Đỗ Văn Giang", "27931", 0), 0, &in_trash, &err),
		CB_OK);

	scope_to(S, 0, "27694", "27940", (const char *)NULL);
	/* lists, searches and counts */
	assert_int_equal(count_list(S), 2);
	memset(&q, 0, sizeof q);
	filter_init(&q.filter);
	assert_int_equal(sf_names(S, &q, names, 8), 2);
	q.sort = SORT_UNIT;
	assert_int_equal(sf_names(S, &q, names, 8), 2);
	assert_string_equal(names[0], "Nguyễn Văn An");
	assert_string_equal(names[1], "Phạm Thị Dung");
	q.text = "Bình";
	assert_int_equal(sf_names(S, &q, names, 8), 0);
	/* breakdowns */
	stats_query_init(&sq, NULL);
	sq.dim[0] = DIM_GENDER;
	sq.dim[1] = DIM_NONE;
	assert_int_equal(stats_run(S, &sq, &t, &err), CB_OK);
	assert_int_equal(t.total, 2);
	/* records inside and in a hole */
	assert_int_equal(store_cadre_get(S, a, &cd, &err), CB_OK);
	assert_int_equal(store_cadre_get(S, d, &cd, &err), CB_OK);
	assert_int_equal(store_cadre_get(S, b, &cd, &err), CB_EACCESS);
	assert_int_equal(store_rating_set(S, b, 2024, 2, &err), CB_EACCESS);
	/* plans, self-checks, history, trash, organisations */
	assert_int_equal(plans_get(S, p.id, date_from_ymd(2025, 6, 15), &p, &err), CB_EACCESS);
	plans_query_init(&pq, date_from_ymd(2025, 6, 15));
	assert_int_equal(plans_list(S, &pq, &pl, &n, &err), CB_OK);
	assert_int_equal(n, 0);
	free(pl);
	assert_int_equal(selfcheck_count(S, "2025-06", 0, 0, 0, &done, &total, &err), CB_OK);
	assert_int_equal(total, 2);
	assert_int_equal(store_audit_list(S, &aq, &rows, &n, &err), CB_OK);
	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i].table, "cadre") == 0)
			assert_true(rows[i].row == a || rows[i].row == d);
	store_audit_free(rows, n);
	assert_int_equal(trash_list(S, &tl, &n, &err), CB_OK);
	assert_int_equal(n, 0);
	free(tl);
	assert_int_equal(trash_restore(S, in_trash, &err), CB_EACCESS);
	assert_int_equal(store_org_tree(S, 0, 2024, &orgs, &n, &err), CB_OK);
	assert_int_equal(n, 1);
	assert_string_equal(orgs[0].name, "Đảng ủy xã Lộc Giang");
	free(orgs);
	assert_int_equal(store_org_rating_set(S, hole_org, 2024, 2, &err), CB_EACCESS);
	/* targets by district: the two districts touched, and only the
	 * organisation of the scope counted (not the hole's) */
	target_column *cols;
	assert_int_equal(
		targets_by_district(S, &sf_cfg, date_from_ymd(2025, 6, 15), 2024, &cols, &n, &err),
		CB_OK);
	assert_int_equal(n, 3);
	assert_string_equal(cols[1].code, "794");
	assert_string_equal(cols[2].code, "802");
	assert_int_equal(cols[0].result[T_ORG_GRASSROOTS_GOOD].den, 1);
	assert_int_equal(cols[2].result[T_ORG_GRASSROOTS_GOOD].den, 1);
	free(cols);
	/* a write into a hole is refused */
	sf_cadre(S, &cd, "Hồ Văn Hải", "1981-01-01", 1);
	cd.unit_id = sf_unit(S, "27931").id;
	assert_int_equal(store_cadre_insert(S, &cd, &sf_cfg, &err), CB_EACCESS);
}

/* A party organisation brings its own and its children's cadres and
 * organisations, wherever their unit; nothing else of that unit. */
static void test_store_party_organisation(void **state)
{
	cadre cd;
	org_row *orgs;
	size_t n;
	cb_error err;
	(void)state;

	int64_t top = add_org(S, "Đảng bộ Khối cơ quan", "802", 0);
	int64_t cell = add_org(S, "Chi bộ Văn phòng", "27931", top);
	add_org(S, "Đảng ủy xã Lộc Giang", "27940", 0);
	int64_t a = add_in(S, "Nguyễn Văn An", "27694", 0);
	int64_t member = add_in(S, "Trần Thị Bình", "27931", cell);
	int64_t other = add_in(S, "Lê Văn Cường", "27931", 0);
	add_in(S, "Phạm Thị Dung", "27940", 0);

	scope_to(S, top, "27694", (const char *)NULL);
	assert_int_equal(count_list(S), 2);
	/* the list itself, in name order, the organisation's member in a
	 * unit beyond the scope's among them, typed for or not */
	assert_int_equal(sf_listed(S, NULL, NULL), 2);
	assert_int_equal(sf_listed(S, "binh", NULL), 1);
	/* the same when a larger scope would be read against its ranks */
	store_search_state(S)->place_walk = -1;
	store_search_state(S)->rank_walk = 1;
	store_search_state(S)->narrow_scope = 1;
	assert_int_equal(sf_listed(S, NULL, NULL), 2);
	assert_int_equal(sf_listed(S, "binh", NULL), 1);
	assert_int_equal(store_cadre_get(S, a, &cd, &err), CB_OK);
	assert_int_equal(store_cadre_get(S, member, &cd, &err), CB_OK);
	assert_int_equal(store_cadre_get(S, other, &cd, &err), CB_EACCESS);
	assert_int_equal(store_org_tree(S, 0, 2024, &orgs, &n, &err), CB_OK);
	assert_int_equal(n, 2); /* the bloc and its cell, not Lộc Giang's */
	free(orgs);
}

/* An import with rows outside the scope writes nothing and says which
 * rows, as a refusal of access (not as a bad file), even when other rows
 * are bad too. */
static void test_import_rows_outside(void **state)
{
	import_options o = {TEXT_ENC_UNKNOWN, false, NULL};
	import_report r;
	cb_error err = {0};
	const char *csv = "full_name,birth_date,gender,ethnicity,position,unit_code\r\n"
			  "Lê Văn Một,1971-01-01,male,Kinh,Bí thư,27694\r\n"
			  "Lê Văn Hai,1971-01-01,male,Kinh,Bí thư,27931\r\n"
			  "Lê Văn Ba,1971-01-01,male,Kinh,Bí thư,27940\r\n"
			  "Lê Văn Bốn,1971-01-01,male,Kinh,Bí thư,27692\r\n"
			  "Lê Văn Năm,not a date,male,Kinh,Bí thư,27694\r\n";
	(void)state;

	i18n_init("en");
	scope_to(S, 0, "27694", "27940", (const char *)NULL);
	assert_int_equal(import_cadres_text(S, &sf_cfg, csv, strlen(csv), &o, &r, &err),
			 CB_EACCESS);
	assert_int_equal(r.out_of_scope, 2);
	assert_int_equal(r.imported, 0);
	assert_non_null(strstr(err.msg, "lines 3, 5"));
	import_report_free(&r);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM cadre"), 0);
	/* the same file without those rows is only a bad file */
	const char *in = "full_name,birth_date,gender,ethnicity,position,unit_code\r\n"
			 "Lê Văn Năm,not a date,male,Kinh,Bí thư,27694\r\n";
	assert_int_equal(import_cadres_text(S, &sf_cfg, in, strlen(in), &o, &r, &err), CB_EINVALID);
	import_report_free(&r);
}

/* A scope that holds nothing shows nothing, not everything. */
static void test_store_empty_scope(void **state)
{
	(void)state;
	add_in(S, "Nguyễn Văn An", "27694", 0);
	scope_to(S, 0, (const char *)NULL);
	assert_int_equal(count_list(S), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_communes_of_two_districts),
		cmocka_unit_test(test_district_and_commune),
		cmocka_unit_test(test_scope_never_grants),
		cmocka_unit_test(test_two_tier_commune_office),
		cmocka_unit_test(test_scope_entries_checked),
		cmocka_unit_test_setup_teardown(test_store_union_of_communes, sf_setup,
						sf_teardown),
		cmocka_unit_test_setup_teardown(test_store_party_organisation, sf_setup,
						sf_teardown),
		cmocka_unit_test_setup_teardown(test_store_empty_scope, sf_setup, sf_teardown),
		cmocka_unit_test_setup_teardown(test_import_rows_outside, sf_setup, sf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
