/* sync_time.c - what sending an office's changes costs (sync.h): the first
 * export (the whole database) and its apply at an empty province, then
 * EDITS edits of as many cadres at the office, each saved in its own
 * transaction as the interface saves them (the session recording them),
 * their export and its apply, and the same file applied again. Built and
 * run by tests/bench/sync.sh:
 *   sync_time CONFIG_DIR OFFICE_DB PROVINCE_DB EDITS
 * prints one line per measure: <what> <ms> <bytes or rows>.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "store.h"
#include "sync.h"

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

typedef struct mem {
	unsigned char *p;
	size_t n;
} mem;

static int to_mem(const void *data, size_t n, void *ctx)
{
	mem *m = ctx;
	free(m->p);
	if (!(m->p = malloc(n)))
		return 1;
	memcpy(m->p, data, n);
	m->n = n;
	return 0;
}

static int die(const char *what, const cb_error *err)
{
	fprintf(stderr, "sync_time: %s: %s\n", what, err->msg);
	return 1;
}

int main(int argc, char **argv)
{
	store *office, *province;
	cfg *c;
	cb_error err;
	mem f = {0};
	sync_export_info ei;
	sync_apply_info ai;
	double t0;

	if (argc != 5)
		return fprintf(stderr, "usage: sync_time CONFIG OFFICE_DB PROVINCE_DB EDITS\n"), 2;
	int edits = atoi(argv[4]);
	if (config_load_dir(&c, argv[1], &err) || store_open(&office, argv[2], 0, &err) ||
	    store_open(&province, argv[3], STORE_CREATE, &err) ||
	    store_sync_units(province, c, &err))
		return die("open", &err);

	/* the same edits before the office sends anything: nothing recorded */
	int plain = edits < 1000 ? edits : 1000;
	t0 = now_ms();
	for (int i = 0; i < plain; i++) {
		cadre cd;
		if (store_cadre_get(office, 1 + i % 10, &cd, &err) == CB_OK) {
			snprintf(cd.notes, sizeof cd.notes, "trước khi gửi %d", i);
			if (store_cadre_update(office, &cd, c, &err))
				return die("edit", &err);
		}
	}
	printf("%-40s %10.3f\n", "one edit, not recorded (ms each)",
	       (now_ms() - t0) / (plain ? plain : 1));

	t0 = now_ms();
	if (sync_export(office, "80-794", NULL, to_mem, &f, &ei, &err))
		return die("first export", &err);
	printf("%-40s %10.1f %12zu bytes, %zu rows\n", "first export (whole database)",
	       now_ms() - t0, ei.bytes, ei.changes);
	t0 = now_ms();
	if (sync_apply(province, f.p, f.n, NULL, &ai, &err))
		return die("first apply", &err);
	printf("%-40s %10.1f %12zu rows\n", "its apply at an empty province", now_ms() - t0,
	       ai.changes);

	sqlite3_stmt *st;
	int64_t top = 0;
	if (sqlite3_prepare_v2(store_db(office), "SELECT max(id) FROM cadre", -1, &st, NULL) ==
		    SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		top = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	t0 = now_ms();
	for (int i = 0, id = 0; i < edits && top > 0; i++) {
		cadre cd;
		do /* the next cadre in id order, round and round */
			id = (int)(id % top) + 1;
		while (store_cadre_get(office, id, &cd, &err) == CB_NOT_FOUND);
		snprintf(cd.notes, sizeof cd.notes, "sửa lần %d", i);
		if (store_cadre_update(office, &cd, c, &err))
			return die("edit", &err);
	}
	double per = (now_ms() - t0) / (edits ? edits : 1);
	printf("%-40s %10.3f\n", "one edit, recorded (ms each)", per);

	t0 = now_ms();
	if (sync_export(office, NULL, NULL, to_mem, &f, &ei, &err))
		return die("export", &err);
	printf("%-40s %10.1f %12zu bytes, %zu rows\n", "export of the edits", now_ms() - t0,
	       ei.bytes, ei.changes);
	t0 = now_ms();
	if (sync_apply(province, f.p, f.n, NULL, &ai, &err))
		return die("apply", &err);
	printf("%-40s %10.1f %12zu rows, %zu conflicts\n", "apply of the edits", now_ms() - t0,
	       ai.changes, ai.conflicts);
	t0 = now_ms();
	if (sync_apply(province, f.p, f.n, NULL, &ai, &err) || !ai.already)
		return die("apply again", &err);
	printf("%-40s %10.1f\n", "the same file again (skipped)", now_ms() - t0);
	free(f.p);
	store_close(office);
	store_close(province);
	config_free(c);
	return 0;
}
