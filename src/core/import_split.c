/* import_split.c - the rows of a large file read on two threads
 * (import_internal.h).
 *
 * Reading a row - its cells converted and checked, the record packed with
 * its sort key - needs only the row and the configuration once every unit
 * a row may name has been looked up (import_units_resolve): most of the
 * time an import spends before it writes. What needs the rows before it
 * is cheap: duplicates within the file, the report's order and counts,
 * which rows the batch takes. So a second thread reads the second half of
 * the file while the caller reads the first, keeping for each row its
 * problems, whether it was bad and its packed record; when the caller's
 * reader arrives where the second half begins, it goes through those rows
 * in order as one_row would have gone on: their problems appended, then
 * the duplicate check, then the batch. The report and the batch are those
 * one thread makes, problem for problem and byte for byte.
 *
 * Where the second half begins is a guess - the first line start after
 * the middle - since a quoted field may hold line ends: if the guess fell
 * inside one, the caller's reader steps over that point instead of
 * arriving on it, and the second thread's work is thrown away.
 */
#include "import_internal.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

size_t import_split_min_bytes = (size_t)1 << 20; /* some 5 000 rows */
unsigned long import_split_taken;

/* A row of the second half, as the second thread read it. */
typedef struct split_row {
	size_t line;
	size_t issue_first, issue_end; /* its problems kept in the side's report */
	size_t errors;		       /* its errors, kept or not */
	bool bad;
	bool outside;	/* counted out of the reader's scope */
	size_t key;	/* good rows: where "name\0birth\0" starts in keys */
	size_t packed;	/* its record in the side's batch, when ... */
	bool is_packed; /* ... packed */
	char *pack_msg; /* store_import_add refused it: said when reached */
} split_row;

struct import_split {
	import_ctx w; /* the second thread's context (its own report, memo) */
	import_report r;
	store_import *batch; /* the packed records (none on a dry run) */
	csv_reader rd;
	const char *start; /* where the second half begins ... */
	size_t line0;	   /* ... and its line */
	pthread_t thread;
	bool running; /* thread not joined yet */
	atomic_bool stop;
	split_row *rows;
	size_t n, cap;
	char *keys;
	size_t keys_len, keys_cap;
	int rc;		 /* how its reading ended: 0 at the end of the text */
	cb_error err;	 /* ... else why */
	size_t end_line; /* CB_EINVALID: the line the quote opened on */
};

static int oom(cb_error *err)
{
	return cb_error_set(err, CB_EDB, "%s", _("Out of memory"));
}

/* Line ends in [p, end) as the CSV reader counts them (CRLF as one). */
static size_t line_ends(const char *p, const char *end)
{
	size_t n = 0;
	for (; p < end; p++)
		n += *p == '\n' || (*p == '\r' && (p + 1 == end || p[1] != '\n'));
	return n;
}

static bool keep_key(import_split *sp, split_row *row, const char *name, const char *birth)
{
	size_t a = strlen(name) + 1, b = strlen(birth) + 1;
	if (sp->keys_len + a + b > sp->keys_cap) {
		size_t cap = sp->keys_cap ? 2 * sp->keys_cap : 65536;
		while (cap < sp->keys_len + a + b)
			cap *= 2;
		char *bigger = realloc(sp->keys, cap);
		if (!bigger)
			return false;
		sp->keys = bigger;
		sp->keys_cap = cap;
	}
	row->key = sp->keys_len;
	memcpy(sp->keys + sp->keys_len, name, a);
	memcpy(sp->keys + sp->keys_len + a, birth, b);
	sp->keys_len += a + b;
	return true;
}

/* One row of the second half: one_row up to the duplicate check. */
static int side_row(import_split *sp, cb_error *err)
{
	import_ctx *x = &sp->w;
	const csv_reader *rd = &sp->rd;
	size_t errors = sp->r.errors, outside = sp->r.out_of_scope;
	split_row row = {.line = rd->line, .issue_first = sp->r.nissues};
	cb_error e = {0};
	cadre cd;
	int rc;

	if (sp->n == sp->cap) {
		size_t cap = sp->cap ? 2 * sp->cap : 1024;
		split_row *bigger = realloc(sp->rows, cap * sizeof *bigger);
		if (!bigger)
			return oom(err);
		sp->rows = bigger;
		sp->cap = cap;
	}
	x->line = rd->line;
	x->row_bad = false;
	sp->r.rows++;
	import_check_width(x, rd);
	if ((rc = import_row_cadre(x, rd, &cd, err)))
		return rc;
	if (!x->row_bad && cadre_validate(&cd, x->c, &e))
		import_validate_problem(x, e.msg);
	if (!x->row_bad && !keep_key(sp, &row, cd.full_name, cd.birth_date))
		return oom(err);
	if (!x->row_bad && sp->batch) {
		rc = store_import_add(sp->batch, &cd, &e);
		if (rc == CB_EINVALID && !(row.pack_msg = strdup(e.msg)))
			return oom(err);
		if (rc && rc != CB_EINVALID)
			return cb_error_set(err, rc, "%s", e.msg);
		row.is_packed = rc == CB_OK;
		if (row.is_packed)
			row.packed = store_import_count(sp->batch) - 1;
	}
	row.bad = x->row_bad;
	row.issue_end = sp->r.nissues;
	row.errors = sp->r.errors - errors;
	row.outside = sp->r.out_of_scope != outside;
	sp->rows[sp->n++] = row;
	return CB_OK;
}

static void *side(void *arg)
{
	import_split *sp = arg;
	int rc = 0;

	while (!atomic_load_explicit(&sp->stop, memory_order_relaxed) &&
	       (rc = csv_next(&sp->rd, &sp->err)) == 1)
		if (!import_row_blank(&sp->rd) && (rc = side_row(sp, &sp->err)))
			break;
	sp->rc = rc == 1 ? CB_OK : rc;
	sp->end_line = sp->rd.line;
	return NULL;
}

int import_split_start(import_ctx *x, const csv_reader *rd, import_split **out, cb_error *err)
{
	size_t left = (size_t)(rd->end - rd->p);
	const char *nl = left ? memchr(rd->p + left / 2, '\n', left - left / 2) : NULL;
	import_split *sp;
	int rc;

	*out = NULL;
	if (left < import_split_min_bytes || !nl || nl + 1 >= rd->end)
		return CB_OK;
	if ((rc = import_units_resolve(x, err)))
		return rc;
	if (!(sp = calloc(1, sizeof *sp)))
		return oom(err);
	if (!x->o->dry_run && !(sp->batch = store_import_scratch())) {
		free(sp);
		return oom(err);
	}
	/* the same reading; its own report, memo and batch; no duplicate
	 * lookups (the caller's, in order) */
	sp->w = *x;
	sp->w.r = &sp->r;
	sp->w.seen = NULL;
	sp->w.nseen = sp->w.seen_cap = 0;
	sp->w.dup = NULL;
	sp->w.memo = NULL;
	sp->w.memo_n = sp->w.memo_cap = 0;
	sp->w.twin = NULL;
	sp->w.twin_n = sp->w.twin_cap = 0;
	sp->w.twins_loaded = false;
	sp->w.batch = sp->batch;
	sp->w.issue_cap = 0;
	sp->r.encoding = x->r->encoding;
	sp->r.separator = x->r->separator;
	sp->start = nl + 1;
	sp->line0 = rd->next_line + line_ends(rd->p, sp->start);
	csv_init(&sp->rd, sp->start, (size_t)(rd->end - sp->start), rd->sep, sp->line0);
	atomic_init(&sp->stop, false);
	if (pthread_create(&sp->thread, NULL, side, sp) != 0) {
		csv_free(&sp->rd);
		store_import_free(sp->batch);
		free(sp);
		return CB_OK; /* no second thread: one reads all */
	}
	sp->running = true;
	*out = sp;
	return CB_OK;
}

int import_split_at(const import_split *sp, const csv_reader *rd)
{
	if (!sp || rd->p < sp->start)
		return 0;
	return rd->p == sp->start && rd->next_line == sp->line0 ? 1 : -1;
}

int import_split_finish(import_split *sp, import_ctx *x, cb_error *err)
{
	import_report *r = x->r;
	int rc;

	pthread_join(sp->thread, NULL);
	sp->running = false;
	if (sp->rc && sp->rc != CB_EINVALID)
		return cb_error_set(err, sp->rc, "%s", sp->err.msg);
	import_split_taken++;
	for (size_t j = 0; j < sp->n; j++) {
		const split_row *row = &sp->rows[j];
		x->line = row->line;
		x->row_bad = row->bad;
		r->rows++;
		for (size_t i = row->issue_first; i < row->issue_end; i++)
			import_issue_keep(x, &sp->r.issues[i]);
		r->errors += row->errors;
		if (row->outside) {
			if (r->out_of_scope < IMPORT_SCOPE_LINES)
				r->scope_lines[r->out_of_scope] = row->line;
			r->out_of_scope++;
		}
		if (!x->row_bad) {
			const char *name = sp->keys + row->key;
			if ((rc = import_check_duplicate(x, name, name + strlen(name) + 1, err)))
				return rc;
		}
		if (!x->row_bad && !x->o->dry_run && r->errors == 0) {
			if (row->pack_msg)
				import_validate_problem(x, row->pack_msg);
			else if (row->is_packed &&
				 (rc = store_import_take(x->batch, sp->batch, row->packed, err)))
				return rc;
		}
		if (x->row_bad)
			r->bad_rows++;
	}
	if (sp->rc == CB_EINVALID) { /* a quote never closed: the rest is unreadable */
		x->line = sp->end_line;
		import_problem(x, -1, false, "%s", sp->err.msg);
	}
	return CB_OK;
}

void import_split_free(import_split *sp)
{
	if (!sp)
		return;
	if (sp->running) {
		atomic_store(&sp->stop, true);
		pthread_join(sp->thread, NULL);
	}
	for (size_t j = 0; j < sp->n; j++)
		free(sp->rows[j].pack_msg);
	free(sp->rows);
	free(sp->keys);
	import_memo_free(&sp->w);
	import_report_free(&sp->r);
	csv_free(&sp->rd);
	store_import_free(sp->batch);
	free(sp);
}
