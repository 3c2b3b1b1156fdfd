/* cmd_init.c - `canbo init [--db FILE]`: creates the empty database of the
 * configured office, with its administrative units from the configuration,
 * ready for its party organisations, cadres and records to be entered or
 * imported.
 *
 * The database is built privately and put in place only if nothing is
 * there (newdb.h): init never replaces a file, and an interrupted init
 * leaves nothing the next run does not clean. A file that exists already is
 * refused unless it is empty (zero bytes, as `touch` or a mistaken redirect
 * leaves it).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "cli.h"
#include "commands.h"
#include "config.h"
#include "i18n.h"
#include "newdb.h"

static const cli_command init_cmd = {
	"init",
	"",
	N_("Create the empty database of the configured office (its units from the configuration)"),
	0,
	0,
	NULL,
	0,
	CLI_HIDE_FORMAT | CLI_HIDE_LIMIT,
};

/* The database named by --db or the configuration, as app_open chooses it. */
static int target_path(const cli_args *args, char *out, size_t cap)
{
	app a;
	cb_error err;
	int rc;

	cb_error_clear(&err);
	memset(&a, 0, sizeof a);
	if ((rc = app_load_config(&a, &args->app, &err)))
		return cli_fail(&err);
	const char *path = args->app.db_path;
	if (!path || !*path)
		path = a.district && a.district->database[0] ? a.district->database
							     : a.config->database;
	rc = CB_OK;
	if (!path || !*path)
		rc = cli_usage(&init_cmd, "%s",
			       _("no database is configured (key database); give one with --db"));
	else if (strlen(path) >= cap)
		rc = cli_usage(&init_cmd, _("Database path too long: %s"), path);
	else
		snprintf(out, cap, "%s", path);
	app_close(&a);
	return rc;
}

/* Refuses a file that holds anything; *empty_file is set for a 0-byte one. */
static int check_free(const char *path, bool *empty_file)
{
	struct stat sb;

	*empty_file = false;
	if (lstat(path, &sb) != 0)
		return errno == ENOENT ? CB_OK
				       : (cli_warn("%s: %s", path, strerror(errno)), CB_EDB);
	if (S_ISREG(sb.st_mode) && sb.st_size == 0) {
		*empty_file = true;
		return CB_OK;
	}
	cli_warn(_("%s already exists; canbo init creates only a new database (it never replaces "
		   "one)"),
		 path);
	return CB_EUSAGE;
}

static int build(const cli_args *args, const char *tmp, size_t *units)
{
	cli_args copy = *args;
	app a;
	int rc;

	copy.app.db_path = tmp;
	copy.app.create = true;
	if ((rc = cli_open(&copy, &a)))
		return rc;
	*units = a.config->unit_count;
	app_close(&a);
	return CB_OK;
}

int cmd_init(int argc, char **argv)
{
	cli_args args;
	char final[PATH_MAX];
	bool empty_file;
	size_t units = 0;
	newdb fresh = {.lock_fd = -1};
	cb_error err;
	int rc = cli_parse(argc, argv, &init_cmd, &args);

	if (rc || args.help)
		return rc;
	if ((rc = target_path(&args, final, sizeof final)) || (rc = check_free(final, &empty_file)))
		return rc;
	cb_error_clear(&err);
	if ((rc = newdb_start(&fresh, final, &err)))
		return cli_fail(&err);
	rc = build(&args, fresh.path, &units);
	/* an empty file (a mistaken redirect) is the one thing replaced */
	if (!rc && (rc = newdb_place(&fresh, empty_file, &err)))
		rc = cli_fail(&err);
	newdb_discard(&fresh);
	if (rc)
		return rc;
	printf(_("%s: an empty database with %zu administrative units; next: add party "
		 "organisations and import the cadres (canbo help import)\n"),
	       final, units);
	return CB_OK;
}
