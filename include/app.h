/* app.h - what every command and the terminal UI start from: the
 * configuration, the chosen office (district) and its open database.
 *
 * app_open reads and checks the whole configuration first and stops with
 * CB_ECONFIG before any database is touched; then opens the database named
 * by --db, or by the district's/province's configuration, and brings its
 * unit table in line with the configuration.
 */
#ifndef CANBO_APP_H
#define CANBO_APP_H

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>

#include "access.h"
#include "config.h"
#include "date.h"
#include "error.h"
#include "store.h"

typedef struct app_options {
	const char *config_dir; /* --config */
	const char *db_path;	/* --db */
	const char *district;	/* --district CODE (an office), NULL = province */
	const char *lang;	/* --lang vi|en, NULL = from the configuration */
	const char *as_of;	/* --as-of YYYY-MM-DD, NULL = today */
	bool create;		/* create the database if missing (demo) */
	bool readonly;		/* lookups only */
	bool bulk;		/* demo build: STORE_BULK */
	/* the unit table as stored: neither brought in line with the
	 * configuration nor the scope handed to the store (canbo units
	 * migrate does both in its own transaction) */
	bool keep_units;
} app_options;

typedef struct app {
	cfg *config;
	store *db;
	access_scope scope;	      /* what the user may see, resolved once */
	const cfg_district *district; /* scope.office: NULL = the whole province */
	char db_path[PATH_MAX];
	cb_date today;	  /* reference date (--as-of, $CANBO_TODAY) */
	const char *user; /* Unix user name */
} app;

/* Loads configuration (only), selects language. */
int app_load_config(app *a, const app_options *o, cb_error *err);
/* Loads configuration, then opens and syncs the database. */
int app_open(app *a, const app_options *o, cb_error *err);
void app_close(app *a);

/* The unit code the session works in (--district, or the user's only
 * district), NULL = the whole province. Commands take their default unit
 * from here, never from --district directly. */
const char *app_unit_code(const app *a);
/* Its index in config->units, -1 = the whole province. */
int app_scope_unit(const app *a);
/* What the session works in, for titles: that unit's name, the
 * province's, or a name for a scope of several parts. */
const char *app_scope_name(const app *a);
/* Whether configuration unit `unit` lies in the user's scope, or holds a
 * unit that does: pickers offer only these (the store refuses the others
 * anyway). */
bool app_may_see_unit(const app *a, int unit);

/* Whether the Unix user running canbo holds `right` (enum cfg_right) on
 * the chosen office (the province when no district was chosen). */
bool app_may(const app *a, int right);

/* The entry point of the terminal UI (src/ui); returns an exit status. */
int ui_main(app *a);

#endif
