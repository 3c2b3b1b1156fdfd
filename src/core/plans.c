/* plans.c - action plans: the enumerations, the derived status of an
 * item, the plan rows themselves (validation, versioned writes with audit
 * rows, reads and listings) and the helpers plans_item.c, plans_report.c
 * and selfcheck.c share.
 *
 * Every write here is one BEGIN IMMEDIATE transaction holding the change
 * and its audit row(s) (a JSON snapshot of the row made by SQLite itself,
 * so the audit text is always valid JSON). Updates carry the version they
 * were read at: `... WHERE id = ? AND version = ?`, and 0 rows changed
 * means someone else saved first (CB_ESTALE) or deleted the row.
 *
 * The "overdue" and "carried" statuses are derived at read time, by the C
 * function plans_item_status and by the SQL fragments of plans_internal.h,
 * which say the same thing (the unit tests hold them to it).
 */
#include "plans.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "trash.h"
#include "plans_internal.h"
#include "access.h"
#include "store_sql.h"
#include "text.h"

/* ---- enumerations ---------------------------------------------------- */

#define CHOICE(v, n, l) {v, n, l},
static const model_choice sources[] = {PLAN_SOURCE_LIST(CHOICE)};
static const model_choice states[] = {PLAN_STATE_LIST(CHOICE)};
static const model_choice resps[] = {PLAN_RESP_LIST(CHOICE)};
static const model_choice statuses[] = {PLAN_STATUS_LIST(CHOICE)};
#undef CHOICE

#define TABLE(a)                                                                                   \
	{                                                                                          \
		a, (int)(sizeof a / sizeof a[0])                                                   \
	}
static const struct {
	const model_choice *choices;
	int count;
} tables[PLANS_ENUM_COUNT] = {
	[PLANS_SOURCE] = TABLE(sources),
	[PLANS_STATE] = TABLE(states),
	[PLANS_RESP] = TABLE(resps),
	[PLANS_STATUS] = TABLE(statuses),
};
#undef TABLE

const model_choice *plans_choices(enum plans_enum e, int *n)
{
	if (n)
		*n = tables[e].count;
	return tables[e].choices;
}

const char *plans_label(enum plans_enum e, int value)
{
	return choice_label(tables[e].choices, tables[e].count, value);
}

const char *plans_name(enum plans_enum e, int value)
{
	return choice_name(tables[e].choices, tables[e].count, value);
}

bool plans_value(enum plans_enum e, const char *name, int *value)
{
	return choice_value(tables[e].choices, tables[e].count, name, value);
}

bool plans_sources_parse(const char *s, int *bits)
{
	int acc;
	if (!choice_bits_parse(sources, tables[PLANS_SOURCE].count, s, &acc) || !acc)
		return false;
	*bits = acc;
	return true;
}

void plans_sources_format(int bits, bool labels, char *buf, size_t cap)
{
	choice_bits_format(sources, tables[PLANS_SOURCE].count, bits, labels, labels ? "; " : ",",
			   buf, cap);
}

/* ---- status ---------------------------------------------------------- */

/* Keep in step with PLANS_SQL_OVERDUE / PLANS_SQL_CARRIED. */
int plans_item_status(const plan_item *it, cb_date ref)
{
	cb_date dl;
	if (it->state == PLAN_REMEDIED)
		return PLAN_ST_REMEDIED;
	if (it->carried_to)
		return PLAN_ST_CARRIED;
	if (it->deadline[0] && date_parse_iso(it->deadline, &dl) && dl < ref)
		return PLAN_ST_OVERDUE;
	return it->state == PLAN_IN_PROGRESS ? PLAN_ST_IN_PROGRESS : PLAN_ST_NOT_STARTED;
}

int plans_item_days_late(const plan_item *it, cb_date ref)
{
	cb_date dl;
	if (plans_item_status(it, ref) != PLAN_ST_OVERDUE || !date_parse_iso(it->deadline, &dl))
		return 0;
	return ref - dl;
}

/* ---- shared helpers (plans_internal.h) -------------------------------- */

/* Runs a one-row JSON query for id (sql has one parameter) into *out;
 * *out stays NULL if the row does not exist. */
int plans_snapshot(store *s, const char *sql, int64_t id, char **out, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(s, sql, err);
	int rc = CB_OK, step;
	*out = NULL;
	if (!st)
		return CB_EDB;
	sqlite3_bind_int64(st, 1, id);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		if (t && !(*out = strdup(t)))
			rc = cb_error_set(err, CB_EDB, _("Out of memory"));
	} else if (step != SQLITE_DONE) {
		rc = store_fail(s, err, _("Reading an action plan"));
	}
	sqlite3_finalize(st);
	return rc;
}

/* Writes the audit row of a change to table/id, snapshotting the row after
 * the change with snap_sql (NULL for a delete). old may be NULL. */
int plans_audit(store *s, const char *table, int64_t id, const char *action, const char *old,
		const char *snap_sql, cb_error *err)
{
	char *new_json = NULL;
	int rc = CB_OK;
	if (snap_sql && (rc = plans_snapshot(s, snap_sql, id, &new_json, err)))
		return rc;
	rc = store_audit(s, table, id, action, old, new_json, err);
	free(new_json);
	return rc;
}

/* Runs a statement that takes integer parameters only and expects no rows
 * (or one row it ignores); returns CB_OK or a store error. */
int plans_exec_ids(store *s, const char *sql, const int64_t *ids, int n, const char *what,
		   cb_error *err)
{
	sqlite3_stmt *st = store_prepare(s, sql, err);
	int rc, step;
	if (!st)
		return CB_EDB;
	for (int i = 0; i < n; i++)
		sqlite3_bind_int64(st, i + 1, ids[i]);
	step = sqlite3_step(st);
	rc = step == SQLITE_DONE || step == SQLITE_ROW ? CB_OK : store_fail(s, err, what);
	sqlite3_finalize(st);
	return rc;
}

/* Returns the first column of a one-row integer query, 0 when no row. */
int plans_query_int(store *s, const char *sql, const int64_t *ids, int n, int64_t *out,
		    cb_error *err)
{
	sqlite3_stmt *st = store_prepare(s, sql, err);
	int rc = CB_OK, step;
	*out = 0;
	if (!st)
		return CB_EDB;
	for (int i = 0; i < n; i++)
		sqlite3_bind_int64(st, i + 1, ids[i]);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else if (step != SQLITE_DONE)
		rc = store_fail(s, err, _("Reading an action plan"));
	sqlite3_finalize(st);
	return rc;
}

/* After an UPDATE/DELETE ... AND version = ? changed nothing: tells the
 * user whether the row is gone or was saved by someone else. */
int plans_stale(store *s, const char *exists_sql, int64_t id, cb_error *err)
{
	int64_t found;
	int rc = plans_query_int(s, exists_sql, &id, 1, &found, err);
	if (rc)
		return rc;
	if (!found)
		return cb_error_set(err, CB_NOT_FOUND,
				    _("This record was deleted by another user meanwhile"));
	return cb_error_set(err, CB_ESTALE,
			    _("Another user saved this record after you opened it; reload it and "
			      "make your change again"));
}

int plans_update_prepare(store *s, const plans_table *t, int64_t id, const char *sql,
			 sqlite3_stmt **st, char **old, cb_error *err)
{
	int rc = plans_snapshot(s, t->json_sql, id, old, err);
	if (rc)
		return rc;
	if (!(*st = store_prepare(s, sql, err))) {
		free(*old);
		*old = NULL;
		return CB_EDB;
	}
	return CB_OK;
}

/* The update changed nothing when the row was deleted or saved by someone
 * else since it was read: plans_stale tells which. */
int plans_update_run(store *s, const plans_table *t, int64_t id, sqlite3_stmt *st, char *old,
		     const char *what, cb_error *err)
{
	int rc = CB_OK;
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_fail(s, err, what);
	else if (sqlite3_changes(store_db(s)) == 0)
		rc = plans_stale(s, t->exists_sql, id, err);
	sqlite3_finalize(st);
	if (!rc)
		rc = plans_audit(s, t->name, id, "update", old, t->json_sql, err);
	free(old);
	return rc;
}

/* A row copied into a later plan is the history of that copy: it stays
 * until the copy is deleted. */
int plans_delete_row(store *s, const plans_table *t, int64_t id, int64_t version, cb_error *err)
{
	int64_t later;
	int rc;

	if ((rc = store_begin(s, err)))
		return rc;
	if ((rc = plans_query_int(s, t->carried_sql, &id, 1, &later, err)))
		return store_finish(s, rc, err);
	if (later)
		return store_finish(s, cb_error_set(err, CB_EINVALID, "%s", _(t->carried_msg)),
				    err);
	return store_finish(s, trash_delete(s, t->name, id, version, NULL, err), err);
}

/* Normalises a text field in place (NFC, white space) and checks it fits
 * and is present when required. */
int plans_take_text(char *buf, size_t cap, bool required, bool newlines, const char *field,
		    cb_error *err)
{
	char *norm = NULL;
	int rc = text_normalize(buf, strlen(buf), newlines, &norm, err);
	if (rc) {
		char msg[sizeof err->msg];
		snprintf(msg, sizeof msg, "%s", err ? err->msg : "");
		return cb_error_set(err, rc, "%s: %s", field, msg);
	}
	if (required && !*norm)
		rc = cb_error_set(err, CB_EINVALID, _("%s: this field must be filled in"), field);
	else if (strlen(norm) >= cap)
		rc = cb_error_set(err, CB_EINVALID, _("%s is too long (at most %zu bytes of text)"),
				  field, cap - 1);
	else
		memcpy(buf, norm, strlen(norm) + 1);
	free(norm);
	return rc;
}

/* Accepts "" (when optional), YYYY-MM-DD or dd/mm/yyyy; rewrites buf as
 * ISO. */
int plans_take_date(char *buf, bool required, const char *field, cb_date *out, cb_error *err)
{
	cb_date d;
	size_t n = strlen(buf);
	while (n && buf[n - 1] == ' ')
		buf[--n] = '\0';
	if (!buf[0]) {
		if (required)
			return cb_error_set(err, CB_EINVALID, _("%s: this field must be filled in"),
					    field);
		if (out)
			*out = CB_DATE_NONE;
		return CB_OK;
	}
	if (!date_parse(buf, &d))
		return cb_error_set(err, CB_EINVALID,
				    _("%s: \"%s\" is not a date (write dd/mm/yyyy)"), field, buf);
	date_format_iso(d, buf);
	if (out)
		*out = d;
	return CB_OK;
}

/* Copies src into a field buffer, refusing (not cutting) what does not
 * fit. For callers that fill a struct from outside input. */
int plans_copy_field(char *dst, size_t cap, const char *src, const char *field, cb_error *err)
{
	size_t n = strlen(src);
	if (n >= cap)
		return cb_error_set(err, CB_EINVALID,
				    _("%s is too long (at most %zu bytes of text)"), field,
				    cap - 1);
	memcpy(dst, src, n + 1);
	return CB_OK;
}

/* ---- plans ----------------------------------------------------------- */

static const char plan_json_sql[] =
	"SELECT json_object('cadre_id', cadre_id, 'org_id', org_id, 'year', year,"
	" 'sources', sources, 'adopted_on', adopted_on, 'version', version)"
	" FROM plan WHERE id = ?";

const plans_table plans_plan_table = {
	.name = "plan",
	.json_sql = plan_json_sql,
	.exists_sql = "SELECT count(*) FROM plan WHERE id = ?",
	.carried_sql = "SELECT count(*) FROM plan_item k JOIN plan_item i ON k.carried_from = i.id"
		       " WHERE i.plan_id = ?1 AND k.plan_id <> ?1",
	.carried_msg = N_("Items of this plan were carried into a later plan; delete those first"),
};

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

/* Checks the owner exists and names it in p->owner. */
static int check_owner(store *s, plan *p, cb_error *err)
{
	static const char cadre_sql[] = "SELECT full_name FROM cadre WHERE id = ?";
	static const char org_sql[] = "SELECT name FROM org WHERE id = ?";
	sqlite3_stmt *st;
	int step;

	if ((p->cadre_id != 0) == (p->org_id != 0))
		return cb_error_set(err, CB_EINVALID,
				    _("A plan belongs to exactly one organisation or one cadre"));
	st = store_prepare(s, p->cadre_id ? cadre_sql : org_sql, err);
	if (!st)
		return CB_EDB;
	sqlite3_bind_int64(st, 1, p->cadre_id ? p->cadre_id : p->org_id);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		store_column_copy(st, 0, p->owner, sizeof p->owner);
	sqlite3_finalize(st);
	if (step == SQLITE_ROW)
		return CB_OK;
	if (step != SQLITE_DONE)
		return store_fail(s, err, _("Reading an action plan"));
	if (p->cadre_id)
		return cb_error_set(err, CB_NOT_FOUND, _("No cadre has the number %lld"),
				    (long long)p->cadre_id);
	return cb_error_set(err, CB_NOT_FOUND, _("No organisation has the number %lld"),
			    (long long)p->org_id);
}

/* Validates year, sources and adoption date of a plan. */
static int check_plan(plan *p, cb_date today, cb_error *err)
{
	int ty, tm, td;
	cb_date adopted;
	int rc;

	date_to_ymd(today, &ty, &tm, &td);
	if (p->year < PLANS_YEAR_MIN || p->year > ty + 1)
		return cb_error_set(err, CB_EINVALID,
				    _("Year %d is not possible for a plan (from %d to %d)"),
				    p->year, PLANS_YEAR_MIN, ty + 1);
	if (p->sources <= 0 || (p->sources & ~PLAN_SOURCES_ALL))
		return cb_error_set(err, CB_EINVALID,
				    _("Say where the shortcomings come from: self-identified, "
				      "pointed out by the superior, or suggested for review"));
	if ((rc = plans_take_date(p->adopted_on, false, _("Adopted on"), &adopted, err)))
		return rc;
	if (adopted != CB_DATE_NONE && adopted > today)
		return cb_error_set(err, CB_EINVALID, _("Adopted on: the date %s is after today"),
				    p->adopted_on);
	if (adopted != CB_DATE_NONE && adopted < date_from_ymd(p->year, 1, 1))
		return cb_error_set(err, CB_EINVALID,
				    _("Adopted on: a plan after the review of %d cannot be adopted "
				      "before that year"),
				    p->year);
	return CB_OK;
}

int plans_insert_row(store *s, plan *p, cb_error *err)
{
	static const char sql[] = "INSERT INTO plan(cadre_id, org_id, year, sources, adopted_on)"
				  " VALUES(nullif(?1, 0), nullif(?2, 0), ?3, ?4, ?5)";
	sqlite3_stmt *st = store_prepare(s, sql, err);
	int rc;
	if (!st)
		return CB_EDB;
	sqlite3_bind_int64(st, 1, p->cadre_id);
	sqlite3_bind_int64(st, 2, p->org_id);
	sqlite3_bind_int(st, 3, p->year);
	sqlite3_bind_int(st, 4, p->sources);
	store_bind_text(st, 5, p->adopted_on);
	rc = sqlite3_step(st) == SQLITE_DONE ? CB_OK : store_fail(s, err, _("Saving the plan"));
	sqlite3_finalize(st);
	if (rc)
		return rc;
	p->id = sqlite3_last_insert_rowid(store_db(s));
	p->version = 1;
	return plans_audit(s, "plan", p->id, "insert", NULL, plan_json_sql, err);
}

int plans_create(store *s, plan *p, cb_date today, cb_error *err)
{
	int scope_rc = p->cadre_id ? store_scope_cadre(s, p->cadre_id, err)
				   : store_scope_org(s, p->org_id,
						     err); /* the reader's scope (access.h) */
	if (scope_rc)
		return scope_rc;
	static const char dup_sql[] =
		"SELECT id FROM plan WHERE (cadre_id = ?1 OR org_id = ?2) AND year = ?3";
	int64_t ids[3], other;
	int rc;

	if ((rc = check_plan(p, today, err)) || (rc = store_begin(s, err)))
		return rc;
	if ((rc = check_owner(s, p, err)))
		return store_finish(s, rc, err);
	ids[0] = p->cadre_id;
	ids[1] = p->org_id;
	ids[2] = p->year;
	if ((rc = plans_query_int(s, dup_sql, ids, 3, &other, err)))
		return store_finish(s, rc, err);
	if (other)
		return store_finish(s,
				    cb_error_set(err, CB_EINVALID,
						 _("%s already has a plan for %d (plan %lld)"),
						 p->owner, p->year, (long long)other),
				    err);
	return store_finish(s, plans_insert_row(s, p, err), err);
}

int plans_update(store *s, plan *p, cb_date today, cb_error *err)
{
	int scope_rc = store_scope_plan(s, p->id, err); /* the reader's scope (access.h) */
	if (scope_rc)
		return scope_rc;
	static const char sql[] =
		"UPDATE plan SET sources = ?1, adopted_on = ?2, version = version + 1"
		" WHERE id = ?3 AND version = ?4";
	char *old = NULL;
	sqlite3_stmt *st;
	int rc;

	if ((rc = check_plan(p, today, err)) || (rc = store_begin(s, err)))
		return rc;
	if ((rc = plans_update_prepare(s, &plans_plan_table, p->id, sql, &st, &old, err)))
		return store_finish(s, rc, err);
	sqlite3_bind_int(st, 1, p->sources);
	store_bind_text(st, 2, p->adopted_on);
	sqlite3_bind_int64(st, 3, p->id);
	sqlite3_bind_int64(st, 4, p->version);
	rc = plans_update_run(s, &plans_plan_table, p->id, st, old, _("Saving the plan"), err);
	if ((rc = store_finish(s, rc, err)))
		return rc;
	p->version++;
	return CB_OK;
}

int plans_delete(store *s, int64_t id, int64_t version, cb_error *err)
{
	int scope_rc = store_scope_plan(s, id, err); /* the reader's scope (access.h) */
	if (scope_rc)
		return scope_rc;
	return plans_delete_row(s, &plans_plan_table, id, version, err);
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
