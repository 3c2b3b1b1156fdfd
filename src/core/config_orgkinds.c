/* config_orgkinds.c - [org_kinds] of canbo.ini: kinds of party
 * organisation an office has beyond the built-in list (model.h's
 * ORGKIND_LIST, which holds the structures before and after the 2025
 * reform), each with a number that is what the database stores - so it
 * must never be reused for another kind - a code for the command line
 * and files, and the label as the office writes it:
 *
 *   [org_kinds]
 *   101 = dang-uy-khoi, Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_internal.h"
#include "i18n.h"
#include "model.h"
#include "text.h"

/* Whether a code is one of the built-in kinds' (the configured ones are
 * checked against each other below). */
static bool builtin_code(const char *code)
{
#define X(v, c, l) c,
	static const char *const codes[] = {ORGKIND_LIST(X)};
#undef X
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
		if (strcmp(codes[i], code) == 0)
			return true;
	return false;
}

static bool code_ok(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '-')
			return false;
	return true;
}

int config_orgkinds_read(cfg *c, const ini_file *f, cb_error *err)
{
	size_t n = 0;

	for (size_t i = 0; i < f->entry_count; i++)
		n += strcmp(f->entries[i].section, "org_kinds") == 0;
	if (!n)
		return CB_OK;
	if (!(c->org_kinds = calloc(n, sizeof *c->org_kinds)))
		return cb_error_set(err, CB_ECONFIG, "%s", _("Out of memory"));
	for (size_t i = 0; i < f->entry_count; i++) {
		const ini_entry *e = &f->entries[i];
		cfg_orgkind *k = &c->org_kinds[c->org_kind_count];
		char value[256], *comma, *label, *norm = NULL;
		cb_error e2 = {0};

		if (strcmp(e->section, "org_kinds") != 0)
			continue;
		if (!ini_is_digits(e->key, strlen(e->key)) || atoi(e->key) < 100 ||
		    atoi(e->key) > 999)
			return ini_bad_value(f, e, _("a number from 100 to 999 as the key"), err);
		if (ini_entry_text(f, e, value, sizeof value, err))
			return CB_ECONFIG;
		if (!(comma = strchr(value, ',')))
			return ini_bad_value(f, e, _("a code, a comma and the kind's name"), err);
		*comma = '\0';
		for (label = comma + 1; *label == ' '; label++)
			;
		for (char *t = comma; t > value && t[-1] == ' ';)
			*--t = '\0';
		if (!code_ok(value) || strlen(value) >= sizeof k->code || builtin_code(value))
			return ini_bad_value(
				f, e, _("a new code of lower-case letters, digits and '-'"), err);
		if (!*label || text_normalize(label, strlen(label), false, &norm, &e2) != CB_OK ||
		    strlen(norm) >= sizeof k->label) {
			free(norm);
			return ini_bad_value(f, e, _("a code, a comma and the kind's name"), err);
		}
		k->value = atoi(e->key);
		snprintf(k->code, sizeof k->code, "%s", value);
		snprintf(k->label, sizeof k->label, "%s", norm);
		free(norm);
		for (size_t j = 0; j < c->org_kind_count; j++)
			if (c->org_kinds[j].value == k->value ||
			    !strcmp(c->org_kinds[j].code, k->code))
				return ini_bad_value(f, e, _("a number and a code of their own"),
						     err);
		c->org_kind_count++;
	}
	return CB_OK;
}

void config_apply_org_kinds(const cfg *c)
{
	model_reset_org_kinds();
	for (size_t i = 0; c && i < c->org_kind_count; i++)
		model_add_org_kind(c->org_kinds[i].value, c->org_kinds[i].code,
				   c->org_kinds[i].label);
}
