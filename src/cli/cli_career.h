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
