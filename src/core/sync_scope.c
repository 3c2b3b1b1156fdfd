/* sync_scope.c - whether the user may send or receive an office's
 * changes: every record they carry must lie within the user's scope
 * (access.h). The recording of the changes themselves is the store's
 * (store_sync.c).
 */
#include "access.h"
#include "store_sql.h"
#include "sync_internal.h"

#include "i18n.h"

int sync_scope_check(store *s, const char *office, cb_error *err)
{
	/* Every other record hangs off a cadre, an organisation or a unit:
	 * those within the user's scope (its holes too, in_scope: access.h),
	 * so is everything that travels. */
	static const char whole[] =
		"SELECT 1 FROM cadre c JOIN unit u ON u.id = c.unit_id"
		" WHERE NOT (u.lo BETWEEN ?1 AND ?2 AND in_scope(u.lo, c.org_id)) AND ?3 IS NULL"
		" UNION ALL SELECT 1 FROM org o JOIN unit u ON u.id = o.unit_id"
		" WHERE NOT (u.lo BETWEEN ?1 AND ?2 AND in_scope(u.lo, o.id)) LIMIT 1";
	static const char sent[] =
		"SELECT 1 FROM sync_map m JOIN cadre c ON c.id = m.local_id"
		" JOIN unit u ON u.id = c.unit_id"
		" WHERE m.office = ?3 AND m.tbl = 'cadre'"
		" AND NOT (u.lo BETWEEN ?1 AND ?2 AND in_scope(u.lo, c.org_id))"
		" UNION ALL SELECT 1 FROM sync_map m JOIN org o ON o.id = m.local_id"
		" JOIN unit u ON u.id = o.unit_id"
		" WHERE m.office = ?3 AND m.tbl = 'org'"
		" AND NOT (u.lo BETWEEN ?1 AND ?2 AND in_scope(u.lo, o.id)) LIMIT 1";
	sqlite3_stmt *st;
	int64_t lo, hi;
	int rc;

	if (!store_scoped(s, &lo, &hi))
		return CB_OK;
	if (!(st = store_prepare(s, office ? sent : whole, err)))
		return CB_EDB;
	sqlite3_bind_int64(st, 1, lo);
	sqlite3_bind_int64(st, 2, hi);
	store_bind_text(st, 3, office);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return cb_error_set(
			err, CB_EACCESS,
			office ? _("Office %s's records reach beyond the districts you may "
				   "change; nothing was applied")
			       : _("This database holds records beyond the districts you may "
				   "see; only a user with access to all of them can send its "
				   "changes"),
			office);
	return rc == SQLITE_DONE ? CB_OK : store_fail(s, err, _("Checking your access"));
}
