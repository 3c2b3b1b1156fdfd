/* demo_posts.c - the posts of the demo province and who holds them.
 *
 * Every unit has a short list of posts held once (Bí thư, Chủ tịch UBND,
 * ...), given to the first cadres placed in that unit; further cadres draw
 * from weighted posts of deputies and heads of offices. Ranks, the
 * "managed by the provincial standing committee" flag, committee seats,
 * the share of women, the ages, education and political theory follow the
 * post. Titles are templates filled in for the holder's unit and office.
 */
#include "demo_internal.h"

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

const post *demo_choose_post(build *b, const dunit *d, long nth)
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

int demo_pick_age(build *b, int lo, int hi)
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

void demo_education(build *b, person *p, const dunit *d)
{
	bool leader = d->level == LV_COMMUNE ? p->rank <= 4 : p->rank <= 6;
	p->education = pick_weights(&b->rng, edu_w[d->level][leader ? 0 : 1], 7);
	p->theory = pick_weights(&b->rng, theory_w[d->level][leader ? 0 : 1], 5);
	/* Leaders under 35 rarely hold advanced theory yet. */
	if (p->age < 35 && p->theory > 2 && chance(&b->rng, 70))
		p->theory = 2;
}

/* Replaces %k, %K, %C, %o, %a, %H, %h in a title (subst in demo_internal.h). */
void demo_expand(const char *tpl, const subst *sb, char *out, size_t cap)
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
const char *demo_office_head(const char *office, const char **rest)
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
