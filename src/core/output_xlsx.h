/* output_xlsx.h - the XLSX form of include/output.h's rows (one sheet),
 * for output.c only. */
#ifndef CANBO_OUTPUT_XLSX_H
#define CANBO_OUTPUT_XLSX_H

#include <stdio.h>

#include "output.h"

typedef struct xlsx_sheet xlsx_sheet;

/* A workbook in a temporary file ($TMPDIR or /tmp); NULL if out of memory
 * or, with the reason in *why, if it cannot be started. */
xlsx_sheet *xlsx_begin(const out_column *cols, size_t ncols, const char **why);
void xlsx_title(xlsx_sheet *x, const char *label, const char *value);
void xlsx_footer(xlsx_sheet *x, const char *text);
void xlsx_chart(xlsx_sheet *x, const out_chart *chart);
/* One row; 0, or -1 when the workbook refused it. */
int xlsx_row(xlsx_sheet *x, const char *const *cells);
/* Lays the sheet out, closes the workbook, copies it to f, frees x.
 * 0, or -1 if anything failed. */
int xlsx_end(xlsx_sheet *x, FILE *f);
/* Frees x and its temporary file without writing anything (NULL: no-op). */
void xlsx_discard(xlsx_sheet *x);

#endif
