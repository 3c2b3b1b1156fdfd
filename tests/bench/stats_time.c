/* stats_time.c - how long the breakdown screen takes to recompute: the
 * engine alone (stats_run, targets_eval, targets_by_district), in one
 * process with the database open, as when the user changes a dimension.
 * Built and run by tests/bench/stats.sh; prints one line per measure:
 *   <what> <best ms> <first ms>
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "stats.h"
#include "store.h"

/* CPU time of the process: what the computation costs, whatever else
 * the machine is doing (wall time on a busy shared machine is not). */
static double now_ms(void)
{
	struct timespec t;
	clock_gettime(getenv("STATS_WALL") ? CLOCK_MONOTONIC : CLOCK_PROCESS_CPUTIME_ID, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int runs = 3;

/* stats_internal.h: read the year's records themselves, not the yearly
 * summary (STATS_RECORDS=1, the way counts were made before it). */
extern bool stats_summary_disabled;
/* stats_internal.h: the threads a count uses (STATS_THREADS=1: one, as
 * before counts were divided; unset: as many as apply). */
extern int stats_threads;

static void report(const char *what, double best, double first)
{
	printf("%-34s %9.1f %9.1f\n", what, best, first);
}

static int breakdown(store *s, const cfg *c, const char *what, int pop, int d0, int d1,
		     cb_date as_of, int year)
{
	double best = 1e12, first = 0;
	stats_query q;
	stats_table t;
	cb_error err;

	stats_query_init(&q, c);
	q.base.as_of = as_of;
	q.base.population = pop;
	q.year = year;
	q.dim[0] = d0;
	q.dim[1] = d1;
	for (int i = 0; i < runs; i++) {
		double t0 = now_ms(), ms;
		if (stats_run(s, &q, &t, &err) != CB_OK) {
			fprintf(stderr, "%s\n", err.msg);
			return 1;
		}
		ms = now_ms() - t0;
		if (i == 0)
			first = ms;
		if (ms < best)
			best = ms;
	}
	report(what, best, first);
	return 0;
}

static int panel(store *s, const cfg *c, bool districts, cb_date as_of, int year)
{
	double best = 1e12, first = 0;
	target_result r[TARGET_COUNT];
	cadre_filter scope;
	cb_error err;

	filter_init(&scope);
	scope.as_of = as_of;
	scope.deepest_tier = c->tiers;
	for (int i = 0; i < runs; i++) {
		double t0 = now_ms(), ms;
		int rc;
		if (districts) {
			target_column *cols;
			size_t n;
			rc = targets_by_district(s, c, as_of, year, &cols, &n, &err);
			if (!rc)
				free(cols);
		} else {
			rc = targets_eval(s, &scope, year, c->target, r, &err);
		}
		if (rc) {
			fprintf(stderr, "%s\n", err.msg);
			return 1;
		}
		ms = now_ms() - t0;
		if (i == 0)
			first = ms;
		if (ms < best)
			best = ms;
	}
	report(districts ? "targets, every district" : "targets, whole province", best, first);
	return 0;
}

/* A fresh connection before each measure, so that its first run reads
 * the year's records from the database (the connection keeps them for
 * the next counts while nothing changes): first = the first count after
 * a change, best = a recount. */
static store *reopen(store *s, const char *path)
{
	cb_error err;
	store_close(s);
	if (store_open(&s, path, STORE_READONLY, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		exit(1);
	}
	return s;
}

int main(int argc, char **argv)
{
	store *s;
	cfg *c;
	cb_error err;
	cb_date as_of;
	int rc = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: stats_time CONFIG_DIR DB [RUNS]\n");
		return 2;
	}
	stats_summary_disabled = getenv("STATS_RECORDS") != NULL;
	stats_threads = getenv("STATS_THREADS") ? atoi(getenv("STATS_THREADS")) : 0;
	if (argc > 3)
		runs = atoi(argv[3]) > 0 ? atoi(argv[3]) : 3;
	/* the database as the application leaves it: opening it for writing
	 * creates the indexes a database cached by an older build lacks */
	if (store_open(&s, argv[2], 0, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	store_close(s);
	if (config_load_dir(&c, argv[1], &err) || store_open(&s, argv[2], STORE_READONLY, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	date_parse_iso("2025-12-31", &as_of);
	s = reopen(s, argv[2]);
	rc |= breakdown(s, c, "age (all)", POP_ALL, DIM_AGE, DIM_NONE, as_of, 2025);
	s = reopen(s, argv[2]);
	rc |= breakdown(s, c, "age x gender (all)", POP_ALL, DIM_AGE, DIM_GENDER, as_of, 2025);
	s = reopen(s, argv[2]);
	rc |= breakdown(s, c, "age x gender (managed)", POP_MANAGED, DIM_AGE, DIM_GENDER, as_of,
			2025);
	s = reopen(s, argv[2]);
	rc |= breakdown(s, c, "education x theory (dept)", POP_DEPT, DIM_EDUCATION, DIM_THEORY,
			as_of, 2025);
	s = reopen(s, argv[2]);
	rc |= breakdown(s, c, "ethnicity (commune)", POP_COMMUNE, DIM_ETHNICITY, DIM_NONE, as_of,
			2025);
	s = reopen(s, argv[2]);
	rc |= breakdown(s, c, "rating (all)", POP_ALL, DIM_RATING, DIM_NONE, as_of, 2025);
	s = reopen(s, argv[2]);
	rc |= breakdown(s, c, "training x gender (all)", POP_ALL, DIM_TRAINING, DIM_GENDER, as_of,
			2025);
	s = reopen(s, argv[2]);
	rc |= breakdown(s, c, "planning x age (all)", POP_ALL, DIM_PLANNING, DIM_AGE, as_of, 2025);
	s = reopen(s, argv[2]);
	rc |= panel(s, c, false, as_of, 2025);
	s = reopen(s, argv[2]);
	rc |= panel(s, c, true, as_of, 2025);
	store_close(s);
	config_free(c);
	return rc;
}
