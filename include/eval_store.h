/* eval_store.h - evaluations of a cadre or a party organisation by period,
 * kept in the database, and the checks on a year's ratings.
 *
 * Stages: recorded (score, tasks, note) -> self-assessment -> collective
 * review -> proposal -> decision; each stage is dated and signed by the
 * Unix user who made it. A decided evaluation is locked: nothing of it
 * changes until it is reopened, with a reason that stays in the audit
 * trail. Deciding a year's evaluation sets that year's rating (the rating
 * table) in the same transaction, so breakdowns and targets read it as
 * before; a rating with no evaluation reads as a decided yearly evaluation
 * without scores. Every write is one transaction with its audit row and a
 * version check (CB_ESTALE when someone saved first).
 */
#ifndef CANBO_EVAL_STORE_H
#define CANBO_EVAL_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "date.h"
#include "evaluation.h"
#include "store.h"

#define EVAL_TEXT_MAX 1024

/* The stages, in order; an evaluation is at the last one it has passed. */
#define EVAL_STAGE_LIST(X)                                                                         \
	X(0, "recorded", "Recorded")                                                               \
	X(1, "self", "Self-assessed")                                                              \
	X(2, "review", "Reviewed by the collective")                                               \
	X(3, "proposal", "Proposed")                                                               \
	X(4, "decided", "Decided")

enum eval_stage { EVAL_RECORDED, EVAL_SELF, EVAL_REVIEW, EVAL_PROPOSAL, EVAL_DECIDED };

typedef struct evaluation {
	int64_t id, version; /* id 0: not stored yet */
	bool org;	     /* owner is an organisation */
	int64_t owner;	     /* cadre or organisation id */
	eval_period period;
	int score;		     /* hundredths, -1 = not scored */
	int scores[EVAL_GROUPS_MAX]; /* per criteria group, -1 = not given */
	eval_tasks tasks;
	char note[EVAL_TEXT_MAX];
	int computed;	/* grade proposed by the rules, 0 = not scored */
	int self_grade; /* 0 = none */
	char self_on[11], self_by[64];
	char reviewed_on[11], reviewed_by[64];
	int proposed; /* the collective's proposal, 0 = none */
	char proposed_on[11], proposed_by[64];
	int grade; /* decided, 0 = not decided */
	char decided_on[11], decided_by[64];
	char reason[EVAL_TEXT_MAX];	 /* why the decision is above the proposal */
	bool from_rating;		 /* a rating recorded without an evaluation */
	char owner_name[CADRE_TEXT_MAX]; /* filled by reads */
} evaluation;

const char *eval_stage_name(int stage);
/* The English label of a stage (a msgid: pass it through gettext). */
const char *eval_stage_label(int stage);
/* The last stage e has passed. */
int eval_stage_of(const evaluation *e);
/* The grade the decision is compared with: the collective's proposal, or
 * the computed grade when there is none; 0 when neither. */
int eval_proposal(const evaluation *e);

/* A fresh evaluation of owner for period (nothing stored). */
void eval_init(evaluation *e, bool org, int64_t owner, const eval_period *p);

/* Reads the owner's evaluation of a period (a year with only a rating
 * comes back with from_rating set and id 0); CB_NOT_FOUND when none. */
int eval_get(store *s, bool org, int64_t owner, const char *period, evaluation *out, cb_error *err);
/* The owner's evaluations, ratings without an evaluation included, by
 * year, then months, quarters, the year and the term; free() the array. */
int eval_history(store *s, bool org, int64_t owner, evaluation **out, size_t *n, cb_error *err);

/* Saves score, scores, tasks and note (inserted when e->id is 0, else
 * updated at e->version); recomputes e->computed with the rules. Refused
 * when the evaluation is decided (locked) or a value is out of range. */
int eval_save(store *s, const eval_rules *r, evaluation *e, cb_error *err);
/* Records a stage (EVAL_SELF with grade, EVAL_REVIEW, EVAL_PROPOSAL with
 * grade or 0 for the computed one), dated today, signed by the user. */
int eval_stage_set(store *s, evaluation *e, int stage, int grade, cb_date today, cb_error *err);
/* Decides grade; reason required when it is better than eval_proposal. A
 * year's decision also sets the rating of that year, in one transaction. */
int eval_decide(store *s, evaluation *e, int grade, const char *reason, cb_date today,
		cb_error *err);
/* Unlocks a decided evaluation (back to the proposal stage); the reason
 * and the decision undone go to the audit trail as action "reopen". The
 * year's rating stays until the next decision. */
int eval_reopen(store *s, evaluation *e, const char *reason, cb_error *err);

/* Records the evaluations of a CSV file (columns cadre_id or org_id,
 * period, scores "28+61.5", tasks "12/12/0/3", note), all rows or none:
 * the first bad row is named with its line and nothing is kept. dry_run
 * checks every row and keeps nothing. *rows: the rows recorded. */
int eval_import(store *s, const eval_rules *r, const char *text, size_t len, bool dry_run,
		size_t *rows, cb_error *err);

/* ---- lists over a scope ------------------------------------------------ */

typedef struct eval_scope {
	int64_t unit_lo, unit_hi; /* units' pre-order interval; 0,0 = all */
} eval_scope;

typedef struct eval_missing {
	int64_t cadre_id;
	char full_name[CADRE_NAME_MAX];
	char unit_name[128];
	int stage; /* -1 = no evaluation, else its stage (not decided) */
} eval_missing;

typedef int (*eval_missing_fn)(const eval_missing *m, void *ctx);
/* Cadres of the scope whose evaluation of the period is not decided, in
 * name order; fn returns nonzero to stop (that value is returned). */
int eval_each_missing(store *s, const eval_scope *sc, const char *period, eval_missing_fn fn,
		      void *ctx, cb_error *err);

/* Counts for a period in a scope: [grade 1..4] decided, computed and
 * proposed; cadres without an evaluation; evaluations not decided. */
typedef struct eval_summary {
	int decided[EVAL_GRADES + 1], computed[EVAL_GRADES + 1];
	int cadres, evaluated, undecided;
	int bands[EVAL_GRADES + 1]; /* scored evaluations by score band */
} eval_summary;
int eval_summarise(store *s, const eval_rules *r, const eval_scope *sc, const char *period,
		   eval_summary *out, cb_error *err);

/* ---- checks on a year's ratings ------------------------------------ */

#define EVAL_CHECK_LIST(X)                                                                         \
	X(1, "cap", "Over the cap on excellent")                                                   \
	X(2, "remediation", "Excellent with last year's items not remedied")                       \
	X(3, "failed-twice", "Did not complete duties two years running")                          \
	X(4, "differs", "Decision differs from the proposal")

enum eval_check {
	EVAL_CHECK_CAP = 1,
	EVAL_CHECK_REMEDIATION,
	EVAL_CHECK_FAILED_TWICE,
	EVAL_CHECK_DIFFERS
};

typedef struct eval_finding {
	int check;  /* enum eval_check */
	bool org;   /* the row is about an organisation */
	int64_t id; /* cadre or organisation */
	/* The organisation the finding is about: the row's own, or the
	 * cadre's (0: a cadre in no organisation). */
	int64_t org_id;
	char name[CADRE_TEXT_MAX];
	char org_name[CADRE_TEXT_MAX]; /* the cadre's organisation */
	char unit_name[128];	       /* the cadre's or organisation's unit */
	int excess;		       /* cap: people over it */
	int a, b;		       /* cap: excellent, base; remediation: open items,
					* items; differs: proposal, decision */
} eval_finding;

const char *eval_check_name(int check);
/* The English label of a check (a msgid: pass it through gettext). */
const char *eval_check_label(int check);
typedef int (*eval_finding_fn)(const eval_finding *f, void *ctx);
/* The findings of one check (enum eval_check) of the year in the scope. */
int eval_check_one(store *s, const eval_rules *r, const eval_scope *sc, int year, int check,
		   eval_finding_fn fn, void *ctx, cb_error *err);
/* Every finding of the year in the scope, check by check. */
int eval_check_year(store *s, const eval_rules *r, const eval_scope *sc, int year,
		    eval_finding_fn fn, void *ctx, cb_error *err);
/* As eval_check_year, giving way to the caller: should_stop(stop_ctx) is
 * asked every few thousand steps of the reads, and when it answers
 * non-zero the checks stop with CB_STOPPED (nothing wrong; the findings
 * already handed to fn are only part of them). NULL should_stop = never. */
int eval_check_year_until(store *s, const eval_rules *r, const eval_scope *sc, int year,
			  int (*should_stop)(void *), void *stop_ctx, eval_finding_fn fn, void *ctx,
			  cb_error *err);
/* The grade of cadres' ratings a finding is about, i.e. the row of a
 * breakdown by rating it marks: "xuất sắc" (1) for the cap and for
 * remediation, "không hoàn thành" (4) for two failed years, the decided
 * grade for a decision unlike its proposal; 0 when the finding is about
 * an organisation's own rating, which no cadre's row holds. */
int eval_finding_grade(const eval_finding *f);
/* What a finding says, in the user's language, e.g. "3 excellent of 8
 * good or better: 20 % allows 1" (the detail of `canbo ratings check`). */
void eval_finding_detail(const eval_finding *f, const eval_rules *r, char *buf, size_t cap);

#endif
