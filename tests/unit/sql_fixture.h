/* sql_fixture.h - reading the database behind the code a test checks. The
 * includer has cmocka. */
#ifndef CANBO_TEST_SQL_FIXTURE_H
#define CANBO_TEST_SQL_FIXTURE_H

#include <stdint.h>

#include <sqlite3.h>

#include "store.h"

/* The first column of sql's first row as an integer (-1 when there is
 * none): a count, an id. The test fails when sql does not prepare. */
static inline int64_t fixture_sql_int(store *db, const char *sql)
{
	sqlite3_stmt *st;
	int64_t n = -1;
	assert_int_equal(sqlite3_prepare_v2(store_db(db), sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* What is wrong in the units' tokens of the search index (search_index.h):
 * the cadres whose rank is not under the token of their unit, plus the
 * units with more entries than cadres (one left behind by a move or a
 * removal that named the wrong unit), plus the ranks under some unit's
 * token that no cadre holds. 0 when each cadre is there, under his unit
 * alone. */
static inline int64_t fixture_places_wrong(store *db)
{
	return fixture_sql_int(
		db, "SELECT (SELECT count(*) FROM cadre c WHERE NOT EXISTS (SELECT 1 FROM cadre_fts"
		    " WHERE cadre_fts MATCH 'place : u' || c.unit_id AND rowid = c.rank))"
		    " + (SELECT count(*) FROM unit u WHERE (SELECT count(*) FROM cadre_fts"
		    " WHERE cadre_fts MATCH 'place : u' || u.id)"
		    " <> (SELECT count(*) FROM cadre WHERE unit_id = u.id))"
		    " + (SELECT count(*) FROM cadre_fts WHERE cadre_fts MATCH 'place : u*'"
		    " AND rowid NOT IN (SELECT rank FROM cadre))");
}

#endif
