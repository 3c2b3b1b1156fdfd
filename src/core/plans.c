/* plans.c - action plans: the enumerations, the derived status of an
 * item, and the writes of a plan row (validation, then one versioned,
 * audited transaction: plans_write.c). Reading is plans_read.c, items
 * plans_item.c, the summaries plans_report.c.
 *
 * The "overdue" and "carried" statuses are derived at read time, by the C
 * function plans_item_status and by the SQL fragments of plans_internal.h,
 * which say the same thing (the unit tests hold them to it).
 */
#include "plans.h"

#include "access.h"
#include "i18n.h"
#include "plans_internal.h"
#include "store_sql.h"

/* ---- enumerations ---------------------------------------------------- */

static const model_choice sources[] = {PLAN_SOURCE_LIST(CHOICE_ROW)};
static const model_choice states[] = {PLAN_STATE_LIST(CHOICE_ROW)};
static const model_choice resps[] = {PLAN_RESP_LIST(CHOICE_ROW)};
static const model_choice statuses[] = {PLAN_STATUS_LIST(CHOICE_ROW)};

static const choice_table tables[PLANS_ENUM_COUNT] = {
	[PLANS_SOURCE] = CHOICE_TABLE(sources),
	[PLANS_STATE] = CHOICE_TABLE(states),
	[PLANS_RESP] = CHOICE_TABLE(resps),
	[PLANS_STATUS] = CHOICE_TABLE(statuses),
};

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
