/* access_scope.c - a user's districts and the subtree a session works in
 * (include/access.h). Pure configuration: no database, no curses. */
#include "access.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"

void access_scope_free(access_scope *s)
{
	if (!s)
		return;
	free(s->covers);
	memset(s, 0, sizeof *s);
}

bool access_scope_covers(const access_scope *s, const cfg *c, const cfg_district *d)
{
	if (!d)
		return s->own_units;
	for (size_t i = 0; i < c->district_count; i++)
		if (&c->districts[i] == d)
			return s->covers && s->covers[i];
	return false;
}

static int refuse(const cfg *c, const char *user, const cfg_district *d, cb_error *err)
{
	return cb_error_set(err, CB_EACCESS,
			    _("User %s may not read the data of %s (see [access] in %s)"), user,
			    d ? c->units[d->unit].name : c->units[0].name, d ? d->path : c->path);
}

/* wanted names a district file or another unit: it must lie in the scope. */
static int narrow(const cfg *c, const char *user, const char *wanted, access_scope *s,
		  cb_error *err)
{
	const cfg_district *d = config_district(c, wanted);
	int unit;

	if (d) {
		if (!access_scope_covers(s, c, d))
			return refuse(c, user, d, err);
		s->office = d;
	} else {
		if ((unit = config_unit_index(c, wanted)) < 0)
			return cb_error_set(err, CB_EUSAGE, _("No district or unit with code %s in %s"),
					    wanted, c->path);
		d = config_unit_district(c, unit);
		/* the province itself is the whole province */
		if (unit == 0 ? !s->province : !access_scope_covers(s, c, d))
			return refuse(c, user, d, err);
		s->office = d;
	}
	snprintf(s->unit_code, sizeof s->unit_code, "%s", wanted);
	return CB_OK;
}

/* No --district: the whole province, or the user's only district. */
static int default_office(const cfg *c, const char *user, access_scope *s, cb_error *err)
{
	char codes[256] = "";
	size_t used = 0;

	if (s->province)
		return CB_OK;
	if (s->count == 0 && !s->own_units)
		return refuse(c, user, NULL, err);
	if (s->count == 1 && !s->own_units) {
		for (size_t i = 0; i < c->district_count; i++)
			if (s->covers[i])
				s->office = &c->districts[i];
		snprintf(s->unit_code, sizeof s->unit_code, "%s", s->office->code);
		return CB_OK;
	}
	for (size_t i = 0; i < c->district_count && used + CFG_CODE_MAX + 2 < sizeof codes; i++)
		if (s->covers[i])
			used += (size_t)snprintf(codes + used, sizeof codes - used, "%s%s",
						 used ? ", " : "", c->districts[i].code);
	return cb_error_set(err, CB_EACCESS,
			    _("User %s may read only part of the province (districts %s): "
			      "choose one with --district"),
			    user, used ? codes : "-");
}

int access_scope_resolve(const cfg *c, const char *user, const char *wanted,
			 access_scope *out, cb_error *err)
{
	int rc;

	memset(out, 0, sizeof *out);
	out->covers = calloc(c->district_count ? c->district_count : 1, sizeof *out->covers);
	if (!out->covers)
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	for (size_t i = 0; i < c->district_count; i++) {
		out->covers[i] = config_user_may(c, &c->districts[i], user, CFG_RIGHT_READ);
		out->count += out->covers[i];
	}
	out->own_units = config_user_may(c, NULL, user, CFG_RIGHT_READ);
	out->province = out->own_units && out->count == c->district_count;
	rc = wanted && *wanted ? narrow(c, user, wanted, out, err)
			       : default_office(c, user, out, err);
	if (rc)
		access_scope_free(out);
	return rc;
}
