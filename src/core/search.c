/* search.c - the cadre list: filtered, searched, in Vietnamese order, one
 * window at a time.
 *
 * With search text the FTS5 table drives the query: its rowid is the rank,
 * FTS5 yields matches in rowid order, so `... ORDER BY f.rowid LIMIT n`
 * stops after n rows even when a one-letter query matches most of a
 * million names. Without text the walk is the cadre_rank index (or, for
 * the other orders, cadre_birth / units in tree order and cadre_unit),
 * again stopping at the LIMIT. Windows continue from an opaque position
 * (keyset paging), never with OFFSET.
 *
 * A query typed with diacritics matches only what it spells: the folded
 * FTS match is narrowed by canbo_spelled(full_name, query), an SQL function
 * registered on the handle that calls text_match_spelled.
 */
#include "store_internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "text.h"

/* Positions: the rank alone in name order; (birth day, rank) or (unit lo,
 * rank) packed as key << 40 | rank in the other orders. */
#define POS_SHIFT 40
#define POS_RANK_MASK ((INT64_C(1) << POS_SHIFT) - 1)
#define POS_DAY_BIAS (INT64_C(1) << 22)

/* ---- the match expression ------------------------------------------- */

bool search_match_expr(const char *text, char *buf, size_t cap)
{
	char small[256], *fold = small, *word, *save = NULL;
	size_t need, len = 0;
	bool any = false;

	if (!text || !*text || cap == 0)
		return false;
	need = text_fold(text, small, sizeof small);
	if (need >= sizeof small) {
		if (!(fold = malloc(need + 1)))
			return false;
		text_fold(text, fold, need + 1);
	}
	buf[0] = '\0';
	for (word = strtok_r(fold, " ", &save); word; word = strtok_r(NULL, " ", &save)) {
		int n = snprintf(buf + len, cap - len, "%s\"%s\"*", any ? " " : "", word);
		if (n < 0 || (size_t)n >= cap - len) {
			any = false; /* too long: no partial expression */
			break;
		}
		len += (size_t)n;
		any = true;
	}
	if (fold != small)
		free(fold);
	if (!any)
		buf[0] = '\0';
	return any;
}

/* ---- canbo_spelled -------------------------------------------------- */

static void sql_spelled(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *name = (const char *)sqlite3_value_text(argv[0]);
	const char *query = (const char *)sqlite3_value_text(argv[1]);
	(void)argc;
	sqlite3_result_int(ctx, name && query && text_match_spelled(name, query));
}

int search_register(store *s, cb_error *err)
{
	if (s->funcs)
		return CB_OK;
	if (sqlite3_create_function_v2(s->db, "canbo_spelled", 2,
				       SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_spelled,
				       NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(s, err, _("Preparing the search"));
	s->funcs = 1;
	return CB_OK;
}

/* ---- building the SQL ----------------------------------------------- */

typedef struct sqlbuf {
	char *p;
	size_t len, cap;
	bool ok;
} sqlbuf;

static void add(sqlbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void add(sqlbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;
	if (!b->ok)
		return;
	va_start(ap, fmt);
	n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= b->cap - b->len)
		b->ok = false;
	else
		b->len += (size_t)n;
}

/* FROM clause: the table that drives the order comes first. In unit
 * order `+u.id` keeps SQLite from carrying a unit condition of the filter
 * over to u, which would make it visit the units out of tree order. */
static void add_from(sqlbuf *b, bool text, int sort)
{
	if (text)
		add(b, " FROM cadre_fts f CROSS JOIN cadre c ON c.rank = f.rowid" CADRE_JOINS);
	else if (sort == SORT_UNIT)
		add(b, " FROM unit u CROSS JOIN cadre c ON c.unit_id = +u.id" CADRE_JOIN_REST);
	else if (sort == SORT_AGE)
		add(b, " FROM cadre c INDEXED BY cadre_birth" CADRE_JOINS);
	else
		add(b, " FROM cadre c INDEXED BY cadre_rank" CADRE_JOINS);
}

/* Keyset condition: rows strictly after (before) the position. */
static void add_keyset(sqlbuf *b, bool text, int sort, bool backwards, search_sql *o)
{
	const char *op = backwards ? "<" : ">";
	if (sort == SORT_NAME)
		add(b, " AND %s %s ?%d", text ? "f.rowid" : "c.rank", op, o->p_after);
	else if (sort == SORT_AGE)
		add(b, " AND (c.birth_date, c.rank) %s (?%d, ?%d)", op, o->p_after, o->p_after2);
	else
		add(b, " AND (u.lo %s ?%d OR (u.lo = ?%d AND c.rank %s ?%d))", op, o->p_after,
		    o->p_after, op, o->p_after2);
}

static void add_order(sqlbuf *b, bool text, int sort, bool backwards)
{
	const char *dir = backwards ? " DESC" : "";
	if (sort == SORT_NAME)
		add(b, " ORDER BY %s%s", text ? "f.rowid" : "c.rank", dir);
	else if (sort == SORT_AGE)
		add(b, " ORDER BY c.birth_date%s, c.rank%s", dir, dir);
	else
		add(b, " ORDER BY u.lo%s, u.id%s, c.rank%s", dir, dir, dir);
}

int search_build(const search_query *q, int64_t after, int backwards, int count,
		 search_sql *o, cb_error *err)
{
	sqlbuf b = {o->sql, 0, sizeof o->sql, true};
	int sort = q->sort == SORT_AGE || q->sort == SORT_UNIT ? q->sort : SORT_NAME;
	bool keyset = !count && (backwards ? after != INT64_MAX : after != 0);
	bool text;
	int p = 1;

	if (q->text && strlen(q->text) >= sizeof o->match / 2)
		return cb_error_set(err, CB_EINVALID, _("The search text is too long"));
	text = search_match_expr(q->text, o->match, sizeof o->match);
	if (!filter_build(&q->filter, &o->fs))
		return cb_error_set(err, CB_EINVALID, _("The filter has too many conditions"));
	o->p_match = text ? p++ : 0;
	o->p_after = keyset ? p++ : 0;
	o->p_after2 = keyset && sort != SORT_NAME ? p++ : 0;
	o->first_filter = p;
	p += o->fs.nbind;
	o->p_spelled = text && text_has_marks(q->text) ? p++ : 0;
	o->p_limit = count ? 0 : p++;

	if (count)
		add(&b, text ? "SELECT count(*) FROM cadre_fts f CROSS JOIN cadre c"
			       " ON c.rank = f.rowid"
			     : "SELECT count(*) FROM cadre c");
	else {
		add(&b, "SELECT " CADRE_COLUMNS ", c.rank, %s",
		    sort == SORT_AGE ? "c.birth_date" : sort == SORT_UNIT ? "u.lo" : "0");
		add_from(&b, text, sort);
	}
	add(&b, text ? " WHERE f.cadre_fts MATCH ?%d" : " WHERE 1", o->p_match);
	if (keyset)
		add_keyset(&b, text, sort, backwards, o);
	add(&b, "%s", o->fs.where);
	if (o->p_spelled)
		add(&b, " AND canbo_spelled(c.full_name, ?)");
	if (!count) {
		add_order(&b, text, sort, backwards);
		add(&b, " LIMIT ?");
	}
	if (!b.ok)
		return cb_error_set(err, CB_EINVALID, _("The filter has too many conditions"));
	return CB_OK;
}

/* ---- running it ----------------------------------------------------- */

static int64_t pos_make(int sort, sqlite3_stmt *st, int col)
{
	int64_t rank = sqlite3_column_int64(st, col) & POS_RANK_MASK;
	cb_date day;
	if (sort == SORT_AGE) {
		const char *iso = (const char *)sqlite3_column_text(st, col + 1);
		if (!iso || !date_parse_iso(iso, &day))
			day = 0;
		return ((int64_t)day + POS_DAY_BIAS) << POS_SHIFT | rank;
	}
	if (sort == SORT_UNIT)
		return sqlite3_column_int64(st, col + 1) << POS_SHIFT | rank;
	return rank;
}

static int bind_keyset(sqlite3_stmt *st, int sort, const search_sql *o, int64_t after)
{
	char iso[11];
	if (!o->p_after)
		return SQLITE_OK;
	if (sort == SORT_NAME)
		return sqlite3_bind_int64(st, o->p_after, after);
	if (sort == SORT_AGE) {
		date_format_iso((cb_date)((after >> POS_SHIFT) - POS_DAY_BIAS), iso);
		if (sqlite3_bind_text(st, o->p_after, iso, -1, SQLITE_TRANSIENT) != SQLITE_OK)
			return SQLITE_ERROR;
	} else if (sqlite3_bind_int64(st, o->p_after, after >> POS_SHIFT) != SQLITE_OK) {
		return SQLITE_ERROR;
	}
	return sqlite3_bind_int64(st, o->p_after2, after & POS_RANK_MASK);
}

/* Prepares and binds the statement of a fetch (count=0) or count. */
static sqlite3_stmt *search_prepare(store *s, const search_query *q, int64_t after,
				    bool backwards, int count, size_t limit, cb_error *err)
{
	search_sql *o = malloc(sizeof *o);
	search_query nq = *q;
	char *norm = NULL;
	sqlite3_stmt *st = NULL;
	int sort = q->sort == SORT_AGE || q->sort == SORT_UNIT ? q->sort : SORT_NAME;

	if (!o) {
		cb_error_set(err, CB_EDB, _("Out of memory"));
		return NULL;
	}
	if (q->text && *q->text) {
		if (text_normalize(q->text, strlen(q->text), false, &norm, err))
			goto out;
		nq.text = norm;
	}
	if (search_build(&nq, after, backwards, count, o, err) ||
	    (o->p_spelled && search_register(s, err)) || !(st = store_prepare(s, o->sql, err)))
		goto out;
	if ((o->p_match && sqlite3_bind_text(st, o->p_match, o->match, -1, SQLITE_TRANSIENT)) ||
	    bind_keyset(st, sort, o, after) || filter_bind(&o->fs, st, o->first_filter) ||
	    (o->p_spelled && store_bind_text(st, o->p_spelled, nq.text)) ||
	    (o->p_limit && sqlite3_bind_int64(st, o->p_limit, limit ? (int64_t)limit : -1))) {
		store_fail(s, err, _("Preparing the search"));
		sqlite3_finalize(st);
		st = NULL;
	}
out:
	free(norm);
	free(o);
	return st;
}

static void reverse(search_hit *h, size_t n)
{
	for (size_t i = 0; i < n / 2; i++) {
		search_hit t = h[i];
		h[i] = h[n - 1 - i];
		h[n - 1 - i] = t;
	}
}

int search_fetch(store *s, const search_query *q, int64_t after, bool backwards,
		 size_t limit, search_hit **out, size_t *n, cb_error *err)
{
	int sort = q->sort == SORT_AGE || q->sort == SORT_UNIT ? q->sort : SORT_NAME;
	sqlite3_stmt *st = search_prepare(s, q, after, backwards, 0, limit, err);
	size_t cap = limit ? limit : 64, count = 0;
	search_hit *hits;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return err ? err->code : CB_EDB;
	if (!(hits = malloc(cap * sizeof *hits))) {
		sqlite3_finalize(st);
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (count == cap) {
			search_hit *bigger = realloc(hits, 2 * cap * sizeof *hits);
			if (!bigger) {
				rc = SQLITE_NOMEM;
				break;
			}
			hits = bigger;
			cap *= 2;
		}
		store_cadre_read(st, 0, &hits[count].c);
		hits[count].pos = pos_make(sort, st, CADRE_NCOLUMNS);
		count++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(hits);
		return rc == SQLITE_NOMEM ? cb_error_set(err, CB_EDB, _("Out of memory"))
					  : store_fail(s, err, _("Searching"));
	}
	if (backwards)
		reverse(hits, count);
	*out = hits;
	*n = count;
	return CB_OK;
}

int search_count(store *s, const search_query *q, int64_t *count, cb_error *err)
{
	sqlite3_stmt *st = search_prepare(s, q, 0, false, 1, 0, err);
	int rc;
	*count = 0;
	if (!st)
		return err ? err->code : CB_EDB;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*count = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? CB_OK : store_fail(s, err, _("Counting"));
}
