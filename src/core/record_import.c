/* record_import.c - organisations, ratings, trainings and planning entries
 * from CSV, all rows or none (record_import.h says what a file holds).
 *
 * The rows are written as they are read, each through the store's own
 * writer inside the import's transaction (a savepoint per row), so every
 * check the store makes - scope, a decided evaluation's rating, terms -
 * holds for imports too. A bad row's savepoint is rolled back and the
 * reading goes on, to report every problem at once; the transaction is
 * rolled back at the end unless there was none (and this is not a dry
 * run).
 *
 * Records written by this import get ids above those that were there
 * before (SQLite gives max(id) + 1), which tells a duplicate inside the
 * file (same as line N) from one already stored.
 */
#include "record_import.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_read.h"
#include "i18n.h"
#include "import_choice.h"
#include "model.h"
#include "record_import_internal.h"
#include "text.h"

static const char *const kind_names[RK_COUNT] = {
#define X(id, name) [id] = name,
	RECORD_KIND_LIST(X)
#undef X
};

bool record_kind_from_name(const char *name, int *kind)
{
	for (int k = 0; k < RK_COUNT; k++)
		if (strcmp(name, kind_names[k]) == 0) {
			*kind = k;
			return true;
		}
	return false;
}

const char *record_kind_name(int kind)
{
	return kind >= 0 && kind < RK_COUNT ? kind_names[kind] : "";
}

const char *record_kind_names(void)
{
	return "org, rating, org-rating, training, planning, discipline, pool, appointment, "
	       "departure";
}

/* ---- problems ------------------------------------------------------------ */

void rk_problem(rk_ctx *x, int col, const char *fmt, ...)
{
	import_report *r = x->r;
	va_list ap;

	x->row_bad = true;
	r->errors++;
	if (r->nissues == x->issue_cap) {
		size_t cap = x->issue_cap ? 2 * x->issue_cap : 16;
		import_issue *v;
		if (cap > IMPORT_MAX_ISSUES || !(v = realloc(r->issues, cap * sizeof *v)))
			return;
		r->issues = v;
		x->issue_cap = cap;
	}
	import_issue *is = &r->issues[r->nissues++];
	memset(is, 0, sizeof *is);
	is->line = x->line;
	if (col >= 0 && x->field[col] >= 0)
		snprintf(is->column, sizeof is->column, "%s", x->headers[x->field[col]]);
	va_start(ap, fmt);
	vsnprintf(is->msg, sizeof is->msg, fmt, ap);
	va_end(ap);
}

/* ---- the header ------------------------------------------------------------ */

/* Each column: its key and the folded Vietnamese headers it is also known by. */
static const struct {
	const char *key;
	const char *vi[3];
} columns[RC_COUNT] = {
	[RC_CADRE_ID] = {"cadre_id", {"ma can bo", "so can bo"}},
	[RC_NAME] = {"full_name", {"ho va ten", "ho ten"}},
	[RC_BIRTH] = {"birth_date", {"ngay sinh"}},
	[RC_UNIT_CODE] = {"unit_code", {"ma don vi"}},
	[RC_ORG_ID] = {"org_id", {"ma to chuc dang", "ma to chuc"}},
	[RC_ORG] = {"org", {"to chuc dang", "to chuc"}},
	[RC_YEAR] = {"year", {"nam"}},
	[RC_GRADE] = {"grade", {"xep loai", "muc xep loai"}},
	[RC_KIND] = {"kind", {"loai", "hinh thuc", "loai to chuc"}},
	[RC_COURSE] = {"course", {"khoa hoc", "lop", "noi dung"}},
	[RC_TERM] = {"term", {"nhiem ky"}},
	[RC_POSITION] = {"position", {"chuc danh", "chuc danh quy hoach"}},
	[RC_PARENT_ID] = {"parent_id", {"ma to chuc cap tren"}},
	[RC_PARENT] = {"parent", {"to chuc cap tren", "cap tren"}},
	[RC_UNIT] = {"unit", {"don vi"}},
	[RC_PARENT_UNIT] = {"parent_unit_code", {"ma don vi cap tren"}},
	[RC_FORM] = {"form", {"hinh thuc ky luat", "hinh thuc"}},
	[RC_DECISION] = {"decision", {"so quyet dinh", "quyet dinh"}},
	[RC_AUTHORITY] = {"authority", {"co quan quyet dinh", "cap quyet dinh"}},
	[RC_DECIDED_ON] = {"decided_on", {"ngay quyet dinh"}},
	[RC_ANNOUNCED_ON] = {"announced_on", {"ngay cong bo"}},
	[RC_REASON] = {"reason", {"ly do"}},
	[RC_TITLE] = {"title", {"chuc danh quy hoach", "ma chuc danh"}},
	[RC_POOL_UNIT] = {"pool_unit_code", {"ma don vi quy hoach"}},
	[RC_ADDED_ON] = {"added_on", {"ngay dua vao quy hoach"}},
	[RC_START_ON] = {"start_on", {"ngay hieu luc", "tu ngay"}},
	[RC_TERM_END] = {"term_end", {"het nhiem ky", "den ngay"}},
	[RC_POST_UNIT] = {"post_unit_code", {"ma don vi cong tac"}},
	[RC_POS_RANK] = {"pos_rank", {"cap chuc vu"}},
	[RC_LEFT_ON] = {"left_on", {"ngay nghi", "ngay thoi"}},
	[RC_NOTE] = {"note", {"ghi chu"}},
	[RC_ID] = {"id", {"stt", "so thu tu"}},
};

const char *rk_column_key(int col)
{
	return col >= 0 && col < RC_COUNT ? columns[col].key : "";
}

static int column_of(const char *header)
{
	char f[128];
	text_fold(header, f, sizeof f);
	for (int c = 0; c < RC_COUNT; c++) {
		if (strcmp(header, columns[c].key) == 0 || strcmp(f, columns[c].key) == 0)
			return c;
		for (int i = 0; i < 3 && columns[c].vi[i]; i++)
			if (strcmp(f, columns[c].vi[i]) == 0)
				return c;
	}
	return -1;
}

/* The columns a kind reads (the id column is read by none: a row number of
 * another database means nothing here). */
static bool kind_reads(int kind, int col)
{
#define B(c) ((uint64_t)1 << (c))
	const uint64_t by_cadre =
		B(RC_CADRE_ID) | B(RC_NAME) | B(RC_BIRTH) | B(RC_UNIT_CODE) | B(RC_UNIT) | B(RC_ID);
	const uint64_t by_org = B(RC_ORG_ID) | B(RC_ORG) | B(RC_UNIT_CODE) | B(RC_UNIT) | B(RC_ID);
	static const uint64_t own[RK_COUNT] = {
		[RK_ORG] = B(RC_ORG) | B(RC_KIND) | B(RC_UNIT_CODE) | B(RC_UNIT) | B(RC_PARENT_ID) |
			   B(RC_PARENT) | B(RC_PARENT_UNIT) | B(RC_ID) | B(RC_ORG_ID),
		[RK_RATING] = B(RC_YEAR) | B(RC_GRADE),
		[RK_ORG_RATING] = B(RC_YEAR) | B(RC_GRADE),
		[RK_TRAINING] = B(RC_YEAR) | B(RC_KIND) | B(RC_COURSE),
		[RK_PLANNING] = B(RC_TERM) | B(RC_POSITION),
		[RK_DISCIPLINE] = B(RC_FORM) | B(RC_DECISION) | B(RC_AUTHORITY) | B(RC_DECIDED_ON) |
				  B(RC_ANNOUNCED_ON) | B(RC_REASON),
		[RK_POOL] = B(RC_TERM) | B(RC_TITLE) | B(RC_POOL_UNIT) | B(RC_ADDED_ON),
		[RK_APPOINTMENT] = B(RC_KIND) | B(RC_POSITION) | B(RC_POS_RANK) | B(RC_POST_UNIT) |
				   B(RC_DECISION) | B(RC_DECIDED_ON) | B(RC_START_ON) |
				   B(RC_TERM_END),
		[RK_DEPARTURE] = B(RC_KIND) | B(RC_LEFT_ON) | B(RC_DECISION) | B(RC_NOTE),
	};
	uint64_t m = own[kind] | (kind == RK_ORG ? 0 : kind == RK_ORG_RATING ? by_org : by_cadre);
	return (m >> col) & 1u;
#undef B
}

static int map_header(rk_ctx *x, const csv_reader *rd)
{
	char list[512] = "";
	size_t len = 0;

	for (int c = 0; c < RC_COUNT; c++)
		x->field[c] = -1;
	if (!(x->headers = calloc(rd->nfields, sizeof *x->headers)))
		return CB_EDB;
	x->nheaders = rd->nfields;
	for (size_t i = 0; i < rd->nfields; i++)
		if (!(x->headers[i] = strdup(csv_field(rd, i))))
			return CB_EDB;
	for (int c = 0; c < RC_COUNT; c++)
		if (kind_reads(x->kind, c) && c != RC_ID)
			len += (size_t)snprintf(list + len,
						len < sizeof list ? sizeof list - len : 0, "%s%s",
						len ? ", " : "", columns[c].key);
	for (size_t i = 0; i < rd->nfields; i++) {
		int c = column_of(x->headers[i]);
		x->line = rd->line;
		if (c < 0 || !kind_reads(x->kind, c)) {
			rk_problem(x, -1, _("Unknown column '%s' (the columns of %s: %s)"),
				   x->headers[i], record_kind_name(x->kind), list);
			continue;
		}
		if (x->field[c] >= 0) {
			rk_problem(x, -1, _("Column '%s' appears twice"), x->headers[i]);
			continue;
		}
		x->field[c] = (int)i;
	}
	return rk_check_columns(x);
}

/* ---- cells ------------------------------------------------------------------- */

const char *rk_raw(const rk_ctx *x, int col)
{
	return x->field[col] < 0 ? "" : csv_field(x->rd, (size_t)x->field[col]);
}

bool rk_text(rk_ctx *x, int col, char *buf, size_t cap)
{
	const char *v = rk_raw(x, col);
	char *norm = NULL;
	cb_error e = {0};

	buf[0] = '\0';
	if (!*v)
		return true;
	if (text_normalize(v, strlen(v), false, &norm, &e)) {
		rk_problem(x, col, "%s", e.msg);
		return false;
	}
	if (strlen(norm) >= cap) {
		rk_problem(x, col, _("Too long: at most %d bytes"), (int)cap - 1);
		free(norm);
		return false;
	}
	/* a leading apostrophe is how canbo's CSV keeps a formula-like text
	 * as text (output.c); it is not part of the value */
	snprintf(buf, cap, "%s", norm[0] == '\'' && out_csv_guarded(norm + 1) ? norm + 1 : norm);
	free(norm);
	return true;
}

bool rk_required(rk_ctx *x, int col, char *buf, size_t cap)
{
	if (!rk_text(x, col, buf, cap))
		return false;
	if (!buf[0]) {
		rk_problem(x, col, "%s", _("This cell must not be empty"));
		return false;
	}
	return true;
}

bool rk_int(rk_ctx *x, int col, long lo, long hi, long *out)
{
	char v[32], *end;

	if (!rk_required(x, col, v, sizeof v))
		return false;
	*out = strtol(v, &end, 10);
	if (*end || *out < lo || *out > hi) {
		rk_problem(x, col, _("'%s' is not a number from %ld to %ld"), v, lo, hi);
		return false;
	}
	return true;
}

/* The value of e that a cell names (import_match_choice), or one of the
 * Vietnamese words in syn ("value:folded word" pairs). */
bool rk_enum(rk_ctx *x, int col, enum model_enum e, const char *const *syn, int *out)
{
	char v[CADRE_TEXT_MAX], f[CADRE_TEXT_MAX], list[600];

	if (!rk_required(x, col, v, sizeof v))
		return false;
	if (text_fold(v, f, sizeof f) < sizeof f && import_match_choice(e, f, out))
		return true;
	for (const char *const *s = syn; s && *s; s++) {
		const char *colon = strchr(*s, ':');
		if (colon && strcmp(colon + 1, f) == 0) {
			*out = atoi(*s);
			return true;
		}
	}
	import_choice_list(e, list, sizeof list);
	rk_problem(x, col, _("\"%s\" is not one of the choices: %s"), v, list);
	return false;
}

/* ---- the whole file ------------------------------------------------------------ */

/* Snapshots the highest id of the kind's table: rows above it are this
 * import's. */
static int64_t max_id(store *s, const char *table)
{
	char sql[64];
	sqlite3_stmt *st;
	int64_t id = 0;

	snprintf(sql, sizeof sql, "SELECT coalesce(max(id), 0) FROM %s", table);
	if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

int rk_remember(rk_ctx *x, int64_t id)
{
	if (id <= x->base_id)
		return CB_OK;
	size_t i = (size_t)(id - x->base_id);
	if (i >= x->lines_cap) {
		size_t cap = x->lines_cap ? x->lines_cap : 1024;
		while (cap <= i)
			cap *= 2;
		size_t *v = realloc(x->line_of, cap * sizeof *v);
		if (!v)
			return CB_EDB;
		memset(v + x->lines_cap, 0, (cap - x->lines_cap) * sizeof *v);
		x->line_of = v;
		x->lines_cap = cap;
	}
	x->line_of[i] = x->line;
	return CB_OK;
}

size_t rk_line_of(const rk_ctx *x, int64_t id)
{
	size_t i = id > x->base_id ? (size_t)(id - x->base_id) : 0;
	return i && i < x->lines_cap ? x->line_of[i] : 0;
}

static bool blank(const csv_reader *rd)
{
	for (size_t i = 0; i < rd->nfields; i++)
		if (*csv_field(rd, i))
			return false;
	return true;
}

static int rows(rk_ctx *x, csv_reader *rd, const char *text, size_t len, cb_error *err)
{
	int rc;

	while ((rc = csv_next(rd, err)) == 1) {
		if (x->o->progress && x->r->rows % 512 == 0)
			x->o->progress(x->o->progress_ctx, (long)(rd->p - text), (long)len);
		if (blank(rd))
			continue;
		x->line = rd->line;
		x->row_bad = false;
		x->r->rows++;
		if (rd->nfields > x->nheaders)
			rk_problem(x, -1, _("%zu cells, but the header has %zu columns"),
				   rd->nfields, x->nheaders);
		else if ((rc = rk_row(x, err)))
			return rc; /* the database failed: stop */
		if (x->row_bad)
			x->r->bad_rows++;
	}
	if (x->o->progress)
		x->o->progress(x->o->progress_ctx, (long)len, (long)len);
	if (rc) { /* a quote left open */
		x->line = rd->line;
		rk_problem(x, -1, "%s", err->msg);
		cb_error_clear(err);
	}
	return CB_OK;
}

/* Rows outside the reader's scope: the whole import is refused as such
 * (exit 5), naming their lines, whatever else is wrong. */
static int outside_scope(const rk_ctx *x, cb_error *err)
{
	size_t cap = sizeof x->scope_lines / sizeof x->scope_lines[0];
	size_t n = x->out_of_scope < cap ? x->out_of_scope : cap, used = 0;
	char lines[sizeof x->scope_lines / sizeof x->scope_lines[0] * 12 + 8] = "";

	for (size_t i = 0; i < n; i++)
		used += (size_t)snprintf(lines + used, sizeof lines - used, "%s%zu", i ? ", " : "",
					 x->scope_lines[i]);
	if (x->out_of_scope > n)
		snprintf(lines + used, sizeof lines - used, ", ...");
	return cb_error_set(err, CB_EACCESS,
			    _("%zu rows lie outside the units you may work on (lines %s); nothing "
			      "was imported"),
			    x->out_of_scope, lines);
}

int record_import_text(store *s, const cfg *c, int kind, const char *text, size_t len,
		       const record_import_options *o, import_report *r, cb_error *err)
{
	static const char *const tables[RK_COUNT] = {[RK_ORG] = "org",
						     [RK_RATING] = "rating",
						     [RK_ORG_RATING] = "rating",
						     [RK_TRAINING] = "training",
						     [RK_PLANNING] = "planning",
						     [RK_DISCIPLINE] = "discipline",
						     [RK_POOL] = "pool",
						     [RK_APPOINTMENT] = "appointment",
						     [RK_DEPARTURE] = "departure"};
	rk_ctx x = {.s = s, .c = c, .kind = kind, .o = o, .r = r};
	csv_reader rd;
	size_t skip = 0;
	int rc;

	if (kind < 0 || kind >= RK_COUNT)
		return cb_error_set(err, CB_EINVALID, _("Unknown kind of record"));
	char sep = csv_detect(text, len, &skip);
	csv_init(&rd, text + skip, len - skip, sep, skip ? 2 : 1);
	r->separator = rd.sep;
	x.rd = &rd;
	if ((rc = csv_next(&rd, err)) != 1) {
		csv_free(&rd);
		return rc ? rc : cb_error_set(err, CB_EINVALID, _("The file is empty"));
	}
	if ((rc = map_header(&x, &rd)) == CB_EDB) {
		rc = cb_error_set(err, CB_EDB, "%s", _("Out of memory"));
		goto out;
	}
	if (r->errors)
		goto verdict;
	if ((rc = store_begin(s, err)))
		goto out;
	x.base_id = max_id(s, tables[kind]);
	rc = rows(&x, &rd, text, len, err);
	if (!rc && !r->errors && !o->dry_run) {
		rc = store_commit(s, err);
		if (!rc)
			r->imported = x.written;
	} else {
		store_rollback(s);
	}
	if (rc)
		goto out;
verdict:
	if (r->errors && x.out_of_scope)
		rc = outside_scope(&x, err);
	else if (r->errors)
		rc = cb_error_set(err, CB_EINVALID,
				  _("%zu problems in %zu rows; nothing was imported"), r->errors,
				  r->bad_rows ? r->bad_rows : 1);
out:
	csv_free(&rd);
	rk_ctx_free(&x);
	return rc;
}

int record_import_file(store *s, const cfg *c, int kind, const char *path,
		       const record_import_options *o, import_report *r, cb_error *err)
{
	char *text;
	size_t len = 0;
	int rc;

	memset(r, 0, sizeof *r);
	r->attempts = 1;
	if ((rc = import_read_utf8(path, o->encoding, &text, &len, &r->encoding, err)))
		return rc;
	rc = record_import_text(s, c, kind, text, len, o, r, err);
	free(text);
	return rc;
}
