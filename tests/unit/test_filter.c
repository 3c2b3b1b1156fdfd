/* test_filter.c - every field of cadre_filter and every population, each
 * checked three ways: the count, the list, and the expectation computed
 * here from the cadres' own attributes. */
#include "store_fixture.h"

#include "model.h"

typedef struct spec {
	const char *name, *birth, *unit, *ethnicity;
	int gender, education, theory, pos_rank;
	bool managed, is_head;
	int committees;
	int64_t id;
	int level;
} spec;

static spec people[] = {
	{"Nguyễn Văn Tâm", "1985-06-15", "80", "Kinh", 1, 5, 4, 1, true, true, 1, 0, 0},
	{"Trần Thị Mai", "1985-06-16", "794", "Kinh", 2, 4, 3, 3, true, false, 2, 0, 0},
	{"Lê Văn Hùng", "1985-06-14", "27694", "Khmer", 1, 4, 2, 2, false, true, 4, 0, 0},
	{"Phạm Thị Lan", "1984-02-29", "27692", "Kinh", 2, 3, 2, 8, false, false, 64, 0, 0},
	{"Huỳnh Văn Nam", "1990-01-01", "802", "Hoa", 1, 6, 4, 7, false, false, 8, 0, 0},
	{"Võ Thị Thu", "1970-12-31", "27931", "Kinh", 2, 2, 1, 4, false, true, 0, 0, 0},
	{"Đặng Văn Sơn", "1962-03-01", "27940", "Kinh", 1, 4, 3, 5, true, false, 32, 0, 0},
	{"Bùi Thị Hoa", "2000-02-28", "27940", "Khmer", 2, 4, 2, 6, false, false, 16 | 4, 0, 0},
};
#define NPEOPLE (sizeof people / sizeof people[0])

static int setup(void **state)
{
	(void)state;
	S = sf_open();
	for (size_t i = 0; i < NPEOPLE; i++) {
		spec *p = &people[i];
		cadre cd;
		cb_error err;
		sf_cadre(S, &cd, p->name, p->birth, p->gender);
		cd.unit_id = sf_unit(S, p->unit).id;
		snprintf(cd.ethnicity, sizeof cd.ethnicity, "%s", p->ethnicity);
		cd.education = p->education;
		cd.theory = p->theory;
		cd.pos_rank = p->pos_rank;
		cd.managed = p->managed;
		cd.is_head = p->is_head;
		cd.committees = p->committees;
		assert_int_equal(store_cadre_insert(S, &cd, &sf_cfg, &err), CB_OK);
		p->id = cd.id;
		p->level = cd.level;
	}
	return 0;
}

static cadre_filter base(void)
{
	cadre_filter f;
	filter_init(&f);
	assert_true(date_parse_iso(SF_TODAY, &f.as_of));
	return f;
}

/* The filter must select exactly the people for which want[i] is true:
 * same count, same list; with its yearly conditions read from the
 * records, and from their summary. */
static void check_one(const cadre_filter *f, const bool *want, const char *what)
{
	search_query q = {.filter = *f, .sort = SORT_NAME};
	search_hit *hits;
	size_t n, expected = 0;
	int64_t count;
	cb_error err;

	assert_int_equal(search_fetch(S, &q, 0, false, 0, &hits, &n, &err), CB_OK);
	assert_int_equal(search_count(S, &q, &count, &err), CB_OK);
	for (size_t i = 0; i < NPEOPLE; i++) {
		bool found = false;
		for (size_t k = 0; k < n; k++)
			found |= hits[k].c.id == people[i].id;
		if (found != want[i])
			fail_msg("%s: %s should%s be selected", what, people[i].name,
				 want[i] ? "" : " not");
		expected += want[i];
	}
	assert_int_equal(n, expected);
	assert_int_equal(count, (int64_t)expected);
	free(hits);
}

/* The same through the conditions alone, the yearly ones read from the
 * records or from their summary. */
static void check_sql(const cadre_filter *f, bool summary, const bool *want, const char *what)
{
	cadre_filter g = *f;
	filter_sql *fs = malloc(sizeof *fs);
	char sql[sizeof fs->where + 64];
	bool found[NPEOPLE] = {false};
	sqlite3_stmt *st;

	assert_non_null(fs);
	g.yearly_summary = summary;
	assert_true(filter_build(&g, fs));
	snprintf(sql, sizeof sql, "SELECT c.id FROM cadre c WHERE 1%s", fs->where);
	assert_int_equal(sqlite3_prepare_v2(store_db(S), sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(filter_bind(fs, st, 1), CB_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		for (size_t i = 0; i < NPEOPLE; i++)
			found[i] |= people[i].id == sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	free(fs);
	for (size_t i = 0; i < NPEOPLE; i++)
		if (found[i] != want[i])
			fail_msg("%s (%s): %s should%s be selected", what,
				 summary ? "the summary" : "the records", people[i].name,
				 want[i] ? "" : " not");
}

static void check(const cadre_filter *f, const bool *want, const char *what)
{
	check_one(f, want, what);
	check_sql(f, false, want, what);
	check_sql(f, true, want, what);
}

#define CHECK_WITH(check, f, cond)                                                                 \
	do {                                                                                       \
		bool want_[NPEOPLE];                                                               \
		for (size_t i = 0; i < NPEOPLE; i++) {                                             \
			const spec *p = &people[i];                                                \
			want_[i] = (cond);                                                         \
			(void)p;                                                                   \
		}                                                                                  \
		check(&(f), want_, #cond);                                                         \
	} while (0)
#define CHECK_SEARCH(f, cond) CHECK_WITH(check_one, f, cond)
#define CHECK(f, cond)	      CHECK_WITH(check, f, cond)

/* ---- plain fields ----------------------------------------------------- */

static void test_no_condition_selects_everyone(void **state)
{
	cadre_filter f = base();
	(void)state;
	CHECK(f, true);
}

static void test_unit_subtree_includes_its_communes(void **state)
{
	cadre_filter f = base();
	unit_row d = sf_unit(S, "794");
	(void)state;
	f.unit_lo = d.lo;
	f.unit_hi = d.hi;
	CHECK(f, !strcmp(p->unit, "794") || !strcmp(p->unit, "27694") || !strcmp(p->unit, "27692"));
	d = sf_unit(S, "27940");
	f.unit_lo = d.lo;
	f.unit_hi = d.hi;
	CHECK(f, !strcmp(p->unit, "27940"));
	d = sf_unit(S, "80");
	f.unit_lo = d.lo;
	f.unit_hi = d.hi;
	CHECK(f, true);
}

static void test_gender_level_and_rank(void **state)
{
	cadre_filter f = base();
	(void)state;
	f.gender = 2;
	CHECK(f, p->gender == 2);
	f.gender = FILTER_ANY;
	f.level = 3;
	CHECK(f, p->level == 3);
	f.level = FILTER_ANY;
	f.pos_rank = 4;
	CHECK(f, p->pos_rank == 4);
}

static void test_ethnic_minority(void **state)
{
	cadre_filter f = base();
	(void)state;
	f.minority = 1;
	CHECK(f, strcmp(p->ethnicity, "Kinh") != 0);
	f.minority = 0;
	CHECK(f, strcmp(p->ethnicity, "Kinh") == 0);
}

static void test_education_and_theory_exact_and_minimum(void **state)
{
	cadre_filter f = base();
	(void)state;
	f.education_min = 5;
	CHECK(f, p->education >= 5);
	f.education_min = FILTER_ANY;
	f.education = 4;
	CHECK(f, p->education == 4);
	f.education = FILTER_ANY;
	f.theory_min = 3;
	CHECK(f, p->theory >= 3);
	f.theory_min = FILTER_ANY;
	f.theory = 2;
	CHECK(f, p->theory == 2);
}

/* ---- ages ------------------------------------------------------------- */

static void test_age_band_boundaries_at_the_birthday(void **state)
{
	cadre_filter f = base(); /* 2025-06-15: Tâm turns 40 today, Mai tomorrow */
	(void)state;
	f.age_min = 40;
	f.age_max = 40;
	CHECK(f, !strcmp(p->birth, "1985-06-15") || !strcmp(p->birth, "1985-06-14"));
	f.age_min = FILTER_ANY;
	f.age_max = 39;
	CHECK(f, strcmp(p->birth, "1985-06-15") > 0);
}

static void test_29_february_birthday_counts_from_1_march(void **state)
{
	cadre_filter f = base();
	(void)state;
	f.age_min = 41;
	f.age_max = 41;
	assert_true(date_parse_iso("2025-02-28", &f.as_of));
	CHECK(f, false); /* Lan (29/02/1984) is still 40 */
	assert_true(date_parse_iso("2025-03-01", &f.as_of));
	CHECK(f, !strcmp(p->birth, "1984-02-29"));
	f.age_min = 40;
	f.age_max = 40;
	assert_true(date_parse_iso("2024-02-29", &f.as_of));
	CHECK(f, !strcmp(p->birth, "1984-02-29"));
}

/* The birth_date range must agree with date_age on every day of three
 * years, for bands around the ages present. */
static void test_age_range_agrees_with_date_age_every_day(void **state)
{
	cb_date from, to;
	(void)state;
	assert_true(date_parse_iso("2023-01-01", &from));
	assert_true(date_parse_iso("2025-12-31", &to));
	for (cb_date day = from; day <= to; day += 3) {
		for (int a = 38; a <= 42; a += 2) {
			cadre_filter f = base();
			f.as_of = day;
			f.age_min = a;
			f.age_max = a + 1;
			cb_date b;
			CHECK(f, (date_parse_iso(p->birth, &b),
				  date_age(b, day) >= a && date_age(b, day) <= a + 1));
		}
	}
}

/* ---- populations -------------------------------------------------------- */

static bool in_population(const spec *p, int pop)
{
	switch (pop) {
	case POP_ALL:
		return true;
	case POP_MANAGED:
		return p->managed;
	case POP_DEPT:
		return p->level < 3;
	case POP_COMMUNE:
		return p->level == 3;
	case POP_COMMITTEE:
		return (p->committees & 7) != 0;
	case POP_COMMITTEE_PROVINCE:
		return (p->committees & 1) != 0;
	case POP_COMMITTEE_DISTRICT:
		return (p->committees & 2) != 0;
	case POP_COMMITTEE_GRASSROOTS:
		return (p->committees & 4) != 0;
	case POP_TRAINING_GROUP:
		return p->committees != 0;
	case POP_COMMITTEE_MANAGED:
		return (p->committees & 63) != 0 || p->managed;
	case POP_HEADS:
		return p->is_head;
	default:
		fail();
		return false;
	}
}

static void test_each_population(void **state)
{
	(void)state;
	for (int pop = 0; pop < POP_COUNT; pop++) {
		cadre_filter f = base();
		bool want[NPEOPLE];
		f.population = pop;
		for (size_t i = 0; i < NPEOPLE; i++)
			want[i] = in_population(&people[i], pop);
		check(&f, want, population_name(pop));
		f.deepest_tier = 3; /* given explicitly: the same */
		check(&f, want, population_name(pop));
	}
}

static void test_population_names_round_trip(void **state)
{
	int pop;
	(void)state;
	assert_true(population_from_name("committee-managed", &pop));
	assert_int_equal(pop, POP_COMMITTEE_MANAGED);
	assert_string_equal(population_name(POP_DEPT), "dept");
	assert_false(population_from_name("everyone", &pop));
	assert_string_equal(population_label(POP_COUNT), "?");
}

static void test_unknown_population_is_not_built(void **state)
{
	cadre_filter f = base();
	filter_sql fs;
	(void)state;
	f.population = POP_COUNT;
	assert_false(filter_build(&f, &fs));
}

/* ---- yearly records ------------------------------------------------- */

static void test_rating_conditions(void **state)
{
	cadre_filter f = base();
	cb_error err;
	(void)state;
	assert_int_equal(store_rating_set(S, people[0].id, 2024, 1, &err), CB_OK);
	assert_int_equal(store_rating_set(S, people[1].id, 2024, 2, &err), CB_OK);
	assert_int_equal(store_rating_set(S, people[2].id, 2024, 3, &err), CB_OK);
	assert_int_equal(store_rating_set(S, people[3].id, 2023, 1, &err), CB_OK);
	f.rating_year = 2024;
	f.rating_grade = 3;
	CHECK(f, p == &people[2]);
	f.rating_grade = 0;
	CHECK(f, p != &people[0] && p != &people[1] && p != &people[2]);
	f.rating_grade = FILTER_ANY;
	f.rating_good = true;
	CHECK(f, p == &people[0] || p == &people[1]);
	f.rating_good = false;
	f.rating_not_good = true;
	CHECK(f, p != &people[0] && p != &people[1]);
	f.rating_good = true;
	CHECK(f, false);
	f.rating_good = f.rating_not_good = false;
	f.rating_grade = 1;
	f.rating_year = 2023;
	CHECK(f, p == &people[3]);
}

static void test_training_and_planning_conditions(void **state)
{
	cadre_filter f = base();
	training_row t = {.year = 2024, .kind = 1};
	planning_row pl = {.term = "2025-2030"};
	cb_error err;
	(void)state;
	assert_int_equal(store_training_add(S, people[0].id, &t, &err), CB_OK);
	t.year = 2023;
	t.kind = 2;
	assert_int_equal(store_training_add(S, people[1].id, &t, &err), CB_OK);
	assert_int_equal(store_planning_add(S, people[4].id, &pl, &err), CB_OK);
	f.trained = 1;
	CHECK(f, p == &people[0] || p == &people[1]);
	f.trained_year = 2024;
	CHECK(f, p == &people[0]);
	f.trained_kind = 1;
	CHECK(f, p == &people[0]);
	f.trained_kind = 2;
	CHECK(f, false);
	f.trained_year = 2023;
	CHECK(f, p == &people[1]);
	f.trained = 0;
	CHECK(f, p != &people[1]);
	f.trained = 1;
	f.trained_kind = 7; /* beyond the summary's kinds: the records */
	CHECK(f, false);
	f.trained_year = FILTER_ANY;
	f.trained_kind = 2;
	CHECK(f, p == &people[1]);
	f.trained = 0;
	f.trained_kind = FILTER_ANY;
	CHECK(f, p != &people[0] && p != &people[1]);
	f.trained = FILTER_ANY;
	f.planning = 1;
	CHECK(f, p == &people[4]);
	f.planning = 0;
	CHECK(f, p != &people[4]);
}

/* The cadre in the highest byte of a block of the summary (a negative
 * number in SQLite) is read right. */
static void test_the_last_cadre_of_a_block_is_read_from_the_summary(void **state)
{
	cadre_filter f = base();
	training_row t = {.year = 2024, .kind = 4};
	cb_error err;
	(void)state;
	assert_int_equal(people[6].id % 8, 7);
	assert_int_equal(store_training_add(S, people[6].id, &t, &err), CB_OK);
	assert_int_equal(store_rating_set(S, people[6].id, 2024, 2, &err), CB_OK);
	f.trained = 1;
	f.trained_year = 2024;
	f.trained_kind = 4;
	CHECK(f, p == &people[6]);
	f.trained = 0;
	CHECK(f, p != &people[6]);
	f.trained = FILTER_ANY;
	f.rating_year = 2024;
	f.rating_good = true;
	CHECK(f, p == &people[6]);
}

/* A filter whose conditions read from the summary do not fit the
 * statement is read from the records, which select the same cadres. */
static void test_a_long_filter_reads_the_records(void **state)
{
	cadre_filter f = base();
	filter_sql *fs = malloc(sizeof *fs);
	planning_row pl = {.term = "2025-2030"};
	bool want[NPEOPLE];
	cb_error err;
	(void)state;
	assert_non_null(fs);
	assert_int_equal(store_rating_set(S, people[1].id, 2024, 2, &err), CB_OK);
	assert_int_equal(store_planning_add(S, people[1].id, &pl, &err), CB_OK);
	f.rating_year = 2024;
	f.rating_grade = 2;
	f.rating_good = true;
	f.trained = 0;
	f.trained_year = 2024;
	f.trained_kind = 3;
	f.planning = 1;
	f.barred = 0;
	f.score_band = 0;
	snprintf(f.score_period, sizeof f.score_period, "2024");
	CHECK(f, p == &people[1]);
	/* and every code not recorded: too long for the summary's
	 * conditions, not for the records' */
	for (int k = 0; k < LIST_COUNT; k++)
		f.list_pick[k] = 1;
	f.population = POP_COMMUNE;
	f.unit_lo = 1;
	f.unit_hi = INT64_C(1) << 40;
	f.age_min = 18;
	f.age_max = 70;
	f.gender = 2;
	f.yearly_summary = true;
	assert_false(filter_build(&f, fs));
	f.yearly_summary = false;
	assert_true(filter_build(&f, fs));
	free(fs);
	for (size_t i = 0; i < NPEOPLE; i++)
		want[i] = false; /* everyone's ethnicity is recorded */
	check_one(&f, want, "every yearly condition and every code not recorded");
	check_sql(&f, false, want, "every yearly condition and every code not recorded");
}

/* A database opened read-only before its upgrade has no summary: the
 * search reads the records. */
static void test_yearly_conditions_without_the_summary(void **state)
{
	cadre_filter f = base();
	training_row t = {.year = 2024, .kind = 1};
	cb_error err;
	(void)state;
	assert_int_equal(store_rating_set(S, people[0].id, 2024, 1, &err), CB_OK);
	assert_int_equal(store_training_add(S, people[1].id, &t, &err), CB_OK);
	assert_int_equal(sqlite3_exec(store_db(S), "DROP TABLE cadre_year", NULL, NULL, NULL),
			 SQLITE_OK);
	f.rating_year = 2024;
	f.rating_good = true;
	CHECK_SEARCH(f, p == &people[0]);
	f.rating_year = 0;
	f.rating_good = false;
	f.trained = 1;
	f.trained_year = 2024;
	CHECK_SEARCH(f, p == &people[1]);
}

static void test_organisation_includes_its_sub_organisations(void **state)
{
	org_row a = {.kind = 3}, b = {.kind = 6};
	cadre cd;
	cb_error err;
	cadre_filter f = base();
	(void)state;
	snprintf(a.name, sizeof a.name, "Huyện ủy Đức Hòa");
	a.unit_id = sf_unit(S, "802").id;
	assert_int_equal(store_org_insert(S, &a, &err), CB_OK);
	snprintf(b.name, sizeof b.name, "Đảng ủy xã Lộc Giang");
	b.unit_id = sf_unit(S, "27940").id;
	b.parent_id = a.id;
	assert_int_equal(store_org_insert(S, &b, &err), CB_OK);
	assert_int_equal(store_cadre_get(S, people[6].id, &cd, &err), CB_OK);
	cd.org_id = b.id;
	assert_int_equal(store_cadre_update(S, &cd, &sf_cfg, &err), CB_OK);
	assert_int_equal(store_cadre_get(S, people[4].id, &cd, &err), CB_OK);
	cd.org_id = a.id;
	assert_int_equal(store_cadre_update(S, &cd, &sf_cfg, &err), CB_OK);
	f.org_id = a.id;
	CHECK(f, p == &people[4] || p == &people[6]);
	f.org_id = b.id;
	CHECK(f, p == &people[6]);
}

static void test_conditions_combine_with_and(void **state)
{
	cadre_filter f = base();
	unit_row d = sf_unit(S, "802");
	(void)state;
	f.unit_lo = d.lo;
	f.unit_hi = d.hi;
	f.gender = 1;
	f.population = POP_TRAINING_GROUP;
	f.age_min = 30;
	CHECK(f,
	      (!strcmp(p->unit, "802") || !strcmp(p->unit, "27931") || !strcmp(p->unit, "27940")) &&
		      p->gender == 1 && p->committees != 0 && strcmp(p->birth, "1995-06-15") <= 0);
}

/* ---- the filter form over a drill-down's list (filter_narrow) -------- */

/* The form narrows the women of a drill-down to those with theory 2, and
 * to those 30 to 41 at 15/06/2025; units narrow inside the base's. */
static void test_the_form_narrows_a_drill_down(void **state)
{
	cadre_filter b = base(), e = base(), f;
	unit_row d = sf_unit(S, "802");
	(void)state;
	b.gender = 2;
	e.theory = 2;
	f = filter_narrow(&b, &e);
	CHECK(f, p->gender == 2 && p->theory == 2);
	b.age_min = 30;
	e.age_max = 41;
	e.age_min = 20; /* looser than the base's: the base's stands */
	f = filter_narrow(&b, &e);
	CHECK(f, p->gender == 2 && p->theory == 2 && strcmp(p->birth, "1995-06-15") <= 0 &&
			 strcmp(p->birth, "1983-06-15") > 0);
	filter_init(&b);
	b.as_of = e.as_of;
	b.unit_lo = d.lo;
	b.unit_hi = d.hi;
	e = base();
	e.minority = 0;
	f = filter_narrow(&b, &e);
	CHECK(f,
	      (!strcmp(p->unit, "802") || !strcmp(p->unit, "27931") || !strcmp(p->unit, "27940")) &&
		      !strcmp(p->ethnicity, "Kinh"));
}

/* A condition the drill-down has and the form sets otherwise leaves no
 * one rather than listing cadres outside the drill-down: another gender,
 * another unit, another year's rating or another grade. */
static void test_the_form_never_widens_a_drill_down(void **state)
{
	cadre_filter b = base(), e = base(), f;
	unit_row d = sf_unit(S, "802"), o = sf_unit(S, "794");
	cb_error err;
	(void)state;
	b.gender = 2;
	e.gender = 1;
	f = filter_narrow(&b, &e);
	CHECK(f, false);
	b = base();
	b.unit_lo = d.lo;
	b.unit_hi = d.hi;
	e = base();
	e.unit_lo = o.lo;
	e.unit_hi = o.hi;
	f = filter_narrow(&b, &e);
	CHECK(f, false);
	assert_int_equal(store_rating_set(S, people[0].id, 2024, 3, &err), CB_OK);
	assert_int_equal(store_rating_set(S, people[1].id, 2024, 4, &err), CB_OK);
	assert_int_equal(store_rating_set(S, people[2].id, 2023, 3, &err), CB_OK);
	b = base();
	b.rating_year = 2024;
	b.rating_grade = 3;
	e = base();
	e.rating_year = 2024;
	e.rating_grade = 4;
	f = filter_narrow(&b, &e);
	CHECK(f, false);
	e.rating_year = 2023;
	e.rating_grade = 3;
	f = filter_narrow(&b, &e);
	CHECK(f, false);
	e.rating_year = 2024;
	f = filter_narrow(&b, &e);
	CHECK(f, p == &people[0]);
	/* "good or better" in 2024 stays with the form's grade of 2024: with
	 * "did not complete" (4) no one, with "good" (2) the one rated so */
	b.rating_grade = FILTER_ANY;
	b.rating_good = true;
	e.rating_grade = 4;
	f = filter_narrow(&b, &e);
	CHECK(f, false);
	assert_int_equal(store_rating_set(S, people[1].id, 2024, 2, &err), CB_OK);
	e.rating_grade = 2;
	f = filter_narrow(&b, &e);
	CHECK(f, p == &people[1]);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, sf_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_no_condition_selects_everyone),
		T(test_the_form_narrows_a_drill_down),
		T(test_the_form_never_widens_a_drill_down),
		T(test_unit_subtree_includes_its_communes),
		T(test_gender_level_and_rank),
		T(test_ethnic_minority),
		T(test_education_and_theory_exact_and_minimum),
		T(test_age_band_boundaries_at_the_birthday),
		T(test_29_february_birthday_counts_from_1_march),
		T(test_age_range_agrees_with_date_age_every_day),
		T(test_each_population),
		T(test_population_names_round_trip),
		T(test_unknown_population_is_not_built),
		T(test_rating_conditions),
		T(test_training_and_planning_conditions),
		T(test_the_last_cadre_of_a_block_is_read_from_the_summary),
		T(test_a_long_filter_reads_the_records),
		T(test_yearly_conditions_without_the_summary),
		T(test_organisation_includes_its_sub_organisations),
		T(test_conditions_combine_with_and),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
