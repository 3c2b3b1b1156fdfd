/* eval_write.c - every change to an evaluation: its record, a stage, the
 * decision and the reopening.
 *
 * Each public function is one transaction (nested under a caller's, see
 * store_begin): read the stored row, check the caller's version and the
 * lock, write the whole row at that version, then the scores and the audit
 * row. A refusal leaves the database as it was.
 */
#include "eval_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "i18n.h"
#include "model.h"
#include "store_sql.h"
#include "text.h"

static char *eval_json(const evaluation *e, const char *reopen_reason)
{
	store_json j;
	char buf[16];

	store_json_begin(&j);
	store_json_int(&j, e->org ? "org_id" : "cadre_id", e->owner);
	store_json_str(&j, "period", e->period.key);
	if (e->score >= 0)
		store_json_str(&j, "score", eval_score_format(e->score, buf));
	for (int g = 0; g < EVAL_GROUPS_MAX; g++)
		if (e->scores[g] >= 0) {
			char key[16];
			snprintf(key, sizeof key, "score_%d", g + 1);
			store_json_str(&j, key, eval_score_format(e->scores[g], buf));
		}
	store_json_int(&j, "assigned", e->tasks.assigned);
	store_json_int(&j, "on_time", e->tasks.on_time);
	store_json_int(&j, "late", e->tasks.late);
	store_json_int(&j, "exceeded", e->tasks.exceeded);
	store_json_str(&j, "note", e->note);
	store_json_str(&j, "computed", model_name(ENUM_GRADE, e->computed));
	store_json_str(&j, "stage", eval_stage_name(eval_stage_of(e)));
	if (e->self_grade)
		store_json_str(&j, "self_grade", model_name(ENUM_GRADE, e->self_grade));
	if (e->proposed)
		store_json_str(&j, "proposed", model_name(ENUM_GRADE, e->proposed));
	if (e->grade) {
		store_json_str(&j, "grade", model_name(ENUM_GRADE, e->grade));
		store_json_str(&j, "decided_by", e->decided_by);
		if (e->reason[0])
			store_json_str(&j, "reason", e->reason);
	}
	if (reopen_reason)
		store_json_str(&j, "reopen_reason", reopen_reason);
	return store_json_end(&j);
}

/* Normalised text (newlines allowed) into buf. */
static int take_text(const char *in, char *buf, size_t cap, const char *field, cb_error *err)
{
	char *norm = NULL, *start;
	size_t len;
	if (text_normalize(in, strlen(in), true, &norm, err))
		return CB_EINVALID;
	if (strlen(norm) >= cap) {
		free(norm);
		return cb_error_set(err, CB_EINVALID, _("%s: longer than %zu bytes"), field,
				    cap - 1);
	}
	/* a reason of spaces is no reason */
	start = norm + strspn(norm, " \t\r\n");
	len = strlen(start);
	while (len && strchr(" \t\r\n", start[len - 1]))
		len--;
	memcpy(buf, start, len);
	buf[len] = '\0';
	free(norm);
	return CB_OK;
}

static int check_owner(store *s, const evaluation *e, cb_error *err)
{
	int scoped =
		e->org ? store_scope_org(s, e->owner, err) : store_scope_cadre(s, e->owner, err);
	if (scoped)
		return scoped;
	sqlite3_stmt *st = store_prepare(
		s, e->org ? "SELECT 1 FROM org WHERE id = ?" : "SELECT 1 FROM cadre WHERE id = ?",
		err);
	int rc;
	if (!st)
		return CB_EDB;
	sqlite3_bind_int64(st, 1, e->owner);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return e->org ? cb_error_set(err, CB_NOT_FOUND, _("No organisation with id %lld"),
					     (long long)e->owner)
			      : cb_error_set(err, CB_NOT_FOUND, _("No cadre with id %lld"),
					     (long long)e->owner);
	return rc == SQLITE_ROW ? CB_OK : store_fail(s, err, _("Reading records"));
}

/* The stored row of e (by owner and period), checked against e's version
 * and, unless unlocked_ok, against the lock of a decision. */
static int load_current(store *s, const evaluation *e, evaluation *cur, bool locked_ok,
			cb_error *err)
{
	int rc = eval_get(s, e->org, e->owner, e->period.key, cur, err);
	if (rc == CB_NOT_FOUND || (!rc && cur->from_rating))
		return e->id ? store_stale(s, "evaluation", e->id, false, err)
			     : cb_error_set(err, CB_NOT_FOUND, _("No evaluation for %s"),
					    e->period.key);
	if (rc)
		return rc;
	if (cur->id != e->id || cur->version != e->version)
		return store_stale(s, "evaluation", cur->id, true, err);
	if (cur->grade && !locked_ok)
		return cb_error_set(
			err, CB_EINVALID,
			_("The evaluation of %s is decided and locked; reopen it first"),
			e->period.key);
	return CB_OK;
}

static void bind_text_or_empty(sqlite3_stmt *st, int i, const char *t)
{
	store_bind_text(st, i, t ? t : "");
}

static void bind_grade(sqlite3_stmt *st, int i, int g)
{
	if (g)
		sqlite3_bind_int(st, i, g);
	else
		sqlite3_bind_null(st, i);
}

static int write_scores(store *s, const evaluation *e, cb_error *err)
{
	sqlite3_stmt *st =
		store_prepare(s, "DELETE FROM evaluation_score WHERE evaluation_id = ?", err);
	int rc;
	if (!st)
		return CB_EDB;
	sqlite3_bind_int64(st, 1, e->id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, _("Saving an evaluation"));
	for (int g = 0; g < EVAL_GROUPS_MAX; g++) {
		if (e->scores[g] < 0)
			continue;
		if (!(st = store_prepare(s,
					 "INSERT INTO evaluation_score(evaluation_id, grp, points)"
					 " VALUES(?, ?, ?)",
					 err)))
			return CB_EDB;
		sqlite3_bind_int64(st, 1, e->id);
		sqlite3_bind_int(st, 2, g + 1);
		sqlite3_bind_int(st, 3, e->scores[g]);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return store_fail(s, err, _("Saving an evaluation"));
	}
	return CB_OK;
}

/* Writes e whole: inserted when e->id is 0, else updated at e->version
 * (load_current has checked it); then its scores. */
static int write_row(store *s, evaluation *e, cb_error *err)
{
	static const char insert[] =
		"INSERT INTO evaluation(score, assigned, on_time, late, exceeded, note, computed,"
		" self_grade, self_on, self_by, reviewed_on, reviewed_by, proposed, proposed_on,"
		" proposed_by, grade, decided_on, decided_by, reason, period, kind, year, cadre_id,"
		" org_id) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
		" ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)";
	static const char update[] =
		"UPDATE evaluation SET score = ?1, assigned = ?2, on_time = ?3, late = ?4,"
		" exceeded = ?5, note = ?6, computed = ?7, self_grade = ?8, self_on = ?9,"
		" self_by = ?10, reviewed_on = ?11, reviewed_by = ?12, proposed = ?13,"
		" proposed_on = ?14, proposed_by = ?15, grade = ?16, decided_on = ?17,"
		" decided_by = ?18, reason = ?19, version = version + 1 WHERE id = ?20 AND version "
		"= ?21";
	sqlite3_stmt *st = store_prepare(s, e->id ? update : insert, err);
	int rc;

	if (!st)
		return CB_EDB;
	if (e->score >= 0)
		sqlite3_bind_int(st, 1, e->score);
	sqlite3_bind_int(st, 2, e->tasks.assigned);
	sqlite3_bind_int(st, 3, e->tasks.on_time);
	sqlite3_bind_int(st, 4, e->tasks.late);
	sqlite3_bind_int(st, 5, e->tasks.exceeded);
	bind_text_or_empty(st, 6, e->note);
	bind_grade(st, 7, e->computed);
	bind_grade(st, 8, e->self_grade);
	bind_text_or_empty(st, 9, e->self_on);
	bind_text_or_empty(st, 10, e->self_by);
	bind_text_or_empty(st, 11, e->reviewed_on);
	bind_text_or_empty(st, 12, e->reviewed_by);
	bind_grade(st, 13, e->proposed);
	bind_text_or_empty(st, 14, e->proposed_on);
	bind_text_or_empty(st, 15, e->proposed_by);
	bind_grade(st, 16, e->grade);
	bind_text_or_empty(st, 17, e->decided_on);
	bind_text_or_empty(st, 18, e->decided_by);
	bind_text_or_empty(st, 19, e->reason);
	if (e->id) {
		sqlite3_bind_int64(st, 20, e->id);
		sqlite3_bind_int64(st, 21, e->version);
	} else {
		store_bind_text(st, 20, e->period.key);
		sqlite3_bind_int(st, 21, e->period.kind);
		sqlite3_bind_int(st, 22, e->period.year);
		if (e->org)
			sqlite3_bind_int64(st, 24, e->owner);
		else
			sqlite3_bind_int64(st, 23, e->owner);
	}
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, _("Saving an evaluation"));
	if (e->id && sqlite3_changes(store_db(s)) != 1)
		return store_stale(s, "evaluation", e->id, true, err);
	if (e->id) {
		e->version++;
	} else {
		e->id = sqlite3_last_insert_rowid(store_db(s));
		e->version = 1;
	}
	return write_scores(s, e, err);
}

/* Writes e and its audit row (old = the row before, NULL for an insert). */
static int write_audited(store *s, evaluation *e, const evaluation *old, const char *action,
			 const char *reopen_reason, cb_error *err)
{
	char *old_json = NULL, *new_json = NULL;
	int rc = write_row(s, e, err);

	if (rc)
		return rc;
	if ((old && !(old_json = eval_json(old, NULL))) ||
	    !(new_json = eval_json(e, reopen_reason)))
		rc = cb_error_set(err, CB_EDB, _("Out of memory"));
	else
		rc = store_audit(s, "evaluation", e->id, action, old_json, new_json, err);
	free(old_json);
	free(new_json);
	return rc;
}

static void sign(store *s, cb_date today, char *on, char *by)
{
	date_format_iso(today, on);
	snprintf(by, 64, "%s", store_user(s));
}

/* Checks the values of a record and derives its total and computed grade. */
static int check_record(const eval_rules *r, evaluation *e, cb_error *err)
{
	int total = 0, given = 0, rc;
	char note[EVAL_TEXT_MAX];

	if ((rc = eval_tasks_check(&e->tasks, err)))
		return rc;
	for (size_t g = 0; g < EVAL_GROUPS_MAX; g++) {
		char a[16], b[16];
		if (e->scores[g] < 0)
			continue;
		if (g >= r->group_count)
			return cb_error_set(
				err, CB_EINVALID,
				_("There is no criteria group %zu (the rules have %zu)"), g + 1,
				r->group_count);
		if (e->scores[g] > r->groups[g].max)
			return cb_error_set(err, CB_EINVALID,
					    _("%s: %s points is above the %s allowed"),
					    r->groups[g].title, eval_score_label(e->scores[g], a),
					    eval_score_label(r->groups[g].max, b));
		total += e->scores[g];
		given++;
	}
	if (given)
		e->score = total;
	if (e->score > 100 * EVAL_CENTI)
		return cb_error_set(err, CB_EINVALID, _("A score is at most 100 points"));
	if ((rc = take_text(e->note, note, sizeof note, _("Note"), err)))
		return rc;
	strcpy(e->note, note);
	e->computed = e->score >= 0 ? eval_propose(r, e->score, &e->tasks) : 0;
	return CB_OK;
}

int eval_save(store *s, const eval_rules *r, evaluation *e, cb_error *err)
{
	evaluation cur;
	int rc;

	if ((rc = check_record(r, e, err)) || (rc = store_begin(s, err)))
		return rc;
	if (e->id) {
		if (!(rc = load_current(s, e, &cur, false, err)))
			rc = write_audited(s, e, &cur, "update", NULL, err);
	} else if (!(rc = check_owner(s, e, err))) {
		rc = eval_get(s, e->org, e->owner, e->period.key, &cur, err);
		if (rc == CB_NOT_FOUND || (!rc && cur.from_rating))
			rc = write_audited(s, e, NULL, "insert", NULL, err);
		else if (!rc)
			rc = store_stale(s, "evaluation", cur.id, true, err);
	}
	return store_finish(s, rc, err);
}

int eval_stage_set(store *s, evaluation *e, int stage, int grade, cb_date today, cb_error *err)
{
	evaluation cur, next;
	int rc;

	if (grade && model_name(ENUM_GRADE, grade)[0] == '\0')
		return cb_error_set(err, CB_EINVALID, _("%s: %d is not one of the choices"),
				    _("Rating"), grade);
	if ((rc = store_begin(s, err)))
		return rc;
	if ((rc = load_current(s, e, &cur, false, err)))
		return store_finish(s, rc, err);
	next = cur;
	switch (stage) {
	case EVAL_SELF:
		if (!grade)
			rc = cb_error_set(err, CB_EINVALID, _("A self-assessment needs a grade"));
		next.self_grade = grade;
		sign(s, today, next.self_on, next.self_by);
		break;
	case EVAL_REVIEW:
		sign(s, today, next.reviewed_on, next.reviewed_by);
		break;
	case EVAL_PROPOSAL:
		next.proposed = grade ? grade : cur.computed;
		if (!next.proposed)
			rc = cb_error_set(err, CB_EINVALID,
					  _("No score is recorded: the proposal needs a grade"));
		sign(s, today, next.proposed_on, next.proposed_by);
		break;
	default:
		rc = cb_error_set(err, CB_EINVALID, _("Not a stage that can be recorded"));
	}
	if (!rc)
		rc = write_audited(s, &next, &cur, "update", NULL, err);
	if (!rc)
		*e = next;
	return store_finish(s, rc, err);
}

int eval_decide(store *s, evaluation *e, int grade, const char *reason, cb_date today,
		cb_error *err)
{
	evaluation cur, next;
	int rc, proposal;

	if (model_name(ENUM_GRADE, grade)[0] == '\0')
		return cb_error_set(err, CB_EINVALID, _("%s: %d is not one of the choices"),
				    _("Rating"), grade);
	if ((rc = store_begin(s, err)))
		return rc;
	if ((rc = load_current(s, e, &cur, false, err)))
		return store_finish(s, rc, err);
	next = cur;
	if ((rc = take_text(reason ? reason : "", next.reason, sizeof next.reason, _("Reason"),
			    err)))
		return store_finish(s, rc, err);
	proposal = eval_proposal(&cur);
	/* grades count down: 1 (excellent) is above 2 */
	if (proposal && grade < proposal && !next.reason[0])
		return store_finish(s,
				    cb_error_set(err, CB_EINVALID,
						 _("The decision (%s) is above the proposal (%s): "
						   "write the reason"),
						 model_label(ENUM_GRADE, grade),
						 model_label(ENUM_GRADE, proposal)),
				    err);
	next.grade = grade;
	sign(s, today, next.decided_on, next.decided_by);
	rc = write_audited(s, &next, &cur, "update", NULL, err);
	if (!rc && next.period.kind == EVAL_YEAR)
		rc = store_rating_put(s, next.org, next.owner, next.period.year, grade, err);
	if (!rc)
		*e = next;
	return store_finish(s, rc, err);
}

int eval_reopen(store *s, evaluation *e, const char *reason, cb_error *err)
{
	evaluation cur, next;
	char why[EVAL_TEXT_MAX];
	int rc;

	if ((rc = take_text(reason ? reason : "", why, sizeof why, _("Reason"), err)))
		return rc;
	if (!why[0])
		return cb_error_set(err, CB_EINVALID,
				    _("Reopening a decided evaluation needs a reason"));
	if ((rc = store_begin(s, err)))
		return rc;
	if ((rc = load_current(s, e, &cur, true, err)))
		return store_finish(s, rc, err);
	if (!cur.grade)
		return store_finish(s,
				    cb_error_set(err, CB_EINVALID,
						 _("The evaluation of %s is not decided"),
						 e->period.key),
				    err);
	next = cur;
	next.grade = 0;
	next.decided_on[0] = next.decided_by[0] = next.reason[0] = '\0';
	rc = write_audited(s, &next, &cur, "reopen", why, err);
	if (!rc)
		*e = next;
	return store_finish(s, rc, err);
}
