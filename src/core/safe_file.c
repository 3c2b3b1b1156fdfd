/* safe_file.c - temporary file beside the target, then rename
 * (include/safe_file.h). */
#include "safe_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"

int safe_file_exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

/* The name may be replaced: absent, or a regular file of the user's own. */
int safe_file_check(const char *path, cb_error *err)
{
	struct stat st;

	if (lstat(path, &st) != 0)
		return errno == ENOENT
			       ? CB_OK
			       : cb_error_set(err, CB_EDB, _("Could not write the file %s: %s"),
					      path, strerror(errno));
	if (S_ISLNK(st.st_mode))
		return cb_error_set(err, CB_EACCESS,
				    _("%s is a symbolic link: canbo does not write through links; "
				      "choose another name"),
				    path);
	if (!S_ISREG(st.st_mode))
		return cb_error_set(err, CB_EACCESS,
				    _("%s is not a regular file; choose another name"), path);
	if (st.st_uid != geteuid())
		return cb_error_set(err, CB_EACCESS,
				    _("%s belongs to another user: canbo does not replace it; "
				      "choose another name"),
				    path);
	return CB_OK;
}

int safe_file_open(safe_file *sf, const char *path, mode_t mode, cb_error *err)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	int dirlen = slash ? (int)(slash - path) + 1 : 0;
	int fd, rc, n;

	memset(sf, 0, sizeof *sf);
	if (!*base || strlen(path) >= sizeof sf->path)
		return cb_error_set(err, CB_EINVALID, _("Not a file name: %s"), path);
	if ((rc = safe_file_check(path, err)))
		return rc;
	snprintf(sf->path, sizeof sf->path, "%s", path);
	n = snprintf(sf->tmp, sizeof sf->tmp, "%.*s.%s.XXXXXX", dirlen, path, base);
	if (n < 0 || (size_t)n >= sizeof sf->tmp)
		return cb_error_set(err, CB_EINVALID, _("Not a file name: %s"), path);
	/* mkstemp: O_CREAT|O_EXCL on a random name, mode 0600 */
	if ((fd = mkstemp(sf->tmp)) < 0) {
		rc = cb_error_set(err, CB_EDB, _("Could not write the file %s: %s"), path,
				  strerror(errno));
		sf->tmp[0] = '\0';
		return rc;
	}
	if ((mode & 07777) != 0600 && fchmod(fd, mode & 0666) != 0) {
		rc = cb_error_set(err, CB_EDB, _("Could not write the file %s: %s"), path,
				  strerror(errno));
		close(fd);
		safe_file_abort(sf);
		return rc;
	}
	if (!(sf->fp = fdopen(fd, "w"))) {
		rc = cb_error_set(err, CB_EDB, _("Could not write the file %s: %s"), path,
				  strerror(errno));
		close(fd);
		safe_file_abort(sf);
		return rc;
	}
	return CB_OK;
}

int safe_file_commit(safe_file *sf, cb_error *err)
{
	int rc = CB_OK, e = 0;

	if (!sf->fp)
		return cb_error_set(err, CB_EDB, _("Could not write the file %s: %s"), sf->path,
				    strerror(EBADF));
	if (fflush(sf->fp) != 0 || fsync(fileno(sf->fp)) != 0)
		e = errno;
	if (fclose(sf->fp) != 0 && !e)
		e = errno;
	sf->fp = NULL;
	if (e)
		rc = cb_error_set(err, CB_EDB, _("Could not write the file %s: %s"), sf->path,
				  strerror(e));
	/* the name may have become a link while we wrote: look again */
	if (!rc)
		rc = safe_file_check(sf->path, err);
	if (!rc && rename(sf->tmp, sf->path) != 0)
		rc = cb_error_set(err, CB_EDB, _("Could not write the file %s: %s"), sf->path,
				  strerror(errno));
	if (rc) {
		safe_file_abort(sf);
		return rc;
	}
	sf->tmp[0] = '\0';
	return CB_OK;
}

void safe_file_abort(safe_file *sf)
{
	if (sf->fp)
		fclose(sf->fp);
	sf->fp = NULL;
	if (sf->tmp[0])
		unlink(sf->tmp);
	sf->tmp[0] = '\0';
}
