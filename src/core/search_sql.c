/* search_sql.c - the SQL of a cadre list window: which index drives it,
 * how the typed text is matched, the keyset condition and the order.
 *
 * How a window is found (the shapes of search_build):
 *  - text in name order: FTS5 drives in rowid (= rank) order and the
 *    LIMIT stops it, however many names match; other conditions are
 *    checked row by row.
 *  - no text: the index of the order drives (cadre_rank; cadre_birth; the
 *    units in tree order with cadre_unit, or cadre_unit_post in position
 *    order), again stopped by the LIMIT.
 *  - text in age or unit order: with few matches FTS5 finds them and they
 *    are sorted; with many (SEARCH_BROAD) the order's index drives as
 *    without text and each row is tested against the set of matching
 *    ranks, which stops early because matches are dense.
 *  - a narrow unit scope (SEARCH_NARROW: a commune, a small district):
 *    its cadres are read through cadre_unit and sorted, and the text is
 *    matched on the stored fold by canbo_words, never reading the rest of
 *    a large province.
 *  - a unit scope whose filter the index cadre_pack narrows to a few
 *    cadres (SEARCH_PACK: the managed women of a large district, those
 *    not rated good): the ids search_pack.c found on that index without
 *    reading the table, a superset of the filter's, are bound as one JSON
 *    array; each is read by rowid, the whole filter (and the text, as in
 *    the narrow shape) tested on its row, and the window sorted. The cost
 *    grows with the scope and the few rows, not with the province.
 *  - the same set when the filter is too common to be worth sorting
 *    (SEARCH_MEMBER: the district's cadres with a degree in the pool): the
 *    order's index drives as without it, and each entry's id is tested
 *    against the set before its row is read, so only the set's rows are.
 *  - in name order, a unit scope too large to sort and too small to come
 *    soon along the name index (SEARCH_RANKS: a district of a million-
 *    cadre province): the ranks of its cadres, read from cadre_unit, and
 *    each rank of the name index or rowid of a text match tested against
 *    them before its row is read.
 *  - counts: through FTS5 when the text is the narrower condition, and
 *    through cadre_unit against the match set in a large unit scope. A
 *    broad text whose matches must each be read (a filter, diacritics)
 *    is counted by reading the table in order and matching the stored
 *    fold with canbo_words: one pass over the pages instead of a
 *    scattered read per match.
 * Sorted shapes sort row ids only, in an inner query; the window alone is
 * then joined for display. Tables are named in the order SQLite must visit
 * them (CROSS JOIN) and indexes are fixed (INDEXED BY), so no statistics
 * can lead it into sorting a million rows. In unit order `+u.id` keeps
 * SQLite from moving a unit condition of the filter over to u, which would
 * visit the units out of tree order; `+c.rank IN` keeps it from turning
 * the match set into index probes.
 *
 * A query typed with diacritics matches only what it spells: the folded
 * match is narrowed by canbo_spelled(full_name, query).
 */
#include "search_internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"

/* ---- the match expression ------------------------------------------- */

/* The fold of text split into words; calls fn for each, stops when it
 * returns false. Returns false if the fold could not be made. */
static bool each_word(const char *text, bool (*fn)(const char *, void *), void *arg)
{
	char small[256], *fold = small, *word, *save = NULL;
	size_t need = text_fold(text, small, sizeof small);
	bool ok = true;
	if (need >= sizeof small) {
		if (!(fold = malloc(need + 1)))
			return false;
		text_fold(text, fold, need + 1);
	}
	for (word = strtok_r(fold, " ", &save); ok && word; word = strtok_r(NULL, " ", &save))
		ok = fn(word, arg);
	if (fold != small)
		free(fold);
	return ok;
}

typedef struct appender {
	char *buf;
	size_t cap, len;
	const char *fmt_first, *fmt_next;
	bool any, full;
} appender;

static bool append_word(const char *word, void *arg)
{
	appender *a = arg;
	int n = snprintf(a->buf + a->len, a->cap - a->len, a->any ? a->fmt_next : a->fmt_first,
			 word);
	if (n < 0 || (size_t)n >= a->cap - a->len) {
		a->full = true;
		return false;
	}
	a->len += (size_t)n;
	a->any = true;
	return true;
}

/* Writes each folded word through a format; false if empty or too long. */
static bool join_words(const char *text, const char *first, const char *next, char *buf, size_t cap)
{
	appender a = {buf, cap, 0, first, next, false, false};
	if (!text || !*text || cap == 0)
		return false;
	buf[0] = '\0';
	if (!each_word(text, append_word, &a) && !a.full)
		return false;
	if (a.full || !a.any) {
		buf[0] = '\0';
		return false;
	}
	return true;
}

bool search_match_expr(const char *text, char *buf, size_t cap)
{
	return join_words(text, "\"%s\"*", " \"%s\"*", buf, cap);
}

bool search_match_finish(char *match, size_t cap, const char *place)
{
	size_t len = strlen(match);
	size_t need = (len ? len + sizeof "name : ()" - 1 : 0) +
		      (place ? (len ? 5 : 0) + strlen(place) + sizeof "place : ()" - 1 : 0) + 1;

	if (need > cap) /* the match left as it was */
		return false;
	/* the names' column only: a word typed would otherwise also match
	 * the units' tokens (u12...) */
	if (len) {
		memmove(match + 8, match, len);
		memcpy(match, "name : (", 8);
		memcpy(match + 8 + len, ")", 2);
		len += 9;
	}
	if (place)
		snprintf(match + len, cap - len, "%splace : (%s)", len ? " AND " : "", place);
	return true;
}

/* Longest query word that the FTS5 prefix index answers (prefix='1 2 3'). */
#define PREFIX_INDEXED 3
/* At most this many whole words stand in for a longer typed word. */
#define EXPAND_MAX 32

typedef struct expander {
	store *s;
	sqlite3_stmt *st;
	char *buf;
	size_t cap, len;
	int rc;
	cb_error *err;
} expander;

static bool put_text(expander *e, const char *text)
{
	size_t n = strlen(text);
	if (e->len + n + 1 > e->cap) {
		e->rc = cb_error_set(e->err, CB_EINVALID, _("The search text is too long"));
		return false;
	}
	memcpy(e->buf + e->len, text, n + 1);
	e->len += n;
	return true;
}

/* The word quoted, whatever its length (put_text refuses what does not
 * fit; a word is never cut, which would leave its quote open). */
static bool put_phrase(expander *e, const char *word, bool prefix)
{
	return put_text(e, "\"") && put_text(e, word) && put_text(e, prefix ? "\"*" : "\"");
}

/* The whole words beginning with `word`, as ("w1" OR "w2" ...); the
 * prefix phrase itself when there are too many of them or none. */
static bool expand_word(const char *word, void *arg)
{
	expander *e = arg;
	char hi[128], terms[EXPAND_MAX][64];
	size_t n = strlen(word), k = 0;
	bool more = false;
	int src;

	if (e->len && !put_text(e, " AND "))
		return false;
	if (n <= PREFIX_INDEXED || n >= sizeof hi || n >= sizeof terms[0])
		return put_phrase(e, word, true);
	memcpy(hi, word, n + 1);
	hi[n - 1]++; /* the next prefix, byte-wise (UTF-8 of other scripts too) */
	sqlite3_reset(e->st);
	sqlite3_bind_text(e->st, 1, word, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(e->st, 2, hi, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(e->st, 3, EXPAND_MAX + 1);
	while ((src = sqlite3_step(e->st)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(e->st, 0);
		if (k == EXPAND_MAX || !t || strlen(t) >= sizeof terms[0]) {
			more = true;
			break;
		}
		strcpy(terms[k++], t);
	}
	if (src != SQLITE_ROW && src != SQLITE_DONE) {
		e->rc = store_fail(e->s, e->err, _("Searching"));
		return false;
	}
	if (more || k == 0) /* none: the prefix finds nothing at no cost */
		return put_phrase(e, word, true);
	for (size_t i = 0; i < k; i++) {
		char term[80];
		snprintf(term, sizeof term, "%s\"%s\"%s", i ? " OR " : "(", terms[i],
			 i + 1 == k ? ")" : "");
		if (!put_text(e, term))
			return false;
	}
	return true;
}

/* Whether name_word has been filled (a database whose names were loaded
 * by other means keeps the plain prefix search, slower but exact). */
static int words_known(store *s, bool *known, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT EXISTS (SELECT 1 FROM name_word)", err);
	int rc;
	if (!st)
		return CB_EDB;
	rc = sqlite3_step(st);
	*known = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? CB_OK : store_fail(s, err, _("Searching"));
}

int search_expand(store *s, const char *text, char *buf, size_t cap, cb_error *err)
{
	expander e = {s, NULL, buf, cap, 0, CB_OK, err};
	bool known;
	int rc = words_known(s, &known, err);
	if (rc || !known)
		return rc;
	if (!(e.st = store_prepare(s,
				   "SELECT word FROM name_word WHERE word >= ?1"
				   " AND word < ?2 ORDER BY word LIMIT ?3",
				   err)))
		return CB_EDB;
	buf[0] = '\0';
	if (!each_word(text, expand_word, &e) && !e.rc)
		e.rc = cb_error_set(err, CB_EDB, _("Out of memory"));
	sqlite3_finalize(e.st);
	return e.rc;
}

/* ---- SQL functions -------------------------------------------------- */

static void sql_spelled(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *name = (const char *)sqlite3_value_text(argv[0]);
	const char *query = (const char *)sqlite3_value_text(argv[1]);
	(void)argc;
	sqlite3_result_int(ctx, name && query && text_match_spelled(name, query));
}

/* True when word (n > 0 bytes) is a prefix of some space-separated word
 * of fold. A district's list tests this on each of tens of thousands of
 * names: a plain loop with the first byte compared first costs a third
 * of the library's strncmp/strcspn/strspn calls on such short words. */
static bool has_prefix_word(const char *fold, const char *word, size_t n)
{
	const char *w = fold;
	for (;;) {
		while (*w == ' ')
			w++;
		if (!*w)
			return false;
		if (*w == *word && strncmp(w, word, n) == 0)
			return true;
		while (*w && *w != ' ')
			w++;
	}
}

/* canbo_words(name_fold, query_fold): every word of the query is a prefix
 * of a word of the name - exactly what the FTS5 prefix query matches. */
static void sql_words(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *fold = (const char *)sqlite3_value_text(argv[0]);
	const char *q = (const char *)sqlite3_value_text(argv[1]);
	int ok = fold && q;
	(void)argc;
	while (ok && *q) {
		size_t n = 0;
		while (q[n] && q[n] != ' ')
			n++;
		if (n)
			ok = has_prefix_word(fold, q, n);
		q += n;
		while (*q == ' ')
			q++;
	}
	sqlite3_result_int(ctx, ok);
}

int search_register(store *s, cb_error *err)
{
	int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
	if (store_search_state(s)->funcs)
		return CB_OK;
	if (sqlite3_create_function_v2(store_db(s), "canbo_spelled", 2, flags, NULL, sql_spelled,
				       NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function_v2(store_db(s), "canbo_words", 2, flags, NULL, sql_words, NULL,
				       NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function_v2(store_db(s), "canbo_member", 2, SQLITE_UTF8, NULL,
				       search_ids_member_fn, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function_v2(store_db(s), "canbo_member_unit", 2, SQLITE_UTF8, NULL,
				       search_ids_unit_fn, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(s, err, _("Preparing the search"));
	store_search_state(s)->funcs = 1;
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

/* Orders that visit the units in tree order (search.h). */
/* A cadre's place in position-rank order within a unit: the rank's own
 * number (1 = secretary), an unknown rank last. Spelled as the index
 * cadre_unit_post spells it (store_schema.c), so that a list in this
 * order walks that index unit by unit instead of sorting. */
#define POSKEY "(CASE WHEN c.pos_rank > 0 THEN c.pos_rank ELSE 15 END)"

/* The decisions behind one statement. */
typedef struct shape {
	int sort;
	bool count, backwards, keyset;
	bool fts;	   /* cadre_fts f drives */
	bool inset;	   /* text as +c.rank IN (matching rowids) */
	bool words;	   /* text as canbo_words on name_fold */
	bool narrow;	   /* cadre_unit drives */
	bool pack;	   /* with narrow: a set of ids drives instead (SEARCH_PACK) */
	bool member;	   /* the order's index drives, tested against a set first */
	bool member_units; /* and each unit against the set's units */
	bool ranks;	   /* name order: each rank tested against the scope's first */
	bool sorted;	   /* inner query sorts ids, outer joins the window */
	bool uscope;	   /* unit order: u.lo limited to the scope */
	bool none;	   /* text typed with nothing to look for: no match */
	bool scan;	   /* a count reading the whole table in order */
} shape;

static void add_driver(sqlbuf *b, const shape *sh)
{
	if (sh->count) { /* no display joins; SQLite picks the index */
		add(b, sh->fts ? " FROM cadre_fts f CROSS JOIN cadre c INDEXED BY cadre_rank"
				 " ON c.rank = f.rowid"
		       : sh->narrow || sh->inset ? " FROM cadre c INDEXED BY cadre_unit"
		       : sh->scan		 ? " FROM cadre c NOT INDEXED"
						 : " FROM cadre c");
		return;
	}
	const char *joins =
		sh->sorted ? (UNIT_ORDER(sh->sort) ? " JOIN unit u ON u.id = c.unit_id" : "")
			   : CADRE_JOINS;
	if (sh->fts)
		add(b,
		    " FROM cadre_fts f CROSS JOIN cadre c INDEXED BY cadre_rank"
		    " ON c.rank = f.rowid%s",
		    joins);
	else if (sh->pack) /* each id of the set looked up by rowid */
		add(b, " FROM cadre c NOT INDEXED%s",
		    UNIT_ORDER(sh->sort) ? " CROSS JOIN unit u ON u.id = c.unit_id" : "");
	else if (sh->narrow)
		add(b, " FROM cadre c INDEXED BY cadre_unit%s", joins);
	else if (UNIT_ORDER(sh->sort))
		add(b, " FROM unit u CROSS JOIN cadre c ON c.unit_id = +u.id%s",
		    sh->sorted ? "" : CADRE_JOIN_REST);
	else if (sh->sort == SORT_AGE)
		add(b, " FROM cadre c INDEXED BY cadre_birth%s", joins);
	else
		add(b, " FROM cadre c INDEXED BY cadre_rank%s", joins);
}

/* Keyset condition: rows strictly after (before) the position. */
static void add_keyset(sqlbuf *b, const shape *sh, const search_sql *o)
{
	const char *op = sh->backwards ? "<" : ">";
	if (sh->sort == SORT_NAME)
		add(b, " AND %s %s ?%d", sh->fts ? "f.rowid" : "c.rank", op, o->p_after);
	else if (sh->sort == SORT_AGE)
		add(b, " AND (c.birth_date, c.rank) %s (?%d, ?%d)", op, o->p_after, o->p_after2);
	else if (sh->sort == SORT_POSITION)
		add(b, " AND (u.lo %s ?%d OR (u.lo = ?%d AND (" POSKEY " << 40 | c.rank) %s ?%d))",
		    op, o->p_after, o->p_after, op, o->p_after2);
	else
		add(b, " AND (u.lo %s ?%d OR (u.lo = ?%d AND c.rank %s ?%d))", op, o->p_after,
		    o->p_after, op, o->p_after2);
}

static void add_order(sqlbuf *b, const shape *sh, bool fts)
{
	const char *dir = sh->backwards ? " DESC" : "";
	if (sh->sort == SORT_NAME)
		add(b, " ORDER BY %s%s", fts ? "f.rowid" : "c.rank", dir);
	else if (sh->sort == SORT_AGE)
		add(b, " ORDER BY c.birth_date%s, c.rank%s", dir, dir);
	else if (sh->sort == SORT_POSITION)
		add(b, " ORDER BY u.lo%s, u.id%s, " POSKEY "%s, c.rank%s", dir, dir, dir, dir);
	else
		add(b, " ORDER BY u.lo%s, u.id%s, c.rank%s", dir, dir, dir);
}

/* Numbers the parameters: those written before the filter explicitly,
 * the filter's and the later ones in order of appearance. */
static void number_params(search_sql *o, const shape *sh, bool spelled)
{
	int p = 1;
	o->p_match = sh->fts || sh->inset ? p++ : 0;
	o->p_words = sh->words && !sh->scan ? p++ : 0;
	o->p_ids = sh->pack ? p++ : 0;
	o->p_member = sh->member || sh->ranks ? p++ : 0;
	o->p_after = sh->keyset ? p++ : 0;
	o->p_after2 = sh->keyset && sh->sort != SORT_NAME ? p++ : 0;
	o->p_ulo = sh->uscope ? p++ : 0;
	o->p_uhi = sh->uscope ? p++ : 0;
	o->first_filter = p;
	p += o->fs.nbind;
	if (sh->scan) /* tested after the filter (add_where) */
		o->p_words = p++;
	o->p_spelled = spelled ? p++ : 0;
	o->p_limit = sh->count ? 0 : p++;
}

/* WHERE ... [ORDER BY ... LIMIT ?] of a window or a count. */
static void add_where(sqlbuf *b, const shape *sh, const search_sql *o)
{
	add(b, sh->fts ? " WHERE f.cadre_fts MATCH ?%d" : " WHERE 1", o->p_match);
	if (sh->inset)
		add(b, " AND +c.rank IN (SELECT rowid FROM cadre_fts WHERE cadre_fts MATCH ?%d)",
		    o->p_match);
	if (sh->pack)
		add(b, " AND c.id IN (SELECT value FROM json_each(?%d))", o->p_ids);
	/* the set's test names only the id, which the order's index holds:
	 * SQLite tests it before it reads the row */
	if (sh->member)
		add(b, " AND canbo_member(c.id, ?%d)", o->p_member);
	/* names only the unit: tested once a unit, before its cadres */
	if (sh->member_units)
		add(b, " AND canbo_member_unit(u.id, ?%d)", o->p_member);
	/* the match's rowid is its rank: tested before the cadre is looked up */
	if (sh->ranks)
		add(b, " AND canbo_member(%s, ?%d)", sh->fts ? "f.rowid" : "c.rank", o->p_member);
	/* a scan tests the filter's plain columns first, the name after */
	if (sh->words && !sh->scan)
		add(b, " AND canbo_words(c.name_fold, ?%d)", o->p_words);
	if (sh->keyset)
		add_keyset(b, sh, o);
	if (sh->uscope)
		add(b, " AND u.lo BETWEEN ?%d AND ?%d", o->p_ulo, o->p_uhi);
	if (sh->none)
		add(b, " AND 0");
	add(b, "%s", o->fs.where);
	if (sh->scan)
		add(b, " AND canbo_words(c.name_fold, ?%d)", o->p_words);
	if (o->p_spelled)
		add(b, " AND canbo_spelled(c.full_name, ?)");
	if (!sh->count) {
		add_order(b, sh, sh->fts);
		add(b, " LIMIT ?");
	}
}

/* Whether the filter tests more than whether a cadre has left (which the
 * rank index answers by id): then a count reads each match's row. */
static bool filter_reads_rows(const cadre_filter *f, const filter_sql *fs)
{
	filter_sql *only = malloc(sizeof *only);
	cadre_filter plain;
	bool reads;
	if (!only)
		return true; /* the scan is right either way */
	filter_init(&plain);
	plain.as_of = f->as_of;
	plain.departed = f->departed;
	reads = !filter_build(&plain, only) || strcmp(only->where, fs->where) != 0;
	free(only);
	return reads;
}

/* Chooses the shape (see the top of the file). */
static shape choose(const search_query *q, int64_t after, int backwards, int count, int hints,
		    bool text, bool read_rows, bool *place)
{
	const cadre_filter *f = &q->filter;
	shape sh = {0};
	sh.sort = !count && (q->sort == SORT_AGE || UNIT_ORDER(q->sort)) ? q->sort : SORT_NAME;
	sh.count = count;
	sh.backwards = backwards;
	sh.keyset = !count && (backwards ? after != INT64_MAX : after != 0);
	sh.narrow = (hints & (SEARCH_NARROW | SEARCH_PACK)) && (f->unit_lo > 0 || f->unit_hi > 0);
	/* a set found without a unit scope (a walk kept in memory: search.c's
	 * walk_set) drives as a scope's would, when there is no text */
	sh.pack = !count && (hints & SEARCH_PACK) &&
		  (sh.narrow || (!text && !(f->unit_lo > 0 || f->unit_hi > 0)));
	sh.member = !sh.narrow && !count && (hints & SEARCH_MEMBER);
	sh.member_units = sh.member && (hints & SEARCH_UNITS) && UNIT_ORDER(sh.sort);
	sh.words = text && (sh.narrow || ((hints & SEARCH_WALK) && (hints & SEARCH_BROAD) &&
					  sh.sort != SORT_NAME && !count));
	/* a count in a large unit scope reads the scope's index entries and
	 * tests them against the match set: no table row per match */
	sh.inset = text && !sh.narrow && !sh.words &&
		   (count ? f->unit_lo > 0 || f->unit_hi > 0
			  : sh.sort != SORT_NAME && (hints & SEARCH_BROAD));
	sh.scan = count && text && read_rows && (hints & SEARCH_BROAD) && !sh.narrow && !sh.inset;
	sh.words = sh.words || sh.scan;
	sh.fts = text && !sh.narrow && !sh.inset && !sh.words;
	/* the scope's units matched in the index: it drives even with no
	 * text, and a set's ids met so are tested against it */
	*place = !count && !sh.narrow && !sh.pack && sh.sort == SORT_NAME &&
		 (hints & SEARCH_PLACE) && (f->unit_lo > 0 || f->unit_hi > 0);
	sh.fts = sh.fts || *place;
	sh.ranks = !count && !sh.narrow && !sh.member && !*place && sh.sort == SORT_NAME &&
		   (hints & SEARCH_RANKS) && (f->unit_lo > 0 || f->unit_hi > 0);
	sh.sorted = !count && (sh.narrow || sh.pack || (sh.fts && sh.sort != SORT_NAME));
	sh.uscope = !count && !sh.sorted && !sh.fts && UNIT_ORDER(sh.sort) &&
		    (f->unit_lo > 0 || f->unit_hi > 0);
	return sh;
}

int search_build(const search_query *q, int64_t after, int backwards, int count, int hints,
		 search_sql *o, cb_error *err)
{
	sqlbuf b = {o->sql, 0, sizeof o->sql, true};
	bool text, marks;
	shape sh;
	const char *k1, *k2;

	if (q->text && strlen(q->text) >= sizeof o->fold)
		return cb_error_set(err, CB_EINVALID, _("The search text is too long"));
	text = search_match_expr(q->text, o->match, sizeof o->match);
	if (!text || !join_words(q->text, "%s", " %s", o->fold, sizeof o->fold))
		o->fold[0] = '\0';
	if (!filter_build(&q->filter, &o->fs)) {
		/* the summary's conditions are longer than the records' own,
		 * which select the same cadres */
		cadre_filter records = q->filter;
		records.yearly_summary = false;
		if (!q->filter.yearly_summary || !filter_build(&records, &o->fs))
			return cb_error_set(err, CB_EINVALID,
					    _("The filter has too many conditions"));
	}
	marks = text && text_has_marks(q->text);
	sh = choose(q, after, backwards, count, hints, text,
		    count && text && (marks || filter_reads_rows(&q->filter, &o->fs)), &o->place);
	if (!text)
		o->match[0] = '\0';
	/* punctuation only ("-", "...") or too long to match: nobody, never
	 * everybody */
	sh.none = !text && q->text && *q->text;
	number_params(o, &sh, marks);
	o->sort = sh.sort;

	k1 = sh.sort == SORT_AGE ? "c.birth_date" : UNIT_ORDER(sh.sort) ? "u.lo" : "0";
	k2 = sh.sort == SORT_POSITION ? ", " POSKEY : "";
	if (count) {
		add(&b, "SELECT count(*)");
		add_driver(&b, &sh);
	} else if (!sh.sorted) {
		add(&b, "SELECT " CADRE_COLUMNS ", c.rank, %s%s", k1, k2);
		add_driver(&b, &sh);
	} else {
		add(&b, "SELECT " CADRE_COLUMNS ", c.rank, %s%s FROM (SELECT c.id AS wid", k1, k2);
		add_driver(&b, &sh);
	}
	add_where(&b, &sh, o);
	if (sh.sorted) {
		add(&b, ") w CROSS JOIN cadre c ON c.id = w.wid" CADRE_JOINS);
		add_order(&b, &sh, false);
	}
	if (!b.ok)
		return cb_error_set(err, CB_EINVALID, _("The filter has too many conditions"));
	return CB_OK;
}
