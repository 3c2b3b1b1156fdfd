/* career_list.h - the shell of the career screens that list what the
 * career rules (career.ini) make of the office's cadres ("Đến hạn", "Quy
 * hoạch"): the rules loaded and the office's district resolved when the
 * screen opens, the rows read again each time the user comes back to it,
 * a list view (ui_listview.h) over them, Enter on a row handed to the
 * screen. A screen writes its columns, how it reads its rows (all at
 * once, or a part at a time as they are shown), its status text and what
 * Enter does; career_list.c does the rest. */
#ifndef CANBO_UI_CAREER_LIST_H
#define CANBO_UI_CAREER_LIST_H

#include <stddef.h>
#include <stdint.h>

#include "app.h"
#include "career.h"
#include "ui_listview.h"
#include "ui_view.h"

typedef struct career_list career_list;

typedef struct career_list_def {
	const char *name;  /* the view's (ui_view_ops.name) */
	int context;	   /* its key context */
	const char *title; /* msgid */
	const ui_listview_def *list;
	size_t row_size;
	size_t own_size; /* the screen's own state, zeroed at the start */
	/* (Re)reads the rows for cl's rules, day and units: a malloc'd array
	 * of row_size elements (NULL and 0 when there is none). */
	void (*load)(career_list *cl, void **rows, size_t *n);
	/* Instead of load, for a list too long to read at once: the rows are
	 * read a part at a time, as they are shown. begin starts reading
	 * again from the top (the screen opens or comes back to the top);
	 * more reads at least `want` rows (SIZE_MAX: all) and gives those
	 * read so far, in order, with *all once they are every row; ready
	 * (optional) completes rows from..to-1 before they are shown (what
	 * a count does not need);
	 * end frees what begin made. The count ("i/n") is read when the
	 * keyboard rests, and gives way to a key; the rows pointed to stay
	 * valid until the next begin or more. A list that types to search
	 * (find_text) is read whole at the first letter typed. */
	void (*begin)(career_list *cl);
	int (*more)(career_list *cl, size_t want, const void **rows, size_t *n, bool *all,
		    cb_error *err);
	int (*ready)(career_list *cl, size_t from, size_t to, cb_error *err);
	void (*end)(career_list *cl);
	/* What the status line says after "i/n" (NULL: nothing). */
	void (*status)(career_list *cl, char *extra, size_t cap);
	/* Enter on row. */
	void (*open)(career_list *cl, const void *row);
} career_list_def;

struct career_list {
	const career_list_def *def;
	app *a;
	career_rules rules;
	int64_t unit_lo, unit_hi; /* the office's district; 0, 0 = everywhere */
	void *own;		  /* the screen's own state (own_size bytes) */
	void *rows;
	size_t n;
	ui_listview *lv;
	bool whole; /* read a part at a time, and now all read: lv is over the array */
	ui_view_ops ops;
};

/* Opens the screen def describes. A career.ini that does not load is
 * shown in a message and nothing opens (CB_OK). */
int career_list_open(app *a, const career_list_def *def);
/* The same, the selection on the first row for which at(row, arg) is
 * true (a list read a part at a time is read whole for it, as when a
 * name is typed); on the first row when none is. */
int career_list_open_at(app *a, const career_list_def *def,
			bool (*at)(const void *row, const void *arg), const void *arg);

#endif
