/* safe_file.h - writing a file so that nobody else can steer or read it.
 *
 * Every file canbo writes (exports, reports, drafts written out, imports'
 * temporary files) goes through here: the data are written to a new file
 * made with mkstemp (O_CREAT|O_EXCL, a random name, never an existing
 * file or link) in the destination's own directory, mode 0600 unless the
 * caller asks for more, then flushed to disk and renamed over the name
 * asked for in one step. A symbolic link at that name is refused, not
 * followed, and so is a file that belongs to someone else; a failure at
 * any point leaves the old file as it was and no temporary file behind.
 */
#ifndef CANBO_SAFE_FILE_H
#define CANBO_SAFE_FILE_H

#include <limits.h>
#include <stdio.h>
#include <sys/types.h>

#include "error.h"

typedef struct safe_file {
	FILE *fp;	     /* write through this */
	char path[PATH_MAX]; /* the name asked for */
	char tmp[PATH_MAX];  /* the temporary file beside it */
} safe_file;

/* Whether path exists (as anything, a link included: lstat). */
int safe_file_exists(const char *path);

/* Whether path may be written: CB_OK when absent or a regular file of
 * the user's own; else CB_EACCESS (a link, not a regular file, someone
 * else's) or CB_EDB, with a message. safe_file_open checks it again. */
int safe_file_check(const char *path, cb_error *err);

/* Opens a temporary file beside path for writing. mode: 0600 unless the
 * user asked for more. CB_EACCESS when path is a symbolic link, not a
 * regular file, or someone else's file; CB_EDB for a system error. */
int safe_file_open(safe_file *sf, const char *path, mode_t mode, cb_error *err);
/* Flushes, fsyncs, closes and renames the file into place (checking the
 * name again first). On failure the temporary file is removed. */
int safe_file_commit(safe_file *sf, cb_error *err);
/* Closes and removes the temporary file; the name asked for is untouched. */
void safe_file_abort(safe_file *sf);

#endif
