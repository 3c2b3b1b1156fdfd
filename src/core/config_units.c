/* config_units.c - the administrative units: the province, the district
 * files and their communes, in pre-order.
 *
 * Units are appended in the order the user sees them: the province, then
 * each district (files sorted by code) followed by its communes in file
 * order; in a two-tier province the communes of [communes] in canbo.ini
 * follow the province directly. A unit code may appear only once in the
 * whole configuration; the kind of a unit comes from the start of its name
 * ("Xã ", "Phường ", ...) unless given explicitly.
 */
#include "config_internal.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"

/* Name prefix -> kind, per tier ("" ends a table). */
typedef struct kind_rule {
	const char *prefix;
	const char *kind;
} kind_rule;

static const kind_rule province_kinds[] = {
	{"Tỉnh ", "tỉnh"}, {"Thành phố ", "thành phố"}, {"", ""}};
static const kind_rule district_kinds[] = {{"Huyện ", "huyện"},
					   {"Thị xã ", "thị xã"},
					   {"Thành phố ", "thành phố"},
					   {"Quận ", "quận"},
					   {"", ""}};
static const kind_rule commune_kinds[] = {{"Xã ", "xã"},
					  {"Phường ", "phường"},
					  {"Thị trấn ", "thị trấn"},
					  {"Đặc khu ", "đặc khu"},
					  {"", ""}};

static const char *const district_keys[] = {"code", "name", "kind", "database", NULL};

/* src into dst of cap bytes, cut to fit (as snprintf "%s" would, for a
 * fraction of its cost: a province has hundreds of units). */
static void copy_cut(char *dst, size_t cap, const char *src)
{
	size_t n = strnlen(src, cap - 1);
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* "xã, phường, ..." for messages. */
static void kind_list(const kind_rule *rules, char *buf, size_t cap)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; *rules[i].kind && used < cap; i++) {
		int w = snprintf(buf + used, cap - used, "%s%s", i ? ", " : "", rules[i].kind);
		if (w < 0)
			return;
		used += (size_t)w;
	}
}

/* The kind of a unit named `name`: the explicit entry (one of the rules'
 * kinds) when given, else from the name's prefix. */
static int unit_kind(const ini_file *f, const ini_entry *name_e, const char *name,
		     const ini_entry *explicit_e, const kind_rule *rules, char *kind, size_t cap,
		     cb_error *err)
{
	char list[120], val[64];

	if (explicit_e) {
		if (ini_entry_text(f, explicit_e, val, sizeof val, err))
			return CB_ECONFIG;
		for (int i = 0; *rules[i].kind; i++)
			if (strcmp(rules[i].kind, val) == 0) {
				copy_cut(kind, cap, rules[i].kind);
				return CB_OK;
			}
		kind_list(rules, list, sizeof list);
		return cb_error_set(
			err, CB_ECONFIG, _("%s:%d: %s:%s = \"%s\": expected one of: %s"), f->path,
			explicit_e->line, explicit_e->section, explicit_e->key, val, list);
	}
	for (int i = 0; *rules[i].kind; i++)
		if (strncmp(name, rules[i].prefix, strlen(rules[i].prefix)) == 0) {
			copy_cut(kind, cap, rules[i].kind);
			return CB_OK;
		}
	kind_list(rules, list, sizeof list);
	return cb_error_set(err, CB_ECONFIG,
			    _("%s:%d: %s:%s = \"%s\": the kind of unit cannot be told from the "
			      "name; give it explicitly (one of: %s)"),
			    f->path, name_e->line, name_e->section, name_e->key, name, list);
}

/* Where a unit already in c came from, for the duplicate message. */
static const char *unit_origin(const cfg *c, int u)
{
	const cfg_district *d = config_unit_district(c, u);
	return d ? d->path : c->path;
}

/* Where code is, or would go, in c->unit_by_code (kept sorted by code as
 * units are added); *found = the unit holding it, or -1. */
static size_t code_slot(const cfg *c, const char *code, int *found)
{
	size_t lo = 0, hi = c->unit_count;

	*found = -1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int cmp = strcmp(c->units[c->unit_by_code[mid]].code, code);
		if (cmp == 0) {
			*found = c->unit_by_code[mid];
			return mid;
		}
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Appends a unit; refuses a code already used anywhere. A province has
 * hundreds of units, each checked against all before it: through the
 * sorted index, not one by one. */
static int unit_add(cfg *c, const ini_file *f, const ini_entry *e, const char *code,
		    const char *name, const char *kind, int tier, int parent, cb_error *err)
{
	char key[CFG_CODE_MAX];
	size_t n = c->unit_count, slot;
	int used;
	cfg_unit *u;

	copy_cut(key, sizeof key, code);
	slot = code_slot(c, key, &used);
	if (used >= 0)
		return cb_error_set(err, CB_ECONFIG,
				    _("%s:%d: %s:%s: unit code %s is already used by %s in %s"),
				    f->path, e->line, e->section, e->key, code, c->units[used].name,
				    unit_origin(c, used));
	if ((n & (n - 1)) == 0 || !c->unit_by_code) { /* 0, 1, 2, 4, ...: as config_grow */
		int *idx = realloc(c->unit_by_code, (n ? 2 * n : 1) * sizeof *idx);
		if (!idx)
			return cb_error_set(err, CB_ECONFIG, _("out of memory"));
		c->unit_by_code = idx;
	}
	if (!(u = config_grow((void **)&c->units, &c->unit_count, sizeof *u)))
		return cb_error_set(err, CB_ECONFIG, _("out of memory"));
	memmove(c->unit_by_code + slot + 1, c->unit_by_code + slot, (n - slot) * sizeof(int));
	c->unit_by_code[slot] = (int)n;
	memcpy(u->code, key, sizeof key);
	copy_cut(u->name, sizeof u->name, name);
	copy_cut(u->kind, sizeof u->kind, kind);
	u->tier = tier;
	u->parent = parent;
	return CB_OK;
}

/* A unit's code: exactly `digits` decimal digits. */
static int unit_code(const ini_file *f, const ini_entry *e, const char *code, size_t digits,
		     const char *what, cb_error *err)
{
	if (strlen(code) == digits && ini_is_digits(code, digits))
		return CB_OK;
	return cb_error_set(err, CB_ECONFIG, _("%s:%d: %s:%s: \"%s\" is not %s"), f->path, e->line,
			    e->section, e->key, code, what);
}

/* [kinds] may only name communes listed in [communes] of the same file. */
static int communes_check_kinds(const ini_file *f, cb_error *err)
{
	for (size_t i = 0; i < f->entry_count; i++) {
		const ini_entry *e = &f->entries[i];
		if (strcmp(e->section, "kinds") == 0 && !ini_find(f, "communes", e->key))
			return ini_unknown_key(f, e, _("the codes listed in [communes]"), err);
	}
	return CB_OK;
}

/* Every entry of [communes]: "<5-digit code> = <name>", children of
 * unit `parent`. */
static int communes_read(cfg *c, const ini_file *f, int parent, cb_error *err)
{
	char name[CFG_NAME_MAX], kind[32];
	size_t count = 0;

	if (communes_check_kinds(f, err))
		return CB_ECONFIG;
	for (size_t i = 0; i < f->entry_count; i++) {
		const ini_entry *e = &f->entries[i];
		if (strcmp(e->section, "communes") != 0)
			continue;
		if (unit_code(f, e, e->key, 5, _("a 5-digit GSO commune code"), err) ||
		    ini_entry_text(f, e, name, sizeof name, err) ||
		    unit_kind(f, e, name, ini_find(f, "kinds", e->key), commune_kinds, kind,
			      sizeof kind, err) ||
		    unit_add(c, f, e, e->key, name, kind, c->units[parent].tier + 1, parent, err))
			return CB_ECONFIG;
		count++;
	}
	if (count == 0)
		return cb_error_set(err, CB_ECONFIG,
				    _("%s: [communes] lists no commune (expected lines such as "
				      "<5-digit code> = <name>)"),
				    f->path);
	return CB_OK;
}

/* The province unit from [province], and in a two-tier province its
 * communes. */
int config_units_province(cfg *c, ini_file *f, cb_error *err)
{
	const ini_entry *code_e = ini_find(f, "province", "code");
	const ini_entry *name_e = ini_find(f, "province", "name");
	char code[CFG_CODE_MAX], name[CFG_NAME_MAX], kind[32];

	if (ini_entry_text(f, code_e, code, sizeof code, err) ||
	    unit_code(f, code_e, code, 2, _("a 2-digit GSO province code"), err) ||
	    ini_entry_text(f, name_e, name, sizeof name, err) ||
	    unit_kind(f, name_e, name, ini_find(f, "province", "kind"), province_kinds, kind,
		      sizeof kind, err) ||
	    unit_add(c, f, code_e, code, name, kind, 1, -1, err))
		return CB_ECONFIG;
	if (c->tiers == 2)
		return communes_read(c, f, 0, err);
	return CB_OK;
}

static int district_schema(const ini_file *f, cb_error *err)
{
	const ini_schema schema[] = {
		{"district", district_keys},
		{"communes", NULL},
		{"kinds", NULL},
		{"targets", config_target_keys},
		{"access", config_access_keys},
		{"ui", config_ui_keys},
	};
	return ini_check_schema(f, schema, sizeof schema / sizeof schema[0], err);
}

/* district:code must be the file's base name: districts/794.ini holds
 * code = 794, so a copied file cannot silently describe another
 * district. */
static int district_code(const ini_file *f, const char *base, char *code, cb_error *err)
{
	const ini_entry *e = ini_find(f, "district", "code");

	if (ini_entry_text(f, e, code, CFG_CODE_MAX, err) ||
	    unit_code(f, e, code, 3, _("a 3-digit GSO district code"), err))
		return CB_ECONFIG;
	if (strcmp(code, base) != 0)
		return cb_error_set(err, CB_ECONFIG,
				    _("%s:%d: district:code = %s does not match the file name; "
				      "name the file %s.ini"),
				    f->path, e->line, code, code);
	return CB_OK;
}

static int district_fields(cfg *c, cfg_district *d, const ini_file *f, cb_error *err)
{
	char rel[PATH_MAX] = "";

	for (int t = 0; t < TARGET_COUNT; t++)
		d->target[t] = -1;
	d->color = -1;
	if (ini_text(f, "district", "database", rel, sizeof rel, err))
		return CB_ECONFIG;
	if (*rel && config_resolve(c, rel, d->database, sizeof d->database))
		return ini_bad_value(f, ini_find(f, "district", "database"), _("a file name"), err);
	if (config_targets_read(f, d->target, err) ||
	    config_ui_read(f, d->lang, sizeof d->lang, &d->color, err) ||
	    config_access_read(f, &d->readers, &d->editors, &d->verifiers, err))
		return CB_ECONFIG;
	return CB_OK;
}

/* One district file: its unit, its communes and its settings. The
 * district is appended to c->districts first so that config_free releases
 * whatever it holds if a later check fails. */
static int district_read(cfg *c, const ini_file *f, const char *base, cb_error *err)
{
	char code[CFG_CODE_MAX], name[CFG_NAME_MAX], kind[32];
	const ini_entry *name_e = ini_find(f, "district", "name");
	cfg_district *d;

	if (district_schema(f, err) ||
	    ini_require(f, "district", "code",
			_("the GSO code of the district, as in the file name"), err) ||
	    ini_require(f, "district", "name", _("the official name of the district"), err) ||
	    district_code(f, base, code, err) ||
	    ini_entry_text(f, name_e, name, sizeof name, err) ||
	    unit_kind(f, name_e, name, ini_find(f, "district", "kind"), district_kinds, kind,
		      sizeof kind, err))
		return CB_ECONFIG;
	if (!(d = config_grow((void **)&c->districts, &c->district_count, sizeof *d)))
		return cb_error_set(err, CB_ECONFIG, _("out of memory"));
	snprintf(d->code, sizeof d->code, "%s", code);
	snprintf(d->path, sizeof d->path, "%s", f->path);
	d->unit = (int)c->unit_count;
	if (district_fields(c, d, f, err) ||
	    unit_add(c, f, ini_find(f, "district", "code"), code, name, kind, 2, 0, err) ||
	    communes_read(c, f, d->unit, err))
		return CB_ECONFIG;
	return CB_OK;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.ini names in dir (hidden files skipped), sorted. */
static int district_list(const char *dir, char ***names, size_t *n, cb_error *err)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	char **v = NULL;

	*n = 0;
	if (!dp)
		return cb_error_set(err, CB_ECONFIG,
				    _("%s: cannot open the district directory: %s (a three-tier "
				      "province needs one file per district)"),
				    dir, strerror(errno));
	while ((de = readdir(dp))) {
		size_t len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len < 5 || strcmp(de->d_name + len - 4, ".ini") != 0)
			continue;
		char **nv = realloc(v, (*n + 1) * sizeof *nv);
		if (!nv || !(nv[*n] = strdup(de->d_name))) {
			free(nv ? nv : v);
			closedir(dp);
			return cb_error_set(err, CB_ECONFIG, _("out of memory"));
		}
		v = nv;
		(*n)++;
	}
	closedir(dp);
	if (*n > 1)
		qsort(v, *n, sizeof *v, name_cmp);
	*names = v;
	return CB_OK;
}

/* Every districts/<code>.ini, in order of code. */
int config_units_districts(cfg *c, cb_error *err)
{
	char dir[PATH_MAX], path[PATH_MAX], base[CFG_CODE_MAX + 8];
	char **names = NULL;
	size_t n = 0;
	int rc;

	snprintf(dir, sizeof dir, "%.*s/districts", PATH_MAX - 11, c->dir);
	rc = district_list(dir, &names, &n, err);
	if (!rc && n == 0)
		rc = cb_error_set(
			err, CB_ECONFIG,
			_("%s: no district file (*.ini) here, but province:tiers = 3 in %s"), dir,
			c->path);
	for (size_t i = 0; i < n && !rc; i++) {
		ini_file f;
		snprintf(path, sizeof path, "%.*s/%s", PATH_MAX - 20, dir, names[i]);
		snprintf(base, sizeof base, "%.*s", (int)strlen(names[i]) - 4, names[i]);
		rc = ini_open(&f, path, err);
		if (!rc) {
			rc = district_read(c, &f, base, err);
			ini_close(&f);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

/* A two-tier province has no district files: a districts/ directory with
 * some would be ignored in silence, so it is refused. */
int config_units_no_districts(const cfg *c, cb_error *err)
{
	char dir[PATH_MAX];
	char **names = NULL;
	size_t n = 0;
	int rc = CB_OK;

	snprintf(dir, sizeof dir, "%.*s/districts", PATH_MAX - 11, c->dir);
	if (access(dir, F_OK) != 0)
		return CB_OK;
	if (district_list(dir, &names, &n, err))
		return CB_ECONFIG;
	if (n)
		rc = cb_error_set(err, CB_ECONFIG,
				  _("%s: district files are not used when province:tiers = 2 in "
				    "%s; remove them or set tiers = 3"),
				  dir, c->path);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

/* The lookup index of config_unit_index: unit indices sorted by code.
 * Insertion sort: a province has a few hundred units, and it keeps the
 * comparison free of any context pointer. */
int config_unit_index(const cfg *c, const char *code)
{
	size_t lo = 0, hi;

	if (!c || !code || !c->unit_by_code)
		return -1;
	hi = c->unit_count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int u = c->unit_by_code[mid];
		int cmp = strcmp(c->units[u].code, code);
		if (cmp == 0)
			return u;
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}
