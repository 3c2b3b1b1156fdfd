/* trust.c - the rules a user cannot replace (include/trust.h). */
#define _GNU_SOURCE /* setresgid */
#include "trust.h"

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"

extern char **environ;

bool trust_privileged(void)
{
	static int privileged = -1;
	if (privileged < 0)
		privileged = getegid() != getgid();
	return privileged;
}

static bool env_kept(const char *entry)
{
	static const char *const keep[] = {"TERM=",    "LANG=",	 "LANGUAGE=", "LC_",
					   "COLUMNS=", "LINES=", "NO_COLOR="};
	for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++)
		if (strncmp(entry, keep[i], strlen(keep[i])) == 0)
			return true;
	return false;
}

void trust_clean_env(void)
{
	size_t n = 0, kept = 0;
	char **copy;

	while (environ && environ[n])
		n++;
	copy = calloc(n + 1, sizeof *copy);
	for (size_t i = 0; copy && i < n; i++)
		if (env_kept(environ[i]) && strchr(environ[i], '='))
			copy[kept++] = environ[i];
	clearenv();
	for (size_t i = 0; copy && i < kept; i++)
		putenv(copy[i]); /* the strings outlive us: they were the old environ's */
	free(copy);
	setenv("PATH", "/usr/bin:/bin", 1);
}

static const char *owner_name(uid_t uid, char *buf, size_t cap)
{
	struct passwd *pw = getpwuid(uid);
	if (pw && pw->pw_name)
		snprintf(buf, cap, "%s", pw->pw_name);
	else
		snprintf(buf, cap, "%lu", (unsigned long)uid);
	return buf;
}

int trust_check_stat(const struct stat *st, const char *path, bool is_dir, cb_error *err)
{
	char who[64];
	bool owner_ok = st->st_uid == 0 || (!trust_privileged() && st->st_uid == getuid());

	if (!owner_ok)
		return cb_error_set(
			err, CB_ECONFIG,
			trust_privileged()
				? _("%s belongs to %s: the installed canbo reads only a "
				    "configuration owned by "
				    "root; as root run: chown root %s")
				: _("%s belongs to %s, neither root nor you: anyone could change "
				    "the access "
				    "rules; run: chown root %s (or copy it and use your own)"),
			path, owner_name(st->st_uid, who, sizeof who), path);
	/* a directory writable by others but sticky (like /tmp) still lets
	 * nobody replace our file: only its owner could */
	if ((st->st_mode & (S_IWGRP | S_IWOTH)) && !(is_dir && (st->st_mode & S_ISVTX)))
		return cb_error_set(err, CB_ECONFIG,
				    _("%s is writable by group or others (mode %04o): anyone could "
				      "change the access rules; run: chmod go-w %s"),
				    path, (unsigned)(st->st_mode & 07777), path);
	return CB_OK;
}

int trust_check_dir_of(const char *path, cb_error *err)
{
	char dir[PATH_MAX];
	char *slash;
	struct stat st;

	snprintf(dir, sizeof dir, "%s", path);
	slash = strrchr(dir, '/');
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	if (stat(dir, &st) != 0)
		return cb_error_set(err, CB_ECONFIG, _("%s: cannot read: %s"), dir,
				    strerror(errno));
	return trust_check_stat(&st, dir, true, err);
}

int trust_drop_group(cb_error *err)
{
	gid_t g = getgid();
	if (!trust_privileged())
		return CB_OK;
	if (setresgid(g, g, g) != 0 || getegid() != g)
		return cb_error_set(err, CB_EACCESS,
				    _("Could not give up the group canbo runs as: %s"),
				    strerror(errno));
	return CB_OK;
}
