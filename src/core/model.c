/* model.c - label tables generated from the X-macro lists of model.h. */
#include "model.h"

#include <string.h>

#include "i18n.h"

#define CHOICE(v, n, l) {v, n, l},
static const model_choice genders[] = {GENDER_LIST(CHOICE)};
static const model_choice educations[] = {EDUCATION_LIST(CHOICE)};
static const model_choice theories[] = {THEORY_LIST(CHOICE)};
static const model_choice ranks[] = {RANK_LIST(CHOICE)};
static const model_choice grades[] = {GRADE_LIST(CHOICE)};
static const model_choice committees[] = {COMMITTEE_LIST(CHOICE)};
static const model_choice trainings[] = {TRAINING_LIST(CHOICE)};
static const model_choice orgkinds[] = {ORGKIND_LIST(CHOICE)};
#undef CHOICE

#define TABLE(a) {a, (int)(sizeof a / sizeof a[0])}
static const struct {
	const model_choice *choices;
	int count;
} tables[ENUM_COUNT] = {
	[ENUM_GENDER] = TABLE(genders),	      [ENUM_EDUCATION] = TABLE(educations),
	[ENUM_THEORY] = TABLE(theories),      [ENUM_RANK] = TABLE(ranks),
	[ENUM_GRADE] = TABLE(grades),	      [ENUM_COMMITTEE] = TABLE(committees),
	[ENUM_TRAINING] = TABLE(trainings),   [ENUM_ORGKIND] = TABLE(orgkinds),
};
#undef TABLE

const model_choice *model_choices(enum model_enum e, int *n)
{
	if (n)
		*n = tables[e].count;
	return tables[e].choices;
}

static const model_choice *find(enum model_enum e, int value)
{
	for (int i = 0; i < tables[e].count; i++)
		if (tables[e].choices[i].value == value)
			return &tables[e].choices[i];
	return NULL;
}

const char *model_label(enum model_enum e, int value)
{
	const model_choice *c = find(e, value);
	return c ? _(c->label) : "?";
}

const char *model_name(enum model_enum e, int value)
{
	const model_choice *c = find(e, value);
	return c ? c->name : "";
}

bool model_value(enum model_enum e, const char *name, int *value)
{
	for (int i = 0; i < tables[e].count; i++)
		if (strcmp(tables[e].choices[i].name, name) == 0) {
			*value = tables[e].choices[i].value;
			return true;
		}
	return false;
}
