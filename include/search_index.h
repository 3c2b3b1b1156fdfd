/* search_index.h - the upkeep of the search index: each cadre's rank (its
 * place in Vietnamese name order), the FTS5 index on it and the list of
 * name words. Below both the store (whose cadre writes keep it up to date)
 * and the search (which reads it), so that neither depends on the other;
 * for the core only.
 *
 * Ranks are sparse, SEARCH_GAP apart after a renumbering.
 *
 * All expect the caller's transaction. Invariant: ordering cadres by rank
 * is ordering them by (sort_key, id), and cadre_fts holds one row per
 * cadre with rowid = rank, name = name_fold and place = the token of its
 * unit (SEARCH_PLACE_SQL). */
#ifndef CANBO_SEARCH_INDEX_H
#define CANBO_SEARCH_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "store.h"

/* The rank for a cadre with sort key `key` placed among the others
 * (id = its id, or 0 for a row not inserted yet, which goes after rows
 * with an equal key): midway between its neighbours; when they leave no
 * room, every cadre is renumbered first (search_rebuild_tx). */
int search_rank_place(store *s, int64_t id, const unsigned char *key, size_t keylen, int64_t *rank,
		      cb_error *err);
/* Adds or removes (del) one row of cadre_fts: a removal names the rank,
 * fold and unit the row was added with (the index keeps no copy). */
int search_fts_put(store *s, int64_t rank, const char *fold, int64_t unit_id, int del,
		   cb_error *err);
/* Takes cadre id's row out of cadre_fts as it stands (his rank, fold and
 * unit now) and, unit_id > 0, files it again under that unit: before his
 * row is deleted or moved. Nothing for an id not there. */
int search_fts_refile(store *s, int64_t id, int64_t unit_id, cb_error *err);
/* Adds the words of a fold to name_word (the list of every name word). */
int search_words_add(store *s, const char *fold, cb_error *err);
/* Refills name_word from every cadre's fold (a bulk load ranked in
 * memory needs only this part of the renumbering). */
int search_words_rebuild(store *s, cb_error *err);
/* search_rebuild inside the caller's transaction. */
int search_rebuild_tx(store *s, cb_error *err);

/* Re-ranks every cadre (after a bulk load): ranks = order * SEARCH_GAP and
 * rebuilds cadre_fts. One transaction expected by the caller or not: it
 * opens its own. */
int search_rebuild(store *s, cb_error *err);

#define SEARCH_GAP 1024

/* A cadre's unit in cadre_fts: one token "u<unit id>" in the column
 * place, so that a search within a district matches the name and the
 * district's units in the index itself, in rank order (search_sql.c).
 * The SQL of the token for a unit id column or parameter: */
#define SEARCH_PLACE_SQL(unit) "'u' || " unit
#define SEARCH_PLACE_FMT       "u%lld"

#endif
