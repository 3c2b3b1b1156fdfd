/* test_selfcheck.c - the monthly self-check against the manifestations of
 * degradation: flags validated against the catalogue, one check per cadre
 * and month, stale edits refused, who has not checked. */
#include "store_fixture.h"

#include "i18n.h"
#include "plans.h"
#include "../../src/core/store_internal.h"

static store *db;
static cb_error err;
static manifestation cat[27];

static const char world[] =
	"INSERT INTO unit(id, code, name, kind, tier, parent_id, lo, hi) VALUES"
	" (1, '80', 'Tỉnh Long An', 'tỉnh', 1, NULL, 1, 3),"
	" (2, '794', 'Thành phố Tân An', 'thành phố', 2, 1, 2, 2),"
	" (3, '803', 'Huyện Bến Lức', 'huyện', 2, 1, 3, 3);"
	"INSERT INTO org(id, name, kind, parent_id, unit_id) VALUES"
	" (1, 'Đảng bộ Thành phố Tân An', 3, NULL, 2);"
	"INSERT INTO cadre(id, full_name, name_fold, sort_key, rank, birth_date, gender,"
	" ethnicity, unit_id, org_id, position, pos_rank, level, education, theory) VALUES"
	" (1, 'Nguyễn Văn An', 'nguyen van an', x'01', 1024, '1975-04-30', 1, 'Kinh', 2, 1,"
	"  'Bí thư Thành ủy', 1, 2, 4, 3),"
	" (2, 'Trần Thị Bích', 'tran thi bich', x'02', 2048, '1982-09-02', 2, 'Kinh', 2, 1,"
	"  'Phó Chủ tịch UBND thành phố', 4, 2, 4, 2),"
	" (3, 'Lê Hoàng Dũng', 'le hoang dung', x'03', 3072, '1979-01-15', 1, 'Khmer', 3, NULL,"
	"  'Phó Bí thư Huyện ủy', 2, 2, 4, 3);";

static cb_date day(const char *iso)
{
	cb_date d;
	assert_true(date_parse_iso(iso, &d));
	return d;
}

#define TODAY day("2025-06-30")

/* The catalogue's shape: 3 groups of 9 codes, texts left empty as the
 * shipped file has them, but one filled in as an office would. */
static void make_catalogue(void)
{
	memset(cat, 0, sizeof cat);
	for (int g = 0; g < 3; g++)
		for (int i = 0; i < 9; i++) {
			manifestation *m = &cat[g * 9 + i];
			snprintf(m->code, sizeof m->code, "%d.%d", g + 1, i + 1);
			m->group = g + 1;
		}
	snprintf(cat[9].text, sizeof cat[9].text, "Nội dung do văn phòng nhập");
}

static int setup(void **state)
{
	(void)state;
	make_catalogue();
	db = sf_open_sql(world);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	sf_close(db);
	db = NULL;
	return 0;
}

static void check(selfcheck *sc, int64_t cadre_id, const char *month, const char *flags,
		  const char *note)
{
	memset(sc, 0, sizeof *sc);
	sc->cadre_id = cadre_id;
	snprintf(sc->month, sizeof sc->month, "%s", month);
	snprintf(sc->flagged, sizeof sc->flagged, "%s", flags);
	snprintf(sc->note, sizeof sc->note, "%s", note);
}

static void test_month_must_be_year_dash_month(void **state)
{
	(void)state;
	assert_true(selfcheck_month_valid("2025-06"));
	assert_false(selfcheck_month_valid("2025-13"));
	assert_false(selfcheck_month_valid("06/2025"));
	assert_false(selfcheck_month_valid("2025-6"));
	assert_false(selfcheck_month_valid(""));
}

static void test_flags_are_written_in_catalogue_order_without_repeats(void **state)
{
	(void)state;
	char out[SELFCHECK_FLAGS_MAX];
	assert_int_equal(selfcheck_flags_parse("3.2, 1.4 3.2;2.9", cat, 27, out, sizeof out, &err),
			 CB_OK);
	assert_string_equal(out, "1.4,2.9,3.2");
	assert_true(selfcheck_flag_has(out, "2.9"));
	assert_false(selfcheck_flag_has(out, "2.1"));
	assert_false(selfcheck_flag_has(out, "2"));
}

static void test_unknown_code_is_refused_by_name(void **state)
{
	(void)state;
	char out[SELFCHECK_FLAGS_MAX];
	assert_int_equal(selfcheck_flags_parse("1.4,4.1", cat, 27, out, sizeof out, &err),
			 CB_EINVALID);
	assert_non_null(strstr(err.msg, "4.1"));
}

static void test_empty_item_text_shows_placeholder_not_wording(void **state)
{
	(void)state;
	i18n_init("en");
	assert_string_equal(selfcheck_item_text(&cat[0]), "(text not filled in yet)");
	assert_string_equal(selfcheck_item_text(&cat[9]), "Nội dung do văn phòng nhập");
}

static void test_check_is_recorded_once_per_month(void **state)
{
	(void)state;
	selfcheck sc, other, got;
	check(&sc, 1, "2025-06", "2.3,1.1", "Đã tự soi, tự sửa");
	assert_int_equal(selfcheck_save(db, &sc, cat, 27, TODAY, &err), CB_OK);
	assert_int_equal(selfcheck_get(db, 1, "2025-06", &got, &err), CB_OK);
	assert_string_equal(got.flagged, "1.1,2.3");
	assert_string_equal(got.checked_on, "2025-06-30");
	assert_string_equal(got.note, "Đã tự soi, tự sửa");

	check(&other, 1, "2025-06", "", "Không có biểu hiện");
	assert_int_equal(selfcheck_save(db, &other, cat, 27, TODAY, &err), CB_ESTALE);
	assert_int_equal(selfcheck_get(db, 1, "2025-06", &got, &err), CB_OK);
	assert_string_equal(got.note, "Đã tự soi, tự sửa");
}

static void test_stale_check_edit_is_refused(void **state)
{
	(void)state;
	selfcheck sc, a, b;
	check(&sc, 2, "2025-05", "", "");
	assert_int_equal(selfcheck_save(db, &sc, cat, 27, TODAY, &err), CB_OK);
	a = sc;
	b = sc;
	snprintf(a.flagged, sizeof a.flagged, "3.1");
	assert_int_equal(selfcheck_save(db, &a, cat, 27, TODAY, &err), CB_OK);
	snprintf(b.flagged, sizeof b.flagged, "1.2");
	assert_int_equal(selfcheck_save(db, &b, cat, 27, TODAY, &err), CB_ESTALE);
	assert_int_equal(selfcheck_get(db, 2, "2025-05", &b, &err), CB_OK);
	assert_string_equal(b.flagged, "3.1");
	assert_int_equal(b.version, 2);
}

static void test_future_month_is_refused(void **state)
{
	(void)state;
	selfcheck sc;
	check(&sc, 1, "2025-07", "", "");
	assert_int_equal(selfcheck_save(db, &sc, cat, 27, TODAY, &err), CB_EINVALID);
}

static void test_check_is_audited(void **state)
{
	(void)state;
	selfcheck sc;
	sqlite3_stmt *st;
	check(&sc, 3, "2025-06", "1.9", "");
	assert_int_equal(selfcheck_save(db, &sc, cat, 27, TODAY, &err), CB_OK);
	assert_int_equal(sqlite3_prepare_v2(store_db(db),
					    "SELECT count(*) FROM audit WHERE tbl = 'selfcheck'"
					    " AND new LIKE '%1.9%'",
					    -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 1);
	sqlite3_finalize(st);
}

struct names {
	char list[512];
	int n;
};

static int collect(const selfcheck_missing *m, void *ctx)
{
	struct names *names = ctx;
	size_t len = strlen(names->list);
	snprintf(names->list + len, sizeof names->list - len, "%s;", m->full_name);
	names->n++;
	return 0;
}

static void test_who_has_not_checked_this_month(void **state)
{
	(void)state;
	selfcheck sc;
	struct names names = {{0}, 0};
	int done, total;

	check(&sc, 2, "2025-06", "", "");
	assert_int_equal(selfcheck_save(db, &sc, cat, 27, TODAY, &err), CB_OK);
	check(&sc, 3, "2025-05", "", "");
	assert_int_equal(selfcheck_save(db, &sc, cat, 27, TODAY, &err), CB_OK);

	assert_int_equal(selfcheck_each_missing(db, "2025-06", 0, 0, 0, collect, &names, &err),
			 CB_OK);
	assert_string_equal(names.list, "Nguyễn Văn An;Lê Hoàng Dũng;");
	assert_int_equal(selfcheck_count(db, "2025-06", 0, 0, 0, &done, &total, &err), CB_OK);
	assert_int_equal(done, 1);
	assert_int_equal(total, 3);

	/* Tân An only (unit interval 2..2). */
	memset(&names, 0, sizeof names);
	assert_int_equal(selfcheck_each_missing(db, "2025-06", 2, 2, 0, collect, &names, &err),
			 CB_OK);
	assert_string_equal(names.list, "Nguyễn Văn An;");
	assert_int_equal(selfcheck_count(db, "2025-06", 0, 0, 1, &done, &total, &err), CB_OK);
	assert_int_equal(total, 2);
}

static void test_history_is_newest_month_first(void **state)
{
	(void)state;
	selfcheck sc, *rows;
	size_t n;
	check(&sc, 1, "2025-04", "", "");
	assert_int_equal(selfcheck_save(db, &sc, cat, 27, TODAY, &err), CB_OK);
	check(&sc, 1, "2025-06", "2.2", "");
	assert_int_equal(selfcheck_save(db, &sc, cat, 27, TODAY, &err), CB_OK);
	assert_int_equal(selfcheck_history(db, 1, &rows, &n, &err), CB_OK);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].month, "2025-06");
	assert_string_equal(rows[1].month, "2025-04");
	free(rows);
}

/* The catalogue shipped in config/ has 3 groups of 9 and no invented
 * wording: every text is either filled in by the office or empty. */
static void test_shipped_catalogue_has_three_groups_of_nine(void **state)
{
	(void)state;
	char path[4096], titles[CFG_MANIF_GROUPS][CFG_MANIF_TITLE_MAX];
	cfg *c;
	manifestation *items;
	size_t n;
	int per_group[4] = {0};

	snprintf(path, sizeof path, "%s/config", fixture_source_dir());
	assert_int_equal(config_load_dir(&c, path, &err), CB_OK);
	assert_int_equal(config_manifestations_load(c, &items, &n, titles, &err), CB_OK);
	assert_int_equal(n, 27);
	for (size_t i = 0; i < n; i++)
		per_group[items[i].group]++;
	assert_int_equal(per_group[1], 9);
	assert_int_equal(per_group[2], 9);
	assert_int_equal(per_group[3], 9);
	free(items);
	config_free(c);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_month_must_be_year_dash_month),
		T(test_flags_are_written_in_catalogue_order_without_repeats),
		T(test_unknown_code_is_refused_by_name),
		T(test_empty_item_text_shows_placeholder_not_wording),
		T(test_check_is_recorded_once_per_month),
		T(test_stale_check_edit_is_refused),
		T(test_future_month_is_refused),
		T(test_check_is_audited),
		T(test_who_has_not_checked_this_month),
		T(test_history_is_newest_month_first),
		T(test_shipped_catalogue_has_three_groups_of_nine),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
