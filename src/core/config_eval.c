/* config_eval.c - evaluation.ini: the score bands, the task conditions of
 * each grade, the cap on "xuất sắc" and the criteria groups.
 *
 * Every number is read from the file; the comments of the shipped file
 * name the document each default comes from. A mistake stops the load with
 * the file, line and key at fault, like canbo.ini.
 */
#include "config_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evaluation.h"
#include "i18n.h"

static const char *const grade_sections[EVAL_GRADES + 1] = {NULL, "grade.excellent", "grade.good",
							    "grade.completed", "grade.failed"};
static const char *const grade_keys[] = {
	"min_score", "all_done", "all_on_time", "min_exceeded_percent", "max_late_percent", NULL};
static const char *const rules_keys[] = {"cumulative", NULL};
static const char *const cap_keys[] = {"percent", "base", "rounding", NULL};
static const char *const selfcheck_keys[] = {"period", NULL};
static const char *const selfcheck_periods[] = {"month", "quarter", "half-year", NULL};
static const char *const group_keys[] = {"title", "max", NULL};
static const char *const item_keys[] = {"code", "text", NULL};
static const char *const yes_no[] = {"no", "yes", NULL};
static const char *const cap_bases[] = {"good_or_better", "good", NULL};
static const char *const roundings[] = {"down", "nearest", "up", NULL};

/* "group.G" (G 1..9) or "item.G.N" (N 1..99): *g and *n (0 for a group);
 * false for any other name. */
static bool criteria_section(const char *name, int *g, int *n)
{
	char *end;
	long v;

	*n = 0;
	if (strncmp(name, "group.", 6) == 0 && name[6] >= '1' && name[6] <= '9' && !name[7]) {
		*g = name[6] - '0';
		return true;
	}
	if (strncmp(name, "item.", 5) || name[5] < '1' || name[5] > '9' || name[6] != '.' ||
	    name[7] < '1' || name[7] > '9')
		return false;
	*g = name[5] - '0';
	v = strtol(name + 7, &end, 10);
	if (*end || v > EVAL_ITEMS_MAX)
		return false;
	*n = (int)v;
	return true;
}

static int check_schema(const ini_file *f, cb_error *err)
{
	static const ini_schema fixed[] = {
		{"grade.excellent", grade_keys}, {"grade.good", grade_keys},
		{"grade.completed", grade_keys}, {"grade.failed", grade_keys},
		{"rules", rules_keys},		 {"cap", cap_keys},
		{"selfcheck", selfcheck_keys},
	};
	int g, n;

	for (size_t i = 0; i < f->section_count; i++) {
		const char *name = f->sections[i].name;
		bool known = criteria_section(name, &g, &n);
		for (size_t k = 0; !known && k < sizeof fixed / sizeof fixed[0]; k++)
			known = strcmp(fixed[k].section, name) == 0;
		if (!known)
			return cb_error_set(err, CB_ECONFIG,
					    _("%s:%d: unknown section [%s] (expected one of: %s)"),
					    f->path, f->sections[i].line, name,
					    "grade.excellent, grade.good, grade.completed, "
					    "grade.failed, rules, cap, selfcheck, "
					    "group.1 .. group.9, item.1.1 .. item.9.99");
	}
	for (size_t i = 0; i < f->entry_count; i++) {
		const ini_entry *e = &f->entries[i];
		const char *const *keys = NULL;
		if (criteria_section(e->section, &g, &n))
			keys = n ? item_keys : group_keys;
		for (size_t k = 0; !keys && k < sizeof fixed / sizeof fixed[0]; k++)
			if (strcmp(fixed[k].section, e->section) == 0)
				keys = fixed[k].keys;
		size_t k = 0;
		while (keys[k] && strcmp(keys[k], e->key))
			k++;
		if (!keys[k]) {
			char expected[200] = "";
			for (k = 0; keys[k]; k++)
				snprintf(expected + strlen(expected),
					 sizeof expected - strlen(expected), "%s%s", k ? ", " : "",
					 keys[k]);
			return ini_unknown_key(f, e, expected, err);
		}
	}
	return CB_OK;
}

/* A percent key, or "none" (-1). */
static int read_percent(const ini_file *f, const char *section, const char *key, int *out,
			cb_error *err)
{
	const ini_entry *e = ini_find(f, section, key);
	if (e && strcmp(e->value, "none") == 0) {
		*out = -1;
		return CB_OK;
	}
	return ini_int(f, section, key, 0, 100, out, err);
}

static int read_flag(const ini_file *f, const char *section, const char *key, bool *out,
		     cb_error *err)
{
	int v = *out;
	if (ini_choice(f, section, key, yes_no, &v, err))
		return CB_ECONFIG;
	*out = v != 0;
	return CB_OK;
}

static int read_grades(const ini_file *f, eval_rules *r, cb_error *err)
{
	for (int g = 1; g <= EVAL_GRADES; g++) {
		const char *sec = grade_sections[g];
		eval_grade_rule *gr = &r->grade[g];
		int points = 0;
		gr->min_exceeded_pct = gr->max_late_pct = -1;
		if (g < EVAL_GRADES &&
		    ini_require(f, sec, "min_score", _("the lowest score of the grade, in points"),
				err))
			return CB_ECONFIG;
		if (ini_int(f, sec, "min_score", 0, 100, &points, err) ||
		    read_flag(f, sec, "all_done", &gr->all_done, err) ||
		    read_flag(f, sec, "all_on_time", &gr->all_on_time, err) ||
		    read_percent(f, sec, "min_exceeded_percent", &gr->min_exceeded_pct, err) ||
		    read_percent(f, sec, "max_late_percent", &gr->max_late_pct, err))
			return CB_ECONFIG;
		gr->min_score = g == EVAL_GRADES ? 0 : points * EVAL_CENTI;
		if (g > 1 && gr->min_score >= r->grade[g - 1].min_score)
			return cb_error_set(err, CB_ECONFIG,
					    _("%s: [%s] min_score must be below that of [%s]"),
					    f->path, sec, grade_sections[g - 1]);
	}
	return CB_OK;
}

static int read_cap(const ini_file *f, eval_rules *r, cb_error *err)
{
	r->cap_percent = -1;
	r->cap_base = EVAL_CAP_GOOD_OR_BETTER;
	r->cap_rounding = EVAL_ROUND_DOWN;
	if (read_percent(f, "cap", "percent", &r->cap_percent, err) ||
	    ini_choice(f, "cap", "base", cap_bases, &r->cap_base, err) ||
	    ini_choice(f, "cap", "rounding", roundings, &r->cap_rounding, err))
		return CB_ECONFIG;
	return CB_OK;
}

/* "item.G.K" (G 1..9, K 1..99) into buf: each of the 99 possible items
 * of each group is looked for, and snprintf cost more than the lookup. */
static void item_section(char *buf, int g, int k)
{
	size_t n = 5;
	memcpy(buf, "item.", 5);
	buf[n++] = (char)('0' + g);
	buf[n++] = '.';
	if (k >= 10)
		buf[n++] = (char)('0' + k / 10);
	buf[n++] = (char)('0' + k % 10);
	buf[n] = '\0';
}

static int read_items(const ini_file *f, eval_rules *r, int g, cb_error *err)
{
	eval_group *grp = &r->groups[g - 1];
	grp->first_item = r->item_count;
	for (int k = 1; k <= EVAL_ITEMS_MAX; k++) {
		char name[INI_NAME_MAX];
		eval_item *it;
		_Static_assert(EVAL_GROUPS_MAX <= 9 && EVAL_ITEMS_MAX <= 99, "item.G.K digits");
		item_section(name, g, k);
		if (!ini_find_section(f, name))
			continue;
		if (!(it = config_grow((void **)&r->items, &r->item_count, sizeof *it)))
			return cb_error_set(err, CB_ECONFIG, _("out of memory"));
		it->group = g;
		snprintf(it->code, sizeof it->code, "%d.%d", g, k);
		if (ini_text(f, name, "code", it->code, sizeof it->code, err) ||
		    ini_text(f, name, "text", it->text, sizeof it->text, err))
			return CB_ECONFIG;
		grp->items++;
	}
	return CB_OK;
}

/* Groups 1..n with no gap; their maxima make the 100-point frame. */
static int read_groups(const ini_file *f, eval_rules *r, cb_error *err)
{
	int total = 0;
	char sec[INI_NAME_MAX];

	for (int g = 1; g <= EVAL_GROUPS_MAX; g++) {
		eval_group *grp = &r->groups[g - 1];
		int points = -1;
		snprintf(sec, sizeof sec, "group.%d", g);
		if (!ini_has_section(f, sec))
			break;
		if (ini_require(f, sec, "title", _("the title of the criteria group"), err) ||
		    ini_require(f, sec, "max", _("the points of the group"), err) ||
		    ini_text(f, sec, "title", grp->title, sizeof grp->title, err) ||
		    ini_int(f, sec, "max", 1, 100, &points, err) || read_items(f, r, g, err))
			return CB_ECONFIG;
		grp->max = points * EVAL_CENTI;
		total += points;
		r->group_count++;
	}
	if (total != 100)
		return cb_error_set(
			err, CB_ECONFIG,
			_("%s: the criteria groups [group.1], [group.2] ... add up to %d "
			  "points, not 100"),
			f->path, total);
	return CB_OK;
}

void eval_rules_free(eval_rules *r)
{
	if (!r)
		return;
	free(r->items);
	r->items = NULL;
	r->item_count = 0;
}

int eval_rules_load_file(const char *path, eval_rules *out, cb_error *err)
{
	ini_file f;
	int rc;

	memset(out, 0, sizeof *out);
	out->cumulative = true;
	if ((rc = ini_open(&f, path, err)))
		return rc;
	rc = check_schema(&f, err);
	if (!rc)
		rc = read_grades(&f, out, err);
	if (!rc)
		rc = read_flag(&f, "rules", "cumulative", &out->cumulative, err);
	if (!rc)
		rc = read_cap(&f, out, err);
	if (!rc)
		rc = read_groups(&f, out, err);
	if (!rc) {
		static const int months[] = {1, 3, 6};
		int k = 0;
		rc = ini_choice(&f, "selfcheck", "period", selfcheck_periods, &k, err);
		out->selfcheck_months = months[k];
	}
	ini_close(&f);
	if (rc)
		eval_rules_free(out);
	return rc;
}

int config_evaluation_load(const cfg *c, eval_rules *out, cb_error *err)
{
	if (!c)
		return cb_error_set(err, CB_ECONFIG, _("no configuration loaded"));
	return eval_rules_load_file(c->evaluation, out, err);
}
