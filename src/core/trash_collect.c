/* trash_collect.c - which rows go with a deleted record, and how a row is
 * kept while it waits in the trash.
 *
 * The dependents are found from the schema's own foreign keys (PRAGMA
 * foreign_key_list of every table), not from a list kept here: a row
 * whose key cascades from a row of the set joins the set; a row outside
 * the set whose key refers into it without cascading (a cadre of an
 * organisation, an item carried from one being deleted) blocks the
 * delete, since removing the parent would break it or silently change it.
 */
#include "trash_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

static const char *const kinds[] = {
	"cadre",  "org",      "plan",	  "plan_item", "plan_note",
	"rating", "training", "planning", "selfcheck",
};

bool trash_is_kind(const char *table)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (!strcmp(kinds[i], table))
			return true;
	return false;
}

void trash_quote(const char *name, char *buf, size_t cap)
{
	size_t j = 0;
	if (cap < 3)
		return;
	buf[j++] = '"';
	for (; *name && j + 3 < cap; name++) {
		if (*name == '"')
			buf[j++] = '"';
		buf[j++] = *name;
	}
	buf[j++] = '"';
	buf[j] = '\0';
}

/* A foreign key of the schema: child.col refers to parent(id). */
typedef struct fk_ref {
	char child[32], col[64], parent[32];
	bool cascade;
} fk_ref;

#define FK_MAX 128

static int load_refs(store *s, fk_ref *refs, size_t *n, cb_error *err)
{
	static const char sql[] =
		"SELECT m.name, f.\"from\", f.\"table\", f.on_delete"
		" FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f"
		" WHERE m.type = 'table' AND m.name NOT IN ('trash', 'trash_row')";
	sqlite3_stmt *st = store_prepare(s, sql, err);
	int rc;
	*n = 0;
	if (!st)
		return CB_EDB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		fk_ref *r = &refs[*n];
		if (*n == FK_MAX) {
			/* never follow only some of them: a dependent would be left */
			sqlite3_finalize(st);
			return cb_error_set(err, CB_EDB, _("Reading the database schema: %s"),
					    _("too many foreign keys"));
		}
		(*n)++;
		const char *on_delete = (const char *)sqlite3_column_text(st, 3);
		store_column_copy(st, 0, r->child, sizeof r->child);
		store_column_copy(st, 1, r->col, sizeof r->col);
		store_column_copy(st, 2, r->parent, sizeof r->parent);
		r->cascade = on_delete && !strcmp(on_delete, "CASCADE");
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, err, _("Reading the database schema"));
	return CB_OK;
}

static bool in_set(const trash_set *set, const char *table, int64_t id)
{
	for (size_t i = 0; i < set->n; i++)
		if (set->v[i].id == id && !strcmp(set->v[i].table, table))
			return true;
	return false;
}

static int add_node(trash_set *set, const char *table, int64_t id, cb_error *err)
{
	if (set->n == set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 16;
		trash_node *v = realloc(set->v, cap * sizeof *v);
		if (!v)
			return cb_error_set(err, CB_EDB, _("Out of memory"));
		set->v = v;
		set->cap = cap;
	}
	memset(&set->v[set->n], 0, sizeof set->v[0]);
	snprintf(set->v[set->n].table, sizeof set->v[0].table, "%s", table);
	set->v[set->n++].id = id;
	return CB_OK;
}

void trash_count_add(trash_count *list, size_t *len, const char *table, long n)
{
	for (size_t i = 0; i < *len; i++)
		if (!strcmp(list[i].table, table)) {
			list[i].n += n;
			return;
		}
	if (*len == TRASH_KINDS_MAX)
		return;
	snprintf(list[*len].table, sizeof list[0].table, "%s", table);
	list[(*len)++].n = n;
}

/* The rows of ref.child referring to parent row id: those cascading join
 * the set, the others outside it are counted as blockers (checked once the
 * whole set is known, so pass `check_only` then). */
static int follow(store *s, const fk_ref *ref, int64_t id, trash_set *set, bool check_only,
		  cb_error *err)
{
	char sql[256], child[80], col[140];
	sqlite3_stmt *st;
	int rc = CB_OK, step;

	trash_quote(ref->child, child, sizeof child);
	trash_quote(ref->col, col, sizeof col);
	snprintf(sql, sizeof sql, "SELECT rowid FROM %s WHERE %s = ?1 ORDER BY rowid", child, col);
	if (!(st = store_prepare(s, sql, err)))
		return CB_EDB;
	sqlite3_bind_int64(st, 1, id);
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t cid = sqlite3_column_int64(st, 0);
		if (in_set(set, ref->child, cid))
			continue;
		if (check_only)
			trash_count_add(set->blockers, &set->nblockers, ref->child, 1);
		else
			rc = add_node(set, ref->child, cid, err);
	}
	if (!rc && step != SQLITE_DONE)
		rc = store_fail(s, err, _("Reading records"));
	sqlite3_finalize(st);
	return rc;
}

int trash_collect(store *s, const char *table, int64_t id, trash_set *set, cb_error *err)
{
	fk_ref *refs = malloc(FK_MAX * sizeof *refs);
	size_t nrefs = 0;
	int rc;

	memset(set, 0, sizeof *set);
	if (!refs)
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	if (!(rc = load_refs(s, refs, &nrefs, err)))
		rc = add_node(set, table, id, err);
	/* breadth first: a row is always after the row it depends on */
	for (size_t i = 0; !rc && i < set->n; i++)
		for (size_t r = 0; !rc && r < nrefs; r++)
			if (refs[r].cascade && !strcmp(refs[r].parent, set->v[i].table))
				rc = follow(s, &refs[r], set->v[i].id, set, false, err);
	for (size_t i = 0; !rc && i < set->n; i++)
		for (size_t r = 0; !rc && r < nrefs; r++)
			if (!refs[r].cascade && !strcmp(refs[r].parent, set->v[i].table))
				rc = follow(s, &refs[r], set->v[i].id, set, true, err);
	free(refs);
	if (rc)
		trash_set_free(set);
	return rc;
}

void trash_set_free(trash_set *set)
{
	for (size_t i = 0; i < set->n; i++)
		free(set->v[i].json);
	free(set->v);
	memset(set, 0, sizeof *set);
}

/* ---- a row as JSON ------------------------------------------------------ */

static void put_value(store_json *b, sqlite3_stmt *st, int col)
{
	char num[40];
	switch (sqlite3_column_type(st, col)) {
	case SQLITE_NULL:
		store_json_raw(b, "null");
		break;
	case SQLITE_INTEGER:
		snprintf(num, sizeof num, "%lld", (long long)sqlite3_column_int64(st, col));
		store_json_raw(b, num);
		break;
	case SQLITE_FLOAT: {
		double d = sqlite3_column_double(st, col);
		/* SQLite reads 9e999 back as infinity (it stores no NaN) */
		if (isinf(d))
			snprintf(num, sizeof num, "%s", d > 0 ? "9e999" : "-9e999");
		else
			snprintf(num, sizeof num, "%.17g", d);
		/* keep it a real number when read back */
		if (!strpbrk(num, ".eE"))
			strcat(num, ".0");
		store_json_raw(b, num);
		break;
	}
	case SQLITE_BLOB: {
		const unsigned char *p = sqlite3_column_blob(st, col);
		int n = sqlite3_column_bytes(st, col);
		char *hex = malloc((size_t)n * 2 + 1);
		if (!hex) {
			b->oom = true;
			return;
		}
		for (int i = 0; i < n; i++)
			snprintf(hex + 2 * i, 3, "%02X", p[i]);
		hex[2 * n] = '\0';
		store_json_raw(b, "{\"hex\":\"");
		store_json_raw(b, hex);
		store_json_raw(b, "\"}");
		free(hex);
		break;
	}
	default:
		store_json_string(b, (const char *)sqlite3_column_text(st, col));
	}
}

int trash_row_json(store *s, const char *table, int64_t id, char **out, cb_error *err)
{
	char sql[128], q[80];
	sqlite3_stmt *st;
	store_json b;
	int step;

	*out = NULL;
	trash_quote(table, q, sizeof q);
	snprintf(sql, sizeof sql, "SELECT * FROM %s WHERE rowid = ?1", q);
	if (!(st = store_prepare(s, sql, err)))
		return CB_EDB;
	sqlite3_bind_int64(st, 1, id);
	step = sqlite3_step(st);
	if (step != SQLITE_ROW) {
		sqlite3_finalize(st);
		if (step == SQLITE_DONE)
			return cb_error_set(err, CB_NOT_FOUND, _("This record no longer exists"));
		return store_fail(s, err, _("Reading records"));
	}
	store_json_begin(&b);
	for (int c = 0; c < sqlite3_column_count(st); c++) {
		store_json_key(&b, sqlite3_column_name(st, c));
		put_value(&b, st, c);
	}
	sqlite3_finalize(st);
	if (!(*out = store_json_end(&b)))
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	return CB_OK;
}

/* ---- the record's name -------------------------------------------------- */

#define OWNER_OF(x)                                                                                \
	"coalesce((SELECT full_name FROM cadre WHERE id = " x ".cadre_id),"                        \
	" (SELECT name FROM org WHERE id = " x ".org_id), '')"

static const struct {
	const char *table, *sql;
} summaries[] = {
	{"cadre", "SELECT full_name FROM cadre WHERE id = ?1"},
	{"org", "SELECT name FROM org WHERE id = ?1"},
	{"plan", "SELECT " OWNER_OF("x") " || ', ' || year FROM plan x WHERE id = ?1"},
	{"plan_item", "SELECT substr(shortcoming, 1, 80) FROM plan_item WHERE id = ?1"},
	{"plan_note",
	 "SELECT noted_on || ': ' || substr(text, 1, 80) FROM plan_note WHERE id = ?1"},
	{"rating", "SELECT " OWNER_OF("x") " || ', ' || year FROM rating x WHERE id = ?1"},
	{"training", "SELECT (SELECT full_name FROM cadre WHERE id = x.cadre_id) || ', ' || year"
		     " || CASE WHEN course <> '' THEN ', ' || substr(course, 1, 60) ELSE '' END"
		     " FROM training x WHERE id = ?1"},
	{"planning", "SELECT (SELECT full_name FROM cadre WHERE id = x.cadre_id) || ', ' || term"
		     " || CASE WHEN position <> '' THEN ', ' || substr(position, 1, 60) ELSE '' END"
		     " FROM planning x WHERE id = ?1"},
	{"selfcheck", "SELECT (SELECT full_name FROM cadre WHERE id = x.cadre_id) || ', ' || month"
		      " FROM selfcheck x WHERE id = ?1"},
};

/* Copies text, cut at a character boundary when it does not fit. */
static void copy_utf8(char *buf, size_t cap, const char *text)
{
	size_t n = strlen(text);
	if (n >= cap) {
		n = cap - 1;
		while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(buf, text, n);
	buf[n] = '\0';
}

int trash_summary(store *s, const char *table, int64_t id, char *buf, size_t cap, cb_error *err)
{
	sqlite3_stmt *st;
	int step;

	snprintf(buf, cap, "%s %lld", table, (long long)id);
	for (size_t i = 0; i < sizeof summaries / sizeof summaries[0]; i++) {
		if (strcmp(summaries[i].table, table))
			continue;
		if (!(st = store_prepare(s, summaries[i].sql, err)))
			return CB_EDB;
		sqlite3_bind_int64(st, 1, id);
		step = sqlite3_step(st);
		if (step == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
			copy_utf8(buf, cap, (const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		if (step != SQLITE_ROW && step != SQLITE_DONE)
			return store_fail(s, err, _("Reading records"));
	}
	return CB_OK;
}
