/* stats_sat_summary.c - the yearly records of every cadre read from the
 * summary the triggers keep (store_summary.h) instead of from the year's
 * ratings and trainings: one compact row per cadre, about half the
 * entries and a fraction of the bytes. */
#include "stats_internal.h"

#include "i18n.h"
#include "store_summary.h"

bool stats_summary_disabled;

/* ORs into sat->bits the bytes of the rows of one year, masked, each
 * shifted left by `shift`. */
static int read_year(store *s, int year, unsigned mask, int shift, stats_sat *sat, cb_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(store_db(s), "SELECT block, bits FROM cadre_year WHERE year = ?", -1,
			       &st, NULL) != SQLITE_OK)
		return store_fail(s, err, _("Reading ratings and trainings"));
	sqlite3_bind_int(st, 1, year);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0) * 8;
		uint64_t bytes = (uint64_t)sqlite3_column_int64(st, 1);
		sat->rows++;
		if (id < 0 || id >= sat->n)
			continue;
		for (int k = 0; k < 8 && id + k < sat->n; k++, bytes >>= 8)
			sat->bits[id + k] |= (uint16_t)(((unsigned)bytes & 255u) << shift & mask);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? CB_OK : store_fail(s, err, _("Reading ratings and trainings"));
}

int stats_sat_read_summary(store *s, int year, int need, stats_sat *sat, cb_error *err)
{
	unsigned mask = 0;
	int rc = CB_OK;

	if (stats_summary_disabled || !store_summary_present(s))
		return CB_NOT_FOUND;
	if (need & SAT_NEED_RATING)
		mask |= SAT_GRADE;
	if (need & SAT_NEED_TRAINING)
		mask |= SAT_TRAINED | SAT_KIND(1) | SAT_KIND(2) | SAT_KIND(3) | SAT_KIND(4);
	if (mask)
		rc = read_year(s, year, mask, 0, sat, err);
	if (!rc && (need & SAT_NEED_PLANNING)) /* pool membership: byte 1 in year -1 */
		rc = read_year(s, -1, SAT_PLANNING, 8, sat, err);
	return rc;
}
