/* screen_io.c - exporting lists to files (CSV for spreadsheets, JSON for
 * programs) through the same writer as the command line (output.h).
 *
 * Guarantees: the cadres are read a window at a time (search_fetch by
 * keyset), so exporting a million rows needs little memory; the file is
 * written under a temporary name and renamed only when complete, so a full
 * disk or an interruption never leaves a half-written file under the name
 * asked for; an existing file is replaced only after a question; the file
 * is readable by its owner only (it holds personal records).
 */
#include "ui.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "output.h"
#include "text.h"

#define EXPORT_CHUNK 500

static const out_column cadre_cols[] = {
	{"id", "id", OUT_RIGHT, OUT_NUM, 0},
	{"full_name", "full_name", OUT_LEFT, OUT_STR, 0},
	{"birth_date", "birth_date", OUT_LEFT, OUT_STR, 0},
	{"gender", "gender", OUT_LEFT, OUT_STR, 0},
	{"ethnicity", "ethnicity", OUT_LEFT, OUT_STR, 0},
	{"position", "position", OUT_LEFT, OUT_STR, 0},
	{"pos_rank", "pos_rank", OUT_LEFT, OUT_STR, 0},
	{"unit_code", "unit_code", OUT_LEFT, OUT_STR, 0},
	{"unit", "unit", OUT_LEFT, OUT_STR, 0},
	{"district", "district", OUT_LEFT, OUT_STR, 0},
	{"org", "org", OUT_LEFT, OUT_STR, 0},
	{"managed", "managed", OUT_LEFT, OUT_STR, 0},
	{"is_head", "is_head", OUT_LEFT, OUT_STR, 0},
	{"education", "education", OUT_LEFT, OUT_STR, 0},
	{"political_theory", "political_theory", OUT_LEFT, OUT_STR, 0},
	{"party_joined", "party_joined", OUT_LEFT, OUT_STR, 0},
};
#define NCOLS (sizeof cadre_cols / sizeof cadre_cols[0])

static int write_cadre(out_writer *o, const cadre *c)
{
	char id[24];
	const char *cells[NCOLS];

	snprintf(id, sizeof id, "%lld", (long long)c->id);
	cells[0] = id;
	cells[1] = c->full_name;
	cells[2] = c->birth_date;
	cells[3] = model_name(ENUM_GENDER, c->gender);
	cells[4] = c->ethnicity;
	cells[5] = c->position;
	cells[6] = model_name(ENUM_RANK, c->pos_rank);
	cells[7] = c->unit_code;
	cells[8] = c->unit_name;
	cells[9] = c->district_name;
	cells[10] = c->org_name;
	cells[11] = c->managed ? "yes" : "no";
	cells[12] = c->is_head ? "yes" : "no";
	cells[13] = model_name(ENUM_EDUCATION, c->education);
	cells[14] = model_name(ENUM_THEORY, c->theory);
	cells[15] = c->party_joined;
	return out_row(o, cells);
}

/* Writes every cadre of q to f; *count receives how many. */
static int export_rows(app *a, const search_query *q, FILE *f, int format, size_t *count,
		       cb_error *err)
{
	out_writer *o = out_begin(f, format, cadre_cols, NCOLS);
	int64_t after = 0;
	int rc = CB_OK;

	*count = 0;
	if (!o)
		return cb_error_set(err, CB_EDB, "%s", _("Out of memory."));
	for (;;) {
		search_hit *hits = NULL;
		size_t n = 0;
		if ((rc = search_fetch(a->db, q, after, false, EXPORT_CHUNK, &hits, &n, err)))
			break;
		for (size_t i = 0; i < n && !rc; i++)
			if (write_cadre(o, &hits[i].c) != 0)
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
		fold[k++] = fold[i] == ' ' ? '-' : fold[i];
	fold[k] = '\0';
	date_format_iso(today, day);
	snprintf(buf, cap, "%s-%s.%s", k ? fold : "canbo", day, ext);
}

/* Asks for the file, writes it through a temporary file, reports. */
static int export_to_file(app *a, const search_query *q, const char *title, int format)
{
	char path[1024], tmp[1100], msg[1400];
	cb_error err = {0};
	struct stat sb;
	size_t count = 0;
	FILE *f;
	int rc;

	suggest_name(title, format == OUT_JSON ? "json" : "csv", a->today, path, sizeof path);
	if (!ui_input(_("Write to the file:"), path, sizeof path) || !path[0])
		return CB_NOT_FOUND;
	if (stat(path, &sb) == 0) {
		snprintf(msg, sizeof msg, _("%s exists. Replace it?"), path);
		if (!ui_confirm(msg))
			return CB_NOT_FOUND;
	}
	snprintf(tmp, sizeof tmp, "%s.tmp-%ld", path, (long)getpid());
	/* Owner-only: the file holds personal records. */
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		if (fd >= 0)
			close(fd);
		snprintf(msg, sizeof msg, _("Could not write the file: %s"), strerror(errno));
		ui_message(_("Export"), msg);
		return CB_EDB;
	}
	rc = export_rows(a, q, f, format, &count, &err);
	if (fclose(f) != 0 && !rc)
		rc = cb_error_set(&err, CB_EDB, _("Could not write the file: %s"), strerror(errno));
	if (!rc && rename(tmp, path) != 0)
		rc = cb_error_set(&err, CB_EDB, _("Could not write the file: %s"), strerror(errno));
	if (rc) {
		unlink(tmp);
		ui_message(_("Export"), err.msg);
		return rc;
	}
	ui_flash(UI_GOOD, _("Wrote %zu cadres to %s."), count, path);
	return CB_OK;
}

int ui_export_cadres(app *a, const search_query *q, const char *title)
{
	return export_to_file(a, q, title, OUT_CSV);
}

/* ---- the screen ----------------------------------------------------- */

struct io_item {
	const char *label; /* English msgid */
	int format;
};

static const struct io_item io_items[] = {
	{N_("Export every cadre to a CSV file (spreadsheets)"), OUT_CSV},
	{N_("Export every cadre to a JSON file (programs)"), OUT_JSON},
};

struct io_state {
	app *a;
	ui_list *list;
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
		ui_putf(stdscr, b.y, 2, b.w - 4, UI_HEADER, _("Choose what to write, then press %s:"),
			ui_keys_label_for(UI_CTX_IO, UI_ACT_OPEN));
		ui_putf(stdscr, b.y + 6, 2, b.w - 4, UI_DIM,
			_("To export only some cadres, filter the cadre list and press %s there."),
			ui_keys_label_for(UI_CTX_CADRES, UI_ACT_EXPORT));
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
