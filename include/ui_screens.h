/* ui_screens.h - the screens' entry points: the main menu's table, the
 * forms a draft reopens, and the ways into one screen from another (a
 * cadre's record from a list, the cadre list of a breakdown's cell ...).
 *
 * Included by every screen (its own entry point is declared here, and the
 * ones it opens) and by screens.c, which lists them. A new screen adds
 * its entry point here and one line to the table of screens.c.
 */
#ifndef CANBO_UI_SCREENS_H
#define CANBO_UI_SCREENS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app.h"
#include "filter.h"
#include "model.h"
#include "search.h"

/* One main-menu entry (the table is in src/ui/screens.c). */
typedef struct ui_screen {
	int hotkey;	     /* '1' .. '9' */
	const char *label;   /* English msgid */
	int (*open)(app *a); /* pushes the screen's first view; CB_OK or status */
} ui_screen;

const ui_screen *ui_screens(size_t *n);

/* Forms that the next start can reopen from a draft: form = the kind given
 * to ui_form_set_draft (a form view's draft_kind); restore opens it again
 * with the draft's values and the row/version it was editing. A draft of
 * no kind listed here is shown as text. */
typedef struct ui_draft_kind {
	const char *form;
	const char *label; /* English msgid, "cadre record" */
	int (*restore)(app *a, int64_t row, int64_t version, const char *data);
} ui_draft_kind;

const ui_draft_kind *ui_draft_kinds(size_t *n);

/* Optional links between screens, filled in src/ui/screens.c when the
 * screen that provides them exists (NULL otherwise). */
typedef struct ui_links {
	/* Action plans of a cadre or an organisation. */
	int (*cadre_plans)(app *a, int64_t cadre_id);
	int (*org_plans)(app *a, int64_t org_id);
} ui_links;

const ui_links *ui_screen_links(void);

/* The cadre list, optionally pre-filtered: shows exactly the cadres of
 * `filter` (NULL = everyone), with title as its heading (NULL = "Cadre
 * list"). The user may search and narrow it further; Esc returns to the
 * view that opened it, which keeps its state (drill-down). */
int ui_open_cadre_list(app *a, const cadre_filter *filter, const char *title);
/* The record of one cadre (general, ratings, trainings, planning, action
 * plans, history). Esc returns to the caller. */
int ui_open_cadre(app *a, int64_t cadre_id);
/* The add form (id 0) or edit form of a cadre. */
int ui_open_cadre_form(app *a, int64_t cadre_id);
/* The forms that add to a cadre's record (record_forms.c): the rating of
 * a year, a training, a planning entry; draft = values kept from a lost
 * terminal, or NULL. */
int ui_open_rating_form(app *a, int64_t cadre_id, const char *draft);
int ui_open_training_form(app *a, int64_t cadre_id, const char *draft);
int ui_open_planning_form(app *a, int64_t cadre_id, const char *draft);
/* The form of party organisation id, or of a new one (id 0) under
 * parent_id (0 = at the top); version = the version an edit started from
 * (0 = as read now); draft = values kept from a lost terminal, or NULL. */
int ui_open_org_form(app *a, int64_t id, int64_t parent_id, int64_t version, const char *draft);
/* Asks for confirmation and deletes a cadre (stale-safe); true if deleted. */
bool ui_delete_cadre(app *a, int64_t cadre_id);
/* Whether this user may change data here; if not, says so and returns false. */
bool ui_may_edit(app *a);

/* Asks for a file name and writes the cadres of a query (all of them, in
 * its order, fetched a window at a time) as CSV; reports on the status
 * line. title names the list in the suggested file name. */
int ui_export_cadres(app *a, const search_query *q, const char *title);

/* Reopen forms kept as drafts (ui_draft_kind restores): the cadre form,
 * and over a cadre's record (row = the cadre) its rating, training and
 * planning forms. */
int screen_cadre_form_restore(app *a, int64_t row, int64_t version, const char *data);
int screen_rating_form_restore(app *a, int64_t row, int64_t version, const char *data);
int screen_training_form_restore(app *a, int64_t row, int64_t version, const char *data);
int screen_planning_form_restore(app *a, int64_t row, int64_t version, const char *data);
/* The organisation forms over the organisations: "org" (row = it,
 * version = its version), "org-new" (row = the parent proposed). */
int screen_org_form_restore(app *a, int64_t row, int64_t version, const char *data);
int screen_org_new_form_restore(app *a, int64_t row, int64_t version, const char *data);

/* Screen entry points (main menu). */
int screen_cadres_open(app *a);
int screen_orgs_open(app *a);
int screen_io_open(app *a);
int screen_about_open(app *a);
int screen_stats_open(app *a);
/* While the main menu rests: the walk the breakdowns screen opens on,
 * kept in memory (stats_walk_prefetch), so that opening it counts from
 * memory; gives way to a key. Returns whether it kept one.
 * _drop frees it (another screen is opened). */
bool screen_stats_prefetch(app *a);
void screen_stats_prefetch_drop(app *a);
int screen_due_open(app *a);
int screen_pool_open(app *a);
/* The same, on the title whose entries' least id is first_entry (a
 * review's ref_id on the falling-due screen). */
int screen_pool_open_at(app *a, int64_t first_entry);
/* The rating sheet of a year (screen_sheet.c): the cadres of the
 * session's unit first; Tab shows its party organisations, F7 another
 * scope. */
int ui_open_rating_sheet(app *a, int year);
/* The evaluation sheet of a period (screen_eval_sheet.c) over a scope
 * (NULL: the session's unit). */
struct ui_scope;
int ui_open_eval_sheet(app *a, const char *period, const struct ui_scope *scope);

/* The career lines of a cadre's record (record_career.c): retirement,
 * term and notice, departure, discipline in force; add is called once per
 * line with its role (UI_NORMAL, UI_WARN), label and text. */
typedef void (*ui_career_add)(void *ctx, int role, const char *label, const char *text);
void ui_career_lines(app *a, const cadre *c, ui_career_add add, void *ctx);
int screen_report_open(app *a);
int screen_trash_open(app *a);

#endif
