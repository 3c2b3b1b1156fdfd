/* store_json.c - the small JSON writer of the audit trail and `show`.
 *
 * Builds one object in a growing buffer; an allocation failure is
 * remembered and reported once, by store_json_end returning NULL, so the
 * callers need not check every call.
 */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

static void put(store_json *b, const char *s, size_t n)
{
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

static void puts_(store_json *b, const char *s)
{
	put(b, s, strlen(s));
}

void store_json_begin(store_json *b)
{
	memset(b, 0, sizeof *b);
	put(b, "{", 1);
}

/* A JSON string: quotes, backslashes and control characters escaped,
 * UTF-8 passed through unchanged. */
void store_json_string(store_json *b, const char *s)
{
	put(b, "\"", 1);
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		char esc[8];
		size_t plain = 0;
		/* a run of characters that need no escape goes in at once */
		while ((unsigned char)s[plain] >= 0x20 && s[plain] != '"' && s[plain] != '\\')
			plain++;
		if (plain) {
			put(b, s, plain);
			s += plain - 1;
			continue;
		}
		if (ch == '"' || ch == '\\') {
			esc[0] = '\\';
			esc[1] = (char)ch;
			put(b, esc, 2);
		} else if (ch == '\n') {
			put(b, "\\n", 2);
		} else if (ch < 0x20) {
			snprintf(esc, sizeof esc, "\\u%04x", ch);
			put(b, esc, 6);
		} else {
			put(b, s, 1);
		}
	}
	put(b, "\"", 1);
}

void store_json_key(store_json *b, const char *key)
{
	puts_(b, b->n > 1 ? ",\"" : "\"");
	puts_(b, key);
	puts_(b, "\":");
}

void store_json_raw(store_json *b, const char *text)
{
	puts_(b, text);
}

void store_json_str(store_json *b, const char *key, const char *val)
{
	store_json_key(b, key);
	store_json_string(b, val);
}

void store_json_int(store_json *b, const char *key, long long val)
{
	char num[24];
	snprintf(num, sizeof num, "%lld", val);
	store_json_key(b, key);
	puts_(b, num);
}

void store_json_bool(store_json *b, const char *key, bool val)
{
	store_json_key(b, key);
	puts_(b, val ? "true" : "false");
}

char *store_json_end(store_json *b)
{
	put(b, "}", 1);
	if (b->oom) {
		free(b->p);
		return NULL;
	}
	return b->p;
}
