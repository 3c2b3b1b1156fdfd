/* screen_cadres.h - what the two files of the cadre list share: its
 * state, and the filter form that narrows it.
 *
 * Included by screen_cadres.c (the list, its search line, sort and keys)
 * and cadres_filter.c (the filter form and the words for what it holds)
 * only.
 */
#ifndef CANBO_SCREEN_CADRES_H
#define CANBO_SCREEN_CADRES_H

#include <stdbool.h>

#include "filter.h"
#include "search.h"
#include "ui_line.h"
#include "ui_listview.h"

#define SEARCH_MAX 200

struct cadres_state {
	app *a;
	char title[256];
	cadre_filter base;  /* the drill-down's filter (or everyone) */
	cadre_filter extra; /* what the filter form adds */
	search_query q;
	char text[SEARCH_MAX + 1];
	ui_line search;
	bool searching;
	ui_listview *lv;
	char filter_desc[256];
	/* the walk of the province this list keeps in memory for a filter
	 * on the codes (search_walk_worth): dropped with the filter, or
	 * when the list closes */
	bool own_walk;
	/* the whole list (not a drill-down's) and no filter form condition:
	 * empty, there is no cadre yet in the reader's scope */
	bool everyone, filtered;
	/* so the empty list says how to begin rather than "no match" */
	bool no_cadres;
};

/* Runs the query again (the base filter narrowed by the filter form and
 * the search typed) from the top of the list. */
void cadres_requery(struct cadres_state *st);

/* Makes, giving way to a key, the walk of the province the list would
 * read with the form's conditions `extra` (search_walk_worth), with the
 * year's records they ask, kept for it; `ahead` (the form), with no such
 * condition yet, the walk alone when one would serve
 * (search_walk_may_serve). True when a walk was made. */
bool cadres_prepare_walk(struct cadres_state *st, const cadre_filter *extra, bool ahead);

/* cadres_filter.c: opens the filter form over the list; its conditions
 * apply when saved (the list is requeried), never widening the base. */
void cadres_open_filter(struct cadres_state *st);
/* Writes the conditions in force, one line, into st->filter_desc. */
void cadres_describe_filter(struct cadres_state *st);

#endif
