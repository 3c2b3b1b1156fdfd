/* fields.c - reading, writing and looking up the fields of any record
 * kind through its table (fields.h). */
#include "fields.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "model.h"
#include "text.h"

#define MEMBER(rec, f)	 ((const char *)(rec) + (f)->offset)
#define MEMBER_W(rec, f) ((char *)(rec) + (f)->offset)

const field_def *field_by_name(const field_def *t, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(t[i].name, name) == 0)
			return &t[i];
	return NULL;
}

/* True when folded names one of the '|'-separated forms of list. */
static bool in_list(const char *list, const char *folded)
{
	size_t len = strlen(folded);
	for (const char *p = list; p && *p;) {
		size_t k = strcspn(p, "|");
		if (k == len && strncmp(p, folded, k) == 0)
			return true;
		p += k + (p[k] == '|');
	}
	return false;
}

static bool folds_to(const char *s, const char *folded)
{
	char f[256];
	return text_fold(s, f, sizeof f) < sizeof f && strcmp(f, folded) == 0;
}

const field_def *field_by_header(const field_def *t, size_t n, const char *folded)
{
	if (!folded[0])
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (folds_to(t[i].name, folded) || folds_to(t[i].label, folded) ||
		    in_list(t[i].aliases, folded))
			return &t[i];
	return NULL;
}

/* ---- values ----------------------------------------------------------- */

long long field_int(const field_def *f, const void *rec)
{
	if (f->derive)
		return f->derive(rec);
	switch (f->type) {
	case FIELD_BOOL: {
		bool b;
		memcpy(&b, MEMBER(rec, f), sizeof b);
		return b;
	}
	case FIELD_INT:
		if (f->size == sizeof(int64_t)) {
			int64_t v;
			memcpy(&v, MEMBER(rec, f), sizeof v);
			return v;
		} /* fall through */
	case FIELD_ENUM:
	case FIELD_LIST: {
		int v;
		memcpy(&v, MEMBER(rec, f), sizeof v);
		return v;
	}
	default:
		return 0;
	}
}

static void set_int(const field_def *f, void *rec, long long v)
{
	if (f->type == FIELD_BOOL) {
		bool b = v != 0;
		memcpy(MEMBER_W(rec, f), &b, sizeof b);
	} else if (f->size == sizeof(int64_t)) {
		int64_t w = v;
		memcpy(MEMBER_W(rec, f), &w, sizeof w);
	} else {
		int w = (int)v;
		memcpy(MEMBER_W(rec, f), &w, sizeof w);
	}
}

/* snprintf(buf, cap, "%s", s), without the cost of a format: every
 * audit entry formats some thirty fields */
static const char *copy_out(char *buf, size_t cap, const char *s)
{
	size_t len = s ? strlen(s) : 0;
	if (!cap)
		return buf;
	if (len >= cap)
		len = cap - 1;
	if (len)
		memcpy(buf, s, len);
	buf[len] = '\0';
	return buf;
}

const char *field_format(const field_def *f, const void *rec, int style, char *buf, size_t cap)
{
	bool human = style == FIELD_HUMAN;
	int nch = 0;
	const model_choice *ch = f->choices >= 0 ? model_choices(f->choices, &nch) : NULL;
	long long v;

	if (cap)
		buf[0] = '\0';
	switch (f->type) {
	case FIELD_TEXT:
		return MEMBER(rec, f);
	case FIELD_DATE:
		if (human && cap >= 11)
			return date_iso_to_vn(MEMBER(rec, f), buf);
		return MEMBER(rec, f);
	case FIELD_ENUM:
		v = field_int(f, rec);
		if (human && !choice_find(ch, nch, (int)v))
			return ""; /* not set (an optional enumeration at 0) */
		return copy_out(buf, cap,
				human ? choice_label(ch, nch, (int)v)
				      : choice_name(ch, nch, (int)v));
	case FIELD_BOOL:
		return copy_out(buf, cap,
				field_int(f, rec) ? (human ? _("Yes") : "yes")
						  : (human ? _("No") : "no"));
	case FIELD_INT:
		snprintf(buf, cap, "%lld", field_int(f, rec));
		return buf;
	case FIELD_LIST:
		choice_bits_format(ch, nch, (int)field_int(f, rec), human, "; ", buf, cap);
		return buf;
	}
	return buf;
}

/* A value given by its stable name or its English label. */
static bool enum_parse(const model_choice *ch, int n, const char *text, int *v)
{
	if (choice_value(ch, n, text, v))
		return true;
	for (int i = 0; i < n; i++)
		if (strcmp(ch[i].label, text) == 0) {
			*v = ch[i].value;
			return true;
		}
	return false;
}

static int bad_value(const field_def *f, const char *text, cb_error *err)
{
	return cb_error_set(err, CB_EINVALID, _("%s: \"%s\" is not a valid value"), _(f->label),
			    text);
}

int field_parse(const field_def *f, void *rec, const char *text, cb_error *err)
{
	int nch = 0, v;
	const model_choice *ch = f->choices >= 0 ? model_choices(f->choices, &nch) : NULL;
	cb_date d;
	char *end;

	if (f->flags & FIELD_DERIVED)
		return cb_error_set(err, CB_EINVALID, _("%s follows from the other fields"),
				    _(f->label));
	switch (f->type) {
	case FIELD_TEXT:
		/* a list's code stands for its label ("01" -> "Kinh") */
		if (ch && text[0] && choice_value(ch, nch, text, &v))
			text = choice_label(ch, nch, v);
		if (strlen(text) >= f->size)
			return cb_error_set(err, CB_EINVALID,
					    _("%s is too long (at most %d bytes)"), _(f->label),
					    (int)f->size - 1);
		memcpy(MEMBER_W(rec, f), text, strlen(text) + 1);
		return CB_OK;
	case FIELD_DATE:
		if (!text[0]) {
			MEMBER_W(rec, f)[0] = '\0';
			return CB_OK;
		}
		if (!date_parse(text, &d) || f->size < 11)
			return bad_value(f, text, err);
		date_format_iso(d, MEMBER_W(rec, f));
		return CB_OK;
	case FIELD_ENUM:
		if (!text[0])
			v = 0;
		else if (!enum_parse(ch, nch, text, &v))
			return bad_value(f, text, err);
		set_int(f, rec, v);
		return CB_OK;
	case FIELD_BOOL:
		if (!strcmp(text, "yes") || !strcmp(text, "true") || !strcmp(text, "1"))
			set_int(f, rec, 1);
		else if (!text[0] || !strcmp(text, "no") || !strcmp(text, "false") ||
			 !strcmp(text, "0"))
			set_int(f, rec, 0);
		else
			return bad_value(f, text, err);
		return CB_OK;
	case FIELD_INT: {
		errno = 0;
		long long n = strtoll(text, &end, 10);
		if (!text[0] || *end || errno)
			return bad_value(f, text, err);
		set_int(f, rec, n);
		return CB_OK;
	}
	case FIELD_LIST: /* names joined by "; " (what field_format writes) */
		if (!choice_bits_parse(ch, nch, text, &v))
			return bad_value(f, text, err);
		set_int(f, rec, v);
		return CB_OK;
	}
	return bad_value(f, text, err);
}

void field_json(json_buf *b, const field_def *f, const void *rec)
{
	char buf[512];
	int nch = 0;

	json_key(b, f->name);
	switch (f->type) {
	case FIELD_BOOL:
		json_raw(b, field_int(f, rec) ? "true" : "false");
		return;
	case FIELD_INT:
		json_raw(b, field_format(f, rec, FIELD_CODE, buf, sizeof buf));
		return;
	case FIELD_LIST: {
		const model_choice *ch = model_choices(f->choices, &nch);
		int bits = (int)field_int(f, rec);
		json_raw(b, "[");
		for (int i = 0; i < nch; i++)
			if (bits & ch[i].value) {
				json_next(b);
				json_string(b, ch[i].name);
			}
		json_raw(b, "]");
		return;
	}
	default:
		json_string(b, field_format(f, rec, FIELD_CODE, buf, sizeof buf));
	}
}

void fields_json(json_buf *b, const field_def *t, size_t n, const void *rec)
{
	for (size_t i = 0; i < n; i++)
		field_json(b, &t[i], rec);
}

const char *field_human_of_json(const field_def *f, const char *json, char *buf, size_t cap)
{
	char code[JSON_VAL_MAX];
	size_t k = 0;
	void *rec;
	const char *out = NULL;

	if (f->type == FIELD_ENUM) { /* derived ones too: by the value's name */
		int v, nch;
		const model_choice *ch = model_choices(f->choices, &nch);
		if (!choice_value(ch, nch, json, &v)) {
			char *end;
			long n = strtol(json, &end, 10); /* rows written before names */
			if (!json[0] || *end)
				return NULL;
			v = (int)n;
		}
		snprintf(buf, cap, "%s", model_label(f->choices, v));
		return buf;
	}
	/* a set's array as names separated by spaces */
	for (const char *p = json; *p && k + 1 < sizeof code; p++)
		code[k++] = f->type == FIELD_LIST && strchr("[]\",", *p) ? ' ' : *p;
	code[k] = '\0';
	if (f->flags & FIELD_DERIVED)
		return snprintf(buf, cap, "%s", code), buf;
	if (!(rec = calloc(1, f->offset + f->size)))
		return NULL;
	if (field_parse(f, rec, code, NULL) == CB_OK) {
		const char *v = field_format(f, rec, FIELD_HUMAN, buf, cap);
		if (v != buf)
			snprintf(buf, cap, "%s", v);
		out = buf;
	}
	free(rec);
	return out;
}

void fields_json_own(json_buf *b, const field_def *t, size_t n, const void *rec)
{
	for (size_t i = 0; i < n; i++)
		if (!(t[i].flags & FIELD_DERIVED))
			field_json(b, &t[i], rec);
}
