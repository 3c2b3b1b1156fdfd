/* newdb.c - building a new database privately and putting it in place
 * (newdb.h).
 *
 * Why a directory rather than a temporary file name: SQLite writes the
 * database's -wal and -shm files beside it, so the whole build, its
 * companions included, lives in the directory; and the directory's lock
 * tells a live build from a killed one without trusting process ids.
 */
#define _GNU_SOURCE /* renameat2 */
#include "newdb.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"

#define DB_NAME "db"
/* A directory just made, not locked yet, is named .NAME.canbo-new-XXXXXX;
 * the cleaners leave such a one alone unless it is this old (its maker
 * died between mkdtemp and flock). */
#define NEW_TAG	    "new-"
#define NEW_GRACE_S 600

/* The directory part (or ".") and the last component of path. */
static void split(const char *path, char *dir, size_t dcap, const char **base)
{
	const char *slash = strrchr(path, '/');
	if (!slash) {
		snprintf(dir, dcap, ".");
		*base = path;
	} else if (slash == path) {
		snprintf(dir, dcap, "/");
		*base = slash + 1;
	} else {
		snprintf(dir, dcap, "%.*s", (int)(slash - path), path);
		*base = slash + 1;
	}
}

/* Removes the files in a private directory, then the directory. */
static void remove_tree(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char name[PATH_MAX + 300];
	if (d) {
		while ((e = readdir(d)))
			if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
				snprintf(name, sizeof name, "%s/%s", dir, e->d_name);
				unlink(name);
			}
		closedir(d);
	}
	rmdir(dir);
}

int newdb_clean_stale(const char *final)
{
	char dir[PATH_MAX], prefix[PATH_MAX], name[2 * PATH_MAX + 2];
	const char *base;
	struct dirent *e;
	int removed = 0;
	DIR *d;

	split(final, dir, sizeof dir, &base);
	snprintf(prefix, sizeof prefix, ".%s.canbo-", base);
	if (!(d = opendir(dir)))
		return 0;
	while ((e = readdir(d))) {
		struct stat sb;
		int fd;
		bool young;
		if (strncmp(e->d_name, prefix, strlen(prefix)) != 0)
			continue;
		snprintf(name, sizeof name, "%s/%s", dir, e->d_name);
		fd = open(name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0)
			continue;
		/* a directory not locked yet is being born, unless it is old */
		young = strncmp(e->d_name + strlen(prefix), NEW_TAG, strlen(NEW_TAG)) == 0 &&
			fstat(fd, &sb) == 0 && time(NULL) - sb.st_mtime < NEW_GRACE_S;
		/* only our own, and only if no live run holds it */
		if (!young && fstat(fd, &sb) == 0 && sb.st_uid == getuid() &&
		    flock(fd, LOCK_EX | LOCK_NB) == 0) {
			remove_tree(name);
			removed++;
		}
		close(fd);
	}
	closedir(d);
	return removed;
}

int newdb_start(newdb *n, const char *final, cb_error *err)
{
	char dir[PATH_MAX], born[PATH_MAX];
	const char *base;

	memset(n, 0, sizeof *n);
	n->lock_fd = -1;
	split(final, dir, sizeof dir, &base);
	if (strlen(final) >= sizeof n->final || strlen(dir) + strlen(base) + 32 >= sizeof n->dir)
		return cb_error_set(err, CB_EUSAGE, _("Database path too long: %s"), final);
	snprintf(n->final, sizeof n->final, "%s", final);
	newdb_clean_stale(final);
	/* made under a name the cleaners leave alone, locked, then renamed to
	 * the name of a live build: never seen unlocked under that name */
	snprintf(born, sizeof born, "%s/.%s.canbo-" NEW_TAG "XXXXXX", dir, base);
	if (!mkdtemp(born))
		return cb_error_set(err, CB_EDB, _("Cannot create a database in %s: %s"), dir,
				    strerror(errno));
	snprintf(n->dir, sizeof n->dir, "%s/.%s.canbo-%s", dir, base, born + strlen(born) - 6);
	n->lock_fd = open(born, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (n->lock_fd < 0 || flock(n->lock_fd, LOCK_EX | LOCK_NB) != 0 ||
	    (renameat2(AT_FDCWD, born, AT_FDCWD, n->dir, RENAME_NOREPLACE) != 0 &&
	     (errno != EINVAL || rename(born, n->dir) != 0))) {
		int e = errno;
		snprintf(n->dir, sizeof n->dir, "%s", born);
		newdb_discard(n);
		return cb_error_set(err, CB_EDB, _("Cannot create a database in %s: %s"), dir,
				    strerror(e));
	}
	snprintf(n->path, sizeof n->path, "%s/" DB_NAME, n->dir);
	return CB_OK;
}

/* Removes final's -wal, -shm and -journal (before a replacement, so that
 * the old database's journal is never read against the new file). */
static void remove_companions(const char *final)
{
	static const char *const suffix[] = {"-wal", "-shm", "-journal"};
	char name[PATH_MAX + 16];
	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		snprintf(name, sizeof name, "%s%s", final, suffix[i]);
		unlink(name);
	}
}

/* Flushes a file (or directory) to the disk: a database built with
 * synchronous = OFF is made durable before it is given its name. */
static void sync_path(const char *path, bool dir)
{
	int fd = open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

int newdb_place(newdb *n, bool replace, cb_error *err)
{
	char dir[PATH_MAX];
	const char *base;
	int rc;

	sync_path(n->path, false);
	if (replace) {
		remove_companions(n->final);
		rc = rename(n->path, n->final);
	} else {
		rc = renameat2(AT_FDCWD, n->path, AT_FDCWD, n->final, RENAME_NOREPLACE);
		if (rc != 0 && (errno == EINVAL || errno == ENOSYS)) {
			/* a file system without it: link() never replaces either */
			rc = link(n->path, n->final);
			if (rc == 0)
				unlink(n->path);
		}
	}
	if (rc == 0) {
		split(n->final, dir, sizeof dir, &base);
		sync_path(dir, true);
		return CB_OK;
	}
	if (errno == EEXIST)
		return cb_error_set(
			err, CB_EDB,
			_("%s was created by someone else meanwhile; it was left as it is "
			  "and nothing was written to it"),
			n->final);
	return cb_error_set(err, CB_EDB, _("Cannot put the new database in place as %s: %s"),
			    n->final, strerror(errno));
}

void newdb_discard(newdb *n)
{
	if (n->dir[0])
		remove_tree(n->dir);
	if (n->lock_fd >= 0)
		close(n->lock_fd);
	n->dir[0] = '\0';
	n->path[0] = '\0';
	n->lock_fd = -1;
}
