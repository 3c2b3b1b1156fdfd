/* screen_cadre.c - one cadre's record in sections: general information,
 * ratings by year, trainings, planning, action plans, change history.
 *
 * Guarantees: everything shown is read through the store when the record
 * opens and again when a view above it (the edit form) closes, so a saved
 * change shows at once, history included. The history is the audit trail
 * of the record and of its ratings, trainings and planning entries, newest
 * first, each update shown as "field: old -> new".
 */
#include "ui_listview.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "fields.h"
#include "json.h"
#include "i18n.h"
#include "career_store.h"
#include "eval_store.h"
#include "trash.h"
#include "plans.h"
#include "text.h"

enum rec_tab {
	TAB_GENERAL,
	TAB_RATINGS,
	TAB_TRAININGS,
	TAB_PLANNING,
	TAB_PLANS,
	TAB_HISTORY,
	TAB_CAREER,
	TAB_COUNT
};

static const char *const tab_names[TAB_COUNT] = {
	N_("General"),	   N_("Ratings"), N_("Trainings"), N_("Planning"),
	N_("Remediation"), N_("History"), N_("Career"),
};

struct rec_line {
	char label[96];
	char value[400];
	int role;
	/* a line showing one record of its own (a rating, a training, a
	 * planning entry, a self-check): what Del deletes there; "" elsewhere */
	const char *table;
	int64_t row;
};

struct record_state {
	app *a;
	int64_t id;
	cadre c;
	bool gone; /* deleted meanwhile */
	int tab;
	struct rec_line *lines;
	size_t n, cap;
	ui_listview *lv;
	ui_column cols[2]; /* label, value: the label as wide as the widest */
	int label_w;	   /* widest label of the section, capped */
	char title[200];
};

static void rec_layout(struct record_state *st);

/* ---- lines ---------------------------------------------------------- */

static void add_line(struct record_state *st, int role, const char *label, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void add_line(struct record_state *st, int role, const char *label, const char *fmt, ...)
{
	va_list ap;

	if (st->n == st->cap) {
		size_t nc = st->cap ? st->cap * 2 : 32;
		struct rec_line *p = realloc(st->lines, nc * sizeof *p);
		if (!p)
			return;
		st->lines = p;
		st->cap = nc;
	}
	struct rec_line *l = &st->lines[st->n++];
	snprintf(l->label, sizeof l->label, "%s", label ? label : "");
	va_start(ap, fmt);
	vsnprintf(l->value, sizeof l->value, fmt, ap);
	va_end(ap);
	l->role = role;
	l->table = "";
	l->row = 0;
}

/* Marks the line just added as showing row `row` of `table`. */
static void tag_line(struct record_state *st, const char *table, int64_t row)
{
	if (st->n) {
		st->lines[st->n - 1].table = table;
		st->lines[st->n - 1].row = row;
	}
}

static void career_line(void *ctx, int role, const char *label, const char *text)
{
	add_line(ctx, role, label, "%s", text);
}

/* The fields people read, from the cadre's table (fields.h): the birth
 * date with the age, "-" for what is empty, the district only where there
 * is one. */
static void build_general(struct record_state *st)
{
	const cadre *c = &st->c;
	char val[CADRE_NOTES_MAX];
	size_t n;
	const field_def *t = cadre_fields(&n);
	cb_date bd;

	for (size_t i = 0; i < n; i++) {
		const field_def *f = &t[i];
		if (f->flags & FIELD_NO_SHOW)
			continue;
		const char *v = field_format(f, c, FIELD_HUMAN, val, sizeof val);
		if (f->id == CADRE_F_DISTRICT && !v[0])
			continue;
		if (f->id == CADRE_F_BIRTH_DATE && date_parse_iso(c->birth_date, &bd))
			add_line(st, UI_NORMAL, _(f->label), "%s (%d %s)", v,
				 date_age(bd, st->a->today), _("years old"));
		else
			add_line(st, UI_NORMAL, _(f->label), "%s", v[0] ? v : "-");
	}
	ui_career_lines(st->a, c, career_line, st);
}

/* The yearly ratings (each can be sent to the trash), then the
 * evaluations period by period with their score and the grade by the
 * rules. */
static void build_evaluations(struct record_state *st, cb_error *err)
{
	evaluation *r = NULL;
	size_t n = 0, shown = 0;

	if (eval_history(st->a->db, false, st->id, &r, &n, err) != CB_OK)
		return;
	for (size_t i = 0; i < n; i++) {
		char points[32] = "", rules[160] = "", score[16];
		const evaluation *e = &r[i];
		if (e->from_rating)
			continue;
		if (!shown++)
			add_line(st, UI_HEADER, "", "%s", _("Evaluations"));
		if (e->score >= 0)
			snprintf(points, sizeof points, _("%s points"),
				 eval_score_format(e->score, score));
		if (e->computed)
			snprintf(rules, sizeof rules, _("by the rules: %s"),
				 model_label(ENUM_GRADE, e->computed));
		add_line(st, !e->grade || GRADE_GOOD_OR_BETTER(e->grade) ? UI_NORMAL : UI_WARN,
			 e->period.key, "%s%s%s%s%s",
			 e->grade ? model_label(ENUM_GRADE, e->grade) : _("not decided"),
			 points[0] ? ", " : "", points, rules[0] ? ", " : "", rules);
	}
	free(r);
}

static void build_ratings(struct record_state *st, cb_error *err)
{
	rating_row *r = NULL;
	size_t n = 0;

	if (store_cadre_ratings(st->a->db, st->id, &r, &n, err) != CB_OK)
		return;
	if (n == 0)
		add_line(st, UI_DIM, "", _("No rating recorded. Press %s to add one."),
			 ui_keys_label_for(UI_CTX_RECORD, UI_ACT_RATE));
	for (size_t i = 0; i < n; i++) {
		char y[16];
		snprintf(y, sizeof y, "%d", r[i].year);
		add_line(st, GRADE_GOOD_OR_BETTER(r[i].grade) ? UI_NORMAL : UI_WARN, y, "%s",
			 model_label(ENUM_GRADE, r[i].grade));
		tag_line(st, "rating", r[i].id);
	}
	free(r);
	build_evaluations(st, err);
}

static void build_trainings(struct record_state *st, cb_error *err)
{
	training_row *t = NULL;
	size_t n = 0;

	if (store_cadre_trainings(st->a->db, st->id, &t, &n, err) != CB_OK)
		return;
	if (n == 0)
		add_line(st, UI_DIM, "", _("No training recorded. Press %s to add one."),
			 ui_keys_label_for(UI_CTX_RECORD, UI_ACT_TRAINING));
	for (size_t i = 0; i < n; i++) {
		char y[16];
		snprintf(y, sizeof y, "%d", t[i].year);
		add_line(st, UI_NORMAL, y, "%s: %s", model_label(ENUM_TRAINING, t[i].kind),
			 t[i].course);
		tag_line(st, "training", t[i].id);
	}
	free(t);
}

static void build_planning(struct record_state *st, cb_error *err)
{
	planning_row *p = NULL;
	size_t n = 0;

	if (store_cadre_planning(st->a->db, st->id, &p, &n, err) != CB_OK)
		return;
	if (n == 0)
		add_line(st, UI_DIM, "", _("Not in a planning pool. Press %s to add an entry."),
			 ui_keys_label_for(UI_CTX_RECORD, UI_ACT_PLANNING));
	for (size_t i = 0; i < n; i++) {
		add_line(st, UI_NORMAL, p[i].term, "%s", p[i].position);
		tag_line(st, "planning", p[i].id);
	}
	free(p);
}

/* The cadre's plans, newest year first: items remedied of all, overdue
 * ones marked so that they read in monochrome too. */
/* The monthly self-checks, one line each (Del there deletes it). */
static void build_selfchecks(struct record_state *st, cb_error *err)
{
	selfcheck *sc = NULL;
	size_t n = 0;

	if (selfcheck_history(st->a->db, st->id, &sc, &n, err) != CB_OK || n == 0) {
		free(sc);
		return;
	}
	add_line(st, UI_HEADER, _("Self-check"), _("%zu months recorded"), n);
	for (size_t i = 0; i < n; i++) {
		char month[16];
		int y = 0, m = 0, flagged = sc[i].flagged[0] ? 1 : 0;
		sscanf(sc[i].month, "%d-%d", &y, &m);
		snprintf(month, sizeof month, "%02d/%d", m, y);
		for (const char *c = sc[i].flagged; *c; c++)
			flagged += *c == ',';
		/* the note last: cut at the line's end if long */
		add_line(st, flagged ? UI_WARN : UI_NORMAL, month, "%s %d%s%s%s%s%s",
			 _("Manifestations noticed:"), flagged, flagged ? " (" : "", sc[i].flagged,
			 flagged ? ")" : "", sc[i].note[0] ? "; " : "", sc[i].note);
		tag_line(st, "selfcheck", sc[i].id);
	}
	free(sc);
}

static void build_plans(struct record_state *st, cb_error *err)
{
	plans_query q;
	plan *p = NULL;
	size_t n = 0;

	plans_query_init(&q, st->a->today);
	q.cadre_id = st->id;
	if (plans_list(st->a->db, &q, &p, &n, err) != CB_OK)
		return;
	if (n == 0)
		add_line(st, UI_DIM, "", "%s", _("No action plan recorded."));
	for (size_t i = 0; i < n; i++) {
		char y[16];
		snprintf(y, sizeof y, "%d", p[i].year);
		if (p[i].overdue)
			add_line(st, UI_WARN, y, _("%d of %d items remedied, %d overdue %s"),
				 p[i].remedied, p[i].items, p[i].overdue, ui_glyph(UI_G_WARN));
		else
			add_line(st, UI_NORMAL, y, _("%d of %d items remedied"), p[i].remedied,
				 p[i].items);
	}
	free(p);
	if (ui_screen_links()->cadre_plans)
		add_line(st, UI_DIM, "", _("Press %s to open this cadre's action plans."),
			 ui_keys_label_for(UI_CTX_RECORD, UI_ACT_OPEN));
	build_selfchecks(st, err);
}

/* ---- history -------------------------------------------------------- */

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
	add_line(st, UI_HEADER, when, "%s: %s", r->user, event_label(r->table, r->action));
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
			add_line(st, UI_NORMAL, "", "%s: %s %s %s", label,
				 value_text(r->table, f->key, before, b1, sizeof b1),
				 ui_ascii() ? "->" : "\u2192",
				 value_text(r->table, f->key, f->val, b2, sizeof b2));
		else if (strcmp(r->table, "cadre") || !strcmp(f->key, "full_name"))
			add_line(st, UI_DIM, "", "%s: %s", label,
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
static void build_history(struct record_state *st, cb_error *err)
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
		add_line(st, UI_DIM, "", "%s", _("No change recorded."));
	for (size_t i = 0; i < n; i++)
		add_audit(st, &all[i]);
	store_audit_free(all, n);
}

/* The posts, newest first with the current one at the top, how the cadre
 * left the list, and the disciplines (record_career.c sums them up on the
 * General section). */
static void build_career(struct record_state *st, cb_error *err)
{
	appointment_row *ap = NULL;
	discipline_row *dv = NULL;
	departure_row dep;
	size_t na = 0, nd = 0;
	char d1[11], d2[11], form[96];

	if (store_appointments(st->a->db, st->id, &ap, &na, err) != CB_OK)
		return;
	add_line(st, UI_HEADER, "", "%s", _("Posts"));
	if (na == 0)
		add_line(st, UI_DIM, "", "%s",
			 _("No appointment recorded: the post is the record's position."));
	for (size_t i = 0; i < na; i++) {
		const appointment_row *a = &ap[i];
		add_line(st, a->end_reason ? UI_DIM : UI_NORMAL,
			 a->start_on[0] ? date_iso_to_vn(a->start_on, d1) : "?", "%s · %s%s%s%s%s",
			 a->position, career_enum_label(CE_APPT_KIND, a->kind),
			 a->decision[0] ? " · " : "", a->decision,
			 a->end_reason	  ? " · "
			 : a->term_end[0] ? _(" · term to ")
					  : "",
			 a->end_reason	  ? career_enum_label(CE_APPT_END, a->end_reason)
			 : a->term_end[0] ? date_iso_to_vn(a->term_end, d2)
					  : "");
	}
	free(ap);
	if (store_departure_get(st->a->db, st->id, &dep, err) == CB_OK)
		add_line(st, UI_WARN, date_iso_to_vn(dep.left_on, d1), _("Left the list: %s"),
			 career_enum_label(CE_DEPARTURE, dep.kind));
	cb_error_clear(err);
	if (store_disciplines(st->a->db, st->id, 0, 0, 0, &dv, &nd, err) != CB_OK)
		return;
	add_line(st, UI_HEADER, "", "%s", _("Disciplines"));
	if (nd == 0)
		add_line(st, UI_DIM, "", "%s", _("No discipline recorded."));
	for (size_t i = 0; i < nd; i++) {
		const discipline_row *d = &dv[i];
		add_line(st, d->annulled_on[0] ? UI_DIM : UI_WARN,
			 date_iso_to_vn(d->announced_on, d1), "%s · %s%s%s",
			 disc_form_title(d->form, form, sizeof form), d->decision,
			 d->annulled_on[0] ? _(" · annulled") : "", "");
	}
	free(dv);
}

/* ---- loading -------------------------------------------------------- */

static void rec_build(struct record_state *st)
{
	cb_error err = {0};

	st->n = 0;
	if (st->gone) {
		add_line(st, UI_WARN, "", "%s", _("This record no longer exists."));
	} else {
		switch (st->tab) {
		case TAB_GENERAL:
			build_general(st);
			break;
		case TAB_RATINGS:
			build_ratings(st, &err);
			break;
		case TAB_TRAININGS:
			build_trainings(st, &err);
			break;
		case TAB_PLANNING:
			build_planning(st, &err);
			break;
		case TAB_PLANS:
			build_plans(st, &err);
			break;
		case TAB_CAREER:
			build_career(st, &err);
			break;
		default:
			build_history(st, &err);
			break;
		}
	}
	if (err.code)
		add_line(st, UI_ERROR, "", "%s", err.msg);
	st->label_w = 0;
	for (size_t i = 0; i < st->n; i++)
		if (st->lines[i].role != UI_HEADER && text_width(st->lines[i].label) > st->label_w)
			st->label_w = text_width(st->lines[i].label);
	st->label_w += 2;
	ui_listview_set_rows(st->lv, st->lines, st->n, NULL);
	rec_layout(st);
}

static void rec_load(struct record_state *st)
{
	cb_error err = {0};
	int rc = store_cadre_get(st->a->db, st->id, &st->c, &err);

	st->gone = rc != CB_OK;
	if (rc != CB_OK && rc != CB_NOT_FOUND)
		ui_flash(UI_ERROR, "%s", err.msg);
	snprintf(st->title, sizeof st->title, "%s", st->gone ? _("Cadre record") : st->c.full_name);
	rec_build(st);
}

/* ---- drawing -------------------------------------------------------- */

static int line_role(void *ctx, const void *row)
{
	(void)ctx;
	return ((const struct rec_line *)row)->role;
}

/* Headings (a change in the history: its time, then who and what) and
 * messages run across the row. */
static int span_line(void *ctx, const void *row, char *buf, size_t cap)
{
	const struct rec_line *l = row;
	size_t len;

	(void)ctx;
	if (l->role == UI_HEADER) {
		len = text_fit(l->label, 18, true, false, buf, cap);
		snprintf(buf + len, cap - len, "%s", l->value);
		return UI_HEADER;
	}
	if (!l->label[0] && l->role != UI_NORMAL) {
		snprintf(buf, cap, "%s", l->value);
		return l->role;
	}
	return -1;
}

/* The label column as wide as the widest label, up to 2/5 of the row,
 * with a blank column after it. */
static void rec_columns(struct record_state *st)
{
	ui_rect b = ui_body();
	int lw = st->label_w < (b.w - 2) * 2 / 5 ? st->label_w : (b.w - 2) * 2 / 5;

	st->cols[0] = (ui_column){"",	    lw > 1 ? lw - 1 : 1,
				  0,	    0,
				  OUT_LEFT, OUT_STR,
				  NULL,	    UI_TEXT_AT(struct rec_line, label),
				  UI_DIM};
	st->cols[1] = (ui_column){
		"", 1, 1, 0, OUT_LEFT, OUT_STR, NULL, UI_TEXT_AT(struct rec_line, value), 0};
}

static void rec_layout(struct record_state *st)
{
	ui_rect b = ui_body();
	ui_rect r = {b.y + 2, 0, b.h - 2, b.w - 1};

	rec_columns(st);
	ui_listview_set_rect(st->lv, r);
}

static void draw_tabs(struct record_state *st)
{
	ui_rect b = ui_body();
	int x = 1;

	ui_fill(stdscr, b.y, 0, b.w, UI_NORMAL);
	if (!st->gone) {
		char head[400], d[11];
		date_iso_to_vn(st->c.birth_date, d);
		snprintf(head, sizeof head, "%s  %s  %s  %s", st->c.full_name, d, st->c.position,
			 st->c.unit_name);
		ui_put(stdscr, b.y, 1, b.w - 2, head, UI_HEADER);
	}
	ui_fill(stdscr, b.y + 1, 0, b.w, UI_NORMAL);
	/* Every tab with its name if they fit, padded; else packed closer;
	 * else only the active one named. */
	int total = 0, names = 0;
	for (int t = 0; t < TAB_COUNT; t++)
		names += text_width(_(tab_names[t]));
	total = names + 5 * TAB_COUNT;
	bool packed = total > b.w - 1 && names + 3 * TAB_COUNT <= b.w - 1;
	for (int t = 0; t < TAB_COUNT && x < b.w; t++) {
		char lab[80];
		if (packed)
			snprintf(lab, sizeof lab, "%d %s", t + 1, _(tab_names[t]));
		else if (total <= b.w - 1 || t == st->tab)
			snprintf(lab, sizeof lab, " %d %s ", t + 1, _(tab_names[t]));
		else
			snprintf(lab, sizeof lab, " %d ", t + 1);
		x += ui_put_short(stdscr, b.y + 1, x, b.w - x, lab,
				  t == st->tab ? UI_TAB_ACTIVE : UI_TAB);
		x++;
	}
}

static void rec_draw(ui_view *v, bool full)
{
	struct record_state *st = v->state;
	if (full)
		draw_tabs(st);
	ui_listview_draw(st->lv, full);
}

static const char *rec_title(ui_view *v)
{
	struct record_state *st = v->state;
	return st->title;
}

static void rec_status(ui_view *v, char *buf, size_t cap)
{
	struct record_state *st = v->state;
	snprintf(buf, cap, " %s: %s   %s %lld", _("Section"), _(tab_names[st->tab]), _("version"),
		 (long long)st->c.version);
}

/* ---- actions -------------------------------------------------------- */

bool ui_may_edit(app *a)
{
	if (app_may(a, CFG_RIGHT_EDIT))
		return true;
	ui_flash(UI_ERROR, _("User %s may not change data in this office"), a->user);
	return false;
}

/* Reads the row afresh so the question names what is really there, and
 * deletes at that version: a change saved meanwhile makes it refuse. */
bool ui_delete_cadre(app *a, int64_t cadre_id)
{
	cadre *c = calloc(1, sizeof *c);
	trash_effect *e = calloc(1, sizeof *e);
	cb_error err = {0};
	char q[1024], who[CADRE_NAME_MAX + 160], d[11];
	bool deleted = false;

	if (!c || !e || !ui_may_edit(a))
		goto out;
	if (store_cadre_get(a->db, cadre_id, c, &err) != CB_OK ||
	    trash_effect_of(a->db, "cadre", cadre_id, e, &err) != CB_OK) {
		ui_flash(UI_ERROR, "%s", err.msg);
		goto out;
	}
	date_iso_to_vn(c->birth_date, d);
	snprintf(who, sizeof who, _("%s (born %s, %s)"), c->full_name, d, c->unit_name);
	trash_effect_question(e, who, q, sizeof q);
	if (!ui_confirm(q))
		goto out;
	if (store_cadre_delete(a->db, c->id, c->version, &err) != CB_OK) {
		ui_message(_("Not deleted"), err.msg);
		goto out;
	}
	ui_flash(UI_GOOD, _("%s was moved to the trash."), c->full_name);
	deleted = true;
out:
	free(e);
	free(c);
	return deleted;
}

/* Del on a line showing a rating, a training or a planning entry deletes
 * that one (to the trash, asked with its whole effect). */
static void delete_line(struct record_state *st, const struct rec_line *l)
{
	trash_effect e;
	char what[TRASH_SUMMARY_MAX + 64], q[1024];
	cb_error err = {0};

	if (!ui_may_edit(st->a))
		return;
	if (trash_effect_of(st->a->db, l->table, l->row, &e, &err) != CB_OK) {
		ui_message(_("Not deleted"), err.msg);
	} else {
		snprintf(what, sizeof what, "%s: %s", trash_kind_label(l->table), e.summary);
		trash_effect_question(&e, what, q, sizeof q);
		if (!ui_confirm(q))
			return;
		if (trash_delete(st->a->db, l->table, l->row, 0, NULL, &err) != CB_OK)
			ui_message(_("Not deleted"), err.msg);
		else
			ui_flash(UI_GOOD, _("%s was moved to the trash."), what);
	}
	rec_load(st);
}

static int delete_record(struct record_state *st)
{
	const struct rec_line *l = ui_listview_selected(st->lv);

	if (l && l->table[0]) {
		delete_line(st, l);
		return UI_HANDLED;
	}
	if (ui_delete_cadre(st->a, st->id))
		return UI_CLOSE;
	rec_load(st);
	return UI_HANDLED;
}

static void switch_tab(struct record_state *st, int tab)
{
	st->tab = (tab + TAB_COUNT) % TAB_COUNT;
	ui_listview_set_rows(st->lv, NULL, 0, NULL); /* a new section starts at its top */
	rec_build(st);
	ui_invalidate();
}

static int rec_key(ui_view *v, int action, ui_key key)
{
	struct record_state *st = v->state;

	if (ui_list_move(ui_listview_list(st->lv), action))
		return UI_HANDLED;
	if (action == UI_ACT_SECTION && key >= '1' && key < '1' + TAB_COUNT) {
		switch_tab(st, key - '1');
		return UI_HANDLED;
	}
	if (st->gone && action != UI_ACT_TAB_NEXT && action != UI_ACT_TAB_PREV)
		return UI_UNHANDLED;
	switch (action) {
	case UI_ACT_TAB_NEXT:
		switch_tab(st, st->tab + 1);
		return UI_HANDLED;
	case UI_ACT_TAB_PREV:
		switch_tab(st, st->tab - 1);
		return UI_HANDLED;
	case UI_ACT_EDIT:
		ui_open_cadre_form(st->a, st->id);
		return UI_HANDLED;
	case UI_ACT_DELETE:
		return delete_record(st);
	case UI_ACT_RATE:
		if (ui_may_edit(st->a))
			ui_open_rating_form(st->a, st->id, NULL);
		return UI_HANDLED;
	case UI_ACT_TRAINING:
		if (ui_may_edit(st->a))
			ui_open_training_form(st->a, st->id, NULL);
		return UI_HANDLED;
	case UI_ACT_PLANNING:
		if (ui_may_edit(st->a))
			ui_open_planning_form(st->a, st->id, NULL);
		return UI_HANDLED;
	case UI_ACT_OPEN:
		if (st->tab == TAB_PLANS && ui_screen_links()->cadre_plans)
			ui_screen_links()->cadre_plans(st->a, st->id);
		return UI_HANDLED;
	default:
		return UI_UNHANDLED;
	}
}

static void rec_resize(ui_view *v)
{
	rec_layout(v->state);
}

static void rec_reveal(ui_view *v)
{
	rec_load(v->state);
}

static void rec_close(ui_view *v)
{
	struct record_state *st = v->state;
	ui_listview_free(st->lv);
	free(st->lines);
	free(st);
}

static const ui_view_ops record_ops = {
	.name = "cadre",
	.context = UI_CTX_RECORD,
	.title = rec_title,
	.draw = rec_draw,
	.key = rec_key,
	.resize = rec_resize,
	.status = rec_status,
	.reveal = rec_reveal,
	.close = rec_close,
};

int ui_open_cadre(app *a, int64_t cadre_id)
{
	ui_listview_def record_list_def = {
		.ncols = 2, .span = span_line, .tone = line_role, .no_heading = true};
	struct record_state *st = calloc(1, sizeof *st);

	if (!st)
		return CB_EDB;
	st->a = a;
	st->id = cadre_id;
	record_list_def.cols = st->cols;
	rec_columns(st);
	st->lv = ui_listview_new_array(&record_list_def, sizeof(struct rec_line), st);
	if (!st->lv) {
		free(st);
		return CB_EDB;
	}
	rec_layout(st);
	rec_load(st);
	return ui_view_push(&record_ops, st) ? CB_OK : CB_EDB;
}
