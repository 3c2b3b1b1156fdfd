/* demo.h - a demo province: a realistic, entirely fictional database built
 * over the configured units, for trying canbo out, for the tests and for
 * the benchmark.
 *
 * Deterministic: the same configuration, seed and size give the same rows
 * with the same ids (one xoshiro256** stream seeded through splitmix64;
 * nothing depends on the clock, the user or the machine). The people are
 * invented: names are drawn from common Vietnamese surnames (with their real
 * frequencies), middle names and given names, independently, so any match
 * with a real person is chance.
 */
#ifndef CANBO_DEMO_H
#define CANBO_DEMO_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "error.h"
#include "store.h"

#define DEMO_CADRES_DEFAULT 5000
#define DEMO_CADRES_MAX	    10000000
#define DEMO_SEED_DEFAULT   1
/* The "today" of the demo world: ages, deadlines and ratings are as of the
 * end of 2025, the last rated year. */
#define DEMO_REFERENCE	"2025-12-31"
#define DEMO_FIRST_YEAR 2021
#define DEMO_LAST_YEAR	2025

typedef struct demo_options {
	uint64_t seed;
	long cadres;
	/* Called now and then while the cadres are made (done of total) and
	 * once before the search index is built (done = total); NULL = none. */
	void (*progress)(void *ctx, long done, long total);
	void *progress_ctx;
} demo_options;

typedef struct demo_stats {
	long orgs, cadres, ratings, trainings, planning;
	long plans, items, notes;
	long evaluations;
	long pool; /* entries of the planning pool by title */
} demo_stats;

/* Fills a new, empty database (units already synced from c) with the demo
 * province in one transaction, ranking the cadres in memory before they
 * are written and indexing them for search once at the end. Open the
 * store with STORE_BULK for speed. For speed the build runs without a
 * journal: if it fails (or the process dies) the file is to be thrown
 * away, which is why `canbo demo` builds under a temporary name. A
 * database that already holds cadres or organisations is refused
 * untouched. Memory: about 100 bytes a cadre during the build (a million
 * cadres: some 150 MB at the peak). */
int demo_build(store *s, const cfg *c, const demo_options *o, demo_stats *st, cb_error *err);

/* The decided yearly evaluations of the cadres rated in `year`, consistent
 * with their ratings under the rules of evaluation.ini (demo_eval.c); in
 * the build's transaction, after the ratings are written. */
int demo_evaluations(store *s, const cfg *c, int year, uint64_t seed, long *count, cb_error *err);
/* The planning pool by title, from the planning entries whose post is a
 * title of career.ini (demo_pool.c); in the build's transaction. */
int demo_pool(store *s, const cfg *c, long *count, cb_error *err);

/* ---- the random stream (exposed for the tests) ----------------------- */

typedef struct demo_rng {
	uint64_t s[4];
} demo_rng;

void demo_rng_seed(demo_rng *r, uint64_t seed);
uint64_t demo_rng_next(demo_rng *r);
/* Uniform in [0, n), n > 0. */
uint32_t demo_rng_below(demo_rng *r, uint32_t n);

/* A demo cadre's codes of the lists (religion ... IT level), from its
 * ethnicity, education, rank and age (demo_profile.c). */
void demo_profile(demo_rng *r, cadre *cd, int age);

/* ---- word lists (demo_names.c) --------------------------------------- */

/* A word and its relative frequency. */
typedef struct demo_word {
	const char *text;
	unsigned weight;
} demo_word;

typedef struct demo_list {
	const demo_word *words;
	size_t count;
} demo_list;

extern const demo_list demo_surnames; /* Kinh, southern frequencies */
extern const demo_list demo_surnames_khmer;
extern const demo_list demo_surnames_hoa;
extern const demo_list demo_middle_male;
extern const demo_list demo_middle_female;
extern const demo_list demo_given_male;
extern const demo_list demo_given_female;
extern const demo_list demo_ethnicities;
extern const demo_list demo_province_agencies; /* "Sở Nội vụ" ... */
extern const demo_list demo_agency_offices;    /* "Phòng Tổ chức cán bộ" ... */
extern const demo_list demo_district_offices;  /* "Phòng Nội vụ" ... */
extern const demo_list demo_shortcomings;
extern const demo_list demo_causes;
/* The causes of demo_shortcomings[i]: two per shortcoming, same order. */
extern const char *const demo_shortcoming_causes[][2];
extern const size_t demo_shortcoming_cause_count;
extern const demo_list demo_measures;
extern const demo_list demo_progress;
extern const demo_list demo_courses_party;
extern const demo_list demo_courses_leadership;
extern const demo_list demo_courses_title;
extern const demo_list demo_courses_other;

#endif
