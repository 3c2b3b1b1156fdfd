/* screen_cadre.h - what the files of a cadre's record share: its state,
 * the lines of the section shown, and the builders of each section's lines
 * (record_sections.c, record_history.c); screen_cadre.c keeps the view,
 * its tabs and its keys.
 */
#ifndef CANBO_SCREEN_CADRE_H
#define CANBO_SCREEN_CADRE_H

#include <stdint.h>

#include "ui_listview.h"

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

/* Appends a line to the section (dropped when memory runs out). */
void rec_add_line(struct record_state *st, int role, const char *label, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Marks the line just added as showing row `row` of `table`. */
void rec_tag_line(struct record_state *st, const char *table, int64_t row);

/* The lines of each section (record_sections.c); err receives what could
 * not be read. */
void rec_build_general(struct record_state *st);
void rec_build_ratings(struct record_state *st, cb_error *err);
void rec_build_trainings(struct record_state *st, cb_error *err);
void rec_build_planning(struct record_state *st, cb_error *err);
void rec_build_plans(struct record_state *st, cb_error *err);
void rec_build_career(struct record_state *st, cb_error *err);
/* The change history (record_history.c). */
void rec_build_history(struct record_state *st, cb_error *err);

#endif
