/* stats_targets_count.c - counts the cadre targets of one or many columns.
 *
 * All cadre targets of all columns (the province view) are counted in one
 * read of the cadres: into a histogram of the columns the targets read,
 * per column (stats_hist.c); filter_build's conditions for each population
 * and each numerator are then evaluated once per distinct combination of
 * those columns, so every figure is the count of the very list
 * target_filter opens. When the histogram cannot answer exactly, one pass
 * over the cadres by the aggregate canbo_targets evaluates the same
 * conditions on every cadre. Ratings and trainings of the year are read
 * once into memory first (see stats_internal.h). The organisations are
 * counted by stats_targets_eval.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "model.h"
#include "access.h"
#include "stats_internal.h"
#include "stats_targets_internal.h"
#include "units.h"

/* ---- counting: the plain pass, every target, every column -------------- */

static bool cond_met(const ttally *t, int id, unsigned bits, sqlite3_value **conds)
{
	unsigned g;
	switch (t->cond[id]) {
	case COND_GOOD:
		g = bits & SAT_GRADE;
		return g >= 1 && g <= 2;
	case COND_TRAINED:
		return (bits & SAT_KIND(t->kind[id])) != 0;
	default:
		return sqlite3_value_int(conds[t->cond_arg[id]]) != 0;
	}
}

void stats_targets_step(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	ttally *t = sqlite3_value_pointer(argv[0], stats_ptr_type);
	int64_t unit = sqlite3_value_int64(argv[1]), id = sqlite3_value_int64(argv[2]);
	unsigned bits = 0;
	bool in[POP_COUNT];
	int col = 0;

	(void)cx;
	if (!t || argc != 3 + t->npop + t->ncond)
		return;
	if (t->unit_col)
		col = unit >= 0 && unit < t->unit_n ? t->unit_col[unit] : -1;
	if (col < 0 || col >= t->ncols)
		return;
	if (t->sat->bits && id >= 0 && id < t->sat->n)
		bits = t->sat->bits[id];
	for (int p = 0; p < t->npop; p++)
		in[p] = sqlite3_value_int(argv[3 + p]) != 0;
	for (int i = 0; i < TARGET_COUNT; i++) {
		if (t->pop_arg[i] < 0 || !in[t->pop_arg[i]])
			continue;
		t->den[col][i]++;
		if (cond_met(t, i, bits, argv + 3 + t->npop))
			t->num[col][i]++;
	}
}

/* Appends filter_build(f)'s conditions as one boolean expression:
 * "(1 AND a AND b)" is what a WHERE clause would test. */
static void put_flag(sql_build *b, const cadre_filter *f)
{
	sql_put(b, ", (1");
	sql_filter(b, f);
	sql_put(b, ")");
}

/* The statement: populations first, then the numerator conditions
 * written as SQL (those read from memory need none). */
static void build_pass(sql_build *b, ttally *t, const cadre_filter *bare, int year)
{
	struct target_def d;
	cadre_filter f;
	int pop_seen[POP_COUNT];

	for (int p = 0; p < POP_COUNT; p++)
		pop_seen[p] = -1;
	sql_put(b, "SELECT canbo_targets(?, c.unit_id, c.id");
	sql_ptr(b, t);
	for (int id = 0; id < TARGET_COUNT; id++) {
		d = targets_def_of(id);
		t->pop_arg[id] = -1;
		if (d.population < 0)
			continue;
		if (pop_seen[d.population] < 0) {
			pop_seen[d.population] = t->npop++;
			target_filter(id, TL_DEN, bare, year, &f);
			put_flag(b, &f);
		}
		t->pop_arg[id] = pop_seen[d.population];
	}
	for (int id = 0; id < TARGET_COUNT; id++) {
		d = targets_def_of(id);
		if (d.population < 0)
			continue;
		t->kind[id] = d.arg;
		t->cond[id] = !t->sat->bits	    ? COND_ARG
			      : d.cond == C_GOOD    ? COND_GOOD
			      : d.cond == C_TRAINED ? COND_TRAINED
						    : COND_ARG;
		if (t->cond[id] != COND_ARG)
			continue;
		/* the numerator's own fields, on every cadre */
		targets_scope_only(bare, &f);
		targets_add_cond(&d, year, false, &f);
		t->cond_arg[id] = t->ncond++;
		put_flag(b, &f);
	}
	sql_put(b, ") FROM cadre c WHERE 1");
}

static int count_direct(store *s, const cadre_filter *scope, int year, ttally *t, cb_error *err);

/* ---- counting through a histogram ---------------------------------------
 *
 * The pass above evaluates a dozen conditions on every cadre. Cheaper:
 * read the scope's cadres once into a histogram of the few columns the
 * conditions read, per column of the view (stats_hist.c), then evaluate
 * the very same filter_build conditions on the histogram's rows, each
 * weighted by its count. A condition the histogram cannot answer fails to
 * prepare and the plain pass is used instead: never a wrong figure. The
 * yearly records are kept as bits: rated good or better, trained in each
 * kind the targets name.
 */

/* Columns, cut-offs and record bits the cadre targets read: those of
 * each population, and of each numerator that is not a yearly record
 * (those are the bits "rated good or better" and "trained in kind k"). */
static bool hist_spec(stats_hist *h, const cadre_filter *bare, int year)
{
	cadre_filter f;

	for (int id = 0; id < TARGET_COUNT; id++) {
		struct target_def d = targets_def_of(id);
		if (d.population < 0)
			continue;
		target_filter(id, TL_DEN, bare, year, &f);
		h->fields |= stats_hist_fields_of(&f);
		if (!stats_hist_cuts_of(h, &f))
			return false;
		if (d.cond == C_GOOD) {
			h->sat_mask |= 1; /* good_only: the grade becomes this bit */
			continue;
		}
		if (d.cond == C_TRAINED) {
			h->sat_mask |= SAT_KIND(d.arg);
			continue;
		}
		target_filter(id, TL_NUM, bare, year, &f);
		h->fields |= stats_hist_fields_of(&f);
		if (!stats_hist_cuts_of(h, &f))
			return false;
	}
	h->good_only = true;
	return true;
}

/* Which populations and numerator conditions each combination of the
 * histogram meets: bit k of flags[combo] is the k-th boolean of
 * SELECT col, (1 <population p>)..., (1 <numerator of target i>)...
 * written by filter_build on the combination's values, exactly the
 * conditions of target_filter's lists (numerators that are yearly records
 * need none: their bits are kept with each entry). CB_NOT_FOUND when a
 * condition reads a column the histogram does not keep. */
static int combo_flags(store *s, ttally *t, const stats_hist *h, const cadre_filter *bare, int year,
		       uint32_t *flags, cb_error *err)
{
	sql_build *b = calloc(1, sizeof *b);
	sqlite3_stmt *st = NULL;
	int pop_seen[POP_COUNT], nflag = 0, rc;
	cadre_filter f;

	if (!b)
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	for (int p = 0; p < POP_COUNT; p++)
		pop_seen[p] = -1;
	sql_put(b, "SELECT c.col");
	for (int id = 0; id < TARGET_COUNT; id++) {
		struct target_def d = targets_def_of(id);
		t->pop_arg[id] = -1;
		if (d.population < 0)
			continue;
		if (pop_seen[d.population] < 0) {
			pop_seen[d.population] = nflag++;
			target_filter(id, TL_DEN, bare, year, &f);
			put_flag(b, &f);
		}
		t->pop_arg[id] = pop_seen[d.population];
		t->kind[id] = d.arg;
		t->cond[id] = d.cond == C_GOOD	    ? COND_GOOD
			      : d.cond == C_TRAINED ? COND_TRAINED
						    : COND_ARG;
		if (t->cond[id] != COND_ARG)
			continue;
		targets_scope_only(bare, &f);
		targets_add_cond(&d, year, false, &f);
		t->cond_arg[id] = nflag++;
		put_flag(b, &f);
	}
	sql_put(b, " FROM ");
	sql_put(b, h->table);
	sql_put(b, " c");
	rc = nflag <= 32 ? sql_prepare(s, b, &st, _("Evaluating the targets"), err) : CB_EDB;
	free(b);
	if (rc) {
		cb_error_clear(err);
		return CB_NOT_FOUND; /* a condition the histogram cannot answer */
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int combo = sqlite3_column_int(st, 0);
		uint32_t v = 0;
		for (int k = 0; k < nflag; k++)
			if (sqlite3_column_int(st, 1 + k))
				v |= (uint32_t)1 << k;
		if (combo >= 0 && combo < h->ncombo)
			flags[combo] = v;
	}
	rc = rc == SQLITE_DONE ? CB_OK : store_fail(s, err, _("Evaluating the targets"));
	sqlite3_finalize(st);
	return rc;
}

/* Every figure as the sum over the histogram's entries: an entry counts
 * in a target's denominator when its combination meets the population,
 * in the numerator when it also meets the condition (its combination's
 * flag, or its record bit: rated good or better, trained in kind k). */
static int hist_sum(store *s, ttally *t, const stats_hist *h, const cadre_filter *bare, int year,
		    cb_error *err)
{
	uint32_t *flags = calloc((size_t)h->ncombo + 1, sizeof *flags);
	stats_hist_row e;
	size_t i = 0;
	int rc;

	if (!flags)
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	rc = combo_flags(s, t, h, bare, year, flags, err);
	while (!rc && stats_hist_entry(h, &i, &e)) {
		uint32_t v;
		if (e.col < 0 || e.col >= t->ncols || e.combo < 0)
			continue;
		v = flags[e.combo];
		for (int id = 0; id < TARGET_COUNT; id++) {
			bool met;
			if (t->pop_arg[id] < 0 || !(v >> t->pop_arg[id] & 1))
				continue;
			t->den[e.col][id] += e.n;
			met = t->cond[id] == COND_GOOD	    ? (e.sat & 1) != 0
			      : t->cond[id] == COND_TRAINED ? (e.sat & SAT_KIND(t->kind[id])) != 0
							    : (v >> t->cond_arg[id] & 1) != 0;
			if (met)
				t->num[e.col][id] += e.n;
		}
	}
	free(flags);
	return rc;
}

/* The histogram way; CB_NOT_FOUND when it cannot answer (then nothing is
 * counted and the plain pass must be used). */
static int count_by_hist(store *s, const cadre_filter *outer, const cadre_filter *bare, int year,
			 ttally *t, cb_error *err)
{
	stats_hist h;
	int rc;

	stats_hist_init(&h, 0);
	if (!hist_spec(&h, bare, year))
		return CB_NOT_FOUND;
	h.sat = t->sat;
	h.combos = true;
	h.unit_col = t->unit_col;
	h.unit_n = t->unit_n;
	h.ncols = t->ncols;
	rc = stats_hist_fill(s, &h, outer, err);
	if (!rc)
		rc = hist_sum(s, t, &h, bare, year, err);
	stats_hist_free(&h);
	return rc;
}

/* Counts the cadre targets of `scope` into t's columns in one pass:
 * through the histogram when it can answer, else directly. */
int targets_count_cadres(store *s, const cadre_filter *scope, int year, ttally *t, cb_error *err)
{
	cadre_filter bare, outer;
	int rc;

	targets_scope_only(scope, &outer);
	bare = outer;
	bare.unit_lo = bare.unit_hi = 0;
	bare.org_id = 0;
	bare.departed = FILTER_ANY; /* the scope's condition, as outer's */
	rc = count_by_hist(s, &outer, &bare, year, t, err);
	if (rc != CB_NOT_FOUND)
		return rc;
	cb_error_clear(err);
	for (int c = 0; c < t->ncols; c++)
		for (int id = 0; id < TARGET_COUNT; id++)
			t->num[c][id] = t->den[c][id] = 0;
	return count_direct(s, scope, year, t, err);
}

/* The plain pass: every condition on every cadre of the scope. */
static int count_direct(store *s, const cadre_filter *scope, int year, ttally *t, cb_error *err)
{
	sql_build *b = calloc(1, sizeof *b);
	cadre_filter bare, outer;
	sqlite3_stmt *st = NULL;
	int rc;

	if (!b)
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	targets_scope_only(scope, &outer);
	bare = outer;
	bare.unit_lo = bare.unit_hi = 0;
	bare.org_id = 0;
	bare.departed = FILTER_ANY; /* the scope's condition, as outer's */
	build_pass(b, t, &bare, year);
	sql_filter(b, &outer);
	rc = sql_prepare(s, b, &st, _("Evaluating the targets"), err);
	free(b);
	if (rc)
		return rc;
	rc = sqlite3_step(st) == SQLITE_ROW ? CB_OK
					    : store_fail(s, err, _("Evaluating the targets"));
	sqlite3_finalize(st);
	return rc;
}

/* A tally of ncols columns with its counters (free with targets_tally_free). */
int targets_tally_new(ttally *t, int ncols, const stats_sat *sat, cb_error *err)
{
	memset(t, 0, sizeof *t);
	t->sat = sat;
	t->ncols = ncols;
	t->num = calloc((size_t)ncols, sizeof *t->num);
	t->den = calloc((size_t)ncols, sizeof *t->den);
	if (!t->num || !t->den) {
		free(t->num);
		free(t->den);
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	}
	return CB_OK;
}

void targets_tally_free(ttally *t)
{
	free(t->num);
	free(t->den);
	free((void *)t->unit_col);
}

void targets_tally_copy(const ttally *t, int col, target_result *out)
{
	for (int id = 0; id < TARGET_COUNT; id++)
		if (t->pop_arg[id] >= 0) {
			out[id].num = t->num[col][id];
			out[id].den = t->den[col][id];
		}
}
