/* store_org.c - party organisations: the tree under a unit, one
 * organisation, adding one, its yearly rating.
 *
 * The tree is read in one query (organisations of the unit subtree with
 * the year's grade and their number of cadres) and ordered in memory:
 * pre-order, children in Vietnamese order of their names. An organisation
 * whose parent lies outside the subtree is a root of the result.
 */
#include "access.h"
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "model.h"
#include "store_until.h"
#include "text.h"

#define ORG_COLUMNS_WITH(cadres)                                                                   \
	"o.id, o.version, o.name, o.kind, coalesce(o.parent_id, 0), o.unit_id, " cadres ","        \
	" o.ended, o.end_reason, coalesce(o.merged_into, 0)"
#define ORG_COLUMNS ORG_COLUMNS_WITH("(SELECT count(*) FROM cadre c WHERE c.org_id = o.id)")

static void read_org(sqlite3_stmt *st, void *row)
{
	org_row *o = row;
	memset(o, 0, sizeof *o);
	o->id = sqlite3_column_int64(st, 0);
	o->version = sqlite3_column_int64(st, 1);
	store_column_copy(st, 2, o->name, sizeof o->name);
	o->kind = sqlite3_column_int(st, 3);
	o->parent_id = sqlite3_column_int64(st, 4);
	o->unit_id = sqlite3_column_int64(st, 5);
	o->cadres = sqlite3_column_int(st, 6);
	o->ended = CB_DATE_NONE;
	if (sqlite3_column_type(st, 7) == SQLITE_TEXT)
		date_parse_iso((const char *)sqlite3_column_text(st, 7), &o->ended);
	o->end_reason = sqlite3_column_int(st, 8);
	o->merged_into = sqlite3_column_int64(st, 9);
}

int store_org_get(store *s, int64_t id, org_row *out, cb_error *err)
{
	int scope_rc = store_scope_org(s, id, err); /* the reader's scope (access.h) */
	if (scope_rc)
		return scope_rc;
	static const char sql[] = "SELECT " ORG_COLUMNS " FROM org o WHERE o.id = ?";
	sqlite3_stmt *st = store_prepare(s, sql, err);
	int rc;
	if (!st)
		return CB_EDB;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_org(st, out);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return CB_OK;
	if (rc == SQLITE_DONE)
		return cb_error_set(err, CB_NOT_FOUND, _("No organisation with id %lld"),
				    (long long)id);
	return store_fail(s, err, _("Reading a party organisation"));
}

/* A missing organisation is the caller's bad value, named by field. */
int store_org_ref(store *s, int64_t org_id, const char *field, cb_error *err)
{
	static const char sql[] = "SELECT 1 FROM org WHERE id = ?";
	sqlite3_stmt *st = store_prepare(s, sql, err);
	int rc;
	if (!st)
		return CB_EDB;
	sqlite3_bind_int64(st, 1, org_id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return CB_OK;
	if (rc != SQLITE_DONE)
		return store_fail(s, err, _("Reading a party organisation"));
	return cb_error_set(err, CB_EINVALID, _("%s: no organisation with id %lld"), field,
			    (long long)org_id);
}

/* ---- the tree ------------------------------------------------------- */

/* An organisation with the year's grade (the column after ORG_COLUMNS). */
static void read_graded_org(sqlite3_stmt *st, void *row)
{
	org_row *o = row;
	read_org(st, o);
	o->grade = sqlite3_column_int(st, 10);
}

/* counted = false leaves the counts of cadres at -1: at a million cadres
 * they are a walk of the whole organisation index. */
static int read_all(store *s, int64_t unit_id, int year, bool counted, org_row **out, size_t *n,
		    cb_error *err)
{
#define TREE_SQL(columns)                                                                          \
	"SELECT " columns ", coalesce(r.grade, 0) FROM org o"                                      \
	" LEFT JOIN rating r ON r.org_id = o.id AND r.year = ?1"                                   \
	" WHERE (?2 = 0 OR o.unit_id IN (SELECT id FROM unit WHERE lo BETWEEN"                     \
	" (SELECT lo FROM unit WHERE id = ?2) AND (SELECT hi FROM unit WHERE id = ?2)))"           \
	" AND (?3 = 0 OR o.unit_id IN (SELECT id FROM unit WHERE lo BETWEEN ?3 AND ?4"             \
	" AND in_scope(lo, o.id)))"
	static const char with_counts[] = TREE_SQL(ORG_COLUMNS),
			  without[] = TREE_SQL(ORG_COLUMNS_WITH("-1"));
#undef TREE_SQL
	sqlite3_stmt *st = store_prepare(s, counted ? with_counts : without, err);
	int64_t lo = 0, hi = 0;

	store_scope_clamp(s, &lo, &hi); /* the reader's scope (access.h) */
	if (st) {
		sqlite3_bind_int(st, 1, year);
		sqlite3_bind_int64(st, 2, unit_id);
		sqlite3_bind_int64(st, 3, lo);
		sqlite3_bind_int64(st, 4, hi);
	}
	return store_rows(s, st, sizeof **out, read_graded_org, (void **)out, n,
			  _("Reading party organisations"), err);
}

/* A row with its Vietnamese sort key, for ordering siblings. */
typedef struct keyed {
	unsigned char *key;
	size_t len;
	size_t row;
} keyed;

static int by_key(const void *a, const void *b)
{
	const keyed *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->key, y->key, n);
	if (c)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return (x->row > y->row) - (x->row < y->row);
}

typedef struct id_index {
	int64_t id;
	size_t pos; /* position in name order */
} id_index;

static int by_id(const void *a, const void *b)
{
	const id_index *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

/* The tree is held as, for each position in name order, its parent's
 * position (n for a root) and children lists laid out contiguously
 * (counting sort by parent, which keeps name order among siblings). */
typedef struct tree {
	const org_row *rows; /* in name order */
	size_t n;
	size_t *first, *kids; /* children of p: kids[first[p] .. first[p + 1]) */
	bool *done;
	org_row *out;
	size_t k;
} tree;

static void walk(tree *t, size_t i, int depth)
{
	if (t->done[i])
		return; /* a parent cycle in bad data: each row once */
	t->done[i] = true;
	t->out[t->k] = t->rows[i];
	t->out[t->k++].depth = depth;
	for (size_t j = t->first[i]; j < t->first[i + 1]; j++)
		walk(t, t->kids[j], depth + 1);
}

/* Parent position of each row in name order (n = root or outside). */
static void link_parents(const org_row *sorted, size_t n, size_t *parent, id_index *ids)
{
	for (size_t i = 0; i < n; i++)
		ids[i] = (id_index){sorted[i].id, i};
	qsort(ids, n, sizeof *ids, by_id);
	for (size_t i = 0; i < n; i++) {
		id_index want = {sorted[i].parent_id, 0}, *hit = NULL;
		if (sorted[i].parent_id)
			hit = bsearch(&want, ids, n, sizeof *ids, by_id);
		parent[i] = hit ? hit->pos : n;
	}
}

static void build_children(tree *t, const size_t *parent)
{
	size_t n = t->n;
	memset(t->first, 0, (n + 2) * sizeof *t->first);
	for (size_t i = 0; i < n; i++)
		t->first[parent[i] + 1]++;
	for (size_t p = 0; p <= n; p++)
		t->first[p + 1] += t->first[p];
	for (size_t i = 0; i < n; i++)
		t->kids[t->first[parent[i]]++] = i;
	for (size_t p = n + 1; p > 0; p--) /* shift the bumped starts back */
		t->first[p] = t->first[p - 1];
	t->first[0] = 0;
}

/* Sorts rows by name (Vietnamese order) into sorted[]. */
static int name_order(const org_row *rows, size_t n, org_row *sorted, cb_error *err)
{
	keyed *keys = calloc(n ? n : 1, sizeof *keys);
	unsigned char small[256];
	int rc = CB_OK;
	if (!keys)
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	for (size_t i = 0; i < n && !rc; i++) {
		keys[i].row = i;
		keys[i].len = text_sort_key(rows[i].name, small, sizeof small);
		if (!(keys[i].key = malloc(keys[i].len ? keys[i].len : 1)))
			rc = cb_error_set(err, CB_EDB, _("Out of memory"));
		else if (keys[i].len <= sizeof small)
			memcpy(keys[i].key, small, keys[i].len);
		else
			text_sort_key(rows[i].name, keys[i].key, keys[i].len);
	}
	if (!rc) {
		qsort(keys, n, sizeof *keys, by_key);
		for (size_t i = 0; i < n; i++)
			sorted[i] = rows[keys[i].row];
	}
	for (size_t i = 0; i < n; i++)
		free(keys[i].key);
	free(keys);
	return rc;
}

/* Pre-order of the rows, children in name order; linear after sorting. */
static int tree_order(const org_row *rows, size_t n, org_row **out, cb_error *err)
{
	size_t m = n ? n : 1;
	org_row *sorted = malloc(m * sizeof *sorted);
	size_t *parent = malloc(m * sizeof *parent);
	id_index *ids = malloc(m * sizeof *ids);
	tree t = {sorted,
		  n,
		  malloc((n + 2) * sizeof(size_t)),
		  malloc(m * sizeof(size_t)),
		  calloc(m, sizeof(bool)),
		  malloc(m * sizeof(org_row)),
		  0};
	int rc = CB_OK;

	if (!sorted || !parent || !ids || !t.first || !t.kids || !t.done || !t.out)
		rc = cb_error_set(err, CB_EDB, _("Out of memory"));
	if (!rc)
		rc = name_order(rows, n, sorted, err);
	if (!rc) {
		link_parents(sorted, n, parent, ids);
		build_children(&t, parent);
		for (size_t i = 0; i < n; i++)
			if (parent[i] == n)
				walk(&t, i, 0);
		for (size_t i = 0; i < n; i++) /* rows only reachable through a cycle */
			if (!t.done[i])
				walk(&t, i, 0);
	}
	free(sorted);
	free(parent);
	free(ids);
	free(t.first);
	free(t.kids);
	free(t.done);
	if (rc) {
		free(t.out);
		return rc;
	}
	*out = t.out;
	return CB_OK;
}

static int org_tree(store *s, int64_t unit_id, int year, bool counted, org_row **out, size_t *n,
		    cb_error *err)
{
	int scope_rc = store_scope_unit(s, unit_id, err); /* the reader's scope (access.h) */
	if (scope_rc)
		return scope_rc;
	org_row *rows = NULL;
	size_t count = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = read_all(s, unit_id, year, counted, &rows, &count, err)))
		return rc;
	rc = tree_order(rows, count, out, err);
	free(rows);
	if (!rc)
		*n = count;
	return rc;
}

int store_org_tree(store *s, int64_t unit_id, int year, org_row **out, size_t *n, cb_error *err)
{
	return org_tree(s, unit_id, year, true, out, n, err);
}

int store_org_tree_uncounted(store *s, int64_t unit_id, int year, org_row **out, size_t *n,
			     cb_error *err)
{
	return org_tree(s, unit_id, year, false, out, n, err);
}

struct org_counts {
	void (*fn)(void *ctx, int64_t org_id, int cadres);
	void *ctx;
};

static int read_counts(store *s, void *ctx, cb_error *err)
{
	const struct org_counts *c = ctx;
	sqlite3_stmt *st = store_prepare(
		s, "SELECT org_id, count(*) FROM cadre WHERE org_id IS NOT NULL GROUP BY org_id",
		err);
	int step;

	if (!st)
		return CB_EDB;
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		c->fn(c->ctx, sqlite3_column_int64(st, 0), sqlite3_column_int(st, 1));
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? CB_OK : store_fail(s, err, _("Reading party organisations"));
}

int store_org_cadre_counts(store *s, int (*should_stop)(void *), void *stop_ctx,
			   void (*fn)(void *ctx, int64_t org_id, int cadres), void *ctx,
			   cb_error *err)
{
	struct org_counts c = {fn, ctx};

	return store_until(s, should_stop, stop_ctx, read_counts, &c, err);
}

int store_org_ratings(store *s, int year, void (*fn)(void *ctx, int64_t org_id, int grade),
		      void *ctx, cb_error *err)
{
	/* the year's organisation ratings are the index's entries with no
	 * cadre: a few thousand, not the year's million */
	static const char sql[] =
		"SELECT r.org_id, r.grade FROM rating r JOIN org o ON o.id = r.org_id"
		" WHERE r.year = ?1 AND r.cadre_id IS NULL"
		" AND (?2 = 0 OR o.unit_id IN (SELECT id FROM unit WHERE lo BETWEEN ?2 AND ?3"
		" AND in_scope(lo, o.id)))";
	sqlite3_stmt *st = store_prepare(s, sql, err);
	int64_t lo = 0, hi = 0;
	int step;

	if (!st)
		return CB_EDB;
	store_scope_clamp(s, &lo, &hi); /* the reader's scope (access.h) */
	sqlite3_bind_int(st, 1, year);
	sqlite3_bind_int64(st, 2, lo);
	sqlite3_bind_int64(st, 3, hi);
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		fn(ctx, sqlite3_column_int64(st, 0), sqlite3_column_int(st, 1));
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? CB_OK : store_fail(s, err, _("Reading party organisations"));
}

/* ---- writing -------------------------------------------------------- */

int store_org_validate(org_row *o, cb_error *err)
{
	size_t len = strnlen(o->name, sizeof o->name);
	char *norm;
	if (len == sizeof o->name)
		return cb_error_set(err, CB_EINVALID, _("%s is too long (at most %d bytes)"),
				    _("Organisation name"), (int)sizeof o->name - 1);
	if (text_normalize(o->name, len, false, &norm, err)) {
		char why[sizeof err->msg];
		snprintf(why, sizeof why, "%s", err ? err->msg : "");
		return cb_error_set(err, CB_EINVALID, "%s: %s", _("Organisation name"), why);
	}
	len = strlen(norm);
	if (len == 0 || len >= sizeof o->name) {
		free(norm);
		return len ? cb_error_set(err, CB_EINVALID, _("%s is too long (at most %d bytes)"),
					  _("Organisation name"), (int)sizeof o->name - 1)
			   : cb_error_set(err, CB_EINVALID, _("%s must not be empty"),
					  _("Organisation name"));
	}
	memcpy(o->name, norm, len + 1);
	free(norm);
	if (model_name(ENUM_ORGKIND, o->kind)[0] == '\0')
		return cb_error_set(err, CB_EINVALID, _("%s: %d is not one of the choices"),
				    _("Organisation kind"), o->kind);
	return CB_OK;
}

char *store_org_json(const org_row *o)
{
	store_json b;
	char date[16];
	store_json_begin(&b);
	store_json_int(&b, "id", o->id);
	store_json_str(&b, "name", o->name);
	store_json_str(&b, "kind", model_name(ENUM_ORGKIND, o->kind));
	store_json_int(&b, "parent_id", o->parent_id);
	store_json_int(&b, "unit_id", o->unit_id);
	if (o->ended != CB_DATE_NONE) {
		date_format_iso(o->ended, date);
		store_json_str(&b, "ended", date);
		store_json_str(&b, "end_reason",
			       o->end_reason == ORG_MERGED ? "merged" : "dissolved");
		if (o->merged_into)
			store_json_int(&b, "merged_into", o->merged_into);
	}
	return store_json_end(&b);
}

static int org_insert_tx(store *s, org_row *o, cb_error *err)
{
	static const char sql[] =
		"INSERT INTO org(name, kind, parent_id, unit_id) VALUES(?, ?, ?, ?)";
	unit_row u;
	sqlite3_stmt *st;
	char *json;
	int rc;

	if ((rc = store_unit_ref(s, o->unit_id, &u, err)) ||
	    (o->parent_id && (rc = store_org_ref(s, o->parent_id, _("Parent organisation"), err))))
		return rc;
	if (!(st = store_prepare(s, sql, err)))
		return CB_EDB;
	store_bind_text(st, 1, o->name);
	sqlite3_bind_int(st, 2, o->kind);
	if (o->parent_id)
		sqlite3_bind_int64(st, 3, o->parent_id);
	else
		sqlite3_bind_null(st, 3);
	sqlite3_bind_int64(st, 4, o->unit_id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, _("Saving a party organisation"));
	o->id = sqlite3_last_insert_rowid(s->db);
	if (!(json = store_org_json(o)))
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	rc = store_audit(s, "org", o->id, "insert", NULL, json, err);
	free(json);
	return rc;
}

int store_org_insert(store *s, org_row *o, cb_error *err)
{
	int scope_rc = store_scope_unit(s, o->unit_id, err); /* the reader's scope (access.h) */
	if (scope_rc)
		return scope_rc;
	int64_t old_id = o->id;
	int rc = store_org_validate(o, err);
	if (rc)
		return rc;
	if ((rc = store_begin(s, err)))
		return rc;
	if ((rc = store_finish(s, org_insert_tx(s, o, err), err))) {
		o->id = old_id;
		return rc;
	}
	o->version = 1;
	return CB_OK;
}

int store_org_rating_set(store *s, int64_t org_id, int year, int grade, cb_error *err)
{
	int scope_rc = store_scope_org(s, org_id, err); /* the reader's scope (access.h) */
	if (scope_rc)
		return scope_rc;
	return store_rating_put(s, true, org_id, year, grade, err);
}
