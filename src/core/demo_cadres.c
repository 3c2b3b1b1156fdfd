/* demo_cadres.c - the demo's cadres, each with its ratings, trainings and
 * planning entry.
 *
 * The people are drawn twice: a first pass only names them to the store,
 * which ranks them all in Vietnamese order in memory; the stream is then
 * rewound and the second pass writes each cadre once, with its final rank.
 * Drawing a person costs about a microsecond; ranking a million rows
 * already written would mean rewriting every one of them. The people come
 * from one stream (b->rng) and their records from another (b->rec), so that
 * changing how records are drawn leaves the people as they were.
 */
#include "demo_internal.h"

/* Yearly rating, GRADE_LIST 1..4: excellent, good, completed, failed. */
static const int grade_w_cadre[4] = {18, 74, 7, 1};

/* The committee seats a province has: two tiers have no district
 * committee, so a commune secretary sits on none above the commune's. */
static unsigned seats_held(const build *b)
{
	return b->c->tiers < 3 ? ~(unsigned)COMMITTEE_DISTRICT_BIT : ~0u;
}

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

static void make_person(build *b, dunit *d, person *p)
{
	const post *po = demo_choose_post(b, d, d->placed++);
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
	/* drawn in either case, so both kinds of province draw alike */
	if (po->seat && chance(&b->rng, po->seat_pct))
		p->committees |= po->seat & seats_held(b);
	p->gender = chance(&b->rng, female) ? 2 : 1;
	p->ethnicity = pick(&b->rng, &b->ethnicities);
	p->age = demo_pick_age(b, po->age_min, po->age_max);
	make_name(b, p);
	dates(b, p);
	p->org = post_org(b, d, po);
	if (po->org == ORG_OFFICE && strstr(po->title, "%o")) {
		place_office(b, d, po, p, &sb, office, sizeof office);
		sb.head = sb.deputy = demo_office_head(office, &sb.office);
	}
	demo_expand(po->title, &sb, p->position, sizeof p->position);
	if (po->next && p->age < 52 && p->rank > 1 && chance(&b->rng, 18)) {
		subst next = sb;
		if (sb.agency && strstr(po->next, "%a")) /* "Phó Giám đốc Sở Y tế" */
			next.head = next.deputy = demo_office_head(sb.agency, &next.agency);
		demo_expand(po->next, &next, p->planned, sizeof p->planned);
	}
	demo_education(b, p, d);
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

int demo_build_cadres(build *b, long n)
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
