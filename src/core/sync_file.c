/* sync_file.c - the file an office sends (sync.h).
 *
 *   canbo-sync 1
 *   office 80-794
 *   seq 3
 *   schema 12
 *   kind changes            (snapshot: the office's first file)
 *   made 2025-07-01 10:00:00
 *   units 17
 *   changeset 5120
 *   sha256 <64 hex digits>
 *   <empty line>
 *   17 lines "ID CODE": the office's unit ids and their codes
 *   5120 bytes: the changeset, in the office's ids
 *
 * The hash covers every byte but its own line: a file damaged on the way
 * (a USB stick, a mail) is refused, not half-read.
 */
#include "sync_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <sodium.h>

#include "i18n.h"

#define MAGIC "canbo-sync 1\n"

void sync_now(char buf[24])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, 24, "%Y-%m-%d %H:%M:%S", &tm);
}

static void hex(const unsigned char *h, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", h[i]);
}

/* The hash of head (the lines before "sha256") and body. */
static void file_hash(const void *head, size_t hn, const void *body, size_t bn,
		      char out[SYNC_HASH_HEX])
{
	crypto_hash_sha256_state st;
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, head, hn);
	crypto_hash_sha256_update(&st, body, bn);
	crypto_hash_sha256_final(&st, h);
	hex(h, sizeof h, out);
}

int sync_file_write(sync_buf *out, sync_file *f, cb_error *err)
{
	char line[256];
	sync_buf body = {0};
	size_t head_n;

	if (sodium_init() < 0)
		return cb_error_set(err, CB_EDB, _("Cannot start the hashing library"));
	for (size_t i = 0; i < f->nunits; i++) {
		snprintf(line, sizeof line, "%" PRId64 " %s\n", f->units[i].id, f->units[i].code);
		sync_put(&body, line, strlen(line));
	}
	sync_put(&body, f->changeset, f->changeset_n);
	sync_put(out, MAGIC, strlen(MAGIC));
	snprintf(line, sizeof line,
		 "office %s\nseq %" PRId64
		 "\nschema %d\nkind %s\nmade %s\nunits %zu\nchangeset %zu\n",
		 f->office, f->seq, f->schema, f->snapshot ? "snapshot" : "changes", f->made,
		 f->nunits, f->changeset_n);
	sync_put(out, line, strlen(line));
	head_n = out->n;
	if (!out->oom && !body.oom)
		file_hash(out->p, head_n, body.p, body.n, f->hash);
	snprintf(line, sizeof line, "sha256 %s\n\n", f->hash);
	sync_put(out, line, strlen(line));
	sync_put(out, body.p, body.n);
	bool oom = out->oom || body.oom;
	sync_buf_free(&body);
	return oom ? cb_error_set(err, CB_EDB, _("Out of memory")) : CB_OK;
}

static int damaged(cb_error *err, const char *why)
{
	return cb_error_set(err, CB_EINVALID,
			    _("This is not a whole canbo sync file (%s); nothing was applied"),
			    why);
}

/* The next header line "KEY VALUE" at *pos into val; false at the end. */
static bool header_line(const char *p, size_t n, size_t *pos, const char *key, char *val,
			size_t cap)
{
	size_t k = strlen(key), start = *pos, end = start;
	while (end < n && p[end] != '\n')
		end++;
	if (end >= n || end - start <= k || strncmp(p + start, key, k) || p[start + k] != ' ' ||
	    end - start - k - 1 >= cap)
		return false;
	memcpy(val, p + start + k + 1, end - start - k - 1);
	val[end - start - k - 1] = '\0';
	*pos = end + 1;
	return true;
}

static bool number(const char *s, int64_t *v)
{
	char *end;
	long long x = strtoll(s, &end, 10);
	if (!*s || *end || x < 0)
		return false;
	*v = x;
	return true;
}

int sync_file_read(const void *data, size_t n, sync_file *f, cb_error *err)
{
	const char *p = data;
	size_t pos = strlen(MAGIC), head_n;
	char v[128], kind[16], hash[SYNC_HASH_HEX];
	int64_t schema, nunits, csn;

	memset(f, 0, sizeof *f);
	if (n < pos || memcmp(p, MAGIC, pos))
		return damaged(err, _("it does not begin as one"));
	if (!header_line(p, n, &pos, "office", f->office, sizeof f->office) || !f->office[0] ||
	    !header_line(p, n, &pos, "seq", v, sizeof v) || !number(v, &f->seq) || f->seq < 1 ||
	    !header_line(p, n, &pos, "schema", v, sizeof v) || !number(v, &schema) ||
	    !header_line(p, n, &pos, "kind", kind, sizeof kind) ||
	    !header_line(p, n, &pos, "made", f->made, sizeof f->made) ||
	    !header_line(p, n, &pos, "units", v, sizeof v) || !number(v, &nunits) ||
	    !header_line(p, n, &pos, "changeset", v, sizeof v) || !number(v, &csn))
		return damaged(err, _("its header is incomplete"));
	head_n = pos;
	if (!header_line(p, n, &pos, "sha256", hash, sizeof hash) || pos >= n || p[pos] != '\n')
		return damaged(err, _("its header is incomplete"));
	pos++;
	f->schema = (int)schema;
	f->snapshot = !strcmp(kind, "snapshot");
	if (sodium_init() < 0)
		return cb_error_set(err, CB_EDB, _("Cannot start the hashing library"));
	file_hash(p, head_n, p + pos, n - pos, f->hash);
	if (strcmp(f->hash, hash))
		return damaged(err, _("its contents do not match its hash"));
	if (nunits > 100000 || !(f->units = calloc((size_t)nunits + 1, sizeof *f->units)))
		return damaged(err, _("its list of units is too long"));
	for (int64_t i = 0; i < nunits; i++) {
		size_t end = pos;
		while (end < n && p[end] != '\n')
			end++;
		if (end >= n || end - pos >= sizeof v) {
			sync_file_free(f);
			return damaged(err, _("its list of units is cut"));
		}
		memcpy(v, p + pos, end - pos);
		v[end - pos] = '\0';
		char *sp = strchr(v, ' ');
		if (!sp || !sp[1] || strlen(sp + 1) >= sizeof f->units[i].code ||
		    (*sp = '\0', !number(v, &f->units[i].id))) {
			sync_file_free(f);
			return damaged(err, _("its list of units is cut"));
		}
		snprintf(f->units[i].code, sizeof f->units[i].code, "%s", sp + 1);
		pos = end + 1;
	}
	f->nunits = (size_t)nunits;
	if ((size_t)csn != n - pos) {
		sync_file_free(f);
		return damaged(err, _("its changeset is cut"));
	}
	f->changeset = (const unsigned char *)p + pos;
	f->changeset_n = (size_t)csn;
	return CB_OK;
}

void sync_file_free(sync_file *f)
{
	free(f->units);
	f->units = NULL;
	f->nunits = 0;
}

int sync_peek(const void *data, size_t n, char office[SYNC_OFFICE_MAX], int64_t *seq, cb_error *err)
{
	sync_file f;
	int rc = sync_file_read(data, n, &f, err);
	if (rc)
		return rc;
	snprintf(office, SYNC_OFFICE_MAX, "%s", f.office);
	*seq = f.seq;
	sync_file_free(&f);
	return CB_OK;
}
