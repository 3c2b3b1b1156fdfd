/* plans_report.c - what is computed over many plans: carry-over at year
 * end, the summaries reported upward, the list of overdue items.
 *
 * Summaries count with integer aggregates grouped by unit (or by
 * organisation) in SQL, then roll units up into districts in C using the
 * units' pre-order intervals, so each query reads every row once however
 * many districts there are.
 */
#include "plans.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "plans_internal.h"
#include "access.h"
#include "store_sql.h"

/* ---- carry-over --------------------------------------------------------- */

struct carry_item {
	int64_t item, cadre_id, org_id;
	int sources;
};

static void read_carry(sqlite3_stmt *st, void *row)
{
	struct carry_item *c = row;
	c->item = sqlite3_column_int64(st, 0);
	c->cadre_id = sqlite3_column_int64(st, 1);
	c->org_id = sqlite3_column_int64(st, 2);
	c->sources = sqlite3_column_int(st, 3);
}

/* The items of from_year in scope that are neither remedied nor carried
 * (parameters as plans_bind_query with ?2 = from_year). */
#define CARRY_CANDIDATES                                                                           \
	" FROM plan_item i JOIN plan p ON p.id = i.plan_id"                                        \
	" LEFT JOIN cadre c ON c.id = p.cadre_id LEFT JOIN org o ON o.id = p.org_id"               \
	" JOIN unit u ON u.id = coalesce(c.unit_id, o.unit_id)"                                    \
	" WHERE p.year = ?2 AND (?3 = 0 OR (u.lo BETWEEN ?3 AND ?4"                                \
	" AND in_scope(u.lo, coalesce(p.org_id, c.org_id))))"                                      \
	" AND (?5 = 0 OR p.cadre_id = ?5) AND (?6 = 0 OR p.org_id = ?6)"                           \
	" AND (?7 = 0 OR p.org_id = ?7 OR c.org_id = ?7)"                                          \
	" AND i.state <> 2 AND NOT " PLANS_SQL_CARRIED("i")

/* Those items, in plan order. */
static int carry_candidates(store *s, const plans_query *q, int from_year, struct carry_item **out,
			    size_t *n, cb_error *err)
{
	static const char sql[] = "SELECT i.id, coalesce(p.cadre_id, 0), coalesce(p.org_id, 0), "
				  "p.sources" CARRY_CANDIDATES " ORDER BY p.id, i.id";
	sqlite3_stmt *st = store_prepare(s, sql, err);
	plans_query qq = *q;

	qq.year = from_year;
	if (st)
		plans_bind_query(s, st, &qq);
	return store_rows(s, st, sizeof **out, read_carry, (void **)out, n,
			  _("Carrying items over"), err);
}

/* The owner's plan for year, created (not adopted, with the given
 * sources) when missing. Inside the caller's transaction. */
static int target_plan(store *s, const struct carry_item *c, int year, int64_t *plan_id,
		       size_t *created, cb_error *err)
{
	static const char sql[] =
		"SELECT id FROM plan WHERE (cadre_id = ?1 OR org_id = ?2) AND year = ?3";
	int64_t ids[3] = {c->cadre_id, c->org_id, year};
	plan p;
	int rc = plans_query_int(s, sql, ids, 3, plan_id, err);
	if (rc || *plan_id)
		return rc;
	memset(&p, 0, sizeof p);
	p.cadre_id = c->cadre_id;
	p.org_id = c->org_id;
	p.year = year;
	p.sources = c->sources;
	if ((rc = plans_insert_row(s, &p, err)))
		return rc;
	*plan_id = p.id;
	(*created)++;
	return CB_OK;
}

static int copy_item(store *s, int64_t item, int64_t plan_id, const char *deadline, cb_error *err)
{
	static const char sql[] =
		"INSERT INTO plan_item(plan_id, source, shortcoming, cause, responsibility,"
		" responsible, measures, deadline, in_charge, state, carried_from)"
		" SELECT ?1, source, shortcoming, cause, responsibility, responsible, measures,"
		" coalesce(?2, deadline), in_charge, state, id FROM plan_item WHERE id = ?3";
	static const char json_sql[] =
		"SELECT json_object('plan_id', plan_id, 'shortcoming', shortcoming,"
		" 'deadline', deadline, 'state', state, 'carried_from', carried_from)"
		" FROM plan_item WHERE id = ?";
	sqlite3_stmt *st = store_prepare(s, sql, err);
	int rc;
	if (!st)
		return CB_EDB;
	sqlite3_bind_int64(st, 1, plan_id);
	store_bind_text(st, 2, deadline && *deadline ? deadline : NULL);
	sqlite3_bind_int64(st, 3, item);
	rc = sqlite3_step(st) == SQLITE_DONE ? CB_OK : store_fail(s, err, _("Carrying items over"));
	sqlite3_finalize(st);
	if (rc)
		return rc;
	return plans_audit(s, "plan_item", sqlite3_last_insert_rowid(store_db(s)), "insert", NULL,
			   json_sql, err);
}

/* Checks the optional new deadline: a date not before the new year. */
static int carry_deadline(const char *in, int year, char *buf, cb_error *err)
{
	char tmp[32];
	cb_date d;
	int rc;
	buf[0] = '\0';
	if (!in || !*in)
		return CB_OK;
	if ((rc = plans_copy_field(tmp, sizeof tmp, in, _("Deadline"), err)) ||
	    (rc = plans_take_date(tmp, true, _("Deadline"), &d, err)))
		return rc;
	if (d < date_from_ymd(year, 1, 1))
		return cb_error_set(
			err, CB_EINVALID,
			_("Deadline: items carried into %d need a deadline in %d or later"), year,
			year);
	memcpy(buf, tmp, 11);
	return CB_OK;
}

int plans_carry_over(store *s, const plans_query *q, int from_year, const char *new_deadline,
		     size_t *copied, size_t *created, cb_error *err)
{
	struct carry_item *items = NULL;
	size_t n = 0, made = 0, done = 0;
	int64_t plan_id = 0;
	char deadline[11];
	int rc;

	if (from_year < PLANS_YEAR_MIN || from_year > 9998)
		return cb_error_set(err, CB_EINVALID, _("Year %d is not possible for a plan"),
				    from_year);
	if ((rc = carry_deadline(new_deadline, from_year + 1, deadline, err)) ||
	    (rc = store_begin(s, err)))
		return rc;
	rc = carry_candidates(s, q, from_year, &items, &n, err);
	for (size_t i = 0; !rc && i < n; i++) {
		bool same_owner = i > 0 && items[i].cadre_id == items[i - 1].cadre_id &&
				  items[i].org_id == items[i - 1].org_id;
		if (!same_owner)
			rc = target_plan(s, &items[i], from_year + 1, &plan_id, &made, err);
		if (!rc && !(rc = copy_item(s, items[i].item, plan_id, deadline, err)))
			done++;
	}
	free(items);
	if ((rc = store_finish(s, rc, err)))
		return rc;
	if (copied)
		*copied = done;
	if (created)
		*created = made;
	return CB_OK;
}

int plans_carry_count(store *s, const plans_query *q, int from_year, plans_carry_counts *out,
		      cb_error *err)
{
	/* Target plans that do not exist yet: owners of candidates without a
	 * plan for the next year (?1 is free in plans_bind_query's list). */
	static const char sql[] =
		"SELECT count(*), count(DISTINCT p.id),"
		" count(DISTINCT CASE WHEN NOT EXISTS (SELECT 1 FROM plan n"
		"  WHERE (n.cadre_id = p.cadre_id OR n.org_id = p.org_id) AND n.year = ?2 + 1)"
		"  THEN coalesce(p.cadre_id, 0) || '/' || coalesce(p.org_id, 0) "
		"END)" CARRY_CANDIDATES;
	sqlite3_stmt *st;
	plans_query qq = *q;
	int rc;

	memset(out, 0, sizeof *out);
	if (from_year < PLANS_YEAR_MIN || from_year > 9998)
		return cb_error_set(err, CB_EINVALID, _("Year %d is not possible for a plan"),
				    from_year);
	if (!(st = store_prepare(s, sql, err)))
		return CB_EDB;
	qq.year = from_year;
	plans_bind_query(s, st, &qq);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->items = sqlite3_column_int64(st, 0);
		out->plans = sqlite3_column_int64(st, 1);
		out->new_plans = sqlite3_column_int64(st, 2);
		rc = CB_OK;
	} else {
		rc = store_fail(s, err, _("Carrying items over"));
	}
	sqlite3_finalize(st);
	return rc;
}

/* ---- summaries ---------------------------------------------------------- */

/* The figures of the year's plans, per group key, in two kinds of
 * query: plans (count, adopted) and items (count, remedied, overdue,
 * carried, unverified). Each walks units (or organisations), then the
 * covering indexes of their cadres and plans, then the covering index of
 * the items, so no wide row is read (CROSS JOIN fixes that order). Cadres'
 * plans and organisations' plans are two halves of a UNION ALL; the rows
 * of one key are added up in C. Parameters as plans_bind_query. */
/* held back: the plan has an item not both remedied and verified, which
 * keeps its owner from "hoàn thành xuất sắc" the next year (Hướng dẫn
 * 21-HD/BTCTW; the same condition as eval_check.c's) */
#define SUM_PLANS                                                                                  \
	" count(*), coalesce(sum(p.adopted_on <> ''), 0),"                                         \
	" coalesce(sum(EXISTS(SELECT 1 FROM plan_item hb WHERE hb.plan_id = p.id"                  \
	" AND NOT (hb.state = 2 AND hb.verified_on <> ''))), 0)"
#define SUM_ITEMS                                                                                  \
	" count(*), coalesce(sum(i.state = 2), 0),"                                                \
	" coalesce(sum(" PLANS_SQL_OVERDUE(                                                        \
		"i", "?1") "), 0),"                                                                \
			   " coalesce(sum(i.state <> 2 AND " PLANS_SQL_CARRIED(                    \
				   "i") "), 0),"                                                   \
					" coalesce(sum(i.state = 2 AND i.verified_on = ''), 0)"
#define ITEMS_OF_P    " CROSS JOIN plan_item i ON i.plan_id = p.id"
#define IN_SCOPE(org) " WHERE (?3 = 0 OR (u.lo BETWEEN ?3 AND ?4 AND in_scope(u.lo, " org ")))"
#define BY_UNIT(sums, items)                                                                       \
	"SELECT u.lo," sums " FROM unit u CROSS JOIN cadre c ON c.unit_id = u.id"                  \
	" CROSS JOIN plan p ON p.cadre_id = c.id AND p.year = ?2" items IN_SCOPE(                  \
		"c.org_id") " GROUP BY u.id UNION ALL"                                             \
			    " SELECT u.lo," sums                                                   \
			    " FROM unit u CROSS JOIN org o ON o.unit_id = u.id"                    \
			    " CROSS JOIN plan p ON p.org_id = o.id AND p.year = ?2" items          \
				    IN_SCOPE("o.id") " GROUP BY u.id"
#define BY_ORG(sums, items)                                                                        \
	"SELECT o.id," sums " FROM org o CROSS JOIN cadre c ON c.org_id = o.id"                    \
	" CROSS JOIN plan p ON p.cadre_id = c.id AND p.year = ?2" items " GROUP BY o.id UNION ALL" \
	" SELECT o.id," sums " FROM org o CROSS JOIN plan p ON p.org_id = o.id"                    \
	" AND p.year = ?2" items " GROUP BY o.id"

/* Finds the row for a key: by unit pre-order position (rows sorted by lo,
 * disjoint [lo, hi]) or by organisation id (via an id-sorted index). */
struct id_index {
	int64_t id;
	size_t row;
};

struct summary_map {
	plans_summary *rows;
	size_t n;
	struct id_index *by_id; /* by org: sorted by id */
};

static plans_summary *map_unit(const struct summary_map *m, int64_t lo)
{
	size_t a = 0, b = m->n;
	while (a < b) { /* first row with lo > key */
		size_t mid = (a + b) / 2;
		if (m->rows[mid].unit_lo <= lo)
			a = mid + 1;
		else
			b = mid;
	}
	if (a == 0 || lo > m->rows[a - 1].unit_hi)
		return NULL;
	return &m->rows[a - 1];
}

static plans_summary *map_org(const struct summary_map *m, int64_t id)
{
	size_t a = 0, b = m->n;
	while (a < b) {
		size_t mid = (a + b) / 2;
		int64_t v = m->by_id[mid].id;
		if (v == id)
			return &m->rows[m->by_id[mid].row];
		if (v < id)
			a = mid + 1;
		else
			b = mid;
	}
	return NULL;
}

static plans_summary *map_find(const struct summary_map *m, int group, int64_t key)
{
	return group == PLANS_BY_DISTRICT ? map_unit(m, key) : map_org(m, key);
}

/* What a query's rows count: (key, expected), (key, plans, adopted, held
 * back) or
 * (key, items, remedied, overdue, carried, unverified). */
enum { COUNT_EXPECTED, COUNT_PLANS, COUNT_ITEMS };

/* Adds the rows of a BY_UNIT/BY_ORG query to the summary rows. */
static int add_counts(store *s, const struct summary_map *m, int group, int kind, const char *sql,
		      const plans_query *q, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(s, sql, err);
	int step, rc = CB_OK;
	if (!st)
		return CB_EDB;
	plans_bind_query(s, st, q);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		plans_summary *r = map_find(m, group, sqlite3_column_int64(st, 0));
		if (!r)
			continue;
		if (kind == COUNT_EXPECTED) {
			r->expected += sqlite3_column_int(st, 1);
			continue;
		}
		if (kind == COUNT_PLANS) {
			r->plans += sqlite3_column_int(st, 1);
			r->adopted += sqlite3_column_int(st, 2);
			r->held_back += sqlite3_column_int(st, 3);
			continue;
		}
		r->items += sqlite3_column_int(st, 1);
		r->remedied += sqlite3_column_int(st, 2);
		r->overdue += sqlite3_column_int(st, 3);
		r->carried += sqlite3_column_int(st, 4);
		r->unverified += sqlite3_column_int(st, 5);
	}
	if (step != SQLITE_DONE)
		rc = store_fail(s, err, _("Summarising the action plans"));
	sqlite3_finalize(st);
	return rc;
}

/* Reads the rows of the summary (districts or organisations in scope). */
static int summary_rows(store *s, const plans_query *q, int group, struct summary_map *m,
			cb_error *err)
{
	static const char district_sql[] =
		"SELECT id, code, name, lo, CASE WHEN tier = 1 THEN lo ELSE hi END, tier"
		" FROM unit WHERE tier <= 2 AND (?3 = 0 OR (lo BETWEEN ?3 AND ?4"
		" AND EXISTS (SELECT 1 FROM unit x WHERE x.lo BETWEEN unit.lo"
		" AND CASE WHEN unit.tier = 1 THEN unit.lo ELSE unit.hi END"
		" AND in_scope(x.lo, NULL))))"
		" ORDER BY lo";
	static const char org_sql[] =
		"SELECT o.id, '', o.name, u.lo, u.lo, 0 FROM org o JOIN unit u ON u.id = o.unit_id"
		" WHERE (?3 = 0 OR (u.lo BETWEEN ?3 AND ?4 AND in_scope(u.lo, o.id)))"
		" ORDER BY u.lo, o.kind, o.name COLLATE VI, o.id";
	sqlite3_stmt *st =
		store_prepare(s, group == PLANS_BY_DISTRICT ? district_sql : org_sql, err);
	size_t cap = 0;
	int step, rc = CB_OK;

	if (!st)
		return CB_EDB;
	plans_bind_query(s, st, q);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (m->n == cap) {
			size_t ncap = cap ? cap * 2 : 32;
			plans_summary *r = realloc(m->rows, ncap * sizeof *r);
			if (!r) {
				rc = cb_error_set(err, CB_EDB, _("Out of memory"));
				break;
			}
			m->rows = r;
			cap = ncap;
		}
		plans_summary *r = &m->rows[m->n];
		memset(r, 0, sizeof *r);
		r->id = sqlite3_column_int64(st, 0);
		store_column_copy(st, 1, r->code, sizeof r->code);
		store_column_copy(st, 2, r->name, sizeof r->name);
		if (sqlite3_column_int(st, 5) == 1) {
			char name[sizeof r->name];
			snprintf(name, sizeof name, _("%s (province level)"), r->name);
			memcpy(r->name, name, sizeof name);
		}
		r->unit_lo = sqlite3_column_int64(st, 3);
		r->unit_hi = sqlite3_column_int64(st, 4);
		m->n++;
	}
	if (!rc && step != SQLITE_DONE)
		rc = store_fail(s, err, _("Summarising the action plans"));
	sqlite3_finalize(st);
	return rc;
}

static int by_id(const void *a, const void *b)
{
	int64_t x = ((const struct id_index *)a)->id, y = ((const struct id_index *)b)->id;
	return (x > y) - (x < y);
}

static int index_by_id(struct summary_map *m, cb_error *err)
{
	m->by_id = malloc((m->n ? m->n : 1) * sizeof *m->by_id);
	if (!m->by_id)
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	for (size_t i = 0; i < m->n; i++) {
		m->by_id[i].id = m->rows[i].id;
		m->by_id[i].row = i;
	}
	qsort(m->by_id, m->n, sizeof *m->by_id, by_id);
	return CB_OK;
}

int plans_summarize(store *s, const plans_query *q, int group, plans_summary **out, size_t *n,
		    cb_error *err)
{
	static const char district_cadres[] =
		"SELECT u.lo, count(*) FROM cadre c JOIN unit u ON u.id = c.unit_id"
		" WHERE (?3 = 0 OR (u.lo BETWEEN ?3 AND ?4 AND in_scope(u.lo, c.org_id)))"
		" GROUP BY c.unit_id";
	static const char district_orgs[] =
		"SELECT u.lo, count(*) FROM org o JOIN unit u ON u.id = o.unit_id"
		" WHERE (?3 = 0 OR (u.lo BETWEEN ?3 AND ?4 AND in_scope(u.lo, o.id)))"
		" GROUP BY o.unit_id";
	static const char district_plans[] = BY_UNIT(SUM_PLANS, "");
	static const char district_items[] = BY_UNIT(SUM_ITEMS, ITEMS_OF_P);
	/* By organisation: itself, plus the cadres attached to it. */
	static const char org_cadres[] =
		"SELECT org_id, count(*) FROM cadre WHERE org_id IS NOT NULL GROUP BY org_id";
	static const char org_plans[] = BY_ORG(SUM_PLANS, "");
	static const char org_items[] = BY_ORG(SUM_ITEMS, ITEMS_OF_P);
	struct summary_map m = {0};
	int rc;

	*out = NULL;
	*n = 0;
	if (q->year < PLANS_YEAR_MIN || q->year > 9999)
		return cb_error_set(err, CB_EINVALID, _("Say which year to summarise"));
	rc = summary_rows(s, q, group, &m, err);
	if (!rc && group == PLANS_BY_DISTRICT) {
		if (!(rc = add_counts(s, &m, group, COUNT_EXPECTED, district_cadres, q, err)) &&
		    !(rc = add_counts(s, &m, group, COUNT_EXPECTED, district_orgs, q, err)) &&
		    !(rc = add_counts(s, &m, group, COUNT_PLANS, district_plans, q, err)))
			rc = add_counts(s, &m, group, COUNT_ITEMS, district_items, q, err);
	} else if (!rc) {
		for (size_t i = 0; i < m.n; i++)
			m.rows[i].expected = 1;
		if (!(rc = index_by_id(&m, err)) &&
		    !(rc = add_counts(s, &m, group, COUNT_EXPECTED, org_cadres, q, err)) &&
		    !(rc = add_counts(s, &m, group, COUNT_PLANS, org_plans, q, err)))
			rc = add_counts(s, &m, group, COUNT_ITEMS, org_items, q, err);
	}
	free(m.by_id);
	if (rc) {
		free(m.rows);
		return rc;
	}
	*out = m.rows;
	*n = m.n;
	return CB_OK;
}

int plans_latest_year(store *s, const plans_query *q, int *year, cb_error *err)
{
	static const char sql[] =
		"SELECT max(p.year) FROM plan p LEFT JOIN cadre c ON c.id = p.cadre_id"
		" LEFT JOIN org o ON o.id = p.org_id"
		" JOIN unit u ON u.id = coalesce(c.unit_id, o.unit_id)"
		" WHERE (?3 = 0 OR (u.lo BETWEEN ?3 AND ?4 AND in_scope(u.lo, coalesce(p.org_id, "
		"c.org_id))))";
	sqlite3_stmt *st = store_prepare(s, sql, err);
	int rc = CB_OK;
	if (!st)
		return CB_EDB;
	plans_bind_query(s, st, q);
	if (sqlite3_step(st) != SQLITE_ROW)
		rc = store_fail(s, err, _("Summarising the action plans"));
	else if (sqlite3_column_type(st, 0) == SQLITE_NULL)
		rc = cb_error_set(err, CB_NOT_FOUND, _("There are no action plans yet"));
	else
		*year = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc;
}

void plans_summary_total(const plans_summary *rows, size_t n, plans_summary *t)
{
	memset(t, 0, sizeof *t);
	snprintf(t->name, sizeof t->name, "%s", _("Total"));
	for (size_t i = 0; i < n; i++) {
		t->expected += rows[i].expected;
		t->plans += rows[i].plans;
		t->adopted += rows[i].adopted;
		t->items += rows[i].items;
		t->remedied += rows[i].remedied;
		t->overdue += rows[i].overdue;
		t->carried += rows[i].carried;
		t->unverified += rows[i].unverified;
		t->held_back += rows[i].held_back;
	}
}

/* ---- overdue items ------------------------------------------------------- */

int plans_each_overdue(store *s, const plans_query *q, plans_overdue_fn fn, void *ctx,
		       cb_error *err)
{
	static const char sql[] =
		"SELECT i.id, p.id, p.year, coalesce(c.full_name, o.name, ''),"
		" coalesce(d.code, ''), i.shortcoming, i.deadline, i.in_charge,"
		" coalesce(d.name, u.name)"
		" FROM plan_item i JOIN plan p ON p.id = i.plan_id"
		" LEFT JOIN cadre c ON c.id = p.cadre_id LEFT JOIN org o ON o.id = p.org_id"
		" JOIN unit u ON u.id = coalesce(c.unit_id, o.unit_id)"
		" LEFT JOIN unit d ON d.id = " PLANS_SQL_DISTRICT("u") " WHERE " PLANS_SQL_OVERDUE(
			"i", "?1") " AND (?2 = 0 OR p.year = ?2) AND (?3 = 0 OR (u.lo BETWEEN ?3 "
				   "AND ?4 AND in_scope(u.lo, coalesce(p.org_id, c.org_id))))"
				   " AND (?5 = 0 OR p.cadre_id = ?5) AND (?6 = 0 OR p.org_id = ?6)"
				   " AND (?7 = 0 OR p.org_id = ?7 OR c.org_id = ?7)"
				   " ORDER BY i.deadline, i.id";
	sqlite3_stmt *st = store_prepare(s, sql, err);
	plan_overdue *o = malloc(sizeof *o);
	int step, rc = CB_OK;
	cb_date dl;

	if (!st || !o) {
		sqlite3_finalize(st);
		free(o);
		return st ? cb_error_set(err, CB_EDB, _("Out of memory")) : CB_EDB;
	}
	plans_bind_query(s, st, q);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		memset(o, 0, sizeof *o);
		o->item_id = sqlite3_column_int64(st, 0);
		o->plan_id = sqlite3_column_int64(st, 1);
		o->year = sqlite3_column_int(st, 2);
		store_column_copy(st, 3, o->owner, sizeof o->owner);
		store_column_copy(st, 4, o->district_code, sizeof o->district_code);
		store_column_copy(st, 5, o->shortcoming, sizeof o->shortcoming);
		store_column_copy(st, 6, o->deadline, sizeof o->deadline);
		store_column_copy(st, 7, o->in_charge, sizeof o->in_charge);
		store_column_copy(st, 8, o->district_name, sizeof o->district_name);
		o->days_late = date_parse_iso(o->deadline, &dl) ? q->ref - dl : 0;
		if ((rc = fn(o, ctx)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = store_fail(s, err, _("Reading the overdue items"));
	sqlite3_finalize(st);
	free(o);
	return rc;
}
