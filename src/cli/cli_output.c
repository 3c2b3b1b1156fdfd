/* cli_output.c - how the command line writes what it lists.
 *
 * --output FILE: the output is built in a temporary file beside FILE and
 * renamed over it only when the command succeeded, so a failed or
 * interrupted run never leaves half a report under FILE's name, and a
 * reader of FILE sees the old file or the new one, whole.
 *
 * cli_list_run: the one shape of a list command (cli.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "error.h"
#include "i18n.h"

static struct {
	bool active;
	char path[PATH_MAX];
	char tmp[PATH_MAX];
	mode_t mode;
} pending;

int cli_output_begin(const char *path)
{
	const char *slash = strrchr(path, '/');
	struct stat st;
	int fd;

	if (pending.active)
		return CB_OK;
	if (snprintf(pending.tmp, sizeof pending.tmp, "%.*s.canbo-XXXXXX",
		     slash ? (int)(slash - path + 1) : 0, path) >= (int)sizeof pending.tmp ||
	    (stat(path, &st) == 0 && !S_ISREG(st.st_mode))) {
		cli_warn(_("Cannot write %s: not a regular file"), path);
		return CB_EUSAGE;
	}
	pending.mode = stat(path, &st) == 0 ? st.st_mode & 07777 : 0600;
	if ((fd = mkstemp(pending.tmp)) < 0) {
		cli_warn(_("Cannot write %s: %s"), path, strerror(errno));
		return CB_EUSAGE;
	}
	fflush(stdout);
	if (dup2(fd, STDOUT_FILENO) < 0) {
		cli_warn(_("Cannot write %s: %s"), path, strerror(errno));
		close(fd);
		unlink(pending.tmp);
		return CB_EDB;
	}
	close(fd);
	snprintf(pending.path, sizeof pending.path, "%s", path);
	pending.active = true;
	return CB_OK;
}

int cli_output_finish(int rc)
{
	bool keep = rc == CB_OK || rc == CB_NOT_FOUND;

	if (!pending.active)
		return rc;
	pending.active = false;
	if (keep &&
	    (fflush(stdout) != 0 || fsync(STDOUT_FILENO) != 0 ||
	     fchmod(STDOUT_FILENO, pending.mode) != 0 || rename(pending.tmp, pending.path) != 0)) {
		cli_warn(_("Cannot write %s: %s"), pending.path, strerror(errno));
		rc = CB_EDB;
		keep = false;
	}
	if (!keep)
		unlink(pending.tmp);
	return rc;
}

const char *cli_cell_printf(cli_cells *c, size_t col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->buf[col], sizeof c->buf[col], fmt, ap);
	va_end(ap);
	return c->cell[col] = c->buf[col];
}

/* Writes the fetched rows; returns the status and the rows written. */
static int write_rows(const cli_list *l, const cli_args *args, app *a, void *ctx, size_t n,
		      size_t *shown)
{
	out_column tr[CLI_LIST_COLS];
	cli_cells *c = malloc(sizeof *c);
	out_writer *o = NULL;
	int rc = CB_OK, wrote;

	for (size_t k = 0; k < l->ncols; k++) {
		tr[k] = l->cols[k];
		tr[k].header = l->cols[k].header[0] ? _(l->cols[k].header) : "";
	}
	if (!c || !(o = out_begin(stdout, args->format, tr, l->ncols))) {
		free(c);
		cli_warn("%s", out_failure());
		return CB_EDB;
	}
	for (size_t i = 0; i < n && !rc; i++) {
		if (args->limit && *shown >= args->limit)
			break;
		memset(c->cell, 0, sizeof c->cell);
		if (!l->row(a, ctx, i, args->format, c))
			continue;
		for (size_t k = 0; k < l->ncols; k++)
			if (!c->cell[k])
				c->cell[k] = "";
		if (out_row(o, c->cell))
			rc = CB_EDB;
		else
			(*shown)++;
	}
	wrote = out_end(o);
	free(c);
	if (rc || wrote) {
		cli_warn("%s", _("Could not write the output"));
		return CB_EDB;
	}
	return CB_OK;
}

int cli_list_run(const cli_list *l, cli_args *args, void *ctx)
{
	size_t n = 0, shown = 0;
	cb_error err;
	app a;
	int rc;

	args->app.readonly = true; /* lists only: no write lock, a read-only file will do */
	if ((rc = cli_open(args, &a)))
		return rc;
	cb_error_clear(&err);
	if ((rc = l->fetch(&a, ctx, &n, &err))) {
		rc = err.msg[0] ? cli_fail(&err) : rc;
	} else if (n == 0 && l->none) {
		cli_warn("%s", _(l->none));
		rc = CB_NOT_FOUND;
	} else if (!(rc = write_rows(l, args, &a, ctx, n, &shown)) && !shown) {
		rc = CB_NOT_FOUND;
	}
	app_close(&a);
	return rc;
}
