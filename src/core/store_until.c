/* store_until.c - a long read that gives way (store_until.h). */
#include "store_until.h"

#include <stdbool.h>

#include "i18n.h"
#include "store_sql.h"

/* Steps of the virtual machine between two questions to the caller: a few
 * hundred microseconds of reading, so a key waits at most about that long
 * (a test may ask more often: search_state's stop_check_ops). */
#define STOP_CHECK_OPS 4000

struct stop_check {
	int (*should_stop)(void *);
	void *ctx;
	bool stopped;
};

static int stop_progress(void *p)
{
	struct stop_check *sc = p;

	if (!sc->stopped && sc->should_stop(sc->ctx))
		sc->stopped = true;
	return sc->stopped;
}

int store_until(store *s, int (*should_stop)(void *), void *stop_ctx,
		int (*read)(store *s, void *ctx, cb_error *err), void *ctx, cb_error *err)
{
	struct stop_check stop = {should_stop, stop_ctx, false};
	int rc;

	if (!should_stop)
		return read(s, ctx, err);
	if (should_stop(stop_ctx))
		return cb_error_set(err, CB_STOPPED, "%s", _("Reading was interrupted"));
	sqlite3_progress_handler(store_db(s),
				 store_search_state(s)->stop_check_ops > 0
					 ? store_search_state(s)->stop_check_ops
					 : STOP_CHECK_OPS,
				 stop_progress, &stop);
	rc = read(s, ctx, err);
	sqlite3_progress_handler(store_db(s), 0, NULL, NULL);
	if (stop.stopped)
		return cb_error_set(err, CB_STOPPED, "%s", _("Reading was interrupted"));
	return rc;
}
