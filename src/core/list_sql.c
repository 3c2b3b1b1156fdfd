/* list_sql.c - the SQL of the coded lists (list_sql.h). Values are
 * written into the statement as literals (numbers, or names with their
 * quotes doubled): a list is the configuration's, not the user's input,
 * and literals keep the conditions within filter.h's fixed buffers. */
#include "list_sql.h"

#include <stdio.h>
#include <string.h>

static const char *const columns[LIST_COUNT] = {
	[ENUM_ETHNICITY - ENUM_FIRST_LIST] = "c.ethnicity",
	[ENUM_RELIGION - ENUM_FIRST_LIST] = "c.religion",
	[ENUM_ACAD_TITLE - ENUM_FIRST_LIST] = "c.academic_title",
	[ENUM_GENERAL_EDU - ENUM_FIRST_LIST] = "c.general_education",
	[ENUM_STATE_MGMT - ENUM_FIRST_LIST] = "c.state_management",
	[ENUM_LANGUAGE - ENUM_FIRST_LIST] = "c.foreign_language",
	[ENUM_IT_LEVEL - ENUM_FIRST_LIST] = "c.it_level",
};

const char *list_column(enum model_enum e)
{
	return e >= ENUM_FIRST_LIST && e < ENUM_COUNT ? columns[e - ENUM_FIRST_LIST] : NULL;
}

typedef struct out {
	char *buf;
	size_t cap, len;
	bool ok;
} out;

static void add(out *o, const char *s)
{
	size_t n = strlen(s);
	if (!o->ok || o->len + n + 1 > o->cap) {
		o->ok = false;
		return;
	}
	memcpy(o->buf + o->len, s, n + 1);
	o->len += n;
}

/* The stored form of a choice: its number, or its name quoted. */
static void value(out *o, enum model_enum e, const model_choice *c)
{
	char num[16];

	if (e != ENUM_ETHNICITY) {
		snprintf(num, sizeof num, "%d", c->value);
		add(o, num);
		return;
	}
	add(o, "'");
	for (const char *p = c->label; *p; p++) {
		char ch[3] = {*p, *p == '\'' ? '\'' : '\0', '\0'};
		add(o, ch);
	}
	add(o, "'");
}

static out start(char *buf, size_t cap)
{
	out o = {buf, cap, strlen(buf), true};
	return o;
}

bool list_index_sql(enum model_enum e, int max_index, char *buf, size_t cap)
{
	int n;
	const model_choice *ch = model_choices(e, &n);
	out o = start(buf, cap);
	char then[24];

	if (!list_column(e))
		return false;
	add(&o, "(CASE ");
	add(&o, list_column(e));
	for (int i = 0; i < n && i < max_index; i++) {
		add(&o, " WHEN ");
		value(&o, e, &ch[i]);
		snprintf(then, sizeof then, " THEN %d", i + 1);
		add(&o, then);
	}
	add(&o, " ELSE 0 END)");
	return o.ok;
}

bool list_cond_sql(enum model_enum e, int index, char *buf, size_t cap)
{
	int n;
	const model_choice *ch = model_choices(e, &n);
	out o = start(buf, cap);

	if (!list_column(e) || index < 0 || index > n)
		return false;
	add(&o, " AND ");
	if (index > 0) {
		add(&o, list_column(e));
		add(&o, " = ");
		value(&o, e, &ch[index - 1]);
		return o.ok;
	}
	/* not recorded, or not a choice of the list */
	add(&o, "(");
	add(&o, list_column(e));
	add(&o, " IS NULL OR ");
	add(&o, list_column(e));
	add(&o, " NOT IN (");
	for (int i = 0; i < n; i++) {
		if (i)
			add(&o, ", ");
		value(&o, e, &ch[i]);
	}
	add(&o, "))");
	return o.ok;
}
