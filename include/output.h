/* output.h - rows for people and for programs: an aligned table, CSV or
 * JSON, from the same calls.
 *
 *   out_writer *o = out_begin(stdout, OUT_CSV, cols, ncols);
 *   out_row(o, cells);  ... one call per row, cells[i] for cols[i]
 *   rc = out_end(o);
 *
 * Table: columns padded and cut by display width (text_fit), never inside a
 * character; folded to ASCII when the locale's character set is not UTF-8.
 * The first OUT_TABLE_SAMPLE rows fix the column widths (so memory stays
 * bounded however many rows follow); later wider cells are cut with "…".
 * On a terminal the table is narrowed to the terminal's width.
 * CSV: RFC 4180 - CRLF line ends, fields quoted when they hold a comma, a
 * quote, CR or LF, quotes doubled, UTF-8, a header row of the column keys.
 * JSON: an array of objects keyed by the column keys; every string escaped
 * so the output is valid JSON for any input (invalid UTF-8 becomes U+FFFD).
 * Plain text only: no colour, no pager, whatever the output is.
 *
 * For people, three more forms of the same rows (out_for_people):
 * CSV with labels - a UTF-8 byte-order mark first (so a spreadsheet decodes
 * the Vietnamese right), the translated headers, percentages with the
 * decimal comma in Vietnamese; the caller gives translated cell values.
 * XLSX - one sheet: a title block (out_title), the translated headers in a
 * frozen row, numbers as numbers, percentages as percentage cells, fitted
 * column widths, A4 page set-up with page numbers, and a chart when asked
 * (out_chart). The workbook is built in a temporary file and copied to the
 * FILE at out_end. The table writer also shows percentages with the
 * decimal comma in Vietnamese.
 */
#ifndef CANBO_OUTPUT_H
#define CANBO_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* X(value, name on the command line) */
#define OUT_FORMAT_LIST(X)                                                                         \
	X(OUT_TABLE, "table")                                                                      \
	X(OUT_CSV, "csv")                                                                          \
	X(OUT_JSON, "json")                                                                        \
	X(OUT_XLSX, "xlsx")                                                                        \
	X(OUT_CSV_LABELS, "csv-labels")

enum out_format {
#define X(id, name) id,
	OUT_FORMAT_LIST(X)
#undef X
		OUT_FORMAT_COUNT
};

enum out_align { OUT_LEFT, OUT_RIGHT };

/* How a cell is written in JSON and XLSX: a string, or a number (empty =
 * null / a blank cell), or a percentage given as "29.3" (a number in JSON,
 * a percentage cell in XLSX, "29,3" for people in Vietnamese), or "yes" /
 * "no" (JSON true / false), or names joined by "; " (a JSON array). */
enum out_type { OUT_STR, OUT_NUM, OUT_PCT, OUT_BOOL, OUT_LIST };

typedef struct out_column {
	const char *key;    /* CSV header and JSON key: stable, ASCII */
	const char *header; /* table header: already translated */
	int align;	    /* enum out_align (table only) */
	int type;	    /* enum out_type (JSON only) */
	int max_width;	    /* table: widest the column may grow, 0 = no limit */
} out_column;

#define OUT_TABLE_SAMPLE 1000

typedef struct out_writer out_writer;

/* Starts a listing; cols must stay valid until out_end. NULL if out of
 * memory, or if an XLSX workbook cannot be started: out_failure says
 * which. */
out_writer *out_begin(FILE *f, int format, const out_column *cols, size_t ncols);
/* Why the last out_begin returned NULL, in the UI language. */
const char *out_failure(void);
/* One row: cells[i] belongs to cols[i]; NULL cells are written empty
 * (JSON: null). Returns 0, or -1 when out of memory. */
int out_row(out_writer *o, const char *const *cells);
/* Writes what is pending (the table, the JSON closing bracket), frees the
 * writer. Returns 0, or -1 if a write failed (disk full, closed pipe). */
int out_end(out_writer *o);
/* Frees the writer without writing what is pending (a table whose rows
 * turned out to be none, an aborted listing). */
void out_discard(out_writer *o);
/* Rows written so far. */
size_t out_count(const out_writer *o);

/* True for the forms meant for people (table, CSV with labels, XLSX):
 * callers give translated labels there, stable codes otherwise. */
bool out_for_people(int format);
/* Tables as wide as their contents even on a narrower terminal (--wide). */
void out_set_wide(bool wide);
/* True for a format that is not text (XLSX). */
bool out_is_binary(int format);

/* One line of the XLSX title block ("Office", "Ban Tổ chức ..."); a NULL
 * label makes the line the sheet's heading. Call before the first row;
 * other formats ignore it (a table's caller prints its own title line). */
void out_title(out_writer *o, const char *label, const char *value);

/* One line below the rows of an XLSX (a signature block), right-aligned
 * under the last columns; other formats ignore it. */
void out_footer(out_writer *o, const char *text);

enum out_chart_kind { OUT_CHART_BAR, OUT_CHART_COLUMN, OUT_CHART_LINE };
#define OUT_CHART_SERIES 4
typedef struct out_chart {
	int kind;		      /* enum out_chart_kind */
	const char *title;	      /* translated */
	int cat_first, cat_last;      /* the columns naming the categories */
	int series[OUT_CHART_SERIES]; /* the columns of the values, one per series */
	int nseries;
	size_t rows; /* the chart covers the first `rows` rows (0 = all) */
	/* true: one series per row instead (named by its cell in column
	 * series[0]), over the columns cat_first..cat_last, whose headers
	 * are the categories (a line per target across the years) */
	bool series_in_rows;
} out_chart;
/* Asks for a chart of the rows (XLSX only; other formats ignore it). */
void out_set_chart(out_writer *o, const out_chart *chart);

/* Format by name ("table", "csv", "json"); false if unknown. */
bool out_format_from_name(const char *name, int *format);
const char *out_format_name(int format);

/* Writes s as a JSON string literal (with the quotes). */
void out_json_string(FILE *f, const char *s);
/* Writes s as one CSV field (quoted only when needed). A text a
 * spreadsheet would take for a formula (out_csv_guarded) is written with a
 * leading apostrophe, so that it shows as the text it is. */
void out_csv_field(FILE *f, const char *s);
/* True when out_csv_field writes s behind an apostrophe: s begins with
 * '=', '+', '-', '@', a tab or a carriage return, after any apostrophes
 * of its own (so that a text that already begins with one survives the
 * round trip), except a plain number such as -12. The import takes one
 * apostrophe off a cell c when c begins with one and out_csv_guarded(c + 1). */
bool out_csv_guarded(const char *s);

/* True when the locale's character set is UTF-8 (else tables are folded to
 * ASCII). */
bool out_utf8_locale(void);

/* Cadres as data (CSV and JSON): stable values, ISO dates and the names of
 * the enumerations, so that the import reads them back. OUT_CADRE_EXPORT
 * is the export screen's layout (every field the import takes),
 * OUT_CADRE_FIND the one of `canbo find`. */
struct cadre;
enum out_cadre_layout { OUT_CADRE_EXPORT, OUT_CADRE_FIND };
const out_column *out_cadre_columns(enum out_cadre_layout layout, size_t *ncols);
/* Writes c as one row of layout; deepest is the tier of the communes
 * (find's level column: province, district or commune). */
int out_cadre_row(out_writer *o, enum out_cadre_layout layout, const struct cadre *c, int deepest);

/* The export layout for spreadsheets (CSV with labels): headers in the UI
 * language, labels, dd/mm/yyyy, có/không - every one of which the import
 * reads back; the database id is left out. */
const out_column *out_cadre_columns_labelled(size_t *ncols);
int out_cadre_row_labelled(out_writer *o, const struct cadre *c);

#endif
