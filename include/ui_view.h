/* ui_view.h - the terminal framework every screen of canbo stands on:
 * views, the view stack, the frame, the status line.
 *
 * The UI is a stack of views. A view is a struct of function pointers
 * (ui_view_ops: draw, key, resize, close, ...) plus its own state; the main
 * loop knows only the ops. Most screens are not written against the ops
 * directly: a list is a ui_listview (ui_listview.h) and a form that edits
 * a record is a form view (ui_form.h); both make the ops themselves.
 *
 * The framework draws the title, status and key bar, batches everything
 * with wnoutrefresh and one doupdate per key, and never clears the
 * terminal on a keystroke (few bytes per key).
 *
 * Data comes only through the core API (store.h, search.h, filter.h ...):
 * no SQL in the UI.
 *
 * Included by every file of src/ui that makes a view or runs a modal
 * loop; it brings ui_keys.h (the actions a view receives) and ui_draw.h
 * (what a view draws with).
 */
#ifndef CANBO_UI_VIEW_H
#define CANBO_UI_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "app.h"
#include "ui_draw.h"
#include "ui_keys.h"

/* ======================================================================
 * Views and the view stack
 * ====================================================================== */

typedef struct ui_view ui_view;

/* What a key handler returns. */
enum ui_key_result {
	UI_UNHANDLED = 0, /* the framework applies the global meaning (help, back, quit) */
	UI_HANDLED,	  /* done; the view redraws what it marked dirty */
	UI_CLOSE,	  /* pop this view (after its close op) */
};

typedef struct ui_view_ops {
	const char *name; /* stable, for traces and tests: "cadres", "cadre" */
	int context;	  /* initial key context (enum ui_context) */
	/* Title shown on the top row (translated). NULL op = the screen name. */
	const char *(*title)(ui_view *v);
	/* Draws the body (ui_body()). full=false: redraw only what changed
	 * since the last draw (the view keeps track); full=true: everything
	 * (after a resize, a dialog, a view popped above it). */
	void (*draw)(ui_view *v, bool full);
	/* One key: action is what the key means in v->ctx (UI_ACT_NONE if
	 * nothing, e.g. a typed letter in a text context). */
	int (*key)(ui_view *v, int action, ui_key key);
	/* The terminal changed size; a full draw follows. NULL = nothing. */
	void (*resize)(ui_view *v);
	/* Fills the status line (matches, filter, position). NULL = empty. */
	void (*status)(ui_view *v, char *buf, size_t cap);
	/* Called when nothing is typed for a moment (e.g. count matches).
	 * Returns true if it changed something to draw. NULL = nothing. */
	bool (*idle)(ui_view *v);
	/* True if leaving would lose typed changes (the framework then asks
	 * before quitting). NULL = never. */
	bool (*dirty)(ui_view *v);
	/* The terminal is gone (SIGHUP/SIGTERM): keep unsaved work that is not
	 * in a ui_form (every ui_form is kept by the framework already, see
	 * ui_form_set_draft). NULL = nothing to keep. */
	void (*hangup)(ui_view *v);
	/* A view above this one was popped; reload what may have changed
	 * (e.g. a record edited). NULL = nothing. Followed by a full draw. */
	void (*reveal)(ui_view *v);
	/* Frees the view's state (not the view itself). */
	void (*close)(ui_view *v);
} ui_view_ops;

struct ui_view {
	const ui_view_ops *ops;
	void *state; /* the screen's own data */
	app *app;
	int ctx; /* current key context; a view may switch it (search mode) */
};

/* Pushes a new view (the framework owns the ui_view; state is the screen's,
 * freed by ops->close). Returns the view, or NULL if out of memory (state is
 * then closed). The new view is drawn in full on the next frame. */
ui_view *ui_view_push(const ui_view_ops *ops, void *state);
/* Pops (closes and frees) the top view; the one below is revealed. */
void ui_view_pop(void);
/* The top view, the depth of the stack, the view at depth i (0 = bottom). */
ui_view *ui_view_top(void);
size_t ui_view_depth(void);
ui_view *ui_view_at(size_t i);
/* Pops every view above `v` (for "back to the list"). */
void ui_view_pop_to(ui_view *v);
/* Closes every view (teardown, and tests). */
void ui_view_clear(void);
/* Asks for a full redraw of everything on the next frame. */
void ui_invalidate(void);

/* The application the UI runs on. */
app *ui_app(void);

/* ======================================================================
 * Status line, cursor, modal loops, the frame
 * ====================================================================== */

/* Where the terminal cursor should be shown after this frame (a text
 * field being edited); without a call in a frame the cursor is hidden. */
void ui_set_cursor(int y, int x);

/* Status line: a transient message shown until the next key (a save, an
 * error); role UI_ERROR for errors. The view's status op fills it otherwise. */
void ui_flash(int role, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* True once SIGHUP/SIGTERM arrived or the terminal went away: every loop
 * must unwind (the main loop then keeps drafts and exits). */
bool ui_should_quit(void);

/* Non-zero when a key is waiting to be read or the program must stop: the
 * should_stop of a long read that must give way to the keyboard
 * (search_count_cancellable). ctx is unused. Never reads the key. */
int ui_input_waiting(void *ctx);

/* Reads one key for a modal loop (handles resize by redrawing the stack
 * and calling redraw(ctx) so the dialog draws itself again on top).
 * Returns UI_KEY_NONE when the program must stop (ui_should_quit). */
ui_key ui_modal_key(void (*redraw)(void *ctx), void *ctx);

/* ui_main (app.h) runs everything. These are for modal loops and tests. */

/* Draws a frame: the top view (full or changed parts), title, status, key
 * bar; then one doupdate. The view is drawn in full after ui_invalidate,
 * and whenever the top view or its title differs from the last frame. */
void ui_frame(void);
/* Applies the framework meaning of an unhandled action (help, back, quit). */
void ui_default_action(ui_view *v, int action);

#endif
