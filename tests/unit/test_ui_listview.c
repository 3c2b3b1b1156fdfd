/* test_ui_listview.c - the list view's column arithmetic: widths at 80
 * and 132 columns, the order in which columns hide on a narrow terminal,
 * display widths of Vietnamese (composed and decomposed) and CJK text in
 * headings and cells, and that a row never overflows its width. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "text.h"
#include "../../src/ui/listview_internal.h"

static int no_cell(void *ctx, const void *row, char *buf, size_t cap)
{
	(void)ctx, (void)row, (void)cap;
	buf[0] = '\0';
	return UI_NORMAL;
}

/* A due-list-like table: date fixed; what and name share the rest; unit
 * hides first, the detail next. */
static const ui_column due_like[] = {
	{"Date", 10, 0, 0, OUT_LEFT, OUT_STR, no_cell, 0, 0},
	{"What", 14, 1, 0, OUT_LEFT, OUT_STR, no_cell, 0, 0},
	{"Name", 20, 2, 0, OUT_LEFT, OUT_STR, no_cell, 0, 0},
	{"Unit", 22, 0, 1, OUT_LEFT, OUT_STR, no_cell, 0, 0},
	{"Detail", 16, 1, 2, OUT_LEFT, OUT_STR, no_cell, 0, 0},
};
#define NDUE ((int)(sizeof due_like / sizeof due_like[0]))

/* The last column a row uses (marker, cells, blanks, the hidden mark). */
static int used(const ui_column_place *p, int n, int hidden)
{
	int end = 1;
	for (int i = 0; i < n; i++)
		if (p[i].w && p[i].x + p[i].w > end)
			end = p[i].x + p[i].w;
	return end + (hidden ? UI_HIDDEN_MARK_W : 0);
}

static void test_132_columns_show_all_and_share_the_rest(void **state)
{
	ui_column_place p[NDUE];
	(void)state;

	assert_int_equal(ui_columns_layout(due_like, NDUE, 132, p), 0);
	/* 87 needed at the minimum; 45 left: 11 + 22 + 11 and 1 to the first */
	int want_w[] = {10, 26, 42, 22, 27}, want_x[] = {1, 12, 39, 82, 105};
	for (int i = 0; i < NDUE; i++) {
		assert_int_equal(p[i].w, want_w[i]);
		assert_int_equal(p[i].x, want_x[i]);
	}
	assert_int_equal(used(p, NDUE, 0), 132);
}

static void test_80_columns_hide_the_unit_first(void **state)
{
	ui_column_place p[NDUE];
	(void)state;

	assert_int_equal(ui_columns_layout(due_like, NDUE, 80, p), 1);
	assert_int_equal(p[3].w, 0); /* the unit */
	assert_int_equal(p[0].w, 10);
	assert_int_equal(p[1].w, 18);
	assert_int_equal(p[2].w, 26);
	assert_int_equal(p[4].w, 19);
	assert_int_equal(used(p, NDUE, 1), 80);
}

/* Right at 80 columns: the date stays, "what" goes out on the left and
 * the unit it hid comes in; scrolled further, the name goes too; nothing
 * is hidden on the right once all fit. */
static void test_scrolled_right_the_hidden_unit_comes_in(void **state)
{
	ui_column_place p[NDUE];
	(void)state;

	assert_int_equal(ui_columns_layout_scrolled(due_like, NDUE, 80, 0, p), 1);
	assert_int_equal(p[3].w, 0); /* as without scrolling: the unit hides */
	assert_int_equal(ui_columns_layout_scrolled(due_like, NDUE, 80, 1, p), 0);
	assert_int_equal(p[0].x, 1);
	assert_int_equal(p[0].w, 10);
	assert_int_equal(p[1].w, 0);
	assert_true(p[3].w >= 22);
	assert_int_equal(p[2].x, 12); /* the name right after the date */
	assert_true(used(p, NDUE, 0) <= 80);
	assert_int_equal(ui_columns_layout_scrolled(due_like, NDUE, 80, 2, p), 0);
	assert_int_equal(p[1].w, 0);
	assert_int_equal(p[2].w, 0);
	assert_int_equal(p[3].x, 12);
	assert_true(p[4].w > 0);
}

static void test_60_columns_hide_the_detail_next(void **state)
{
	ui_column_place p[NDUE];
	(void)state;

	assert_int_equal(ui_columns_layout(due_like, NDUE, 60, p), 2);
	assert_int_equal(p[3].w, 0);
	assert_int_equal(p[4].w, 0);
	assert_int_equal(p[1].w, 18);
	assert_int_equal(p[2].w, 26);
	assert_int_equal(used(p, NDUE, 2), 60);
}

static void test_equal_hide_order_takes_the_rightmost(void **state)
{
	static const ui_column cols[] = {
		{"A", 30, 0, 0, OUT_LEFT, OUT_STR, no_cell, 0, 0},
		{"B", 30, 0, 1, OUT_LEFT, OUT_STR, no_cell, 0, 0},
		{"C", 30, 0, 1, OUT_LEFT, OUT_STR, no_cell, 0, 0},
	};
	ui_column_place p[3];
	(void)state;

	assert_int_equal(ui_columns_layout(cols, 3, 70, p), 1);
	assert_int_equal(p[1].w, 30);
	assert_int_equal(p[2].w, 0);
}

static void test_no_width_ever_overflows(void **state)
{
	ui_column_place p[NDUE];
	(void)state;

	for (int total = 8; total <= 240; total++) {
		int hidden = ui_columns_layout(due_like, NDUE, total, p);
		assert_true(hidden >= 0 && hidden <= 2);
		if (total >= 40)
			assert_true(used(p, NDUE, hidden) <= total);
		for (int i = 0; i < NDUE; i++)
			assert_true(p[i].w == 0 || p[i].w >= 1);
	}
	/* columns that may not hide are narrowed, widest first */
	static const ui_column fixed[] = {
		{"A", 20, 0, 0, OUT_LEFT, OUT_STR, no_cell, 0, 0},
		{"B", 10, 0, 0, OUT_LEFT, OUT_STR, no_cell, 0, 0},
	};
	ui_column_place q[2];
	assert_int_equal(ui_columns_layout(fixed, 2, 25, q), 0);
	assert_int_equal(q[0].w + q[1].w + 2, 25);
	assert_int_equal(q[1].w, 10);
}

static void test_headings_set_width_by_display_columns(void **state)
{
	/* min 0: as wide as the heading; "Họ và tên" composed and decomposed
	 * take 9 columns, "漢字表記" 8 */
	static const ui_column cols[] = {
		{"H\xe1\xbb\x8d v\xc3\xa0 t\xc3\xaan", 0, 0, 0, OUT_LEFT, OUT_STR, no_cell, 0, 0},
		{"Ho\xcc\xa3 va\xcc\x80 te\xcc\x82n", 0, 0, 0, OUT_LEFT, OUT_STR, no_cell, 0, 0},
		{"\xe6\xbc\xa2\xe5\xad\x97\xe8\xa1\xa8\xe8\xa8\x98", 0, 0, 0, OUT_RIGHT, OUT_STR,
		 no_cell, 0, 0},
	};
	ui_column_place p[3];
	(void)state;

	assert_int_equal(ui_columns_layout(cols, 3, 80, p), 0);
	assert_int_equal(p[0].w, 9);
	assert_int_equal(p[1].w, 9);
	assert_int_equal(p[2].w, 8);
	assert_int_equal(p[2].x, 1 + 9 + 1 + 9 + 1);
}

static void test_cells_fit_by_display_width(void **state)
{
	char buf[256];
	(void)state;

	ui_column_fit("\xe6\xbc\xa2\xe5\xad\x97", 6, OUT_RIGHT, false, buf, sizeof buf);
	assert_string_equal(buf, "  \xe6\xbc\xa2\xe5\xad\x97");
	ui_column_fit("12", 5, OUT_RIGHT, false, buf, sizeof buf);
	assert_string_equal(buf, "   12");
	ui_column_fit("An", 5, OUT_LEFT, false, buf, sizeof buf);
	assert_string_equal(buf, "An   ");
	/* a wide character never straddles the edge */
	ui_column_fit("\xe6\xbc\xa2\xe5\xad\x97\xe8\xa1\xa8", 5, OUT_LEFT, false, buf, sizeof buf);
	assert_int_equal(text_width(buf), 5);
	ui_column_fit("\xe6\xbc\xa2\xe5\xad\x97\xe8\xa1\xa8", 5, OUT_RIGHT, false, buf, sizeof buf);
	assert_int_equal(text_width(buf), 5);
	/* a long name is cut with an ellipsis, marks kept with their letter */
	ui_column_fit("Nguye\xcc\x82\xcc\x83n Va\xcc\x86n An", 7, OUT_LEFT, false, buf, sizeof buf);
	assert_int_equal(text_width(buf), 7);
	assert_non_null(strstr(buf, "Nguye\xcc\x82\xcc\x83n"));
	/* a person's name keeps its surname and given name */
	ui_column_fit("T\xc3\xb4n N\xe1\xbb\xaf Th\xe1\xbb\x8b Ng\xe1\xbb\x8d\x63 H\xc3\xa2n", 12,
		      UI_ALIGN_NAME, false, buf, sizeof buf);
	assert_int_equal(text_width(buf), 12);
	assert_int_equal(strncmp(buf, "T\xc3\xb4n", 4), 0);
	assert_non_null(strstr(buf, "H\xc3\xa2n"));
}

struct person {
	char name[32];
	int late;
};

static int person_tone(void *ctx, const void *row)
{
	(void)ctx;
	return ((const struct person *)row)->late ? UI_WARN : UI_NORMAL;
}

static int late_cell(void *ctx, const void *row, char *buf, size_t cap)
{
	(void)ctx;
	snprintf(buf, cap, "%d", ((const struct person *)row)->late);
	return UI_DIM;
}

static void test_a_text_field_cell_takes_the_row_tone(void **state)
{
	static const ui_column cols[] = {
		{"Name", 10, 1, 0, OUT_LEFT, OUT_STR, NULL, UI_TEXT_AT(struct person, name), 0},
		{"Late", 4, 0, 0, OUT_RIGHT, OUT_NUM, late_cell, 0, 0},
	};
	ui_listview_def def = {.cols = cols, .ncols = 2, .tone = person_tone};
	struct person p = {"Tr\xe1\xba\xa7n An", 3};
	char buf[UI_CELL_MAX];
	(void)state;

	assert_int_equal(ui_column_text(&def, NULL, 0, &p, buf), UI_WARN);
	assert_string_equal(buf, "Tr\xe1\xba\xa7n An");
	assert_int_equal(ui_column_text(&def, NULL, 1, &p, buf), UI_DIM);
	assert_string_equal(buf, "3");
	p.late = 0;
	def.tone = NULL;
	assert_int_equal(ui_column_text(&def, NULL, 0, &p, buf), UI_NORMAL);
}

static void test_a_heading_breaks_at_the_last_space_that_fits(void **state)
{
	char first[64];
	(void)state;

	/* "Đã khắc phục": 12 columns, into 8 */
	assert_string_equal(
		ui_column_head_split("\xc4\x90\xc3\xa3 kh\xe1\xba\xaf\x63 ph\xe1\xbb\xa5\x63", 8,
				     first, sizeof first),
		"ph\xe1\xbb\xa5\x63");
	assert_string_equal(first, "\xc4\x90\xc3\xa3 kh\xe1\xba\xaf\x63");
	assert_string_equal(ui_column_head_split("Items", 8, first, sizeof first), "");
	assert_string_equal(first, "Items");
	/* no space that fits: all on the first row (the cell cuts it) */
	assert_string_equal(ui_column_head_split("Unverified", 7, first, sizeof first), "");
	assert_string_equal(first, "Unverified");
}

/* A keyset source over an array of numbered people: keys are index + 1,
 * as a store's sort positions would be. */
#define NPEOPLE 600 /* more than one export chunk */
static struct person people[NPEOPLE];
static int fetches;

static int people_fetch(void *ctx, int64_t after, bool backwards, size_t limit, void *rows,
			size_t *n, cb_error *err)
{
	size_t start = (size_t)after, k = 0;

	(void)ctx, (void)err;
	assert_false(backwards);
	fetches++;
	for (size_t i = start; i < NPEOPLE && k < limit; i++, k++)
		((struct person *)rows)[k] = people[i];
	*n = k;
	return CB_OK;
}

static int64_t people_key(void *ctx, const void *row)
{
	(void)ctx;
	return ((const struct person *)row)->late; /* its index + 1 */
}

static void test_an_export_reads_a_keyset_source_to_its_end(void **state)
{
	static const ui_column cols[] = {
		{"Name", 10, 1, 0, OUT_LEFT, OUT_STR, NULL, UI_TEXT_AT(struct person, name), 0},
		{"Late", 4, 0, 0, OUT_RIGHT, OUT_NUM, late_cell, 0, 0},
	};
	ui_listview_def def = {.cols = cols, .ncols = 2};
	ui_list_source src = {
		.row_size = sizeof(struct person), .fetch = people_fetch, .key_of = people_key};
	const char *labels[] = {"H\xe1\xbb\x8d t\xc3\xaan", "Tr\xe1\xbb\x85"};
	ui_listview_rows rows = {&def, labels, NULL, NULL, 0, 0, &src};
	char line[256], *out = NULL;
	size_t len = 0, nlines = 0;
	FILE *f;
	(void)state;

	for (int i = 0; i < NPEOPLE; i++) {
		snprintf(people[i].name, sizeof people[i].name, "Ng\xc6\xb0\xe1\xbb\x9di %d",
			 i + 1);
		people[i].late = i + 1;
	}
	fetches = 0;
	assert_non_null(f = open_memstream(&out, &len));
	assert_int_equal(ui_listview_write(f, OUT_CSV_LABELS, &rows), CB_OK);
	fclose(f);
	assert_true(fetches >= 3); /* a chunk at a time, not all at once */
	f = fmemopen(out, len, "r");
	while (fgets(line, sizeof line, f)) {
		if (nlines == 0)
			assert_non_null(strstr(line, "H\xe1\xbb\x8d t\xc3\xaan,Tr\xe1\xbb\x85"));
		if (nlines == NPEOPLE)
			assert_non_null(strstr(line, "Ng\xc6\xb0\xe1\xbb\x9di 600,600"));
		nlines++;
	}
	fclose(f);
	free(out);
	assert_int_equal(nlines, NPEOPLE + 1); /* the heading and every row once */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_132_columns_show_all_and_share_the_rest),
		cmocka_unit_test(test_80_columns_hide_the_unit_first),
		cmocka_unit_test(test_60_columns_hide_the_detail_next),
		cmocka_unit_test(test_scrolled_right_the_hidden_unit_comes_in),
		cmocka_unit_test(test_equal_hide_order_takes_the_rightmost),
		cmocka_unit_test(test_no_width_ever_overflows),
		cmocka_unit_test(test_headings_set_width_by_display_columns),
		cmocka_unit_test(test_cells_fit_by_display_width),
		cmocka_unit_test(test_a_text_field_cell_takes_the_row_tone),
		cmocka_unit_test(test_a_heading_breaks_at_the_last_space_that_fits),
		cmocka_unit_test(test_an_export_reads_a_keyset_source_to_its_end),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
