/* filter.c - a cadre_filter turned into SQL conditions on `cadre c`.
 *
 * The list, the search, the breakdowns and the drill-down behind each
 * number all append the very same conditions, so a count and the list of
 * the people counted can never disagree. Conditions are written so that
 * SQLite can use the cadre indexes: ages become a birth_date range, a unit
 * subtree the unit ids whose pre-order position lies in [lo, hi], yearly
 * records EXISTS subqueries on their (cadre_id, ...) indexes, or, for the
 * search's lists and counts (yearly_summary), their summary's byte per
 * cadre.
 *
 * Populations (who is counted), on the stored columns of cadre:
 *   POP_ALL                  every cadre
 *   POP_MANAGED              managed (diện Ban Thường vụ Tỉnh ủy quản lý)
 *   POP_DEPT                 level < deepest tier: province and district
 *                            level (every cadre in canbo is deputy head of
 *                            department or above)
 *   POP_COMMUNE              level = deepest tier
 *   POP_COMMITTEE            a committee member of any level: committees &
 *                            (1|2|4)
 *   POP_COMMITTEE_PROVINCE   committees & 1
 *   POP_COMMITTEE_DISTRICT   committees & 2
 *   POP_COMMITTEE_GRASSROOTS committees & 4
 *   POP_TRAINING_GROUP       any of the 7 committee bits (committee,
 *                            inspection, delegation and board members,
 *                            cell secretaries): committees != 0
 *   POP_COMMITTEE_MANAGED    committees & (1|2|4|8|16|32), or managed
 *   POP_HEADS                is_head
 * The deepest tier is cadre_filter.deepest_tier, or when that is 0 or
 * less the deepest tier present in the unit table.
 */
#include "filter.h"

#include <stdio.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "store_summary.h"

void filter_init(cadre_filter *f)
{
	memset(f, 0, sizeof *f);
	f->population = POP_ALL;
	f->level = FILTER_ANY;
	f->gender = FILTER_ANY;
	f->minority = FILTER_ANY;
	f->education = FILTER_ANY;
	f->education_min = FILTER_ANY;
	f->theory = FILTER_ANY;
	f->theory_min = FILTER_ANY;
	f->pos_rank = FILTER_ANY;
	f->age_min = FILTER_ANY;
	f->age_max = FILTER_ANY;
	f->as_of = date_today();
	f->rating_grade = FILTER_ANY;
	f->trained_year = FILTER_ANY;
	f->trained_kind = FILTER_ANY;
	f->trained = FILTER_ANY;
	f->planning = FILTER_ANY;
	f->barred = FILTER_ANY;
	f->score_band = FILTER_ANY;
	f->units_on = CB_DATE_NONE;
}

/* No one: units that cannot hold a cadre (lo above hi). */
static void none(cadre_filter *f)
{
	f->unit_lo = 1;
	f->unit_hi = 0;
}

cadre_filter filter_narrow(const cadre_filter *base, const cadre_filter *e)
{
	cadre_filter f = *base;

	if (e->unit_lo || e->unit_hi) {
		if (!(f.unit_lo || f.unit_hi) ||
		    (e->unit_lo >= f.unit_lo && e->unit_hi <= f.unit_hi)) {
			f.unit_lo = e->unit_lo;
			f.unit_hi = e->unit_hi;
		} else {
			none(&f); /* disjoint */
		}
	}
#define NARROW(field)                                                                              \
	do {                                                                                       \
		if (e->field != FILTER_ANY && f.field != FILTER_ANY && f.field != e->field)        \
			none(&f);                                                                  \
		else if (e->field != FILTER_ANY)                                                   \
			f.field = e->field;                                                        \
	} while (0)
	NARROW(level);
	NARROW(gender);
	NARROW(education);
	NARROW(theory);
	NARROW(minority);
	NARROW(planning);
#undef NARROW
	if (e->age_min != FILTER_ANY && (f.age_min == FILTER_ANY || e->age_min > f.age_min))
		f.age_min = e->age_min;
	if (e->age_max != FILTER_ANY && (f.age_max == FILTER_ANY || e->age_max < f.age_max))
		f.age_max = e->age_max;
	/* one rating year per filter: base's conditions on its year (a
	 * grade, "good or better") stay with it */
	if (e->rating_year > 0 && e->rating_grade != FILTER_ANY) {
		if (f.rating_year > 0 &&
		    (f.rating_year != e->rating_year ||
		     (f.rating_grade != FILTER_ANY && f.rating_grade != e->rating_grade)))
			none(&f);
		else {
			f.rating_year = e->rating_year;
			f.rating_grade = e->rating_grade;
		}
	}
	return f;
}

void filter_scope_of(const cadre_filter *f, cadre_filter *out)
{
	filter_init(out);
	out->unit_lo = f->unit_lo;
	out->unit_hi = f->unit_hi;
	out->org_id = f->org_id;
	out->scope_orgs = f->scope_orgs;
	out->as_of = f->as_of;
	out->departed = f->departed;
	out->units_on = f->units_on;
	out->unit_history = f->unit_history;
}

/* ---- building ------------------------------------------------------- */

typedef struct builder {
	filter_sql *o;
	size_t len;
	bool ok;
} builder;

static void put(builder *b, const char *sql)
{
	size_t n = strlen(sql);
	if (!b->ok || b->len + n + 1 > sizeof b->o->where) {
		b->ok = false;
		return;
	}
	memcpy(b->o->where + b->len, sql, n + 1);
	b->len += n;
}

static struct filter_value *slot(builder *b)
{
	if (!b->ok || b->o->nbind >= (int)(sizeof b->o->bind / sizeof b->o->bind[0])) {
		b->ok = false;
		return NULL;
	}
	struct filter_value *v = &b->o->bind[b->o->nbind++];
	memset(v, 0, sizeof *v);
	return v;
}

static void val_int(builder *b, int64_t i)
{
	struct filter_value *v = slot(b);
	if (v)
		v->i = i;
}

static void val_text(builder *b, const char *s)
{
	struct filter_value *v = slot(b);
	if (v) {
		v->is_text = true;
		snprintf(v->s, sizeof v->s, "%s", s);
	}
}

/* " AND <sql>" with one integer parameter. */
static void cond_int(builder *b, const char *sql, int64_t i)
{
	put(b, " AND ");
	put(b, sql);
	val_int(b, i);
}

/* The unit a cadre was in on a date (the first parameter): the one it
 * left first after that date, else its unit now (units.h). */
#define UNIT_ON                                                                                    \
	"coalesce((SELECT uh.unit_id FROM unit_history uh WHERE uh.tbl = 'cadre'"                  \
	" AND uh.row_id = c.id AND uh.until > ? ORDER BY uh.until LIMIT 1), c.unit_id)"

/* The day whose units count (filter.h). */
static void units_day(const cadre_filter *f, char iso[11])
{
	date_format_iso(f->units_on != CB_DATE_NONE ? f->units_on : f->as_of, iso);
}

static void cond_deepest(builder *b, const cadre_filter *f, const char *op)
{
	if (f->unit_history) {
		/* before a reform: the tier of the unit the cadre was in, and the
		 * deepest tier of the units in force, on that day */
		char iso[11];
		units_day(f, iso);
		put(b, " AND (SELECT tier FROM unit WHERE id = " UNIT_ON ") ");
		val_text(b, iso);
		put(b, op);
		put(b, " (SELECT max(tier) FROM unit WHERE (valid_from IS NULL OR valid_from <= ?)"
		       " AND (ended IS NULL OR ended > ?))");
		val_text(b, iso);
		val_text(b, iso);
		return;
	}
	put(b, " AND c.level ");
	put(b, op);
	if (f->deepest_tier > 0) {
		put(b, " ?");
		val_int(b, f->deepest_tier);
	} else {
		put(b, " (SELECT max(tier) FROM unit)");
	}
}

static bool population(builder *b, const cadre_filter *f)
{
	switch (f->population) {
	case POP_ALL:
		break;
	case POP_MANAGED:
		put(b, " AND c.managed <> 0");
		break;
	case POP_DEPT:
		cond_deepest(b, f, "<");
		break;
	case POP_COMMUNE:
		cond_deepest(b, f, "=");
		break;
	case POP_COMMITTEE:
		put(b, " AND (c.committees & 7) <> 0");
		break;
	case POP_COMMITTEE_PROVINCE:
		put(b, " AND (c.committees & 1) <> 0");
		break;
	case POP_COMMITTEE_DISTRICT:
		put(b, " AND (c.committees & 2) <> 0");
		break;
	case POP_COMMITTEE_GRASSROOTS:
		put(b, " AND (c.committees & 4) <> 0");
		break;
	case POP_TRAINING_GROUP:
		put(b, " AND c.committees <> 0");
		break;
	case POP_COMMITTEE_MANAGED:
		put(b, " AND ((c.committees & 63) <> 0 OR c.managed <> 0)");
		break;
	case POP_HEADS:
		put(b, " AND c.is_head <> 0");
		break;
	default:
		return false;
	}
	return true;
}

/* The last birth date of people at least `years` old on `on`: the same
 * day `years` earlier, 29 February becoming 28 February in a common year
 * (date_age counts a 29 February birthday as reached on 1 March). */
static void age_cutoff(cb_date on, int years, char *iso)
{
	int y, m, d;
	date_to_ymd(on, &y, &m, &d);
	y -= years;
	if (m == 2 && d == 29 && !date_valid_ymd(y, m, d))
		d = 28;
	if (y < 1)
		y = 1, m = 1, d = 1;
	date_format_iso(date_from_ymd(y, m, d), iso);
}

/* age >= A  <=>  birth_date <= cutoff(A); age <= B  <=>  birth_date >
 * cutoff(B + 1). */
static void ages(builder *b, const cadre_filter *f)
{
	char iso[11];
	if (f->age_min != FILTER_ANY && f->age_min >= 0) {
		age_cutoff(f->as_of, f->age_min, iso);
		put(b, " AND c.birth_date <= ?");
		val_text(b, iso);
	}
	if (f->age_max != FILTER_ANY && f->age_max >= 0) {
		age_cutoff(f->as_of, f->age_max + 1, iso);
		put(b, " AND c.birth_date > ?");
		val_text(b, iso);
	}
}

/* (c.gender = 1 AND birth_date in band) OR (c.gender = 2 AND ...) */
static void retirement(builder *b, const cadre_filter *f)
{
	if (!f->retire_set)
		return;
	put(b, " AND (");
	for (int g = 1; g <= 2; g++) {
		put(b, g == 1 ? "(c.gender = 1" : " OR (c.gender = 2");
		if (f->retire_after[g][0]) {
			put(b, " AND c.birth_date > ?");
			val_text(b, f->retire_after[g]);
		}
		if (f->retire_upto[g][0]) {
			put(b, " AND c.birth_date <= ?");
			val_text(b, f->retire_upto[g]);
		}
		put(b, ")");
	}
	put(b, ")");
}

static void score(builder *b, const cadre_filter *f)
{
	int k = f->score_band;

	if (k == FILTER_ANY)
		return;
	put(b, k == 0 ? " AND NOT EXISTS" : " AND EXISTS");
	put(b, " (SELECT 1 FROM evaluation ev WHERE ev.cadre_id = c.id AND ev.period = ?"
	       " AND ev.score IS NOT NULL");
	val_text(b, f->score_period);
	if (k >= 1 && k <= 4) {
		if (k > 1) {
			put(b, " AND ev.score < ?");
			val_int(b, f->score_cut[k - 2]);
		}
		if (k < 4) {
			put(b, " AND ev.score >= ?");
			val_int(b, f->score_cut[k - 1]);
		}
	} else if (k != 0) {
		put(b, " AND 0");
	}
	put(b, ")");
}

/* " AND " cadre c's byte of the year bound next in the summary
 * (store_summary.h: 0 when the row is not kept), masked, then `test`. */
static void summary_byte(builder *b, int year, int mask, const char *test)
{
	char sql[192];
	snprintf(sql, sizeof sql,
		 " AND coalesce((SELECT cy.bits >> ((c.id & 7) * 8) & %d FROM cadre_year cy"
		 " WHERE cy.year = ? AND cy.block = c.id >> 3), 0) %s",
		 mask, test);
	put(b, sql);
	val_int(b, year);
}

/* The rating conditions from the summary: its grade bits (0: no rating). */
static void ratings_summary(builder *b, const cadre_filter *f)
{
	if (f->rating_grade == 0)
		summary_byte(b, f->rating_year, 7, "= 0");
	else if (f->rating_grade > 0) {
		summary_byte(b, f->rating_year, 7, "= ?");
		val_int(b, f->rating_grade);
	}
	if (f->rating_good || f->rating_not_good)
		summary_byte(b, f->rating_year, 7,
			     f->rating_good ? "BETWEEN 1 AND 2" : "NOT BETWEEN 1 AND 2");
	if (f->rating_good && f->rating_not_good)
		put(b, " AND 0"); /* both asked: nobody */
}

static void ratings(builder *b, const cadre_filter *f)
{
	static const char has[] =
		"EXISTS (SELECT 1 FROM rating rt WHERE rt.cadre_id = c.id AND rt.year = ?";
	if (f->rating_year <= 0)
		return;
	if (f->yearly_summary) {
		ratings_summary(b, f);
		return;
	}
	if (f->rating_grade == 0) {
		put(b, " AND NOT ");
		put(b, has);
		put(b, ")");
		val_int(b, f->rating_year);
	} else if (f->rating_grade > 0) {
		put(b, " AND ");
		put(b, has);
		put(b, " AND rt.grade = ?)");
		val_int(b, f->rating_year);
		val_int(b, f->rating_grade);
	}
	if (f->rating_good || f->rating_not_good) {
		put(b, f->rating_good ? " AND " : " AND NOT ");
		put(b, has);
		put(b, " AND rt.grade BETWEEN 1 AND 2)");
		val_int(b, f->rating_year);
	}
	if (f->rating_good && f->rating_not_good)
		put(b, " AND 0"); /* both asked: nobody */
}

static void training(builder *b, const cadre_filter *f)
{
	if (f->trained == FILTER_ANY)
		return;
	/* the summary has a bit for any training of the year and one for
	 * each of kinds 1..4 */
	if (f->yearly_summary && f->trained_year > 0 && f->trained_kind <= 4) {
		summary_byte(b, f->trained_year, f->trained_kind > 0 ? 8 << f->trained_kind : 8,
			     f->trained ? "<> 0" : "= 0");
		return;
	}
	put(b, f->trained ? " AND " : " AND NOT ");
	put(b, "EXISTS (SELECT 1 FROM training tr WHERE tr.cadre_id = c.id");
	if (f->trained_year > 0) {
		put(b, " AND tr.year = ?");
		val_int(b, f->trained_year);
	}
	if (f->trained_kind > 0) {
		put(b, " AND tr.kind = ?");
		val_int(b, f->trained_kind);
	}
	put(b, ")");
}

/* Who has left the list (retired, transferred out...) by as_of is no
 * longer counted from that day; before it, in earlier years' reports, he
 * is. The subquery is not correlated: it is evaluated once per statement,
 * and reads only the rowid of the cadre (which every index holds). */
static void departed(builder *b, const cadre_filter *f)
{
	char iso[11];
	if (f->departed == FILTER_ANY)
		return;
	date_format_iso(f->as_of, iso);
	put(b, f->departed ? " AND c.id IN" : " AND c.id NOT IN");
	put(b, " (SELECT cadre_id FROM departure WHERE left_on <= ?)");
	val_text(b, iso);
}

static void scope(builder *b, const cadre_filter *f)
{
	departed(b, f);
	if ((f->unit_lo > 0 || f->unit_hi > 0) && f->unit_history) {
		char iso[11];
		date_format_iso(f->units_on != CB_DATE_NONE ? f->units_on : f->as_of, iso);
		put(b,
		    f->scope_orgs
			    ? " AND " UNIT_ON " IN (SELECT id FROM unit WHERE lo BETWEEN ? AND ?)"
			      " AND in_scope((SELECT lo FROM unit WHERE id = c.unit_id), c.org_id)"
			    : " AND " UNIT_ON " IN (SELECT id FROM unit WHERE lo BETWEEN ? AND ?"
			      " AND in_scope(lo, NULL))");
		val_text(b, iso);
		val_int(b, f->unit_lo);
		val_int(b, f->unit_hi);
	} else if (f->unit_lo > 0 || f->unit_hi > 0) {
		/* in_scope: the reader's scope may have holes (access.h); the
		 * list of units stays uncorrelated, for the unit index, unless
		 * a cadre's organisation may bring them in */
		put(b,
		    f->scope_orgs
			    ? " AND c.unit_id IN (SELECT id FROM unit WHERE lo BETWEEN ? AND ?)"
			      " AND in_scope((SELECT lo FROM unit WHERE id = c.unit_id), c.org_id)"
			    : " AND c.unit_id IN (SELECT id FROM unit WHERE lo BETWEEN ? AND ?"
			      " AND in_scope(lo, NULL))");
		val_int(b, f->unit_lo);
		val_int(b, f->unit_hi);
	}
	if (f->org_id > 0)
		cond_int(b,
			 "c.org_id IN (WITH RECURSIVE sub(id) AS (SELECT ?"
			 " UNION ALL SELECT og.id FROM org og JOIN sub ON og.parent_id = sub.id)"
			 " SELECT id FROM sub)",
			 f->org_id);
}

static void attributes(builder *b, const cadre_filter *f)
{
	if (f->level != FILTER_ANY)
		cond_int(b, "c.level = ?", f->level);
	if (f->gender != FILTER_ANY)
		cond_int(b, "c.gender = ?", f->gender);
	if (f->minority == 0)
		put(b, " AND c.ethnicity = 'Kinh'");
	else if (f->minority == 1)
		put(b, " AND c.ethnicity <> 'Kinh'");
	if (f->education != FILTER_ANY)
		cond_int(b, "c.education = ?", f->education);
	if (f->education_min != FILTER_ANY)
		cond_int(b, "c.education >= ?", f->education_min);
	if (f->theory != FILTER_ANY)
		cond_int(b, "c.theory = ?", f->theory);
	if (f->theory_min != FILTER_ANY)
		cond_int(b, "c.theory >= ?", f->theory_min);
	if (f->pos_rank != FILTER_ANY)
		cond_int(b, "c.pos_rank = ?", f->pos_rank);
	for (int k = 0; k < LIST_COUNT; k++) {
		char cond[1200] = "";
		if (!f->list_pick[k])
			continue;
		if (!list_cond_sql(ENUM_FIRST_LIST + k, f->list_pick[k] - 1, cond, sizeof cond))
			b->ok = false;
		put(b, cond);
	}
}

bool filter_build(const cadre_filter *f, filter_sql *out)
{
	builder b = {out, 0, true};
	out->where[0] = '\0';
	out->nbind = 0;
	scope(&b, f);
	if (!population(&b, f))
		return false;
	attributes(&b, f);
	ages(&b, f);
	retirement(&b, f);
	score(&b, f);
	ratings(&b, f);
	training(&b, f);
	if (f->planning != FILTER_ANY && f->yearly_summary)
		summary_byte(&b, SUMMARY_POOL_YEAR_NUM, 1, f->planning ? "<> 0" : "= 0");
	else if (f->planning != FILTER_ANY)
		put(&b, f->planning
				? " AND EXISTS (SELECT 1 FROM planning pl WHERE pl.cadre_id = c.id)"
				: " AND NOT EXISTS (SELECT 1 FROM planning pl WHERE pl.cadre_id = "
				  "c.id)");
	if (f->barred != FILTER_ANY) {
		char iso[11];
		date_format_iso(f->as_of, iso);
		put(&b, f->barred ? " AND c.id IN" : " AND c.id NOT IN");
		put(&b, " (SELECT cadre_id FROM discipline WHERE cadre_id IS NOT NULL"
			" AND annulled_on = '' AND announced_on <= ? AND bar_until > ?)");
		val_text(&b, iso);
		val_text(&b, iso);
	}
	return b.ok;
}

int filter_bind(const filter_sql *fs, sqlite3_stmt *st, int first)
{
	for (int i = 0; i < fs->nbind; i++) {
		const struct filter_value *v = &fs->bind[i];
		int rc = v->is_text ? sqlite3_bind_text(st, first + i, v->s, -1, SQLITE_TRANSIENT)
				    : sqlite3_bind_int64(st, first + i, v->i);
		if (rc != SQLITE_OK)
			return CB_EDB;
	}
	return CB_OK;
}

/* ---- populations ---------------------------------------------------- */

static const struct {
	const char *name, *label;
} populations[POP_COUNT] = {
#define X(id, name, label) [id] = {name, label},
	POPULATION_LIST(X)
#undef X
};

const char *population_name(int pop)
{
	return pop >= 0 && pop < POP_COUNT ? populations[pop].name : "";
}

const char *population_label(int pop)
{
	return pop >= 0 && pop < POP_COUNT ? _(populations[pop].label) : "?";
}

bool population_from_name(const char *name, int *pop)
{
	for (int i = 0; i < POP_COUNT; i++)
		if (strcmp(populations[i].name, name) == 0) {
			*pop = i;
			return true;
		}
	return false;
}
