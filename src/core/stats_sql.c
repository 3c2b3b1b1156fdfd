/* stats_sql.c - the statements of the breakdowns and the targets, built
 * as text and values in the order of their '?' (sql_build), and the
 * canbo_* SQL functions they call, registered once per connection.
 *
 * Values are bound, never printed into the text, so no value can change
 * what a statement means; text that does not fit sets `overflow`, and
 * such a statement is refused whole (sql_prepare), never cut short.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "stats_internal.h"

const char stats_ptr_type[] = "canbo_stats";

/* ---- statement text and its values -------------------------------------- */

void sql_put(sql_build *b, const char *text)
{
	size_t n = strlen(text);
	if (b->overflow || n >= sizeof b->text - b->len) {
		b->overflow = true;
		return;
	}
	memcpy(b->text + b->len, text, n + 1);
	b->len += n;
}

static struct sql_value *sql_slot(sql_build *b, int type)
{
	if (b->overflow || b->n >= SQL_VALUES_MAX) {
		b->overflow = true;
		return NULL;
	}
	b->v[b->n].type = type;
	return &b->v[b->n++];
}

void sql_int(sql_build *b, int64_t i)
{
	struct sql_value *v = sql_slot(b, SQLV_INT);
	if (v)
		v->i = i;
}

void sql_text(sql_build *b, const char *s)
{
	struct sql_value *v = sql_slot(b, SQLV_TEXT);
	if (v)
		snprintf(v->s, sizeof v->s, "%s", s);
}

void sql_ptr(sql_build *b, void *p)
{
	struct sql_value *v = sql_slot(b, SQLV_PTR);
	if (v)
		v->p = p;
}

bool sql_filter(sql_build *b, const cadre_filter *f)
{
	filter_sql fs;
	if (!filter_build(f, &fs)) {
		b->overflow = true;
		return false;
	}
	sql_put(b, fs.where);
	for (int i = 0; i < fs.nbind; i++) {
		if (fs.bind[i].is_text)
			sql_text(b, fs.bind[i].s);
		else
			sql_int(b, fs.bind[i].i);
	}
	return !b->overflow;
}

/* ---- the canbo_* SQL functions ------------------------------------------ */

void stats_agg_null(sqlite3_context *cx)
{
	sqlite3_result_null(cx);
}

void *stats_agg_ptr(sqlite3_context *cx, sqlite3_value *v)
{
	void **pp = sqlite3_aggregate_context(cx, sizeof *pp);
	if (!pp)
		return NULL;
	if (!*pp)
		*pp = sqlite3_value_pointer(v, stats_ptr_type);
	return *pp;
}

/* Redefining a function while another statement is running fails, so
 * look before defining: canbo_sat, defined last, says all are there. */
int stats_sql_register(store *s, cb_error *err)
{
	sqlite3 *db = store_db(s);
	sqlite3_stmt *st = NULL;
	int flags = SQLITE_UTF8 | SQLITE_DIRECTONLY;

	if (sqlite3_prepare_v2(db, "SELECT canbo_sat(NULL, 0)", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_finalize(st);
		return CB_OK;
	}
	if (sqlite3_create_function_v2(db, "canbo_tally", 4, flags, NULL, NULL, stats_tally_step,
				       stats_agg_null, NULL) != SQLITE_OK ||
	    sqlite3_create_function_v2(db, "canbo_tally", 5, flags, NULL, NULL, stats_tally_step,
				       stats_agg_null, NULL) != SQLITE_OK ||
	    sqlite3_create_function_v2(db, "canbo_targets", -1, flags, NULL, NULL,
				       stats_targets_step, stats_agg_null, NULL) != SQLITE_OK ||
	    sqlite3_create_function_v2(db, "canbo_hist", 4, flags, NULL, NULL, stats_hist_step,
				       stats_agg_null, NULL) != SQLITE_OK ||
	    stats_sat_register(db, flags) != SQLITE_OK)
		return store_fail(s, err, _("Preparing the breakdown"));
	return CB_OK;
}

int sql_bind_all(sqlite3_stmt *st, const sql_build *b)
{
	int rc = SQLITE_OK;

	for (int i = 0; i < b->n && rc == SQLITE_OK; i++) {
		const struct sql_value *v = &b->v[i];
		if (v->type == SQLV_INT)
			rc = sqlite3_bind_int64(st, i + 1, v->i);
		else if (v->type == SQLV_TEXT)
			rc = sqlite3_bind_text(st, i + 1, v->s, -1, SQLITE_TRANSIENT);
		else
			rc = sqlite3_bind_pointer(st, i + 1, v->p, stats_ptr_type, NULL);
	}
	return rc;
}

int sql_prepare_db(sqlite3 *db, const sql_build *b, sqlite3_stmt **out)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*out = NULL;
	if (b->overflow)
		return SQLITE_TOOBIG;
	if ((rc = sqlite3_prepare_v2(db, b->text, -1, &st, NULL)) != SQLITE_OK)
		return rc;
	if ((rc = sql_bind_all(st, b)) != SQLITE_OK) {
		sqlite3_finalize(st);
		return rc;
	}
	*out = st;
	return SQLITE_OK;
}

int sql_prepare(store *s, const sql_build *b, sqlite3_stmt **out, const char *what, cb_error *err)
{
	int rc;

	*out = NULL;
	if (b->overflow)
		return cb_error_set(err, CB_EINVALID, _("%s: the query is too long"), what);
	if ((rc = stats_sql_register(s, err)))
		return rc;
	if (sql_prepare_db(store_db(s), b, out) != SQLITE_OK)
		return store_fail(s, err, what);
	return CB_OK;
}
