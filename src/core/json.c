/* json.c - the JSON writer and the flat-object reader (json.h). */
#include "json.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

static void put(json_buf *b, const char *s, size_t n)
{
	if (b->f) {
		fwrite(s, 1, n, b->f);
		return;
	}
	if (b->oom)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->n + n + 1)
			cap *= 2;
		char *p = realloc(b->p, cap);
		if (!p) {
			b->oom = true;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void puts_(json_buf *b, const char *s)
{
	put(b, s, strlen(s));
}

void json_begin(json_buf *b)
{
	memset(b, 0, sizeof *b);
	json_raw(b, "{");
}

void json_restart(json_buf *b)
{
	b->n = 0;
	b->oom = false;
	b->f = NULL;
	json_raw(b, "{");
}

void json_to_file(json_buf *b, FILE *f)
{
	memset(b, 0, sizeof *b);
	b->f = f;
	b->fresh = true;
}

void json_string(json_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	put(b, "\"", 1);
	while (*p) {
		/* a run that needs no escape - plain ASCII and valid UTF-8 - goes
		 * in at once */
		size_t run = 0, len;
		for (;;) {
			if (p[run] >= 0x20 && p[run] < 0x80 && p[run] != '"' && p[run] != '\\')
				run++;
			else if (p[run] >= 0x80 &&
				 (len = text_utf8_sequence(p + run, SIZE_MAX)) > 0)
				run += len;
			else
				break;
		}
		if (run) {
			put(b, (const char *)p, run);
			p += run;
			continue;
		}
		if (*p >= 0x80) { /* invalid UTF-8 */
			put(b, "\\ufffd", 6);
			p++;
			continue;
		}
		char esc[8];
		switch (*p) {
		case '"':
			puts_(b, "\\\"");
			break;
		case '\\':
			puts_(b, "\\\\");
			break;
		case '\n':
			puts_(b, "\\n");
			break;
		case '\r':
			puts_(b, "\\r");
			break;
		case '\t':
			puts_(b, "\\t");
			break;
		case '\b':
			puts_(b, "\\b");
			break;
		case '\f':
			puts_(b, "\\f");
			break;
		default:
			snprintf(esc, sizeof esc, "\\u%04x", *p);
			puts_(b, esc);
		}
		p++;
	}
	put(b, "\"", 1);
	b->fresh = false;
}

void json_next(json_buf *b)
{
	if (!b->fresh)
		put(b, ",", 1);
	b->fresh = false;
}

void json_key(json_buf *b, const char *key)
{
	json_next(b);
	json_string(b, key);
	put(b, ":", 1);
	b->fresh = false;
}

void json_raw(json_buf *b, const char *text)
{
	size_t n = strlen(text);
	put(b, text, n);
	b->fresh = n && (text[n - 1] == '[' || text[n - 1] == '{');
}

void json_str(json_buf *b, const char *key, const char *val)
{
	json_key(b, key);
	json_string(b, val);
}

void json_int(json_buf *b, const char *key, long long val)
{
	char num[24];
	snprintf(num, sizeof num, "%lld", val);
	json_key(b, key);
	json_raw(b, num);
}

void json_bool(json_buf *b, const char *key, bool val)
{
	json_key(b, key);
	json_raw(b, val ? "true" : "false");
}

char *json_end(json_buf *b)
{
	put(b, "}", 1);
	if (b->oom) {
		free(b->p);
		b->p = NULL;
		return NULL;
	}
	return b->p;
}

const char *json_close(json_buf *b)
{
	put(b, "}", 1);
	return b->oom ? NULL : b->p;
}

/* ---- reading ---------------------------------------------------------- */

static void out_byte(char *buf, size_t cap, size_t *k, char ch)
{
	if (*k + 1 < cap)
		buf[(*k)++] = ch;
}

/* The four hex digits at s, or -1. */
static long hex4(const char *s)
{
	long c = 0;
	for (int i = 0; i < 4; i++) {
		char h = s[i];
		int v = h >= '0' && h <= '9'   ? h - '0'
			: h >= 'a' && h <= 'f' ? h - 'a' + 10
			: h >= 'A' && h <= 'F' ? h - 'A' + 10
					       : -1;
		if (v < 0)
			return -1;
		c = c * 16 + v;
	}
	return c;
}

/* \uXXXX (and a following low surrogate) at s (just after the 'u') as
 * UTF-8; returns the characters consumed after the 'u'. */
static size_t unicode_escape(const char *s, char *buf, size_t cap, size_t *k)
{
	long c = hex4(s), lo;
	size_t used = 4;

	if (c < 0)
		return 0;
	if (c >= 0xd800 && c <= 0xdbff && s[4] == '\\' && s[5] == 'u' &&
	    (lo = hex4(s + 6)) >= 0xdc00 && lo <= 0xdfff) {
		c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
		used = 10;
	}
	if (c >= 0xd800 && c <= 0xdfff)
		c = 0xfffd;
	if (c < 0x80) {
		out_byte(buf, cap, k, (char)c);
	} else if (c < 0x800) {
		out_byte(buf, cap, k, (char)(0xc0 | (c >> 6)));
		out_byte(buf, cap, k, (char)(0x80 | (c & 0x3f)));
	} else if (c < 0x10000) {
		out_byte(buf, cap, k, (char)(0xe0 | (c >> 12)));
		out_byte(buf, cap, k, (char)(0x80 | ((c >> 6) & 0x3f)));
		out_byte(buf, cap, k, (char)(0x80 | (c & 0x3f)));
	} else {
		out_byte(buf, cap, k, (char)(0xf0 | (c >> 18)));
		out_byte(buf, cap, k, (char)(0x80 | ((c >> 12) & 0x3f)));
		out_byte(buf, cap, k, (char)(0x80 | ((c >> 6) & 0x3f)));
		out_byte(buf, cap, k, (char)(0x80 | (c & 0x3f)));
	}
	return used;
}

/* A JSON string at s (just after its opening quote) unescaped into buf;
 * returns the position after its closing quote. */
static const char *read_string(const char *s, char *buf, size_t cap)
{
	size_t k = 0;
	for (; *s && *s != '"'; s++) {
		if (*s != '\\' || !s[1]) {
			out_byte(buf, cap, &k, *s);
			continue;
		}
		s++;
		switch (*s) {
		case 'n':
			out_byte(buf, cap, &k, '\n');
			break;
		case 'r':
			out_byte(buf, cap, &k, '\r');
			break;
		case 't':
			out_byte(buf, cap, &k, '\t');
			break;
		case 'b':
			out_byte(buf, cap, &k, '\b');
			break;
		case 'f':
			out_byte(buf, cap, &k, '\f');
			break;
		case 'u':
			s += unicode_escape(s + 1, buf, cap, &k);
			break;
		default:
			out_byte(buf, cap, &k, *s);
		}
	}
	buf[k] = '\0';
	return *s ? s + 1 : s;
}

static const char *skip_space(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return s;
}

int json_flat(const char *s, json_member *m, int max)
{
	int n = 0;

	if (!s || *(s = skip_space(s)) != '{')
		return 0;
	s++;
	while (n < max) {
		s = skip_space(s);
		if (*s == ',')
			s = skip_space(s + 1);
		if (*s != '"')
			break;
		s = read_string(s + 1, m[n].key, sizeof m[n].key);
		s = skip_space(s);
		if (*s == ':')
			s = skip_space(s + 1);
		m[n].string = *s == '"';
		if (m[n].string) {
			s = read_string(s + 1, m[n].val, sizeof m[n].val);
		} else {
			size_t k = 0;
			int depth = 0;
			bool quoted = false;
			for (; *s && (quoted || depth > 0 || (*s != ',' && *s != '}')); s++) {
				if (quoted && *s == '\\' && s[1])
					out_byte(m[n].val, sizeof m[n].val, &k, *s++);
				else if (*s == '"')
					quoted = !quoted;
				else if (!quoted && (*s == '[' || *s == '{'))
					depth++;
				else if (!quoted && (*s == ']' || *s == '}'))
					depth--;
				out_byte(m[n].val, sizeof m[n].val, &k, *s);
			}
			while (k && (m[n].val[k - 1] == ' ' || m[n].val[k - 1] == '\n'))
				k--;
			m[n].val[k] = '\0';
		}
		n++;
	}
	return n;
}

const char *json_get(const json_member *m, int n, const char *key)
{
	for (int i = 0; i < n; i++)
		if (strcmp(m[i].key, key) == 0)
			return m[i].val;
	return NULL;
}
