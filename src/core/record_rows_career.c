/* record_rows_career.c - the rows of the career kinds of record file:
 * disciplines, planning pool entries, appointments and departures, each
 * checked against the career rules (career.ini) and written by the
 * career store; whose record and duplicates as in record_rows.c. */
#include "record_import_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "career.h"
#include "career_store.h"
#include "date.h"
#include "i18n.h"
#include "text.h"

int rk_put_discipline(rk_ctx *x, cb_error *err)
{
	static const char sql[] = "SELECT id FROM discipline WHERE cadre_id = ? AND form = ?"
				  " AND announced_on = ?";
	discipline_row d = {0};
	cb_error e = {0};
	char form[48], code[48];
	const char *colon;
	int rc, family = DISC_PARTY;
	bool skip;
	int64_t owner = rk_cadre_of(x, err, &rc);

	if (rc || (rc = rk_career_rules(x, err)))
		return rc;
	if (!rk_required(x, RC_FORM, form, sizeof form))
		return CB_OK;
	/* "state:canh-cao", or a party form by default */
	snprintf(code, sizeof code, "%s", form);
	if ((colon = strchr(form, ':'))) {
		snprintf(code, sizeof code, "%.*s", (int)(colon - form), form);
		if (!disc_family_from_code(code, &family) || family == DISC_ORG)
			family = -1;
		snprintf(code, sizeof code, "%s", colon + 1);
	}
	if (family < 0 || (d.form = disc_form_from_code(family, code)) < 0) {
		rk_problem(x, RC_FORM,
			   _("'%s' is not a form of discipline of a cadre (khien-trach, canh-cao, "
			     "cach-chuc, khai-tru; state:... for a state discipline)"),
			   form);
		return CB_OK;
	}
	rk_text(x, RC_DECISION, d.decision, sizeof d.decision);
	rk_text(x, RC_AUTHORITY, d.authority, sizeof d.authority);
	rk_text(x, RC_REASON, d.reason, sizeof d.reason);
	rk_date_cell(x, RC_DECIDED_ON, false, d.decided_on);
	rk_date_cell(x, RC_ANNOUNCED_ON, true, d.announced_on);
	/* each reports its own problem, marking the row bad */
	if (!owner || x->row_bad)
		return CB_OK;
	d.cadre_id = owner;
	snprintf(form, sizeof form, "%s:%s", disc_family_code(family), disc_form_code(d.form));
	int64_t id = rk_existing(x, sql, owner, 0, form, d.announced_on, err, &rc);
	if (rc || !rk_may_write(x, id, RC_ANNOUNCED_ON, true, &skip) || skip)
		return rc;
	if ((rc = store_discipline_add(x->s, x->rules, &d, &e)))
		return rk_refused(x, rc, RC_FORM, &e, err);
	x->written++;
	return rk_remember(x, d.id);
}

int rk_put_pool(rk_ctx *x, cb_error *err)
{
	static const char sql[] =
		"SELECT id FROM pool WHERE cadre_id = ? AND term = ? AND title = ?"
		" AND removed_on = ''";
	pool_row p = {0};
	cb_error e = {0};
	char unit[16], added[11];
	cb_date on;
	int rc;
	bool skip;
	int64_t owner = rk_cadre_of(x, err, &rc);

	if (rc || (rc = rk_career_rules(x, err)))
		return rc;
	rk_required(x, RC_TERM, p.term, sizeof p.term);
	rk_required(x, RC_TITLE, p.title, sizeof p.title);
	rk_text(x, RC_POOL_UNIT, unit, sizeof unit);
	rk_date_cell(x, RC_ADDED_ON, false, added);
	/* each reports its own problem, marking the row bad */
	if (!owner || x->row_bad)
		return CB_OK;
	if (unit[0]) {
		unit_row u;
		if ((rc = store_unit_by_code(x->s, unit, &u, &e)) == CB_NOT_FOUND) {
			rk_problem(x, RC_POOL_UNIT, _("No unit with code %s in the configuration"),
				   unit);
			return CB_OK;
		} else if (rc) {
			return rk_refused(x, rc, RC_POOL_UNIT, &e, err);
		}
		p.unit_id = u.id;
	}
	p.cadre_id = owner;
	int64_t id = rk_existing(x, sql, owner, 0, p.term, p.title, err, &rc);
	if (rc || !rk_may_write(x, id, RC_TITLE, true, &skip) || skip)
		return rc;
	on = date_today();
	if (added[0])
		date_parse_iso(added, &on);
	if ((rc = store_pool_add(x->s, x->rules, on, &p, &e)))
		return rk_refused(x, rc, RC_TITLE, &e, err);
	id = rk_existing(x, sql, owner, 0, p.term, p.title, err, &rc);
	x->written++;
	return rc ? rc : rk_remember(x, id);
}

/* A career code (appointment kind, way of leaving) in column col. */
static bool career_code(rk_ctx *x, int col, int e, int *out)
{
	char v[48], f[48];

	if (!rk_required(x, col, v, sizeof v))
		return false;
	text_fold(v, f, sizeof f);
	if (career_enum_from_code(e, v, out) || career_enum_from_code(e, f, out))
		return true;
	for (int i = 1; i < 10; i++) {
		char a[128];
		const char *label = career_enum_label(e, i);
		if (!label[0] || strcmp(label, "?") == 0)
			break;
		text_fold(label, a, sizeof a);
		if (strcmp(a, f) == 0) {
			*out = i;
			return true;
		}
	}
	rk_problem(x, col, _("\"%s\" is not one of the choices"), v);
	return false;
}

int rk_put_appointment(rk_ctx *x, cb_error *err)
{
	static const char sql[] = "SELECT id FROM appointment WHERE cadre_id = ? AND start_on = ?"
				  " AND position = ?";
	static const char version[] = "SELECT version FROM cadre WHERE id = ?";
	appointment_row a = {0};
	cb_error e = {0};
	char unit[16];
	int rc;
	bool skip;
	int64_t owner = rk_cadre_of(x, err, &rc);

	if (rc || (rc = rk_career_rules(x, err)))
		return rc;
	career_code(x, RC_KIND, CE_APPT_KIND, &a.kind);
	rk_required(x, RC_POSITION, a.position, sizeof a.position);
	rk_text(x, RC_DECISION, a.decision, sizeof a.decision);
	rk_text(x, RC_POST_UNIT, unit, sizeof unit);
	rk_date_cell(x, RC_DECIDED_ON, false, a.decided_on);
	rk_date_cell(x, RC_START_ON, true, a.start_on);
	rk_date_cell(x, RC_TERM_END, false, a.term_end);
	/* each reports its own problem, marking the row bad */
	if (!owner || x->row_bad)
		return CB_OK;
	if (x->field[RC_POS_RANK] >= 0 && *rk_raw(x, RC_POS_RANK) &&
	    !rk_enum(x, RC_POS_RANK, ENUM_RANK, NULL, &a.pos_rank))
		return CB_OK;
	if (unit[0]) {
		unit_row u;
		if ((rc = store_unit_by_code(x->s, unit, &u, &e)) == CB_NOT_FOUND) {
			rk_problem(x, RC_POST_UNIT, _("No unit with code %s in the configuration"),
				   unit);
			return CB_OK;
		} else if (rc) {
			return rk_refused(x, rc, RC_POST_UNIT, &e, err);
		}
		a.unit_id = u.id;
	}
	a.cadre_id = owner;
	int64_t id = rk_existing(x, sql, owner, 0, a.start_on, a.position, err, &rc);
	if (rc || !rk_may_write(x, id, RC_START_ON, true, &skip) || skip)
		return rc;
	/* the post becomes the current one: as of the record as it is now */
	int64_t v = rk_existing(x, version, owner, 0, NULL, NULL, err, &rc);
	if (rc)
		return rc;
	if ((rc = store_appoint(x->s, x->c, x->rules, v, &a, &e)))
		return rk_refused(x, rc, RC_POSITION, &e, err);
	id = rk_existing(x, sql, owner, 0, a.start_on, a.position, err, &rc);
	x->written++;
	return rc ? rc : rk_remember(x, id);
}

int rk_put_departure(rk_ctx *x, cb_error *err)
{
	departure_row d = {0};
	cb_error e = {0};
	int rc;
	int64_t owner = rk_cadre_of(x, err, &rc);

	if (rc)
		return rc;
	career_code(x, RC_KIND, CE_DEPARTURE, &d.kind);
	rk_date_cell(x, RC_LEFT_ON, true, d.left_on);
	rk_text(x, RC_DECISION, d.decision, sizeof d.decision);
	rk_text(x, RC_NOTE, d.note, sizeof d.note);
	/* each reports its own problem, marking the row bad */
	if (!owner || x->row_bad)
		return CB_OK;
	d.cadre_id = owner;
	/* one departure per cadre: store_depart refuses a second one, which
	 * covers a cadre named twice in the file too */
	if ((rc = store_depart(x->s, &d, &e)))
		return rk_refused(x, rc, RC_LEFT_ON, &e, err);
	x->written++;
	return CB_OK;
}
