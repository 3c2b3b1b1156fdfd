/* config_ini.c - one INI file, read and checked line by line in one pass.
 *
 * The line grammar is iniparser's (the format canbo.ini(5) documents),
 * made stricter: what iniparser 4.1 passes over in silence - "[]" keeping
 * the previous section, a key before any section, a trailing backslash
 * that glues the next line on, a key given twice, an unquoted ';' or '#'
 * or text after a closing quote cutting a value short - is a syntax error
 * here with its path and line, in the user's language. Each value is then
 * exactly what its line spells (without the quotes), cut in place out of
 * the file's text, so nothing is parsed twice.
 */
#include "config_internal.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "i18n.h"
#include "trust.h"
#include "text.h"

#define INI_FILE_MAX (1 << 20) /* a configuration file is small */

/* The whole file in memory, NUL-terminated; refuses what is not a text
 * file of reasonable size. */
static int ini_slurp(const char *path, char **out, size_t *len, cb_error *err)
{
	FILE *fp = fopen(path, "r");
	char *buf;
	size_t n, cap;

	struct stat st;
	int rc;

	if (!fp)
		return cb_error_set(err, CB_ECONFIG, _("%s: cannot read: %s"), path,
				    strerror(errno));
	/* the access rules are only as safe as the file they are read from */
	if (fstat(fileno(fp), &st) != 0)
		rc = cb_error_set(err, CB_ECONFIG, _("%s: cannot read: %s"), path, strerror(errno));
	else if (!(rc = trust_check_stat(&st, path, false, err)))
		rc = trust_check_dir_of(path, err);
	if (rc) {
		fclose(fp);
		return rc;
	}
	/* sized by the file (a few kB), grown only if it grew meanwhile: no
	 * megabyte mapped and unmapped for each of some twenty files */
	cap = st.st_size > 0 && st.st_size <= INI_FILE_MAX ? (size_t)st.st_size + 1 : 4096;
	buf = malloc(cap + 1);
	n = 0;
	while (buf) {
		size_t got = fread(buf + n, 1, cap - n, fp);
		n += got;
		if (n < cap || cap > INI_FILE_MAX)
			break;
		char *more = realloc(buf, 2 * cap + 1);
		if (!more)
			free(buf);
		buf = more;
		cap *= 2;
	}
	if (!buf) {
		fclose(fp);
		return cb_error_set(err, CB_ECONFIG, _("%s: out of memory"), path);
	}
	if (ferror(fp)) {
		int e = errno;
		fclose(fp);
		free(buf);
		return cb_error_set(err, CB_ECONFIG, _("%s: cannot read: %s"), path, strerror(e));
	}
	fclose(fp);
	if (n > INI_FILE_MAX) {
		free(buf);
		return cb_error_set(err, CB_ECONFIG, _("%s: the file is larger than %d bytes"),
				    path, INI_FILE_MAX);
	}
	buf[n] = '\0'; /* the values are cut out of this text in place */
	*out = buf;
	*len = n;
	return CB_OK;
}

static int ini_syntax(const ini_file *f, int line, const char *what, cb_error *err)
{
	return cb_error_set(err, CB_ECONFIG, _("%s:%d: syntax error: %s"), f->path, line, what);
}

/* ASCII only, whatever the locale (isalnum may accept bytes >= 0x80). */
bool ini_ascii_alnum(int ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static bool ini_name_ok(const char *s, size_t len)
{
	if (len == 0 || len >= INI_NAME_MAX)
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (!ini_ascii_alnum(ch) && ch != '.' && ch != '_' && ch != '-')
			return false;
	}
	return true;
}

static void ini_lower(char *dst, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		dst[i] = (char)tolower((unsigned char)s[i]);
	dst[len] = '\0';
}

static const char *ini_skip_space(const char *s, const char *end)
{
	while (s < end && isspace((unsigned char)*s))
		s++;
	return s;
}

static const char *ini_trim_end(const char *s, const char *end)
{
	while (end > s && isspace((unsigned char)end[-1]))
		end--;
	return end;
}

/* The configuration's lists (sections, units, districts) are appended to
 * one element at a time: the array doubles whenever the count reaches a
 * power of two, so the capacity is never stored, and an array only ever
 * grown here always has room for one more below the next power of two. */
void *config_grow(void **arr, size_t *count, size_t size)
{
	size_t n = *count;
	if ((n & (n - 1)) == 0 || !*arr) { /* 0, 1, 2, 4, 8, ... */
		void *p = realloc(*arr, (n ? 2 * n : 1) * size);
		if (!p)
			return NULL;
		*arr = p;
	}
	memset((char *)*arr + n * size, 0, size);
	return (char *)*arr + (*count)++ * size;
}

/* FNV-1a of a name, continued from h: the configuration is looked up by
 * section and key thousands of times while it is read (a target of each
 * district, a criterion of each group), and comparing a number first
 * spares a string comparison against every other entry of the file. */
static unsigned ini_hash(unsigned h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

#define INI_HASH_SEED 2166136261u

static unsigned ini_entry_hash(const char *section, const char *key)
{
	return ini_hash(ini_hash(INI_HASH_SEED, section) * 16777619u, key);
}

static int ini_add_section(ini_file *f, const char *s, size_t len, int line, char *current,
			   cb_error *err)
{
	char name[INI_NAME_MAX];
	ini_section *sec;

	if (!ini_name_ok(s, len))
		return ini_syntax(f, line,
				  _("a section name is made of letters, digits, '.', '_' and '-'"),
				  err);
	ini_lower(name, s, len);
	strcpy(current, name);
	if (ini_find_section(f, name))
		return CB_OK;
	sec = config_grow((void **)&f->sections, &f->section_count, sizeof *sec);
	if (!sec)
		return cb_error_set(err, CB_ECONFIG, _("%s: out of memory"), f->path);
	strcpy(sec->name, name);
	sec->line = line;
	sec->hash = ini_hash(INI_HASH_SEED, name);
	return CB_OK;
}

/* Whether s..end holds a ';' or '#'. */
static bool has_comment_mark(const char *s, const char *end)
{
	for (; s < end; s++)
		if (*s == ';' || *s == '#')
			return true;
	return false;
}

/* Checks the value part of "key = value" the way iniparser's grammar
 * reads it and cuts the value out in place (*val, NUL-terminated): a value
 * may be quoted ("..." or '...', the quotes are not part of it) and then
 * nothing may follow the closing quote; an unquoted value may not hold
 * ';' or '#', which would be taken for the start of a comment. */
static int ini_take_value(const ini_file *f, int line, char *v, char *end, const char **val,
			  cb_error *err)
{
	if (v < end && (*v == '"' || *v == '\'')) {
		char *close = memchr(v + 1, *v, (size_t)(end - v - 1));
		if (!close)
			return ini_syntax(f, line, _("the closing quote is missing"), err);
		if (close + 1 != end)
			return ini_syntax(f, line,
					  _("nothing may follow the closing quote (comments go on "
					    "their own line)"),
					  err);
		*close = '\0';
		*val = v + 1;
		return CB_OK;
	}
	if (has_comment_mark(v, end))
		return ini_syntax(f, line,
				  _("a value holding ';' or '#' must be put in double "
				    "quotes (comments go on their own line)"),
				  err);
	*end = '\0';
	*val = v;
	return CB_OK;
}

/* Files are looked up far more often than they hold keys (each target of
 * each district is asked of its file, most of them absent): an open
 * addressing table over the entries' hashes answers without a scan. */
static void ini_slot_put(ini_file *f, size_t i)
{
	size_t k = f->entries[i].hash & f->slot_mask;
	while (f->slots[k])
		k = (k + 1) & f->slot_mask;
	f->slots[k] = (unsigned)i + 1;
}

/* Room for one more entry in the table (grown, and filled again, at half
 * full); false when memory ran out. */
static bool ini_slots_room(ini_file *f)
{
	size_t cap = f->slots ? f->slot_mask + 1 : 0;
	if (2 * (f->entry_count + 1) <= cap)
		return true;
	cap = cap ? 2 * cap : 64;
	unsigned *slots = calloc(cap, sizeof *slots);
	if (!slots)
		return false;
	free(f->slots);
	f->slots = slots;
	f->slot_mask = cap - 1;
	for (size_t i = 0; i < f->entry_count; i++)
		ini_slot_put(f, i);
	return true;
}

static int ini_add_entry(ini_file *f, const char *section, char *s, char *end, int line,
			 cb_error *err)
{
	char *eq = memchr(s, '=', (size_t)(end - s));
	const char *kend, *value = NULL;
	char key[INI_NAME_MAX];
	ini_entry *e;

	if (!eq)
		return ini_syntax(
			f, line,
			_("expected [section], key = value, or a comment starting with ';' or '#'"),
			err);
	kend = ini_trim_end(s, eq);
	if (!ini_name_ok(s, (size_t)(kend - s)))
		return ini_syntax(f, line, _("a key is made of letters, digits, '.', '_' and '-'"),
				  err);
	if (!*section)
		return ini_syntax(f, line, _("a key comes before any [section]"), err);
	if (ini_take_value(f, line, (char *)ini_skip_space(eq + 1, end), end, &value, err))
		return CB_ECONFIG;
	ini_lower(key, s, (size_t)(kend - s));
	const ini_entry *dup = ini_find(f, section, key);
	if (dup)
		return cb_error_set(err, CB_ECONFIG,
				    _("%s:%d: %s:%s is given twice (first on line %d)"), f->path,
				    line, section, key, dup->line);
	if (!ini_slots_room(f))
		return cb_error_set(err, CB_ECONFIG, _("%s: out of memory"), f->path);
	if (f->entry_count == f->entry_cap) {
		size_t cap = f->entry_cap ? 2 * f->entry_cap : 32;
		ini_entry *grown = realloc(f->entries, cap * sizeof *grown);
		if (!grown)
			return cb_error_set(err, CB_ECONFIG, _("%s: out of memory"), f->path);
		f->entries = grown;
		f->entry_cap = cap;
	}
	e = &f->entries[f->entry_count++];
	strcpy(e->section, section);
	strcpy(e->key, key);
	memcpy(e->key_written, s, (size_t)(kend - s));
	e->key_written[kend - s] = '\0';
	e->value = value;
	e->line = line;
	e->hash = ini_entry_hash(section, key);
	ini_slot_put(f, f->entry_count - 1);
	return CB_OK;
}

/* One line, without its newline. */
static int ini_scan_line(ini_file *f, char *s, char *end, int line, char *section, cb_error *err)
{
	if (end - s > INI_LINE_MAX)
		return ini_syntax(f, line, _("the line is longer than 1000 bytes"), err);
	end = (char *)ini_trim_end(s, end);
	s = (char *)ini_skip_space(s, end);
	if (s == end)
		return CB_OK;
	/* Checked before comments: iniparser's grammar glues the next line
	 * even to a comment, and the key on it would vanish. */
	if (end[-1] == '\\')
		return ini_syntax(
			f, line,
			_("a line may not end with a backslash (lines cannot be continued)"), err);
	if (*s == ';' || *s == '#')
		return CB_OK;
	if (*s == '[') {
		if (end[-1] != ']')
			return ini_syntax(f, line, _("a section header must end with ']'"), err);
		const char *n = ini_skip_space(s + 1, end - 1);
		const char *nend = ini_trim_end(n, end - 1);
		return ini_add_section(f, n, (size_t)(nend - n), line, section, err);
	}
	return ini_add_entry(f, section, s, end, line, err);
}

/* Scans the file's text, cutting the values out of it in place. */
static int ini_scan(ini_file *f, char *buf, size_t len, cb_error *err)
{
	char section[INI_NAME_MAX] = "";
	char *s = buf, *end = buf + len;
	int line = 1;

	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		return cb_error_set(err, CB_ECONFIG,
				    _("%s:1: the file starts with a byte order mark; save it as "
				      "UTF-8 without BOM"),
				    f->path);
	if (memchr(buf, '\0', len))
		return cb_error_set(err, CB_ECONFIG,
				    _("%s: the file holds a NUL byte; it is not a text file"),
				    f->path);
	while (s < end) {
		char *nl = memchr(s, '\n', (size_t)(end - s));
		char *lend = nl ? nl : end;
		if (ini_scan_line(f, s, lend, line, section, err))
			return CB_ECONFIG;
		s = nl ? nl + 1 : end;
		line++;
	}
	return CB_OK;
}

/* Reads and checks path. On failure everything is released and err names
 * the path (and line) at fault. */
int ini_open(ini_file *f, const char *path, cb_error *err)
{
	size_t len = 0;
	int rc;

	memset(f, 0, sizeof *f);
	if (strlen(path) >= sizeof f->path)
		return cb_error_set(err, CB_ECONFIG, _("%s: path too long"), path);
	strcpy(f->path, path);
	rc = ini_slurp(path, &f->text, &len, err);
	if (!rc)
		rc = ini_scan(f, f->text, len, err);
	if (rc)
		ini_close(f);
	return rc;
}

void ini_close(ini_file *f)
{
	free(f->text);
	free(f->entries);
	free(f->sections);
	free(f->slots);
	f->text = NULL;
	f->entries = NULL;
	f->sections = NULL;
	f->slots = NULL;
	f->slot_mask = 0;
	f->entry_count = f->entry_cap = f->section_count = 0;
}

const ini_section *ini_find_section(const ini_file *f, const char *section)
{
	unsigned h = ini_hash(INI_HASH_SEED, section);
	for (size_t i = 0; i < f->section_count; i++)
		if (f->sections[i].hash == h && strcmp(f->sections[i].name, section) == 0)
			return &f->sections[i];
	return NULL;
}

bool ini_has_section(const ini_file *f, const char *section)
{
	return ini_find_section(f, section) != NULL;
}

const ini_entry *ini_find(const ini_file *f, const char *section, const char *key)
{
	unsigned h = ini_entry_hash(section, key);
	if (!f->slots)
		return NULL;
	for (size_t k = h & f->slot_mask; f->slots[k]; k = (k + 1) & f->slot_mask) {
		const ini_entry *e = &f->entries[f->slots[k] - 1];
		if (e->hash == h && strcmp(e->key, key) == 0 && strcmp(e->section, section) == 0)
			return e;
	}
	return NULL;
}

/* "a, b, c" into buf. */
static void ini_join(char *buf, size_t cap, const char *const *names, size_t n, size_t stride)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		const char *name = *(const char *const *)((const char *)names + i * stride);
		int w = snprintf(buf + used, cap - used, "%s%s", i ? ", " : "", name);
		if (w < 0 || (size_t)w >= cap - used)
			return;
		used += (size_t)w;
	}
}

int ini_unknown_key(const ini_file *f, const ini_entry *e, const char *expected, cb_error *err)
{
	return cb_error_set(err, CB_ECONFIG, _("%s:%d: unknown key %s:%s (expected one of: %s)"),
			    f->path, e->line, e->section, e->key, expected);
}

static const ini_schema *ini_schema_of(const ini_schema *schema, size_t n, const char *section)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(schema[i].section, section) == 0)
			return &schema[i];
	return NULL;
}

/* Every section must be in schema, and every key of a section with a key
 * list in that list. */
int ini_check_schema(const ini_file *f, const ini_schema *schema, size_t n, cb_error *err)
{
	char expected[400];

	for (size_t i = 0; i < f->section_count; i++) {
		if (ini_schema_of(schema, n, f->sections[i].name))
			continue;
		ini_join(expected, sizeof expected, &schema[0].section, n, sizeof schema[0]);
		return cb_error_set(err, CB_ECONFIG,
				    _("%s:%d: unknown section [%s] (expected one of: %s)"), f->path,
				    f->sections[i].line, f->sections[i].name, expected);
	}
	for (size_t i = 0; i < f->entry_count; i++) {
		const ini_entry *e = &f->entries[i];
		const ini_schema *s = ini_schema_of(schema, n, e->section);
		size_t k = 0;
		if (!s->keys)
			continue;
		while (s->keys[k] && strcmp(s->keys[k], e->key) != 0)
			k++;
		if (s->keys[k])
			continue;
		for (k = 0; s->keys[k]; k++)
			;
		ini_join(expected, sizeof expected, s->keys, k, sizeof s->keys[0]);
		return ini_unknown_key(f, e, expected, err);
	}
	return CB_OK;
}

int ini_require(const ini_file *f, const char *section, const char *key, const char *what,
		cb_error *err)
{
	if (ini_find(f, section, key))
		return CB_OK;
	return cb_error_set(err, CB_ECONFIG, _("%s: missing required key %s:%s (%s)"), f->path,
			    section, key, what);
}

/* v as shown in a message: cut at a character boundary after about 60
 * bytes, so that what is expected still fits in the message. */
static const char *ini_shown(const char *v, char *buf, size_t cap)
{
	size_t n = strlen(v);

	if (n < cap)
		return v;
	n = cap - 4;
	while (n > 0 && ((unsigned char)v[n] & 0xC0) == 0x80)
		n--;
	snprintf(buf, cap, "%.*s…", (int)n, v);
	return buf;
}

int ini_bad_value(const ini_file *f, const ini_entry *e, const char *expected, cb_error *err)
{
	char shown[64];

	return cb_error_set(err, CB_ECONFIG, _("%s:%d: %s:%s = \"%s\": expected %s"), f->path,
			    e->line, e->section, e->key, ini_shown(e->value, shown, sizeof shown),
			    expected);
}

/* The value as NFC text without surrounding space; refused when it is not
 * valid UTF-8, holds control characters, or does not fit buf. */
int ini_entry_text(const ini_file *f, const ini_entry *e, char *buf, size_t cap, cb_error *err)
{
	char *norm = NULL;
	cb_error terr;

	if (text_normalize(e->value, strlen(e->value), false, &norm, &terr))
		return cb_error_set(err, CB_ECONFIG, _("%s:%d: %s:%s: %s"), f->path, e->line,
				    e->section, e->key, terr.msg);
	if (strlen(norm) >= cap) {
		free(norm);
		return cb_error_set(err, CB_ECONFIG,
				    _("%s:%d: %s:%s: the value is longer than %zu bytes"), f->path,
				    e->line, e->section, e->key, cap - 1);
	}
	strcpy(buf, norm);
	free(norm);
	return CB_OK;
}

bool ini_is_digits(const char *s, size_t len)
{
	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* A decimal integer (no octal or hex surprises of strtol base 0) in
 * lo..hi. */
int ini_entry_int(const ini_file *f, const ini_entry *e, int lo, int hi, int *out, cb_error *err)
{
	const char *v = e->value;
	char shown[64];
	size_t len = strlen(v);
	long n;

	if (len > 9 || !ini_is_digits(v + (*v == '-'), len - (*v == '-')))
		return cb_error_set(err, CB_ECONFIG,
				    _("%s:%d: %s:%s = \"%s\" is not a whole number"), f->path,
				    e->line, e->section, e->key, ini_shown(v, shown, sizeof shown));
	n = strtol(v, NULL, 10);
	if (n < lo || n > hi)
		return cb_error_set(err, CB_ECONFIG,
				    _("%s:%d: %s:%s = %ld is out of range (expected %d to %d)"),
				    f->path, e->line, e->section, e->key, n, lo, hi);
	*out = (int)n;
	return CB_OK;
}

/* The following leave *out/buf untouched when the key is absent, so the
 * caller presets the default. */
int ini_text(const ini_file *f, const char *section, const char *key, char *buf, size_t cap,
	     cb_error *err)
{
	const ini_entry *e = ini_find(f, section, key);
	return e ? ini_entry_text(f, e, buf, cap, err) : CB_OK;
}

int ini_int(const ini_file *f, const char *section, const char *key, int lo, int hi, int *out,
	    cb_error *err)
{
	const ini_entry *e = ini_find(f, section, key);
	return e ? ini_entry_int(f, e, lo, hi, out, err) : CB_OK;
}

/* One of choices (NULL-terminated), compared exactly; *out = its index. */
int ini_choice(const ini_file *f, const char *section, const char *key, const char *const *choices,
	       int *out, cb_error *err)
{
	const ini_entry *e = ini_find(f, section, key);
	char expected[200], shown[64];
	size_t n;

	if (!e)
		return CB_OK;
	for (n = 0; choices[n]; n++)
		if (strcmp(choices[n], e->value) == 0) {
			*out = (int)n;
			return CB_OK;
		}
	ini_join(expected, sizeof expected, choices, n, sizeof choices[0]);
	return cb_error_set(err, CB_ECONFIG, _("%s:%d: %s:%s = \"%s\": expected one of: %s"),
			    f->path, e->line, e->section, e->key,
			    ini_shown(e->value, shown, sizeof shown), expected);
}
