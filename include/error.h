/* error.h - one error struct for the whole core.
 *
 * Core functions never print and never exit: they return a status and, on
 * failure, fill a cb_error whose message is meant for the user (already
 * translated) and may be shown as is by the CLI or the UI.
 */
#ifndef CANBO_ERROR_H
#define CANBO_ERROR_H

/* Status codes double as the process exit codes documented in canbo(1). */
enum cb_status {
	CB_OK = 0,
	CB_NOT_FOUND = 1, /* nothing matched (exit 1) */
	CB_EUSAGE = 2,	  /* bad command line (exit 2) */
	CB_ECONFIG = 3,	  /* bad configuration (exit 3) */
	CB_EDB = 4,	  /* database error (exit 4) */
	CB_EINVALID = 5,  /* a value the user typed is not acceptable (exit 2) */
	CB_ESTALE = 6,	  /* someone else saved the row first (exit 4) */
	CB_EACCESS = 7,	  /* not allowed for this user (exit 5) */
	CB_STOPPED = 8,	  /* the caller asked to stop a long read; nothing wrong */
	CB_ENOMEM = 9,	  /* out of memory (exit 4, as a database error) */
};

typedef struct cb_error {
	int code;
	char msg[512];
} cb_error;

/* Sets code and a printf-style message; returns code so callers can write
 * `return cb_error_set(err, CB_EDB, ...)`. err may be NULL. */
int cb_error_set(cb_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

void cb_error_clear(cb_error *err);

/* Sets CB_ENOMEM with its own message ("Out of memory", translated);
 * returns CB_ENOMEM. */
int cb_error_oom(cb_error *err);

/* Exit code of the process for a status (see canbo(1), EXIT STATUS). */
int cb_exit_code(int status);

#endif
