/* cli_targets.h - `canbo targets --years` (cmd_targets_years.c), called by
 * `canbo targets` (cmd_targets.c). */
#ifndef CANBO_CLI_TARGETS_H
#define CANBO_CLI_TARGETS_H

#include "app.h"
#include "cli.h"
#include "stats.h"

/* Every target of the scope (--district, else the province) for each year
 * of range "FROM-TO"; only = one target id, or -1 for all. */
int cli_targets_years(app *a, const cli_args *args, const cli_command *cmd, const char *range,
		      int only);

#endif
