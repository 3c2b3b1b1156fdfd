/* store_bulk_internal.h - what the files of the bulk load share, and no
 * other file needs: the rows held back in batches (store_bulk_batch.c),
 * the names ranked in memory (store_bulk_names.c) and the state of a load
 * (store_bulk.c, which writes the rows and ends the load).
 */
#ifndef CANBO_STORE_BULK_INTERNAL_H
#define CANBO_STORE_BULK_INTERNAL_H

#include "store_internal.h"

enum { CELL_NULL, CELL_INT, CELL_TEXT, CELL_BLOB };

/* One value of a held-back row: an integer, or bytes either copied into
 * the batch's own buffer (at off) or, when p is set, left where they are
 * (memory that stays put until store_bulk_end). */
typedef struct bulk_cell {
	int64_t i;
	const void *p;
	uint32_t off, len;
	int type;
} bulk_cell;

typedef struct bulk_batch {
	const char *head;  /* "INSERT ... VALUES" */
	const char *what;  /* untranslated, for a failure */
	int ncols, rows;   /* values per row, rows per full statement */
	sqlite3_stmt **st; /* st[n]: the statement of n rows, prepared when first needed */
	bulk_cell *cells;  /* rows * ncols */
	int filled;	   /* rows held back */
	char *text;	   /* copied texts of the rows held back */
	size_t text_len, text_cap;
} bulk_batch;

enum { BULK_CADRE, BULK_RATING, BULK_TRAINING, BULK_PLANNING, BULK_COUNT };

/* A named cadre: where its key and fold are in the arena, its place in
 * the order (1-based, 0 = not sorted yet) and a hash of the name and
 * birth date it was named with. */
typedef struct bulk_slot {
	uint32_t off;
	uint32_t pos;
	uint32_t hash;
} bulk_slot;

/* An arena entry: u16 key length, u16 fold length (with its NUL), the
 * key, the fold. */
#define ENTRY_HEAD 4

struct store_bulk {
	store *s;
	bulk_batch batch[BULK_COUNT];
	sqlite3_stmt *org;
	int *tier;	   /* unit id -> tier, 0 = no such unit */
	int64_t max_unit;  /* size of tier - 1 */
	int64_t next_rank; /* provisional ranks count down from -1 */
	int64_t first_id;  /* id of the first cadre of the load */
	int64_t cadres;
	/* ranking before the load (store_bulk_name) */
	bool fresh; /* the cadre table was empty at the start */
	unsigned char *arena;
	size_t arena_len, arena_cap;
	bulk_slot *slot;
	size_t named, slot_cap;
	uint32_t *order;  /* arena offsets in rank order, once sorted */
	int64_t *unit_at; /* the unit of the cadre at each place of that order */
};

/* Sets CB_EDB "Out of memory" (translated only then); returns it. */
int bulk_out_of_memory(cb_error *err);

/* ---- batches (store_bulk_batch.c) ---- */
/* The batch of table `which` (BULK_*), nothing prepared yet. */
int bulk_batch_init(bulk_batch *bt, int which, cb_error *err);
void bulk_batch_free(bulk_batch *bt);
/* Writes the rows held back. */
int bulk_batch_flush(store *s, bulk_batch *bt, cb_error *err);
/* The cells of the next row. */
bulk_cell *bulk_batch_row(bulk_batch *bt);
/* Counts the row in; writes the batch when it is full. */
int bulk_batch_add(store *s, bulk_batch *bt, cb_error *err);
void bulk_cell_int(bulk_cell *c, int64_t v);
/* An id, NULL when 0. */
void bulk_cell_id(bulk_cell *c, int64_t id);
/* Bytes left where they are (they stay put until the end of the load). */
void bulk_cell_fixed(bulk_cell *c, int type, const void *p, size_t len);
/* Bytes copied into the batch (the caller's buffer is reused). */
int bulk_cell_copy(bulk_batch *bt, bulk_cell *c, int type, const void *p, size_t len,
		   cb_error *err);
int bulk_cell_text(bulk_batch *bt, bulk_cell *c, const char *text, cb_error *err);

/* ---- names ranked in memory (store_bulk_names.c) ---- */
/* FNV-1a over the name and birth date, to check that the cadres inserted
 * are the ones named, in the same order. */
uint32_t bulk_name_hash(const char *full_name, const char *birth_date);
/* An arena entry's lengths (bulk_get16(e) = key bytes, bulk_get16(e + 2) =
 * fold bytes with the NUL), key and fold. */
size_t bulk_get16(const unsigned char *p);
const unsigned char *bulk_entry_key(const unsigned char *e);
const char *bulk_entry_fold(const unsigned char *e);
/* The name in the wrong place: a mistake of the caller, not of the user. */
int bulk_out_of_order(cb_error *err, const char *why);
/* Sorts the names into rank order (b->order) and gives each slot its place. */
int bulk_names_sort(store_bulk *b, cb_error *err);
void bulk_names_free(store_bulk *b);

#endif
