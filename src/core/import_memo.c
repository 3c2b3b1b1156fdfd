/* import_memo.c - what a cell meant, remembered for the next row that
 * holds the same cell (import_internal.h).
 *
 * A list of a province's cadres names a few hundred units, a dozen
 * positions' first words, two genders, a handful of education levels,
 * each tens of thousands of times. Matching a cell means putting it in
 * NFC, folding it and comparing it with every choice or unit of the
 * configuration; done once per distinct cell instead of once per row it
 * leaves nothing of that cost. Only cells that were read without any
 * problem are remembered, so a remembered answer is exactly what reading
 * the cell again would give, and a bad cell is reported on every line it
 * is on.
 */
#include "import_internal.h"

#include <stdlib.h>
#include <string.h>

#define MEMO_MAX_ENTRIES 16384 /* beyond this, cells are read each time */
#define MEMO_KEY_MAX	 1024  /* longer cells are not remembered */

struct import_memo_slot {
	uint64_t hash;
	char *key; /* tag byte, then the cell; NULL = empty slot */
	int64_t value;
};

static uint64_t memo_hash(int tag, const char *key, size_t len)
{
	uint64_t h = 1469598103934665603ull ^ (uint64_t)(unsigned)tag; /* FNV-1a */
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)key[i]) * 1099511628211ull;
	return h;
}

static struct import_memo_slot *memo_find(const import_ctx *x, int tag, const char *key, size_t len,
					  uint64_t h)
{
	size_t mask = x->memo_cap - 1;
	for (size_t j = h & mask;; j = (j + 1) & mask) {
		struct import_memo_slot *s = &x->memo[j];
		if (!s->key || (s->hash == h && (unsigned char)s->key[0] == (unsigned)tag &&
				memcmp(s->key + 1, key, len) == 0 && s->key[len + 1] == '\0'))
			return s;
	}
}

bool import_memo_get(const import_ctx *x, int tag, const char *key, int64_t *value)
{
	size_t len;
	const struct import_memo_slot *s;

	if (!x->memo || !key || (len = strlen(key)) > MEMO_KEY_MAX)
		return false;
	s = memo_find(x, tag, key, len, memo_hash(tag, key, len));
	if (!s->key)
		return false;
	*value = s->value;
	return true;
}

static bool memo_grow(import_ctx *x)
{
	size_t cap = x->memo_cap ? 2 * x->memo_cap : 256;
	struct import_memo_slot *old = x->memo, *t = calloc(cap, sizeof *t);
	size_t old_cap = x->memo_cap;

	if (!t)
		return false;
	x->memo = t;
	x->memo_cap = cap;
	for (size_t i = 0; i < old_cap; i++)
		if (old[i].key) {
			size_t len = strlen(old[i].key + 1);
			*memo_find(x, (unsigned char)old[i].key[0], old[i].key + 1, len,
				   old[i].hash) = old[i];
		}
	free(old);
	return true;
}

void import_memo_put(import_ctx *x, int tag, const char *key, int64_t value)
{
	struct import_memo_slot *s;
	uint64_t h;
	size_t len;

	if (!key || (len = strlen(key)) > MEMO_KEY_MAX || x->memo_n >= MEMO_MAX_ENTRIES)
		return;
	if (2 * (x->memo_n + 1) > x->memo_cap && !memo_grow(x))
		return; /* out of memory: the cell is simply read again next time */
	h = memo_hash(tag, key, len);
	s = memo_find(x, tag, key, len, h);
	if (s->key) {
		s->value = value;
		return;
	}
	if (!(s->key = malloc(len + 2)))
		return;
	s->key[0] = (char)tag;
	memcpy(s->key + 1, key, len + 1);
	s->hash = h;
	s->value = value;
	x->memo_n++;
}

void import_memo_free(import_ctx *x)
{
	for (size_t i = 0; i < x->memo_cap; i++)
		free(x->memo[i].key);
	free(x->memo);
	x->memo = NULL;
	x->memo_cap = x->memo_n = 0;
}
