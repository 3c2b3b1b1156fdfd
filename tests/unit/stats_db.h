/* stats_db.h - small hand-built databases for the breakdown and target
 * tests: a piece of Long An (the province, two district-level units with
 * two communes each) and cadres, ratings, trainings, planning and
 * organisations written with plain SQL, so that every expected figure can
 * be worked out by hand. */
#ifndef CANBO_TEST_STATS_DB_H
#define CANBO_TEST_STATS_DB_H

#include <stdint.h>
#include <string.h>

#include "config.h"
#include "filter.h"
#include "store.h"

/* Units in pre-order, as the configuration gives them. */
static cfg_unit sdb_units[] = {
	{"80", "Tỉnh Long An", "tỉnh", 1, -1},
	{"794", "Thành phố Tân An", "thành phố", 2, 0},
	{"27685", "Phường 5", "phường", 3, 1},
	{"27703", "Xã Hướng Thọ Phú", "xã", 3, 1},
	{"795", "Thị xã Kiến Tường", "thị xã", 2, 0},
	{"27787", "Phường 1", "phường", 3, 4},
	{"27790", "Xã Thạnh Trị", "xã", 3, 4},
};

static inline void sdb_config(cfg *c)
{
	static const int defaults[] = {
#define X(id, key, def, brief, desc) def,
		TARGET_LIST(X)
#undef X
	};
	memset(c, 0, sizeof *c);
	c->tiers = 3;
	c->units = sdb_units;
	c->unit_count = sizeof sdb_units / sizeof sdb_units[0];
	c->band_count = 4;
	c->age_bands[0] = 30;
	c->age_bands[1] = 40;
	c->age_bands[2] = 50;
	c->age_bands[3] = 60;
	c->age_min = 18;
	c->age_max = 80;
	memcpy(c->target, defaults, sizeof defaults);
}

/* Opens a fresh database in dir with the units of c. */
static inline store *sdb_open(const char *dir, const cfg *c)
{
	char path[512];
	store *s;
	cb_error err;
	snprintf(path, sizeof path, "%s/stats.db", dir);
	if (store_open(&s, path, STORE_CREATE, &err) != CB_OK)
		return NULL;
	if (store_sync_units(s, c, &err) != CB_OK) {
		store_close(s);
		return NULL;
	}
	return s;
}

static inline int sdb_exec(store *s, const char *sql)
{
	return sqlite3_exec(store_db(s), sql, NULL, NULL, NULL);
}

/* One cadre; returns its id (0 on failure). */
typedef struct sdb_cadre {
	const char *name, *birth;
	int gender;
	const char *ethnicity, *unit;
	int pos_rank, managed, committees, education, theory;
} sdb_cadre;

static inline int64_t sdb_add(store *s, const sdb_cadre *k)
{
	static const char sql[] =
		"INSERT INTO cadre(full_name, name_fold, sort_key, rank, birth_date, gender,"
		" ethnicity, unit_id, position, pos_rank, level, managed, committees,"
		" education, theory)"
		" SELECT ?1, lower(?1), x'00', coalesce((SELECT max(rank) FROM cadre), 0) + 1,"
		" ?2, ?3, ?4, u.id, 'Cán bộ', ?5, u.tier, ?6, ?7, ?8, ?9"
		" FROM unit u WHERE u.code = ?10";
	sqlite3_stmt *st;
	int64_t id = 0;
	if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, k->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, k->birth, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, k->gender);
	sqlite3_bind_text(st, 4, k->ethnicity ? k->ethnicity : "Kinh", -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, k->pos_rank ? k->pos_rank : 7);
	sqlite3_bind_int(st, 6, k->managed);
	sqlite3_bind_int(st, 7, k->committees);
	sqlite3_bind_int(st, 8, k->education);
	sqlite3_bind_int(st, 9, k->theory);
	sqlite3_bind_text(st, 10, k->unit, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_DONE && sqlite3_changes(store_db(s)) == 1)
		id = sqlite3_last_insert_rowid(store_db(s));
	sqlite3_finalize(st);
	return id;
}

static inline int sdb_sql_ints(store *s, const char *sql, int64_t a, int64_t b, int64_t c)
{
	sqlite3_stmt *st;
	int rc;
	if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	sqlite3_bind_int64(st, 3, c);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(st);
	return rc;
}

static inline int sdb_rating(store *s, int64_t who, int year, int grade)
{
	return sdb_sql_ints(s, "INSERT INTO rating(cadre_id, year, grade) VALUES(?1, ?2, ?3)", who,
			    year, grade);
}

static inline int sdb_training(store *s, int64_t who, int year, int kind)
{
	return sdb_sql_ints(s, "INSERT INTO training(cadre_id, year, kind) VALUES(?1, ?2, ?3)", who,
			    year, kind);
}

static inline int sdb_planning(store *s, int64_t who)
{
	return sdb_sql_ints(s, "INSERT INTO planning(cadre_id, term) VALUES(?1, '2025-2030')", who,
			    0, 0);
}

/* An organisation of `kind` in unit `unit` under `parent` (0 = none). */
static inline int64_t sdb_org(store *s, const char *name, int kind, const char *unit,
			      int64_t parent)
{
	sqlite3_stmt *st;
	int64_t id = 0;
	if (sqlite3_prepare_v2(store_db(s),
			       "INSERT INTO org(name, kind, parent_id, unit_id)"
			       " SELECT ?1, ?2, nullif(?3, 0), id FROM unit WHERE code = ?4",
			       -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, kind);
	sqlite3_bind_int64(st, 3, parent);
	sqlite3_bind_text(st, 4, unit, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_DONE)
		id = sqlite3_last_insert_rowid(store_db(s));
	sqlite3_finalize(st);
	return id;
}

static inline int sdb_org_rating(store *s, int64_t org, int year, int grade)
{
	return sdb_sql_ints(s, "INSERT INTO rating(org_id, year, grade) VALUES(?1, ?2, ?3)", org,
			    year, grade);
}

/* How many cadres the drill-down list of f holds: count(*) over exactly
 * filter_build's WHERE (what the list screen runs). -1 on error. */
static inline int64_t sdb_list_count(store *s, const cadre_filter *f)
{
	filter_sql fs;
	char sql[4096];
	sqlite3_stmt *st;
	int64_t n = -1;
	if (!filter_build(f, &fs))
		return -1;
	snprintf(sql, sizeof sql, "SELECT count(*) FROM cadre c WHERE 1%s", fs.where);
	if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (filter_bind(&fs, st, 1) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* The unit's pre-order interval, for a scope. */
static inline void sdb_scope(store *s, const char *code, cadre_filter *f)
{
	unit_row u;
	cb_error err;
	if (store_unit_by_code(s, code, &u, &err) == CB_OK) {
		f->unit_lo = u.lo;
		f->unit_hi = u.hi;
	}
}

/* Twelve cadres spread over every level, both genders, three ethnicities,
 * boundary birthdays (31/12, 28/02, a 29 February birth, 30/06 and 01/07)
 * and several committee bits: the corps the breakdown and target tests
 * give their own ratings, trainings and planning to. */
#define SDB_MIXED_COUNT 12
static const sdb_cadre sdb_mixed[] = {
	{"Nguyễn Văn An", "1968-05-19", 1, "Kinh", "80", 1, 1, 1, 6, 4},
	{"Trần Thị Bích Ngọc", "1975-08-02", 2, "Kinh", "80", 5, 1, 1, 5, 3},
	{"Lê Hoàng Cường", "1988-12-31", 1, "Kinh", "794", 7, 1, 2, 5, 3},
	{"Phạm Thị Dung", "1993-02-28", 2, "Kinh", "794", 8, 0, 2, 4, 2},
	{"Huỳnh Văn Em", "1996-02-29", 1, "Khmer", "795", 8, 0, 0, 4, 2},
	{"Võ Thị Phượng", "1999-07-01", 2, "Kinh", "27685", 3, 0, 4, 4, 2},
	{"Đặng Văn Giàu", "1972-11-11", 1, "Kinh", "27703", 1, 0, 4, 3, 3},
	{"Bùi Thị Hạnh", "1985-06-30", 2, "Hoa", "27787", 4, 0, 68, 2, 1},
	{"Đỗ Văn Khánh", "1961-01-01", 1, "Kinh", "27790", 2, 0, 4, 1, 0},
	{"Ngô Thị Lan", "1990-06-30", 2, "Kinh", "27790", 3, 0, 64, 4, 2},
	{"Dương Văn Minh", "1980-07-01", 1, "Kinh", "795", 6, 1, 8, 5, 3},
	{"Lý Thị Nga", "1957-03-15", 2, "Kinh", "80", 2, 1, 17, 6, 4},
};

static inline void sdb_add_mixed(store *s, int64_t id[SDB_MIXED_COUNT])
{
	for (int i = 0; i < SDB_MIXED_COUNT; i++)
		assert_true((id[i] = sdb_add(s, &sdb_mixed[i])) > 0);
}

#endif
