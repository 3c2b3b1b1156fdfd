/* search_pack.c - the cadres of a unit scope that may pass a filter, found
 * on the index cadre_pack alone: no table row is read to find them.
 *
 * cadre_pack holds, per cadre, its unit, the packed codes of
 * cadre_pack.h (level, managed, committees, is_head, gender, education,
 * theory, not Kinh) and its organisation; the rowid is the cadre's id.
 * The filter's conditions on those codes are translated into conditions
 * on the packed value, which SQLite reads from the index because the
 * statement spells the index's own expression; the conditions on the
 * scope (unit, organisation, departure) and on the yearly records
 * (rating, training, pool, discipline) name only the id, unit and
 * organisation, so filter.c's own SQL for them is answered on the index
 * too, with a probe of the record's index per candidate.
 *
 * The set found is a superset of the filter's cadres in the scope, never
 * a subset: a cadre whose codes do not fit the pack (-1) is always in it,
 * and whatever the pack cannot answer (position rank, coded lists, ages,
 * scores, the text) is left out of it. The list's own statement then
 * reads only these cadres and tests the whole filter on them
 * (search_sql.c), so the rows and their order are exactly the plain
 * query's.
 */
#include "search_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cadre_pack.h"
#include "i18n.h"

/* ---- the conditions on the packed value ---------------------------- */

typedef struct conds {
	char *buf;
	size_t cap, len;
	int n;
	bool ok;
} conds;

static void cond(conds *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void cond(conds *c, const char *fmt, ...)
{
	va_list ap;
	int k;
	if (!c->ok)
		return;
	k = snprintf(c->buf + c->len, c->cap - c->len, "%s", c->n ? " AND " : "");
	if (k < 0 || (size_t)k >= c->cap - c->len) {
		c->ok = false;
		return;
	}
	c->len += (size_t)k;
	va_start(ap, fmt);
	k = vsnprintf(c->buf + c->len, c->cap - c->len, fmt, ap);
	va_end(ap);
	if (k < 0 || (size_t)k >= c->cap - c->len)
		c->ok = false;
	else
		c->len += (size_t)k;
	c->n++;
}

#define P STATS_PACK_SQL
/* The fields of the pack (cadre_pack.h). */
#define LEVEL(op)     "((" P " & 15) " op " %s)"
#define BIT(shift)    "((" P " >> " #shift " & 1) <> 0)"
#define COMMITTEES(m) "((" P " >> 5 & " #m ") <> 0)"

/* A population as the pack answers it (filter.c's definitions; the tier
 * of the cadre's unit on another day, unit_history, is never asked here:
 * search_pack_usable). */
static void population(conds *c, const cadre_filter *f)
{
	char tier[40];
	if (f->deepest_tier > 0)
		snprintf(tier, sizeof tier, "%d", f->deepest_tier);
	else
		snprintf(tier, sizeof tier, "(SELECT max(tier) FROM unit)");
	switch (f->population) {
	case POP_MANAGED:
		cond(c, "%s", BIT(4));
		break;
	case POP_DEPT:
		cond(c, LEVEL("<"), tier);
		break;
	case POP_COMMUNE:
		cond(c, LEVEL("="), tier);
		break;
	case POP_COMMITTEE:
		cond(c, "%s", COMMITTEES(7));
		break;
	case POP_COMMITTEE_PROVINCE:
		cond(c, "%s", COMMITTEES(1));
		break;
	case POP_COMMITTEE_DISTRICT:
		cond(c, "%s", COMMITTEES(2));
		break;
	case POP_COMMITTEE_GRASSROOTS:
		cond(c, "%s", COMMITTEES(4));
		break;
	case POP_TRAINING_GROUP:
		cond(c, "%s", COMMITTEES(255));
		break;
	case POP_COMMITTEE_MANAGED:
		cond(c, "(%s OR %s)", COMMITTEES(63), BIT(4));
		break;
	case POP_HEADS:
		cond(c, "%s", BIT(13));
		break;
	default: /* POP_ALL, or unknown: no condition (superset) */
		break;
	}
}

/* A code's field compared with a value. */
static void code(conds *c, int value, int shift, const char *op)
{
	if (value != FILTER_ANY)
		cond(c, "((" P " >> %d & 15) %s %d)", shift, op, value);
}

/* The conditions the pack answers, joined by AND, into buf; how many
 * (-1 when buf is too small). */
static int pack_conds(const cadre_filter *f, char *buf, size_t cap)
{
	conds c = {buf, cap, 0, 0, true};
	buf[0] = '\0';
	population(&c, f);
	if (f->level != FILTER_ANY)
		cond(&c, "((" P " & 15) = %d)", f->level);
	if (f->gender != FILTER_ANY)
		cond(&c, "((" P " >> 14 & 3) = %d)", f->gender);
	if (f->minority == 0 || f->minority == 1)
		cond(&c, "((" P " >> 24 & 1) = %d)", f->minority);
	code(&c, f->education, 16, "=");
	code(&c, f->education_min, 16, ">=");
	code(&c, f->theory, 20, "=");
	code(&c, f->theory_min, 20, ">=");
	return c.ok ? c.n : -1;
}

/* The population's condition on one packed value (population() above). */
static bool population_passes(int population, int64_t packed, int tier)
{
	int level = (int)(packed & 15), committees = (int)(packed >> 5 & 255);
	bool managed = packed >> 4 & 1;

	switch (population) {
	case POP_MANAGED:
		return managed;
	case POP_DEPT:
		return level < tier;
	case POP_COMMUNE:
		return level == tier;
	case POP_COMMITTEE:
		return committees & 7;
	case POP_COMMITTEE_PROVINCE:
		return committees & 1;
	case POP_COMMITTEE_DISTRICT:
		return committees & 2;
	case POP_COMMITTEE_GRASSROOTS:
		return committees & 4;
	case POP_TRAINING_GROUP:
		return committees != 0;
	case POP_COMMITTEE_MANAGED:
		return (committees & 63) || managed;
	case POP_HEADS:
		return packed >> 13 & 1;
	default: /* POP_ALL, or unknown: no condition (superset) */
		return true;
	}
}

/* The same conditions on one packed value, in C (a walk kept in memory,
 * stats_walk_ids): tier is the deepest tier when the filter names none.
 * A value that does not fit the pack (-1) passes, as in the SQL. */
bool search_pack_passes(const cadre_filter *f, int tier, int64_t packed)
{
	if (packed < 0)
		return true;
	if (!population_passes(f->population, packed, f->deepest_tier > 0 ? f->deepest_tier : tier))
		return false;
	return (f->level == FILTER_ANY || (packed & 15) == f->level) &&
	       (f->gender == FILTER_ANY || (packed >> 14 & 3) == f->gender) &&
	       (!(f->minority == 0 || f->minority == 1) || (packed >> 24 & 1) == f->minority) &&
	       (f->education == FILTER_ANY || (packed >> 16 & 15) == f->education) &&
	       (f->education_min == FILTER_ANY || (packed >> 16 & 15) >= f->education_min) &&
	       (f->theory == FILTER_ANY || (packed >> 20 & 15) == f->theory) &&
	       (f->theory_min == FILTER_ANY || (packed >> 20 & 15) >= f->theory_min);
}

bool search_pack_narrows(const cadre_filter *f)
{
	char small[8192];
	return pack_conds(f, small, sizeof small) > 0;
}

/* ---- the parts of the filter the index answers as filter.c writes them */

/* The scope: units and organisation (on c.unit_id and c.org_id). Who has
 * left is left to the list's own statement: nearly nobody, so testing it
 * here would cost more than it spares. */
static void scope_part(const cadre_filter *f, cadre_filter *out)
{
	filter_scope_of(f, out);
	out->departed = FILTER_ANY;
}

/* The yearly records and the bar (on c.id). The records are read as the
 * list reads them, from their summary where there is one (search.c): a
 * set's candidates spread over the whole table of cadres, and at a
 * million cadres 11 000 of them probed against the year's trainings of a
 * kind read 750 pages of that index, against the summary the 170 of the
 * year's rows. */
static bool yearly_part(const cadre_filter *f, cadre_filter *out)
{
	filter_init(out);
	out->as_of = f->as_of;
	out->departed = FILTER_ANY;
	out->yearly_summary = f->yearly_summary;
	if (f->rating_year > 0) {
		out->rating_year = f->rating_year;
		out->rating_grade = f->rating_grade;
		out->rating_good = f->rating_good;
		out->rating_not_good = f->rating_not_good;
	}
	out->trained_year = f->trained_year;
	out->trained_kind = f->trained_kind;
	out->trained = f->trained;
	out->planning = f->planning;
	out->barred = f->barred;
	return (out->rating_year > 0 &&
		(out->rating_grade != FILTER_ANY || out->rating_good || out->rating_not_good)) ||
	       out->trained != FILTER_ANY || out->planning != FILTER_ANY ||
	       out->barred != FILTER_ANY;
}

bool search_pack_usable(const cadre_filter *f)
{
	cadre_filter y;
	char small[8192];
	if ((f->unit_lo <= 0 && f->unit_hi <= 0) || f->unit_history)
		return false;
	return yearly_part(f, &y) || pack_conds(f, small, sizeof small) > 0;
}

int search_pack_build(const cadre_filter *f, search_pack_sql *o, cb_error *err)
{
	char *where = malloc(sizeof o->scan);
	cadre_filter scope, yearly;
	bool has_yearly;
	int n, k;

	if (!where)
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	scope_part(f, &scope);
	has_yearly = yearly_part(f, &yearly);
	o->probe[0] = '\0';
	o->yearly.nbind = 0;
	n = pack_conds(f, where, sizeof o->scan);
	if (n < 0 || !filter_build(&scope, &o->scope) ||
	    (has_yearly && !filter_build(&yearly, &o->yearly)) ||
	    (has_yearly &&
	     (size_t)snprintf(o->probe, sizeof o->probe,
			      "SELECT c.id FROM (SELECT value AS id FROM json_each(?)) c WHERE 1%s",
			      o->yearly.where) >= sizeof o->probe)) {
		free(where);
		return cb_error_set(err, CB_EINVALID, _("The filter has too many conditions"));
	}
	/* the scope (its units drive the index) and the pack */
	k = snprintf(o->scan, sizeof o->scan,
		     "SELECT c.id FROM cadre c INDEXED BY cadre_pack WHERE 1%s%s%s%s",
		     o->scope.where, n ? " AND (coalesce(" P ", -1) < 0 OR (" : "", n ? where : "",
		     n ? "))" : "");
	free(where);
	if (k < 0 || (size_t)k >= sizeof o->scan)
		return cb_error_set(err, CB_EINVALID, _("The filter has too many conditions"));
	return CB_OK;
}

/* ---- the set ---------------------------------------------------------- */

bool search_ids_push(search_ids *ids, int64_t id)
{
	if (ids->n == ids->cap) {
		size_t cap = ids->cap ? 2 * ids->cap : 1024;
		int64_t *bigger = realloc(ids->id, cap * sizeof *bigger);
		if (!bigger)
			return false;
		ids->id = bigger;
		ids->cap = cap;
	}
	ids->id[ids->n++] = id;
	return true;
}

static int by_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* The ids from every k-th of `from` (k >= 1) as a JSON array into
 * ids->json. */
static bool to_json(search_ids *ids, const int64_t *from, size_t n, size_t k)
{
	size_t cap = (n / k + 1) * 22 + 3, len = 0;
	char *json = realloc(ids->json, cap);
	if (!json)
		return false;
	ids->json = json;
	json[len++] = '[';
	for (size_t i = 0; i < n; i += k)
		len += (size_t)snprintf(json + len, cap - len, "%s%lld", i ? "," : "",
					(long long)from[i]);
	memcpy(json + len, "]", 2);
	return true;
}

/* Runs the probe on every k-th id of the set: keep=true keeps only the
 * ids that pass it; else *passed counts them. */
static int probe(store *s, const search_pack_sql *o, search_ids *ids, size_t k, bool keep,
		 size_t *passed, cb_error *err)
{
	sqlite3_stmt *st;
	size_t n = 0;
	int rc;

	if (!to_json(ids, ids->id, ids->n, k))
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	if (!(st = store_prepare(s, o->probe, err)))
		return CB_EDB;
	if (sqlite3_bind_text(st, 1, ids->json, -1, SQLITE_STATIC) ||
	    filter_bind(&o->yearly, st, 2)) {
		sqlite3_finalize(st);
		return store_fail(s, err, _("Searching"));
	}
	/* the passing ids come in the set's order: kept in place */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (keep)
			ids->id[n++] = sqlite3_column_int64(st, 0);
		else
			n++;
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, _("Searching"));
	if (keep)
		ids->n = n;
	if (passed)
		*passed = n;
	return CB_OK;
}

/* Prepares the scan into ids->st. */
static int scan_start(store *s, const cadre_filter *f, search_ids *ids, cb_error *err)
{
	search_pack_sql *o = malloc(sizeof *o);
	int rc;

	if (!o)
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	if (!(rc = search_pack_build(f, o, err))) {
		ids->probed = !o->probe[0];
		if (!(ids->st = store_prepare(s, o->scan, err)))
			rc = CB_EDB;
		else if (filter_bind(&o->scope, ids->st, 1))
			rc = store_fail(s, err, _("Searching"));
	}
	free(o);
	return rc;
}

int search_pack_scan(store *s, const cadre_filter *f, size_t limit, search_ids *ids, cb_error *err)
{
	int rc = SQLITE_DONE;

	if (ids->scanned && !ids->more)
		return CB_OK; /* the whole set already */
	if (!ids->st && (rc = scan_start(s, f, ids, err)))
		return rc;
	ids->more = false;
	while (!(limit && ids->n >= limit) && (rc = sqlite3_step(ids->st)) == SQLITE_ROW)
		if (!search_ids_push(ids, sqlite3_column_int64(ids->st, 0)))
			return cb_error_set(err, CB_EDB, _("Out of memory"));
	if (limit && ids->n >= limit) {
		ids->more = true; /* perhaps: the statement stays where it is */
	} else {
		if (rc != SQLITE_DONE)
			return store_fail(s, err, _("Searching"));
		sqlite3_finalize(ids->st);
		ids->st = NULL;
	}
	ids->scanned = true;
	ids->sorted = false; /* in the index's order: see search_pack_complete */
	return CB_OK;
}

/* Probes of the records that estimate how many pass them (a set no
 * larger is probed whole: the estimate is then the count). */
#define SAMPLE 256

int search_pack_estimate(store *s, const cadre_filter *f, search_ids *ids, size_t *estimate,
			 cb_error *err)
{
	search_pack_sql *o;
	size_t k = ids->n / SAMPLE + 1, passed;
	int rc;

	*estimate = ids->n;
	if (ids->probed) /* no records to test: the set is its size */
		return CB_OK;
	if (!(o = malloc(sizeof *o)))
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	rc = search_pack_build(f, o, err);
	if (!rc && !(rc = probe(s, o, ids, k, false, &passed, err)))
		*estimate = passed * k;
	free(o);
	return rc;
}

int search_pack_complete(store *s, const cadre_filter *f, search_ids *ids, cb_error *err)
{
	search_pack_sql *o;
	int rc = CB_OK;

	/* in id order, the records' probes share their pages (at a million
	 * cadres, 18 000 probes in the index's order took 90 ms, 30 ms so),
	 * and the rows are read in the table's order */
	if (!ids->sorted) {
		qsort(ids->id, ids->n, sizeof *ids->id, by_id);
		ids->sorted = true;
	}
	if (!ids->probed) {
		if (!(o = malloc(sizeof *o)))
			return cb_error_set(err, CB_EDB, _("Out of memory"));
		rc = search_pack_build(f, o, err);
		if (!rc)
			rc = probe(s, o, ids, 1, true, NULL, err);
		free(o);
		ids->probed = !rc;
	}
	if (!rc && !to_json(ids, ids->id, ids->n, 1))
		rc = cb_error_set(err, CB_EDB, _("Out of memory"));
	return rc;
}

int search_pack_superset(store *s, const cadre_filter *f, search_ids *ids, cb_error *err)
{
	int64_t top = 0;
	int rc;

	if ((!ids->scanned || ids->more) && (rc = search_pack_scan(s, f, 0, ids, err)))
		return rc;
	/* a bit per id (ids are small and dense): the walk's test is one
	 * load, and the set need not be sorted */
	for (size_t i = 0; i < ids->n; i++)
		if (ids->id[i] > top)
			top = ids->id[i];
	free(ids->bits);
	ids->shift = 0;
	ids->nbits = (size_t)top + 1;
	if (!(ids->bits = calloc(ids->nbits / 64 + 1, sizeof *ids->bits)))
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	for (size_t i = 0; i < ids->n; i++)
		if (ids->id[i] >= 0)
			ids->bits[(uint64_t)ids->id[i] / 64] |= UINT64_C(1)
								<< ((uint64_t)ids->id[i] % 64);
	return CB_OK;
}

/* The ranks' bits: a bit per 2^shift ranks, the shift chosen so that
 * there are some four bits per cadre of the province (ranks are spaced
 * out so that a name can be put between two: 1 024 apart when numbered
 * afresh), so that two cadres rarely share one (the largest id stands
 * for the count). */
static bool ranks_bits(store *s, search_ids *ranks)
{
	sqlite3_stmt *st = store_prepare(
		s, "SELECT (SELECT max(rank) FROM cadre), (SELECT max(id) FROM cadre)", NULL);
	int64_t top = 0, cadres = 0;

	if (st && sqlite3_step(st) == SQLITE_ROW) {
		top = sqlite3_column_int64(st, 0);
		cadres = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (top < 0 || cadres < 0)
		return false;
	ranks->shift = 0;
	while ((top >> ranks->shift) > 4 * cadres + 64)
		ranks->shift++;
	ranks->nbits = (size_t)(top >> ranks->shift) + 1;
	ranks->bits = calloc(ranks->nbits / 64 + 1, sizeof *ranks->bits);
	return ranks->bits != NULL;
}

int search_scope_ranks(store *s, const cadre_filter *f, search_ids *ranks, cb_error *err)
{
	static const char sql[] =
		"SELECT c.rank FROM cadre c INDEXED BY cadre_unit_post WHERE c.unit_id IN"
		" (SELECT id FROM unit WHERE lo BETWEEN ?1 AND ?2 AND"
		" in_scope(lo, NULL))";
	sqlite3_stmt *st;
	int rc;

	if (!ranks_bits(s, ranks))
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	if (!(st = store_prepare(s, sql, err)))
		return CB_EDB;
	sqlite3_bind_int64(st, 1, f->unit_lo);
	sqlite3_bind_int64(st, 2, f->unit_hi);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		uint64_t b = (uint64_t)sqlite3_column_int64(st, 0) >> ranks->shift;
		if (b >= ranks->nbits) /* a rank written since: kept, whatever it is */
			b = ranks->nbits - 1;
		ranks->bits[b / 64] |= UINT64_C(1) << (b % 64);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, _("Searching"));
	ranks->scanned = true;
	return CB_OK;
}

void search_ids_member_fn(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const search_ids *ids = sqlite3_value_pointer(argv[1], SEARCH_IDS_POINTER);
	int64_t id = sqlite3_value_int64(argv[0]);
	size_t lo = 0, hi = ids ? ids->n : 0;

	(void)argc;
	if (ids && ids->bits) {
		uint64_t b = (uint64_t)id >> ids->shift;
		int in;
		if (id < 0 || b >= ids->nbits) /* above the last: as the last rank */
			b = ids->shift ? ids->nbits - 1 : ids->nbits;
		in = b < ids->nbits && (ids->bits[b / 64] >> (b % 64)) & 1;
		if (in && ids->yearly && (in = search_yearly_passes(ids->yearly, id)) < 0) {
			sqlite3_result_error(cx, _("Searching"), -1);
			return;
		}
		sqlite3_result_int(cx, in);
		return;
	}
	while (lo < hi) { /* the set is in id order (search_pack_scan) */
		size_t mid = lo + (hi - lo) / 2;
		if (ids->id[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	sqlite3_result_int(cx, lo < (ids ? ids->n : 0) && ids->id[lo] == id);
}

void search_ids_unit_fn(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const search_ids *ids = sqlite3_value_pointer(argv[1], SEARCH_IDS_POINTER);
	int64_t unit = sqlite3_value_int64(argv[0]);

	(void)argc;
	/* no units known: every unit may hold some */
	sqlite3_result_int(cx, !ids || !ids->unit_bits || unit < 0 ||
				       (uint64_t)unit >= ids->unit_nbits ||
				       (ids->unit_bits[unit / 64] >> (unit % 64) & 1));
}

void search_ids_free(search_ids *ids)
{
	sqlite3_finalize(ids->st);
	search_yearly_free(ids->yearly);
	free(ids->id);
	free(ids->json);
	free(ids->bits);
	free(ids->place);
	free(ids->unit_bits);
	free(ids->members);
	if (ids->few) {
		search_ids_free(ids->few);
		free(ids->few);
	}
	memset(ids, 0, sizeof *ids);
}
