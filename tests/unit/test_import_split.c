/* test_import_split.c - a large file's second half read on a second
 * thread (import_split.c) gives what one thread gives: the same report,
 * problem for problem, and the same database - cadres, audit entries and
 * their chain, search entries, name words, yearly summary - and, when a
 * row is bad, nothing written. Each file is imported twice, once read by
 * one thread and once split, into databases that start alike. */
#include "store_fixture.h"

#include <stdio.h>

#include "audit.h"
#include "i18n.h"
#include "import.h"
#include "../../src/core/import_internal.h"

#define HEAD "full_name,birth_date,gender,ethnicity,position,unit_code,notes,remark\r\n"
#define ROWS 600

static const char *const given[] = {"An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hà"};
static const char *const family[] = {"Nguyễn Văn", "Trần Thị", "Lê Hoàng", "Đặng Thị", "Phạm Minh"};
static const char *const units[] = {"27694", "27940", "27931", "27692"};

static store *T; /* the second database, beside S */

static int setup(void **state)
{
	char path[300];
	cb_error err;
	(void)state;
	i18n_init("en");
	S = sf_open();
	snprintf(path, sizeof path, "%s/other.db", sf_dir);
	assert_int_equal(store_open(&T, path, STORE_CREATE, &err), CB_OK);
	assert_int_equal(store_sync_units(T, &sf_cfg, &err), CB_OK);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	store_close(T);
	import_split_min_bytes = (size_t)1 << 20;
	return sf_teardown(state);
}

/* Row i of a clean file: names, units and birth dates varying at
 * different paces; a note now and then, some quoted with a comma. */
static size_t row(char *buf, size_t cap, size_t i)
{
	char notes[64] = "";
	if (i % 7 == 0)
		snprintf(notes, sizeof notes, "%s", i % 2 ? "\"ghi chú, một\"" : "ghi chú");
	return (size_t)snprintf(
		buf, cap, "%s %s %zu,%04zu-%02zu-%02zu,%s,Kinh,Chủ tịch UBND xã,%s,%s,\r\n",
		family[i % 5], given[(i / 5) % 7], i % 11, 1960 + i % 40, 1 + (i / 40) % 12,
		1 + (i / 480) % 28, i % 2 ? "female" : "male", units[(i / 3) % 4], notes);
}

/* The file: HEAD then ROWS rows, row i replaced by edit(i) when it gives
 * one (the caller frees it). */
static char *file(const char *(*edit)(size_t i))
{
	size_t cap = 256 * (ROWS + 2), len = 0;
	char *csv = malloc(cap);
	assert_non_null(csv);
	len = (size_t)snprintf(csv, cap, "%s", HEAD);
	for (size_t i = 0; i < ROWS; i++) {
		const char *other = edit ? edit(i) : NULL;
		if (other)
			len += (size_t)snprintf(csv + len, cap - len, "%s", other);
		else
			len += row(csv + len, cap - len, i);
	}
	return csv;
}

/* Imports csv into s, read by one thread or split; the report in *r. */
static int import(store *s, const char *csv, bool split, bool dry_run, const char *scope,
		  import_report *r)
{
	import_options o = {TEXT_ENC_UNKNOWN, dry_run, scope};
	unsigned long taken = import_split_taken;
	cb_error err = {0};
	int rc;
	import_split_min_bytes = split ? 0 : SIZE_MAX;
	rc = import_cadres_text(s, &sf_cfg, csv, strlen(csv), &o, r, &err);
	/* split: the second half's rows were the second thread's */
	assert_int_equal(import_split_taken - taken, split);
	return rc;
}

static void expect_same_report(const import_report *a, const import_report *b)
{
	assert_int_equal(a->rows, b->rows);
	assert_int_equal(a->errors, b->errors);
	assert_int_equal(a->bad_rows, b->bad_rows);
	assert_int_equal(a->imported, b->imported);
	assert_int_equal(a->out_of_scope, b->out_of_scope);
	assert_memory_equal(a->scope_lines, b->scope_lines, sizeof a->scope_lines);
	assert_int_equal(a->nissues, b->nissues);
	for (size_t i = 0; i < a->nissues; i++) {
		assert_int_equal(a->issues[i].line, b->issues[i].line);
		assert_int_equal(a->issues[i].warning, b->issues[i].warning);
		assert_string_equal(a->issues[i].column, b->issues[i].column);
		assert_string_equal(a->issues[i].msg, b->issues[i].msg);
	}
}

/* Everything an import writes, as text. */
static const char cadres_sql[] =
	"SELECT group_concat(x, char(10)) FROM (SELECT id || '|' || full_name || '|'"
	" || birth_date || '|' || gender || '|' || unit_id || '|' || rank || '|' || name_fold"
	" || '|' || hex(sort_key) || '|' || notes || '|' || level || '|' || pos_rank AS x"
	" FROM cadre ORDER BY id)";
static const char audit_sql[] =
	"SELECT group_concat(x, char(10)) FROM (SELECT id || '|' || user || '|' || tbl || '|'"
	" || row_id || '|' || action || '|' || new AS x FROM audit ORDER BY id)";
static const char search_sql[] = "SELECT group_concat(x, char(10)) FROM (SELECT rowid || '|'"
				 " || name AS x FROM cadre_fts ORDER BY rowid)";
static const char words_sql[] =
	"SELECT group_concat(word, ' ') FROM (SELECT word FROM name_word ORDER BY word)";
static const char summary_sql[] =
	"SELECT count(*) || ' ' || coalesce(sum(year), 0) FROM cadre_year";

static char *contents(store *s)
{
	static const char *const parts[] = {cadres_sql, audit_sql, search_sql, words_sql,
					    summary_sql};
	return sf_texts(s, parts, sizeof parts / sizeof parts[0]);
}

static void test_a_clean_file_leaves_the_same_database(void **state)
{
	import_report one, two;
	char *csv = file(NULL);
	(void)state;
	sf_add(S, "Lâm Văn Trước", "1977-07-07", 1);
	sf_add(T, "Lâm Văn Trước", "1977-07-07", 1);
	assert_int_equal(import(S, csv, false, false, NULL, &one), CB_OK);
	assert_int_equal(import(T, csv, true, false, NULL, &two), CB_OK);
	assert_int_equal(one.imported, ROWS);
	expect_same_report(&one, &two);
	char *a = contents(S), *b = contents(T);
	assert_string_equal(a, b);
	sf_expect_chain_holds(S, ROWS + 1);
	sf_expect_chain_holds(T, ROWS + 1);
	free(a);
	free(b);
	free(csv);
	import_report_free(&one);
	import_report_free(&two);
}

/* Problems in both halves: bad cells, a row too wide, a duplicate within
 * the file across the halves, one of a stored cadre. */
static const char *problems(size_t i)
{
	static char buf[256];
	switch (i) {
	case 100:
		return "Trần Văn Sai,1990-13-45,male,Kinh,Chủ tịch UBND xã,27940,,\r\n";
	case 450:
		return "Trần Văn Lạc,1980-01-01,male,Kinh,Chủ tịch UBND xã,99999,,\r\n";
	case 500:
		row(buf, sizeof buf, 10); /* line 12 again */
		return buf;
	case 520:
		return "Lâm Văn Trước,07/07/1977,male,Kinh,Chủ tịch UBND xã,27694,,\r\n";
	case 540:
		return "Trần Văn Rộng,1980-02-02,male,Kinh,Chủ tịch UBND xã,27694,,,thừa\r\n";
	case 560:
		return "Trần Văn Thiếu,,nam,Kinh,Chủ tịch UBND xã,27694,,\r\n";
	default:
		return NULL;
	}
}

static void test_bad_rows_in_both_halves_give_the_same_report_and_write_nothing(void **state)
{
	import_report one, two;
	char *csv = file(problems);
	(void)state;
	sf_add(S, "Lâm Văn Trước", "1977-07-07", 1);
	sf_add(T, "Lâm Văn Trước", "1977-07-07", 1);
	char *before = contents(T);
	assert_int_equal(import(S, csv, false, false, NULL, &one), CB_EINVALID);
	assert_int_equal(import(T, csv, true, false, NULL, &two), CB_EINVALID);
	expect_same_report(&one, &two);
	assert_int_equal(two.bad_rows, 6);
	/* the second half's problems are there, in file order */
	bool dup = false;
	for (size_t i = 0; i < two.nissues; i++) {
		if (i)
			assert_true(two.issues[i - 1].line <= two.issues[i].line);
		dup |= two.issues[i].line == 502 && strstr(two.issues[i].msg, "line 12");
	}
	assert_true(dup);
	/* a bad row changes nothing */
	char *after = contents(T);
	assert_string_equal(before, after);
	free(before);
	free(after);
	import_report_free(&one);
	import_report_free(&two);
	/* nor does a dry run of the same file, which reports the same */
	assert_int_equal(import(S, csv, false, true, NULL, &one), CB_EINVALID);
	assert_int_equal(import(T, csv, true, true, NULL, &two), CB_EINVALID);
	expect_same_report(&one, &two);
	free(csv);
	import_report_free(&one);
	import_report_free(&two);
}

static void test_rows_out_of_scope_are_named_in_file_order(void **state)
{
	import_report one, two;
	char *csv = file(NULL);
	(void)state;
	/* the rows of Đức Hòa's communes lie outside Tân An */
	assert_int_equal(import(S, csv, false, false, "794", &one), CB_EACCESS);
	assert_int_equal(import(T, csv, true, false, "794", &two), CB_EACCESS);
	expect_same_report(&one, &two);
	assert_int_equal(two.out_of_scope, ROWS / 2);
	assert_int_equal(sf_count(T, "SELECT count(*) FROM cadre"), 0);
	free(csv);
	import_report_free(&one);
	import_report_free(&two);
}

/* A note holding line ends across the middle of the file: the guessed
 * start of the second half falls inside it, so one thread reads on. */
static const char *long_note(size_t i)
{
	static char buf[4096];
	if (i != ROWS / 2 - 2)
		return NULL;
	size_t len = (size_t)snprintf(buf, sizeof buf,
				      "Trần Văn Dài,1981-03-03,male,Kinh,Chủ tịch "
				      "UBND xã,27694,\"");
	for (int k = 0; k < 150; k++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "dòng %d,\r\n", k);
	snprintf(buf + len, sizeof buf - len, "hết\",\r\n");
	return buf;
}

static void test_a_quoted_note_across_the_middle_is_read_by_one_thread(void **state)
{
	import_report one, two, r;
	char *csv = file(long_note);
	cb_error err = {0};
	import_options o = {TEXT_ENC_UNKNOWN, false, NULL};
	(void)state;
	unsigned long taken = import_split_taken;
	import_split_min_bytes = 0;
	assert_int_equal(import_cadres_text(T, &sf_cfg, csv, strlen(csv), &o, &two, &err), CB_OK);
	/* the second half was not taken: its guessed start was inside the note */
	assert_int_equal(import_split_taken, taken);
	assert_int_equal(import(S, csv, false, false, NULL, &one), CB_OK);
	expect_same_report(&one, &two);
	char *a = contents(S), *b = contents(T);
	assert_string_equal(a, b);
	free(a);
	free(b);
	import_report_free(&one);
	/* the rows after the note keep their lines */
	char *bad = file(long_note);
	char *at = strstr(strstr(bad, "hết\""), "Lê Hoàng");
	assert_non_null(at);
	memcpy(strchr(at, ',') + 1, "1990-13-45", 10);
	assert_int_equal(import(S, bad, false, true, NULL, &one), CB_EINVALID);
	assert_int_equal(import_cadres_text(T, &sf_cfg, bad, strlen(bad), &o, &r, &err),
			 CB_EINVALID);
	expect_same_report(&one, &r);
	free(bad);
	free(csv);
	import_report_free(&one);
	import_report_free(&two);
	import_report_free(&r);
}

/* A quote never closed in the second half: the same error, on the line it
 * opened on, and the rows before it checked all the same. */
static const char *open_quote(size_t i)
{
	if (i == 100)
		return "Trần Văn Sai,1990-13-45,male,Kinh,Chủ tịch UBND xã,27940,,\r\n";
	if (i == ROWS - 3) /* after the last quoted note */
		return "Trần Văn Mở,1981-03-03,male,Kinh,Chủ tịch UBND xã,27694,\"không đóng,\r\n";
	return NULL;
}

static void test_a_quote_left_open_in_the_second_half_is_reported_alike(void **state)
{
	import_report one, two;
	char *csv = file(open_quote);
	(void)state;
	assert_int_equal(import(S, csv, false, false, NULL, &one), CB_EINVALID);
	assert_int_equal(import(T, csv, true, false, NULL, &two), CB_EINVALID);
	expect_same_report(&one, &two);
	assert_int_equal(two.issues[two.nissues - 1].line, ROWS - 3 + 2);
	assert_int_equal(sf_count(T, "SELECT count(*) FROM cadre"), 0);
	free(csv);
	import_report_free(&one);
	import_report_free(&two);
}

#define TS(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		TS(test_a_clean_file_leaves_the_same_database),
		TS(test_bad_rows_in_both_halves_give_the_same_report_and_write_nothing),
		TS(test_rows_out_of_scope_are_named_in_file_order),
		TS(test_a_quoted_note_across_the_middle_is_read_by_one_thread),
		TS(test_a_quote_left_open_in_the_second_half_is_reported_alike),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
