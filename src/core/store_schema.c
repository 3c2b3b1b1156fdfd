/* store_schema.c - the schema as a list of forward migrations.
 *
 * PRAGMA user_version holds the number of migrations applied. A migration
 * is never edited once released: new needs get a new entry at the end.
 */
#include "store_internal.h"

#include "cadre_pack.h"
#include "store_summary.h"

/* 1: the first release: units, organisations, cadres and their yearly
 * records, action plans, audit trail, the search index. */
static const char migration_1[] =
	"CREATE TABLE unit("
	" id INTEGER PRIMARY KEY,"
	" code TEXT NOT NULL UNIQUE,"
	" name TEXT NOT NULL,"
	" kind TEXT NOT NULL,"
	" tier INTEGER NOT NULL CHECK(tier BETWEEN 1 AND 4),"
	" parent_id INTEGER REFERENCES unit(id),"
	" lo INTEGER NOT NULL DEFAULT 0,"
	" hi INTEGER NOT NULL DEFAULT 0,"
	" version INTEGER NOT NULL DEFAULT 1);"
	"CREATE INDEX unit_parent ON unit(parent_id);"
	"CREATE INDEX unit_lo ON unit(lo);"
	"CREATE TABLE org("
	" id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL,"
	" kind INTEGER NOT NULL,"
	" parent_id INTEGER REFERENCES org(id),"
	" unit_id INTEGER NOT NULL REFERENCES unit(id),"
	" version INTEGER NOT NULL DEFAULT 1);"
	"CREATE INDEX org_parent ON org(parent_id);"
	"CREATE INDEX org_unit ON org(unit_id);"
	"CREATE TABLE cadre("
	" id INTEGER PRIMARY KEY,"
	" full_name TEXT NOT NULL CHECK(length(full_name) > 0),"
	" name_fold TEXT NOT NULL,"
	" sort_key BLOB NOT NULL,"
	" rank INTEGER NOT NULL,"
	" birth_date TEXT NOT NULL,"
	" gender INTEGER NOT NULL CHECK(gender IN (1, 2)),"
	" ethnicity TEXT NOT NULL,"
	" unit_id INTEGER NOT NULL REFERENCES unit(id),"
	" org_id INTEGER REFERENCES org(id),"
	" position TEXT NOT NULL,"
	" pos_rank INTEGER NOT NULL,"
	" level INTEGER NOT NULL,"
	" managed INTEGER NOT NULL DEFAULT 0,"
	" is_head INTEGER NOT NULL DEFAULT 0,"
	" committees INTEGER NOT NULL DEFAULT 0,"
	" education INTEGER NOT NULL,"
	" theory INTEGER NOT NULL,"
	" party_joined TEXT NOT NULL DEFAULT '',"
	" notes TEXT NOT NULL DEFAULT '',"
	" version INTEGER NOT NULL DEFAULT 1);"
	"CREATE TABLE rating("
	" id INTEGER PRIMARY KEY,"
	" cadre_id INTEGER REFERENCES cadre(id) ON DELETE CASCADE,"
	" org_id INTEGER REFERENCES org(id) ON DELETE CASCADE,"
	" year INTEGER NOT NULL,"
	" grade INTEGER NOT NULL CHECK(grade BETWEEN 1 AND 4),"
	" version INTEGER NOT NULL DEFAULT 1,"
	" CHECK((cadre_id IS NULL) <> (org_id IS NULL)));"
	"CREATE UNIQUE INDEX rating_cadre ON rating(cadre_id, year) WHERE cadre_id IS NOT NULL;"
	"CREATE UNIQUE INDEX rating_org ON rating(org_id, year) WHERE org_id IS NOT NULL;"
	"CREATE TABLE training("
	" id INTEGER PRIMARY KEY,"
	" cadre_id INTEGER NOT NULL REFERENCES cadre(id) ON DELETE CASCADE,"
	" year INTEGER NOT NULL,"
	" kind INTEGER NOT NULL,"
	" course TEXT NOT NULL DEFAULT '',"
	" version INTEGER NOT NULL DEFAULT 1);"
	"CREATE INDEX training_cadre ON training(cadre_id, year);"
	"CREATE TABLE planning("
	" id INTEGER PRIMARY KEY,"
	" cadre_id INTEGER NOT NULL REFERENCES cadre(id) ON DELETE CASCADE,"
	" term TEXT NOT NULL,"
	" position TEXT NOT NULL DEFAULT '',"
	" version INTEGER NOT NULL DEFAULT 1);"
	"CREATE INDEX planning_cadre ON planning(cadre_id);"
	"CREATE TABLE plan("
	" id INTEGER PRIMARY KEY,"
	" cadre_id INTEGER REFERENCES cadre(id) ON DELETE CASCADE,"
	" org_id INTEGER REFERENCES org(id) ON DELETE CASCADE,"
	" year INTEGER NOT NULL,"
	" sources INTEGER NOT NULL DEFAULT 1,"
	" adopted_on TEXT NOT NULL DEFAULT '',"
	" version INTEGER NOT NULL DEFAULT 1,"
	" CHECK((cadre_id IS NULL) <> (org_id IS NULL)));"
	"CREATE INDEX plan_cadre ON plan(cadre_id, year);"
	"CREATE INDEX plan_org ON plan(org_id, year);"
	"CREATE INDEX plan_year ON plan(year);"
	"CREATE TABLE plan_item("
	" id INTEGER PRIMARY KEY,"
	" plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,"
	" source INTEGER NOT NULL DEFAULT 1,"
	" shortcoming TEXT NOT NULL,"
	" cause TEXT NOT NULL DEFAULT '',"
	" responsibility INTEGER NOT NULL DEFAULT 1,"
	" responsible TEXT NOT NULL DEFAULT '',"
	" measures TEXT NOT NULL DEFAULT '',"
	" deadline TEXT NOT NULL DEFAULT '',"
	" in_charge TEXT NOT NULL DEFAULT '',"
	" state INTEGER NOT NULL DEFAULT 0,"
	" remedied_on TEXT NOT NULL DEFAULT '',"
	" verified_by TEXT NOT NULL DEFAULT '',"
	" verified_on TEXT NOT NULL DEFAULT '',"
	" verdict TEXT NOT NULL DEFAULT '',"
	" carried_from INTEGER REFERENCES plan_item(id) ON DELETE SET NULL,"
	" version INTEGER NOT NULL DEFAULT 1);"
	"CREATE INDEX plan_item_plan ON plan_item(plan_id);"
	"CREATE INDEX plan_item_deadline ON plan_item(deadline);"
	"CREATE TABLE plan_note("
	" id INTEGER PRIMARY KEY,"
	" item_id INTEGER NOT NULL REFERENCES plan_item(id) ON DELETE CASCADE,"
	" noted_on TEXT NOT NULL,"
	" author TEXT NOT NULL,"
	" text TEXT NOT NULL);"
	"CREATE INDEX plan_note_item ON plan_note(item_id);"
	"CREATE TABLE audit("
	" id INTEGER PRIMARY KEY,"
	" at TEXT NOT NULL,"
	" user TEXT NOT NULL,"
	" tbl TEXT NOT NULL,"
	" row_id INTEGER NOT NULL,"
	" action TEXT NOT NULL,"
	" old TEXT,"
	" new TEXT);"
	"CREATE INDEX audit_row ON audit(tbl, row_id);"
	"CREATE VIRTUAL TABLE cadre_fts USING fts5("
	" name, content='', prefix='1 2 3', tokenize='unicode61 remove_diacritics 0');"
	/* every word of the folded names (never pruned): a typed word longer
	 * than the FTS5 prefix index is looked up here and searched as the
	 * few whole words it begins, which FTS5 streams in rowid order */
	"CREATE TABLE name_word(word TEXT PRIMARY KEY) WITHOUT ROWID;";

/* 2: the monthly self-check against the 27 manifestations of degradation,
 * drafts of unsaved forms, and the secondary indexes the breakdowns use. */
static const char migration_2[] =
	"CREATE TABLE selfcheck("
	" id INTEGER PRIMARY KEY,"
	" cadre_id INTEGER NOT NULL REFERENCES cadre(id) ON DELETE CASCADE,"
	" month TEXT NOT NULL,"
	" flagged TEXT NOT NULL DEFAULT '',"
	" note TEXT NOT NULL DEFAULT '',"
	" checked_on TEXT NOT NULL,"
	" version INTEGER NOT NULL DEFAULT 1,"
	" UNIQUE(cadre_id, month));"
	"CREATE INDEX selfcheck_month ON selfcheck(month);"
	"CREATE TABLE draft("
	" user TEXT NOT NULL,"
	" form TEXT NOT NULL,"
	" row_id INTEGER NOT NULL DEFAULT 0,"
	" base_version INTEGER NOT NULL DEFAULT 0,"
	" data TEXT NOT NULL,"
	" saved_at TEXT NOT NULL,"
	" PRIMARY KEY(user, form));"
	/* One plan per owner and year; an item is carried forward at most
	 * once (carry-over relies on both). */
	"CREATE UNIQUE INDEX plan_owner_cadre ON plan(cadre_id, year) WHERE cadre_id IS NOT NULL;"
	"CREATE UNIQUE INDEX plan_owner_org ON plan(org_id, year) WHERE org_id IS NOT NULL;"
	"CREATE UNIQUE INDEX plan_item_carried ON plan_item(carried_from) WHERE carried_from IS "
	"NOT NULL;"
	/* Counting items per plan reads only this index, never the texts. */
	"DROP INDEX plan_item_plan;"
	"CREATE INDEX plan_item_progress ON plan_item(plan_id, state, deadline, verified_on);";

/* 3: the trash. A deleted record and every row that depended on it leave
 * the live tables together and wait here, each row as a JSON object of
 * its columns in table order, until restored or purged (trash.c). */
static const char migration_3[] =
	"CREATE TABLE trash("
	" id INTEGER PRIMARY KEY,"
	" at TEXT NOT NULL,"
	" user TEXT NOT NULL,"
	" tbl TEXT NOT NULL,"
	" row_id INTEGER NOT NULL,"
	" summary TEXT NOT NULL DEFAULT '',"
	" unit_id INTEGER);" /* whose districts it belongs to (access.h) */
	"CREATE INDEX trash_at ON trash(at);"
	"CREATE TABLE trash_row("
	" trash_id INTEGER NOT NULL REFERENCES trash(id) ON DELETE CASCADE,"
	" seq INTEGER NOT NULL,"
	" tbl TEXT NOT NULL,"
	" row_id INTEGER NOT NULL,"
	" data TEXT NOT NULL,"
	" PRIMARY KEY(trash_id, seq)) WITHOUT ROWID;";

/* 4: the audit trail becomes a hash chain (audit.h): every row gets the
 * hash of itself and of the row before it, existing rows in id order. */
static const char migration_4[] =
	"ALTER TABLE audit ADD COLUMN hash BLOB;"
	"CREATE TEMP TABLE audit_chain(id INTEGER PRIMARY KEY, h BLOB);"
	"WITH RECURSIVE chain(id, h) AS ("
	" SELECT 0, NULL"
	" UNION ALL"
	" SELECT a.id, canbo_audit_hash(chain.h, a.id, a.at, a.user, a.tbl, a.row_id, a.action,"
	"  a.old, a.new)"
	" FROM chain JOIN audit a ON a.id = (SELECT min(id) FROM audit WHERE id > chain.id))"
	"INSERT INTO temp.audit_chain SELECT id, h FROM chain WHERE id > 0;"
	"UPDATE audit SET hash = (SELECT h FROM temp.audit_chain c WHERE c.id = audit.id);"
	"DROP TABLE temp.audit_chain;";

/* 5: a cadre's career. Appointments (the open one is the current post:
 * today's positions become open appointments with unknown dates),
 * departures from the list (the cadre and every record stay, for history
 * and the reports of earlier years), the discipline register of cadres
 * and organisations, and the planning pool by title. Dates are ISO text,
 * '' = unknown. */
static const char migration_5[] =
	"CREATE TABLE appointment("
	" id INTEGER PRIMARY KEY,"
	" cadre_id INTEGER NOT NULL REFERENCES cadre(id) ON DELETE CASCADE,"
	" kind INTEGER NOT NULL CHECK(kind BETWEEN 1 AND 7),"
	" position TEXT NOT NULL,"
	" pos_rank INTEGER NOT NULL DEFAULT 0,"
	" unit_id INTEGER REFERENCES unit(id),"
	" org_id INTEGER REFERENCES org(id) ON DELETE SET NULL,"
	" decision TEXT NOT NULL DEFAULT '',"
	" decided_on TEXT NOT NULL DEFAULT '',"
	" start_on TEXT NOT NULL DEFAULT '',"
	" term_end TEXT NOT NULL DEFAULT '',"
	" ended_on TEXT NOT NULL DEFAULT '',"
	" end_reason INTEGER NOT NULL DEFAULT 0,"
	" version INTEGER NOT NULL DEFAULT 1);"
	"CREATE INDEX appointment_cadre ON appointment(cadre_id);"
	"CREATE INDEX appointment_open_term ON appointment(term_end) WHERE end_reason = 0;"
	"INSERT INTO appointment(cadre_id, kind, position, pos_rank, unit_id, org_id)"
	" SELECT id, 1, position, pos_rank, unit_id, org_id FROM cadre;"
	"CREATE TABLE departure("
	" cadre_id INTEGER PRIMARY KEY REFERENCES cadre(id) ON DELETE CASCADE,"
	" kind INTEGER NOT NULL CHECK(kind BETWEEN 1 AND 5),"
	" left_on TEXT NOT NULL CHECK(length(left_on) = 10),"
	" decision TEXT NOT NULL DEFAULT '',"
	" note TEXT NOT NULL DEFAULT '',"
	" version INTEGER NOT NULL DEFAULT 1);"
	"CREATE INDEX departure_on ON departure(left_on);"
	"CREATE TABLE discipline("
	" id INTEGER PRIMARY KEY,"
	" cadre_id INTEGER REFERENCES cadre(id) ON DELETE CASCADE,"
	" org_id INTEGER REFERENCES org(id) ON DELETE CASCADE,"
	" form TEXT NOT NULL,"
	" decision TEXT NOT NULL DEFAULT '',"
	" authority TEXT NOT NULL DEFAULT '',"
	" decided_on TEXT NOT NULL DEFAULT '',"
	" announced_on TEXT NOT NULL CHECK(length(announced_on) = 10),"
	" reason TEXT NOT NULL DEFAULT '',"
	" lapse_on TEXT NOT NULL DEFAULT '',"
	" bar_until TEXT NOT NULL DEFAULT '',"
	" annulled_on TEXT NOT NULL DEFAULT '',"
	" annul_reason TEXT NOT NULL DEFAULT '',"
	" version INTEGER NOT NULL DEFAULT 1,"
	" CHECK((cadre_id IS NULL) <> (org_id IS NULL)));"
	"CREATE INDEX discipline_cadre ON discipline(cadre_id) WHERE cadre_id IS NOT NULL;"
	"CREATE INDEX discipline_org ON discipline(org_id) WHERE org_id IS NOT NULL;"
	"CREATE INDEX discipline_lapse ON discipline(lapse_on);"
	"CREATE TABLE pool("
	" id INTEGER PRIMARY KEY,"
	" cadre_id INTEGER NOT NULL REFERENCES cadre(id) ON DELETE CASCADE,"
	" term TEXT NOT NULL,"
	" title TEXT NOT NULL,"
	" unit_id INTEGER NOT NULL REFERENCES unit(id),"
	" added_on TEXT NOT NULL DEFAULT '',"
	" removed_on TEXT NOT NULL DEFAULT '',"
	" removed_reason TEXT NOT NULL DEFAULT '',"
	" version INTEGER NOT NULL DEFAULT 1);"
	"CREATE INDEX pool_cadre ON pool(cadre_id);"
	"CREATE INDEX pool_title ON pool(term, unit_id, title);"
	"CREATE UNIQUE INDEX pool_entry ON pool(cadre_id, term, title, unit_id) WHERE removed_on = "
	"'';";

/* 6-9: no change; the numbers are kept so that every database counts its
 * migrations alike. */
static const char migration_6[] = "";
static const char migration_7[] = "";
static const char migration_8[] = "";
static const char migration_9[] = "";

/* 10: evaluations by period (term, year, quarter, month, when needed) on a
 * 100-point frame, with the stages self-assessment -> collective review ->
 * proposal -> decision, each dated and signed by its Unix user. Scores are
 * hundredths of a point; `computed` is the grade the rules propose from the
 * score and the tasks when they were recorded. The yearly rating stays in
 * `rating`: deciding a year's evaluation sets it in the same transaction,
 * and a rating with no evaluation reads as a decided one without scores. */
static const char migration_10[] =
	"CREATE TABLE evaluation("
	" id INTEGER PRIMARY KEY,"
	" cadre_id INTEGER REFERENCES cadre(id) ON DELETE CASCADE,"
	" org_id INTEGER REFERENCES org(id) ON DELETE CASCADE,"
	" period TEXT NOT NULL,"
	" kind INTEGER NOT NULL CHECK(kind BETWEEN 1 AND 5),"
	" year INTEGER NOT NULL,"
	" score INTEGER CHECK(score BETWEEN 0 AND 10000),"
	" assigned INTEGER NOT NULL DEFAULT 0 CHECK(assigned >= 0),"
	" on_time INTEGER NOT NULL DEFAULT 0 CHECK(on_time >= 0),"
	" late INTEGER NOT NULL DEFAULT 0 CHECK(late >= 0),"
	" exceeded INTEGER NOT NULL DEFAULT 0 CHECK(exceeded >= 0),"
	" note TEXT NOT NULL DEFAULT '',"
	" computed INTEGER CHECK(computed BETWEEN 1 AND 4),"
	" self_grade INTEGER CHECK(self_grade BETWEEN 1 AND 4),"
	" self_on TEXT NOT NULL DEFAULT '',"
	" self_by TEXT NOT NULL DEFAULT '',"
	" reviewed_on TEXT NOT NULL DEFAULT '',"
	" reviewed_by TEXT NOT NULL DEFAULT '',"
	" proposed INTEGER CHECK(proposed BETWEEN 1 AND 4),"
	" proposed_on TEXT NOT NULL DEFAULT '',"
	" proposed_by TEXT NOT NULL DEFAULT '',"
	" grade INTEGER CHECK(grade BETWEEN 1 AND 4),"
	" decided_on TEXT NOT NULL DEFAULT '',"
	" decided_by TEXT NOT NULL DEFAULT '',"
	" reason TEXT NOT NULL DEFAULT '',"
	" version INTEGER NOT NULL DEFAULT 1,"
	" CHECK(on_time + late <= assigned AND exceeded <= on_time + late),"
	" CHECK((grade IS NULL) = (decided_on = '')),"
	" CHECK((cadre_id IS NULL) <> (org_id IS NULL)));"
	"CREATE UNIQUE INDEX evaluation_cadre ON evaluation(cadre_id, period) WHERE cadre_id IS "
	"NOT NULL;"
	"CREATE UNIQUE INDEX evaluation_org ON evaluation(org_id, period) WHERE org_id IS NOT NULL;"
	"CREATE INDEX evaluation_period ON evaluation(period, grade);"
	"CREATE TABLE evaluation_score("
	" id INTEGER PRIMARY KEY,"
	" evaluation_id INTEGER NOT NULL REFERENCES evaluation(id) ON DELETE CASCADE,"
	" grp INTEGER NOT NULL CHECK(grp BETWEEN 1 AND 9),"
	" points INTEGER NOT NULL CHECK(points BETWEEN 0 AND 10000),"
	" UNIQUE(evaluation_id, grp));";

/* 11: a party organisation ends (dissolved, or merged into another) on a
 * date and stays in the records of the years it existed. */
static const char migration_11[] =
	"ALTER TABLE org ADD COLUMN ended TEXT;"
	"ALTER TABLE org ADD COLUMN end_reason INTEGER NOT NULL DEFAULT 0"
	" CHECK(end_reason BETWEEN 0 AND 2);"
	"ALTER TABLE org ADD COLUMN merged_into INTEGER REFERENCES org(id);";

/* 12: records that keep their identity between offices (sync.h). A row's
 * identity is uid when set, else this office's code and the row's id
 * ("80-794:1234"): no other office can make it, so nothing needs writing
 * for the rows an office already has. A row that arrives from another
 * office keeps the identity it was born with in uid. Here too: what this
 * office has changed since its last export (each write's changeset), what
 * it has applied from others, which of their ids are which of ours, their
 * audit rows, and the conflicts waiting for a person. */
static const char migration_12[] =
	"ALTER TABLE org ADD COLUMN uid TEXT;"
	"ALTER TABLE cadre ADD COLUMN uid TEXT;"
	"ALTER TABLE rating ADD COLUMN uid TEXT;"
	"ALTER TABLE training ADD COLUMN uid TEXT;"
	"ALTER TABLE planning ADD COLUMN uid TEXT;"
	"ALTER TABLE plan ADD COLUMN uid TEXT;"
	"ALTER TABLE plan_item ADD COLUMN uid TEXT;"
	"ALTER TABLE plan_note ADD COLUMN uid TEXT;"
	"ALTER TABLE selfcheck ADD COLUMN uid TEXT;"
	"ALTER TABLE appointment ADD COLUMN uid TEXT;"
	"ALTER TABLE discipline ADD COLUMN uid TEXT;"
	"ALTER TABLE pool ADD COLUMN uid TEXT;"
	"ALTER TABLE evaluation ADD COLUMN uid TEXT;"
	"ALTER TABLE evaluation_score ADD COLUMN uid TEXT;"
	"CREATE UNIQUE INDEX org_uid ON org(uid) WHERE uid IS NOT NULL;"
	"CREATE UNIQUE INDEX cadre_uid ON cadre(uid) WHERE uid IS NOT NULL;"
	"CREATE TABLE sync_self("
	" id INTEGER PRIMARY KEY CHECK(id = 1),"
	" office TEXT NOT NULL CHECK(length(office) > 0),"
	" seq INTEGER NOT NULL DEFAULT 0,"
	" exported_at TEXT);"
	"CREATE TABLE sync_outbox("
	" id INTEGER PRIMARY KEY,"
	" at TEXT NOT NULL,"
	" data BLOB NOT NULL,"
	" seq INTEGER);" /* the export that carried it, NULL = not yet */
	"CREATE INDEX sync_outbox_seq ON sync_outbox(seq);"
	"CREATE TABLE sync_applied("
	" office TEXT NOT NULL,"
	" seq INTEGER NOT NULL,"
	" hash TEXT NOT NULL,"
	" made_at TEXT NOT NULL,"
	" applied_at TEXT NOT NULL,"
	" user TEXT NOT NULL,"
	" changes INTEGER NOT NULL,"
	" conflicts INTEGER NOT NULL,"
	" PRIMARY KEY(office, seq)) WITHOUT ROWID;"
	"CREATE TABLE sync_map("
	" office TEXT NOT NULL,"
	" tbl TEXT NOT NULL,"
	" remote_id INTEGER NOT NULL,"
	" local_id INTEGER NOT NULL,"
	" PRIMARY KEY(office, tbl, remote_id)) WITHOUT ROWID;"
	"CREATE TABLE sync_conflict("
	" id INTEGER PRIMARY KEY,"
	" office TEXT NOT NULL,"
	" seq INTEGER NOT NULL,"
	" tbl TEXT NOT NULL,"
	" local_id INTEGER,"
	" remote_id INTEGER,"
	" kind TEXT NOT NULL,"
	" theirs TEXT,"
	" ours TEXT,"
	" found_at TEXT NOT NULL,"
	" resolved_at TEXT,"
	" resolved_by TEXT);"
	"CREATE INDEX sync_conflict_open ON sync_conflict(resolved_at);"
	"CREATE TABLE sync_audit("
	" office TEXT NOT NULL,"
	" remote_id INTEGER NOT NULL,"
	" at TEXT NOT NULL,"
	" user TEXT NOT NULL,"
	" tbl TEXT NOT NULL,"
	" row_id INTEGER NOT NULL,"
	" local_row INTEGER,"
	" action TEXT NOT NULL,"
	" old TEXT,"
	" new TEXT,"
	" hash BLOB,"
	" PRIMARY KEY(office, remote_id)) WITHOUT ROWID;";

/* The cadre's codes from the lists of lists.ini (model.h): religion,
 * academic title, general education, state management, foreign language,
 * IT. Rows written before keep NULL: not recorded, never a guess. */
static const char migration_13[] = "ALTER TABLE cadre ADD COLUMN religion INTEGER;"
				   "ALTER TABLE cadre ADD COLUMN academic_title INTEGER;"
				   "ALTER TABLE cadre ADD COLUMN general_education INTEGER;"
				   "ALTER TABLE cadre ADD COLUMN state_management INTEGER;"
				   "ALTER TABLE cadre ADD COLUMN foreign_language INTEGER;"
				   "ALTER TABLE cadre ADD COLUMN it_level INTEGER;";

/* 14: units have a life (units.h): the day they came into force and the
 * day they ended (NULL = in force), and the unit that took their records.
 * An ended unit stays for the records of the years it existed; a cadre or
 * organisation moved out of it keeps, in unit_history, which unit it was
 * in until when, so that a report of an earlier year counts it where it
 * was then. */
static const char migration_14[] =
	"ALTER TABLE unit ADD COLUMN valid_from TEXT;"
	"ALTER TABLE unit ADD COLUMN ended TEXT;"
	"ALTER TABLE unit ADD COLUMN successor_id INTEGER REFERENCES unit(id);"
	"CREATE TABLE unit_history("
	" tbl TEXT NOT NULL CHECK(tbl IN ('cadre', 'org')),"
	" row_id INTEGER NOT NULL,"
	" unit_id INTEGER NOT NULL REFERENCES unit(id),"
	" until TEXT NOT NULL CHECK(length(until) = 10),"
	" PRIMARY KEY(tbl, row_id, until)) WITHOUT ROWID;"
	"CREATE INDEX unit_history_until ON unit_history(until);";

/* 15: each cadre's yearly facts (grade, kinds of training, pool
 * membership) in one compact row per cadre and year, kept by triggers on
 * every write of the records and filled here from those already there
 * (store_summary.h). */
static const char migration_15[] = SUMMARY_TABLE_SQL SUMMARY_FILL_SQL SUMMARY_TRIGGERS_SQL;

/* Indexes on cadre are created by store_ensure_indexes() (after a bulk
 * load they are built once at the end, which is much faster). cadre_unit
 * and cadre_birth end in rank so that a list by unit or by age, ties in
 * name order, is an index walk; cadre_unit also carries the folded name so
 * that a search within a commune reads no table rows; unit_lo lets a list
 * by unit walk the units in tree order. */
/* 16: cadre_birth carries what the calendar of retirements reads of the
 * cadres born in a month (gender, name, unit, organisation), in place of
 * a second index of its own: every cadre written pays for one index
 * fewer (an import into 100 000 cadres held the write lock some 0.4 s
 * longer with both). store_ensure_indexes makes the new one. */
static const char migration_16[] = "DROP INDEX IF EXISTS cadre_retire;"
				   "DROP INDEX IF EXISTS cadre_birth;";

/* 17: the search index carries each cadre's unit as a token of its own
 * (column place, search_index.h), so that a name searched within a
 * district is matched against the district's units in the index itself
 * instead of each match's row being read. Rebuilt from the cadres: some
 * 15 s for a million. */
static const char migration_17[] =
	"DROP TABLE cadre_fts;"
	"CREATE VIRTUAL TABLE cadre_fts USING fts5("
	" name, place, content='', prefix='1 2 3', tokenize='unicode61 remove_diacritics 0');"
	"INSERT INTO cadre_fts(rowid, name, place)"
	" SELECT rank, name_fold, " SEARCH_PLACE_SQL("unit_id") " FROM cadre ORDER BY rank;";

const char *const store_migrations[] = {
	migration_1,  migration_2,  migration_3,  migration_4,	migration_5,  migration_6,
	migration_7,  migration_8,  migration_9,  migration_10, migration_11, migration_12,
	migration_13, migration_14, migration_15, migration_16, migration_17};
const int store_migration_count = (int)(sizeof store_migrations / sizeof store_migrations[0]);

const char store_cadre_indexes[] =
	"CREATE UNIQUE INDEX IF NOT EXISTS cadre_rank ON cadre(rank);"
	"CREATE INDEX IF NOT EXISTS cadre_sort ON cadre(sort_key);"
	"CREATE INDEX IF NOT EXISTS cadre_unit ON cadre(unit_id, rank, name_fold);"
	"CREATE INDEX IF NOT EXISTS cadre_org ON cadre(org_id);"
	/* after birth date and rank, what the calendar of retirements reads
	 * of the cadres born in a month (career_due_walk.c): gender, the name
	 * that orders a day's retirements, and what scopes them (unit,
	 * organisation), so a month costs a few pages of this index and no
	 * table rows */
	"CREATE INDEX IF NOT EXISTS cadre_birth ON cadre(birth_date, rank, gender, full_name,"
	" unit_id, org_id);"
	/* the order of an official list within a unit (search_sql.c's POSKEY,
	 * spelled alike so that SQLite matches the expression): a list in
	 * that order walks it instead of sorting each unit's cadres */
	"CREATE INDEX IF NOT EXISTS cadre_unit_post ON cadre(unit_id,"
	" (CASE WHEN pos_rank > 0 THEN pos_rank ELSE 15 END), rank);"
	/* what the breakdowns and the targets read of every cadre: unit, the
	 * small codes and the birth date packed into one value, organisation.
	 * A count reads this index (a tenth of the table) and never the rows.
	 * A changed STATS_PACK_SQL needs a new index name. */
	"CREATE INDEX IF NOT EXISTS cadre_pack ON cadre(unit_id, " STATS_PACK_SQL ", org_id);"
	/* a year's ratings and trainings of cadres, read without the rows (not
	 * a partial index: testing cadre_id on each entry would cost half as
	 * much again as reading it) */
	"CREATE INDEX IF NOT EXISTS rating_year ON rating(year, cadre_id, grade);"
	"CREATE INDEX IF NOT EXISTS training_year ON training(year, kind, cadre_id);"
	/* databases made while name_word was being introduced lack it */
	"CREATE TABLE IF NOT EXISTS name_word(word TEXT PRIMARY KEY) WITHOUT ROWID;";
