/* config_manif.c - the catalogue of the manifestations of degradation.
 *
 * The catalogue is data, kept in an INI file the office maintains:
 * [group.1] .. [group.3] with a title, and [item.G.N] with a code (what
 * is stored with each self-check, so it must not change once used) and
 * the text. An empty text is allowed: the official wording is filled in by
 * the office, and callers show a placeholder until then.
 */
#include "config_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

#define MANIF_ITEM_MAX 99 /* items per group that a file may number */

static const char *const group_keys[] = {"title", NULL};
static const char *const item_keys[] = {"code", "text", NULL};

/* "group.G" -> G, "item.G.N" -> G and N (N from 1 to 99, no leading
 * zero); 0 when the name is neither. */
static int manif_section(const char *name, int *group, int *item)
{
	*item = 0;
	if (strncmp(name, "group.", 6) == 0 && name[6] >= '1' && name[6] < '1' + CFG_MANIF_GROUPS &&
	    !name[7]) {
		*group = name[6] - '0';
		return 1;
	}
	if (strncmp(name, "item.", 5) == 0 && name[5] >= '1' && name[5] < '1' + CFG_MANIF_GROUPS &&
	    name[6] == '.' && name[7] >= '1' && name[7] <= '9' &&
	    (!name[8] || (isdigit((unsigned char)name[8]) && !name[9]))) {
		*group = name[5] - '0';
		*item = atoi(name + 7);
		return 1;
	}
	return 0;
}

static int manif_check_schema(const ini_file *f, cb_error *err)
{
	int g, n;

	for (size_t i = 0; i < f->section_count; i++)
		if (!manif_section(f->sections[i].name, &g, &n))
			return cb_error_set(err, CB_ECONFIG,
					    _("%s:%d: unknown section [%s] (expected one of: %s)"),
					    f->path, f->sections[i].line, f->sections[i].name,
					    "group.1, group.2, group.3, item.1.1 .. item.3.99");
	for (size_t i = 0; i < f->entry_count; i++) {
		const ini_entry *e = &f->entries[i];
		const char *const *keys;
		manif_section(e->section, &g, &n);
		keys = n ? item_keys : group_keys;
		if (strcmp(e->key, keys[0]) && (!keys[1] || strcmp(e->key, keys[1])))
			return ini_unknown_key(f, e, n ? "code, text" : "title", err);
	}
	return CB_OK;
}

static int manif_titles(const ini_file *f, char titles[CFG_MANIF_GROUPS][CFG_MANIF_TITLE_MAX],
			cb_error *err)
{
	char section[16];

	for (int g = 1; g <= CFG_MANIF_GROUPS; g++) {
		snprintf(section, sizeof section, "group.%d", g);
		titles[g - 1][0] = '\0';
		if (ini_require(f, section, "title", _("the title of the group"), err) ||
		    ini_text(f, section, "title", titles[g - 1], CFG_MANIF_TITLE_MAX, err))
			return CB_ECONFIG;
	}
	return CB_OK;
}

static bool manif_code_ok(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!ini_ascii_alnum((unsigned char)*s) && *s != '.')
			return false;
	return true;
}

/* One [item.G.N] into m; its code must be unique among items[0..n). */
static int manif_item(const ini_file *f, const ini_section *s, int group, manifestation *m,
		      const manifestation *items, size_t n, cb_error *err)
{
	const ini_entry *code_e = ini_find(f, s->name, "code");

	memset(m, 0, sizeof *m);
	m->group = group;
	if (ini_require(f, s->name, "code", _("the code stored with each self-check, e.g. 1.1"),
			err) ||
	    ini_entry_text(f, code_e, m->code, sizeof m->code, err) ||
	    ini_text(f, s->name, "text", m->text, sizeof m->text, err))
		return CB_ECONFIG;
	if (!manif_code_ok(m->code))
		return ini_bad_value(f, code_e, _("letters, digits and dots, e.g. 1.1"), err);
	for (size_t i = 0; i < n; i++)
		if (strcmp(items[i].code, m->code) == 0)
			return cb_error_set(
				err, CB_ECONFIG,
				_("%s:%d: %s:code = %s is already used by another item"), f->path,
				code_e->line, s->name, m->code);
	return CB_OK;
}

/* Items in order of group, then number: each [item.G.N] is put in its
 * place in one pass over the sections. */
static int manif_items(const ini_file *f, manifestation **out, size_t *count, cb_error *err)
{
	const ini_section *at[CFG_MANIF_GROUPS][MANIF_ITEM_MAX + 1] = {{NULL}};
	manifestation *items = calloc(f->section_count + 1, sizeof *items);
	size_t n = 0;
	int g, k;

	if (!items)
		return cb_error_set(err, CB_ECONFIG, _("out of memory"));
	for (size_t i = 0; i < f->section_count; i++)
		if (manif_section(f->sections[i].name, &g, &k) && k > 0 && k <= MANIF_ITEM_MAX)
			at[g - 1][k] = &f->sections[i];
	for (g = 1; g <= CFG_MANIF_GROUPS; g++)
		for (k = 1; k <= MANIF_ITEM_MAX; k++) {
			const ini_section *s = at[g - 1][k];
			if (s && manif_item(f, s, g, &items[n], items, n, err)) {
				free(items);
				return CB_ECONFIG;
			}
			n += s != NULL;
		}
	*out = items;
	*count = n;
	return CB_OK;
}

int config_manifestations_load(const cfg *c, manifestation **out, size_t *n,
			       char group_titles[CFG_MANIF_GROUPS][CFG_MANIF_TITLE_MAX],
			       cb_error *err)
{
	ini_file f;
	int rc;

	*out = NULL;
	*n = 0;
	if (!c)
		return cb_error_set(err, CB_ECONFIG, _("no configuration loaded"));
	rc = ini_open(&f, c->manifestations, err);
	if (rc)
		return rc;
	rc = manif_check_schema(&f, err);
	if (!rc)
		rc = manif_titles(&f, group_titles, err);
	if (!rc)
		rc = manif_items(&f, out, n, err);
	ini_close(&f);
	return rc;
}
