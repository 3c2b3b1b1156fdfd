/* cmd_sync.c - `canbo sync`: one province from many offices (sync.h).
 *
 *   canbo sync export [--office CODE] [--output FILE]
 *       this office's changes since its last export (the first time: its
 *       whole database), as one file on stdout or in FILE
 *   canbo sync apply FILE...
 *       at the province: each office's files in order, each once, each
 *       whole or not at all ("-" reads stdin)
 *   canbo sync status
 *       per office: the last file applied (this office: exported), when,
 *       how many changes, the open conflicts, what waits to be sent
 *   canbo sync conflicts
 *       the conflicts waiting for a person
 *   canbo sync resolve ID
 *       a conflict made right by hand
 *
 * Files go however the offices like, for example through ssh:
 *   canbo sync export | ssh province canbo sync apply -
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "i18n.h"
#include "output.h"
#include "sync.h"

static cli_option sync_opts[] = {
	{"office", N_("CODE"),
	 N_("This office's code, at its first export (default: the district's or province's code)"),
	 false, NULL},
	{NULL, NULL, NULL, false, NULL},
};

static const cli_command sync_cmd = {
	.name = "sync",
	.synopsis = N_("export | apply FILE... | status | conflicts | resolve ID"),
	.summary = N_("Send this office's changes, apply other offices' at the province"),
	.min_args = 0,
	.max_args = -1,
	.options = sync_opts,
	.formats = 0,
};

static int parse(int argc, char **argv, cli_args *args, int min, int max)
{
	int rc = cli_parse(argc, argv, &sync_cmd, args);
	if (rc || args->help)
		return rc;
	if (args->argc < min)
		return cli_usage(&sync_cmd, "%s", _("give the files to apply"));
	if (max >= 0 && args->argc > max)
		return cli_usage(&sync_cmd, _("unexpected argument '%s'"), args->argv[max]);
	return CB_OK;
}

static int to_stdout(const void *data, size_t n, void *ctx)
{
	(void)ctx;
	return fwrite(data, 1, n, stdout) != n || fflush(stdout) != 0;
}

/* The office's code when none is given: the district's, else the
 * province's. */
static const char *default_office(const app *a)
{
	if (a->district)
		return a->district->code;
	for (size_t i = 0; a->config && i < a->config->unit_count; i++)
		if (a->config->units[i].parent < 0)
			return a->config->units[i].code;
	return NULL;
}

static int run_export(int argc, char **argv)
{
	cli_args args;
	sync_export_info info;
	cb_error err;
	app a;
	int rc = parse(argc, argv, &args, 0, 0);

	if (rc || args.help)
		return rc;
	if (!args.output && isatty(STDOUT_FILENO))
		return cli_usage(
			&sync_cmd, "%s",
			_("the file is binary: give --output FILE or send it through a pipe"));
	if ((rc = cli_open(&args, &a)))
		return rc;
	cb_error_clear(&err);
	rc = sync_export(a.db, sync_opts[0].seen ? sync_opts[0].value : NULL, default_office(&a),
			 to_stdout, NULL, &info, &err);
	if (rc) {
		app_close(&a);
		/* nothing to send: no file, not even an empty one */
		if (args.output)
			cli_output_finish(CB_EDB);
		return cli_fail(&err);
	}
	fprintf(stderr,
		info.snapshot ? _("Office %s, file %lld (the whole database): %zu records, %zu "
				  "bytes, sha256 %s\n")
			      : _("Office %s, file %lld: %zu changes, %zu bytes, sha256 %s\n"),
		info.office, (long long)info.seq, info.changes, info.bytes, info.hash);
	app_close(&a);
	return CB_OK;
}

typedef struct loaded {
	const char *name;
	char *data;
	size_t n;
	char office[SYNC_OFFICE_MAX];
	int64_t seq;
} loaded;

static int read_all(const char *name, loaded *l)
{
	FILE *f = strcmp(name, "-") ? fopen(name, "rb") : stdin;
	size_t cap = 0;
	l->name = name;
	l->data = NULL;
	l->n = 0;
	if (!f) {
		cli_warn(_("Cannot read %s: %s"), name, strerror(errno));
		return CB_EUSAGE;
	}
	for (;;) {
		if (l->n == cap) {
			cap = cap ? 2 * cap : 65536;
			char *p = realloc(l->data, cap);
			if (!p) {
				cli_warn("%s", out_failure());
				if (f != stdin)
					fclose(f);
				return CB_EDB;
			}
			l->data = p;
		}
		size_t got = fread(l->data + l->n, 1, cap - l->n, f);
		l->n += got;
		if (got == 0)
			break;
	}
	int bad = ferror(f);
	if (f != stdin)
		fclose(f);
	if (bad) {
		cli_warn(_("Cannot read %s: %s"), name, strerror(errno));
		return CB_EUSAGE;
	}
	return CB_OK;
}

static int by_office_seq(const void *x, const void *y)
{
	const loaded *a = x, *b = y;
	int c = strcmp(a->office, b->office);
	return c ? c : (a->seq > b->seq) - (a->seq < b->seq);
}

static int run_apply(int argc, char **argv)
{
	cli_args args;
	cb_error err;
	app a;
	loaded *files;
	int rc = parse(argc, argv, &args, 1, -1);

	if (rc || args.help)
		return rc;
	if (!(files = calloc((size_t)args.argc, sizeof *files)))
		return CB_EDB;
	cb_error_clear(&err);
	for (int i = 0; !rc && i < args.argc; i++) {
		rc = read_all(args.argv[i], &files[i]);
		if (!rc &&
		    sync_peek(files[i].data, files[i].n, files[i].office, &files[i].seq, &err)) {
			cli_warn("%s: %s", files[i].name, err.msg);
			rc = err.code;
		}
	}
	if (!rc)
		qsort(files, (size_t)args.argc, sizeof *files, by_office_seq);
	if (!rc && !(rc = cli_open(&args, &a))) {
		for (int i = 0; !rc && i < args.argc; i++) {
			sync_apply_info info;
			cb_error_clear(&err);
			if ((rc = sync_apply(a.db, files[i].data, files[i].n, NULL, &info, &err))) {
				cli_warn("%s: %s", files[i].name, err.msg);
				break;
			}
			if (info.already)
				printf(_("%s: office %s, file %lld was applied before; nothing "
					 "changed\n"),
				       files[i].name, info.office, (long long)info.seq);
			else
				printf(_("%s: office %s, file %lld: %zu changes applied, %zu "
					 "conflicts kept\n"),
				       files[i].name, info.office, (long long)info.seq,
				       info.changes, info.conflicts);
		}
		app_close(&a);
	}
	for (int i = 0; i < args.argc; i++)
		free(files[i].data);
	free(files);
	return rc;
}

static const out_column status_cols[] = {
	{"office", N_("Office"), OUT_LEFT, OUT_STR, 0},
	{"role", N_("Here"), OUT_LEFT, OUT_STR, 0},
	{"seq", N_("Last file"), OUT_RIGHT, OUT_NUM, 0},
	{"at", N_("When (UTC)"), OUT_LEFT, OUT_STR, 0},
	{"changes", N_("Changes applied"), OUT_RIGHT, OUT_NUM, 0},
	{"conflicts", N_("Open conflicts"), OUT_RIGHT, OUT_NUM, 0},
	{"pending", N_("Writes not sent"), OUT_RIGHT, OUT_NUM, 0},
};

struct status_rows {
	sync_office_row *rows;
};

static int fetch_status(app *a, void *ctx, size_t *n, cb_error *err)
{
	return sync_status(a->db, &((struct status_rows *)ctx)->rows, n, err);
}

static bool status_row(app *a, void *ctx, size_t i, int format, cli_cells *c)
{
	const sync_office_row *r = &((struct status_rows *)ctx)->rows[i];

	(void)a;
	(void)format;
	c->cell[0] = r->office;
	c->cell[1] = r->self ? _("sends") : _("applied");
	cli_cell_printf(c, 2, "%lld", (long long)r->seq);
	c->cell[3] = r->at;
	if (!r->self) {
		cli_cell_printf(c, 4, "%lld", (long long)r->changes);
		cli_cell_printf(c, 5, "%lld", (long long)r->open_conflicts);
	} else {
		cli_cell_printf(c, 6, "%lld", (long long)r->pending);
	}
	return true;
}

static int run_status(int argc, char **argv)
{
	static const cli_list list = {
		.cols = status_cols,
		.ncols = sizeof status_cols / sizeof status_cols[0],
		.fetch = fetch_status,
		.row = status_row,
		.none = N_("This office has neither sent nor applied any changes"),
	};
	struct status_rows ctx = {NULL};
	cli_args args;
	int rc = parse(argc, argv, &args, 0, 0);

	if (rc || args.help)
		return rc;
	rc = cli_list_run(&list, &args, &ctx);
	free(ctx.rows);
	return rc;
}

static const out_column conflict_cols[] = {
	{"id", N_("No."), OUT_RIGHT, OUT_NUM, 0},
	{"office", N_("Office"), OUT_LEFT, OUT_STR, 0},
	{"seq", N_("File"), OUT_RIGHT, OUT_NUM, 0},
	{"table", N_("Table"), OUT_LEFT, OUT_STR, 0},
	{"record", N_("Record"), OUT_RIGHT, OUT_NUM, 0},
	{"kind", N_("Conflict"), OUT_LEFT, OUT_STR, 0},
	{"theirs", N_("Their values"), OUT_LEFT, OUT_STR, 50},
	{"ours", N_("Values here"), OUT_LEFT, OUT_STR, 50},
};

struct conflict_rows {
	sync_conflict_row *rows;
	size_t n;
};

static int fetch_conflicts(app *a, void *ctx, size_t *n, cb_error *err)
{
	struct conflict_rows *c = ctx;
	int rc = sync_conflicts(a->db, &c->rows, &c->n, err);

	*n = c->n;
	return rc;
}

static bool conflict_row(app *a, void *ctx, size_t i, int format, cli_cells *c)
{
	const sync_conflict_row *r = &((struct conflict_rows *)ctx)->rows[i];

	(void)a;
	(void)format;
	cli_cell_printf(c, 0, "%lld", (long long)r->id);
	c->cell[1] = r->office;
	cli_cell_printf(c, 2, "%lld", (long long)r->seq);
	c->cell[3] = r->table;
	cli_cell_printf(c, 4, "%lld", (long long)r->local_id);
	c->cell[5] = r->kind;
	c->cell[6] = r->theirs;
	c->cell[7] = r->ours;
	return true;
}

static int run_conflicts(int argc, char **argv)
{
	static const cli_list list = {
		.cols = conflict_cols,
		.ncols = sizeof conflict_cols / sizeof conflict_cols[0],
		.fetch = fetch_conflicts,
		.row = conflict_row,
		.none = N_("No conflict waits for a decision"),
	};
	struct conflict_rows ctx = {NULL, 0};
	cli_args args;
	int rc = parse(argc, argv, &args, 0, 0);

	if (rc || args.help)
		return rc;
	rc = cli_list_run(&list, &args, &ctx);
	sync_conflicts_free(ctx.rows, ctx.n);
	return rc;
}

static int run_resolve(int argc, char **argv)
{
	cli_args args;
	cb_error err;
	int64_t id;
	app a;
	int rc = parse(argc, argv, &args, 1, 1);

	if (rc || args.help)
		return rc;
	if (!cli_number(args.argv[0], INT64_MAX, &id) || id == 0)
		return cli_usage(&sync_cmd, "%s", _("give the conflict's number"));
	if ((rc = cli_open(&args, &a)))
		return rc;
	cb_error_clear(&err);
	rc = sync_conflict_resolve(a.db, id, &err);
	app_close(&a);
	if (rc)
		return cli_fail(&err);
	printf(_("Conflict %lld marked resolved\n"), (long long)id);
	return CB_OK;
}

static const cli_sub subs[] = {
	{"export", run_export, N_("Write this office's changes since the last export to a file")},
	{"apply", run_apply, N_("Apply the change files of other offices")},
	{"status", run_status, N_("What was sent and applied, office by office")},
	{"conflicts", run_conflicts, N_("The changes that met a newer change here")},
	{"resolve", run_resolve, N_("Mark a conflict resolved")},
};

static const cli_dispatch sync_dispatch = {
	.name = "sync",
	.cmd = &sync_cmd,
	.subs = subs,
	.nsubs = CLI_NSUBS(subs),
	.dflt = run_status,
};

int cmd_sync(int argc, char **argv)
{
	return cli_dispatch_run(&sync_dispatch, argc, argv);
}
