/* sync_encode.c - writing changesets byte by byte (sync_internal.h).
 *
 * The province rewrites an office's changeset in its own ids before
 * applying it; SQLite 3.40 has no call that adds one change to a
 * changegroup, so the records are laid out here in the documented format
 * that sqlite3changeset_start reads back (and checks).
 */
#include "sync_internal.h"

#include <stdio.h>
#include <stdlib.h>

void sync_buf_free(sync_buf *b)
{
	free(b->p);
	memset(b, 0, sizeof *b);
}

void sync_put(sync_buf *b, const void *p, size_t n)
{
	if (b->oom || n == 0)
		return;
	if (b->n + n > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->n + n)
			cap *= 2;
		unsigned char *q = realloc(b->p, cap);
		if (!q) {
			b->oom = true;
			return;
		}
		b->p = q;
		b->cap = cap;
	}
	memcpy(b->p + b->n, p, n);
	b->n += n;
}

/* SQLite's variable-length integer: 7 bits a byte, most significant
 * first, the high bit saying another follows; a ninth byte holds 8. */
void sync_put_varint(sync_buf *b, uint64_t v)
{
	unsigned char buf[10];
	int n = 0;
	if (v & (UINT64_C(0xff000000) << 32)) {
		buf[8] = (unsigned char)v;
		v >>= 8;
		for (int i = 7; i >= 0; i--) {
			buf[i] = (unsigned char)((v & 0x7f) | 0x80);
			v >>= 7;
		}
		sync_put(b, buf, 9);
		return;
	}
	unsigned char rev[10];
	do {
		rev[n++] = (unsigned char)((v & 0x7f) | 0x80);
		v >>= 7;
	} while (v);
	rev[0] &= 0x7f;
	for (int i = 0; i < n; i++)
		buf[i] = rev[n - 1 - i];
	sync_put(b, buf, (size_t)n);
}

void sync_put_table(sync_buf *b, const char *name, int ncol, const unsigned char *pk)
{
	unsigned char t = 'T';
	sync_put(b, &t, 1);
	sync_put_varint(b, (uint64_t)ncol);
	sync_put(b, pk, (size_t)ncol);
	sync_put(b, name, strlen(name) + 1);
}

void sync_put_op(sync_buf *b, int op)
{
	unsigned char h[2] = {(unsigned char)op, 0};
	sync_put(b, h, 2);
}

static void put_be64(sync_buf *b, uint64_t u)
{
	unsigned char x[8];
	for (int i = 7; i >= 0; i--) {
		x[i] = (unsigned char)u;
		u >>= 8;
	}
	sync_put(b, x, 8);
}

void sync_put_int(sync_buf *b, int64_t v)
{
	unsigned char t = SQLITE_INTEGER;
	sync_put(b, &t, 1);
	put_be64(b, (uint64_t)v);
}

void sync_put_text(sync_buf *b, const char *s, size_t n)
{
	unsigned char t = SQLITE_TEXT;
	sync_put(b, &t, 1);
	sync_put_varint(b, n);
	sync_put(b, s, n);
}

void sync_put_value(sync_buf *b, sqlite3_value *v)
{
	unsigned char t = 0;
	if (!v) {
		sync_put(b, &t, 1);
		return;
	}
	switch (sqlite3_value_type(v)) {
	case SQLITE_INTEGER:
		sync_put_int(b, sqlite3_value_int64(v));
		break;
	case SQLITE_FLOAT: {
		double d = sqlite3_value_double(v);
		uint64_t u;
		memcpy(&u, &d, sizeof u);
		t = SQLITE_FLOAT;
		sync_put(b, &t, 1);
		put_be64(b, u);
		break;
	}
	case SQLITE_TEXT:
		sync_put_text(b, (const char *)sqlite3_value_text(v),
			      (size_t)sqlite3_value_bytes(v));
		break;
	case SQLITE_BLOB:
		t = SQLITE_BLOB;
		sync_put(b, &t, 1);
		sync_put_varint(b, (uint64_t)sqlite3_value_bytes(v));
		sync_put(b, sqlite3_value_blob(v), (size_t)sqlite3_value_bytes(v));
		break;
	default:
		t = SQLITE_NULL;
		sync_put(b, &t, 1);
	}
}

void sync_json_value(sync_buf *b, sqlite3_value *v)
{
	char num[40];
	if (!v || sqlite3_value_type(v) == SQLITE_NULL) {
		sync_put(b, "null", 4);
		return;
	}
	switch (sqlite3_value_type(v)) {
	case SQLITE_INTEGER:
		snprintf(num, sizeof num, "%lld", (long long)sqlite3_value_int64(v));
		sync_put(b, num, strlen(num));
		return;
	case SQLITE_FLOAT:
		snprintf(num, sizeof num, "%.17g", sqlite3_value_double(v));
		sync_put(b, num, strlen(num));
		return;
	case SQLITE_BLOB:
		snprintf(num, sizeof num, "\"(%d bytes)\"", sqlite3_value_bytes(v));
		sync_put(b, num, strlen(num));
		return;
	default:
		break;
	}
	const unsigned char *s = sqlite3_value_text(v);
	sync_put(b, "\"", 1);
	for (; s && *s; s++) {
		if (*s == '"' || *s == '\\') {
			sync_put(b, "\\", 1);
			sync_put(b, s, 1);
		} else if (*s < 0x20) {
			snprintf(num, sizeof num, "\\u%04x", *s);
			sync_put(b, num, 6);
		} else {
			sync_put(b, s, 1);
		}
	}
	sync_put(b, "\"", 1);
}
