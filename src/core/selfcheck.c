/* selfcheck.c - the monthly self-check of each cadre against the catalogue
 * of manifestations of degradation (config/manifestations.ini).
 *
 * A check is one row per cadre and month: the codes of the catalogue items
 * the cadre flagged (stored as codes, not texts, so that the office may
 * fill in or correct the wording later without touching past checks), a
 * note and the date it was recorded. The catalogue's texts are never
 * invented here: an item the office has not filled in yet is shown with a
 * placeholder saying so.
 */
#include "plans.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "plans_write.h"
#include "access.h"
#include "store_sql.h"

static const char sc_json_sql[] =
	"SELECT json_object('cadre_id', cadre_id, 'month', month, 'flagged', flagged,"
	" 'note', note, 'checked_on', checked_on, 'version', version)"
	" FROM selfcheck WHERE id = ?";

/* Checks are corrected, never deleted: no delete fields. */
static const plans_table sc_table = {
	.name = "selfcheck",
	.json_sql = sc_json_sql,
	.exists_sql = "SELECT count(*) FROM selfcheck WHERE id = ?",
};

bool selfcheck_month_valid(const char *month)
{
	int y = 0, m = 0;
	if (!month || strlen(month) != 7 || month[4] != '-')
		return false;
	for (int i = 0; i < 7; i++) {
		if (i == 4)
			continue;
		if (month[i] < '0' || month[i] > '9')
			return false;
		if (i < 4)
			y = y * 10 + (month[i] - '0');
		else
			m = m * 10 + (month[i] - '0');
	}
	return y >= PLANS_YEAR_MIN && m >= 1 && m <= 12;
}

void selfcheck_month_of(cb_date d, char *buf)
{
	int y, m, dd;
	date_to_ymd(d, &y, &m, &dd);
	snprintf(buf, 8, "%04d-%02d", y % 10000, m);
}

const char *selfcheck_item_text(const manifestation *m)
{
	return m->text[0] ? m->text : _("(text not filled in yet)");
}

/* Index of code in the catalogue, or -1. */
static int find_code(const manifestation *cat, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(cat[i].code, code) == 0)
			return (int)i;
	return -1;
}

/* Marks the catalogue items named by list; refuses unknown codes. */
static int mark_codes(const char *list, const manifestation *cat, size_t n, unsigned char *seen,
		      cb_error *err)
{
	char word[sizeof cat->code + 1];
	size_t len = 0;
	for (const char *p = list;; p++) {
		bool sep = !*p || *p == ',' || *p == ';' || *p == ' ' || *p == '\t' || *p == '\n';
		if (!sep) {
			if (len + 1 >= sizeof word) {
				word[len] = '\0';
				return cb_error_set(err, CB_EINVALID,
						    _("\"%s...\" is not a code of the catalogue of "
						      "manifestations"),
						    word);
			}
			word[len++] = *p;
			continue;
		}
		if (len) {
			int i;
			word[len] = '\0';
			if ((i = find_code(cat, n, word)) < 0)
				return cb_error_set(err, CB_EINVALID,
						    _("\"%s\" is not a code of the catalogue of "
						      "manifestations"),
						    word);
			seen[i] = 1;
			len = 0;
		}
		if (!*p)
			return CB_OK;
	}
}

int selfcheck_flags_parse(const char *list, const manifestation *cat, size_t n, char *out,
			  size_t cap, cb_error *err)
{
	unsigned char *seen = calloc(n ? n : 1, 1);
	size_t len = 0;
	int rc;

	if (!seen)
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	if ((rc = mark_codes(list ? list : "", cat, n, seen, err))) {
		free(seen);
		return rc;
	}
	if (cap)
		out[0] = '\0';
	for (size_t i = 0; i < n && !rc; i++) {
		if (!seen[i])
			continue;
		int w = snprintf(out + len, cap - len, "%s%s", len ? "," : "", cat[i].code);
		if (w < 0 || (size_t)w >= cap - len)
			rc = cb_error_set(err, CB_EINVALID, _("Too many manifestations flagged"));
		else
			len += (size_t)w;
	}
	free(seen);
	return rc;
}

bool selfcheck_flag_has(const char *flagged, const char *code)
{
	size_t n = strlen(code);
	for (const char *p = flagged; p && *p;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == n && strncmp(p, code, n) == 0)
			return true;
		p = end ? end + 1 : NULL;
	}
	return false;
}

#define SC_COLUMNS "SELECT id, version, cadre_id, month, flagged, note, checked_on FROM selfcheck"

static void read_check(sqlite3_stmt *st, void *row)
{
	selfcheck *sc = row;
	memset(sc, 0, sizeof *sc);
	sc->id = sqlite3_column_int64(st, 0);
	sc->version = sqlite3_column_int64(st, 1);
	sc->cadre_id = sqlite3_column_int64(st, 2);
	store_column_copy(st, 3, sc->month, sizeof sc->month);
	store_column_copy(st, 4, sc->flagged, sizeof sc->flagged);
	store_column_copy(st, 5, sc->note, sizeof sc->note);
	store_column_copy(st, 6, sc->checked_on, sizeof sc->checked_on);
}

int selfcheck_get(store *s, int64_t cadre_id, const char *month, selfcheck *out, cb_error *err)
{
	int scope_rc = store_scope_cadre(s, cadre_id, err); /* the reader's scope (access.h) */
	if (scope_rc)
		return scope_rc;
	static const char sql[] = SC_COLUMNS " WHERE cadre_id = ?1 AND month = ?2";
	sqlite3_stmt *st = store_prepare(s, sql, err);
	int step, rc = CB_OK;
	if (!st)
		return CB_EDB;
	sqlite3_bind_int64(st, 1, cadre_id);
	store_bind_text(st, 2, month);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		read_check(st, out);
	else if (step == SQLITE_DONE)
		rc = cb_error_set(err, CB_NOT_FOUND, _("No self-check recorded for %s"), month);
	else
		rc = store_fail(s, err, _("Reading the self-checks"));
	sqlite3_finalize(st);
	return rc;
}

/* Validates a check before it is written; normalises flags and note. */
static int check_selfcheck(store *s, selfcheck *sc, const manifestation *cat, size_t n,
			   cb_date today, cb_error *err)
{
	static const char cadre_sql[] = "SELECT count(*) FROM cadre WHERE id = ?";
	char now[8], flags[SELFCHECK_FLAGS_MAX];
	int64_t exists;
	int rc;

	if (!selfcheck_month_valid(sc->month))
		return cb_error_set(err, CB_EINVALID,
				    _("Month: \"%s\" is not a month (write YYYY-MM, e.g. 2025-06)"),
				    sc->month);
	selfcheck_month_of(today, now);
	if (strcmp(sc->month, now) > 0)
		return cb_error_set(err, CB_EINVALID,
				    _("Month: %s has not come yet; a check is recorded for a past "
				      "or the current month"),
				    sc->month);
	if ((rc = selfcheck_flags_parse(sc->flagged, cat, n, flags, sizeof flags, err)))
		return rc;
	memcpy(sc->flagged, flags, sizeof flags);
	if ((rc = plans_take_text(sc->note, sizeof sc->note, false, true, _("Note"), err)))
		return rc;
	if ((rc = plans_query_int(s, cadre_sql, &sc->cadre_id, 1, &exists, err)))
		return rc;
	if (!exists)
		return cb_error_set(err, CB_NOT_FOUND, _("No cadre has the number %lld"),
				    (long long)sc->cadre_id);
	date_format_iso(today, sc->checked_on);
	return CB_OK;
}

static int insert_check(store *s, selfcheck *sc, cb_error *err)
{
	static const char dup_sql[] =
		"SELECT count(*) FROM selfcheck WHERE cadre_id = ?1 AND month = ?2";
	static const char sql[] =
		"INSERT INTO selfcheck(cadre_id, month, flagged, note, checked_on)"
		" VALUES(?1, ?2, ?3, ?4, ?5)";
	sqlite3_stmt *st = store_prepare(s, dup_sql, err);
	int step, rc;

	if (!st)
		return CB_EDB;
	sqlite3_bind_int64(st, 1, sc->cadre_id);
	store_bind_text(st, 2, sc->month);
	step = sqlite3_step(st);
	rc = step != SQLITE_ROW ? store_fail(s, err, _("Saving the self-check"))
	     : sqlite3_column_int(st, 0)
		     ? cb_error_set(err, CB_ESTALE,
				    _("Another user recorded this month's check meanwhile; reload "
				      "it and make your change again"))
		     : CB_OK;
	sqlite3_finalize(st);
	if (rc || !(st = store_prepare(s, sql, err)))
		return rc ? rc : CB_EDB;
	sqlite3_bind_int64(st, 1, sc->cadre_id);
	store_bind_text(st, 2, sc->month);
	store_bind_text(st, 3, sc->flagged);
	store_bind_text(st, 4, sc->note);
	store_bind_text(st, 5, sc->checked_on);
	rc = sqlite3_step(st) == SQLITE_DONE ? CB_OK
					     : store_fail(s, err, _("Saving the self-check"));
	sqlite3_finalize(st);
	if (rc)
		return rc;
	sc->id = sqlite3_last_insert_rowid(store_db(s));
	sc->version = 1;
	return plans_audit(s, "selfcheck", sc->id, "insert", NULL, sc_json_sql, err);
}

static int update_check(store *s, selfcheck *sc, cb_error *err)
{
	static const char sql[] =
		"UPDATE selfcheck SET flagged = ?1, note = ?2, checked_on = ?3,"
		" version = version + 1 WHERE id = ?4 AND version = ?5 AND cadre_id = ?6"
		" AND month = ?7";
	char *old = NULL;
	sqlite3_stmt *st;
	int rc = plans_update_prepare(s, &sc_table, sc->id, sql, &st, &old, err);

	if (rc)
		return rc;
	store_bind_text(st, 1, sc->flagged);
	store_bind_text(st, 2, sc->note);
	store_bind_text(st, 3, sc->checked_on);
	sqlite3_bind_int64(st, 4, sc->id);
	sqlite3_bind_int64(st, 5, sc->version);
	sqlite3_bind_int64(st, 6, sc->cadre_id);
	store_bind_text(st, 7, sc->month);
	rc = plans_update_run(s, &sc_table, sc->id, st, old, _("Saving the self-check"), err);
	if (!rc)
		sc->version++;
	return rc;
}

int selfcheck_save(store *s, selfcheck *sc, const manifestation *cat, size_t n, cb_date today,
		   cb_error *err)
{
	int scope_rc = store_scope_cadre(s, sc->cadre_id, err); /* the reader's scope (access.h) */
	if (scope_rc)
		return scope_rc;
	int rc;
	selfcheck work = *sc;

	if ((rc = store_begin(s, err)))
		return rc;
	if (!(rc = check_selfcheck(s, &work, cat, n, today, err)))
		rc = work.id ? update_check(s, &work, err) : insert_check(s, &work, err);
	if ((rc = store_finish(s, rc, err)))
		return rc;
	*sc = work;
	return CB_OK;
}

int selfcheck_history(store *s, int64_t cadre_id, selfcheck **out, size_t *n, cb_error *err)
{
	int scope_rc = store_scope_cadre(s, cadre_id, err); /* the reader's scope (access.h) */
	if (scope_rc)
		return scope_rc;
	static const char sql[] = SC_COLUMNS " WHERE cadre_id = ? ORDER BY month DESC";
	sqlite3_stmt *st = store_prepare(s, sql, err);
	if (st)
		sqlite3_bind_int64(st, 1, cadre_id);
	return store_rows(s, st, sizeof **out, read_check, (void **)out, n,
			  _("Reading the self-checks"), err);
}

/* Cadres of the scope: unit interval ?2..?3 (0 = all), organisation ?4. */
#define SC_SCOPE                                                                                   \
	" FROM cadre c JOIN unit u ON u.id = c.unit_id"                                            \
	" WHERE (?2 = 0 OR (u.lo BETWEEN ?2 AND ?3 AND in_scope(u.lo, c.org_id)))"                 \
	" AND (?4 = 0 OR c.org_id = ?4)"

/* A statement over the cadres of a scope for a period (a month, quarter or
 * half-year): checks it, prepares sql and binds ?1 and ?5 = its first and
 * last month and the SC_SCOPE parameters. NULL with
 * *rc set when the month is bad or the prepare failed. */
static sqlite3_stmt *prepare_scope(store *s, const char *sql, const char *month, int64_t lo,
				   int64_t hi, int64_t org_id, int *rc, cb_error *err)
{
	sqlite3_stmt *st;
	char first[8], last[8];
	if (!selfcheck_period_range(month, first, last)) {
		*rc = cb_error_set(err, CB_EINVALID,
				   _("Month: \"%s\" is not a month (write YYYY-MM, e.g. 2025-06)"),
				   month ? month : "");
		return NULL;
	}
	if (!(st = store_prepare(s, sql, err))) {
		*rc = CB_EDB;
		return NULL;
	}
	/* the reader's scope bounds every list and count (access.h) */
	store_scope_clamp(s, &lo, &hi);
	store_bind_text(st, 1, first);
	store_bind_text(st, 5, last);
	sqlite3_bind_int64(st, 2, lo);
	sqlite3_bind_int64(st, 3, hi);
	sqlite3_bind_int64(st, 4, org_id);
	return st;
}

int selfcheck_each_missing(store *s, const char *month, int64_t unit_lo, int64_t unit_hi,
			   int64_t org_id, selfcheck_fn fn, void *ctx, cb_error *err)
{
	static const char sql[] =
		"SELECT c.id, c.full_name, u.name, c.position" SC_SCOPE
		" AND NOT EXISTS(SELECT 1 FROM selfcheck k WHERE k.cadre_id = c.id"
		"  AND k.month BETWEEN ?1 AND ?5)"
		" ORDER BY c.rank";
	selfcheck_missing m;
	int step, rc = CB_OK;
	sqlite3_stmt *st = prepare_scope(s, sql, month, unit_lo, unit_hi, org_id, &rc, err);

	if (!st)
		return rc;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		m.cadre_id = sqlite3_column_int64(st, 0);
		store_column_copy(st, 1, m.full_name, sizeof m.full_name);
		store_column_copy(st, 2, m.unit_name, sizeof m.unit_name);
		store_column_copy(st, 3, m.position, sizeof m.position);
		if ((rc = fn(&m, ctx)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = store_fail(s, err, _("Reading the self-checks"));
	sqlite3_finalize(st);
	return rc;
}

int selfcheck_count(store *s, const char *month, int64_t unit_lo, int64_t unit_hi, int64_t org_id,
		    int *done, int *total, cb_error *err)
{
	static const char sql[] =
		"SELECT count(*), coalesce(sum(EXISTS(SELECT 1 FROM selfcheck k"
		" WHERE k.cadre_id = c.id AND k.month BETWEEN ?1 AND ?5)), 0)" SC_SCOPE;
	int rc = CB_OK;
	sqlite3_stmt *st = prepare_scope(s, sql, month, unit_lo, unit_hi, org_id, &rc, err);

	if (!st)
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*total = sqlite3_column_int(st, 0);
		*done = sqlite3_column_int(st, 1);
	} else {
		rc = store_fail(s, err, _("Reading the self-checks"));
	}
	sqlite3_finalize(st);
	return rc;
}
