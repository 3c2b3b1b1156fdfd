/* keys_man.c - the SCREENS section of canbo(1), written from the key table
 * as the help screen is (keys.c): each context, its own keys grouped by
 * action, the contexts it also takes keys from. `make man` puts it into
 * man/canbo.1 between its markers and a unit test checks that the page
 * holds exactly what the table says, so the two cannot drift apart.
 *
 * Guarantees: the text is the English of the table (call i18n_init("en")
 * first); letters beyond ASCII are written \[uXXXX], as the rest of the
 * page is, so groff and mandoc read it alike in any locale.
 */
#include "ui_keys.h"

#include <stdio.h>
#include <string.h>

/* Writes s escaped for roff: backslashes, a leading dot or quote,
 * non-ASCII letters, and in key names the hyphen as the minus sign it is
 * ("Ctrl\-L", which a reader may search and paste). */
static void roff(FILE *f, const char *s, bool key)
{
	const unsigned char *p = (const unsigned char *)s;

	if (*p == '.' || *p == '\'')
		fputs("\\&", f);
	while (*p) {
		unsigned cp = *p;
		int extra = cp >= 0xF0 ? 3 : cp >= 0xE0 ? 2 : cp >= 0xC0 ? 1 : 0;
		if (extra) {
			cp &= 0x3F >> extra;
			for (int k = 0; k < extra && (p[1] & 0xC0) == 0x80; k++)
				cp = cp << 6 | (*++p & 0x3F);
			fprintf(f, "\\[u%04X]", cp);
		} else if (cp == '\\') {
			fputs("\\e", f);
		} else if (cp == '-' && key) {
			fputs("\\-", f);
		} else {
			fputc((int)cp, f);
		}
		p++;
	}
}

/* The keys of one action in context ctx, "F1, ?", in table order. */
static void action_keys(const ui_binding *t, size_t n, int ctx, int action, char *buf, size_t cap)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (t[i].ctx != ctx || t[i].action != action)
			continue;
		/* the same label twice (Enter as \n and \r) is one key */
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = t[j].ctx == ctx && t[j].action == action &&
			       strcmp(t[j].label, t[i].label) == 0;
		if (!seen && len < cap)
			len += (size_t)snprintf(buf + len, cap - len, "%s%s", len ? ", " : "",
						t[i].label);
	}
}

void ui_keys_man_section(FILE *f)
{
	size_t n;
	const ui_binding *t = ui_keys_table(&n);
	char keys[128];

	fputs(".SH SCREENS\n"
	      "The keys of each screen, as\n.B F1\nlists them there. A screen also takes the\n"
	      "keys of the screens named after \\(lqalso\\(rq, unless it binds the same key\n"
	      "itself; where text is typed, a letter is always text.\n",
	      f);
	for (int ctx = 0; ctx < UI_CTX_COUNT; ctx++) {
		bool any = false;
		for (size_t i = 0; i < n && !any; i++)
			any = t[i].ctx == ctx;
		if (!any)
			continue;
		fputs(".SS ", f);
		roff(f, ui_context_name(ctx), false);
		fputc('\n', f);
		if (ui_context_parent(ctx) >= 0) {
			fputs("Also: ", f);
			for (int c = ui_context_parent(ctx); c >= 0; c = ui_context_parent(c)) {
				roff(f, ui_context_name(c), false);
				fputs(ui_context_parent(c) >= 0 ? "; " : ".\n", f);
			}
		}
		for (size_t i = 0; i < n; i++) {
			bool first = true;
			if (t[i].ctx != ctx)
				continue;
			for (size_t j = 0; j < i && first; j++)
				first = !(t[j].ctx == ctx && t[j].action == t[i].action);
			if (!first)
				continue;
			action_keys(t, n, ctx, t[i].action, keys, sizeof keys);
			fputs(".TP\n.B ", f);
			roff(f, keys, true);
			fputc('\n', f);
			roff(f, ui_action_help(t[i].action), false);
			fputc('\n', f);
		}
	}
}
