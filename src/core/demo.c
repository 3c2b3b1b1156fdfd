/* demo.c - builds the demo province (include/demo.h).
 *
 * The build is one transaction (the store's bulk load: rows written many
 * to a statement, no audit row per record), in a fixed order:
 * organisations and their ratings, cadres (each with its ratings, trainings
 * and planning entry), then action plans (inserted here with prepared
 * statements, as the bulk API has none). The people come from one
 * xoshiro256** stream and their records from another, so the rows - and,
 * the database being fresh, their ids - depend only on the seed, the size
 * and the configuration.
 *
 * The people are drawn twice: a first pass only names them to the store,
 * which ranks them all in Vietnamese order in memory; the stream is then
 * rewound and the second pass writes each cadre once, with its final rank.
 * Drawing a person costs about a microsecond; ranking a million rows
 * already written would mean rewriting every one of them.
 * store_bulk_end builds the search index and the cadre indexes once at
 * the end, far faster than keeping them in order row by row.
 *
 * Positions: every unit has a short list of posts held once (Bí thư, Chủ
 * tịch UBND, ...), given to the first cadres placed in that unit; further
 * cadres draw from weighted posts of deputies and heads of offices. Ranks,
 * the "managed by the provincial standing committee" flag, committee seats,
 * education and political theory follow the post.
 */
#include "demo.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "i18n.h"
#include "model.h"

/* ---- random stream ------------------------------------------------------ */

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void demo_rng_seed(demo_rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t demo_rng_next(demo_rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/* Lemire's multiply-shift; the tiny bias (< n / 2^32) does not matter for
 * a demo and keeps the stream the same on every platform. */
uint32_t demo_rng_below(demo_rng *r, uint32_t n)
{
	return (uint32_t)(((demo_rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

static bool chance(demo_rng *r, int percent)
{
	return (int)demo_rng_below(r, 100) < percent;
}

/* ---- weighted choice ---------------------------------------------------- */

/* A word list with its cumulative weights, for O(log n) draws. */
typedef struct picker {
	const demo_list *list;
	uint32_t *cum;
	uint32_t total;
} picker;

static int picker_init(picker *p, const demo_list *l)
{
	p->list = l;
	p->total = 0;
	p->cum = malloc(l->count * sizeof *p->cum);
	if (!p->cum)
		return -1;
	for (size_t i = 0; i < l->count; i++)
		p->cum[i] = (p->total += l->words[i].weight);
	return 0;
}

static size_t pick_index_cum(demo_rng *r, const uint32_t *cum, size_t n, uint32_t total)
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

static const char *pick(demo_rng *r, const picker *p)
{
	return p->list->words[pick_index_cum(r, p->cum, p->list->count, p->total)].text;
}

/* Draws an index from a small inline weight table. */
static int pick_weights(demo_rng *r, const int *w, int n)
{
	uint32_t cum[16], total = 0;
	for (int i = 0; i < n; i++)
		cum[i] = (total += (uint32_t)w[i]);
	return (int)pick_index_cum(r, cum, (size_t)n, total);
}

/* ---- text without printf (the hot path runs a million times) ---------- */

/* Appends src to dst (of cap bytes) at *len, cutting at cap. The demo's
 * words are short and its buffers sized for them: nothing is ever cut. */
static void append(char *dst, size_t cap, size_t *len, const char *src)
{
	size_t n = strlen(src);
	if (*len + n >= cap)
		n = cap - 1 - *len;
	memcpy(dst + *len, src, n);
	*len += n;
	dst[*len] = '\0';
}

static void copy(char *dst, size_t cap, const char *src)
{
	size_t len = 0;
	append(dst, cap, &len, src);
}

/* The person's name from its words, single spaces between. */
static void join_name(char *dst, size_t cap, const char *const *words, int n)
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
static void iso_date(cb_date d, char out[11])
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

/* The tables read best one post to a line. */
/* clang-format off */
#define ANY_AGE 28, 60
#define POST_END {NULL, 0, false, false, 0, 0, 0, 0, 0, 0, 0, NULL}

static const post province_top[] = {
	{"Bí thư Tỉnh ủy", 1, true, true, CM_PROV, 0, 0, 12, 48, 60, ORG_STANDING, NULL},
	{"Phó Bí thư Thường trực Tỉnh ủy", 2, false, true, CM_PROV, 0, 0, 15, 45, 60, ORG_STANDING, "Bí thư Tỉnh ủy"},
	{"Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh", 2, true, true, CM_PROV | CM_BOARD, 0, 0, 12, 45, 60, ORG_BOARD_UBND, "Bí thư Tỉnh ủy"},
	{"Chủ tịch HĐND tỉnh", 3, true, true, CM_PROV | CM_DELEG, 0, 0, 20, 45, 60, ORG_DELEG_HDND, "Phó Bí thư Tỉnh ủy"},
	{"Phó Chủ tịch UBND tỉnh", 4, false, true, CM_PROV | CM_BOARD, 0, 0, 20, 40, 60, ORG_BOARD_UBND, "Chủ tịch UBND tỉnh"},
	{"Phó Chủ tịch UBND tỉnh", 4, false, true, CM_BOARD, CM_PROV, 60, 20, 40, 60, ORG_BOARD_UBND, "Chủ tịch UBND tỉnh"},
	{"Phó Chủ tịch UBND tỉnh", 4, false, true, CM_BOARD, CM_PROV, 50, 25, 38, 60, ORG_BOARD_UBND, "Chủ tịch UBND tỉnh"},
	{"Phó Chủ tịch HĐND tỉnh", 4, false, true, CM_PROV | CM_DELEG, 0, 0, 30, 40, 60, ORG_DELEG_HDND, "Chủ tịch HĐND tỉnh"},
	{"Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy", 5, true, true, CM_PROV | CM_INSP, 0, 0, 15, 42, 60, ORG_STANDING, NULL},
	{"Trưởng Ban Tổ chức Tỉnh ủy", 5, true, true, CM_PROV, 0, 0, 20, 42, 60, ORG_STANDING, "Phó Bí thư Tỉnh ủy"},
	{"Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy", 5, true, true, CM_PROV, 0, 0, 25, 42, 60, ORG_STANDING, NULL},
	{"Chủ tịch Ủy ban MTTQ Việt Nam tỉnh", 5, true, true, CM_PROV | CM_DELEG, 0, 0, 25, 42, 60, ORG_DELEG_MTTQ, NULL},
	POST_END};

/* %o is an agency ("Sở Nội vụ") for the first two, "office, agency" for the
 * others ("Phòng Tổ chức cán bộ, Sở Nội vụ"). */
static const post province_pool[] = {
	{"%H %o", 5, true, true, 0, CM_PROV, 60, 18, 40, 60, ORG_OFFICE, NULL},
	{"Phó %h %o", 6, false, true, 0, CM_PROV, 8, 27, 36, 60, ORG_OFFICE, "%H %o"},
	{"%H %o", 7, true, false, 0, CM_CELL, 10, 30, 32, 60, ORG_OFFICE, "Phó %h %a"},
	{"Phó %h %o", 8, false, false, 0, CM_CELL, 12, 33, ANY_AGE, ORG_OFFICE, "%H %o"},
	POST_END};
static const int province_pool_weights[] = {6, 16, 34, 44};

static const post district_top[] = {
	{"Bí thư %C", 1, true, true, CM_DIST, CM_PROV, 70, 12, 45, 60, ORG_STANDING, "Phó Bí thư Tỉnh ủy"},
	{"Phó Bí thư Thường trực %C", 2, false, true, CM_DIST, 0, 0, 18, 40, 60, ORG_STANDING, "Bí thư %C"},
	{"Phó Bí thư %C, Chủ tịch UBND %k", 2, true, true, CM_DIST, 0, 0, 15, 40, 60, ORG_OFFICE, "Bí thư %C"},
	{"Phó Bí thư %C, Chủ tịch HĐND %k", 2, false, true, CM_DIST, 0, 0, 20, 40, 60, ORG_STANDING, "Bí thư %C"},
	{"Phó Chủ tịch UBND %k", 4, false, true, CM_DIST, 0, 0, 22, 36, 60, ORG_OFFICE, "Chủ tịch UBND %k"},
	{"Phó Chủ tịch UBND %k", 4, false, true, 0, CM_DIST, 70, 25, 35, 60, ORG_OFFICE, "Chủ tịch UBND %k"},
	{"Phó Chủ tịch HĐND %k", 4, false, false, CM_DIST, 0, 0, 30, 36, 60, ORG_STANDING, "Chủ tịch HĐND %k"},
	{"Chủ nhiệm Ủy ban Kiểm tra %C", 7, true, false, CM_DIST | CM_INSP, 0, 0, 20, 38, 60, ORG_OFFICE, "Phó Bí thư %C"},
	{"Trưởng Ban Tổ chức %C", 7, true, false, CM_DIST, 0, 0, 25, 36, 60, ORG_OFFICE, "Phó Bí thư %C"},
	{"Chủ tịch Ủy ban MTTQ Việt Nam %k", 7, true, false, CM_DIST, 0, 0, 30, 38, 60, ORG_OFFICE, NULL},
	POST_END};

static const post district_pool[] = {
	{"%H %o", 7, true, false, 0, CM_DIST, 35, 28, 32, 60, ORG_OFFICE, "Phó Chủ tịch UBND %k"},
	{"Phó %h %o", 8, false, false, 0, CM_CELL, 12, 32, ANY_AGE, ORG_OFFICE, "%H %o"},
	POST_END};
static const int district_pool_weights[] = {40, 60};

static const post commune_top[] = {
	{"Bí thư Đảng ủy %k", 1, true, false, CM_GRASS, CM_DIST, 35, 12, 40, 60, ORG_GRASSROOTS, "Phó Chủ tịch UBND %K"},
	{"Phó Bí thư Thường trực Đảng ủy %k", 2, false, false, CM_GRASS, 0, 0, 20, 35, 60, ORG_GRASSROOTS, "Bí thư Đảng ủy %k"},
	{"Phó Bí thư Đảng ủy, Chủ tịch UBND %k", 2, true, false, CM_GRASS, 0, 0, 15, 35, 60, ORG_GRASSROOTS, "Bí thư Đảng ủy %k"},
	{"Chủ tịch HĐND %k", 3, true, false, 0, CM_GRASS, 70, 22, 35, 60, ORG_GRASSROOTS, "Phó Bí thư Đảng ủy %k"},
	{"Phó Chủ tịch UBND %k", 4, false, false, 0, CM_GRASS, 60, 25, 32, 60, ORG_CELL, "Chủ tịch UBND %k"},
	{"Phó Chủ tịch UBND %k", 4, false, false, 0, CM_GRASS, 40, 25, 30, 60, ORG_CELL, "Chủ tịch UBND %k"},
	{"Phó Chủ tịch HĐND %k", 4, false, false, 0, CM_GRASS, 40, 30, 30, 60, ORG_CELL, "Chủ tịch HĐND %k"},
	{"Chủ tịch Ủy ban MTTQ Việt Nam %k", 5, true, false, CM_GRASS, 0, 0, 30, 35, 60, ORG_CELL, NULL},
	{"Chủ tịch Hội Liên hiệp Phụ nữ %k", 7, true, false, 0, CM_GRASS, 50, 100, 30, 58, ORG_CELL, "Phó Chủ tịch UBND %k"},
	{"Bí thư Đoàn Thanh niên %k", 7, true, false, 0, CM_GRASS, 40, 35, 28, 34, ORG_CELL, "Phó Chủ tịch UBND %k"},
	{"Chủ tịch Hội Nông dân %k", 7, true, false, 0, CM_GRASS, 30, 15, 35, 60, ORG_CELL, NULL},
	{"Chủ tịch Hội Cựu chiến binh %k", 7, true, false, 0, CM_GRASS, 30, 0, 50, 60, ORG_CELL, NULL},
	{"Chỉ huy trưởng Ban Chỉ huy Quân sự %k", 7, true, false, CM_GRASS, 0, 0, 0, 30, 55, ORG_CELL, NULL},
	POST_END};

static const post commune_pool[] = {
	{"Phó Chủ tịch UBND %k", 4, false, false, 0, CM_GRASS, 40, 25, 30, 60, ORG_CELL, "Chủ tịch UBND %k"},
	{"Phó Chủ tịch HĐND %k", 4, false, false, 0, CM_GRASS, 30, 30, 30, 60, ORG_CELL, "Chủ tịch HĐND %k"},
	{"Phó Chủ tịch Ủy ban MTTQ Việt Nam %k", 8, false, false, 0, CM_CELL, 20, 35, ANY_AGE, ORG_CELL, "Chủ tịch Ủy ban MTTQ Việt Nam %k"},
	{"Phó Bí thư Đoàn Thanh niên %k", 8, false, false, 0, CM_CELL, 10, 40, 28, 33, ORG_CELL, "Bí thư Đoàn Thanh niên %k"},
	{"Phó Chủ tịch Hội Liên hiệp Phụ nữ %k", 8, false, false, 0, CM_CELL, 20, 100, ANY_AGE, ORG_CELL, "Chủ tịch Hội Liên hiệp Phụ nữ %k"},
	{"Phó Chủ tịch Hội Nông dân %k", 8, false, false, 0, CM_CELL, 20, 20, ANY_AGE, ORG_CELL, "Chủ tịch Hội Nông dân %k"},
	{"Phó Chỉ huy trưởng Ban Chỉ huy Quân sự %k", 8, false, false, 0, CM_CELL, 10, 0, 28, 50, ORG_CELL, NULL},
	POST_END};
static const int commune_pool_weights[] = {25, 10, 15, 10, 10, 10, 10};

/* Education (EDUCATION_LIST 0..6) and political theory (THEORY_LIST 0..4)
 * weights by level, for leaders (rank <= 6 above the commune, <= 4 in it)
 * and for the others. */
static const int edu_w[LV_COUNT][2][7] = {
	[LV_PROVINCE] = {{0, 0, 0, 0, 50, 44, 6}, {0, 0, 0, 2, 63, 33, 2}},
	[LV_DISTRICT] = {{0, 0, 0, 0, 60, 38, 2}, {0, 0, 1, 2, 66, 30, 1}},
	[LV_COMMUNE] = {{0, 0, 8, 6, 80, 6, 0}, {0, 0, 13, 8, 75, 4, 0}},
};
static const int theory_w[LV_COUNT][2][5] = {
	[LV_PROVINCE] = {{0, 0, 5, 85, 10}, {0, 2, 45, 50, 3}},
	[LV_DISTRICT] = {{0, 0, 5, 88, 7}, {0, 3, 62, 33, 2}},
	[LV_COMMUNE] = {{1, 3, 80, 15, 1}, {2, 7, 83, 8, 0}},
};
/* Yearly rating, GRADE_LIST 1..4: excellent, good, completed, failed. */
static const int grade_w_cadre[4] = {18, 74, 7, 1};
static const int grade_w_leading_org[4] = {30, 66, 4, 0};
static const int grade_w_grassroots[4] = {20, 73, 6, 1};
static const int grade_w_cell[4] = {15, 77, 7, 1};
/* clang-format on */
/* Age weights per year of age from 28 to 60: few under 35. */
static int age_weight(int age)
{
	return age < 30	  ? 2
	       : age < 35 ? 4
	       : age < 40 ? 9
	       : age < 45 ? 13
	       : age < 50 ? 14
	       : age < 55 ? 13
			  : 8;
}

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

static int fail_db(build *b, const char *what)
{
	return store_fail(b->s, b->err, what);
}

/* Prepares a one-off statement on the store's handle; NULL and err filled
 * on failure. */
static sqlite3_stmt *prepare(build *b, const char *sql)
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
static int step(build *b, sqlite3_stmt *st, const char *what)
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

static void expand(const char *tpl, const subst *sb, char *out, size_t cap)
{
	size_t n = 0;
	for (const char *p = tpl; *p && n + 1 < cap; p++) {
		const char *rep = NULL;
		if (*p == '%' && p[1]) {
			switch (*++p) {
			case 'k':
				rep = sb->kind;
				break;
			case 'K':
				rep = sb->dkind;
				break;
			case 'C':
				rep = sb->committee;
				break;
			case 'o':
				rep = sb->office;
				break;
			case 'a':
				rep = sb->agency;
				break;
			case 'H':
				rep = sb->head;
				break;
			case 'h':
				rep = sb->deputy;
				break;
			default:
				rep = "";
			}
			rep = rep ? rep : "";
			size_t len = strlen(rep);
			if (n + len >= cap)
				len = cap - 1 - n;
			memcpy(out + n, rep, len);
			n += len;
		} else {
			out[n++] = *p;
		}
	}
	out[n] = '\0';
}

/* The head's title of an office and the name the title governs:
 * "Phòng Nội vụ" -> "Trưởng phòng" + "Nội vụ"; "Sở Y tế" -> "Giám đốc" +
 * "Sở Y tế"; "Thanh tra tỉnh" -> "Chánh" + "Thanh tra tỉnh". A deputy's
 * title is "Phó " and the same words. */
static const char *office_head(const char *office, const char **rest)
{
	static const struct {
		const char *prefix;
		const char *head;
		bool keep; /* keep the prefix after the title */
	} rules[] = {
		{"Phòng ", "Trưởng phòng", false},
		{"Sở ", "Giám đốc", true},
		{"Thanh tra", "Chánh", true},
		{"Văn phòng", "Chánh", true},
		{"Ban ", "Trưởng", true},
		{"Ủy ban Kiểm tra", "Chủ nhiệm", true},
		{"Ủy ban Mặt trận", "Chủ tịch", true},
		{"Tỉnh đoàn", "Bí thư", true},
		{"Hội ", "Chủ tịch", true},
		{"Liên đoàn", "Chủ tịch", true},
	};
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
		size_t len = strlen(rules[i].prefix);
		if (strncmp(office, rules[i].prefix, len) == 0) {
			*rest = rules[i].keep ? office : office + len;
			return rules[i].head;
		}
	}
	*rest = office;
	return "Trưởng";
}

/* ---- units -------------------------------------------------------------- */

static const char *committee_word(const char *kind)
{
	if (strcmp(kind, "thị xã") == 0)
		return "Thị ủy";
	if (strcmp(kind, "thành phố") == 0)
		return "Thành ủy";
	return "Huyện ủy";
}

/* "Huyện Cần Giuộc" of kind "huyện" -> "Cần Giuộc". */
static void short_name(const cfg_unit *u, char *out, size_t cap)
{
	size_t k = strlen(u->kind);
	const char *n = u->name;
	if (k && strlen(n) > k && (n[0] | 0x20) == (u->kind[0] | 0x20) &&
	    strncmp(n + 1, u->kind + 1, k - 1) == 0 && n[k] == ' ')
		n += k + 1;
	snprintf(out, cap, "%s", n);
}

static int load_units(build *b)
{
	sqlite3_stmt *st = prepare(b, "SELECT id FROM unit WHERE code = ?");
	const cfg *c = b->c;
	int deepest = 1;

	if (!st)
		return CB_EDB;
	b->units = calloc(c->unit_count ? c->unit_count : 1, sizeof *b->units);
	for (int l = 0; l < LV_COUNT; l++)
		b->by_level[l] = calloc(c->unit_count ? c->unit_count : 1, sizeof(int));
	if (!b->units || !b->by_level[0] || !b->by_level[1] || !b->by_level[2]) {
		sqlite3_finalize(st);
		return cb_error_set(b->err, CB_EDB, _("Out of memory"));
	}
	for (size_t i = 0; i < c->unit_count; i++)
		if (c->units[i].tier > deepest)
			deepest = c->units[i].tier;
	b->levels = deepest >= 3 ? 3 : 2;
	b->province = -1;
	for (size_t i = 0; i < c->unit_count; i++) {
		const cfg_unit *u = &c->units[i];
		dunit *d = &b->units[i];
		sqlite3_bind_text(st, 1, u->code, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_ROW) {
			sqlite3_finalize(st);
			return cb_error_set(
				b->err, CB_EDB,
				_("Unit %s of the configuration is not in the database"), u->code);
		}
		d->id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		d->cfg = (int)i;
		d->tier = u->tier;
		d->level = u->tier == 1		? LV_PROVINCE
			   : u->tier == deepest ? LV_COMMUNE
						: LV_DISTRICT;
		snprintf(d->kind, sizeof d->kind, "%s", u->kind);
		snprintf(d->committee, sizeof d->committee, "%s", committee_word(u->kind));
		short_name(u, d->shortname, sizeof d->shortname);
		d->district = -1;
		for (int p = u->parent; p >= 0; p = c->units[p].parent)
			if (c->units[p].tier == 2 && b->levels == 3)
				d->district = p;
		if (d->level == LV_PROVINCE && b->province < 0)
			b->province = (int)i;
		b->by_level[d->level][b->nby_level[d->level]++] = (int)i;
	}
	sqlite3_finalize(st);
	b->nunits = c->unit_count;
	if (b->province < 0 || b->nby_level[LV_COMMUNE] == 0)
		return cb_error_set(b->err, CB_ECONFIG,
				    _("The configuration needs a province and at least one commune "
				      "for a demo"));
	return CB_OK;
}

/* ---- organisations ------------------------------------------------------ */

static int org_add(build *b, const char *name, int kind, int64_t parent, int64_t unit_id,
		   const int *grade_w, int64_t *id_out)
{
	org_row o;
	int rc;

	memset(&o, 0, sizeof o);
	snprintf(o.name, sizeof o.name, "%s", name);
	o.kind = kind;
	o.parent_id = parent;
	o.unit_id = unit_id;
	if ((rc = store_bulk_org(b->bulk, &o, b->err)))
		return rc;
	b->st->orgs++;
	for (int y = DEMO_FIRST_YEAR; y <= DEMO_LAST_YEAR; y++) {
		int grade = 1 + pick_weights(&b->rec, grade_w, 4);
		if ((rc = store_bulk_rating(b->bulk, 0, o.id, y, grade, b->err)))
			return rc;
	}
	if (id_out)
		*id_out = o.id;
	return CB_OK;
}

static int province_orgs(build *b)
{
	dunit *p = &b->units[b->province];
	char name[256];
	int rc;

	snprintf(name, sizeof name, "Tỉnh ủy %s", p->shortname);
	if ((rc = org_add(b, name, 1, 0, p->id, grade_w_leading_org, &p->org_main)) ||
	    (rc = org_add(b, "Ban Thường vụ Tỉnh ủy", 2, p->org_main, p->id, grade_w_leading_org,
			  &p->org_standing)) ||
	    (rc = org_add(b, "Đảng đoàn HĐND tỉnh", 4, p->org_main, p->id, grade_w_leading_org,
			  &b->org_deleg_hdnd)) ||
	    (rc = org_add(b, "Ban cán sự đảng UBND tỉnh", 5, p->org_main, p->id,
			  grade_w_leading_org, &b->org_board_ubnd)) ||
	    (rc = org_add(b, "Đảng đoàn Ủy ban MTTQ Việt Nam tỉnh", 4, p->org_main, p->id,
			  grade_w_leading_org, &b->org_deleg_mttq)))
		return rc;
	/* One party organisation per provincial agency, in list order. */
	for (size_t i = 0; i < demo_province_agencies.count; i++) {
		const char *ag = demo_province_agencies.words[i].text;
		bool party_body = strstr(ag, "Tỉnh ủy") != NULL;
		snprintf(name, sizeof name, party_body ? "Chi bộ %s" : "Đảng bộ %s", ag);
		int64_t id;
		if ((rc = org_add(b, name, party_body ? 7 : 6, p->org_main, p->id,
				  party_body ? grade_w_cell : grade_w_grassroots, &id)))
			return rc;
		if (i == 0)
			b->agency_org_first = id;
	}
	return CB_OK;
}

static int district_orgs(build *b, dunit *d)
{
	char name[512];
	int64_t prov = b->units[b->province].org_main;
	int rc;

	snprintf(name, sizeof name, "%s %s", d->committee, d->shortname);
	if ((rc = org_add(b, name, 3, prov, d->id, grade_w_leading_org, &d->org_main)))
		return rc;
	snprintf(name, sizeof name, "Ban Thường vụ %s %s", d->committee, d->shortname);
	if ((rc = org_add(b, name, 2, d->org_main, d->id, grade_w_leading_org, &d->org_standing)))
		return rc;
	snprintf(name, sizeof name, "Đảng bộ Cơ quan Chính quyền %s %s", d->kind, d->shortname);
	if ((rc = org_add(b, name, 6, d->org_main, d->id, grade_w_grassroots, &d->org_agencies)))
		return rc;
	for (size_t i = 0; i < demo_district_offices.count; i++) {
		int64_t id;
		snprintf(name, sizeof name, "Chi bộ %s", demo_district_offices.words[i].text);
		if ((rc = org_add(b, name, 7, d->org_agencies, d->id, grade_w_cell, &id)))
			return rc;
		if (i == 0)
			d->org_office_first = id;
	}
	return CB_OK;
}

static int commune_orgs(build *b, dunit *d)
{
	char name[512];
	int64_t parent =
		d->district >= 0 ? b->units[d->district].org_main : b->units[b->province].org_main;
	bool ward = strcmp(d->kind, "xã") != 0;
	int rc;

	snprintf(name, sizeof name, "Đảng ủy %s %s", d->kind, d->shortname);
	if ((rc = org_add(b, name, 6, parent, d->id, grade_w_grassroots, &d->org_main)))
		return rc;
	d->ncells = 3 + (int)demo_rng_below(&b->rng, 5) + 2;
	for (int i = 0; i < d->ncells; i++) {
		int64_t id;
		if (i == d->ncells - 2)
			snprintf(name, sizeof name, "Chi bộ Quân sự");
		else if (i == d->ncells - 1)
			snprintf(name, sizeof name, "Chi bộ Cơ quan");
		else
			snprintf(name, sizeof name, "Chi bộ %s %d", ward ? "khu phố" : "ấp", i + 1);
		if ((rc = org_add(b, name, 7, d->org_main, d->id, grade_w_cell, &id)))
			return rc;
		if (i == 0)
			d->cell_first = id;
	}
	return CB_OK;
}

static int build_orgs(build *b)
{
	int rc = province_orgs(b);
	for (size_t i = 0; !rc && i < b->nby_level[LV_DISTRICT]; i++)
		rc = district_orgs(b, &b->units[b->by_level[LV_DISTRICT][i]]);
	for (size_t i = 0; !rc && i < b->nby_level[LV_COMMUNE]; i++)
		rc = commune_orgs(b, &b->units[b->by_level[LV_COMMUNE][i]]);
	return rc;
}

/* ---- cadres ------------------------------------------------------------- */

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

static void make_name(build *b, person *p)
{
	const picker *sur = &b->surnames;
	if (strcmp(p->ethnicity, "Khmer") == 0)
		sur = &b->surnames_khmer;
	else if (strcmp(p->ethnicity, "Hoa") == 0)
		sur = &b->surnames_hoa;
	const char *s = pick(&b->rng, sur);
	const char *m = pick(&b->rng, p->gender == 2 ? &b->middle_f : &b->middle_m);
	const char *g = pick(&b->rng, p->gender == 2 ? &b->given_f : &b->given_m);
	/* One in ten has a second middle name ("Nguyễn Thị Ngọc Hân"). */
	if (chance(&b->rng, 10)) {
		const char *m2 = pick(&b->rng, p->gender == 2 ? &b->middle_f : &b->middle_m);
		if (strcmp(m2, m) != 0 && strcmp(m2, "Thị") != 0 && strcmp(m2, "Văn") != 0) {
			const char *w[] = {s, m, m2, g};
			join_name(p->name, sizeof p->name, w, 4);
			return;
		}
	}
	const char *w[] = {s, m, g};
	join_name(p->name, sizeof p->name, w, 3);
}

static int pick_age(build *b, int lo, int hi)
{
	int w[33], n = 0;
	if (lo < 28)
		lo = 28;
	if (hi > 60)
		hi = 60;
	if (hi < lo)
		hi = lo;
	/* pick_weights takes at most 16 entries: draw the 5-year band first,
	 * then the year inside it. */
	for (int a = lo; a <= hi; a++)
		w[n++] = age_weight(a);
	int bands = (n + 4) / 5, bw[16];
	for (int i = 0; i < bands; i++) {
		bw[i] = 0;
		for (int j = i * 5; j < n && j < i * 5 + 5; j++)
			bw[i] += w[j];
	}
	int band = pick_weights(&b->rng, bw, bands);
	int first = band * 5, cnt = n - first < 5 ? n - first : 5;
	return lo + first + pick_weights(&b->rng, &w[first], cnt);
}

static void dates(build *b, person *p)
{
	int y, m, d;
	date_to_ymd(b->ref, &y, &m, &d);
	/* Born so that the age on the reference date is exactly p->age. */
	cb_date last = date_from_ymd(y - p->age, m, d);
	cb_date first = date_from_ymd(y - p->age - 1, m, d) + 1;
	cb_date birth = first + (cb_date)demo_rng_below(&b->rng, (uint32_t)(last - first + 1));
	iso_date(birth, p->birth);
	if (chance(&b->rng, 2)) { /* a few leaders outside the party */
		p->joined[0] = '\0';
		return;
	}
	int span = p->age - 21 < 14 ? p->age - 21 : 14;
	int join_age = 20 + (int)demo_rng_below(&b->rng, (uint32_t)span);
	int by, bm, bd;
	date_to_ymd(birth, &by, &bm, &bd);
	cb_date joined = date_from_ymd(by + join_age, 1, 1) + (cb_date)demo_rng_below(&b->rng, 365);
	if (joined >= b->ref)
		joined = b->ref - 400;
	iso_date(joined, p->joined);
}

/* The post of the n-th cadre placed in unit d. */
static const post *choose_post(build *b, const dunit *d, long nth)
{
	static const post *const tops[] = {province_top, district_top, commune_top};
	static const post *const pools[] = {province_pool, district_pool, commune_pool};
	static const int *const weights[] = {province_pool_weights, district_pool_weights,
					     commune_pool_weights};
	static const int npool[] = {4, 2, 7};
	const post *top = tops[d->level];
	long ntop = 0;
	while (top[ntop].title)
		ntop++;
	if (nth < ntop)
		return &top[nth];
	return &pools[d->level][pick_weights(&b->rng, weights[d->level], npool[d->level])];
}

/* Office and party organisation of a pool post. */
static void place_office(build *b, const dunit *d, const post *po, person *p, subst *sb,
			 char *office, size_t cap)
{
	if (d->level == LV_PROVINCE) {
		size_t ai = pick_index_cum(&b->rng, b->agencies.cum, b->agencies.list->count,
					   b->agencies.total);
		const char *agency = b->agencies.list->words[ai].text;
		p->org = b->agency_org_first + (int64_t)ai;
		sb->agency = agency;
		size_t len = 0;
		office[0] = '\0';
		if (po->rank > 6) {
			append(office, cap, &len, pick(&b->rng, &b->agency_offices));
			append(office, cap, &len, ", ");
		}
		append(office, cap, &len, agency);
	} else {
		size_t oi =
			pick_index_cum(&b->rng, b->district_offices.cum,
				       b->district_offices.list->count, b->district_offices.total);
		const char *o = b->district_offices.list->words[oi].text;
		p->org = d->org_office_first + (int64_t)oi;
		/* "Thanh tra huyện", "Ban Tổ chức Huyện ủy" */
		const char *committee = strstr(o, "Huyện ủy");
		size_t len = 0;
		office[0] = '\0';
		if (strcmp(o, "Thanh tra huyện") == 0 || strcmp(o, "Văn phòng HĐND và UBND") == 0) {
			append(office, cap, &len,
			       strcmp(o, "Thanh tra huyện") == 0 ? "Thanh tra" : o);
			append(office, cap, &len, " ");
			append(office, cap, &len, d->kind);
		} else if (committee) {
			size_t keep =
				(size_t)(committee - o) < cap ? (size_t)(committee - o) : cap - 1;
			memcpy(office, o, keep);
			office[keep] = '\0';
			len = keep;
			append(office, cap, &len, d->committee);
		} else {
			append(office, cap, &len, o);
		}
		sb->agency = office;
	}
}

static int64_t post_org(build *b, const dunit *d, const post *po)
{
	switch (po->org) {
	case ORG_STANDING:
		return d->org_standing ? d->org_standing : d->org_main;
	case ORG_DELEG_HDND:
		return b->org_deleg_hdnd;
	case ORG_BOARD_UBND:
		return b->org_board_ubnd;
	case ORG_DELEG_MTTQ:
		return b->org_deleg_mttq;
	case ORG_GRASSROOTS:
		return d->org_main;
	case ORG_CELL:
		return d->ncells ? d->cell_first + demo_rng_below(&b->rng, (uint32_t)d->ncells)
				 : d->org_main;
	default: /* a district leader's office without a drawn office */
		return d->org_agencies ? d->org_agencies : d->org_main;
	}
}

static void education(build *b, person *p, const dunit *d)
{
	bool leader = d->level == LV_COMMUNE ? p->rank <= 4 : p->rank <= 6;
	p->education = pick_weights(&b->rng, edu_w[d->level][leader ? 0 : 1], 7);
	p->theory = pick_weights(&b->rng, theory_w[d->level][leader ? 0 : 1], 5);
	/* Leaders under 35 rarely hold advanced theory yet. */
	if (p->age < 35 && p->theory > 2 && chance(&b->rng, 70))
		p->theory = 2;
}

static void make_person(build *b, dunit *d, person *p)
{
	const post *po = choose_post(b, d, d->placed++);
	subst sb = {d->kind, NULL, d->committee, NULL, NULL, NULL, NULL};
	char office[CADRE_TEXT_MAX] = "";
	int female = po->female_pct >= 0 ? po->female_pct : DEFAULT_FEMALE_PCT;

	if (d->district >= 0)
		sb.dkind = b->units[d->district].kind;
	else
		sb.dkind = d->kind;
	memset(p, 0, sizeof *p);
	p->level = d->tier;
	p->lv = d->level;
	p->rank = po->rank;
	p->head = po->head;
	p->managed = po->managed;
	p->committees = po->committees;
	if (po->seat && chance(&b->rng, po->seat_pct))
		p->committees |= po->seat;
	p->gender = chance(&b->rng, female) ? 2 : 1;
	p->ethnicity = pick(&b->rng, &b->ethnicities);
	p->age = pick_age(b, po->age_min, po->age_max);
	make_name(b, p);
	dates(b, p);
	p->org = post_org(b, d, po);
	if (po->org == ORG_OFFICE && strstr(po->title, "%o")) {
		place_office(b, d, po, p, &sb, office, sizeof office);
		sb.head = sb.deputy = office_head(office, &sb.office);
	}
	expand(po->title, &sb, p->position, sizeof p->position);
	if (po->next && p->age < 52 && p->rank > 1 && chance(&b->rng, 18)) {
		subst next = sb;
		if (sb.agency && strstr(po->next, "%a")) /* "Phó Giám đốc Sở Y tế" */
			next.head = next.deputy = office_head(sb.agency, &next.agency);
		expand(po->next, &next, p->planned, sizeof p->planned);
	}
	education(b, p, d);
	/* Committee seats a cadre gets from the office, now and then. */
	if (d->level == LV_COMMUNE && p->rank >= 7 && chance(&b->rng, 6))
		p->committees |= CM_CELL;
}

/* A cadre's ratings, one a year except now and then (leave, a new post).
 * Ratings are the bulk of the rows of a demo (five million for a million
 * cadres); the store writes them many to a statement. */
static int cadre_ratings(build *b, int64_t id)
{
	int rc = CB_OK;
	for (int y = DEMO_FIRST_YEAR; y <= DEMO_LAST_YEAR && !rc; y++) {
		if (chance(&b->rec, 2))
			continue;
		rc = store_bulk_rating(b->bulk, id, 0, y,
				       1 + pick_weights(&b->rec, grade_w_cadre, 4), b->err);
		b->st->ratings++;
	}
	return rc;
}

#define MAX_COURSES 6 /* two of each kind but "other", which has one */

typedef struct course {
	int year, kind;
	const char *title;
} course;

/* Adds a course of a kind: in the last year with probability pct_last,
 * and in one earlier year with probability pct_before. */
static void courses_of(build *b, course *c, int *n, int kind, int pct_last, int pct_before)
{
	if (chance(&b->rec, pct_last))
		c[(*n)++] = (course){DEMO_LAST_YEAR, kind, pick(&b->rec, &b->courses[kind - 1])};
	if (chance(&b->rec, pct_before)) {
		int year = DEMO_FIRST_YEAR +
			   (int)demo_rng_below(&b->rec, DEMO_LAST_YEAR - DEMO_FIRST_YEAR);
		c[(*n)++] = (course){year, kind, pick(&b->rec, &b->courses[kind - 1])};
	}
}

/* Trainings follow the resolution's groups, which are counted year by
 * year: committee members get the party-building update, province and
 * district leaders leadership skills, commune leaders their job-title
 * standard - most of them in the last year, not all, so that the targets
 * are nearly met, as in a real province. */
static int cadre_trainings(build *b, int64_t id, const person *p)
{
	course c[MAX_COURSES];
	training_row t;
	int n = 0, rc = CB_OK;
	if (p->committees)
		courses_of(b, c, &n, 1, 93, 40);
	if (p->lv != LV_COMMUNE)
		courses_of(b, c, &n, 2, 90, 35);
	else
		courses_of(b, c, &n, 3, 92, 35);
	courses_of(b, c, &n, 4, 0, 15);
	for (int i = 0; i < n && !rc; i++) {
		t.year = c[i].year;
		t.kind = c[i].kind;
		copy(t.course, sizeof t.course, c[i].title);
		rc = store_bulk_training(b->bulk, id, &t, b->err);
	}
	b->st->trainings += n;
	return rc;
}

static int cadre_insert(build *b, cadre *cd, const dunit *d, const person *p)
{
	int rc;

	copy(cd->full_name, sizeof cd->full_name, p->name);
	memcpy(cd->birth_date, p->birth, sizeof cd->birth_date);
	cd->gender = p->gender;
	copy(cd->ethnicity, sizeof cd->ethnicity, p->ethnicity);
	cd->unit_id = d->id;
	cd->org_id = p->org;
	copy(cd->position, sizeof cd->position, p->position);
	cd->pos_rank = p->rank;
	cd->managed = p->managed;
	cd->is_head = p->head;
	cd->committees = p->committees;
	cd->education = p->education;
	cd->theory = p->theory;
	memcpy(cd->party_joined, p->joined, sizeof cd->party_joined);
	demo_profile(&b->profile, cd, p->age);
	if ((rc = store_bulk_cadre(b->bulk, cd, b->err)))
		return rc;
	b->st->cadres++;
	if (p->planned[0]) {
		planning_row pl;
		copy(pl.term, sizeof pl.term, "2025-2030");
		copy(pl.position, sizeof pl.position, p->planned);
		if ((rc = store_bulk_planning(b->bulk, cd->id, &pl, b->err)))
			return rc;
		b->st->planning++;
	}
	if ((rc = cadre_ratings(b, cd->id)))
		return rc;
	return cadre_trainings(b, cd->id, p);
}

/* The unit of the next cadre: a level by its share, then a unit of that
 * level (with the posts held once going to the first placed). */
static dunit *choose_unit(build *b)
{
	static const int share3[LV_COUNT] = {12, 28, 60};
	static const int share2[LV_COUNT] = {25, 0, 75};
	int lv = pick_weights(&b->rng, b->levels == 3 ? share3 : share2, LV_COUNT);
	if (b->nby_level[lv] == 0)
		lv = LV_COMMUNE;
	size_t i = demo_rng_below(&b->rng, (uint32_t)b->nby_level[lv]);
	return &b->units[b->by_level[lv][i]];
}

/* The first pass over the people: draws every cadre exactly as the
 * second pass will and names them to the store, which ranks them all in
 * memory before the first row is written (so no row is written twice).
 * The stream and the units' counts are then put back as they were:
 * nothing placed a cadre before. */
static int name_cadres(build *b, long n, person *p)
{
	demo_rng start = b->rng;
	int rc = CB_OK;
	for (long i = 1; i <= n && !rc; i++) {
		dunit *d = choose_unit(b);
		make_person(b, d, p);
		rc = store_bulk_name(b->bulk, p->name, p->birth, NULL, b->err);
	}
	b->rng = start;
	for (size_t u = 0; u < b->nunits; u++)
		b->units[u].placed = 0;
	return rc;
}

static int build_cadres(build *b, long n)
{
	person *p = malloc(sizeof *p);
	cadre *cd = calloc(1, sizeof *cd); /* fields not set per cadre stay empty */
	int rc = CB_OK;
	if (!p || !cd)
		rc = cb_error_set(b->err, CB_EDB, _("Out of memory"));
	if (!rc)
		rc = name_cadres(b, n, p);
	for (long i = 1; i <= n && !rc; i++) {
		dunit *d = choose_unit(b);
		make_person(b, d, p);
		rc = cadre_insert(b, cd, d, p);
		if (b->o->progress && (i & 4095) == 0)
			b->o->progress(b->o->progress_ctx, i, n);
	}
	if (b->o->progress && !rc)
		b->o->progress(b->o->progress_ctx, n, n);
	free(p);
	free(cd);
	return rc;
}

/* ---- action plans ------------------------------------------------------- */

static void fake_person(build *b, char *out, size_t cap)
{
	int female = chance(&b->rec, 30);
	snprintf(out, cap, "%s %s %s", pick(&b->rec, &b->surnames),
		 pick(&b->rec, female ? &b->middle_f : &b->middle_m),
		 pick(&b->rec, female ? &b->given_f : &b->given_m));
}

/* A cause that goes with the shortcoming (one draw, as a cause from the
 * general list would take); a shortcoming not in the list gets one of
 * those. */
static const char *cause_of(build *b, const char *shortcoming)
{
	const demo_list *l = b->shortcomings.list;
	for (size_t i = 0; i < l->count && i < demo_shortcoming_cause_count; i++)
		if (strcmp(l->words[i].text, shortcoming) == 0)
			return demo_shortcoming_causes[i][demo_rng_below(&b->rec, 2)];
	return pick(&b->rec, &b->causes);
}

static int add_notes(build *b, int64_t item, cb_date from, cb_date to, int count)
{
	char day[11];
	int rc = CB_OK;
	for (int i = 0; i < count && !rc && to > from; i++) {
		cb_date when = from + (cb_date)((int64_t)(to - from) * (i + 1) / (count + 1));
		iso_date(when, day);
		sqlite3_bind_int64(b->ins_note, 1, item);
		sqlite3_bind_text(b->ins_note, 2, day, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(b->ins_note, 3, "bantochuc", -1, SQLITE_STATIC);
		sqlite3_bind_text(b->ins_note, 4, pick(&b->rec, &b->progress), -1, SQLITE_STATIC);
		rc = step(b, b->ins_note, N_("Adding a progress note"));
		b->st->notes++;
	}
	return rc;
}

typedef struct item_spec {
	int64_t plan;
	int year;
	cb_date adopted;
	bool individual;
	const char *owner_name;	 /* the cadre whose plan it is, else NULL */
	const char *shortcoming; /* NULL = draw one */
	int64_t carried_from;
	int source;
} item_spec;

enum { ITEM_NOT_STARTED, ITEM_IN_PROGRESS, ITEM_REMEDIED };

/* One item: deadline 3-15 months after adoption. An item of the year
 * before last is mostly remedied by now (some are overdue), of the last
 * year mostly still open; most remedies are verified ten days or more
 * later. Returns the item's state through *state and its text through
 * text (CADRE_NOTES_MAX bytes). */
static int add_item(build *b, const item_spec *is, int *state, char *text)
{
	static const int state_old[3] = {15, 25, 60};
	static const int state_new[3] = {55, 35, 10};
	sqlite3_stmt *st = b->ins_item;
	char deadline[11], remedied[11] = "", verified_on[11] = "", who[96], charge[96],
			   verifier[96] = "";
	cb_date dl = is->adopted + 90 + (cb_date)demo_rng_below(&b->rec, 360);
	cb_date done = b->ref;
	int64_t id = ++b->item_next;
	int rc;

	*state = pick_weights(&b->rec, is->year < DEMO_LAST_YEAR ? state_old : state_new, 3);
	snprintf(text, CADRE_NOTES_MAX, "%s",
		 is->shortcoming ? is->shortcoming : pick(&b->rec, &b->shortcomings));
	iso_date(dl, deadline);
	fake_person(b, who, sizeof who);
	fake_person(b, charge, sizeof charge);
	if (*state == ITEM_REMEDIED) {
		done = is->adopted + 30 +
		       (cb_date)demo_rng_below(&b->rec, (uint32_t)(dl - is->adopted));
		if (done > b->ref)
			done = b->ref;
		iso_date(done, remedied);
		cb_date check = done + 10 + (cb_date)demo_rng_below(&b->rec, 20);
		if (chance(&b->rec, 70) && check <= b->ref) {
			fake_person(b, verifier, sizeof verifier);
			iso_date(check, verified_on);
		}
	}
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, is->plan);
	sqlite3_bind_int(st, 3, is->source);
	sqlite3_bind_text(st, 4, text, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, cause_of(b, text), -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, is->individual ? 2 : 1);
	/* a cadre answers for the items of his own plan */
	sqlite3_bind_text(st, 7,
			  !is->individual  ? ""
			  : is->owner_name ? is->owner_name
					   : who,
			  -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, pick(&b->rec, &b->measures), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, deadline, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, charge, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 11, *state);
	sqlite3_bind_text(st, 12, remedied, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 13, verifier, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 14, verified_on, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 15, verifier[0] ? "Đã khắc phục, đạt yêu cầu" : "", -1,
			  SQLITE_STATIC);
	if (is->carried_from)
		sqlite3_bind_int64(st, 16, is->carried_from);
	else
		sqlite3_bind_null(st, 16);
	if ((rc = step(b, st, N_("Adding a plan item"))))
		return rc;
	b->st->items++;
	if (*state == ITEM_NOT_STARTED)
		return CB_OK;
	return add_notes(b, id, is->adopted, done, 1 + (int)demo_rng_below(&b->rec, 2));
}

/* The name of a plan's cadre. */
static int owner_name(build *b, int64_t cadre_id, char *out, size_t cap)
{
	if (!b->cadre_name &&
	    !(b->cadre_name = prepare(b, "SELECT full_name FROM cadre WHERE id = ?")))
		return CB_EDB;
	sqlite3_bind_int64(b->cadre_name, 1, cadre_id);
	if (sqlite3_step(b->cadre_name) == SQLITE_ROW)
		snprintf(out, cap, "%s", (const char *)sqlite3_column_text(b->cadre_name, 0));
	sqlite3_reset(b->cadre_name);
	return CB_OK;
}

/* A plan of a cadre or an organisation with 1-4 items, adopted early in
 * the year after the review. carry (if not NULL) is the text of an open
 * item of last year's plan, carried in as the first item. Returns through
 * *open the id of its first item not remedied (0 if none) and its text
 * through open_text. */
static int add_plan(build *b, int64_t cadre_id, int64_t org_id, int year, const char *carry,
		    int64_t carry_from, int64_t *open, char *open_text)
{
	static const int source_w[3] = {60, 30, 10};
	static const int source_bit[3] = {1, 2, 4};
	int64_t plan = ++b->plan_next;
	cb_date adopted = date_from_ymd(year + 1, 1, 5) + (cb_date)demo_rng_below(&b->rec, 50);
	char day[11], text[CADRE_NOTES_MAX];
	int nitems = 1 + (int)demo_rng_below(&b->rec, 4), sources = 0, src[4], rc;

	char owner[CADRE_NAME_MAX] = "";
	if (cadre_id && (rc = owner_name(b, cadre_id, owner, sizeof owner)))
		return rc;
	if (adopted > b->ref) /* the last year's review: held in December */
		adopted = b->ref - 1 - (cb_date)demo_rng_below(&b->rec, 20);
	for (int i = 0; i < nitems; i++) {
		src[i] = source_bit[pick_weights(&b->rec, source_w, 3)];
		sources |= src[i];
	}
	iso_date(adopted, day);
	sqlite3_bind_int64(b->ins_plan, 1, plan);
	if (cadre_id)
		sqlite3_bind_int64(b->ins_plan, 2, cadre_id);
	else
		sqlite3_bind_null(b->ins_plan, 2);
	if (org_id)
		sqlite3_bind_int64(b->ins_plan, 3, org_id);
	else
		sqlite3_bind_null(b->ins_plan, 3);
	sqlite3_bind_int(b->ins_plan, 4, year);
	sqlite3_bind_int(b->ins_plan, 5, sources);
	sqlite3_bind_text(b->ins_plan, 6, day, -1, SQLITE_STATIC);
	if ((rc = step(b, b->ins_plan, N_("Adding an action plan"))))
		return rc;
	b->st->plans++;
	*open = 0;
	for (int i = 0; i < nitems && !rc; i++) {
		item_spec is = {plan,
				year,
				adopted,
				cadre_id != 0 || chance(&b->rec, 20),
				cadre_id ? owner : NULL,
				i == 0 ? carry : NULL,
				i == 0 ? carry_from : 0,
				src[i]};
		int state;
		rc = add_item(b, &is, &state, text);
		if (!rc && !*open && state != ITEM_REMEDIED) {
			*open = b->item_next;
			snprintf(open_text, CADRE_NOTES_MAX, "%s", text);
		}
	}
	return rc;
}

/* The owners of plans: every party organisation above the cells, then
 * every secretary and deputy secretary, in id order. */
static int plan_owners(build *b, int64_t (**out)[2], size_t *n)
{
	sqlite3_stmt *q = prepare(b, "SELECT id, 0 FROM org WHERE kind <> 7"
				     " UNION ALL SELECT 0, id FROM cadre WHERE pos_rank <= 2"
				     " ORDER BY 1, 2");
	size_t cap = 1024;
	int64_t(*owners)[2];
	int rc;

	*out = NULL;
	*n = 0;
	if (!q)
		return CB_EDB;
	if (!(owners = malloc(cap * sizeof *owners))) {
		sqlite3_finalize(q);
		return cb_error_set(b->err, CB_EDB, _("Out of memory"));
	}
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (*n == cap) {
			void *bigger = realloc(owners, 2 * cap * sizeof *owners);
			if (!bigger) {
				rc = SQLITE_NOMEM;
				break;
			}
			owners = bigger;
			cap *= 2;
		}
		owners[*n][0] = sqlite3_column_int64(q, 0);
		owners[*n][1] = sqlite3_column_int64(q, 1);
		(*n)++;
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		free(owners);
		return fail_db(b, _("Reading the database"));
	}
	*out = owners;
	return CB_OK;
}

/* Plans for the year before last and for the last year; half of the time
 * an open item of the older plan is carried into the newer one. */
static int build_plans(build *b)
{
	int64_t(*owners)[2];
	size_t n;
	int rc = plan_owners(b, &owners, &n);
	char *text = malloc(CADRE_NOTES_MAX), *spare = malloc(CADRE_NOTES_MAX);

	if (!rc && (!text || !spare))
		rc = cb_error_set(b->err, CB_EDB, _("Out of memory"));
	for (size_t i = 0; i < n && !rc; i++) {
		int64_t org = owners[i][0], cadre_id = owners[i][1], open, unused;
		rc = add_plan(b, cadre_id, org, DEMO_LAST_YEAR - 1, NULL, 0, &open, text);
		if (!rc && !(open && chance(&b->rec, 50)))
			open = 0;
		if (!rc)
			rc = add_plan(b, cadre_id, org, DEMO_LAST_YEAR, open ? text : NULL, open,
				      &unused, spare);
	}
	free(owners);
	free(text);
	free(spare);
	return rc;
}

/* ---- setup and the whole build ------------------------------------------ */

/* The statements the store's bulk API has no call for (plans), prepared
 * inside the bulk transaction. */
static int prepare_all(build *b)
{
	static const struct {
		size_t offset;
		const char *sql;
	} stmts[] = {
		{offsetof(build, ins_plan), "INSERT INTO plan(id, cadre_id, org_id, year, sources, "
					    "adopted_on) VALUES(?,?,?,?,?,?)"},
		{offsetof(build, ins_item),
		 "INSERT INTO plan_item(id, plan_id, source, shortcoming, cause, responsibility,"
		 " responsible, measures, deadline, in_charge, state, remedied_on, verified_by,"
		 " verified_on, verdict, carried_from) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"},
		{offsetof(build, ins_note),
		 "INSERT INTO plan_note(item_id, noted_on, author, text) VALUES(?,?,?,?)"},
	};
	for (size_t i = 0; i < sizeof stmts / sizeof stmts[0]; i++) {
		sqlite3_stmt **slot = (sqlite3_stmt **)((char *)b + stmts[i].offset);
		if (sqlite3_prepare_v3(b->db, stmts[i].sql, -1, SQLITE_PREPARE_PERSISTENT, slot,
				       NULL) != SQLITE_OK)
			return fail_db(b, _("Preparing the demo build"));
	}
	return CB_OK;
}

static int pickers_init(build *b)
{
	struct {
		picker *p;
		const demo_list *l;
	} all[] = {
		{&b->surnames, &demo_surnames},
		{&b->surnames_khmer, &demo_surnames_khmer},
		{&b->surnames_hoa, &demo_surnames_hoa},
		{&b->middle_m, &demo_middle_male},
		{&b->middle_f, &demo_middle_female},
		{&b->given_m, &demo_given_male},
		{&b->given_f, &demo_given_female},
		{&b->ethnicities, &demo_ethnicities},
		{&b->agencies, &demo_province_agencies},
		{&b->agency_offices, &demo_agency_offices},
		{&b->district_offices, &demo_district_offices},
		{&b->shortcomings, &demo_shortcomings},
		{&b->causes, &demo_causes},
		{&b->measures, &demo_measures},
		{&b->progress, &demo_progress},
		{&b->courses[0], &demo_courses_party},
		{&b->courses[1], &demo_courses_leadership},
		{&b->courses[2], &demo_courses_title},
		{&b->courses[3], &demo_courses_other},
	};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (picker_init(all[i].p, all[i].l))
			return cb_error_set(b->err, CB_EDB, _("Out of memory"));
	return CB_OK;
}

static void build_free(build *b)
{
	sqlite3_stmt *all[] = {b->ins_plan, b->ins_item, b->ins_note, b->cadre_name};
	picker *pk[] = {&b->surnames,	&b->surnames_khmer, &b->surnames_hoa,	  &b->middle_m,
			&b->middle_f,	&b->given_m,	    &b->given_f,	  &b->ethnicities,
			&b->agencies,	&b->agency_offices, &b->district_offices, &b->shortcomings,
			&b->causes,	&b->measures,	    &b->progress,	  &b->courses[0],
			&b->courses[1], &b->courses[2],	    &b->courses[3]};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		sqlite3_finalize(all[i]);
	for (size_t i = 0; i < sizeof pk / sizeof pk[0]; i++)
		free(pk[i]->cum);
	for (int l = 0; l < LV_COUNT; l++)
		free(b->by_level[l]);
	free(b->units);
}

static int check_empty(build *b)
{
	sqlite3_stmt *st =
		prepare(b, "SELECT (SELECT count(*) FROM cadre) + (SELECT count(*) FROM org)");
	int rc;
	if (!st)
		return CB_EDB;
	rc = sqlite3_step(st) == SQLITE_ROW ? CB_OK : fail_db(b, _("Reading the database"));
	if (!rc && sqlite3_column_int64(st, 0) > 0)
		rc = cb_error_set(
			b->err, CB_EDB,
			_("The database already holds data; a demo is built into a new file"));
	sqlite3_finalize(st);
	return rc;
}

/* The database is new and is thrown away if the build fails, so the
 * build needs no journal: each page is written once instead of twice (into
 * the WAL, then by the checkpoint). Foreign keys and CHECK constraints are
 * not checked row by row (the rows are made to match by construction, and
 * the unit tests run PRAGMA foreign_key_check and integrity_check over a
 * build): the checks cost more than half of the time of the rating inserts.
 * The sorts of the index builds stay in memory. Afterwards the database is
 * put back in WAL mode (stored in the file) with both checks on. */
static int build_pragmas(build *b, bool building)
{
	const char *sql =
		building ? "PRAGMA journal_mode = OFF; PRAGMA foreign_keys = OFF;"
			   " PRAGMA temp_store = MEMORY; PRAGMA ignore_check_constraints = ON"
			 : "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;"
			   " PRAGMA temp_store = DEFAULT; PRAGMA ignore_check_constraints = OFF";
	if (sqlite3_exec(b->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return fail_db(b, _("Preparing the demo build"));
	return CB_OK;
}

int demo_build(store *s, const cfg *c, const demo_options *o, demo_stats *st, cb_error *err)
{
	build b;
	demo_stats local;
	int rc;

	memset(&b, 0, sizeof b);
	if (!st)
		st = &local;
	memset(st, 0, sizeof *st);
	if (o->cadres < 0 || o->cadres > DEMO_CADRES_MAX)
		return cb_error_set(err, CB_EUSAGE,
				    _("The number of cadres must be between 0 and %d"),
				    DEMO_CADRES_MAX);
	b.o = o;
	b.s = s;
	b.db = store_db(s);
	b.c = c;
	b.st = st;
	b.err = err;
	date_parse_iso(DEMO_REFERENCE, &b.ref);
	demo_rng_seed(&b.rng, o->seed);
	demo_rng_seed(&b.rec, o->seed ^ UINT64_C(0x5265636f72647321));	   /* "Records!" */
	demo_rng_seed(&b.profile, o->seed ^ UINT64_C(0x50726f66696c6521)); /* "Profile!" */
	if ((rc = check_empty(&b)) || (rc = load_units(&b)) || (rc = pickers_init(&b)) ||
	    (rc = build_pragmas(&b, true)) || (rc = store_bulk_begin(s, &b.bulk, err))) {
		build_free(&b);
		return rc;
	}
	if (!(rc = prepare_all(&b)) && !(rc = build_orgs(&b)) &&
	    !(rc = build_cadres(&b, o->cadres)) && !(rc = store_bulk_flush(b.bulk, err)) &&
	    !(rc = build_plans(&b)) &&
	    (access(c->evaluation, F_OK) != 0 ||
	     !(rc = demo_evaluations(s, c, DEMO_LAST_YEAR, o->seed, &st->evaluations, err))) &&
	    !(rc = demo_pool(s, c, &st->pool, err))) {
		build_free(&b); /* finalises the plan statements before the ranking */
		if (!(rc = store_bulk_end(b.bulk, true, err)))
			rc = build_pragmas(&b, false);
		return rc;
	}
	build_free(&b);
	store_bulk_end(b.bulk, false, NULL);
	return rc;
}
