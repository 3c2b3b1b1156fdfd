/* stats.h - breakdowns of cadres by one or two dimensions, and the numeric
 * targets of the provincial resolution, counted exactly.
 *
 * Who is counted is a cadre_filter (filter.h): scope (unit subtree or
 * organisation), population and reference date. A breakdown is one SQL
 * aggregation whose WHERE clause is filter_build's; each of its cells can
 * be turned back into a cadre_filter (stats_cell_filter) that lists exactly
 * the cadres counted in it. The same holds for every target's numerator and
 * denominator (target_filter). Counts are integers; a percentage is only
 * ever compared as num * 100 >= target * den and printed from integers; an
 * empty population is "no data", never 0 %.
 */
#ifndef CANBO_STATS_H
#define CANBO_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "error.h"
#include "filter.h"
#include "store.h"
#include "target_list.h"

/* Dimensions. X(id, cli name, English label) */
#define STATS_DIM_LIST(X)                                                                          \
	X(DIM_AGE, "age", "Age band")                                                              \
	X(DIM_UNDER40, "under40", "Under 40")                                                      \
	X(DIM_GENDER, "gender", "Gender")                                                          \
	X(DIM_ETHNICITY, "ethnicity", "Ethnicity")                                                 \
	X(DIM_EDUCATION, "education", "Professional education")                                    \
	X(DIM_THEORY, "theory", "Political theory")                                                \
	X(DIM_RATING, "rating", "Yearly rating")                                                   \
	X(DIM_TRAINING, "training", "Training in the year")                                        \
	X(DIM_PLANNING, "planning", "Planning pool")                                               \
	X(DIM_RETIRE, "retirement", "Years to retirement")                                         \
	X(DIM_SCORE, "score", "Evaluation score")                                                  \
	X(DIM_ETHNIC_GROUP, "ethnic-group", "Ethnic group")                                        \
	X(DIM_RELIGION, "religion", "Religion")                                                    \
	X(DIM_ACAD_TITLE, "academic-title", "Academic title")                                      \
	X(DIM_GENERAL_EDU, "general-education", "General education")                               \
	X(DIM_STATE_MGMT, "state-management", "State management")                                  \
	X(DIM_LANGUAGE, "foreign-language", "Foreign language")                                    \
	X(DIM_IT_LEVEL, "it-level", "IT level")

enum stats_dim {
#define X(id, name, label) id,
	STATS_DIM_LIST(X)
#undef X
		DIM_COUNT,
	DIM_NONE = -1
};

#define STATS_MAX_VALUES   64	/* values of one dimension (a coded list: choices + 1) */
#define STATS_ALL	   (-1) /* a row or column index meaning "every value" */
#define STATS_RETIRE_EDGES 3	/* years-to-retirement bands: 1, 2, 5 by default */
#define STATS_UNDER40	   (-2) /* the derived "under 40" row of DIM_AGE */

/* What to break down. */
typedef struct stats_query {
	cadre_filter base;	  /* scope, population, as_of, deepest_tier */
	int dim[2];		  /* dim[1] = DIM_NONE for one dimension */
	int year;		  /* of ratings and trainings */
	int training_kind;	  /* FILTER_ANY (any kind) or a TRAINING_LIST value */
	int bands[CFG_MAX_BANDS]; /* age band lower bounds after 0, ascending */
	int band_count;
	/* DIM_RETIRE: the configured bands (years) and, per gender (1, 2) and
	 * band edge, the last birth date retiring before as_of + edge years;
	 * set by stats_query_set_retirement (stats_run refuses DIM_RETIRE
	 * without it). */
	bool retire_ready;
	cb_date retire_as_of;
	int retire_bands[STATS_RETIRE_EDGES];
	char retire_upto[3][STATS_RETIRE_EDGES][11];
	/* DIM_SCORE: the evaluation period whose scores are counted ("" = the
	 * year above) and the grade thresholds, set by stats_query_prepare. */
	char period[16];
	bool score_ready;
	int score_cut[3];
} stats_query;

/* The values of one dimension, in display order. */
typedef struct stats_axis {
	int dim; /* DIM_NONE: a single "total" value */
	int n;
	int code[STATS_MAX_VALUES];	  /* what the SQL expression yields */
	char name[STATS_MAX_VALUES][24];  /* stable key for CSV/JSON */
	char label[STATS_MAX_VALUES][64]; /* translated */
} stats_axis;

typedef struct stats_table {
	stats_axis axis[2]; /* rows, columns (axis[1].n == 1 for one dimension) */
	int64_t count[STATS_MAX_VALUES][STATS_MAX_VALUES];
	int64_t row_total[STATS_MAX_VALUES];
	int64_t col_total[STATS_MAX_VALUES];
	int64_t total;	 /* the whole population */
	int64_t under40; /* DIM_AGE rows only: derived, overlaps the bands */
	bool has_under40;
} stats_table;

/* A query over the whole province, population POP_ALL, as of today, age
 * bands and deepest tier from the configuration (c may be NULL: default
 * bands 30/40/50/60, three tiers), year = the year of as_of. */
void stats_query_init(stats_query *q, const cfg *c);

/* Reads what the query's dimensions need beyond the database: for years
 * to retirement, the roadmap of the career rules (career.ini) at the
 * query's as_of. Call it after the dimensions and as_of are set, before
 * stats_run (which refuses a query whose as_of changed since). */
int stats_query_prepare(stats_query *q, const cfg *c, cb_error *err);

/* Runs the breakdown (one read statement, no transaction needed). An empty
 * population is CB_OK with total == 0: show "no data". */
int stats_run(store *s, const stats_query *q, stats_table *out, cb_error *err);

/* Whether counts use a walk of the cadres kept in memory (about 16 bytes
 * a cadre) while the database is unchanged, instead of walking the index:
 * for screens that count the same scope again and again (a one-shot
 * command would only pay for the copy). A count finding none kept for its
 * scope walks the index as without; stats_walk_prefetch keeps one. Off
 * drops what s keeps. */
void stats_keep_walks(store *s, bool keep);
/* Whether walks are kept (stats_keep_walks), by whichever screen. */
bool stats_walks_kept(void);
/* Walks the cadres of `scope` (a breakdown's base filter, or the target
 * panel's scope) and keeps the walk, unless one kept is still current, and
 * reads every kind of yearly record of `year` the counts may need (none
 * when year <= 0: the cadre list's filters read them from the summary,
 * store_summary.h): what a screen does while the keyboard rests, so that
 * its next counts read neither. Nothing when stats_keep_walks is off. It gives way as soon as
 * should_stop(stop_ctx) says so (a key: NULL = never), with CB_STOPPED and
 * nothing kept of what it had not finished. */
int stats_walk_prefetch(store *s, const cadre_filter *scope, int year, int (*should_stop)(void *),
			void *stop_ctx, cb_error *err);
/* The records of `year` alone, as stats_walk_prefetch reads them after
 * its walk (they are kept with the connection whether walks are or not),
 * giving way as it does. */
int stats_records_prefetch(store *s, int year, int (*should_stop)(void *), void *stop_ctx,
			   cb_error *err);
/* Whether a count of `scope` walks enough cadres (65 536 or more, the
 * largest id standing for the province's count) to take most of a frame
 * (some 7-10 ms; 55 ms at a million): worth keeping before the screen that
 * counts it is opened. */
bool stats_walk_is_long(store *s, const cadre_filter *scope);
/* The cadres of a list's scope (its units, organisation and departures,
 * as a screen's counts keep them) whose packed codes pass
 * in->passes(in->ctx, packed) (cadre_pack.h; -1 must pass), from the walk
 * kept in memory: one bit per id in out->bits (out->nbits of them; the
 * caller frees), out->passed set. in->reads: the bits of the packed value
 * the test reads (its answer is remembered for them). in->records (NULL:
 * none): the yearly records kept in memory, which each id must pass too.
 * CB_NOT_FOUND, nothing made, when no walk of that scope is kept and
 * current, or when a sample of it passes the codes' test more than
 * in->most of its rows. Every cadre of the scope is kept, those who left
 * too: a superset.
 *
 * With in->members_max > 0, when no more than that many pass,
 * out->members holds each of them as the walk has it (its packed codes
 * with the birth date, and its unit), in the walk's order, for a list
 * that orders them by those keys (NULL when more pass). */
typedef struct stats_walk_member {
	int64_t packed;
	uint32_t unit, id;
} stats_walk_member;
typedef struct stats_kept_test stats_kept_test;
typedef struct stats_walk_ids_in {
	bool (*passes)(const void *ctx, int64_t packed);
	const void *ctx;
	int64_t reads;
	double most;
	const stats_kept_test *records;
	size_t members_max;
} stats_walk_ids_in;
typedef struct stats_walk_ids_out {
	uint64_t *bits;
	size_t nbits, passed;
	stats_walk_member *members;
	size_t nmembers;
} stats_walk_ids_out;
int stats_walk_ids(store *s, const cadre_filter *list, const stats_walk_ids_in *in,
		   stats_walk_ids_out *out, cb_error *err);
/* The units of a list's set (bits over ids, nbits of them: as
 * stats_walk_ids made it, or narrowed since) from the same kept walk, for
 * a list in unit order: out->unit_bits, one bit per unit id (unit_nbits),
 * set for the units to walk, those holding some of the set; out->few, in
 * id order, the ids of the set in units where they are few among many
 * (at most STATS_UNIT_FEW_MAX, fewer than one in `few_share` of a unit of
 * at least `few_among` cadres: STATS_UNIT_FEW_*), whose bits are left
 * clear in unit_bits: reading those few by id costs less than walking
 * past the many (a walk in a unit of 18 000 cadres holding one of the
 * set took some 2 ms at a million cadres). More than a few are walked: a
 * window they would fill sooner than the walk's units can is read by the
 * walk until it has a window of its own. The caller frees both.
 * CB_NOT_FOUND when the walk is not kept or current. */
#define STATS_UNIT_FEW_MAX   16
#define STATS_UNIT_FEW_SHARE 64
#define STATS_UNIT_FEW_AMONG 4096
typedef struct stats_walk_units_out {
	uint64_t *unit_bits;
	size_t unit_nbits;
	int64_t *few;
	size_t nfew;
} stats_walk_units_out;
int stats_walk_units(store *s, const cadre_filter *list, const uint64_t *bits, size_t nbits,
		     size_t few_among, size_t few_share, stats_walk_units_out *out, cb_error *err);
/* A list's conditions on the yearly records (the rating and trainings of
 * one year, the pool) answered from those a screen keeps in memory
 * (stats_walk_prefetch, a count of the breakdowns or the targets) while
 * they are current, instead of a probe of the records for each cadre.
 * The bits are the connection's: the test holds until the next count. */
struct stats_kept_test {
	const uint16_t *bits; /* each cadre's records, by id */
	int64_t n;	      /* ids 0..n-1 */
	unsigned grades;      /* the grades of the year that pass (bit g; 0 = none) */
	unsigned mask, want;  /* the other bits tested, and those that must be set */
};
/* Whether every condition f has on the yearly records (rating, training,
 * pool; a bar is never kept) can be answered from the records kept and
 * current; then the test into *t. False when f has none. */
bool stats_kept_test_for(store *s, const cadre_filter *f, stats_kept_test *t);
/* Whether the records kept in memory can answer every condition f has on
 * them (as stats_kept_test_for, once they are kept), and the year to keep
 * (0: any, for the pool alone). False when f has none. */
bool stats_kept_year(const cadre_filter *f, int *year);
/* Whether cadre id passes those conditions (an id outside the records
 * passes: the list's own statement tests it). */
bool stats_kept_passes(const stats_kept_test *t, int64_t id);
/* PRAGMA data_version of db (it changes when another connection
 * commits), or -1 when it cannot be read. */
int64_t stats_data_version(sqlite3 *db);
/* How many walks this process has kept so far (a screen can tell whether
 * its prefetch did any work). */
int stats_walk_kept_count(void);

/* The cadres of one cell: row/col index a value of axis 0/1, or STATS_ALL
 * for a total; row STATS_UNDER40 for the derived row. */
void stats_cell_filter(const stats_query *q, const stats_table *t, int row, int col,
		       cadre_filter *out);

/* Names and labels of dimensions. */
const char *stats_dim_name(int dim);
const char *stats_dim_label(int dim);
bool stats_dim_from_name(const char *name, int *dim);

/* The latest year (not after `upto`) that has any cadre or organisation
 * rating, or `upto` when there is none: the default year of ratings. */
int stats_latest_year(store *s, int upto, cb_error *err);

/* Percentage num/den rounded half up to stats_pct_decimals() decimals,
 * the way official statistical reports round: "37.5" (a decimal point: the
 * form programs read). Whether a target is met is never decided on this
 * text but on the integers (target_judge): 199/1000 shows "20.0" and is
 * still short of 20 %. buf receives "" when den == 0. cap >= 8. */
void stats_pct_format(int64_t num, int64_t den, char *buf, size_t cap);
/* The same for people: a decimal comma in Vietnamese ("37,5"). */
void stats_pct_label(int64_t num, int64_t den, char *buf, size_t cap);
/* Decimals of every percentage shown (0..3; canbo.ini [reports]
 * percent_decimals, set when the application opens). */
void stats_pct_set_decimals(int decimals);
int stats_pct_decimals(void);
/* Rewrites a percentage written by stats_pct_format for people: the
 * decimal point becomes a comma when the language is Vietnamese. */
void stats_pct_localise(char *pct);

/* A bar of `width` cells for num/den: block characters (with eighths) when
 * utf8, '#' otherwise. buf must hold width * 3 + 1 bytes. */
void stats_bar(int64_t num, int64_t den, int width, bool utf8, char *buf, size_t cap);

/* ---- targets ---------------------------------------------------------- */

enum target_state { TARGET_NO_DATA, TARGET_MET, TARGET_MISSED };

typedef struct target_result {
	int id;
	int target; /* percent */
	int64_t num, den;
	int state;   /* enum target_state */
	int64_t gap; /* smallest k with (num + k) * 100 >= target * den */
} target_result;

/* Evaluates every target for one scope: `scope` gives unit_lo/hi or
 * org_id, as_of and deepest_tier (its population and other conditions are
 * ignored); `pct` the target percent of each (config_target). Cadre
 * targets come from one aggregation, organisation targets from another. */
int targets_eval(store *s, const cadre_filter *scope, int year, const int pct[TARGET_COUNT],
		 target_result out[TARGET_COUNT], cb_error *err);

/* State and gap from num, den, target (exact integer arithmetic). */
void target_judge(target_result *r);

/* One column of the province view: the whole province, the province-level
 * units themselves, or one district (tier-2 unit) with its own targets. */
typedef struct target_column {
	char code[CFG_CODE_MAX]; /* unit code (the province's for both first columns) */
	char name[CFG_NAME_MAX]; /* translated "Whole province", "Province level", or the unit's */
	bool province_level;	 /* cadres of the province unit only */
	cadre_filter scope;
	target_result result[TARGET_COUNT];
} target_column;

/* The whole province, then the province level, then every tier-2 unit in
 * configuration order; each with its effective targets. *out is malloc'd. */
int targets_by_district(store *s, const cfg *c, cb_date as_of, int year, target_column **out,
			size_t *n, cb_error *err);

/* Kinds of drill-down list behind a target. */
enum target_list_kind {
	TL_DEN,	  /* the population */
	TL_NUM,	  /* those meeting it */
	TL_SHORT, /* those in the population not meeting it */
	TL_POOL,  /* in the planning pool and meeting the condition: candidates */
};

/* The cadres behind a target figure. False when the target counts
 * organisations, or the list kind cannot be expressed for it. */
bool target_filter(int id, int kind, const cadre_filter *scope, int year, cadre_filter *out);

/* Whether a target counts organisations rather than cadres. */
bool target_is_org(int id);
const char *target_key(int id);	  /* "managed_women" */
const char *target_label(int id); /* translated description */
/* Translated short label, distinct for every target, for narrow columns;
 * target_label is the full text to show with it. */
const char *target_short(int id);
const char *target_population_text(int id); /* translated: who is counted */
/* "need 3 more women" (translated, plural-aware); "" when gap == 0. */
void target_gap_text(int id, int64_t gap, char *buf, size_t cap);
bool target_from_key(const char *key, int *id);

#endif
