/* cli_plans.h - what the files of `canbo plans` and `canbo selfcheck`
 * share; not for other commands. */
#ifndef CANBO_CLI_PLANS_H
#define CANBO_CLI_PLANS_H

#include <stdbool.h>
#include <stdint.h>

#include "app.h"
#include "cli.h"
#include "output.h"
#include "plans.h"

/* The subcommands of `canbo plans`; argv[0] is "plans NAME". */
int cli_plans_show(int argc, char **argv);
int cli_plans_summary(int argc, char **argv);
int cli_plans_add(int argc, char **argv);
int cli_plans_edit(int argc, char **argv);
int cli_plans_item(int argc, char **argv);
int cli_plans_update(int argc, char **argv);
int cli_plans_note(int argc, char **argv);
int cli_plans_verify(int argc, char **argv);
int cli_plans_carry(int argc, char **argv);

/* An ISO date as dd/mm/yyyy for a table (buf of 11 bytes), as is else. */
const char *cli_plans_date(const char *iso, int format, char *buf);
/* A positive record number / a four-digit year. */
bool cli_plans_id(const char *s, int64_t *id);
bool cli_plans_year(const char *s, int *year);
/* q for the options' scope (--district) at the reference date; prints
 * the error. */
int cli_plans_scope(app *a, const cli_args *args, plans_query *q);
/* CB_OK if the user may edit in this office, else prints why. */
int cli_plans_may_edit(app *a);
/* Copies columns with their headers translated ("" stays ""). */
void cli_plans_headers(const out_column *cols, out_column *tr, size_t n);
int cli_plans_oom(void);
/* Ends a listing: rc from the walk (1 = stopped at --limit, -1 = a write
 * failed), the walk's error, the rows written; returns the exit status. */
int cli_plans_end(out_writer *o, int rc, const cb_error *err, size_t rows);
bool cli_plans_option_takes_arg(const char *word);

#endif
