/* screen_stats.h - what the two files of the breakdowns and targets
 * screen share: its state, and what a row and a column of the table
 * shown are.
 *
 * Included by screen_stats.c (the state, counting, the keys, the choices
 * and the drill-down) and stats_draw.c (the drawing and the status line)
 * only.
 */
#ifndef CANBO_SCREEN_STATS_H
#define CANBO_SCREEN_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rating_warnings.h"
#include "stats.h"
#include "ui_view.h"

#define STATS_HEAD_ROWS 3 /* heading, what, column headers */

typedef struct stats_state {
	app *a;
	bool targets; /* the target panel is shown */
	stats_query q;
	stats_table t;
	int scope_unit; /* index into config units, -1 = whole province */
	char scope_name[CFG_NAME_MAX];
	/* targets */
	target_column *cols; /* province view: whole, province level, districts */
	size_t ncols;
	target_column one; /* a district or commune */
	bool computed;
	cb_error err;
	rating_warnings warn; /* of the year and scope, for a breakdown by rating */
	/* selection: row and column of the table shown, and scrolling */
	int row, col, top, left;
} stats_state;

/* The province view (no unit chosen): the targets of every district. */
bool stats_screen_province(const stats_state *st);
/* A breakdown by rating is shown whose warnings are not checked yet. */
bool stats_screen_checking(const stats_state *st);
/* Rows of what is shown: the targets, or a breakdown's values, its total
 * and "of whom under 40". */
int stats_screen_rows(const stats_state *st);
/* Keeps the selected row and column inside what is shown. */
void stats_screen_clamp(stats_state *st);
/* "Huyện Tân Hưng" -> "Tân Hưng": the unit's name without its kind, for
 * narrow columns. */
const char *stats_screen_short_name(const char *name);
/* The label of row r of a breakdown (a value, "Total", "of whom under 40"). */
void stats_screen_row_label(const stats_state *st, int r, char *buf, size_t cap);
/* The warnings a row of a breakdown by rating shows (*n of them). */
rating_warning_key stats_screen_row_warnings(const stats_state *st, int r, size_t *n);
/* The unit (column c) of the target panel. */
const target_column *stats_screen_column_at(const stats_state *st, int c);

/* stats_draw.c: the view's draw and status ops. */
void stats_screen_draw(ui_view *v, bool full);
void stats_screen_status(ui_view *v, char *buf, size_t cap);

#endif
