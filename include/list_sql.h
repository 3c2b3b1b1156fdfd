/* list_sql.h - the SQL of the cadre's coded lists (model.h ENUM_ETHNICITY
 * ..), shared by the breakdowns (stats_dim.c) and the filter behind their
 * cells (filter.c), so that a count and its list use one definition.
 *
 * A list's "index" numbers its choices in list order from 1; 0 stands for
 * a cadre whose value is not recorded or not in the list in force (an
 * ethnic group written as free text before the list, a code an office
 * took out). Ethnicity is stored by its name, the others by their code.
 */
#ifndef CANBO_LIST_SQL_H
#define CANBO_LIST_SQL_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

#define LIST_COUNT (ENUM_COUNT - ENUM_FIRST_LIST)

/* The column of cadre (alias c) that holds list e: "c.religion". */
const char *list_column(enum model_enum e);

/* Appends to buf an SQL expression giving each cadre's index in list e
 * (choices beyond max_index count as 0). False when buf is too small. */
bool list_index_sql(enum model_enum e, int max_index, char *buf, size_t cap);

/* Appends " AND <condition>" selecting the cadres of index `index` in
 * list e. False when buf is too small or the index is out of range. */
bool list_cond_sql(enum model_enum e, int index, char *buf, size_t cap);

#endif
