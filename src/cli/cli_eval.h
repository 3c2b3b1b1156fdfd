/* cli_eval.h - what the files of `canbo eval` and `canbo ratings` share;
 * not for other commands. */
#ifndef CANBO_CLI_EVAL_H
#define CANBO_CLI_EVAL_H

#include <stdbool.h>

#include "app.h"
#include "cli.h"
#include "eval_store.h"
#include "text.h"

/* The subcommands of `canbo eval` that list; argv[0] is "eval NAME". */
int cli_eval_show(int argc, char **argv);
int cli_eval_missing(int argc, char **argv);
int cli_eval_summary(int argc, char **argv);

/* Loads the configured rules; prints the error. */
int cli_eval_rules(app *a, eval_rules *r);
/* --period's value into *p (required unless p_optional; then *given
 * says whether it was there). */
int cli_eval_take_period(const cli_command *cmd, const cli_option *o, eval_period *p);
/* A grade: its name (excellent, good, completed, failed) or 1..4. */
bool cli_eval_grade(const char *s, int *grade);
/* The scope of --district as units' pre-order interval; prints the error. */
int cli_eval_scope(app *a, const cli_args *args, eval_scope *sc);
/* The label of a grade for a table, its name for CSV/JSON, "" for 0. */
const char *cli_eval_grade_cell(int grade, int format);
/* Evaluations from a CSV file (eval_import); the closing line into done.
 * Prints the error. */
int cli_eval_import_file(app *a, const char *path, text_encoding enc, bool dry_run, char *done,
			 size_t cap);
/* Whether option words of these commands take an argument. */
bool cli_eval_option_takes_arg(const char *word);

#endif
