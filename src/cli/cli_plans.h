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
/* Parses the command line of a command whose first word is a record
 * number, into *id; not_a words the error (its %s = the word). On CB_OK,
 * args->help says the help was printed and nothing is left to do. */
int cli_plans_parse_id(int argc, char **argv, const cli_command *cmd, cli_args *args, int64_t *id,
		       const char *not_a);
/* An option's value, when given: a record number into *id (else the
 * usage message msg, its %s = the value), --version N, --year YYYY.
 * Nothing is written when the option was not given. */
int cli_plans_take_id(const cli_command *cmd, const cli_option *o, int64_t *id, const char *msg);
int cli_plans_take_version(const cli_command *cmd, const cli_option *o, int64_t *version);
int cli_plans_take_year(const cli_command *cmd, const cli_option *o, int *year);
/* q for the options' scope (--district) at the reference date; prints
 * the error. */
int cli_plans_scope(app *a, const cli_args *args, plans_query *q);
/* CB_OK if the user may edit in this office, else prints why. */
int cli_plans_may_edit(app *a);
/* Begins a listing on stdout: cols copied into tr (which must outlive the
 * writer) with their headers translated ("" stays ""). NULL when out of
 * memory. */
out_writer *cli_plans_begin(const out_column *cols, out_column *tr, size_t n, int format);
int cli_plans_oom(void);
/* Ends a listing: rc from the walk (1 = stopped at --limit, -1 = a write
 * failed), the walk's error, the rows written; returns the exit status. */
int cli_plans_end(out_writer *o, int rc, const cb_error *err, size_t rows);
bool cli_plans_option_takes_arg(const char *word);

#endif
