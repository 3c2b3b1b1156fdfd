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
	if (pthread_mutex_init(&a->mu, NULL) == 0) {
		if (pthread_cond_init(&a->cv, NULL) == 0) {
			a->threaded = pthread_create(&a->thread, NULL, writer, a) == 0;
			if (!a->threaded)
				pthread_cond_destroy(&a->cv);
		}
		if (!a->threaded)
			pthread_mutex_destroy(&a->mu);
	}
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
