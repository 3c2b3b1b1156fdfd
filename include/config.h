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

#define CFG_CODE_MAX  16
#define CFG_NAME_MAX  128
#define CFG_MAX_TIERS 4
#define CFG_MAX_BANDS 12

/* One administrative unit, from the configuration. Units are held in
 * pre-order (a parent comes before its children, children in file order):
 * the province first, then each district followed by its communes. */
typedef struct cfg_unit {
	char code[CFG_CODE_MAX]; /* GSO code */
	char name[CFG_NAME_MAX]; /* official name, NFC */
	char kind[32]; /* tỉnh, huyện, thị xã, thành phố, xã, phường, thị trấn */
	int tier;      /* 1 = province, 2 = next tier down, ... */
	int parent;    /* index into units, -1 for the province */
} cfg_unit;

/* Access lists: Unix user names and @group names. */
typedef struct cfg_acl {
	char **names;
	size_t count;
} cfg_acl;

/* One [scope] entry of canbo.ini: a unit (province, district or commune)
 * or a party organisation, and the users and @groups held to it. */
typedef struct cfg_scope {
	int unit;		 /* index into cfg.units; -1 = an organisation */
	long long org;		 /* the organisation's id when unit < 0 */
	char code[CFG_CODE_MAX]; /* the unit's code as written */
	cfg_acl who;
	int line; /* in canbo.ini, for messages */
} cfg_scope;

/* One line of [people]: the official behind a Unix login. */
typedef struct cfg_person {
	char login[64];
	char name[160];
} cfg_person;

/* One line of [org_kinds]: a kind of party organisation the office adds. */
typedef struct cfg_orgkind {
	int value; /* stored in the database: 100..999, never reused */
	char code[32];
	char label[128];
} cfg_orgkind;

/* One district file (an "office"). In a two-tier province there may be no
 * district files at all: the communes hang directly under the province. */
typedef struct cfg_district {
	char code[CFG_CODE_MAX];
	char path[PATH_MAX];	  /* the file it came from */
	char database[PATH_MAX];  /* "" = the province database */
	int unit;		  /* index of its unit in cfg.units */
	int target[TARGET_COUNT]; /* -1 = inherit the province's */
	cfg_acl readers, editors, verifiers;
	char lang[8]; /* "" = inherit */
	int color;    /* -1 inherit, else enum cfg_color */
} cfg_district;

enum cfg_color { CFG_COLOR_AUTO, CFG_COLOR_ALWAYS, CFG_COLOR_NEVER };

typedef struct cfg {
	char dir[PATH_MAX];  /* the configuration directory used */
	char path[PATH_MAX]; /* its canbo.ini */
	char database[PATH_MAX];
	int tiers; /* 2 or 3 (province/commune or province/district/commune) */
	char tier_label[CFG_MAX_TIERS + 1][64]; /* [1..tiers] */
	cfg_unit *units;
	size_t unit_count;
	cfg_district *districts;
	size_t district_count;
	int target[TARGET_COUNT];     /* percent, after province overrides */
	int age_bands[CFG_MAX_BANDS]; /* lower bounds after 0, ascending: 30,40,50,60 */
	int band_count;
	int age_min, age_max;		     /* accepted age range of a cadre on entry */
	char lang[8];			     /* "vi" or "en" */
	int color;			     /* enum cfg_color */
	char manifestations[PATH_MAX];	     /* catalogue file, resolved */
	char evaluation[PATH_MAX];	     /* evaluation rules (evaluation.h), resolved */
	cfg_acl readers, editors, verifiers; /* province-wide */
	cfg_person *people;		     /* [people]: logins and their officials' names */
	size_t people_count;
	cfg_orgkind *org_kinds; /* [org_kinds]: kinds beyond the built-in ones */
	size_t org_kind_count;
	int trash_purge_days; /* [trash] purge_after_days: `trash purge --expired` age, 0 = none */
	int *unit_by_code;    /* unit indices sorted by code (for lookups) */
	int percent_decimals; /* [reports]: decimals of every percentage shown */
	char office[128];     /* [reports]: the office named on a spreadsheet */
	cfg_scope *scopes;    /* [scope], file order */
	size_t scope_count;
	struct cfg_lists *lists; /* lists.ini (config_lists.c); NULL: the built-in lists */
} cfg;

/* Rights checked by config_user_may. */
enum cfg_right { CFG_RIGHT_READ, CFG_RIGHT_EDIT, CFG_RIGHT_VERIFY };

/* Finds the configuration directory: dir_override (--config), then
 * $CANBO_CONFIG, $XDG_CONFIG_HOME/canbo (or ~/.config/canbo), /etc/canbo
 * (CANBO_SYSCONFDIR); the first that holds canbo.ini wins. A directory
 * named by --config or $CANBO_CONFIG is used or refused, never skipped.
 * Loads and validates everything (the catalogue of manifestations too,
 * when present); on failure *out is NULL and err says where it looked or
 * which file, line and section:key is at fault. */
int config_load(cfg **out, const char *dir_override, cb_error *err);
/* Loads from exactly this directory. */
int config_load_dir(cfg **out, const char *dir, cb_error *err);
void config_free(cfg *c);

/* Makes the kinds of [org_kinds] known to model.h's lookups (the
 * application does it once the configuration is read). */
void config_apply_org_kinds(const cfg *c);
/* Makes the lists of lists.ini (ethnic groups, religions ...: model.h's
 * ENUM_FIRST_LIST ..) the ones in force; the built-in ones for a list the
 * file does not give, or when c is NULL. */
void config_apply_lists(const cfg *c);

/* The official's name [people] gives a Unix login, or the login itself. */
const char *config_person_name(const cfg *c, const char *login);

/* Lookups; NULL/-1 when absent. */
const cfg_district *config_district(const cfg *c, const char *code);
int config_unit_index(const cfg *c, const char *code);

/* Effective target percent for a district (NULL = the province). */
int config_target(const cfg *c, const cfg_district *d, int target_id);

/* The ini key and default of a target (from target_list.h). */
const char *config_target_key(int target_id);
int config_target_default(int target_id);

/* The district file whose unit is, or contains, unit index `unit`; NULL for
 * the province itself, its direct children in a two-tier province, or a bad
 * index. */
const cfg_district *config_unit_district(const cfg *c, int unit);

/* Whether Unix user `user` holds `right` (enum cfg_right) on district d
 * (NULL = the province). A district's non-empty list replaces the
 * province's for that district, and people on the province's list keep
 * their right everywhere; an empty list means everyone. "@name" entries
 * match members of group name (primary or supplementary). Whoever may
 * edit or verify may also read. See canbo.ini(5), [access]. */
bool config_user_may(const cfg *c, const cfg_district *d, const char *user, int right);

/* Whether [scope] names user (or a group of theirs). If so, and units is
 * not NULL, units[i] (cfg.unit_count entries, cleared first) is set for
 * each unit listed for them and each unit below one, and *orgs (free()
 * it; may be NULL) receives the *org_count organisation ids listed. A
 * user [scope] does not name is held by the [access] lists alone. */
bool config_user_scope(const cfg *c, const char *user, bool *units, long long **orgs,
		       size_t *org_count);

/* The catalogue of the 27 manifestations of degradation (Resolution of the
 * 4th plenum, 12th Central Committee): 3 groups of 9. Loaded from the file
 * named by [files] manifestations. */
#define CFG_MANIF_GROUPS    3
#define CFG_MANIF_TITLE_MAX 128
typedef struct manifestation {
	char code[8];	/* stable identifier, e.g. "2.7"; what is stored */
	int group;	/* 1..CFG_MANIF_GROUPS */
	char text[512]; /* NFC; "" = not filled in yet: show a placeholder */
} manifestation;

/* Loads and checks the catalogue; *out (free() it) holds *n items ordered
 * by group then item number. group_titles[g-1] is the title of group g. */
int config_manifestations_load(const cfg *c, manifestation **out, size_t *n,
			       char group_titles[CFG_MANIF_GROUPS][CFG_MANIF_TITLE_MAX],
			       cb_error *err);

#endif
