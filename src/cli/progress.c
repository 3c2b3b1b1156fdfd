/* progress.c - see progress.h. */
#include "progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#define QUIET_SECONDS  1.0 /* work shorter than this shows nothing */
#define REDRAW_SECONDS 0.2 /* a few redraws a second are enough */

static double seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void cli_progress_start(cli_progress *p, const char *what)
{
	p->what = what;
	p->started = p->last = seconds();
	p->shown = 0;
	p->tty = isatty(STDERR_FILENO);
	/* the tests shorten the quiet second */
	if (getenv("CANBO_PROGRESS_AT_ONCE"))
		p->started -= QUIET_SECONDS;
}

void cli_progress_update(void *ctx, long done, long total)
{
	cli_progress *p = ctx;
	double now;

	if (!p->tty || total <= 0)
		return;
	now = seconds();
	if (now - p->started < QUIET_SECONDS || (now - p->last < REDRAW_SECONDS && done < total))
		return;
	p->last = now;
	fprintf(stderr, "\rcanbo: %s: %3ld %%", p->what, done >= total ? 100L : done * 100 / total);
	fflush(stderr);
	p->shown = 1;
}

void cli_progress_end(cli_progress *p)
{
	if (p->shown)
		fputs("\r\033[K", stderr);
	p->shown = 0;
}
