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

/* --district names an office (a district file) or, in a province without
 * district files, any configured unit; anything else is a usage error. */
static int choose_district(app *a, const app_options *o, cb_error *err)
{
	a->district = NULL;
	if (!o->district || !*o->district)
		return CB_OK;
	a->district = config_district(a->config, o->district);
	if (a->district || config_unit_index(a->config, o->district) >= 0)
		return CB_OK;
	return cb_error_set(err, CB_EUSAGE, _("No district or unit with code %s in %s"),
			    o->district, a->config->path);
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
	if (!app_may(a, CFG_RIGHT_READ)) {
		rc = cb_error_set(err, CB_EACCESS,
				  _("User %s may not read the data of %s (see [access] in %s)"),
				  a->user, a->district ? a->config->units[a->district->unit].name
						       : a->config->units[0].name,
				  a->district ? a->district->path : a->config->path);
		app_close(a);
		return rc;
	}
	if (o->as_of && *o->as_of) {
		if (!date_parse(o->as_of, &a->today)) {
			app_close(a);
			return cb_error_set(
			    err, CB_EUSAGE,
			    _("--as-of needs a real date (dd/mm/yyyy or yyyy-mm-dd), not '%s'"), o->as_of);
		}
	} else {
		a->today = date_today();
	}
	return CB_OK;
}

/* The database file: --db, else the district's, else the province's. */
static int choose_database(app *a, const app_options *o, cb_error *err)
{
	const char *path = o->db_path;
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
	if (!rc && !o->readonly)
		rc = store_sync_units(a->db, a->config, err);
	if (rc) {
		app_close(a);
		return rc;
	}
	a->user = store_user(a->db);
	return CB_OK;
}

void app_close(app *a)
{
	if (!a)
		return;
	store_close(a->db);
	config_free(a->config);
	a->db = NULL;
	a->config = NULL;
	a->district = NULL;
	a->user = unix_user();
}

bool app_may(const app *a, int right)
{
	return !a->config || config_user_may(a->config, a->district, a->user, right);
}
