/* cadre_pack.h - the codes of a cadre packed into one integer: the
 * expression the index cadre_pack holds (store_schema.c) and the
 * statistics read from it (stats_hist.c). Beside the schema, so the store
 * does not reach into the statistics for it.
 */
#ifndef CANBO_CADRE_PACK_H
#define CANBO_CADRE_PACK_H

/* The small codes and the birth date of a cadre packed into one integer,
 * or -1 when one of the codes does not fit its bit field exactly (then
 * nothing is counted through the histogram). The index cadre_pack holds
 * this very expression, so a statement that names it reads it from the
 * index (SQLite matches the expression), never from the table. Bits:
 * level 0-3, managed 4, committees 5-12, is_head 13, gender 14-15,
 * education 16-19, theory 20-23, not Kinh 24; the birth date as the number
 * YYYYMMDD at 25-51 when it is text of the form YYYY-MM-DD (such texts
 * compare as those numbers do), else bit 52. A code fits when
 * (v & mask) = v: that rules out negative, too large, fractional and text
 * values alike. */
#define STATS_PACK_SQL                                                                             \
	"(CASE WHEN (level & 15) = level AND (managed & 1) = managed"                              \
	" AND (committees & 255) = committees AND (is_head & 1) = is_head"                         \
	" AND (gender & 3) = gender AND (education & 15) = education AND (theory & 15) = theory"   \
	" THEN level | (managed << 4) | (committees << 5) | (is_head << 13) | (gender << 14)"      \
	" | (education << 16) | (theory << 20) | ((ethnicity <> 'Kinh') << 24)"                    \
	" | CASE WHEN typeof(birth_date) = 'text'"                                                 \
	" AND birth_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"                        \
	" THEN CAST(substr(birth_date, 1, 4) || substr(birth_date, 6, 2)"                          \
	" || substr(birth_date, 9, 2) AS INTEGER) << 25 ELSE 1 << 52 END"                          \
	" ELSE -1 END)"

#endif
