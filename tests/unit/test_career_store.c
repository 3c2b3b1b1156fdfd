/* test_career_store.c - appointments, leaving the list, the discipline
 * register, the planning pool's rules and the calendar of what falls due,
 * in a database (today is 15/06/2025). */
#include <limits.h>

#include "store_fixture.h"

#include "career_store.h"
#include "stats.h"
#include "../../src/core/store_internal.h"

static career_rules R;

static int setup(void **state)
{
	career_rules_default(&R);
	/* the titles of a commune and of a district, as career.ini ships them */
	R.titles[0] = (career_title){3, 1, "x-bt", "Bí thư Đảng ủy xã"};
	R.titles[1] = (career_title){3, 3, "x-ct", "Chủ tịch UBND xã"};
	R.titles[2] = (career_title){3, 4, "x-pct", "Phó Chủ tịch UBND xã"};
	R.titles[3] = (career_title){2, 7, "h-tp", "Trưởng phòng"};
	R.titles[4] = (career_title){2, 1, "h-bt", "Bí thư Huyện ủy"};
	R.title_count = 5;
	return sf_setup(state);
}

static cb_date D(const char *iso)
{
	cb_date d = CB_DATE_NONE;
	assert_true(date_parse_iso(iso, &d));
	return d;
}

/* Cadres on the list as of a date, counted through the shared filter. */
static int64_t on_list(const char *as_of)
{
	cadre_filter f;
	filter_sql fs;
	sqlite3_stmt *st;
	char sql[4096];
	int64_t n = -1;

	filter_init(&f);
	f.as_of = D(as_of);
	assert_true(filter_build(&f, &fs));
	snprintf(sql, sizeof sql, "SELECT count(*) FROM cadre c WHERE 1%s", fs.where);
	assert_int_equal(sqlite3_prepare_v2(store_db(S), sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(filter_bind(&fs, st, 1), CB_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static int64_t stats_total(const char *as_of)
{
	stats_query q;
	stats_table t;
	cb_error err;
	stats_query_init(&q, NULL);
	q.base.as_of = D(as_of);
	assert_int_equal(stats_run(S, &q, &t, &err), CB_OK);
	return t.total;
}

static void appoint(int64_t id, const char *position, int rank, const char *start,
		    const char *term_end)
{
	appointment_row a;
	cadre cd;
	cb_error err;
	assert_int_equal(store_cadre_get(S, id, &cd, &err), CB_OK);
	memset(&a, 0, sizeof a);
	a.cadre_id = id;
	a.kind = 1;
	snprintf(a.position, sizeof a.position, "%s", position);
	a.pos_rank = rank;
	snprintf(a.decision, sizeof a.decision, "123-QĐ/TU");
	snprintf(a.start_on, sizeof a.start_on, "%s", start);
	snprintf(a.term_end, sizeof a.term_end, "%s", term_end);
	if (store_appoint(S, &sf_cfg, &R, cd.version, &a, &err))
		fail_msg("appoint: %s", err.msg);
}

static void test_appointment_becomes_the_current_post_with_a_five_year_term(void **state)
{
	int64_t id = sf_add(S, "Nguyễn Văn An", "1975-04-30", 1);
	appointment_row *rows;
	size_t n;
	cadre cd;
	cb_error err;
	(void)state;
	appoint(id, "Phó Chủ tịch UBND phường", 4, "2021-03-01", "");
	appoint(id, "Chủ tịch UBND phường", 3, "2023-07-01", "");
	assert_int_equal(store_appointments(S, id, &rows, &n, &err), CB_OK);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].position, "Chủ tịch UBND phường");
	assert_int_equal(rows[0].end_reason, 0);
	assert_string_equal(rows[0].term_end, "2028-07-01");
	assert_string_equal(rows[1].ended_on, "2023-07-01");
	assert_int_equal(rows[1].end_reason, 1);
	free(rows);
	assert_int_equal(store_cadre_get(S, id, &cd, &err), CB_OK);
	assert_string_equal(cd.position, "Chủ tịch UBND phường");
	assert_int_equal(cd.pos_rank, 3);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM audit WHERE tbl = 'appointment'"), 3);
}

static void test_term_stops_at_retirement(void **state)
{
	int64_t id = sf_add(S, "Lê Thị Hoa", "1968-03-10", 2); /* retires 31/07/2024 */
	appointment_row *rows;
	size_t n;
	cb_error err;
	(void)state;
	/* a woman born 03/1968 retires at 56 years 4 months: 31/07/2024 */
	appoint(id, "Phó Chủ tịch UBND phường", 4, "2022-01-01", "");
	assert_int_equal(store_appointments(S, id, &rows, &n, &err), CB_OK);
	assert_string_equal(rows[0].term_end, "2024-07-31");
	free(rows);
}

static void test_stale_cadre_version_records_nothing(void **state)
{
	int64_t id = sf_add(S, "Trần Văn Bình", "1980-01-01", 1);
	appointment_row a = {0};
	cb_error err;
	(void)state;
	a.cadre_id = id;
	a.kind = 2;
	snprintf(a.position, sizeof a.position, "Bí thư Đảng ủy phường");
	snprintf(a.start_on, sizeof a.start_on, "2025-01-01");
	assert_int_equal(store_appoint(S, &sf_cfg, &R, 99, &a, &err), CB_ESTALE);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM appointment"), 0);
	a.kind = 9;
	assert_int_equal(store_appoint(S, &sf_cfg, &R, 1, &a, &err), CB_EINVALID);
}

static void test_departed_cadre_leaves_lists_and_counts_from_that_day_only(void **state)
{
	int64_t a = sf_add(S, "Nguyễn Văn An", "1963-05-01", 1);
	departure_row d = {0};
	cb_error err;
	(void)state;
	sf_add(S, "Lê Thị Hoa", "1980-03-10", 2);
	assert_int_equal(on_list("2025-06-15"), 2);
	d.cadre_id = a;
	d.kind = 1;
	snprintf(d.left_on, sizeof d.left_on, "2025-05-31");
	assert_int_equal(store_depart(S, &d, &err), CB_OK);
	assert_int_equal(on_list("2025-06-15"), 1);
	assert_int_equal(on_list("2025-05-31"), 1);
	assert_int_equal(on_list("2024-12-31"), 2); /* last year's report */
	assert_int_equal(stats_total("2025-06-15"), 1);
	assert_int_equal(stats_total("2024-12-31"), 2);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM cadre"), 2); /* kept */
	assert_int_equal(store_depart(S, &d, &err), CB_EINVALID);	/* once */
	assert_int_equal(store_depart_undo(S, a, 7, &err), CB_ESTALE);
	assert_int_equal(store_depart_undo(S, a, 1, &err), CB_OK);
	assert_int_equal(on_list("2025-06-15"), 2);
}

static void test_discipline_records_lapse_and_bar_and_annulment_lifts_it(void **state)
{
	int64_t id = sf_add(S, "Phạm Văn Cường", "1978-02-02", 1);
	discipline_row d = {0}, bar;
	cb_error err;
	(void)state;
	d.cadre_id = id;
	d.form = DF_PARTY_WARNING;
	snprintf(d.decision, sizeof d.decision, "45-QĐ/UBKT");
	snprintf(d.authority, sizeof d.authority, "Ủy ban Kiểm tra Thành ủy");
	snprintf(d.decided_on, sizeof d.decided_on, "2025-01-10");
	snprintf(d.announced_on, sizeof d.announced_on, "2025-01-15");
	snprintf(d.reason, sizeof d.reason, "Vi phạm quy chế làm việc");
	assert_int_equal(store_discipline_add(S, &R, &d, &err), CB_OK);
	assert_string_equal(d.lapse_on, "2026-01-15");
	assert_string_equal(d.bar_until, "2027-07-15");
	assert_int_equal(store_discipline_bar(S, id, D("2027-07-14"), &bar, &err), CB_OK);
	assert_int_equal(bar.form, DF_PARTY_WARNING);
	assert_int_equal(store_discipline_bar(S, id, D("2027-07-15"), &bar, &err), CB_NOT_FOUND);
	assert_int_equal(store_discipline_annul(S, d.id, 5, "2025-03-01", "Cấp trên hủy", &err),
			 CB_ESTALE);
	assert_int_equal(store_discipline_annul(S, d.id, 1, "2025-03-01", "Cấp trên hủy", &err),
			 CB_OK);
	assert_int_equal(store_discipline_bar(S, id, D("2025-06-15"), &bar, &err), CB_NOT_FOUND);
	d.form = DF_ORG_WARNING; /* an organisation's form for a person */
	assert_int_equal(store_discipline_add(S, &R, &d, &err), CB_EINVALID);
	d.form = DF_PARTY_REPRIMAND;
	d.reason[0] = '\0';
	assert_int_equal(store_discipline_add(S, &R, &d, &err), CB_EINVALID);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM discipline"), 1);
}

static pool_row entry(int64_t who, const char *title)
{
	pool_row p;
	memset(&p, 0, sizeof p);
	p.cadre_id = who;
	snprintf(p.term, sizeof p.term, "2025-2030");
	snprintf(p.title, sizeof p.title, "%s", title);
	return p;
}

static void test_pool_takes_only_higher_titles_and_three_per_title(void **state)
{
	int64_t id[5];
	pool_row p;
	cb_error err;
	(void)state;
	for (int i = 0; i < 5; i++) {
		char name[32];
		snprintf(name, sizeof name, "Cán bộ Số %c", 'A' + i);
		id[i] = sf_add(S, name, "1985-01-01", i % 2 + 1); /* deputy secretaries */
	}
	p = entry(id[0], "x-pct"); /* vice chair: rank 4 is lower than 2 */
	assert_int_equal(store_pool_add(S, &R, D("2025-06-15"), &p, &err), CB_EINVALID);
	p = entry(id[0], "nope");
	assert_int_equal(store_pool_add(S, &R, D("2025-06-15"), &p, &err), CB_EINVALID);
	for (int i = 0; i < 3; i++) {
		p = entry(id[i], "x-bt");
		assert_int_equal(store_pool_add(S, &R, D("2025-06-15"), &p, &err), CB_OK);
		assert_int_equal(p.unit_id, sf_unit(S, "27694").id);
	}
	p = entry(id[3], "x-bt");
	assert_int_equal(store_pool_add(S, &R, D("2025-06-15"), &p, &err), CB_EINVALID);
	assert_non_null(strstr(err.msg, "3"));
	assert_int_equal(sf_count(S, "SELECT count(*) FROM pool"), 3);
}

static void test_pool_takes_at_most_three_titles_per_cadre_at_one_level(void **state)
{
	int64_t id = sf_add(S, "Võ Thị Lan", "1986-06-01", 2);
	pool_row p;
	cb_error err;
	(void)state;
	R.titles[2] = (career_title){3, 1, "x-bt2", "Bí thư Đảng ủy xã (khác)"};
	R.titles[5] = (career_title){3, 1, "x-bt3", "Bí thư Đảng ủy thị trấn"};
	R.title_count = 6;
	const char *codes[] = {"x-bt", "x-bt2", "x-bt3"};
	for (int i = 0; i < 3; i++) {
		p = entry(id, codes[i]);
		assert_int_equal(store_pool_add(S, &R, D("2025-06-15"), &p, &err), CB_OK);
	}
	p = entry(id, "h-tp"); /* another level: allowed */
	assert_int_equal(store_pool_add(S, &R, D("2025-06-15"), &p, &err), CB_OK);
	R.pool_titles_per_cadre = 2;
	p = entry(id, "x-ct");
	assert_int_equal(store_pool_add(S, &R, D("2025-06-15"), &p, &err), CB_EINVALID);
}

static void test_pool_refuses_barred_cadres_and_check_and_review_find_them(void **state)
{
	int64_t a = sf_add(S, "Đặng Văn Hùng", "1984-01-01", 1);
	int64_t b = sf_add(S, "Ngô Văn Tám", "1966-06-01", 1); /* retires 30/06/2028 */
	discipline_row d = {0};
	pool_finding *f;
	pool_row p;
	size_t n;
	cb_error err;
	(void)state;
	p = entry(a, "x-bt");
	assert_int_equal(store_pool_add(S, &R, D("2025-06-15"), &p, &err), CB_OK);
	p = entry(b, "x-bt");
	assert_int_equal(store_pool_add(S, &R, D("2025-06-15"), &p, &err), CB_OK);
	d.cadre_id = a;
	d.form = DF_PARTY_REPRIMAND;
	snprintf(d.announced_on, sizeof d.announced_on, "2025-06-01");
	snprintf(d.reason, sizeof d.reason, "Thiếu trách nhiệm");
	assert_int_equal(store_discipline_add(S, &R, &d, &err), CB_OK);
	p = entry(a, "h-tp");
	assert_int_equal(store_pool_add(S, &R, D("2025-06-15"), &p, &err), CB_EINVALID);
	assert_non_null(strstr(err.msg, "2026-06-01"));
	assert_int_equal(career_pool_check(S, &R, D("2025-06-15"), "", 0, 0, &f, &n, &err), CB_OK);
	assert_int_equal(n, 1);
	assert_int_equal(f[0].issue, PI_BARRED);
	assert_int_equal(f[0].entry.cadre_id, a);
	free(f);
	R.pool_per_title = 1;
	assert_int_equal(career_pool_check(S, &R, D("2026-06-15"), "", 0, 0, &f, &n, &err), CB_OK);
	assert_int_equal(n, 2); /* the bar is over; the title holds 2 of 1 */
	assert_int_equal(f[0].issue, PI_TITLE_FULL);
	free(f);
	assert_int_equal(store_rating_set(S, a, 2024, 4, &err), CB_OK);
	assert_int_equal(career_pool_review(S, &R, 2024, "", 0, 0, &f, &n, &err), CB_OK);
	/* a: did not complete duties in 2024; b: cannot serve 5 years of 2025-2030 */
	assert_int_equal(n, 2);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(f[i].issue, f[i].entry.cadre_id == a ? PI_FAILED : PI_OVER_AGE);
	free(f);
}

static void test_pool_summary_counts_titles_and_gaps_in_people(void **state)
{
	pool_title_count *t;
	pool_ratios ra;
	size_t n;
	cb_error err;
	pool_row p;
	(void)state;
	for (int i = 0; i < 3; i++) {
		char name[32];
		snprintf(name, sizeof name, "Cán bộ Nam %c", 'A' + i);
		p = entry(sf_add(S, name, "1975-01-01", 1), "x-bt");
		assert_int_equal(store_pool_add(S, &R, D("2025-06-15"), &p, &err), CB_OK);
	}
	p = entry(sf_add(S, "Cán bộ Nữ", "1990-01-01", 2), "h-tp");
	assert_int_equal(store_pool_add(S, &R, D("2025-06-15"), &p, &err), CB_OK);
	assert_int_equal(
		career_pool_summary(S, &R, D("2025-06-15"), "2025-2030", 0, 0, &t, &n, &ra, &err),
		CB_OK);
	assert_int_equal(n, 2);
	assert_int_equal(t[0].n + t[1].n, 4);
	assert_int_equal(ra.cadres, 4);
	assert_int_equal(ra.women, 1);
	assert_int_equal(ra.young, 1);
	assert_int_equal(ra.women_gap, 0); /* 25 % of 4 */
	assert_int_equal(ra.young_gap, 0);
	R.pool_women_pct = 50;
	free(t);
	assert_int_equal(career_pool_summary(S, &R, D("2025-06-15"), "", 0, 0, &t, &n, &ra, &err),
			 CB_OK);
	assert_int_equal(ra.women_gap, 1); /* 2 of 4 */
	free(t);
}

static void test_due_lists_terms_notices_retirements_and_lapses_by_date(void **state)
{
	int64_t a = sf_add(S, "Nguyễn Văn An", "1980-01-01", 1);
	int64_t b = sf_add(S, "Lê Văn Bảy", "1964-05-10", 1); /* retires 31/08/2025 */
	int64_t c = sf_add(S, "Trần Văn Chín", "1964-06-10", 1);
	discipline_row d = {0};
	departure_row dep = {0};
	due_item *v;
	size_t n;
	cb_error err;
	(void)state;
	appoint(a, "Chủ tịch UBND phường", 3, "2021-01-05", "");
	d.cadre_id = a;
	d.form = DF_PARTY_REPRIMAND;
	snprintf(d.announced_on, sizeof d.announced_on, "2024-09-01");
	snprintf(d.reason, sizeof d.reason, "Thiếu trách nhiệm");
	assert_int_equal(store_discipline_add(S, &R, &d, &err), CB_OK);
	dep.cadre_id = c;
	dep.kind = 2;
	snprintf(dep.left_on, sizeof dep.left_on, "2025-01-01");
	assert_int_equal(store_depart(S, &dep, &err), CB_OK);
	assert_int_equal(
		career_due(S, &R, D("2025-06-15"), D("2026-01-31"), ~0u, 0, 0, &v, &n, &err),
		CB_OK);
	assert_int_equal(n, 4);
	/* 90 working days before Monday 05/01/2026: 18 weeks, and two more
	 * for 02/09 and 01/01 */
	assert_int_equal(v[0].kind, DUE_NOTICE);
	assert_int_equal(v[0].date, D("2025-08-28"));
	assert_int_equal(v[0].related, D("2026-01-05"));
	assert_int_equal(v[1].kind, DUE_RETIRE);
	assert_int_equal(v[1].cadre_id, b);
	assert_int_equal(v[1].date, D("2025-08-31"));
	assert_int_equal(v[2].kind, DUE_LAPSE);
	assert_int_equal(v[2].date, D("2025-09-01"));
	assert_int_equal(v[3].kind, DUE_TERM);
	assert_int_equal(v[3].date, D("2026-01-05"));
	free(v);
	assert_int_equal(career_due(S, &R, D("2025-06-15"), D("2026-01-31"), 1u << DUE_RETIRE, 0, 0,
				    &v, &n, &err),
			 CB_OK);
	assert_int_equal(n, 1);
	free(v);
}

/* The retirements of a window, read through the birth dates that can
 * retire in it, are exactly those found by computing every cadre's date:
 * births every few days over thirty years, of both genders, some written
 * as a year alone or with month and day 00, in windows that start in
 * January, cross a year's end, run for years or lie in the past. */
static void test_due_retirements_are_those_of_every_cadre_computed(void **state)
{
	static const char *const windows[][2] = {
		{"2025-06-15", "2025-09-12"}, {"2026-01-01", "2026-03-31"},
		{"2025-11-20", "2026-02-10"}, {"2024-01-01", "2029-12-31"},
		{"2019-05-01", "2019-05-31"}, {"2027-12-01", "2028-05-31"},
		{"2030-02-01", "2030-02-28"}, {"2025-06-15", "2025-06-15"},
	};
	cb_error err;
	(void)state;
	assert_int_equal(
		sqlite3_exec(store_db(S),
			     "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n"
			     " WHERE i < 1600) INSERT INTO cadre(full_name, name_fold, sort_key,"
			     " rank, birth_date, gender, ethnicity, unit_id, position, pos_rank,"
			     " level, education, theory)"
			     " SELECT 'Cán bộ ' || i, 'can bo ' || i, x'01', 1000000 + i,"
			     " CASE WHEN i % 97 = 0 THEN CAST(1955 + i % 30 AS TEXT)"
			     " WHEN i % 89 = 0 THEN (1955 + i % 30) || '-00-00'"
			     " ELSE date('1955-01-01', '+' || (i * 7) || ' days') END,"
			     " 1 + i % 2, 'Kinh', (SELECT min(id) FROM unit), 'Chuyên viên', 5, 2,"
			     " 4, 2 FROM n;",
			     NULL, NULL, NULL),
		SQLITE_OK);
	for (size_t w = 0; w < sizeof windows / sizeof windows[0]; w++) {
		cb_date from = D(windows[w][0]), to = D(windows[w][1]);
		sqlite3_stmt *st;
		due_item *v = NULL;
		size_t n = 0, want = 0, found = 0;
		assert_int_equal(career_due(S, &R, from, to, 1u << DUE_RETIRE, 0, 0, &v, &n, &err),
				 CB_OK);
		assert_int_equal(sqlite3_prepare_v2(store_db(S),
						    "SELECT id, gender, birth_date FROM cadre", -1,
						    &st, NULL),
				 SQLITE_OK);
		while (sqlite3_step(st) == SQLITE_ROW) {
			cb_date ret =
				career_retirement_of(&R, sqlite3_column_int(st, 1),
						     (const char *)sqlite3_column_text(st, 2));
			if (ret == CB_DATE_NONE || ret < from || ret > to)
				continue;
			want++;
			for (size_t i = 0; i < n; i++)
				if (v[i].cadre_id == sqlite3_column_int64(st, 0) &&
				    v[i].date == ret)
					found++;
		}
		sqlite3_finalize(st);
		if (n != want || found != want)
			fail_msg("%s..%s: %zu listed, %zu retire, %zu of them listed",
				 windows[w][0], windows[w][1], n, want, found);
		free(v);
	}
}

static void test_cadres_counted_by_years_to_retirement(void **state)
{
	int64_t counts[CAREER_RETIRE_GROUPS], gone;
	departure_row d = {0};
	cb_error err;
	(void)state;
	sf_add(S, "Lê Văn Một", "1964-05-10", 1); /* 31/08/2025: under 1 year */
	sf_add(S, "Lê Văn Hai", "1964-12-10", 1); /* 30/06/2026: 1 year and 15 days */
	sf_add(S, "Lê Thị Ba", "1970-06-01", 2);  /* 31/10/2027: 2 to 5 */
	sf_add(S, "Lê Văn Bốn", "1985-01-01", 1); /* 2047: 5 and over */
	gone = sf_add(S, "Lê Văn Năm", "1964-06-10", 1);
	d.cadre_id = gone;
	d.kind = 1;
	snprintf(d.left_on, sizeof d.left_on, "2025-06-01");
	assert_int_equal(store_depart(S, &d, &err), CB_OK);
	assert_int_equal(career_retire_breakdown(S, &R, D("2025-06-15"), 0, 0, counts, &err),
			 CB_OK);
	assert_int_equal(counts[0], 1);
	assert_int_equal(counts[1], 1);
	assert_int_equal(counts[2], 1);
	assert_int_equal(counts[3], 1);
	assert_int_equal(counts[4], 0);
	/* a year earlier, the one who left is still counted */
	assert_int_equal(career_retire_breakdown(S, &R, D("2024-06-15"), 0, 0, counts, &err),
			 CB_OK);
	assert_int_equal(counts[0] + counts[1] + counts[2] + counts[3], 5);
	assert_int_equal(counts[1], 2); /* 31/08/2025 and 30/09/2025 */
}

/* A database of version 2 (before the career register) holding one
 * cadre: opened, it has his current post as an open appointment. */
static void test_migration_turns_current_posts_into_open_appointments(void **state)
{
	char path[300];
	sqlite3 *raw;
	store *s;
	appointment_row *rows;
	size_t n;
	cb_error err;
	(void)state;
	snprintf(path, sizeof path, "%s/old.db", sf_dir);
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, store_migrations[0], NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, store_migrations[1], NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(
		sqlite3_exec(
			raw,
			"PRAGMA user_version = 2;"
			"INSERT INTO unit(id, code, name, kind, tier) VALUES(1, '80', 'Tỉnh Long "
			"An', 'tỉnh', 1);"
			"INSERT INTO cadre(full_name, name_fold, sort_key, rank, birth_date, "
			"gender,"
			" ethnicity, unit_id, position, pos_rank, level, education, theory)"
			" VALUES('Nguyễn Văn An', 'nguyen van an', x'00', 1024, '1975-04-30', 1,"
			" 'Kinh', 1, 'Bí thư Tỉnh ủy', 1, 1, 4, 3);",
			NULL, NULL, NULL),
		SQLITE_OK);
	sqlite3_close(raw);
	assert_int_equal(store_open(&s, path, 0, &err), CB_OK);
	assert_int_equal(store_appointments(s, 1, &rows, &n, &err), CB_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].position, "Bí thư Tỉnh ủy");
	assert_int_equal(rows[0].pos_rank, 1);
	assert_string_equal(rows[0].start_on, "");
	assert_string_equal(rows[0].unit_name, "Tỉnh Long An");
	assert_int_equal(rows[0].end_reason, 0);
	free(rows);
	store_close(s);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, sf_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_appointment_becomes_the_current_post_with_a_five_year_term),
		T(test_term_stops_at_retirement),
		T(test_stale_cadre_version_records_nothing),
		T(test_departed_cadre_leaves_lists_and_counts_from_that_day_only),
		T(test_discipline_records_lapse_and_bar_and_annulment_lifts_it),
		T(test_pool_takes_only_higher_titles_and_three_per_title),
		T(test_pool_takes_at_most_three_titles_per_cadre_at_one_level),
		T(test_pool_refuses_barred_cadres_and_check_and_review_find_them),
		T(test_pool_summary_counts_titles_and_gaps_in_people),
		T(test_due_lists_terms_notices_retirements_and_lapses_by_date),
		T(test_due_retirements_are_those_of_every_cadre_computed),
		T(test_cadres_counted_by_years_to_retirement),
		T(test_migration_turns_current_posts_into_open_appointments),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
