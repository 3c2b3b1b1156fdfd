/* model.h - the enumerations of the cadre record and their labels.
 *
 * Numbers are what the database stores; labels are translated at run time.
 * Each enumeration is declared once as an X-macro so that the enum, the
 * label table, the CLI names and the UI pick-lists cannot drift apart.
 */
#ifndef CANBO_MODEL_H
#define CANBO_MODEL_H

#include <stdbool.h>
#include <stddef.h>

/* X(value, cli_name, English label) */
#define GENDER_LIST(X)                                                                             \
	X(1, "male", "Male")                                                                       \
	X(2, "female", "Female")

/* Professional education (trình độ chuyên môn), ordered. */
#define EDUCATION_LIST(X)                                                                          \
	X(0, "none", "None")                                                                       \
	X(1, "elementary", "Elementary")                                                           \
	X(2, "intermediate", "Intermediate")                                                       \
	X(3, "college", "College")                                                                 \
	X(4, "university", "University")                                                           \
	X(5, "master", "Master")                                                                   \
	X(6, "doctor", "Doctorate")

/* Political theory (lý luận chính trị), ordered. */
#define THEORY_LIST(X)                                                                             \
	X(0, "none", "None")                                                                       \
	X(1, "elementary", "Elementary")                                                           \
	X(2, "intermediate", "Intermediate")                                                       \
	X(3, "advanced", "Advanced")                                                               \
	X(4, "bachelor", "Bachelor of political science")

/* Position rank, most senior first. Every cadre in canbo is a leader or
 * manager, so the lowest rank is still "deputy head of department and
 * equivalent". */
#define RANK_LIST(X)                                                                               \
	X(1, "secretary", "Party secretary")                                                       \
	X(2, "deputy-secretary", "Deputy party secretary")                                         \
	X(3, "chair", "Chair")                                                                     \
	X(4, "vice-chair", "Vice chair")                                                           \
	X(5, "director", "Director or head of board")                                              \
	X(6, "deputy-director", "Deputy director or deputy head of board")                         \
	X(7, "head", "Head of department and equivalent")                                          \
	X(8, "deputy-head", "Deputy head of department and equivalent")

/* Yearly rating (xếp loại chất lượng); 1..2 are "good or better". */
#define GRADE_LIST(X)                                                                              \
	X(1, "excellent", "Excellently completed duties")                                          \
	X(2, "good", "Well completed duties")                                                      \
	X(3, "completed", "Completed duties")                                                      \
	X(4, "failed", "Did not complete duties")

/* Committee memberships, a bit set. */
#define COMMITTEE_LIST(X)                                                                          \
	X(1, "province-committee", "Provincial party committee member")                            \
	X(2, "district-committee", "District party committee member")                              \
	X(4, "grassroots-committee", "Grassroots party committee member")                          \
	X(8, "inspection", "Inspection committee member")                                          \
	X(16, "party-delegation", "Party delegation member")                                       \
	X(32, "party-board", "Party affairs board member")                                         \
	X(64, "cell-secretary", "Secretary or deputy of a party cell")

/* The membership a province of two tiers no longer has. */
enum { COMMITTEE_DISTRICT_BIT = 2 };

/* Training kinds (bồi dưỡng). */
#define TRAINING_LIST(X)                                                                           \
	X(1, "party-building", "Party-building knowledge update")                                  \
	X(2, "leadership", "Leadership and management skills")                                     \
	X(3, "job-title", "Job-title standard")                                                    \
	X(4, "other", "Other")

/* Party organisation kinds. */
#define ORGKIND_LIST(X)                                                                            \
	X(1, "province-committee", "Provincial party committee")                                   \
	X(2, "standing-committee", "Standing committee")                                           \
	X(3, "district-committee", "District party committee")                                     \
	X(4, "party-delegation", "Party delegation")                                               \
	X(5, "party-board", "Party affairs board")                                                 \
	X(6, "grassroots", "Grassroots party committee")                                           \
	X(7, "cell", "Party cell")                                                                 \
	X(8, "commune-committee", "Commune, ward or special-zone party committee")                 \
	X(9, "agency-committee", "Party committee of agencies")                                    \
	X(10, "direct-cell", "Party cell directly under a higher committee")

/* The level of a cadre's unit, as lists and exports name it: derived from
 * the unit (the province itself, a district, or a unit of the deepest
 * tier: commune, ward or special zone). */
#define LEVEL_LIST(X)                                                                              \
	X(1, "province", "Province level")                                                         \
	X(2, "district", "District level")                                                         \
	X(3, "commune", "Commune level")

enum model_enum {
	ENUM_GENDER,
	ENUM_EDUCATION,
	ENUM_THEORY,
	ENUM_RANK,
	ENUM_GRADE,
	ENUM_COMMITTEE,
	ENUM_TRAINING,
	ENUM_ORGKIND,
	ENUM_LEVEL,
	/* lists an office may replace in lists.ini (config_lists.c); their
	 * built-in defaults are in model_lists.c */
	ENUM_ETHNICITY,
	ENUM_RELIGION,
	ENUM_ACAD_TITLE,
	ENUM_GENERAL_EDU,
	ENUM_STATE_MGMT,
	ENUM_LANGUAGE,
	ENUM_IT_LEVEL,
	ENUM_COUNT
};
#define ENUM_FIRST_LIST ENUM_ETHNICITY

typedef struct model_choice {
	int value;
	const char *name;  /* stable, for the CLI, CSV and JSON */
	const char *label; /* English msgid; pass through gettext to show */
} model_choice;

/* The choices of an enumeration, in order; *n receives the count. */
const model_choice *model_choices(enum model_enum e, int *n);
/* Translated label of a value, or "?" when unknown. */
const char *model_label(enum model_enum e, int value);
/* A grade (1..4) in the short form the party's reports use ("HTTNV"),
 * translated, for a line that counts every grade; "?" when unknown. */
const char *model_grade_short(int grade);
/* Stable name of a value, or "" when unknown. */
const char *model_name(enum model_enum e, int value);
/* Value of a stable name; false if unknown. */
bool model_value(enum model_enum e, const char *name, int *value);

/* Kinds of party organisation beyond ORGKIND_LIST, from [org_kinds] of
 * canbo.ini (an office's structure the built-in list lacks): value >= 100,
 * a code and the label as the office writes it. -1 when the value or the
 * code is taken or the list is full. model_reset_org_kinds forgets them. */
#define MODEL_ORGKINDS_MAX 64
#define MODEL_LABEL_MAX	   128
int model_add_org_kind(int value, const char *code, const char *label);
void model_reset_org_kinds(void);

/* The configurable lists (ENUM_FIRST_LIST ..): each a number stored in
 * the database (1..999; 0 is "not recorded"), its code as written in the
 * configuration ("01") - the stable name of CSV and JSON - and its label,
 * data rather than a message (proper names, official terms). A list set
 * replaces the built-in one until model_list_reset. -1 when e is not a
 * configurable list, n is out of range, or a value or code repeats. */
#define MODEL_LIST_MAX 60 /* a breakdown shows each choice (stats.h) */
int model_list_set(enum model_enum e, const model_choice *items, int n);
void model_list_reset(enum model_enum e);
/* The list's section in lists.ini ("ethnicity"), or NULL. */
const char *model_list_section(enum model_enum e);
/* The built-in list (model_lists.c), and the list in force. */
const model_choice *model_list_default(enum model_enum e, int *n);
const model_choice *model_list_table(enum model_enum e, int *n);

/* The same over any table of choices (model's, plans.h's): the one
 * enumeration mechanism of canbo. A value not in the table has the label
 * "?" and the name "". */
const model_choice *choice_find(const model_choice *t, int n, int value);
const char *choice_label(const model_choice *t, int n, int value);
const char *choice_name(const model_choice *t, int n, int value);
bool choice_value(const model_choice *t, int n, const char *name, int *value);

/* An enumeration's table of choices: its rows written from an X-macro
 * list as {GENDER_LIST(CHOICE_ROW)}, the table as CHOICE_TABLE(rows). */
typedef struct choice_table {
	const model_choice *choices;
	int count;
} choice_table;
#define CHOICE_ROW(v, n, l) {v, n, l},
#define CHOICE_TABLE(a)                                                                            \
	{                                                                                          \
		a, (int)(sizeof a / sizeof a[0])                                                   \
	}

/* A bit set of choices (committees, plan sources) as text: the names
 * (labels=false) or translated labels joined by sep, in table order. */
void choice_bits_format(const model_choice *t, int n, int bits, bool labels, const char *sep,
			char *buf, size_t cap);
/* The bits of names separated by ',', ';', '|' or spaces; false (and *bits
 * untouched) when one is unknown. Empty text is the empty set. */
bool choice_bits_parse(const model_choice *t, int n, const char *s, int *bits);

#define GRADE_GOOD_OR_BETTER(g) ((g) >= 1 && (g) <= 2)

#endif
