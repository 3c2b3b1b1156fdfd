/* cli_career.h - what the career commands (due, discipline, pool,
 * appoint, leave, career) share. */
#ifndef CANBO_CLI_CAREER_H
#define CANBO_CLI_CAREER_H

#include <stdbool.h>
#include <stdint.h>

#include "app.h"
#include "career_store.h"
#include "cli.h"
#include "filter.h"

/* Runs the subcommand (cli_run_sub) named on the command line; without
 * one, --help prints usage's help, else dflt runs with argv as given (NULL:
 * a usage error). */
int cli_career_verbs(int argc, char **argv, const cli_sub *verbs, size_t n,
		     int (*dflt)(int argc, char **argv), const cli_command *usage);
/* The first word that is neither an option nor a common option's value
 * (NULL if none). */
const char *cli_career_first_word(int argc, char **argv);

/* The career rules of the configuration; prints the error. */
int cli_career_rules(const app *a, career_rules *r);

/* A date option (dd/mm/yyyy or YYYY-MM-DD) as ISO into iso; when absent,
 * dflt (CB_DATE_NONE: left ""). Usage error naming the option. */
int cli_career_date(const cli_command *cmd, const cli_option *o, cb_date dflt, char iso[11]);

/* A date for a table (dd/mm/yyyy) or for programs (ISO); buf 11 bytes. */
const char *cli_career_day(cb_date d, int format, char *buf);

/* The unit interval of --district (0, 0 = everywhere); prints errors. */
int cli_career_scope(app *a, const cli_args *args, int64_t *lo, int64_t *hi);

/* After `targets --list pool`: who matched but is barred by a discipline,
 * with the reason (on stdout for a table, stderr otherwise). */
int cli_career_barred_note(app *a, const cadre_filter *f, int format);

#endif
