/* ui_line.h - the line editor: one line of wide text, as typed in the
 * search line, the form fields, the input dialog and type-to-search.
 *
 * Included by ui_list.h (ui_find holds one, so every list has it), by
 * form.c and line.c, and by a screen with a search line of its own (the
 * cadre list, screen_cadres.h).
 */
#ifndef CANBO_UI_LINE_H
#define CANBO_UI_LINE_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include <curses.h>

#include "ui_keys.h"

#define UI_LINE_MAX 2048 /* characters */

typedef struct ui_line {
	wchar_t buf[UI_LINE_MAX + 1];
	int len, cur, scroll; /* characters; scroll = first shown */
	size_t max_bytes;     /* UTF-8 bytes accepted (cap - 1 of the target) */
} ui_line;

void ui_line_init(ui_line *l, size_t max_bytes);
/* Sets the text; false (and unchanged) if invalid UTF-8 or too long. */
bool ui_line_set(ui_line *l, const char *utf8);
/* Writes the UTF-8 text; returns its length (like snprintf). */
size_t ui_line_get(const ui_line *l, char *out, size_t cap);
/* Applies an editing action or a typed character. Returns UI_HANDLED if it
 * used the key (*changed tells whether the text changed), UI_UNHANDLED
 * otherwise. A character that would make the text longer than max_bytes
 * is refused with a message on the status line. */
int ui_line_key(ui_line *l, int action, ui_key key, bool *changed);
/* Draws the line in `width` columns (scrolled so the cursor shows) and,
 * with focus, puts the terminal cursor there. */
void ui_line_draw(ui_line *l, WINDOW *w, int y, int x, int width, int role, bool focus);

#endif
