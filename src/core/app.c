/* app.c - the application context every command and the UI start from
 * (include/app.h).
 *
 * Order matters and is the guarantee of this file: the whole configuration
 * is read and checked first, and a bad file stops everything with
 * CB_ECONFIG before any database is opened or created. Only then is the
 * database chosen (--db, else the district's, else the province's) and
 * opened, and its unit table brought in line with the configuration.
 */
#include "app.h"

#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "stats.h"
#include "trust.h"

static const char *unix_user(void)
{
	static char name[64];
	if (!name[0]) {
		struct passwd *pw = getpwuid(getuid());
		snprintf(name, sizeof name, "%s", pw && pw->pw_name ? pw->pw_name : "?");
	}
	return name;
}

/* The language: --lang, else the district's [ui] lang, else the
 * province's, else Vietnamese. */
static void choose_language(const app *a, const app_options *o)
{
	const char *lang = o->lang;
	if (!lang || !*lang)
		lang = a->district && a->district->lang[0] ? a->district->lang : NULL;
	if (!lang || !*lang)
		lang = a->config->lang[0] ? a->config->lang : "vi";
	i18n_init(lang);
}

/* The user's scope and, within it, the subtree to work in: --district
 * narrows, never widens (access.h). */
static int choose_district(app *a, const app_options *o, cb_error *err)
{
	int rc = access_scope_resolve(a->config, a->user, o->district, &a->scope, err);
	a->district = rc ? NULL : a->scope.office;
	return rc;
}

int app_load_config(app *a, const app_options *o, cb_error *err)
{
	int rc;

	memset(a, 0, sizeof *a);
	a->user = unix_user();
	if (o->lang && *o->lang)
		i18n_init(o->lang); /* so that configuration errors read in it */
	if ((rc = config_load(&a->config, o->config_dir, err))) {
		if (err)
			err->code = CB_ECONFIG; /* whatever went wrong, it is the configuration */
		return CB_ECONFIG;
	}
	if ((rc = choose_district(a, o, err))) {
		app_close(a);
		return rc;
	}
	choose_language(a, o);
	stats_pct_set_decimals(a->config->percent_decimals);
	if (o->as_of && *o->as_of) {
		if (!date_parse(o->as_of, &a->today)) {
			app_close(a);
			return cb_error_set(
				err, CB_EUSAGE,
				_("--as-of needs a real date (dd/mm/yyyy or yyyy-mm-dd), not '%s'"),
				o->as_of);
		}
	} else {
		a->today = date_today();
	}
	return CB_OK;
}

/* The database file: --db, else the district's, else the province's. */
static int choose_database(app *a, const app_options *o, cb_error *err)
{
	/* installed setgid, the configuration alone names the database */
	const char *path = trust_privileged() ? NULL : o->db_path;
	if (!path || !*path)
		path = a->district && a->district->database[0] ? a->district->database
							       : a->config->database;
	if (!path || !*path)
		return cb_error_set(
			err, CB_ECONFIG,
			_("%s: no database is configured (key database); give one with --db"),
			a->config->path);
	if (strlen(path) >= sizeof a->db_path)
		return cb_error_set(err, CB_EUSAGE, _("Database path too long: %s"), path);
	snprintf(a->db_path, sizeof a->db_path, "%s", path);
	return CB_OK;
}

/* Hands the scope to the store, which holds every read and write to
 * it. */
static int scope_store(app *a, cb_error *err)
{
	return store_scope_from(a->db, a->config, &a->scope, err);
}

/* Installed setgid, the group's right ends once the database and its WAL
 * are open: files the user writes afterwards (exports) are theirs alone,
 * and a flaw further on cannot reach the data directory. */
static int give_up_group(app *a, cb_error *err)
{
	if (!trust_privileged())
		return CB_OK;
	/* a read opens the WAL and its index before the right to do so goes */
	if (sqlite3_exec(store_db(a->db), "SELECT count(*) FROM unit", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return store_fail(a->db, err, _("Opening the database"));
	return trust_drop_group(err);
}

int app_open(app *a, const app_options *o, cb_error *err)
{
	int rc, flags = 0;

	if ((rc = app_load_config(a, o, err)))
		return rc;
	if ((rc = choose_database(a, o, err))) {
		app_close(a);
		return rc;
	}
	if (o->create)
		flags |= STORE_CREATE;
	if (o->bulk)
		flags |= STORE_BULK;
	if (o->readonly)
		flags |= STORE_READONLY;
	rc = store_open(&a->db, a->db_path, flags, err);
	if (!rc && !o->readonly && !o->keep_units)
		rc = store_sync_units(a->db, a->config, err);
	if (!rc && !o->keep_units)
		rc = scope_store(a, err);
	if (!rc)
		rc = give_up_group(a, err);
	if (rc) {
		app_close(a);
		return rc;
	}
	a->user = store_user(a->db);
	store_set_author(a->db, config_person_name(a->config, a->user));
	config_apply_org_kinds(a->config);
	config_apply_lists(a->config);
	return CB_OK;
}

void app_close(app *a)
{
	if (!a)
		return;
	store_close(a->db);
	config_free(a->config);
	access_scope_free(&a->scope);
	a->db = NULL;
	a->config = NULL;
	a->district = NULL;
	a->user = unix_user();
}

/* Working in one district (or the whole province), its lists decide;
 * across several, the right must hold in every one of them, since a
 * write may land in any. */
bool app_may(const app *a, int right)
{
	if (!a->config)
		return true;
	if (a->district || a->scope.province || !a->scope.covers)
		return config_user_may(a->config, a->district, a->user, right);
	if (a->scope.own_units && !config_user_may(a->config, NULL, a->user, right))
		return false;
	for (size_t i = 0; i < a->config->district_count; i++)
		if (a->scope.covers[i] &&
		    !config_user_may(a->config, &a->config->districts[i], a->user, right))
			return false;
	return a->scope.own_units || a->scope.count > 0;
}

const char *app_unit_code(const app *a)
{
	return a->scope.unit_code[0] ? a->scope.unit_code : NULL;
}

const char *app_scope_name(const app *a)
{
	int u = app_scope_unit(a);

	if (!a->config || !a->config->unit_count)
		return "";
	if (u >= 0)
		return a->config->units[u].name;
	return a->scope.province || !a->scope.units ? a->config->units[0].name
						    : _("All units you may see");
}

int app_scope_unit(const app *a)
{
	return a->config && a->scope.unit_code[0] ? config_unit_index(a->config, a->scope.unit_code)
						  : -1;
}

bool app_may_see_unit(const app *a, int unit)
{
	const cfg *c = a->config;

	if (!c || unit < 0 || (size_t)unit >= c->unit_count)
		return false;
	if (access_scope_has_unit(&a->scope, unit))
		return true;
	/* a district some of whose communes are in the scope: the store
	 * keeps its figures to them */
	for (size_t u = (size_t)unit + 1; u < c->unit_count; u++) {
		int p = c->units[u].parent;
		while (p >= 0 && p != unit)
			p = c->units[p].parent;
		if (p == unit && access_scope_has_unit(&a->scope, (int)u))
			return true;
	}
	return false;
}
