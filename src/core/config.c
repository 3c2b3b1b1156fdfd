/* config.c - finding, reading and checking the configuration.
 *
 * config_load_dir reads canbo.ini, then (three-tier provinces) every
 * districts/<code>.ini, then checks the manifestations catalogue when it is
 * there. Everything is checked before the cfg is handed out: the first
 * mistake stops the load with CB_ECONFIG and a message naming the file, the
 * line and the section:key, so that canbo can exit before any database is
 * opened. See canbo.ini(5) for the file format.
 */
#include "config_internal.h"

#include "career.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "evaluation.h"
#include "i18n.h"
#include "trust.h"

#ifndef CANBO_SYSCONFDIR
#define CANBO_SYSCONFDIR "/etc"
#endif

const char *const config_target_keys[] = {
#define X(id, key, def, brief, desc) key,
	TARGET_LIST(X)
#undef X
		NULL};
static const int target_defaults[] = {
#define X(id, key, def, brief, desc) def,
	TARGET_LIST(X)
#undef X
};

static const char *const province_keys[] = {"code", "name", "kind", "database", "tiers", NULL};
static const char *const labels2[] = {"label.1", "label.2", NULL};
static const char *const labels3[] = {"label.1", "label.2", "label.3", NULL};
static const char *const age_keys[] = {"bands", "min", "max", NULL};
const char *const config_ui_keys[] = {"lang", "color", NULL};
const char *const config_access_keys[] = {"read", "edit", "verify", NULL};
static const char *const files_keys[] = {"manifestations", "evaluation", NULL};
static const char *const reports_keys[] = {"percent_decimals", "office", NULL};
static const char *const trash_keys[] = {"purge_after_days", NULL};
static const char *const langs[] = {"vi", "en", NULL};
static const char *const colors[] = {"auto", "always", "never", NULL};

/* Default labels of the tiers, by number of tiers. */
static const char *const default_labels[2][CFG_MAX_TIERS] = {
	{"Tỉnh", "Xã/Phường", "", ""},
	{"Tỉnh", "Huyện/Thị xã/Thành phố", "Xã/Phường/Thị trấn", ""},
};

const char *config_target_key(int target_id)
{
	if (target_id < 0 || target_id >= TARGET_COUNT)
		return NULL;
	return config_target_keys[target_id];
}

int config_target_default(int target_id)
{
	if (target_id < 0 || target_id >= TARGET_COUNT)
		return -1;
	return target_defaults[target_id];
}

int config_target(const cfg *c, const cfg_district *d, int target_id)
{
	if (!c || target_id < 0 || target_id >= TARGET_COUNT)
		return -1;
	if (d && d->target[target_id] >= 0)
		return d->target[target_id];
	return c->target[target_id];
}

/* rel against the configuration directory (absolute paths kept); nonzero
 * when it does not fit. */
int config_resolve(const cfg *c, const char *rel, char *buf, size_t cap)
{
	int n = rel[0] == '/' ? snprintf(buf, cap, "%s", rel)
			      : snprintf(buf, cap, "%s/%s", c->dir, rel);
	return n < 0 || (size_t)n >= cap;
}

/* [targets]: each key overrides its entry of target (percent 0..100). */
int config_targets_read(const ini_file *f, int *target, cb_error *err)
{
	for (int t = 0; t < TARGET_COUNT; t++)
		if (ini_int(f, "targets", config_target_keys[t], 0, 100, &target[t], err))
			return CB_ECONFIG;
	return CB_OK;
}

/* [ui]: an absent or empty value leaves the caller's default. */
int config_ui_read(const ini_file *f, char *lang, size_t lang_cap, int *color, cb_error *err)
{
	const ini_entry *e;
	int i;

	e = ini_find(f, "ui", "lang");
	if (e && *e->value) {
		if (ini_choice(f, "ui", "lang", langs, &i, err))
			return CB_ECONFIG;
		snprintf(lang, lang_cap, "%s", langs[i]);
	}
	e = ini_find(f, "ui", "color");
	if (e && *e->value) {
		if (ini_choice(f, "ui", "color", colors, &i, err))
			return CB_ECONFIG;
		*color = i; /* colors[] is in enum cfg_color order */
	}
	return CB_OK;
}

int config_access_read(const ini_file *f, cfg_acl *readers, cfg_acl *editors, cfg_acl *verifiers,
		       cb_error *err)
{
	if (config_acl_parse(f, "read", readers, err) ||
	    config_acl_parse(f, "edit", editors, err) ||
	    config_acl_parse(f, "verify", verifiers, err))
		return CB_ECONFIG;
	return CB_OK;
}

/* [age] bands = ascending lower bounds, e.g. "30,40,50,60". */
static int config_bands_read(cfg *c, const ini_file *f, cb_error *err)
{
	const ini_entry *e = ini_find(f, "age", "bands");
	const char *p;
	int n = 0, prev = 0;

	if (!e)
		return CB_OK;
	for (p = e->value; *p;) {
		char *end;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p < '0' || *p > '9' || n == CFG_MAX_BANDS)
			goto bad;
		long v = strtol(p, &end, 10);
		if (v <= prev || v > 120)
			goto bad;
		c->age_bands[n++] = prev = (int)v;
		p = end;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == ',' && p[1])
			p++;
		else if (*p)
			goto bad;
	}
	if (n == 0)
		goto bad;
	c->band_count = n;
	return CB_OK;
bad:
	return ini_bad_value(
		f, e,
		_("at most 12 ascending ages from 1 to 120 separated by commas, e.g. 30,40,50,60"),
		err);
}

static int config_age_read(cfg *c, const ini_file *f, cb_error *err)
{
	const ini_entry *e;

	if (config_bands_read(c, f, err) || ini_int(f, "age", "min", 0, 120, &c->age_min, err) ||
	    ini_int(f, "age", "max", 0, 120, &c->age_max, err))
		return CB_ECONFIG;
	if (c->age_min < c->age_max)
		return CB_OK;
	/* The defaults are in order, so one of the keys is in the file. */
	e = ini_find(f, "age", "max");
	if (!e)
		e = ini_find(f, "age", "min");
	return cb_error_set(err, CB_ECONFIG,
			    _("%s:%d: age:min = %d must be less than age:max = %d"), f->path,
			    e ? e->line : 0, c->age_min, c->age_max);
}

static int config_labels_read(cfg *c, const ini_file *f, cb_error *err)
{
	char key[16];

	for (int t = 1; t <= c->tiers; t++) {
		snprintf(c->tier_label[t], sizeof c->tier_label[t], "%s",
			 default_labels[c->tiers - 2][t - 1]);
		snprintf(key, sizeof key, "label.%d", t);
		if (ini_text(f, "hierarchy", key, c->tier_label[t], sizeof c->tier_label[t], err))
			return CB_ECONFIG;
	}
	return CB_OK;
}

/* [files] evaluation: the rules of evaluation.ini (read when used). */
static int config_evaluation_path(cfg *c, const ini_file *f, cb_error *err)
{
	char rel[PATH_MAX] = "evaluation.ini";
	const ini_entry *e = ini_find(f, "files", "evaluation");

	if (ini_text(f, "files", "evaluation", rel, sizeof rel, err))
		return CB_ECONFIG;
	if (!*rel || config_resolve(c, rel, c->evaluation, sizeof c->evaluation))
		return ini_bad_value(f, e, _("a file name"), err);
	return CB_OK;
}

/* [reports]: how percentages are rounded and who signs the spreadsheets. */
static int config_reports_read(cfg *c, const ini_file *f, cb_error *err)
{
	if (ini_int(f, "reports", "percent_decimals", 0, 3, &c->percent_decimals, err) ||
	    ini_text(f, "reports", "office", c->office, sizeof c->office, err))
		return CB_ECONFIG;
	return CB_OK;
}

static int config_files_read(cfg *c, const ini_file *f, bool *explicit_manif, cb_error *err)
{
	char rel[PATH_MAX] = "manifestations.ini";
	const ini_entry *e = ini_find(f, "files", "manifestations");

	*explicit_manif = e != NULL;
	if (ini_text(f, "files", "manifestations", rel, sizeof rel, err))
		return CB_ECONFIG;
	if (!*rel || config_resolve(c, rel, c->manifestations, sizeof c->manifestations))
		return ini_bad_value(f, e, _("a file name"), err);
	return config_evaluation_path(c, f, err);
}

static int config_database_read(cfg *c, const ini_file *f, cb_error *err)
{
	char rel[PATH_MAX] = "canbo.db";
	const ini_entry *e = ini_find(f, "province", "database");

	if (ini_text(f, "province", "database", rel, sizeof rel, err))
		return CB_ECONFIG;
	if (!*rel || config_resolve(c, rel, c->database, sizeof c->database))
		return ini_bad_value(f, e, _("a file name"), err);
	return CB_OK;
}

/* Sections and keys canbo.ini may hold, which depend on its tiers. */
static int config_province_schema(const cfg *c, const ini_file *f, cb_error *err)
{
	const ini_schema schema[] = {
		{"province", province_keys},
		{"hierarchy", c->tiers == 2 ? labels2 : labels3},
		{"targets", config_target_keys},
		{"age", age_keys},
		{"ui", config_ui_keys},
		{"access", config_access_keys},
		{"files", files_keys},
		{"reports", reports_keys},
		{"trash", trash_keys},
		{"people", NULL},
		{"org_kinds", NULL},
		{"scope", NULL},
		{"communes", NULL},
		{"kinds", NULL},
	};
	size_t n = sizeof schema / sizeof schema[0];
	const ini_section *s;

	if (c->tiers == 3) {
		n -= 2;
		if ((s = ini_find_section(f, "communes")) || (s = ini_find_section(f, "kinds")))
			return cb_error_set(err, CB_ECONFIG,
					    _("%s:%d: [%s] belongs in the district files when "
					      "province:tiers = 3"),
					    f->path, s->line, s->name);
	}
	return ini_check_schema(f, schema, n, err);
}

static int config_province_read(cfg *c, ini_file *f, bool *explicit_manif, cb_error *err)
{
	c->tiers = 3;
	if (ini_int(f, "province", "tiers", 2, 3, &c->tiers, err) ||
	    config_province_schema(c, f, err) ||
	    ini_require(f, "province", "code", _("the GSO code of the province"), err) ||
	    ini_require(f, "province", "name", _("the official name of the province"), err) ||
	    config_database_read(c, f, err) || config_labels_read(c, f, err) ||
	    config_targets_read(f, c->target, err) || config_age_read(c, f, err) ||
	    config_ui_read(f, c->lang, sizeof c->lang, &c->color, err) ||
	    config_access_read(f, &c->readers, &c->editors, &c->verifiers, err) ||
	    config_scope_read(c, f, err) || config_files_read(c, f, explicit_manif, err) ||
	    config_reports_read(c, f, err) || config_units_province(c, f, err) ||
	    config_people_read(c, f, err) || config_orgkinds_read(c, f, err) ||
	    ini_int(f, "trash", "purge_after_days", 0, 36500, &c->trash_purge_days, err))
		return CB_ECONFIG;
	return CB_OK;
}

static void config_defaults(cfg *c)
{
	for (int t = 0; t < TARGET_COUNT; t++)
		c->target[t] = target_defaults[t];
	c->band_count = 4;
	for (int i = 0; i < 4; i++)
		c->age_bands[i] = 30 + 10 * i;
	c->age_min = 18;
	c->age_max = 70;
	strcpy(c->lang, "vi");
	c->color = CFG_COLOR_AUTO;
	c->percent_decimals = 1;
}

/* The catalogue is checked at start when it is there, or when canbo.ini
 * names it explicitly (then it must be there). */
static int config_check_manifestations(const cfg *c, bool explicit_manif, cb_error *err)
{
	manifestation *items = NULL;
	size_t n;
	char titles[CFG_MANIF_GROUPS][CFG_MANIF_TITLE_MAX];
	int rc;

	if (!explicit_manif && access(c->manifestations, F_OK) != 0)
		return CB_OK;
	rc = config_manifestations_load(c, &items, &n, titles, err);
	free(items);
	return rc;
}

/* The evaluation rules are checked at start when the file is there. */
static int config_check_evaluation(const cfg *c, cb_error *err)
{
	eval_rules r;
	int rc;

	if (access(c->evaluation, F_OK) != 0)
		return CB_OK;
	rc = eval_rules_load_file(c->evaluation, &r, err);
	eval_rules_free(&r);
	return rc;
}

/* career.ini is checked at start too, so that a mistake in it stops the
 * program before any database is opened, like one in canbo.ini. */
static int config_check_career(const cfg *c, cb_error *err)
{
	career_rules *r = malloc(sizeof *r);
	int rc;

	if (!r)
		return cb_error_set(err, CB_ECONFIG, _("out of memory"));
	rc = career_rules_load(c, r, err);
	free(r);
	return rc;
}

int config_load_dir(cfg **out, const char *dir, cb_error *err)
{
	cfg *c = calloc(1, sizeof *c);
	ini_file f;
	bool explicit_manif = false;
	int rc;

	*out = NULL;
	if (!c)
		return cb_error_set(err, CB_ECONFIG, _("out of memory"));
	config_defaults(c);
	if (!realpath(dir, c->dir)) {
		rc = cb_error_set(err, CB_ECONFIG,
				  _("%s: cannot open the configuration directory: %s"), dir,
				  strerror(errno));
		config_free(c);
		return rc;
	}
	snprintf(c->path, sizeof c->path, "%.*s/canbo.ini", PATH_MAX - 11, c->dir);
	rc = ini_open(&f, c->path, err);
	if (!rc) {
		rc = config_province_read(c, &f, &explicit_manif, err);
		ini_close(&f);
	}
	if (!rc)
		rc = c->tiers == 3 ? config_units_districts(c, err)
				   : config_units_no_districts(c, err);
	if (!rc)
		rc = config_scope_check(c, err);
	if (!rc)
		rc = config_check_manifestations(c, explicit_manif, err);
	if (!rc)
		rc = config_check_evaluation(c, err);
	if (!rc)
		rc = config_check_career(c, err);
	if (!rc)
		rc = config_lists_read(c, err);
	if (rc) {
		config_free(c);
		return rc;
	}
	*out = c;
	return CB_OK;
}

static bool config_has_ini(const char *dir)
{
	char path[PATH_MAX];
	int n = snprintf(path, sizeof path, "%s/canbo.ini", dir);
	return n > 0 && (size_t)n < sizeof path && access(path, F_OK) == 0;
}

/* A directory the user named (--config, $CANBO_CONFIG) is used or refused,
 * never passed over: falling back to another configuration would open
 * another database without a word. */
static int config_load_named(cfg **out, const char *dir, const char *by, cb_error *err)
{
	if (!config_has_ini(dir))
		return cb_error_set(err, CB_ECONFIG,
				    _("%s: no canbo.ini in this directory (given by %s)"), dir, by);
	return config_load_dir(out, dir, err);
}

int config_load(cfg **out, const char *dir_override, cb_error *err)
{
	const char *env = getenv("CANBO_CONFIG");
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	char user_dir[PATH_MAX] = "", looked[2 * PATH_MAX + 8];
	const char *sys_dir = CANBO_SYSCONFDIR "/canbo";

	*out = NULL;
	/* installed setgid: the system's configuration and nothing else
	 * (trust.h); the environment was cleaned already */
	if (trust_privileged())
		return config_load_named(out, sys_dir, sys_dir, err);
	if (dir_override && *dir_override)
		return config_load_named(out, dir_override, "--config", err);
	if (env && *env)
		return config_load_named(out, env, "$CANBO_CONFIG", err);
	if (xdg && xdg[0] == '/')
		snprintf(user_dir, sizeof user_dir, "%.*s/canbo", PATH_MAX - 7, xdg);
	else if (home && *home)
		snprintf(user_dir, sizeof user_dir, "%.*s/.config/canbo", PATH_MAX - 15, home);
	if (*user_dir && config_has_ini(user_dir))
		return config_load_dir(out, user_dir, err);
	if (config_has_ini(sys_dir))
		return config_load_dir(out, sys_dir, err);
	snprintf(looked, sizeof looked, "%s%s%s", user_dir, *user_dir ? ", " : "", sys_dir);
	return cb_error_set(
		err, CB_ECONFIG,
		_("no configuration found: no canbo.ini in %s (use --config DIR or $CANBO_CONFIG)"),
		looked);
}

void config_free(cfg *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->district_count; i++) {
		config_acl_free(&c->districts[i].readers);
		config_acl_free(&c->districts[i].editors);
		config_acl_free(&c->districts[i].verifiers);
	}
	config_acl_free(&c->readers);
	config_acl_free(&c->editors);
	config_acl_free(&c->verifiers);
	free(c->people);
	free(c->org_kinds);
	config_lists_free(c);
	config_scope_free(c);
	free(c->districts);
	free(c->units);
	free(c->unit_by_code);
	free(c);
}

const cfg_district *config_district(const cfg *c, const char *code)
{
	if (!c || !code)
		return NULL;
	for (size_t i = 0; i < c->district_count; i++)
		if (strcmp(c->districts[i].code, code) == 0)
			return &c->districts[i];
	return NULL;
}

const cfg_district *config_unit_district(const cfg *c, int unit)
{
	if (!c || unit < 0 || (size_t)unit >= c->unit_count || c->tiers < 3)
		return NULL;
	while (c->units[unit].tier > 2)
		unit = c->units[unit].parent;
	for (size_t i = 0; i < c->district_count; i++)
		if (c->districts[i].unit == unit)
			return &c->districts[i];
	return NULL;
}
