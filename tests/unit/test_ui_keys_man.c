/* test_ui_keys_man.c - the SCREENS section committed in man/canbo.1 is
 * exactly what the key table writes (`make man`), and it names every
 * context that binds a key and every key of the table. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "i18n.h"
#include "ui_keys.h"

static char *generated(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	ui_keys_man_section(f);
	fclose(f);
	return buf;
}

/* The lines of the committed page between the markers (markers left out). */
static char *committed(void)
{
	const char *dir = getenv("CANBO_SOURCE_DIR");
	char path[4096], line[4096];
	char *buf = NULL;
	size_t len = 0;
	FILE *page, *out = open_memstream(&buf, &len);
	int state = 0;

	snprintf(path, sizeof path, "%s/man/canbo.1", dir ? dir : ".");
	page = fopen(path, "r");
	assert_non_null(page);
	assert_non_null(out);
	while (fgets(line, sizeof line, page)) {
		if (state == 0 && strncmp(line, ".\\\" BEGIN SCREENS", 17) == 0) {
			state = 1;
			continue;
		}
		if (state == 1 && strncmp(line, ".\\\" END SCREENS", 15) == 0) {
			state = 2;
			break;
		}
		if (state == 1)
			fputs(line, out);
	}
	fclose(page);
	fclose(out);
	assert_int_equal(state, 2);
	return buf;
}

static void test_committed_section_is_the_generated_one(void **state)
{
	char *want = generated(), *have = committed();
	(void)state;
	if (strcmp(want, have) != 0)
		fail_msg(
			"man/canbo.1's SCREENS section differs from the key table: run `make man`");
	free(want);
	free(have);
}

static void test_section_names_every_screen_and_key(void **state)
{
	char *text = generated();
	size_t n;
	const ui_binding *t = ui_keys_table(&n);
	(void)state;
	assert_non_null(strstr(text, ".SH SCREENS\n"));
	assert_non_null(strstr(text, ".SS Cadre list\n"));
	assert_non_null(strstr(text, ".SS Breakdowns and targets\n"));
	assert_non_null(strstr(text, "\n.B F1, ?\nShow the keys of this screen\n"));
	assert_non_null(strstr(text, "Ctrl\\-L"));
	for (size_t i = 0; i < n; i++) {
		char want[512];
		snprintf(want, sizeof want, "\n%s\n", ui_action_help(t[i].action));
		if (!strstr(text, want))
			fail_msg("no line for %s", ui_action_help(t[i].action));
	}
	assert_null(strstr(text, "\n.SS \n"));
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_committed_section_is_the_generated_one),
		cmocka_unit_test(test_section_names_every_screen_and_key),
	};
	i18n_init("en");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
