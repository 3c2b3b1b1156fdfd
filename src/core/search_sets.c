/* search_sets.c - which set of ids, if any, a window of the cadre list
 * is read through (search.c's fetch_rows; the shapes are search_sql.c's):
 *  - SEARCH_PACK: a unit scope's cadres that the index cadre_pack lets
 *    through (search_pack.c), probed for the yearly records and sorted,
 *    when few pass;
 *  - SEARCH_MEMBER: the same set, the order's index walked against it,
 *    when more pass;
 *  - for either, the conditions on the yearly records tested in memory
 *    when a screen keeps that year's records current, or, in a walk,
 *    probed for each id before its row is read (search_yearly.c);
 *  - SEARCH_PLACE: in name order, the search index matched on the
 *    tokens of a district's units (search_index.h);
 *  - SEARCH_RANKS: in name order, the ranks of a district's cadres, when
 *    the units are too many for that;
 *  - a list of the whole scope of a screen that keeps its walk in memory
 *    (stats_walk_ids): the cadres whose codes pass, found in memory.
 * Each is a superset of the filter's cadres: the list's own statement
 * tests the whole filter on every row it reads, so the rows and their
 * order are the plain query's whichever is chosen; the choice only
 * decides how many rows are read.
 */
#include "scope_size.h"
#include "search_index.h"
#include "search_internal.h"
#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

/* A large unit scope whose filter the index cadre_pack narrows (a code
 * such as gender or managed, a yearly record, the pool) is first asked
 * how many of its cadres may pass: up to this many, they are read by id
 * and sorted (each read costs some 5 us at a million cadres, in id order)
 * instead of walking the order's index, which for a filter that rare
 * would read hundreds of thousands of rows; more, and the walk fills a
 * window soon enough. Measured at a million cadres: the set of a
 * district of 44 000 cadres is found in 1-3 ms when the pack alone
 * answers, some 20 ms when each candidate's rating must be probed. */
#define PACK_DENSE 4096
/* In a narrow scope the scope's own list reads each unit's cadres in name
 * order and stops once the window is full; the set is read instead when it
 * holds at most this fraction of the scope (never in a scope of fewer
 * than NARROW_MIN cadres: a few ms either way, the set would only add
 * its own). At 100 000 cadres (a district of 4 400): the committee
 * members trained, a quarter of it, took 5 ms the scope's way and 15 ms
 * through the set; the women in the pool, one in twenty, 26 ms and 8. */
#define NARROW_SHARE 16
#define NARROW_MIN   2048

/* A probe of one cadre's records in a walk, in us: the walk meets the
 * set's ids in name order, each probe a descent of its own (at a million
 * cadres, 562 ratings probed so took 3 ms) */
#define PROBE_ONE 5.0

/* The cadres of the whole province, as the largest id (an estimate the
 * costs below need; one step down the table's b-tree). */
static size_t province_size(store *s)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT max(id) FROM cadre", NULL);
	size_t n = 0;

	if (st && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) > 0)
		n = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* Whether walking the order's index against the set (SEARCH_MEMBER) is
 * cheaper than probing the set's records and sorting the rows that pass
 * (SEARCH_PACK), for a window of `limit` rows (0: all), a set of n ids of
 * which `pass` are estimated to pass, in a province of `all` cadres. The
 * walk tests about limit * all / pass index entries against the set and
 * reads the rows of the set's ids among them; the set's way probes every
 * id (unless nothing is to be probed) and reads every passing row. The
 * weights are the costs measured at a million cadres (district 795's
 * cells of the target panel): an index entry tested against the set
 * 0.2 us, a row read and tested 10 us, a probe of the records 0.6 us. */
static bool member_cheaper(size_t limit, size_t n, size_t pass, size_t all, bool probed,
			   bool probe_first)
{
	double walk, set, share;

	if (pass == 0 || all == 0)
		return false;
	share = limit ? (double)limit / (double)pass : 1.0;
	if (share > 1.0)
		share = 1.0;
	/* an id of the set the walk meets costs its row, or, probed first
	 * (search_yearly.c), a probe and the row only when it passes */
	walk = share * ((double)all * 0.2 + (double)n * (probe_first ? PROBE_ONE : 10.0)) +
	       (probe_first ? (double)(limit ? limit : pass) * 10.0 : 0.0);
	set = (probed ? 0.0 : (double)n * 0.6) + (double)pass * 10.0;
	/* the estimate of `pass` is a sample's (some 250 ids), and a walk
	 * that runs out of its budget pays for both ways: walk only when it
	 * wins clearly */
	return 2.0 * walk < set;
}

/* How a window of a large unit scope whose filter the index cadre_pack
 * narrows is read: through the set, probed and sorted (SEARCH_PACK),
 * when the records' conditions are estimated to keep no more than `dense`
 * of its ids and walking is no cheaper; else by walking the order's index
 * against the set (SEARCH_MEMBER), or, when `place` (the scope's units can
 * be matched in the search index) and enough of the set passes, the
 * units' entries (SEARCH_MEMBER | SEARCH_PLACE). The set is scanned once,
 * first only as far as needed to see it is larger. */
static int pack_set(store *s, const search_query *nq, size_t dense, size_t limit, bool place,
		    search_ids *ids, int *hints, cb_error *err)
{
	search_state *ss = store_search_state(s);
	size_t estimate;
	bool member, kept = false, probe_first, units;
	int rc;

	if ((rc = search_pack_scan(s, &nq->filter, 2 * dense, ids, err)) ||
	    (ss->records_kept >= 0 && (rc = search_yearly_keep(s, &nq->filter, ids, &kept, err))) ||
	    (rc = search_pack_estimate(s, &nq->filter, ids, &estimate, err)))
		return rc;
	if (estimate <= dense && ids->more &&
	    ((rc = search_pack_scan(s, &nq->filter, 0, ids, err)) ||
	     (rc = search_pack_estimate(s, &nq->filter, ids, &estimate, err))))
		return rc;
	/* probing first pays when most of the set fails its records */
	probe_first = !ids->probed && ss->probe_walk >= 0 &&
		      (ss->probe_walk > 0 || estimate < ids->n / 2);
	member = ss->member_walk >= 0 && (estimate > dense || ss->member_walk > 0 ||
					  member_cheaper(limit, ids->n, estimate, province_size(s),
							 ids->probed, probe_first));
	/* along the units: a set of which many pass, or a walk that probes
	 * the records of the set's ids it meets, most of which fail them (it
	 * meets fewer entries so; a set that mostly passes fills a window
	 * soon along the name index, and the search index's lists of the
	 * units cost some 2 ms to open: at a million cadres, the cadres of
	 * district 795 rated good took 9 ms along the name index, 13 along
	 * the units) */
	units = place && ss->place_walk >= 0 && ss->member_walk >= 0 &&
		(member ? probe_first || ss->place_walk > 0 : estimate >= PLACE_PASS_MIN * limit);
	member = member || units;
	if (kept) {
		ss->kept_windows++;
		ids->from_memory = true;
	}
	if (!member && estimate > dense)
		return CB_OK; /* the walk alone, reading every row */
	if (member) {
		if ((rc = search_pack_superset(s, &nq->filter, ids, err)) ||
		    (probe_first && (rc = search_yearly_open(s, &nq->filter, &ids->yearly, err))))
			return rc;
		if (ids->yearly)
			ss->probe_windows++;
		*hints = SEARCH_MEMBER | (units ? SEARCH_PLACE : 0);
		ss->member_windows++;
		ss->place_windows += units;
		return CB_OK;
	}
	if ((rc = search_pack_complete(s, &nq->filter, ids, err)))
		return rc;
	*hints = SEARCH_PACK;
	ss->pack_windows++;
	return CB_OK;
}

/* In name order the walk of a unit scope reads the row of every cadre it
 * passes until the window is full: some limit x province / scope rows (a
 * district of 44 000 of a million cadres: 1 100 rows, 5 us each, for 50).
 * The scope's ranks are read from cadre_unit at some 0.05 us a cadre, and
 * then only the scope's rows are: cheaper while the scope holds fewer
 * than sqrt(100 x limit x province) cadres (70 000 of a million for 50
 * rows) and, with text, while the text matches at least a hundredth of
 * that (fewer matches are read one by one sooner). */
static int rank_set(store *s, const search_query *nq, size_t limit, search_ids *ranks, int *hints,
		    cb_error *err)
{
	search_state *ss = store_search_state(s);
	double most = sqrt(100.0 * (double)limit * (double)province_size(s));
	bool below = false, broad = true;
	int rc;

	/* nor do the units' ranks (search_place_units) */
	if (ss->rank_walk < 0 || nq->filter.unit_history || nq->filter.scope_orgs || most < 1.0 ||
	    most > 1e9)
		return CB_OK;
	if (ss->rank_walk == 0) {
		if ((rc = scope_size_below(s, nq->filter.unit_lo, nq->filter.unit_hi, (int)most,
					   &below, err)) ||
		    !below)
			return rc;
		if (nq->text && *nq->text &&
		    (rc = search_text_is_broad(s, nq->text, (int)(most / 100) + 1, &broad, err)))
			return rc;
		if (!broad)
			return CB_OK;
	}
	if ((rc = search_scope_ranks(s, &nq->filter, ranks, err)))
		return rc;
	*hints |= SEARCH_RANKS;
	ss->rank_windows++;
	return CB_OK;
}

/* A scope of up to this many units is matched on their tokens in the
 * search index (a district has some ten to thirty). FTS5 merges one list
 * of entries per unit: at a million cadres the 50 first names of district
 * 795 that match "nguyen van an" take 0.4 ms so, against some 4 ms to read
 * the district's ranks. */
#define PLACE_UNITS_MAX 64

int search_place_units(store *s, const search_query *nq, search_ids *ranks, cb_error *err)
{
	static const char sql[] = "SELECT id FROM unit WHERE lo BETWEEN ?1 AND ?2"
				  " AND in_scope(lo, NULL) ORDER BY id LIMIT ?3";
	char expr[PLACE_UNITS_MAX * 28];
	size_t len = 0, n = 0;
	sqlite3_stmt *st;
	int rc;

	/* a reader whose scope holds party organisations also sees their
	 * cadres in units beyond it (filter.c): no list of units has them */
	if (store_search_state(s)->place_walk < 0 || nq->filter.unit_history ||
	    nq->filter.scope_orgs || (nq->filter.unit_lo <= 0 && nq->filter.unit_hi <= 0))
		return CB_OK;
	if (!(st = store_prepare(s, sql, err)))
		return CB_EDB;
	sqlite3_bind_int64(st, 1, nq->filter.unit_lo);
	sqlite3_bind_int64(st, 2, nq->filter.unit_hi);
	sqlite3_bind_int(st, 3, PLACE_UNITS_MAX + 1);
	expr[0] = '\0';
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && ++n <= PLACE_UNITS_MAX)
		len += (size_t)snprintf(expr + len, sizeof expr - len, "%s" SEARCH_PLACE_FMT,
					n > 1 ? " OR " : "",
					(long long)sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_fail(s, err, _("Searching"));
	if (n == 0 || n > PLACE_UNITS_MAX)
		return CB_OK;
	if (!(ranks->place = strdup(expr)))
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	return CB_OK;
}

/* The codes' test of stats_walk_ids: the list's filter and the deepest
 * tier. */
struct pack_test {
	const cadre_filter *f;
	int tier;
};

static bool pack_test_passes(const void *ctx, int64_t packed)
{
	const struct pack_test *t = ctx;
	return search_pack_passes(t->f, t->tier, packed);
}

/* In unit or position order, the units of the set (stats_walk_units):
 * those to walk into ids->unit_bits, the few of the set in units where
 * they are few among many into ids->few (read by id, probed unless
 * `probed`, sorted, and merged with the walk's rows: search.c). *units
 * cleared when the walk is not kept: every unit is walked. */
static int walk_units(store *s, const search_query *nq, search_ids *ids, bool probed, int *units,
		      cb_error *err)
{
	stats_walk_units_out u;
	int few = store_search_state(s)->unit_few;
	int rc = stats_walk_units(s, &nq->filter, ids->bits, ids->nbits,
				  few > 0 ? (size_t)few : STATS_UNIT_FEW_AMONG,
				  few > 0 ? (size_t)few : STATS_UNIT_FEW_SHARE, &u, err);

	if (rc == CB_NOT_FOUND) {
		cb_error_clear(err);
		*units = 0;
		return CB_OK;
	}
	if (rc)
		return rc;
	ids->unit_bits = u.unit_bits;
	ids->unit_nbits = u.unit_nbits;
	if (u.nfew == 0) {
		free(u.few);
		return CB_OK;
	}
	if (!(ids->few = calloc(1, sizeof *ids->few))) {
		free(u.few);
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	}
	ids->few->id = u.few;
	ids->few->n = ids->few->cap = u.nfew;
	ids->few->scanned = ids->few->sorted = true;
	ids->few->probed = probed;
	/* their records, if untested, are probed with them, as a pack's
	 * set's */
	return search_pack_complete(s, &nq->filter, ids->few, err);
}

/* The cadres whose yearly records, kept in memory, pass kt: one bit per
 * id up to the largest (an id beyond the records passes: a superset).
 * CB_NOT_FOUND when more than three quarters pass (a window fills soon
 * enough along the order's index). */
static int records_set(store *s, const stats_kept_test *kt, stats_walk_ids_out *out, cb_error *err)
{
	size_t top = province_size(s);

	memset(out, 0, sizeof *out);
	if (top == 0)
		return CB_NOT_FOUND;
	out->nbits = top + 1;
	if (!(out->bits = calloc(out->nbits / 64 + 1, sizeof *out->bits)))
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	for (size_t id = 0; id < out->nbits; id++)
		if (stats_kept_passes(kt, (int64_t)id)) {
			out->bits[id / 64] |= UINT64_C(1) << (id % 64);
			out->passed++;
		}
	if ((double)out->passed > 0.75 * (double)out->nbits) {
		free(out->bits);
		memset(out, 0, sizeof *out);
		return CB_NOT_FOUND;
	}
	return CB_OK;
}

/* A list of the whole scope of a screen that keeps its walk in memory (the
 * breakdowns and the target panel, and their drill-downs; the cadre list
 * with a filter on the codes: search_walk_worth), whose filter has a
 * condition on the packed codes: the cadres that pass those codes are
 * found in that memory, and the list walks the order's index against
 * them (SEARCH_MEMBER), or, when they are few, reads them by id and sorts
 * them (SEARCH_PACK): at a million cadres, the province's managed women
 * took 39 ms by walking the name index and reading each row. Even a
 * common value is worth it: names in Vietnamese order come in runs of
 * one gender (given names), so the men's list read 300 rows for its first
 * 50 (18 ms at a million; 2 ms walked against the set). Nothing when no
 * walk is kept, or when the codes let three quarters of the scope through
 * (a window then fills within a few rows more).
 *
 * The conditions on the yearly records are tested on the records kept in
 * memory when they are current (stats_kept_test_for), so the set is the
 * filter's own; a filter with such conditions alone (those rated "not
 * completed" in a year: one in a hundred) takes its set from those
 * records. Else, a walk probes each id's records before its row is read:
 * reading each woman's row to find the women rated "not completed" took
 * 60-70 ms at a million cadres; probed, 24-30; tested in memory, 12-14.
 *
 * In unit and position order the walk also skips the units that hold
 * none of the set (SEARCH_UNITS): the managed women are in the province's
 * and districts' units, the last in reversed order, and walking every
 * commune's entries to reach them took 110 ms. A few that pass no yearly
 * condition are walked too when the costs say so (member_cheaper): 4 000
 * women of a theory grade took 32 ms read and sorted; the walk gives way
 * to the sorted read if it runs past its budget (search.c). */
static int walk_set(store *s, const search_query *nq, size_t dense, size_t limit, int sort,
		    search_ids *ids, int *hints, cb_error *err)
{
	struct pack_test t = {&nq->filter, 0};
	stats_kept_test kt;
	bool kept, codes, records;
	size_t members = 0;
	stats_walk_ids_out out;
	search_set_key key;
	search_pack_sql *o;
	sqlite3_stmt *st;
	int units = UNIT_ORDER(sort) ? SEARCH_UNITS : 0;
	int rc;

	if (nq->filter.deepest_tier <= 0 &&
	    (st = store_prepare(s, "SELECT max(tier) FROM unit", NULL))) {
		if (sqlite3_step(st) == SQLITE_ROW)
			t.tier = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	/* whether the filter asks the yearly records at all */
	if (!(o = malloc(sizeof *o)))
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	rc = search_pack_build(&nq->filter, o, err);
	records = o->probe[0] != '\0';
	free(o);
	if (rc)
		return rc;
	kept = store_search_state(s)->records_kept >= 0 && stats_kept_test_for(s, &nq->filter, &kt);
	/* in age, unit and position order a few are named with their keys,
	 * for a cut (search_cut.c) */
	if (sort != SORT_NAME && limit > 0)
		members = store_search_state(s)->cut_members > 0
				  ? (size_t)store_search_state(s)->cut_members
				  : SEARCH_CUT_MEMBERS;
	search_set_key_init(&key, &nq->filter, members, kept ? &kt : NULL);
	rc = CB_NOT_FOUND;
	if (search_set_cached(s, &key, &out, &codes)) {
		rc = CB_OK; /* the last window's */
	} else {
		/* the yearly conditions answered from the records kept in
		 * memory too, when they are current: the set is then the
		 * filter's own */
		if ((codes = search_pack_narrows(&nq->filter)))
			rc = stats_walk_ids(s, &nq->filter,
					    &(stats_walk_ids_in){pack_test_passes, &t,
								 SEARCH_PACK_CODES, 0.75,
								 kept ? &kt : NULL, members},
					    &out, err);
		/* codes that let most through (not Kinh) may leave the
		 * records to narrow the set */
		if (rc == CB_NOT_FOUND && kept) {
			cb_error_clear(err);
			codes = false;
			rc = records_set(s, &kt, &out, err);
		}
		if (rc == CB_OK)
			search_set_keep(s, &key, &out, codes);
	}
	if (rc == CB_NOT_FOUND) {
		cb_error_clear(err);
		return CB_OK;
	}
	if (rc)
		return rc;
	ids->bits = out.bits;
	ids->nbits = out.nbits;
	ids->shift = 0;
	ids->from_memory = true;
	/* with their keys, when few, and tested on every condition the set
	 * can answer (search_cut) */
	if (kept || !records) {
		ids->members = out.members;
		ids->nmembers = out.nmembers;
	} else {
		free(out.members);
	}
	if (kept)
		store_search_state(s)->kept_windows++;
	if (out.passed > dense) {
		/* the records of each id met probed before its row is read */
		if (!kept && store_search_state(s)->probe_walk >= 0 &&
		    (rc = search_yearly_open(s, &nq->filter, &ids->yearly, err)))
			return rc;
		if (ids->yearly)
			store_search_state(s)->probe_windows++;
		if (units && (rc = walk_units(s, nq, ids, kept || !records, &units, err)))
			return rc;
		*hints = SEARCH_MEMBER | units;
		store_search_state(s)->member_windows++;
		return CB_OK;
	}
	/* few: listed, probed for the records and sorted as a pack's set */
	for (size_t i = 0; i < out.nbits; i++)
		if ((out.bits[i / 64] >> (i % 64) & 1) && !search_ids_push(ids, (int64_t)i))
			return cb_error_set(err, CB_EDB, _("Out of memory"));
	ids->scanned = ids->sorted = true;
	ids->probed = kept || !records;
	/* or walked, on a budget, when nothing is to be probed and the
	 * window comes soon enough along the order (either way, first read
	 * from those whose keys can fill it, if they are few: search_cut) */
	if (ids->probed && store_search_state(s)->member_walk >= 0 &&
	    (store_search_state(s)->member_walk > 0 ||
	     member_cheaper(limit, ids->n, ids->n, out.nbits, true, false))) {
		if (units && (rc = walk_units(s, nq, ids, kept || !records, &units, err)))
			return rc;
		*hints = SEARCH_MEMBER | SEARCH_WALK | units;
		store_search_state(s)->member_windows++;
		return CB_OK;
	}
	if (!(rc = search_pack_complete(s, &nq->filter, ids, err))) {
		*hints = SEARCH_PACK;
		store_search_state(s)->pack_windows++;
	}
	return rc;
}

int search_choose_set(store *s, const search_query *nq, int sort, size_t limit, long scope_size,
		      search_ids *ids, search_ids *ranks, int *hints, cb_error *err)
{
	search_state *ss = store_search_state(s);
	bool scoped = nq->filter.unit_lo > 0 || nq->filter.unit_hi > 0;
	size_t dense = ss->pack_dense > 0 ? (size_t)ss->pack_dense : PACK_DENSE;
	int rc, year;

	/* a small scope's own list stops early in each unit once the window
	 * is full, which the set is worth only when it is far smaller */
	if ((*hints & SEARCH_NARROW) && !ss->pack_dense &&
	    (size_t)scope_size / NARROW_SHARE < dense)
		dense = scope_size >= NARROW_MIN ? (size_t)scope_size / NARROW_SHARE : 0;
	if (ss->pack_dense >= 0 && dense > 0 && search_pack_usable(&nq->filter) &&
	    (rc = pack_set(s, nq, dense, limit,
			   scoped && sort == SORT_NAME && limit > 0 && ranks->place, ids, hints,
			   err)))
		return rc;
	if (*hints & SEARCH_PLACE) { /* the set walked along its units */
		ids->place = ranks->place;
		ranks->place = NULL;
		return CB_OK;
	}
	if (!scoped && !(nq->text && *nq->text) && ss->pack_dense >= 0 &&
	    (search_pack_narrows(&nq->filter) || stats_kept_year(&nq->filter, &year)) &&
	    !(*hints & (SEARCH_NARROW | SEARCH_PACK | SEARCH_MEMBER)) &&
	    (rc = walk_set(s, nq, dense, limit, sort, ids, hints, err)))
		return rc;
	if (scoped && sort == SORT_NAME && limit > 0 &&
	    !(*hints & (SEARCH_NARROW | SEARCH_PACK | SEARCH_MEMBER)) && ranks->place) {
		*hints |= SEARCH_PLACE;
		ss->place_windows++;
		return CB_OK;
	}
	if (scoped && sort == SORT_NAME && limit > 0 &&
	    !(*hints & (SEARCH_NARROW | SEARCH_PACK | SEARCH_MEMBER)))
		return rank_set(s, nq, limit, ranks, hints, err);
	return CB_OK;
}
