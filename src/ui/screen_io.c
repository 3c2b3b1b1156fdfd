/* screen_io.c - exporting lists to files (CSV for spreadsheets, JSON for
 * programs) through the same writer as the command line (output.h), and
 * importing a CSV file of cadres (import.h).
 *
 * Guarantees: the cadres are read a window at a time (search_fetch by
 * keyset), so exporting a million rows needs little memory; the file is
 * written under a temporary name and renamed only when complete, so a full
 * disk or an interruption never leaves a half-written file under the name
 * asked for; an existing file is replaced only after a question; the file
 * is readable by its owner only (it holds personal records).
 *
 * Import: the file is first checked without writing (a dry run); its
 * problems are listed, line by line, in a view of their own; only a clean
 * file is offered for import, after a question, and the import itself
 * checks everything again inside its one transaction - all rows or none.
 */
#include "ui_dialog.h"
#include "ui_listview.h"
#include "ui_screens.h"
#include "ui_view.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "import.h"
#include "output.h"
#include "safe_file.h"
#include "text.h"
#include "ui_internal.h"

#define EXPORT_CHUNK 500

/* Writes every cadre of q to f; *count receives how many. */
static int export_rows(app *a, const search_query *q, FILE *f, int format, size_t *count,
		       cb_error *err)
{
	size_t ncols;
	bool labels = format == OUT_CSV_LABELS;
	const out_column *cols = labels ? out_cadre_columns_labelled(&ncols)
					: out_cadre_columns(OUT_CADRE_EXPORT, &ncols);
	out_writer *o = out_begin(f, format, cols, ncols);
	int64_t after = 0;
	int rc = CB_OK;

	*count = 0;
	if (!o)
		return cb_error_set(err, CB_EDB, "%s", out_failure());
	for (;;) {
		search_hit *hits = NULL;
		size_t n = 0;
		if ((rc = search_fetch(a->db, q, after, false, EXPORT_CHUNK, &hits, &n, err)))
			break;
		for (size_t i = 0; i < n && !rc; i++)
			if ((labels ? out_cadre_row_labelled(o, &hits[i].c)
				    : out_cadre_row(o, OUT_CADRE_EXPORT, &hits[i].c, 0)) != 0)
				rc = cb_error_set(err, CB_EDB, "%s", _("Out of memory."));
		if (n)
			after = hits[n - 1].pos;
		*count += n;
		free(hits);
		if (rc || n < EXPORT_CHUNK)
			break;
	}
	if (out_end(o) != 0 && !rc)
		rc = cb_error_set(err, CB_EDB, _("Could not write the file: %s"), strerror(errno));
	return rc;
}

/* A file name from the list's title: ASCII, no spaces. */
static void suggest_name(const char *title, const char *ext, cb_date today, char *buf, size_t cap)
{
	char fold[128], day[11];
	size_t k = 0;

	text_fold(title ? title : "canbo", fold, sizeof fold);
	for (size_t i = 0; fold[i] && k + 1 < sizeof fold; i++)
		if ((unsigned char)fold[i] < 0x80) /* other scripts stay in the fold */
			fold[k++] = fold[i] == ' ' ? '-' : fold[i];
	fold[k] = '\0';
	date_format_iso(today, day);
	snprintf(buf, cap, "%s-%s.%s", k ? fold : "canbo", day, ext);
}

/* Asks for the file, writes it through a temporary file beside it
 * (safe_file.h: never through a link, never into someone else's file),
 * reports. */
static int export_to_file(app *a, const search_query *q, const char *title, int format)
{
	char path[1024], msg[1400];
	cb_error err = {0};
	size_t count = 0;
	safe_file sf;
	int rc;

	suggest_name(title, format == OUT_JSON ? "json" : "csv", a->today, path, sizeof path);
	if (!ui_input(_("Write to the file:"), path, sizeof path) || !path[0])
		return CB_NOT_FOUND;
	/* a link or another's file is refused before any question */
	if ((rc = safe_file_check(path, &err))) {
		ui_message(_("Export"), err.msg);
		return rc;
	}
	if (safe_file_exists(path)) {
		snprintf(msg, sizeof msg, _("%s exists. Replace it?"), path);
		if (!ui_confirm(msg))
			return CB_NOT_FOUND;
	}
	/* Owner-only (0600): the file holds personal records. */
	if ((rc = safe_file_open(&sf, path, 0600, &err))) {
		ui_message(_("Export"), err.msg);
		return rc;
	}
	rc = export_rows(a, q, sf.fp, format, &count, &err);
	if (rc)
		safe_file_abort(&sf);
	else
		rc = safe_file_commit(&sf, &err);
	if (rc) {
		ui_message(_("Export"), err.msg);
		return rc;
	}
	ui_flash(UI_GOOD, _("Wrote %zu cadres to %s."), count, path);
	return CB_OK;
}

int ui_export_cadres(app *a, const search_query *q, const char *title)
{
	return export_to_file(a, q, title, OUT_CSV_LABELS);
}

/* ---- import ---------------------------------------------------------- */

/* The result of checking (or importing) a file: its problems in a list,
 * and - when the file is clean - Enter to import it. */
struct imp_state {
	app *a;
	char path[1024];
	char title[300];
	import_report r;
	int rc; /* of the last check: CB_OK = ready to import */
	char verdict[512];
	ui_listview *lv;
};

static int row_tone(void *ctx, const void *row)
{
	(void)ctx;
	return ((const import_issue *)row)->warning ? UI_WARN : UI_NORMAL;
}

static int cell_line(void *ctx, const void *row, char *buf, size_t cap)
{
	const import_issue *is = row;

	(void)ctx;
	if (is->line)
		snprintf(buf, cap, "%zu", is->line);
	else
		snprintf(buf, cap, "-");
	return row_tone(ctx, row);
}

static int cell_problem(void *ctx, const void *row, char *buf, size_t cap)
{
	const import_issue *is = row;

	(void)ctx;
	snprintf(buf, cap, "%s%s%s", is->warning ? _("note") : "", is->warning ? ": " : "",
		 is->msg);
	return row_tone(ctx, row);
}

static const ui_column issue_columns[] = {
	{N_("Line"), 7, 0, 0, OUT_RIGHT, OUT_NUM, cell_line, 0, 0},
	{N_("Column"), 15, 1, 0, OUT_LEFT, OUT_STR, NULL, UI_TEXT_AT(import_issue, column), 0},
	{N_("Problem"), 30, 4, 0, OUT_LEFT, OUT_STR, cell_problem, 0, 0},
};

static const ui_listview_def issue_list_def = {
	.tone = row_tone,
	.cols = issue_columns,
	.ncols = sizeof issue_columns / sizeof issue_columns[0],
	.export_title = N_("Import"),
};

/* Two lines of verdict and a blank line above the list. */
static void imp_layout(struct imp_state *st)
{
	ui_rect b = ui_body();
	ui_rect r = {b.y + 3, 0, b.h - 3, b.w};
	ui_listview_set_rect(st->lv, r);
}

/* The first line of the view: what the check found. */
static void imp_verdict(struct imp_state *st, const cb_error *err)
{
	if (st->rc == CB_OK)
		snprintf(st->verdict, sizeof st->verdict,
			 _("%zu cadres can be imported from this file (%s)."), st->r.rows,
			 text_encoding_name(st->r.encoding));
	else
		snprintf(st->verdict, sizeof st->verdict, "%s", err->msg);
}

static void imp_draw(ui_view *v, bool full)
{
	struct imp_state *st = v->state;
	ui_rect b = ui_body();

	if (full) {
		ui_put(stdscr, b.y, 1, b.w - 2, st->verdict, st->rc ? UI_ERROR : UI_GOOD);
		if (st->rc)
			ui_put(stdscr, b.y + 1, 1, b.w - 2,
			       _("Nothing was written. Fix these rows in the file and import it "
				 "again."),
			       UI_DIM);
		else
			ui_putf(stdscr, b.y + 1, 1, b.w - 2, UI_DIM,
				_("%s: import them now (all in one go); %s: leave without "
				  "importing."),
				ui_keys_label_for(UI_CTX_IO, UI_ACT_OPEN),
				ui_keys_label_for(UI_CTX_IO, UI_ACT_BACK));
	}
	ui_listview_draw(st->lv, full);
}

static const char *imp_title(ui_view *v)
{
	struct imp_state *st = v->state;
	return st->title;
}

static void imp_status(ui_view *v, char *buf, size_t cap)
{
	struct imp_state *st = v->state;
	char extra[200] = "";

	if (st->r.errors > st->r.nissues)
		snprintf(extra, sizeof extra, "  %s", _("(only the first problems are listed)"));
	ui_listview_status(st->lv, extra, buf, cap);
}

/* Runs the import (or a check, dry_run) of st->path and keeps its report
 * in place of the last one (which the list shows until then). */
static int imp_run(struct imp_state *st, bool dry_run, cb_error *err)
{
	import_options o = {TEXT_ENC_UNKNOWN, dry_run, NULL};
	import_report r;

	o.scope = app_unit_code(st->a); /* the reader's scope (access.h) */
	ui_flash(UI_NORMAL, dry_run ? _("Checking %s ...") : _("Importing %s ..."), st->path);
	ui_frame();
	st->rc = import_cadres_file(st->a->db, st->a->config, st->path, &o, &r, err);
	ui_flash_clear();
	if (st->lv)
		ui_listview_set_rows(st->lv, r.issues, r.nissues, NULL);
	import_report_free(&st->r);
	st->r = r;
	imp_verdict(st, err);
	return st->rc;
}

/* Asks, then imports; closes the view when done. */
static int imp_commit(struct imp_state *st)
{
	char q[1400];
	cb_error err = {0};
	size_t rows = st->r.rows;

	snprintf(q, sizeof q, _("Import %zu cadres from %s into the database?"), rows, st->path);
	/* Many records at once: the count is typed, not just confirmed. */
	if (rows > 1 ? !ui_confirm_count(q, (long long)rows) : !ui_confirm(q))
		return UI_HANDLED;
	if (imp_run(st, false, &err) == CB_OK) {
		ui_flash(UI_GOOD, _("Imported %zu cadres from %s."), st->r.imported, st->path);
		return UI_CLOSE;
	}
	if (st->r.nissues == 0)
		ui_message(_("Import"), err.msg);
	ui_invalidate();
	return UI_HANDLED;
}

static int imp_key(ui_view *v, int action, ui_key key)
{
	struct imp_state *st = v->state;
	const import_issue *is;
	char text[sizeof is->msg + 200];

	if (ui_listview_key(st->lv, action, key) == UI_HANDLED)
		return UI_HANDLED;
	if (action != UI_ACT_OPEN)
		return UI_UNHANDLED;
	if (st->rc == CB_OK)
		return imp_commit(st);
	if (!(is = ui_listview_selected(st->lv)))
		return UI_HANDLED;
	snprintf(text, sizeof text, "%s %zu\n%s %s\n\n%s", _("Line"), is->line, _("Column"),
		 is->column[0] ? is->column : "-", is->msg);
	ui_message(_("Problem"), text);
	return UI_HANDLED;
}

static void imp_resize(ui_view *v)
{
	imp_layout(v->state);
}

static void imp_close(ui_view *v)
{
	struct imp_state *st = v->state;
	ui_listview_free(st->lv);
	import_report_free(&st->r);
	free(st);
}

static const ui_view_ops imp_ops = {
	.name = "import",
	.context = UI_CTX_IO,
	.title = imp_title,
	.draw = imp_draw,
	.key = imp_key,
	.resize = imp_resize,
	.status = imp_status,
	.close = imp_close,
};

/* Asks for the file, checks it, and shows the result: straight to the
 * question when the file is clean and holds no notes, else the list. */
static void import_start(app *a, char *path, size_t cap)
{
	struct imp_state *st;
	cb_error err = {0};
	char msg[600];

	if (a->config && !app_may(a, CFG_RIGHT_EDIT)) {
		snprintf(msg, sizeof msg, _("User %s may not change data in this office"), a->user);
		ui_message(_("Import"), msg);
		return;
	}
	if (!ui_input(_("Import cadres from the CSV file:"), path, cap) || !path[0])
		return;
	if (!(st = calloc(1, sizeof *st)))
		return;
	st->a = a;
	snprintf(st->path, sizeof st->path, "%s", path);
	snprintf(st->title, sizeof st->title, "%s: %s", _("Import"), path);
	imp_run(st, true, &err);
	if (st->rc != CB_OK && st->r.nissues == 0) { /* unreadable: nothing to list */
		ui_message(_("Import"), err.msg);
		imp_close(&(ui_view){.state = st});
		return;
	}
	if (st->rc == CB_OK && st->r.nissues == 0) {
		int done = imp_commit(st);
		if (done == UI_CLOSE || st->r.nissues == 0) {
			imp_close(&(ui_view){.state = st});
			return;
		}
	}
	st->lv = ui_listview_new_array(&issue_list_def, sizeof *st->r.issues, st);
	if (!st->lv) {
		imp_close(&(ui_view){.state = st});
		return;
	}
	ui_listview_set_rows(st->lv, st->r.issues, st->r.nissues, NULL);
	imp_layout(st);
	ui_view_push(&imp_ops, st);
}

/* ---- the screen ----------------------------------------------------- */

struct io_item {
	const char *label; /* English msgid */
	int format;
	bool import; /* import from the file rather than export */
};

static const struct io_item io_items[] = {
	{N_("Export every cadre to a CSV file (spreadsheets)"), OUT_CSV_LABELS, false},
	{N_("Export every cadre to a JSON file (programs)"), OUT_JSON, false},
	{N_("Import cadres from a CSV file (all rows or none)"), OUT_CSV, true},
};

struct io_state {
	app *a;
	ui_list *list;
	char import_path[1024]; /* the last file imported or checked */
};

static void io_row(void *ctx, WINDOW *w, int y, int x, int width, const void *row, bool sel)
{
	const struct io_item *it = row;
	(void)ctx;
	ui_put(w, y, x, 2, sel ? ui_glyph(UI_G_ARROW) : " ", sel ? UI_SELECTED : UI_NORMAL);
	ui_put(w, y, x + 2, width - 2, _(it->label), sel ? UI_SELECTED : UI_NORMAL);
}

static void io_layout(struct io_state *st)
{
	ui_rect b = ui_body();
	ui_rect r = {b.y + 2, 2, (int)(sizeof io_items / sizeof io_items[0]), b.w - 4};
	ui_list_set_rect(st->list, r);
}

static void io_draw(ui_view *v, bool full)
{
	struct io_state *st = v->state;
	ui_rect b = ui_body();

	if (full) {
		ui_putf(stdscr, b.y, 2, b.w - 4, UI_HEADER, _("Choose what to do, then press %s:"),
			ui_keys_label_for(UI_CTX_IO, UI_ACT_OPEN));
		ui_putf(stdscr, b.y + 6, 2, b.w - 4, UI_DIM,
			_("To export only some cadres, filter the cadre list and press %s there."),
			ui_keys_label_for(UI_CTX_CADRES, UI_ACT_EXPORT));
		ui_put_wrapped(stdscr, b.y + 7, 2, b.w - 4, 2,
			       _("An import reads the columns of an export, or Vietnamese headers "
				 "(Họ và tên, Ngày sinh ...)."),
			       UI_DIM);
	}
	ui_list_draw(st->list, full);
}

static int io_key(ui_view *v, int action, ui_key key)
{
	struct io_state *st = v->state;
	const struct io_item *it;
	search_query q = {0};

	(void)key;
	if (ui_list_move(st->list, action))
		return UI_HANDLED;
	if (action != UI_ACT_OPEN || !(it = ui_list_selected(st->list)))
		return UI_UNHANDLED;
	if (it->import) {
		import_start(st->a, st->import_path, sizeof st->import_path);
		return UI_HANDLED;
	}
	filter_init(&q.filter);
	q.sort = SORT_NAME;
	export_to_file(st->a, &q, _("cadres"), it->format);
	return UI_HANDLED;
}

static const char *io_title(ui_view *v)
{
	(void)v;
	return _("Import and export");
}

static void io_resize(ui_view *v)
{
	io_layout(v->state);
}

static void io_close(ui_view *v)
{
	struct io_state *st = v->state;
	ui_list_free(st->list);
	free(st);
}

static const ui_view_ops io_ops = {
	.name = "io",
	.context = UI_CTX_IO,
	.title = io_title,
	.draw = io_draw,
	.key = io_key,
	.resize = io_resize,
	.close = io_close,
};

int screen_io_open(app *a)
{
	struct io_state *st = calloc(1, sizeof *st);

	if (!st)
		return CB_EDB;
	st->a = a;
	st->list = ui_list_new_array(io_items, sizeof io_items / sizeof io_items[0],
				     sizeof io_items[0], io_row, st);
	if (!st->list) {
		free(st);
		return CB_EDB;
	}
	io_layout(st);
	return ui_view_push(&io_ops, st) ? CB_OK : CB_EDB;
}
