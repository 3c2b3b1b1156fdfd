/* csv_read.c - a CSV reader over text held in memory (csv_read.h).
 *
 * RFC 4180 with the leniency spreadsheets need: the separator may be ';'
 * (Vietnamese Excel) or a tab; lines end in CRLF, LF or a lone CR (a line
 * end inside a quoted field is read as LF, whichever it was); text
 * after a closing quote is kept rather than refused ("a"b reads as ab:
 * Excel never writes it, and whoever typed it meant ab). A
 * quote left open at the end of the text is an error that names the line
 * it opened on, because everything after it would otherwise be swallowed
 * into one field. Fields are copied into one growing buffer, so a record
 * costs no allocation once the buffer is big enough.
 */
#include "csv_read.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

char csv_detect(const char *text, size_t len, size_t *skip)
{
	size_t commas = 0, semis = 0, tabs = 0;
	bool quoted = false;

	*skip = 0;
	if (len >= 5 && memcmp(text, "sep=", 4) == 0 &&
	    (len == 5 || text[5] == '\n' || text[5] == '\r')) {
		*skip = 5;
		if (len > 5 && text[5] == '\r')
			(*skip)++;
		if (len > *skip && text[*skip] == '\n')
			(*skip)++;
		return text[4];
	}
	for (size_t i = 0; i < len; i++) {
		char ch = text[i];
		if (ch == '"')
			quoted = !quoted;
		else if (!quoted && (ch == '\n' || ch == '\r'))
			break;
		else if (!quoted && ch == ',')
			commas++;
		else if (!quoted && ch == ';')
			semis++;
		else if (!quoted && ch == '\t')
			tabs++;
	}
	if (semis > commas && semis >= tabs)
		return ';';
	if (tabs > commas && tabs > semis)
		return '\t';
	return ',';
}

void csv_init(csv_reader *r, const char *text, size_t len, char sep, size_t first_line)
{
	memset(r, 0, sizeof *r);
	r->p = text;
	r->end = text + len;
	r->sep = sep;
	r->next_line = first_line;
}

static int oom(cb_error *err)
{
	return cb_error_set(err, CB_EDB, "%s", _("Out of memory"));
}

static int put(csv_reader *r, char ch, cb_error *err)
{
	if (r->len + 1 >= r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 256;
		char *bigger = realloc(r->buf, cap);
		if (!bigger)
			return oom(err);
		r->buf = bigger;
		r->cap = cap;
	}
	r->buf[r->len++] = ch;
	return CB_OK;
}

/* Ends the field being built and starts the next one. */
static int end_field(csv_reader *r, cb_error *err)
{
	int rc = put(r, '\0', err);
	if (rc)
		return rc;
	if (r->nfields + 1 >= r->fcap) {
		size_t cap = r->fcap ? 2 * r->fcap : 32;
		size_t *bigger = realloc(r->offs, cap * sizeof *bigger);
		if (!bigger)
			return oom(err);
		r->offs = bigger;
		r->fcap = cap;
	}
	r->offs[++r->nfields] = r->len;
	return CB_OK;
}

/* True at a line end; steps over it (CRLF as one) and counts the line. */
static bool eat_newline(csv_reader *r)
{
	if (*r->p == '\n' || *r->p == '\r') {
		if (*r->p == '\r' && r->p + 1 < r->end && r->p[1] == '\n')
			r->p++;
		r->p++;
		r->next_line++;
		return true;
	}
	return false;
}

/* The inside of a quoted field, from after its opening quote to after
 * its closing one. */
static int quoted_field(csv_reader *r, cb_error *err)
{
	size_t opened = r->next_line;
	int rc;

	while (r->p < r->end) {
		char ch = *r->p;
		if (ch == '"' && !(r->p + 1 < r->end && r->p[1] == '"')) {
			r->p++;
			return CB_OK;
		}
		if (ch == '"')
			r->p++; /* a doubled quote stands for one */
		if (ch == '\r' || ch == '\n') {
			/* any line end inside a field becomes one LF (what a
			 * note holds), counted as one line */
			if ((rc = put(r, '\n', err)))
				return rc;
			eat_newline(r);
			continue;
		}
		if ((rc = put(r, ch, err)))
			return rc;
		r->p++;
	}
	r->line = opened;
	return cb_error_set(err, CB_EINVALID, "%s",
			    _("A field opened with a quote (\") is never closed"));
}

int csv_next(csv_reader *r, cb_error *err)
{
	int rc;

	r->len = 0;
	r->nfields = 0;
	if (!r->offs) {
		if (!(r->offs = malloc(32 * sizeof *r->offs)))
			return oom(err);
		r->fcap = 32;
	}
	r->offs[0] = 0;
	if (r->p >= r->end)
		return 0;
	r->line = r->next_line;
	while (r->p < r->end) {
		if (*r->p == '"' && r->len == r->offs[r->nfields]) {
			r->p++;
			if ((rc = quoted_field(r, err)))
				return rc;
			continue;
		}
		if (*r->p == r->sep) {
			r->p++;
			if ((rc = end_field(r, err)))
				return rc;
			continue;
		}
		if (eat_newline(r))
			break;
		if ((rc = put(r, *r->p, err)))
			return rc;
		r->p++;
	}
	if ((rc = end_field(r, err)))
		return rc;
	return 1;
}

const char *csv_field(const csv_reader *r, size_t i)
{
	return i < r->nfields ? r->buf + r->offs[i] : "";
}

void csv_free(csv_reader *r)
{
	free(r->buf);
	free(r->offs);
	memset(r, 0, sizeof *r);
}
