/* store_discipline.c - the discipline register of cadres and
 * organisations, party and state.
 *
 * The lapse and the bar on planning and appointment are computed from the
 * rules in force when the decision is recorded and stored with it: a
 * later change of career.ini does not move the dates of decisions already
 * announced. Annulling keeps the row (and its history) but lifts the bar.
 */
#include "career_store.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "i18n.h"
#include "store_internal.h"

#define DISC_COLUMNS                                                                               \
	"d.id, d.version, coalesce(d.cadre_id, 0), coalesce(d.org_id, 0), d.form, d.decision,"     \
	" d.authority, d.decided_on, d.announced_on, d.reason, d.lapse_on, d.bar_until,"           \
	" d.annulled_on, d.annul_reason, coalesce(c.full_name, o.name, '')"
#define DISC_FROM                                                                                  \
	" FROM discipline d LEFT JOIN cadre c ON c.id = d.cadre_id"                                \
	" LEFT JOIN org o ON o.id = d.org_id"

static void read_disc(sqlite3_stmt *st, void *p)
{
	discipline_row *d = p;
	char form[48];
	d->id = sqlite3_column_int64(st, 0);
	d->version = sqlite3_column_int64(st, 1);
	d->cadre_id = sqlite3_column_int64(st, 2);
	d->org_id = sqlite3_column_int64(st, 3);
	store_column_copy(st, 4, form, sizeof form);
	d->form = disc_form_from_code(DISC_PARTY, form);
	store_column_copy(st, 5, d->decision, sizeof d->decision);
	store_column_copy(st, 6, d->authority, sizeof d->authority);
	store_column_copy(st, 7, d->decided_on, sizeof d->decided_on);
	store_column_copy(st, 8, d->announced_on, sizeof d->announced_on);
	store_column_copy(st, 9, d->reason, sizeof d->reason);
	store_column_copy(st, 10, d->lapse_on, sizeof d->lapse_on);
	store_column_copy(st, 11, d->bar_until, sizeof d->bar_until);
	store_column_copy(st, 12, d->annulled_on, sizeof d->annulled_on);
	store_column_copy(st, 13, d->annul_reason, sizeof d->annul_reason);
	store_column_copy(st, 14, d->owner_name, sizeof d->owner_name);
}

static void form_code(int form, char *buf, size_t cap)
{
	snprintf(buf, cap, "%s:%s", disc_family_code(disc_form_family(form)), disc_form_code(form));
}

static char *disc_json(const discipline_row *d)
{
	store_json b;
	char form[48];
	form_code(d->form, form, sizeof form);
	store_json_begin(&b);
	if (d->cadre_id)
		store_json_int(&b, "cadre_id", d->cadre_id);
	else
		store_json_int(&b, "org_id", d->org_id);
	store_json_str(&b, "form", form);
	store_json_str(&b, "decision", d->decision);
	store_json_str(&b, "authority", d->authority);
	store_json_str(&b, "decided_on", d->decided_on);
	store_json_str(&b, "announced_on", d->announced_on);
	store_json_str(&b, "reason", d->reason);
	store_json_str(&b, "lapse_on", d->lapse_on);
	store_json_str(&b, "bar_until", d->bar_until);
	store_json_str(&b, "annulled_on", d->annulled_on);
	store_json_str(&b, "annul_reason", d->annul_reason);
	return store_json_end(&b);
}

static int exists(store *s, const char *sql, int64_t id, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(s, sql, err);
	int rc;
	if (!st)
		return CB_EDB;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return CB_OK;
	return rc == SQLITE_DONE ? CB_NOT_FOUND : store_fail(s, err, _("Reading records"));
}

/* Checks and completes a new discipline: owner, form of its family, the
 * announcement date; the lapse and bar from the rules. */
static int disc_prepare(store *s, const career_rules *r, discipline_row *d, cb_error *err)
{
	int fam = disc_form_family(d->form);
	cb_date announced, decided, lapse, bar;

	if ((d->cadre_id != 0) == (d->org_id != 0))
		return cb_error_set(err, CB_EINVALID,
				    _("A discipline concerns one cadre or one organisation"));
	if (fam < 0 || (fam == DISC_ORG) != (d->org_id != 0))
		return cb_error_set(err, CB_EINVALID,
				    d->org_id ? _("Form: not a discipline of an organisation")
					      : _("Form: not a discipline of a person"));
	if (d->cadre_id && exists(s, "SELECT 1 FROM cadre WHERE id = ?", d->cadre_id, err))
		return cb_error_set(err, CB_NOT_FOUND, _("No cadre with id %lld"),
				    (long long)d->cadre_id);
	if (d->org_id && exists(s, "SELECT 1 FROM org WHERE id = ?", d->org_id, err))
		return cb_error_set(err, CB_NOT_FOUND, _("No organisation with id %lld"),
				    (long long)d->org_id);
	if (!date_parse_iso(d->announced_on, &announced))
		return cb_error_set(err, CB_EINVALID,
				    _("Announced on: \"%s\" is not a date (dd/mm/yyyy)"),
				    d->announced_on);
	if (d->decided_on[0] && !date_parse_iso(d->decided_on, &decided))
		return cb_error_set(err, CB_EINVALID,
				    _("Decided on: \"%s\" is not a date (dd/mm/yyyy)"),
				    d->decided_on);
	if (d->decided_on[0] && decided > announced)
		return cb_error_set(err, CB_EINVALID, _("Announced on: before the decision"));
	if (!d->reason[0])
		return cb_error_set(err, CB_EINVALID, _("Reason: required"));
	lapse = career_discipline_lapse(r, d->form, announced);
	date_format_iso(lapse, d->lapse_on);
	bar = career_discipline_bar_end(r, d->form, announced);
	if (bar == CB_DATE_NONE)
		d->bar_until[0] = '\0';
	else if (bar == INT_MAX)
		snprintf(d->bar_until, sizeof d->bar_until, "%s", CAREER_FOREVER);
	else
		date_format_iso(bar, d->bar_until);
	d->annulled_on[0] = d->annul_reason[0] = '\0';
	return CB_OK;
}

int store_discipline_add(store *s, const career_rules *r, discipline_row *d, cb_error *err)
{
	sqlite3_stmt *st;
	char form[48], *json;
	int rc;
	if ((rc = d->cadre_id ? store_scope_cadre(s, d->cadre_id, err)
			      : store_scope_org(s, d->org_id, err))) /* access.h */
		return rc;

	if ((rc = disc_prepare(s, r, d, err)) || (rc = store_begin(s, err)))
		return rc;
	form_code(d->form, form, sizeof form);
	st = store_prepare(s,
			   "INSERT INTO discipline(cadre_id, org_id, form, decision, authority,"
			   " decided_on, announced_on, reason, lapse_on, bar_until)"
			   " VALUES (nullif(?, 0), nullif(?, 0), ?, ?, ?, ?, ?, ?, ?, ?)",
			   err);
	if (st) {
		sqlite3_bind_int64(st, 1, d->cadre_id);
		sqlite3_bind_int64(st, 2, d->org_id);
		store_bind_text(st, 3, form);
		store_bind_text(st, 4, d->decision);
		store_bind_text(st, 5, d->authority);
		store_bind_text(st, 6, d->decided_on);
		store_bind_text(st, 7, d->announced_on);
		store_bind_text(st, 8, d->reason);
		store_bind_text(st, 9, d->lapse_on);
		store_bind_text(st, 10, d->bar_until);
	}
	rc = store_run(s, st, _("Saving a discipline"), err);
	if (!rc) {
		d->id = sqlite3_last_insert_rowid(store_db(s));
		d->version = 1;
		json = disc_json(d);
		rc = store_audit(s, "discipline", d->id, "insert", NULL, json, err);
		free(json);
	}
	return store_finish(s, rc, err);
}

int store_discipline_get(store *s, int64_t id, discipline_row *out, cb_error *err)
{
	discipline_row *rows = NULL;
	size_t n = 0;
	sqlite3_stmt *st =
		store_prepare(s, "SELECT " DISC_COLUMNS DISC_FROM " WHERE d.id = ?", err);
	int rc;

	if (st)
		sqlite3_bind_int64(st, 1, id);
	if ((rc = store_rows(s, st, sizeof *rows, read_disc, (void **)&rows, &n,
			     _("Reading records"), err)))
		return rc;
	if (n == 0)
		return cb_error_set(err, CB_NOT_FOUND, _("No discipline with number %lld"),
				    (long long)id);
	*out = rows[0];
	free(rows);
	return out->cadre_id ? store_scope_cadre(s, out->cadre_id, err)
			     : store_scope_org(s, out->org_id, err); /* access.h */
}

int store_discipline_annul(store *s, int64_t id, int64_t version, const char *on,
			   const char *reason, cb_error *err)
{
	discipline_row d;
	sqlite3_stmt *st;
	char *old, *new;
	cb_date day;
	int rc;

	if ((rc = store_discipline_get(s, id, &d, err)))
		return rc;
	if (!date_parse_iso(on, &day))
		return cb_error_set(err, CB_EINVALID,
				    _("Annulled on: \"%s\" is not a date (dd/mm/yyyy)"), on);
	if (!reason || !*reason)
		return cb_error_set(err, CB_EINVALID, _("Reason: required"));
	if (d.annulled_on[0])
		return cb_error_set(err, CB_EINVALID,
				    _("Discipline %lld was annulled on %s already"), (long long)id,
				    d.annulled_on);
	if (d.version != version)
		return store_stale(s, "discipline", id, true, err);
	if ((rc = store_begin(s, err)))
		return rc;
	old = disc_json(&d);
	snprintf(d.annulled_on, sizeof d.annulled_on, "%s", on);
	snprintf(d.annul_reason, sizeof d.annul_reason, "%s", reason);
	new = disc_json(&d);
	st = store_prepare(s,
			   "UPDATE discipline SET annulled_on = ?, annul_reason = ?,"
			   " version = version + 1 WHERE id = ? AND version = ?",
			   err);
	if (st) {
		store_bind_text(st, 1, on);
		store_bind_text(st, 2, reason);
		sqlite3_bind_int64(st, 3, id);
		sqlite3_bind_int64(st, 4, version);
	}
	rc = store_run(s, st, _("Saving a discipline"), err);
	if (!rc && sqlite3_changes(store_db(s)) != 1)
		rc = store_stale(s, "discipline", id, true, err);
	if (!rc)
		rc = store_audit(s, "discipline", id, "update", old, new, err);
	free(old);
	free(new);
	return store_finish(s, rc, err);
}

/* A discipline within units ?3..?4 and the reader's scope (0: no units
 * asked), whether it is a cadre's or an organisation's. */
#define DISC_IN_SCOPE                                                                              \
	" AND (?3 = 0 OR (SELECT in_scope(lo, coalesce(d.org_id, c.org_id)) FROM unit"             \
	" WHERE id = coalesce(c.unit_id, o.unit_id) AND lo BETWEEN ?3 AND ?4))"

/* Binds DISC_IN_SCOPE's units, held to the reader's scope (access.h). */
static void bind_units(store *s, sqlite3_stmt *st, int64_t unit_lo, int64_t unit_hi)
{
	store_scope_clamp(s, &unit_lo, &unit_hi);
	if (st) {
		sqlite3_bind_int64(st, 3, unit_lo);
		sqlite3_bind_int64(st, 4, unit_hi);
	}
}

int store_disciplines(store *s, int64_t cadre_id, int64_t org_id, int64_t unit_lo, int64_t unit_hi,
		      discipline_row **out, size_t *n, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(
		s,
		"SELECT " DISC_COLUMNS DISC_FROM
		" WHERE (?1 = 0 OR d.cadre_id = ?1) AND (?2 = 0 OR d.org_id = ?2)" DISC_IN_SCOPE
		" ORDER BY d.announced_on DESC, d.id DESC",
		err);
	bind_units(s, st, unit_lo, unit_hi);
	if (st) {
		sqlite3_bind_int64(st, 1, cadre_id);
		sqlite3_bind_int64(st, 2, org_id);
	}
	return store_rows(s, st, sizeof **out, read_disc, (void **)out, n, _("Reading records"),
			  err);
}

int store_disciplines_lapsing(store *s, const char *from, const char *to, int64_t unit_lo,
			      int64_t unit_hi, discipline_row **out, size_t *n, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(
		s,
		"SELECT " DISC_COLUMNS DISC_FROM
		" WHERE d.lapse_on BETWEEN ?1 AND ?2 AND d.annulled_on = ''" DISC_IN_SCOPE
		" ORDER BY d.announced_on DESC, d.id DESC",
		err);
	bind_units(s, st, unit_lo, unit_hi);
	if (st) {
		store_bind_text(st, 1, from);
		store_bind_text(st, 2, to);
	}
	return store_rows(s, st, sizeof **out, read_disc, (void **)out, n, _("Reading records"),
			  err);
}

int store_discipline_bar(store *s, int64_t cadre_id, cb_date on, discipline_row *out, cb_error *err)
{
	if (store_scope_cadre(s, cadre_id, err)) /* access.h */
		return CB_EACCESS;
	discipline_row *rows = NULL;
	size_t n = 0;
	char iso[11];
	sqlite3_stmt *st =
		store_prepare(s,
			      "SELECT " DISC_COLUMNS DISC_FROM
			      " WHERE d.cadre_id = ? AND d.annulled_on = '' AND d.bar_until <> ''"
			      " AND d.announced_on <= ?2 AND d.bar_until > ?2"
			      " ORDER BY d.bar_until DESC LIMIT 1",
			      err);
	int rc;

	date_format_iso(on, iso);
	if (st) {
		sqlite3_bind_int64(st, 1, cadre_id);
		store_bind_text(st, 2, iso);
	}
	if ((rc = store_rows(s, st, sizeof *rows, read_disc, (void **)&rows, &n,
			     _("Reading records"), err)))
		return rc;
	if (n == 0)
		return CB_NOT_FOUND;
	*out = rows[0];
	free(rows);
	return CB_OK;
}
