/* record_history.c - the change history of a cadre's record: the audit
 * trail of the record, of its ratings, trainings and planning entries and
 * of its evaluations, newest first, each update shown as "field: old ->
 * new" in the words of the record's fields.
 */
#include "screen_cadre.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "eval_store.h"
#include "fields.h"
#include "i18n.h"
#include "json.h"

#define JSON_MAX_FIELDS 48

/* The field an audit key of a cadre, rating, training or planning row
 * names, when the history shows it: not the ids, codes and versions, nor
 * the district and commune (they repeat the unit); NULL otherwise. */
static const field_def *audit_field(const char *table, const char *key)
{
	size_t n = 0;
	const field_def *t = !strcmp(table, "cadre")	  ? cadre_fields(&n)
			     : !strcmp(table, "rating")	  ? rating_fields(&n)
			     : !strcmp(table, "training") ? training_fields(&n)
			     : !strcmp(table, "planning") ? planning_fields(&n)
							  : NULL;
	const field_def *f = t ? field_by_name(t, n, key) : NULL;
	if (!f || (f->flags & FIELD_NO_SHOW) ||
	    ((f->flags & FIELD_DERIVED) && f->type == FIELD_TEXT))
		return NULL;
	return f;
}

/* A key of an evaluation's audit rows, for people. */
static const char *field_label(const char *table, const char *key)
{
	static const struct {
		const char *key, *label;
	} names[] = {
		{"year", N_("Year")},	  {"grade", N_("Rating")},
		{"kind", N_("Kind")},	  {"period", N_("Period")},
		{"score", N_("Score")},	  {"stage", N_("Stage")},
		{"reason", N_("Reason")}, {"reopen_reason", N_("Reason for reopening")},
	};
	const field_def *f = audit_field(table, key);
	if (f)
		return _(f->label);
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(names[i].key, key))
			return _(names[i].label);
	return NULL; /* internal: not shown */
}

/* A stored value as people read it: labels of enumerations, yes/no,
 * dd/mm/yyyy dates. */
static const char *value_text(const char *table, const char *key, const char *val, char *buf,
			      size_t cap)
{
	const field_def *f = audit_field(table, key);
	const char *v;
	cb_date d;
	int n;

	if (!val || !*val || !strcmp(val, "[]"))
		return "-";
	if (f && (v = field_human_of_json(f, val, buf, cap)))
		return v[0] ? v : "-";
	for (int stage = EVAL_RECORDED; !strcmp(key, "stage") && stage <= EVAL_DECIDED; stage++)
		if (!strcmp(val, eval_stage_name(stage)))
			return _(eval_stage_label(stage));
	if (!strcmp(key, "grade") && (model_value(ENUM_GRADE, val, &n) ||
				      (isdigit((unsigned char)val[0]) && (n = atoi(val), true))))
		return model_label(ENUM_GRADE, n);
	if (!strcmp(val, "true"))
		return _("Yes");
	if (!strcmp(val, "false"))
		return _("No");
	if (date_parse_iso(val, &d)) {
		date_format_vn(d, buf);
		return buf;
	}
	snprintf(buf, cap, "%s", val);
	return buf;
}

/* What an audit row says happened, as a phrase. */
static const char *event_label(const char *table, const char *action)
{
	static const struct {
		const char *table, *action, *label;
	} events[] = {
		{"cadre", "insert", N_("record created")},
		{"cadre", "update", N_("record changed")},
		{"cadre", "delete", N_("record deleted")},
		{"rating", "insert", N_("rating added")},
		{"rating", "update", N_("rating changed")},
		{"rating", "delete", N_("rating removed")},
		{"training", "insert", N_("training added")},
		{"training", "update", N_("training changed")},
		{"training", "delete", N_("training removed")},
		{"planning", "insert", N_("planning entry added")},
		{"planning", "update", N_("planning entry changed")},
		{"planning", "delete", N_("planning entry removed")},
		{"cadre", "restore", N_("record restored from the trash")},
		{"cadre", "purge", N_("record removed from the trash for good")},
		{"rating", "restore", N_("rating restored from the trash")},
		{"training", "restore", N_("training restored from the trash")},
		{"planning", "restore", N_("planning entry restored from the trash")},
		{"evaluation", "insert", N_("evaluation recorded")},
		{"evaluation", "update", N_("evaluation changed")},
		{"evaluation", "reopen", N_("evaluation reopened")},
	};
	for (size_t i = 0; i < sizeof events / sizeof events[0]; i++)
		if (!strcmp(events[i].table, table) && !strcmp(events[i].action, action))
			return _(events[i].label);
	return action;
}

/* The audit's UTC "YYYY-MM-DD HH:MM:SS" as local "dd/mm/yyyy HH:MM" (the
 * time on the office clock); shown as stored if it cannot be read. */
static void audit_time(const char *at, char *buf, size_t cap)
{
	char local[17];
	snprintf(buf, cap, "%s", date_format_utc_local(at, local) ? local : at);
}

/* One audit row: a heading line, then one line per changed field. */
static void add_audit(struct record_state *st, const audit_row *r)
{
	static json_member oldf[JSON_MAX_FIELDS], newf[JSON_MAX_FIELDS];
	int no = json_flat(r->old_json, oldf, JSON_MAX_FIELDS);
	int nn = json_flat(r->new_json, newf, JSON_MAX_FIELDS);
	char when[32];

	audit_time(r->at, when, sizeof when);
	rec_add_line(st, UI_HEADER, when, "%s: %s", r->user, event_label(r->table, r->action));
	for (int i = 0; i < nn || (nn == 0 && i < no); i++) {
		const json_member *f = nn ? &newf[i] : &oldf[i];
		const char *label = field_label(r->table, f->key);
		const char *before = nn ? json_get(oldf, no, f->key) : NULL;
		char b1[CADRE_NOTES_MAX], b2[CADRE_NOTES_MAX];

		if (!label)
			continue;
		if (!strcmp(r->action, "update") && before && !strcmp(before, f->val))
			continue;
		if (!strcmp(r->action, "update"))
			rec_add_line(st, UI_NORMAL, "", "%s: %s %s %s", label,
				     value_text(r->table, f->key, before, b1, sizeof b1),
				     ui_ascii() ? "->" : "\u2192",
				     value_text(r->table, f->key, f->val, b2, sizeof b2));
		else if (strcmp(r->table, "cadre") || !strcmp(f->key, "full_name"))
			rec_add_line(st, UI_DIM, "", "%s: %s", label,
				     value_text(r->table, f->key, f->val, b1, sizeof b1));
	}
}

/* Appends the audit rows of the cadre's evaluations to *all. */
static void merge_eval_audit(struct record_state *st, audit_row **all, size_t *n, cb_error *err)
{
	evaluation *ev = NULL;
	size_t ne = 0;

	if (eval_history(st->a->db, false, st->id, &ev, &ne, err) != CB_OK)
		return;
	for (size_t i = 0; i < ne; i++) {
		audit_row *more = NULL, *big;
		size_t m = 0;
		if (!ev[i].id ||
		    store_audit_for(st->a->db, "evaluation", ev[i].id, &more, &m, err) || m == 0) {
			free(more);
			continue;
		}
		if (!(big = realloc(*all, (*n + m) * sizeof *big))) {
			store_audit_free(more, m);
			continue;
		}
		*all = big;
		memcpy(*all + *n, more, m * sizeof *more);
		*n += m;
		free(more); /* the strings moved to *all */
	}
	free(ev);
}

/* Audit rows of the record and of its satellites, newest first. */
void rec_build_history(struct record_state *st, cb_error *err)
{
	audit_row *all = NULL;
	size_t n = 0;
	rating_row *rt = NULL;
	training_row *tr = NULL;
	planning_row *pl = NULL;
	size_t nr = 0, nt = 0, np = 0;

	if (store_audit_for(st->a->db, "cadre", st->id, &all, &n, err) != CB_OK)
		return;
	store_cadre_ratings(st->a->db, st->id, &rt, &nr, err);
	store_cadre_trainings(st->a->db, st->id, &tr, &nt, err);
	store_cadre_planning(st->a->db, st->id, &pl, &np, err);
	/* Merge the satellites' trails into one list. */
	for (int kind = 0; kind < 3; kind++) {
		size_t cnt = kind == 0 ? nr : kind == 1 ? nt : np;
		for (size_t i = 0; i < cnt; i++) {
			int64_t rid = kind == 0 ? rt[i].id : kind == 1 ? tr[i].id : pl[i].id;
			const char *tbl = kind == 0   ? "rating"
					  : kind == 1 ? "training"
						      : "planning";
			audit_row *more = NULL;
			size_t m = 0;
			if (store_audit_for(st->a->db, tbl, rid, &more, &m, err) != CB_OK ||
			    m == 0) {
				free(more);
				continue;
			}
			audit_row *big = realloc(all, (n + m) * sizeof *big);
			if (!big) {
				store_audit_free(more, m);
				continue;
			}
			all = big;
			memcpy(all + n, more, m * sizeof *more);
			n += m;
			free(more); /* the strings moved to all */
		}
	}
	free(rt);
	free(tr);
	free(pl);
	merge_eval_audit(st, &all, &n, err);
	/* Newest first: audit ids grow with time. */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && all[j].id > all[j - 1].id; j--) {
			audit_row t = all[j];
			all[j] = all[j - 1];
			all[j - 1] = t;
		}
	if (n == 0)
		rec_add_line(st, UI_DIM, "", "%s", _("No change recorded."));
	for (size_t i = 0; i < n; i++)
		add_audit(st, &all[i]);
	store_audit_free(all, n);
}