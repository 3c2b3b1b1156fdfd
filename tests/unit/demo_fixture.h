/* demo_fixture.h - a demo province for a group of tests: the shipped
 * configuration and the demo's people of one seed and size, in a database
 * file of a fresh temporary directory (fixture_rmtree removes it). */
#ifndef CANBO_TEST_DEMO_FIXTURE_H
#define CANBO_TEST_DEMO_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>

#include "access.h"
#include "config.h"
#include "demo.h"
#include "fixture.h"
#include "sql_fixture.h"
#include "store.h"
#include "store_sql.h"

/* Makes dir (cap bytes), loads *conf, builds *db; copies the database's
 * path into db_path and the demo's counts into *made when they are not
 * NULL. 0, or -1 with the reason on stderr. */
static inline int demo_fixture_build(char *dir, size_t cap, uint64_t seed, long cadres, cfg **conf,
				     store **db, char *db_path, size_t path_cap, demo_stats *made)
{
	demo_options o = {.seed = seed, .cadres = cadres};
	demo_stats st;
	cb_error err = {0};
	char path[512];

	if (!fixture_tmpdir(dir, cap))
		return -1;
	snprintf(path, sizeof path, "%s/config", fixture_source_dir());
	if (config_load_dir(conf, path, &err) != CB_OK) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	snprintf(path, sizeof path, "%s/demo.db", dir);
	if (db_path)
		snprintf(db_path, path_cap, "%s", path);
	if (store_open(db, path, STORE_CREATE | STORE_BULK, &err) != CB_OK ||
	    store_sync_units(*db, *conf, &err) != CB_OK ||
	    demo_build(*db, *conf, &o, made ? made : &st, &err) != CB_OK) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	return 0;
}

/* Closes the bulk-built *db and opens it as the application does (the
 * counting indexes made), then has the cadres whose id % mod == rem
 * leave: odd ids on 2024-01-15, even ones on 2026-03-01 (before and
 * after the suites' reference day). 0, or -1 with the reason on stderr. */
static inline int demo_fixture_reopen_with_departures(store **db, const char *db_path, int mod,
						      int rem)
{
	cb_error err = {0};
	char sql[256];

	store_close(*db);
	if (store_open(db, db_path, 0, &err) != CB_OK) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	snprintf(sql, sizeof sql,
		 "INSERT INTO departure(cadre_id, kind, left_on)"
		 " SELECT id, 1, CASE WHEN id %% 2 THEN '2024-01-15' ELSE '2026-03-01' END"
		 " FROM cadre WHERE id %% %d = %d",
		 mod, rem);
	if (sqlite3_exec(store_db(*db), sql, NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "%s\n", sqlite3_errmsg(store_db(*db)));
		return -1;
	}
	return 0;
}

/* Holds db to the first three districts of conf whose bit is set in mask
 * (in configuration order, so the first and third bound the same interval
 * whether the second is in or not: mask 5 is a scope with a hole). 0, or
 * -1 with the reason on stderr. */
static inline int demo_fixture_scope_districts(store *db, const cfg *conf, unsigned mask)
{
	size_t n = conf->unit_count;
	bool *units = calloc(n, 1), *readable = calloc(n, 1);
	int district[3], k = 0, rc = -1;
	access_scope sc = {0};
	cb_error err = {0};

	for (size_t i = 0; units && readable && i < n && k < 3; i++)
		if (conf->units[i].tier == 2)
			district[k++] = (int)i;
	if (k == 3) {
		for (size_t i = 0; i < n; i++) {
			readable[i] = true;
			for (int j = (int)i; j >= 0; j = conf->units[j].parent)
				for (int b = 0; b < 3; b++)
					if (j == district[b] && (mask >> b & 1))
						units[i] = true;
		}
		sc.units = units;
		sc.readable = readable;
		rc = store_scope_from(db, conf, &sc, &err) == CB_OK ? 0 : -1;
		if (rc)
			fprintf(stderr, "%s\n", err.msg);
	}
	free(units);
	free(readable);
	return rc;
}

#endif
