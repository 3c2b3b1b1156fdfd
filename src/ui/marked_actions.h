/* marked_actions.h - the writes a list applies to its marked rows (or to
 * the selected row when none is marked): a grade, a training, a place in
 * the planning pool. Shared by the rating sheet and the cadre list so
 * both ask and report alike.
 *
 * Each asks what it needs (dialogs), states the whole effect with the
 * count and asks before writing to more than one record (the question
 * starts on No), writes through rating_sheet.h (one transaction: all or
 * nothing) and says on the status line what was done (a grade: the
 * list's own counts show it), or names the record refused and why. Each returns true when something
 * was written.
 */
#ifndef CANBO_MARKED_ACTIONS_H
#define CANBO_MARKED_ACTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ui_listview.h"

/* The name of record id, for a message naming the one refused. */
typedef void (*ui_marked_name)(void *ctx, int64_t id, char *buf, size_t cap);

/* Sets grade (0 = removes the rating) of year for the n ids that change
 * (the caller leaves out the `kept` rows that have that grade already);
 * `replaced` of the n had another grade. Asks when the rows chosen (n +
 * kept) are more than one, naming the scope ("Xã Long Khê"), the year,
 * the grade and each count. */
bool ui_marked_grade(app *a, bool orgs, const int64_t *ids, size_t n, size_t replaced, size_t kept,
		     int year, int grade, const char *scope, ui_marked_name name, void *ctx);
/* Asks for the training (year, kind, course) and adds it to every cadre. */
bool ui_marked_training(app *a, const int64_t *ids, size_t n, int year, ui_marked_name name,
			void *ctx);
/* Asks for the title and the term and adds every cadre to that pool. */
bool ui_marked_pool(app *a, const int64_t *ids, size_t n, int year, ui_marked_name name, void *ctx);

/* The name of a cadre by id, through the store (for lists that hold only
 * some rows). */
void ui_marked_cadre_name(void *ctx, int64_t id, char *buf, size_t cap);

/* The scope a sheet opens on: the session's unit (its office), else
 * everything the reader may see (screen_sheet.c). */
struct ui_scope;
void ui_sheet_default_scope(app *a, struct ui_scope *s);

#endif
