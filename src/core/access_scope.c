/* access_scope.c - a user's districts, communes and organisations, and the
 * part of them a session works in (include/access.h). Pure configuration:
 * no database, no curses. */
#include "access.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"

void access_scope_free(access_scope *s)
{
	if (!s)
		return;
	free(s->covers);
	free(s->units);
	free(s->readable);
	free(s->orgs);
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

bool access_scope_has_unit(const access_scope *s, int unit)
{
	return s->province || (s->units && unit >= 0 && s->units[unit]);
}

static int refuse(const cfg *c, const char *user, const cfg_district *d, bool limited,
		  cb_error *err)
{
	if (limited)
		return cb_error_set(err, CB_EACCESS,
				    _("User %s may not read the data of %s (see [scope] in %s)"),
				    user, d ? c->units[d->unit].name : c->units[0].name, c->path);
	return cb_error_set(err, CB_EACCESS,
			    _("User %s may not read the data of %s (see [access] in %s)"), user,
			    d ? c->units[d->unit].name : c->units[0].name, d ? d->path : c->path);
}

static bool below(const cfg *c, int u, int ancestor)
{
	for (; u >= 0; u = c->units[u].parent)
		if (u == ancestor)
			return true;
	return false;
}

static int district_index(const cfg *c, const cfg_district *d)
{
	return d ? (int)(d - c->districts) : -1;
}

/* covers, count and own_units from the units in the scope. */
static void count_districts(const cfg *c, access_scope *s)
{
	memset(s->covers, 0, (c->district_count ? c->district_count : 1) * sizeof *s->covers);
	s->own_units = false;
	s->count = 0;
	for (size_t u = 0; u < c->unit_count; u++) {
		int d;
		if (!s->units[u] && !(s->org_count && s->readable[u]))
			continue;
		if ((d = district_index(c, config_unit_district(c, (int)u))) < 0)
			s->own_units = true;
		else if (!s->covers[d]) {
			s->covers[d] = true;
			s->count++;
		}
	}
}

static bool any(const cfg *c, const bool *v)
{
	for (size_t u = 0; u < c->unit_count; u++)
		if (v[u])
			return true;
	return false;
}

/* wanted names a district file or another unit: the scope is cut to the
 * part below it, which must not be empty. */
static int narrow(const cfg *c, const char *user, const char *wanted, access_scope *s,
		  cb_error *err)
{
	int unit = config_unit_index(c, wanted);
	const cfg_district *d;

	if (unit < 0)
		return cb_error_set(err, CB_EUSAGE, _("No district or unit with code %s in %s"),
				    wanted, c->path);
	d = config_unit_district(c, unit);
	/* the province itself is the whole province */
	if (unit == 0 && !s->province)
		return refuse(c, user, NULL, s->limited, err);
	for (size_t u = 0; u < c->unit_count; u++) {
		bool in = below(c, (int)u, unit);
		s->units[u] = s->units[u] && in;
		s->readable[u] = s->readable[u] && in;
	}
	if (!any(c, s->units) && !(s->org_count && any(c, s->readable)))
		return refuse(c, user, d, s->limited, err);
	s->province = s->province && unit == 0;
	s->office = d;
	snprintf(s->unit_code, sizeof s->unit_code, "%s", wanted);
	count_districts(c, s);
	return CB_OK;
}

/* No --district: the whole scope. When it is one unit and everything
 * below it, the session works in that unit (a district's office, a
 * commune's); its district, if it has one and is the only one, gives the
 * database and the language. */
static int default_office(const cfg *c, const char *user, access_scope *s, cb_error *err)
{
	int top = -1;
	bool one = s->org_count == 0;

	if (s->province)
		return CB_OK;
	if (!any(c, s->units) && !(s->org_count && any(c, s->readable)))
		return refuse(c, user, NULL, s->limited, err);
	for (size_t u = 0; u < c->unit_count && one; u++) {
		if (!s->units[u])
			continue;
		if (top < 0)
			top = (int)u;
		else if (!below(c, (int)u, top))
			one = false;
	}
	for (size_t u = 0; u < c->unit_count && one && top >= 0; u++)
		if (below(c, (int)u, top) && !s->units[u])
			one = false;
	if (one && top >= 0) {
		snprintf(s->unit_code, sizeof s->unit_code, "%s", c->units[top].code);
		s->office = config_unit_district(c, top);
	} else if (s->count == 1 && !s->own_units) {
		for (size_t i = 0; i < c->district_count; i++)
			if (s->covers[i])
				s->office = &c->districts[i];
	}
	return CB_OK;
}

/* Which units the [access] read lists open to user. */
static void readable_units(const cfg *c, const char *user, access_scope *s)
{
	for (size_t i = 0; i < c->district_count; i++)
		s->covers[i] = config_user_may(c, &c->districts[i], user, CFG_RIGHT_READ);
	s->own_units = config_user_may(c, NULL, user, CFG_RIGHT_READ);
	for (size_t u = 0; u < c->unit_count; u++) {
		int d = district_index(c, config_unit_district(c, (int)u));
		s->readable[u] = d < 0 ? s->own_units : s->covers[d];
	}
}

int access_scope_resolve(const cfg *c, const char *user, const char *wanted, access_scope *out,
			 cb_error *err)
{
	size_t n = c->unit_count ? c->unit_count : 1;
	int rc;

	memset(out, 0, sizeof *out);
	out->covers = calloc(c->district_count ? c->district_count : 1, sizeof *out->covers);
	out->units = calloc(n, sizeof *out->units);
	out->readable = calloc(n, sizeof *out->readable);
	if (!out->covers || !out->units || !out->readable) {
		access_scope_free(out);
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	}
	readable_units(c, user, out);
	out->limited = config_user_scope(c, user, out->units, &out->orgs, &out->org_count);
	for (size_t u = 0; u < c->unit_count; u++)
		out->units[u] = out->readable[u] && (out->units[u] || !out->limited);
	count_districts(c, out);
	out->province = !out->limited && out->own_units && out->count == c->district_count;
	rc = wanted && *wanted ? narrow(c, user, wanted, out, err)
			       : default_office(c, user, out, err);
	if (rc)
		access_scope_free(out);
	return rc;
}
