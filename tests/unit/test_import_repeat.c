/* test_import_repeat.c - what the import remembers between rows: a cell
 * repeated on many rows means the same on each (units, enumerations,
 * position ranks, organisations), a bad cell is reported on every line it
 * is on, and a stored twin is found the same way whether the stored names
 * are read at once (a file large beside the database) or row by row. */
#include "store_fixture.h"

#include <stdio.h>

#include "i18n.h"
#include "import.h"

#define HEAD "full_name,birth_date,gender,ethnicity,position,unit_code\r\n"

static int setup(void **state)
{
	cb_error err;
	(void)state;
	i18n_init("en");
	S = sf_open();
	assert_int_equal(store_sync_units(S, &sf_cfg, &err), CB_OK);
	return 0;
}

static int run(const char *csv, import_report *r)
{
	import_options o = {TEXT_ENC_UNKNOWN, false, NULL};
	cb_error err = {0};
	return import_cadres_text(S, &sf_cfg, csv, strlen(csv), &o, r, &err);
}

static size_t errors_on(const import_report *r, size_t line, const char *column, const char *part)
{
	size_t n = 0;
	for (size_t i = 0; i < r->nissues; i++) {
		const import_issue *is = &r->issues[i];
		n += !is->warning && is->line == line && strcmp(is->column, column) == 0 &&
		     strstr(is->msg, part) != NULL;
	}
	return n;
}

/* The one cadre named name. */
static cadre find_one(const char *name)
{
	search_query q = {0};
	search_hit *hits = NULL;
	size_t n = 0;
	cb_error err;
	cadre c;

	filter_init(&q.filter);
	q.text = name;
	assert_int_equal(search_fetch(S, &q, 0, false, 0, &hits, &n, &err), CB_OK);
	if (n != 1)
		fail_msg("%zu cadres named %s", n, name);
	c = hits[0].c;
	free(hits);
	return c;
}

static void test_a_cell_repeated_means_the_same_on_every_row(void **state)
{
	import_report r;
	(void)state;
	int64_t loc_giang = sf_unit(S, "27940").id, tan_an = sf_unit(S, "794").id;
	assert_int_equal(
		run("full_name,birth_date,gender,ethnicity,position,unit,education,managed\r\n"
		    "Lê Thị Một,1971-01-01,Nữ,Kinh,Phó Bí thư Đảng ủy,Xã Lộc Giang,Thạc sĩ "
		    "Luật,có\r\n"
		    "Lê Văn Hai,1972-01-01,Nam,Kinh,Chủ tịch UBND,Xã Lộc Giang,Đại học,không\r\n"
		    "Lê Thị Ba,1973-01-01,Nữ,Kinh,Phó Bí thư Đảng ủy,Thành phố Tân An,Thạc sĩ "
		    "Luật,có\r\n"
		    "Lê Văn Bốn,1974-01-01,Nam,Kinh,Chủ tịch UBND,Xã Lộc Giang,Đại học,không\r\n"
		    "Lê Thị Năm,1975-01-01,Nữ,Kinh,Phó Bí thư Đảng ủy,Xã Lộc Giang,Thạc sĩ "
		    "Luật,có\r\n",
		    &r),
		CB_OK);
	import_report_free(&r);
	static const char *const women[] = {"Lê Thị Một", "Lê Thị Ba", "Lê Thị Năm"};
	for (size_t i = 0; i < 3; i++) {
		cadre c = find_one(women[i]);
		assert_int_equal(c.gender, 2);
		assert_int_equal(c.education, 5);
		assert_true(c.managed);
		assert_int_equal(c.pos_rank, 2);
		assert_int_equal(c.unit_id, i == 1 ? tan_an : loc_giang);
	}
	cadre c = find_one("Lê Văn Bốn");
	assert_int_equal(c.gender, 1);
	assert_int_equal(c.education, 4);
	assert_false(c.managed);
	assert_int_equal(c.pos_rank, 3);
	assert_int_equal(c.unit_id, loc_giang);
}

static void test_a_bad_cell_is_reported_on_every_line_it_is_on(void **state)
{
	import_report r;
	(void)state;
	assert_int_equal(run("full_name,birth_date,gender,ethnicity,position,unit\r\n"
			     "Lê Văn Một,1971-01-01,Nam,Kinh,Bí thư,Xã Lộc Giang\r\n"
			     "Lê Văn Hai,1972-01-01,Namm,Kinh,Bí thư,Xã Lộc Giang\r\n"
			     "Lê Văn Ba,1973-01-01,Nam,Kinh,Bí thư,Xã Không Có\r\n"
			     "Lê Văn Bốn,1974-01-01,Namm,Kinh,Bí thư,Xã Lộc Giang\r\n"
			     "Lê Văn Năm,1975-01-01,Nam,Kinh,Bí thư,Xã Không Có\r\n"
			     "Lê Văn Sáu,1976-01-01,Nam,Kinh,Cán bộ văn phòng,Xã Lộc Giang\r\n"
			     "Lê Văn Bảy,1977-01-01,Nam,Kinh,Cán bộ văn phòng,Xã Lộc Giang\r\n",
			     &r),
			 CB_EINVALID);
	assert_int_equal(errors_on(&r, 3, "gender", "Namm"), 1);
	assert_int_equal(errors_on(&r, 5, "gender", "Namm"), 1);
	assert_int_equal(errors_on(&r, 4, "unit", "Xã Không Có"), 1);
	assert_int_equal(errors_on(&r, 6, "unit", "Xã Không Có"), 1);
	assert_int_equal(errors_on(&r, 7, "position", "pos_rank"), 1);
	assert_int_equal(errors_on(&r, 8, "position", "pos_rank"), 1);
	assert_int_equal(r.bad_rows, 6);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM cadre"), 0);
	import_report_free(&r);
}

/* Imports a file of `extra` new cadres and one who is already stored as
 * "Nguyễn Văn Hòa" (written in capitals, the tone placed the old way):
 * refused, naming the stored id on the twin's line. */
static void expect_twin_found(int64_t id, size_t extra)
{
	char csv[4096];
	size_t n = (size_t)snprintf(csv, sizeof csv, HEAD);
	import_report r;
	for (size_t i = 0; i < extra; i++)
		n += (size_t)snprintf(csv + n, sizeof csv - n,
				      "Trần Văn Mới %c,1980-02-%02zu,male,Kinh,Bí thư,27940\r\n",
				      (char)('A' + i), 1 + i);
	snprintf(csv + n, sizeof csv - n, "NGUYỄN VĂN HOÀ,01/01/1970,male,Kinh,Bí thư,27940\r\n");
	assert_int_equal(run(csv, &r), CB_EINVALID);
	char want[64];
	snprintf(want, sizeof want, "(id %lld)", (long long)id);
	assert_int_equal(errors_on(&r, 2 + extra, "full_name", want), 1);
	assert_int_equal(r.bad_rows, 1);
	import_report_free(&r);
}

static void test_a_stored_twin_is_found_whether_names_are_read_at_once_or_not(void **state)
{
	(void)state;
	int64_t id = 0;
	for (int i = 0; i < 12; i++) {
		char name[64];
		snprintf(name, sizeof name, "Phạm Văn Cũ %c", 'A' + i);
		sf_add(S, name, "1975-03-03", 1);
		if (i == 5)
			id = sf_add(S, "Nguyễn Văn Hòa", "1970-01-01", 1);
	}
	/* 13 stored cadres: a two-line file looks them up row by row, a
	 * twelve-line one reads them all first; the answer is the same */
	expect_twin_found(id, 1);
	expect_twin_found(id, 11);
	/* and the new rows alone go in either way */
	import_report r;
	assert_int_equal(run(HEAD "Trần Văn Mới,1980-02-01,male,Kinh,Bí thư,27940\r\n", &r), CB_OK);
	import_report_free(&r);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM cadre"), 14);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, sf_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_a_cell_repeated_means_the_same_on_every_row),
		T(test_a_bad_cell_is_reported_on_every_line_it_is_on),
		T(test_a_stored_twin_is_found_whether_names_are_read_at_once_or_not),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
