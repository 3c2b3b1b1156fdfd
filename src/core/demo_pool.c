/* demo_pool.c - the demo's planning pool by title: each planning entry
 * of the 2025-2030 term whose planned post is one of career.ini's titles
 * becomes an entry of that title's pool, in the unit of the title's level
 * that holds the cadre's unit, at most the configured number per title
 * and unit (the first in name order), added on the day the term's pool
 * was adopted. No random draw: the pool follows from the planning already
 * built, so the same seed still gives the same demo.
 */
#include "demo.h"

#include <stdio.h>
#include <stdlib.h>

#include "career.h"
#include "i18n.h"

#define POOL_ADDED_ON "2025-03-15"

int demo_pool(store *s, const cfg *c, long *count, cb_error *err)
{
	static const char sql[] = "INSERT INTO pool(cadre_id, term, title, unit_id, added_on)"
				  " SELECT cadre_id, term, ?1, unit_id, ?4 FROM ("
				  "  SELECT p.cadre_id, p.term, a.id AS unit_id,"
				  "   row_number() OVER (PARTITION BY a.id ORDER BY c.rank) AS k"
				  "  FROM planning p JOIN cadre c ON c.id = p.cadre_id JOIN unit u "
				  "ON u.id = c.unit_id"
				  "  JOIN unit a ON u.lo BETWEEN a.lo AND a.hi AND a.tier = ?2"
				  "  WHERE p.position = ?3 AND p.term = '2025-2030')"
				  " WHERE k <= ?5";
	career_rules *r = malloc(sizeof *r);
	sqlite3_stmt *st = NULL;
	int rc;

	*count = 0;
	if (!r)
		return cb_error_set(err, CB_EDB, "%s", _("Out of memory"));
	if ((rc = career_rules_load(c, r, err)))
		goto out;
	if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) != SQLITE_OK) {
		rc = store_fail(s, err, _("Preparing the demo build"));
		goto out;
	}
	for (int i = 0; i < r->title_count && !rc; i++) {
		sqlite3_bind_text(st, 1, r->titles[i].code, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, r->titles[i].level);
		sqlite3_bind_text(st, 3, r->titles[i].name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, POOL_ADDED_ON, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 5, r->pool_per_title);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = store_fail(s, err, _("Adding the planning pool"));
		else
			*count += sqlite3_changes(store_db(s));
		sqlite3_reset(st);
	}
out:
	sqlite3_finalize(st);
	free(r);
	return rc;
}
