/* career.h - the rules of a cadre's career: the retirement date from the
 * roadmap, the end of a term and the notice before it, how long a
 * discipline lasts and bars promotion, and the rules of the planning pool.
 *
 * Pure functions over a career_rules read from configuration (career.ini,
 * config_career.c); every number there names its source document and the
 * office may change it. Nothing here reads the database.
 */
#ifndef CANBO_CAREER_H
#define CANBO_CAREER_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "date.h"
#include "error.h"

/* Discipline families and forms. X(id, code, English label). The code is
 * what the database stores and what career.ini names. */
#define DISC_FAMILY_LIST(X)                                                                        \
	X(DISC_PARTY, "party", "Party discipline of a member")                                     \
	X(DISC_ORG, "org", "Party discipline of an organisation")                                  \
	X(DISC_STATE, "state", "State discipline")

enum disc_family {
#define X(id, code, label) id,
	DISC_FAMILY_LIST(X)
#undef X
		DISC_FAMILY_COUNT
};

/* X(id, family, code, English label) */
#define DISC_FORM_LIST(X)                                                                          \
	X(DF_PARTY_REPRIMAND, DISC_PARTY, "khien-trach", "Reprimand")                              \
	X(DF_PARTY_WARNING, DISC_PARTY, "canh-cao", "Warning")                                     \
	X(DF_PARTY_REMOVAL, DISC_PARTY, "cach-chuc", "Removal from office")                        \
	X(DF_PARTY_EXPULSION, DISC_PARTY, "khai-tru", "Expulsion")                                 \
	X(DF_ORG_REPRIMAND, DISC_ORG, "khien-trach", "Reprimand")                                  \
	X(DF_ORG_WARNING, DISC_ORG, "canh-cao", "Warning")                                         \
	X(DF_ORG_DISSOLUTION, DISC_ORG, "giai-tan", "Dissolution")                                 \
	X(DF_STATE_REPRIMAND, DISC_STATE, "khien-trach", "Reprimand")                              \
	X(DF_STATE_WARNING, DISC_STATE, "canh-cao", "Warning")                                     \
	X(DF_STATE_SALARY, DISC_STATE, "ha-bac-luong", "Salary step reduction")                    \
	X(DF_STATE_DEMOTION, DISC_STATE, "giang-chuc", "Demotion")                                 \
	X(DF_STATE_REMOVAL, DISC_STATE, "cach-chuc", "Removal from office")                        \
	X(DF_STATE_DISMISSAL, DISC_STATE, "buoc-thoi-viec", "Dismissal")

enum disc_form {
#define X(id, fam, code, label) id,
	DISC_FORM_LIST(X)
#undef X
		DISC_FORM_COUNT
};

int disc_form_family(int form);
const char *disc_form_code(int form);  /* "khien-trach" */
const char *disc_form_label(int form); /* translated */
/* The label, with "(state)" after a state form; into buf. */
const char *disc_form_title(int form, char *buf, size_t cap);
const char *disc_family_code(int family);
const char *disc_family_label(int family);
/* "party:canh-cao" or "canh-cao" with the family given; -1 if unknown. */
int disc_form_from_code(int family, const char *code);
bool disc_family_from_code(const char *code, int *family);

#define CAREER_NO_END	    (-1) /* a bar that never ends */
#define CAREER_MAX_HOLIDAYS 256
#define CAREER_MAX_TITLES   64

/* A title a cadre may be planned for, at a level (tier). */
typedef struct career_title {
	int level; /* 1 province, 2 district, 3 commune */
	int rank;  /* RANK_LIST: 1 highest */
	char code[CFG_CODE_MAX];
	char name[CFG_NAME_MAX];
} career_title;

typedef struct career_rules {
	/* retirement (Nghị định 135/2020/NĐ-CP, Điều 4): ages in months */
	int retire_base_year; /* 2021 */
	int retire_before[3]; /* [gender] age before the roadmap: 720, 660 */
	int retire_start[3];  /* age in the base year: 723, 664 */
	int retire_step[3];   /* added each year: 3, 4 */
	int retire_max[3];    /* final age: 744, 720 */
	int retire_bands[3];  /* years to retirement breakdown: 1, 2, 5 */
	/* terms (Nghị định 138/2020/NĐ-CP, Điều 41; Quy định 377-QĐ/TW) */
	int term_years;		      /* 5 */
	int term_to_retirement_years; /* 5: with this or fewer years left, the new term runs to
					 retirement */
	int term_extend_years;	 /* 2: with fewer years left, extended without re-appointment */
	int notice_working_days; /* 90 */
	int holiday_days[CAREER_MAX_HOLIDAYS]; /* cb_date of each holiday, sorted */
	int holiday_count;
	int annual_holidays[32]; /* month * 100 + day, every year */
	int annual_count;
	/* discipline (Quy định 69-QĐ/TW; Quy định 80-QĐ/TW; Luật Cán bộ, công chức) */
	int lapse_months[DISC_FAMILY_COUNT]; /* 12 */
	int bar_months[DISC_FORM_COUNT];     /* months barred, 0 none, CAREER_NO_END */
	/* planning pool (Quy định 377-QĐ/TW; ratios of the repealed Quy định 50-QĐ/TW) */
	int pool_per_title;	   /* 3 */
	int pool_titles_per_cadre; /* 3 */
	int pool_young_age;	   /* 40 */
	int pool_young_pct;	   /* 15 */
	int pool_women_pct;	   /* 25 */
	int pool_review_month;	   /* 12: month of the yearly review */
	int pool_serve_years;	   /* 5: years before retirement at the term's start */
	career_title titles[CAREER_MAX_TITLES];
	int title_count;
} career_rules;

/* The built-in defaults (the same as the shipped career.ini). */
void career_rules_default(career_rules *r);
/* Reads <config dir>/career.ini over the defaults; a missing file leaves
 * the defaults. A bad value stops with its path, line and key. */
int career_rules_load(const cfg *c, career_rules *r, cb_error *err);

/* ---- retirement ---------------------------------------------------------- */

/* Retirement age in months for a gender (1 male, 2 female) retiring in `year`. */
int career_retire_age(const career_rules *r, int gender, int year);
/* The retirement date: the last day of the month in which the roadmap's
 * age is reached. month = 0 when only the birth year is known (taken as
 * 1 January). CB_DATE_NONE on a bad gender or year. */
cb_date career_retirement(const career_rules *r, int gender, int year, int month, int day);
/* The same from the stored birth date text: "YYYY-MM-DD", "YYYY" or
 * "YYYY-00-00" (year only). */
cb_date career_retirement_of(const career_rules *r, int gender, const char *birth);

/* ---- terms --------------------------------------------------------------- */

/* The end of a term starting on `start`: the stated end when given, else
 * term_years later; never after the retirement date (CB_DATE_NONE: none). */
cb_date career_term_end(const career_rules *r, cb_date start, cb_date stated_end,
			cb_date retirement);

enum career_next {
	NEXT_REAPPOINT,	    /* a new term of term_years after re-appointment */
	NEXT_TO_RETIREMENT, /* re-appointed for a term that runs to retirement */
	NEXT_EXTEND,	    /* extended to retirement without re-appointment */
	NEXT_RETIRE,	    /* retires at or before the term's end */
};

/* What follows a term ending on `term_end`, and when the next term ends. */
int career_next_term(const career_rules *r, cb_date term_end, cb_date retirement,
		     cb_date *next_end);

bool career_is_working_day(const career_rules *r, cb_date d);
/* The day `n` working days before `d` (d itself not counted). */
cb_date career_working_days_before(const career_rules *r, cb_date d, int n);
/* The date the cadre must be notified of the term's end by. */
cb_date career_notice_date(const career_rules *r, cb_date term_end);

/* Adds months to a date; the day is kept, or the month's last day. */
cb_date career_add_months(cb_date d, int months);

/* ---- discipline ---------------------------------------------------------- */

/* When a discipline announced on `announced` lapses. */
cb_date career_discipline_lapse(const career_rules *r, int form, cb_date announced);
/* Until when it bars planning and appointment to a higher post: the day
 * the bar ends (barred while on < that day); CB_DATE_NONE: no bar;
 * INT_MAX: never ends. */
cb_date career_discipline_bar_end(const career_rules *r, int form, cb_date effective);

/* ---- planning pool ------------------------------------------------------- */

/* Whether title t is higher than a post of rank `rank` at `level`. */
bool career_title_higher(const career_title *t, int level, int rank);
const career_title *career_title_find(const career_rules *r, const char *code);

/* People more needed for pct % of a pool of n that has `have` of them
 * (the target panel's "need N more"). */
int career_gap(int have, int n, int pct);

#endif
