/* man_keys.c - `make man`: rewrites the SCREENS section of canbo(1) from
 * the key table. Reads the page on standard input and writes it on
 * standard output with everything between the BEGIN SCREENS and END
 * SCREENS comment lines replaced by ui_keys_man_section's text (in
 * English, the page's language). Exit status 1 when the markers are
 * missing. Not part of canbo: built and run by the Makefile only. */
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "ui_keys.h"

#define BEGIN_MARK ".\\\" BEGIN SCREENS"
#define END_MARK   ".\\\" END SCREENS"

int main(void)
{
	char line[4096];
	int state = 0; /* 0 before, 1 inside, 2 after the section */

	i18n_init("en");
	while (fgets(line, sizeof line, stdin)) {
		if (state == 0 && strncmp(line, BEGIN_MARK, strlen(BEGIN_MARK)) == 0) {
			fputs(line, stdout);
			ui_keys_man_section(stdout);
			state = 1;
		} else if (state == 1 && strncmp(line, END_MARK, strlen(END_MARK)) == 0) {
			fputs(line, stdout);
			state = 2;
		} else if (state != 1) {
			fputs(line, stdout);
		}
	}
	if (state != 2) {
		fprintf(stderr, "man_keys: no '%s' ... '%s' lines in the page\n", BEGIN_MARK,
			END_MARK);
		return 1;
	}
	return 0;
}
