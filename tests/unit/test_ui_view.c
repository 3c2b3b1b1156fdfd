/* test_ui_view.c - the view stack and the virtual list: views are closed
 * exactly once, the view below is told when it is revealed, and the list
 * fetches only windows around what is shown. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <locale.h>

#include "ui_list.h"
#include "../../src/ui/ui_internal.h"

static int closed[8], revealed[8];

static void fake_close(ui_view *v)
{
	closed[(intptr_t)v->state]++;
}

static void fake_reveal(ui_view *v)
{
	revealed[(intptr_t)v->state]++;
}

static const ui_view_ops fake_ops = {
	.name = "fake",
	.context = UI_CTX_CADRES,
	.reveal = fake_reveal,
	.close = fake_close,
};

static int reset(void **state)
{
	(void)state;
	ui_view_clear();
	memset(closed, 0, sizeof closed);
	memset(revealed, 0, sizeof revealed);
	return 0;
}

static void test_push_puts_the_view_on_top_with_its_context(void **state)
{
	(void)state;
	ui_view *a = ui_view_push(&fake_ops, (void *)1);
	ui_view *b = ui_view_push(&fake_ops, (void *)2);
	assert_ptr_equal(ui_view_top(), b);
	assert_ptr_equal(ui_view_at(0), a);
	assert_int_equal(ui_view_depth(), 2);
	assert_int_equal(b->ctx, UI_CTX_CADRES);
}

static void test_pop_closes_once_and_reveals_the_view_below(void **state)
{
	(void)state;
	ui_view_push(&fake_ops, (void *)1);
	ui_view_push(&fake_ops, (void *)2);
	ui_view_pop();
	assert_int_equal(closed[2], 1);
	assert_int_equal(closed[1], 0);
	assert_int_equal(revealed[1], 1);
	assert_int_equal(ui_view_depth(), 1);
	ui_view_pop();
	ui_view_pop(); /* popping an empty stack does nothing */
	assert_int_equal(closed[1], 1);
	assert_int_equal(ui_view_depth(), 0);
}

static void test_pop_to_returns_to_the_drill_down_origin(void **state)
{
	(void)state;
	ui_view_push(&fake_ops, (void *)1);
	ui_view *origin = ui_view_push(&fake_ops, (void *)2);
	ui_view_push(&fake_ops, (void *)3);
	ui_view_push(&fake_ops, (void *)4);
	ui_view_pop_to(origin);
	assert_ptr_equal(ui_view_top(), origin);
	assert_int_equal(closed[3] + closed[4], 2);
	assert_int_equal(closed[2], 0);
}

static void test_clear_closes_every_view(void **state)
{
	(void)state;
	ui_view_push(&fake_ops, (void *)1);
	ui_view_push(&fake_ops, (void *)2);
	ui_view_clear();
	assert_int_equal(closed[1] + closed[2], 2);
	assert_null(ui_view_top());
}

/* ---- frames: a pushed or revealed view is on screen at once ---------- */

/* A view that draws only on a full draw, like most screens' headings: if
 * the frame after a push asked it for the changed parts only, the screen
 * below would stay on the terminal. */
static void word_draw(ui_view *v, bool full)
{
	if (full)
		ui_put(stdscr, 1, 0, COLS, (const char *)v->state, UI_NORMAL);
}

static const char *word_title(ui_view *v)
{
	return (const char *)v->state;
}

static const ui_view_ops word_ops = {
	.name = "word",
	.context = UI_CTX_NAV,
	.title = word_title,
	.draw = word_draw,
};

/* Row y of what the terminal shows after the last doupdate. */
static const char *shown(int y)
{
	static char buf[256];
	mvwinnstr(curscr, y, 0, buf, 80);
	return buf;
}

static void test_frame_after_a_push_a_pop_or_a_new_title_shows_the_view_in_full(void **state)
{
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	SCREEN *scr;
	(void)state;
	assert_non_null(out);
	assert_non_null(in);
	setlocale(LC_ALL, "C.UTF-8");
	ui_draw_init_locale(); /* UTF-8 glyphs, or ASCII where the locale has none */
	scr = newterm("xterm", out, in);
	assert_non_null(scr);
	set_term(scr);
	ui_view_push(&word_ops, (void *)"Main menu here");
	ui_frame();
	assert_non_null(strstr(shown(1), "Main menu here"));
	ui_view_push(&word_ops, (void *)"Action plans here");
	ui_frame();
	assert_non_null(strstr(shown(1), "Action plans here"));
	assert_null(strstr(shown(1), "Main menu"));
	assert_non_null(strstr(shown(0), "Action plans here"));
	ui_view_pop();
	ui_frame();
	assert_non_null(strstr(shown(1), "Main menu here"));
	ui_view_clear();
	/* The same view showing something else under another title (the
	 * next year, say) without asking for a full draw: drawn in full. */
	char words[32] = "Plans of 2025";
	ui_view_push(&word_ops, words);
	ui_frame();
	snprintf(words, sizeof words, "Plans of 2026");
	ui_frame();
	assert_non_null(strstr(shown(1), "Plans of 2026"));
	ui_view_clear();
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
}

/* ---- the list over a keyset source ---------------------------------- */

#define ROWS 10000

struct src_stats {
	int fetches;
	size_t largest;
	int counts;
};

/* Row i has key (i + 1) * 10, like sparse ranks. */
static int big_fetch(void *ctx, int64_t after, bool backwards, size_t limit, void *rows, size_t *n,
		     cb_error *err)
{
	struct src_stats *s = ctx;
	int64_t *out = rows;
	int64_t first;
	(void)err;
	s->fetches++;
	if (limit > s->largest)
		s->largest = limit;
	*n = 0;
	if (!backwards) {
		first = after == UI_LIST_START ? 0 : after / 10;
		for (int64_t i = first; i < ROWS && *n < limit; i++)
			out[(*n)++] = (i + 1) * 10;
	} else {
		int64_t end = after == UI_LIST_END ? ROWS : after / 10 - 1;
		first = end - (int64_t)limit < 0 ? 0 : end - (int64_t)limit;
		for (int64_t i = first; i < end; i++)
			out[(*n)++] = (i + 1) * 10;
	}
	return CB_OK;
}

static int64_t big_key(void *ctx, const void *row)
{
	(void)ctx;
	return *(const int64_t *)row;
}

static int big_count(void *ctx, int64_t *n, cb_error *err)
{
	struct src_stats *s = ctx;
	(void)err;
	s->counts++;
	*n = ROWS;
	return CB_OK;
}

static ui_list *big_list(struct src_stats *s)
{
	ui_list_source src = {sizeof(int64_t), big_fetch, big_key, NULL, big_count, s};
	ui_list *l = ui_list_new(&src);
	ui_list_set_rect(l, (ui_rect){1, 0, 20, 80});
	return l;
}

static void test_list_fetches_only_a_window_and_never_counts_to_move(void **state)
{
	struct src_stats s = {0};
	ui_list *l = big_list(&s);
	(void)state;
	for (int i = 0; i < 100; i++)
		ui_list_move(l, UI_ACT_DOWN);
	assert_int_equal(*(const int64_t *)ui_list_selected(l), 101 * 10);
	assert_true(s.largest <= 64);
	assert_true(s.fetches <= 10);
	assert_int_equal(s.counts, 0);
	ui_list_free(l);
}

static void test_list_end_fetches_backwards_and_knows_its_place_once_counted(void **state)
{
	struct src_stats s = {0};
	ui_list *l = big_list(&s);
	int64_t idx, count;
	(void)state;
	ui_list_move(l, UI_ACT_END);
	assert_int_equal(*(const int64_t *)ui_list_selected(l), ROWS * 10);
	ui_list_position(l, &idx, &count);
	assert_int_equal(count, -1);
	assert_true(ui_list_count_now(l));
	ui_list_position(l, &idx, &count);
	assert_int_equal(count, ROWS);
	assert_int_equal(idx, ROWS - 1);
	ui_list_move(l, UI_ACT_UP);
	ui_list_position(l, &idx, &count);
	assert_int_equal(idx, ROWS - 2);
	ui_list_free(l);
}

static void test_list_pages_down_and_back_up_to_the_same_row(void **state)
{
	struct src_stats s = {0};
	ui_list *l = big_list(&s);
	int64_t idx;
	(void)state;
	for (int i = 0; i < 30; i++)
		ui_list_move(l, UI_ACT_PGDN);
	ui_list_position(l, &idx, NULL);
	assert_int_equal(idx, 600);
	for (int i = 0; i < 30; i++)
		ui_list_move(l, UI_ACT_PGUP);
	ui_list_position(l, &idx, NULL);
	assert_int_equal(idx, 0);
	assert_int_equal(*(const int64_t *)ui_list_selected(l), 10);
	ui_list_move(l, UI_ACT_UP); /* at the top: stays */
	assert_int_equal(*(const int64_t *)ui_list_selected(l), 10);
	ui_list_free(l);
}

static void test_list_home_after_end_is_the_first_row(void **state)
{
	struct src_stats s = {0};
	ui_list *l = big_list(&s);
	int64_t idx;
	(void)state;
	ui_list_move(l, UI_ACT_END);
	ui_list_move(l, UI_ACT_HOME);
	ui_list_position(l, &idx, NULL);
	assert_int_equal(idx, 0);
	assert_int_equal(*(const int64_t *)ui_list_selected(l), 10);
	ui_list_free(l);
}

static void test_array_list_counts_at_once_and_stops_at_its_end(void **state)
{
	static const int rows[5] = {1, 2, 3, 4, 5};
	ui_list *l = ui_list_new_array(rows, 5, sizeof rows[0], NULL, NULL);
	int64_t idx, count;
	(void)state;
	ui_list_set_rect(l, (ui_rect){1, 0, 3, 80});
	for (int i = 0; i < 10; i++)
		ui_list_move(l, UI_ACT_DOWN);
	assert_int_equal(*(const int *)ui_list_selected(l), 5);
	ui_list_position(l, &idx, &count);
	assert_int_equal(idx, 4);
	assert_int_equal(count, 5);
	ui_list_free(l);
}

static void test_empty_list_has_no_selection(void **state)
{
	ui_list *l = ui_list_new_array(NULL, 0, sizeof(int), NULL, NULL);
	(void)state;
	ui_list_move(l, UI_ACT_DOWN);
	assert_true(ui_list_empty(l));
	assert_null(ui_list_selected(l));
	ui_list_free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_push_puts_the_view_on_top_with_its_context, reset),
		cmocka_unit_test_setup(
			test_frame_after_a_push_a_pop_or_a_new_title_shows_the_view_in_full, reset),
		cmocka_unit_test_setup(test_pop_closes_once_and_reveals_the_view_below, reset),
		cmocka_unit_test_setup(test_pop_to_returns_to_the_drill_down_origin, reset),
		cmocka_unit_test_setup(test_clear_closes_every_view, reset),
		cmocka_unit_test(test_list_fetches_only_a_window_and_never_counts_to_move),
		cmocka_unit_test(test_list_end_fetches_backwards_and_knows_its_place_once_counted),
		cmocka_unit_test(test_list_pages_down_and_back_up_to_the_same_row),
		cmocka_unit_test(test_list_home_after_end_is_the_first_row),
		cmocka_unit_test(test_array_list_counts_at_once_and_stops_at_its_end),
		cmocka_unit_test(test_empty_list_has_no_selection),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	ui_view_clear();
	return rc;
}
