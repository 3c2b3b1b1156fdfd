/* cli_stats.h - what `canbo stats` (cmd_stats.c) and `canbo targets`
 * (cmd_targets.c) share (cli_stats.c); not for other commands. */
#ifndef CANBO_CLI_STATS_H
#define CANBO_CLI_STATS_H

#include "app.h"
#include "cli.h"
#include "output.h"
#include "stats.h"

/* --year (opt, of cmd), or the latest rated year not after the reference
 * date's. */
int cli_stats_year(const app *a, const cli_option *opt, const cli_command *cmd, int *year);
/* Narrows f to the subtree of the unit with this code (the one in force
 * on the day whose units count); a unit outside the reader's scope is
 * refused. */
int cli_stats_unit(const app *a, const char *code, cadre_filter *f);
/* The name of the unit with this code; NULL: the office's scope. */
const char *cli_stats_scope_name(const app *a, const char *unit_code);
/* "Out of memory" on stderr; CB_EDB. */
int cli_stats_oom(void);
/* A row; says why when it fails. */
int cli_stats_row(out_writer *w, const char *const *cells);
/* Ends the output after rc: a failure as it is; else says when the
 * output could not be written. */
int cli_stats_end(out_writer *w, int rc);
/* Prints the cadres of f in Vietnamese name order (up to --limit) in the
 * format of args; CB_NOT_FOUND if there are none. */
int cli_stats_list(app *a, const cli_args *args, const cadre_filter *f);

#endif
