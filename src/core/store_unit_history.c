/* store_unit_history.c - counting by the units of a date (units.h): the
 * one question the breakdowns, targets and lists ask before building
 * their scope condition. */
#include "store_internal.h"

#include "i18n.h"
#include "units.h"

int store_filter_units(store *s, cadre_filter *f, cb_error *err)
{
	static const char sql[] = "SELECT EXISTS(SELECT 1 FROM unit_history"
				  " WHERE tbl = 'cadre' AND until > ?)";
	sqlite3_stmt *st;
	char day[11];
	int rc = CB_OK;

	f->unit_history = false;
	if (f->unit_lo <= 0 && f->unit_hi <= 0)
		return CB_OK; /* the whole database: every unit counts alike */
	if (!(st = store_prepare(s, sql, err)))
		return CB_EDB;
	date_format_iso(f->units_on != CB_DATE_NONE ? f->units_on : f->as_of, day);
	store_bind_text(st, 1, day);
	if (sqlite3_step(st) == SQLITE_ROW)
		f->unit_history = sqlite3_column_int(st, 0) != 0;
	else
		rc = store_fail(s, err, _("Reading the units' history"));
	sqlite3_finalize(st);
	return rc;
}
