/* store_bulk_names.c - ranking the cadres of a bulk load in memory: each
 * name given first (store_bulk_name) keeps its sort key and fold in an
 * arena; they are sorted there once, so every cadre row is written with
 * its final rank (see store_bulk.c).
 */
#include "store_bulk_internal.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"

/* FNV-1a over the name and birth date, to check that the cadres inserted
 * are the ones named, in the same order. */
uint32_t bulk_name_hash(const char *full_name, const char *birth_date)
{
	uint32_t h = 2166136261u;
	for (const unsigned char *p = (const unsigned char *)full_name; *p; p++)
		h = (h ^ *p) * 16777619u;
	h = (h ^ 0xff) * 16777619u;
	for (const unsigned char *p = (const unsigned char *)(birth_date ? birth_date : ""); *p;
	     p++)
		h = (h ^ *p) * 16777619u;
	return h;
}

/* Makes room for need more arena bytes (offsets stay 32-bit). */
static int arena_reserve(store_bulk *b, size_t need, cb_error *err)
{
	size_t cap = b->arena_cap ? b->arena_cap : (size_t)1 << 20;
	unsigned char *bigger;
	if (b->arena_len + need <= b->arena_cap)
		return CB_OK;
	while (cap < b->arena_len + need)
		cap *= 2;
	if (cap > UINT32_MAX)
		cap = UINT32_MAX;
	if (b->arena_len + need > cap || !(bigger = realloc(b->arena, cap)))
		return bulk_out_of_memory(err);
	b->arena = bigger;
	b->arena_cap = cap;
	return CB_OK;
}

size_t bulk_get16(const unsigned char *p)
{
	return (size_t)p[0] | (size_t)p[1] << 8;
}

static void put16(unsigned char *p, size_t v)
{
	p[0] = (unsigned char)(v & 0xff);
	p[1] = (unsigned char)(v >> 8);
}

const unsigned char *bulk_entry_key(const unsigned char *e)
{
	return e + ENTRY_HEAD;
}

const char *bulk_entry_fold(const unsigned char *e)
{
	return (const char *)e + ENTRY_HEAD + bulk_get16(e);
}

/* The name in the wrong place: a mistake of the caller, not of the user. */
int bulk_out_of_order(cb_error *err, const char *why)
{
	return cb_error_set(err, CB_EDB, _("%s: database error: %s"), _("Saving a cadre"), why);
}

int store_bulk_name(store_bulk *b, const char *full_name, const char *birth_date, int64_t *id,
		    cb_error *err)
{
	enum { FOLD_CAP = 4 * CADRE_NAME_MAX, KEY_CAP = 4096 };
	unsigned char *e;
	size_t keylen, foldlen = FOLD_CAP;
	int rc;

	if (!b->fresh || b->cadres > 0 || b->order)
		return bulk_out_of_order(
			err, _("cadres are named before any is inserted, into an empty list"));
	if (b->named == b->slot_cap) {
		size_t cap = b->slot_cap ? 2 * b->slot_cap : 4096;
		bulk_slot *bigger = realloc(b->slot, cap * sizeof *bigger);
		if (!bigger)
			return bulk_out_of_memory(err);
		b->slot = bigger;
		b->slot_cap = cap;
	}
	if ((rc = arena_reserve(b, ENTRY_HEAD + KEY_CAP + FOLD_CAP, err)))
		return rc;
	e = b->arena + b->arena_len;
	keylen = text_name_sort_key(full_name, birth_date, e + ENTRY_HEAD, KEY_CAP);
	if (keylen <= KEY_CAP)
		foldlen = text_fold(full_name, (char *)e + ENTRY_HEAD + keylen, FOLD_CAP);
	if (keylen > KEY_CAP || foldlen >= FOLD_CAP)
		return cb_error_set(err, CB_EINVALID, _("%s is too long (at most %d bytes)"),
				    _("Full name"), CADRE_NAME_MAX - 1);
	put16(e, keylen);
	put16(e + 2, foldlen + 1);
	b->slot[b->named] =
		(bulk_slot){(uint32_t)b->arena_len, 0, bulk_name_hash(full_name, birth_date)};
	b->arena_len += ENTRY_HEAD + keylen + foldlen + 1;
	if (id)
		*id = b->first_id + (int64_t)b->named;
	b->named++;
	return CB_OK;
}

/* What is sorted: the first 24 key bytes (as big-endian integers, so that
 * integer order is memcmp order: most comparisons end there, without a
 * look into the arena), where the entry is, and whose it is. */
#define HEAD_WORDS 3
typedef struct sort_item {
	uint64_t head[HEAD_WORDS];
	uint32_t off;
	uint32_t k;
} sort_item;

/* Order of two entries: their keys as SQLite compares BLOBs (memcmp, then
 * length), then their ids - the order ranks must follow. */
static int item_cmp(const unsigned char *arena, const sort_item *x, const sort_item *y)
{
	for (int i = 0; i < HEAD_WORDS; i++)
		if (x->head[i] != y->head[i])
			return x->head[i] < y->head[i] ? -1 : 1;
	const unsigned char *a = arena + x->off, *c = arena + y->off;
	size_t la = bulk_get16(a), lc = bulk_get16(c);
	int r = memcmp(bulk_entry_key(a), bulk_entry_key(c), la < lc ? la : lc);
	if (r)
		return r;
	if (la != lc)
		return la < lc ? -1 : 1;
	return x->k < y->k ? -1 : x->k > y->k;
}

/* Bottom-up merge sort of a[0..n) (stable): n log n, sequential memory,
 * no recursion. Returns whichever of a and tmp holds the result. */
static sort_item *merge_sort(const unsigned char *arena, sort_item *a, sort_item *tmp, size_t n)
{
	for (size_t w = 1; w < n; w *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * w) {
			size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
			size_t i = lo, j = mid, o = lo;
			while (i < mid && j < hi)
				tmp[o++] = item_cmp(arena, &a[j], &a[i]) < 0 ? a[j++] : a[i++];
			while (i < mid)
				tmp[o++] = a[i++];
			while (j < hi)
				tmp[o++] = a[j++];
		}
		sort_item *t = a;
		a = tmp;
		tmp = t;
	}
	return a;
}

/* Sorts a[0..n) into the order of item_cmp. A million keys are first put
 * in order of their first eight bytes by a radix sort (eight passes of
 * counting, stable, so that equal heads stay in id order), then each run
 * of equal heads - a few hundred names at most, which fit in the
 * processor's cache - is merge-sorted on the rest. Returns whichever of a
 * and tmp holds the result. */
static sort_item *names_order(const unsigned char *arena, sort_item *a, sort_item *tmp, size_t n)
{
	size_t count[256];
	for (int byte = 0; byte < 8; byte++) {
		int shift = 8 * byte;
		memset(count, 0, sizeof count);
		for (size_t i = 0; i < n; i++)
			count[(a[i].head[0] >> shift) & 0xff]++;
		if (n && count[(a[0].head[0] >> shift) & 0xff] == n)
			continue; /* every key has the same byte here */
		for (size_t v = 0, at = 0; v < 256; v++) {
			size_t c = count[v];
			count[v] = at;
			at += c;
		}
		for (size_t i = 0; i < n; i++)
			tmp[count[(a[i].head[0] >> shift) & 0xff]++] = a[i];
		sort_item *t = a;
		a = tmp;
		tmp = t;
	}
	for (size_t lo = 0, hi; lo < n; lo = hi) {
		for (hi = lo + 1; hi < n && a[hi].head[0] == a[lo].head[0]; hi++)
			;
		if (hi - lo > 1 && merge_sort(arena, a + lo, tmp + lo, hi - lo) != a + lo)
			memcpy(a + lo, tmp + lo, (hi - lo) * sizeof *a);
	}
	return a;
}

/* Sorts the named cadres: slot[k].pos is cadre k's place, order[] the
 * arena offsets in that order. */
int bulk_names_sort(store_bulk *b, cb_error *err)
{
	size_t n = b->named ? b->named : 1;
	sort_item *a = malloc(n * sizeof *a), *tmp = malloc(n * sizeof *tmp);
	int rc = CB_OK;

	b->order = malloc(n * sizeof *b->order);
	b->unit_at = calloc(n, sizeof *b->unit_at);
	if (!a || !tmp || !b->order || !b->unit_at) {
		rc = bulk_out_of_memory(err);
		goto out;
	}
	for (size_t k = 0; k < b->named; k++) {
		const unsigned char *e = b->arena + b->slot[k].off;
		size_t len = bulk_get16(e);
		a[k].off = b->slot[k].off;
		a[k].k = (uint32_t)k;
		for (size_t w = 0; w < HEAD_WORDS; w++) {
			uint64_t h = 0;
			for (size_t i = 8 * w; i < 8 * w + 8; i++)
				h = h << 8 | (i < len ? bulk_entry_key(e)[i] : 0);
			a[k].head[w] = h;
		}
	}
	sort_item *sorted = names_order(b->arena, a, tmp, b->named);
	for (size_t i = 0; i < b->named; i++) {
		b->slot[sorted[i].k].pos = (uint32_t)(i + 1);
		b->order[i] = sorted[i].off;
	}
out:
	free(a);
	free(tmp);
	return rc;
}

void bulk_names_free(store_bulk *b)
{
	free(b->arena);
	free(b->slot);
	free(b->order);
	free(b->unit_at);
	b->arena = NULL;
	b->slot = NULL;
	b->order = NULL;
	b->unit_at = NULL;
}
