/* json.h - the one JSON writer of canbo, and a reader for the flat objects
 * it writes.
 *
 * The writer builds a value in a growing buffer (json_begin) or streams it
 * to a FILE (json_to_file): the same escaping either way, so the audit
 * trail, `show` and the listings of output.h write JSON alike. Strings are
 * valid JSON for any input: quotes, backslashes and control characters are
 * escaped, invalid UTF-8 becomes U+FFFD. An allocation failure is
 * remembered and reported once, by json_end returning NULL, so callers need
 * not check every call. Commas between members and array elements are put
 * by the writer.
 *
 * The reader (json_flat) takes one object of scalar members (strings,
 * numbers, booleans, null; an array or object member is kept as its raw
 * text), which is what the audit trail stores.
 */
#ifndef CANBO_JSON_H
#define CANBO_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct json_buf {
	char *p; /* the text so far (buffer form), NUL-terminated */
	size_t n, cap;
	FILE *f;    /* the stream form writes here instead */
	bool oom;   /* an allocation failed: json_end returns NULL */
	bool fresh; /* just after an opening bracket: no comma before the next */
} json_buf;

/* Buffer form: starts an object ("{"). */
void json_begin(json_buf *b);
/* Buffer form again, keeping the buffer of an object written before (or
 * of none: as json_begin): starts a new object over it. Writing many
 * objects through one buffer (json_close) allocates once, not per object. */
void json_restart(json_buf *b);
/* Stream form: nothing written yet; open with json_raw(b, "{") etc. */
void json_to_file(json_buf *b, FILE *f);

/* A member's key (with the comma before it when needed) and ':'. */
void json_key(json_buf *b, const char *key);
/* A quoted, escaped string value (NULL = ""). */
void json_string(json_buf *b, const char *s);
/* Text written verbatim (numbers, brackets). An opening bracket ('[' or
 * '{' last) means no comma before the next element or key. */
void json_raw(json_buf *b, const char *text);
/* The comma before an array element when it is not the first. */
void json_next(json_buf *b);
void json_str(json_buf *b, const char *key, const char *val);
void json_int(json_buf *b, const char *key, long long val);
void json_bool(json_buf *b, const char *key, bool val);
/* Buffer form: closes the object; the malloc'd text, or NULL if memory
 * ran out (the buffer is freed then). */
char *json_end(json_buf *b);
/* Buffer form: closes the object and leaves the buffer to the caller (for
 * json_restart, freed with free(b->p)); its text, or NULL if memory ran
 * out (the text is incomplete then). */
const char *json_close(json_buf *b);

/* ---- reading ---------------------------------------------------------- */

#define JSON_KEY_MAX 32
#define JSON_VAL_MAX 2048

typedef struct json_member {
	char key[JSON_KEY_MAX];
	char val[JSON_VAL_MAX]; /* a string unescaped, anything else raw */
	bool string;		/* the value was a JSON string */
} json_member;

/* Reads a flat object into at most max members, in order; returns how
 * many (0 for NULL or text that is not an object). Escapes are decoded
 * (\uXXXX to UTF-8), over-long keys and values cut. */
int json_flat(const char *s, json_member *m, int max);
/* The value of key among the n members, or NULL. */
const char *json_get(const json_member *m, int n, const char *key);

#endif
