/* config_internal.h - what the configuration files (config*.c) share: a
 * checked INI file and the loaders of each kind of file.
 *
 * An ini_file is an iniparser dictionary plus what iniparser does not keep:
 * the line of every section and key, in file order. The file is scanned
 * line by line before iniparser reads it, so that every mistake iniparser
 * would pass over in silence (a key twice, a key before any section, "[]",
 * a trailing backslash, an unquoted ';' that would cut a value short) is
 * reported with its path and line instead.
 */
#ifndef CANBO_CONFIG_INTERNAL_H
#define CANBO_CONFIG_INTERNAL_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include <iniparser.h>

#include "config.h"
#include "error.h"

#define INI_NAME_MAX 64	  /* section and key names, bytes */
#define INI_LINE_MAX 1000 /* bytes per line (iniparser reads 1024) */

typedef struct ini_entry {
	char section[INI_NAME_MAX]; /* lower case, as iniparser keeps it */
	char key[INI_NAME_MAX];	    /* lower case */
	const char *value;	    /* owned by the dictionary */
	int line;
} ini_entry;

typedef struct ini_section {
	char name[INI_NAME_MAX];
	int line; /* of its first header */
} ini_section;

typedef struct ini_file {
	char path[PATH_MAX];
	dictionary *dict;
	ini_entry *entries; /* file order */
	size_t entry_count;
	ini_section *sections; /* order of first appearance */
	size_t section_count;
} ini_file;

/* What a section may hold: keys is NULL-terminated, or NULL when the
 * caller checks the keys itself (e.g. commune codes). */
typedef struct ini_schema {
	const char *section;
	const char *const *keys;
} ini_schema;

/* config_ini.c */
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

/* config_units.c */
int config_units_province(cfg *c, ini_file *f, cb_error *err);
int config_people_read(cfg *c, const ini_file *f, cb_error *err);
int config_orgkinds_read(cfg *c, const ini_file *f, cb_error *err);
/* config_lists.c: lists.ini of the directory, when there is one. */
int config_lists_read(cfg *c, cb_error *err);
void config_lists_free(cfg *c);
int config_units_districts(cfg *c, cb_error *err);
int config_units_no_districts(const cfg *c, cb_error *err);
int config_units_index(cfg *c, cb_error *err);

/* config_access.c */
int config_acl_parse(const ini_file *f, const char *key, cfg_acl *acl, cb_error *err);
int config_acl_parse_entry(const ini_file *f, const ini_entry *e, cfg_acl *acl, cb_error *err);
bool config_acl_has(const cfg_acl *acl, const char *user);
/* config_scope.c: [scope] is read with canbo.ini, its unit codes checked
 * once every unit is known. */
int config_scope_read(cfg *c, const ini_file *f, cb_error *err);
int config_scope_check(cfg *c, cb_error *err);
void config_scope_free(cfg *c);
void config_acl_free(cfg_acl *acl);

/* config.c */
extern const char *const config_target_keys[]; /* NULL-terminated */
extern const char *const config_ui_keys[];
extern const char *const config_access_keys[];
int config_resolve(const cfg *c, const char *rel, char *buf, size_t cap);
int config_targets_read(const ini_file *f, int *target, cb_error *err);
int config_ui_read(const ini_file *f, char *lang, size_t lang_cap, int *color, cb_error *err);
int config_access_read(const ini_file *f, cfg_acl *readers, cfg_acl *editors, cfg_acl *verifiers,
		       cb_error *err);

#endif
