/* config.h - the INI configuration: one province file (canbo.ini) and one
 * file per district (districts/<code>.ini).
 *
 * The configuration is read completely and checked before any database is
 * opened; a bad file stops the program with its path, the section/key at
 * fault and what was expected (CB_ECONFIG). Relative paths inside the files
 * are resolved against the configuration directory.
 */
#ifndef CANBO_CONFIG_H
#define CANBO_CONFIG_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "target_list.h"

#define CFG_CODE_MAX 16
#define CFG_NAME_MAX 128
#define CFG_MAX_TIERS 4
#define CFG_MAX_BANDS 12

/* One administrative unit, from the configuration. Units are held in
 * pre-order (a parent comes before its children, children in file order):
 * the province first, then each district followed by its communes. */
typedef struct cfg_unit {
	char code[CFG_CODE_MAX]; /* GSO code */
	char name[CFG_NAME_MAX]; /* official name, NFC */
	char kind[32];           /* tỉnh, huyện, thị xã, thành phố, xã, phường, thị trấn */
	int tier;                /* 1 = province, 2 = next tier down, ... */
	int parent;              /* index into units, -1 for the province */
} cfg_unit;

/* Access lists: Unix user names and @group names. */
typedef struct cfg_acl {
	char **names;
	size_t count;
} cfg_acl;

/* One district file (an "office"). In a two-tier province there may be no
 * district files at all: the communes hang directly under the province. */
typedef struct cfg_district {
	char code[CFG_CODE_MAX];
	char path[PATH_MAX];     /* the file it came from */
	char database[PATH_MAX]; /* "" = the province database */
	int unit;                /* index of its unit in cfg.units */
	int target[TARGET_COUNT]; /* -1 = inherit the province's */
	cfg_acl readers, editors, verifiers;
	char lang[8];            /* "" = inherit */
	int color;               /* -1 inherit, else enum cfg_color */
} cfg_district;

enum cfg_color { CFG_COLOR_AUTO, CFG_COLOR_ALWAYS, CFG_COLOR_NEVER };

typedef struct cfg {
	char dir[PATH_MAX];  /* the configuration directory used */
	char path[PATH_MAX]; /* its canbo.ini */
	char database[PATH_MAX];
	int tiers;           /* 2 or 3 (province/commune or province/district/commune) */
	char tier_label[CFG_MAX_TIERS + 1][64]; /* [1..tiers] */
	cfg_unit *units;
	size_t unit_count;
	cfg_district *districts;
	size_t district_count;
	int target[TARGET_COUNT]; /* percent, after province overrides */
	int age_bands[CFG_MAX_BANDS]; /* lower bounds after 0, ascending: 30,40,50,60 */
	int band_count;
	int age_min, age_max; /* accepted age range of a cadre on entry */
	char lang[8];         /* "vi" or "en" */
	int color;            /* enum cfg_color */
	char manifestations[PATH_MAX]; /* catalogue file, resolved */
	cfg_acl readers, editors, verifiers; /* province-wide */
} cfg;

/* Finds the configuration directory: dir_override (--config), then
 * $CANBO_CONFIG, $XDG_CONFIG_HOME/canbo (or ~/.config/canbo), /etc/canbo;
 * the first that holds canbo.ini wins. Loads and validates everything. */
int config_load(cfg **out, const char *dir_override, cb_error *err);
/* Loads from exactly this directory. */
int config_load_dir(cfg **out, const char *dir, cb_error *err);
void config_free(cfg *c);

/* Lookups; NULL/-1 when absent. */
const cfg_district *config_district(const cfg *c, const char *code);
int config_unit_index(const cfg *c, const char *code);

/* Effective target percent for a district (NULL = the province). */
int config_target(const cfg *c, const cfg_district *d, int target_id);

/* The ini key and default of a target (from target_list.h). */
const char *config_target_key(int target_id);
int config_target_default(int target_id);

#endif
