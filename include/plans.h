/* plans.h - remediation action plans after the yearly self-criticism and
 * criticism review (kế hoạch khắc phục hạn chế, khuyết điểm), and the
 * monthly self-check against the manifestations of degradation.
 *
 * A plan belongs to one organisation or one cadre and one review year (the
 * plan "after the review of 2024" has year 2024). Its items each name a
 * shortcoming, its cause, who is responsible, the measures, a deadline and
 * a state; progress notes are appended, never edited; the superior
 * organisation verifies remedied items.
 *
 * What the user sees as an item's status is derived, never stored:
 *   - remedied     state is "remedied" (even if remedied after the deadline);
 *   - carried      not remedied, and copied into the owner's next plan;
 *   - overdue      not remedied, not carried, and deadline < reference date
 *                  (on the deadline day itself the item is not yet overdue);
 *   - otherwise the stored state: not started / in progress.
 * An item without a deadline is never overdue.
 *
 * Every write is one BEGIN IMMEDIATE transaction with its audit row(s);
 * updates name the version they were read at and fail with CB_ESTALE when
 * someone saved first. Dates are ISO text (YYYY-MM-DD). The core never
 * prints: errors come back in cb_error, translated.
 */
#ifndef CANBO_PLANS_H
#define CANBO_PLANS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "date.h"
#include "error.h"
#include "model.h"
#include "store.h"

/* Where the shortcomings come from; a plan holds a bit set of them, an
 * item one of them. X(value, cli name, English label) */
#define PLAN_SOURCE_LIST(X)                                                                        \
	X(1, "self", "Self-identified at the year-end review")                                     \
	X(2, "superior", "Pointed out by the superior")                                            \
	X(4, "suggested", "Suggested for review")

/* The stored state of an item. */
#define PLAN_STATE_LIST(X)                                                                         \
	X(0, "not-started", "Not started")                                                         \
	X(1, "in-progress", "In progress")                                                         \
	X(2, "remedied", "Remedied")

/* Who bears the responsibility for a shortcoming. */
#define PLAN_RESP_LIST(X)                                                                          \
	X(1, "collective", "Collective")                                                           \
	X(2, "individual", "Individual")

/* The derived status shown to users (see the top of this file). */
#define PLAN_STATUS_LIST(X)                                                                        \
	X(0, "not-started", "Not started")                                                         \
	X(1, "in-progress", "In progress")                                                         \
	X(2, "remedied", "Remedied")                                                               \
	X(3, "overdue", "Overdue")                                                                 \
	X(4, "carried", "Carried over")

enum plan_state { PLAN_NOT_STARTED = 0, PLAN_IN_PROGRESS = 1, PLAN_REMEDIED = 2 };
enum plan_status {
	PLAN_ST_NOT_STARTED,
	PLAN_ST_IN_PROGRESS,
	PLAN_ST_REMEDIED,
	PLAN_ST_OVERDUE,
	PLAN_ST_CARRIED
};
enum plan_resp { PLAN_COLLECTIVE = 1, PLAN_INDIVIDUAL = 2 };
#define PLAN_SOURCES_ALL 7

enum plans_enum { PLANS_SOURCE, PLANS_STATE, PLANS_RESP, PLANS_STATUS, PLANS_ENUM_COUNT };

/* Same contract as model_choices / model_label / model_name / model_value. */
const model_choice *plans_choices(enum plans_enum e, int *n);
const char *plans_label(enum plans_enum e, int value);
const char *plans_name(enum plans_enum e, int value);
bool plans_value(enum plans_enum e, const char *name, int *value);

/* "self,superior" <-> bits; parse accepts names separated by commas.
 * Format writes the names (or the translated labels if labels is true,
 * separated by "; ") into buf. */
bool plans_sources_parse(const char *s, int *bits);
void plans_sources_format(int bits, bool labels, char *buf, size_t cap);

/* Sizes of the text fields in bytes, NUL included. Longer input is refused
 * with a message, never cut. */
#define PLAN_TEXT_MAX  1024 /* shortcoming, cause, measures, conclusion */
#define PLAN_WHO_MAX   256  /* responsible person(s), person in charge */
#define PLAN_NOTE_MAX  2048 /* one progress note */
#define PLAN_OWNER_MAX 256

/* Copies outside input (a command-line argument, a form field) into a
 * field buffer of cap bytes, refusing with a message naming the field
 * instead of cutting what does not fit. */
int plans_copy_field(char *dst, size_t cap, const char *src, const char *field, cb_error *err);

typedef struct plan {
	int64_t id, version;
	int64_t cadre_id, org_id; /* exactly one is non-zero */
	int year;		  /* year of the review, 2000..2100 */
	int sources;		  /* PLAN_SOURCE bits, at least one */
	char adopted_on[11];	  /* "" = drafted, not adopted yet */
	/* read-only, filled by reads: */
	char owner[PLAN_OWNER_MAX]; /* cadre's full name or organisation name */
	char unit_code[16], unit_name[128];
	char district_code[16], district_name[128];	   /* tier-2 unit, "" above */
	int items, remedied, overdue, carried, unverified; /* at the reference date */
} plan;

typedef struct plan_item {
	int64_t id, version, plan_id;
	int source; /* one PLAN_SOURCE value */
	char shortcoming[PLAN_TEXT_MAX];
	char cause[PLAN_TEXT_MAX];
	int responsibility; /* enum plan_resp */
	char responsible[PLAN_WHO_MAX];
	char measures[PLAN_TEXT_MAX];
	char deadline[11]; /* "" = none (never overdue) */
	char in_charge[PLAN_WHO_MAX];
	int state; /* enum plan_state */
	char remedied_on[11];
	/* the superior's verification; written only by plans_item_verify */
	char verified_by[64];
	char verified_on[11];
	char verdict[PLAN_TEXT_MAX];
	int64_t carried_from; /* the item of an earlier plan it continues, 0 = none */
	/* read-only, filled by reads: */
	int64_t carried_to; /* its copy in the next plan, 0 = none */
	int notes;	    /* progress notes on this item itself */
} plan_item;

typedef struct plan_note {
	int64_t id, item_id;
	int year; /* year of the plan the note's item belongs to */
	char noted_on[11];
	char author[64];
	char text[PLAN_NOTE_MAX];
} plan_note;

/* ---- status -------------------------------------------------------- */

/* The derived status of an item at reference date ref. */
int plans_item_status(const plan_item *it, cb_date ref);
/* Days past the deadline at ref (> 0 only when overdue). */
int plans_item_days_late(const plan_item *it, cb_date ref);

/* ---- plans --------------------------------------------------------- */

/* Which plans a listing returns. All zero = every plan. */
typedef struct plans_query {
	int year;		  /* 0 = any */
	int64_t unit_lo, unit_hi; /* owner's unit in this pre-order interval; 0,0 = all */
	int64_t cadre_id, org_id; /* 0 = any */
	int64_t org_members;	  /* 0 = any; else the plans of this organisation
				   * and of the cadres attached to it */
	cb_date ref;		  /* reference date for the counts */
	bool overdue_only;	  /* only plans with an overdue item */
} plans_query;

void plans_query_init(plans_query *q, cb_date ref);
/* Narrows q to the subtree of the unit with this code (CB_NOT_FOUND if no
 * such unit). */
int plans_query_unit(store *s, plans_query *q, const char *unit_code, cb_error *err);

/* Inserts a plan (one per owner and year: a second one is refused with
 * CB_EINVALID). Validates the owner, year, sources and adoption date
 * (a real date, not after today). Sets p->id and p->version. */
int plans_create(store *s, plan *p, cb_date today, cb_error *err);
/* Updates sources and adoption date if p->version is still current. */
int plans_update(store *s, plan *p, cb_date today, cb_error *err);
/* Deletes a plan with its items and notes (version-checked). Refused while
 * a later plan continues one of its items. */
int plans_delete(store *s, int64_t id, int64_t version, cb_error *err);

int plans_get(store *s, int64_t id, cb_date ref, plan *out, cb_error *err);
/* The plan of an owner for a year (CB_NOT_FOUND if none). */
int plans_find(store *s, int64_t cadre_id, int64_t org_id, int year, cb_date ref, plan *out,
	       cb_error *err);

/* Calls fn for each plan matching q, newest year first, then by district,
 * organisations before cadres, by name. fn returning non-zero stops the
 * walk and that value is returned. */
typedef int (*plans_fn)(const plan *p, void *ctx);
int plans_each(store *s, const plans_query *q, plans_fn fn, void *ctx, cb_error *err);
/* The same, collected into a malloc'd array (free() it). */
int plans_list(store *s, const plans_query *q, plan **out, size_t *n, cb_error *err);

/* ---- items --------------------------------------------------------- */

/* Items of a plan in the order they were added (malloc'd; free()). */
int plans_items(store *s, int64_t plan_id, plan_item **out, size_t *n, cb_error *err);
int plans_item_get(store *s, int64_t id, plan_item *out, cb_error *err);
/* Inserts it into it->plan_id; validates every field (today bounds the
 * remedied date; a remedied item without a date gets today). */
int plans_item_add(store *s, plan_item *it, cb_date today, cb_error *err);
/* Saves the editable fields if it->version is current. Leaving the
 * remedied state clears the remedied date and the verification. */
int plans_item_update(store *s, plan_item *it, cb_date today, cb_error *err);
int plans_item_delete(store *s, int64_t id, int64_t version, cb_error *err);

/* Whether user may verify in this office: config_user_may(..VERIFY). With
 * c == NULL there is no access control and everyone may. */
bool plans_may_verify(const cfg *c, const cfg_district *d, const char *user);
/* Records the superior's verification of a remedied item: by the Unix
 * user of the store, on `on`, with the conclusion text (required).
 * CB_EACCESS if plans_may_verify says no, CB_EINVALID if the item is not
 * remedied, CB_ESTALE if version is not current. Updates it on success. */
int plans_item_verify(store *s, const cfg *c, const cfg_district *d, plan_item *it,
		      const char *verdict, cb_date on, cb_error *err);

/* ---- progress notes ------------------------------------------------ */

/* Appends a dated note by the store's Unix user. */
int plans_note_add(store *s, int64_t item_id, const char *text, cb_date on, int64_t *id,
		   cb_error *err);
/* Notes of an item, oldest first; with history, also the notes of the
 * items it was carried from (their notes come first). malloc'd. */
int plans_notes(store *s, int64_t item_id, bool history, plan_note **out, size_t *n, cb_error *err);

/* ---- carry-over ---------------------------------------------------- */

/* Copies every item of year `from_year`'s plans (within q's unit and owner
 * scope; q->year is ignored) that is neither remedied nor already carried
 * into the owner's plan for from_year + 1, creating that plan (not yet
 * adopted, same sources) when needed. The copy keeps the texts, state and
 * deadline (or new_deadline when not NULL/""), and points back with
 * carried_from, so the notes of the original stay reachable. Carrying a
 * second time copies nothing new. One transaction; *copied and
 * *created receive the counts (either may be NULL). */
int plans_carry_over(store *s, const plans_query *q, int from_year, const char *new_deadline,
		     size_t *copied, size_t *created, cb_error *err);

/* What plans_carry_over would do now, without changing anything: the
 * items it would copy, the plans of from_year they belong to, and the
 * plans of from_year + 1 it would create. For the confirmation, which
 * names these counts before anything is written. */
typedef struct plans_carry_counts {
	int64_t items, plans, new_plans;
} plans_carry_counts;

int plans_carry_count(store *s, const plans_query *q, int from_year, plans_carry_counts *out,
		      cb_error *err);

/* ---- summaries ------------------------------------------------------ */

/* Who is expected to have a plan for a year: every party organisation and
 * every cadre on the list (canbo holds only leaders and managers, who all
 * take part in the review), as they are now. A plan is "adopted" when it
 * has an adoption date. Item counts are at the reference date; "unverified"
 * = remedied but not yet verified by the superior. */
typedef struct plans_summary {
	int64_t id;    /* organisation id (by org) or unit id (by district) */
	char code[16]; /* unit code (by district); "" by org */
	char name[PLAN_OWNER_MAX];
	int64_t unit_lo, unit_hi; /* by district: the units it covers (for a
				   * plans_query to open its plans) */
	int expected, plans, adopted;
	int items, remedied, overdue, carried, unverified;
	int held_back; /* plans with an item not both remedied and verified:
			* their owners cannot be rated "xuất sắc" the next
			* year (the rest of the expected can, on this count) */
} plans_summary;

enum plans_group { PLANS_BY_DISTRICT, PLANS_BY_ORG };

/* One row per district (tier-2 unit) in scope, plus a first row for the
 * province level itself (owners attached directly to the province unit)
 * when it is in scope; or one row per organisation in scope: the
 * organisation itself plus the cadres attached to it. In configuration /
 * name order. q->year is required; q->cadre_id/org_id are ignored. */
int plans_summarize(store *s, const plans_query *q, int group, plans_summary **out, size_t *n,
		    cb_error *err);
/* The latest year that has a plan within q's scope (CB_NOT_FOUND if
 * none): the default year of a summary. */
int plans_latest_year(store *s, const plans_query *q, int *year, cb_error *err);
/* Adds the rows of a summary into one total row. */
void plans_summary_total(const plans_summary *rows, size_t n, plans_summary *total);

/* ---- overdue items -------------------------------------------------- */

typedef struct plan_overdue {
	int64_t item_id, plan_id;
	int year;
	char owner[PLAN_OWNER_MAX];
	char district_code[16];
	char district_name[128]; /* the unit itself when it is above any district */
	char shortcoming[PLAN_TEXT_MAX];
	char deadline[11];
	char in_charge[PLAN_WHO_MAX];
	int days_late;
} plan_overdue;

/* Calls fn for every item overdue at q->ref within q's scope (q->year 0 =
 * any), the longest overdue first. */
typedef int (*plans_overdue_fn)(const plan_overdue *o, void *ctx);
int plans_each_overdue(store *s, const plans_query *q, plans_overdue_fn fn, void *ctx,
		       cb_error *err);

/* ---- monthly self-check ---------------------------------------------- */

#define SELFCHECK_FLAGS_MAX 256 /* codes joined by ',', e.g. "1.2,3.9" */

/* One item of the catalogue (config.h, config_manifestations_load). */
struct manifestation;

typedef struct selfcheck {
	int64_t id, version, cadre_id;
	char month[8];			   /* YYYY-MM */
	char flagged[SELFCHECK_FLAGS_MAX]; /* catalogue codes, catalogue order */
	char note[PLAN_NOTE_MAX];
	char checked_on[11];
} selfcheck;

/* True for "YYYY-MM" with a real month. */
bool selfcheck_month_valid(const char *month);
/* The month of a date, "YYYY-MM" (buf of 8 bytes). */
void selfcheck_month_of(cb_date d, char *buf);
/* The months first..last ("YYYY-MM", 8 bytes each) of a period written
 * "2025-06" (a month), "2025-Q2" (a quarter) or "2025-H1" (a half-year);
 * false when it is none of these. */
bool selfcheck_period_range(const char *period, char *first, char *last);
/* The period of `months` (1, 3 or 6) holding date d, written as above. */
void selfcheck_period_of(cb_date d, int months, char *buf);

/* The text of a catalogue item to show: its text, or a translated
 * placeholder when the office has not filled it in yet. */
const char *selfcheck_item_text(const struct manifestation *m);

/* Checks a list of codes ("1.2, 3.9" or "1.2 3.9") against the catalogue
 * and writes it canonically (catalogue order, no repeats, ',' between) to
 * out. Unknown codes are refused with CB_EINVALID naming the code. */
int selfcheck_flags_parse(const char *list, const struct manifestation *cat, size_t n, char *out,
			  size_t cap, cb_error *err);
/* Whether a code is in a canonical flag list. */
bool selfcheck_flag_has(const char *flagged, const char *code);

/* The check of a cadre for a month (CB_NOT_FOUND if not done). */
int selfcheck_get(store *s, int64_t cadre_id, const char *month, selfcheck *out, cb_error *err);
/* Records a check: inserts when sc->id == 0 (CB_ESTALE if someone recorded
 * that month meanwhile), else updates if sc->version is current. Month not
 * after today's; flags validated against the catalogue; checked_on = today. */
int selfcheck_save(store *s, selfcheck *sc, const struct manifestation *cat, size_t n,
		   cb_date today, cb_error *err);
/* A cadre's checks, newest month first (malloc'd). */
int selfcheck_history(store *s, int64_t cadre_id, selfcheck **out, size_t *n, cb_error *err);

/* Opens an item of the cadre's remediation plan of the month's year (the
 * plan is created, not adopted, when there is none) for manifestation
 * `code` flagged in the cadre's self-check of `month`; one transaction,
 * audited. The shortcoming is the catalogue's text of the manifestation.
 * Refused when the check does not flag it or the plan already holds it. */
int selfcheck_remedy(store *s, int64_t cadre_id, const char *month, const char *code,
		     const struct manifestation *cat, size_t n, cb_date today, int64_t *item_id,
		     cb_error *err);

/* Cadres in scope who have not recorded a check for month. */
typedef struct selfcheck_missing {
	int64_t cadre_id;
	char full_name[CADRE_NAME_MAX];
	char unit_name[128];
	char position[CADRE_TEXT_MAX];
} selfcheck_missing;

/* Calls fn for each cadre of the unit interval (0,0 = all) and organisation
 * (0 = any) without a check in the period `month` (a month, or a quarter or
 * half-year as selfcheck_period_range reads it), in Vietnamese name order. */
typedef int (*selfcheck_fn)(const selfcheck_missing *m, void *ctx);
int selfcheck_each_missing(store *s, const char *month, int64_t unit_lo, int64_t unit_hi,
			   int64_t org_id, selfcheck_fn fn, void *ctx, cb_error *err);
/* How many cadres of the scope have checked in the period, out of how many. */
int selfcheck_count(store *s, const char *month, int64_t unit_lo, int64_t unit_hi, int64_t org_id,
		    int *done, int *total, cb_error *err);

#endif
