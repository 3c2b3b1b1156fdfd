/* filter.h - which cadres: one description shared by the list, the search,
 * the breakdowns, the targets and their drill-down, so that a count and the
 * list behind it are produced by the very same WHERE clause.
 */
#ifndef CANBO_FILTER_H
#define CANBO_FILTER_H

#include <stdbool.h>
#include <stdint.h>

#include <sqlite3.h>

#include "date.h"
#include "list_sql.h"

/* Populations (who is counted). X(id, cli name, English label) */
#define POPULATION_LIST(X)                                                                         \
	X(POP_ALL, "all", "All leaders and managers")                                              \
	X(POP_MANAGED, "managed", "Managed by the provincial standing committee")                  \
	X(POP_DEPT, "dept", "Department heads and deputies and above, province and district")      \
	X(POP_COMMUNE, "commune", "Commune-level leaders")                                         \
	X(POP_COMMITTEE, "committee", "Party committee members (all levels)")                      \
	X(POP_COMMITTEE_PROVINCE, "committee-province", "Provincial committee members")            \
	X(POP_COMMITTEE_DISTRICT, "committee-district", "District committee members")              \
	X(POP_COMMITTEE_GRASSROOTS, "committee-grassroots", "Grassroots committee members")        \
	X(POP_TRAINING_GROUP, "training-group",                                                    \
	  "Committee, inspection, delegation and board members, cell secretaries")                 \
	X(POP_COMMITTEE_MANAGED, "committee-managed",                                              \
	  "Committee members and province-managed cadres")                                         \
	X(POP_HEADS, "heads", "Heads of units")

enum population {
#define X(id, name, label) id,
	POPULATION_LIST(X)
#undef X
		POP_COUNT
};

#define FILTER_ANY (-1)

/* Every field at its "any" value means every cadre. Integer fields use
 * FILTER_ANY for "no condition". */
typedef struct cadre_filter {
	int64_t unit_lo, unit_hi; /* unit subtree by pre-order interval; 0,0 = all */
	int64_t org_id;		  /* 0 = any */
	int population;		  /* enum population */
	int deepest_tier;	  /* tier of communes (for POP_COMMUNE/POP_DEPT) */
	int level;		  /* FILTER_ANY or a tier */
	int gender;
	int minority; /* FILTER_ANY, 0 = Kinh, 1 = other ethnicities */
	int education, education_min;
	int theory, theory_min;
	int pos_rank;
	/* the coded lists (list_sql.h), by list from ENUM_FIRST_LIST: 0 =
	 * any; 1 + an index: 1 = not recorded or not in the list, 2 = the
	 * list's first choice ... (0 = any, so a zeroed filter selects all) */
	int list_pick[LIST_COUNT];
	int age_min, age_max; /* completed years at as_of, inclusive */
	cb_date as_of;
	int rating_year;      /* with rating_grade: */
	int rating_grade;     /* FILTER_ANY; 0 = not rated that year; 1..4 */
	bool rating_good;     /* rated good or better in rating_year */
	bool rating_not_good; /* not rated good or better (incl. unrated) */
	int trained_year;     /* trained (any kind, or trained_kind) in year */
	int trained_kind;
	int trained;  /* FILTER_ANY, 1 = trained, 0 = not trained */
	int planning; /* FILTER_ANY, 1 = in a planning pool, 0 = not */
	/* The conditions above on the ratings, the trainings of a year (of
	 * any kind or kind 1..4) and the pool read from the summary the
	 * triggers keep of them (store_summary.h) rather than from the
	 * records: the same cadres, through a table of an eighth of a row
	 * per cadre, as the breakdowns and the target panel count them. Set
	 * by the search for its lists and counts (search.c), whose sets'
	 * probes then share a few pages with the rows' own tests. */
	bool yearly_summary;
	int departed; /* 0 (the default) = on the list at as_of;
		       * 1 = left it by as_of; FILTER_ANY = both */
	int barred;   /* FILTER_ANY; 1 = a discipline bars planning and
		       * appointment at as_of, 0 = none does */
	/* Birth dates by gender (index 1 male, 2 female): when retire_set,
	 * only cadres of gender g born after retire_after[g] (if not empty)
	 * and on or before retire_upto[g] (if not empty). The years-to-
	 * retirement breakdown sets them: the retirement roadmap is monotone
	 * in the birth month, so a band of retirement dates is a band of
	 * birth dates per gender (stats_query_set_retirement). */
	bool retire_set;
	char retire_after[3][11], retire_upto[3][11];
	/* The evaluation score of period score_period (when score_band is not
	 * FILTER_ANY): 0 = no score; 1..4 = at least score_cut[0], at least
	 * score_cut[1] (and under the cut above), ..., under score_cut[2]
	 * (hundredths; the grade thresholds of evaluation.ini). */
	int score_band;
	char score_period[16];
	int score_cut[3];
	/* The reader's scope holds party organisations (access.h): a cadre
	 * may be in it through theirs, whatever the unit; set by
	 * store_scope_filter. */
	bool scope_orgs;
	/* Whose units the scope counts by (units.h): each cadre in the unit
	 * it was in on units_on (CB_DATE_NONE: on as_of). unit_history is
	 * set by store_filter_units when some cadre has moved since; while it
	 * is false the scope reads the cadre's unit as it is. */
	cb_date units_on;
	bool unit_history;
} cadre_filter;

/* All conditions off but one: only the cadres still on the list at as_of
 * (departed = 0); as_of = today. */
void filter_init(cadre_filter *f);
/* Only f's scope: its units (and on which day), organisation, day and
 * who has left; every other condition off. */
void filter_scope_of(const cadre_filter *f, cadre_filter *out);
/* base (a drill-down's list, or everyone) narrowed by the conditions of
 * extra (the cadre list's filter form), never widened: units inside
 * base's, ages within its bounds; a condition base has and extra sets
 * otherwise (another gender, another year's rating) leaves no one. */
cadre_filter filter_narrow(const cadre_filter *base, const cadre_filter *extra);

/* Appends " AND ..." conditions on table alias `c` (cadre) to buf, and
 * records the values to bind. Returns false if buf is too small or the
 * population is unknown. The populations are defined in filter.c.
 * Field meanings beyond the comments above: org_id includes the
 * organisation's sub-organisations; rating_* apply only when rating_year
 * > 0; trained_year/trained_kind narrow `trained` (<= 0 = any) and do
 * nothing while trained is FILTER_ANY.
 * The conditions use anonymous `?` parameters, which SQLite numbers after
 * the highest parameter written before them: number the statement's own
 * parameters before the conditions ?1..?k and bind these at first = k + 1;
 * parameters written after the conditions must be anonymous too (or
 * numbered above k + nbind). Subquery aliases used: rt, tr, pl, og, sub, cy. */
typedef struct filter_sql {
	char where[2048];
	int nbind;
	struct filter_value {
		bool is_text;
		int64_t i;
		char s[16];
	} bind[32];
} filter_sql;

bool filter_build(const cadre_filter *f, filter_sql *out);
/* Binds out->bind[] starting at parameter index `first`. */
int filter_bind(const filter_sql *fs, sqlite3_stmt *st, int first);

/* The CLI name and translated label of a population. */
const char *population_name(int pop);
const char *population_label(int pop);
bool population_from_name(const char *name, int *pop);

#endif
