/* stats.c - breakdowns of a population of cadres by one or two dimensions.
 *
 * One statement per breakdown:
 *   SELECT <row expr>, <col expr>, count(*), count(*) FILTER (under 40)
 *   FROM cadre c WHERE 1 <filter_build(base)> GROUP BY 1, 2
 * Each dimension is an SQL expression yielding a small integer code, and
 * each code maps back to cadre_filter fields (dim_apply), so the list
 * opened from a cell is filter_build(base + those fields): the same WHERE
 * the count came from, plus the conditions that define the cell. Ages are
 * compared as birth dates against the latest birth date that has reached a
 * given age on the reference date, which is exact (29 February birthdays
 * are reached on 1 March in common years) and needs no per-row arithmetic.
 */
#include "stats.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "model.h"

static const struct {
	const char *name, *label;
} dims[DIM_COUNT] = {
#define X(id, n, l) [id] = {n, l},
	STATS_DIM_LIST(X)
#undef X
};

static const int default_bands[] = {30, 40, 50, 60};

const char *stats_dim_name(int dim)
{
	return dim >= 0 && dim < DIM_COUNT ? dims[dim].name : "";
}

const char *stats_dim_label(int dim)
{
	return dim >= 0 && dim < DIM_COUNT ? _(dims[dim].label) : "";
}

bool stats_dim_from_name(const char *name, int *dim)
{
	for (int i = 0; i < DIM_COUNT; i++)
		if (strcmp(name, dims[i].name) == 0) {
			*dim = i;
			return true;
		}
	return false;
}

void stats_query_init(stats_query *q, const cfg *c)
{
	int y, m, d;

	memset(q, 0, sizeof *q);
	filter_init(&q->base);
	q->base.population = POP_ALL;
	q->base.deepest_tier = c ? c->tiers : 3;
	q->dim[0] = DIM_AGE;
	q->dim[1] = DIM_NONE;
	q->training_kind = FILTER_ANY;
	if (c && c->band_count > 0) {
		q->band_count = c->band_count;
		memcpy(q->bands, c->age_bands, sizeof(int) * (size_t)c->band_count);
	} else {
		q->band_count = (int)(sizeof default_bands / sizeof default_bands[0]);
		memcpy(q->bands, default_bands, sizeof default_bands);
	}
	date_to_ymd(q->base.as_of, &y, &m, &d);
	q->year = y;
}

/* The latest birth date of someone who has completed `years` on `on`,
 * as ISO text: same day and month, `years` earlier; 29 February becomes
 * 28 February in a common year (born 29 Feb, one is not yet N on 28 Feb
 * of a common year but is on 1 Mar). */
static void age_bound(cb_date on, int years, char buf[11])
{
	int y, m, d;
	date_to_ymd(on, &y, &m, &d);
	y -= years;
	if (!date_valid_ymd(y, m, d))
		d = 28;
	snprintf(buf, 11, "%04d-%02d-%02d", y, m, d);
}

/* ---- dimension values ------------------------------------------------- */

static void axis_add(stats_axis *a, int code, const char *name, const char *label)
{
	if (a->n >= STATS_MAX_VALUES)
		return;
	a->code[a->n] = code;
	snprintf(a->name[a->n], sizeof a->name[0], "%s", name);
	snprintf(a->label[a->n], sizeof a->label[0], "%s", label);
	a->n++;
}

static void axis_enum(stats_axis *a, enum model_enum e)
{
	int n;
	const model_choice *ch = model_choices(e, &n);
	for (int i = 0; i < n; i++)
		axis_add(a, ch[i].value, ch[i].name, _(ch[i].label));
}

static void axis_age(stats_axis *a, const stats_query *q)
{
	char name[24], label[64];
	int n = q->band_count;

	for (int i = 0; i <= n; i++) {
		if (i == 0) {
			snprintf(name, sizeof name, "lt%d", q->bands[0]);
			snprintf(label, sizeof label, _("Under %d"), q->bands[0]);
		} else if (i == n) {
			snprintf(name, sizeof name, "%d+", q->bands[n - 1]);
			snprintf(label, sizeof label, _("%d and over"), q->bands[n - 1]);
		} else {
			snprintf(name, sizeof name, "%d-%d", q->bands[i - 1], q->bands[i] - 1);
			snprintf(label, sizeof label, "%d–%d", q->bands[i - 1], q->bands[i] - 1);
		}
		axis_add(a, i, name, label);
	}
}

/* The values of a dimension in display order. */
static void axis_build(stats_axis *a, int dim, const stats_query *q)
{
	memset(a, 0, sizeof *a);
	a->dim = dim;
	switch (dim) {
	case DIM_NONE:
		axis_add(a, 0, "total", _("Total"));
		break;
	case DIM_AGE:
		axis_age(a, q);
		break;
	case DIM_UNDER40:
		axis_add(a, 0, "under40", _("Under 40"));
		axis_add(a, 1, "40+", _("40 and over"));
		break;
	case DIM_GENDER:
		axis_enum(a, ENUM_GENDER);
		break;
	case DIM_ETHNICITY:
		axis_add(a, 0, "kinh", _("Kinh"));
		axis_add(a, 1, "minority", _("Ethnic minorities"));
		break;
	case DIM_EDUCATION:
		axis_enum(a, ENUM_EDUCATION);
		break;
	case DIM_THEORY:
		axis_enum(a, ENUM_THEORY);
		break;
	case DIM_RATING:
		axis_enum(a, ENUM_GRADE);
		axis_add(a, 0, "not-rated", _("Not rated"));
		break;
	case DIM_TRAINING:
		axis_add(a, 1, "trained", _("Trained"));
		axis_add(a, 0, "not-trained", _("Not trained"));
		break;
	case DIM_PLANNING:
		axis_add(a, 1, "in-pool", _("In a planning pool"));
		axis_add(a, 0, "not-in-pool", _("Not in a planning pool"));
		break;
	}
}

/* Narrows an age range [*lo, *hi] (FILTER_ANY = open) by [lo2, hi2]. */
static void age_narrow(cadre_filter *f, int lo, int hi)
{
	if (lo != FILTER_ANY && (f->age_min == FILTER_ANY || lo > f->age_min))
		f->age_min = lo;
	if (hi != FILTER_ANY && (f->age_max == FILTER_ANY || hi < f->age_max))
		f->age_max = hi;
}

/* Sets the filter fields that select the cadres whose dimension `dim`
 * has value `code`. */
static void dim_apply(const stats_query *q, int dim, int code, cadre_filter *f)
{
	int n = q->band_count;

	switch (dim) {
	case DIM_AGE:
		age_narrow(f, code == 0 ? FILTER_ANY : q->bands[code - 1],
			   code == n ? FILTER_ANY : q->bands[code] - 1);
		break;
	case DIM_UNDER40:
		age_narrow(f, code == 0 ? FILTER_ANY : 40, code == 0 ? 39 : FILTER_ANY);
		break;
	case DIM_GENDER:
		f->gender = code;
		break;
	case DIM_ETHNICITY:
		f->minority = code;
		break;
	case DIM_EDUCATION:
		f->education = code;
		break;
	case DIM_THEORY:
		f->theory = code;
		break;
	case DIM_RATING:
		f->rating_year = q->year;
		f->rating_grade = code;
		break;
	case DIM_TRAINING:
		f->trained_year = q->year;
		f->trained_kind = q->training_kind;
		f->trained = code;
		break;
	case DIM_PLANNING:
		f->planning = code;
		break;
	}
}

void stats_cell_filter(const stats_query *q, const stats_table *t, int row, int col,
		       cadre_filter *out)
{
	*out = q->base;
	if (row == STATS_UNDER40)
		age_narrow(out, FILTER_ANY, 39);
	else if (row >= 0 && row < t->axis[0].n && t->axis[0].dim != DIM_NONE)
		dim_apply(q, t->axis[0].dim, t->axis[0].code[row], out);
	if (col >= 0 && col < t->axis[1].n && t->axis[1].dim != DIM_NONE)
		dim_apply(q, t->axis[1].dim, t->axis[1].code[col], out);
}

/* ---- SQL -------------------------------------------------------------- */

/* Values bound to the dimension expressions, in the order of their '?'. */
typedef struct dim_binds {
	int n;
	struct {
		bool is_text;
		int64_t i;
		char s[11];
	} v[CFG_MAX_BANDS + 4];
} dim_binds;

static void bind_text(dim_binds *b, const char *s)
{
	b->v[b->n].is_text = true;
	snprintf(b->v[b->n].s, sizeof b->v[0].s, "%s", s);
	b->n++;
}

static void bind_int(dim_binds *b, int64_t i)
{
	b->v[b->n].is_text = false;
	b->v[b->n].i = i;
	b->n++;
}

/* Appends the expression of a dimension to sql; false if it does not fit. */
static bool dim_expr(const stats_query *q, int dim, char *sql, size_t cap, dim_binds *b)
{
	size_t len = strlen(sql);
	char bound[11];
	int w = 0;

	switch (dim) {
	case DIM_NONE:
		w = snprintf(sql + len, cap - len, "0");
		break;
	case DIM_AGE:
		w = snprintf(sql + len, cap - len, "CASE");
		for (int i = 0; i < q->band_count && w > 0 && (size_t)w < cap - len; i++) {
			age_bound(q->base.as_of, q->bands[i], bound);
			bind_text(b, bound);
			w += snprintf(sql + len + w, cap - len - (size_t)w,
				      " WHEN c.birth_date > ? THEN %d", i);
		}
		if (w > 0 && (size_t)w < cap - len)
			w += snprintf(sql + len + w, cap - len - (size_t)w, " ELSE %d END",
				      q->band_count);
		break;
	case DIM_UNDER40:
		age_bound(q->base.as_of, 40, bound);
		bind_text(b, bound);
		w = snprintf(sql + len, cap - len, "(c.birth_date <= ?)");
		break;
	case DIM_GENDER:
		w = snprintf(sql + len, cap - len, "c.gender");
		break;
	case DIM_ETHNICITY:
		w = snprintf(sql + len, cap - len, "(c.ethnicity <> 'Kinh')");
		break;
	case DIM_EDUCATION:
		w = snprintf(sql + len, cap - len, "c.education");
		break;
	case DIM_THEORY:
		w = snprintf(sql + len, cap - len, "c.theory");
		break;
	case DIM_RATING:
		bind_int(b, q->year);
		w = snprintf(sql + len, cap - len,
			     "coalesce((SELECT r.grade FROM rating r"
			     " WHERE r.cadre_id = c.id AND r.year = ?), 0)");
		break;
	case DIM_TRAINING:
		bind_int(b, q->year);
		if (q->training_kind != FILTER_ANY)
			bind_int(b, q->training_kind);
		w = snprintf(sql + len, cap - len,
			     "EXISTS(SELECT 1 FROM training t WHERE t.cadre_id = c.id"
			     " AND t.year = ?%s)",
			     q->training_kind != FILTER_ANY ? " AND t.kind = ?" : "");
		break;
	case DIM_PLANNING:
		w = snprintf(sql + len, cap - len,
			     "EXISTS(SELECT 1 FROM planning p WHERE p.cadre_id = c.id)");
		break;
	default:
		return false;
	}
	return w > 0 && (size_t)w < cap - len;
}

static int bind_dims(sqlite3_stmt *st, const dim_binds *b, int first)
{
	for (int i = 0; i < b->n; i++) {
		int rc = b->v[i].is_text
				 ? sqlite3_bind_text(st, first + i, b->v[i].s, -1, SQLITE_TRANSIENT)
				 : sqlite3_bind_int64(st, first + i, b->v[i].i);
		if (rc != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

static int axis_index(const stats_axis *a, int code)
{
	for (int i = 0; i < a->n; i++)
		if (a->code[i] == code)
			return i;
	return -1;
}

/* Prepares the breakdown statement with every value bound. */
static int prepare(store *s, const stats_query *q, sqlite3_stmt **out, cb_error *err)
{
	char sql[4096] = "SELECT ";
	dim_binds b = {0};
	filter_sql fs;
	char under40[11];
	sqlite3_stmt *st = NULL;
	size_t len;
	int at;

	if (!dim_expr(q, q->dim[0], sql, sizeof sql, &b))
		return cb_error_set(err, CB_EINVALID, _("The breakdown is too complex"));
	strcat(sql, ", "); /* the first expression is far shorter than sql */
	if (!dim_expr(q, q->dim[1], sql, sizeof sql, &b) || !filter_build(&q->base, &fs))
		return cb_error_set(err, CB_EINVALID, _("The breakdown is too complex"));
	len = strlen(sql);
	age_bound(q->base.as_of, 40, under40);
	bind_text(&b, under40);
	if ((size_t)snprintf(sql + len, sizeof sql - len,
			     ", count(*), count(*) FILTER (WHERE c.birth_date > ?)"
			     " FROM cadre c WHERE 1%s GROUP BY 1, 2",
			     fs.where) >= sizeof sql - len)
		return cb_error_set(err, CB_EINVALID, _("The breakdown is too complex"));
	if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, err, _("Preparing the breakdown"));
	at = 1;
	if (bind_dims(st, &b, at) != SQLITE_OK ||
	    filter_bind(&fs, st, at + b.n) != SQLITE_OK) {
		sqlite3_finalize(st);
		return store_fail(s, err, _("Preparing the breakdown"));
	}
	*out = st;
	return CB_OK;
}

static bool query_valid(const stats_query *q)
{
	if (q->dim[0] < 0 || q->dim[0] >= DIM_COUNT)
		return false;
	if (q->dim[1] != DIM_NONE && (q->dim[1] < 0 || q->dim[1] >= DIM_COUNT))
		return false;
	if (q->dim[0] == q->dim[1])
		return false;
	if (q->band_count < 1 || q->band_count > CFG_MAX_BANDS)
		return false;
	for (int i = 1; i < q->band_count; i++)
		if (q->bands[i] <= q->bands[i - 1])
			return false;
	return q->bands[0] > 0;
}

/* Adds one result row of the statement to the table. A code outside the
 * dimension's values (which validation on entry rules out) still counts in
 * the totals, so they always equal the population. */
static void add_row(stats_table *t, sqlite3_stmt *st)
{
	int r = axis_index(&t->axis[0], sqlite3_column_int(st, 0));
	int c = axis_index(&t->axis[1], sqlite3_column_int(st, 1));
	int64_t n = sqlite3_column_int64(st, 2);

	t->total += n;
	t->under40 += sqlite3_column_int64(st, 3);
	if (r >= 0)
		t->row_total[r] += n;
	if (c >= 0)
		t->col_total[c] += n;
	if (r >= 0 && c >= 0)
		t->count[r][c] += n;
}

int stats_run(store *s, const stats_query *q, stats_table *out, cb_error *err)
{
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof *out);
	if (!query_valid(q))
		return cb_error_set(err, CB_EINVALID,
				    _("A breakdown needs one or two different dimensions"));
	axis_build(&out->axis[0], q->dim[0], q);
	axis_build(&out->axis[1], q->dim[1], q);
	out->has_under40 = q->dim[0] == DIM_AGE && q->dim[1] == DIM_NONE;
	if ((rc = prepare(s, q, &st, err)))
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		add_row(out, st);
	if (rc != SQLITE_DONE) {
		rc = store_fail(s, err, _("Counting cadres"));
		sqlite3_finalize(st);
		return rc;
	}
	sqlite3_finalize(st);
	return CB_OK;
}

int stats_latest_year(store *s, int upto, cb_error *err)
{
	sqlite3_stmt *st;
	int year = upto;

	if (sqlite3_prepare_v2(store_db(s), "SELECT max(year) FROM rating WHERE year <= ?", -1,
			       &st, NULL) != SQLITE_OK)
		return store_fail(s, err, _("Reading the rating years")), upto;
	if (sqlite3_bind_int(st, 1, upto) != SQLITE_OK) {
		store_fail(s, err, _("Reading the rating years"));
		sqlite3_finalize(st);
		return upto;
	}
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		year = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return year;
}

/* ---- figures ---------------------------------------------------------- */

void stats_pct_format(int64_t num, int64_t den, char *buf, size_t cap)
{
	int64_t permille;

	if (den <= 0 || num < 0) {
		if (cap)
			buf[0] = '\0';
		return;
	}
	permille = num * 1000 / den; /* floor: never shows a target as reached early */
	snprintf(buf, cap, "%lld.%lld", (long long)(permille / 10), (long long)(permille % 10));
}

void stats_bar(int64_t num, int64_t den, int width, bool utf8, char *buf, size_t cap)
{
	static const char *const eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
	int64_t units = den > 0 && num > 0 ? num * width * 8 / den : 0; /* in eighths */
	size_t len = 0;

	if (!cap)
		return;
	buf[0] = '\0';
	if (!utf8)
		units -= units % 8; /* whole cells of '#' only */
	for (int64_t i = 0; i < units / 8 && len + 4 < cap; i++)
		len += (size_t)snprintf(buf + len, cap - len, "%s", utf8 ? "█" : "#");
	if (utf8 && units % 8 && len + 4 < cap)
		snprintf(buf + len, cap - len, "%s", eighths[units % 8]);
}
