/* test_config_codes.c - a unit code used twice anywhere in the
 * configuration is refused with the file and line of the second use and
 * the unit and file of the first, whichever files they are in; every code
 * is found again by config_unit_index. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/stat.h>

#include "config.h"
#include "fixture.h"

static char dir[256];

static void write_config(const char *d794, const char *d795)
{
	char sub[300];
	assert_non_null(fixture_tmpdir(dir, sizeof dir));
	snprintf(sub, sizeof sub, "%s/districts", dir);
	assert_int_equal(mkdir(sub, 0755), 0);
	assert_int_equal(
		fixture_write(dir, "canbo.ini", "[province]\ncode = 80\nname = Tỉnh Long An\n"), 0);
	assert_int_equal(fixture_write(dir, "districts/794.ini", d794), 0);
	assert_int_equal(fixture_write(dir, "districts/795.ini", d795), 0);
}

static const char *load_fails(void)
{
	static cb_error err;
	cfg *c = NULL;
	assert_int_equal(config_load_dir(&c, dir, &err), CB_ECONFIG);
	assert_null(c);
	return err.msg;
}

static void assert_has(const char *msg, const char *part)
{
	if (!strstr(msg, part))
		fail_msg("\"%s\" not in message: %s", part, msg);
}

static void test_commune_code_in_two_districts_names_both(void **state)
{
	(void)state;
	write_config("[district]\ncode = 794\nname = Thành phố Tân An\n[communes]\n"
		     "27685 = Phường 5\n27691 = Phường 4\n",
		     "[district]\ncode = 795\nname = Thị xã Kiến Tường\n[communes]\n"
		     "27787 = Phường 1\n27691 = Xã Thạnh Trị\n");
	const char *msg = load_fails();
	assert_has(msg, "795.ini:6: communes:27691: unit code 27691 is already used by Phường 4");
	assert_has(msg, "794.ini");
	fixture_rmtree(dir);
}

/* Codes out of order in the files, sorted for the lookups as added. */
static void test_every_code_found_whatever_the_file_order(void **state)
{
	(void)state;
	cfg *c = NULL;
	cb_error err;
	write_config("[district]\ncode = 794\nname = Thành phố Tân An\n[communes]\n"
		     "27703 = Xã Hướng Thọ Phú\n27685 = Phường 5\n27691 = Phường 4\n",
		     "[district]\ncode = 795\nname = Thị xã Kiến Tường\n[communes]\n"
		     "27790 = Xã Thạnh Trị\n27787 = Phường 1\n");
	if (config_load_dir(&c, dir, &err))
		fail_msg("%s", err.msg);
	assert_int_equal(c->unit_count, 8);
	for (size_t i = 0; i < c->unit_count; i++)
		assert_int_equal(config_unit_index(c, c->units[i].code), (int)i);
	assert_string_equal(c->units[config_unit_index(c, "27685")].name, "Phường 5");
	assert_int_equal(config_unit_index(c, "27686"), -1);
	assert_int_equal(config_unit_index(c, "7"), -1);
	config_free(c);
	fixture_rmtree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_commune_code_in_two_districts_names_both),
		cmocka_unit_test(test_every_code_found_whatever_the_file_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
