/* evaluation.h - evaluation by period on a 100-point frame: the rules that
 * turn a score and the tasks done into a proposed grade, and the cap on
 * "hoàn thành xuất sắc" within an organisation.
 *
 * Every number here comes from the configuration (evaluation.ini, see
 * canbo.ini(5), EVALUATION), where the source document of each default is
 * named: an office follows a later text by editing the file. Scores are
 * kept in hundredths of a point (8999 = 89.99) so that the boundaries of the
 * bands compare exactly. Nothing in this file touches the database.
 */
#ifndef CANBO_EVALUATION_H
#define CANBO_EVALUATION_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "error.h"

/* Grades are those of GRADE_LIST (model.h): 1 excellent .. 4 failed. */
#define EVAL_GRADES	4
#define EVAL_GROUPS_MAX 9
#define EVAL_ITEMS_MAX	99 /* items per criteria group */
#define EVAL_TITLE_MAX	128
#define EVAL_CENTI	100 /* hundredths in a point */

/* Kinds of period, in the order they are listed (a term first). */
#define EVAL_PERIOD_LIST(X)                                                                        \
	X(1, "term", "Term")                                                                       \
	X(2, "year", "Year")                                                                       \
	X(3, "quarter", "Quarter")                                                                 \
	X(4, "month", "Month")                                                                     \
	X(5, "adhoc", "When needed")

enum eval_period_kind { EVAL_TERM = 1, EVAL_YEAR, EVAL_QUARTER, EVAL_MONTH, EVAL_ADHOC };

/* A period, written as on the command line and stored:
 *   2021-2025   a term        2025        a year
 *   2025-Q3     a quarter     2025-07     a month
 *   2025-07-14  a dated evaluation made when needed */
typedef struct eval_period {
	int kind;     /* enum eval_period_kind */
	int year;     /* the year it falls in (a term: its last year) */
	char key[16]; /* the canonical text above */
} eval_period;

/* Parses s; false (p untouched) when it is none of the forms above or not
 * a real date/quarter/month/term. */
bool eval_period_parse(const char *s, eval_period *p);
/* The name of a kind ("quarter"), "" when out of range. */
const char *eval_period_kind_name(int kind);

/* Tasks of the period: assigned; done on time; done late; of those done,
 * how many exceeded what was asked. */
typedef struct eval_tasks {
	int assigned, on_time, late, exceeded;
} eval_tasks;

/* on_time + late <= assigned, exceeded <= on_time + late, none negative. */
int eval_tasks_check(const eval_tasks *t, cb_error *err);

/* What a grade needs besides its score; a percent of -1 = no condition. */
typedef struct eval_grade_rule {
	int min_score;	      /* hundredths; the lowest grade has 0 */
	bool all_done;	      /* every task assigned was done */
	bool all_on_time;     /* every task assigned was done on time */
	int min_exceeded_pct; /* exceeded * 100 >= pct * assigned */
	int max_late_pct;     /* late * 100 <= pct * assigned */
} eval_grade_rule;

enum eval_cap_base { EVAL_CAP_GOOD_OR_BETTER, EVAL_CAP_GOOD };
enum eval_rounding { EVAL_ROUND_DOWN, EVAL_ROUND_NEAREST, EVAL_ROUND_UP };

typedef struct eval_group {
	char title[EVAL_TITLE_MAX];
	int max;		  /* hundredths */
	size_t first_item, items; /* its items in eval_rules.items */
} eval_group;

typedef struct eval_item {
	int group;	/* 1-based */
	char code[8];	/* "1.2" */
	char text[512]; /* "" = not filled in by the office yet */
} eval_item;

typedef struct eval_rules {
	eval_grade_rule grade[EVAL_GRADES + 1]; /* [1..4] */
	bool cumulative;  /* a grade also needs the conditions of those below */
	int cap_percent;  /* -1 = no cap */
	int cap_base;	  /* enum eval_cap_base */
	int cap_rounding; /* enum eval_rounding */
	eval_group groups[EVAL_GROUPS_MAX];
	size_t group_count;
	eval_item *items; /* owned: eval_rules_free */
	size_t item_count;
	int selfcheck_months; /* the self-check period: 1, 3 or 6 months */
} eval_rules;

/* Loads the rules from the file named by [files] evaluation (default
 * evaluation.ini beside canbo.ini); every key checked, the group maxima
 * must add up to 100 points and the bands must descend. */
int config_evaluation_load(const cfg *c, eval_rules *out, cb_error *err);
/* The same from a file path (tests, and the loader above). */
int eval_rules_load_file(const char *path, eval_rules *out, cb_error *err);
void eval_rules_free(eval_rules *r);

/* The grade (1..4) proposed for a score in hundredths and the tasks: the
 * best grade whose band holds the score and whose conditions hold (with
 * cumulative rules, those of every lower grade too). A score that meets
 * no grade's conditions gets the lowest grade. */
int eval_propose(const eval_rules *r, int score, const eval_tasks *t);
/* Whether the tasks meet the conditions of grade g alone. */
bool eval_tasks_meet(const eval_grade_rule *g, const eval_tasks *t);

/* The cap on "xuất sắc": how many of base people may be rated excellent. */
int eval_cap_allowed(const eval_rules *r, int base);
/* The fewest people rated excellent who must be rated lower (as "tốt")
 * for an organisation with `excellent` and `good` people rated so to meet
 * the cap; 0 when it is met or there is no cap. */
int eval_cap_excess(const eval_rules *r, int excellent, int good);

/* Parses "89.99", "90", "7.5" (at most two decimals, no sign) into
 * hundredths; false when it is not such a number or above max. */
bool eval_score_parse(const char *s, int max, int *out);
/* Writes hundredths as "89.99" / "90" into buf (16 bytes). */
const char *eval_score_format(int centi, char *buf);
/* The same for people to read: "89,99" with the decimal comma in
 * Vietnamese (eval_score_parse reads both back). */
const char *eval_score_label(int centi, char *buf);

#endif
