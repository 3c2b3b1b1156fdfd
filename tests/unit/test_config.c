/* test_config.c - the configuration: the shipped Long An and Tây Ninh
 * samples, every kind of bad file (each reported with its path and
 * section:key), target precedence, the search order, access lists and the
 * manifestations catalogue. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>

#include "config.h"
#include "fixture.h"

/* ---- helpers ------------------------------------------------------------ */

typedef struct fx {
	char dir[256];
	cfg *c;
	cb_error err;
} fx;

static const char *province_ini = "[province]\n"
				  "code = 80\n"
				  "name = Tỉnh Long An\n";

static const char *district_794 = "[district]\n"
				  "code = 794\n"
				  "name = Thành phố Tân An\n"
				  "[communes]\n"
				  "27685 = Phường 5\n"
				  "27691 = Phường 4\n"
				  "27703 = Xã Hướng Thọ Phú\n";

static const char *district_795 = "[district]\n"
				  "code = 795\n"
				  "name = Thị xã Kiến Tường\n"
				  "[communes]\n"
				  "27787 = Phường 1\n"
				  "27790 = Xã Thạnh Trị\n";

/* A small valid three-tier configuration in a fresh directory. */
static int setup(void **state)
{
	fx *f = calloc(1, sizeof *f);
	char sub[300];

	if (!f || !fixture_tmpdir(f->dir, sizeof f->dir))
		return -1;
	snprintf(sub, sizeof sub, "%s/districts", f->dir);
	if (mkdir(sub, 0755) || fixture_write(f->dir, "canbo.ini", province_ini) ||
	    fixture_write(f->dir, "districts/794.ini", district_794) ||
	    fixture_write(f->dir, "districts/795.ini", district_795))
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	config_free(f->c);
	fixture_rmtree(f->dir);
	free(f);
	return 0;
}

static void put(fx *f, const char *name, const char *text)
{
	assert_int_equal(fixture_write(f->dir, name, text), 0);
}

/* Loads f->dir, expecting failure; returns the message. */
static const char *load_fails(fx *f)
{
	int rc = config_load_dir(&f->c, f->dir, &f->err);
	if (rc == CB_OK)
		fail_msg("loaded a bad configuration in %s", f->dir);
	assert_int_equal(rc, CB_ECONFIG);
	assert_null(f->c);
	return f->err.msg;
}

static void load_ok(fx *f)
{
	int rc = config_load_dir(&f->c, f->dir, &f->err);
	if (rc != CB_OK)
		fail_msg("%s", f->err.msg);
}

static void assert_has(const char *msg, const char *part)
{
	if (!strstr(msg, part))
		fail_msg("\"%s\" not in message: %s", part, msg);
}

static cfg *load_shipped(const char *sub)
{
	char dir[4096];
	cfg *c = NULL;
	cb_error err;

	snprintf(dir, sizeof dir, "%s/config%s", fixture_source_dir(), sub);
	if (config_load_dir(&c, dir, &err) != CB_OK)
		fail_msg("%s", err.msg);
	return c;
}

static size_t count_kind(const cfg *c, const char *kind)
{
	size_t n = 0;
	for (size_t i = 0; i < c->unit_count; i++)
		n += strcmp(c->units[i].kind, kind) == 0;
	return n;
}

/* ---- the shipped configurations ----------------------------------------- */

static void test_long_an_has_15_districts_and_186_communes(void **state)
{
	cfg *c = load_shipped("");
	size_t communes = 0;

	assert_int_equal(c->tiers, 3);
	assert_int_equal(c->district_count, 15);
	assert_int_equal(c->unit_count, 1 + 15 + 186);
	for (size_t i = 0; i < c->unit_count; i++)
		communes += c->units[i].tier == 3;
	assert_int_equal(communes, 186);
	assert_string_equal(c->units[0].name, "Tỉnh Long An");
	assert_string_equal(c->tier_label[2], "Huyện/Thị xã/Thành phố");
	config_free(c);
}

static void test_long_an_units_are_in_preorder_by_district_code(void **state)
{
	cfg *c = load_shipped("");

	assert_string_equal(c->units[0].code, "80");
	assert_int_equal(c->units[0].parent, -1);
	assert_string_equal(c->units[1].code, "794");
	assert_string_equal(c->units[2].code, "27685"); /* first in file order */
	assert_string_equal(c->units[2].name, "Phường 5");
	assert_string_equal(c->units[1 + 1 + 13].code, "795"); /* Tân An has 13 */
	for (size_t i = 1; i < c->unit_count; i++) {
		int p = c->units[i].parent;
		assert_true(p >= 0 && (size_t)p < i);
		assert_int_equal(c->units[i].tier, c->units[p].tier + 1);
	}
	for (size_t i = 0; i < c->district_count; i++) {
		assert_string_equal(c->units[c->districts[i].unit].code, c->districts[i].code);
		if (i)
			assert_true(strcmp(c->districts[i - 1].code, c->districts[i].code) < 0);
	}
	assert_string_equal(c->districts[14].code, "808");
	config_free(c);
}

static void test_long_an_unit_kinds_come_from_names(void **state)
{
	cfg *c = load_shipped("");

	assert_int_equal(count_kind(c, "tỉnh"), 1);
	assert_int_equal(count_kind(c, "thành phố"), 1);
	assert_int_equal(count_kind(c, "thị xã"), 1);
	assert_int_equal(count_kind(c, "huyện"), 13);
	assert_int_equal(count_kind(c, "xã"), 160);
	assert_int_equal(count_kind(c, "phường"), 11);
	assert_int_equal(count_kind(c, "thị trấn"), 15);
	config_free(c);
}

static void test_long_an_keeps_the_gso_spelling_nhon_hoa(void **state)
{
	cfg *c = load_shipped("");
	int u = config_unit_index(c, "27844");

	assert_true(u > 0);
	assert_string_equal(c->units[u].name, "Xã Nhơn Hoà");
	config_free(c);
}

static void test_unit_lookups_find_codes_and_their_district(void **state)
{
	cfg *c = load_shipped("");
	int u = config_unit_index(c, "28072"); /* Xã Tân Long, Thủ Thừa */
	const cfg_district *d;

	assert_true(u > 0);
	assert_string_equal(c->units[u].name, "Xã Tân Long");
	d = config_unit_district(c, u);
	assert_non_null(d);
	assert_string_equal(d->code, "804");
	assert_ptr_equal(config_district(c, "804"), d);
	assert_ptr_equal(config_unit_district(c, d->unit), d);
	assert_null(config_unit_district(c, 0));
	assert_int_equal(config_unit_index(c, "80"), 0);
	assert_int_equal(config_unit_index(c, "99999"), -1);
	assert_null(config_district(c, "999"));
	for (size_t i = 0; i < c->unit_count; i++)
		assert_int_equal(config_unit_index(c, c->units[i].code), (int)i);
	config_free(c);
}

static void test_long_an_tan_an_tightens_the_women_target(void **state)
{
	cfg *c = load_shipped("");

	assert_int_equal(config_target(c, NULL, T_MANAGED_WOMEN), 20);
	assert_int_equal(config_target(c, config_district(c, "794"), T_MANAGED_WOMEN), 25);
	assert_int_equal(config_target(c, config_district(c, "795"), T_MANAGED_WOMEN), 20);
	config_free(c);
}

static void test_tay_ninh_is_two_tiers_with_96_communes(void **state)
{
	cfg *c = load_shipped("/tay-ninh");

	assert_int_equal(c->tiers, 2);
	assert_int_equal(c->district_count, 0);
	assert_int_equal(c->unit_count, 97);
	assert_string_equal(c->units[0].name, "Tỉnh Tây Ninh");
	assert_int_equal(count_kind(c, "xã"), 82);
	assert_int_equal(count_kind(c, "phường"), 14);
	for (size_t i = 1; i < c->unit_count; i++) {
		assert_int_equal(c->units[i].parent, 0);
		assert_int_equal(c->units[i].tier, 2);
	}
	assert_string_equal(c->units[1].code, "27727"); /* GSO appendix order */
	assert_string_equal(c->tier_label[2], "Xã/Phường");
	assert_null(config_unit_district(c, 1));
	config_free(c);
}

static void test_shipped_catalogue_has_3_groups_of_9_unfilled_items(void **state)
{
	cfg *c = load_shipped("");
	manifestation *m;
	size_t n;
	char titles[CFG_MANIF_GROUPS][CFG_MANIF_TITLE_MAX];
	cb_error err;

	if (config_manifestations_load(c, &m, &n, titles, &err))
		fail_msg("%s", err.msg);
	assert_int_equal(n, 27);
	assert_string_equal(titles[1], "Suy thoái về đạo đức, lối sống");
	assert_string_equal(titles[2],
			    "Những biểu hiện “tự diễn biến”, “tự chuyển hóa” trong nội bộ");
	for (size_t i = 0; i < n; i++) {
		char code[8];
		snprintf(code, sizeof code, "%d.%d", (int)(i / 9 + 1), (int)(i % 9 + 1));
		assert_string_equal(m[i].code, code);
		assert_int_equal(m[i].group, (int)(i / 9 + 1));
		assert_string_equal(m[i].text, ""); /* never invented */
	}
	free(m);
	config_free(c);
}

/* ---- bad files ---------------------------------------------------------- */

static void test_unreadable_province_file_is_reported_with_its_path(void **state)
{
	fx *f = *state;
	char path[300];

	/* A directory in place of the file cannot be read, even by root. */
	snprintf(path, sizeof path, "%s/canbo.ini", f->dir);
	assert_int_equal(remove(path), 0);
	assert_int_equal(mkdir(path, 0755), 0);
	const char *msg = load_fails(f);
	assert_has(msg, path);
	assert_has(msg, "cannot read");
}

static void test_unreadable_district_file_is_reported_with_its_path(void **state)
{
	fx *f = *state;
	char path[300];

	snprintf(path, sizeof path, "%s/districts/796.ini", f->dir);
	assert_int_equal(symlink("/nonexistent/796.ini", path), 0);
	const char *msg = load_fails(f);
	assert_has(msg, "districts/796.ini");
	assert_has(msg, "cannot read");
}

static void test_line_without_equals_is_a_syntax_error_with_line(void **state)
{
	fx *f = *state;
	put(f, "canbo.ini", "[province]\ncode = 80\nname Tỉnh Long An\n");
	const char *msg = load_fails(f);
	assert_has(msg, "canbo.ini:3: syntax error");
}

static void test_unclosed_section_header_is_a_syntax_error(void **state)
{
	fx *f = *state;
	put(f, "districts/795.ini", "[district\ncode = 795\n");
	assert_has(load_fails(f), "districts/795.ini:1: syntax error");
}

static void test_empty_section_header_is_a_syntax_error(void **state)
{
	fx *f = *state;
	/* iniparser alone would keep the keys in the previous section */
	put(f, "canbo.ini", "[province]\ncode = 80\nname = Tỉnh Long An\n[]\ntiers = 3\n");
	assert_has(load_fails(f), "canbo.ini:4: syntax error");
}

static void test_key_before_any_section_is_a_syntax_error(void **state)
{
	fx *f = *state;
	put(f, "canbo.ini", "tiers = 3\n[province]\ncode = 80\nname = Tỉnh Long An\n");
	assert_has(load_fails(f), "canbo.ini:1: syntax error");
}

static void test_comment_ending_in_backslash_is_a_syntax_error(void **state)
{
	fx *f = *state;
	/* iniparser would glue line 3 to the comment and lose the name */
	put(f, "canbo.ini", "[province]\n; the province \\\nname = Tỉnh Long An\ncode = 80\n");
	assert_has(load_fails(f), "canbo.ini:2: syntax error");
}

static void test_key_given_twice_names_both_lines(void **state)
{
	fx *f = *state;
	put(f, "districts/794.ini",
	    "[district]\ncode = 794\nname = Thành phố Tân An\n[communes]\n"
	    "27685 = Phường 5\n27685 = Phường 4\n");
	const char *msg = load_fails(f);
	assert_has(msg, "districts/794.ini:6:");
	assert_has(msg, "communes:27685");
	assert_has(msg, "line 5");
}

static void test_unquoted_semicolon_in_value_is_refused(void **state)
{
	fx *f = *state;
	put(f, "canbo.ini", "[province]\ncode = 80\nname = Tỉnh Long An ; cũ\n");
	assert_has(load_fails(f), "canbo.ini:3: syntax error");
}

static void test_text_after_closing_quote_is_refused(void **state)
{
	fx *f = *state;
	put(f, "canbo.ini", "[province]\ncode = 80\nname = \"Tỉnh\" Long An\n");
	assert_has(load_fails(f), "canbo.ini:3: syntax error");
}

static void test_quoted_value_keeps_its_semicolon(void **state)
{
	fx *f = *state;
	put(f, "canbo.ini",
	    "[province]\ncode = 80\nname = Tỉnh Long An\n"
	    "[hierarchy]\nlabel.2 = \"Huyện; Thị xã\"\n");
	load_ok(f);
	assert_string_equal(f->c->tier_label[2], "Huyện; Thị xã");
}

static void test_values_read_as_written(void **state)
{
	fx *f = *state;
	/* single quotes, an '=' inside the value, Windows line ends, and an
	 * empty pair of quotes */
	put(f, "canbo.ini",
	    "[province]\r\ncode = 80\r\nname=Tỉnh Long An\r\n"
	    "[hierarchy]\r\nlabel.2 = 'Huyện = Thị xã'\r\nlabel.3 = \"\"\r\n");
	load_ok(f);
	assert_string_equal(f->c->units[0].name, "Tỉnh Long An");
	assert_string_equal(f->c->tier_label[2], "Huyện = Thị xã");
}

static void test_people_logins_keep_their_case(void **state)
{
	fx *f = *state;
	put(f, "canbo.ini",
	    "[province]\ncode = 80\nname = Tỉnh Long An\n"
	    "[people]\nNVBinh = Nguyễn Văn Bình\nttlan = Trần Thị Lan\n");
	load_ok(f);
	assert_string_equal(config_person_name(f->c, "NVBinh"), "Nguyễn Văn Bình");
	assert_string_equal(config_person_name(f->c, "ttlan"), "Trần Thị Lan");
	/* another login, which only differs in case, is not that official */
	assert_string_equal(config_person_name(f->c, "nvbinh"), "nvbinh");
}

static void test_byte_order_mark_is_refused(void **state)
{
	fx *f = *state;
	put(f, "canbo.ini", "\xEF\xBB\xBF[province]\ncode = 80\nname = Tỉnh Long An\n");
	const char *msg = load_fails(f);
	assert_has(msg, "canbo.ini:1:");
	assert_has(msg, "byte order mark");
}

static void test_overlong_line_is_refused(void **state)
{
	fx *f = *state;
	char text[1200];
	snprintf(text, sizeof text, "[province]\ncode = 80\nname = %01100d\n", 0);
	put(f, "canbo.ini", text);
	assert_has(load_fails(f), "canbo.ini:3: syntax error");
}

static void test_unknown_section_lists_the_expected_ones(void **state)
{
	fx *f = *state;
	put(f, "canbo.ini", "[province]\ncode = 80\nname = Tỉnh Long An\n[target]\n");
	const char *msg = load_fails(f);
	assert_has(msg, "canbo.ini:4:");
	assert_has(msg, "[target]");
	assert_has(msg, "expected one of: province, hierarchy, targets");
}

static void test_unknown_key_lists_the_expected_ones(void **state)
{
	fx *f = *state;
	put(f, "districts/795.ini",
	    "[district]\ncode = 795\nname = Thị xã Kiến Tường\n"
	    "[communes]\n27787 = Phường 1\n"
	    "[targets]\nmanaged_woman = 30\n");
	const char *msg = load_fails(f);
	assert_has(msg, "districts/795.ini:7:");
	assert_has(msg, "targets:managed_woman");
	assert_has(msg, "expected one of:");
	assert_has(msg, "managed_women");
}

static void test_target_that_is_not_a_number_is_refused(void **state)
{
	fx *f = *state;
	put(f, "canbo.ini",
	    "[province]\ncode = 80\nname = Tỉnh Long An\n"
	    "[targets]\nmanaged_women = hai mươi\n");
	const char *msg = load_fails(f);
	assert_has(msg, "canbo.ini:5:");
	assert_has(msg, "targets:managed_women");
	assert_has(msg, "not a whole number");
}

static void test_target_of_140_percent_is_out_of_range(void **state)
{
	fx *f = *state;
	put(f, "canbo.ini",
	    "[province]\ncode = 80\nname = Tỉnh Long An\n"
	    "[targets]\ndept_master = 140\n");
	const char *msg = load_fails(f);
	assert_has(msg, "canbo.ini:5:");
	assert_has(msg, "targets:dept_master");
	assert_has(msg, "0 to 100");
}

static void test_long_bad_value_is_cut_so_the_reason_still_shows(void **state)
{
	fx *f = *state;
	char text[700];
	snprintf(text, sizeof text,
		 "[province]\ncode = 80\nname = Tỉnh Long An\n[targets]\nmanaged_women = %s\n",
		 "hai mươi phần trăm hai mươi phần trăm hai mươi phần trăm hai mươi phần trăm "
		 "hai mươi phần trăm hai mươi phần trăm hai mươi phần trăm hai mươi phần trăm "
		 "hai mươi phần trăm hai mươi phần trăm hai mươi phần trăm hai mươi phần trăm");
	put(f, "canbo.ini", text);
	const char *msg = load_fails(f);
	assert_has(msg, "targets:managed_women");
	assert_has(msg, "…\" is not a whole number");
}

static void test_two_tiers_have_no_third_label(void **state)
{
	fx *f = *state;
	put(f, "canbo.ini",
	    "[province]\ncode = 80\nname = Tỉnh Tây Ninh\ntiers = 2\n"
	    "[hierarchy]\nlabel.3 = Ấp\n[communes]\n27727 = Xã Hưng Điền\n");
	const char *msg = load_fails(f);
	assert_has(msg, "canbo.ini:6:");
	assert_has(msg, "hierarchy:label.3");
}

static void test_report_settings_are_read_and_checked(void **state)
{
	fx *f = *state;
	put(f, "canbo.ini",
	    "[province]\ncode = 80\nname = Tỉnh Long An\n"
	    "[reports]\npercent_decimals = 2\noffice = Ban Tổ chức Tỉnh ủy\n");
	load_ok(f);
	assert_int_equal(f->c->percent_decimals, 2);
	assert_string_equal(f->c->office, "Ban Tổ chức Tỉnh ủy");
	config_free(f->c);
	f->c = NULL;
	put(f, "canbo.ini",
	    "[province]\ncode = 80\nname = Tỉnh Long An\n[reports]\npercent_decimals = 5\n");
	const char *msg = load_fails(f);
	assert_has(msg, "canbo.ini:5:");
	assert_has(msg, "reports:percent_decimals");
}

static void test_shipped_configuration_rounds_to_one_decimal(void **state)
{
	cfg *c = load_shipped("");
	(void)state;
	assert_int_equal(c->percent_decimals, 1);
	config_free(c);
}

static void test_octal_looking_target_is_read_as_decimal(void **state)
{
	fx *f = *state;
	put(f, "canbo.ini",
	    "[province]\ncode = 80\nname = Tỉnh Long An\n"
	    "[targets]\nmanaged_under40 = 010\n");
	load_ok(f);
	assert_int_equal(config_target(f->c, NULL, T_MANAGED_UNDER40), 10);
}

static void test_five_tiers_are_out_of_range(void **state)
{
	fx *f = *state;
	put(f, "canbo.ini", "[province]\ncode = 80\nname = Tỉnh Long An\ntiers = 5\n");
	const char *msg = load_fails(f);
	assert_has(msg, "canbo.ini:4:");
	assert_has(msg, "province:tiers");
	assert_has(msg, "2 to 3");
}

static void test_missing_province_code_is_reported(void **state)
{
	fx *f = *state;
	put(f, "canbo.ini", "[province]\nname = Tỉnh Long An\n");
	const char *msg = load_fails(f);
	assert_has(msg, "canbo.ini");
	assert_has(msg, "missing required key province:code");
}

static void test_missing_province_name_is_reported(void **state)
{
	fx *f = *state;
	put(f, "canbo.ini", "[province]\ncode = 80\n");
	assert_has(load_fails(f), "missing required key province:name");
}

static void test_missing_district_name_is_reported(void **state)
{
	fx *f = *state;
	put(f, "districts/794.ini", "[district]\ncode = 794\n[communes]\n27685 = Phường 5\n");
	const char *msg = load_fails(f);
	assert_has(msg, "districts/794.ini");
	assert_has(msg, "missing required key district:name");
}

static void test_commune_code_in_two_districts_names_both_files(void **state)
{
	fx *f = *state;
	put(f, "districts/795.ini",
	    "[district]\ncode = 795\nname = Thị xã Kiến Tường\n"
	    "[communes]\n27787 = Phường 1\n27685 = Phường 5\n");
	const char *msg = load_fails(f);
	assert_has(msg, "districts/795.ini:6:");
	assert_has(msg, "communes:27685");
	assert_has(msg, "districts/794.ini");
}

static void test_district_code_must_match_its_file_name(void **state)
{
	fx *f = *state;
	put(f, "districts/796.ini",
	    "[district]\ncode = 797\nname = Huyện Vĩnh Hưng\n"
	    "[communes]\n27757 = Thị trấn Vĩnh Hưng\n");
	const char *msg = load_fails(f);
	assert_has(msg, "districts/796.ini:2:");
	assert_has(msg, "district:code");
	assert_has(msg, "797.ini");
}

static void test_commune_code_must_have_5_digits(void **state)
{
	fx *f = *state;
	put(f, "districts/794.ini",
	    "[district]\ncode = 794\nname = Thành phố Tân An\n"
	    "[communes]\n2768 = Phường 5\n");
	const char *msg = load_fails(f);
	assert_has(msg, "districts/794.ini:5:");
	assert_has(msg, "communes:2768");
	assert_has(msg, "5-digit");
}

static void test_district_without_communes_is_refused(void **state)
{
	fx *f = *state;
	put(f, "districts/794.ini", "[district]\ncode = 794\nname = Thành phố Tân An\n");
	const char *msg = load_fails(f);
	assert_has(msg, "districts/794.ini");
	assert_has(msg, "[communes]");
}

static void test_name_without_known_prefix_needs_a_kind(void **state)
{
	fx *f = *state;
	put(f, "districts/795.ini",
	    "[district]\ncode = 795\nname = Kiến Tường\n"
	    "[communes]\n27787 = Phường 1\n");
	const char *msg = load_fails(f);
	assert_has(msg, "districts/795.ini:3:");
	assert_has(msg, "district:name");
	assert_has(msg, "thị xã");
}

static void test_explicit_kinds_are_used(void **state)
{
	fx *f = *state;
	put(f, "districts/795.ini",
	    "[district]\ncode = 795\nname = Kiến Tường\nkind = thị xã\n"
	    "[communes]\n27787 = Một\n[kinds]\n27787 = phường\n");
	load_ok(f);
	int u = config_unit_index(f->c, "27787");
	assert_string_equal(f->c->units[u].kind, "phường");
	assert_string_equal(f->c->units[u - 1].kind, "thị xã");
}

static void test_kind_for_an_unlisted_commune_is_refused(void **state)
{
	fx *f = *state;
	put(f, "districts/795.ini",
	    "[district]\ncode = 795\nname = Thị xã Kiến Tường\n"
	    "[communes]\n27787 = Phường 1\n[kinds]\n27790 = xã\n");
	const char *msg = load_fails(f);
	assert_has(msg, "districts/795.ini:7:");
	assert_has(msg, "kinds:27790");
}

static void test_communes_in_a_three_tier_province_file_are_refused(void **state)
{
	fx *f = *state;
	put(f, "canbo.ini",
	    "[province]\ncode = 80\nname = Tỉnh Long An\n"
	    "[communes]\n27685 = Phường 5\n");
	const char *msg = load_fails(f);
	assert_has(msg, "canbo.ini:4:");
	assert_has(msg, "[communes]");
}

static void test_three_tiers_without_district_files_are_refused(void **state)
{
	fx *f = *state;
	char path[300];
	snprintf(path, sizeof path, "%s/districts/794.ini", f->dir);
	remove(path);
	snprintf(path, sizeof path, "%s/districts/795.ini", f->dir);
	remove(path);
	const char *msg = load_fails(f);
	assert_has(msg, "districts");
	assert_has(msg, "province:tiers = 3");
}

static void test_district_files_in_a_two_tier_province_are_refused(void **state)
{
	fx *f = *state;
	put(f, "canbo.ini",
	    "[province]\ncode = 80\nname = Tỉnh Tây Ninh\ntiers = 2\n"
	    "[communes]\n27727 = Xã Hưng Điền\n");
	assert_has(load_fails(f), "province:tiers = 2");
}

static void test_age_bands_must_ascend(void **state)
{
	fx *f = *state;
	put(f, "canbo.ini",
	    "[province]\ncode = 80\nname = Tỉnh Long An\n"
	    "[age]\nbands = 30,50,40\n");
	const char *msg = load_fails(f);
	assert_has(msg, "canbo.ini:5:");
	assert_has(msg, "age:bands");
}

static void test_age_bands_and_range_are_read(void **state)
{
	fx *f = *state;
	put(f, "canbo.ini",
	    "[province]\ncode = 80\nname = Tỉnh Long An\n"
	    "[age]\nbands = 35, 45\nmin = 20\nmax = 65\n");
	load_ok(f);
	assert_int_equal(f->c->band_count, 2);
	assert_int_equal(f->c->age_bands[0], 35);
	assert_int_equal(f->c->age_bands[1], 45);
	assert_int_equal(f->c->age_min, 20);
	assert_int_equal(f->c->age_max, 65);
}

static void test_age_min_above_max_is_refused(void **state)
{
	fx *f = *state;
	put(f, "canbo.ini",
	    "[province]\ncode = 80\nname = Tỉnh Long An\n"
	    "[age]\nmin = 60\nmax = 40\n");
	const char *msg = load_fails(f);
	assert_has(msg, "canbo.ini:6:");
	assert_has(msg, "age:min");
}

static void test_ui_lang_must_be_vi_or_en(void **state)
{
	fx *f = *state;
	put(f, "canbo.ini", "[province]\ncode = 80\nname = Tỉnh Long An\n[ui]\nlang = fr\n");
	const char *msg = load_fails(f);
	assert_has(msg, "canbo.ini:5:");
	assert_has(msg, "ui:lang");
	assert_has(msg, "vi, en");
}

static void test_ui_settings_inherit_unless_a_district_sets_them(void **state)
{
	fx *f = *state;
	put(f, "canbo.ini",
	    "[province]\ncode = 80\nname = Tỉnh Long An\n"
	    "[ui]\nlang = en\ncolor = never\n");
	put(f, "districts/795.ini",
	    "[district]\ncode = 795\nname = Thị xã Kiến Tường\n"
	    "[communes]\n27787 = Phường 1\n[ui]\nlang = vi\ncolor =\n");
	load_ok(f);
	assert_string_equal(f->c->lang, "en");
	assert_int_equal(f->c->color, CFG_COLOR_NEVER);
	assert_string_equal(config_district(f->c, "794")->lang, "");
	assert_string_equal(config_district(f->c, "795")->lang, "vi");
	assert_int_equal(config_district(f->c, "795")->color, -1);
}

static void test_access_list_with_a_bad_name_is_refused(void **state)
{
	fx *f = *state;
	put(f, "canbo.ini",
	    "[province]\ncode = 80\nname = Tỉnh Long An\n"
	    "[access]\nedit = nguyenvana, , @btc\n");
	const char *msg = load_fails(f);
	assert_has(msg, "canbo.ini:5:");
	assert_has(msg, "access:edit");
}

static void test_paths_are_resolved_against_the_config_dir(void **state)
{
	fx *f = *state;
	char want[PATH_MAX + 32];
	put(f, "canbo.ini",
	    "[province]\ncode = 80\nname = Tỉnh Long An\n"
	    "database = data/long-an.db\n");
	put(f, "districts/795.ini",
	    "[district]\ncode = 795\nname = Thị xã Kiến Tường\n"
	    "database = /var/lib/canbo/795.db\n"
	    "[communes]\n27787 = Phường 1\n");
	load_ok(f);
	snprintf(want, sizeof want, "%s/data/long-an.db", f->c->dir);
	assert_string_equal(f->c->database, want);
	assert_string_equal(config_district(f->c, "795")->database, "/var/lib/canbo/795.db");
	assert_string_equal(config_district(f->c, "794")->database, "");
}

static void test_invalid_utf8_in_a_name_is_refused(void **state)
{
	fx *f = *state;
	put(f, "districts/794.ini",
	    "[district]\ncode = 794\nname = Thành phố Tân An\n"
	    "[communes]\n27685 = Ph\xC6\xB0\xE1\xBB\n");
	const char *msg = load_fails(f);
	assert_has(msg, "districts/794.ini:5:");
	assert_has(msg, "communes:27685");
}

static void test_decomposed_name_is_stored_composed(void **state)
{
	fx *f = *state;
	/* "Phường 5" typed as u+horn, o, combining grave... (NFD) */
	put(f, "districts/794.ini",
	    "[district]\ncode = 794\nname = Thành phố Tân An\n"
	    "[communes]\n27685 = Phu\xCC\x9B\xC6\xA1\xCC\x80ng 5\n");
	load_ok(f);
	assert_string_equal(f->c->units[config_unit_index(f->c, "27685")].name, "Phường 5");
}

static void test_keys_and_sections_are_case_insensitive(void **state)
{
	fx *f = *state;
	put(f, "canbo.ini",
	    "[Province]\nCode = 80\nNAME = Tỉnh Long An\n"
	    "[TARGETS]\nManaged_Women = 30\n");
	load_ok(f);
	assert_int_equal(config_target(f->c, NULL, T_MANAGED_WOMEN), 30);
}

/* ---- targets ------------------------------------------------------------ */

static void test_targets_default_to_the_resolution(void **state)
{
	fx *f = *state;
	load_ok(f);
	for (int t = 0; t < TARGET_COUNT; t++)
		assert_int_equal(config_target(f->c, NULL, t), config_target_default(t));
	assert_int_equal(config_target_default(T_DEPT_MASTER), 35);
	assert_string_equal(config_target_key(T_DEPT_MASTER), "dept_master");
	assert_null(config_target_key(TARGET_COUNT));
	assert_int_equal(config_target(f->c, NULL, -1), -1);
}

static void test_province_targets_override_the_defaults(void **state)
{
	fx *f = *state;
	put(f, "canbo.ini",
	    "[province]\ncode = 80\nname = Tỉnh Long An\n"
	    "[targets]\nmanaged_women = 22\n");
	load_ok(f);
	assert_int_equal(config_target(f->c, NULL, T_MANAGED_WOMEN), 22);
	assert_int_equal(config_target(f->c, config_district(f->c, "794"), T_MANAGED_WOMEN), 22);
	assert_int_equal(config_target(f->c, NULL, T_DEPT_MASTER), 35);
}

static void test_district_targets_override_the_province(void **state)
{
	fx *f = *state;
	put(f, "canbo.ini",
	    "[province]\ncode = 80\nname = Tỉnh Long An\n"
	    "[targets]\nmanaged_women = 22\n");
	put(f, "districts/794.ini",
	    "[district]\ncode = 794\nname = Thành phố Tân An\n"
	    "[communes]\n27685 = Phường 5\n[targets]\nmanaged_women = 25\n");
	load_ok(f);
	assert_int_equal(config_target(f->c, config_district(f->c, "794"), T_MANAGED_WOMEN), 25);
	assert_int_equal(config_target(f->c, config_district(f->c, "795"), T_MANAGED_WOMEN), 22);
	assert_int_equal(config_target(f->c, NULL, T_MANAGED_WOMEN), 22);
}

/* ---- search order ------------------------------------------------------- */

typedef struct env_save {
	char *canbo, *xdg, *home;
} env_save;

static char *env_dup(const char *name)
{
	const char *v = getenv(name);
	return v ? strdup(v) : NULL;
}

static void env_restore_one(const char *name, char *v)
{
	if (v)
		setenv(name, v, 1);
	else
		unsetenv(name);
	free(v);
}

/* The search tests change the environment; it is put back after each. */
static env_save saved_env;

static int env_setup(void **state)
{
	saved_env.canbo = env_dup("CANBO_CONFIG");
	saved_env.xdg = env_dup("XDG_CONFIG_HOME");
	saved_env.home = env_dup("HOME");
	return setup(state);
}

static int env_teardown(void **state)
{
	env_restore_one("CANBO_CONFIG", saved_env.canbo);
	env_restore_one("XDG_CONFIG_HOME", saved_env.xdg);
	env_restore_one("HOME", saved_env.home);
	return teardown(state);
}

/* A directory <base>/<sub> holding a valid two-tier canbo.ini named tag. */
static void make_conf(const char *base, const char *sub, const char *name)
{
	char dir[600], text[300];
	snprintf(dir, sizeof dir, "%s/%s", base, sub);
	for (char *p = dir + strlen(base) + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(dir, 0755);
			*p = '/';
		}
	assert_int_equal(mkdir(dir, 0755), 0);
	snprintf(text, sizeof text,
		 "[province]\ncode = 80\nname = %s\ntiers = 2\n"
		 "[communes]\n27727 = Xã Hưng Điền\n",
		 name);
	assert_int_equal(fixture_write(dir, "canbo.ini", text), 0);
}

static void loaded_name_is(const char *override, const char *name)
{
	cfg *c = NULL;
	cb_error err;
	if (config_load(&c, override, &err))
		fail_msg("%s", err.msg);
	assert_string_equal(c->units[0].name, name);
	config_free(c);
}

static void test_search_prefers_config_option_then_env_then_xdg(void **state)
{
	fx *f = *state;
	char opt[400], env[400], xdg[400];
	make_conf(f->dir, "opt", "Tỉnh Một");
	make_conf(f->dir, "env", "Tỉnh Hai");
	make_conf(f->dir, "xdg/canbo", "Tỉnh Ba");
	snprintf(opt, sizeof opt, "%s/opt", f->dir);
	snprintf(env, sizeof env, "%s/env", f->dir);
	snprintf(xdg, sizeof xdg, "%s/xdg", f->dir);
	setenv("CANBO_CONFIG", env, 1);
	setenv("XDG_CONFIG_HOME", xdg, 1);
	loaded_name_is(opt, "Tỉnh Một");
	loaded_name_is(NULL, "Tỉnh Hai");
	unsetenv("CANBO_CONFIG");
	loaded_name_is(NULL, "Tỉnh Ba");
	loaded_name_is("", "Tỉnh Ba");
}

static void test_search_uses_home_config_without_xdg(void **state)
{
	fx *f = *state;
	make_conf(f->dir, ".config/canbo", "Tỉnh Bốn");
	unsetenv("CANBO_CONFIG");
	unsetenv("XDG_CONFIG_HOME");
	setenv("HOME", f->dir, 1);
	loaded_name_is(NULL, "Tỉnh Bốn");
}

static void test_search_ignores_home_config_when_xdg_is_set(void **state)
{
	fx *f = *state;
	char xdg[400], home[400];
	cfg *c = NULL;
	cb_error err;
	snprintf(xdg, sizeof xdg, "%s/xdg", f->dir);
	snprintf(home, sizeof home, "%s/home", f->dir);
	mkdir(xdg, 0755);
	make_conf(f->dir, "home/.config/canbo", "Tỉnh Năm");
	unsetenv("CANBO_CONFIG");
	setenv("XDG_CONFIG_HOME", xdg, 1); /* set, but no canbo/ in it */
	setenv("HOME", home, 1);
	int rc = config_load(&c, NULL, &err);
	if (rc == CB_OK) { /* a system-wide configuration exists here */
		assert_string_not_equal(c->units[0].name, "Tỉnh Năm");
		config_free(c);
		return;
	}
	assert_int_equal(rc, CB_ECONFIG);
	assert_has(err.msg, "xdg/canbo");
	assert_has(err.msg, CANBO_SYSCONFDIR "/canbo");
}

static void test_named_dir_without_canbo_ini_is_an_error_not_a_fallback(void **state)
{
	fx *f = *state;
	char empty[400], xdg[400];
	cfg *c = NULL;
	cb_error err;
	make_conf(f->dir, "xdg/canbo", "Tỉnh Ba");
	snprintf(empty, sizeof empty, "%s/empty", f->dir);
	snprintf(xdg, sizeof xdg, "%s/xdg", f->dir);
	mkdir(empty, 0755);
	setenv("XDG_CONFIG_HOME", xdg, 1);
	unsetenv("CANBO_CONFIG");
	assert_int_equal(config_load(&c, empty, &err), CB_ECONFIG);
	assert_null(c);
	assert_has(err.msg, empty);
	assert_has(err.msg, "--config");
	setenv("CANBO_CONFIG", empty, 1);
	assert_int_equal(config_load(&c, NULL, &err), CB_ECONFIG);
	assert_has(err.msg, "$CANBO_CONFIG");
}

/* ---- access ------------------------------------------------------------- */

static const char *me(void)
{
	struct passwd *pw = getpwuid(getuid());
	return pw ? pw->pw_name : "root";
}

static const char *my_group(void)
{
	struct group *gr = getgrgid(getgid());
	return gr ? gr->gr_name : "root";
}

static void test_empty_access_lists_let_everyone(void **state)
{
	fx *f = *state;
	load_ok(f);
	const cfg_district *d = config_district(f->c, "794");
	for (int r = CFG_RIGHT_READ; r <= CFG_RIGHT_VERIFY; r++) {
		assert_true(config_user_may(f->c, NULL, "nguyenvana", r));
		assert_true(config_user_may(f->c, d, "nguyenvana", r));
	}
	assert_false(config_user_may(f->c, d, "", CFG_RIGHT_READ));
	assert_false(config_user_may(f->c, d, "nguyenvana", 7));
}

static void test_listed_users_may_and_others_may_not(void **state)
{
	fx *f = *state;
	put(f, "canbo.ini",
	    "[province]\ncode = 80\nname = Tỉnh Long An\n"
	    "[access]\nread = nguyenvana, tranthib\nedit = tranthib\n");
	load_ok(f);
	assert_true(config_user_may(f->c, NULL, "nguyenvana", CFG_RIGHT_READ));
	assert_false(config_user_may(f->c, NULL, "nguyenvana", CFG_RIGHT_EDIT));
	assert_true(config_user_may(f->c, NULL, "tranthib", CFG_RIGHT_EDIT));
	/* verify list empty: whoever may edit */
	assert_true(config_user_may(f->c, NULL, "tranthib", CFG_RIGHT_VERIFY));
	assert_false(config_user_may(f->c, NULL, "nguyenvana", CFG_RIGHT_VERIFY));
	assert_false(config_user_may(f->c, NULL, "levanc", CFG_RIGHT_READ));
}

static void test_editors_and_verifiers_may_read(void **state)
{
	fx *f = *state;
	put(f, "canbo.ini",
	    "[province]\ncode = 80\nname = Tỉnh Long An\n"
	    "[access]\nread = nguyenvana\nedit = tranthib\nverify = levanc\n");
	load_ok(f);
	assert_true(config_user_may(f->c, NULL, "tranthib", CFG_RIGHT_READ));
	assert_true(config_user_may(f->c, NULL, "levanc", CFG_RIGHT_READ));
	assert_false(config_user_may(f->c, NULL, "levanc", CFG_RIGHT_EDIT));
	assert_false(config_user_may(f->c, NULL, "tranthib", CFG_RIGHT_VERIFY));
}

static void test_group_members_hold_the_group_right(void **state)
{
	fx *f = *state;
	char text[400];
	snprintf(text, sizeof text,
		 "[province]\ncode = 80\nname = Tỉnh Long An\n"
		 "[access]\nread = @%s\nedit = @canbo-no-such-group\n",
		 my_group());
	put(f, "canbo.ini", text);
	load_ok(f);
	assert_true(config_user_may(f->c, NULL, me(), CFG_RIGHT_READ));
	assert_false(config_user_may(f->c, NULL, me(), CFG_RIGHT_EDIT));
	assert_false(config_user_may(f->c, NULL, "canbo-no-such-user", CFG_RIGHT_READ));
}

static void test_district_list_replaces_the_province_list_there(void **state)
{
	fx *f = *state;
	put(f, "canbo.ini",
	    "[province]\ncode = 80\nname = Tỉnh Long An\n"
	    "[access]\nread = tinhuy\n");
	put(f, "districts/794.ini",
	    "[district]\ncode = 794\nname = Thành phố Tân An\n"
	    "[communes]\n27685 = Phường 5\n[access]\nread = tanan\n");
	load_ok(f);
	const cfg_district *d794 = config_district(f->c, "794");
	const cfg_district *d795 = config_district(f->c, "795");
	assert_true(config_user_may(f->c, d794, "tanan", CFG_RIGHT_READ));
	assert_true(config_user_may(f->c, d794, "tinhuy", CFG_RIGHT_READ));
	assert_false(config_user_may(f->c, d795, "tanan", CFG_RIGHT_READ));
	assert_false(config_user_may(f->c, NULL, "tanan", CFG_RIGHT_READ));
	assert_true(config_user_may(f->c, d795, "tinhuy", CFG_RIGHT_READ));
}

/* ---- manifestations ----------------------------------------------------- */

static const char *catalogue_head = "[group.1]\ntitle = Suy thoái về tư tưởng chính trị\n"
				    "[group.2]\ntitle = Suy thoái về đạo đức, lối sống\n"
				    "[group.3]\ntitle = Tự diễn biến, tự chuyển hóa\n";

static void put_catalogue(fx *f, const char *items)
{
	char text[2000];
	snprintf(text, sizeof text, "%s%s", catalogue_head, items);
	put(f, "manifestations.ini", text);
}

static void test_catalogue_is_ordered_by_group_then_number(void **state)
{
	fx *f = *state;
	manifestation *m;
	size_t n;
	char titles[CFG_MANIF_GROUPS][CFG_MANIF_TITLE_MAX];
	put_catalogue(f, "[item.2.10]\ncode = 2.10\n"
			 "[item.2.2]\ncode = 2.2\ntext = \"Một; hai\"\n"
			 "[item.1.1]\ncode = 1.1\ntext =\n");
	load_ok(f);
	if (config_manifestations_load(f->c, &m, &n, titles, &f->err))
		fail_msg("%s", f->err.msg);
	assert_int_equal(n, 3);
	assert_string_equal(m[0].code, "1.1");
	assert_string_equal(m[1].code, "2.2");
	assert_string_equal(m[1].text, "Một; hai");
	assert_int_equal(m[1].group, 2);
	assert_string_equal(m[2].code, "2.10");
	assert_string_equal(titles[0], "Suy thoái về tư tưởng chính trị");
	free(m);
}

static void test_catalogue_with_a_repeated_code_is_refused(void **state)
{
	fx *f = *state;
	put_catalogue(f, "[item.1.1]\ncode = 1.1\n[item.1.2]\ncode = 1.1\n");
	const char *msg = load_fails(f); /* checked at start when present */
	assert_has(msg, "manifestations.ini");
	assert_has(msg, "item.1.2:code");
}

static void test_catalogue_without_a_group_title_is_refused(void **state)
{
	fx *f = *state;
	put(f, "manifestations.ini", "[group.1]\ntitle = Một\n[group.3]\ntitle = Ba\n");
	assert_has(load_fails(f), "missing required key group.2:title");
}

static void test_catalogue_with_a_fourth_group_is_refused(void **state)
{
	fx *f = *state;
	put_catalogue(f, "[group.4]\ntitle = Bốn\n");
	const char *msg = load_fails(f);
	assert_has(msg, "manifestations.ini");
	assert_has(msg, "[group.4]");
}

static void test_catalogue_named_in_canbo_ini_must_exist(void **state)
{
	fx *f = *state;
	put(f, "canbo.ini",
	    "[province]\ncode = 80\nname = Tỉnh Long An\n"
	    "[files]\nmanifestations = bieu-hien.ini\n");
	const char *msg = load_fails(f);
	assert_has(msg, "bieu-hien.ini");
	assert_has(msg, "cannot read");
}

static void test_catalogue_item_text_over_511_bytes_is_refused(void **state)
{
	fx *f = *state;
	char items[900];
	snprintf(items, sizeof items, "[item.1.1]\ncode = 1.1\ntext = %0600d\n", 7);
	put_catalogue(f, items);
	const char *msg = load_fails(f);
	assert_has(msg, "item.1.1:text");
	assert_has(msg, "511");
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
#define E(name) cmocka_unit_test_setup_teardown(name, env_setup, env_teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_long_an_has_15_districts_and_186_communes),
		cmocka_unit_test(test_long_an_units_are_in_preorder_by_district_code),
		cmocka_unit_test(test_long_an_unit_kinds_come_from_names),
		cmocka_unit_test(test_long_an_keeps_the_gso_spelling_nhon_hoa),
		cmocka_unit_test(test_unit_lookups_find_codes_and_their_district),
		cmocka_unit_test(test_long_an_tan_an_tightens_the_women_target),
		cmocka_unit_test(test_tay_ninh_is_two_tiers_with_96_communes),
		cmocka_unit_test(test_shipped_catalogue_has_3_groups_of_9_unfilled_items),
		T(test_unreadable_province_file_is_reported_with_its_path),
		T(test_unreadable_district_file_is_reported_with_its_path),
		T(test_line_without_equals_is_a_syntax_error_with_line),
		T(test_unclosed_section_header_is_a_syntax_error),
		T(test_empty_section_header_is_a_syntax_error),
		T(test_key_before_any_section_is_a_syntax_error),
		T(test_comment_ending_in_backslash_is_a_syntax_error),
		T(test_key_given_twice_names_both_lines),
		T(test_unquoted_semicolon_in_value_is_refused),
		T(test_text_after_closing_quote_is_refused),
		T(test_quoted_value_keeps_its_semicolon),
		T(test_values_read_as_written),
		T(test_people_logins_keep_their_case),
		T(test_byte_order_mark_is_refused),
		T(test_overlong_line_is_refused),
		T(test_unknown_section_lists_the_expected_ones),
		T(test_unknown_key_lists_the_expected_ones),
		T(test_target_that_is_not_a_number_is_refused),
		T(test_target_of_140_percent_is_out_of_range),
		T(test_long_bad_value_is_cut_so_the_reason_still_shows),
		T(test_two_tiers_have_no_third_label),
		T(test_octal_looking_target_is_read_as_decimal),
		T(test_five_tiers_are_out_of_range),
		T(test_missing_province_code_is_reported),
		T(test_missing_province_name_is_reported),
		T(test_missing_district_name_is_reported),
		T(test_commune_code_in_two_districts_names_both_files),
		T(test_district_code_must_match_its_file_name),
		T(test_commune_code_must_have_5_digits),
		T(test_district_without_communes_is_refused),
		T(test_name_without_known_prefix_needs_a_kind),
		T(test_explicit_kinds_are_used),
		T(test_kind_for_an_unlisted_commune_is_refused),
		T(test_communes_in_a_three_tier_province_file_are_refused),
		T(test_three_tiers_without_district_files_are_refused),
		T(test_district_files_in_a_two_tier_province_are_refused),
		T(test_age_bands_must_ascend),
		T(test_age_bands_and_range_are_read),
		T(test_age_min_above_max_is_refused),
		T(test_ui_lang_must_be_vi_or_en),
		T(test_ui_settings_inherit_unless_a_district_sets_them),
		T(test_access_list_with_a_bad_name_is_refused),
		T(test_paths_are_resolved_against_the_config_dir),
		T(test_invalid_utf8_in_a_name_is_refused),
		T(test_decomposed_name_is_stored_composed),
		T(test_keys_and_sections_are_case_insensitive),
		T(test_targets_default_to_the_resolution),
		T(test_province_targets_override_the_defaults),
		T(test_district_targets_override_the_province),
		E(test_search_prefers_config_option_then_env_then_xdg),
		E(test_search_uses_home_config_without_xdg),
		E(test_search_ignores_home_config_when_xdg_is_set),
		E(test_named_dir_without_canbo_ini_is_an_error_not_a_fallback),
		T(test_empty_access_lists_let_everyone),
		T(test_listed_users_may_and_others_may_not),
		T(test_editors_and_verifiers_may_read),
		T(test_group_members_hold_the_group_right),
		T(test_district_list_replaces_the_province_list_there),
		T(test_catalogue_is_ordered_by_group_then_number),
		T(test_catalogue_with_a_repeated_code_is_refused),
		T(test_catalogue_without_a_group_title_is_refused),
		T(test_catalogue_with_a_fourth_group_is_refused),
		T(test_catalogue_named_in_canbo_ini_must_exist),
		T(test_catalogue_item_text_over_511_bytes_is_refused),
		T(test_report_settings_are_read_and_checked),
		T(test_shipped_configuration_rounds_to_one_decimal),
	};
#undef T
#undef E
	return cmocka_run_group_tests(tests, NULL, NULL);
}
