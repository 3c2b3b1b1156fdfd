/* ini_file.h - the checked INI reader, shared by the configuration files
 * (config*.c) and the report layouts (report.c): every file an office
 * edits by hand is read the same way and its mistakes told the same way.
 *
 * An ini_file is the file's text with its sections and keys, each with its
 * line, in file order. The grammar is iniparser's, read in one pass and
 * stricter: every mistake iniparser would pass over in silence (a key
 * twice, a key before any section, "[]", a trailing backslash, an unquoted
 * ';' that would cut a value short) is reported with its path and line.
 */
#ifndef CANBO_INI_FILE_H
#define CANBO_INI_FILE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "error.h"

#define INI_NAME_MAX 64	  /* section and key names, bytes */
#define INI_LINE_MAX 1000 /* bytes per line */

typedef struct ini_entry {
	char section[INI_NAME_MAX]; /* lower case */
	char key[INI_NAME_MAX];	    /* lower case */
	/* as written: [people] names Unix logins, whose case matters */
	char key_written[INI_NAME_MAX];
	const char *value; /* in the file's text */
	int line;
	unsigned hash; /* of section and key (ini_find compares it first) */
} ini_entry;

typedef struct ini_section {
	char name[INI_NAME_MAX];
	int line;      /* of its first header */
	unsigned hash; /* of the name */
} ini_section;

typedef struct ini_file {
	char path[PATH_MAX];
	char *text;	    /* the file, values cut out of it in place */
	ini_entry *entries; /* file order */
	size_t entry_count, entry_cap;
	ini_section *sections; /* order of first appearance */
	size_t section_count;
	/* entries by hash: slot_mask + 1 slots (a power of two, at least
	 * twice the entries), each an entry index + 1 or 0 when empty */
	unsigned *slots;
	size_t slot_mask;
} ini_file;

/* What a section may hold: keys is NULL-terminated, or NULL when the
 * caller checks the keys itself (e.g. commune codes). */
typedef struct ini_schema {
	const char *section;
	const char *const *keys;
} ini_schema;

/* Defined in config_ini.c. */
/* Appends one zeroed element of size bytes to the array *arr of *count
 * elements; returns it, or NULL (nothing changed) when memory ran out. */
void *config_grow(void **arr, size_t *count, size_t size);
int ini_open(ini_file *f, const char *path, cb_error *err);
void ini_close(ini_file *f);
bool ini_has_section(const ini_file *f, const char *section);
const ini_section *ini_find_section(const ini_file *f, const char *section);
const ini_entry *ini_find(const ini_file *f, const char *section, const char *key);
int ini_check_schema(const ini_file *f, const ini_schema *schema, size_t n, cb_error *err);
int ini_unknown_key(const ini_file *f, const ini_entry *e, const char *expected, cb_error *err);
int ini_require(const ini_file *f, const char *section, const char *key, const char *what,
		cb_error *err);
int ini_entry_text(const ini_file *f, const ini_entry *e, char *buf, size_t cap, cb_error *err);
int ini_entry_int(const ini_file *f, const ini_entry *e, int lo, int hi, int *out, cb_error *err);
int ini_text(const ini_file *f, const char *section, const char *key, char *buf, size_t cap,
	     cb_error *err);
int ini_int(const ini_file *f, const char *section, const char *key, int lo, int hi, int *out,
	    cb_error *err);
int ini_choice(const ini_file *f, const char *section, const char *key, const char *const *choices,
	       int *out, cb_error *err);
int ini_bad_value(const ini_file *f, const ini_entry *e, const char *expected, cb_error *err);
bool ini_is_digits(const char *s, size_t len);
bool ini_ascii_alnum(int ch);

#endif
