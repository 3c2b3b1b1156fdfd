/* career_store.h - a cadre's career in the database: appointments,
 * leaving the list, the discipline register, the planning pool, and the
 * calendar of what falls due.
 *
 * Same guarantees as store.h: each write is one transaction with its audit
 * row; a change or removal names the version it was read at (CB_ESTALE
 * otherwise). Values are checked before anything is written.
 */
#ifndef CANBO_CAREER_STORE_H
#define CANBO_CAREER_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "career.h"
#include "store.h"

/* How a post was taken. X(id, code, English label) */
#define APPT_KIND_LIST(X)                                                                          \
	X(1, "appointment", "Appointment")                                                         \
	X(2, "election", "Election")                                                               \
	X(3, "designation", "Designation")                                                         \
	X(4, "transfer", "Transfer")                                                               \
	X(5, "rotation", "Rotation")                                                               \
	X(6, "secondment", "Secondment")                                                           \
	X(7, "acting", "Acting assignment")

/* How it ended; 0 = still held. */
#define APPT_END_LIST(X)                                                                           \
	X(0, "open", "Current")                                                                    \
	X(1, "replaced", "Replaced by a new post")                                                 \
	X(2, "term-ended", "Term ended")                                                           \
	X(3, "left", "Left the list")

/* How a cadre left the list. */
#define DEPARTURE_LIST(X)                                                                          \
	X(1, "retired", "Retired")                                                                 \
	X(2, "transferred", "Transferred out")                                                     \
	X(3, "resigned", "Resigned")                                                               \
	X(4, "dismissed", "Dismissed")                                                             \
	X(5, "died", "Died")

enum career_enum { CE_APPT_KIND, CE_APPT_END, CE_DEPARTURE };
/* Code and translated label of a value; "" / "?" when out of range. */
const char *career_enum_code(int e, int v);
const char *career_enum_label(int e, int v);
/* By code; false when unknown. */
bool career_enum_from_code(int e, const char *code, int *v);

#define CAREER_DECISION_MAX 64
#define CAREER_REASON_MAX   512

typedef struct appointment_row {
	int64_t id, version, cadre_id;
	int kind; /* APPT_KIND_LIST */
	char position[CADRE_TEXT_MAX];
	int pos_rank;
	int64_t unit_id, org_id; /* 0 = unknown / none */
	char decision[CAREER_DECISION_MAX];
	char decided_on[11], start_on[11], term_end[11], ended_on[11]; /* "" unknown */
	int end_reason;						       /* APPT_END_LIST */
	char unit_name[128];					       /* read-only */
} appointment_row;

/* A cadre's posts, the current one first, then newest first. A cadre
 * entered after the career register was added has no row until the first
 * appointment: his current post is the record's position. */
int store_appointments(store *s, int64_t cadre_id, appointment_row **out, size_t *n, cb_error *err);
/* Records a new post as the cadre's current one, in one transaction: the
 * open post ends on a->start_on (replaced), the record's position, rank,
 * unit and organisation become the new post's (when the cadre is still at
 * cadre_version, else CB_ESTALE). a->term_end: "" = term_years from
 * start_on, never after retirement (the caller passes the rules). */
int store_appoint(store *s, const cfg *c, const career_rules *r, int64_t cadre_version,
		  appointment_row *a, cb_error *err);

typedef struct departure_row {
	int64_t cadre_id, version;
	int kind; /* DEPARTURE_LIST */
	char left_on[11];
	char decision[CAREER_DECISION_MAX];
	char note[CAREER_REASON_MAX];
} departure_row;

/* CB_NOT_FOUND when the cadre has not left. */
int store_departure_get(store *s, int64_t cadre_id, departure_row *out, cb_error *err);
/* The cadre leaves the list on d->left_on: out of the lists, counts and
 * targets from that day; every record is kept. The open post ends then. */
int store_depart(store *s, departure_row *d, cb_error *err);
/* Undoes a departure recorded by mistake (version-checked). */
int store_depart_undo(store *s, int64_t cadre_id, int64_t version, cb_error *err);

/* ---- discipline ---------------------------------------------------------- */

typedef struct discipline_row {
	int64_t id, version;
	int64_t cadre_id, org_id; /* exactly one is set */
	int form;		  /* enum disc_form */
	char decision[CAREER_DECISION_MAX];
	char authority[CADRE_TEXT_MAX];
	char decided_on[11], announced_on[11];
	char reason[CAREER_REASON_MAX];
	char lapse_on[11];  /* computed when recorded */
	char bar_until[11]; /* "" no bar; "9999-12-31" never ends */
	char annulled_on[11];
	char annul_reason[CAREER_REASON_MAX];
	char owner_name[CADRE_TEXT_MAX]; /* read-only: the cadre or organisation */
} discipline_row;

#define CAREER_FOREVER "9999-12-31"

/* Records a discipline; lapse and bar from the rules; sets d->id. */
int store_discipline_add(store *s, const career_rules *r, discipline_row *d, cb_error *err);
int store_discipline_get(store *s, int64_t id, discipline_row *out, cb_error *err);
/* Annuls (a decision withdrawn or overturned): it no longer bars anyone. */
int store_discipline_annul(store *s, int64_t id, int64_t version, const char *on,
			   const char *reason, cb_error *err);
/* Disciplines of one cadre (cadre_id), one organisation (org_id), or all
 * within a unit interval (both 0; lo = hi = 0: everywhere), newest first. */
int store_disciplines(store *s, int64_t cadre_id, int64_t org_id, int64_t unit_lo, int64_t unit_hi,
		      discipline_row **out, size_t *n, cb_error *err);
/* Those in force (not annulled) whose lapse falls in from..to (ISO days),
 * within a unit interval (0, 0 = everywhere), in the same order, read
 * through their lapse dates (the calendar of what falls due). */
int store_disciplines_lapsing(store *s, const char *from, const char *to, int64_t unit_lo,
			      int64_t unit_hi, discipline_row **out, size_t *n, cb_error *err);
/* The discipline barring the cadre from planning and appointment on
 * `on` (the one barring longest): CB_OK and *out, or CB_NOT_FOUND. */
int store_discipline_bar(store *s, int64_t cadre_id, cb_date on, discipline_row *out,
			 cb_error *err);

/* ---- planning pool ------------------------------------------------------- */

typedef struct pool_row {
	int64_t id, version, cadre_id, unit_id;
	char term[10];		  /* "2025-2030" */
	char title[CFG_CODE_MAX]; /* code of career.ini's [pool] title.<code> */
	char added_on[11], removed_on[11];
	char removed_reason[CAREER_REASON_MAX];
	/* read-only, of the cadre: */
	char full_name[CADRE_NAME_MAX];
	char birth_date[11];
	int gender, level, pos_rank;
	char unit_name[128];
} pool_row;

/* Adds a cadre to the pool of a title, enforcing the rules: the title is
 * configured and higher than the current post, at most pool_per_title
 * cadres per title and unit, at most pool_titles_per_cadre titles per
 * cadre at one level, no bar from a discipline, still on the list.
 * CB_EINVALID names the rule broken; nothing is written then. */
int store_pool_add(store *s, const career_rules *r, cb_date on, pool_row *p, cb_error *err);
/* version 0: the entry as it is now. */
int store_pool_remove(store *s, int64_t id, int64_t version, const char *on, const char *reason,
		      cb_error *err);
/* The pool of a term ("" = every term) within a unit interval (0, 0 =
 * everywhere), by title then name; removed entries only with removed. */
int store_pool_list(store *s, const char *term, int64_t unit_lo, int64_t unit_hi, bool removed,
		    pool_row **out, size_t *n, cb_error *err);

/* The same a title at a time, so a screen reads only the titles it shows:
 * the groups of that list (a title in a unit for a term) in its order,
 * with how many entries each has, read from the pool alone (the cadres'
 * rows only for a reader limited to a scope); then a group's entries, as
 * that list gives them. */
typedef struct pool_group {
	char term[10];
	char title[CFG_CODE_MAX];
	int64_t unit_id;
	int n;
} pool_group;
int store_pool_groups(store *s, const char *term, int64_t unit_lo, int64_t unit_hi, bool removed,
		      pool_group **out, size_t *n, cb_error *err);
int store_pool_group_entries(store *s, const pool_group *g, int64_t unit_lo, int64_t unit_hi,
			     bool removed, pool_row **out, size_t *n, cb_error *err);

/* What is wrong with an entry of the pool. X(id, English label) */
#define POOL_ISSUE_LIST(X)                                                                         \
	X(PI_UNKNOWN_TITLE, "title not in career.ini")                                             \
	X(PI_NOT_HIGHER, "title not higher than the current post")                                 \
	X(PI_TITLE_FULL, "more cadres than the title allows")                                      \
	X(PI_CADRE_FULL, "more titles at one level than a cadre may have")                         \
	X(PI_BARRED, "barred by a discipline")                                                     \
	X(PI_LEFT, "left the list")                                                                \
	X(PI_OVER_AGE, "over age for the term")                                                    \
	X(PI_FAILED, "did not complete duties")

enum pool_issue {
#define X(id, label) id,
	POOL_ISSUE_LIST(X)
#undef X
		PI_COUNT
};

const char *pool_issue_label(int issue);

typedef struct pool_finding {
	pool_row entry;
	int issue;     /* enum pool_issue */
	char why[256]; /* the detail: dates, counts */
} pool_finding;

/* The rules the pool of `term` ("" = all) within a unit interval breaks
 * on day `on` (check: titles, counts, bars, departures), or, for the
 * review of `year`, who should leave it (bars and departures at the
 * review's date, over age, rated "did not complete duties" that year). */
int career_pool_check(store *s, const career_rules *r, cb_date on, const char *term,
		      int64_t unit_lo, int64_t unit_hi, pool_finding **out, size_t *n,
		      cb_error *err);
int career_pool_review(store *s, const career_rules *r, int year, const char *term, int64_t unit_lo,
		       int64_t unit_hi, pool_finding **out, size_t *n, cb_error *err);

/* The pool per title and unit, and its ratios against their targets. */
typedef struct pool_title_count {
	char term[10];
	char title[CFG_CODE_MAX];
	char name[CFG_NAME_MAX];
	char unit_name[128];
	int n, cap;
} pool_title_count;

typedef struct pool_ratios {
	int cadres; /* distinct cadres in the pool */
	int young, women;
	int young_gap, women_gap; /* people more needed, as the target panel says it */
} pool_ratios;

int career_pool_summary(store *s, const career_rules *r, cb_date on, const char *term,
			int64_t unit_lo, int64_t unit_hi, pool_title_count **out, size_t *n,
			pool_ratios *ratios, cb_error *err);
/* The same from the entries already read (store_pool_list's, in its
 * order), so a screen that shows them reads them once. */
int career_pool_summary_of(const career_rules *r, cb_date on, const pool_row *rows, size_t m,
			   pool_title_count **out, size_t *n, pool_ratios *ratios, cb_error *err);

/* ---- what falls due ------------------------------------------------------ */

/* X(id, code, English label) */
#define DUE_KIND_LIST(X)                                                                           \
	X(DUE_TERM, "term", "Term ends")                                                           \
	X(DUE_NOTICE, "reappoint-notice", "Notice of the term's end")                              \
	X(DUE_RETIRE, "retire", "Retirement")                                                      \
	X(DUE_LAPSE, "discipline-lapse", "Discipline lapses")                                      \
	X(DUE_POOL_REVIEW, "pool-review", "Yearly review of the pool")

enum due_kind {
#define X(id, code, label) id,
	DUE_KIND_LIST(X)
#undef X
		DUE_KIND_COUNT
};

const char *due_kind_code(int kind);
const char *due_kind_label(int kind);
bool due_kind_from_code(const char *code, int *kind);

typedef struct due_item {
	cb_date date;
	int kind;		   /* enum due_kind */
	int64_t cadre_id;	   /* 0: an organisation's or a pool's */
	int64_t ref_id;		   /* the appointment, discipline or pool entry (a review:
				    * its group's first entry) */
	cb_date related;	   /* notice: the term's end; lapse: the announcement */
	int64_t rank;		   /* a cadre's place in name order; 0: not read */
	char name[CADRE_TEXT_MAX]; /* cadre, organisation or title */
	char unit_name[128];
	char what[CADRE_TEXT_MAX]; /* the post, the form, the pool's n/N */
} due_item;

/* Cadres on the list on `on` within a unit interval (0, 0 = all) by years
 * left before retirement: [0] under bands[0] (those past it too), [1]
 * bands[0] to bands[1], [2] bands[1] to bands[2], [3] bands[2] and over,
 * [4] no date (a birth date that cannot be read). */
#define CAREER_RETIRE_GROUPS 5
int career_retire_breakdown(store *s, const career_rules *r, cb_date on, int64_t unit_lo,
			    int64_t unit_hi, int64_t counts[CAREER_RETIRE_GROUPS], cb_error *err);

/* What falls due between from and to (inclusive) for the kinds in `kinds`
 * (bits 1 << DUE_*), within a unit interval (0, 0 = everywhere), sorted by
 * date then name. Cadres who left the list by `from` are left out. */
int career_due(store *s, const career_rules *r, cb_date from, cb_date to, unsigned kinds,
	       int64_t unit_lo, int64_t unit_hi, due_item **out, size_t *n, cb_error *err);

/* The same list read as it is shown: a walk reads it a day at a time in
 * its order, so the first screen costs the first days, not the year.
 * Read to its end, a walk gives exactly career_due's items in its order.
 * The rules must outlive the walk. */
typedef struct due_walk due_walk;
int due_walk_open(store *s, const career_rules *r, cb_date from, cb_date to, unsigned kinds,
		  int64_t unit_lo, int64_t unit_hi, due_walk **out, cb_error *err);
/* Reads whole days until at least `want` items are read or the list
 * ends (SIZE_MAX: to the end). */
int due_walk_read(due_walk *w, size_t want, cb_error *err);
/* Completes the items from..to-1 of those read: a retirement's post
 * (what) costs a table row, so it is read only for the items shown (a
 * count needs none). */
int due_walk_complete(due_walk *w, size_t from, size_t to, cb_error *err);
/* The items read so far (valid until the next read), in order; those not
 * completed may lack their post. */
const due_item *due_walk_items(const due_walk *w, size_t *n);
/* True once the list is read to its end. */
bool due_walk_done(const due_walk *w);
/* Hands over the items read (read to the end and completed)
 * (malloc'd; the caller frees them); the walk is then over. */
due_item *due_walk_take(due_walk *w, size_t *n);
void due_walk_free(due_walk *w);

#endif
