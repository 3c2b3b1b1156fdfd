/* target_list.h - the numeric targets of the provincial resolution
 * (Nghị quyết Hội nghị BCH Đảng bộ tỉnh lần thứ tư khóa XII, section I.2)
 * and of the provincial congress (90 %), with their built-in defaults.
 *
 * X(id, ini key, default percent, English description)
 * The ini key is what [targets] in canbo.ini or a district file overrides.
 * Populations, numerators and denominators are defined in stats/targets.
 */
#ifndef CANBO_TARGET_LIST_H
#define CANBO_TARGET_LIST_H

#define TARGET_LIST(X)                                                                             \
	X(T_ORG_STANDING_GOOD, "org_standing_good", 100,                                           \
	  "Standing committees, party delegations and boards rated good or better")                \
	X(T_ORG_GRASSROOTS_GOOD, "org_grassroots_good", 95,                                        \
	  "Grassroots party committees rated good or better")                                      \
	X(T_COMMITTEE_TRAINED, "committee_trained", 100,                                           \
	  "Committee members trained in party-building knowledge")                                 \
	X(T_MANAGED_UNDER40, "managed_under40", 5, "Province-managed cadres under 40")             \
	X(T_MANAGED_WOMEN, "managed_women", 20, "Women among province-managed cadres")             \
	X(T_DEPT_MASTER, "dept_master", 35,                                                        \
	  "Department heads and deputies with a master's degree or above")                         \
	X(T_COMMUNE_THEORY, "commune_theory", 100,                                                 \
	  "Commune leaders with intermediate political theory or above")                           \
	X(T_COMMUNE_EDUCATION, "commune_education", 100,                                           \
	  "Commune leaders with intermediate education or above")                                  \
	X(T_COMMUNE_UNIVERSITY, "commune_university", 80,                                          \
	  "Commune leaders with a university degree or above")                                     \
	X(T_COMMITTEE_MANAGED_GOOD, "committee_managed_good", 100,                                 \
	  "Committee members and province-managed cadres rated good or better")                    \
	X(T_DEPT_GOOD, "dept_good", 95, "Department heads and deputies rated good or better")      \
	X(T_DEPT_TRAINED, "dept_trained", 100,                                                     \
	  "Department heads and deputies trained in leadership skills")                            \
	X(T_COMMUNE_TRAINED, "commune_trained", 100,                                               \
	  "Commune leaders trained to their job-title standard")                                   \
	X(T_CONGRESS_ORG_GOOD, "congress_org_good", 90,                                            \
	  "Grassroots party organisations rated good or better (congress)")                        \
	X(T_CONGRESS_CADRE_GOOD, "congress_cadre_good", 90,                                        \
	  "Cadres rated good or better (congress)")

enum target_id {
#define X(id, key, def, desc) id,
	TARGET_LIST(X)
#undef X
		TARGET_COUNT
};

#endif
