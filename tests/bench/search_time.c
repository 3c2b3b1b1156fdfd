/* search_time.c - what a keystroke costs in the cadre list: the first
 * window of 50 rows for one- and two-letter queries in every sort order,
 * typed within a large district, the drill-downs into its cells of the
 * target panel (rare and common filters: codes, ratings, trainings, the
 * pool), the cadre list's filters on the codes over the whole province
 * in every order, and the background count with diacritics and with a filter. The
 * engine alone (search_fetch / search_count), in one process with the
 * database open, as the screen calls it. Built and run by
 * tests/bench/search.sh; prints one line per measure: <what> <best ms>
 * <first ms> (CPU time), and for a count the number counted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "filter.h"
#include "search.h"
#include "stats.h"
#include "store.h"
#include "store_sql.h"
#include "target_list.h"

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(getenv("STATS_WALL") ? CLOCK_MONOTONIC : CLOCK_PROCESS_CPUTIME_ID, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int runs = 3;
static const char *const sort_names[] = {"name", "age", "unit", "position"};

/* Times one fetch (count=false) of the window after `after` (0: the
 * first) or count of q; prints a line; *best_ms (NULL: not wanted) the
 * best. */
static int measure_at(store *s, const char *what, const search_query *q, bool count, int64_t after,
		      double *best_ms)
{
	double best = 1e12, first = 0;
	int64_t counted = 0;
	cb_error err;

	for (int i = 0; i < runs; i++) {
		search_hit *hits = NULL;
		size_t n = 0;
		int64_t total = 0;
		double t0 = now_ms(), ms;
		int rc = count ? search_count(s, q, &total, &err)
			       : search_fetch(s, q, after, false, 50, &hits, &n, &err);
		ms = now_ms() - t0;
		free(hits);
		counted = total;
		if (rc) {
			fprintf(stderr, "%s: %s\n", what, err.msg);
			return 1;
		}
		if (i == 0)
			first = ms;
		if (ms < best)
			best = ms;
	}
	if (best_ms)
		*best_ms = best;
	if (count) /* the count itself, to set beside the sqlite3 shell's */
		printf("%-40s %9.2f %9.2f %9lld\n", what, best, first, (long long)counted);
	else
		printf("%-40s %9.2f %9.2f\n", what, best, first);
	return 0;
}

static int measure(store *s, const char *what, const search_query *q, bool count, double *best_ms)
{
	return measure_at(s, what, q, count, 0, best_ms);
}

static search_query query(const char *text, int sort, cb_date as_of)
{
	search_query q;

	memset(&q, 0, sizeof q);
	q.text = text;
	q.sort = sort;
	filter_init(&q.filter);
	q.filter.as_of = as_of;
	return q;
}

/* Every cell of the target panel that lists cadres, in district d, as
 * the panel builds its list (target_filter): the population, those
 * meeting the target, those short of it, the candidates in the pool;
 * `suffix` names how they are read. Then the worst of them. */
static int measure_cells(store *s, const search_query *d, const char *district, const char *suffix)
{
	static const char *const kinds[] = {"all", "meeting", "short", "pool"};
	char what[128], worst_what[128] = "", worst_first[32] = "";
	double worst = -1;
	int rc = 0;
	for (int id = 0; id < TARGET_COUNT; id++)
		for (int kind = TL_DEN; kind <= TL_POOL; kind++) {
			search_query cell = *d;
			double ms;
			if (!target_filter(id, kind, &d->filter, 2025, &cell.filter))
				continue;
			snprintf(what, sizeof what, "district %s, %s %s%s", district,
				 target_key(id), kinds[kind], suffix);
			rc |= measure(s, what, &cell, false, &ms);
			if (ms > worst) {
				worst = ms;
				snprintf(worst_what, sizeof worst_what, "%s %s", target_key(id),
					 kinds[kind]);
			}
		}
	/* the worst cell's name on a line of its own: the sizes' worst
	 * cells may differ, the measure is the same */
	snprintf(what, sizeof what, "district %s, worst cell%s", district, suffix);
	snprintf(worst_first, sizeof worst_first, "%.2f", worst);
	printf("%-40s %9s %9s\n", what, worst_first, "-");
	printf("%-40s %s\n", "  that cell is", worst_what);
	return rc;
}

/* A filter of the province's list on the codes and a rating of 2025. */
struct list_codes {
	int population, gender, level, education, theory, minority, grade;
};

static search_query list_query(const struct list_codes *f, int sort, int reversed, cb_date as_of)
{
	search_query q = query(NULL, sort | (reversed ? SORT_REVERSE : 0), as_of);
	q.filter.population = f->population;
	q.filter.gender = f->gender;
	q.filter.level = f->level;
	q.filter.education = f->education;
	q.filter.theory = f->theory;
	q.filter.minority = f->minority;
	if (f->grade != FILTER_ANY) {
		q.filter.rating_year = 2025;
		q.filter.rating_grade = f->grade;
	}
	return q;
}

/* Times the window after the first of q (PgDn), the first read once
 * before; prints a line as measure does. */
static int measure_next(store *s, const char *what, const search_query *q, double *best_ms)
{
	search_hit *hits = NULL;
	size_t n = 0;
	int64_t after;
	cb_error err;

	if (search_fetch(s, q, 0, false, 50, &hits, &n, &err)) {
		fprintf(stderr, "%s: %s\n", what, err.msg);
		return 1;
	}
	after = n ? hits[n - 1].pos : 0;
	free(hits);
	return measure_at(s, what, q, false, after, best_ms);
}

/* The cadre list filtered on the codes or a year's rating over the whole
 * province, in every order and its reverse, from the walk and the year's
 * records the list keeps for such a filter (search_walk_worth): first
 * the walk and records made (while the filter form rests, or else at the
 * first window after the filter is applied, once), then each list's first
 * window and the worst, then each list's next window and the worst. */
static int measure_list_filters(store *s, cb_date as_of)
{
	static const char *const rev_names[] = {"", " reversed"};
	enum { ANY = FILTER_ANY };
	static const struct {
		struct list_codes f;
		const char *what;
	} lists[] = {
		{{POP_ALL, 2, ANY, ANY, ANY, ANY, ANY}, "women"},
		{{POP_ALL, 2, 1, ANY, ANY, ANY, ANY}, "women of level 1"},
		{{POP_ALL, 2, ANY, 5, ANY, ANY, ANY}, "women, education 5"},
		{{POP_ALL, 2, ANY, ANY, 4, ANY, ANY}, "women, theory 4"},
		{{POP_MANAGED, 2, ANY, ANY, ANY, ANY, ANY}, "managed women"},
		{{POP_MANAGED, 2, ANY, ANY, ANY, 1, ANY}, "managed minority women"},
		{{POP_ALL, ANY, ANY, ANY, ANY, ANY, 4}, "rated 4 in 2025"},
		{{POP_ALL, 2, ANY, ANY, ANY, ANY, 4}, "women rated 4 in 2025"},
	};
	char what[128], worst_what[128] = "", worst_ms[32];
	double t0, made;
	search_query p = query(NULL, SORT_NAME, as_of);
	cb_error err;
	int rc = 0;

	p.filter.gender = 2;
	if (!(search_walk_worth(s, &p) & SEARCH_KEEP_WALK)) {
		printf("%-40s %9s %9s\n", "list filters: province too short", "-", "-");
		return 0;
	}
	stats_keep_walks(s, true);
	t0 = now_ms();
	if (stats_walk_prefetch(s, &p.filter, 2025, NULL, NULL, &err)) {
		fprintf(stderr, "keeping the walk: %s\n", err.msg);
		stats_keep_walks(s, false);
		return 1;
	}
	made = now_ms() - t0;
	snprintf(worst_ms, sizeof worst_ms, "%.2f", made);
	printf("%-40s %9s %9s\n", "list filters: walk and records made", worst_ms, "-");
	/* each list's first window, its set found anew each time (as after
	 * the filter is applied); then the worst next window (PgDn), whose
	 * set the first one kept */
	for (int next = 0; next < 2; next++) {
		double worst = -1;
		store_search_state(s)->set_cache_off = !next;
		for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
			for (int sort = SORT_NAME; sort <= SORT_POSITION; sort++)
				for (int r = 0; r < 2; r++) {
					search_query q = list_query(&lists[i].f, sort, r, as_of);
					double ms;
					snprintf(what, sizeof what, "%s, %s, %s order%s",
						 next ? "next window" : "list", lists[i].what,
						 sort_names[sort], rev_names[r]);
					rc |= next ? measure_next(s, what, &q, &ms)
						   : measure(s, what, &q, false, &ms);
					if (ms > worst) {
						worst = ms;
						snprintf(worst_what, sizeof worst_what, "%s", what);
					}
				}
		snprintf(worst_ms, sizeof worst_ms, "%.2f", worst);
		printf("%-40s %9s %9s\n",
		       next ? "list filters, next window: worst" : "list filters: worst", worst_ms,
		       "-");
		printf("%-40s %s\n", "  that list is", worst_what);
	}
	store_search_state(s)->set_cache_off = false;
	stats_keep_walks(s, false);
	return rc;
}

int main(int argc, char **argv)
{
	static const char *const typed[] = {"n", "ng", "th", "h", "tr", "zz"};
	store *s;
	cb_error err;
	cb_date as_of;
	unit_row u;
	char what[64];
	int rc = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: search_time DB DISTRICT_CODE [RUNS]\n");
		return 2;
	}
	if (argc > 3)
		runs = atoi(argv[3]) > 0 ? atoi(argv[3]) : 3;
	if (store_open(&s, argv[1], STORE_READONLY, &err) ||
	    store_unit_by_code(s, argv[2], &u, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	date_parse_iso("2025-12-31", &as_of);
	for (int sort = SORT_NAME; sort <= SORT_POSITION; sort++)
		for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++) {
			search_query q = query(typed[i], sort, as_of);
			snprintf(what, sizeof what, "type \"%s\", %s order", typed[i],
				 sort_names[sort]);
			rc |= measure(s, what, &q, false, NULL);
		}
	/* every order reversed, the whole list and a one-letter query */
	for (int sort = SORT_NAME; sort <= SORT_POSITION; sort++)
		for (int t = 0; t < 2; t++) {
			search_query q = query(t ? "n" : NULL, sort | SORT_REVERSE, as_of);
			snprintf(what, sizeof what, "%s%s, %s order reversed", t ? "type " : "all",
				 t ? "\"n\"" : "", sort_names[sort]);
			rc |= measure(s, what, &q, false, NULL);
		}
	/* typed in name order within the district (a district's reader, or
	 * a province's who chose it): its cadres are a twentieth of the
	 * province's, so the matches' own order comes to them slowly */
	for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++) {
		search_query t = query(typed[i], SORT_NAME, as_of);
		t.filter.unit_lo = u.lo;
		t.filter.unit_hi = u.hi;
		snprintf(what, sizeof what, "district %s, type \"%s\"", argv[2], typed[i]);
		rc |= measure(s, what, &t, false, NULL);
	}
	/* the target panel's drill-downs into the district's managed women,
	 * and the whole district, in name order */
	search_query d = query(NULL, SORT_NAME, as_of);
	d.filter.unit_lo = u.lo;
	d.filter.unit_hi = u.hi;
	snprintf(what, sizeof what, "district %s, all", argv[2]);
	rc |= measure(s, what, &d, false, NULL);
	d.filter.population = POP_MANAGED;
	d.filter.gender = 2;
	snprintf(what, sizeof what, "district %s, managed women", argv[2]);
	rc |= measure(s, what, &d, false, NULL);
	d.filter.gender = FILTER_ANY;
	d.filter.planning = 1;
	snprintf(what, sizeof what, "district %s, managed in the pool", argv[2]);
	rc |= measure(s, what, &d, false, NULL);
	d.filter.population = POP_ALL;
	d.filter.planning = FILTER_ANY;
	rc |= measure_cells(s, &d, argv[2], "");
	/* the same cells opened from the panel, which keeps the year's
	 * records in memory (stats_walk_prefetch, as it does while the
	 * keyboard rests) */
	search_query panel = query(NULL, SORT_NAME, as_of);
	cb_error kept_err;
	stats_keep_walks(s, true);
	if (stats_walk_prefetch(s, &panel.filter, 2025, NULL, NULL, &kept_err)) {
		fprintf(stderr, "keeping the records: %s\n", kept_err.msg);
		rc = 1;
	}
	rc |= measure_cells(s, &d, argv[2], " (kept)");
	stats_keep_walks(s, false);
	/* lists of the whole province behind the breakdowns and the target
	 * panel (their first column): read as a list is, then as those
	 * screens read them, with the walk they keep in memory */
	static const struct {
		int population, gender, planning;
		const char *what;
	} whole[] = {
		{POP_ALL, 1, FILTER_ANY, "men"},
		{POP_MANAGED, 2, FILTER_ANY, "managed women"},
		{POP_DEPT, FILTER_ANY, 1, "dept heads in the pool"},
	};
	for (int kept = 0; kept < 2; kept++) {
		search_query p = query(NULL, SORT_NAME, as_of);
		cb_error e;
		if (kept) {
			stats_keep_walks(s, true);
			if (stats_walk_prefetch(s, &p.filter, 2025, NULL, NULL, &e)) {
				fprintf(stderr, "keeping the walk: %s\n", e.msg);
				rc = 1;
			}
		}
		for (size_t i = 0; i < sizeof whole / sizeof whole[0]; i++) {
			search_query w = p;
			w.filter.population = whole[i].population;
			w.filter.gender = whole[i].gender;
			w.filter.planning = whole[i].planning;
			snprintf(what, sizeof what, "province, %s%s", whole[i].what,
				 kept ? " (walk kept)" : "");
			rc |= measure(s, what, &w, false, NULL);
		}
	}
	stats_keep_walks(s, false);
	rc |= measure_list_filters(s, as_of);
	/* the background count of the list's matches */
	search_query c = query("Nguyễn", SORT_NAME, as_of);
	rc |= measure(s, "count \"Nguyễn\" (diacritics)", &c, true, NULL);
	c = query("nguyen", SORT_NAME, as_of);
	c.filter.gender = 2;
	rc |= measure(s, "count \"nguyen\", women", &c, true, NULL);
	store_close(s);
	return rc;
}
