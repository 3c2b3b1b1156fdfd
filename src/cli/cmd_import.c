/* cmd_import.c - `canbo import [--kind KIND] FILE`: cadres (or the other
 * records of record_import.h, or evaluations) from a CSV file into the
 * database, every row or none.
 *
 * Problems are printed on stderr one per line as FILE:LINE: COLUMN:
 * MESSAGE (the form editors and grep understand), in file order, so the
 * office can fix the file and run the command again. Exit status 0 when
 * every row was imported (or, with --dry-run, would be), 2 when the file
 * holds bad rows or cannot be read (nothing written), 4 on a database
 * error (nothing written), 5 without the right to change data. Without
 * --dry-run a database file that does not exist yet is created, so an
 * office can start from the list it kept in a spreadsheet: it is built
 * privately (newdb.h) and put in place only when the import succeeded and
 * only if no other run created the file meanwhile, so a failing import
 * never removes anything, and a killed one leaves nothing the next run
 * does not clean away.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "cli.h"
#include "commands.h"
#include "i18n.h"
#include "import.h"
#include "cli_eval.h"
#include "newdb.h"
#include "progress.h"
#include "record_import.h"

static cli_option import_opts[] = {
	{"encoding", "auto|utf8|tcvn3|vni|cp1258|utf16le|utf16be",
	 N_("Encoding of FILE: UTF-8 (with or without BOM), TCVN3 (ABC) or VNI-Windows (default: "
	    "auto, detected)"),
	 false, NULL},
	{"dry-run", NULL, N_("Check FILE and report what is wrong; write nothing"), false, NULL},
	{"verbose", NULL,
	 N_("Also print how long the import took and how long it held the database's write lock"),
	 false, NULL},
	{"kind", N_("KIND"),
	 N_("What the file holds: cadre (default), org, rating, org-rating, training, planning, "
	    "discipline, pool or evaluation"),
	 false, NULL},
	{"replace", NULL,
	 N_("Replace a rating already recorded for the same year (otherwise it is an error)"),
	 false, NULL},
	{NULL, NULL, NULL, false, NULL},
};

static const cli_command import_cmd = {
	"import",
	N_("FILE"),
	N_("Import cadres from a CSV file (comma or semicolon separated, headers in English or "
	   "Vietnamese): every row, or none if any row is bad"),
	1,
	1,
	import_opts,
	0,
	CLI_HIDE_FORMAT | CLI_HIDE_LIMIT,
};

/* FILE:LINE: COLUMN: MESSAGE, with "note:" before a warning. */
static void print_issue(const char *path, const import_issue *is)
{
	fprintf(stderr, "%s", path);
	if (is->line)
		fprintf(stderr, ":%zu", is->line);
	fputs(": ", stderr);
	if (is->column[0])
		fprintf(stderr, "%s: ", is->column);
	if (is->warning)
		fprintf(stderr, "%s: ", _("note"));
	fprintf(stderr, "%s\n", is->msg);
}

static void print_report(const char *path, const import_report *r)
{
	size_t shown = 0;

	for (size_t i = 0; i < r->nissues; i++) {
		print_issue(path, &r->issues[i]);
		shown += !r->issues[i].warning;
	}
	if (r->errors > shown)
		fprintf(stderr, _("%s: %zu more errors are not shown\n"), path, r->errors - shown);
}

static double clock_seconds(clockid_t which)
{
	struct timespec ts;
	clock_gettime(which, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double seconds_now(void)
{
	return clock_seconds(CLOCK_MONOTONIC);
}

/* Imports; the closing line (what was imported) goes into done, to be
 * printed once the database is in place. */
static int run_import(app *a, const char *path, const import_options *o, bool verbose, char *done,
		      size_t cap)
{
	import_report r;
	cb_error err;
	/* processor time beside the wall clock's: on a busy machine the one
	 * grows with the load, the other does not */
	double t0 = seconds_now(), c0 = clock_seconds(CLOCK_PROCESS_CPUTIME_ID), took, cpu;
	int rc;

	cb_error_clear(&err);
	rc = import_cadres_file(a->db, a->config, path, o, &r, &err);
	took = seconds_now() - t0;
	cpu = clock_seconds(CLOCK_PROCESS_CPUTIME_ID) - c0;
	print_report(path, &r);
	if (verbose)
		fprintf(stderr,
			_("%s: %zu rows in %.3f s (%.0f rows/s; %.3f s of processor time); write "
			  "lock "
			  "held %.3f s (%.3f s of processor time); %d attempt(s)\n"),
			path, r.rows, took, took > 0 ? (double)r.rows / took : 0.0, cpu,
			r.lock_seconds, r.lock_cpu_seconds, r.attempts);
	if (rc) {
		import_report_free(&r);
		return cli_fail(&err);
	}
	if (o->dry_run)
		snprintf(done, cap,
			 _("%zu rows of %s (%s) can be imported; nothing was written "
			   "(--dry-run).\n"),
			 r.rows, path, text_encoding_name(r.encoding));
	else
		snprintf(done, cap, _("Imported %zu cadres from %s (%s).\n"), r.imported, path,
			 text_encoding_name(r.encoding));
	import_report_free(&r);
	return CB_OK;
}

/* Organisations, ratings, trainings, planning (record_import.h). */
static int run_record_import(app *a, int kind, const char *path, const import_options *io,
			     char *done, size_t cap)
{
	record_import_options o = {io->encoding, io->dry_run, import_opts[4].seen, NULL, NULL};
	import_report r;
	cli_progress bar;
	cb_error err;
	int rc;

	cb_error_clear(&err);
	cli_progress_start(&bar, _("importing"));
	o.progress = cli_progress_update;
	o.progress_ctx = &bar;
	rc = record_import_file(a->db, a->config, kind, path, &o, &r, &err);
	cli_progress_end(&bar);
	print_report(path, &r);
	if (rc) {
		import_report_free(&r);
		return cli_fail(&err);
	}
	if (o.dry_run)
		snprintf(done, cap,
			 _("%zu rows of %s (%s) can be imported; nothing was written "
			   "(--dry-run).\n"),
			 r.rows, path, text_encoding_name(r.encoding));
	else
		snprintf(done, cap, _("Imported %zu records (%s) from %s (%s).\n"), r.imported,
			 record_kind_name(kind), path, text_encoding_name(r.encoding));
	import_report_free(&r);
	return CB_OK;
}

/* Any kind but cadres goes into a database that exists. */
static int run_other_kind(cli_args *args, const char *kind_name, const import_options *io)
{
	char done[PATH_MAX + 256] = "";
	int kind = -1, rc;
	bool eval = strcmp(kind_name, "evaluation") == 0;
	app a;

	if (!eval && !record_kind_from_name(kind_name, &kind))
		return cli_usage(&import_cmd, _("--kind must be cadre, %s or evaluation, not '%s'"),
				 record_kind_names(), kind_name);
	/* these rows are checked by writing them through the store inside a
	 * transaction that a dry run rolls back: the file must be writable */
	args->app.readonly = false;
	if ((rc = cli_open(args, &a)))
		return rc;
	if (!io->dry_run && !config_user_may(a.config, a.district, a.user, CFG_RIGHT_EDIT)) {
		cli_warn(_("User %s may not change data in this office"), a.user);
		rc = CB_EACCESS;
	} else {
		rc = eval ? cli_eval_import_file(&a, args->argv[0], io->encoding, io->dry_run, done,
						 sizeof done)
			  : run_record_import(&a, kind, args->argv[0], io, done, sizeof done);
	}
	app_close(&a);
	if (!rc)
		fputs(done, stdout);
	return rc;
}

int cmd_import(int argc, char **argv)
{
	import_options o = {TEXT_ENC_UNKNOWN, false, NULL};
	cli_args args;
	app a;
	newdb fresh = {.lock_fd = -1};
	char done[PATH_MAX + 256] = "";
	cb_error err;
	int rc = cli_parse(argc, argv, &import_cmd, &args);

	if (rc || args.help)
		return rc;
	if (import_opts[0].seen && !import_encoding_from_name(import_opts[0].value, &o.encoding))
		return cli_usage(&import_cmd,
				 _("--encoding must be auto, utf8, tcvn3, vni, cp1258, utf16le or "
				   "utf16be, not '%s'"),
				 import_opts[0].value);
	o.dry_run = import_opts[1].seen;
	args.app.readonly = o.dry_run;
	if (import_opts[3].seen && strcmp(import_opts[3].value, "cadre") != 0)
		return run_other_kind(&args, import_opts[3].value, &o);
	if (import_opts[4].seen)
		return cli_usage(
			&import_cmd, "%s",
			_("--replace goes with --kind rating, org-rating, training or planning"));
	cb_error_clear(&err);
	if (!o.dry_run && args.app.db_path && access(args.app.db_path, F_OK) != 0) {
		if (errno != ENOENT) {
			cli_warn(_("Cannot open database %s: %s"), args.app.db_path,
				 strerror(errno));
			return CB_EDB;
		}
		if ((rc = newdb_start(&fresh, args.app.db_path, &err)))
			return cli_fail(&err);
		args.app.db_path = fresh.path;
		args.app.create = true;
		args.app.bulk = true; /* private until in place: built like a demo */
	}
	if ((rc = cli_open(&args, &a))) {
		newdb_discard(&fresh);
		return rc;
	}
	if (!o.dry_run && !app_may(&a, CFG_RIGHT_EDIT)) {
		cli_warn(_("User %s may not change data in this office"), a.user);
		rc = CB_EACCESS;
	} else {
		o.scope = app_unit_code(&a); /* the reader's scope (access.h) */
		rc = run_import(&a, args.argv[0], &o, import_opts[2].seen, done, sizeof done);
	}
	app_close(&a); /* a new database: its WAL goes into the file */
	if (!rc && fresh.path[0] && (rc = newdb_place(&fresh, false, &err)))
		rc = cli_fail(&err);
	newdb_discard(&fresh);
	if (!rc)
		fputs(done, stdout);
	return rc;
}
