/* unit_map.c - the map of a reform: which new unit takes the records of
 * each old one, read from a CSV file "old code,new code[,...]".
 */
#include "units.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

void unit_map_free(unit_map *m)
{
	if (!m)
		return;
	free(m->e);
	m->e = NULL;
	m->n = 0;
}

/* Trims spaces and a pair of double quotes around a cell, in place. */
static char *cell(char *s)
{
	size_t n;
	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
		s[n - 1] = '\0';
		s++;
	}
	return s;
}

static bool is_code(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n >= sizeof((unit_map_entry *)0)->from)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* One line: "old,new" and perhaps more columns for the reader. */
static int map_line(char *line, const char *path, int lineno, unit_map *m, cb_error *err)
{
	char *sep = strpbrk(line, ",;"), *old, *to, *end;
	unit_map_entry *grown;

	if (!sep)
		goto bad;
	*sep = '\0';
	if ((end = strpbrk(sep + 1, ",;")))
		*end = '\0';
	old = cell(line);
	to = cell(sep + 1);
	if (!is_code(old) || !is_code(to))
		goto bad;
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->e[i].from, old) == 0)
			return cb_error_set(err, CB_EINVALID,
					    _("%s:%d: unit %s is mapped twice (first on line %d)"),
					    path, lineno, old, m->e[i].line);
	if (!(grown = realloc(m->e, (m->n + 1) * sizeof *m->e)))
		return cb_error_oom(err);
	m->e = grown;
	snprintf(grown[m->n].from, sizeof grown[m->n].from, "%s", old);
	snprintf(grown[m->n].to, sizeof grown[m->n].to, "%s", to);
	grown[m->n].line = lineno;
	m->n++;
	return CB_OK;
bad:
	return cb_error_set(err, CB_EINVALID,
			    _("%s:%d: a line of the map is \"old unit code,new unit code\""), path,
			    lineno);
}

int unit_map_parse(const char *text, const char *path, unit_map *m, cb_error *err)
{
	const char *p = text;
	int lineno = 0, rc = CB_OK;
	bool header = false;

	memset(m, 0, sizeof *m);
	if (strncmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3; /* a spreadsheet's byte order mark */
	while (*p && !rc) {
		size_t len = strcspn(p, "\n");
		char line[512];
		lineno++;
		if (len >= sizeof line) {
			rc = cb_error_set(err, CB_EINVALID, _("%s:%d: line too long"), path,
					  lineno);
			break;
		}
		memcpy(line, p, len);
		line[len] = '\0';
		p += len + (p[len] == '\n');
		line[strcspn(line, "\r")] = '\0';
		char *t = cell(line);
		if (!*t || *t == '#')
			continue;
		/* a first line that does not start with a code is a header */
		if (m->n == 0 && !header && (*t < '0' || *t > '9')) {
			header = true;
			continue;
		}
		rc = map_line(line, path, lineno, m, err);
	}
	if (rc)
		unit_map_free(m);
	return rc;
}

int unit_map_read(const char *path, unit_map *m, cb_error *err)
{
	FILE *f = fopen(path, "rb");
	char *text = NULL;
	size_t len = 0, cap = 0;
	int rc;

	memset(m, 0, sizeof *m);
	if (!f)
		return cb_error_set(err, CB_EINVALID, _("Cannot read %s: %s"), path,
				    strerror(errno));
	for (;;) {
		if (cap - len < 4096) {
			char *grown = realloc(text, cap + 65536);
			if (!grown) {
				free(text);
				fclose(f);
				return cb_error_oom(err);
			}
			text = grown;
			cap += 65536;
		}
		size_t got = fread(text + len, 1, cap - len - 1, f);
		len += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		free(text);
		fclose(f);
		return cb_error_set(err, CB_EINVALID, _("Cannot read %s: %s"), path,
				    strerror(errno));
	}
	fclose(f);
	text[len] = '\0';
	rc = unit_map_parse(text, path, m, err);
	free(text);
	return rc;
}
