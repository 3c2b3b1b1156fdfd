/* view.c - the view stack: the only mutable global state of the UI with
 * the open application.
 *
 * Guarantees: a pushed view is owned by the stack until popped; popping
 * calls its close op exactly once, frees it, and tells the view below it
 * (reveal) so that it reloads what the popped view may have changed; any
 * change of the stack asks for a full redraw on the next frame.
 */
#include "ui_view.h"

#include <stdlib.h>

#include "ui_internal.h"

static ui_view **stack;
static size_t depth, cap;
static app *the_app;
static bool full_redraw = true;

void ui_view_set_app(app *a)
{
	the_app = a;
}

app *ui_app(void)
{
	return the_app;
}

void ui_invalidate(void)
{
	full_redraw = true;
}

bool ui_take_invalidate(void)
{
	bool f = full_redraw;
	full_redraw = false;
	return f;
}

static void close_view(ui_view *v)
{
	if (v->ops && v->ops->close)
		v->ops->close(v);
	free(v);
}

ui_view *ui_view_push(const ui_view_ops *ops, void *state)
{
	ui_view *v = calloc(1, sizeof *v);

	if (v && depth == cap) {
		size_t ncap = cap ? cap * 2 : 8;
		ui_view **ns = realloc(stack, ncap * sizeof *ns);
		if (!ns) {
			free(v);
			v = NULL;
		} else {
			stack = ns;
			cap = ncap;
		}
	}
	if (!v) {
		ui_view tmp = {.ops = ops, .state = state, .app = the_app};
		if (ops && ops->close)
			ops->close(&tmp);
		return NULL;
	}
	v->ops = ops;
	v->state = state;
	v->app = the_app;
	v->ctx = ops->context;
	stack[depth++] = v;
	full_redraw = true;
	return v;
}

void ui_view_remove(ui_view *v)
{
	size_t i;

	for (i = 0; i < depth && stack[i] != v; i++)
		;
	if (i == depth)
		return;
	for (; i + 1 < depth; i++)
		stack[i] = stack[i + 1];
	depth--;
	close_view(v);
	if (depth > 0 && stack[depth - 1]->ops->reveal)
		stack[depth - 1]->ops->reveal(stack[depth - 1]);
	full_redraw = true;
}

void ui_view_pop(void)
{
	if (depth > 0)
		ui_view_remove(stack[depth - 1]);
}

ui_view *ui_view_top(void)
{
	return depth ? stack[depth - 1] : NULL;
}

size_t ui_view_depth(void)
{
	return depth;
}

ui_view *ui_view_at(size_t i)
{
	return i < depth ? stack[i] : NULL;
}

void ui_view_pop_to(ui_view *v)
{
	while (depth > 0 && stack[depth - 1] != v)
		ui_view_pop();
}

void ui_view_clear(void)
{
	while (depth > 0)
		close_view(stack[--depth]);
	free(stack);
	stack = NULL;
	cap = 0;
	full_redraw = true;
}
