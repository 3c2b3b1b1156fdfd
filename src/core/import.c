/* import.c - a CSV file of cadres into the database, all or nothing
 * (import.h).
 *
 * The bytes are decoded whole (text_from_legacy: UTF-8, TCVN3 or VNI to
 * NFC UTF-8), the header found (the first of the opening lines that names
 * at least three known columns, so a title line above it is passed over),
 * then the rows are read one at a time: converted (import_values.c,
 * import_units.c), checked with cadre_validate, looked up for duplicates
 * (import_dup.c), and - when this is no dry run and no row so far was bad
 * - added to a batch (store_import.h), which is written in one short
 * transaction after the last row if no row was bad, so the database holds
 * all of the file or none of it; rows go on being checked after the first
 * bad one, so the report names every problem in one pass. Memory stays
 * proportional to the file (its decoded text and the batch) plus one key
 * per row for the duplicates within it.
 */
#include "import_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "i18n.h"
#include "text.h"

#define HEADER_SEARCH 20 /* lines looked at for the header */
#define HEADER_MIN    3	 /* known columns a header names at least */

/* Headers common in office lists that name no field, passed over: row
 * numbers and ages (the birth date gives the age). The headers of the
 * fields themselves are in the cadre's field table (fields.h). */
static const char *const ignored_headers[] = {"stt", "tt", "so tt", "age", "tuoi"};

/* Columns a file must have, with the headers offered as examples. */
static const struct required {
	int col, alt; /* alt: another column that may stand in (-1 none) */
	const char *examples;
} required[] = {
	{IC_NAME, -1, "full_name, Họ và tên"},	{IC_BIRTH, -1, "birth_date, Ngày sinh"},
	{IC_GENDER, -1, "gender, Giới tính"},	{IC_ETHNICITY, -1, "ethnicity, Dân tộc"},
	{IC_POSITION, -1, "position, Chức vụ"}, {IC_UNIT, IC_UNIT_CODE, "unit, unit_code, Đơn vị"},
};

bool import_encoding_from_name(const char *name, text_encoding *enc)
{
	static const struct {
		const char *name;
		text_encoding enc;
	} names[] = {
		{"auto", TEXT_ENC_UNKNOWN},    {"utf8", TEXT_ENC_UTF8},
		{"utf-8", TEXT_ENC_UTF8},      {"tcvn3", TEXT_ENC_TCVN3},
		{"abc", TEXT_ENC_TCVN3},       {"vni", TEXT_ENC_VNI},
		{"cp1258", TEXT_ENC_CP1258},   {"windows-1258", TEXT_ENC_CP1258},
		{"utf16le", TEXT_ENC_UTF16LE}, {"utf16be", TEXT_ENC_UTF16BE},
	};
	for (size_t i = 0; name && i < sizeof names / sizeof names[0]; i++)
		if (strcasecmp(name, names[i].name) == 0) {
			*enc = names[i].enc;
			return true;
		}
	return false;
}

void import_report_free(import_report *r)
{
	if (!r)
		return;
	free(r->issues);
	r->issues = NULL;
	r->nissues = 0;
}

/* Room for one more issue in the report; NULL when it keeps no more. */
static import_issue *next_issue(import_ctx *x)
{
	import_report *r = x->r;

	if (r->nissues >= IMPORT_MAX_ISSUES)
		return NULL;
	if (r->nissues == x->issue_cap) {
		size_t cap = x->issue_cap ? 2 * x->issue_cap : 16;
		import_issue *bigger = realloc(r->issues, cap * sizeof *bigger);
		if (!bigger)
			return NULL; /* counted, not kept */
		r->issues = bigger;
		x->issue_cap = cap;
	}
	return &r->issues[r->nissues++];
}

void import_issue_keep(import_ctx *x, const import_issue *is)
{
	import_issue *at = next_issue(x);
	if (at)
		*at = *is;
}

void import_problem(import_ctx *x, int field, bool warning, const char *fmt, ...)
{
	import_report *r = x->r;
	import_issue *is;
	va_list ap;

	if (!warning) {
		r->errors++;
		x->row_bad = true;
	}
	if (!(is = next_issue(x)))
		return;
	memset(is, 0, sizeof *is);
	is->line = x->line;
	is->warning = warning;
	if (field >= 0 && (size_t)field < x->nheaders)
		snprintf(is->column, sizeof is->column, "%s", x->headers[field]);
	va_start(ap, fmt);
	vsnprintf(is->msg, sizeof is->msg, fmt, ap);
	va_end(ap);
}

/* ---- the header ------------------------------------------------------- */

/* The column a header names: a field the import reads, IC_IGNORED for a
 * field that follows from the others (id, commune, level: given by the
 * database and the unit) or a header passed over, else IC_UNKNOWN. */
static int alias_col(const char *header)
{
	char f[256];
	size_t n;
	const field_def *t = cadre_fields(&n), *fd;

	if (text_fold(header, f, sizeof f) >= sizeof f || !f[0])
		return f[0] ? IC_UNKNOWN : IC_IGNORED; /* too long: unknown; blank: nothing */
	if ((fd = field_by_header(t, n, f)))
		return (fd->flags & FIELD_DERIVED) && fd->id != IC_DISTRICT ? IC_IGNORED : fd->id;
	for (size_t i = 0; i < sizeof ignored_headers / sizeof ignored_headers[0]; i++)
		if (strcmp(f, ignored_headers[i]) == 0)
			return IC_IGNORED;
	return IC_UNKNOWN;
}

static size_t known_columns(const csv_reader *rd)
{
	size_t n = 0;
	for (size_t i = 0; i < rd->nfields; i++)
		n += alias_col(csv_field(rd, i)) < IC_COUNT;
	return n;
}

bool import_row_blank(const csv_reader *rd)
{
	for (size_t i = 0; i < rd->nfields; i++)
		if (csv_field(rd, i)[strspn(csv_field(rd, i), " \t")] != '\0')
			return false;
	return true;
}

/* Reads records until the header: the first of the opening lines naming
 * HEADER_MIN known columns, else the first line that is not blank (whose
 * missing columns are then reported). Leaves rd just after it. */
static int find_header(csv_reader *rd, const char *text, size_t len, size_t skip, size_t line0,
		       cb_error *err)
{
	size_t first = 0, nth = 0;
	int rc;

	for (size_t i = 0; i < HEADER_SEARCH; i++) {
		if ((rc = csv_next(rd, err)) != 1)
			break;
		if (import_row_blank(rd))
			continue;
		if (!first)
			first = i + 1;
		if (known_columns(rd) >= HEADER_MIN)
			return 1;
	}
	if (rc != 1 && rc != 0)
		return rc;
	if (!first)
		return 0;
	/* read again from the start: the reader's buffer goes with it */
	char sep = rd->sep;
	csv_free(rd);
	csv_init(rd, text + skip, len - skip, sep, line0);
	while (nth++ < first)
		if ((rc = csv_next(rd, err)) != 1)
			return rc;
	return 1;
}

/* Keeps the header's cells and maps them to columns; reports unknown,
 * repeated and missing columns. */
static int map_header(import_ctx *x, const csv_reader *rd, cb_error *err)
{
	x->headers = calloc(rd->nfields ? rd->nfields : 1, sizeof *x->headers);
	if (!x->headers)
		return cb_error_oom(err);
	for (int i = 0; i < IC_COUNT; i++)
		x->col[i] = -1;
	x->line = rd->line;
	for (size_t i = 0; i < rd->nfields; i++) {
		const char *h = csv_field(rd, i);
		size_t lead = strspn(h, " \t"), n = strlen(h + lead);
		while (n && (h[lead + n - 1] == ' ' || h[lead + n - 1] == '\t'))
			n--;
		if (!(x->headers[i] = strndup(h + lead, n)))
			return cb_error_oom(err);
		x->nheaders = i + 1;
	}
	for (size_t i = 0; i < x->nheaders; i++) {
		int c = alias_col(x->headers[i]);
		if (c == IC_UNKNOWN)
			import_problem(x, (int)i, true, "%s",
				       _("This column is not known; it is not imported"));
		else if (c < IC_COUNT && x->col[c] >= 0)
			import_problem(x, (int)i, false, _("The same column as \"%s\""),
				       x->headers[x->col[c]]);
		else if (c < IC_COUNT)
			x->col[c] = (int)i;
	}
	for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
		if (x->col[required[i].col] < 0 &&
		    (required[i].alt < 0 || x->col[required[i].alt] < 0))
			import_problem(x, -1, false,
				       _("The file has no column for %s (a header such as %s)"),
				       cadre_field_label(required[i].col), required[i].examples);
	x->infer_rank = x->col[IC_RANK] < 0;
	if (x->infer_rank && x->col[IC_POSITION] >= 0)
		import_problem(x, -1, true, "%s",
			       _("No pos_rank column: each position rank is taken from the first "
				 "words of the position"));
	return CB_OK;
}

/* ---- rows --------------------------------------------------------------- */

void import_validate_problem(import_ctx *x, const char *msg)
{
	int c = import_col_of_message(msg);
	if (c == IC_UNIT && x->col[IC_UNIT] < 0)
		c = IC_UNIT_CODE;
	import_problem(x, c >= 0 ? x->col[c] : -1, false, "%s", msg);
}

void import_check_width(import_ctx *x, const csv_reader *rd)
{
	for (size_t i = x->nheaders; i < rd->nfields; i++)
		if (csv_field(rd, i)[strspn(csv_field(rd, i), " \t")]) {
			import_problem(x, -1, false,
				       _("This row has %zu cells but the header only %zu; is a "
					 "cell holding the separator without quotes?"),
				       rd->nfields, x->nheaders);
			return;
		}
}

/* One row: converted, validated, checked for duplicates, and inserted
 * while the file is still clean and this is not a dry run. */
static int one_row(import_ctx *x, const csv_reader *rd, cb_error *err)
{
	cadre cd;
	cb_error e = {0};
	int rc;

	x->line = rd->line;
	x->row_bad = false;
	x->r->rows++;
	import_check_width(x, rd);
	if ((rc = import_row_cadre(x, rd, &cd, err)))
		return rc;
	if (!x->row_bad && cadre_validate(&cd, x->c, &e))
		import_validate_problem(x, e.msg);
	if (!x->row_bad && (rc = import_check_duplicate(x, cd.full_name, cd.birth_date, err)))
		return rc;
	if (!x->row_bad && !x->o->dry_run && x->r->errors == 0) {
		rc = store_import_add(x->batch, &cd, &e);
		if (rc == CB_EINVALID)
			import_validate_problem(x, e.msg);
		else if (rc)
			return cb_error_set(err, rc, "%s", e.msg);
	}
	if (x->row_bad)
		x->r->bad_rows++;
	return CB_OK;
}

static int all_rows(import_ctx *x, csv_reader *rd, cb_error *err)
{
	import_split *sp = NULL;
	int rc;

	if ((rc = import_split_start(x, rd, &sp, err)))
		return rc;
	while ((rc = csv_next(rd, err)) == 1) {
		int at = import_split_at(sp, rd);
		if (!import_row_blank(rd) && (rc = one_row(x, rd, err))) {
			import_split_free(sp);
			return rc;
		}
		if (at > 0) {
			rc = import_split_finish(sp, x, err);
			import_split_free(sp);
			return rc;
		}
		if (at < 0) { /* the second half began inside a quoted field */
			import_split_free(sp);
			sp = NULL;
		}
	}
	import_split_free(sp);
	if (rc == CB_EINVALID) { /* a quote never closed: the rest is unreadable */
		x->line = rd->line;
		import_problem(x, -1, false, "%s", err->msg);
		cb_error_clear(err);
		return CB_OK;
	}
	return rc;
}

/* ---- decoding ------------------------------------------------------------ */

/* The line of the first byte that is not UTF-8 (for a file said to be
 * UTF-8 that is not). */
static size_t bad_utf8_line(const char *bytes, size_t len)
{
	size_t line = 1;
	for (const char *p = bytes, *end = bytes + len; p < end; line++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *out = NULL;
		cb_error e;
		if (text_from_legacy(p, n, TEXT_ENC_UTF8, &out, &e) != CB_OK)
			return line;
		free(out);
		p += n + 1;
	}
	return 0;
}

static int decode(import_ctx *x, const char *bytes, size_t len, char **text)
{
	text_encoding enc = x->o->encoding;
	cb_error e = {0};

	if (enc == TEXT_ENC_UNKNOWN)
		enc = text_detect_encoding(bytes, len);
	if (enc == TEXT_ENC_UTF8 && len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0)
		enc = TEXT_ENC_UTF8_BOM;
	x->r->encoding = enc;
	if (text_from_legacy(bytes, len, enc, text, &e) == CB_OK)
		return CB_OK;
	x->line = enc == TEXT_ENC_UTF8 || enc == TEXT_ENC_UTF8_BOM ? bad_utf8_line(bytes, len) : 0;
	import_problem(x, -1, false, "%s", e.msg);
	return CB_EINVALID;
}

/* ---- the whole import ------------------------------------------------------ */

static void ctx_free(import_ctx *x)
{
	for (size_t i = 0; i < x->nheaders; i++)
		free(x->headers[i]);
	free(x->headers);
	for (size_t i = 0; i < x->seen_cap; i++)
		free(x->seen[i].key);
	free(x->seen);
	sqlite3_finalize(x->dup);
	import_values_free(x);
	import_memo_free(x);
	import_twins_free(x);
}

/* About how many rows are left to read: the lines. */
static size_t lines_left(const csv_reader *rd)
{
	size_t n = 1;
	for (const char *p = rd->p;
	     p && p < rd->end && (p = memchr(p, '\n', (size_t)(rd->end - p))); p++)
		n++;
	return n;
}

/* Header, rows, and the verdict, inside the caller's transaction (none on
 * a dry run). */
static int read_text(import_ctx *x, const char *text, cb_error *err)
{
	size_t len = strlen(text), skip;
	csv_reader rd;
	int rc;

	x->r->separator = csv_detect(text, len, &skip);
	csv_init(&rd, text + skip, len - skip, x->r->separator, skip ? 2 : 1);
	rc = find_header(&rd, text, len, skip, skip ? 2 : 1, err);
	if (rc == 0) {
		x->line = 0;
		import_problem(x, -1, false, "%s", _("The file is empty"));
	} else if (rc == 1 && (rc = map_header(x, &rd, err)) == CB_OK && x->r->errors == 0 &&
		   (rc = import_values_init(x, err)) == CB_OK &&
		   (rc = import_twins_load(x, lines_left(&rd), err)) == CB_OK) {
		rc = all_rows(x, &rd, err);
		if (!rc && x->r->rows == 0 && x->r->errors == 0)
			import_problem(x, -1, false, "%s", _("The file has a header but no rows"));
	} else if (rc == CB_EINVALID) {
		x->line = rd.line;
		import_problem(x, -1, false, "%s", err->msg);
		rc = CB_OK;
	}
	csv_free(&rd);
	return rc;
}

/* Rows outside the reader's scope: refused as such (CB_EACCESS), naming
 * their lines, whatever else is wrong with the file. */
static int out_of_scope(const import_report *r, cb_error *err)
{
	char lines[IMPORT_SCOPE_LINES * 12 + 8] = "";
	size_t used = 0,
	       n = r->out_of_scope < IMPORT_SCOPE_LINES ? r->out_of_scope : IMPORT_SCOPE_LINES;

	for (size_t i = 0; i < n; i++)
		used += (size_t)snprintf(lines + used, sizeof lines - used, "%s%zu", i ? ", " : "",
					 r->scope_lines[i]);
	if (r->out_of_scope > n)
		snprintf(lines + used, sizeof lines - used, ", ...");
	return cb_error_set(err, CB_EACCESS,
			    _("%zu rows lie outside the units you may work on (lines %s); nothing "
			      "was imported"),
			    r->out_of_scope, lines);
}

/* The message summing up a failed import. */
static int verdict(import_ctx *x, cb_error *err)
{
	const import_report *r = x->r;

	if (r->errors == 0)
		return CB_OK;
	if (r->out_of_scope)
		return out_of_scope(r, err);
	if (r->rows == 0) {
		for (size_t i = 0; i < r->nissues; i++)
			if (!r->issues[i].warning)
				return cb_error_set(err, CB_EINVALID, "%s", r->issues[i].msg);
	}
	return cb_error_set(err, CB_EINVALID,
			    _("Rows with errors: %zu of %zu; nothing was imported"), r->bad_rows,
			    r->rows);
}

/* Reads the whole text once: on a dry run checks only; otherwise also
 * collects the rows and, if all are good, writes them (CB_ESTALE: another
 * user saved meanwhile, nothing written, to be tried again). */
static int import_once(store *s, const cfg *c, const char *text, const import_options *o,
		       import_report *r, cb_error *err)
{
	import_ctx x;
	int64_t first_id;
	int rc;

	memset(&x, 0, sizeof x);
	x.s = s;
	x.c = c;
	x.o = o;
	x.r = r;
	/* a dry run too reads in one transaction: one snapshot, and no lock
	 * taken and released for each row's duplicate lookup */
	if ((rc = store_import_begin(s, &x.batch, err)))
		return rc;
	rc = read_text(&x, text, err);
	ctx_free(&x);
	if (!rc)
		rc = verdict(&x, err);
	if (!rc && !o->dry_run) {
		rc = store_import_commit(x.batch, &r->lock_seconds, &first_id, err);
		r->lock_cpu_seconds = store_import_lock_cpu(x.batch);
		if (!rc)
			r->imported = store_import_count(x.batch);
	}
	store_import_free(x.batch);
	return rc;
}

int import_cadres_text(store *s, const cfg *c, const char *bytes, size_t len,
		       const import_options *o, import_report *r, cb_error *err)
{
	import_ctx x;
	char *text = NULL;
	int rc;

	memset(r, 0, sizeof *r);
	memset(&x, 0, sizeof x);
	x.o = o;
	x.r = r;
	if ((rc = decode(&x, bytes, len, &text)))
		return verdict(&x, err);
	for (int attempt = 1;; attempt++) {
		text_encoding enc = r->encoding;
		/* the last attempt holds the lock from the start: it cannot be
		 * overtaken */
		bool hold = !o->dry_run && attempt == 3;
		if (hold && (rc = store_begin(s, err)))
			break;
		rc = import_once(s, c, text, o, r, err);
		if (hold && rc)
			store_rollback(s);
		else if (hold)
			rc = store_commit(s, err);
		if (rc != CB_ESTALE || attempt == 3 || o->dry_run) {
			r->attempts = attempt;
			break;
		}
		import_report_free(r);
		memset(r, 0, sizeof *r);
		r->encoding = enc;
	}
	if (rc)
		r->imported = 0;
	free(text);
	return rc;
}

int import_cadres_file(store *s, const cfg *c, const char *path, const import_options *o,
		       import_report *r, cb_error *err)
{
	char *bytes;
	size_t len = 0;
	int rc;

	memset(r, 0, sizeof *r);
	if ((rc = import_read_bytes(path, &bytes, &len, err)))
		return rc;
	rc = import_cadres_text(s, c, bytes, len, o, r, err);
	free(bytes);
	return rc;
}
