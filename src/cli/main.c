/* main.c - canbo's entry point: global options, the table of commands
 * (generated from COMMAND_LIST in commands.h) run by the command line's one
 * dispatcher (cli_dispatch.c), and the terminal UI when no subcommand is
 * given.
 *
 *   canbo [OPTION]...                 the terminal UI
 *   canbo [OPTION]... COMMAND [ARG]... a subcommand (options may come
 *                                     before or after the command)
 *   canbo help [COMMAND]  canbo --help  canbo --version
 *
 * The exit status is cb_exit_code() of what the command returned: 0 done,
 * 1 nothing found, 2 usage, 3 configuration, 4 database (canbo(1)).
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cli.h"
#include "huge_heap.h"
#include "commands.h"
#include "i18n.h"
#include "trust.h"

#ifndef CANBO_VERSION
#define CANBO_VERSION "0.0"
#endif

static int run_help(int argc, char **argv);

static const cli_sub commands[] = {
#define X(name, fn, summary) {name, fn, N_(summary)},
	COMMAND_LIST(X)
#undef X
		{"help", run_help, N_("Show the help of a command")},
};

static int run_ui(int argc, char **argv);
static void print_help(FILE *f, const cli_dispatch *d);

static const cli_dispatch top = {
	.name = "",
	.subs = commands,
	.nsubs = CLI_NSUBS(commands),
	.dflt = run_ui,
	.help = print_help,
};

static cli_option global_opts[] = {
	{"version", NULL, N_("Show the version and exit"), false, NULL},
	{NULL, NULL, NULL, false, NULL},
};

static const cli_command global_cmd = {
	"",
	"",
	N_("Without a command, opens the terminal interface."),
	0,
	0,
	global_opts,
	0,
	CLI_HIDE_FORMAT | CLI_HIDE_LIMIT,
};

static void print_version(void)
{
	printf("canbo %s\n", CANBO_VERSION);
}

static void print_help(FILE *f, const cli_dispatch *d)
{
	fprintf(f, _("Usage: canbo [OPTION]... [COMMAND [ARG]...]\n"));
	fprintf(f, "%s\n",
		_("Cadre list, breakdowns against targets and action plans of a party "
		  "committee's organisation department."));
	fprintf(f, "%s\n\n", _(global_cmd.summary));
	cli_dispatch_list(f, d);
	fprintf(f, "\n%s\n", _("Options:"));
	fprintf(f, "  %-28s %s\n", "--version", _("Show the version and exit"));
	cli_help_common(f, &global_cmd);
	fprintf(f, "\n%s\n",
		_("Run 'canbo help COMMAND' or 'canbo COMMAND --help' for the options of "
		  "a command; 'man canbo' for the manual."));
}

/* `canbo help [COMMAND]`; common options (--lang en) may stand anywhere. */
static int run_help(int argc, char **argv)
{
	const cli_sub *c;
	char *words[3];
	int word = 0;

	for (int i = 1; i < argc && !word; i++) {
		if (argv[i][0] != '-')
			word = i;
		else if (cli_option_takes_arg(argv[i]))
			i++;
	}
	if (!word) {
		print_help(stdout, &top);
		return CB_OK;
	}
	if (!(c = cli_dispatch_find(&top, argv[word])))
		return cli_usage(NULL, _("unknown command '%s'"), argv[word]);
	words[0] = argv[word];
	words[1] = "--help";
	words[2] = NULL;
	return c->run(2, words);
}

/* No command: the terminal UI on the configured (or --db) database. */
static int run_ui(int argc, char **argv)
{
	cli_args args;
	app a;
	int rc = cli_parse(argc, argv, &global_cmd, &args);

	if (rc)
		return rc;
	if (args.help) { /* cli_parse printed the short form; give the whole */
		return CB_OK;
	}
	if (global_opts[0].seen) {
		print_version();
		return CB_OK;
	}
	if ((rc = cli_open(&args, &a)))
		return rc;
	rc = ui_main(&a);
	app_close(&a);
	return rc;
}

int main(int argc, char **argv)
{
	int rc;

	huge_heap_start();
	/* installed setgid: nothing from the caller's environment but the
	 * terminal and the language (trust.h) */
	if (trust_privileged())
		trust_clean_env();
	i18n_setlocale();
	i18n_init(cli_find_lang(argc, argv));
	rc = cli_dispatch_run(&top, argc, argv);
	if (fflush(stdout) != 0 && rc == CB_OK) {
		cli_warn("%s", _("Could not write the output"));
		rc = CB_EDB;
	}
	rc = cli_output_finish(rc);
	return cb_exit_code(rc);
}
