/* model.c - label tables generated from the X-macro lists of model.h, and
 * the lookups every enumeration of canbo goes through. */
#include "model.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"

static const model_choice genders[] = {GENDER_LIST(CHOICE_ROW)};
static const model_choice educations[] = {EDUCATION_LIST(CHOICE_ROW)};
static const model_choice theories[] = {THEORY_LIST(CHOICE_ROW)};
static const model_choice ranks[] = {RANK_LIST(CHOICE_ROW)};
static const model_choice grades[] = {GRADE_LIST(CHOICE_ROW)};
static const model_choice committees[] = {COMMITTEE_LIST(CHOICE_ROW)};
static const model_choice trainings[] = {TRAINING_LIST(CHOICE_ROW)};
static const model_choice orgkinds[] = {ORGKIND_LIST(CHOICE_ROW)};
static const model_choice levels[] = {LEVEL_LIST(CHOICE_ROW)};

static const choice_table tables[ENUM_COUNT] = {
	[ENUM_GENDER] = CHOICE_TABLE(genders),	   [ENUM_EDUCATION] = CHOICE_TABLE(educations),
	[ENUM_THEORY] = CHOICE_TABLE(theories),	   [ENUM_RANK] = CHOICE_TABLE(ranks),
	[ENUM_GRADE] = CHOICE_TABLE(grades),	   [ENUM_COMMITTEE] = CHOICE_TABLE(committees),
	[ENUM_TRAINING] = CHOICE_TABLE(trainings), [ENUM_ORGKIND] = CHOICE_TABLE(orgkinds),
	[ENUM_LEVEL] = CHOICE_TABLE(levels),
};

/* ---- any table -------------------------------------------------------- */

const model_choice *choice_find(const model_choice *t, int n, int value)
{
	for (int i = 0; i < n; i++)
		if (t[i].value == value)
			return &t[i];
	return NULL;
}

const char *choice_label(const model_choice *t, int n, int value)
{
	const model_choice *c = choice_find(t, n, value);
	return c ? _(c->label) : "?";
}

const char *choice_name(const model_choice *t, int n, int value)
{
	const model_choice *c = choice_find(t, n, value);
	return c ? c->name : "";
}

bool choice_value(const model_choice *t, int n, const char *name, int *value)
{
	for (int i = 0; i < n; i++)
		if (strcmp(t[i].name, name) == 0) {
			*value = t[i].value;
			return true;
		}
	return false;
}

void choice_bits_format(const model_choice *t, int n, int bits, bool labels, const char *sep,
			char *buf, size_t cap)
{
	size_t len = 0;
	if (cap)
		buf[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (!(bits & t[i].value))
			continue;
		int w = snprintf(buf + len, cap - len, "%s%s", len ? sep : "",
				 labels ? _(t[i].label) : t[i].name);
		if (w < 0 || (size_t)w >= cap - len)
			return;
		len += (size_t)w;
	}
}

bool choice_bits_parse(const model_choice *t, int n, const char *s, int *bits)
{
	char word[64];
	int acc = 0, v;

	for (;;) {
		size_t k = strcspn(s, ",;| \t");
		if (k >= sizeof word)
			return false;
		if (k) {
			memcpy(word, s, k);
			word[k] = '\0';
			if (!choice_value(t, n, word, &v))
				return false;
			acc |= v;
		}
		if (!s[k])
			break;
		s += k + 1;
	}
	*bits = acc;
	return true;
}

/* ---- the cadre's enumerations ----------------------------------------- */

/* The kinds of party organisation: the built-in ones, then those the
 * configuration adds ([org_kinds] of canbo.ini, model_add_org_kind). */
static model_choice orgkinds_all[MODEL_ORGKINDS_MAX];
static char orgkind_text[MODEL_ORGKINDS_MAX][2][MODEL_LABEL_MAX];
static int orgkinds_n;

static const model_choice *table(enum model_enum e, int *n)
{
	if (e >= ENUM_FIRST_LIST)
		return model_list_table(e, n);
	if (e == ENUM_ORGKIND && orgkinds_n > 0) {
		*n = orgkinds_n;
		return orgkinds_all;
	}
	*n = tables[e].count;
	return tables[e].choices;
}

int model_add_org_kind(int value, const char *code, const char *label)
{
	int n;
	const model_choice *t = table(ENUM_ORGKIND, &n);

	if (choice_name(t, n, value)[0] || choice_value(t, n, code, &(int){0}))
		return -1; /* the number or the code is taken */
	if (orgkinds_n == 0) {
		memcpy(orgkinds_all, orgkinds, sizeof orgkinds);
		orgkinds_n = (int)(sizeof orgkinds / sizeof orgkinds[0]);
	}
	if (orgkinds_n >= MODEL_ORGKINDS_MAX)
		return -1;
	snprintf(orgkind_text[orgkinds_n][0], MODEL_LABEL_MAX, "%s", code);
	snprintf(orgkind_text[orgkinds_n][1], MODEL_LABEL_MAX, "%s", label);
	orgkinds_all[orgkinds_n] =
		(model_choice){value, orgkind_text[orgkinds_n][0], orgkind_text[orgkinds_n][1]};
	orgkinds_n++;
	return 0;
}

void model_reset_org_kinds(void)
{
	orgkinds_n = 0;
}

const model_choice *model_choices(enum model_enum e, int *n)
{
	int count;
	const model_choice *t = table(e, &count);
	if (n)
		*n = count;
	return t;
}

const char *model_label(enum model_enum e, int value)
{
	int n;
	const model_choice *t = table(e, &n);
	return choice_label(t, n, value);
}

const char *model_grade_short(int grade)
{
	static const char *const shorts[] = {N_("excellent"), N_("good"), N_("completed"),
					     N_("not completed")};
	return grade >= 1 && grade <= 4 ? _(shorts[grade - 1]) : "?";
}

const char *model_name(enum model_enum e, int value)
{
	int n;
	const model_choice *t = table(e, &n);
	return choice_name(t, n, value);
}

bool model_value(enum model_enum e, const char *name, int *value)
{
	int n;
	const model_choice *t = table(e, &n);
	return choice_value(t, n, name, value);
}
