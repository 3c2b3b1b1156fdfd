/* listview_export.c - the export key of every list view: the columns of
 * the list (hidden ones too) for every row, as XLSX or CSV with labels,
 * through ui_export_sheet (temporary file, renamed when complete).
 *
 * Guarantees: the cells are the ones the screen draws (the same cell
 * functions); a keyset list is read a chunk at a time in its own order,
 * so memory stays bounded whatever the number of rows.
 */
#include "listview_internal.h"

#include <stdlib.h>

#include "i18n.h"
#include "ui_dialog.h"
#include "ui_view.h"

#define EXPORT_CHUNK 256

static int write_row(out_writer *o, const ui_listview_rows *e, const void *row)
{
	static char cells[UI_COLUMNS_MAX][UI_CELL_MAX];
	const char *ptr[UI_COLUMNS_MAX];

	for (int i = 0; i < e->def->ncols; i++) {
		ui_column_text(e->def, e->cell_ctx, i, row, cells[i]);
		ptr[i] = cells[i];
	}
	return out_row(o, ptr);
}

static int write_keyset(out_writer *o, const ui_listview_rows *e)
{
	unsigned char *buf = malloc(EXPORT_CHUNK * e->src->row_size);
	int64_t after = UI_LIST_START;
	cb_error err = {0};
	size_t got;
	int rc = CB_OK;

	if (!buf)
		return CB_EDB;
	do {
		if (e->src->fetch(e->src->ctx, after, false, EXPORT_CHUNK, buf, &got, &err) !=
		    CB_OK) {
			rc = err.code ? err.code : CB_EDB;
			break;
		}
		for (size_t i = 0; i < got && rc == CB_OK; i++)
			if (write_row(o, e, buf + i * e->src->row_size))
				rc = CB_EDB;
		if (got)
			after = e->src->key_of(e->src->ctx, buf + (got - 1) * e->src->row_size);
	} while (rc == CB_OK && got == EXPORT_CHUNK);
	free(buf);
	return rc;
}

int ui_listview_write(FILE *f, int format, void *ctx)
{
	const ui_listview_rows *e = ctx;
	out_column oc[UI_COLUMNS_MAX];
	out_writer *o;
	const ui_column *cols = e->def->cols;
	int rc = CB_OK;

	for (int i = 0; i < e->def->ncols; i++)
		oc[i] = (out_column){.key = cols[i].label ? cols[i].label : "",
				     .header = e->labels[i],
				     .align = cols[i].align == OUT_RIGHT ? OUT_RIGHT : OUT_LEFT,
				     .type = cols[i].type};
	if (!(o = out_begin(f, format, oc, (size_t)e->def->ncols)))
		return CB_EDB;
	if (e->src)
		rc = write_keyset(o, e);
	else
		for (size_t i = 0; i < e->n && rc == CB_OK; i++)
			if (write_row(o, e, (const unsigned char *)e->rows + i * e->row_size))
				rc = CB_EDB;
	if (rc != CB_OK) {
		out_discard(o);
		return rc;
	}
	return out_end(o) ? CB_EDB : CB_OK;
}

int ui_listview_export_rows(const char *title, const ui_listview_def *def,
			    const char *const *labels, void *cell_ctx, const void *rows, size_t n,
			    size_t row_size, const ui_list_source *src)
{
	ui_listview_rows e = {def, labels, cell_ctx, rows, n, row_size, src};

	return ui_export_sheet(ui_app(), title, ui_listview_write, &e);
}
