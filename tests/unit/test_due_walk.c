/* test_due_walk.c - what falls due read a day at a time (due_walk, what
 * the "Đến hạn" screen shows as the user pages) is the whole list
 * (career_due, what `canbo due` prints), in the same order, whatever the
 * steps it is read in; and the whole list is what computing every
 * cadre's and every post's dates gives: over windows, kinds and a
 * district's scope, with names shared by many cadres (ties in the order),
 * births written as a year alone, departures before and after the
 * window's start, term ends, disciplines and a pool. */
#include "store_fixture.h"

#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "career_store.h"
#include "text.h"
#include "../../src/core/career_due_internal.h"

static career_rules R;

static cb_date D(const char *iso)
{
	cb_date d = CB_DATE_NONE;
	assert_true(date_parse_iso(iso, &d));
	return d;
}

static void exec(const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(store_db(S), sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s", msg);
}

/* 2 400 cadres of both genders born a week apart from 1955 on, in the
 * four communes, under 37 names; some departed; every 11th holds a post
 * whose term ends in the coming years; some disciplined; a pool. */
static int setup(void **state)
{
	cb_error err;

	career_rules_default(&R);
	R.titles[0] = (career_title){3, 3, "x-ct", "Chủ tịch UBND xã"};
	R.titles[1] = (career_title){3, 4, "x-pct", "Phó Chủ tịch UBND xã"};
	R.title_count = 2;
	sf_setup(state);
	exec("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 2399)"
	     " INSERT INTO cadre(full_name, name_fold, sort_key, rank, birth_date, gender,"
	     " ethnicity, unit_id, position, pos_rank, level, education, theory)"
	     " SELECT 'Cán bộ ' || (i * 7 % 37), 'can bo', x'01', 1000000 + i,"
	     " CASE WHEN i % 97 = 0 THEN CAST(1955 + i % 40 AS TEXT)"
	     " WHEN i % 89 = 0 THEN (1955 + i % 40) || '-00-00'"
	     " ELSE date('1955-01-01', '+' || (i * 7) || ' days') END,"
	     " 1 + i % 2, 'Kinh',"
	     " (SELECT id FROM unit WHERE code = CASE i % 4 WHEN 0 THEN '27694'"
	     " WHEN 1 THEN '27692' WHEN 2 THEN '27931' ELSE '27940' END),"
	     " 'Chuyên viên ' || i, 5, 3, 4, 2 FROM n;"
	     "INSERT INTO departure(cadre_id, kind, left_on)"
	     " SELECT id, 1, '2025-01-01' FROM cadre WHERE id % 53 = 0;"
	     "INSERT INTO departure(cadre_id, kind, left_on)"
	     " SELECT id, 1, '2026-03-01' FROM cadre WHERE id % 59 = 0;"
	     "INSERT INTO appointment(cadre_id, kind, position, unit_id, start_on, term_end)"
	     " SELECT id, 1, 'Trưởng phòng ' || id, unit_id, '2021-01-01',"
	     " date('2025-06-01', '+' || (id * 13 % 900) || ' days')"
	     " FROM cadre WHERE id % 11 = 0;"
	     "INSERT INTO pool(cadre_id, term, title, unit_id, added_on)"
	     " SELECT id, '2025-2030', CASE WHEN id % 2 THEN 'x-ct' ELSE 'x-pct' END, unit_id,"
	     " '2025-01-01' FROM cadre WHERE id % 31 = 0 AND id > 1200;");
	for (int i = 0; i < 40; i++) {
		discipline_row d = {0};
		d.cadre_id = 3 + i * 57;
		d.form = i % 2 ? DF_PARTY_REPRIMAND : DF_STATE_WARNING;
		snprintf(d.announced_on, sizeof d.announced_on, "%s",
			 i % 3 ? "2024-09-01" : "2025-02-14");
		snprintf(d.reason, sizeof d.reason, "Thiếu trách nhiệm");
		if (store_discipline_add(S, &R, &d, &err) != CB_OK)
			fail_msg("discipline: %s", err.msg);
		/* one of each eight annulled: it lapses no more */
		if (i % 8 == 0 &&
		    store_discipline_annul(S, d.id, 1, "2025-03-01", "Cấp trên hủy", &err) != CB_OK)
			fail_msg("annul: %s", err.msg);
	}
	return 0;
}

static void same_item(const due_item *a, const due_item *b, size_t i, const char *what)
{
	if (a->date != b->date || a->kind != b->kind || a->cadre_id != b->cadre_id ||
	    a->ref_id != b->ref_id || a->related != b->related || a->rank != b->rank ||
	    strcmp(a->name, b->name) || strcmp(a->unit_name, b->unit_name) ||
	    strcmp(a->what, b->what))
		fail_msg("%s: item %zu differs (%s %d #%lld, %s %d #%lld)", what, i, a->name,
			 a->kind, (long long)a->ref_id, b->name, b->kind, (long long)b->ref_id);
}

/* The walk read in steps of `step` items: after each step, the items
 * asked for are the head of the whole list, and at its end the whole
 * list. */
static void walk_in_steps(cb_date from, cb_date to, unsigned kinds, int64_t lo, int64_t hi,
			  const due_item *all, size_t n, size_t step)
{
	due_walk *w = NULL;
	cb_error err;
	size_t got = 0, prev = 0, want = 0;

	assert_int_equal(due_walk_open(S, &R, from, to, kinds, lo, hi, &w, &err), CB_OK);
	while (!due_walk_done(w) || prev < got) {
		const due_item *v;
		size_t complete;
		want += step;
		assert_int_equal(due_walk_read(w, want, &err), CB_OK);
		v = due_walk_items(w, &got);
		assert_true(got >= prev);
		assert_true(got >= want || due_walk_done(w));
		assert_true(got <= n);
		complete = got < want ? got : want;
		/* the rows shown, as a list asks for them: a page, from its end */
		assert_int_equal(due_walk_complete(w, complete - complete / 2, complete, &err),
				 CB_OK);
		assert_int_equal(due_walk_complete(w, prev, complete, &err), CB_OK);
		v = due_walk_items(w, &got);
		for (size_t i = prev; i < complete; i++)
			same_item(&v[i], &all[i], i, "read in steps");
		prev = complete;
	}
	assert_int_equal(got, n);
	due_walk_free(w);
}

/* ---- the reference: every post and every cadre computed -------------- */

typedef struct ref_item {
	due_item it;
	size_t seq; /* the order read: the tie-break of items alike */
} ref_item;

static int ref_order(const void *a, const void *b)
{
	const ref_item *x = a, *y = b;
	int c;
	if (x->it.date != y->it.date)
		return x->it.date < y->it.date ? -1 : 1;
	if (x->it.kind != y->it.kind)
		return x->it.kind - y->it.kind;
	/* the cadre list's order: every item here is a cadre's */
	if ((c = (x->it.rank > y->it.rank) - (x->it.rank < y->it.rank)))
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Terms, notices and retirements of the window in the scope, sorted by
 * date, kind and the cadre's place in name order; items alike in the order of the post's term end
 * and id, or of the cadre's gender, birth date and rank. */
/* A statement of the reference, its scope bound: who had not left by
 * ?1, units ?2..?3 (0: all). */
static sqlite3_stmt *ref_statement(const char *sql, const char *from_iso, int64_t lo, int64_t hi)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(store_db(S), sql, -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, from_iso, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, lo);
	sqlite3_bind_int64(st, 3, hi);
	return st;
}

static ref_item *reference(cb_date from, cb_date to, unsigned kinds, int64_t lo, int64_t hi,
			   size_t *n)
{
	char from_iso[11], sql[1024];
	ref_item *v = calloc(20000, sizeof *v);
	sqlite3_stmt *st;
	const char *scope = " AND c.id NOT IN (SELECT cadre_id FROM departure WHERE left_on <= ?1)"
			    " AND (?2 = 0 OR u.lo BETWEEN ?2 AND ?3)";

	assert_non_null(v);
	*n = 0;
	date_format_iso(from, from_iso);
	snprintf(sql, sizeof sql,
		 "SELECT a.id, c.id, c.full_name, u.name, a.position, a.term_end, c.rank"
		 " FROM appointment a"
		 " JOIN cadre c ON c.id = a.cadre_id JOIN unit u ON u.id = c.unit_id"
		 " WHERE a.end_reason = 0%s ORDER BY a.term_end, a.id",
		 scope);
	st = ref_statement(sql, from_iso, lo, hi);
	while (sqlite3_step(st) == SQLITE_ROW) {
		cb_date end = D((const char *)sqlite3_column_text(st, 5));
		for (int k = DUE_TERM; k <= DUE_NOTICE; k++) {
			cb_date when = k == DUE_TERM ? end : career_notice_date(&R, end);
			due_item *it = &v[*n].it;
			if (!(kinds & (1u << k)) || when < from || when > to)
				continue;
			it->date = when;
			it->kind = k;
			it->ref_id = sqlite3_column_int64(st, 0);
			it->cadre_id = sqlite3_column_int64(st, 1);
			it->related = end;
			it->rank = sqlite3_column_int64(st, 6);
			snprintf(it->name, sizeof it->name, "%s", sqlite3_column_text(st, 2));
			snprintf(it->unit_name, sizeof it->unit_name, "%s",
				 sqlite3_column_text(st, 3));
			snprintf(it->what, sizeof it->what, "%s", sqlite3_column_text(st, 4));
			v[*n].seq = *n;
			++*n;
		}
	}
	sqlite3_finalize(st);
	snprintf(sql, sizeof sql,
		 "SELECT c.id, c.full_name, u.name, c.position, c.gender, c.birth_date, c.rank"
		 " FROM cadre c"
		 " JOIN unit u ON u.id = c.unit_id WHERE 1%s ORDER BY c.gender, c.birth_date, "
		 "c.rank",
		 scope);
	st = ref_statement(sql, from_iso, lo, hi);
	while ((kinds & (1u << DUE_RETIRE)) && sqlite3_step(st) == SQLITE_ROW) {
		cb_date ret = career_retirement_of(&R, sqlite3_column_int(st, 4),
						   (const char *)sqlite3_column_text(st, 5));
		due_item *it = &v[*n].it;
		if (ret == CB_DATE_NONE || ret < from || ret > to)
			continue;
		it->date = ret;
		it->kind = DUE_RETIRE;
		it->related = CB_DATE_NONE;
		it->cadre_id = it->ref_id = sqlite3_column_int64(st, 0);
		it->rank = sqlite3_column_int64(st, 6);
		snprintf(it->name, sizeof it->name, "%s", sqlite3_column_text(st, 1));
		snprintf(it->unit_name, sizeof it->unit_name, "%s", sqlite3_column_text(st, 2));
		snprintf(it->what, sizeof it->what, "%s", sqlite3_column_text(st, 3));
		v[*n].seq = *n;
		++*n;
	}
	sqlite3_finalize(st);
	qsort(v, *n, sizeof *v, ref_order);
	return v;
}

static const char *const windows[][2] = {
	{"2025-06-15", "2026-06-15"}, {"2025-06-15", "2025-06-15"}, {"2026-01-01", "2026-03-31"},
	{"2025-11-20", "2027-02-10"}, {"2024-01-01", "2029-12-31"}, {"2019-05-01", "2019-05-31"},
	{"2030-02-01", "2031-02-28"},
};

/* a before b in date, kind, then name as the cadre list orders names:
 * two cadres by their place in name order, or by the key of their names
 * where it was not read (a lapse); cadres before organisations and pool
 * titles, which go by the Vietnamese alphabet */
static bool in_order(const due_item *a, const due_item *b)
{
	unsigned char ka[512], kb[512];
	size_t na, nb;
	int c;

	if (a->date != b->date || a->kind != b->kind)
		return a->date < b->date || (a->date == b->date && a->kind < b->kind);
	if (a->rank > 0 && b->rank > 0)
		return a->rank <= b->rank;
	if (!a->cadre_id != !b->cadre_id)
		return a->cadre_id != 0;
	if (!a->cadre_id)
		return text_compare(a->name, b->name) <= 0;
	na = text_name_sort_key(a->name, NULL, ka, sizeof ka);
	nb = text_name_sort_key(b->name, NULL, kb, sizeof kb);
	na = na < sizeof ka ? na : sizeof ka;
	nb = nb < sizeof kb ? nb : sizeof kb;
	c = memcmp(ka, kb, na < nb ? na : nb);
	return c < 0 || (c == 0 && na <= nb);
}

static void check_windows(unsigned kinds, bool whole_reference)
{
	unit_row district = sf_unit(S, "802");
	const int64_t scopes[][2] = {{0, 0}, {district.lo, district.hi}};
	static const size_t steps[] = {1, 7, 22, 1000};
	cb_error err;

	for (size_t w = 0; w < sizeof windows / sizeof windows[0]; w++)
		for (size_t sc = 0; sc < 2; sc++) {
			cb_date from = D(windows[w][0]), to = D(windows[w][1]);
			int64_t lo = scopes[sc][0], hi = scopes[sc][1];
			due_item *all = NULL;
			size_t n = 0;
			assert_int_equal(career_due(S, &R, from, to, kinds, lo, hi, &all, &n, &err),
					 CB_OK);
			for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
				walk_in_steps(from, to, kinds, lo, hi, all, n, steps[i]);
			if (whole_reference) {
				size_t rn;
				ref_item *ref = reference(from, to, kinds, lo, hi, &rn);
				if (rn != n)
					fail_msg("%s..%s scope %zu: %zu listed, %zu computed",
						 windows[w][0], windows[w][1], sc, n, rn);
				for (size_t i = 0; i < n; i++)
					same_item(&all[i], &ref[i].it, i, "against every cadre");
				free(ref);
			}
			for (size_t i = 1; i < n; i++)
				assert_true(in_order(&all[i - 1], &all[i]));
			free(all);
		}
}

static void test_terms_notices_and_retirements_are_every_post_and_cadre_computed(void **state)
{
	(void)state;
	check_windows((1u << DUE_TERM) | (1u << DUE_NOTICE) | (1u << DUE_RETIRE), true);
	check_windows(1u << DUE_RETIRE, true);
	check_windows(1u << DUE_NOTICE, true);
}

static void test_every_kind_read_a_day_at_a_time_is_the_whole_list(void **state)
{
	due_item *all = NULL;
	discipline_row *reg = NULL;
	size_t n = 0, lapses = 0, reviews = 0, nreg = 0, expected = 0;
	cb_error err;
	(void)state;
	check_windows(~0u, false);
	check_windows((1u << DUE_LAPSE) | (1u << DUE_POOL_REVIEW) | (1u << DUE_RETIRE), false);
	/* the window of the screen holds every kind */
	assert_int_equal(
		career_due(S, &R, D("2025-06-15"), D("2026-06-15"), ~0u, 0, 0, &all, &n, &err),
		CB_OK);
	for (size_t i = 0; i < n; i++) {
		lapses += all[i].kind == DUE_LAPSE;
		reviews += all[i].kind == DUE_POOL_REVIEW;
	}
	/* the lapses are the register's, computed: every discipline not
	 * annulled whose lapse falls in the window */
	assert_int_equal(store_disciplines(S, 0, 0, 0, 0, &reg, &nreg, &err), CB_OK);
	for (size_t i = 0; i < nreg; i++) {
		cb_date lapse;
		bool listed = false;
		if (reg[i].annulled_on[0] || !date_parse_iso(reg[i].lapse_on, &lapse) ||
		    lapse < D("2025-06-15") || lapse > D("2026-06-15"))
			continue;
		for (size_t j = 0; j < n; j++)
			listed |= all[j].kind == DUE_LAPSE && all[j].ref_id == reg[i].id &&
				  all[j].date == lapse;
		assert_true(listed);
		expected++;
	}
	free(reg);
	assert_int_equal(lapses, expected);
	assert_int_equal(lapses, 35);
	assert_true(reviews > 0);
	free(all);
}

/* A reader limited to a district (access.h) reads its district's list,
 * asked for the province's or the district's, read in steps or at once. */
static void test_a_reader_limited_to_a_district_reads_its_list(void **state)
{
	unit_row district = sf_unit(S, "802");
	unsigned kinds = (1u << DUE_TERM) | (1u << DUE_NOTICE) | (1u << DUE_RETIRE);
	cb_error err;
	(void)state;
	store_set_scope(S, district.lo, district.hi);
	for (size_t w = 0; w < sizeof windows / sizeof windows[0]; w++) {
		cb_date from = D(windows[w][0]), to = D(windows[w][1]);
		due_item *all = NULL;
		size_t n = 0, rn = 0;
		ref_item *ref = reference(from, to, kinds, district.lo, district.hi, &rn);
		for (int asked = 0; asked < 2; asked++) {
			int64_t lo = asked ? district.lo : 0, hi = asked ? district.hi : 0;
			assert_int_equal(career_due(S, &R, from, to, kinds, lo, hi, &all, &n, &err),
					 CB_OK);
			assert_int_equal(n, rn);
			for (size_t i = 0; i < n; i++)
				same_item(&all[i], &ref[i].it, i, "a reader's district");
			walk_in_steps(from, to, kinds, lo, hi, all, n, 5);
			free(all);
		}
		free(ref);
	}
}

/* Rules edited so that a later birth retires earlier (the age falls by
 * more than a year in a year) are read whole, not by month: the same
 * items as computing every cadre. */
static void test_rules_that_are_not_monotone_miss_nobody(void **state)
{
	(void)state;
	R.retire_step[2] = -14;
	assert_false(due_retirement_is_monotone(&R, 2));
	check_windows((1u << DUE_TERM) | (1u << DUE_RETIRE), true);
	career_rules_default(&R);
}

/* An age that falls by a month a year: the births of December and of the
 * next January retire on the same day, which the walk reads as one. */
static void test_two_birth_months_retiring_on_one_day_are_one_day(void **state)
{
	long same = 0;
	(void)state;
	R.retire_step[1] = R.retire_step[2] = -1;
	assert_true(due_retirement_is_monotone(&R, 1) && due_retirement_is_monotone(&R, 2));
	for (long m = 1960 * 12; m < 1975 * 12; m++)
		same += due_retirement_of_month(&R, 2, m) == due_retirement_of_month(&R, 2, m + 1);
	assert_true(same > 3);
	check_windows((1u << DUE_TERM) | (1u << DUE_RETIRE), true);
	career_rules_default(&R);
}

/* Cadres retiring on one day are listed as the cadre list lists them: by
 * given name, in the Vietnamese alphabet (Đ after D, "Ánh" with A), not in
 * byte order (which put "Đặng" after "Võ" and "Hà" after "Huỳnh"); a
 * discipline's lapse, whose place in name order is not read, the same. */
static void test_a_day_lists_its_cadres_by_given_name_in_vietnamese_order(void **state)
{
	/* in the order expected: An, Ánh, Bé, Dũng, Đức, Hà, Hùng, Tâm, Yến */
	static const char *const names[] = {
		"Võ Văn An",   "Đặng Thị Ánh", "Huỳnh Thị Bé", "Hà Văn Dũng", "Nguyễn Văn Đức",
		"Trần Thị Hà", "Đỗ Văn Hùng",  "Tăng Thị Tâm", "Bùi Thị Yến",
	};
	enum { N = sizeof names / sizeof names[0] };
	int64_t id[N];
	cb_date day = CB_DATE_NONE;
	due_item *all = NULL;
	size_t n = 0, at = 0;
	cb_error err;
	(void)state;
	/* inserted in another order than expected, all men born in one month */
	for (int i = 0; i < N; i++) {
		char birth[11];
		int k = (i * 4) % N;
		snprintf(birth, sizeof birth, "1965-07-%02d", 2 + 3 * (N - 1 - k));
		id[k] = sf_add(S, names[k], birth, 1);
		cb_date d = career_retirement_of(&R, 1, birth);
		assert_true(day == CB_DATE_NONE || d == day);
		day = d;
	}
	assert_int_equal(career_due(S, &R, day, day, 1u << DUE_RETIRE, 0, 0, &all, &n, &err),
			 CB_OK);
	for (size_t i = 0; i < n; i++)
		for (int k = 0; k < N; k++)
			if (all[i].cadre_id == id[k]) {
				if (k != (int)at)
					fail_msg("%s listed %zu-th of ours, expected %d-th",
						 names[k], at, k);
				at++;
			}
	assert_int_equal(at, N);
	free(all);

	/* the same names as lapses, whose place in name order is not read */
	due_item v[N];
	memset(v, 0, sizeof v);
	for (int i = 0; i < N; i++) {
		int k = (i * 4) % N;
		v[i].date = day;
		v[i].kind = DUE_LAPSE;
		v[i].cadre_id = id[k];
		snprintf(v[i].name, sizeof v[i].name, "%s", names[k]);
	}
	assert_true(due_sort(v, N));
	for (int k = 0; k < N; k++)
		assert_string_equal(v[k].name, names[k]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_terms_notices_and_retirements_are_every_post_and_cadre_computed, setup,
			sf_teardown),
		cmocka_unit_test_setup_teardown(
			test_every_kind_read_a_day_at_a_time_is_the_whole_list, setup, sf_teardown),
		cmocka_unit_test_setup_teardown(test_a_reader_limited_to_a_district_reads_its_list,
						setup, sf_teardown),
		cmocka_unit_test_setup_teardown(test_rules_that_are_not_monotone_miss_nobody, setup,
						sf_teardown),
		cmocka_unit_test_setup_teardown(
			test_two_birth_months_retiring_on_one_day_are_one_day, setup, sf_teardown),
		cmocka_unit_test_setup_teardown(
			test_a_day_lists_its_cadres_by_given_name_in_vietnamese_order, setup,
			sf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
