/* report.c - reading report layouts (reports/NAME.ini) and listing them.
 *
 * A layout is checked whole when it is read: unknown sections and keys,
 * rows and columns numbered with gaps, a dimension or population that does
 * not exist - each reported with the file and line, so that a layout is
 * never half understood. Values of dimensions ("female", "30-39") depend
 * on the configuration's age bands, so they are checked when the report
 * runs (report_run), again with the line.
 */
#include "report.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ini_file.h"
#include "i18n.h"

static const char *const report_keys[] = {"title", "source", "example", "row_heading", NULL};
static const char *const header_keys[] = {"committee", "department", "party",
					  "place",     "number",     NULL};
static const char *const row_keys[] = {"label", "population", "unit", "filter",
				       "each",	"sum",	      NULL};
static const char *const column_keys[] = {"label", "count", "percent", "of", NULL};
static const char *const sign_keys[] = {"line.1", "line.2", "line.3", "line.4", NULL};

/* "row.3" -> 3 when prefix is "row."; 0 when the name is not of that form. */
static int numbered(const char *name, const char *prefix)
{
	size_t n = strlen(prefix);
	int v = 0;

	if (strncmp(name, prefix, n) != 0 || !name[n] ||
	    !ini_is_digits(name + n, strlen(name + n)) || name[n] == '0' || strlen(name + n) > 3)
		return 0;
	v = atoi(name + n);
	return v;
}

/* Every section known, numbered ones in range; the keys of each. */
static int check_sections(const ini_file *f, cb_error *err)
{
	ini_schema schema[3 + REPORT_MAX_ROWS + REPORT_MAX_COLS];
	size_t n = 0;

	for (size_t i = 0; i < f->section_count; i++) {
		const char *name = f->sections[i].name;
		int row = numbered(name, "row."), col = numbered(name, "column.");
		const char *const *keys = NULL;

		if (strcmp(name, "report") == 0)
			keys = report_keys;
		else if (strcmp(name, "header") == 0)
			keys = header_keys;
		else if (strcmp(name, "signature") == 0)
			keys = sign_keys;
		else if (row > 0 && row <= REPORT_MAX_ROWS)
			keys = row_keys;
		else if (col > 0 && col <= REPORT_MAX_COLS)
			keys = column_keys;
		if (!keys)
			return cb_error_set(
				err, CB_ECONFIG,
				_("%s:%d: unknown section [%s] (expected report, header, row.1 to "
				  "row.%d, column.1 to column.%d, signature)"),
				f->path, f->sections[i].line, name, REPORT_MAX_ROWS,
				REPORT_MAX_COLS);
		schema[n].section = f->sections[i].name;
		schema[n++].keys = keys;
	}
	return ini_check_schema(f, schema, n, err);
}

/* "DIM:VALUE" into a dimension and a value name. */
static int dim_value(const ini_file *f, const ini_entry *e, int *dim, char *value, size_t cap,
		     cb_error *err)
{
	char buf[64];
	char *colon;

	if (strlen(e->value) >= sizeof buf || !(colon = strchr(strcpy(buf, e->value), ':')))
		return ini_bad_value(
			f, e, _("a dimension and one of its values, e.g. gender:female"), err);
	*colon++ = '\0';
	if (!stats_dim_from_name(buf, dim) || !*colon || strlen(colon) >= cap) {
		/* every dimension a layout can name, from the one list of them */
		char names[512], expected[768];
		size_t len = 0;
		names[0] = '\0';
		for (int d = 0; d < DIM_COUNT && len < sizeof names; d++)
			len += (size_t)snprintf(names + len, sizeof names - len, "%s%s",
						d ? ", " : "", stats_dim_name(d));
		snprintf(expected, sizeof expected,
			 _("a dimension (%s) and one of its values, e.g. gender:female"), names);
		return ini_bad_value(f, e, expected, err);
	}
	strcpy(value, colon);
	return CB_OK;
}

static int read_row(const ini_file *f, const char *sec, report_row *row, cb_error *err)
{
	const ini_entry *e;

	memset(row, 0, sizeof *row);
	row->filter_dim = DIM_NONE;
	row->line = ini_find_section(f, sec)->line;
	if ((e = ini_find(f, sec, "sum"))) {
		if (strcmp(e->value, "yes") != 0)
			return ini_bad_value(f, e, "yes", err);
		row->kind = REPORT_ROW_SUM;
	} else if ((e = ini_find(f, sec, "each"))) {
		if (strcmp(e->value, "district") != 0)
			return ini_bad_value(f, e, "district", err);
		row->kind = REPORT_ROW_EACH_DISTRICT;
	} else {
		row->kind = REPORT_ROW_POP;
		if (ini_require(f, sec, "label", _("the row's label"), err))
			return CB_ECONFIG;
	}
	if (ini_text(f, sec, "label", row->label, sizeof row->label, err) ||
	    ini_text(f, sec, "unit", row->unit, sizeof row->unit, err))
		return CB_ECONFIG;
	if ((e = ini_find(f, sec, "population")) &&
	    !population_from_name(e->value, &row->population))
		return ini_bad_value(f, e, _("a population, as for canbo stats --population"), err);
	if ((e = ini_find(f, sec, "filter")) &&
	    dim_value(f, e, &row->filter_dim, row->filter_value, sizeof row->filter_value, err))
		return CB_ECONFIG;
	return CB_OK;
}

static int read_column(const ini_file *f, const char *sec, report_column *col, cb_error *err)
{
	const ini_entry *count = ini_find(f, sec, "count"), *pct = ini_find(f, sec, "percent");
	const ini_entry *e = count ? count : pct;

	memset(col, 0, sizeof *col);
	col->dim = DIM_NONE;
	col->line = ini_find_section(f, sec)->line;
	if (ini_require(f, sec, "label", _("the column's heading"), err) ||
	    ini_text(f, sec, "label", col->label, sizeof col->label, err))
		return CB_ECONFIG;
	if (!e || (count && pct))
		return cb_error_set(err, CB_ECONFIG, _("%s:%d: [%s] needs either count or percent"),
				    f->path, col->line, sec);
	col->kind = count ? REPORT_COL_COUNT : REPORT_COL_PERCENT;
	if (strcmp(e->value, "total") == 0) {
		if (count)
			col->kind = REPORT_COL_TOTAL;
	} else if (dim_value(f, e, &col->dim, col->value, sizeof col->value, err)) {
		return CB_ECONFIG;
	}
	if ((e = ini_find(f, sec, "of"))) {
		if (!pct)
			return ini_unknown_key(f, e, "label, count", err);
		if (strcmp(e->value, "row") == 0)
			col->of = REPORT_OF_ROW;
		else if (strcmp(e->value, "total") == 0)
			col->of = REPORT_OF_TOTAL;
		else
			return ini_bad_value(f, e, _("row or total"), err);
	}
	if (col->kind == REPORT_COL_PERCENT && col->dim == DIM_NONE)
		col->of = REPORT_OF_TOTAL; /* percent = total: the row's share of all rows */
	return CB_OK;
}

/* row.1 .. row.N and column.1 .. column.M, without gaps. */
static int read_numbered(const ini_file *f, report *r, cb_error *err)
{
	char sec[32];

	for (size_t i = 0; i < f->section_count; i++) {
		int row = numbered(f->sections[i].name, "row."),
		    col = numbered(f->sections[i].name, "column.");
		snprintf(sec, sizeof sec, "%s.%d", row ? "row" : "column", row ? row - 1 : col - 1);
		if ((row > 1 || col > 1) && !ini_has_section(f, sec))
			return cb_error_set(err, CB_ECONFIG, _("%s:%d: [%s] comes without [%s]"),
					    f->path, f->sections[i].line, f->sections[i].name, sec);
	}
	for (int i = 1; i <= REPORT_MAX_ROWS; i++) {
		snprintf(sec, sizeof sec, "row.%d", i);
		if (!ini_has_section(f, sec))
			break;
		if (read_row(f, sec, &r->rows[r->nrows++], err))
			return CB_ECONFIG;
	}
	for (int i = 1; i <= REPORT_MAX_COLS; i++) {
		snprintf(sec, sizeof sec, "column.%d", i);
		if (!ini_has_section(f, sec))
			break;
		if (read_column(f, sec, &r->cols[r->ncols++], err))
			return CB_ECONFIG;
	}
	if (!r->nrows || !r->ncols)
		return cb_error_set(err, CB_ECONFIG, _("%s: a report needs [row.1] and [column.1]"),
				    f->path);
	return CB_OK;
}

static int read_texts(const ini_file *f, report *r, cb_error *err)
{
	const ini_entry *e;
	char key[16];

	if (ini_require(f, "report", "title", _("the report's title"), err) ||
	    ini_require(f, "report", "source", _("the document the report answers"), err) ||
	    ini_text(f, "report", "title", r->title, sizeof r->title, err) ||
	    ini_text(f, "report", "source", r->source, sizeof r->source, err) ||
	    ini_text(f, "report", "row_heading", r->row_heading, sizeof r->row_heading, err) ||
	    ini_text(f, "header", "committee", r->committee, sizeof r->committee, err) ||
	    ini_text(f, "header", "department", r->department, sizeof r->department, err) ||
	    ini_text(f, "header", "party", r->party, sizeof r->party, err) ||
	    ini_text(f, "header", "place", r->place, sizeof r->place, err) ||
	    ini_text(f, "header", "number", r->number, sizeof r->number, err))
		return CB_ECONFIG;
	if ((e = ini_find(f, "report", "example"))) {
		if (strcmp(e->value, "yes") != 0 && strcmp(e->value, "no") != 0)
			return ini_bad_value(f, e, "yes, no", err);
		r->example = strcmp(e->value, "yes") == 0;
	}
	for (int i = 1; i <= REPORT_MAX_SIGN; i++) {
		snprintf(key, sizeof key, "line.%d", i);
		if (!ini_find(f, "signature", key))
			break;
		if (ini_text(f, "signature", key, r->sign[r->nsign], sizeof r->sign[0], err))
			return CB_ECONFIG;
		r->nsign++;
	}
	return CB_OK;
}

static bool valid_name(const char *name)
{
	size_t n = strlen(name);
	if (!n || n >= sizeof(((report *)0)->name) || name[0] == '.')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!ini_ascii_alnum((unsigned char)name[i]) && name[i] != '-' && name[i] != '_')
			return false;
	return true;
}

int report_load(const cfg *c, const char *name, report *r, cb_error *err)
{
	ini_file f;
	int rc;

	memset(r, 0, sizeof *r);
	if (!valid_name(name))
		return cb_error_set(err, CB_EUSAGE,
				    _("No report named '%s' (see canbo report list)"), name);
	snprintf(r->name, sizeof r->name, "%s", name);
	if (snprintf(r->path, sizeof r->path, "%s/reports/%s.ini", c->dir, name) >=
	    (int)sizeof r->path)
		return cb_error_set(err, CB_EUSAGE,
				    _("No report named '%s' (see canbo report list)"), name);
	if (access(r->path, F_OK) != 0)
		return cb_error_set(err, CB_EUSAGE,
				    _("No report named '%s' (see canbo report list)"), name);
	if ((rc = ini_open(&f, r->path, err)))
		return rc;
	rc = check_sections(&f, err);
	if (!rc)
		rc = read_texts(&f, r, err);
	if (!rc)
		rc = read_numbered(&f, r, err);
	ini_close(&f);
	return rc ? CB_ECONFIG : CB_OK;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int report_list(const cfg *c, char ***names, size_t *n, cb_error *err)
{
	char dir[PATH_MAX];
	struct dirent *d;
	DIR *dp;

	*names = NULL;
	*n = 0;
	snprintf(dir, sizeof dir, "%s/reports", c->dir);
	if (!(dp = opendir(dir)))
		return CB_OK; /* no layouts configured */
	while ((d = readdir(dp))) {
		size_t len = strlen(d->d_name);
		char base[64], **slot;
		if (len <= 4 || strcmp(d->d_name + len - 4, ".ini") != 0 || len - 4 >= sizeof base)
			continue;
		memcpy(base, d->d_name, len - 4);
		base[len - 4] = '\0';
		if (!valid_name(base))
			continue;
		if (!(slot = config_grow((void **)names, n, sizeof **names)) ||
		    !(*slot = strdup(base))) {
			if (slot)
				(*n)--;
			closedir(dp);
			return cb_error_set(err, CB_EDB, "%s", _("Out of memory"));
		}
	}
	closedir(dp);
	if (*n)
		qsort(*names, *n, sizeof **names, by_name);
	return CB_OK;
}
