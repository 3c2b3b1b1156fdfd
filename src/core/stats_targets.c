/* stats_targets.c - the numeric targets of the resolution, evaluated exactly.
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
 * This file holds the definitions, their wording, the judging of a figure
 * and the lists behind a figure (target_filter); stats_targets_count.c counts
 * the cadres and stats_targets_eval.c evaluates a scope and the province by
 * district (stats_targets_internal.h).
 */
#include "stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "model.h"
#include "access.h"
#include "stats_internal.h"
#include "stats_targets_internal.h"
#include "units.h"

#define TRAIN_PARTY	 1
#define TRAIN_LEADERSHIP 2
#define TRAIN_JOBTITLE	 3

static const struct target_def defs[TARGET_COUNT] = {
#define D(id, key, def, brief, desc) [id] = {key, brief, desc, def, 0, 0, 0, NULL, NULL},
	TARGET_LIST(D)
#undef D
};

/* Population, condition and wording of each target (see the top comment). */
struct target_def targets_def_of(int id)
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
	return id >= 0 && id < TARGET_COUNT && targets_def_of(id).population < 0;
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
	d = targets_def_of(id);
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
	d = targets_def_of(id);
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
bool targets_add_cond(const struct target_def *d, int year, bool negate, cadre_filter *f)
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
void targets_scope_only(const cadre_filter *scope, cadre_filter *out)
{
	filter_scope_of(scope, out);
	out->deepest_tier = scope->deepest_tier;
}

bool target_filter(int id, int kind, const cadre_filter *scope, int year, cadre_filter *out)
{
	struct target_def d;

	if (id < 0 || id >= TARGET_COUNT || target_is_org(id))
		return false;
	d = targets_def_of(id);
	targets_scope_only(scope, out);
	switch (kind) {
	case TL_DEN:
		out->population = d.population;
		return true;
	case TL_NUM:
		out->population = d.population;
		return targets_add_cond(&d, year, false, out);
	case TL_SHORT:
		out->population = d.population;
		return targets_add_cond(&d, year, true, out);
	case TL_POOL:
		/* people who would raise the figure if appointed: only for the
		 * make-up of the corps, not for ratings or trainings */
		if (d.cond != C_UNDER40 && d.cond != C_WOMEN && d.cond != C_EDU_MIN &&
		    d.cond != C_THEORY_MIN)
			return false;
		out->planning = 1;
		out->barred = 0; /* a discipline bars planning (career.ini) */
		return targets_add_cond(&d, year, false, out);
	}
	return false;
}
