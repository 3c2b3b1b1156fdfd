/* xlsx_lib.h - libxlsxwriter, loaded when the first workbook is written.
 *
 * libxlsxwriter brings in OpenSSL's libcrypto, minizip and zlib: linked
 * into the program, the dynamic loader would relocate them at every start
 * of every command - a few milliseconds of a one-line lookup - though only
 * an XLSX export uses them. So the library is opened with dlopen on first
 * use, and its functions are called through this table.
 */
#ifndef CANBO_XLSX_LIB_H
#define CANBO_XLSX_LIB_H

#include <xlsxwriter.h>

/* Every libxlsxwriter function canbo calls. */
#define XLSX_FUNCTIONS(X)                                                                          \
	X(workbook_new_opt)                                                                        \
	X(workbook_add_worksheet)                                                                  \
	X(workbook_add_format)                                                                     \
	X(workbook_add_chart)                                                                      \
	X(workbook_close)                                                                          \
	X(format_set_bold)                                                                         \
	X(format_set_text_wrap)                                                                    \
	X(format_set_align)                                                                        \
	X(format_set_bottom)                                                                       \
	X(format_set_num_format)                                                                   \
	X(worksheet_write_string)                                                                  \
	X(worksheet_write_number)                                                                  \
	X(worksheet_set_column)                                                                    \
	X(worksheet_merge_range)                                                                   \
	X(worksheet_freeze_panes)                                                                  \
	X(worksheet_insert_chart_opt)                                                              \
	X(worksheet_set_paper)                                                                     \
	X(worksheet_set_landscape)                                                                 \
	X(worksheet_set_header)                                                                    \
	X(worksheet_set_footer)                                                                    \
	X(worksheet_repeat_rows)                                                                   \
	X(worksheet_fit_to_pages)                                                                  \
	X(chart_add_series)                                                                        \
	X(chart_series_set_values)                                                                 \
	X(chart_series_set_categories)                                                             \
	X(chart_series_set_name_range)                                                             \
	X(chart_title_set_name)                                                                    \
	X(chart_legend_set_position)

typedef struct xlsx_lib {
#define XLSX_POINTER(name) __typeof__(&name) name;
	XLSX_FUNCTIONS(XLSX_POINTER)
#undef XLSX_POINTER
} xlsx_lib;

/* The table, loading the library on the first call; NULL (and the
 * loader's reason in *why, when why is not NULL) if it cannot be loaded. */
const xlsx_lib *xlsx_lib_load(const char **why);

#endif
