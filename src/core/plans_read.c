/* plans_read.c - reading action plans: one plan, the plan of an owner and
 * year, and the listings by year and scope (always within the reader's
 * scope, access.h), each plan with the counts of its items by status.
 *
 * The counts come from correlated subqueries on a covering index, with
 * the derived statuses written once in SQL (plans_internal.h), so a
 * listing reads no item row and needs no GROUP BY.
 */
#include "plans.h"

#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "i18n.h"
#include "plans_internal.h"
#include "store_sql.h"

void plans_query_init(plans_query *q, cb_date ref)
{
	memset(q, 0, sizeof *q);
	q->ref = ref;
}

int plans_query_unit(store *s, plans_query *q, const char *unit_code, cb_error *err)
{
	unit_row u;
	int rc = store_unit_by_code(s, unit_code, &u, err);
	if (rc == CB_NOT_FOUND)
		return cb_error_set(err, CB_NOT_FOUND, _("No administrative unit has the code %s"),
				    unit_code);
	if (!rc) /* a unit outside the reader's scope is refused (access.h) */
		rc = store_scope_unit(s, u.id, err);
	if (rc)
		return rc;
	q->unit_lo = u.lo;
	q->unit_hi = u.hi;
	return CB_OK;
}

/* ---- reading plans ---------------------------------------------------- */

/* The owner's unit u and its district d (tier-2 ancestor, if any). */
#define PLAN_FROM                                                                                  \
	" FROM plan p LEFT JOIN cadre c ON c.id = p.cadre_id"                                      \
	" LEFT JOIN org o ON o.id = p.org_id"                                                      \
	" JOIN unit u ON u.id = coalesce(c.unit_id, o.unit_id)"                                    \
	" LEFT JOIN unit d ON d.id = " PLANS_SQL_DISTRICT("u")

/* Item counts come from correlated subqueries on the covering index
 * plan_item_progress: no item row is read, and no GROUP BY is needed. */
#define ITEMS_WHERE(cond) "(SELECT count(*) FROM plan_item i WHERE i.plan_id = p.id" cond ")"
#define PLAN_COLUMNS                                                                                                                                                                                               \
	"SELECT p.id, p.version, coalesce(p.cadre_id, 0), coalesce(p.org_id, 0),"                                                                                                                                  \
	" p.year, p.sources, p.adopted_on, coalesce(c.full_name, o.name, ''),"                                                                                                                                     \
	" u.code, u.name, coalesce(d.code, ''), coalesce(d.name, '')," ITEMS_WHERE(                                                                                                                                \
		"") ", " ITEMS_WHERE(" AND i.state = 2") "," ITEMS_WHERE(" AND"                                                                                                                                    \
									 " " PLANS_SQL_OVERDUE(                                                                                                                    \
										 "i",                                                                                                                              \
										 "?"                                                                                                                               \
										 "1")) "," ITEMS_WHERE(" AND i.state <> 2 AND " PLANS_SQL_CARRIED("i")) "," ITEMS_WHERE(" AND i.state = 2 AND i.verified_on = ''") \
		PLAN_FROM

/* Conditions of a plans_query, parameters ?2..?7. */
#define PLAN_WHERE                                                                                 \
	" WHERE (?2 = 0 OR p.year = ?2)"                                                           \
	" AND (?3 = 0 OR (u.lo BETWEEN ?3 AND ?4"                                                  \
	" AND in_scope(u.lo, coalesce(p.org_id, c.org_id))))"                                      \
	" AND (?5 = 0 OR p.cadre_id = ?5) AND (?6 = 0 OR p.org_id = ?6)"                           \
	" AND (?7 = 0 OR p.org_id = ?7 OR c.org_id = ?7)"

#define PLAN_ORDER                                                                                 \
	" ORDER BY p.year DESC, coalesce(d.lo, 0), p.cadre_id IS NOT NULL,"                        \
	" o.name COLLATE VI, c.sort_key, p.id"

static void read_plan(sqlite3_stmt *st, plan *p)
{
	memset(p, 0, sizeof *p);
	p->id = sqlite3_column_int64(st, 0);
	p->version = sqlite3_column_int64(st, 1);
	p->cadre_id = sqlite3_column_int64(st, 2);
	p->org_id = sqlite3_column_int64(st, 3);
	p->year = sqlite3_column_int(st, 4);
	p->sources = sqlite3_column_int(st, 5);
	store_column_copy(st, 6, p->adopted_on, sizeof p->adopted_on);
	store_column_copy(st, 7, p->owner, sizeof p->owner);
	store_column_copy(st, 8, p->unit_code, sizeof p->unit_code);
	store_column_copy(st, 9, p->unit_name, sizeof p->unit_name);
	store_column_copy(st, 10, p->district_code, sizeof p->district_code);
	store_column_copy(st, 11, p->district_name, sizeof p->district_name);
	p->items = sqlite3_column_int(st, 12);
	p->remedied = sqlite3_column_int(st, 13);
	p->overdue = sqlite3_column_int(st, 14);
	p->carried = sqlite3_column_int(st, 15);
	p->unverified = sqlite3_column_int(st, 16);
}

/* Binds ?1 (reference date) and ?2..?7 of PLAN_WHERE. */
void plans_bind_query(store *s, sqlite3_stmt *st, const plans_query *q)
{
	int np = sqlite3_bind_parameter_count(st);
	int64_t lo = q->unit_lo, hi = q->unit_hi;
	char ref[11];

	/* the reader's scope bounds every plan listing and figure (access.h) */
	store_scope_clamp(s, &lo, &hi);
	date_format_iso(q->ref, ref);
	/* Statements may use a prefix of the parameters only. */
	if (np >= 1)
		sqlite3_bind_text(st, 1, ref, -1, SQLITE_TRANSIENT);
	if (np >= 2)
		sqlite3_bind_int(st, 2, q->year);
	if (np >= 4) {
		sqlite3_bind_int64(st, 3, lo);
		sqlite3_bind_int64(st, 4, hi);
	}
	if (np >= 6) {
		sqlite3_bind_int64(st, 5, q->cadre_id);
		sqlite3_bind_int64(st, 6, q->org_id);
	}
	if (np >= 7)
		sqlite3_bind_int64(st, 7, q->org_members);
}

int plans_each(store *s, const plans_query *q, plans_fn fn, void *ctx, cb_error *err)
{
	static const char all_sql[] = PLAN_COLUMNS PLAN_WHERE PLAN_ORDER;
	static const char overdue_sql[] = PLAN_COLUMNS PLAN_WHERE
		" AND EXISTS(SELECT 1 FROM plan_item i WHERE i.plan_id = p.id"
		" AND " PLANS_SQL_OVERDUE("i", "?1") ")" PLAN_ORDER;
	sqlite3_stmt *st = store_prepare(s, q->overdue_only ? overdue_sql : all_sql, err);
	int rc = CB_OK, step;
	plan p;

	if (!st)
		return CB_EDB;
	plans_bind_query(s, st, q);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		read_plan(st, &p);
		if ((rc = fn(&p, ctx)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = store_fail(s, err, _("Reading the action plans"));
	sqlite3_finalize(st);
	return rc;
}

struct collect {
	plan *rows;
	size_t n, cap;
	int oom;
};

static int collect_plan(const plan *p, void *ctx)
{
	struct collect *c = ctx;
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		plan *r = realloc(c->rows, cap * sizeof *r);
		if (!r) {
			c->oom = 1;
			return -1;
		}
		c->rows = r;
		c->cap = cap;
	}
	c->rows[c->n++] = *p;
	return 0;
}

int plans_list(store *s, const plans_query *q, plan **out, size_t *n, cb_error *err)
{
	struct collect c = {0};
	int rc = plans_each(s, q, collect_plan, &c, err);
	if (c.oom)
		rc = cb_error_set(err, CB_EDB, _("Out of memory"));
	if (rc) {
		free(c.rows);
		*out = NULL;
		*n = 0;
		return rc;
	}
	*out = c.rows;
	*n = c.n;
	return CB_OK;
}

static int get_where(store *s, const char *sql, const int64_t *ids, int nids, cb_date ref,
		     plan *out, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(s, sql, err);
	plans_query q;
	int step, rc = CB_OK;
	if (!st)
		return CB_EDB;
	plans_query_init(&q, ref);
	plans_bind_query(s, st, &q);
	for (int i = 0; i < nids; i++)
		sqlite3_bind_int64(st, 8 + i, ids[i]);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		read_plan(st, out);
	else if (step == SQLITE_ROW || step == SQLITE_DONE)
		rc = cb_error_set(err, CB_NOT_FOUND, _("No such action plan"));
	else
		rc = store_fail(s, err, _("Reading an action plan"));
	sqlite3_finalize(st);
	return rc;
}

int plans_get(store *s, int64_t id, cb_date ref, plan *out, cb_error *err)
{
	int scope_rc = store_scope_plan(s, id, err); /* the reader's scope (access.h) */
	if (scope_rc)
		return scope_rc;
	static const char sql[] = PLAN_COLUMNS PLAN_WHERE " AND p.id = ?8";
	int rc = get_where(s, sql, &id, 1, ref, out, err);
	if (rc == CB_NOT_FOUND)
		cb_error_set(err, rc, _("No action plan has the number %lld"), (long long)id);
	return rc;
}

int plans_find(store *s, int64_t cadre_id, int64_t org_id, int year, cb_date ref, plan *out,
	       cb_error *err)
{
	int scope_rc =
		cadre_id ? store_scope_cadre(s, cadre_id, err)
			 : store_scope_org(s, org_id, err); /* the reader's scope (access.h) */
	if (scope_rc)
		return scope_rc;
	static const char sql[] =
		PLAN_COLUMNS PLAN_WHERE " AND (p.cadre_id = ?8 OR p.org_id = ?9) AND p.year = ?10";
	int64_t ids[3] = {cadre_id, org_id, year};
	return get_where(s, sql, ids, 3, ref, out, err);
}
