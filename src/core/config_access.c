/* config_access.c - [access] lists and who holds which right.
 *
 * A list is "name, @group, ..." of Unix user and group names. Rights nest:
 * an empty read list lets everyone read; an empty edit list lets whoever
 * may read edit; an empty verify list lets whoever may edit verify; and
 * whoever is listed for edit or verify may read. A district's non-empty
 * list replaces the province's for that district, but the people on the
 * province's list keep their right in every district (the provincial
 * organisation department oversees them all). Identity is the Unix user
 * the program runs as; groups are looked up in the system's databases.
 */
#include "config_internal.h"

#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "i18n.h"

#define ACL_NAME_MAX 32 /* Debian's limit on user and group names */

void config_acl_free(cfg_acl *acl)
{
	for (size_t i = 0; i < acl->count; i++)
		free(acl->names[i]);
	free(acl->names);
	acl->names = NULL;
	acl->count = 0;
}

static bool acl_name_ok(const char *s, size_t len)
{
	if (*s == '@') {
		s++;
		len--;
	}
	if (len == 0 || len > ACL_NAME_MAX || *s == '-')
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (!ini_ascii_alnum(ch) && ch != '_' && ch != '-' && ch != '.')
			return false;
	}
	return true;
}

static int acl_add(cfg_acl *acl, const char *s, size_t len)
{
	char **v = realloc(acl->names, (acl->count + 1) * sizeof *v);
	if (!v)
		return -1;
	acl->names = v;
	v[acl->count] = strndup(s, len);
	if (!v[acl->count])
		return -1;
	acl->count++;
	return 0;
}

/* access:<key> into acl (left empty when the key is absent or empty). */
int config_acl_parse(const ini_file *f, const char *key, cfg_acl *acl, cb_error *err)
{
	const ini_entry *e = ini_find(f, "access", key);

	return e ? config_acl_parse_entry(f, e, acl, err) : CB_OK;
}

/* One entry's value, "name, @group, ...", into acl. */
int config_acl_parse_entry(const ini_file *f, const ini_entry *e, cfg_acl *acl, cb_error *err)
{
	const char *p;

	for (p = e->value; *p;) {
		const char *start, *end;
		while (*p == ' ' || *p == '\t')
			p++;
		start = p;
		while (*p && *p != ',')
			p++;
		end = p;
		while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		if (!acl_name_ok(start, (size_t)(end - start)) || (*p == ',' && !p[1]))
			return ini_bad_value(
				f, e, _("Unix user names and @group names separated by commas"),
				err);
		if (acl_add(acl, start, (size_t)(end - start)))
			return cb_error_set(err, CB_ECONFIG, _("out of memory"));
		if (*p == ',')
			p++;
	}
	return CB_OK;
}

/* Whether user belongs to group (as primary or supplementary group). */
static bool user_in_group(const char *user, const char *group)
{
	struct group *gr = getgrnam(group);
	struct passwd *pw;
	gid_t gid, *groups;
	int n = 32;
	bool found = false;

	if (!gr)
		return false;
	gid = gr->gr_gid;
	pw = getpwnam(user);
	if (!pw)
		return false;
	for (int tries = 0; tries < 4 && !found; tries++) {
		int want = n;
		groups = malloc((size_t)n * sizeof *groups);
		if (!groups)
			return false;
		if (getgrouplist(user, pw->pw_gid, groups, &want) >= 0) {
			for (int i = 0; i < want; i++)
				found = found || groups[i] == gid;
			free(groups);
			return found;
		}
		free(groups);
		n = want > n ? want : n * 2;
	}
	return found;
}

bool config_acl_has(const cfg_acl *acl, const char *user)
{
	for (size_t i = 0; i < acl->count; i++) {
		const char *name = acl->names[i];
		if (name[0] == '@' ? user_in_group(user, name + 1) : strcmp(name, user) == 0)
			return true;
	}
	return false;
}

static const cfg_acl *acl_of(const cfg_acl *readers, const cfg_acl *editors,
			     const cfg_acl *verifiers, int right)
{
	return right == CFG_RIGHT_READ ? readers : right == CFG_RIGHT_EDIT ? editors : verifiers;
}

/* The list in force for (d, right): 0 = empty (nobody listed), 1 = user is
 * on it, -1 = user is not on it. */
static int acl_state(const cfg *c, const cfg_district *d, const char *user, int right)
{
	const cfg_acl *p = acl_of(&c->readers, &c->editors, &c->verifiers, right);
	const cfg_acl *own = d ? acl_of(&d->readers, &d->editors, &d->verifiers, right) : NULL;

	if (own && own->count)
		return config_acl_has(own, user) || config_acl_has(p, user) ? 1 : -1;
	if (!p->count)
		return 0;
	return config_acl_has(p, user) ? 1 : -1;
}

bool config_user_may(const cfg *c, const cfg_district *d, const char *user, int right)
{
	int state;

	if (!c || !user || !*user || right < CFG_RIGHT_READ || right > CFG_RIGHT_VERIFY)
		return false;
	state = acl_state(c, d, user, right);
	if (state == 1)
		return true;
	if (right == CFG_RIGHT_READ)
		return state == 0 || acl_state(c, d, user, CFG_RIGHT_EDIT) == 1 ||
		       acl_state(c, d, user, CFG_RIGHT_VERIFY) == 1;
	return state == 0 && config_user_may(c, d, user, right - 1);
}
