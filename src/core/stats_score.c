/* stats_score.c - the "score band" dimension of the breakdowns: cadres by
 * the band their evaluation score of one period falls in (a quarter, a
 * month, a year or a term: the `period` of the query, the year of ratings
 * by default), on the grade thresholds of evaluation.ini (Quy định
 * 366-QĐ/TW: 90, 70, 50 points). It counts scores, not decisions: the
 * decided grade of a year is the rating dimension; the score band shows
 * where the scores alone put people, before the task conditions and the
 * cap. Cadres with no score for the period form their own value.
 *
 * The score is read per cadre by a subquery on evaluation's unique index
 * (cadre_id, period): the histogram cannot answer it, so such a breakdown
 * counts the scope's cadre rows.
 */
#include "stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evaluation.h"
#include "i18n.h"
#include "stats_internal.h"

static const char *const band_names[] = {"no-score", "90+", "70-90", "50-70", "lt50"};

int stats_score_prepare(stats_query *q, const cfg *c, cb_error *err)
{
	eval_rules *r = calloc(1, sizeof *r);
	eval_period p;
	int rc;

	if (!r)
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	if (q->period[0] && !eval_period_parse(q->period, &p)) {
		free(r);
		return cb_error_set(err, CB_EINVALID,
				    _("'%s' is not a period (2025, 2025-Q3, 2025-07, 2021-2025)"),
				    q->period);
	}
	if ((rc = config_evaluation_load(c, r, err)) == CB_OK) {
		for (int g = 1; g < EVAL_GRADES; g++)
			q->score_cut[g - 1] = r->grade[g].min_score;
		q->score_ready = true;
	}
	eval_rules_free(r);
	free(r);
	return rc;
}

/* The period whose scores are counted: the query's, else its year. */
static void period_of(const stats_query *q, char out[16])
{
	if (q->period[0])
		snprintf(out, 16, "%s", q->period);
	else
		snprintf(out, 16, "%d", q->year);
}

void stats_score_axis(stats_axis *a, const stats_query *q)
{
	char lo[16], hi[16];

	for (int code = 1; code <= EVAL_GRADES + 0 && a->n < STATS_MAX_VALUES; code++) {
		char *label = a->label[a->n];
		size_t cap = sizeof a->label[0];
		if (code == 1) {
			snprintf(label, cap, _("%s and over"),
				 eval_score_label(q->score_cut[0], lo));
		} else if (code < EVAL_GRADES) {
			eval_score_label(q->score_cut[code - 1], lo);
			eval_score_label(q->score_cut[code - 2], hi);
			snprintf(label, cap, _("%s to under %s"), lo, hi);
		} else {
			snprintf(label, cap, _("Under %s"),
				 eval_score_label(q->score_cut[EVAL_GRADES - 2], lo));
		}
		a->code[a->n] = code;
		snprintf(a->name[a->n], sizeof a->name[0], "%s", band_names[code]);
		a->n++;
	}
	if (a->n < STATS_MAX_VALUES) {
		a->code[a->n] = 0;
		snprintf(a->name[a->n], sizeof a->name[0], "%s", band_names[0]);
		snprintf(a->label[a->n], sizeof a->label[0], "%s", _("No score"));
		a->n++;
	}
}

void stats_score_apply(const stats_query *q, int code, cadre_filter *f)
{
	period_of(q, f->score_period);
	f->score_band = code;
	memcpy(f->score_cut, q->score_cut, sizeof f->score_cut);
}

void stats_score_expr(const stats_query *q, sql_build *b)
{
	char period[16];

	period_of(q, period);
	sql_put(b, "coalesce((SELECT CASE WHEN e.score >= ? THEN 1");
	sql_int(b, q->score_cut[0]);
	sql_put(b, " WHEN e.score >= ? THEN 2");
	sql_int(b, q->score_cut[1]);
	sql_put(b, " WHEN e.score >= ? THEN 3 ELSE 4 END FROM evaluation e"
		   " WHERE e.cadre_id = c.id AND e.period = ? AND e.score IS NOT NULL), 0)");
	sql_int(b, q->score_cut[2]);
	sql_text(b, period);
}
