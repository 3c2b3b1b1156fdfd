/* search_set_cache.c - the last set a list of the whole province found in
 * memory, kept with the connection for the list's next window
 * (search_internal.h: search_set_cached, search_set_keep).
 *
 * Why: at a million cadres, finding the set in the kept walk (a pass
 * over a million rows, then the year's records) is most of a window of
 * such a list: 4-10 ms of the 6-14 that PgDn, End or Home cost in the
 * province's women. Every window of one list asks for the same set, so
 * the next window takes a copy of the last one while nothing it was made
 * from has changed: the same filter, no commit by anyone (PRAGMA
 * data_version, this connection's changes), the same reader's scope, the
 * same kept walk and the same kept records.
 */
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "search_internal.h"
#include "stats.h"

struct search_set_cache {
	search_set_key key;
	int64_t version, changes;
	unsigned long scope_generation;
	int walks;
	bool codes;
	stats_walk_ids_out out;
};

/* What the set was made from beyond its key. */
static void stamp(store *s, struct search_set_cache *c)
{
	c->version = stats_data_version(store_db(s));
	c->changes = sqlite3_total_changes64(store_db(s));
	c->scope_generation = store_scope_generation();
	c->walks = stats_walk_kept_count();
}

static void *copy_of(const void *p, size_t bytes)
{
	void *q;

	if (!p || !(q = malloc(bytes ? bytes : 1)))
		return NULL;
	memcpy(q, p, bytes);
	return q;
}

void search_set_cache_free(struct search_set_cache *c)
{
	if (!c)
		return;
	free(c->out.bits);
	free(c->out.members);
	free(c);
}

void search_set_key_init(search_set_key *k, const cadre_filter *f, size_t members_max,
			 const stats_kept_test *records)
{
	memset(k, 0, sizeof *k);
	memcpy(&k->filter, f, sizeof k->filter);
	k->members_max = members_max;
	if (records) {
		k->records = records->bits;
		k->nrecords = records->n;
	}
}

/* Whether the set kept for c serves key k (the same but perhaps for
 * members_max): see search_internal.h. */
static bool serves(const struct search_set_cache *c, const search_set_key *k)
{
	search_set_key same = *k;

	same.members_max = c->key.members_max;
	if (memcmp(&c->key, &same, sizeof same) != 0)
		return false;
	return k->members_max == c->key.members_max || k->members_max == 0 ||
	       (!c->out.members && c->out.passed > k->members_max);
}

bool search_set_cached(store *s, const search_set_key *k, stats_walk_ids_out *out, bool *codes)
{
	search_state *ss = store_search_state(s);
	struct search_set_cache *c = ss->set_cache, now;

	memset(out, 0, sizeof *out);
	if (!c || ss->set_cache_off || !serves(c, k))
		return false;
	stamp(s, &now);
	if (now.version != c->version || now.version < 0 || now.changes != c->changes ||
	    now.scope_generation != c->scope_generation || now.walks != c->walks)
		return false;
	*out = c->out;
	out->bits = copy_of(c->out.bits, (c->out.nbits / 64 + 1) * sizeof *c->out.bits);
	out->members = NULL;
	out->nmembers = 0;
	if (k->members_max > 0)
		out->members = copy_of(c->out.members, c->out.nmembers * sizeof *c->out.members);
	if (out->members)
		out->nmembers = c->out.nmembers;
	if (!out->bits || (k->members_max > 0 && c->out.members && !out->members)) {
		free(out->bits);
		free(out->members);
		memset(out, 0, sizeof *out);
		return false; /* made again */
	}
	*codes = c->codes;
	ss->set_hits++;
	return true;
}

void search_set_keep(store *s, const search_set_key *k, const stats_walk_ids_out *out, bool codes)
{
	search_state *ss = store_search_state(s);
	struct search_set_cache *c = ss->set_cache;

	if (ss->set_cache_off)
		return;
	if (!c && !(c = calloc(1, sizeof *c)))
		return;
	free(c->out.bits);
	free(c->out.members);
	memset(c, 0, sizeof *c);
	ss->set_cache = c;
	c->key = *k;
	c->codes = codes;
	c->out = *out;
	c->out.bits = copy_of(out->bits, (out->nbits / 64 + 1) * sizeof *out->bits);
	c->out.members = copy_of(out->members, out->nmembers * sizeof *out->members);
	if (!c->out.bits || (out->members && !c->out.members)) {
		search_set_cache_free(c);
		ss->set_cache = NULL;
		return;
	}
	stamp(s, c);
}
