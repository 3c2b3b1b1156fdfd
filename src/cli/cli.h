/* cli.h - what every subcommand shares: the common options, --help, error
 * messages and opening the application.
 *
 * A subcommand describes itself in a cli_command (its positional arguments
 * and its own long options) and calls cli_parse; every subcommand thereby
 * accepts the same common options:
 *
 *   --db FILE  --config DIR  --district CODE  --lang vi|en
 *   --as-of YYYY-MM-DD  --format table|csv|json  --limit N  -h/--help
 *
 * A usage error prints one line naming the problem and a hint to --help on
 * stderr, and cli_parse returns CB_EUSAGE (exit status 2). With -h/--help
 * the help is printed on stdout and args->help is set: the command then
 * returns CB_OK without doing anything else.
 *
 *   static cli_option opts[] = {
 *       {"year", "YEAR", N_("Year of the plans"), 0},
 *       {"overdue", NULL, N_("Only overdue items"), 0},
 *       {0}};
 *   static const cli_command cmd = {"plans", N_("[show ID]"),
 *       N_("List action plans"), 0, 2, opts, 0, 0};
 *   cli_args a;
 *   int rc = cli_parse(argc, argv, &cmd, &a);
 *   if (rc || a.help) return rc;
 *   if (opts[0].seen) year = atoi(opts[0].value); ...
 */
#ifndef CANBO_CLI_H
#define CANBO_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app.h"
#include "error.h"
#include "output.h"

/* A subcommand's own long option. name and help are set by the command
 * (help: an English msgid, N_()); seen and value are filled by cli_parse. */
typedef struct cli_option {
	const char *name; /* long name without "--" */
	const char *arg;  /* argument name shown in --help ("YEAR"); NULL = a flag */
	const char *help; /* one line, English msgid */
	/* filled by cli_parse: */
	bool seen;
	const char *value; /* the (last) argument; NULL for a flag */
} cli_option;

/* Bits of cli_command.formats: which --format values a command accepts. */
#define CLI_FORMAT_BIT(f) (1u << (f))
#define CLI_FORMATS_ALL	  0u /* 0 = table, CSV and JSON */
/* Every format, the spreadsheet forms (XLSX, CSV with labels) too. */
#define CLI_FORMATS_SHEETS                                                                         \
	(CLI_FORMAT_BIT(OUT_TABLE) | CLI_FORMAT_BIT(OUT_CSV) | CLI_FORMAT_BIT(OUT_JSON) |          \
	 CLI_FORMAT_BIT(OUT_XLSX) | CLI_FORMAT_BIT(OUT_CSV_LABELS))

typedef struct cli_command {
	const char *name;	/* "find" */
	const char *synopsis;	/* positional part of the usage line ("QUERY"), msgid */
	const char *summary;	/* one line, msgid */
	int min_args, max_args; /* positional arguments accepted; max < 0 = any */
	cli_option *options;	/* its own options, ended by {0}; may be NULL */
	unsigned formats;	/* CLI_FORMAT_BIT(...) mask, 0 = CLI_FORMATS_ALL */
	unsigned hide;		/* CLI_HIDE_* : common options left out of --help
				 * (still accepted) because they mean nothing here */
} cli_command;

#define CLI_HIDE_FORMAT 1u
#define CLI_HIDE_LIMIT	2u

typedef struct cli_args {
	app_options app; /* --db, --config, --district, --lang, --as-of */
	int format;	 /* enum out_format; OUT_TABLE when not given */
	bool format_given;
	bool labels;	    /* --labels: format is OUT_CSV_LABELS */
	const char *output; /* --output FILE, or NULL for stdout */
	size_t limit;	    /* --limit N (0 = no limit) */
	bool limit_given;
	bool help; /* -h/--help was given and printed */
	int argc;  /* positional arguments */
	char **argv;
} cli_args;

/* Parses argv (argv[0] = the command's name). Options may come before or
 * after the positional arguments; "--" ends the options. Checks the values
 * of the common options (format, limit, as-of date, language) and the
 * number of positional arguments. Returns CB_OK or CB_EUSAGE (message
 * already printed). */
int cli_parse(int argc, char **argv, const cli_command *cmd, cli_args *args);

/* Prints the command's --help (usage line, summary, its options, then the
 * common options) to f. */
void cli_help(FILE *f, const cli_command *cmd);

/* Prints the common options' part of a --help (and the exit statuses). */
void cli_help_common(FILE *f, const cli_command *cmd);

/* Prints "canbo: MESSAGE" on stderr. */
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints the error's message (if any) and returns its status. */
int cli_fail(const cb_error *err);
/* Prints a usage error and the --help hint for cmd; returns CB_EUSAGE. */
int cli_usage(const cli_command *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The formats a command accepts (its mask, or CLI_FORMATS_ALL's). */
unsigned cli_formats(const cli_command *cmd);

/* --output FILE: stdout goes to a temporary file in FILE's directory
 * (mkstemp), which cli_output_finish renames over FILE when the command
 * succeeded (status 0 or 1) and removes otherwise. A new file is 0600; an
 * existing one keeps its mode. Returns CB_OK or the error's status
 * (message printed). */
int cli_output_begin(const char *path);
int cli_output_finish(int rc);

/* A listing: the steps every list command takes — open the database
 * read-only, fetch the rows, turn each into cells, write them with out_row
 * up to --limit — in one place (cli_output.c).
 *
 *   static int fetch(app *a, void *ctx, size_t *n, cb_error *err);
 *   static bool row(app *a, void *ctx, size_t i, int format, cli_cells *c)
 *   {   const thing *t = &((struct my_ctx *)ctx)->rows[i];
 *       cli_cell_printf(c, 0, "%lld", (long long)t->id);
 *       c->cell[1] = t->name;  ...  return true; }
 *   static const cli_list list = {cols, NCOLS, fetch, row, NULL};
 *   rc = cli_list_run(&list, &args, &ctx);  then free ctx's rows
 */
#define CLI_LIST_COLS 16
#define CLI_CELL_MAX  320

/* One row's cells; a cell points into the row (fetched data, a static
 * label) or into its own buffer, filled by cli_cell_printf. */
typedef struct cli_cells {
	const char *cell[CLI_LIST_COLS];
	char buf[CLI_LIST_COLS][CLI_CELL_MAX];
} cli_cells;

/* Cell col reads what printf makes of fmt (cut at CLI_CELL_MAX - 1
 * bytes). Returns the cell. */
const char *cli_cell_printf(cli_cells *c, size_t col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

typedef struct cli_list {
	const out_column *cols; /* headers are msgids ("" stays ""), at most CLI_LIST_COLS */
	size_t ncols;
	/* fetches the rows into ctx and sets *n; a status, with err's message
	 * (or the message already printed when err has none) */
	int (*fetch)(app *a, void *ctx, size_t *n, cb_error *err);
	/* fills row i's cells for format; false leaves the row out */
	bool (*row)(app *a, void *ctx, size_t i, int format, cli_cells *c);
	/* no rows: this message (msgid) on stderr and nothing written; NULL =
	 * the empty listing is written (its header) */
	const char *none;
} cli_list;

/* Runs a listing on parsed args (the database opened read-only and closed
 * again). Returns CB_OK, CB_NOT_FOUND when no row was written, or the
 * status of a message printed. The caller frees what fetch kept in ctx. */
int cli_list_run(const cli_list *l, cli_args *args, void *ctx);

/* Opens the application as the parsed options say (configuration first,
 * then the database); prints the error on failure and returns its status. */
int cli_open(const cli_args *args, app *a);

/* One line of a command table: a command of canbo ("find") or a
 * subcommand of one ("plans show"). run receives argv with argv[0] reading
 * "command sub" ("find" at the top). summary (an English msgid) is its
 * line under "Commands:" in the --help; NULL leaves it out. */
typedef struct cli_sub {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} cli_sub;

/* A command that dispatches on its first word: the one dispatcher of the
 * command line, for canbo itself and for every command with subcommands. */
typedef struct cli_dispatch {
	const char *name;	/* "plans"; "" for canbo itself */
	const cli_command *cmd; /* its usage errors and --help; NULL at the top */
	const cli_sub *subs;
	size_t nsubs;
	/* which options of the subcommands take a value (so that the value
	 * is not taken for the subcommand word), besides the common ones and
	 * cmd's own; NULL = no others */
	bool (*own_takes_arg)(const char *word);
	/* no subcommand word: runs with argv as given; NULL = --help prints
	 * the help, anything else is a usage error of cmd */
	int (*dflt)(int argc, char **argv);
	/* the --help without a subcommand; NULL = cli_dispatch_help */
	void (*help)(FILE *f, const struct cli_dispatch *d);
} cli_dispatch;

#define CLI_NSUBS(subs) (sizeof(subs) / sizeof((subs)[0]))

/* Runs the subcommand named by the first word after argv[0] that is
 * neither an option nor an option's value, with that word (and a "--"
 * before it) removed and argv[0] reading "command sub". Without such a
 * word: -h/--help prints d's help, else d->dflt runs. An unknown word is a
 * usage error. Returns the subcommand's status. */
int cli_dispatch_run(const cli_dispatch *d, int argc, char **argv);

/* The index in argv of d's subcommand word, 0 when there is none. */
int cli_dispatch_word(const cli_dispatch *d, int argc, char **argv);

/* The subcommand of d called name, or NULL. */
const cli_sub *cli_dispatch_find(const cli_dispatch *d, const char *name);

/* d's --help: usage line and summary, the subcommands with their
 * summaries, then the options (cli_help's shape). */
void cli_dispatch_help(FILE *f, const cli_dispatch *d);

/* The "Commands:" part of a --help: one line per subcommand with a
 * summary. */
void cli_dispatch_list(FILE *f, const cli_dispatch *d);

/* The first part of cli_help (usage line and summary) and the rest (the
 * command's options, then the common ones). */
void cli_help_head(FILE *f, const cli_command *cmd);
void cli_help_options(FILE *f, const cli_command *cmd);

struct search_query;
/* A cadre search for typed text in name order, as of the application's
 * day, within its unit (--district inside the user's scope). Returns CB_OK
 * or the status of a message already printed. */
int cli_cadre_query(const app *a, const char *text, struct search_query *q);

/* Parses a whole non-negative number (no sign, no junk, no overflow). */
bool cli_number(const char *s, int64_t max, int64_t *value);

/* Scans argv for --lang (either "--lang X" or "--lang=X") without parsing
 * anything else, so that messages printed while parsing are already in the
 * language asked for. NULL when absent. */
const char *cli_find_lang(int argc, char **argv);

/* Whether word is "--NAME" for one of the n names (an option that takes
 * its value in the next word). */
bool cli_option_named(const char *word, const char *const *names, size_t n);

/* Common options that take an argument in the next word (main uses it to
 * find the subcommand behind options given before it). */
bool cli_option_takes_arg(const char *word);

#endif
