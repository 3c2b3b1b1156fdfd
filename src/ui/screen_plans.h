/* screen_plans.h - the action-plan screens: the list of plans, one plan
 * with its items, the summary reported upward, the monthly self-check.
 *
 * The ways in from elsewhere: the main menu (screen_plans_open), a cadre's
 * record and an organisation (ui_plans_open_for_cadre/_org, offered to the
 * record screens through ui_screen_links()).
 */
#ifndef CANBO_SCREEN_PLANS_H
#define CANBO_SCREEN_PLANS_H

#include <stdint.h>

#include "plans.h"
#include "app.h"

/* Main menu: the plans of the office (its district, or the province) for
 * the latest year that has plans. */
int screen_plans_open(app *a);
/* Every plan of one cadre / of one organisation and its cadres, all years;
 * a new plan made here belongs to that cadre / organisation. */
int ui_plans_open_for_cadre(app *a, int64_t cadre_id);
int ui_plans_open_for_org(app *a, int64_t org_id);

/* Item forms kept as drafts when the terminal went away (ui_draft_kind
 * "plan-item": row = the item, version = the one the edit started from;
 * "plan-item-new": row = the plan). */
int screen_plan_item_restore(app *a, int64_t row, int64_t version, const char *data);
int screen_plan_new_item_restore(app *a, int64_t row, int64_t version, const char *data);
/* The progress-note and verification dialogs, the plan form (an existing
 * plan: row = plan; a new one: row = cadre, version = organisation) and
 * the self-check form (row = cadre, version = month as yyyymm). */
int screen_plan_note_restore(app *a, int64_t row, int64_t version, const char *data);
int screen_plan_verify_restore(app *a, int64_t row, int64_t version, const char *data);
int screen_plan_form_restore(app *a, int64_t row, int64_t version, const char *data);
int screen_plan_new_form_restore(app *a, int64_t row, int64_t version, const char *data);
int screen_selfcheck_form_restore(app *a, int64_t row, int64_t version, const char *data);

/* Between the plan screens. */
/* The plans of a query (a summary row drilled into); label names it. */
int screen_plans_open_query(app *a, const plans_query *q, const char *label);
/* The form of a new plan of p's owner (p->cadre_id or org_id, p->year
 * proposed) or of plan p; draft = values kept from a lost terminal, or
 * NULL. */
int screen_plan_form_open(app *a, const plan *p, bool is_new, const char *draft);
/* The form of a new item of plan p (base NULL) or of item base; draft =
 * values kept from a lost terminal, or NULL. */
int screen_plan_item_form_open(app *a, const plan *p, const plan_item *base, const char *draft);
/* The one-line forms on an item: a progress note, the superior's
 * verification (refused with a message without the right or on an item
 * not remedied); draft = text kept from a lost terminal, or NULL. */
int screen_plan_note_open(app *a, const plan_item *it, const char *draft);
int screen_plan_verify_open(app *a, const plan_item *it, const char *draft);
/* One plan: its items, their details and progress notes. */
int screen_plan_open(app *a, int64_t plan_id);
/* The summary of the year of q within q's units. */
int screen_plans_summary_open(app *a, const plans_query *q, const char *scope_label);
/* Who has not recorded this month's self-check, within units lo..hi. */
int screen_selfcheck_open(app *a, int64_t unit_lo, int64_t unit_hi, const char *scope_label);
/* The self-check of the office's scope (its district, else the province). */
int screen_selfcheck_open_office(app *a);

/* Whose a new plan is (plans_owner_pick.c): a cadre of units
 * unit_lo..unit_hi found by name, or an organisation of the tree of
 * unit_id (0 = the province) in year; true with *id and name set, false
 * when cancelled or nothing matched (said on the status line). */
bool screen_plans_pick_cadre(app *a, int64_t unit_lo, int64_t unit_hi, int64_t *id, char *name,
			     size_t cap);
bool screen_plans_pick_org(app *a, int64_t unit_id, int year, int64_t *id, char *name, size_t cap);
/* Carries the items not remedied of q's year within q into the next year
 * (plans_carry.c), after the user typed back the count; where names the
 * scope in the question. True when something was carried. */
bool screen_plans_carry(app *a, const plans_query *q, const char *where);

/* Shared helpers of these screens. */
/* An ISO date as dd/mm/yyyy (buf of 11 bytes); "" stays "". */
const char *screen_plans_date(const char *iso, char *buf);
/* Writes text wrapped to width columns at (y, x), at most max_rows rows;
 * the first row is prefixed by label (in UI_DIM) when not NULL. Returns
 * the rows used. */
int screen_plans_wrap(int y, int x, int width, int max_rows, const char *label, const char *text,
		      int role);

#endif
