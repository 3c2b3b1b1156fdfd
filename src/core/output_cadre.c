/* output_cadre.c - a list of cadres as data and for spreadsheets: the
 * columns are the cadre's field table (fields.h), so `canbo find`, the
 * export screen and the import name and write every field alike.
 *
 * Both forms are read back by the import (its round-trip tests write them
 * through these same functions): the data form carries every field the
 * import takes, in its code form, plus the derived ones (id, district,
 * commune, level) that the import passes over.
 */
#include "output.h"

#include <stdio.h>

#include "fields.h"
#include "i18n.h"
#include "store.h"

#define CELL_MAX 2048

static int out_type_of(const field_def *f)
{
	switch (f->type) {
	case FIELD_INT:
		return OUT_NUM;
	case FIELD_BOOL:
		return OUT_BOOL;
	case FIELD_LIST:
		return OUT_LIST;
	default:
		return OUT_STR;
	}
}

/* The fields of the data form: every one that is a CSV column. */
static size_t data_fields(const field_def **map)
{
	size_t n, k = 0;
	const field_def *t = cadre_fields(&n);
	for (size_t i = 0; i < n; i++)
		if (!(t[i].flags & FIELD_NO_CSV))
			map[k++] = &t[i];
	return k;
}

const out_column *out_cadre_columns(enum out_cadre_layout layout, size_t *ncols)
{
	static out_column cols[CADRE_F_COUNT];
	const field_def *map[CADRE_F_COUNT];
	size_t n = data_fields(map);
	for (size_t i = 0; i < n; i++)
		cols[i] = (out_column){map[i]->name, map[i]->name,
				       map[i]->type == FIELD_INT ? OUT_RIGHT : OUT_LEFT,
				       out_type_of(map[i]), 0};
	*ncols = n;
	return cols;
}

/* The cells of the given fields of c in a style; bufs holds them. */
static int write_cells(out_writer *o, const struct cadre *c, const field_def **map, size_t n,
		       int style)
{
	static char bufs[CADRE_F_COUNT][CELL_MAX];
	const char *cells[CADRE_F_COUNT];
	for (size_t i = 0; i < n; i++)
		cells[i] = field_format(map[i], c, style, bufs[i], sizeof bufs[i]);
	return out_row(o, cells);
}

int out_cadre_row(out_writer *o, enum out_cadre_layout layout, const struct cadre *c, int deepest)
{
	const field_def *map[CADRE_F_COUNT];
	size_t n = data_fields(map);
	return write_cells(o, c, map, n, FIELD_CODE);
}

/* ---- the export for spreadsheets ------------------------------------------ */

/* The fields of the spreadsheet form: those of the data form but the
 * database's own (id, version) and the commune (the unit says it). */
static size_t labelled_fields(const field_def **map)
{
	size_t n, k = 0;
	const field_def *t = cadre_fields(&n);
	for (size_t i = 0; i < n; i++)
		if (!(t[i].flags & FIELD_NO_CSV) &&
		    (t[i].flags & (FIELD_DERIVED | FIELD_NO_SHOW)) !=
			    (FIELD_DERIVED | FIELD_NO_SHOW))
			map[k++] = &t[i];
	return k;
}

/* Headers in the UI language, which the import knows again (fields.h). */
const out_column *out_cadre_columns_labelled(size_t *ncols)
{
	static out_column cols[CADRE_F_COUNT];
	const field_def *map[CADRE_F_COUNT];
	size_t n = labelled_fields(map);
	for (size_t i = 0; i < n; i++)
		cols[i] = (out_column){map[i]->name, _(map[i]->label), OUT_LEFT, OUT_STR, 0};
	*ncols = n;
	return cols;
}

int out_cadre_row_labelled(out_writer *o, const struct cadre *c)
{
	const field_def *map[CADRE_F_COUNT];
	size_t n = labelled_fields(map);
	return write_cells(o, c, map, n, FIELD_HUMAN);
}
