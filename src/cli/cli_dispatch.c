/* cli_dispatch.c - the one dispatcher of the command line: canbo's
 * commands and every command's subcommands are tables of cli_sub, and the
 * word that picks one, the arguments it receives, the message for an
 * unknown word and the "Commands:" list of the --help are worked out here
 * alone.
 *
 * Options may stand before the subcommand word ("canbo --db F plans show
 * 3"), so the word is the first one that is neither an option nor the value
 * of an option taking one; the options before it are passed on to the
 * subcommand, which parses them itself.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "output.h"

/* One of cmd's own options that takes a value. */
static bool cmd_takes_arg(const cli_command *cmd, const char *word)
{
	if (!cmd || !cmd->options || strncmp(word, "--", 2) != 0 || strchr(word, '='))
		return false;
	for (size_t i = 0; cmd->options[i].name; i++)
		if (cmd->options[i].arg && strcmp(word + 2, cmd->options[i].name) == 0)
			return true;
	return false;
}

int cli_dispatch_word(const cli_dispatch *d, int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return i + 1 < argc ? i + 1 : 0;
		if (argv[i][0] != '-' || argv[i][1] == '\0')
			return i;
		if (cli_option_takes_arg(argv[i]) || cmd_takes_arg(d->cmd, argv[i]) ||
		    (d->own_takes_arg && d->own_takes_arg(argv[i])))
			i++;
	}
	return 0;
}

const cli_sub *cli_dispatch_find(const cli_dispatch *d, const char *name)
{
	for (size_t i = 0; i < d->nsubs; i++)
		if (strcmp(d->subs[i].name, name) == 0)
			return &d->subs[i];
	return NULL;
}

void cli_dispatch_list(FILE *f, const cli_dispatch *d)
{
	bool any = false;

	for (size_t i = 0; i < d->nsubs && !any; i++)
		any = d->subs[i].summary != NULL;
	if (!any)
		return;
	fprintf(f, "%s\n", _("Commands:"));
	for (size_t i = 0; i < d->nsubs; i++)
		if (d->subs[i].summary)
			fprintf(f, "  %-10s %s\n", d->subs[i].name, _(d->subs[i].summary));
}

void cli_dispatch_help(FILE *f, const cli_dispatch *d)
{
	cli_help_head(f, d->cmd);
	fputc('\n', f);
	cli_dispatch_list(f, d);
	cli_help_options(f, d->cmd);
}

/* -h or --help among the options (before any "--"). */
static bool asks_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return true;
	}
	return false;
}

/* No subcommand and no default: the command's own options are still
 * checked (an unknown one is named), then the missing word is. */
static int missing(const cli_dispatch *d, int argc, char **argv)
{
	cli_args args;
	int rc = cli_parse(argc, argv, d->cmd, &args);

	if (rc || args.help)
		return rc;
	return cli_usage(d->cmd, "%s", _("a command is missing"));
}

/* Runs sub with argv = ["command sub", the other words but the
 * subcommand's and a "--" before it]. */
static int run_sub(const cli_dispatch *d, const cli_sub *sub, int argc, char **argv, int at)
{
	char **args = malloc((size_t)(argc + 1) * sizeof *args);
	char name[64];
	int n = 0, rc;

	if (!args) {
		cli_warn("%s", out_failure());
		return CB_EDB;
	}
	if (*d->name)
		snprintf(name, sizeof name, "%s %s", d->name, sub->name);
	else
		snprintf(name, sizeof name, "%s", sub->name);
	args[n++] = name;
	for (int i = 1; i < argc; i++)
		if (i != at && !(i < at && strcmp(argv[i], "--") == 0))
			args[n++] = argv[i];
	args[n] = NULL;
	rc = sub->run(n, args);
	free(args);
	return rc;
}

int cli_dispatch_run(const cli_dispatch *d, int argc, char **argv)
{
	int at = cli_dispatch_word(d, argc, argv);
	const cli_sub *sub;

	if (!at) {
		if (asks_help(argc, argv)) {
			if (d->help)
				d->help(stdout, d);
			else
				cli_dispatch_help(stdout, d);
			return CB_OK;
		}
		return d->dflt ? d->dflt(argc, argv) : missing(d, argc, argv);
	}
	if ((sub = cli_dispatch_find(d, argv[at])))
		return run_sub(d, sub, argc, argv, at);
	if (!*d->name)
		return cli_usage(NULL, _("unknown command '%s'"), argv[at]);
	return cli_usage(d->cmd, _("unknown %s command '%s'"), d->name, argv[at]);
}
