/* plans_item.c - the items of an action plan, the superior's verification
 * and the progress notes.
 *
 * Same rules as plans_write.c: one BEGIN IMMEDIATE transaction per
 * change with its audit row; updates name the version they were read at
 * (CB_ESTALE otherwise). Notes are appended, never edited: they are the
 * dated history of the remedy. The verification is written only by
 * plans_item_verify, by a user holding the verify right, and only on a
 * remedied item; taking the item out of the remedied state clears it.
 */
#include "plans.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "plans_internal.h"
#include "access.h"
#include "store_sql.h"

/* ---- items ------------------------------------------------------------ */

static const char item_json_sql[] =
	"SELECT json_object('plan_id', plan_id, 'source', source,"
	" 'shortcoming', shortcoming, 'cause', cause, 'responsibility', responsibility,"
	" 'responsible', responsible, 'measures', measures, 'deadline', deadline,"
	" 'in_charge', in_charge, 'state', state, 'remedied_on', remedied_on,"
	" 'verified_by', verified_by, 'verified_on', verified_on, 'verdict', verdict,"
	" 'carried_from', carried_from, 'version', version)"
	" FROM plan_item WHERE id = ?";
static const char item_exists_sql[] = "SELECT count(*) FROM plan_item WHERE id = ?";

static const plans_table item_table = {
	.name = "plan_item",
	.json_sql = item_json_sql,
	.exists_sql = item_exists_sql,
	.carried_sql = "SELECT count(*) FROM plan_item WHERE carried_from = ?",
	.carried_msg = N_("This item was carried into a later plan; delete the copy first"),
};

#define ITEM_COLUMNS                                                                               \
	"SELECT i.id, i.version, i.plan_id, i.source, i.shortcoming, i.cause,"                     \
	" i.responsibility, i.responsible, i.measures, i.deadline, i.in_charge,"                   \
	" i.state, i.remedied_on, i.verified_by, i.verified_on, i.verdict,"                        \
	" coalesce(i.carried_from, 0),"                                                            \
	" coalesce((SELECT k.id FROM plan_item k WHERE k.carried_from = i.id), 0),"                \
	" (SELECT count(*) FROM plan_note n WHERE n.item_id = i.id)"                               \
	" FROM plan_item i"

static void read_item(sqlite3_stmt *st, void *row)
{
	plan_item *it = row;
	memset(it, 0, sizeof *it);
	it->id = sqlite3_column_int64(st, 0);
	it->version = sqlite3_column_int64(st, 1);
	it->plan_id = sqlite3_column_int64(st, 2);
	it->source = sqlite3_column_int(st, 3);
	store_column_copy(st, 4, it->shortcoming, sizeof it->shortcoming);
	store_column_copy(st, 5, it->cause, sizeof it->cause);
	it->responsibility = sqlite3_column_int(st, 6);
	store_column_copy(st, 7, it->responsible, sizeof it->responsible);
	store_column_copy(st, 8, it->measures, sizeof it->measures);
	store_column_copy(st, 9, it->deadline, sizeof it->deadline);
	store_column_copy(st, 10, it->in_charge, sizeof it->in_charge);
	it->state = sqlite3_column_int(st, 11);
	store_column_copy(st, 12, it->remedied_on, sizeof it->remedied_on);
	store_column_copy(st, 13, it->verified_by, sizeof it->verified_by);
	store_column_copy(st, 14, it->verified_on, sizeof it->verified_on);
	store_column_copy(st, 15, it->verdict, sizeof it->verdict);
	it->carried_from = sqlite3_column_int64(st, 16);
	it->carried_to = sqlite3_column_int64(st, 17);
	it->notes = sqlite3_column_int(st, 18);
}

int plans_items(store *s, int64_t plan_id, plan_item **out, size_t *n, cb_error *err)
{
	int scope_rc = store_scope_plan(s, plan_id, err); /* the reader's scope (access.h) */
	if (scope_rc)
		return scope_rc;
	static const char sql[] = ITEM_COLUMNS " WHERE i.plan_id = ? ORDER BY i.id";
	sqlite3_stmt *st = store_prepare(s, sql, err);
	if (st)
		sqlite3_bind_int64(st, 1, plan_id);
	return store_rows(s, st, sizeof **out, read_item, (void **)out, n,
			  _("Reading the items of a plan"), err);
}

int plans_item_get(store *s, int64_t id, plan_item *out, cb_error *err)
{
	int scope_rc = store_scope_item(s, id, err); /* the reader's scope (access.h) */
	if (scope_rc)
		return scope_rc;
	static const char sql[] = ITEM_COLUMNS " WHERE i.id = ?";
	sqlite3_stmt *st = store_prepare(s, sql, err);
	int step, rc = CB_OK;
	if (!st)
		return CB_EDB;
	sqlite3_bind_int64(st, 1, id);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		read_item(st, out);
	else if (step == SQLITE_DONE)
		rc = cb_error_set(err, CB_NOT_FOUND, _("No plan item has the number %lld"),
				  (long long)id);
	else
		rc = store_fail(s, err, _("Reading the items of a plan"));
	sqlite3_finalize(st);
	return rc;
}

/* Validates and normalises the editable fields of an item. */
static int check_item(plan_item *it, cb_date today, cb_error *err)
{
	cb_date rem;
	int rc;

	if (!*plans_name(PLANS_SOURCE, it->source))
		return cb_error_set(err, CB_EINVALID, _("Source: choose one of the listed values"));
	if (!*plans_name(PLANS_RESP, it->responsibility))
		return cb_error_set(err, CB_EINVALID,
				    _("Responsibility: choose collective or individual"));
	if (!*plans_name(PLANS_STATE, it->state))
		return cb_error_set(err, CB_EINVALID, _("State: choose one of the listed values"));
	if ((rc = plans_take_text(it->shortcoming, sizeof it->shortcoming, true, true,
				  _("Shortcoming"), err)) ||
	    (rc = plans_take_text(it->cause, sizeof it->cause, false, true, _("Cause"), err)) ||
	    (rc = plans_take_text(it->responsible, sizeof it->responsible,
				  it->responsibility == PLAN_INDIVIDUAL, false, _("Responsible"),
				  err)) ||
	    (rc = plans_take_text(it->measures, sizeof it->measures, false, true, _("Measures"),
				  err)) ||
	    (rc = plans_take_text(it->in_charge, sizeof it->in_charge, false, false, _("In charge"),
				  err)) ||
	    (rc = plans_take_date(it->deadline, false, _("Deadline"), NULL, err)))
		return rc;
	if (it->state != PLAN_REMEDIED) {
		it->remedied_on[0] = '\0';
		return CB_OK;
	}
	if (!it->remedied_on[0])
		date_format_iso(today, it->remedied_on);
	if ((rc = plans_take_date(it->remedied_on, true, _("Remedied on"), &rem, err)))
		return rc;
	if (rem > today)
		return cb_error_set(err, CB_EINVALID, _("Remedied on: the date %s is after today"),
				    it->remedied_on);
	return CB_OK;
}

/* Binds the editable fields of an item as ?1..?11. */
static void bind_item(sqlite3_stmt *st, const plan_item *it)
{
	sqlite3_bind_int(st, 1, it->source);
	store_bind_text(st, 2, it->shortcoming);
	store_bind_text(st, 3, it->cause);
	sqlite3_bind_int(st, 4, it->responsibility);
	store_bind_text(st, 5, it->responsible);
	store_bind_text(st, 6, it->measures);
	store_bind_text(st, 7, it->deadline);
	store_bind_text(st, 8, it->in_charge);
	sqlite3_bind_int(st, 9, it->state);
	store_bind_text(st, 10, it->remedied_on);
}

int plans_item_add(store *s, plan_item *it, cb_date today, cb_error *err)
{
	int scope_rc = store_scope_plan(s, it->plan_id, err); /* the reader's scope (access.h) */
	if (scope_rc)
		return scope_rc;
	static const char sql[] =
		"INSERT INTO plan_item(source, shortcoming, cause, responsibility, responsible,"
		" measures, deadline, in_charge, state, remedied_on, plan_id)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
	int64_t exists;
	sqlite3_stmt *st;
	int rc;

	if ((rc = check_item(it, today, err)) || (rc = store_begin(s, err)))
		return rc;
	if ((rc = plans_query_int(s, plans_plan_table.exists_sql, &it->plan_id, 1, &exists, err)))
		return store_finish(s, rc, err);
	if (!exists)
		return store_finish(s,
				    cb_error_set(err, CB_NOT_FOUND,
						 _("No action plan has the number %lld"),
						 (long long)it->plan_id),
				    err);
	if (!(st = store_prepare(s, sql, err)))
		return store_finish(s, CB_EDB, err);
	bind_item(st, it);
	sqlite3_bind_int64(st, 11, it->plan_id);
	rc = sqlite3_step(st) == SQLITE_DONE ? CB_OK : store_fail(s, err, _("Saving the item"));
	sqlite3_finalize(st);
	if (!rc) {
		it->id = sqlite3_last_insert_rowid(store_db(s));
		it->version = 1;
		it->carried_from = it->carried_to = 0;
		it->notes = 0;
		it->verified_by[0] = it->verified_on[0] = it->verdict[0] = '\0';
		rc = plans_audit(s, "plan_item", it->id, "insert", NULL, item_json_sql, err);
	}
	return store_finish(s, rc, err);
}

int plans_item_update(store *s, plan_item *it, cb_date today, cb_error *err)
{
	int scope_rc = store_scope_item(s, it->id, err); /* the reader's scope (access.h) */
	if (scope_rc)
		return scope_rc;
	/* Leaving the remedied state takes the verification with it: the
	 * superior verified a remedy that no longer stands. */
	static const char sql[] =
		"UPDATE plan_item SET source = ?1, shortcoming = ?2, cause = ?3,"
		" responsibility = ?4, responsible = ?5, measures = ?6, deadline = ?7,"
		" in_charge = ?8, state = ?9, remedied_on = ?10,"
		" verified_by = CASE WHEN ?9 = 2 THEN verified_by ELSE '' END,"
		" verified_on = CASE WHEN ?9 = 2 THEN verified_on ELSE '' END,"
		" verdict = CASE WHEN ?9 = 2 THEN verdict ELSE '' END,"
		" version = version + 1 WHERE id = ?11 AND version = ?12";
	char *old = NULL;
	sqlite3_stmt *st;
	int rc;

	if ((rc = check_item(it, today, err)) || (rc = store_begin(s, err)))
		return rc;
	if ((rc = plans_update_prepare(s, &item_table, it->id, sql, &st, &old, err)))
		return store_finish(s, rc, err);
	bind_item(st, it);
	sqlite3_bind_int64(st, 11, it->id);
	sqlite3_bind_int64(st, 12, it->version);
	rc = plans_update_run(s, &item_table, it->id, st, old, _("Saving the item"), err);
	if ((rc = store_finish(s, rc, err)))
		return rc;
	/* Re-read: the verification may have been cleared. */
	return plans_item_get(s, it->id, it, err);
}

int plans_item_delete(store *s, int64_t id, int64_t version, cb_error *err)
{
	int scope_rc = store_scope_item(s, id, err); /* the reader's scope (access.h) */
	if (scope_rc)
		return scope_rc;
	return plans_delete_row(s, &item_table, id, version, err);
}

/* ---- verification ------------------------------------------------------ */

bool plans_may_verify(const cfg *c, const cfg_district *d, const char *user)
{
	if (!c)
		return true;
	return config_user_may(c, d, user, CFG_RIGHT_VERIFY);
}

/* Inside the transaction, before the update: the item must still be there,
 * at the version read (else someone saved it meanwhile), and remedied. */
static int verify_check(store *s, const plan_item *it, cb_error *err)
{
	plan_item now;
	int rc = plans_item_get(s, it->id, &now, err);
	if (rc)
		return rc;
	if (now.version != it->version)
		return plans_stale(s, item_exists_sql, it->id, err);
	if (now.state != PLAN_REMEDIED)
		return cb_error_set(
			err, CB_EINVALID,
			_("Only a remedied item can be verified; mark it remedied first"));
	return CB_OK;
}

int plans_item_verify(store *s, const cfg *c, const cfg_district *d, plan_item *it,
		      const char *verdict, cb_date on, cb_error *err)
{
	int scope_rc = store_scope_item(s, it->id, err); /* the reader's scope (access.h) */
	if (scope_rc)
		return scope_rc;
	static const char sql[] =
		"UPDATE plan_item SET verified_by = ?1, verified_on = ?2, verdict = ?3,"
		" version = version + 1 WHERE id = ?4 AND version = ?5 AND state = 2";
	char text[PLAN_TEXT_MAX], day[11];
	char *old = NULL;
	sqlite3_stmt *st;
	int rc;

	if (!plans_may_verify(c, d, store_user(s)))
		return cb_error_set(err, CB_EACCESS,
				    _("User %s may not verify plan items in this office"),
				    store_user(s));
	if ((rc = plans_copy_field(text, sizeof text, verdict ? verdict : "", _("Conclusion"),
				   err)) ||
	    (rc = plans_take_text(text, sizeof text, true, true, _("Conclusion"), err)))
		return rc;
	date_format_iso(on, day);
	if ((rc = store_begin(s, err)))
		return rc;
	if ((rc = verify_check(s, it, err)) ||
	    (rc = plans_update_prepare(s, &item_table, it->id, sql, &st, &old, err)))
		return store_finish(s, rc, err);
	store_bind_text(st, 1, store_author(s));
	store_bind_text(st, 2, day);
	store_bind_text(st, 3, text);
	sqlite3_bind_int64(st, 4, it->id);
	sqlite3_bind_int64(st, 5, it->version);
	rc = plans_update_run(s, &item_table, it->id, st, old, _("Saving the verification"), err);
	if ((rc = store_finish(s, rc, err)))
		return rc;
	return plans_item_get(s, it->id, it, err);
}

/* ---- progress notes ---------------------------------------------------- */

int plans_note_add(store *s, int64_t item_id, const char *text, cb_date on, int64_t *id,
		   cb_error *err)
{
	int scope_rc = store_scope_item(s, item_id, err); /* the reader's scope (access.h) */
	if (scope_rc)
		return scope_rc;
	static const char sql[] =
		"INSERT INTO plan_note(item_id, noted_on, author, text) VALUES(?1, ?2, ?3, ?4)";
	static const char json_sql[] =
		"SELECT json_object('item_id', item_id, 'noted_on', noted_on,"
		" 'author', author, 'text', text) FROM plan_note WHERE id = ?";
	char buf[PLAN_NOTE_MAX], day[11];
	int64_t exists, nid;
	sqlite3_stmt *st;
	int rc;

	if ((rc = plans_copy_field(buf, sizeof buf, text ? text : "", _("Note"), err)) ||
	    (rc = plans_take_text(buf, sizeof buf, true, true, _("Note"), err)))
		return rc;
	date_format_iso(on, day);
	if ((rc = store_begin(s, err)))
		return rc;
	if ((rc = plans_query_int(s, item_exists_sql, &item_id, 1, &exists, err)))
		return store_finish(s, rc, err);
	if (!exists)
		return store_finish(s,
				    cb_error_set(err, CB_NOT_FOUND,
						 _("No plan item has the number %lld"),
						 (long long)item_id),
				    err);
	if (!(st = store_prepare(s, sql, err)))
		return store_finish(s, CB_EDB, err);
	sqlite3_bind_int64(st, 1, item_id);
	store_bind_text(st, 2, day);
	store_bind_text(st, 3, store_author(s));
	store_bind_text(st, 4, buf);
	rc = sqlite3_step(st) == SQLITE_DONE ? CB_OK : store_fail(s, err, _("Saving the note"));
	sqlite3_finalize(st);
	nid = sqlite3_last_insert_rowid(store_db(s));
	if (!rc)
		rc = plans_audit(s, "plan_note", nid, "insert", NULL, json_sql, err);
	if ((rc = store_finish(s, rc, err)))
		return rc;
	if (id)
		*id = nid;
	return CB_OK;
}

static void read_note(sqlite3_stmt *st, void *row)
{
	plan_note *nt = row;
	nt->id = sqlite3_column_int64(st, 0);
	nt->item_id = sqlite3_column_int64(st, 1);
	nt->year = sqlite3_column_int(st, 2);
	store_column_copy(st, 3, nt->noted_on, sizeof nt->noted_on);
	store_column_copy(st, 4, nt->author, sizeof nt->author);
	store_column_copy(st, 5, nt->text, sizeof nt->text);
}

int plans_notes(store *s, int64_t item_id, bool history, plan_note **out, size_t *n, cb_error *err)
{
	int scope_rc = store_scope_item(s, item_id, err); /* the reader's scope (access.h) */
	if (scope_rc)
		return scope_rc;
	/* UNION (not UNION ALL) stops at a cycle, should one ever exist. */
	static const char sql[] =
		"WITH RECURSIVE chain(id) AS (SELECT ?1"
		" UNION SELECT i.carried_from FROM plan_item i JOIN chain ON i.id = chain.id"
		"  WHERE ?2 AND i.carried_from IS NOT NULL)"
		" SELECT nt.id, nt.item_id, p.year, nt.noted_on, nt.author, nt.text"
		" FROM plan_note nt JOIN plan_item i ON i.id = nt.item_id"
		" JOIN plan p ON p.id = i.plan_id"
		" WHERE nt.item_id IN (SELECT id FROM chain)"
		" ORDER BY p.year, nt.noted_on, nt.id";
	sqlite3_stmt *st = store_prepare(s, sql, err);
	if (st) {
		sqlite3_bind_int64(st, 1, item_id);
		sqlite3_bind_int(st, 2, history);
	}
	return store_rows(s, st, sizeof **out, read_note, (void **)out, n,
			  _("Reading the progress notes"), err);
}
