/* config_people.c - [people] of canbo.ini: the official's name behind a
 * Unix login, so that a progress note or a verification made in canbo
 * says who made it as a document would ("Nguyễn Văn Bình"), not "nvbinh".
 * The audit trail keeps the login either way.
 *
 *   [people]
 *   nvbinh = Nguyễn Văn Bình
 *   ttlan  = Trần Thị Lan, Phó Trưởng ban
 *
 * A login is matched as written: Unix logins are case-sensitive, unlike
 * the other keys of canbo.ini.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_internal.h"
#include "i18n.h"
#include "text.h"

int config_people_read(cfg *c, const ini_file *f, cb_error *err)
{
	const ini_section *sec = ini_find_section(f, "people");
	size_t n = 0;

	if (!sec)
		return CB_OK;
	for (size_t i = 0; i < f->entry_count; i++)
		n += strcmp(f->entries[i].section, "people") == 0;
	if (!n)
		return CB_OK;
	if (!(c->people = calloc(n, sizeof *c->people)))
		return cb_error_set(err, CB_ECONFIG, "%s", _("Out of memory"));
	for (size_t i = 0; i < f->entry_count; i++) {
		const ini_entry *e = &f->entries[i];
		cfg_person *p = &c->people[c->people_count];
		char *norm = NULL;
		cb_error e2 = {0};

		if (strcmp(e->section, "people") != 0)
			continue;
		if (strlen(e->key_written) >= sizeof p->login)
			return ini_bad_value(f, e, _("a Unix login"), err);
		if (ini_entry_text(f, e, p->name, sizeof p->name, err))
			return CB_ECONFIG;
		if (!p->name[0] ||
		    text_normalize(p->name, strlen(p->name), false, &norm, &e2) != CB_OK) {
			free(norm);
			return ini_bad_value(f, e, _("the official's name"), err);
		}
		snprintf(p->name, sizeof p->name, "%s", norm);
		free(norm);
		snprintf(p->login, sizeof p->login, "%s", e->key_written);
		c->people_count++;
	}
	return CB_OK;
}

const char *config_person_name(const cfg *c, const char *login)
{
	for (size_t i = 0; c && login && i < c->people_count; i++)
		if (strcmp(c->people[i].login, login) == 0)
			return c->people[i].name;
	return login;
}
