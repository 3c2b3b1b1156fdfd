/* demo_internal.h - what the files of the demo build share (demo.c,
 * demo_rng.c, demo_posts.c, demo_orgs.c, demo_cadres.c, demo_plans.c): the
 * build context, the posts' and people's types, and the small helpers the
 * hot path calls for every cadre. Those stay static inline here, as they
 * were static in one file: a million-cadre demo draws them tens of millions
 * of times. Private to src/core; include/demo.h is the interface.
 */
#ifndef CANBO_DEMO_INTERNAL_H
#define CANBO_DEMO_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "demo.h"
#include "i18n.h"
#include "model.h"

/* ---- random stream and weighted choice (demo_rng.c) -------------------- */

static inline bool chance(demo_rng *r, int percent)
{
	return (int)demo_rng_below(r, 100) < percent;
}

/* A word list with its cumulative weights, for O(log n) draws. */
typedef struct picker {
	const demo_list *list;
	uint32_t *cum;
	uint32_t total;
} picker;

/* Sets up p's cumulative weights over l; -1 when out of memory. */
int demo_picker_init(picker *p, const demo_list *l);

static inline size_t pick_index_cum(demo_rng *r, const uint32_t *cum, size_t n, uint32_t total)
{
	uint32_t x = demo_rng_below(r, total);
	size_t lo = 0, hi = n - 1;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cum[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

static inline const char *pick(demo_rng *r, const picker *p)
{
	return p->list->words[pick_index_cum(r, p->cum, p->list->count, p->total)].text;
}

/* Draws an index from a small inline weight table. */
static inline int pick_weights(demo_rng *r, const int *w, int n)
{
	uint32_t cum[16], total = 0;
	for (int i = 0; i < n; i++)
		cum[i] = (total += (uint32_t)w[i]);
	return (int)pick_index_cum(r, cum, (size_t)n, total);
}

/* ---- text without printf (the hot path runs a million times) ---------- */

/* Appends src to dst (of cap bytes) at *len, cutting at cap. The demo's
 * words are short and its buffers sized for them: nothing is ever cut. */
static inline void append(char *dst, size_t cap, size_t *len, const char *src)
{
	size_t n = strlen(src);
	if (*len + n >= cap)
		n = cap - 1 - *len;
	memcpy(dst + *len, src, n);
	*len += n;
	dst[*len] = '\0';
}

static inline void copy(char *dst, size_t cap, const char *src)
{
	size_t len = 0;
	append(dst, cap, &len, src);
}

/* The person's name from its words, single spaces between. */
static inline void join_name(char *dst, size_t cap, const char *const *words, int n)
{
	size_t len = 0;
	dst[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (i)
			append(dst, cap, &len, " ");
		append(dst, cap, &len, words[i]);
	}
}

/* YYYY-MM-DD of a date (as date_format_iso, without printf). */
static inline void iso_date(cb_date d, char out[11])
{
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	out[0] = (char)('0' + y / 1000 % 10);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + day / 10);
	out[9] = (char)('0' + day % 10);
	out[10] = '\0';
}

/* ---- posts -------------------------------------------------------------- */

enum { LV_PROVINCE, LV_DISTRICT, LV_COMMUNE, LV_COUNT };

/* Committee bits (model.h COMMITTEE_LIST). */
enum {
	CM_PROV = 1,
	CM_DIST = 2,
	CM_GRASS = 4,
	CM_INSP = 8,
	CM_DELEG = 16,
	CM_BOARD = 32,
	CM_CELL = 64
};

/* Where a post's holder is a party member. */
enum {
	ORG_STANDING,
	ORG_DELEG_HDND,
	ORG_BOARD_UBND,
	ORG_DELEG_MTTQ,
	ORG_OFFICE,
	ORG_GRASSROOTS,
	ORG_CELL
};

/* A post. Titles may hold %k (the unit's kind: "huyện", "xã"), %C (the
 * district committee: "Huyện ủy", "Thị ủy", "Thành ủy") and %o (the office
 * drawn for the holder). */
typedef struct post {
	const char *title;
	int rank;
	bool head, managed;
	int committees; /* seats always held */
	int seat;	/* a seat held with probability seat_pct */
	int seat_pct;
	int female_pct; /* -1 = the default share */
	int age_min, age_max;
	int org;	  /* ORG_* */
	const char *next; /* planned next post (planning pool), or NULL */
} post;

#define DEFAULT_FEMALE_PCT 27

/* ---- the build context -------------------------------------------------- */

typedef struct dunit {
	int64_t id; /* unit.id in the database */
	int cfg;    /* index in cfg->units */
	int level;  /* LV_* */
	int tier;
	char kind[32];
	char committee[32]; /* "Huyện ủy" ... for districts */
	char shortname[CFG_NAME_MAX];
	int district; /* index into dunits of its district, -1 */
	long placed;  /* cadres placed so far (for the posts held once) */
	/* organisations */
	int64_t org_main;     /* Tỉnh ủy / Huyện ủy / Đảng ủy xã */
	int64_t org_standing; /* Ban Thường vụ */
	int64_t org_agencies; /* district: Đảng bộ cơ quan chính quyền */
	int64_t cell_first;   /* commune cells: ids cell_first .. +ncells-1 */
	int ncells;
	int64_t org_office_first; /* district office cells, one per office */
} dunit;

typedef struct build {
	const demo_options *o;
	store *s;
	sqlite3 *db;
	const cfg *c;
	demo_rng rng;	  /* the people: where, what post, name, age, education... */
	demo_rng rec;	  /* their records: ratings, trainings, plans (a stream of
			   * its own, so that changing how records are drawn leaves
			   * the people as they were) */
	demo_rng profile; /* religion ... IT level (demo_profile.c), likewise */
	demo_stats *st;
	cb_error *err;
	dunit *units;
	size_t nunits;
	int *by_level[LV_COUNT];
	size_t nby_level[LV_COUNT];
	int province; /* index in units */
	int levels;   /* 2 or 3 */
	cb_date ref;
	int64_t org_next, plan_next, item_next;
	int64_t org_deleg_hdnd, org_board_ubnd, org_deleg_mttq;
	int64_t agency_org_first; /* one org per province agency */
	store_bulk *bulk;
	picker surnames, surnames_khmer, surnames_hoa, middle_m, middle_f, given_m, given_f,
		ethnicities, agencies, agency_offices, district_offices, shortcomings, causes,
		measures, progress, courses[4];
	sqlite3_stmt *ins_plan, *ins_item, *ins_note;
	sqlite3_stmt *cadre_name; /* a plan owner's name, prepared when first needed */
} build;

static inline int fail_db(build *b, const char *what)
{
	return store_fail(b->s, b->err, what);
}

/* Prepares a one-off statement on the store's handle; NULL and err filled
 * on failure. */
static inline sqlite3_stmt *prepare(build *b, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(b->db, sql, -1, &st, NULL) != SQLITE_OK) {
		fail_db(b, _("Preparing the demo build"));
		return NULL;
	}
	return st;
}

/* Steps a reused INSERT and resets it. `what` is an untranslated msgid,
 * translated only on failure: this runs millions of times. Every binding
 * is set again before the next step, so none are cleared. */
static inline int step(build *b, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return fail_db(b, _(what));
	return CB_OK;
}

/* Replaces %k, %K, %C, %o, %a, %H, %h in a title. */
typedef struct subst {
	const char *kind;      /* %k: "xã", "huyện" */
	const char *dkind;     /* %K: the district's kind ("huyện") */
	const char *committee; /* %C */
	const char *office;    /* %o: "Phòng Nội vụ" or "Phòng X, Sở Y" */
	const char *agency;    /* %a: the agency alone ("Sở Nội vụ") */
	const char *head;      /* %H: "Trưởng phòng", "Giám đốc" ... */
	const char *deputy;    /* %h: what follows "Phó " */
} subst;

/* A cadre as drawn, before it becomes a row. */
typedef struct person {
	char name[CADRE_NAME_MAX];
	char birth[11], joined[11];
	char position[CADRE_TEXT_MAX];
	char planned[CADRE_TEXT_MAX];
	const char *ethnicity;
	int gender, age;
	int rank, education, theory, committees;
	bool managed, head;
	int level; /* tier of the unit */
	int lv;	   /* LV_* */
	int64_t org;
} person;

/* ---- posts (demo_posts.c) ------------------------------------------------ */

/* The post of the n-th cadre placed in unit d. */
const post *demo_choose_post(build *b, const dunit *d, long nth);
/* An age in [lo, hi] (within 28..60), few under 35. */
int demo_pick_age(build *b, int lo, int hi);
/* Education and political theory of p, by level and post. */
void demo_education(build *b, person *p, const dunit *d);
/* tpl with %k, %K, %C, %o, %a, %H, %h replaced from sb, into out. */
void demo_expand(const char *tpl, const subst *sb, char *out, size_t cap);
/* The head's title of an office; *rest is the name the title governs. */
const char *demo_office_head(const char *office, const char **rest);

/* ---- the parts of the build, in order (demo_orgs.c, demo_cadres.c,
 * demo_plans.c) ----------------------------------------------------------- */

/* Reads the configured units and their ids in the database. */
int demo_load_units(build *b);
/* Every party organisation, with its yearly ratings. */
int demo_build_orgs(build *b);
/* n cadres, each with its ratings, trainings and planning entry. */
int demo_build_cadres(build *b, long n);
/* Action plans with their items and progress notes. */
int demo_build_plans(build *b);

#endif
