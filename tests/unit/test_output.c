/* test_output.c - the table, CSV and JSON writers. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "i18n.h"
#include "output.h"
#include "text.h"

static const out_column person_cols[] = {
	{"id", "ID", OUT_RIGHT, OUT_NUM, 0},
	{"full_name", "Họ và tên", OUT_LEFT, OUT_STR, 0},
	{"unit", "Đơn vị", OUT_LEFT, OUT_STR, 0},
};

/* Runs the writer over rows into a string (caller frees). */
static char *render(int format, const out_column *cols, size_t ncols, const char *const *cells,
		    size_t nrows)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	out_writer *w = out_begin(f, format, cols, ncols);
	assert_non_null(w);
	for (size_t r = 0; r < nrows; r++)
		assert_int_equal(out_row(w, &cells[r * ncols]), 0);
	assert_int_equal(out_end(w), 0);
	fclose(f);
	return buf;
}

static void test_csv_quotes_commas_quotes_and_newlines(void **state)
{
	const char *cells[] = {"7", "Nguyễn Văn \"Út\" An", "Xã Long Hậu, Huyện Cần Giuộc",
			       "8", "Trần Thị Bé",	    "dòng 1\ndòng 2"};
	char *out = render(OUT_CSV, person_cols, 3, cells, 2);
	assert_string_equal(out,
			    "id,full_name,unit\r\n"
			    "7,\"Nguyễn Văn \"\"Út\"\" An\",\"Xã Long Hậu, Huyện Cần Giuộc\"\r\n"
			    "8,Trần Thị Bé,\"dòng 1\ndòng 2\"\r\n");
	free(out);
}

static void test_csv_writes_header_of_keys_even_without_rows(void **state)
{
	char *out = render(OUT_CSV, person_cols, 3, NULL, 0);
	assert_string_equal(out, "id,full_name,unit\r\n");
	free(out);
}

static void test_csv_writes_formula_like_text_behind_an_apostrophe(void **state)
{
	const char *cells[] = {"1",
			       "=cmd|' /C calc'!A0",
			       "+84 912",
			       "2",
			       "-ngoài biên chế",
			       "@SUM(A1:A9)",
			       "3",
			       "\tTab",
			       "=a,b",
			       "4",
			       "'=đã có nháy",
			       "'thường",
			       "-12",
			       "Nguyễn Văn An",
			       "a=b"};
	char *out = render(OUT_CSV, person_cols, 3, cells, 5);
	(void)state;
	assert_string_equal(out, "id,full_name,unit\r\n"
				 "1,'=cmd|' /C calc'!A0,'+84 912\r\n"
				 "2,'-ngoài biên chế,'@SUM(A1:A9)\r\n"
				 "3,'\tTab,\"'=a,b\"\r\n"
				 "4,''=đã có nháy,'thường\r\n"
				 "-12,Nguyễn Văn An,a=b\r\n");
	free(out);
}

static void test_csv_guard_is_what_the_import_takes_off(void **state)
{
	static const char *const texts[] = {"=1+1", "+1",   "-x",   "@x", "\tx", "\rx",
					    "'=x",  "''-x", "'x",   "x",  "",	 "-12",
					    "'-12", "-1.5", "-1,5", "-"};
	(void)state;
	assert_true(out_csv_guarded("=1+1"));
	assert_true(out_csv_guarded("'=x"));
	assert_true(out_csv_guarded("'-12"));
	assert_false(out_csv_guarded("-12"));
	assert_false(out_csv_guarded("-1.5"));
	assert_false(out_csv_guarded("-1,5"));
	assert_true(out_csv_guarded("-1,5+A1"));
	assert_true(out_csv_guarded("-"));
	assert_false(out_csv_guarded("'x"));
	assert_false(out_csv_guarded(""));
	assert_false(out_csv_guarded("Nguyễn"));
	/* written, then read back as the import reads a cell: the same text */
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		char *buf = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);
		assert_non_null(f);
		out_csv_field(f, texts[i]);
		fclose(f);
		const char *v = buf[0] == '"' ? buf + 1 : buf;
		if (buf[0] == '"')
			buf[len - 1] = '\0';
		if (v[0] == '\'' && out_csv_guarded(v + 1))
			v++;
		assert_string_equal(v, texts[i]);
		free(buf);
	}
}

static void test_json_escapes_quotes_backslashes_and_controls(void **state)
{
	const char *cells[] = {"12", "Lê \"Văn\" \\ Tám\t\x01", "Phường 5\n"};
	char *out = render(OUT_JSON, person_cols, 3, cells, 1);
	assert_string_equal(
		out, "[\n  {\"id\": 12, \"full_name\": \"Lê \\\"Văn\\\" \\\\ Tám\\t\\u0001\", "
		     "\"unit\": \"Phường 5\\n\"}\n]\n");
	free(out);
}

static void test_json_replaces_invalid_utf8(void **state)
{
	/* a lone continuation byte, an overlong '/', a surrogate, a cut
	 * sequence at the end */
	const char *cells[] = {"1",
			       "A\x80"
			       "B\xc0\xaf"
			       "C\xed\xa0\x80"
			       "D\xe1\xba",
			       "Đ"};
	char *out = render(OUT_JSON, person_cols, 3, cells, 1);
	assert_non_null(
		strstr(out, "\"A\\ufffdB\\ufffd\\ufffdC\\ufffd\\ufffd\\ufffdD\\ufffd\\ufffd\""));
	assert_non_null(strstr(out, "\"unit\": \"Đ\""));
	free(out);
}

static void test_json_numbers_unquoted_and_empty_is_null(void **state)
{
	const char *cells[] = {"", "An", "x", "0042", "Bình", "y"};
	char *out = render(OUT_JSON, person_cols, 3, cells, 2);
	assert_non_null(strstr(out, "{\"id\": null, \"full_name\": \"An\""));
	/* not a JSON number (leading zero): kept as a string */
	assert_non_null(strstr(out, "{\"id\": \"0042\""));
	free(out);
}

static void test_json_empty_listing_is_empty_array(void **state)
{
	char *out = render(OUT_JSON, person_cols, 3, NULL, 0);
	assert_string_equal(out, "[]\n");
	free(out);
}

/* Display column at which the n-th cell of a table line starts, found by
 * the text that cell holds. */
static int column_of(const char *line, const char *cell)
{
	const char *at = strstr(line, cell);
	char prefix[512];
	assert_non_null(at);
	snprintf(prefix, sizeof prefix, "%.*s", (int)(at - line), line);
	return text_width(prefix);
}

static void test_table_aligns_vietnamese_names_by_display_width(void **state)
{
	const char *cells[] = {
		"1",	"Nguyễn Thị Ánh Tuyết", "Xã Mỹ Lạc", "22", "Đặng Văn Ẩn", "Phường 5", "333",
		"Lý A", "Thị trấn Cần Giuộc"};
	setlocale(LC_ALL, "C.UTF-8");
	char *out = render(OUT_TABLE, person_cols, 3, cells, 3);
	char *save = NULL, *line;
	int units[4], n = 0;
	for (line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '-')
			continue;
		const char *unit = n == 0 ? "Đơn vị" : cells[(n - 1) * 3 + 2];
		units[n++] = column_of(line, unit);
	}
	assert_int_equal(n, 4);
	for (int i = 1; i < n; i++)
		assert_int_equal(units[i], units[0]);
	free(out);
}

static void test_table_right_aligns_numbers(void **state)
{
	const char *cells[] = {"7", "An", "x", "1234", "Bình", "y"};
	setlocale(LC_ALL, "C.UTF-8");
	char *out = render(OUT_TABLE, person_cols, 3, cells, 2);
	assert_non_null(strstr(out, "\n   7  An  "));
	assert_non_null(strstr(out, "\n1234  Bình"));
	free(out);
}

static void test_table_cuts_long_cells_at_character_boundary(void **state)
{
	static const out_column cols[] = {{"name", "Tên", OUT_LEFT, OUT_STR, 8},
					  {"x", "X", OUT_LEFT, OUT_STR, 0}};
	const char *cells[] = {"Nguyễn Hoàng Phượng", "1"};
	char *tmp = NULL;
	cb_error err;
	setlocale(LC_ALL, "C.UTF-8");
	char *out = render(OUT_TABLE, cols, 2, cells, 1);
	/* valid UTF-8 throughout, and the cut marked */
	assert_int_equal(text_normalize(out, strlen(out), true, &tmp, &err), CB_OK);
	free(tmp);
	assert_non_null(strstr(out, "…"));
	assert_null(strstr(out, "Phượng"));
	free(out);
}

static void test_table_folds_to_ascii_without_utf8_locale(void **state)
{
	const char *cells[] = {"5", "Đặng Thị Ánh", "Xã Đức Lập Hạ"};
	setlocale(LC_ALL, "C");
	char *out = render(OUT_TABLE, person_cols, 3, cells, 1);
	setlocale(LC_ALL, "C.UTF-8");
	assert_non_null(strstr(out, "Dang Thi Anh"));
	assert_non_null(strstr(out, "Xa Duc Lap Ha"));
	for (const unsigned char *p = (const unsigned char *)out; *p; p++)
		assert_true(*p < 0x80);
	free(out);
}

static void test_table_keeps_widths_after_sample(void **state)
{
	/* More rows than the sample: later rows still line up. */
	size_t n = OUT_TABLE_SAMPLE + 5;
	const char **cells = calloc(n * 3, sizeof *cells);
	char(*ids)[16] = calloc(n, sizeof *ids);
	setlocale(LC_ALL, "C.UTF-8");
	for (size_t i = 0; i < n; i++) {
		snprintf(ids[i], sizeof ids[i], "%zu", i);
		cells[i * 3] = ids[i];
		cells[i * 3 + 1] = i == n - 1 ? "Một cái tên rất dài không có trong mẫu" : "An";
		cells[i * 3 + 2] = "Xã";
	}
	char *out = render(OUT_TABLE, person_cols, 3, cells, n);
	const char *last = strrchr(out, '\n');
	while (last > out && last[-1] != '\n')
		last--;
	/* the long name was cut to the sampled width: "Xã" where it was */
	assert_non_null(strstr(last, "…"));
	free(out);
	free(cells);
	free(ids);
}

static void test_format_names_round_trip(void **state)
{
	int f;
	assert_true(out_format_from_name("json", &f));
	assert_int_equal(f, OUT_JSON);
	assert_string_equal(out_format_name(OUT_CSV), "csv");
	assert_false(out_format_from_name("xml", &f));
}

static const out_column share_cols[] = {
	{"value", "Giới tính", OUT_LEFT, OUT_STR, 0},
	{"count", "Số lượng", OUT_RIGHT, OUT_NUM, 0},
	{"percent", "%", OUT_RIGHT, OUT_PCT, 0},
};

static void test_labelled_csv_has_bom_headers_and_decimal_comma(void **state)
{
	const char *cells[] = {"Nữ", "519", "26.0", "Nam", "1481", "74.1"};
	i18n_init("vi");
	char *out = render(OUT_CSV_LABELS, share_cols, 3, cells, 2);
	assert_string_equal(out, "\xef\xbb\xbfGiới tính,Số lượng,%\r\n"
				 "Nữ,519,\"26,0\"\r\n"
				 "Nam,1481,\"74,1\"\r\n");
	free(out);
	i18n_init("en");
	out = render(OUT_CSV_LABELS, share_cols, 3, cells, 1);
	assert_string_equal(out, "\xef\xbb\xbfGiới tính,Số lượng,%\r\nNữ,519,26.0\r\n");
	free(out);
	i18n_init("vi");
}

/* Scripts keep the stable form whatever the language. */
static void test_plain_csv_and_json_keep_the_decimal_point(void **state)
{
	const char *cells[] = {"female", "519", "26.0"};
	i18n_init("vi");
	char *out = render(OUT_CSV, share_cols, 3, cells, 1);
	assert_string_equal(out, "value,count,percent\r\nfemale,519,26.0\r\n");
	free(out);
	out = render(OUT_JSON, share_cols, 3, cells, 1);
	assert_non_null(strstr(out, "\"percent\": 26.0}"));
	free(out);
}

static void test_table_shows_percentages_with_decimal_comma_in_vietnamese(void **state)
{
	const char *cells[] = {"Nữ", "519", "26.0"};
	i18n_init("vi");
	char *out = render(OUT_TABLE, share_cols, 3, cells, 1);
	assert_non_null(strstr(out, "26,0"));
	assert_null(strstr(out, "26.0"));
	free(out);
}

/* An XLSX is a zip archive: its local file header comes first. The cells
 * themselves are read back by an independent reader in the e2e tests. */
/* Whether a library whose file name contains `name` is mapped into this
 * process. */
static int mapped(const char *name)
{
	char line[512];
	int found = 0;
	FILE *maps = fopen("/proc/self/maps", "r");
	assert_non_null(maps);
	while (!found && fgets(line, sizeof line, maps))
		found = strstr(line, name) != NULL;
	fclose(maps);
	return found;
}

static void test_xlsx_library_is_loaded_only_by_the_first_workbook(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	out_writer *w;

	/* runs before any other XLSX test: nothing has loaded it yet */
	assert_false(mapped("libxlsxwriter"));
	assert_false(mapped("libcrypto"));
	f = open_memstream(&buf, &len);
	assert_non_null(w = out_begin(f, OUT_CSV, share_cols, 3));
	assert_int_equal(out_end(w), 0);
	assert_false(mapped("libxlsxwriter"));
	assert_non_null(w = out_begin(f, OUT_XLSX, share_cols, 3));
	assert_true(mapped("libxlsxwriter"));
	assert_int_equal(out_end(w), 0);
	fclose(f);
	free(buf);
}

static void test_xlsx_is_a_workbook_with_a_chart(void **state)
{
	const char *cells[] = {"Nữ", "519", "26.0", "Nam", "1481", "74.1"};
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	out_writer *w = out_begin(f, OUT_XLSX, share_cols, 3);
	assert_non_null(w);
	out_title(w, NULL, "Cán bộ theo giới tính");
	out_title(w, "Cơ quan", "Ban Tổ chức Tỉnh ủy");
	out_set_chart(w, &(out_chart){OUT_CHART_BAR, "Giới tính", 0, 0, {1}, 1, 2, false});
	assert_int_equal(out_row(w, cells), 0);
	assert_int_equal(out_row(w, cells + 3), 0);
	assert_int_equal(out_end(w), 0);
	fclose(f);
	assert_true(len > 1000);
	assert_memory_equal(buf, "PK\x03\x04", 4);
	assert_true(out_is_binary(OUT_XLSX));
	assert_false(out_is_binary(OUT_CSV_LABELS));
	assert_true(out_for_people(OUT_XLSX) && out_for_people(OUT_CSV_LABELS) &&
		    out_for_people(OUT_TABLE) && !out_for_people(OUT_CSV) &&
		    !out_for_people(OUT_JSON));
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xlsx_library_is_loaded_only_by_the_first_workbook),
		cmocka_unit_test(test_csv_quotes_commas_quotes_and_newlines),
		cmocka_unit_test(test_csv_writes_header_of_keys_even_without_rows),
		cmocka_unit_test(test_csv_writes_formula_like_text_behind_an_apostrophe),
		cmocka_unit_test(test_csv_guard_is_what_the_import_takes_off),
		cmocka_unit_test(test_json_escapes_quotes_backslashes_and_controls),
		cmocka_unit_test(test_json_replaces_invalid_utf8),
		cmocka_unit_test(test_json_numbers_unquoted_and_empty_is_null),
		cmocka_unit_test(test_json_empty_listing_is_empty_array),
		cmocka_unit_test(test_table_aligns_vietnamese_names_by_display_width),
		cmocka_unit_test(test_table_right_aligns_numbers),
		cmocka_unit_test(test_table_cuts_long_cells_at_character_boundary),
		cmocka_unit_test(test_table_folds_to_ascii_without_utf8_locale),
		cmocka_unit_test(test_table_keeps_widths_after_sample),
		cmocka_unit_test(test_format_names_round_trip),
		cmocka_unit_test(test_labelled_csv_has_bom_headers_and_decimal_comma),
		cmocka_unit_test(test_plain_csv_and_json_keep_the_decimal_point),
		cmocka_unit_test(test_table_shows_percentages_with_decimal_comma_in_vietnamese),
		cmocka_unit_test(test_xlsx_is_a_workbook_with_a_chart),
	};
	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
