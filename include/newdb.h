/* newdb.h - a new database file built privately, then put in place only
 * if nothing is there.
 *
 * An import into a path that does not exist yet, or a demo build, writes
 * into DIR/.NAME.canbo-XXXXXX/db, a directory of its own (mkdtemp, so no
 * other run can use it), locked (flock) while the build runs. When done,
 * newdb_place moves the file into place without ever replacing what
 * another run put there meanwhile (renameat2 RENAME_NOREPLACE, or link()
 * where the file system lacks it), unless replacing is asked for. A build
 * that fails, or is killed, never touches the final path; its directory is
 * removed by newdb_discard or, after a kill, by the next newdb_start for
 * the same path (a directory whose lock nobody holds is a dead run's).
 */
#ifndef CANBO_NEWDB_H
#define CANBO_NEWDB_H

#include <limits.h>
#include <stdbool.h>

#include "error.h"

typedef struct newdb {
	char final[PATH_MAX]; /* where the database is to be */
	char dir[PATH_MAX];   /* the private directory */
	char path[PATH_MAX];  /* the database being built, inside dir */
	int lock_fd;	      /* dir, flocked while the build runs; -1 = none */
} newdb;

/* Removes what dead runs left for final, then makes the private directory.
 * CB_EDB with a message if the directory cannot be made. */
int newdb_start(newdb *n, const char *final, cb_error *err);
/* Moves the finished database (closed: no -wal or -shm beside it) to
 * final. Without replace, CB_EDB if final exists (nothing is changed);
 * with replace, an existing final and its -wal and -shm are replaced. */
int newdb_place(newdb *n, bool replace, cb_error *err);
/* Removes the private directory and everything in it; unlocks. Safe to
 * call after newdb_place and more than once. */
void newdb_discard(newdb *n);
/* Removes the directories of dead runs building final (as newdb_start
 * does); returns how many were removed. */
int newdb_clean_stale(const char *final);

#endif
