/* store_until.h - a long read that gives way: the caller is asked every
 * few thousand steps of the database whether to go on (a key typed, the
 * program stopping), and the read stops at once when it says no.
 */
#ifndef CANBO_STORE_UNTIL_H
#define CANBO_STORE_UNTIL_H

#include "error.h"
#include "store.h"

/* Runs read(s, ctx, err), asking should_stop(stop_ctx) every few thousand
 * steps of its statements: when it answers non-zero the read is stopped
 * and CB_STOPPED returned (nothing wrong; what read handed on so far is
 * only part). The handle's progress handler is its own meanwhile and
 * removed after. NULL should_stop: read runs as it is. */
int store_until(store *s, int (*should_stop)(void *), void *stop_ctx,
		int (*read)(store *s, void *ctx, cb_error *err), void *ctx, cb_error *err);

#endif
