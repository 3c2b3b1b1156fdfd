/* test_pool_groups.c - the planning pool read a title at a time (what the
 * "Quy hoạch" screen shows as the user pages: store_pool_groups, then
 * store_pool_group_entries) is store_pool_list (what `canbo pool list`
 * prints), entry for entry and in its order: for every term or one, the
 * entries in force or the removed ones, over the province, a district,
 * and for a reader limited to a district. */
#include "store_fixture.h"

#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "career_store.h"

static void exec(const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(store_db(S), sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s", msg);
}

/* 600 cadres in the four communes, their names in an order unlike their
 * ids; pools of two terms for three titles of their communes and
 * districts, some entries removed. */
static int setup(void **state)
{
	sf_setup(state);
	exec("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 599)"
	     " INSERT INTO cadre(full_name, name_fold, sort_key, rank, birth_date, gender,"
	     " ethnicity, unit_id, position, pos_rank, level, education, theory)"
	     " SELECT 'Cán bộ ' || (i * 37 % 101), 'can bo', CAST(printf('%05d', i * 37 % 101)"
	     " AS BLOB), 1000000 + i, date('1970-01-01', '+' || (i * 29) || ' days'), 1 + i % 2,"
	     " 'Kinh', (SELECT id FROM unit WHERE code = CASE i % 4 WHEN 0 THEN '27694'"
	     " WHEN 1 THEN '27692' WHEN 2 THEN '27931' ELSE '27940' END),"
	     " 'Chuyên viên', 5, 3, 4, 2 FROM n;"
	     "INSERT INTO pool(cadre_id, term, title, unit_id, added_on, removed_on)"
	     " SELECT c.id, CASE WHEN c.id % 3 THEN '2025-2030' ELSE '2020-2025' END,"
	     " CASE c.id % 5 WHEN 0 THEN 'x-ct' WHEN 1 THEN 'x-pct' ELSE 'h-tp' END,"
	     " CASE WHEN c.id % 5 < 2 THEN c.unit_id ELSE u.parent_id END, '2025-01-01',"
	     " CASE WHEN c.id % 7 = 0 THEN '2025-05-01' ELSE '' END"
	     " FROM cadre c JOIN unit u ON u.id = c.unit_id WHERE c.id % 2 = 0;");
	return 0;
}

static bool same(const pool_row *a, const pool_row *b)
{
	return a->id == b->id && a->version == b->version && a->cadre_id == b->cadre_id &&
	       a->unit_id == b->unit_id && !strcmp(a->term, b->term) &&
	       !strcmp(a->title, b->title) && !strcmp(a->added_on, b->added_on) &&
	       !strcmp(a->removed_on, b->removed_on) &&
	       !strcmp(a->removed_reason, b->removed_reason) &&
	       !strcmp(a->full_name, b->full_name) && !strcmp(a->birth_date, b->birth_date) &&
	       a->gender == b->gender && a->level == b->level && a->pos_rank == b->pos_rank &&
	       !strcmp(a->unit_name, b->unit_name);
}

/* Every group's entries, one after the other, are the whole list. */
static void check(const char *term, int64_t lo, int64_t hi, bool removed)
{
	pool_row *all = NULL;
	pool_group *g = NULL;
	size_t n = 0, ng = 0, at = 0;
	cb_error err;

	assert_int_equal(store_pool_list(S, term, lo, hi, removed, &all, &n, &err), CB_OK);
	assert_int_equal(store_pool_groups(S, term, lo, hi, removed, &g, &ng, &err), CB_OK);
	for (size_t i = 0; i < ng; i++) {
		pool_row *v = NULL;
		size_t m = 0;
		assert_int_equal(store_pool_group_entries(S, &g[i], lo, hi, removed, &v, &m, &err),
				 CB_OK);
		assert_int_equal(m, g[i].n);
		assert_true(m > 0);
		for (size_t j = 0; j < m; j++, at++) {
			assert_true(at < n);
			if (!same(&v[j], &all[at]))
				fail_msg("term '%s' %lld..%lld: entry %zu is #%lld, the list has "
					 "#%lld",
					 term, (long long)lo, (long long)hi, at, (long long)v[j].id,
					 (long long)all[at].id);
			/* a group is one title in one unit for one term */
			assert_string_equal(v[j].term, g[i].term);
			assert_string_equal(v[j].title, g[i].title);
			assert_int_equal(v[j].unit_id, g[i].unit_id);
		}
		free(v);
	}
	assert_int_equal(at, n);
	free(all);
	free(g);
}

static void check_all(void)
{
	unit_row district = sf_unit(S, "802"), commune = sf_unit(S, "27694");
	const int64_t scopes[][2] = {{0, 0}, {district.lo, district.hi}, {commune.lo, commune.hi}};

	for (size_t s = 0; s < 3; s++)
		for (int removed = 0; removed < 2; removed++) {
			check("", scopes[s][0], scopes[s][1], removed);
			check("2025-2030", scopes[s][0], scopes[s][1], removed);
			check("2020-2025", scopes[s][0], scopes[s][1], removed);
		}
}

static void test_a_title_at_a_time_is_the_whole_pool_in_its_order(void **state)
{
	pool_group *g = NULL;
	size_t ng = 0;
	cb_error err;
	(void)state;
	check_all();
	/* several titles, units and terms, so the order is tried */
	assert_int_equal(store_pool_groups(S, "", 0, 0, false, &g, &ng, &err), CB_OK);
	assert_true(ng >= 12);
	free(g);
}

static void test_a_reader_limited_to_a_district_reads_the_same(void **state)
{
	unit_row district = sf_unit(S, "802");
	pool_row *v = NULL;
	size_t n = 0;
	cb_error err;
	(void)state;
	store_set_scope(S, district.lo, district.hi);
	check_all();
	assert_int_equal(store_pool_list(S, "", 0, 0, false, &v, &n, &err), CB_OK);
	assert_true(n > 0);
	for (size_t i = 0; i < n; i++)
		assert_true(strstr(v[i].unit_name, "Đức Hòa") ||
			    strstr(v[i].unit_name, "Hậu Nghĩa") ||
			    strstr(v[i].unit_name, "Lộc Giang"));
	free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_a_title_at_a_time_is_the_whole_pool_in_its_order, setup, sf_teardown),
		cmocka_unit_test_setup_teardown(test_a_reader_limited_to_a_district_reads_the_same,
						setup, sf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
