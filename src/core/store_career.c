/* store_career.c - appointments and leaving the list.
 *
 * The open appointment (end_reason 0) is the cadre's current post; the
 * record's position, rank, unit and organisation are kept equal to it, so
 * breakdowns and targets keep reading the cadre row only. A departure is
 * one row per cadre: the filter of every list and count (filter.c) leaves
 * out whoever left by its reference date.
 */
#include "career_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "i18n.h"
#include "store_internal.h"

static const struct career_enum_def {
	int value;
	const char *code, *label;
} appt_kinds[] =
	{
#define X(v, code, label) {v, code, label},
		APPT_KIND_LIST(X)
#undef X
},
  appt_ends[] =
	  {
#define X(v, code, label) {v, code, label},
		  APPT_END_LIST(X)
#undef X
},
  departures[] = {
#define X(v, code, label) {v, code, label},
	  DEPARTURE_LIST(X)
#undef X
};

static const struct career_enum_def *enum_def(int e, size_t *n)
{
	switch (e) {
	case CE_APPT_KIND:
		*n = sizeof appt_kinds / sizeof appt_kinds[0];
		return appt_kinds;
	case CE_APPT_END:
		*n = sizeof appt_ends / sizeof appt_ends[0];
		return appt_ends;
	default:
		*n = sizeof departures / sizeof departures[0];
		return departures;
	}
}

const char *career_enum_code(int e, int v)
{
	size_t n;
	const struct career_enum_def *d = enum_def(e, &n);
	for (size_t i = 0; i < n; i++)
		if (d[i].value == v)
			return d[i].code;
	return "";
}

const char *career_enum_label(int e, int v)
{
	size_t n;
	const struct career_enum_def *d = enum_def(e, &n);
	for (size_t i = 0; i < n; i++)
		if (d[i].value == v)
			return _(d[i].label);
	return "?";
}

bool career_enum_from_code(int e, const char *code, int *v)
{
	size_t n;
	const struct career_enum_def *d = enum_def(e, &n);
	for (size_t i = 0; i < n; i++)
		if (strcmp(d[i].code, code) == 0) {
			*v = d[i].value;
			return true;
		}
	return false;
}

/* "" or a real ISO date. */
static int check_date(const char *iso, const char *label, bool required, cb_error *err)
{
	cb_date d;
	if (!*iso && !required)
		return CB_OK;
	if (!date_parse_iso(iso, &d))
		return cb_error_set(err, CB_EINVALID, _("%s: \"%s\" is not a date (dd/mm/yyyy)"),
				    label, iso);
	return CB_OK;
}

/* ---- appointments -------------------------------------------------------- */

#define APPT_COLUMNS                                                                               \
	"a.id, a.version, a.cadre_id, a.kind, a.position, a.pos_rank, coalesce(a.unit_id, 0),"     \
	" coalesce(a.org_id, 0), a.decision, a.decided_on, a.start_on, a.term_end, a.ended_on,"    \
	" a.end_reason, coalesce(u.name, '')"

static void read_appt(sqlite3_stmt *st, void *p)
{
	appointment_row *a = p;
	a->id = sqlite3_column_int64(st, 0);
	a->version = sqlite3_column_int64(st, 1);
	a->cadre_id = sqlite3_column_int64(st, 2);
	a->kind = sqlite3_column_int(st, 3);
	store_column_copy(st, 4, a->position, sizeof a->position);
	a->pos_rank = sqlite3_column_int(st, 5);
	a->unit_id = sqlite3_column_int64(st, 6);
	a->org_id = sqlite3_column_int64(st, 7);
	store_column_copy(st, 8, a->decision, sizeof a->decision);
	store_column_copy(st, 9, a->decided_on, sizeof a->decided_on);
	store_column_copy(st, 10, a->start_on, sizeof a->start_on);
	store_column_copy(st, 11, a->term_end, sizeof a->term_end);
	store_column_copy(st, 12, a->ended_on, sizeof a->ended_on);
	a->end_reason = sqlite3_column_int(st, 13);
	store_column_copy(st, 14, a->unit_name, sizeof a->unit_name);
}

int store_appointments(store *s, int64_t cadre_id, appointment_row **out, size_t *n, cb_error *err)
{
	int rc = store_scope_cadre(s, cadre_id, err); /* access.h */
	if (rc)
		return rc;
	sqlite3_stmt *st =
		store_prepare(s,
			      "SELECT " APPT_COLUMNS " FROM appointment a"
			      " LEFT JOIN unit u ON u.id = a.unit_id WHERE a.cadre_id = ?"
			      " ORDER BY a.end_reason <> 0, a.start_on DESC, a.id DESC",
			      err);
	if (st)
		sqlite3_bind_int64(st, 1, cadre_id);
	return store_rows(s, st, sizeof **out, read_appt, (void **)out, n, _("Reading records"),
			  err);
}

static char *appt_json(const appointment_row *a)
{
	store_json b;
	store_json_begin(&b);
	store_json_int(&b, "cadre_id", a->cadre_id);
	store_json_str(&b, "kind", career_enum_code(CE_APPT_KIND, a->kind));
	store_json_str(&b, "position", a->position);
	store_json_int(&b, "pos_rank", a->pos_rank);
	store_json_int(&b, "unit_id", a->unit_id);
	store_json_int(&b, "org_id", a->org_id);
	store_json_str(&b, "decision", a->decision);
	store_json_str(&b, "decided_on", a->decided_on);
	store_json_str(&b, "start_on", a->start_on);
	store_json_str(&b, "term_end", a->term_end);
	store_json_str(&b, "ended_on", a->ended_on);
	store_json_str(&b, "end_reason", career_enum_code(CE_APPT_END, a->end_reason));
	return store_json_end(&b);
}

/* Ends the cadre's open posts on `on` for `reason`; audited. Expects the
 * caller's transaction. */
static int close_open(store *s, int64_t cadre_id, const char *on, int reason, cb_error *err)
{
	appointment_row *rows = NULL;
	size_t n = 0;
	int rc = store_appointments(s, cadre_id, &rows, &n, err);

	for (size_t i = 0; !rc && i < n; i++) {
		char *old, *new;
		sqlite3_stmt *st;
		if (rows[i].end_reason != 0)
			continue;
		old = appt_json(&rows[i]);
		snprintf(rows[i].ended_on, sizeof rows[i].ended_on, "%s", on);
		rows[i].end_reason = reason;
		new = appt_json(&rows[i]);
		st = store_prepare(s,
				   "UPDATE appointment SET ended_on = ?, end_reason = ?,"
				   " version = version + 1 WHERE id = ?",
				   err);
		if (st) {
			store_bind_text(st, 1, on);
			sqlite3_bind_int(st, 2, reason);
			sqlite3_bind_int64(st, 3, rows[i].id);
		}
		rc = store_run(s, st, _("Saving an appointment"), err);
		if (!rc)
			rc = store_audit(s, "appointment", rows[i].id, "update", old, new, err);
		free(old);
		free(new);
	}
	free(rows);
	return rc;
}

static int appt_check(store *s, const career_rules *r, const cadre *cd, appointment_row *a,
		      cb_error *err)
{
	cb_date start, end, ret;
	if (a->kind < 1 || a->kind > 7)
		return cb_error_set(err, CB_EINVALID, _("Unknown kind of appointment"));
	if (!a->position[0])
		return cb_error_set(err, CB_EINVALID, _("Position: required"));
	if (check_date(a->decided_on, _("Decision date"), false, err) ||
	    check_date(a->start_on, _("Effective date"), true, err) ||
	    check_date(a->term_end, _("Term end"), false, err))
		return CB_EINVALID;
	date_parse_iso(a->start_on, &start);
	if (a->term_end[0]) {
		date_parse_iso(a->term_end, &end);
		if (end <= start)
			return cb_error_set(err, CB_EINVALID,
					    _("Term end: before the effective date"));
	} else if (r) {
		ret = career_retirement_of(r, cd->gender, cd->birth_date);
		end = career_term_end(r, start, CB_DATE_NONE, ret);
		if (end != CB_DATE_NONE && end > start)
			date_format_iso(end, a->term_end);
	}
	(void)s;
	return CB_OK;
}

int store_appoint(store *s, const cfg *c, const career_rules *r, int64_t cadre_version,
		  appointment_row *a, cb_error *err)
{
	cadre cd;
	sqlite3_stmt *st;
	char *json;
	int rc;

	if ((rc = store_cadre_get(s, a->cadre_id, &cd, err)))
		return rc;
	if (a->unit_id == 0)
		a->unit_id = cd.unit_id;
	if ((rc = appt_check(s, r, &cd, a, err)) || (rc = store_begin(s, err)))
		return rc;
	rc = close_open(s, a->cadre_id, a->start_on, 1, err);
	if (!rc) {
		st = store_prepare(s,
				   "INSERT INTO appointment(cadre_id, kind, position, pos_rank,"
				   " unit_id, org_id, decision, decided_on, start_on, term_end)"
				   " VALUES (?, ?, ?, ?, ?, nullif(?, 0), ?, ?, ?, ?)",
				   err);
		if (st) {
			sqlite3_bind_int64(st, 1, a->cadre_id);
			sqlite3_bind_int(st, 2, a->kind);
			store_bind_text(st, 3, a->position);
			sqlite3_bind_int(st, 4, a->pos_rank ? a->pos_rank : cd.pos_rank);
			sqlite3_bind_int64(st, 5, a->unit_id);
			sqlite3_bind_int64(st, 6, a->org_id);
			store_bind_text(st, 7, a->decision);
			store_bind_text(st, 8, a->decided_on);
			store_bind_text(st, 9, a->start_on);
			store_bind_text(st, 10, a->term_end);
		}
		rc = store_run(s, st, _("Saving an appointment"), err);
	}
	if (!rc) {
		a->id = sqlite3_last_insert_rowid(store_db(s));
		a->version = 1;
		json = appt_json(a);
		rc = store_audit(s, "appointment", a->id, "insert", NULL, json, err);
		free(json);
	}
	if (!rc) { /* the record follows its current post */
		cd.version = cadre_version;
		snprintf(cd.position, sizeof cd.position, "%s", a->position);
		if (a->pos_rank)
			cd.pos_rank = a->pos_rank;
		cd.unit_id = a->unit_id;
		if (a->org_id)
			cd.org_id = a->org_id;
		rc = store_cadre_update(s, &cd, c, err);
	}
	return store_finish(s, rc, err);
}

/* ---- departures ---------------------------------------------------------- */

static char *departure_json(const departure_row *d)
{
	store_json b;
	store_json_begin(&b);
	store_json_int(&b, "cadre_id", d->cadre_id);
	store_json_str(&b, "kind", career_enum_code(CE_DEPARTURE, d->kind));
	store_json_str(&b, "left_on", d->left_on);
	store_json_str(&b, "decision", d->decision);
	store_json_str(&b, "note", d->note);
	return store_json_end(&b);
}

int store_departure_get(store *s, int64_t cadre_id, departure_row *out, cb_error *err)
{
	if (store_scope_cadre(s, cadre_id, err)) /* access.h */
		return CB_EACCESS;
	sqlite3_stmt *st = store_prepare(s,
					 "SELECT version, kind, left_on, decision, note"
					 " FROM departure WHERE cadre_id = ?",
					 err);
	int rc;
	if (!st)
		return CB_EDB;
	memset(out, 0, sizeof *out);
	sqlite3_bind_int64(st, 1, cadre_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->cadre_id = cadre_id;
		out->version = sqlite3_column_int64(st, 0);
		out->kind = sqlite3_column_int(st, 1);
		store_column_copy(st, 2, out->left_on, sizeof out->left_on);
		store_column_copy(st, 3, out->decision, sizeof out->decision);
		store_column_copy(st, 4, out->note, sizeof out->note);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return CB_OK;
	if (rc == SQLITE_DONE)
		return cb_error_set(err, CB_NOT_FOUND, _("Cadre %lld has not left the list"),
				    (long long)cadre_id);
	return store_fail(s, err, _("Reading records"));
}

int store_depart(store *s, departure_row *d, cb_error *err)
{
	departure_row old;
	cadre cd;
	sqlite3_stmt *st;
	char *json;
	int rc;

	if (d->kind < 1 || d->kind > 5)
		return cb_error_set(err, CB_EINVALID, _("Unknown way of leaving the list"));
	if (check_date(d->left_on, _("Date of leaving"), true, err))
		return CB_EINVALID;
	if ((rc = store_cadre_get(s, d->cadre_id, &cd, err)))
		return rc;
	if (store_departure_get(s, d->cadre_id, &old, err) == CB_OK)
		return cb_error_set(err, CB_EINVALID, _("%s left the list on %s already"),
				    cd.full_name, old.left_on);
	cb_error_clear(err);
	if ((rc = store_begin(s, err)))
		return rc;
	st = store_prepare(s,
			   "INSERT INTO departure(cadre_id, kind, left_on, decision, note)"
			   " VALUES (?, ?, ?, ?, ?)",
			   err);
	if (st) {
		sqlite3_bind_int64(st, 1, d->cadre_id);
		sqlite3_bind_int(st, 2, d->kind);
		store_bind_text(st, 3, d->left_on);
		store_bind_text(st, 4, d->decision);
		store_bind_text(st, 5, d->note);
	}
	rc = store_run(s, st, _("Saving a departure"), err);
	if (!rc) {
		d->version = 1;
		json = departure_json(d);
		rc = store_audit(s, "departure", d->cadre_id, "insert", NULL, json, err);
		free(json);
	}
	if (!rc)
		rc = close_open(s, d->cadre_id, d->left_on, 3, err);
	return store_finish(s, rc, err);
}

int store_depart_undo(store *s, int64_t cadre_id, int64_t version, cb_error *err)
{
	departure_row d;
	sqlite3_stmt *st;
	char *json;
	int rc;

	if ((rc = store_departure_get(s, cadre_id, &d, err)))
		return rc;
	if (d.version != version)
		return store_stale(s, "departure", cadre_id, true, err);
	if ((rc = store_begin(s, err)))
		return rc;
	st = store_prepare(s, "DELETE FROM departure WHERE cadre_id = ? AND version = ?", err);
	if (st) {
		sqlite3_bind_int64(st, 1, cadre_id);
		sqlite3_bind_int64(st, 2, version);
	}
	rc = store_run(s, st, _("Saving a departure"), err);
	if (!rc && sqlite3_changes(store_db(s)) != 1)
		rc = store_stale(s, "departure", cadre_id, true, err);
	if (!rc) {
		json = departure_json(&d);
		rc = store_audit(s, "departure", cadre_id, "delete", json, NULL, err);
		free(json);
	}
	/* the post closed by the departure is his again */
	if (!rc) {
		st = store_prepare(
			s,
			"UPDATE appointment SET ended_on = '', end_reason = 0,"
			" version = version + 1 WHERE id = (SELECT max(id) FROM appointment"
			" WHERE cadre_id = ? AND end_reason = 3)",
			err);
		if (st)
			sqlite3_bind_int64(st, 1, cadre_id);
		rc = store_run(s, st, _("Saving an appointment"), err);
	}
	return store_finish(s, rc, err);
}
