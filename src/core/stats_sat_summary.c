/* stats_sat_summary.c - the yearly records of every cadre read from the
 * summary the triggers keep (store_summary.h) instead of from the year's
 * ratings and trainings: one compact row per cadre, about half the
 * entries and a fraction of the bytes. In a large database the rows are
 * read in parts on several threads (stats_par.c): parts by ranges of
 * blocks, so each thread writes the bits of its own cadres only. */
#include <stdio.h>
#include <string.h>

#include "stats_internal.h"

#include "i18n.h"
#include "store_summary.h"

bool stats_summary_disabled;

#define SAT_PARTS_PER 2 /* parts per thread */

/* ORs into sat->bits the bytes of the rows of one year whose block lies
 * in [lo, hi) (no bound where has_ is false), masked, each shifted left
 * by `shift`; adds the rows read to *rows. An SQLite result code. */
static int read_year(sqlite3 *db, int year, unsigned mask, int shift, const int64_t bound[2],
		     const bool has[2], stats_sat *sat, int64_t *rows)
{
	char sql[128];
	sqlite3_stmt *st;
	int rc;

	snprintf(sql, sizeof sql, "SELECT block, bits FROM cadre_year WHERE year = ?%s%s",
		 has[0] ? " AND block >= ?" : "", has[1] ? " AND block < ?" : "");
	if ((rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL)) != SQLITE_OK)
		return rc;
	sqlite3_bind_int(st, 1, year);
	if (has[0])
		sqlite3_bind_int64(st, 2, bound[0]);
	if (has[1])
		sqlite3_bind_int64(st, has[0] ? 3 : 2, bound[1]);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0) * 8;
		uint64_t bytes = (uint64_t)sqlite3_column_int64(st, 1);
		(*rows)++;
		if (id < 0 || id >= sat->n)
			continue;
		for (int k = 0; k < 8 && id + k < sat->n; k++, bytes >>= 8)
			sat->bits[id + k] |= (uint16_t)(((unsigned)bytes & 255u) << shift & mask);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* What to read: the year's bits (mask, 0 = none) and the pool's. */
typedef struct sat_job {
	stats_sat *sat;
	int year;
	unsigned mask;
	bool pool;
	int64_t rows[STATS_PAR_MAX];
} sat_job;

/* Everything of the job between the bounds (see read_year). */
static int read_range(sqlite3 *db, sat_job *job, const int64_t bound[2], const bool has[2],
		      int64_t *rows)
{
	int rc = SQLITE_OK;
	if (job->mask)
		rc = read_year(db, job->year, job->mask, 0, bound, has, job->sat, rows);
	if (rc == SQLITE_OK && job->pool) /* pool membership: byte 1 in year -1 */
		rc = read_year(db, -1, SAT_PLANNING, 8, bound, has, job->sat, rows);
	return rc;
}

/* Part i of p->nparts: an equal share of the blocks of the array, the
 * first and the last open-ended, so that every row is read once. */
static int read_part(stats_par *p, int t, sqlite3 *db, int i)
{
	sat_job *job = p->ctx;
	int64_t blocks = (job->sat->n + 7) / 8;
	int64_t bound[2] = {blocks * i / p->nparts, blocks * (i + 1) / p->nparts};
	bool has[2] = {i > 0, i + 1 < p->nparts};

	return read_range(db, job, bound, has, &job->rows[t]) == SQLITE_OK ? PAR_OK : PAR_FAILED;
}

int stats_sat_read_summary(store *s, int year, int need, stats_sat *sat, cb_error *err)
{
	sat_job job = {.sat = sat, .year = year, .pool = (need & SAT_NEED_PLANNING) != 0};
	stats_par p = {.ctx = &job, .read = read_part};
	static const int64_t none[2] = {0, 0};
	static const bool open[2] = {false, false};
	int n;

	if (stats_summary_disabled || !store_summary_present(s))
		return CB_NOT_FOUND;
	if (need & SAT_NEED_RATING)
		job.mask |= SAT_GRADE;
	if (need & SAT_NEED_TRAINING)
		job.mask |= SAT_TRAINED | SAT_KIND(1) | SAT_KIND(2) | SAT_KIND(3) | SAT_KIND(4);
	if ((n = stats_par_threads(s, sat->n)) > 1) {
		p.nparts = n * SAT_PARTS_PER;
		if (stats_par_run(s, &p, n)) {
			for (int t = 0; t < n; t++)
				sat->rows += job.rows[t];
			return CB_OK;
		}
		memset(sat->bits, 0, (size_t)sat->n * sizeof *sat->bits); /* start again */
	}
	if (read_range(store_db(s), &job, none, open, &sat->rows) != SQLITE_OK)
		return store_fail(s, err, _("Reading ratings and trainings"));
	return CB_OK;
}
