/* main.c - canbo's entry point: global options, the subcommand dispatcher
 * (generated from COMMAND_LIST in commands.h), and the terminal UI when no
 * subcommand is given.
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
#include "commands.h"
#include "i18n.h"
#include "trust.h"

#ifndef CANBO_VERSION
#define CANBO_VERSION "0.0"
#endif

typedef struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} command;

static const command commands[] = {
#define X(name, fn, summary) {name, fn, summary},
	COMMAND_LIST(X)
#undef X
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

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

static const command *find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static void print_version(void)
{
	printf("canbo %s\n", CANBO_VERSION);
}

static void print_help(void)
{
	printf(_("Usage: canbo [OPTION]... [COMMAND [ARG]...]\n"));
	printf("%s\n", _("Cadre list, breakdowns against targets and action plans of a party "
			 "committee's organisation department."));
	printf("%s\n\n", _(global_cmd.summary));
	printf("%s\n", _("Commands:"));
	for (size_t i = 0; i < NCOMMANDS; i++)
		printf("  %-10s %s\n", commands[i].name, _(commands[i].summary));
	printf("  %-10s %s\n", "help", _("Show the help of a command"));
	printf("\n%s\n", _("Options:"));
	printf("  %-28s %s\n", "--version", _("Show the version and exit"));
	cli_help_common(stdout, &global_cmd);
	printf("\n%s\n", _("Run 'canbo help COMMAND' or 'canbo COMMAND --help' for the options of "
			   "a command; 'man canbo' for the manual."));
}

/* The index of the subcommand word in argv (0 if none): the first word
 * that is not an option nor the value of an option taking one. */
static int command_index(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return i + 1 < argc ? i + 1 : 0;
		if (argv[i][0] != '-' || argv[i][1] == '\0')
			return i;
		if (cli_option_takes_arg(argv[i]))
			i++;
	}
	return 0;
}

/* Runs a command with argv = [name, options given before it..., its own
 * words...]. */
static int run_command(const command *c, int argc, char **argv, int at)
{
	char **args = malloc((size_t)(argc + 1) * sizeof *args);
	int n = 0, rc;
	if (!args) {
		cli_warn("%s", _("Out of memory"));
		return CB_EDB;
	}
	args[n++] = argv[at];
	for (int i = 1; i < at; i++)
		if (strcmp(argv[i], "--") != 0)
			args[n++] = argv[i];
	for (int i = at + 1; i < argc; i++)
		args[n++] = argv[i];
	args[n] = NULL;
	rc = c->run(n, args);
	free(args);
	return rc;
}

/* `canbo help [COMMAND]` */
/* `canbo help [COMMAND]`; common options (--lang en) may stand anywhere. */
static int run_help(int argc, char **argv, int at)
{
	const command *c;
	char *words[3];
	int word = 0;

	for (int i = at + 1; i < argc && !word; i++) {
		if (argv[i][0] != '-')
			word = i;
		else if (cli_option_takes_arg(argv[i]))
			i++;
	}
	if (!word) {
		print_help();
		return CB_OK;
	}
	if (!(c = find_command(argv[word])))
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
	int at, rc;
	const command *c;

	/* installed setgid: nothing from the caller's environment but the
	 * terminal and the language (trust.h) */
	if (trust_privileged())
		trust_clean_env();
	i18n_setlocale();
	i18n_init(cli_find_lang(argc, argv));
	at = command_index(argc, argv);
	if (at == 0) {
		for (int i = 1; i < argc; i++) {
			if (strcmp(argv[i], "--") == 0)
				break;
			if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
				print_help();
				return 0;
			}
		}
		rc = run_ui(argc, argv);
	} else if (strcmp(argv[at], "help") == 0) {
		rc = run_help(argc, argv, at);
	} else if ((c = find_command(argv[at]))) {
		rc = run_command(c, argc, argv, at);
	} else {
		rc = cli_usage(NULL, _("unknown command '%s'"), argv[at]);
	}
	if (fflush(stdout) != 0 && rc == CB_OK) {
		cli_warn("%s", _("Could not write the output"));
		rc = CB_EDB;
	}
	rc = cli_output_finish(rc);
	return cb_exit_code(rc);
}
