/* cmd_demo.c - `canbo demo --db FILE [--cadres N] [--seed S] [--force]`:
 * builds the demo province over the configured units.
 *
 * The database is built in a private directory beside FILE and moved
 * into place only when complete (newdb.h), so an interrupted build never
 * leaves a half-filled FILE behind (what a killed build leaves is cleaned
 * by the next), two builds at once never write into each other, and an
 * existing FILE - even one made by another run while this one built - is
 * replaced only with --force. --db is required: a demo never lands in the configured (real)
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
#include "newdb.h"
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
	newdb build;
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
	cb_error_clear(&err);
	if ((rc = newdb_start(&build, final, &err)))
		return cli_fail(&err);
	args.app.db_path = build.path;
	args.app.create = true;
	args.app.bulk = true;
	if ((rc = cli_open(&args, &a))) {
		newdb_discard(&build);
		return rc;
	}
	cli_progress bar;
	cli_progress_start(&bar, _("building the demo province"));
	o.progress = cli_progress_update;
	o.progress_ctx = &bar;
	rc = demo_build(a.db, a.config, &o, &st, &err);
	cli_progress_end(&bar);
	app_close(&a); /* checkpoints the WAL into the file and removes it */
	if (!rc)
		rc = newdb_place(&build, demo_opts[2].seen, &err);
	newdb_discard(&build);
	if (rc)
		return cli_fail(&err);
	report(final, &st, now_seconds() - t0);
	return CB_OK;
}
