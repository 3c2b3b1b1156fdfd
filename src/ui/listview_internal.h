/* listview_internal.h - between the list view and its export; not for
 * screens (they call ui_listview_export). */
#ifndef CANBO_LISTVIEW_INTERNAL_H
#define CANBO_LISTVIEW_INTERNAL_H

#include "ui_listview.h"

/* Renders the cell of column i of row into buf (UI_CELL_MAX bytes):
 * the column's cell function, or its text_at field in def's tone.
 * Returns the role. */
int ui_column_text(const ui_listview_def *def, void *ctx, int i, const void *row, char *buf);

/* The rows an export writes: an array (rows, n, row_size) or, with src,
 * a keyset source read from its start, a chunk at a time. labels are
 * the translated headings. */
typedef struct ui_listview_rows {
	const ui_listview_def *def;
	const char *const *labels;
	void *cell_ctx;
	const void *rows;
	size_t n, row_size;
	const ui_list_source *src;
} ui_listview_rows;

/* The marks of a list view (listview_mark.c): record ids, ascending. */
typedef struct ui_marks {
	int64_t *ids;
	size_t n, cap;
} ui_marks;
bool ui_marks_has(const ui_marks *m, int64_t id);
/* Marks an unmarked id or unmarks a marked one; false if out of memory. */
bool ui_marks_toggle(ui_marks *m, int64_t id);
void ui_marks_clear(ui_marks *m);
void ui_marks_free(ui_marks *m);
/* Marks every row of r (invert: toggles each); false (marks unchanged)
 * when a read or an allocation failed. */
bool ui_marks_rows(ui_marks *m, const ui_listview_rows *r, int64_t (*id_of)(const void *row),
		   bool invert);

/* Writes the rows (a ui_listview_rows) to f in format (OUT_XLSX or
 * OUT_CSV_LABELS ...): the ui_sheet_fn of the export. CB_OK or a status. */
int ui_listview_write(FILE *f, int format, void *ctx);

/* Exports the columns of the rows: an array (rows, n, row_size) or, with
 * src, a keyset source read from its start. labels are the translated
 * headings. */
int ui_listview_export_rows(const char *title, const ui_listview_def *def,
			    const char *const *labels, void *cell_ctx, const void *rows, size_t n,
			    size_t row_size, const ui_list_source *src);

#endif
