/* draft_file.c - drafts kept in the user's private state directory when
 * the database cannot take them (see draft_file.h).
 *
 * A file holds a header of "key=value" lines (db, form, row, version), an
 * empty line, then the form's data as is. It is written to a temporary
 * name opened with O_CREAT|O_EXCL|O_NOFOLLOW (0600), synced, then renamed
 * to draft-<form>.txt: a reader sees a whole draft or none, and nothing
 * planted in the directory is followed or overwritten in place.
 */
#include "draft_file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"

/* mkdir -p with 0700 for what it creates. */
static int make_dirs(char *path, cb_error *err)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST) {
			int e = errno;
			*p = '/';
			return cb_error_set(err, CB_EDB, _("Cannot create %s: %s"), path,
					    strerror(e));
		}
		*p = '/';
	}
	if (mkdir(path, 0700) != 0 && errno != EEXIST)
		return cb_error_set(err, CB_EDB, _("Cannot create %s: %s"), path, strerror(errno));
	return CB_OK;
}

int draft_dir_path(char *buf, size_t cap, cb_error *err)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	int n;

	if (xdg && xdg[0] == '/')
		n = snprintf(buf, cap, "%s/canbo", xdg);
	else if (home && home[0] == '/')
		n = snprintf(buf, cap, "%s/.local/state/canbo", home);
	else
		return cb_error_set(err, CB_EDB, "%s", _("No home directory to keep drafts in"));
	if (n < 0 || (size_t)n >= cap)
		return cb_error_set(err, CB_EDB, "%s", _("The state directory's name is too long"));
	return CB_OK;
}

int draft_dir(char *buf, size_t cap, cb_error *err)
{
	struct stat st;

	if (draft_dir_path(buf, cap, err) || make_dirs(buf, err))
		return CB_EDB;
	if (lstat(buf, &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != geteuid() ||
	    (st.st_mode & 077))
		return cb_error_set(err, CB_EDB,
				    _("%s is not a private directory of this user (mode 0700)"),
				    buf);
	return CB_OK;
}

/* A file name from a form name: letters, digits, '-', '.', others as '_'. */
static void file_name(const char *form, char *out, size_t cap)
{
	size_t k = snprintf(out, cap, "draft-");
	for (const char *p = form; *p && k + 5 < cap; p++)
		out[k++] = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
					   (*p >= '0' && *p <= '9') || *p == '-' || *p == '.'
				   ? *p
				   : '_';
	snprintf(out + k, cap - k, ".txt");
}

static bool write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		s += w;
		n -= (size_t)w;
	}
	return true;
}

int draft_file_save(const char *dir, const char *db_path, const char *form, int64_t row,
		    int64_t version, const char *data, cb_error *err)
{
	char abs[PATH_MAX], name[64], tmp[PATH_MAX], dst[PATH_MAX], head[PATH_MAX + 200];
	int fd = -1, n;

	if (!realpath(db_path, abs))
		snprintf(abs, sizeof abs, "%s", db_path);
	file_name(form, name, sizeof name);
	n = snprintf(head, sizeof head, "db=%s\nform=%s\nrow=%lld\nversion=%lld\n\n", abs, form,
		     (long long)row, (long long)version);
	if (n < 0 || (size_t)n >= sizeof head || strchr(abs, '\n') || strchr(form, '\n'))
		return cb_error_set(err, CB_EINVALID, "%s", _("Invalid form name for a draft"));
	snprintf(dst, sizeof dst, "%s/%s", dir, name);
	for (int attempt = 0; attempt < 100 && fd < 0; attempt++) {
		snprintf(tmp, sizeof tmp, "%s/.tmp-%ld-%d-%s", dir, (long)getpid(), attempt, name);
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0)
		return cb_error_set(err, CB_EDB, _("Cannot keep the draft in %s: %s"), dir,
				    strerror(errno));
	bool ok = write_all(fd, head, (size_t)n) &&
		  write_all(fd, data ? data : "", data ? strlen(data) : 0) && fsync(fd) == 0;
	int e = errno;
	if (close(fd) != 0 && ok) {
		ok = false;
		e = errno;
	}
	if (!ok || rename(tmp, dst) != 0) {
		if (ok)
			e = errno;
		unlink(tmp);
		return cb_error_set(err, CB_EDB, _("Cannot keep the draft in %s: %s"), dir,
				    strerror(e));
	}
	return CB_OK;
}

/* Reads a whole small file opened without following links. */
static char *read_file(const char *path)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	struct stat st;
	char *buf = NULL;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
	    st.st_size < 16 * 1024 * 1024 && (buf = malloc((size_t)st.st_size + 1))) {
		ssize_t got = read(fd, buf, (size_t)st.st_size);
		if (got < 0) {
			free(buf);
			buf = NULL;
		} else {
			buf[got] = '\0';
		}
	}
	close(fd);
	return buf;
}

/* Parses a draft file; true if it belongs to db (absolute path). */
static bool parse(char *text, const char *db, draft_rec *r)
{
	char *body = strstr(text, "\n\n"), *line, *save = NULL;
	bool same_db = false;

	if (!body)
		return false;
	*body = '\0';
	body += 2;
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (!strncmp(line, "db=", 3))
			same_db = strcmp(line + 3, db) == 0;
		else if (!strncmp(line, "form=", 5))
			snprintf(r->form, sizeof r->form, "%s", line + 5);
		else if (!strncmp(line, "row=", 4))
			r->row = strtoll(line + 4, NULL, 10);
		else if (!strncmp(line, "version=", 8))
			r->version = strtoll(line + 8, NULL, 10);
	}
	return same_db && r->form[0] && (r->data = strdup(body)) != NULL;
}

int draft_file_list(const char *dir, const char *db_path, draft_rec **out, size_t *n, cb_error *err)
{
	char abs[PATH_MAX];
	struct dirent **names = NULL;
	int count;
	draft_rec *recs = NULL;
	size_t k = 0;

	*out = NULL;
	*n = 0;
	if (!realpath(db_path, abs))
		snprintf(abs, sizeof abs, "%s", db_path);
	count = scandir(dir, &names, NULL, alphasort);
	if (count < 0)
		return errno == ENOENT ? CB_OK
				       : cb_error_set(err, CB_EDB, _("Cannot read %s: %s"), dir,
						      strerror(errno));
	recs = calloc((size_t)count + 1, sizeof *recs);
	for (int i = 0; i < count; i++) {
		const char *nm = names[i]->d_name;
		size_t len = strlen(nm);
		if (recs && !strncmp(nm, "draft-", 6) && len > 4 && len < sizeof recs[k].file &&
		    !strcmp(nm + len - 4, ".txt")) {
			char path[PATH_MAX];
			snprintf(path, sizeof path, "%s/%s", dir, nm);
			char *text = read_file(path);
			memset(&recs[k], 0, sizeof recs[k]);
			if (text && parse(text, abs, &recs[k])) {
				snprintf(recs[k].file, sizeof recs[k].file, "%s", nm);
				k++;
			}
			free(text);
		}
		free(names[i]);
	}
	free(names);
	if (!recs)
		return cb_error_set(err, CB_EDB, "%s", _("Out of memory"));
	*out = recs;
	*n = k;
	return CB_OK;
}

int draft_file_drop(const char *dir, const char *file, cb_error *err)
{
	char path[PATH_MAX];

	if (!file[0] || strchr(file, '/'))
		return cb_error_set(err, CB_EINVALID, "%s", _("Invalid form name for a draft"));
	snprintf(path, sizeof path, "%s/%s", dir, file);
	if (unlink(path) != 0 && errno != ENOENT)
		return cb_error_set(err, CB_EDB, _("Cannot remove %s: %s"), path, strerror(errno));
	return CB_OK;
}

void draft_recs_free(draft_rec *r, size_t n)
{
	for (size_t i = 0; r && i < n; i++)
		free(r[i].data);
	free(r);
}
