/* progress.h - progress of long work on the command line: "what: 42 %" on
 * stderr, redrawn in place, only when stderr is a terminal and only once
 * the work has taken about a second (a quick run prints nothing, and a
 * script or a log file never sees it). */
#ifndef CANBO_CLI_PROGRESS_H
#define CANBO_CLI_PROGRESS_H

typedef struct cli_progress {
	const char *what; /* already translated */
	double started, last;
	int shown; /* the line is on the terminal */
	int tty;
} cli_progress;

void cli_progress_start(cli_progress *p, const char *what);
/* done of total units of work; a callback for the core's progress hooks. */
void cli_progress_update(void *p, long done, long total);
/* Clears the line if one was drawn. */
void cli_progress_end(cli_progress *p);

#endif
