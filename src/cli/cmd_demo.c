/* cmd_demo.c - `canbo demo --db FILE [--cadres N] [--seed S] [--force]`:
 * builds the demo province over the configured units.
 *
 * The database is built under a temporary name beside FILE and renamed
 * into place only when complete, so an interrupted build never leaves a
 * half-filled FILE behind, and an existing FILE is replaced only with
 * --force. --db is required: a demo never lands in the configured (real)
 * database by accident.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "cli.h"
#include "commands.h"
#include "demo.h"
#include "i18n.h"
#include "progress.h"
#include "trust.h"

static cli_option demo_opts[] = {
    {"cadres", "N", N_("Number of cadres (default 5000)"), false, NULL},
    {"seed", "S", N_("Seed of the random names and figures (default 1)"), false, NULL},
    {"force", NULL, N_("Replace FILE if it exists"), false, NULL},
    {NULL, NULL, NULL, false, NULL},
};

static const cli_command demo_cmd = {
    "demo",
    "--db FILE",
    N_("Build a demo province database: fictional cadres over the configured units"),
    0,
    0,
    demo_opts,
    0,
    CLI_HIDE_FORMAT | CLI_HIDE_LIMIT,
};

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Removes a database file and its WAL companions; ENOENT is fine. */
static int remove_db(const char *path)
{
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
	char name[PATH_MAX + 16];
	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		snprintf(name, sizeof name, "%s%s", path, suffix[i]);
		if (unlink(name) != 0 && errno != ENOENT) {
			cli_warn(_("Cannot remove %s: %s"), name, strerror(errno));
			return CB_EDB;
		}
	}
	return CB_OK;
}

static int parse_demo(int argc, char **argv, cli_args *args, demo_options *o)
{
	int64_t v;
	int rc = cli_parse(argc, argv, &demo_cmd, args);
	memset(o, 0, sizeof *o);
	if (rc || args->help)
		return rc;
	o->cadres = DEMO_CADRES_DEFAULT;
	o->seed = DEMO_SEED_DEFAULT;
	if (!args->app.db_path)
		return cli_usage(&demo_cmd, "%s",
				 _("demo needs --db FILE: the new database to build"));
	if (demo_opts[0].seen) {
		if (!cli_number(demo_opts[0].value, DEMO_CADRES_MAX, &v))
			return cli_usage(&demo_cmd,
					 _("--cadres needs a whole number from 0 to %d, not '%s'"),
					 DEMO_CADRES_MAX, demo_opts[0].value);
		o->cadres = (long)v;
	}
	if (demo_opts[1].seen) {
		if (!cli_number(demo_opts[1].value, INT64_MAX, &v))
			return cli_usage(&demo_cmd, _("--seed needs a whole number, not '%s'"),
					 demo_opts[1].value);
		o->seed = (uint64_t)v;
	}
	return CB_OK;
}

static void report(const char *path, const demo_stats *st, double seconds)
{
	printf(_("%s: %ld cadres, %ld party organisations, %ld ratings, %ld training records, %ld "
		 "in the planning pool, %ld action plans with %ld items and %ld progress notes "
		 "(%.1f s)\n"),
	       path, st->cadres, st->orgs, st->ratings, st->trainings, st->planning, st->plans,
	       st->items, st->notes, seconds);
}

int cmd_demo(int argc, char **argv)
{
	cli_args args;
	demo_options o;
	demo_stats st;
	char tmp[PATH_MAX + 16];
	const char *final;
	struct stat sb;
	cb_error err;
	app a;
	double t0 = now_seconds();
	int rc = parse_demo(argc, argv, &args, &o);

	if (rc || args.help)
		return rc;
	/* installed setgid, canbo works on the office's database only: a demo
	 * is built with a canbo of one's own (trust.h) */
	if (trust_privileged()) {
		cli_warn("%s", _("The installed canbo does not build demo databases; use a copy of "
				 "the program that is not installed setgid"));
		return CB_EACCESS;
	}
	final = args.app.db_path;
	if (stat(final, &sb) == 0 && !demo_opts[2].seen)
		return cli_usage(&demo_cmd, _("%s already exists; add --force to replace it"),
				 final);
	snprintf(tmp, sizeof tmp, "%s.building", final);
	if ((rc = remove_db(tmp)))
		return rc;
	args.app.db_path = tmp;
	args.app.create = true;
	args.app.bulk = true;
	if ((rc = cli_open(&args, &a)))
		return rc;
	cb_error_clear(&err);
	cli_progress bar;
	cli_progress_start(&bar, _("building the demo province"));
	o.progress = cli_progress_update;
	o.progress_ctx = &bar;
	rc = demo_build(a.db, a.config, &o, &st, &err);
	cli_progress_end(&bar);
	app_close(&a); /* checkpoints the WAL into the file and removes it */
	if (rc) {
		remove_db(tmp);
		return cli_fail(&err);
	}
	if ((rc = remove_db(final)))
		return rc;
	if (rename(tmp, final) != 0) {
		cli_warn(_("Cannot rename %s to %s: %s"), tmp, final, strerror(errno));
		remove_db(tmp);
		return CB_EDB;
	}
	report(final, &st, now_seconds() - t0);
	return CB_OK;
}
