/* trust.h - the rules a user cannot replace.
 *
 * On a shared server canbo is installed setgid to a group (`canbo`) that
 * alone may open the data directory and its databases, the way crontab
 * and the mail spool work: users reach the data only through canbo, and
 * canbo holds them to the configuration in the system directory. Running
 * so ("privileged": the effective group differs from the real one), canbo
 * cleans its environment, takes its configuration only from
 * CANBO_SYSCONFDIR/canbo and only if root owns it, ignores --config,
 * --db, $CANBO_CONFIG, $XDG_CONFIG_HOME and $CANBO_TODAY, and gives the
 * group up for good once the database is open.
 *
 * In every mode a configuration file or directory that others could
 * change is refused, as OpenSSH and sudo refuse theirs.
 */
#ifndef CANBO_TRUST_H
#define CANBO_TRUST_H

#include <stdbool.h>
#include <sys/stat.h>

#include "error.h"

/* Whether canbo started setgid; decided at the first call, which main()
 * makes before anything else (so it stays true after trust_drop_group). */
bool trust_privileged(void);

/* Keeps only TERM, LANG, LANGUAGE, LC_*, COLUMNS, LINES and NO_COLOR and
 * sets a fixed PATH. For privileged runs. */
void trust_clean_env(void);

/* Refuses, with CB_ECONFIG naming the file and the fix, a configuration
 * file or directory (st: its status) that is writable by group or others,
 * or owned by someone other than root or the invoking user (only root
 * when privileged). */
int trust_check_stat(const struct stat *st, const char *path, bool is_dir, cb_error *err);
/* The same for a path (lstat: a symbolic link is judged by its target's
 * directory, the target itself by trust_check_stat of the open file). */
int trust_check_dir_of(const char *path, cb_error *err);

/* Gives up the setgid group for good (real, effective and saved). */
int trust_drop_group(cb_error *err);

#endif
