/* config_scope.c - [scope]: which units and party organisations a user is
 * held to (canbo.ini(5), SCOPE).
 *
 *   [scope]
 *   27727 = @xa-hung-dien, nguyenvana     ; a commune (its GSO code)
 *   794 = lethic                          ; a district and its communes
 *   org.12 = @dang-uy-khoi                ; an organisation and those under it
 *
 * A user named in any entry is held to the union of the entries naming
 * them; a user named in none keeps what the [access] lists give. The read
 * right still comes from [access]: [scope] narrows, never grants.
 */
#include "config_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

void config_scope_free(cfg *c)
{
	for (size_t i = 0; i < c->scope_count; i++)
		config_acl_free(&c->scopes[i].who);
	free(c->scopes);
	c->scopes = NULL;
	c->scope_count = 0;
}

/* "org.<id>": the organisation's id, else 0. */
static long long org_key(const char *key)
{
	char *end;
	long long id;

	if (strncmp(key, "org.", 4) != 0 || !ini_is_digits(key + 4, strlen(key + 4)))
		return 0;
	id = strtoll(key + 4, &end, 10);
	return *end ? 0 : id;
}

int config_scope_read(cfg *c, const ini_file *f, cb_error *err)
{
	for (size_t i = 0; i < f->entry_count; i++) {
		const ini_entry *e = &f->entries[i];
		cfg_scope *sc;
		long long org;

		if (strcmp(e->section, "scope") != 0)
			continue;
		org = org_key(e->key);
		if (!org &&
		    (!ini_is_digits(e->key, strlen(e->key)) || strlen(e->key) >= CFG_CODE_MAX))
			return cb_error_set(
				err, CB_ECONFIG,
				_("%s:%d: [scope] key %s is neither a unit code nor org.<number>"),
				f->path, e->line, e->key);
		if (!(sc = config_grow((void **)&c->scopes, &c->scope_count, sizeof *sc)))
			return cb_error_set(err, CB_ECONFIG, _("out of memory"));
		sc->unit = -1;
		sc->org = org;
		sc->line = e->line;
		if (!org)
			snprintf(sc->code, sizeof sc->code, "%s", e->key);
		if (config_acl_parse_entry(f, e, &sc->who, err))
			return CB_ECONFIG;
	}
	return CB_OK;
}

int config_scope_check(cfg *c, cb_error *err)
{
	for (size_t i = 0; i < c->scope_count; i++) {
		cfg_scope *sc = &c->scopes[i];
		if (sc->org)
			continue;
		if ((sc->unit = config_unit_index(c, sc->code)) < 0)
			return cb_error_set(err, CB_ECONFIG,
					    _("%s:%d: [scope] names unit %s, which is not in the "
					      "configuration"),
					    c->path, sc->line, sc->code);
	}
	return CB_OK;
}

static bool below(const cfg *c, int u, int ancestor)
{
	for (; u >= 0; u = c->units[u].parent)
		if (u == ancestor)
			return true;
	return false;
}

bool config_user_scope(const cfg *c, const char *user, bool *units, long long **orgs,
		       size_t *org_count)
{
	bool named = false;

	if (units)
		memset(units, 0, c->unit_count * sizeof *units);
	if (orgs)
		*orgs = NULL;
	if (org_count)
		*org_count = 0;
	if (!user || !*user)
		return false;
	for (size_t i = 0; i < c->scope_count; i++) {
		const cfg_scope *sc = &c->scopes[i];
		if (!config_acl_has(&sc->who, user))
			continue;
		named = true;
		if (sc->unit >= 0 && units) {
			for (size_t u = 0; u < c->unit_count; u++)
				units[u] = units[u] || below(c, (int)u, sc->unit);
		} else if (sc->unit < 0 && orgs && org_count) {
			long long *v = realloc(*orgs, (*org_count + 1) * sizeof *v);
			if (!v)
				continue; /* out of memory: the scope only shrinks */
			*orgs = v;
			v[(*org_count)++] = sc->org;
		}
	}
	return named;
}
