/* ui_main.c - start-up, the main loop, signals, resize and teardown of the
 * terminal UI.
 *
 * Guarantees:
 * - Signal handlers (SIGHUP, SIGTERM, SIGINT) only set a flag. The loop
 *   sees it (a blocking read waits in slices of a second, and returns
 *   early when interrupted or when the terminal is gone), asks every view
 *   to keep unsaved work as a draft, restores the terminal and returns normally: nothing is
 * half-written.
 * - One doupdate per key; the terminal is never cleared on a keystroke
 *   (only Ctrl-L repaints), so a key costs only the cells that changed.
 * - A resize at any moment is applied to every view of the stack; below
 *   UI_MIN_COLS x UI_MIN_ROWS only "terminal too small" is drawn, and the
 *   screen comes back when the terminal grows again.
 * - CANBO_TRACE_FRAMES=FILE appends one line per key: the microseconds from
 *   the key being read to the program waiting for the next (its doupdate
 *   done), for the keys of dialogs as for those of the main loop.
 */
#include "ui_view.h"
#include "ui_dialog.h"

#include <errno.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "text.h"
#include "ui_internal.h"

static volatile sig_atomic_t got_signal;
static bool quit_requested;
static bool terminal_lost;
static char flash_msg[512];
static int flash_role;
static int cursor_y = -1, cursor_x = -1;
static int cursor_shown = -1;
static FILE *trace_file;
static bool curses_on;
static bool keep_on_exit; /* keep drafts at exit (lost terminal, F10 when tiny) */

/* ---- signals -------------------------------------------------------- */

static void on_signal(int sig)
{
	got_signal = sig;
}

void ui_signals_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: a blocking read must return */
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

bool ui_should_quit(void)
{
	return got_signal != 0 || terminal_lost || quit_requested;
}

int ui_input_waiting(void *ctx)
{
	struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};

	(void)ctx;
	/* Idle work runs only after a read timed out, so curses holds no
	 * unread key of its own: whatever waits is still in the terminal. */
	return ui_should_quit() || poll(&p, 1, 0) > 0;
}

void ui_request_quit(void)
{
	quit_requested = true;
}

/* ---- status line ---------------------------------------------------- */

void ui_flash(int role, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(flash_msg, sizeof flash_msg, fmt, ap);
	va_end(ap);
	flash_role = role;
}

const char *ui_flash_text(int *role)
{
	if (role)
		*role = flash_role;
	return flash_msg;
}

void ui_flash_clear(void)
{
	flash_msg[0] = '\0';
}

void ui_set_cursor(int y, int x)
{
	cursor_y = y;
	cursor_x = x;
}

void ui_cursor_get(int *y, int *x)
{
	*y = cursor_y;
	*x = cursor_x;
	if (cursor_y >= 0) {
		leaveok(stdscr, FALSE);
		if (cursor_shown != 1)
			curs_set(1);
		cursor_shown = 1;
	}
}

void ui_cursor_hide(void)
{
	cursor_y = cursor_x = -1;
	leaveok(stdscr, TRUE);
	if (cursor_shown != 0)
		curs_set(0);
	cursor_shown = 0;
}

/* ---- keys ----------------------------------------------------------- */

static void apply_resize(void)
{
	for (size_t i = 0; i < ui_view_depth(); i++) {
		ui_view *v = ui_view_at(i);
		if (v->ops->resize)
			v->ops->resize(v);
	}
	ui_invalidate();
}

/* A blocking read waits at most this long at a time. A signal that lands
 * between curses' check for a pending resize and its read() would otherwise
 * go unseen until the next key: a resize not drawn, a hang-up not kept. */
#define READ_SLICE_MS 1000

static long elapsed_ms(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1000L + (t1.tv_nsec - t0->tv_nsec) / 1000000L;
}

/* The key being traced: read at traced_at, written to the trace when the
 * program next waits for a key, so the time covers everything the key
 * caused up to the screen drawn, also when it opened a dialog that reads
 * keys of its own (then the dialog's keys are traced one by one too). */
static ui_key traced_key = UI_KEY_NONE;
static struct timespec traced_at;

static long elapsed_us(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1000000L + (t1.tv_nsec - t0->tv_nsec) / 1000;
}

static void trace_key_done(void)
{
	if (trace_file && traced_key != UI_KEY_NONE) {
		fprintf(trace_file, "key=%d us=%ld\n", traced_key, elapsed_us(&traced_at));
		fflush(trace_file);
	}
	traced_key = UI_KEY_NONE;
}

static ui_key trace_key_read(ui_key k)
{
	if (trace_file && k != UI_KEY_NONE) {
		traced_key = k;
		clock_gettime(CLOCK_MONOTONIC, &traced_at);
	}
	return k;
}

ui_key ui_read_key(int timeout_ms)
{
	bool blocking = timeout_ms < 0;
	struct timespec t0;
	wint_t wc;
	int r;

	trace_key_done();
	for (;;) {
		if (ui_should_quit())
			return UI_KEY_NONE;
		wtimeout(stdscr, blocking ? READ_SLICE_MS : timeout_ms);
		clock_gettime(CLOCK_MONOTONIC, &t0);
		errno = 0;
		r = wget_wch(stdscr, &wc);
		if (r == ERR) {
			if (!blocking || got_signal)
				return UI_KEY_NONE;
			if (errno == EINTR)
				continue;
			/* A slice that ends well before its time, with no signal,
			 * is a read that failed: the terminal went away. */
			if (elapsed_ms(&t0) < READ_SLICE_MS / 2) {
				terminal_lost = true;
				return UI_KEY_NONE;
			}
			continue; /* the slice ran out: read again */
		}
		if (r == KEY_CODE_YES) {
			if (wc == KEY_RESIZE)
				apply_resize();
			return trace_key_read(UI_FKEY((int)wc));
		}
		return trace_key_read((ui_key)wc);
	}
}

ui_key ui_modal_key(void (*redraw)(void *ctx), void *ctx)
{
	for (;;) {
		ui_key k = ui_read_key(-1);
		if (k == UI_KEY_NONE)
			return UI_KEY_NONE;
		if (k != UI_FKEY(KEY_RESIZE) && !ui_too_small())
			return k; /* nothing is answered blind in a tiny terminal */
		if (k != UI_FKEY(KEY_RESIZE))
			continue;
		ui_draw_all();
		if (!ui_too_small() && redraw)
			redraw(ctx);
		doupdate();
	}
}

/* ---- drawing -------------------------------------------------------- */

void ui_draw_too_small(void)
{
	const char *msg = _("Terminal too small");
	char size[64];

	werase(stdscr);
	snprintf(size, sizeof size, "%dx%d < %dx%d", COLS, LINES, UI_MIN_COLS, UI_MIN_ROWS);
	ui_put_short(stdscr, LINES / 2 - (LINES > 1), 0, COLS, msg, UI_WARN);
	if (LINES > 1)
		ui_put_short(stdscr, LINES / 2, 0, COLS, size, UI_NORMAL);
	wnoutrefresh(stdscr);
}

static void draw_title(ui_view *v)
{
	const char *t = v && v->ops->title ? v->ops->title(v) : "";
	app *a = ui_app();
	char left[512];
	const char *right = "";
	int rw;

	if (a && a->config)
		right = app_scope_name(a);
	snprintf(left, sizeof left, " canbo %s %s", ui_glyph(UI_G_HLINE), t);
	rw = text_width(right) + 1;
	if (rw > COLS / 3)
		rw = COLS / 3;
	/* The office's unit gives way to a title that needs the room (it is
	 * usually named in the title then anyway). */
	if (text_width(left) + 1 > COLS - rw)
		rw = 0;
	ui_put(stdscr, 0, 0, COLS - rw, left, UI_TITLE);
	if (rw > 0)
		ui_put(stdscr, 0, COLS - rw, rw, right, UI_TITLE);
}

static void draw_status(ui_view *v)
{
	char buf[512] = "";
	int role = UI_STATUS;

	if (flash_msg[0]) {
		snprintf(buf, sizeof buf, "%s", flash_msg);
		role = flash_role == UI_NORMAL ? UI_STATUS : flash_role;
	} else if (v && v->ops->status) {
		v->ops->status(v, buf, sizeof buf);
	}
	ui_put(stdscr, LINES - 2, 0, COLS, buf, role);
}

static void draw_chrome(ui_view *v)
{
	draw_title(v);
	draw_status(v);
	ui_keys_draw_bar(v ? v->ctx : UI_CTX_GLOBAL);
}

void ui_draw_all(void)
{
	ui_view *v = ui_view_top();

	ui_take_invalidate();
	if (ui_too_small()) {
		ui_draw_too_small();
		return;
	}
	werase(stdscr);
	cursor_y = cursor_x = -1;
	if (v && v->ops->draw)
		v->ops->draw(v, true);
	draw_chrome(v);
	wnoutrefresh(stdscr);
}

static void place_cursor(void)
{
	int want = cursor_y >= 0 ? 1 : 0;

	if (want)
		wmove(stdscr, cursor_y, cursor_x);
	if (want != cursor_shown) {
		curs_set(want);
		cursor_shown = want;
	}
	leaveok(stdscr, want ? FALSE : TRUE);
}

/* Whether the top view shows something else than at the last frame: a
 * different view, or the same one under another title (another year,
 * scope, filter...). Its body is then drawn in full, so that no view can
 * leave the previous screen's rows behind when it forgets to ask. Cheap in
 * bytes: curses sends only the cells that differ from the terminal. */
static bool top_changed(ui_view *v)
{
	static const ui_view *last_view;
	static char last_title[512];
	const char *t = v && v->ops->title ? v->ops->title(v) : "";
	bool changed = v != last_view || strncmp(t, last_title, sizeof last_title - 1) != 0;

	last_view = v;
	snprintf(last_title, sizeof last_title, "%s", t ? t : "");
	return changed;
}

void ui_frame(void)
{
	ui_view *v = ui_view_top();
	bool full = ui_take_invalidate();

	if (top_changed(v))
		full = true;

	if (ui_too_small()) {
		ui_draw_too_small();
		curs_set(0);
		cursor_shown = 0;
		doupdate();
		return;
	}
	if (full)
		werase(stdscr);
	cursor_y = cursor_x = -1;
	if (v && v->ops->draw)
		v->ops->draw(v, full);
	draw_chrome(v);
	place_cursor();
	wnoutrefresh(stdscr);
	doupdate();
}

/* ---- actions -------------------------------------------------------- */

static bool any_dirty(void)
{
	for (size_t i = 0; i < ui_view_depth(); i++) {
		ui_view *v = ui_view_at(i);
		if (v->ops->dirty && v->ops->dirty(v))
			return true;
	}
	return false;
}

void ui_default_action(ui_view *v, int action)
{
	switch (action) {
	case UI_ACT_HELP:
		ui_help_open(v ? v->ctx : UI_CTX_GLOBAL);
		break;
	case UI_ACT_QUIT:
		if (!any_dirty() || ui_confirm(_("Discard the unsaved changes and quit?")))
			ui_request_quit();
		ui_invalidate();
		break;
	case UI_ACT_BACK:
		if (v && v->ops->dirty && v->ops->dirty(v) &&
		    !ui_confirm(_("Discard the unsaved changes?"))) {
			ui_invalidate();
			break;
		}
		if (ui_view_depth() > 1)
			ui_view_remove(v);
		else /* Esc never quits: a few Escs too many must not lose the session */
			ui_flash(UI_NORMAL, _("%s or %s quits canbo."),
				 ui_keys_label_for(UI_CTX_MENU, UI_ACT_QUIT),
				 ui_keys_label_for(UI_CTX_GLOBAL, UI_ACT_QUIT));
		break;
	case UI_ACT_STAY:
		ui_flash(UI_NORMAL, _("%s or %s quits canbo."),
			 ui_keys_label_for(UI_CTX_MENU, UI_ACT_QUIT),
			 ui_keys_label_for(UI_CTX_GLOBAL, UI_ACT_QUIT));
		break;
	case UI_ACT_REDRAW:
		clearok(curscr, TRUE);
		ui_invalidate();
		break;
	default:
		break;
	}
}

/* ---- the loop ------------------------------------------------------- */

/* Hands one key to the top view, then the framework's defaults. */
static void dispatch_key(ui_key k)
{
	ui_view *v = ui_view_top();
	int action, r;

	if (!v)
		return;
	if (k == UI_FKEY(KEY_RESIZE))
		return; /* applied by the reader */
	if (ui_too_small()) {
		/* Nothing can be asked in a tiny terminal: F10 quits keeping
		 * unsaved work as drafts, like a lost connection. */
		if (k == UI_FKEY(KEY_F(10))) {
			keep_on_exit = true;
			ui_request_quit();
		}
		return;
	}
	ui_flash_clear();
	action = ui_keys_action(v->ctx, k);
	r = v->ops->key ? v->ops->key(v, action, k) : UI_UNHANDLED;
	if (r == UI_CLOSE)
		ui_view_remove(v);
	else if (r == UI_UNHANDLED)
		ui_default_action(v, action);
}

/* Runs the idle op of the top view when nothing is typed for a moment. */
static void run_idle(bool *pending)
{
	ui_view *v = ui_view_top();
	struct timespec t0;

	*pending = false;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (v && v->ops->idle && v->ops->idle(v)) {
		ui_frame();
		if (trace_file) {
			fprintf(trace_file, "idle us=%ld\n", elapsed_us(&t0));
			fflush(trace_file);
		}
	}
}

/* How long the keyboard must rest before idle work (counting matches, which
 * can take a few hundred ms at a million rows) runs: long enough that it
 * rarely lands between two keys of a word being typed. */
#define IDLE_MS 200

static void main_loop(void)
{
	bool idle_pending = true;

	while (!ui_should_quit() && ui_view_depth() > 0) {
		ui_key k = ui_read_key(idle_pending ? IDLE_MS : -1);

		if (k == UI_KEY_NONE) {
			if (!ui_should_quit() && idle_pending)
				run_idle(&idle_pending);
			continue;
		}
		dispatch_key(k);
		if (ui_should_quit())
			break;
		ui_frame();
		idle_pending = true;
	}
}

/* Every view keeps its unsaved work (the terminal is going away). */
static void keep_drafts(void)
{
	for (size_t i = ui_view_depth(); i-- > 0;) {
		ui_view *v = ui_view_at(i);
		if (v->ops->hangup)
			v->ops->hangup(v);
	}
	ui_drafts_keep_all();
}

/* Sequences that terminals send for Home/End/Delete/Insert and Shift-Tab
 * whatever their terminfo entry says (tmux and screen send the vt220 forms
 * to programs that run under TERM=xterm, PuTTY and rxvt their own): each
 * is taught to curses unless it already knows it. */
static void define_extra_keys(void)
{
	static const struct {
		const char *seq;
		int key;
	} extra[] = {
		{"\033[1~", KEY_HOME},	{"\033[7~", KEY_HOME}, {"\033[H", KEY_HOME},
		{"\033OH", KEY_HOME},	{"\033[4~", KEY_END},  {"\033[8~", KEY_END},
		{"\033[F", KEY_END},	{"\033OF", KEY_END},   {"\033[3~", KEY_DC},
		{"\033[2~", KEY_IC},	{"\033[Z", KEY_BTAB},  {"\033[5~", KEY_PPAGE},
		{"\033[6~", KEY_NPAGE},
	};
	for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
		if (key_defined(extra[i].seq) == 0)
			define_key(extra[i].seq, extra[i].key);
}

static int curses_start(app *a)
{
	SCREEN *scr;
	int color = CFG_COLOR_AUTO;

	i18n_setlocale();
	i18n_init(i18n_lang()); /* the environment's LC_MESSAGES was set again */
	ui_draw_init_locale();
	ui_signals_install();
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "canbo: %s\n", _("the menus need a terminal; see canbo --help"));
		return CB_EUSAGE;
	}
	scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		fprintf(stderr, "canbo: %s\n", _("this terminal (TERM) is not known"));
		return CB_EUSAGE;
	}
	/* A terminal that cannot place the cursor (TERM=dumb, a printing
	 * terminal) would only be scribbled on; the commands work there. */
	const char *cup = tigetstr("cup");
	if (!cup || cup == (const char *)-1) {
		endwin();
		delscreen(scr);
		fprintf(stderr, "canbo: %s\n",
			_("this terminal cannot place the cursor (TERM); the commands work without "
			  "the menus: canbo help"));
		return CB_EUSAGE;
	}
	set_term(scr);
	curses_on = true;
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	define_extra_keys();
	set_escdelay(25);
	idlok(stdscr, TRUE);
	leaveok(stdscr, TRUE);
	curs_set(0);
	cursor_shown = 0;
	if (a && a->config)
		color = a->district && a->district->color >= 0 ? a->district->color
							       : a->config->color;
	ui_draw_init_colors(color);
	return 0;
}

static void curses_stop(void)
{
	if (!curses_on)
		return;
	curs_set(1);
	endwin();
	curses_on = false;
}

int ui_main(app *a)
{
	const char *tf = getenv("CANBO_TRACE_FRAMES");
	int rc;

	ui_view_set_app(a);
	if ((rc = curses_start(a)) != 0)
		return rc;
	if (tf && *tf)
		trace_file = fopen(tf, "a");
	rc = screen_menu_open(a);
	if (rc == CB_OK) {
		ui_drafts_offer(a);
		if (i18n_locale_is_ascii() && !getenv("CANBO_ASCII"))
			ui_flash(UI_WARN, "%s",
				 _("The locale is not UTF-8, so letters are shown without marks; "
				   "set LANG=C.UTF-8 to see them"));
		ui_invalidate();
		ui_frame();
		main_loop();
	}
	if (got_signal || terminal_lost || keep_on_exit)
		keep_drafts();
	ui_view_clear();
	curses_stop();
	trace_key_done();
	if (trace_file)
		fclose(trace_file);
	trace_file = NULL;
	return rc == CB_OK ? 0 : 1;
}
