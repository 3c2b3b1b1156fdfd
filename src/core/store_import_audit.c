/* store_import_audit.c - the audit entries of a batch import written
 * ahead, on a second thread, while the rows are staged
 * (store_import_internal.h).
 *
 * Each entry is the row's JSON and its SHA-256 hash chained to the entry
 * before: about a third of the processor time of staging, and work that
 * needs nothing from SQLite. So a second thread writes the entries in
 * order while the caller binds and inserts the rows, and hands them over
 * by index. It stays at most AHEAD_MAX entries ahead, so that an import
 * of a million rows does not hold a million JSON texts at once. Without a
 * second thread (pthread_create failed) the caller writes each entry
 * itself when it takes it: the result is the same, only slower.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "huge_heap.h"
#include "json.h"
#include "i18n.h"
#include "store_import_internal.h"

#define AHEAD_MAX   4096 /* entries written and not yet taken, at most */
#define AHEAD_BATCH 64	 /* entries written between two hand-overs */

struct audit_ahead {
	store_import *b;
	const uint32_t *order;
	size_t n;
	char **json;				 /* entry k's JSON until taken */
	unsigned char (*hash)[AUDIT_HASH_BYTES]; /* entry k's hash */
	unsigned char prev[AUDIT_HASH_BYTES];	 /* the chain so far */
	bool chained;
	cadre *cd; /* the writer's record buffer */
	bool threaded;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	/* under mu: */
	size_t made;  /* entries 0 .. made-1 are written */
	size_t taken; /* the caller has taken entries before this one */
	bool stop;    /* the caller is done: the writer ends */
	bool failed;  /* the writer ran out of memory at entry `made` */
	/* the caller's own copy of `made`, to take without locking */
	size_t seen;
};

/* Writes entry k; false if out of memory. */
static bool write_entry(audit_ahead *a, size_t k)
{
	store_import *b = a->b;
	int64_t id = b->first_id + (int64_t)k;

	import_unpack(b, a->order[k], id, a->cd);
	if (!(a->json[k] = cadre_to_json(a->cd)))
		return false;
	store_audit_row_hash(a->chained ? a->prev : NULL, b->audit_first + (int64_t)k, b->audit_at,
			     b->s->user, "cadre", id, "insert", NULL, a->json[k], a->prev);
	a->chained = true;
	memcpy(a->hash[k], a->prev, AUDIT_HASH_BYTES);
	return true;
}

static void *writer(void *arg)
{
	audit_ahead *a = arg;
	size_t k = 0;
	bool ok = true;

	while (ok && k < a->n) {
		size_t end = k + AHEAD_BATCH < a->n ? k + AHEAD_BATCH : a->n;
		pthread_mutex_lock(&a->mu);
		while (!a->stop && k >= a->taken + AHEAD_MAX)
			pthread_cond_wait(&a->cv, &a->mu);
		if (a->stop) {
			pthread_mutex_unlock(&a->mu);
			break;
		}
		pthread_mutex_unlock(&a->mu);
		for (; k < end; k++)
			if (!(ok = write_entry(a, k)))
				break;
		pthread_mutex_lock(&a->mu);
		a->made = k;
		a->failed = !ok;
		pthread_cond_broadcast(&a->cv);
		pthread_mutex_unlock(&a->mu);
	}
	return NULL;
}

/* Starts fn(arg) on a thread of its own with the mutex and condition it
 * shares with the caller; false, with neither left made, when it cannot
 * (the caller then does the whole work itself). */
static bool start_worker(pthread_mutex_t *mu, pthread_cond_t *cv, pthread_t *thread,
			 void *(*fn)(void *), void *arg)
{
	if (pthread_mutex_init(mu, NULL) != 0)
		return false;
	if (pthread_cond_init(cv, NULL) == 0) {
		if (pthread_create(thread, NULL, fn, arg) == 0)
			return true;
		pthread_cond_destroy(cv);
	}
	pthread_mutex_destroy(mu);
	return false;
}

int audit_ahead_start(store_import *b, const uint32_t *order,
		      const unsigned char prev[AUDIT_HASH_BYTES], bool chained, audit_ahead **out,
		      cb_error *err)
{
	audit_ahead *a = calloc(1, sizeof *a);
	size_t n = b->n ? b->n : 1;

	*out = NULL;
	if (!a || !(a->json = calloc(n, sizeof *a->json)) ||
	    !(a->hash = malloc(n * sizeof *a->hash)) || !(a->cd = malloc(sizeof *a->cd))) {
		if (a) {
			free(a->json);
			free(a->hash);
		}
		free(a);
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	}
	a->b = b;
	a->order = order;
	a->n = b->n;
	memcpy(a->prev, prev, AUDIT_HASH_BYTES);
	a->chained = chained;
	a->threaded = start_worker(&a->mu, &a->cv, &a->thread, writer, a);
	*out = a;
	return CB_OK;
}

char *audit_ahead_take(audit_ahead *a, size_t k, unsigned char hash[AUDIT_HASH_BYTES])
{
	char *json;

	if (!a->threaded) {
		if (!write_entry(a, k))
			return NULL;
	} else if (k >= a->seen) {
		bool missing;
		pthread_mutex_lock(&a->mu);
		a->taken = k;
		pthread_cond_broadcast(&a->cv);
		while (a->made <= k && !a->failed)
			pthread_cond_wait(&a->cv, &a->mu);
		a->seen = a->made;
		missing = a->made <= k;
		pthread_mutex_unlock(&a->mu);
		if (missing)
			return NULL;
	}
	memcpy(hash, a->hash[k], AUDIT_HASH_BYTES);
	json = a->json[k];
	a->json[k] = NULL;
	return json;
}

void audit_ahead_end(audit_ahead *a)
{
	if (!a)
		return;
	if (a->threaded) {
		pthread_mutex_lock(&a->mu);
		a->stop = true;
		pthread_cond_broadcast(&a->cv);
		pthread_mutex_unlock(&a->mu);
		pthread_join(a->thread, NULL);
		pthread_cond_destroy(&a->cv);
		pthread_mutex_destroy(&a->mu);
	}
	for (size_t k = 0; k < a->n; k++)
		free(a->json[k]);
	free(a->json);
	free(a->hash);
	free(a->cd);
	free(a);
}

/* ---- every entry in memory, made by both threads ----------------------------
 *
 * When the rows are written from memory (import_put), their audit entries
 * are kept in memory and written under the lock, in id order, after the
 * rows; nothing waits for each entry as it is made, and both threads can
 * make them: the hashing thread writes the JSON of the entries from the
 * first on and hashes each in turn (the chain cannot be split), while the
 * caller, once it has placed the rows, writes the JSON of the entries
 * from the last one down; where they meet, the hashing thread only hashes
 * what the caller wrote. The entries are those write_entry makes, byte
 * for byte: made from the same record, chained in the same order.
 *
 * Each side claims CLAIM_BATCH entries at a time, so that the two threads
 * meet on their mutex a few thousand times, not twice per entry. Each
 * writes its JSON through one buffer of its own and keeps the text in
 * large blocks on huge pages (entry_texts): a hundred thousand small
 * allocations, each grown twice as the text is written, cost more than
 * writing the JSON. */

#define CLAIM_BATCH 32
#define TEXT_BLOCK  ((size_t)8 << 20) /* on huge pages (huge_alloc) */

/* Texts copied one after another into blocks that are freed together. */
typedef struct entry_texts {
	char **blocks;
	size_t nblocks, cap;
	size_t used; /* bytes taken in the last block */
} entry_texts;

static const char *keep_text(entry_texts *t, const char *s, size_t len)
{
	size_t need = len + 1;
	if (!t->nblocks || t->used + need > TEXT_BLOCK) {
		if (t->nblocks == t->cap) {
			size_t cap = t->cap ? 2 * t->cap : 16;
			char **more = realloc(t->blocks, cap * sizeof *more);
			if (!more)
				return NULL;
			t->blocks = more;
			t->cap = cap;
		}
		char *block = huge_alloc(need > TEXT_BLOCK ? need : TEXT_BLOCK);
		if (!block)
			return NULL;
		t->blocks[t->nblocks++] = block;
		t->used = 0;
	}
	char *p = t->blocks[t->nblocks - 1] + t->used;
	memcpy(p, s, len + 1);
	t->used += need;
	return p;
}

static void texts_free(entry_texts *t)
{
	for (size_t i = 0; i < t->nblocks; i++)
		free(t->blocks[i]);
	free(t->blocks);
}

/* What one thread writes entries with: a record, a JSON buffer, blocks. */
typedef struct entry_writer {
	cadre cd;
	json_buf json;
	entry_texts texts;
} entry_writer;

struct audit_all {
	store_import *b;
	const uint32_t *order;
	size_t n;
	const char **json; /* in the writers' blocks */
	unsigned char (*hash)[AUDIT_HASH_BYTES];
	unsigned char prev[AUDIT_HASH_BYTES];
	bool chained;
	entry_writer *hasher, *caller; /* the hashing thread's, the caller's */
	bool threaded;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	/* under mu: the hashing thread writes the JSON of entries [0, lo),
	 * the caller of [hi, n); ready[k]: the caller's entry k is written */
	size_t lo, hi;
	unsigned char *ready;
	bool failed;	     /* out of memory: some entry has no JSON */
	size_t hashed, want; /* entries hashed; how many audit_all_wait_some waits for */
	bool ended;	     /* the hashing thread is done */
	bool done;	     /* audit_all_wait returned */
};

/* Entry k's JSON, kept in w's blocks; NULL if out of memory. */
static const char *entry_json(const audit_all *a, size_t k, entry_writer *w)
{
	const char *text;
	import_unpack(a->b, a->order[k], a->b->first_id + (int64_t)k, &w->cd);
	json_restart(&w->json);
	cadre_json_members(&w->json, &w->cd);
	if (!(text = json_close(&w->json)))
		return NULL;
	return keep_text(&w->texts, text, w->json.n);
}

static void entry_hash(audit_all *a, size_t k)
{
	store_import *b = a->b;
	store_audit_row_hash(a->chained ? a->prev : NULL, b->audit_first + (int64_t)k, b->audit_at,
			     b->s->user, "cadre", b->first_id + (int64_t)k, "insert", NULL,
			     a->json[k], a->prev);
	a->chained = true;
	memcpy(a->hash[k], a->prev, AUDIT_HASH_BYTES);
}

static void *hasher(void *arg)
{
	audit_all *a = arg;
	size_t k = 0;
	bool ok = true;
	while (ok && k < a->n) {
		size_t end;
		bool mine;
		pthread_mutex_lock(&a->mu);
		a->hashed = k;
		if (a->want && k >= a->want)
			pthread_cond_broadcast(&a->cv);
		if ((mine = k < a->hi)) { /* claim a batch below the caller's */
			end = k + CLAIM_BATCH < a->hi ? k + CLAIM_BATCH : a->hi;
			a->lo = end;
		} else { /* hash what the caller has written, from k on */
			while (!a->ready[k])
				pthread_cond_wait(&a->cv, &a->mu);
			for (end = k + 1; end < a->n && a->ready[end]; end++)
				;
		}
		pthread_mutex_unlock(&a->mu);
		for (; k < end; k++) {
			if (mine)
				a->json[k] = entry_json(a, k, a->hasher);
			if (!(ok = a->json[k] != NULL))
				break;
			entry_hash(a, k);
		}
	}
	pthread_mutex_lock(&a->mu);
	a->hashed = k;
	a->failed |= !ok;
	a->ended = true;
	pthread_cond_broadcast(&a->cv);
	pthread_mutex_unlock(&a->mu);
	return NULL;
}

void audit_all_wait_some(audit_all *a, size_t count)
{
	if (!a->threaded)
		return;
	pthread_mutex_lock(&a->mu);
	a->want = count;
	while (a->hashed < count && !a->ended)
		pthread_cond_wait(&a->cv, &a->mu);
	pthread_mutex_unlock(&a->mu);
}

static void writer_free(entry_writer *w)
{
	if (!w)
		return;
	free(w->json.p);
	texts_free(&w->texts);
	free(w);
}

int audit_all_start(store_import *b, const uint32_t *order,
		    const unsigned char prev[AUDIT_HASH_BYTES], bool chained, audit_all **out,
		    cb_error *err)
{
	audit_all *a = calloc(1, sizeof *a);
	size_t n = b->n ? b->n : 1;

	*out = NULL;
	if (!a || !(a->json = calloc(n, sizeof *a->json)) ||
	    !(a->hash = malloc(n * sizeof *a->hash)) || !(a->ready = calloc(n, 1)) ||
	    !(a->hasher = calloc(1, sizeof *a->hasher)) ||
	    !(a->caller = calloc(1, sizeof *a->caller))) {
		if (a) {
			free(a->json);
			free(a->hash);
			free(a->ready);
			free(a->hasher);
		}
		free(a);
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	}
	a->b = b;
	a->order = order;
	a->n = a->hi = b->n;
	memcpy(a->prev, prev, AUDIT_HASH_BYTES);
	a->chained = chained;
	a->threaded = start_worker(&a->mu, &a->cv, &a->thread, hasher, a);
	*out = a;
	return CB_OK;
}

/* The caller's part: the JSON of the entries the hashing thread has not
 * reached, from the last ones down (all of them without a second thread). */
int audit_all_help(audit_all *a, cb_error *err)
{
	bool ok = true;
	for (;;) {
		size_t from = 0, to = 0;
		if (a->threaded)
			pthread_mutex_lock(&a->mu);
		if (a->hi > a->lo && !a->failed) {
			to = a->hi;
			from = to - a->lo > CLAIM_BATCH ? to - CLAIM_BATCH : a->lo;
			a->hi = from;
		}
		if (a->threaded)
			pthread_mutex_unlock(&a->mu);
		if (from == to)
			break;
		size_t k = from;
		for (; k < to; k++)
			if (!(ok = (a->json[k] = entry_json(a, k, a->caller)) != NULL))
				break;
		if (a->threaded)
			pthread_mutex_lock(&a->mu);
		/* entries from `from` on are given over, written or not: the
		 * hashing thread stops at one without JSON */
		memset(a->ready + from, 1, to - from);
		a->failed |= !ok;
		if (a->threaded) {
			pthread_cond_broadcast(&a->cv);
			pthread_mutex_unlock(&a->mu);
		}
		if (!ok)
			return cb_error_set(err, CB_EDB, _("Out of memory"));
	}
	return CB_OK;
}

/* Then every hash, once that thread is done with them. */
int audit_all_wait(audit_all *a, cb_error *err)
{
	bool failed = false;
	if (a->done)
		return a->failed ? cb_error_set(err, CB_EDB, _("Out of memory")) : CB_OK;
	a->done = true;
	if (a->threaded) {
		pthread_join(a->thread, NULL);
		pthread_cond_destroy(&a->cv);
		pthread_mutex_destroy(&a->mu);
		a->threaded = false;
		failed = a->failed;
	} else {
		for (size_t k = 0; !failed && k < a->n; k++)
			if (!(failed = !a->json[k]))
				entry_hash(a, k);
	}
	a->failed = failed;
	return failed ? cb_error_set(err, CB_EDB, _("Out of memory")) : CB_OK;
}

const char *audit_all_entry(const audit_all *a, size_t k, const unsigned char **hash)
{
	*hash = a->hash[k];
	return a->json[k];
}

void audit_all_end(audit_all *a)
{
	if (!a)
		return;
	if (a->threaded) { /* not finished: let the thread run out, then free */
		pthread_mutex_lock(&a->mu);
		a->failed = true;
		a->hi = a->lo; /* it claims no more */
		for (size_t k = a->lo; k < a->n; k++)
			a->ready[k] = 1; /* NULL JSON: the thread stops there */
		pthread_cond_broadcast(&a->cv);
		pthread_mutex_unlock(&a->mu);
		pthread_join(a->thread, NULL);
		pthread_cond_destroy(&a->cv);
		pthread_mutex_destroy(&a->mu);
	}
	free(a->json);
	free(a->hash);
	free(a->ready);
	writer_free(a->hasher);
	writer_free(a->caller);
	free(a);
}
