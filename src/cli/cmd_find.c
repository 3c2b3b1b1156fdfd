/* cmd_find.c - `canbo find [QUERY...]`: the cadres whose name matches, in
 * Vietnamese order, as a table, CSV or JSON.
 *
 * The words of QUERY are joined with spaces and searched as the list
 * screen does (search_fetch): accent- and case-insensitive word prefixes in
 * any order, exact where the query carries diacritics. An empty query lists
 * everyone. The table stops at 50 rows unless --limit says otherwise; CSV
 * and JSON give every match unless --limit says otherwise. Rows are fetched
 * a window at a time, so memory stays small whatever the count.
 * Exit status 1 when nothing matches (CSV still prints its header and JSON
 * an empty array, so that scripts can parse the output either way).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cli.h"
#include "commands.h"
#include "fields.h"
#include "i18n.h"
#include "sheet.h"
#include "model.h"
#include "output.h"
#include "search.h"
#include "text.h"

#define TABLE_LIMIT 50
/* Rows are fetched a window at a time; windows grow from WINDOW_MIN to
 * WINDOW_MAX. Each window costs a search of its own, and a broad prefix
 * ("nguyen" in a million names) reads its whole match list every time, so
 * a long listing needs large windows to stay linear; a short one never
 * holds more than it shows. */
#define WINDOW_MIN 64
#define WINDOW_MAX 4096

static cli_option find_opts[] = {
	{"with-departed", NULL,
	 N_("Also those who left the list (retired, transferred out...), as a full export needs"),
	 false, NULL},
	{NULL, NULL, NULL, false, NULL},
};

static const cli_command find_cmd = {
	"find",
	N_("[QUERY]..."),
	N_("List cadres whose name matches QUERY (accents and case ignored, words in any order, "
	   "each "
	   "the start of a word); no QUERY lists everyone"),
	0,
	-1,
	find_opts,
	CLI_FORMATS_SHEETS,
	0,
};

/* The table (and the spreadsheet forms): what a person reads, fields of
 * the cadre's table (fields.h) in their people's form - translated,
 * dd/mm/yyyy - with the widest a column may grow. */
static const struct {
	enum cadre_field field;
	int max_width;
} table_fields[] = {
	{CADRE_F_ID, 0},	{CADRE_F_FULL_NAME, 28}, {CADRE_F_BIRTH_DATE, 0},
	{CADRE_F_GENDER, 0},	{CADRE_F_POSITION, 40},	 {CADRE_F_UNIT, 30},
	{CADRE_F_DISTRICT, 24},
};
#define T_COUNT (sizeof table_fields / sizeof table_fields[0])

typedef struct find_ctx {
	const app *a;
	int format;
	int deepest; /* tier of the communes */
	out_writer *w;
	out_column table_cols[T_COUNT];
} find_ctx;

static void table_columns(find_ctx *fc)
{
	for (size_t i = 0; i < T_COUNT; i++) {
		const field_def *f = cadre_field(table_fields[i].field);
		fc->table_cols[i] = (out_column){
			f->name, _(f->label), f->type == FIELD_INT ? OUT_RIGHT : OUT_LEFT,
			f->type == FIELD_INT ? OUT_NUM : OUT_STR, table_fields[i].max_width};
	}
}

/* CSV and JSON: the data layout the import reads back (output.h). */
static int write_hit(find_ctx *fc, const cadre *c)
{
	char bufs[T_COUNT][CADRE_TEXT_MAX];
	const char *cells[T_COUNT];
	if (!out_for_people(fc->format))
		return out_cadre_row(fc->w, OUT_CADRE_FIND, c, fc->deepest);
	for (size_t i = 0; i < T_COUNT; i++)
		cells[i] = field_format(cadre_field(table_fields[i].field), c, FIELD_HUMAN, bufs[i],
					sizeof bufs[i]);
	return out_row(fc->w, cells);
}

/* The query words joined with single spaces, checked and in NFC. */
static int query_text(const cli_args *args, char **out)
{
	size_t len = 1;
	char *joined, *norm = NULL;
	cb_error err;

	for (int i = 0; i < args->argc; i++)
		len += strlen(args->argv[i]) + 1;
	if (!(joined = calloc(1, len)))
		return CB_EDB;
	for (int i = 0; i < args->argc; i++) {
		if (i)
			strcat(joined, " ");
		strcat(joined, args->argv[i]);
	}
	cb_error_clear(&err);
	if (text_normalize(joined, strlen(joined), false, &norm, &err)) {
		free(joined);
		cli_warn("%s", err.msg);
		return CB_EUSAGE;
	}
	free(joined);
	if (*norm && !text_has_words(norm)) {
		cli_warn(_("'%s' has no letter or digit to search for"), norm);
		free(norm);
		return CB_EUSAGE;
	}
	*out = norm;
	return CB_OK;
}

/* Walks the matches a window at a time, writing up to `limit` (0 = all);
 * *more tells whether matches were left out. */
static int walk(find_ctx *fc, const search_query *q, size_t limit, bool *more)
{
	int64_t after = 0;
	size_t done = 0, window = WINDOW_MIN;
	cb_error err;

	*more = false;
	for (;; window = window < WINDOW_MAX ? 2 * window : WINDOW_MAX) {
		size_t want = window, n = 0;
		search_hit *hits = NULL;
		int rc;
		if (limit && limit - done + 1 < want)
			want = limit - done + 1; /* one more, to know if there are more */
		cb_error_clear(&err);
		if ((rc = search_fetch(fc->a->db, q, after, false, want, &hits, &n, &err)))
			return cli_fail(&err);
		for (size_t i = 0; i < n; i++) {
			if (limit && done == limit) {
				*more = true;
				break;
			}
			if (write_hit(fc, &hits[i].c)) {
				free(hits);
				cli_warn("%s", _("Out of memory"));
				return CB_EDB;
			}
			done++;
		}
		if (n)
			after = hits[n - 1].pos;
		free(hits);
		if (*more || n < want)
			return CB_OK;
	}
}

static int deepest_tier(const cfg *c)
{
	int t = 1;
	for (size_t i = 0; i < c->unit_count; i++)
		if (c->units[i].tier > t)
			t = c->units[i].tier;
	return t;
}

static int run_find(find_ctx *fc, cli_args *args, const char *text)
{
	search_query q;
	size_t limit = args->limit_given ? args->limit : fc->format == OUT_TABLE ? TABLE_LIMIT : 0;
	bool more;
	int rc;

	if ((rc = cli_cadre_query(fc->a, text, &q)))
		return rc;
	if (find_opts[0].seen)
		q.filter.departed = FILTER_ANY;
	if (out_for_people(fc->format)) {
		/* no district column in a two-tier province */
		table_columns(fc);
		fc->w = out_begin(stdout, fc->format, fc->table_cols,
				  fc->a->config->tiers >= 3 ? T_COUNT : T_COUNT - 1);
		if (fc->w)
			sheet_title(fc->w, fc->a, text && *text ? text : _("Cadres"),
				    args->app.district ? args->app.district : NULL, NULL, 0);
	} else {
		size_t ncols;
		const out_column *cols = out_cadre_columns(OUT_CADRE_FIND, &ncols);
		fc->w = out_begin(stdout, fc->format, cols, ncols);
	}
	if (!fc->w) {
		cli_warn("%s", out_failure());
		return CB_EDB;
	}
	rc = walk(fc, &q, limit, &more);
	size_t count = out_count(fc->w);
	if (count == 0 && fc->format == OUT_TABLE) {
		out_discard(fc->w); /* no empty table: the message below says it */
	} else if (out_end(fc->w) != 0 && !rc) {
		cli_warn("%s", _("Could not write the output"));
		rc = CB_EDB;
	}
	if (rc)
		return rc;
	if (count == 0) {
		if (text && *text)
			cli_warn(_("No cadre matches '%s'"), text);
		else
			cli_warn("%s", _("No cadres in this database or district"));
		return CB_NOT_FOUND;
	}
	if (more && fc->format == OUT_TABLE) /* a script asked for its --limit */
		fprintf(stderr,
			_("(the first %zu are shown; --limit N shows more, --limit 0 all)\n"),
			count);
	return CB_OK;
}

int cmd_find(int argc, char **argv)
{
	find_ctx fc;
	cli_args args;
	char *text = NULL;
	app a;
	int rc = cli_parse(argc, argv, &find_cmd, &args);

	if (rc || args.help)
		return rc;
	if ((rc = query_text(&args, &text)))
		return rc;
	args.app.readonly = true;
	store_expect_lookups(); /* a few pages read: on one huge page */
	if ((rc = cli_open(&args, &a))) {
		free(text);
		return rc;
	}
	memset(&fc, 0, sizeof fc);
	fc.a = &a;
	fc.format = args.format;
	fc.deepest = deepest_tier(a.config);
	rc = run_find(&fc, &args, text);
	app_close(&a);
	free(text);
	return rc;
}
