/* output.c - the table, CSV and JSON writers of include/output.h.
 *
 * The writer never prints colour or control sequences: what it writes is
 * the same on a terminal and in a pipe, except that a table on a terminal
 * is narrowed to fit its width. Cells are copied only while the table is
 * sampling its column widths (at most OUT_TABLE_SAMPLE rows); CSV and JSON
 * stream straight to the FILE.
 */
#include "output.h"

#include <langinfo.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "json.h"
#include "i18n.h"
#include "output_xlsx.h"
#include "text.h"

#define TABLE_GAP     2 /* spaces between table columns */
#define TABLE_MIN_COL 4 /* a column is never narrowed below this */

struct out_writer {
	FILE *f;
	int format;
	const out_column *cols;
	size_t ncols;
	size_t count;
	bool ascii;
	bool decimal_comma; /* percentages for people, in Vietnamese */
	xlsx_sheet *xlsx;
	/* table */
	int *width;
	int *give;     /* enum give, per column */
	char **sample; /* sampled cells, ncols per row */
	size_t nsample;
	bool streaming; /* widths fixed, rows written as they come */
	char *scratch;
	size_t scratch_cap;
};

static const char *const format_names[] = {
#define X(id, name) [id] = name,
	OUT_FORMAT_LIST(X)
#undef X
};

bool out_format_from_name(const char *name, int *format)
{
	for (int i = 0; i < OUT_FORMAT_COUNT; i++)
		if (name && strcmp(name, format_names[i]) == 0) {
			*format = i;
			return true;
		}
	return false;
}

const char *out_format_name(int format)
{
	return format >= 0 && format < OUT_FORMAT_COUNT ? format_names[format] : "";
}

bool out_for_people(int format)
{
	return format == OUT_TABLE || format == OUT_CSV_LABELS || format == OUT_XLSX;
}

bool out_is_binary(int format)
{
	return format == OUT_XLSX;
}

void out_title(out_writer *o, const char *label, const char *value)
{
	if (o && o->xlsx)
		xlsx_title(o->xlsx, label, value);
}

void out_footer(out_writer *o, const char *text)
{
	if (o && o->xlsx)
		xlsx_footer(o->xlsx, text);
}

void out_set_chart(out_writer *o, const out_chart *chart)
{
	if (o && o->xlsx)
		xlsx_chart(o->xlsx, chart);
}

/* A percentage cell as people read it: "29,3" in Vietnamese. NULL when
 * the cell is written as it is. */
static const char *pct_for_people(const out_writer *o, size_t col, const char *s, char *buf,
				  size_t cap)
{
	char *dot;
	if (!o->decimal_comma || o->cols[col].type != OUT_PCT || !s || strlen(s) >= cap)
		return NULL;
	strcpy(buf, s);
	if ((dot = strchr(buf, '.')))
		*dot = ',';
	return buf;
}

bool out_utf8_locale(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/* ---- JSON and CSV escaping ---------------------------------------------- */

void out_json_string(FILE *f, const char *s)
{
	json_buf b;
	json_to_file(&b, f);
	json_string(&b, s);
}

/* True when s is a JSON number (-?digits, optional fraction). */
static bool is_json_number(const char *s)
{
	const char *p = s;
	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9' || (*p == '0' && p[1] >= '0' && p[1] <= '9'))
		return false;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == '\0';
}

/* A negative number as the CSV writes it: -12, -1.5, or with the decimal
 * comma of a Vietnamese spreadsheet, -1,5 (a spreadsheet reads it as the
 * number it is; nothing to guard). */
static bool is_negative_number(const char *s)
{
	const char *p = s + 1;
	if (s[0] != '-' || *p < '0' || *p > '9')
		return false;
	p += strspn(p, "0123456789");
	if (*p == '.' || *p == ',') {
		p++;
		if (*p < '0' || *p > '9')
			return false;
		p += strspn(p, "0123456789");
	}
	return *p == '\0';
}

bool out_csv_guarded(const char *s)
{
	const char *t = s + strspn(s, "'");
	if (!*t || !strchr("=+-@\t\r", *t))
		return false;
	return t != s || !is_negative_number(s);
}

void out_csv_field(FILE *f, const char *s)
{
	bool guard;

	if (!s)
		s = "";
	guard = out_csv_guarded(s);
	if (!strpbrk(s, ",\"\r\n")) {
		if (guard)
			putc('\'', f);
		fputs(s, f);
		return;
	}
	putc('"', f);
	if (guard)
		putc('\'', f);
	for (; *s; s++) {
		if (*s == '"')
			putc('"', f);
		putc(*s, f);
	}
	putc('"', f);
}

static void csv_row(out_writer *o, const char *const *cells, bool header)
{
	bool labels = o->format == OUT_CSV_LABELS;
	for (size_t i = 0; i < o->ncols; i++) {
		char pct[32];
		const char *people =
			header ? NULL : pct_for_people(o, i, cells[i], pct, sizeof pct);
		if (i)
			putc(',', o->f);
		out_csv_field(o->f, !header			   ? (people ? people : cells[i])
				    : labels && *o->cols[i].header ? o->cols[i].header
								   : o->cols[i].key);
	}
	fputs("\r\n", o->f);
}

/* "a; b" as ["a", "b"]. */
static void json_list(FILE *f, const char *c)
{
	char item[256];
	bool first = true;

	putc('[', f);
	while (*c) {
		size_t k = strcspn(c, ";");
		size_t lead = strspn(c, " "), n = k > lead ? k - lead : 0;
		while (n && c[lead + n - 1] == ' ')
			n--;
		if (n) {
			snprintf(item, sizeof item, "%.*s", (int)n, c + lead);
			fputs(first ? "" : ", ", f);
			out_json_string(f, item);
			first = false;
		}
		c += k + (c[k] == ';');
	}
	putc(']', f);
}

static void json_row(out_writer *o, const char *const *cells)
{
	fputs(o->count ? ",\n  {" : "[\n  {", o->f);
	for (size_t i = 0; i < o->ncols; i++) {
		const char *c = cells[i];
		if (i)
			fputs(", ", o->f);
		out_json_string(o->f, o->cols[i].key);
		fputs(": ", o->f);
		bool num = o->cols[i].type == OUT_NUM || o->cols[i].type == OUT_PCT;
		if (!c || (num && !*c))
			fputs("null", o->f);
		else if (num && is_json_number(c))
			fputs(c, o->f);
		else if (o->cols[i].type == OUT_BOOL && (!strcmp(c, "yes") || !strcmp(c, "no")))
			fputs(*c == 'y' ? "true" : "false", o->f);
		else if (o->cols[i].type == OUT_LIST)
			json_list(o->f, c);
		else
			out_json_string(o->f, c);
	}
	putc('}', o->f);
}

/* ---- table ------------------------------------------------------------- */

/* A copy of a cell fit for one table line: control characters (a note's
 * newlines) become spaces. */
static char *cell_copy(const char *s)
{
	char *c = strdup(s ? s : "");
	if (c)
		for (char *p = c; *p; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f)
				*p = ' ';
	return c;
}

static int cell_width(const out_writer *o, const char *s)
{
	if (o->ascii) {
		char buf[1024];
		size_t n = text_ascii(s, buf, sizeof buf);
		return n < sizeof buf ? text_width(buf) : text_width(s);
	}
	return text_width(s);
}

static int terminal_width(FILE *f)
{
	struct winsize ws;
	const char *env;
	if (!isatty(fileno(f)))
		return 0;
	if (ioctl(fileno(f), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	env = getenv("COLUMNS");
	return env ? atoi(env) : 0;
}

static bool wide_tables;

void out_set_wide(bool wide)
{
	wide_tables = wide;
}

/* A cell that must never be cut: a number, a date, a code, an id. */
static bool fixed_text(const char *s)
{
	return strspn(s, "0123456789/-.:,% ") == strlen(s);
}

/* How a column gives way when the table is too wide for the terminal. */
enum give { GIVE_TEXT, GIVE_NAME, GIVE_NEVER };

static int column_give(const out_writer *o, size_t i)
{
	if (o->cols[i].type != OUT_STR)
		return GIVE_NEVER;
	if (strcmp(o->cols[i].key, "full_name") == 0)
		return GIVE_NAME;
	for (size_t r = 0; r < o->nsample; r++)
		if (!fixed_text(o->sample[r * o->ncols + i]))
			return GIVE_TEXT;
	return o->nsample ? GIVE_NEVER : GIVE_TEXT;
}

/* Narrows the widest column of kind `give` that is above `floor` (its own
 * data width for a header wider than its data: the header is cut then);
 * false when none can give. */
static bool narrow_one(out_writer *o, const int *data, int give, int floor, bool headers_only)
{
	size_t best = o->ncols;
	for (size_t i = 0; i < o->ncols; i++) {
		int low = headers_only ? (data[i] > floor ? data[i] : floor) : floor;
		if ((headers_only || o->give[i] == give) && o->width[i] > low &&
		    (best == o->ncols || o->width[i] > o->width[best]))
			best = i;
	}
	if (best == o->ncols)
		return false;
	o->width[best]--;
	return true;
}

/* Fixes the column widths from the header and the sampled rows; when the
 * table is wider than the terminal (and --wide was not asked), free text
 * gives way first (to 16 columns), then headers wider than their data,
 * then names (which keep surname and given name, text_fit_name), then
 * free text again; numbers, dates, codes and ids are never cut. */
static void table_widths(out_writer *o)
{
	int total = 0, room = wide_tables ? 0 : terminal_width(o->f);
	int *data = calloc(o->ncols ? o->ncols : 1, sizeof *data);

	for (size_t i = 0; i < o->ncols; i++) {
		int w = cell_width(o, o->cols[i].header), dw = 0;
		for (size_t r = 0; r < o->nsample; r++) {
			int cw = cell_width(o, o->sample[r * o->ncols + i]);
			if (cw > dw)
				dw = cw;
		}
		if (dw > w)
			w = dw;
		o->give[i] = column_give(o, i);
		if (!wide_tables && o->give[i] != GIVE_NEVER && o->cols[i].max_width > 0 &&
		    w > o->cols[i].max_width)
			w = o->cols[i].max_width;
		o->width[i] = w;
		if (data)
			data[i] = dw;
		total += w + (i ? TABLE_GAP : 0);
	}
	if (data)
		while (room > 0 && total > room &&
		       (narrow_one(o, data, GIVE_TEXT, TABLE_MIN_COL * 4, false) ||
			narrow_one(o, data, GIVE_TEXT, TABLE_MIN_COL, true) ||
			narrow_one(o, data, GIVE_NAME, TABLE_MIN_COL * 4, false) ||
			narrow_one(o, data, GIVE_TEXT, TABLE_MIN_COL, false) ||
			narrow_one(o, data, GIVE_NAME, TABLE_MIN_COL * 2, false)))
			total--;
	free(data);
}

static int ensure_scratch(out_writer *o, size_t need)
{
	if (need <= o->scratch_cap)
		return 0;
	char *bigger = realloc(o->scratch, need);
	if (!bigger)
		return -1;
	o->scratch = bigger;
	o->scratch_cap = need;
	return 0;
}

/* n blanks (fprintf's "%*s" parses its format for each of them). */
static void pad(FILE *f, int n)
{
	static const char blanks[] = "                                ";
	while (n > 0) {
		int k = n < (int)sizeof blanks - 1 ? n : (int)sizeof blanks - 1;
		fwrite(blanks, 1, (size_t)k, f);
		n -= k;
	}
}

/* Writes one cell in its column: fitted, aligned; the last column of a
 * left-aligned line is not padded (no trailing blanks). */
static void table_cell(out_writer *o, size_t i, const char *s)
{
	int w = o->width[i];
	size_t need = 4 * strlen(s) + (size_t)w + 16;
	bool last = i + 1 == o->ncols;

	if (i)
		pad(o->f, TABLE_GAP);
	if (ensure_scratch(o, need) != 0) {
		fputs("?", o->f);
		return;
	}
	if (o->give[i] == GIVE_NAME)
		text_fit_name(s, w, o->ascii, o->scratch, o->scratch_cap);
	else
		text_fit(s, w, false, o->ascii, o->scratch, o->scratch_cap);
	int used = text_width(o->scratch);
	if (o->cols[i].align == OUT_RIGHT)
		pad(o->f, w - used);
	fputs(o->scratch, o->f);
	if (o->cols[i].align != OUT_RIGHT && !last)
		pad(o->f, w - used);
}

static void table_line(out_writer *o, const char *const *cells)
{
	for (size_t i = 0; i < o->ncols; i++) {
		char pct[32];
		const char *people = pct_for_people(o, i, cells[i], pct, sizeof pct);
		char *c = cell_copy(people ? people : cells[i]);
		table_cell(o, i, c ? c : "");
		free(c);
	}
	putc('\n', o->f);
}

/* Header, a rule under it, then the sampled rows; from then on rows are
 * written as they come. */
static void table_flush(out_writer *o)
{
	const char **hdr = calloc(o->ncols ? o->ncols : 1, sizeof *hdr);
	int total = 0;

	table_widths(o);
	if (hdr) {
		for (size_t i = 0; i < o->ncols; i++)
			hdr[i] = o->cols[i].header;
		table_line(o, hdr);
		free(hdr);
	}
	for (size_t i = 0; i < o->ncols; i++)
		total += o->width[i] + (i ? TABLE_GAP : 0);
	for (int i = 0; i < total; i++)
		putc('-', o->f);
	putc('\n', o->f);
	for (size_t r = 0; r < o->nsample; r++) {
		table_line(o, (const char *const *)&o->sample[r * o->ncols]);
		for (size_t i = 0; i < o->ncols; i++)
			free(o->sample[r * o->ncols + i]);
	}
	free(o->sample);
	o->sample = NULL;
	o->nsample = 0;
	o->streaming = true;
}

static int table_row(out_writer *o, const char *const *cells)
{
	if (o->streaming) {
		table_line(o, cells);
		return 0;
	}
	if (!o->sample) {
		o->sample = calloc(OUT_TABLE_SAMPLE * o->ncols, sizeof *o->sample);
		if (!o->sample)
			return -1;
	}
	char **row = &o->sample[o->nsample * o->ncols];
	for (size_t i = 0; i < o->ncols; i++) {
		if (!(row[i] = cell_copy(cells[i]))) {
			while (i-- > 0)
				free(row[i]);
			return -1;
		}
	}
	if (++o->nsample == OUT_TABLE_SAMPLE)
		table_flush(o);
	return 0;
}

/* ---- the writer -------------------------------------------------------- */

static const char *failure;

const char *out_failure(void)
{
	return failure ? failure : _("Out of memory");
}

out_writer *out_begin(FILE *f, int format, const out_column *cols, size_t ncols)
{
	out_writer *o = calloc(1, sizeof *o);
	failure = NULL;
	if (!o)
		return NULL;
	o->f = f;
	o->format = format >= 0 && format < OUT_FORMAT_COUNT ? format : OUT_TABLE;
	o->cols = cols;
	o->ncols = ncols;
	o->ascii = !out_utf8_locale();
	o->decimal_comma = out_for_people(o->format) && strcmp(i18n_lang(), "vi") == 0;
	o->width = calloc(ncols ? ncols : 1, sizeof *o->width);
	o->give = calloc(ncols ? ncols : 1, sizeof *o->give);
	if (!o->width || !o->give ||
	    (o->format == OUT_XLSX && !(o->xlsx = xlsx_begin(cols, ncols, &failure)))) {
		free(o->width);
		free(o->give);
		free(o);
		return NULL;
	}
	if (o->format == OUT_CSV_LABELS)
		fputs("\xef\xbb\xbf", f); /* the byte-order mark spreadsheets look for */
	if (o->format == OUT_CSV || o->format == OUT_CSV_LABELS)
		csv_row(o, NULL, true);
	return o;
}

int out_row(out_writer *o, const char *const *cells)
{
	int rc = 0;
	switch (o->format) {
	case OUT_XLSX:
		rc = xlsx_row(o->xlsx, cells);
		break;
	case OUT_CSV:
	case OUT_CSV_LABELS:
		csv_row(o, cells, false);
		break;
	case OUT_JSON:
		json_row(o, cells);
		break;
	default:
		rc = table_row(o, cells);
	}
	if (rc == 0)
		o->count++;
	return rc;
}

size_t out_count(const out_writer *o)
{
	return o->count;
}

void out_discard(out_writer *o)
{
	if (!o)
		return;
	for (size_t i = 0; i < o->nsample * o->ncols; i++)
		free(o->sample[i]);
	xlsx_discard(o->xlsx);
	free(o->width);
	free(o->give);
	free(o->scratch);
	free(o->sample);
	free(o);
}

int out_end(out_writer *o)
{
	int rc;
	if (!o)
		return -1;
	if (o->format == OUT_JSON)
		fputs(o->count ? "\n]\n" : "[]\n", o->f);
	else if (o->format == OUT_TABLE && !o->streaming)
		table_flush(o);
	rc = 0;
	if (o->xlsx) {
		rc = xlsx_end(o->xlsx, o->f);
		o->xlsx = NULL;
	}
	if (fflush(o->f) != 0 || ferror(o->f))
		rc = -1;
	out_discard(o);
	return rc;
}
