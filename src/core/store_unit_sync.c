/* store_unit_sync.c - the unit table brought in line with the
 * configuration, and the pre-order numbering of every unit, in force or
 * ended.
 *
 * A configured unit is the stored unit in force with its code, tier and
 * parent; it is renamed in place when its name changes. A stored unit in
 * force that the configuration no longer has in that shape ends (units.h):
 * at start only when nothing is left in it, else start is refused and the
 * reform goes through store_units_migrate.
 *
 * Numbering: one pre-order walk of the whole forest, the children of a
 * unit in force first in configuration order, then its ended children in
 * their former order. So the units in force keep configuration order, a
 * subtree is still one interval, and an ended district's interval still
 * holds its ended communes (the report of an earlier year counts through
 * it).
 */
#include "store_internal.h"
#include "store_unit_internal.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"

/* The configured unit with this code, -1 = none (a configuration built
 * by hand, as tests do, has no index by code: then a scan). */
int stored_cfg_index(const cfg *c, const char *code)
{
	if (c->unit_by_code)
		return config_unit_index(c, code);
	for (size_t i = 0; i < c->unit_count; i++)
		if (strcmp(c->units[i].code, code) == 0)
			return (int)i;
	return -1;
}

static void read_stored(sqlite3_stmt *st, void *row)
{
	stored_unit *u = row;
	u->id = sqlite3_column_int64(st, 0);
	u->parent_id = sqlite3_column_int64(st, 1);
	store_column_copy(st, 2, u->code, sizeof u->code);
	store_column_copy(st, 3, u->name, sizeof u->name);
	store_column_copy(st, 4, u->kind, sizeof u->kind);
	u->tier = sqlite3_column_int(st, 5);
	u->lo = sqlite3_column_int64(st, 6);
	u->hi = sqlite3_column_int64(st, 7);
	u->ended = sqlite3_column_type(st, 8) != SQLITE_NULL;
	u->cfg = -1;
}

int stored_units_load(store *s, const cfg *c, stored_unit **out, size_t *n, cb_error *err)
{
	static const char sql[] = "SELECT id, coalesce(parent_id, 0), code, name, kind, tier, lo,"
				  " hi, ended FROM unit ORDER BY id";
	sqlite3_stmt *st = store_prepare(s, sql, err);
	int rc = store_rows(s, st, sizeof **out, read_stored, (void **)out, n,
			    _("Reading the administrative units"), err);
	stored_unit *u = *out;

	if (rc)
		return rc;
	/* a configured unit: the one in force with its code, at its tier,
	 * under the unit in force with its parent's code */
	for (size_t i = 0; i < *n; i++) {
		int k = u[i].ended ? -1 : stored_cfg_index(c, u[i].code);
		if (k < 0 || c->units[k].tier != u[i].tier)
			continue;
		int p = c->units[k].parent;
		const stored_unit *sp = stored_unit_find(u, *n, u[i].parent_id);
		if (p < 0 ? u[i].parent_id == 0
			  : sp && !sp->ended && strcmp(sp->code, c->units[p].code) == 0)
			u[i].cfg = k;
	}
	return CB_OK;
}

const stored_unit *stored_unit_find(const stored_unit *u, size_t n, int64_t id)
{
	size_t a = 0, b = n;
	while (a < b) {
		size_t m = a + (b - a) / 2;
		if (u[m].id < id)
			a = m + 1;
		else
			b = m;
	}
	return a < n && u[a].id == id ? &u[a] : NULL;
}

/* Order among siblings: in force by configuration order, then ended by
 * their former position. */
static int64_t sibling_key(const stored_unit *u, const cfg *c)
{
	return u->cfg >= 0 ? u->cfg : (int64_t)c->unit_count + u->lo;
}

static const cfg *sort_cfg;
static const stored_unit *sort_units;

static int cmp_sibling(const void *a, const void *b)
{
	const stored_unit *x = &sort_units[*(const size_t *)a],
			  *y = &sort_units[*(const size_t *)b];
	int64_t kx = sibling_key(x, sort_cfg), ky = sibling_key(y, sort_cfg);
	if (x->parent_id != y->parent_id)
		return x->parent_id < y->parent_id ? -1 : 1;
	return kx < ky ? -1 : kx > ky ? 1 : (x->id > y->id) - (x->id < y->id);
}

/* Sets nlo/nhi of every unit: the pre-order walk described above. */
static int number(stored_unit *u, size_t n, const cfg *c, cb_error *err)
{
	size_t *ord = malloc((n ? n : 1) * sizeof *ord),
	       *stack = malloc((n ? n : 1) * sizeof *stack);
	size_t *first = malloc((n ? n : 1) * sizeof *first);
	int64_t next = 1;
	size_t top = 0;

	if (!ord || !stack || !first) {
		free(ord);
		free(stack);
		free(first);
		return cb_error_oom(err);
	}
	for (size_t i = 0; i < n; i++) {
		ord[i] = i;
		first[i] = SIZE_MAX;
		u[i].nlo = u[i].nhi = 0;
	}
	sort_cfg = c;
	sort_units = u;
	qsort(ord, n, sizeof *ord, cmp_sibling);
	/* ord groups siblings; first[i] = where the children of u[i] begin */
	for (size_t k = n; k-- > 0;) {
		const stored_unit *p = stored_unit_find(u, n, u[ord[k]].parent_id);
		if (p)
			first[p - u] = k;
	}
	/* the walk: a stack of positions in ord; roots are parent_id 0 (or
	 * a parent that is gone, which foreign keys forbid) */
	for (size_t r = 0; r < n; r++) {
		size_t root = ord[r];
		if (stored_unit_find(u, n, u[root].parent_id))
			continue;
		stack[top++] = r;
		u[root].nlo = next++;
		while (top) {
			size_t at = ord[stack[top - 1]];
			/* descend into the next child not yet numbered */
			size_t k = first[at];
			while (k != SIZE_MAX && k < n && u[ord[k]].parent_id == u[at].id &&
			       u[ord[k]].nlo)
				k++;
			if (k != SIZE_MAX && k < n && u[ord[k]].parent_id == u[at].id) {
				u[ord[k]].nlo = next++;
				stack[top++] = k;
				continue;
			}
			u[at].nhi = next - 1;
			top--;
		}
	}
	free(ord);
	free(stack);
	free(first);
	return CB_OK;
}

int stored_units_renumber(store *s, const cfg *c, cb_error *err)
{
	static const char sql[] = "UPDATE unit SET lo = ?2, hi = ?3 WHERE id = ?1";
	stored_unit *u = NULL;
	size_t n = 0;
	sqlite3_stmt *st = NULL;
	int rc = stored_units_load(s, c, &u, &n, err);

	if (!rc)
		rc = number(u, n, c, err);
	if (!rc && !(st = store_prepare(s, sql, err)))
		rc = CB_EDB;
	for (size_t i = 0; !rc && i < n; i++) {
		if (u[i].lo == u[i].nlo && u[i].hi == u[i].nhi)
			continue;
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, u[i].id);
		sqlite3_bind_int64(st, 2, u[i].nlo);
		sqlite3_bind_int64(st, 3, u[i].nhi);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = store_fail(s, err, _("Updating the administrative units"));
	}
	sqlite3_finalize(st);
	free(u);
	return rc;
}

/* Whether nothing is to be written: every configured unit stored in
 * force, as configured, no other unit in force, numbering as it should
 * be. */
static int units_in_sync(store *s, const cfg *c, bool *same, cb_error *err)
{
	stored_unit *u = NULL;
	size_t n = 0, configured = 0;
	int rc = stored_units_load(s, c, &u, &n, err);

	*same = false;
	if (!rc)
		rc = number(u, n, c, err);
	if (rc) {
		free(u);
		return rc;
	}
	*same = true;
	for (size_t i = 0; *same && i < n; i++) {
		const cfg_unit *cu = u[i].cfg >= 0 ? &c->units[u[i].cfg] : NULL;
		if (!u[i].ended && !cu)
			*same = false;
		else if (cu && (strcmp(cu->name, u[i].name) || strcmp(cu->kind, u[i].kind)))
			*same = false;
		else if (u[i].lo != u[i].nlo || u[i].hi != u[i].nhi)
			*same = false;
		configured += cu != NULL;
	}
	if (configured != c->unit_count)
		*same = false;
	free(u);
	return CB_OK;
}

/* Writes the configured units: renames those stored, inserts the others
 * (in force from valid_from, NULL = not known). */
static int upsert_configured(store *s, const cfg *c, const char *valid_from, size_t *added,
			     cb_error *err)
{
	static const char sql[] =
		"INSERT INTO unit(code, name, kind, tier, parent_id, lo, hi, valid_from)"
		" VALUES(?1, ?2, ?3, ?4, (SELECT id FROM unit WHERE code = ?5), 0, 0, ?6)"
		" ON CONFLICT(code) DO UPDATE SET name = ?2, kind = ?3"
		" WHERE name IS NOT ?2 OR kind IS NOT ?3";
	sqlite3_stmt *st = store_prepare(s, sql, err);
	int rc = CB_OK;

	if (!st)
		return CB_EDB;
	for (size_t i = 0; !rc && i < c->unit_count; i++) {
		const cfg_unit *u = &c->units[i];
		bool exists;
		unit_row old;
		cb_error ignored;
		exists = store_unit_by_code(s, u->code, &old, &ignored) == CB_OK;
		sqlite3_reset(st);
		store_bind_text(st, 1, u->code);
		store_bind_text(st, 2, u->name);
		store_bind_text(st, 3, u->kind);
		sqlite3_bind_int(st, 4, u->tier);
		store_bind_text(st, 5, u->parent >= 0 ? c->units[u->parent].code : NULL);
		store_bind_text(st, 6, valid_from);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = store_fail(s, err, _("Updating the administrative units"));
		else if (!exists && added)
			(*added)++;
	}
	sqlite3_finalize(st);
	return rc;
}

int stored_units_end(store *s, const cfg *c, const unit_row *u, cb_date ended, cb_error *err)
{
	static const char sql[] = "UPDATE unit SET ended = ?2, code = ?3, version = version + 1"
				  " WHERE id = ?1";
	char day[11], compact[9], code[32], old_json[256], new_json[256];
	sqlite3_stmt *st = store_prepare(s, sql, err);
	int rc = CB_OK;

	if (!st)
		return CB_EDB;
	date_format_iso(ended, day);
	snprintf(compact, sizeof compact, "%.4s%.2s%.2s", day, day + 5, day + 8);
	/* a new unit takes the code: the ended one is known by code and end */
	if (stored_cfg_index(c, u->code) >= 0)
		snprintf(code, sizeof code, "%s@%s", u->code, compact);
	else
		snprintf(code, sizeof code, "%s", u->code);
	sqlite3_bind_int64(st, 1, u->id);
	store_bind_text(st, 2, day);
	store_bind_text(st, 3, code);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_fail(s, err, _("Updating the administrative units"));
	sqlite3_finalize(st);
	snprintf(old_json, sizeof old_json, "{\"code\":\"%s\",\"ended\":null}", u->code);
	snprintf(new_json, sizeof new_json, "{\"code\":\"%s\",\"ended\":\"%s\"}", code, day);
	if (!rc)
		rc = store_audit(s, "unit", u->id, "update", old_json, new_json, err);
	return rc;
}

int stored_units_reshape(store *s, const cfg *c, const unit_row *leaving, size_t n, cb_date ended,
			 const char *valid_from, size_t *added, cb_error *err)
{
	static const char free_code[] =
		"UPDATE unit SET code = code || '@' || replace(ended, '-', '')"
		" WHERE code = ? AND ended IS NOT NULL";
	sqlite3_stmt *st = NULL;
	int rc = CB_OK;

	for (size_t i = 0; !rc && i < n; i++)
		rc = stored_units_end(s, c, &leaving[i], ended, err);
	/* a unit that ended before, under a code the configuration now gives
	 * a new unit, is known by code and end from now on */
	if (!rc && !(st = store_prepare(s, free_code, err)))
		rc = CB_EDB;
	for (size_t i = 0; !rc && i < c->unit_count; i++) {
		sqlite3_reset(st);
		store_bind_text(st, 1, c->units[i].code);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = store_fail(s, err, _("Updating the administrative units"));
	}
	sqlite3_finalize(st);
	if (!rc)
		rc = upsert_configured(s, c, valid_from, added, err);
	if (!rc)
		rc = stored_units_renumber(s, c, err);
	return rc;
}

static const stored_unit *leaving_units;

static int cmp_position(const void *a, const void *b)
{
	const stored_unit *x = &leaving_units[*(const size_t *)a];
	const stored_unit *y = &leaving_units[*(const size_t *)b];
	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

int stored_units_leaving(store *s, const cfg *c, unit_row **out, int64_t **counts, size_t *n,
			 cb_error *err)
{
	static const char count_sql[] = "SELECT (SELECT count(*) FROM cadre WHERE unit_id = ?1),"
					" (SELECT count(*) FROM org WHERE unit_id = ?1)";
	stored_unit *u = NULL;
	size_t m = 0, k = 0, *idx = NULL;
	sqlite3_stmt *st = NULL;
	int rc = stored_units_load(s, c, &u, &m, err);

	*out = NULL;
	*counts = NULL;
	*n = 0;
	if (rc)
		return rc;
	idx = malloc((m ? m : 1) * sizeof *idx);
	*out = calloc(m ? m : 1, sizeof **out);
	*counts = calloc(2 * (m ? m : 1), sizeof **counts);
	if (!idx || !*out || !*counts)
		rc = cb_error_oom(err);
	for (size_t i = 0; !rc && i < m; i++)
		if (!u[i].ended && u[i].cfg < 0)
			idx[k++] = i;
	/* in tree order, as people read the list */
	leaving_units = u;
	if (!rc)
		qsort(idx, k, sizeof *idx, cmp_position);
	if (!rc && !(st = store_prepare(s, count_sql, err)))
		rc = CB_EDB;
	for (size_t i = 0; !rc && i < k; i++) {
		rc = store_unit_get(s, u[idx[i]].id, &(*out)[i], err);
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, u[idx[i]].id);
		if (!rc && sqlite3_step(st) == SQLITE_ROW) {
			(*counts)[2 * i] = sqlite3_column_int64(st, 0);
			(*counts)[2 * i + 1] = sqlite3_column_int64(st, 1);
			*n = i + 1;
		} else if (!rc) {
			rc = store_fail(s, err, _("Reading the administrative units"));
		}
	}
	sqlite3_finalize(st);
	free(idx);
	free(u);
	if (rc) {
		free(*out);
		free(*counts);
		*out = NULL;
		*counts = NULL;
		*n = 0;
	}
	return rc;
}

int store_sync_units(store *s, const cfg *c, cb_error *err)
{
	unit_row *leaving = NULL;
	int64_t *counts = NULL;
	size_t n = 0;
	bool same;
	int rc;

	if ((rc = units_in_sync(s, c, &same, err)) || same)
		return rc;
	if ((rc = stored_units_leaving(s, c, &leaving, &counts, &n, err)))
		return rc;
	for (size_t i = 0; i < n; i++)
		if (counts[2 * i] || counts[2 * i + 1]) {
			rc = cb_error_set(
				err, CB_ECONFIG,
				_("%s: unit %s (%s) is no longer in the configuration and still "
				  "holds %lld cadres and %lld party organisations; move them to "
				  "the "
				  "new units with: canbo units migrate --map FILE --effective "
				  "DATE"),
				c->path, leaving[i].code, leaving[i].name, (long long)counts[2 * i],
				(long long)counts[2 * i + 1]);
			break;
		}
	if (!rc && !(rc = store_begin(s, err)))
		rc = store_finish(
			s, stored_units_reshape(s, c, leaving, n, date_today(), NULL, NULL, err),
			err);
	free(leaving);
	free(counts);
	return rc;
}
