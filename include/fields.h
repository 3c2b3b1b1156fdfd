/* fields.h - each kind of record described once, as a table of its
 * fields: what people call a field (label), what programs call it (the
 * JSON key and CSV header, with the other headers an import accepts), its
 * type and enumeration, whether it is required, and where it lives in the
 * record's struct.
 *
 * The record screen, `canbo show` (table and JSON), `canbo find` and the
 * exports (CSV, JSON, XLSX), the import's header, the audit trail's JSON
 * and its history view all read these tables, so that a field has one
 * label, one name and one written form everywhere:
 *
 *   code form (CSV, JSON, import): stable names of the enumerations
 *   (model.h), ISO dates, "yes"/"no", a set as names joined by "; "
 *   (JSON: an array of names, a bool, a number);
 *   people's form (screens, `show`, spreadsheets): translated labels,
 *   dd/mm/yyyy, "có"/"không", a set as labels joined by "; ".
 *
 * field_parse(field_format(x, FIELD_CODE)) gives x back for every field
 * that is not derived; the import reads the code form and, more leniently,
 * the words offices use (import_values.c).
 */
#ifndef CANBO_FIELDS_H
#define CANBO_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "json.h"

enum field_type {
	FIELD_TEXT, /* char[size], NFC UTF-8 */
	FIELD_DATE, /* char[11], "YYYY-MM-DD" or "" */
	FIELD_ENUM, /* int, one value of the enumeration */
	FIELD_BOOL, /* bool */
	FIELD_INT,  /* int or int64_t (size 4 or 8) */
	FIELD_LIST, /* int, a bit set of the enumeration's values */
};

enum field_flag {
	FIELD_REQUIRED = 1,  /* a record without it is refused */
	FIELD_DERIVED = 2,   /* follows from the record (ids, the unit's district,
			      * the level): written out, never read back */
	FIELD_MULTILINE = 4, /* text that may hold line breaks */
	FIELD_NO_CSV = 8,    /* not a CSV column (the version) */
	FIELD_NO_SHOW = 16,  /* not a line for people (ids, codes, versions) */
	FIELD_REF = 32,	     /* names another record (unit, organisation): the
			      * record stores its id, the text is read with it */
};

enum field_style {
	FIELD_CODE,  /* for programs and for import */
	FIELD_HUMAN, /* for people, in the UI language */
};

typedef struct field_def {
	int id;		     /* the kind's enumeration of its fields */
	const char *label;   /* English msgid: pass through gettext to show */
	const char *name;    /* JSON key and CSV header: stable, ASCII */
	const char *aliases; /* other headers an import accepts, folded
			      * (text_fold), separated by '|'; may be NULL */
	int type;	     /* enum field_type */
	int choices;	     /* enum model_enum of FIELD_ENUM and FIELD_LIST; of a
			      * FIELD_TEXT, the list its text is a label of
			      * (ethnicity: stored by name), else -1 */
	int flags;	     /* enum field_flag */
	size_t offset, size; /* the member of the record struct */
	/* derived enumerations: the value computed from the record */
	int (*derive)(const void *rec);
} field_def;

/* ---- the tables ------------------------------------------------------- */

/* The cadre (struct cadre of store.h), in the order lists show it. */
enum cadre_field {
	CADRE_F_ID,
	CADRE_F_FULL_NAME,
	CADRE_F_BIRTH_DATE,
	CADRE_F_GENDER,
	CADRE_F_ETHNICITY,
	CADRE_F_POSITION,
	CADRE_F_POS_RANK,
	CADRE_F_UNIT_CODE,
	CADRE_F_UNIT,
	CADRE_F_DISTRICT,
	CADRE_F_COMMUNE,
	CADRE_F_LEVEL,
	CADRE_F_ORG,
	CADRE_F_MANAGED,
	CADRE_F_IS_HEAD,
	CADRE_F_COMMITTEES,
	CADRE_F_EDUCATION,
	CADRE_F_THEORY,
	CADRE_F_RELIGION,
	CADRE_F_ACAD_TITLE,
	CADRE_F_GENERAL_EDU,
	CADRE_F_STATE_MGMT,
	CADRE_F_LANGUAGE,
	CADRE_F_IT_LEVEL,
	CADRE_F_PARTY_JOINED,
	CADRE_F_NOTES,
	CADRE_F_VERSION,
	CADRE_F_COUNT
};

/* The cadre's table: cadre_fields()[i].id == i. */
const field_def *cadre_fields(size_t *n);
/* One field of the cadre's table. */
const field_def *cadre_field(enum cadre_field id);
/* Its translated label. */
const char *cadre_field_label(enum cadre_field id);

/* The yearly rating of a cadre (rating_row), a training (training_row)
 * and a planning pool entry (planning_row) of store.h. */
enum rating_field { RATING_F_ID, RATING_F_YEAR, RATING_F_GRADE, RATING_F_VERSION, RATING_F_COUNT };
enum training_field {
	TRAINING_F_ID,
	TRAINING_F_YEAR,
	TRAINING_F_KIND,
	TRAINING_F_COURSE,
	TRAINING_F_VERSION,
	TRAINING_F_COUNT
};
enum planning_field {
	PLANNING_F_ID,
	PLANNING_F_TERM,
	PLANNING_F_POSITION,
	PLANNING_F_VERSION,
	PLANNING_F_COUNT
};
const field_def *rating_fields(size_t *n);
const field_def *training_fields(size_t *n);
const field_def *planning_fields(size_t *n);

/* ---- looking fields up ------------------------------------------------ */

/* The field whose name is name, or NULL. */
const field_def *field_by_name(const field_def *t, size_t n, const char *name);
/* The field a folded import header names (its name folded, "full_name"
 * -> "full name", or one of its aliases), or NULL. */
const field_def *field_by_header(const field_def *t, size_t n, const char *folded);

/* ---- values ----------------------------------------------------------- */

/* The value of an ENUM, BOOL, INT or LIST field as a number. */
long long field_int(const field_def *f, const void *rec);
/* The value as text in the given style (enum field_style); "" when empty.
 * Returns buf, or the record's own text for a TEXT field. */
const char *field_format(const field_def *f, const void *rec, int style, char *buf, size_t cap);
/* Reads the code form (dates also as dd/mm/yyyy, enumerations also by
 * their English label) into the record; "" empties the field. CB_EINVALID
 * with a message naming the field when the text is not a value of it (or
 * the field is derived); the record is then unchanged. */
int field_parse(const field_def *f, void *rec, const char *text, cb_error *err);
/* Writes "name": value with its JSON type: strings for TEXT, DATE and
 * ENUM (the stable name), true/false, numbers, an array of names. */
void field_json(json_buf *b, const field_def *f, const void *rec);
/* The people's form of a value given in its JSON form (as the audit
 * trail holds it: a string's text, true/false, a number, an array's raw
 * text); NULL when it is not a value of f. */
const char *field_human_of_json(const field_def *f, const char *json, char *buf, size_t cap);
/* Every field of the table as members of the open object. */
void fields_json(json_buf *b, const field_def *t, size_t n, const void *rec);
/* The same without the derived fields (ids, versions: what the audit row
 * says already). */
void fields_json_own(json_buf *b, const field_def *t, size_t n, const void *rec);

#endif
