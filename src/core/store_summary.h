/* store_summary.h - the yearly summary of each cadre's records, kept up to
 * date by triggers (schema slot 15).
 *
 * A breakdown by rating and the target panel need, for every counted
 * cadre, the grade of the year, the kinds of training of the year and
 * whether the cadre is in a planning pool. Read from the records, that is
 * a million ratings and a million trainings a year at a province's size,
 * and most of the time of a count. Read from cadre_year it is an eighth
 * of a row per cadre:
 *
 *   cadre_year(year, block, bits): byte k of bits (k = 0..7, the lowest
 *   first) belongs to cadre block * 8 + k. In the row of a year, the
 *   byte holds stats_internal.h's SAT_* bits:
 *     0-2  the grade of the year's rating (1..4), 0 = none
 *     3    trained in the year, any kind
 *     4-7  trained in the year in kind 1..4
 *   In the rows of year -1 (pool membership has no year) the byte is 1
 *   when the cadre is in a planning pool.
 *
 * Rows whose bits are all 0 are not kept. Triggers on rating, training and
 * planning recompute the byte of each (cadre, year) a change or a deletion
 * touches from the records themselves (an insertion adds its bits), so every
 * writer is covered: the forms, the rating sheet, imports, deletions
 * (ON DELETE CASCADE fires them too), the trash's restore, and the
 * changesets sync applies. The table is this office's own: it does not
 * travel (sync_table_travels) and refers to no table (so neither the trash
 * nor sync take it for a record of a cadre).
 */
#ifndef CANBO_STORE_SUMMARY_H
#define CANBO_STORE_SUMMARY_H

#include <stdbool.h>

#include "store.h"

#define SUMMARY_TABLE_SQL                                                                          \
	"CREATE TABLE cadre_year("                                                                 \
	" year INTEGER NOT NULL,"                                                                  \
	" block INTEGER NOT NULL,"                                                                 \
	" bits INTEGER NOT NULL,"                                                                  \
	" PRIMARY KEY(year, block)) WITHOUT ROWID;"

/* The year -1 of pool membership, as a number and in SQL. */
#define SUMMARY_POOL_YEAR_NUM -1
#define SUMMARY_STR_(x)	      #x
#define SUMMARY_STR(x)	      SUMMARY_STR_(x)
#define SUMMARY_POOL_YEAR     SUMMARY_STR(SUMMARY_POOL_YEAR_NUM)

/* The byte of cadre C in year Y, from the records (C and Y are SQL
 * expressions: NEW.cadre_id, OLD.year, ...), and its pool byte. "+year":
 * through the cadre's own entries (rating_cadre, training_cadre), never
 * through the year's (rating_year, training_year, which the planner would
 * take for a covering index). */
#define SUMMARY_YEAR_BYTE(C, Y)                                                                    \
	"(coalesce((SELECT grade FROM rating WHERE cadre_id = " C " AND +year = " Y "), 0)"        \
	" | coalesce((SELECT 8 | max(kind = 1) * 16 | max(kind = 2) * 32"                          \
	" | max(kind = 3) * 64 | max(kind = 4) * 128"                                              \
	" FROM training WHERE cadre_id = " C " AND +year = " Y "), 0))"
#define SUMMARY_POOL_BYTE(C) "EXISTS(SELECT 1 FROM planning WHERE cadre_id = " C ")"

/* Writes byte B of cadre C into the row of year Y (a cadre id's block is
 * id >> 3, its byte (id & 7)). */
#define SUMMARY_PUT(C, Y, B)                                                                       \
	" INSERT OR IGNORE INTO cadre_year(year, block, bits)"                                     \
	" SELECT " Y ", (" C ") >> 3, 0 WHERE " C " IS NOT NULL;"                                  \
	" UPDATE cadre_year SET bits = (bits & ~(255 << ((" C ") & 7) * 8))"                       \
	" | (" B " << ((" C ") & 7) * 8)"                                                          \
	" WHERE year = " Y " AND block = (" C ") >> 3;"                                            \
	" DELETE FROM cadre_year WHERE year = " Y " AND block = (" C ") >> 3 AND bits = 0;"

/* Sets the bits MASK of cadre C's byte in the row of year Y to B. */
#define SUMMARY_SET(C, Y, MASK, B)                                                                 \
	" INSERT OR IGNORE INTO cadre_year(year, block, bits)"                                     \
	" SELECT " Y ", (" C ") >> 3, 0 WHERE " C " IS NOT NULL;"                                  \
	" UPDATE cadre_year SET bits = (bits & ~(" MASK " << ((" C ") & 7) * 8))"                  \
	" | (" B " << ((" C ") & 7) * 8)"                                                          \
	" WHERE year = " Y " AND block = (" C ") >> 3;"

/* A record added changes its byte without a look at the others (a fifth
 * of the cost of recomputing it, which matters to imports): a rating is
 * the year's only one (rating_cadre is unique), so its grade replaces the
 * grade bits; a training or a pool entry adds its bits. Nothing writes
 * these tables with INSERT OR REPLACE (whose deletions fire no trigger). */
#define SUMMARY_TRAINING_BITS                                                                      \
	"(8 | CASE WHEN NEW.kind BETWEEN 1 AND 4 THEN 1 << (3 + NEW.kind) ELSE 0 END)"

#define SUMMARY_REDO(C, Y)   SUMMARY_PUT(C, Y, SUMMARY_YEAR_BYTE(C, Y))
#define SUMMARY_REDO_POOL(C) SUMMARY_PUT(C, SUMMARY_POOL_YEAR, SUMMARY_POOL_BYTE(C))

/* clang-format off */
#define SUMMARY_TRIGGERS_SQL \
	"CREATE TRIGGER cadre_year_rating_ins AFTER INSERT ON rating" \
	" WHEN NEW.cadre_id IS NOT NULL BEGIN" \
	SUMMARY_SET("NEW.cadre_id", "NEW.year", "7", "(NEW.grade & 7)") " END;" \
	"CREATE TRIGGER cadre_year_rating_del AFTER DELETE ON rating" \
	" WHEN OLD.cadre_id IS NOT NULL BEGIN" \
	SUMMARY_REDO("OLD.cadre_id", "OLD.year") " END;" \
	"CREATE TRIGGER cadre_year_rating_upd AFTER UPDATE OF cadre_id, year, grade ON rating" \
	" BEGIN" \
	SUMMARY_REDO("OLD.cadre_id", "OLD.year") \
	SUMMARY_REDO("NEW.cadre_id", "NEW.year") " END;" \
	"CREATE TRIGGER cadre_year_training_ins AFTER INSERT ON training BEGIN" \
	SUMMARY_SET("NEW.cadre_id", "NEW.year", "0", SUMMARY_TRAINING_BITS) " END;" \
	"CREATE TRIGGER cadre_year_training_del AFTER DELETE ON training BEGIN" \
	SUMMARY_REDO("OLD.cadre_id", "OLD.year") " END;" \
	"CREATE TRIGGER cadre_year_training_upd AFTER UPDATE OF cadre_id, year, kind" \
	" ON training BEGIN" \
	SUMMARY_REDO("OLD.cadre_id", "OLD.year") \
	SUMMARY_REDO("NEW.cadre_id", "NEW.year") " END;" \
	"CREATE TRIGGER cadre_year_planning_ins AFTER INSERT ON planning BEGIN" \
	SUMMARY_SET("NEW.cadre_id", SUMMARY_POOL_YEAR, "0", "1") " END;" \
	"CREATE TRIGGER cadre_year_planning_del AFTER DELETE ON planning BEGIN" \
	SUMMARY_REDO_POOL("OLD.cadre_id") " END;" \
	"CREATE TRIGGER cadre_year_planning_upd AFTER UPDATE OF cadre_id ON planning BEGIN" \
	SUMMARY_REDO_POOL("OLD.cadre_id") \
	SUMMARY_REDO_POOL("NEW.cadre_id") " END;"
/* clang-format on */

/* Every cadre's byte of every year from the records at once, (year,
 * cadre_id, byte), the same as SUMMARY_YEAR_BYTE and SUMMARY_POOL_BYTE
 * (bytes 0 left out). */
#define SUMMARY_RECOUNT_SQL                                                                        \
	"SELECT year, cadre_id, max(g) | max(t) * 8 | max(k1) * 16 | max(k2) * 32"                 \
	" | max(k3) * 64 | max(k4) * 128 AS byte FROM ("                                           \
	"SELECT year, cadre_id, grade AS g, 0 AS t, 0 AS k1, 0 AS k2, 0 AS k3, 0 AS k4"            \
	" FROM rating WHERE cadre_id IS NOT NULL"                                                  \
	" UNION ALL SELECT year, cadre_id, 0, 1, kind = 1, kind = 2, kind = 3, kind = 4"           \
	" FROM training)"                                                                          \
	" GROUP BY year, cadre_id"                                                                 \
	" UNION ALL SELECT " SUMMARY_POOL_YEAR ", cadre_id, 1 FROM planning GROUP BY cadre_id"

/* The table's bytes as (year, cadre_id, byte), bytes 0 left out. */
#define SUMMARY_UNPACK_SQL                                                                         \
	"SELECT y.year, y.block * 8 + k.column1, (y.bits >> k.column1 * 8) & 255"                  \
	" FROM cadre_year y, (VALUES (0), (1), (2), (3), (4), (5), (6), (7)) k"                    \
	" WHERE (y.bits >> k.column1 * 8) & 255 <> 0"

/* The bytes of a block are disjoint: their sum is their OR. */
#define SUMMARY_FILL_SQL                                                                           \
	"INSERT INTO cadre_year(year, block, bits)"                                                \
	" SELECT year, cadre_id >> 3, sum(byte << (cadre_id & 7) * 8)"                             \
	" FROM (" SUMMARY_RECOUNT_SQL ") WHERE byte <> 0 GROUP BY 1, 2;"

/* The names of the triggers, for store_summary_suspend. */
#define SUMMARY_TRIGGER_COUNT 9

/* A bulk load into a fresh database (store_bulk.c) writes millions of
 * records: the triggers are dropped for it (suspend) and the table is
 * filled once at its end (resume: refill, triggers back). Both run inside
 * the load's transaction. */
int store_summary_suspend(store *s, cb_error *err);
int store_summary_resume(store *s, cb_error *err);

/* Whether the database has the summary (a database opened read-only
 * before its upgrade has not). */
bool store_summary_present(store *s);

/* How many rows of cadre_year differ from a recount from the records
 * (rows missing, extra or with other bits); -1 when it cannot be read. */
long long store_summary_mismatches(store *s);

#endif
