/* store_fixture.h - a temporary database with part of Long An's units
 * (province, two districts, four communes) and helpers to add cadres.
 * Today is fixed at 2025-06-15 through $CANBO_TODAY. Tests that write
 * their rows by hand in SQL start from sf_open_sql instead. */
#ifndef CANBO_TEST_STORE_FIXTURE_H
#define CANBO_TEST_STORE_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "audit.h"
#include "fixture.h"
#include "sql_fixture.h"
#include "config.h"
#include "filter.h"
#include "search.h"
#include "store.h"

#define SF_TODAY "2025-06-15"

/* The units in pre-order, as a configuration gives them; a test that
 * needs more starts its own table with SF_UNITS (parents are indexes). */
#define SF_UNITS                                                                                   \
	{"80", "Tỉnh Long An", "tỉnh", 1, -1}, {"794", "Thành phố Tân An", "thành phố", 2, 0},     \
		{"27694", "Phường 1", "phường", 3, 1},                                             \
		{"27692", "Phường Tân Khánh", "phường", 3, 1},                                     \
		{"802", "Huyện Đức Hòa", "huyện", 2, 0},                                           \
		{"27931", "Thị trấn Hậu Nghĩa", "thị trấn", 3, 4},                                 \
	{                                                                                          \
		"27940", "Xã Lộc Giang", "xã", 3, 4                                                \
	}

static cfg_unit sf_units[] = {SF_UNITS};

static cfg sf_cfg;
static char sf_dir[256];

/* The store of the running test, for suites whose every test starts from
 * sf_open: sf_setup and sf_teardown are their cmocka fixtures. */
static store *S;

/* A new empty database in a fresh temporary directory. */
static inline store *sf_create(void)
{
	char path[300];
	store *s = NULL;
	cb_error err;
	assert_non_null(fixture_tmpdir(sf_dir, sizeof sf_dir));
	snprintf(path, sizeof path, "%s/t.db", sf_dir);
	assert_int_equal(store_open(&s, path, STORE_CREATE, &err), CB_OK);
	return s;
}

static inline store *sf_open(void)
{
	store *s;
	cb_error err;
	setenv("CANBO_TODAY", SF_TODAY, 1);
	s = sf_create();
	sf_cfg.tiers = 3;
	sf_cfg.units = sf_units;
	sf_cfg.unit_count = sizeof sf_units / sizeof sf_units[0];
	sf_cfg.age_min = 18;
	sf_cfg.age_max = 65;
	assert_int_equal(store_sync_units(s, &sf_cfg, &err), CB_OK);
	return s;
}

/* A new database filled by the SQL script world (units, organisations,
 * cadres written by hand); today is left to the test. */
static inline store *sf_open_sql(const char *world)
{
	store *s = sf_create();
	assert_int_equal(sqlite3_exec(store_db(s), world, NULL, NULL, NULL), SQLITE_OK);
	return s;
}

/* The one text of a query's one row (the caller frees it). */
static inline char *sf_text(store *s, const char *sql)
{
	sqlite3_stmt *st;
	char *out;
	assert_int_equal(sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	const char *t = (const char *)sqlite3_column_text(st, 0);
	out = strdup(t ? t : "");
	sqlite3_finalize(st);
	assert_non_null(out);
	return out;
}

/* The texts of the queries parts[0..n) (sf_text), one line each: what
 * two databases must hold alike (the caller frees it). */
static inline char *sf_texts(store *s, const char *const *parts, size_t n)
{
	char *all = strdup("");
	assert_non_null(all);
	for (size_t i = 0; i < n; i++) {
		char *part = sf_text(s, parts[i]);
		size_t len = strlen(all) + strlen(part) + 2;
		char *both = malloc(len);
		assert_non_null(both);
		snprintf(both, len, "%s%s\n", all, part);
		free(all);
		free(part);
		all = both;
	}
	return all;
}

/* The audit chain of s verifies whole, over `rows` entries. */
static inline void sf_expect_chain_holds(store *s, int64_t rows)
{
	audit_verdict v;
	cb_error err;
	assert_int_equal(store_audit_verify(s, &v, &err), CB_OK);
	assert_int_equal(v.broken_at, 0);
	assert_int_equal(v.rows, rows);
}

static inline void sf_close(store *s)
{
	store_close(s);
	fixture_rmtree(sf_dir);
}

static inline int sf_setup(void **state)
{
	(void)state;
	S = sf_open();
	return 0;
}

static inline int sf_teardown(void **state)
{
	(void)state;
	sf_close(S);
	return 0;
}

static inline unit_row sf_unit(store *s, const char *code)
{
	unit_row u;
	cb_error err;
	assert_int_equal(store_unit_by_code(s, code, &u, &err), CB_OK);
	return u;
}

/* A valid cadre of a commune of Tân An, to be adjusted by the test. */
static inline void sf_cadre(store *s, cadre *cd, const char *name, const char *birth, int gender)
{
	memset(cd, 0, sizeof *cd);
	snprintf(cd->full_name, sizeof cd->full_name, "%s", name);
	snprintf(cd->birth_date, sizeof cd->birth_date, "%s", birth);
	cd->gender = gender;
	snprintf(cd->ethnicity, sizeof cd->ethnicity, "Kinh");
	cd->unit_id = sf_unit(s, "27694").id;
	snprintf(cd->position, sizeof cd->position, "Phó Bí thư Đảng ủy phường");
	cd->pos_rank = 2;
	cd->education = 4;
	cd->theory = 3;
}

static inline int64_t sf_add(store *s, const char *name, const char *birth, int gender)
{
	cadre cd;
	cb_error err;
	sf_cadre(s, &cd, name, birth, gender);
	int rc = store_cadre_insert(s, &cd, &sf_cfg, &err);
	if (rc)
		fail_msg("insert %s: %s", name, err.msg);
	return cd.id;
}

static inline int64_t sf_count(store *s, const char *sql)
{
	return fixture_sql_int(s, sql);
}

/* How many cadres the first window of 50 of a list in name order holds:
 * what is typed (NULL for nothing), within a unit's subtree (NULL: the
 * reader's whole scope). */
static inline size_t sf_listed(store *s, const char *text, const char *unit_code)
{
	search_query q = {.text = text, .sort = SORT_NAME};
	search_hit *hits;
	size_t n;
	cb_error err;
	filter_init(&q.filter);
	if (unit_code) {
		unit_row u = sf_unit(s, unit_code);
		q.filter.unit_lo = u.lo;
		q.filter.unit_hi = u.hi;
	}
	assert_int_equal(search_fetch(s, &q, 0, false, 50, &hits, &n, &err), CB_OK);
	free(hits);
	return n;
}

/* The names of a whole search, in list order. */
static inline size_t sf_names(store *s, const search_query *q, char names[][CADRE_NAME_MAX],
			      size_t cap)
{
	search_hit *hits;
	size_t n, total = 0;
	cb_error err;
	assert_int_equal(search_fetch(s, q, 0, false, 0, &hits, &n, &err), CB_OK);
	for (size_t i = 0; i < n && total < cap; i++)
		snprintf(names[total++], CADRE_NAME_MAX, "%s", hits[i].c.full_name);
	free(hits);
	return total;
}

/* Checks that each cadre's audit entry is the cadre as it reads back now,
 * under its id; returns how many entries were checked. */
static inline int sf_audit_reads_back(store *s)
{
	sqlite3_stmt *st;
	int rows = 0;
	assert_int_equal(sqlite3_prepare_v2(store_db(s),
					    "SELECT row_id, new FROM audit WHERE tbl = 'cadre'", -1,
					    &st, NULL),
			 SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		cadre now;
		cb_error err;
		assert_int_equal(store_cadre_get(s, sqlite3_column_int64(st, 0), &now, &err),
				 CB_OK);
		char *json = cadre_to_json(&now);
		assert_string_equal((const char *)sqlite3_column_text(st, 1), json);
		free(json);
		rows++;
	}
	sqlite3_finalize(st);
	return rows;
}

/* A changeset or snapshot written to memory (sync_* writers' callback). */
typedef struct mem {
	unsigned char *p;
	size_t n;
} mem;

static inline int to_mem(const void *data, size_t n, void *ctx)
{
	mem *m = ctx;
	free(m->p);
	m->p = malloc(n);
	if (!m->p)
		return 1;
	memcpy(m->p, data, n);
	m->n = n;
	return 0;
}

#endif
