/* output_cadre.c - the data layouts of a list of cadres: the export
 * screen's and the one of `canbo find`.
 *
 * Both are read back by the import (its round-trip tests write them
 * through these same functions), so a layout lives in one place: the
 * columns and the cells of a row side by side.
 */
#include "output.h"

#include <stdio.h>

#include "date.h"
#include "i18n.h"
#include "model.h"
#include "store.h"

static const out_column export_cols[] = {
	{"id", "id", OUT_RIGHT, OUT_NUM, 0},
	{"full_name", "full_name", OUT_LEFT, OUT_STR, 0},
	{"birth_date", "birth_date", OUT_LEFT, OUT_STR, 0},
	{"gender", "gender", OUT_LEFT, OUT_STR, 0},
	{"ethnicity", "ethnicity", OUT_LEFT, OUT_STR, 0},
	{"position", "position", OUT_LEFT, OUT_STR, 0},
	{"pos_rank", "pos_rank", OUT_LEFT, OUT_STR, 0},
	{"unit_code", "unit_code", OUT_LEFT, OUT_STR, 0},
	{"unit", "unit", OUT_LEFT, OUT_STR, 0},
	{"district", "district", OUT_LEFT, OUT_STR, 0},
	{"org", "org", OUT_LEFT, OUT_STR, 0},
	{"managed", "managed", OUT_LEFT, OUT_STR, 0},
	{"is_head", "is_head", OUT_LEFT, OUT_STR, 0},
	{"education", "education", OUT_LEFT, OUT_STR, 0},
	{"political_theory", "political_theory", OUT_LEFT, OUT_STR, 0},
	{"party_joined", "party_joined", OUT_LEFT, OUT_STR, 0},
};

static const out_column find_cols[] = {
	{"id", "id", OUT_RIGHT, OUT_NUM, 0},
	{"full_name", "full_name", OUT_LEFT, OUT_STR, 0},
	{"birth_date", "birth_date", OUT_LEFT, OUT_STR, 0},
	{"gender", "gender", OUT_LEFT, OUT_STR, 0},
	{"ethnicity", "ethnicity", OUT_LEFT, OUT_STR, 0},
	{"position", "position", OUT_LEFT, OUT_STR, 0},
	{"unit", "unit", OUT_LEFT, OUT_STR, 0},
	{"district", "district", OUT_LEFT, OUT_STR, 0},
	{"commune", "commune", OUT_LEFT, OUT_STR, 0},
	{"level", "level", OUT_LEFT, OUT_STR, 0},
	{"education", "education", OUT_LEFT, OUT_STR, 0},
	{"political_theory", "political_theory", OUT_LEFT, OUT_STR, 0},
};

#define COUNT(a) (sizeof a / sizeof a[0])

const out_column *out_cadre_columns(enum out_cadre_layout layout, size_t *ncols)
{
	if (layout == OUT_CADRE_FIND) {
		*ncols = COUNT(find_cols);
		return find_cols;
	}
	*ncols = COUNT(export_cols);
	return export_cols;
}

/* "province", "district" or "commune" by the unit's tier. */
static const char *level_name(int level, int deepest)
{
	if (level <= 1)
		return "province";
	return level >= deepest ? "commune" : "district";
}

int out_cadre_row(out_writer *o, enum out_cadre_layout layout, const struct cadre *c,
		  int deepest)
{
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)c->id);
	if (layout == OUT_CADRE_FIND) {
		const char *cells[COUNT(find_cols)] = {
			id, c->full_name, c->birth_date, model_name(ENUM_GENDER, c->gender),
			c->ethnicity, c->position, c->unit_name, c->district_name,
			c->commune_name, level_name(c->level, deepest),
			model_name(ENUM_EDUCATION, c->education), model_name(ENUM_THEORY, c->theory)};
		return out_row(o, cells);
	}
	const char *cells[COUNT(export_cols)] = {
		id, c->full_name, c->birth_date, model_name(ENUM_GENDER, c->gender),
		c->ethnicity, c->position, model_name(ENUM_RANK, c->pos_rank), c->unit_code,
		c->unit_name, c->district_name, c->org_name, c->managed ? "yes" : "no",
		c->is_head ? "yes" : "no", model_name(ENUM_EDUCATION, c->education),
		model_name(ENUM_THEORY, c->theory), c->party_joined};
	return out_row(o, cells);
}

/* ---- the export for spreadsheets ------------------------------------------ */

/* Headers in the UI language that the import knows again (import.c's
 * aliases, in Vietnamese and English); the database id is left out. */
static const char *const labelled_headers[] = {
	N_("Full name"),    N_("Birth date"), N_("Gender"),	      N_("Ethnicity"),
	N_("Position"),	    N_("Position rank"), N_("Unit code"),	      N_("Unit"),
	N_("District"),	    N_("Party organisation"), N_("Managed"),      N_("Is head"),
	N_("Education"),    N_("Political theory"),	 N_("Party joined"),
};
#define LABELLED_COUNT (sizeof labelled_headers / sizeof labelled_headers[0])

const out_column *out_cadre_columns_labelled(size_t *ncols)
{
	static out_column cols[LABELLED_COUNT];
	for (size_t i = 0; i < LABELLED_COUNT; i++)
		cols[i] = (out_column){export_cols[i + 1].key, _(labelled_headers[i]), OUT_LEFT,
				       OUT_STR, 0};
	*ncols = LABELLED_COUNT;
	return cols;
}

int out_cadre_row_labelled(out_writer *o, const struct cadre *c)
{
	char born[11] = "", joined[11] = "";
	cb_date d;

	if (date_parse_iso(c->birth_date, &d))
		date_format_vn(d, born);
	if (date_parse_iso(c->party_joined, &d))
		date_format_vn(d, joined);
	const char *cells[LABELLED_COUNT] = {
		c->full_name,
		born[0] ? born : c->birth_date,
		model_label(ENUM_GENDER, c->gender),
		c->ethnicity,
		c->position,
		model_label(ENUM_RANK, c->pos_rank),
		c->unit_code,
		c->unit_name,
		c->district_name,
		c->org_name,
		c->managed ? _("yes") : _("no"),
		c->is_head ? _("yes") : _("no"),
		model_label(ENUM_EDUCATION, c->education),
		model_label(ENUM_THEORY, c->theory),
		joined[0] ? joined : c->party_joined};
	return out_row(o, cells);
}
