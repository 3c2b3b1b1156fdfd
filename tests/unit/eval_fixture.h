/* eval_fixture.h - the evaluation tests' database (store_fixture.h): the
 * province and two districts, numbered cadres "Cán bộ i" with no history,
 * the shipped evaluation rules, and recording an evaluation. A test file
 * writes its own world (ratings, plans, organisations) after EF_UNITS and
 * EF_CADRES, and runs every test between ef_setup and ef_teardown. */
#ifndef CANBO_TEST_EVAL_FIXTURE_H
#define CANBO_TEST_EVAL_FIXTURE_H

#include "store_fixture.h"

#include "eval_store.h"

static store *db;
static cb_error err;
static eval_rules rules;

/* Long An (1), Tân An (2) and Bến Lức (3), with their pre-order spans. */
#define EF_UNITS                                                                                   \
	"INSERT INTO unit(id, code, name, kind, tier, parent_id, lo, hi) VALUES"                   \
	" (1, '80', 'Tỉnh Long An', 'tỉnh', 1, NULL, 1, 3),"                                   \
	" (2, '794', 'Thành phố Tân An', 'thành phố', 2, 1, 2, 2),"                         \
	" (3, '803', 'Huyện Bến Lức', 'huyện', 2, 1, 3, 3);"

/* Cadres 1..n "Cán bộ i", born 30/04/1975, whose unit and organisation
 * are the SQL expressions unit and org of i (org NULL: none). */
#define EF_CADRES(n, unit, org)                                                                    \
	"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " #n ")"         \
	" INSERT INTO cadre(id, full_name, name_fold, sort_key, rank, birth_date, gender,"         \
	" ethnicity, unit_id, org_id, position, pos_rank, level, education, theory)"               \
	" SELECT i, 'Cán bộ ' || i, 'can bo ' || i, x'01', i * 1024, '1975-04-30', 1, "         \
	"'Kinh', " unit ", " org ", 'Chuyên viên', 5, 2, 4, 2 FROM n;"

/* The world's database and the shipped rules, today SF_TODAY. */
static inline int ef_open(const char *world)
{
	char path[4096];

	setenv("CANBO_TODAY", SF_TODAY, 1);
	snprintf(path, sizeof path, "%s/config/evaluation.ini", fixture_source_dir());
	if (eval_rules_load_file(path, &rules, &err))
		return -1;
	db = sf_open_sql(world);
	cb_error_clear(&err);
	return 0;
}

static inline int ef_teardown(void **state)
{
	(void)state;
	sf_close(db);
	eval_rules_free(&rules);
	return 0;
}

/* Records cadre's evaluation of period with group scores common and
 * results (hundredths) and tasks t, into *e. */
static inline void ef_record(evaluation *e, int64_t cadre_id, const char *period, int common,
			     int results, eval_tasks t)
{
	eval_period p;

	assert_true(eval_period_parse(period, &p));
	eval_init(e, false, cadre_id, &p);
	e->scores[0] = common;
	e->scores[1] = results;
	e->tasks = t;
	assert_int_equal(eval_save(db, &rules, e, &err), CB_OK);
}

#endif
