/* record_sections.c - the lines of a cadre record's sections: general
 * information, ratings and evaluations by period, trainings, planning,
 * remediation plans and self-checks, career (posts, departure,
 * disciplines). Each builder reads through the store and appends lines;
 * a line showing one row of its own is tagged so Del can delete it.
 */
#include "screen_cadre.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "career_store.h"
#include "date.h"
#include "eval_store.h"
#include "fields.h"
#include "i18n.h"
#include "plans.h"
#include "ui_screens.h"

void rec_add_line(struct record_state *st, int role, const char *label, const char *fmt, ...)
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
void rec_tag_line(struct record_state *st, const char *table, int64_t row)
{
	if (st->n) {
		st->lines[st->n - 1].table = table;
		st->lines[st->n - 1].row = row;
	}
}

static void career_line(void *ctx, int role, const char *label, const char *text)
{
	rec_add_line(ctx, role, label, "%s", text);
}

/* The fields people read, from the cadre's table (fields.h): the birth
 * date with the age, then the retirement date and any discipline in force
 * (the career lines: they must be seen without scrolling, on 24 lines),
 * "-" for what is empty, the district only where there is one. */
void rec_build_general(struct record_state *st)
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
			rec_add_line(st, UI_NORMAL, _(f->label), "%s (%d %s)", v,
				     date_age(bd, st->a->today), _("years old"));
		else
			rec_add_line(st, UI_NORMAL, _(f->label), "%s", v[0] ? v : "-");
		if (f->id == CADRE_F_BIRTH_DATE)
			ui_career_lines(st->a, c, career_line, st);
	}
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
			rec_add_line(st, UI_HEADER, "", "%s", _("Evaluations"));
		if (e->score >= 0)
			snprintf(points, sizeof points, _("%s points"),
				 eval_score_label(e->score, score));
		if (e->computed)
			snprintf(rules, sizeof rules, _("by the rules: %s"),
				 model_label(ENUM_GRADE, e->computed));
		rec_add_line(st, !e->grade || GRADE_GOOD_OR_BETTER(e->grade) ? UI_NORMAL : UI_WARN,
			     e->period.key, "%s%s%s%s%s",
			     e->grade ? model_label(ENUM_GRADE, e->grade) : _("not decided"),
			     points[0] ? ", " : "", points, rules[0] ? ", " : "", rules);
	}
	free(r);
}

void rec_build_ratings(struct record_state *st, cb_error *err)
{
	rating_row *r = NULL;
	size_t n = 0;

	if (store_cadre_ratings(st->a->db, st->id, &r, &n, err) != CB_OK)
		return;
	if (n == 0)
		rec_add_line(st, UI_DIM, "", _("No rating recorded. Press %s to add one."),
			     ui_keys_label_for(UI_CTX_RECORD, UI_ACT_RATE));
	for (size_t i = 0; i < n; i++) {
		char y[16];
		snprintf(y, sizeof y, "%d", r[i].year);
		rec_add_line(st, GRADE_GOOD_OR_BETTER(r[i].grade) ? UI_NORMAL : UI_WARN, y, "%s",
			     model_label(ENUM_GRADE, r[i].grade));
		rec_tag_line(st, "rating", r[i].id);
	}
	free(r);
	build_evaluations(st, err);
}

void rec_build_trainings(struct record_state *st, cb_error *err)
{
	training_row *t = NULL;
	size_t n = 0;

	if (store_cadre_trainings(st->a->db, st->id, &t, &n, err) != CB_OK)
		return;
	if (n == 0)
		rec_add_line(st, UI_DIM, "", _("No training recorded. Press %s to add one."),
			     ui_keys_label_for(UI_CTX_RECORD, UI_ACT_TRAINING));
	for (size_t i = 0; i < n; i++) {
		char y[16];
		snprintf(y, sizeof y, "%d", t[i].year);
		rec_add_line(st, UI_NORMAL, y, "%s: %s", model_label(ENUM_TRAINING, t[i].kind),
			     t[i].course);
		rec_tag_line(st, "training", t[i].id);
	}
	free(t);
}

void rec_build_planning(struct record_state *st, cb_error *err)
{
	planning_row *p = NULL;
	size_t n = 0;

	if (store_cadre_planning(st->a->db, st->id, &p, &n, err) != CB_OK)
		return;
	if (n == 0)
		rec_add_line(st, UI_DIM, "", _("Not in a planning pool. Press %s to add an entry."),
			     ui_keys_label_for(UI_CTX_RECORD, UI_ACT_PLANNING));
	for (size_t i = 0; i < n; i++) {
		rec_add_line(st, UI_NORMAL, p[i].term, "%s", p[i].position);
		rec_tag_line(st, "planning", p[i].id);
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
	rec_add_line(st, UI_HEADER, _("Self-check"), _("%zu months recorded"), n);
	for (size_t i = 0; i < n; i++) {
		char month[16];
		int y = 0, m = 0, flagged = sc[i].flagged[0] ? 1 : 0;
		sscanf(sc[i].month, "%d-%d", &y, &m);
		snprintf(month, sizeof month, "%02d/%d", m, y);
		for (const char *c = sc[i].flagged; *c; c++)
			flagged += *c == ',';
		/* the note last: cut at the line's end if long */
		rec_add_line(st, flagged ? UI_WARN : UI_NORMAL, month, "%s %d%s%s%s%s%s",
			     _("Manifestations noticed:"), flagged, flagged ? " (" : "",
			     sc[i].flagged, flagged ? ")" : "", sc[i].note[0] ? "; " : "",
			     sc[i].note);
		rec_tag_line(st, "selfcheck", sc[i].id);
	}
	free(sc);
}

void rec_build_plans(struct record_state *st, cb_error *err)
{
	plans_query q;
	plan *p = NULL;
	size_t n = 0;

	plans_query_init(&q, st->a->today);
	q.cadre_id = st->id;
	if (plans_list(st->a->db, &q, &p, &n, err) != CB_OK)
		return;
	if (n == 0)
		rec_add_line(st, UI_DIM, "", "%s", _("No action plan recorded."));
	for (size_t i = 0; i < n; i++) {
		char y[16];
		snprintf(y, sizeof y, "%d", p[i].year);
		if (p[i].overdue)
			rec_add_line(st, UI_WARN, y, _("%d of %d items remedied, %d overdue %s"),
				     p[i].remedied, p[i].items, p[i].overdue, ui_glyph(UI_G_WARN));
		else
			rec_add_line(st, UI_NORMAL, y, _("%d of %d items remedied"), p[i].remedied,
				     p[i].items);
	}
	free(p);
	if (ui_screen_links()->cadre_plans)
		rec_add_line(st, UI_DIM, "", _("Press %s to open this cadre's action plans."),
			     ui_keys_label_for(UI_CTX_RECORD, UI_ACT_OPEN));
	build_selfchecks(st, err);
}

/* The posts, newest first with the current one at the top, how the cadre
 * left the list, and the disciplines (record_career.c sums them up on the
 * General section). */
void rec_build_career(struct record_state *st, cb_error *err)
{
	appointment_row *ap = NULL;
	discipline_row *dv = NULL;
	departure_row dep;
	size_t na = 0, nd = 0;
	char d1[11], d2[11], form[96];

	if (store_appointments(st->a->db, st->id, &ap, &na, err) != CB_OK)
		return;
	rec_add_line(st, UI_HEADER, "", "%s", _("Posts"));
	if (na == 0)
		rec_add_line(st, UI_DIM, "", "%s",
			     _("No appointment recorded: the post is the record's position."));
	for (size_t i = 0; i < na; i++) {
		const appointment_row *a = &ap[i];
		rec_add_line(st, a->end_reason ? UI_DIM : UI_NORMAL,
			     a->start_on[0] ? date_iso_to_vn(a->start_on, d1) : "?",
			     "%s · %s%s%s%s%s", a->position,
			     career_enum_label(CE_APPT_KIND, a->kind), a->decision[0] ? " · " : "",
			     a->decision,
			     a->end_reason    ? " · "
			     : a->term_end[0] ? _(" · term to ")
					      : "",
			     a->end_reason    ? career_enum_label(CE_APPT_END, a->end_reason)
			     : a->term_end[0] ? date_iso_to_vn(a->term_end, d2)
					      : "");
	}
	free(ap);
	if (store_departure_get(st->a->db, st->id, &dep, err) == CB_OK)
		rec_add_line(st, UI_WARN, date_iso_to_vn(dep.left_on, d1), _("Left the list: %s"),
			     career_enum_label(CE_DEPARTURE, dep.kind));
	cb_error_clear(err);
	if (store_disciplines(st->a->db, st->id, 0, 0, 0, &dv, &nd, err) != CB_OK)
		return;
	rec_add_line(st, UI_HEADER, "", "%s", _("Disciplines"));
	if (nd == 0)
		rec_add_line(st, UI_DIM, "", "%s", _("No discipline recorded."));
	for (size_t i = 0; i < nd; i++) {
		const discipline_row *d = &dv[i];
		rec_add_line(st, d->annulled_on[0] ? UI_DIM : UI_WARN,
			     date_iso_to_vn(d->announced_on, d1), "%s · %s%s%s",
			     disc_form_title(d->form, form, sizeof form), d->decision,
			     d->annulled_on[0] ? _(" · annulled") : "", "");
	}
	free(dv);
}