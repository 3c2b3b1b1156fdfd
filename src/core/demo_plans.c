/* demo_plans.c - the demo's action plans (kế hoạch khắc phục hạn chế,
 * khuyết điểm): for the year before last and the last year, a plan for
 * every party organisation above the cells and for every secretary and
 * deputy secretary, with items, their states and progress notes. The
 * store's bulk API has no call for plans, so they are inserted here with
 * the statements demo.c prepares inside the bulk transaction.
 */
#include <stdio.h>

#include "demo_internal.h"

static void fake_person(build *b, char *out, size_t cap)
{
	int female = chance(&b->rec, 30);
	snprintf(out, cap, "%s %s %s", pick(&b->rec, &b->surnames),
		 pick(&b->rec, female ? &b->middle_f : &b->middle_m),
		 pick(&b->rec, female ? &b->given_f : &b->given_m));
}

/* A cause that goes with the shortcoming (one draw, as a cause from the
 * general list would take); a shortcoming not in the list gets one of
 * those. */
static const char *cause_of(build *b, const char *shortcoming)
{
	const demo_list *l = b->shortcomings.list;
	for (size_t i = 0; i < l->count && i < demo_shortcoming_cause_count; i++)
		if (strcmp(l->words[i].text, shortcoming) == 0)
			return demo_shortcoming_causes[i][demo_rng_below(&b->rec, 2)];
	return pick(&b->rec, &b->causes);
}

static int add_notes(build *b, int64_t item, cb_date from, cb_date to, int count)
{
	char day[11];
	int rc = CB_OK;
	for (int i = 0; i < count && !rc && to > from; i++) {
		cb_date when = from + (cb_date)((int64_t)(to - from) * (i + 1) / (count + 1));
		iso_date(when, day);
		sqlite3_bind_int64(b->ins_note, 1, item);
		sqlite3_bind_text(b->ins_note, 2, day, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(b->ins_note, 3, "bantochuc", -1, SQLITE_STATIC);
		sqlite3_bind_text(b->ins_note, 4, pick(&b->rec, &b->progress), -1, SQLITE_STATIC);
		rc = step(b, b->ins_note, N_("Adding a progress note"));
		b->st->notes++;
	}
	return rc;
}

typedef struct item_spec {
	int64_t plan;
	int year;
	cb_date adopted;
	bool individual;
	const char *owner_name;	 /* the cadre whose plan it is, else NULL */
	const char *shortcoming; /* NULL = draw one */
	int64_t carried_from;
	int source;
} item_spec;

enum { ITEM_NOT_STARTED, ITEM_IN_PROGRESS, ITEM_REMEDIED };

/* One item: deadline 3-15 months after adoption. An item of the year
 * before last is mostly remedied by now (some are overdue), of the last
 * year mostly still open; most remedies are verified ten days or more
 * later. Returns the item's state through *state and its text through
 * text (CADRE_NOTES_MAX bytes). */
static int add_item(build *b, const item_spec *is, int *state, char *text)
{
	static const int state_old[3] = {15, 25, 60};
	static const int state_new[3] = {55, 35, 10};
	sqlite3_stmt *st = b->ins_item;
	char deadline[11], remedied[11] = "", verified_on[11] = "", who[96], charge[96],
			   verifier[96] = "";
	cb_date dl = is->adopted + 90 + (cb_date)demo_rng_below(&b->rec, 360);
	cb_date done = b->ref;
	int64_t id = ++b->item_next;
	int rc;

	*state = pick_weights(&b->rec, is->year < DEMO_LAST_YEAR ? state_old : state_new, 3);
	snprintf(text, CADRE_NOTES_MAX, "%s",
		 is->shortcoming ? is->shortcoming : pick(&b->rec, &b->shortcomings));
	iso_date(dl, deadline);
	fake_person(b, who, sizeof who);
	fake_person(b, charge, sizeof charge);
	if (*state == ITEM_REMEDIED) {
		done = is->adopted + 30 +
		       (cb_date)demo_rng_below(&b->rec, (uint32_t)(dl - is->adopted));
		if (done > b->ref)
			done = b->ref;
		iso_date(done, remedied);
		cb_date check = done + 10 + (cb_date)demo_rng_below(&b->rec, 20);
		if (chance(&b->rec, 70) && check <= b->ref) {
			fake_person(b, verifier, sizeof verifier);
			iso_date(check, verified_on);
		}
	}
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, is->plan);
	sqlite3_bind_int(st, 3, is->source);
	sqlite3_bind_text(st, 4, text, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, cause_of(b, text), -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, is->individual ? 2 : 1);
	/* a cadre answers for the items of his own plan */
	sqlite3_bind_text(st, 7,
			  !is->individual  ? ""
			  : is->owner_name ? is->owner_name
					   : who,
			  -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, pick(&b->rec, &b->measures), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, deadline, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, charge, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 11, *state);
	sqlite3_bind_text(st, 12, remedied, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 13, verifier, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 14, verified_on, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 15, verifier[0] ? "Đã khắc phục, đạt yêu cầu" : "", -1,
			  SQLITE_STATIC);
	if (is->carried_from)
		sqlite3_bind_int64(st, 16, is->carried_from);
	else
		sqlite3_bind_null(st, 16);
	if ((rc = step(b, st, N_("Adding a plan item"))))
		return rc;
	b->st->items++;
	if (*state == ITEM_NOT_STARTED)
		return CB_OK;
	return add_notes(b, id, is->adopted, done, 1 + (int)demo_rng_below(&b->rec, 2));
}

/* The name of a plan's cadre. */
static int owner_name(build *b, int64_t cadre_id, char *out, size_t cap)
{
	if (!b->cadre_name &&
	    !(b->cadre_name = prepare(b, "SELECT full_name FROM cadre WHERE id = ?")))
		return CB_EDB;
	sqlite3_bind_int64(b->cadre_name, 1, cadre_id);
	if (sqlite3_step(b->cadre_name) == SQLITE_ROW)
		snprintf(out, cap, "%s", (const char *)sqlite3_column_text(b->cadre_name, 0));
	sqlite3_reset(b->cadre_name);
	return CB_OK;
}

/* A plan of a cadre or an organisation with 1-4 items, adopted early in
 * the year after the review. carry (if not NULL) is the text of an open
 * item of last year's plan, carried in as the first item. Returns through
 * *open the id of its first item not remedied (0 if none) and its text
 * through open_text. */
static int add_plan(build *b, int64_t cadre_id, int64_t org_id, int year, const char *carry,
		    int64_t carry_from, int64_t *open, char *open_text)
{
	static const int source_w[3] = {60, 30, 10};
	static const int source_bit[3] = {1, 2, 4};
	int64_t plan = ++b->plan_next;
	cb_date adopted = date_from_ymd(year + 1, 1, 5) + (cb_date)demo_rng_below(&b->rec, 50);
	char day[11], text[CADRE_NOTES_MAX];
	int nitems = 1 + (int)demo_rng_below(&b->rec, 4), sources = 0, src[4], rc;

	char owner[CADRE_NAME_MAX] = "";
	if (cadre_id && (rc = owner_name(b, cadre_id, owner, sizeof owner)))
		return rc;
	if (adopted > b->ref) /* the last year's review: held in December */
		adopted = b->ref - 1 - (cb_date)demo_rng_below(&b->rec, 20);
	for (int i = 0; i < nitems; i++) {
		src[i] = source_bit[pick_weights(&b->rec, source_w, 3)];
		sources |= src[i];
	}
	iso_date(adopted, day);
	sqlite3_bind_int64(b->ins_plan, 1, plan);
	if (cadre_id)
		sqlite3_bind_int64(b->ins_plan, 2, cadre_id);
	else
		sqlite3_bind_null(b->ins_plan, 2);
	if (org_id)
		sqlite3_bind_int64(b->ins_plan, 3, org_id);
	else
		sqlite3_bind_null(b->ins_plan, 3);
	sqlite3_bind_int(b->ins_plan, 4, year);
	sqlite3_bind_int(b->ins_plan, 5, sources);
	sqlite3_bind_text(b->ins_plan, 6, day, -1, SQLITE_STATIC);
	if ((rc = step(b, b->ins_plan, N_("Adding an action plan"))))
		return rc;
	b->st->plans++;
	*open = 0;
	for (int i = 0; i < nitems && !rc; i++) {
		item_spec is = {plan,
				year,
				adopted,
				cadre_id != 0 || chance(&b->rec, 20),
				cadre_id ? owner : NULL,
				i == 0 ? carry : NULL,
				i == 0 ? carry_from : 0,
				src[i]};
		int state;
		rc = add_item(b, &is, &state, text);
		if (!rc && !*open && state != ITEM_REMEDIED) {
			*open = b->item_next;
			snprintf(open_text, CADRE_NOTES_MAX, "%s", text);
		}
	}
	return rc;
}

/* The owners of plans: every party organisation above the cells, then
 * every secretary and deputy secretary, in id order. */
static int plan_owners(build *b, int64_t (**out)[2], size_t *n)
{
	sqlite3_stmt *q = prepare(b, "SELECT id, 0 FROM org WHERE kind <> 7"
				     " UNION ALL SELECT 0, id FROM cadre WHERE pos_rank <= 2"
				     " ORDER BY 1, 2");
	size_t cap = 1024;
	int64_t(*owners)[2];
	int rc;

	*out = NULL;
	*n = 0;
	if (!q)
		return CB_EDB;
	if (!(owners = malloc(cap * sizeof *owners))) {
		sqlite3_finalize(q);
		return cb_error_set(b->err, CB_EDB, _("Out of memory"));
	}
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (*n == cap) {
			void *bigger = realloc(owners, 2 * cap * sizeof *owners);
			if (!bigger) {
				rc = SQLITE_NOMEM;
				break;
			}
			owners = bigger;
			cap *= 2;
		}
		owners[*n][0] = sqlite3_column_int64(q, 0);
		owners[*n][1] = sqlite3_column_int64(q, 1);
		(*n)++;
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		free(owners);
		return fail_db(b, _("Reading the database"));
	}
	*out = owners;
	return CB_OK;
}

/* Plans for the year before last and for the last year; half of the time
 * an open item of the older plan is carried into the newer one. */
int demo_build_plans(build *b)
{
	int64_t(*owners)[2];
	size_t n;
	int rc = plan_owners(b, &owners, &n);
	char *text = malloc(CADRE_NOTES_MAX), *spare = malloc(CADRE_NOTES_MAX);

	if (!rc && (!text || !spare))
		rc = cb_error_set(b->err, CB_EDB, _("Out of memory"));
	for (size_t i = 0; i < n && !rc; i++) {
		int64_t org = owners[i][0], cadre_id = owners[i][1], open, unused;
		rc = add_plan(b, cadre_id, org, DEMO_LAST_YEAR - 1, NULL, 0, &open, text);
		if (!rc && !(open && chance(&b->rec, 50)))
			open = 0;
		if (!rc)
			rc = add_plan(b, cadre_id, org, DEMO_LAST_YEAR, open ? text : NULL, open,
				      &unused, spare);
	}
	free(owners);
	free(text);
	free(spare);
	return rc;
}
