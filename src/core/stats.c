/* stats.c - breakdowns of a population of cadres by one or two dimensions.
 *
 * Each dimension is an SQL expression yielding a small integer code, and
 * each code maps back to cadre_filter fields (dim_apply), so the list
 * opened from a cell is filter_build(base + those fields): the same WHERE
 * the count came from, plus the conditions that define the cell. Ages are
 * compared as birth dates against the latest birth date that has reached a
 * given age on the reference date, which is exact (29 February birthdays
 * are reached on 1 March in common years) and needs no per-row arithmetic.
 *
 * Counting, the fast way: the scope's cadres are read once into a
 * histogram of the columns the base filter and the dimensions read
 * (stats_hist.c: one walk of an index, a few thousand rows), and
 *   SELECT canbo_tally(?, <row expr>, <col expr>, <under 40>, c.n)
 *   FROM temp.canbo_hist_... c WHERE 1 <filter_build(base without scope)>
 * counts its rows, each weighted by the cadres it stands for. When the
 * histogram cannot answer exactly (a condition on a column it does not
 * keep, an odd value, no index), the plain way:
 *   SELECT canbo_tally(?, <row expr>, <col expr>, <under 40>)
 *   FROM cadre c WHERE 1 <filter_build(base)>
 * canbo_tally is an aggregate that counts into a small matrix: unlike
 * GROUP BY on an expression it does not sort every row. Ratings,
 * trainings and planning come from the per-query array of
 * stats_internal.h.
 */
#include "stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "stats_internal.h"
#include "units.h"

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

int stats_query_prepare(stats_query *q, const cfg *c, cb_error *err)
{
	bool score = q->dim[0] == DIM_SCORE || q->dim[1] == DIM_SCORE;
	bool retire = q->dim[0] == DIM_RETIRE || q->dim[1] == DIM_RETIRE;
	int rc = CB_OK;

	if (score)
		rc = stats_score_prepare(q, c, err);
	if (!rc && retire)
		rc = stats_retire_prepare(q, c, err);
	return rc;
}

/* The latest birth date of someone who has completed `years` on `on`,
 * as ISO text: same day and month, `years` earlier; 29 February becomes
 * 28 February in a common year (born 29 Feb, one is not yet N on 28 Feb
 * of a common year but is on 1 Mar). */
void stats_age_bound(cb_date on, int years, char buf[11])
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

/* The coded list a dimension breaks down by (list_sql.h), or -1. */
static int dim_list(int dim)
{
	switch (dim) {
	case DIM_ETHNIC_GROUP:
		return ENUM_ETHNICITY;
	case DIM_RELIGION:
		return ENUM_RELIGION;
	case DIM_ACAD_TITLE:
		return ENUM_ACAD_TITLE;
	case DIM_GENERAL_EDU:
		return ENUM_GENERAL_EDU;
	case DIM_STATE_MGMT:
		return ENUM_STATE_MGMT;
	case DIM_LANGUAGE:
		return ENUM_LANGUAGE;
	case DIM_IT_LEVEL:
		return ENUM_IT_LEVEL;
	}
	return -1;
}

/* A coded list's choices, code = their index from 1, then the cadres
 * whose value is not recorded (or not in the list). */
static void axis_list(stats_axis *a, enum model_enum e)
{
	int n;
	const model_choice *ch = model_choices(e, &n);
	for (int i = 0; i < n && i + 1 < STATS_MAX_VALUES; i++)
		axis_add(a, i + 1, ch[i].name, ch[i].label);
	axis_add(a, 0, "not-recorded", _("Not recorded"));
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
	case DIM_RETIRE:
		stats_retire_axis(a, q);
		break;
	case DIM_SCORE:
		stats_score_axis(a, q);
		break;
	default:
		if (dim_list(dim) >= 0)
			axis_list(a, dim_list(dim));
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
	case DIM_RETIRE:
		stats_retire_apply(q, code, f);
		break;
	case DIM_SCORE:
		stats_score_apply(q, code, f);
		break;
	default:
		if (dim_list(dim) >= 0)
			f->list_pick[dim_list(dim) - ENUM_FIRST_LIST] = code + 1;
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

const char stats_ptr_type[] = "canbo_stats";

void sql_put(sql_build *b, const char *text)
{
	size_t n = strlen(text);
	if (b->overflow || n >= sizeof b->text - b->len) {
		b->overflow = true;
		return;
	}
	memcpy(b->text + b->len, text, n + 1);
	b->len += n;
}

static struct sql_value *sql_slot(sql_build *b, int type)
{
	if (b->overflow || b->n >= SQL_VALUES_MAX) {
		b->overflow = true;
		return NULL;
	}
	b->v[b->n].type = type;
	return &b->v[b->n++];
}

void sql_int(sql_build *b, int64_t i)
{
	struct sql_value *v = sql_slot(b, SQLV_INT);
	if (v)
		v->i = i;
}

void sql_text(sql_build *b, const char *s)
{
	struct sql_value *v = sql_slot(b, SQLV_TEXT);
	if (v)
		snprintf(v->s, sizeof v->s, "%s", s);
}

void sql_ptr(sql_build *b, void *p)
{
	struct sql_value *v = sql_slot(b, SQLV_PTR);
	if (v)
		v->p = p;
}

bool sql_filter(sql_build *b, const cadre_filter *f)
{
	filter_sql fs;
	if (!filter_build(f, &fs)) {
		b->overflow = true;
		return false;
	}
	sql_put(b, fs.where);
	for (int i = 0; i < fs.nbind; i++) {
		if (fs.bind[i].is_text)
			sql_text(b, fs.bind[i].s);
		else
			sql_int(b, fs.bind[i].i);
	}
	return !b->overflow;
}

/* ---- the canbo_* SQL functions ------------------------------------------ */

/* What canbo_tally counts into: codes 0..STATS_MAX_VALUES-1 on each axis. */
typedef struct tally {
	int64_t count[STATS_MAX_VALUES][STATS_MAX_VALUES];
	int64_t under40[STATS_MAX_VALUES];
	int64_t total, under40_total;
} tally;

/* canbo_tally(ptr, row code, column code, under 40[, weight]): one pass,
 * no sort (GROUP BY on an expression sorts every row: 5 times slower).
 * The weight is the number of cadres a histogram row stands for. */
static void fn_tally_step(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	tally *t = sqlite3_value_pointer(argv[0], stats_ptr_type);
	int r = sqlite3_value_int(argv[1]), c = sqlite3_value_int(argv[2]);
	int64_t w = argc > 4 ? sqlite3_value_int64(argv[4]) : 1;
	int64_t u = sqlite3_value_int(argv[3]) != 0 ? w : 0;
	(void)cx;
	if (!t)
		return;
	t->total += w;
	t->under40_total += u;
	if (c >= 0 && c < STATS_MAX_VALUES) {
		t->under40[c] += u;
		if (r >= 0 && r < STATS_MAX_VALUES)
			t->count[r][c] += w;
	}
}

static void fn_tally_final(sqlite3_context *cx)
{
	sqlite3_result_null(cx);
}

void *stats_agg_ptr(sqlite3_context *cx, sqlite3_value *v)
{
	void **pp = sqlite3_aggregate_context(cx, sizeof *pp);
	if (!pp)
		return NULL;
	if (!*pp)
		*pp = sqlite3_value_pointer(v, stats_ptr_type);
	return *pp;
}

/* canbo_sat(ptr, cadre id): the loaded yearly-record bits of a cadre. */
static void fn_sat(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	stats_sat *sat = sqlite3_value_pointer(argv[0], stats_ptr_type);
	int64_t id = sqlite3_value_int64(argv[1]);
	(void)argc;
	sqlite3_result_int(cx, sat && sat->bits && id >= 0 && id < sat->n ? sat->bits[id] : 0);
}

/* canbo_satload(ptr, cadre id, bits): ORs bits into the cadre's (a NULL
 * id, an organisation's rating, is no cadre's); counts the entries read. */
static void fn_satload_step(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	stats_sat *sat = stats_agg_ptr(cx, argv[0]);
	int64_t id = sqlite3_value_int64(argv[1]);
	(void)argc;
	if (sat)
		sat->rows++;
	if (sat && sat->bits && id >= 0 && id < sat->n &&
	    sqlite3_value_type(argv[1]) == SQLITE_INTEGER)
		sat->bits[id] |= (uint16_t)sqlite3_value_int(argv[2]);
}

/* The records kept with a connection (see "keeping the records"). */
typedef struct sat_cache {
	bool valid;
	int year, need;
	int64_t version, changes;
	stats_sat sat;
} sat_cache;

static void cache_destroy(void *p);
static void fn_records(sqlite3_context *cx, int argc, sqlite3_value **argv);

/* Registers the functions once per connection: redefining a function
 * while another statement is running fails, so look before defining. */
static int register_functions(store *s, cb_error *err)
{
	sqlite3 *db = store_db(s);
	sqlite3_stmt *st = NULL;
	int flags = SQLITE_UTF8 | SQLITE_DIRECTONLY;

	if (sqlite3_prepare_v2(db, "SELECT canbo_sat(NULL, 0)", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_finalize(st);
		return CB_OK;
	}
	if (sqlite3_create_function_v2(db, "canbo_tally", 4, flags, NULL, NULL, fn_tally_step,
				       fn_tally_final, NULL) != SQLITE_OK ||
	    sqlite3_create_function_v2(db, "canbo_tally", 5, flags, NULL, NULL, fn_tally_step,
				       fn_tally_final, NULL) != SQLITE_OK ||
	    sqlite3_create_function_v2(db, "canbo_satload", 3, flags, NULL, NULL, fn_satload_step,
				       fn_tally_final, NULL) != SQLITE_OK ||
	    sqlite3_create_function_v2(db, "canbo_targets", -1, flags, NULL, NULL,
				       stats_targets_step, fn_tally_final, NULL) != SQLITE_OK ||
	    sqlite3_create_function_v2(db, "canbo_hist", 4, flags, NULL, NULL, stats_hist_step,
				       fn_tally_final, NULL) != SQLITE_OK ||
	    sqlite3_create_function_v2(db, "canbo_records", 0, flags, calloc(1, sizeof(sat_cache)),
				       fn_records, NULL, NULL, cache_destroy) != SQLITE_OK ||
	    sqlite3_create_function_v2(db, "canbo_sat", 2, flags, NULL, fn_sat, NULL, NULL, NULL) !=
		    SQLITE_OK)
		return store_fail(s, err, _("Preparing the breakdown"));
	return CB_OK;
}

int sql_prepare(store *s, const sql_build *b, sqlite3_stmt **out, const char *what, cb_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = SQLITE_OK;

	*out = NULL;
	if (b->overflow)
		return cb_error_set(err, CB_EINVALID, _("%s: the query is too long"), what);
	if ((rc = register_functions(s, err)))
		return rc;
	if (sqlite3_prepare_v2(store_db(s), b->text, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, err, what);
	for (int i = 0; i < b->n && rc == SQLITE_OK; i++) {
		const struct sql_value *v = &b->v[i];
		if (v->type == SQLV_INT)
			rc = sqlite3_bind_int64(st, i + 1, v->i);
		else if (v->type == SQLV_TEXT)
			rc = sqlite3_bind_text(st, i + 1, v->s, -1, SQLITE_TRANSIENT);
		else
			rc = sqlite3_bind_pointer(st, i + 1, v->p, stats_ptr_type, NULL);
	}
	if (rc != SQLITE_OK) {
		rc = store_fail(s, err, what);
		sqlite3_finalize(st);
		return rc;
	}
	*out = st;
	return CB_OK;
}

/* Runs a statement that returns one row and no value we need;
 * CB_NOT_FOUND when it does not prepare (a missing index it names). */
static int run_once(store *s, const sql_build *b, const char *what, cb_error *err)
{
	sqlite3_stmt *st;
	int rc = sql_prepare(s, b, &st, what, err);
	if (rc == CB_EDB)
		return CB_NOT_FOUND;
	if (rc)
		return rc;
	rc = sqlite3_step(st);
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? CB_OK : store_fail(s, err, what);
	sqlite3_finalize(st);
	return rc;
}

/* ---- yearly records in memory ------------------------------------------ */

#define SAT_MAX_IDS (1 << 24)

/* Size of the array: the highest cadre id + 1, unless ids are so sparse
 * that the array would be mostly empty (then 0: use subqueries). */
static int sat_size(store *s, int64_t *n, cb_error *err)
{
	sqlite3_stmt *st;
	int64_t max = 0, count = 0;

	/* two subqueries: each alone has its shortcut (the last rowid, the
	 * page counts), together in one SELECT they would read every row */
	if (sqlite3_prepare_v2(store_db(s),
			       "SELECT coalesce((SELECT max(id) FROM cadre), 0),"
			       " (SELECT count(*) FROM cadre)",
			       -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, err, _("Counting cadres"));
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return store_fail(s, err, _("Counting cadres"));
	}
	max = sqlite3_column_int64(st, 0);
	count = sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
	*n = max < SAT_MAX_IDS && max <= 4 * count + 65536 ? max + 1 : 0;
	return CB_OK;
}

/* Each read, through the index that holds all it needs (rating_year,
 * training_year: the year's entries only, no table rows):
 *  0. when the year is the latest one of the table (the usual case: the
 *     default year is the latest rated), from its first entry to the end
 *     of the index, without testing the year of each entry (a fifth less
 *     work); the year compared with the latest in the same statement, so
 *     from the same snapshot of the database. No entry read means another
 *     year: then
 *  1. the entries of the year;
 *  2. without the index (a database made before it, opened read-only
 *     since) by a table scan: without "+", the planner would look up every
 *     rating through rating_cadre instead.
 * Organisations' ratings (cadre_id NULL) are read too and skipped. */
#define TRAINING_BITS "8 | CASE WHEN kind BETWEEN 1 AND 4 THEN 1 << (3 + kind) ELSE 0 END"
static const char *const sat_loads[][3] = {
	{"SELECT canbo_satload(?, cadre_id, grade) FROM rating INDEXED BY rating_year"
	 " WHERE year >= (SELECT CASE max(year) WHEN ?2 THEN ?2 END FROM rating)",
	 "SELECT canbo_satload(?, cadre_id, grade) FROM rating INDEXED BY rating_year"
	 " WHERE year = ?",
	 "SELECT canbo_satload(?, cadre_id, grade) FROM rating"
	 " WHERE year = ? AND +cadre_id IS NOT NULL"},
	{"SELECT canbo_satload(?, cadre_id, " TRAINING_BITS ") FROM training"
	 " INDEXED BY training_year"
	 " WHERE year >= (SELECT CASE max(year) WHEN ?2 THEN ?2 END FROM training)",
	 "SELECT canbo_satload(?, cadre_id, " TRAINING_BITS ") FROM training"
	 " INDEXED BY training_year WHERE year = ?",
	 "SELECT canbo_satload(?, cadre_id, " TRAINING_BITS ") FROM training WHERE year = ?"},
	{NULL, NULL, "SELECT canbo_satload(?, cadre_id, 256) FROM planning WHERE ? IS NOT NULL"},
};

/* Runs read `alt` of sat_loads[i]; CB_NOT_FOUND when it does not prepare
 * (its index is missing). */
static int sat_run(store *s, int i, int alt, int year, stats_sat *sat, sql_build *b, cb_error *err)
{
	b->len = 0;
	b->n = 0;
	b->overflow = false;
	b->text[0] = '\0';
	sql_put(b, sat_loads[i][alt]);
	sql_ptr(b, sat);
	sql_int(b, year);
	return run_once(s, b, _("Reading ratings and trainings"), err);
}

/* One kind of record, the fastest way that applies. */
static int sat_read_one(store *s, int i, int year, stats_sat *sat, sql_build *b, cb_error *err)
{
	int64_t before = sat->rows;
	int rc;

	if (sat_loads[i][0]) {
		rc = sat_run(s, i, 0, year, sat, b, err);
		if (rc == CB_OK && sat->rows > before)
			return CB_OK;
		if (rc == CB_OK)
			rc = sat_run(s, i, 1, year, sat, b, err); /* not the latest year */
		if (rc != CB_NOT_FOUND)
			return rc;
		cb_error_clear(err); /* no such index: the plain read */
	}
	rc = sat_run(s, i, 2, year, sat, b, err);
	return rc == CB_NOT_FOUND ? CB_EDB : rc; /* err says why */
}

/* Reads the year's records from the database. */
static int sat_read(store *s, int year, int need, stats_sat *sat, cb_error *err)
{
	sql_build *b;
	int rc;

	memset(sat, 0, sizeof *sat);
	if ((rc = sat_size(s, &sat->n, err)) || sat->n == 0)
		return rc;
	if (!(sat->bits = calloc((size_t)sat->n, sizeof *sat->bits)) || !(b = malloc(sizeof *b))) {
		free(sat->bits);
		sat->bits = NULL;
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	}
	rc = stats_sat_read_summary(s, year, need, sat, err);
	if (rc == CB_NOT_FOUND) { /* no summary: the records themselves */
		cb_error_clear(err);
		rc = CB_OK;
		for (int i = 0; i < 3 && !rc; i++)
			if (need & (1 << i))
				rc = sat_read_one(s, i, year, sat, b, err);
	}
	free(b);
	if (rc) {
		free(sat->bits);
		sat->bits = NULL;
	}
	return rc;
}

/* ---- keeping the records between counts ----------------------------------
 *
 * Reading a year's ratings and trainings is half the work of a breakdown
 * by rating or of the target panel, and the screens count again and again
 * (another dimension, another district) while nothing changes. So the
 * last records read stay with the connection (the user data of the SQL
 * function canbo_records, freed when the connection closes), stamped with
 * what says whether the database changed since:
 *   - PRAGMA data_version, which changes when another connection (another
 *     user, another process) commits;
 *   - sqlite3_total_changes64, which counts every row this connection
 *     inserts, updates or deletes (rolled back or not, triggers and
 *     foreign-key actions included).
 * Both unchanged: no rating, training or planning row can have changed,
 * so the records are the same. Anything else: read again. The counting
 * itself writes rows of temporary tables; stats_sat_done takes those into
 * the stamp, since nothing else runs on the connection in between. */

static void cache_destroy(void *p)
{
	sat_cache *c = p;
	if (c)
		free(c->sat.bits);
	free(c);
}

/* canbo_records(): the connection's cache, as a pointer value. */
static void fn_records(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sqlite3_result_pointer(cx, sqlite3_user_data(cx), stats_ptr_type, NULL);
}

static sat_cache *cache_of(store *s)
{
	sqlite3_stmt *st;
	sat_cache *c = NULL;
	if (sqlite3_prepare_v2(store_db(s), "SELECT canbo_records()", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	if (sqlite3_step(st) == SQLITE_ROW)
		c = sqlite3_value_pointer(sqlite3_column_value(st, 0), stats_ptr_type);
	sqlite3_finalize(st);
	return c;
}

/* PRAGMA data_version, or -1 when it cannot be read (then no reuse). */
static int64_t data_version(store *s)
{
	sqlite3_stmt *st;
	int64_t v = -1;
	if (sqlite3_prepare_v2(store_db(s), "PRAGMA data_version", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

int stats_sat_load(store *s, int year, int need, stats_sat *sat, cb_error *err)
{
	sat_cache *c;
	int64_t version, changes;
	int rc;

	memset(sat, 0, sizeof *sat);
	if ((rc = register_functions(s, err)))
		return rc;
	c = cache_of(s);
	version = data_version(s);
	changes = sqlite3_total_changes64(store_db(s));
	if (c && c->valid && version >= 0 && c->year == year && (c->need & need) == need &&
	    c->version == version && c->changes == changes) {
		*sat = c->sat;
		sat->cached = true;
		return CB_OK;
	}
	if ((rc = sat_read(s, year, need, sat, err)) || !c || version < 0)
		return rc;
	free(c->sat.bits);
	c->sat = *sat;
	c->valid = true;
	c->year = year;
	c->need = need;
	c->version = version;
	c->changes = changes;
	sat->cached = true;
	return CB_OK;
}

void stats_sat_done(store *s, stats_sat *sat)
{
	sat_cache *c;

	if (sat->cached) {
		if ((c = cache_of(s)) && c->valid && c->sat.bits == sat->bits)
			c->changes = sqlite3_total_changes64(store_db(s));
	} else {
		free(sat->bits);
	}
	sat->bits = NULL;
	sat->n = 0;
	sat->cached = false;
}

/* ---- the breakdown ------------------------------------------------------ */

/* Appends the expression of a dimension: an integer code per cadre, the
 * code of dim_apply's value. Yearly records come from the loaded array,
 * or from subqueries when there is none. */
static void dim_expr(const stats_query *q, int dim, stats_sat *sat, sql_build *b)
{
	char part[96], bound[11];
	bool mem = sat->bits != NULL;

	switch (dim) {
	case DIM_NONE:
		sql_put(b, "0");
		break;
	case DIM_AGE:
		sql_put(b, "CASE");
		for (int i = 0; i < q->band_count; i++) {
			stats_age_bound(q->base.as_of, q->bands[i], bound);
			snprintf(part, sizeof part, " WHEN c.birth_date > ? THEN %d", i);
			sql_put(b, part);
			sql_text(b, bound);
		}
		snprintf(part, sizeof part, " ELSE %d END", q->band_count);
		sql_put(b, part);
		break;
	case DIM_UNDER40:
		stats_age_bound(q->base.as_of, 40, bound);
		sql_put(b, "(c.birth_date <= ?)");
		sql_text(b, bound);
		break;
	case DIM_GENDER:
		sql_put(b, "c.gender");
		break;
	case DIM_ETHNICITY:
		sql_put(b, "(c.ethnicity <> 'Kinh')");
		break;
	case DIM_EDUCATION:
		sql_put(b, "c.education");
		break;
	case DIM_THEORY:
		sql_put(b, "c.theory");
		break;
	case DIM_RATING:
		if (mem) {
			sql_put(b, "(canbo_sat(?, c.id) & 7)");
			sql_ptr(b, sat);
		} else {
			sql_put(b, "coalesce((SELECT r.grade FROM rating r"
				   " WHERE r.cadre_id = c.id AND r.year = ?), 0)");
			sql_int(b, q->year);
		}
		break;
	case DIM_TRAINING:
		if (mem) {
			snprintf(part, sizeof part, "((canbo_sat(?, c.id) & %u) <> 0)",
				 q->training_kind > 0 ? SAT_KIND(q->training_kind) : SAT_TRAINED);
			sql_put(b, part);
			sql_ptr(b, sat);
		} else {
			sql_put(b, "EXISTS(SELECT 1 FROM training t WHERE t.cadre_id = c.id"
				   " AND t.year = ?");
			sql_int(b, q->year);
			if (q->training_kind > 0) {
				sql_put(b, " AND t.kind = ?");
				sql_int(b, q->training_kind);
			}
			sql_put(b, ")");
		}
		break;
	case DIM_PLANNING:
		if (mem) {
			sql_put(b, "((canbo_sat(?, c.id) & 256) <> 0)");
			sql_ptr(b, sat);
		} else {
			sql_put(b, "EXISTS(SELECT 1 FROM planning p WHERE p.cadre_id = c.id)");
		}
		break;
	case DIM_RETIRE:
		stats_retire_expr(q, b);
		break;
	case DIM_SCORE:
		stats_score_expr(q, b);
		break;
	default:
		if (dim_list(dim) >= 0) {
			char *expr = calloc(1, SQL_TEXT_MAX);
			if (!expr || !list_index_sql(dim_list(dim), STATS_MAX_VALUES - 1, expr,
						     SQL_TEXT_MAX))
				b->overflow = true;
			else
				sql_put(b, expr);
			free(expr);
		}
	}
}

static bool query_valid(const stats_query *q)
{
	if (q->dim[0] < 0 || q->dim[0] >= DIM_COUNT)
		return false;
	if (q->dim[1] != DIM_NONE && (q->dim[1] < 0 || q->dim[1] >= DIM_COUNT))
		return false;
	if (q->dim[0] == q->dim[1])
		return false;
	if ((q->dim[0] == DIM_RETIRE || q->dim[1] == DIM_RETIRE) &&
	    (!q->retire_ready || q->retire_as_of != q->base.as_of))
		return false;
	if ((q->dim[0] == DIM_SCORE || q->dim[1] == DIM_SCORE) && !q->score_ready)
		return false;
	if (q->training_kind != FILTER_ANY && (q->training_kind < 1 || q->training_kind > 4))
		return false;
	if (q->band_count < 1 || q->band_count >= STATS_MAX_VALUES ||
	    q->band_count > CFG_MAX_BANDS || q->bands[0] <= 0)
		return false;
	for (int i = 1; i < q->band_count; i++)
		if (q->bands[i] <= q->bands[i - 1])
			return false;
	return true;
}

static int dim_needs(int dim)
{
	return dim == DIM_RATING     ? SAT_NEED_RATING
	       : dim == DIM_TRAINING ? SAT_NEED_TRAINING
	       : dim == DIM_PLANNING ? SAT_NEED_PLANNING
				     : 0;
}

/* Moves the tallied codes into the table's axes. A code outside the
 * dimension's values (which validation on entry rules out) still counts
 * in the total, so the total is always the population. */
static void fill(stats_table *t, const tally *ty)
{
	t->total = ty->total;
	t->under40 = ty->under40_total;
	for (int r = 0; r < t->axis[0].n; r++)
		for (int c = 0; c < t->axis[1].n; c++) {
			int rc = t->axis[0].code[r], cc = t->axis[1].code[c];
			t->count[r][c] = ty->count[rc][cc];
			t->row_total[r] += t->count[r][c];
			t->col_total[c] += t->count[r][c];
		}
}

/* SELECT canbo_tally(?, <row>, <col>, <under 40>) FROM cadre c WHERE 1
 * <filter_build(base)>: one pass over the population. */
static int tally_run(store *s, const stats_query *q, stats_sat *sat, tally *ty, cb_error *err)
{
	sql_build *b = calloc(1, sizeof *b);
	sqlite3_stmt *st;
	char u40[11];
	int rc;

	if (!b)
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	sql_put(b, "SELECT canbo_tally(?, ");
	sql_ptr(b, ty);
	dim_expr(q, q->dim[0], sat, b);
	sql_put(b, ", ");
	dim_expr(q, q->dim[1], sat, b);
	stats_age_bound(q->base.as_of, 40, u40);
	sql_put(b, ", c.birth_date > ?) FROM cadre c WHERE 1");
	sql_text(b, u40);
	sql_filter(b, &q->base);
	rc = sql_prepare(s, b, &st, _("Counting cadres"), err);
	free(b);
	if (rc)
		return rc;
	rc = sqlite3_step(st);
	rc = rc == SQLITE_ROW ? CB_OK : store_fail(s, err, _("Counting cadres"));
	sqlite3_finalize(st);
	return rc;
}

/* ---- the breakdown through the histogram (stats_hist.c) ------------------ */

/* The histogram columns and yearly-record bits a dimension reads. */
static unsigned dim_fields(int dim)
{
	switch (dim) {
	case DIM_GENDER:
		return HK_GENDER;
	case DIM_ETHNICITY:
		return HK_MINORITY;
	case DIM_EDUCATION:
		return HK_EDUCATION;
	case DIM_THEORY:
		return HK_THEORY;
	case DIM_RETIRE:
		return HK_GENDER;
	}
	return 0;
}

static unsigned dim_sat(const stats_query *q, int dim)
{
	switch (dim) {
	case DIM_RATING:
		return SAT_GRADE;
	case DIM_TRAINING:
		return q->training_kind > 0 ? SAT_KIND(q->training_kind) : SAT_TRAINED;
	case DIM_PLANNING:
		return SAT_PLANNING;
	}
	return 0;
}

/* The birth dates a dimension compares with. */
static bool dim_cuts(const stats_query *q, int dim, stats_hist *h)
{
	char bound[11];
	bool ok = true;

	if (dim == DIM_AGE)
		for (int i = 0; i < q->band_count; i++) {
			stats_age_bound(q->base.as_of, q->bands[i], bound);
			ok = ok && stats_hist_cut(h, bound);
		}
	if (dim == DIM_UNDER40) {
		stats_age_bound(q->base.as_of, 40, bound);
		ok = stats_hist_cut(h, bound);
	}
	if (dim == DIM_RETIRE)
		ok = stats_retire_cuts(q, h);
	return ok;
}

/* A dimension's code on a histogram row: dim_expr's, on its columns. */
static void hist_dim_expr(const stats_query *q, int dim, sql_build *b)
{
	stats_sat none = {0};
	char part[64];

	switch (dim) {
	case DIM_ETHNICITY:
		sql_put(b, "c.minority");
		break;
	case DIM_RATING:
		snprintf(part, sizeof part, "(c.sat & %u)", SAT_GRADE);
		sql_put(b, part);
		break;
	case DIM_TRAINING:
	case DIM_PLANNING:
		snprintf(part, sizeof part, "((c.sat & %u) <> 0)", dim_sat(q, dim));
		sql_put(b, part);
		break;
	default: /* columns of the same names as cadre's */
		dim_expr(q, dim, &none, b);
	}
}

/* The tally from the histogram rows that meet the base filter (its scope
 * was the histogram's). CB_NOT_FOUND: the histogram cannot answer. */
static int hist_tally(store *s, const stats_query *q, stats_hist *h, bool under40, tally *ty,
		      cb_error *err)
{
	sql_build *b = calloc(1, sizeof *b);
	cadre_filter rest = q->base;
	sqlite3_stmt *st;
	char u40[11];
	int rc;

	if (!b)
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	rest.unit_lo = rest.unit_hi = rest.org_id = 0;
	rest.departed = FILTER_ANY; /* applied by the histogram's scan */
	sql_put(b, "SELECT canbo_tally(?, ");
	sql_ptr(b, ty);
	hist_dim_expr(q, q->dim[0], b);
	sql_put(b, ", ");
	hist_dim_expr(q, q->dim[1], b);
	if (under40) {
		stats_age_bound(q->base.as_of, 40, u40);
		sql_put(b, ", c.birth_date > ?, c.n) FROM ");
		sql_text(b, u40);
	} else {
		sql_put(b, ", 0, c.n) FROM ");
	}
	sql_put(b, h->table);
	sql_put(b, " c WHERE 1");
	sql_filter(b, &rest);
	rc = sql_prepare(s, b, &st, _("Counting cadres"), err);
	free(b);
	if (rc) {
		cb_error_clear(err);
		return CB_NOT_FOUND; /* a condition on a column it does not keep */
	}
	rc = sqlite3_step(st) == SQLITE_ROW ? CB_OK : store_fail(s, err, _("Counting cadres"));
	sqlite3_finalize(st);
	return rc;
}

/* The breakdown through a histogram of the scope's cadres. */
static int hist_run(store *s, const stats_query *q, bool under40, stats_sat *sat, tally *ty,
		    cb_error *err)
{
	cadre_filter rest = q->base;
	stats_hist h;
	char u40[11];
	int rc;

	rest.unit_lo = rest.unit_hi = rest.org_id = 0;
	rest.departed = FILTER_ANY; /* applied by the histogram's scan */
	stats_hist_init(&h, stats_hist_fields_of(&rest) | dim_fields(q->dim[0]) |
				    dim_fields(q->dim[1]));
	h.sat = sat;
	h.sat_mask = dim_sat(q, q->dim[0]) | dim_sat(q, q->dim[1]);
	stats_age_bound(q->base.as_of, 40, u40);
	if (!stats_hist_cuts_of(&h, &rest) || !dim_cuts(q, q->dim[0], &h) ||
	    !dim_cuts(q, q->dim[1], &h) || (under40 && !stats_hist_cut(&h, u40)))
		return CB_NOT_FOUND;
	rc = stats_hist_fill(s, &h, &q->base, err);
	if (!rc)
		rc = hist_tally(s, q, &h, under40, ty, err);
	stats_hist_free(&h);
	return rc;
}

int stats_run(store *s, const stats_query *in, stats_table *out, cb_error *err)
{
	stats_query scoped = *in, *q = &scoped;
	stats_sat sat = {0};
	tally *ty;
	int rc, need;

	/* the reader's scope bounds every breakdown (access.h) */
	store_scope_filter(s, &scoped.base);
	/* a past date counts each cadre in the unit it was in then */
	if ((rc = store_filter_units(s, &scoped.base, err)))
		return rc;

	memset(out, 0, sizeof *out);
	if (!query_valid(q))
		return cb_error_set(err, CB_EINVALID,
				    _("A breakdown needs one or two different dimensions"));
	axis_build(&out->axis[0], q->dim[0], q);
	axis_build(&out->axis[1], q->dim[1], q);
	out->has_under40 = q->dim[0] == DIM_AGE && q->dim[1] == DIM_NONE;
	need = dim_needs(q->dim[0]) | (q->dim[1] == DIM_NONE ? 0 : dim_needs(q->dim[1]));
	if (!(ty = calloc(1, sizeof *ty)))
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	rc = need ? stats_sat_load(s, q->year, need, &sat, err) : CB_OK;
	if (!rc && (dim_list(q->dim[0]) >= 0 || dim_list(q->dim[1]) >= 0))
		rc = CB_NOT_FOUND; /* the histogram keeps none of the lists */
	else if (!rc)
		rc = hist_run(s, q, out->has_under40, &sat, ty, err);
	if (rc == CB_NOT_FOUND) { /* the histogram cannot answer: every cadre */
		cb_error_clear(err);
		memset(ty, 0, sizeof *ty);
		rc = tally_run(s, q, &sat, ty, err);
	}
	if (!rc)
		fill(out, ty);
	stats_sat_done(s, &sat);
	free(ty);
	return rc;
}

int stats_latest_year(store *s, int upto, cb_error *err)
{
	sqlite3_stmt *st;
	int year = upto;

	if (sqlite3_prepare_v2(store_db(s), "SELECT max(year) FROM rating WHERE year <= ?", -1, &st,
			       NULL) != SQLITE_OK)
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

static int pct_decimals = 1;

void stats_pct_set_decimals(int decimals)
{
	pct_decimals = decimals < 0 ? 0 : decimals > 3 ? 3 : decimals;
}

int stats_pct_decimals(void)
{
	return pct_decimals;
}

void stats_pct_format(int64_t num, int64_t den, char *buf, size_t cap)
{
	int64_t scale = 1, scaled, whole, frac;

	if (den <= 0 || num < 0) {
		if (cap)
			buf[0] = '\0';
		return;
	}
	for (int i = 0; i < pct_decimals; i++)
		scale *= 10;
	/* half up on integers: floor((2 * num * 100 * scale + den) / (2 * den)) */
	scaled = (2 * num * 100 * scale + den) / (2 * den);
	whole = scaled / scale;
	frac = scaled % scale;
	if (pct_decimals)
		snprintf(buf, cap, "%lld.%0*lld", (long long)whole, pct_decimals, (long long)frac);
	else
		snprintf(buf, cap, "%lld", (long long)whole);
}

void stats_pct_localise(char *pct)
{
	char *dot = strchr(pct, '.');
	if (dot && strcmp(i18n_lang(), "vi") == 0)
		*dot = ',';
}

void stats_pct_label(int64_t num, int64_t den, char *buf, size_t cap)
{
	stats_pct_format(num, den, buf, cap);
	stats_pct_localise(buf);
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
