/* search_yearly.c - a list's conditions on the yearly records (rating,
 * trainings, the pool, a bar: search_pack.c's probe) tested for one cadre
 * before its row is read.
 *
 * A district's list whose filter asks for a yearly record (the committee
 * members not trained in the year, the department heads not rated good)
 * finds its candidates on the index cadre_pack, some 11 000-18 000 of
 * them at a million cadres, of whom a few hundred pass. SQLite tests a
 * correlated subquery only after every other condition, so a walk of the
 * name index reads the row of each candidate it meets before it probes
 * the record: ten rows read for each one kept. Tested here first:
 *  - from the records a screen keeps in memory (stats_kept_test), when
 *    they are current: every candidate in a load, so the set is made
 *    exact at once (search_yearly_keep);
 *  - else by the probe of that one cadre's records, in the walk itself
 *    (canbo_member), for the candidates the walk meets.
 * Either way the list's own statement still tests the whole filter on
 * every row it reads: the rows and their order are the plain query's.
 */
#include "search_internal.h"

#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"
#include "stats.h"

struct search_yearly {
	sqlite3_stmt *probe; /* the records of the cadre bound as ?1 */
};

int search_yearly_keep(store *s, const cadre_filter *f, search_ids *ids, bool *kept, cb_error *err)
{
	stats_kept_test t;
	size_t n = 0;
	int rc;

	*kept = false;
	if (ids->probed || !stats_kept_test_for(s, f, &t))
		return CB_OK;
	if ((!ids->scanned || ids->more) && (rc = search_pack_scan(s, f, 0, ids, err)))
		return rc;
	/* the scan's statement is done: nothing was read since the test was
	 * found current */
	for (size_t i = 0; i < ids->n; i++)
		if (stats_kept_passes(&t, ids->id[i]))
			ids->id[n++] = ids->id[i];
	ids->n = n;
	ids->probed = true;
	*kept = true;
	return CB_OK;
}

int search_yearly_open(store *s, const cadre_filter *f, search_yearly **out, cb_error *err)
{
	search_pack_sql *o = malloc(sizeof *o);
	search_yearly *y = calloc(1, sizeof *y);
	char *sql = malloc(sizeof o->probe);
	int rc = CB_OK;

	*out = NULL;
	if (!o || !y || !sql) {
		rc = cb_error_set(err, CB_EDB, _("Out of memory"));
		goto out;
	}
	if ((rc = search_pack_build(f, o, err)) || !o->probe[0])
		goto out; /* nothing to probe: no tester */
	if ((size_t)snprintf(sql, sizeof o->probe, "SELECT 1 FROM (SELECT ?1 AS id) c WHERE 1%s",
			     o->yearly.where) >= sizeof o->probe) {
		rc = cb_error_set(err, CB_EINVALID, _("The filter has too many conditions"));
		goto out;
	}
	if (!(y->probe = store_prepare(s, sql, err))) {
		rc = CB_EDB;
		goto out;
	}
	if (filter_bind(&o->yearly, y->probe, 2)) {
		rc = store_fail(s, err, _("Searching"));
		goto out;
	}
	*out = y;
	y = NULL;
out:
	search_yearly_free(y);
	free(sql);
	free(o);
	return rc;
}

int search_yearly_passes(search_yearly *y, int64_t id)
{
	int rc;

	sqlite3_reset(y->probe);
	if (sqlite3_bind_int64(y->probe, 1, id) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(y->probe);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

void search_yearly_free(search_yearly *y)
{
	if (y)
		sqlite3_finalize(y->probe);
	free(y);
}
