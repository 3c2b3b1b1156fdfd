/* targets.c - the numeric targets of the resolution, evaluated exactly.
 *
 * Every target is a percentage: numerator / denominator >= target %. The
 * definitions (resolution of the 4th plenum of the 12th provincial
 * committee, section I.2, and the provincial congress's 90 %), for the
 * year Y (ratings and trainings) and reference date D (ages):
 *
 * Organisations (counted from org with their rating for Y):
 *   T_ORG_STANDING_GOOD    population: standing committees, party
 *                          delegations and party affairs boards (kinds
 *                          standing-committee, party-delegation,
 *                          party-board); numerator: rated excellent or good
 *                          in Y ("hoàn thành tốt nhiệm vụ trở lên").
 *   T_ORG_GRASSROOTS_GOOD  population: grassroots party organisations
 *                          (tổ chức cơ sở đảng): grassroots committees, and
 *                          party cells not under a grassroots committee
 *                          (chi bộ cơ sở); numerator: rated good or better in Y.
 *   T_CONGRESS_ORG_GOOD    same population and numerator (congress, 90 %).
 * Cadres (population: filter.h's POPULATION_LIST):
 *   T_COMMITTEE_TRAINED    POP_TRAINING_GROUP; trained in party-building
 *                          knowledge in Y.
 *   T_MANAGED_UNDER40      POP_MANAGED; under 40 (completed years) on D.
 *   T_MANAGED_WOMEN        POP_MANAGED; female.
 *   T_DEPT_MASTER          POP_DEPT; education master or above.
 *   T_COMMUNE_THEORY       POP_COMMUNE; political theory intermediate or above.
 *   T_COMMUNE_EDUCATION    POP_COMMUNE; education intermediate or above.
 *   T_COMMUNE_UNIVERSITY   POP_COMMUNE; education university or above.
 *   T_COMMITTEE_MANAGED_GOOD POP_COMMITTEE_MANAGED; rated good or better in Y.
 *   T_DEPT_GOOD            POP_DEPT; rated good or better in Y.
 *   T_DEPT_TRAINED         POP_DEPT; trained in leadership and management
 *                          skills in Y.
 *   T_COMMUNE_TRAINED      POP_COMMUNE; trained to the job-title standard in Y.
 *   T_CONGRESS_CADRE_GOOD  POP_ALL; rated good or better in Y.
 * A cadre without a rating for Y is not rated good. Met when
 * num * 100 >= target * den; gap = smallest k with (num + k) * 100 >=
 * target * den, i.e. how many more cadres (organisations) would have to
 * meet the condition; den == 0 is "no data".
 *
 * All cadre targets of all columns (the province view) are counted in one
 * read of the cadres: into a histogram of the columns the targets read,
 * per column (stats_hist.c); filter_build's conditions for each population
 * and each numerator are then evaluated once per distinct combination of
 * those columns, so every figure is the count of the very list
 * target_filter opens. When the histogram cannot answer exactly, one pass
 * over the cadres by the aggregate canbo_targets evaluates the same
 * conditions on every cadre. Ratings and trainings of the year are read
 * once into memory first (see stats_internal.h). The organisations of
 * every column are counted in one pass too.
 */
#include "stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "model.h"
#include "access.h"
#include "stats_internal.h"
#include "units.h"

#define ORGKINDS_STANDING "2, 4, 5" /* ORGKIND_LIST: standing committee, delegation, board */
#define TRAIN_PARTY	  1
#define TRAIN_LEADERSHIP  2
#define TRAIN_JOBTITLE	  3

enum cond {
	C_ORG_STANDING,
	C_ORG_GRASSROOTS,
	C_TRAINED,
	C_UNDER40,
	C_WOMEN,
	C_EDU_MIN,
	C_THEORY_MIN,
	C_GOOD,
};

static const struct target_def {
	const char *key, *brief, *desc;
	int def;
	int population; /* POP_*, or -1 for organisations */
	int cond;	/* enum cond */
	int arg;	/* training kind, education or theory level */
	const char *gap_one, *gap_many;
} defs[TARGET_COUNT] = {
#define D(id, key, def, brief, desc) [id] = {key, brief, desc, def, 0, 0, 0, NULL, NULL},
	TARGET_LIST(D)
#undef D
};

/* Population, condition and wording of each target (see the top comment). */
static struct target_def def_of(int id)
{
	struct target_def d = defs[id];
#define SET(pop, c, a, one, many)                                                                  \
	d.population = pop, d.cond = c, d.arg = a, d.gap_one = one, d.gap_many = many
	switch (id) {
	case T_ORG_STANDING_GOOD:
		SET(-1, C_ORG_STANDING, 0,
		    N_("need %lld more standing committee, party delegation or board rated good or "
		       "better"),
		    N_("need %lld more standing committees, party delegations or boards rated good "
		       "or better"));
		break;
	case T_ORG_GRASSROOTS_GOOD:
	case T_CONGRESS_ORG_GOOD:
		SET(-1, C_ORG_GRASSROOTS, 0,
		    N_("need %lld more grassroots party organisation rated good or better"),
		    N_("need %lld more grassroots party organisations rated good or better"));
		break;
	case T_COMMITTEE_TRAINED:
		SET(POP_TRAINING_GROUP, C_TRAINED, TRAIN_PARTY,
		    N_("need %lld more committee member trained in party building"),
		    N_("need %lld more committee members trained in party building"));
		break;
	case T_MANAGED_UNDER40:
		SET(POP_MANAGED, C_UNDER40, 0, N_("need %lld more cadre under 40"),
		    N_("need %lld more cadres under 40"));
		break;
	case T_MANAGED_WOMEN:
		SET(POP_MANAGED, C_WOMEN, 0, N_("need %lld more woman"),
		    N_("need %lld more women"));
		break;
	case T_DEPT_MASTER:
		SET(POP_DEPT, C_EDU_MIN, 5,
		    N_("need %lld more department head or deputy with a master's degree"),
		    N_("need %lld more department heads or deputies with a master's degree"));
		break;
	case T_COMMUNE_THEORY:
		SET(POP_COMMUNE, C_THEORY_MIN, 2,
		    N_("need %lld more commune leader with intermediate political theory"),
		    N_("need %lld more commune leaders with intermediate political theory"));
		break;
	case T_COMMUNE_EDUCATION:
		SET(POP_COMMUNE, C_EDU_MIN, 2,
		    N_("need %lld more commune leader with intermediate education"),
		    N_("need %lld more commune leaders with intermediate education"));
		break;
	case T_COMMUNE_UNIVERSITY:
		SET(POP_COMMUNE, C_EDU_MIN, 4,
		    N_("need %lld more commune leader with a university degree"),
		    N_("need %lld more commune leaders with a university degree"));
		break;
	case T_COMMITTEE_MANAGED_GOOD:
		SET(POP_COMMITTEE_MANAGED, C_GOOD, 0,
		    N_("need %lld more committee member or province-managed cadre rated good or "
		       "better"),
		    N_("need %lld more committee members or province-managed cadres rated good or "
		       "better"));
		break;
	case T_DEPT_GOOD:
		SET(POP_DEPT, C_GOOD, 0,
		    N_("need %lld more department head or deputy rated good or better"),
		    N_("need %lld more department heads or deputies rated good or better"));
		break;
	case T_DEPT_TRAINED:
		SET(POP_DEPT, C_TRAINED, TRAIN_LEADERSHIP,
		    N_("need %lld more department head or deputy trained in leadership"),
		    N_("need %lld more department heads or deputies trained in leadership"));
		break;
	case T_COMMUNE_TRAINED:
		SET(POP_COMMUNE, C_TRAINED, TRAIN_JOBTITLE,
		    N_("need %lld more commune leader trained to the job-title standard"),
		    N_("need %lld more commune leaders trained to the job-title standard"));
		break;
	case T_CONGRESS_CADRE_GOOD:
		SET(POP_ALL, C_GOOD, 0, N_("need %lld more cadre rated good or better"),
		    N_("need %lld more cadres rated good or better"));
		break;
	}
#undef SET
	return d;
}

bool target_is_org(int id)
{
	return id >= 0 && id < TARGET_COUNT && def_of(id).population < 0;
}

const char *target_key(int id)
{
	return id >= 0 && id < TARGET_COUNT ? defs[id].key : "";
}

const char *target_label(int id)
{
	return id >= 0 && id < TARGET_COUNT ? _(defs[id].desc) : "";
}

const char *target_short(int id)
{
	return id >= 0 && id < TARGET_COUNT ? _(defs[id].brief) : "";
}

bool target_from_key(const char *key, int *id)
{
	for (int i = 0; i < TARGET_COUNT; i++)
		if (strcmp(key, defs[i].key) == 0) {
			*id = i;
			return true;
		}
	return false;
}

const char *target_population_text(int id)
{
	struct target_def d;
	if (id < 0 || id >= TARGET_COUNT)
		return "";
	d = def_of(id);
	if (d.cond == C_ORG_STANDING)
		return _("Standing committees, party delegations and boards");
	if (d.cond == C_ORG_GRASSROOTS)
		return _("Grassroots party organisations");
	return population_label(d.population);
}

void target_gap_text(int id, int64_t gap, char *buf, size_t cap)
{
	struct target_def d;
	unsigned long n;

	if (!cap)
		return;
	buf[0] = '\0';
	if (id < 0 || id >= TARGET_COUNT || gap <= 0)
		return;
	d = def_of(id);
	n = gap > 1000000000 ? 1000000000ul : (unsigned long)gap;
	snprintf(buf, cap, ngettext(d.gap_one, d.gap_many, n), (long long)gap);
}

void target_judge(target_result *r)
{
	int64_t need;

	r->gap = 0;
	if (r->den <= 0) {
		r->state = TARGET_NO_DATA;
		return;
	}
	need = (int64_t)r->target * r->den - r->num * 100; /* in hundredths of a cadre */
	if (need <= 0) {
		r->state = TARGET_MET;
		return;
	}
	r->state = TARGET_MISSED;
	r->gap = (need + 99) / 100;
}

/* ---- drill-down filters ----------------------------------------------- */

/* Adds the numerator condition of d (or its negation) to f; false when the
 * negation cannot be expressed as a cadre_filter. */
static bool add_cond(const struct target_def *d, int year, bool negate, cadre_filter *f)
{
	switch (d->cond) {
	case C_TRAINED:
		f->trained_year = year;
		f->trained_kind = d->arg;
		f->trained = negate ? 0 : 1;
		return true;
	case C_UNDER40:
		if (negate)
			f->age_min = 40;
		else
			f->age_max = 39;
		return true;
	case C_WOMEN:
		f->gender = negate ? 1 : 2;
		return true;
	case C_EDU_MIN:
		f->education_min = d->arg;
		return !negate;
	case C_THEORY_MIN:
		f->theory_min = d->arg;
		return !negate;
	case C_GOOD:
		f->rating_year = year;
		if (negate)
			f->rating_not_good = true;
		else
			f->rating_good = true;
		return true;
	}
	return false;
}

/* Only the scope, reference date and tiers of a filter. */
static void scope_only(const cadre_filter *scope, cadre_filter *out)
{
	filter_init(out);
	out->unit_lo = scope->unit_lo;
	out->unit_hi = scope->unit_hi;
	out->org_id = scope->org_id;
	out->scope_orgs = scope->scope_orgs;
	out->as_of = scope->as_of;
	out->deepest_tier = scope->deepest_tier;
	out->departed = scope->departed;
	out->population = POP_ALL;
}

bool target_filter(int id, int kind, const cadre_filter *scope, int year, cadre_filter *out)
{
	struct target_def d;

	if (id < 0 || id >= TARGET_COUNT || target_is_org(id))
		return false;
	d = def_of(id);
	scope_only(scope, out);
	switch (kind) {
	case TL_DEN:
		out->population = d.population;
		return true;
	case TL_NUM:
		out->population = d.population;
		return add_cond(&d, year, false, out);
	case TL_SHORT:
		out->population = d.population;
		return add_cond(&d, year, true, out);
	case TL_POOL:
		/* people who would raise the figure if appointed: only for the
		 * make-up of the corps, not for ratings or trainings */
		if (d.cond != C_UNDER40 && d.cond != C_WOMEN && d.cond != C_EDU_MIN &&
		    d.cond != C_THEORY_MIN)
			return false;
		out->planning = 1;
		out->barred = 0; /* a discipline bars planning (career.ini) */
		return add_cond(&d, year, false, out);
	}
	return false;
}

/* ---- evaluation ------------------------------------------------------- */

/* ---- counting: the plain pass, every target, every column -------------- */

enum { COND_ARG, COND_GOOD, COND_TRAINED };

/* What canbo_targets(ptr, unit id, cadre id, <population flags>,
 * <condition flags>) counts into. Each population flag is filter_build's
 * condition for that population, each condition flag filter_build's
 * condition for a target's numerator fields (as a boolean expression), so
 * den = scope AND population and num = scope AND population AND numerator:
 * exactly the conditions of target_filter's lists. Ratings and trainings
 * of the year are read from the loaded records when there are some. */
typedef struct ttally {
	const stats_sat *sat;
	const int16_t *unit_col; /* unit id -> column; NULL: all in column 0 */
	int64_t unit_n;
	int ncols, npop, ncond;
	int pop_arg[TARGET_COUNT];  /* -1: an organisation target */
	int cond_arg[TARGET_COUNT]; /* argument of its condition, COND_ARG only */
	int cond[TARGET_COUNT], kind[TARGET_COUNT];
	int64_t (*num)[TARGET_COUNT], (*den)[TARGET_COUNT];
} ttally;

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
		d = def_of(id);
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
		d = def_of(id);
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
		scope_only(bare, &f);
		add_cond(&d, year, false, &f);
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
		struct target_def d = def_of(id);
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
		struct target_def d = def_of(id);
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
		scope_only(bare, &f);
		add_cond(&d, year, false, &f);
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
static int count_cadres(store *s, const cadre_filter *scope, int year, ttally *t, cb_error *err)
{
	cadre_filter bare, outer;
	int rc;

	scope_only(scope, &outer);
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
	scope_only(scope, &outer);
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

/* A tally of ncols columns with its counters (free with tally_free). */
static int tally_new(ttally *t, int ncols, const stats_sat *sat, cb_error *err)
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

static void tally_free(ttally *t)
{
	free(t->num);
	free(t->den);
	free((void *)t->unit_col);
}

static void tally_copy(const ttally *t, int col, target_result *out)
{
	for (int id = 0; id < TARGET_COUNT; id++)
		if (t->pop_arg[id] >= 0) {
			out[id].num = t->num[col][id];
			out[id].den = t->den[col][id];
		}
}

/* Organisations of the scope: by unit subtree, or the organisation and
 * everything under it; with their rating for the year. */
static const char org_sql[] =
	"WITH RECURSIVE sub(id) AS (SELECT ?1 UNION SELECT o.id FROM org o JOIN sub"
	" ON o.parent_id = sub.id WHERE ?1 <> 0),"
	" g AS (SELECT o.kind IN (" ORGKINDS_STANDING ") AS standing,"
	/* grassroots committees (6), and cells (7) not under one */
	" (o.kind = 6 OR (o.kind = 7 AND NOT EXISTS(SELECT 1 FROM org p"
	"  WHERE p.id = o.parent_id AND p.kind = 6))) AS grassroots,"
	" EXISTS(SELECT 1 FROM rating r WHERE r.org_id = o.id AND r.year = ?2"
	"  AND r.grade BETWEEN 1 AND 2) AS good"
	" FROM org o WHERE (?1 = 0 OR o.id IN sub)"
	" AND (?3 = 0 OR o.unit_id IN (SELECT u.id FROM unit u WHERE u.lo BETWEEN ?3 AND ?4"
	" AND in_scope(u.lo, o.id))))"
	" SELECT count(*) FILTER (WHERE standing), count(*) FILTER (WHERE standing AND good),"
	" count(*) FILTER (WHERE grassroots), count(*) FILTER (WHERE grassroots AND good)"
	" FROM g";

static int eval_orgs(store *s, const cadre_filter *scope, int year, target_result *out,
		     cb_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;
	int64_t v[4];

	if (sqlite3_prepare_v2(store_db(s), org_sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, scope->org_id) != SQLITE_OK ||
	    sqlite3_bind_int(st, 2, year) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 3, scope->unit_lo) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 4, scope->unit_hi) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		rc = store_fail(s, err, _("Evaluating the targets"));
		sqlite3_finalize(st);
		return rc;
	}
	for (int i = 0; i < 4; i++)
		v[i] = sqlite3_column_int64(st, i);
	sqlite3_finalize(st);
	out[T_ORG_STANDING_GOOD].den = v[0];
	out[T_ORG_STANDING_GOOD].num = v[1];
	out[T_ORG_GRASSROOTS_GOOD].den = out[T_CONGRESS_ORG_GOOD].den = v[2];
	out[T_ORG_GRASSROOTS_GOOD].num = out[T_CONGRESS_ORG_GOOD].num = v[3];
	return CB_OK;
}

/* The organisations of every column at once: each organisation with its
 * flags (the same expressions as org_sql's), counted into the column of
 * its unit (t->unit_col: the column whose interval holds the unit's lo,
 * which is org_sql's unit condition). */
static const char org_columns_sql[] =
	"SELECT o.unit_id, o.kind IN (" ORGKINDS_STANDING "),"
	" (o.kind = 6 OR (o.kind = 7 AND NOT EXISTS(SELECT 1 FROM org p"
	"  WHERE p.id = o.parent_id AND p.kind = 6))),"
	" EXISTS(SELECT 1 FROM rating r WHERE r.org_id = o.id AND r.year = ?1"
	"  AND r.grade BETWEEN 1 AND 2)"
	" FROM org o WHERE in_scope((SELECT lo FROM unit WHERE id = o.unit_id), o.id)";

static int eval_orgs_columns(store *s, const ttally *t, int year, target_column *cols, size_t n,
			     cb_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(store_db(s), org_columns_sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int(st, 1, year) != SQLITE_OK) {
		rc = store_fail(s, err, _("Evaluating the targets"));
		sqlite3_finalize(st);
		return rc;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t unit = sqlite3_column_int64(st, 0);
		bool standing = sqlite3_column_int(st, 1), grass = sqlite3_column_int(st, 2);
		bool good = sqlite3_column_int(st, 3);
		int col = unit >= 0 && unit < t->unit_n ? t->unit_col[unit] : -1;
		target_result *r;
		if (col < 1 || (size_t)col >= n)
			continue;
		r = cols[col].result;
		r[T_ORG_STANDING_GOOD].den += standing;
		r[T_ORG_STANDING_GOOD].num += standing && good;
		r[T_ORG_GRASSROOTS_GOOD].den += grass;
		r[T_ORG_GRASSROOTS_GOOD].num += grass && good;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, _("Evaluating the targets"));
	for (size_t i = 1; i < n; i++) {
		cols[i].result[T_CONGRESS_ORG_GOOD].den = cols[i].result[T_ORG_GRASSROOTS_GOOD].den;
		cols[i].result[T_CONGRESS_ORG_GOOD].num = cols[i].result[T_ORG_GRASSROOTS_GOOD].num;
	}
	return CB_OK;
}

static void finish(target_result out[TARGET_COUNT], const int pct[TARGET_COUNT])
{
	for (int id = 0; id < TARGET_COUNT; id++) {
		out[id].id = id;
		out[id].target = pct ? pct[id] : defs[id].def;
		target_judge(&out[id]);
	}
}

int targets_eval(store *s, const cadre_filter *in, int year, const int pct[TARGET_COUNT],
		 target_result out[TARGET_COUNT], cb_error *err)
{
	cadre_filter clamped = *in;
	const cadre_filter *scope = &clamped;
	stats_sat sat;
	ttally t;
	int rc;

	/* the reader's scope bounds every target (access.h) */
	store_scope_filter(s, &clamped);
	if ((rc = store_filter_units(s, &clamped, err)))
		return rc;

	memset(out, 0, sizeof(target_result) * TARGET_COUNT);
	if ((rc = stats_sat_load(s, year, SAT_NEED_RATING | SAT_NEED_TRAINING, &sat, err)))
		return rc;
	if (!(rc = tally_new(&t, 1, &sat, err))) {
		if (!(rc = count_cadres(s, scope, year, &t, err)))
			tally_copy(&t, 0, out);
		tally_free(&t);
	}
	stats_sat_done(s, &sat);
	if (!rc)
		rc = eval_orgs(s, scope, year, out, err);
	if (!rc)
		finish(out, pct);
	return rc;
}

/* ---- the province view ------------------------------------------------ */

static void effective_targets(const cfg *c, const cfg_district *d, int pct[TARGET_COUNT])
{
	for (int id = 0; id < TARGET_COUNT; id++)
		pct[id] = config_target(c, d, id);
}

/* Names and scopes of the columns: 1 = the province unit itself, then the
 * tier-2 units (column 0, the whole province, is filled at the end). */
static int columns_init(store *s, const cfg *c, cb_date as_of, target_column *cols, cb_error *err)
{
	size_t at = 1;
	for (size_t i = 0; i < c->unit_count; i++) {
		const cfg_unit *u = &c->units[i];
		target_column *col;
		unit_row row;
		int rc;
		if (i != 0 && u->tier != 2)
			continue;
		if ((rc = store_unit_by_code(s, u->code, &row, err)))
			return rc;
		col = &cols[at++];
		snprintf(col->code, sizeof col->code, "%s", u->code);
		snprintf(col->name, sizeof col->name, "%s", u->name);
		col->province_level = i == 0;
		filter_init(&col->scope);
		col->scope.as_of = as_of;
		col->scope.deepest_tier = c->tiers;
		col->scope.unit_lo = row.lo;
		col->scope.unit_hi = i == 0 ? row.lo : row.hi;
	}
	cols[0].scope = cols[1].scope;
	cols[0].scope.unit_lo = cols[0].scope.unit_hi = 0;
	snprintf(cols[0].code, sizeof cols[0].code, "%s", c->units[0].code);
	snprintf(cols[0].name, sizeof cols[0].name, "%s", _("Whole province"));
	snprintf(cols[1].name, sizeof cols[1].name, "%s", _("Province level"));
	return CB_OK;
}

/* unit id -> column: the column whose interval holds the unit's lo,
 * the same test as filter.c's "unit_id IN (... lo BETWEEN ? AND ?)". */
static int unit_columns(store *s, const target_column *cols, size_t n, ttally *t, cb_error *err)
{
	sqlite3_stmt *st;
	int16_t *map;
	int64_t max = 0;
	int rc;

	if (sqlite3_prepare_v2(store_db(s), "SELECT coalesce(max(id), 0) FROM unit", -1, &st,
			       NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return store_fail(s, err, _("Reading the administrative units"));
	}
	max = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (!(map = malloc(((size_t)max + 1) * sizeof *map)))
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	for (int64_t i = 0; i <= max; i++)
		map[i] = -1;
	if (sqlite3_prepare_v2(store_db(s), "SELECT id, lo FROM unit", -1, &st, NULL) !=
	    SQLITE_OK) {
		free(map);
		return store_fail(s, err, _("Reading the administrative units"));
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0), lo = sqlite3_column_int64(st, 1);
		for (size_t c = 1; c < n && id >= 0 && id <= max; c++)
			if (lo >= cols[c].scope.unit_lo && lo <= cols[c].scope.unit_hi)
				map[id] = (int16_t)c;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(map);
		return store_fail(s, err, _("Reading the administrative units"));
	}
	t->unit_col = map;
	t->unit_n = max + 1;
	return CB_OK;
}

/* Fills every column's figures and judges them against its targets. */
static int columns_eval(store *s, const cfg *c, int year, target_column *cols, size_t n,
			cb_error *err)
{
	stats_sat sat;
	ttally t;
	int pct[TARGET_COUNT], rc;

	if ((rc = stats_sat_load(s, year, SAT_NEED_RATING | SAT_NEED_TRAINING, &sat, err)))
		return rc;
	if ((rc = tally_new(&t, (int)n, &sat, err))) {
		stats_sat_done(s, &sat);
		return rc;
	}
	if (!(rc = unit_columns(s, cols, n, &t, err)) &&
	    !(rc = count_cadres(s, &cols[0].scope, year, &t, err)))
		for (size_t i = 1; i < n; i++)
			tally_copy(&t, (int)i, cols[i].result);
	stats_sat_done(s, &sat);
	if (!rc)
		rc = eval_orgs_columns(s, &t, year, cols, n, err);
	tally_free(&t);
	for (size_t i = 1; i < n && !rc; i++) {
		effective_targets(
			c, cols[i].province_level ? NULL : config_district(c, cols[i].code), pct);
		finish(cols[i].result, pct);
	}
	return rc;
}

/* The province column is the sum of the others: the province unit itself
 * and the tier-2 subtrees partition the province. */
static void sum_columns(const cfg *c, target_column *cols, size_t n)
{
	int pct[TARGET_COUNT];

	memset(cols[0].result, 0, sizeof cols[0].result);
	for (int id = 0; id < TARGET_COUNT; id++)
		for (size_t i = 1; i < n; i++) {
			cols[0].result[id].num += cols[i].result[id].num;
			cols[0].result[id].den += cols[i].result[id].den;
		}
	effective_targets(c, NULL, pct);
	finish(cols[0].result, pct);
}

/* A reader held to part of the province gets the columns of their part
 * only, and column 0 is the sum of those: a district outside it is not
 * shown, not even as a row of zeros. Returns the columns kept. */
static size_t keep_scoped_columns(store *s, target_column *cols, size_t n)
{
	size_t kept = 1;

	if (!store_scoped(s, NULL, NULL))
		return n;
	for (size_t i = 1; i < n; i++)
		if (store_scope_touches(s, cols[i].scope.unit_lo, cols[i].scope.unit_hi))
			cols[kept++] = cols[i];
	snprintf(cols[0].name, sizeof cols[0].name, "%s", _("All units you may see"));
	return kept;
}

int targets_by_district(store *s, const cfg *c, cb_date as_of, int year, target_column **out,
			size_t *n, cb_error *err)
{
	size_t count = 2;
	target_column *cols;
	int rc;

	*out = NULL;
	*n = 0;
	if (!c || c->unit_count == 0)
		return cb_error_set(err, CB_ECONFIG, _("The configuration names no province"));
	for (size_t i = 1; i < c->unit_count; i++)
		count += c->units[i].tier == 2;
	if (count > INT16_MAX)
		return cb_error_set(err, CB_ECONFIG, _("Too many districts"));
	if (!(cols = calloc(count, sizeof *cols)))
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	if (!(rc = columns_init(s, c, as_of, cols, err))) {
		/* the reader's scope bounds the whole (access.h) */
		store_scope_filter(s, &cols[0].scope);
		rc = columns_eval(s, c, year, cols, count, err);
	}
	if (rc) {
		free(cols);
		return rc;
	}
	count = keep_scoped_columns(s, cols, count);
	sum_columns(c, cols, count);
	*out = cols;
	*n = count;
	return CB_OK;
}
