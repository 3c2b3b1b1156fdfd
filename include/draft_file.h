/* draft_file.h - drafts kept in files when the database cannot take them.
 *
 * When a form must be kept (the terminal went away) and the database
 * cannot be written - a full disk, a write lock held elsewhere - the draft
 * goes to a file of the user's private state directory,
 * $XDG_STATE_HOME/canbo (default ~/.local/state/canbo; the directory
 * 0700, each file 0600, created exclusively and without following links,
 * then renamed into place so a draft is never half-written). The next
 * start offers the drafts of its database from there as well.
 */
#ifndef CANBO_DRAFT_FILE_H
#define CANBO_DRAFT_FILE_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

typedef struct draft_rec {
	char form[64]; /* the name the draft is stored under */
	int64_t row, version;
	char *data;    /* malloc'd */
	char file[64]; /* the file's name in the state directory ("" = in the database) */
} draft_rec;

/* The state directory (created, with its missing parents, 0700). Refuses
 * a directory not owned by the user or open to others. */
int draft_dir(char *buf, size_t cap, cb_error *err);
/* Its name only (nothing is created: for reading drafts back). */
int draft_dir_path(char *buf, size_t cap, cb_error *err);
/* Writes one draft for the database db_path (made absolute) to a new file
 * of dir (replacing that form's earlier file). */
int draft_file_save(const char *dir, const char *db_path, const char *form, int64_t row,
		    int64_t version, const char *data, cb_error *err);
/* The drafts of dir kept for db_path, oldest first (malloc'd array;
 * free each data with draft_recs_free). No directory: none. Files not
 * owned by the user, links and unreadable files are skipped. */
int draft_file_list(const char *dir, const char *db_path, draft_rec **out, size_t *n,
		    cb_error *err);
/* Removes one draft file (by its name in dir). */
int draft_file_drop(const char *dir, const char *file, cb_error *err);
void draft_recs_free(draft_rec *r, size_t n);

#endif
