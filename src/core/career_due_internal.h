/* career_due_internal.h - what career_due.c (the readers of each kind)
 * shares with career_due_walk.c (the walk in date order that puts them
 * together). Not part of the core's interface.
 */
#ifndef CANBO_CAREER_DUE_INTERNAL_H
#define CANBO_CAREER_DUE_INTERNAL_H

#include <sqlite3.h>

#include "career_store.h"

/* A growing array of items; oom once an append failed. */
typedef struct due_list {
	due_item *v;
	size_t n, cap;
	bool oom;
} due_list;

/* A new zeroed item at the end (related = none), NULL when out of memory. */
due_item *due_push(due_list *l);

/* Sorts by date, then kind, then name; items alike keep their order.
 * False when out of memory (nothing moved). */
bool due_sort(due_item *v, size_t n);

/* Term ends and their notices (the kinds among DUE_TERM, DUE_NOTICE),
 * lapsing disciplines, and the pool's yearly reviews that fall in
 * from..to, in the order read. */
int due_read_terms(store *s, const career_rules *r, cb_date from, cb_date to, unsigned kinds,
		   int64_t lo, int64_t hi, due_list *l, cb_error *err);
int due_read_lapses(store *s, cb_date from, cb_date to, int64_t lo, int64_t hi, due_list *l,
		    cb_error *err);
int due_read_reviews(store *s, const career_rules *r, cb_date from, cb_date to, int64_t lo,
		     int64_t hi, due_list *l, cb_error *err);
/* The first review date in from..to, CB_DATE_NONE if none. */
cb_date due_first_review(const career_rules *r, cb_date from, cb_date to);

/* Birth months are indexes year * 12 + month - 1. */
#define DUE_FIRST_MONTH (1900L * 12)
#define DUE_LAST_MONTH	(2100L * 12 + 11)

/* The retirement of a gender's birth month. */
cb_date due_retirement_of_month(const career_rules *r, int gender, long idx);
/* Whether a later birth month never retires earlier (so births read in
 * order retire in order), and every month has a date. */
bool due_retirement_is_monotone(const career_rules *r, int gender);
/* The birth months [*lo, *hi] whose retirement can fall in from..to, by
 * bisection when monotone, else every month. False when none can. */
bool due_birth_months(const career_rules *r, int gender, bool monotone, cb_date from, cb_date to,
		      long *lo, long *hi);

/* The statement that reads the cadres of a gender born in a range of
 * months (due_read_births), prepared once for the window and scope. */
sqlite3_stmt *due_births_prepare(store *s, cb_date from, int64_t lo, int64_t hi, cb_error *err);
/* Appends, in the order of the index (birth date, name, rank), the
 * retirements of the gender's births in months first..last that fall in
 * from..to, without their post (what): due_read_post reads it. */
int due_read_births(store *s, sqlite3_stmt *st, const career_rules *r, int gender, long first,
		    long last, cb_date from, cb_date to, due_list *l, cb_error *err);
/* The cadre's post into a retirement's what, by its row. */
sqlite3_stmt *due_posts_prepare(store *s, cb_error *err);
int due_read_post(store *s, sqlite3_stmt *st, due_item *it, cb_error *err);

#endif
