/* test_demo.c - the demo province: deterministic, the right size, and
 * plausible (shares of women, surnames, ages, education; overdue and
 * verified plan items), over the shipped Long An configuration. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"
#include "demo.h"
#include "fixture.h"
#include "i18n.h"
#include "store.h"
#include "text.h"

typedef struct world {
	char dir[256];
	cfg *config;
} world;

static int setup(void **state)
{
	world *w = calloc(1, sizeof *w);
	char path[512];
	cb_error err;
	if (!w || !fixture_tmpdir(w->dir, sizeof w->dir))
		return -1;
	snprintf(path, sizeof path, "%s/config", fixture_source_dir());
	if (config_load_dir(&w->config, path, &err) != CB_OK) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	*state = w;
	return 0;
}

static int teardown(void **state)
{
	world *w = *state;
	config_free(w->config);
	fixture_rmtree(w->dir);
	free(w);
	return 0;
}

/* Builds a demo of n cadres with seed into a new file named tag. */
static store *build(world *w, const char *tag, long n, uint64_t seed, demo_stats *st)
{
	char path[512];
	store *s = NULL;
	cb_error err;
	demo_options o = {.seed = seed, .cadres = n};
	snprintf(path, sizeof path, "%s/%s.db", w->dir, tag);
	assert_int_equal(store_open(&s, path, STORE_CREATE | STORE_BULK, &err), CB_OK);
	assert_int_equal(store_sync_units(s, w->config, &err), CB_OK);
	if (demo_build(s, w->config, &o, st, &err) != CB_OK)
		fail_msg("demo_build: %s", err.msg);
	return s;
}

/* FNV-1a over a canonical dump of every table but the audit trail (whose
 * timestamps are the clock's): each row in id order, columns as text. */
static uint64_t content_hash(store *s)
{
	static const char *const tables[] = {"unit",   "org",	    "cadre",
					     "rating", "training",  "planning",
					     "plan",   "plan_item", "plan_note"};
	uint64_t h = 1469598103934665603ULL;
	for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
		char sql[128];
		sqlite3_stmt *st;
		snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY id", tables[t]);
		assert_int_equal(sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL), SQLITE_OK);
		while (sqlite3_step(st) == SQLITE_ROW) {
			for (int c = 0; c < sqlite3_column_count(st); c++) {
				const unsigned char *v = sqlite3_column_blob(st, c);
				int len = sqlite3_column_bytes(st, c);
				for (int i = 0; i < len; i++)
					h = (h ^ v[i]) * 1099511628211ULL;
				h = (h ^ 0x1f) * 1099511628211ULL;
			}
			h = (h ^ 0x1e) * 1099511628211ULL;
		}
		sqlite3_finalize(st);
	}
	return h;
}

static double scalar(store *s, const char *sql)
{
	sqlite3_stmt *st;
	double v = -1;
	assert_int_equal(sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_double(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void test_rng_same_seed_same_stream(void **state)
{
	demo_rng a, b;
	demo_rng_seed(&a, 42);
	demo_rng_seed(&b, 42);
	for (int i = 0; i < 1000; i++)
		assert_true(demo_rng_next(&a) == demo_rng_next(&b));
	demo_rng_seed(&b, 43);
	assert_false(demo_rng_next(&a) == demo_rng_next(&b));
}

static void test_rng_below_stays_in_range(void **state)
{
	demo_rng r;
	int seen[7] = {0};
	demo_rng_seed(&r, 1);
	for (int i = 0; i < 7000; i++) {
		uint32_t v = demo_rng_below(&r, 7);
		assert_true(v < 7);
		seen[v]++;
	}
	for (int i = 0; i < 7; i++)
		assert_true(seen[i] > 700 && seen[i] < 1300);
}

static void test_same_seed_gives_identical_content(void **state)
{
	world *w = *state;
	store *a = build(w, "same-a", 400, 7, NULL);
	store *b = build(w, "same-b", 400, 7, NULL);
	assert_true(content_hash(a) == content_hash(b));
	store_close(a);
	store_close(b);
}

static void test_different_seeds_differ(void **state)
{
	world *w = *state;
	store *a = build(w, "seed-a", 400, 7, NULL);
	store *b = build(w, "seed-b", 400, 8, NULL);
	assert_false(content_hash(a) == content_hash(b));
	store_close(a);
	store_close(b);
}

static void test_counts_match_request_and_stats(void **state)
{
	world *w = *state;
	demo_stats st;
	store *s = build(w, "counts", 1500, 1, &st);
	assert_int_equal(st.cadres, 1500);
	assert_int_equal((long)scalar(s, "SELECT count(*) FROM cadre"), 1500);
	assert_int_equal((long)scalar(s, "SELECT count(*) FROM org"), st.orgs);
	assert_int_equal((long)scalar(s, "SELECT count(*) FROM rating WHERE cadre_id IS NOT NULL"),
			 st.ratings);
	assert_int_equal((long)scalar(s, "SELECT count(*) FROM training"), st.trainings);
	assert_int_equal((long)scalar(s, "SELECT count(*) FROM plan"), st.plans);
	assert_int_equal((long)scalar(s, "SELECT count(*) FROM plan_item"), st.items);
	/* every reference points at a row and every CHECK constraint holds
	 * (the build checks neither row by row) */
	assert_int_equal((long)scalar(s, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	assert_int_equal((long)scalar(s, "SELECT count(*) FROM pragma_integrity_check"
					 " WHERE integrity_check <> 'ok'"),
			 0);
	assert_int_equal((long)scalar(s, "PRAGMA foreign_keys"), 1);
	/* every cadre is in the search index, ranks distinct */
	assert_int_equal((long)scalar(s, "SELECT count(DISTINCT rank) FROM cadre"), 1500);
	store_close(s);
}

static void test_shares_are_plausible(void **state)
{
	world *w = *state;
	store *s = build(w, "shares", 3000, 3, NULL);
	double women = scalar(s, "SELECT avg(gender = 2) FROM cadre");
	double nguyen = scalar(s, "SELECT avg(full_name LIKE 'Nguyễn %') FROM cadre");
	double kinh = scalar(s, "SELECT avg(ethnicity = 'Kinh') FROM cadre");
	double under35 = scalar(s, "SELECT avg(birth_date > '1990-12-31') FROM cadre");
	double commune_univ = scalar(s, "SELECT avg(education >= 4) FROM cadre c"
					" JOIN unit u ON u.id = c.unit_id WHERE u.tier = 3");
	assert_true(women >= 0.15 && women <= 0.35);
	assert_true(nguyen >= 0.25 && nguyen <= 0.50);
	assert_true(kinh >= 0.90 && kinh < 1.0);
	assert_true(under35 > 0.0 && under35 < 0.20);
	assert_true(commune_univ > 0.6 && commune_univ < 0.97);
	/* Huỳnh outnumbers Hoàng in the South */
	assert_true(scalar(s, "SELECT count(*) FROM cadre WHERE full_name LIKE 'Huỳnh %'") >
		    scalar(s, "SELECT count(*) FROM cadre WHERE full_name LIKE 'Hoàng %'"));
	store_close(s);
}

static void test_ages_between_28_and_60_at_reference(void **state)
{
	world *w = *state;
	store *s = build(w, "ages", 1000, 5, NULL);
	assert_int_equal(
		(long)scalar(s, "SELECT count(*) FROM cadre"
				" WHERE birth_date > '1997-12-31' OR birth_date <= '1964-12-31'"),
		0);
	store_close(s);
}

static void test_names_are_nfc_with_three_or_more_words(void **state)
{
	world *w = *state;
	store *s = build(w, "names", 500, 9, NULL);
	sqlite3_stmt *st;
	assert_int_equal(
		sqlite3_prepare_v2(store_db(s), "SELECT full_name FROM cadre", -1, &st, NULL),
		SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		char *norm = NULL;
		cb_error err;
		assert_int_equal(text_normalize(name, strlen(name), false, &norm, &err), CB_OK);
		assert_string_equal(norm, name);
		free(norm);
		assert_non_null(strchr(strchr(name, ' ') + 1, ' '));
	}
	sqlite3_finalize(st);
	store_close(s);
}

static void test_positions_follow_rank_and_level(void **state)
{
	world *w = *state;
	store *s = build(w, "posts", 3000, 11, NULL);
	/* rank 1 is a party secretary, at every level */
	assert_int_equal((long)scalar(s, "SELECT count(*) FROM cadre WHERE pos_rank = 1"
					 " AND position NOT LIKE 'Bí thư%'"),
			 0);
	/* one provincial party secretary, one per district */
	assert_int_equal(
		(long)scalar(s, "SELECT count(*) FROM cadre WHERE position = 'Bí thư Tỉnh ủy'"), 1);
	assert_true(scalar(s, "SELECT count(*) FROM cadre WHERE position = 'Bí thư Huyện ủy'") >=
		    10);
	/* managed cadres only at province and district level */
	assert_int_equal((long)scalar(s,
				      "SELECT count(*) FROM cadre c JOIN unit u ON u.id = c.unit_id"
				      " WHERE c.managed AND u.tier = 3"),
			 0);
	assert_true(scalar(s, "SELECT count(*) FROM cadre WHERE managed") > 50);
	/* the level is the unit's tier */
	assert_int_equal((long)scalar(s,
				      "SELECT count(*) FROM cadre c JOIN unit u ON u.id = c.unit_id"
				      " WHERE c.level <> u.tier"),
			 0);
	store_close(s);
}

static void test_plans_have_overdue_and_verified_items(void **state)
{
	world *w = *state;
	store *s = build(w, "plans", 1000, 13, NULL);
	assert_true(scalar(s, "SELECT count(*) FROM plan_item WHERE state <> 2"
			      " AND deadline <> '' AND deadline < '" DEMO_REFERENCE "'") > 0);
	assert_true(scalar(s, "SELECT count(*) FROM plan_item WHERE state = 2"
			      " AND verified_on <> ''") > 0);
	assert_true(scalar(s, "SELECT count(*) FROM plan_item WHERE carried_from IS NOT NULL") > 0);
	assert_true(scalar(s, "SELECT count(*) FROM plan_note") > 0);
	/* organisations rated every year */
	assert_int_equal(
		(long)scalar(s, "SELECT count(*) FROM org o WHERE (SELECT count(*) FROM rating r"
				" WHERE r.org_id = o.id) <> 5"),
		0);
	/* a cadre answers for the items of his own plan */
	assert_true(scalar(s, "SELECT count(*) FROM plan_item i JOIN plan p ON p.id = i.plan_id"
			      " WHERE p.cadre_id IS NOT NULL") > 0);
	assert_int_equal(
		(long)scalar(s, "SELECT count(*) FROM plan_item i JOIN plan p ON p.id = i.plan_id"
				" JOIN cadre c ON c.id = p.cadre_id"
				" WHERE i.responsible <> c.full_name"),
		0);
	/* and each shortcoming of the list comes with one of its own causes */
	for (size_t k = 0; k < demo_shortcomings.count && k < demo_shortcoming_cause_count; k++) {
		char sql[1024];
		snprintf(sql, sizeof sql,
			 "SELECT count(*) FROM plan_item WHERE shortcoming = '%s'"
			 " AND cause NOT IN ('%s', '%s')",
			 demo_shortcomings.words[k].text, demo_shortcoming_causes[k][0],
			 demo_shortcoming_causes[k][1]);
		assert_int_equal((long)scalar(s, sql), 0);
	}
	assert_int_equal(demo_shortcoming_cause_count, demo_shortcomings.count);
	/* the pool by title follows the planning: entries, at most 3 per title
	 * and unit, each of a cadre planned for exactly that post */
	assert_true(scalar(s, "SELECT count(*) FROM pool") > 0);
	assert_int_equal((long)scalar(s, "SELECT count(*) FROM (SELECT 1 FROM pool"
					 " GROUP BY term, title, unit_id HAVING count(*) > 3)"),
			 0);
	assert_int_equal((long)scalar(s, "SELECT count(*) FROM pool o WHERE NOT EXISTS"
					 " (SELECT 1 FROM planning p WHERE p.cadre_id = o.cadre_id"
					 " AND p.term = o.term)"),
			 0);
	store_close(s);
}

/* The build ranks cadres in memory: ranks must still be the Vietnamese
 * order (sort key, then id) SEARCH_GAP apart, and the search index must
 * hold each cadre's fold at its rank. */
static void test_ranks_follow_name_order_and_index_holds_each_name(void **state)
{
	world *w = *state;
	store *s = build(w, "ranks", 2000, 17, NULL);
	assert_int_equal(
		(long)scalar(s, "SELECT count(*) FROM (SELECT rank, row_number() OVER"
				" (ORDER BY sort_key, id) * 1024 AS r FROM cadre) WHERE rank <> r"),
		0);
	assert_int_equal(
		(long)scalar(s, "SELECT count(*) FROM cadre_fts WHERE cadre_fts MATCH 'thi'"),
		(long)scalar(s, "SELECT count(*) FROM cadre"
				" WHERE ' ' || name_fold || ' ' LIKE '% thi %'"));
	assert_int_equal(
		(long)scalar(
			s,
			"SELECT count(*) FROM cadre_fts f"
			" LEFT JOIN cadre c ON c.rank = f.rowid WHERE cadre_fts MATCH 'nguyen'"
			" AND (c.id IS NULL OR ' ' || c.name_fold || ' ' NOT LIKE '% nguyen %')"),
		0);
	assert_int_equal((long)scalar(s, "SELECT count(*) FROM name_word WHERE word = 'huynh'"), 1);
	store_close(s);
}

static void test_refuses_a_database_with_cadres(void **state)
{
	world *w = *state;
	demo_options o = {.seed = 1, .cadres = 10};
	cb_error err;
	store *s = build(w, "twice", 10, 1, NULL);
	assert_int_not_equal(demo_build(s, w->config, &o, NULL, &err), CB_OK);
	assert_int_equal((long)scalar(s, "SELECT count(*) FROM cadre"), 10);
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rng_same_seed_same_stream),
		cmocka_unit_test(test_rng_below_stays_in_range),
		cmocka_unit_test(test_same_seed_gives_identical_content),
		cmocka_unit_test(test_different_seeds_differ),
		cmocka_unit_test(test_counts_match_request_and_stats),
		cmocka_unit_test(test_shares_are_plausible),
		cmocka_unit_test(test_ages_between_28_and_60_at_reference),
		cmocka_unit_test(test_names_are_nfc_with_three_or_more_words),
		cmocka_unit_test(test_positions_follow_rank_and_level),
		cmocka_unit_test(test_plans_have_overdue_and_verified_items),
		cmocka_unit_test(test_ranks_follow_name_order_and_index_holds_each_name),
		cmocka_unit_test(test_refuses_a_database_with_cadres),
	};
	setlocale(LC_ALL, "C.UTF-8");
	i18n_init("en");
	return cmocka_run_group_tests(tests, setup, teardown);
}
