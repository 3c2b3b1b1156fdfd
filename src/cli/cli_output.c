/* cli_output.c - --output FILE: the output is built in a temporary file
 * beside FILE and renamed over it only when the command succeeded, so a
 * failed or interrupted run never leaves half a report under FILE's name,
 * and a reader of FILE sees the old file or the new one, whole.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
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
