/* ui_internal.h - what the files of src/ui share between themselves and
 * no screen needs: start-up of the drawing layer, the key reader, the
 * frame trace, the help view, the main menu.
 */
#ifndef CANBO_UI_INTERNAL_H
#define CANBO_UI_INTERNAL_H

#include "ui_form.h"
#include "ui_view.h"

/* draw.c */
void ui_draw_init_locale(void);
void ui_draw_set_ascii(bool on);
void ui_draw_init_colors(int color_mode);

/* ui_main.c */
/* Reads one key (get_wch), handling KEY_RESIZE and a lost terminal:
 * returns UI_KEY_NONE when there is none within timeout_ms (-1 = wait) or
 * when the program must stop. */
ui_key ui_read_key(int timeout_ms);
/* Draws everything after a resize or a modal dialog: every view of the
 * stack from the top one down (only the top is visible), title, status,
 * key bar (no doupdate). */
void ui_draw_all(void);
/* The transient status message, "" if none. */
const char *ui_flash_text(int *role);
void ui_flash_clear(void);
/* Sets the quit flag (F10, last view closed). */
void ui_request_quit(void);
/* Installs the SIGHUP/SIGTERM/SIGINT handlers (flag only). */
void ui_signals_install(void);
/* The cursor position asked for by the last draw (-1 none); shows the
 * terminal cursor if one was asked for. For modal loops. */
void ui_cursor_get(int *y, int *x);
/* Hides the terminal cursor and forgets the position. */
void ui_cursor_hide(void);
/* The "terminal too small" screen. */
void ui_draw_too_small(void);

/* form_draft.c: every form is tracked from ui_form_new to ui_form_free */
void ui_form_track(ui_form *f);
void ui_form_untrack(ui_form *f);
/* Keeps every changed form (the terminal is going away). */
void ui_drafts_keep_all(void);
/* Offers the drafts kept by earlier sessions of this user. */
void ui_drafts_offer(app *a);

/* keys.c help view */
int ui_help_open(int ctx);

/* screen_menu.c */
int screen_menu_open(app *a);

/* view.c */
void ui_view_set_app(app *a);
/* Returns and clears the full-redraw request. */
bool ui_take_invalidate(void);
/* Removes one view wherever it is in the stack (close, free, reveal). */
void ui_view_remove(ui_view *v);

#endif
