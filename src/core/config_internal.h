/* config_internal.h - what the configuration files (config*.c) share:
 * the loaders of each kind of file, on the checked INI reader (ini_file.h).
 */
#ifndef CANBO_CONFIG_INTERNAL_H
#define CANBO_CONFIG_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "error.h"
#include "ini_file.h"

/* config_units.c */
int config_units_province(cfg *c, ini_file *f, cb_error *err);
int config_people_read(cfg *c, const ini_file *f, cb_error *err);
int config_orgkinds_read(cfg *c, const ini_file *f, cb_error *err);
/* config_lists.c: lists.ini of the directory, when there is one. */
int config_lists_read(cfg *c, cb_error *err);
void config_lists_free(cfg *c);
int config_units_districts(cfg *c, cb_error *err);
int config_units_no_districts(const cfg *c, cb_error *err);

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
