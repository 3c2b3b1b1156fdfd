/* demo.c - builds the demo province (include/demo.h).
 *
 * The build is one transaction (the store's bulk load: rows written many
 * to a statement, no audit row per record), in a fixed order:
 * organisations and their ratings, cadres (each with its ratings, trainings
 * and planning entry), then action plans (inserted with statements prepared
 * here, as the bulk API has none). The people come from one
 * xoshiro256** stream and their records from another, so the rows - and,
 * the database being fresh, their ids - depend only on the seed, the size
 * and the configuration.
 *
 * store_bulk_end builds the search index and the cadre indexes once at
 * the end, far faster than keeping them in order row by row.
 *
 * This file sets the build up (streams, word lists, pragmas, the plan
 * statements) and runs it; the parts are demo_orgs.c (units and party
 * organisations), demo_cadres.c with demo_posts.c (the people and their
 * posts) and demo_plans.c; demo_rng.c is the random stream and
 * demo_internal.h what they share.
 */
#include <stddef.h>
#include <unistd.h>

#include "demo_internal.h"

/* ---- setup and the whole build ------------------------------------------ */

/* The statements the store's bulk API has no call for (plans), prepared
 * inside the bulk transaction. */
static int prepare_all(build *b)
{
	static const struct {
		size_t offset;
		const char *sql;
	} stmts[] = {
		{offsetof(build, ins_plan), "INSERT INTO plan(id, cadre_id, org_id, year, sources, "
					    "adopted_on) VALUES(?,?,?,?,?,?)"},
		{offsetof(build, ins_item),
		 "INSERT INTO plan_item(id, plan_id, source, shortcoming, cause, responsibility,"
		 " responsible, measures, deadline, in_charge, state, remedied_on, verified_by,"
		 " verified_on, verdict, carried_from) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"},
		{offsetof(build, ins_note),
		 "INSERT INTO plan_note(item_id, noted_on, author, text) VALUES(?,?,?,?)"},
	};
	for (size_t i = 0; i < sizeof stmts / sizeof stmts[0]; i++) {
		sqlite3_stmt **slot = (sqlite3_stmt **)((char *)b + stmts[i].offset);
		if (sqlite3_prepare_v3(b->db, stmts[i].sql, -1, SQLITE_PREPARE_PERSISTENT, slot,
				       NULL) != SQLITE_OK)
			return fail_db(b, _("Preparing the demo build"));
	}
	return CB_OK;
}

static int pickers_init(build *b)
{
	struct {
		picker *p;
		const demo_list *l;
	} all[] = {
		{&b->surnames, &demo_surnames},
		{&b->surnames_khmer, &demo_surnames_khmer},
		{&b->surnames_hoa, &demo_surnames_hoa},
		{&b->middle_m, &demo_middle_male},
		{&b->middle_f, &demo_middle_female},
		{&b->given_m, &demo_given_male},
		{&b->given_f, &demo_given_female},
		{&b->ethnicities, &demo_ethnicities},
		{&b->agencies, &demo_province_agencies},
		{&b->agency_offices, &demo_agency_offices},
		{&b->district_offices, &demo_district_offices},
		{&b->shortcomings, &demo_shortcomings},
		{&b->causes, &demo_causes},
		{&b->measures, &demo_measures},
		{&b->progress, &demo_progress},
		{&b->courses[0], &demo_courses_party},
		{&b->courses[1], &demo_courses_leadership},
		{&b->courses[2], &demo_courses_title},
		{&b->courses[3], &demo_courses_other},
	};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (demo_picker_init(all[i].p, all[i].l))
			return cb_error_set(b->err, CB_EDB, _("Out of memory"));
	return CB_OK;
}

static void build_free(build *b)
{
	sqlite3_stmt *all[] = {b->ins_plan, b->ins_item, b->ins_note, b->cadre_name};
	picker *pk[] = {&b->surnames,	&b->surnames_khmer, &b->surnames_hoa,	  &b->middle_m,
			&b->middle_f,	&b->given_m,	    &b->given_f,	  &b->ethnicities,
			&b->agencies,	&b->agency_offices, &b->district_offices, &b->shortcomings,
			&b->causes,	&b->measures,	    &b->progress,	  &b->courses[0],
			&b->courses[1], &b->courses[2],	    &b->courses[3]};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		sqlite3_finalize(all[i]);
	for (size_t i = 0; i < sizeof pk / sizeof pk[0]; i++)
		free(pk[i]->cum);
	for (int l = 0; l < LV_COUNT; l++)
		free(b->by_level[l]);
	free(b->units);
}

static int check_empty(build *b)
{
	sqlite3_stmt *st =
		prepare(b, "SELECT (SELECT count(*) FROM cadre) + (SELECT count(*) FROM org)");
	int rc;
	if (!st)
		return CB_EDB;
	rc = sqlite3_step(st) == SQLITE_ROW ? CB_OK : fail_db(b, _("Reading the database"));
	if (!rc && sqlite3_column_int64(st, 0) > 0)
		rc = cb_error_set(
			b->err, CB_EDB,
			_("The database already holds data; a demo is built into a new file"));
	sqlite3_finalize(st);
	return rc;
}

/* The database is new and is thrown away if the build fails, so the
 * build needs no journal: each page is written once instead of twice (into
 * the WAL, then by the checkpoint). Foreign keys and CHECK constraints are
 * not checked row by row (the rows are made to match by construction, and
 * the unit tests run PRAGMA foreign_key_check and integrity_check over a
 * build): the checks cost more than half of the time of the rating inserts.
 * The sorts of the index builds stay in memory. Afterwards the database is
 * put back in WAL mode (stored in the file) with both checks on. */
static int build_pragmas(build *b, bool building)
{
	const char *sql =
		building ? "PRAGMA journal_mode = OFF; PRAGMA foreign_keys = OFF;"
			   " PRAGMA temp_store = MEMORY; PRAGMA ignore_check_constraints = ON"
			 : "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;"
			   " PRAGMA temp_store = DEFAULT; PRAGMA ignore_check_constraints = OFF";
	if (sqlite3_exec(b->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return fail_db(b, _("Preparing the demo build"));
	return CB_OK;
}

int demo_build(store *s, const cfg *c, const demo_options *o, demo_stats *st, cb_error *err)
{
	build b;
	demo_stats local;
	int rc;

	memset(&b, 0, sizeof b);
	if (!st)
		st = &local;
	memset(st, 0, sizeof *st);
	if (o->cadres < 0 || o->cadres > DEMO_CADRES_MAX)
		return cb_error_set(err, CB_EUSAGE,
				    _("The number of cadres must be between 0 and %d"),
				    DEMO_CADRES_MAX);
	b.o = o;
	b.s = s;
	b.db = store_db(s);
	b.c = c;
	b.st = st;
	b.err = err;
	date_parse_iso(DEMO_REFERENCE, &b.ref);
	demo_rng_seed(&b.rng, o->seed);
	demo_rng_seed(&b.rec, o->seed ^ UINT64_C(0x5265636f72647321));	   /* "Records!" */
	demo_rng_seed(&b.profile, o->seed ^ UINT64_C(0x50726f66696c6521)); /* "Profile!" */
	if ((rc = check_empty(&b)) || (rc = demo_load_units(&b)) || (rc = pickers_init(&b)) ||
	    (rc = build_pragmas(&b, true)) || (rc = store_bulk_begin(s, &b.bulk, err))) {
		build_free(&b);
		return rc;
	}
	if (!(rc = prepare_all(&b)) && !(rc = demo_build_orgs(&b)) &&
	    !(rc = demo_build_cadres(&b, o->cadres)) && !(rc = store_bulk_flush(b.bulk, err)) &&
	    !(rc = demo_build_plans(&b)) &&
	    (access(c->evaluation, F_OK) != 0 ||
	     !(rc = demo_evaluations(s, c, DEMO_LAST_YEAR, o->seed, &st->evaluations, err))) &&
	    !(rc = demo_pool(s, c, &st->pool, err))) {
		build_free(&b); /* finalises the plan statements before the ranking */
		if (!(rc = store_bulk_end(b.bulk, true, err)))
			rc = build_pragmas(&b, false);
		return rc;
	}
	build_free(&b);
	store_bulk_end(b.bulk, false, NULL);
	return rc;
}
