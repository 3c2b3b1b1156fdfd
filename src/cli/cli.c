/* cli.c - the common options of every subcommand, their --help, and the
 * one place where command-line errors are worded.
 *
 * getopt_long does the parsing (GNU style: options anywhere, "--" ends
 * them, unambiguous abbreviations accepted); its own English messages are
 * silenced (opterr = 0) so that every message is ours and translated.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "date.h"
#include "i18n.h"
#include "search.h"
#include "store.h"
#include "trust.h"
#include "text.h"

#define LIMIT_MAX 100000000 /* more rows than any province has */

enum common_id {
	OPT_DB = 1000,
	OPT_CONFIG,
	OPT_DISTRICT,
	OPT_LANG,
	OPT_AS_OF,
	OPT_FORMAT,
	OPT_LIMIT,
	OPT_LABELS,
	OPT_OUTPUT,
	OPT_WIDE,
	OPT_HELP,
	OPT_OWN = 2000 /* + index into cmd->options */
};

static const struct common {
	const char *name;
	int id;
	const char *arg; /* msgid, or literal when it holds a '|' */
	const char *help;
} commons[] = {
	{"db", OPT_DB, N_("FILE"), N_("Database file (default: from the configuration)")},
	{"config", OPT_CONFIG, N_("DIR"),
	 N_("Configuration directory (default: $CANBO_CONFIG, $XDG_CONFIG_HOME/canbo, "
	    "/etc/canbo)")},
	{"district", OPT_DISTRICT, N_("CODE"),
	 N_("Work on one district (its code in the configuration)")},
	{"lang", OPT_LANG, "vi|en", N_("Language of messages and headers")},
	{"as-of", OPT_AS_OF, N_("YYYY-MM-DD"),
	 N_("Reference date for ages and deadlines (default: today)")},
	{"format", OPT_FORMAT, "table|csv|json|xlsx", N_("Output format (default: table)")},
	{"labels", OPT_LABELS, NULL,
	 N_("CSV for spreadsheets: translated headers and values, a byte-order mark first")},
	{"output", OPT_OUTPUT, N_("FILE"),
	 N_("Write to FILE (built in a temporary file beside it, then renamed; a new file is "
	    "readable by its owner only)")},
	{"limit", OPT_LIMIT, "N", N_("At most N rows (0 = no limit)")},
	{"wide", OPT_WIDE, NULL,
	 N_("Tables as wide as their contents, even on a narrower terminal (nothing cut)")},
	{"help", OPT_HELP, NULL, N_("Show this help and exit")},
};
#define NCOMMON (sizeof commons / sizeof commons[0])

/* "canbo: " and the message on one line of stderr: the one shape of every
 * message the command line prints, warning or usage error. */
static void vwarn(const char *fmt, va_list ap)
{
	fputs("canbo: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void cli_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}

int cli_fail(const cb_error *err)
{
	if (err->msg[0])
		cli_warn("%s", err->msg);
	return err->code ? err->code : CB_EDB;
}

int cli_usage(const cli_command *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
	if (cmd && cmd->name)
		fprintf(stderr, _("Try 'canbo %s --help' for more information.\n"), cmd->name);
	else
		fprintf(stderr, _("Try 'canbo --help' for more information.\n"));
	return CB_EUSAGE;
}

bool cli_number(const char *s, int64_t max, int64_t *value)
{
	char *end;
	long long v;

	if (!s || *s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v > max)
		return false;
	*value = v;
	return true;
}

const char *cli_find_lang(int argc, char **argv)
{
	const char *lang = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			lang = argv[++i];
		else if (strncmp(argv[i], "--lang=", 7) == 0)
			lang = argv[i] + 7;
	}
	return lang;
}

bool cli_option_named(const char *word, const char *const *names, size_t n)
{
	if (strncmp(word, "--", 2) != 0 || strchr(word, '='))
		return false;
	for (size_t i = 0; i < n; i++)
		if (strcmp(word + 2, names[i]) == 0)
			return true;
	return false;
}

bool cli_option_takes_arg(const char *word)
{
	if (strncmp(word, "--", 2) != 0 || strchr(word, '='))
		return false;
	for (size_t i = 0; i < NCOMMON; i++)
		if (commons[i].arg && strcmp(word + 2, commons[i].name) == 0)
			return true;
	return false;
}

static size_t count_own(const cli_command *cmd)
{
	size_t n = 0;
	if (cmd->options)
		while (cmd->options[n].name)
			n++;
	return n;
}

static void help_line(FILE *f, const char *name, const char *arg, const char *help)
{
	char left[64];
	if (arg)
		snprintf(left, sizeof left, "--%s %s", name, arg);
	else
		snprintf(left, sizeof left, "--%s", name);
	if (strcmp(name, "help") == 0)
		snprintf(left, sizeof left, "-h, --help");
	/* Padded by display columns, not bytes: placeholders are translated
	 * ("TỆP") and Vietnamese letters take several bytes each. */
	int pad = 28 - text_width(left);
	fprintf(f, "  %s%*s %s\n", left, pad > 0 ? pad : 0, "", _(help));
}

void cli_help_common(FILE *f, const cli_command *cmd)
{
	fprintf(f, "\n%s\n", _("Common options:"));
	for (size_t i = 0; i < NCOMMON; i++) {
		const char *arg = commons[i].arg;
		if ((commons[i].id == OPT_FORMAT && (cmd->hide & CLI_HIDE_FORMAT)) ||
		    (commons[i].id == OPT_LIMIT && (cmd->hide & CLI_HIDE_LIMIT)) ||
		    ((commons[i].id == OPT_LABELS || commons[i].id == OPT_OUTPUT ||
		      commons[i].id == OPT_WIDE) &&
		     (cmd->hide & CLI_HIDE_FORMAT)) ||
		    (commons[i].id == OPT_LABELS &&
		     !(cli_formats(cmd) & CLI_FORMAT_BIT(OUT_CSV_LABELS))))
			continue;
		if (commons[i].id == OPT_FORMAT) {
			char list[64] = "";
			for (int fm = 0; fm < OUT_FORMAT_COUNT; fm++)
				if (fm != OUT_CSV_LABELS &&
				    (cli_formats(cmd) & CLI_FORMAT_BIT(fm))) {
					if (*list)
						strcat(list, "|");
					strcat(list, out_format_name(fm));
				}
			help_line(f, "format", list, commons[i].help);
			continue;
		}
		help_line(f, commons[i].name, arg && !strchr(arg, '|') ? _(arg) : arg,
			  commons[i].help);
	}
	fprintf(f, "\n%s\n",
		_("Exit status: 0 done, 1 nothing found, 2 usage error, 3 configuration error, 4 "
		  "database error, 5 not allowed for this user."));
}

void cli_help_head(FILE *f, const cli_command *cmd)
{
	fprintf(f, _("Usage: canbo %s [OPTION]... %s\n"), cmd->name,
		cmd->synopsis && *cmd->synopsis ? _(cmd->synopsis) : "");
	if (cmd->summary)
		fprintf(f, "%s\n", _(cmd->summary));
}

void cli_help_options(FILE *f, const cli_command *cmd)
{
	size_t own = count_own(cmd);

	if (own) {
		fprintf(f, "\n%s\n", _("Options:"));
		for (size_t i = 0; i < own; i++)
			help_line(f, cmd->options[i].name,
				  cmd->options[i].arg ? _(cmd->options[i].arg) : NULL,
				  cmd->options[i].help);
	}
	cli_help_common(f, cmd);
}

void cli_help(FILE *f, const cli_command *cmd)
{
	cli_help_head(f, cmd);
	cli_help_options(f, cmd);
}

/* A text value of a common option: not empty and shorter than cap bytes
 * (the application copies it into buffers of that size), else the usage
 * message msg with its one %d filled by shown. Stores val in *out. */
static int take_text(const cli_command *cmd, const char *val, size_t cap, const char *msg,
		     int shown, const char **out)
{
	if (!*val || strlen(val) >= cap)
		return cli_usage(cmd, msg, shown);
	*out = val;
	return CB_OK;
}

unsigned cli_formats(const cli_command *cmd)
{
	return cmd->formats ? cmd->formats
			    : CLI_FORMAT_BIT(OUT_TABLE) | CLI_FORMAT_BIT(OUT_CSV) |
				      CLI_FORMAT_BIT(OUT_JSON);
}

/* --labels turns CSV into CSV for spreadsheets; binary output needs a file. */
static int check_output(const cli_command *cmd, cli_args *a)
{
	if (a->labels) {
		if (a->format_given && a->format != OUT_CSV)
			return cli_usage(cmd, _("--labels goes with --format csv"));
		if (!(cli_formats(cmd) & CLI_FORMAT_BIT(OUT_CSV_LABELS)))
			return cli_usage(cmd, _("this command has no CSV for spreadsheets"));
		a->format = OUT_CSV_LABELS;
	}
	if (out_is_binary(a->format) && !a->output && isatty(STDOUT_FILENO))
		return cli_usage(cmd, _("%s output is not for a terminal: use --output FILE"),
				 out_format_name(a->format));
	return CB_OK;
}

/* Checks and stores one common option's value. */
static int take_common(const cli_command *cmd, int id, const char *val, cli_args *a)
{
	int64_t n;
	cb_date d;

	switch (id) {
	case OPT_DB:
		return take_text(cmd, val, PATH_MAX,
				 _("--db needs a file name shorter than %d bytes"), PATH_MAX,
				 &a->app.db_path);
	case OPT_CONFIG:
		return take_text(cmd, val, PATH_MAX,
				 _("--config needs a directory name shorter than %d bytes"),
				 PATH_MAX, &a->app.config_dir);
	case OPT_DISTRICT:
		return take_text(cmd, val, CFG_CODE_MAX,
				 _("--district needs a unit code of at most %d characters"),
				 CFG_CODE_MAX - 1, &a->app.district);
	case OPT_LANG:
		if (strcmp(val, "vi") != 0 && strcmp(val, "en") != 0)
			return cli_usage(cmd, _("--lang must be vi or en, not '%s'"), val);
		a->app.lang = val;
		break;
	case OPT_AS_OF:
		if (!date_parse(val, &d))
			return cli_usage(
				cmd,
				_("--as-of needs a real date (dd/mm/yyyy or yyyy-mm-dd), not '%s'"),
				val);
		a->app.as_of = val;
		break;
	case OPT_LABELS:
		a->labels = true;
		break;
	case OPT_WIDE:
		out_set_wide(true);
		break;
	case OPT_OUTPUT:
		return take_text(cmd, val, PATH_MAX,
				 _("--output needs a file name shorter than %d bytes"), PATH_MAX,
				 &a->output);
	case OPT_FORMAT:
		if (!out_format_from_name(val, &a->format) ||
		    !(cli_formats(cmd) & CLI_FORMAT_BIT(a->format)))
			return cli_usage(cmd, _("'%s' is not an output format of this command"),
					 val);
		a->format_given = true;
		break;
	case OPT_LIMIT:
		if (!cli_number(val, LIMIT_MAX, &n))
			return cli_usage(cmd,
					 _("--limit needs a whole number from 0 to %d, not '%s'"),
					 LIMIT_MAX, val);
		a->limit = (size_t)n;
		a->limit_given = true;
		break;
	}
	return CB_OK;
}

/* Builds the getopt_long table: the common options, then the command's. */
static struct option *long_options(const cli_command *cmd, size_t own)
{
	struct option *lo = calloc(NCOMMON + own + 1, sizeof *lo);
	size_t k = 0;
	if (!lo)
		return NULL;
	for (size_t i = 0; i < NCOMMON; i++, k++) {
		lo[k].name = commons[i].name;
		lo[k].has_arg = commons[i].arg ? required_argument : no_argument;
		lo[k].val = commons[i].id;
	}
	for (size_t i = 0; i < own; i++, k++) {
		lo[k].name = cmd->options[i].name;
		lo[k].has_arg = cmd->options[i].arg ? required_argument : no_argument;
		lo[k].val = OPT_OWN + (int)i;
	}
	return lo;
}

/* The option word getopt just complained about, for the message. */
static const char *bad_word(char **argv, int argc)
{
	int i = optind - 1;
	return i >= 1 && i < argc ? argv[i] : "?";
}

static int parse_loop(int argc, char **argv, const cli_command *cmd, struct option *lo, cli_args *a)
{
	int c, rc;

	opterr = 0;
	optind = 0; /* full re-initialisation (GNU) */
	while ((c = getopt_long(argc, argv, ":h", lo, NULL)) != -1) {
		if (c == 'h' || c == OPT_HELP) {
			a->help = true;
		} else if (c == ':') {
			return cli_usage(cmd, _("option '%s' needs a value"), bad_word(argv, argc));
		} else if (c == '?') {
			if (optopt && optopt < OPT_DB)
				return cli_usage(cmd, _("unknown option '-%c'"), optopt);
			return cli_usage(cmd, _("unknown option '%s'"), bad_word(argv, argc));
		} else if (c >= OPT_OWN) {
			cli_option *o = &cmd->options[c - OPT_OWN];
			o->seen = true;
			o->value = optarg;
		} else if ((rc = take_common(cmd, c, optarg, a))) {
			return rc;
		}
	}
	return CB_OK;
}

int cli_parse(int argc, char **argv, const cli_command *cmd, cli_args *a)
{
	size_t own = count_own(cmd);
	struct option *lo;
	int rc;

	memset(a, 0, sizeof *a);
	a->format = OUT_TABLE;
	for (size_t i = 0; i < own; i++) {
		cmd->options[i].seen = false;
		cmd->options[i].value = NULL;
	}
	if (!(lo = long_options(cmd, own))) {
		cli_warn("%s", _("Out of memory"));
		return CB_EDB;
	}
	rc = parse_loop(argc, argv, cmd, lo, a);
	free(lo);
	if (rc)
		return rc;
	if (a->help) {
		cli_help(stdout, cmd);
		return CB_OK;
	}
	if ((rc = check_output(cmd, a)) || (a->output && (rc = cli_output_begin(a->output))))
		return rc;
	a->argc = argc - optind;
	a->argv = argv + optind;
	if (a->argc < cmd->min_args)
		return cli_usage(cmd, _("missing argument: %s"),
				 cmd->synopsis ? _(cmd->synopsis) : "");
	if (cmd->max_args >= 0 && a->argc > cmd->max_args)
		return cli_usage(cmd, _("unexpected argument '%s'"), a->argv[cmd->max_args]);
	return CB_OK;
}

int cli_open(const cli_args *args, app *a)
{
	cb_error err;
	int rc;

	cb_error_clear(&err);
	if (trust_privileged() && ((args->app.config_dir && *args->app.config_dir) ||
				   (args->app.db_path && *args->app.db_path)))
		cli_warn("%s", _("--config and --db are ignored: the installed canbo reads only "
				 "the system's configuration and its databases"));
	if ((rc = app_open(a, &args->app, &err)))
		return cli_fail(&err);
	return CB_OK;
}

int cli_cadre_query(const app *a, const char *text, search_query *q)
{
	unit_row u;
	cb_error err;

	memset(q, 0, sizeof *q);
	q->text = text;
	q->sort = SORT_NAME;
	filter_init(&q->filter);
	q->filter.as_of = a->today;
	if (!app_unit_code(a))
		return CB_OK;
	cb_error_clear(&err);
	if (store_unit_by_code(a->db, app_unit_code(a), &u, &err))
		return cli_fail(&err);
	q->filter.unit_lo = u.lo;
	q->filter.unit_hi = u.hi;
	return CB_OK;
}
