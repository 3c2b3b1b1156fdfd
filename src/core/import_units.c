/* import_units.c - the unit a row of an import names: by GSO code, or by
 * name (folded, with or without its kind), which must name exactly one
 * configured unit - a district column tells apart two communes of the
 * same name - inside the reader's scope and already in the database. The
 * answer for a combination of cells met before is remembered
 * (import_memo.c).
 */
#include "import_internal.h"

#include <stdio.h>
#include <string.h>

#include "access.h"
#include "i18n.h"

#define FOLD_MAX 512

int import_unit_by_code(const import_ctx *x, const char *code)
{
	for (size_t i = 0; i < x->c->unit_count; i++)
		if (strcmp(x->c->units[i].code, code) == 0)
			return (int)i;
	return -1;
}

static bool in_district(const import_ctx *x, int u, const char *dfold, const char *draw)
{
	int d = x->units[u].district;
	if (d < 0)
		return false;
	return strcmp(x->units[d].fold, dfold) == 0 || strcmp(x->units[d].bare, dfold) == 0 ||
	       strcmp(x->c->units[d].code, draw) == 0;
}

/* Units whose full name (else, failing that, whose name without its kind)
 * folds to vfold, narrowed to a district when dist is given; the first
 * into *first, the count returned. */
static size_t units_named(const import_ctx *x, const char *vfold, const char *dist, int *first)
{
	char dfold[FOLD_MAX];
	size_t n = 0;

	import_fold(dist, dfold, sizeof dfold);
	for (int pass = 0; pass < 2 && n == 0; pass++)
		for (size_t i = 0; i < x->c->unit_count; i++) {
			const char *f = pass ? x->units[i].bare : x->units[i].fold;
			if (!f[0] || strcmp(f, vfold) != 0)
				continue;
			if (dist[0] && !in_district(x, (int)i, dfold, dist))
				continue;
			if (n++ == 0)
				*first = (int)i;
		}
	return n;
}

/* The configured unit a row names, or -1 (the problem recorded). */
static int unit_of_row_read(import_ctx *x, const csv_reader *rd, int *field)
{
	char code[CFG_CODE_MAX * 2], name[CFG_NAME_MAX * 2], dist[CFG_NAME_MAX * 2];
	char f[FOLD_MAX];
	int u = -1;
	size_t n;

	*field = x->col[IC_UNIT_CODE] >= 0 ? x->col[IC_UNIT_CODE] : x->col[IC_UNIT];
	if (!import_text_cell(x, rd, IC_UNIT_CODE, false, code, sizeof code) ||
	    !import_text_cell(x, rd, IC_UNIT, false, name, sizeof name) ||
	    !import_text_cell(x, rd, IC_DISTRICT, false, dist, sizeof dist))
		return -1;
	if (code[0]) {
		if ((u = import_unit_by_code(x, code)) < 0)
			import_problem(x, *field, false,
				       _("No unit with code %s in the configuration"), code);
		return u;
	}
	*field = x->col[IC_UNIT];
	if (!name[0]) {
		import_problem(x, *field, false, "%s", _("This cell must not be empty"));
		return -1;
	}
	if (strspn(name, "0123456789") == strlen(name) && (u = import_unit_by_code(x, name)) >= 0)
		return u;
	import_fold(name, f, sizeof f);
	n = units_named(x, f, dist, &u);
	if (n == 1)
		return u;
	if (n == 0 && dist[0])
		import_problem(x, *field, false, _("No unit named \"%s\" in %s"), name, dist);
	else if (n == 0)
		import_problem(x, *field, false, _("No unit named \"%s\" in the configuration"),
			       name);
	else
		import_problem(
			x, *field, false,
			_("\"%s\" names %zu units; add a district column or give the unit code"),
			name, n);
	return -1;
}

/* cells joined by '\x1f' into key (false when absent or too long) */
static bool cells_key(const import_ctx *x, const csv_reader *rd, const int *ic, size_t n, char *key,
		      size_t cap)
{
	size_t len = 0;
	for (size_t i = 0; i < n; i++) {
		const char *v = import_cell(x, rd, ic[i]);
		int k = snprintf(key + len, cap - len, "%s%s", i ? "\x1f" : "", v ? v : "");
		if (k < 0 || (size_t)k >= cap - len)
			return false;
		len += (size_t)k;
	}
	return true;
}

static int unit_of_row(import_ctx *x, const csv_reader *rd, int *field)
{
	static const int cols[] = {IC_UNIT_CODE, IC_UNIT, IC_DISTRICT};
	char key[3 * CFG_NAME_MAX];
	size_t errors = x->r->errors;
	bool keyed = cells_key(x, rd, cols, 3, key, sizeof key);
	int64_t known;
	int u;

	if (keyed && import_memo_get(x, MEMO_UNIT, key, &known)) {
		*field = (int)(known & 0xffff);
		return (int)(known >> 16);
	}
	u = unit_of_row_read(x, rd, field);
	if (keyed && u >= 0 && *field >= 0 && *field <= 0xffff && x->r->errors == errors)
		import_memo_put(x, MEMO_UNIT, key, (int64_t)u << 16 | *field);
	return u;
}

/* A row of a unit outside o->scope or the reader's: counted, its line
 * kept for the verdict (import.c), and reported. */
static void outside(import_ctx *x, int field, int u)
{
	int scope = x->o->scope ? import_unit_by_code(x, x->o->scope) : -1;

	if (x->r->out_of_scope < IMPORT_SCOPE_LINES)
		x->r->scope_lines[x->r->out_of_scope] = x->line;
	x->r->out_of_scope++;
	if (scope >= 0 && !x->units[u].in_scope)
		import_problem(x, field, false, _("%s is not part of %s"), x->c->units[u].name,
			       x->c->units[scope].name);
	else
		import_problem(x, field, false, _("%s lies outside the units you may work on"),
			       x->c->units[u].name);
}

/* Unit u's id (-1: not in the database) and whether the store puts it
 * in the reader's scope. */
static int resolve(import_ctx *x, int u, cb_error *err)
{
	unit_row row;
	int rc = store_unit_by_code(x->s, x->c->units[u].code, &row, err);
	if (rc && rc != CB_NOT_FOUND)
		return rc;
	x->units[u].id = rc ? -1 : row.id;
	/* the reader's scope, as the store holds it (access.h) */
	x->units[u].in_scope = rc || store_scope_has(x->s, row.lo, 0);
	return CB_OK;
}

int import_units_resolve(import_ctx *x, cb_error *err)
{
	int rc;
	for (size_t u = 0; u < x->c->unit_count; u++)
		if (x->units[u].in_scope && x->units[u].id == 0 && (rc = resolve(x, (int)u, err)))
			return rc;
	return CB_OK;
}

/* Sets cd->unit_id from the row; *unit = the configured unit, -1 if bad. */
int import_unit_cell(import_ctx *x, const csv_reader *rd, cadre *cd, int *unit, cb_error *err)
{
	int field, u = unit_of_row(x, rd, &field), rc;

	*unit = -1;
	if (u < 0)
		return CB_OK;
	if (!x->units[u].in_scope) {
		outside(x, field, u);
		return CB_OK;
	}
	if (x->units[u].id == 0) {
		if ((rc = resolve(x, u, err)))
			return rc;
		if (!x->units[u].in_scope) {
			outside(x, field, u);
			return CB_OK;
		}
	}
	if (x->units[u].id < 0) {
		import_problem(x, field, false, _("Unit %s is not in the database yet"),
			       x->c->units[u].name);
		return CB_OK;
	}
	cd->unit_id = x->units[u].id;
	*unit = u;
	return CB_OK;
}
