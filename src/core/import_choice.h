/* import_choice.h - reading an enumeration's value from a cell, shared by
 * the cadre import (import_values.c, where it lives) and the record
 * imports (record_import.c). */
#ifndef CANBO_IMPORT_CHOICE_H
#define CANBO_IMPORT_CHOICE_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

/* The value of e a folded cell names: its code, its English label or its
 * label in the UI language, accents and case aside. */
bool import_match_choice(enum model_enum e, const char *folded, int *value);
/* "label, label, ..." of e in the UI language, for a message. */
void import_choice_list(enum model_enum e, char *buf, size_t cap);

#endif
