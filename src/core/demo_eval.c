/* demo_eval.c - the demo's yearly evaluations: for every cadre rated in the
 * demo's last year, a decided evaluation whose score and tasks give, by
 * the configured rules, the grade of the rating; about one in forty cadres
 * rated "tốt" has a score and tasks that the rules would rate "xuất sắc"
 * (the collective decided lower, as the cap makes it do), so that the
 * check of decisions against proposals has something to show.
 *
 * Runs inside the demo's bulk transaction, after the ratings are flushed;
 * deterministic from the seed like the rest of the demo.
 */
#include "demo.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "evaluation.h"
#include "i18n.h"

#define DECIDED_ON "-12-20" /* year-end reviews are decided in December */

/* Score (hundredths) and tasks that the rules grade g; *lowered when the
 * draw makes an excellent record that the collective rated "tốt". */
static void draw(demo_rng *r, int g, int *score, eval_tasks *t, bool *lowered)
{
	static const int lo[] = {0, 9000, 7000, 5000, 3000};
	int assigned = 6 + (int)demo_rng_below(r, 10);

	*lowered = g == 2 && demo_rng_below(r, 40) == 0;
	if (*lowered)
		g = 1;
	*score = lo[g] + (int)demo_rng_below(r, g == 1 ? 1000 : 2000);
	memset(t, 0, sizeof *t);
	t->assigned = assigned;
	switch (g) {
	case 1: /* all on time, at least 30 % exceeded */
		t->on_time = assigned;
		t->exceeded = (assigned * 3 + 9) / 10 + (int)demo_rng_below(r, 2);
		break;
	case 2: /* all done, at most one late, some exceeded */
		t->late = (int)demo_rng_below(r, 2);
		t->on_time = assigned - t->late;
		t->exceeded = (int)demo_rng_below(r, (unsigned)(assigned * 3 / 10));
		break;
	case 3: /* all done, at most 20 % late */
		t->late = (int)demo_rng_below(r, (unsigned)(assigned / 5 + 1));
		t->on_time = assigned - t->late;
		break;
	default: /* some not done */
		t->on_time = assigned - 1 - (int)demo_rng_below(r, 3);
		break;
	}
	if (t->exceeded > t->on_time)
		t->exceeded = t->on_time;
}

static int fail(sqlite3 *db, cb_error *err)
{
	return cb_error_set(err, CB_EDB, _("Building the demo evaluations: %s"),
			    sqlite3_errmsg(db));
}

static int insert_one(sqlite3_stmt *ins, sqlite3_stmt *score, int64_t cadre_id, int year, int grade,
		      int computed, int total, const eval_tasks *t, const char *user)
{
	char period[8], on[16];
	int common = total * 3 / 10;
	int64_t id;

	snprintf(period, sizeof period, "%d", year);
	snprintf(on, sizeof on, "%d" DECIDED_ON, year);
	sqlite3_bind_int64(ins, 1, cadre_id);
	sqlite3_bind_text(ins, 2, period, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(ins, 3, year);
	sqlite3_bind_int(ins, 4, total);
	sqlite3_bind_int(ins, 5, t->assigned);
	sqlite3_bind_int(ins, 6, t->on_time);
	sqlite3_bind_int(ins, 7, t->late);
	sqlite3_bind_int(ins, 8, t->exceeded);
	sqlite3_bind_int(ins, 9, computed);
	sqlite3_bind_int(ins, 10, grade);
	sqlite3_bind_text(ins, 11, on, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(ins, 12, user, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(ins) != SQLITE_DONE)
		return -1;
	sqlite3_reset(ins);
	id = sqlite3_last_insert_rowid(sqlite3_db_handle(ins));
	for (int g = 1; g <= 2; g++) {
		sqlite3_bind_int64(score, 1, id);
		sqlite3_bind_int(score, 2, g);
		sqlite3_bind_int(score, 3, g == 1 ? common : total - common);
		if (sqlite3_step(score) != SQLITE_DONE)
			return -1;
		sqlite3_reset(score);
	}
	return 0;
}

int demo_evaluations(store *s, const cfg *c, int year, uint64_t seed, long *count, cb_error *err)
{
	sqlite3 *db = store_db(s);
	sqlite3_stmt *sel = NULL, *ins = NULL, *score = NULL;
	eval_rules rules;
	demo_rng r;
	int rc = CB_OK, step;

	*count = 0;
	if (config_evaluation_load(c, &rules, err))
		return CB_ECONFIG;
	demo_rng_seed(&r, seed ^ UINT64_C(0x4576616c75617465)); /* "Evaluate" */
	if (sqlite3_prepare_v2(db,
			       "SELECT cadre_id, grade FROM rating WHERE year = ?"
			       " AND cadre_id IS NOT NULL ORDER BY cadre_id",
			       -1, &sel, NULL) ||
	    sqlite3_prepare_v2(db,
			       "INSERT INTO evaluation(cadre_id, period, kind, year, score,"
			       " assigned, on_time, late, exceeded, computed, proposed, grade,"
			       " decided_on, decided_by, proposed_on, proposed_by)"
			       " VALUES(?1, ?2, 2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?11, ?12,"
			       " ?11, ?12)",
			       -1, &ins, NULL) ||
	    sqlite3_prepare_v2(db,
			       "INSERT INTO evaluation_score(evaluation_id, grp, points)"
			       " VALUES(?, ?, ?)",
			       -1, &score, NULL)) {
		rc = fail(db, err);
		goto out;
	}
	sqlite3_bind_int(sel, 1, year);
	while (!rc && (step = sqlite3_step(sel)) == SQLITE_ROW) {
		int grade = sqlite3_column_int(sel, 1), total, computed;
		eval_tasks t;
		bool lowered;
		draw(&r, grade, &total, &t, &lowered);
		computed = eval_propose(&rules, total, &t);
		/* the rules of the configuration may differ from the shipped
		 * ones: then the record is kept, its proposal being theirs */
		if (insert_one(ins, score, sqlite3_column_int64(sel, 0), year, grade, computed,
			       total, &t, store_user(s)))
			rc = fail(db, err);
		else
			++*count;
	}
	if (!rc && step != SQLITE_DONE)
		rc = fail(db, err);
out:
	sqlite3_finalize(sel);
	sqlite3_finalize(ins);
	sqlite3_finalize(score);
	eval_rules_free(&rules);
	return rc;
}
