/* find.c - the search of a list that has no query of its own (party
 * organisations, action plans, the monthly self-check): what is typed at
 * the list jumps to the first row containing it, with or without
 * diacritics.
 *
 * Guarantees: only typed characters, Backspace and Ctrl-U touch the
 * search, so a name typed at such a list never reaches an action; Esc
 * clears a search before it goes back; the rows are never changed, only
 * the selection moves.
 */
#include "ui_list.h"
#include "ui_view.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "text.h"

void ui_find_init(ui_find *f)
{
	ui_line_init(&f->line, sizeof f->text - 1);
	f->text[0] = '\0';
	f->miss = false;
}

bool ui_find_active(const ui_find *f)
{
	return f->text[0] != '\0';
}

int ui_find_key(ui_find *f, int action, ui_key key, bool *changed)
{
	bool ch = false;

	*changed = false;
	if (action == UI_ACT_BACK && ui_find_active(f)) {
		action = UI_ACT_CLEAR; /* Esc clears the search first */
	} else if (!(action == UI_ACT_NONE && ui_key_is_text(key)) && action != UI_ACT_BACKSPACE &&
		   action != UI_ACT_CLEAR) {
		return UI_UNHANDLED;
	}
	ui_line_key(&f->line, UI_ACT_LINE_END, 0, NULL);
	if (ui_line_key(&f->line, action, key, &ch) != UI_HANDLED)
		return UI_UNHANDLED;
	ui_line_get(&f->line, f->text, sizeof f->text);
	*changed = ch;
	return UI_HANDLED;
}

bool ui_find_matches(const ui_find *f, const char *label)
{
	char q[sizeof f->text * 2], l[1024];

	if (!ui_find_active(f))
		return true;
	text_fold(f->text, q, sizeof q);
	text_fold(label ? label : "", l, sizeof l);
	return strstr(l, q) != NULL;
}

bool ui_find_jump(ui_find *f, ui_list *list, const void *rows, size_t n, size_t size,
		  const char *(*text_of)(const void *row))
{
	const unsigned char *r = rows;
	size_t i;

	f->miss = false;
	if (!ui_find_active(f))
		return true;
	for (i = 0; i < n; i++)
		if (ui_find_matches(f, text_of(r + i * size)))
			break;
	if (i == n) {
		f->miss = true; /* said on the status line; the selection stays */
		return false;
	}
	ui_list_move(list, UI_ACT_HOME);
	for (size_t k = 0; k < i; k++)
		ui_list_move(list, UI_ACT_DOWN);
	return true;
}

void ui_find_status(const ui_find *f, char *buf, size_t cap)
{
	size_t len = strlen(buf);

	if (ui_find_active(f) && len < cap)
		snprintf(buf + len, cap - len, "   %s %s%s", _("Search:"), f->text,
			 f->miss ? _(" (nothing matches)") : "");
}
