/* scope_size.h - whether a unit scope is small (see scope_size.c). */
#ifndef CANBO_SCOPE_SIZE_H
#define CANBO_SCOPE_SIZE_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "store.h"

/* Sets *below when the units with lo in [lo, hi] within the reader's
 * scope hold fewer than `limit` cadres: counted exactly up to a small
 * limit, sampled by rank above it (never more than a few hundred index
 * entries read). */
int scope_size_below(store *s, int64_t lo, int64_t hi, int limit, bool *below, cb_error *err);

#endif
