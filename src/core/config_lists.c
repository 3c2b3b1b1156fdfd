/* config_lists.c - lists.ini: the coded lists a cadre's record chooses
 * from (ethnic groups, religions, academic titles, general education,
 * state management, foreign language, IT), each in a section of its own
 * that replaces the built-in list (model_lists.c):
 *
 *   [ethnicity]
 *   01 = Kinh
 *   02 = Tày
 *
 * The key is the code (what CSV and JSON write) and its number what the
 * database stores, so a code must keep its meaning once used. A section
 * left out keeps the built-in list; no file keeps them all.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config_internal.h"
#include "i18n.h"
#include "model.h"
#include "text.h"

#define LISTS (ENUM_COUNT - ENUM_FIRST_LIST)

struct cfg_lists {
	int n[LISTS]; /* 0: not in the file */
	model_choice items[LISTS][MODEL_LIST_MAX];
	char text[LISTS][MODEL_LIST_MAX][2][MODEL_LABEL_MAX];
};

/* The list a section names, or -1. */
static int list_of(const char *section)
{
	for (int e = ENUM_FIRST_LIST; e < ENUM_COUNT; e++)
		if (strcmp(model_list_section(e), section) == 0)
			return e - ENUM_FIRST_LIST;
	return -1;
}

static int sections_check(const ini_file *f, cb_error *err)
{
	for (size_t i = 0; i < f->section_count; i++)
		if (list_of(f->sections[i].name) < 0)
			return cb_error_set(
				err, CB_ECONFIG,
				_("%s:%d: unknown section [%s] (expected ethnicity, religion, "
				  "academic_title, general_education, state_management, "
				  "foreign_language, it_level)"),
				f->path, f->sections[i].line, f->sections[i].name);
	return CB_OK;
}

static int entry_read(struct cfg_lists *l, const ini_file *f, const ini_entry *e, cb_error *err)
{
	int k = list_of(e->section), n = l->n[k], value;
	char label[MODEL_LABEL_MAX], *norm = NULL;
	cb_error e2 = {0};
	size_t klen = strlen(e->key);

	if (!klen || klen > 3 || !ini_is_digits(e->key, klen) || (value = atoi(e->key)) < 1)
		return ini_bad_value(f, e, _("a code of 1 to 3 digits (not 0) as the key"), err);
	if (n >= MODEL_LIST_MAX)
		return ini_bad_value(f, e, _("at most 60 lines in a list"), err);
	if (ini_entry_text(f, e, label, sizeof label, err))
		return CB_ECONFIG;
	if (!*label || text_normalize(label, strlen(label), false, &norm, &e2) != CB_OK ||
	    strlen(norm) >= MODEL_LABEL_MAX) {
		free(norm);
		return ini_bad_value(f, e, _("the name of the choice"), err);
	}
	for (int j = 0; j < n; j++)
		if (l->items[k][j].value == value || strcmp(l->text[k][j][1], norm) == 0) {
			free(norm);
			return ini_bad_value(f, e, _("a code and a name of their own"), err);
		}
	/* both fit: the key has 1 to 3 digits, the name was measured above */
	memcpy(l->text[k][n][0], e->key, klen + 1);
	memcpy(l->text[k][n][1], norm, strlen(norm) + 1);
	free(norm);
	l->items[k][n] = (model_choice){value, l->text[k][n][0], l->text[k][n][1]};
	l->n[k]++;
	return CB_OK;
}

int config_lists_read(cfg *c, cb_error *err)
{
	char path[PATH_MAX];
	ini_file f;
	int rc;

	if (config_resolve(c, "lists.ini", path, sizeof path) || access(path, F_OK) != 0)
		return CB_OK;
	if ((rc = ini_open(&f, path, err)))
		return rc;
	if (!(c->lists = calloc(1, sizeof *c->lists)))
		rc = cb_error_set(err, CB_ECONFIG, _("out of memory"));
	if (!rc)
		rc = sections_check(&f, err);
	for (size_t i = 0; !rc && i < f.entry_count; i++)
		rc = entry_read(c->lists, &f, &f.entries[i], err);
	ini_close(&f);
	return rc;
}

void config_lists_free(cfg *c)
{
	free(c->lists);
	c->lists = NULL;
}

void config_apply_lists(const cfg *c)
{
	for (int e = ENUM_FIRST_LIST; e < ENUM_COUNT; e++) {
		int k = e - ENUM_FIRST_LIST;
		model_list_reset(e);
		if (c && c->lists && c->lists->n[k] > 0)
			model_list_set(e, c->lists->items[k], c->lists->n[k]);
	}
}
