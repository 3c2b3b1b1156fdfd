/* trash_list.c - what the trash holds, and the words for it. */
#include "trash_internal.h"

#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "i18n.h"

const char *trash_kind_label(const char *table)
{
	static const struct {
		const char *table, *label;
	} kinds[] = {
		{"cadre", N_("Cadre")},
		{"org", N_("Organisation")},
		{"plan", N_("Action plan")},
		{"plan_item", N_("Remediation item")},
		{"plan_note", N_("Progress note")},
		{"rating", N_("Rating")},
		{"training", N_("Training")},
		{"planning", N_("Planning")},
		{"selfcheck", N_("Self-check")},
	};
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (!strcmp(kinds[i].table, table))
			return _(kinds[i].label);
	return table;
}

/* How many rows of each table, in words; a table added later and not yet
 * named here is counted by its name. */
static const struct count_words {
	const char *table, *one, *many;
} count_words[] = {
	{"cadre", N_("%ld cadre"), N_("%ld cadres")},
	{"org", N_("%ld organisation"), N_("%ld organisations")},
	{"plan", N_("%ld plan"), N_("%ld plans")},
	{"plan_item", N_("%ld remediation item"), N_("%ld remediation items")},
	{"plan_note", N_("%ld progress note"), N_("%ld progress notes")},
	{"rating", N_("%ld rating"), N_("%ld ratings")},
	{"training", N_("%ld training"), N_("%ld trainings")},
	{"planning", N_("%ld planning entry"), N_("%ld planning entries")},
	{"selfcheck", N_("%ld self-check"), N_("%ld self-checks")},
	{"evaluation", N_("%ld evaluation"), N_("%ld evaluations")},
	{"evaluation_score", N_("%ld evaluation score"), N_("%ld evaluation scores")},
	{"appointment", N_("%ld appointment"), N_("%ld appointments")},
	{"departure", N_("%ld departure from the list"), N_("%ld departures from the list")},
	{"discipline", N_("%ld discipline"), N_("%ld disciplines")},
	{"pool", N_("%ld planning pool entry"), N_("%ld planning pool entries")},
};

void trash_count_text(const char *table, long n, char *buf, size_t cap)
{
	unsigned long k = (unsigned long)n;

	for (size_t i = 0; i < sizeof count_words / sizeof count_words[0]; i++)
		if (!strcmp(count_words[i].table, table)) {
			snprintf(buf, cap, ngettext(count_words[i].one, count_words[i].many, k), n);
			return;
		}
	snprintf(buf, cap, ngettext("%ld row of %s", "%ld rows of %s", k), n, table);
}

void trash_counts_text(const trash_count *list, size_t len, char *buf, size_t cap)
{
	/* the order of the question in the issue of the office: plans and
	 * what hangs from them, then the yearly records */
	static const char *const order[] = {"cadre",	 "org",	      "plan",
					    "plan_item", "plan_note", "rating",
					    "training",	 "planning",  "selfcheck"};
	const size_t norder = sizeof order / sizeof order[0];
	size_t used = 0;
	bool done[TRASH_KINDS_MAX] = {false};

	if (cap)
		buf[0] = '\0';
	for (size_t pass = 0; pass <= norder; pass++)
		for (size_t i = 0; i < len; i++) {
			char one[128];
			bool known = false;
			for (size_t o = 0; o < norder; o++)
				known |= !strcmp(list[i].table, order[o]);
			if (done[i] || !list[i].n ||
			    (pass < norder ? strcmp(list[i].table, order[pass]) : known))
				continue;
			done[i] = true;
			trash_count_text(list[i].table, list[i].n, one, sizeof one);
			if (used < cap)
				used += (size_t)snprintf(buf + used, cap - used, "%s%s",
							 used ? ", " : "", one);
		}
}

void trash_effect_text(const trash_effect *e, char *buf, size_t cap)
{
	trash_counts_text(e->deps, e->ndeps, buf, cap);
}

void trash_effect_question(const trash_effect *e, const char *name, char *buf, size_t cap)
{
	char deps[512];
	trash_effect_text(e, deps, sizeof deps);
	if (!name)
		name = e->summary;
	if (deps[0])
		snprintf(buf, cap,
			 _("Delete %s with %s? It goes to the trash and can be restored."), name,
			 deps);
	else
		snprintf(buf, cap, _("Delete %s? It goes to the trash and can be restored."), name);
}

/* ---- the list --------------------------------------------------------------- */

#define ENTRY_SQL "SELECT id, at, user, tbl, row_id, summary FROM trash"

static void read_entry(sqlite3_stmt *st, void *row)
{
	trash_entry *e = row;
	memset(e, 0, sizeof *e);
	e->id = sqlite3_column_int64(st, 0);
	store_column_copy(st, 1, e->at, sizeof e->at);
	store_column_copy(st, 2, e->user, sizeof e->user);
	store_column_copy(st, 3, e->table, sizeof e->table);
	e->row_id = sqlite3_column_int64(st, 4);
	store_column_copy(st, 5, e->summary, sizeof e->summary);
}

/* The rows an entry holds besides its record, as words. */
static int describe(store *s, trash_entry *e, cb_error *err)
{
	static const char sql[] =
		"SELECT tbl, count(*), min(seq) FROM trash_row WHERE trash_id = ?1"
		" GROUP BY tbl ORDER BY 3";
	sqlite3_stmt *st = store_prepare(s, sql, err);
	trash_count deps[TRASH_KINDS_MAX];
	size_t n = 0;
	int step;
	if (!st)
		return CB_EDB;
	sqlite3_bind_int64(st, 1, e->id);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		char table[32];
		long count = (long)sqlite3_column_int64(st, 1);
		store_column_copy(st, 0, table, sizeof table);
		e->rows += count;
		if (!strcmp(table, e->table))
			count--; /* the record itself */
		if (count > 0)
			trash_count_add(deps, &n, table, count);
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE)
		return store_fail(s, err, _("Reading the trash"));
	trash_counts_text(deps, n, e->contents, sizeof e->contents);
	return CB_OK;
}

/* A database opened read-only is not upgraded: one made before the trash
 * has none, which is an empty trash. */
static bool has_trash(store *s)
{
	sqlite3_stmt *st;
	bool yes = false;
	if (sqlite3_prepare_v2(store_db(s), "SELECT 1 FROM sqlite_master WHERE name = 'trash'", -1,
			       &st, NULL) != SQLITE_OK)
		return true; /* let the query say what is wrong */
	yes = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return yes;
}

int trash_list(store *s, trash_entry **out, size_t *n, cb_error *err)
{
	sqlite3_stmt *st;
	int rc;
	*out = NULL;
	*n = 0;
	if (!has_trash(s))
		return CB_OK;
	/* only the entries of the user's districts (access.h) */
	int64_t lo, hi;
	bool scoped = store_scoped(s, &lo, &hi);
	st = store_prepare(s,
			   scoped ? ENTRY_SQL
				   " WHERE unit_id IN (SELECT id FROM unit WHERE lo BETWEEN ?1"
				   " AND ?2 AND in_scope(lo, NULL)) ORDER BY id DESC"
				  : ENTRY_SQL " ORDER BY id DESC",
			   err);
	if (st && scoped) {
		sqlite3_bind_int64(st, 1, lo);
		sqlite3_bind_int64(st, 2, hi);
	}
	rc = store_rows(s, st, sizeof **out, read_entry, (void **)out, n, _("Reading the trash"),
			err);
	for (size_t i = 0; !rc && i < *n; i++)
		rc = describe(s, &(*out)[i], err);
	if (rc && *out) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int trash_get(store *s, int64_t trash_id, trash_entry *out, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(s, ENTRY_SQL " WHERE id = ?1", err);
	int step;
	if (!st)
		return CB_EDB;
	sqlite3_bind_int64(st, 1, trash_id);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		read_entry(st, out);
	sqlite3_finalize(st);
	if (step == SQLITE_DONE)
		return cb_error_set(err, CB_NOT_FOUND, _("There is no entry %lld in the trash"),
				    (long long)trash_id);
	if (step != SQLITE_ROW)
		return store_fail(s, err, _("Reading the trash"));
	return describe(s, out, err);
}
