/* target_list.h - the numeric targets of the provincial resolution
 * (Nghị quyết Hội nghị BCH Đảng bộ tỉnh lần thứ tư khóa XII, section I.2)
 * and of the provincial congress (90 %), with their built-in defaults.
 *
 * X(id, ini key, default percent, short label, English description)
 * The ini key is what [targets] in canbo.ini or a district file overrides.
 * The short label is this program's own (not the resolution's wording):
 * distinct for every target, it names the row where the screen is narrow,
 * and the description (the resolution's text) is shown with it.
 * Populations, numerators and denominators are defined in stats/targets.
 */
#ifndef CANBO_TARGET_LIST_H
#define CANBO_TARGET_LIST_H

#define TARGET_LIST(X)                                                                             \
	X(T_ORG_STANDING_GOOD, "org_standing_good", 100, "Standing bodies: good",                  \
	  "Standing committees, party delegations and boards rated good or better")                \
	X(T_ORG_GRASSROOTS_GOOD, "org_grassroots_good", 95, "Grassroots cttees: good",             \
	  "Grassroots party committees rated good or better")                                      \
	X(T_COMMITTEE_TRAINED, "committee_trained", 100, "Cttee members: trained",                 \
	  "Committee members trained in party-building knowledge")                                 \
	X(T_MANAGED_UNDER40, "managed_under40", 5, "Prov.-managed: under 40",                      \
	  "Province-managed cadres under 40")                                                      \
	X(T_MANAGED_WOMEN, "managed_women", 20, "Prov.-managed: women",                            \
	  "Women among province-managed cadres")                                                   \
	X(T_DEPT_MASTER, "dept_master", 35, "Dept heads: master's",                                \
	  "Department heads and deputies with a master's degree or above")                         \
	X(T_COMMUNE_THEORY, "commune_theory", 100, "Commune: political theory",                    \
	  "Commune leaders with intermediate political theory or above")                           \
	X(T_COMMUNE_EDUCATION, "commune_education", 100, "Commune: education",                     \
	  "Commune leaders with intermediate education or above")                                  \
	X(T_COMMUNE_UNIVERSITY, "commune_university", 80, "Commune: university",                   \
	  "Commune leaders with a university degree or above")                                     \
	X(T_COMMITTEE_MANAGED_GOOD, "committee_managed_good", 100, "Cttee, prov.-managed: good",   \
	  "Committee members and province-managed cadres rated good or better")                    \
	X(T_DEPT_GOOD, "dept_good", 95, "Dept heads: good",                                        \
	  "Department heads and deputies rated good or better")                                    \
	X(T_DEPT_TRAINED, "dept_trained", 100, "Dept heads: leadership",                           \
	  "Department heads and deputies trained in leadership skills")                            \
	X(T_COMMUNE_TRAINED, "commune_trained", 100, "Commune: trained",                           \
	  "Commune leaders trained to their job-title standard")                                   \
	X(T_CONGRESS_ORG_GOOD, "congress_org_good", 90, "Grassroots orgs (congress)",              \
	  "Grassroots party organisations rated good or better (congress)")                        \
	X(T_CONGRESS_CADRE_GOOD, "congress_cadre_good", 90, "Cadres: good (congress)",             \
	  "Cadres rated good or better (congress)")

enum target_id {
#define X(id, key, def, brief, desc) id,
	TARGET_LIST(X)
#undef X
		TARGET_COUNT
};

#endif
