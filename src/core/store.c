/* store.c - opening the database, migrations, transactions, audit rows.
 *
 * Every write in canbo goes: store_begin (BEGIN IMMEDIATE, so the write
 * lock is taken up front and a busy peer makes us wait up to the busy
 * timeout instead of failing half-way), the change, its store_audit row,
 * store_commit. Anything failing in between is rolled back by the caller.
 */
#include "access.h"
#include "store_internal.h"

#include "audit.h"
#include "trust.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "text.h"

#define BUSY_TIMEOUT_MS 5000

int store_fail(store *s, cb_error *err, const char *what)
{
	const char *detail = s && s->db ? sqlite3_errmsg(s->db) : "";
	int code = s && s->db ? sqlite3_errcode(s->db) : SQLITE_ERROR;

	switch (code & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return cb_error_set(
			err, CB_EDB,
			_("%s: the database is busy (another user is saving); try again"), what);
	case SQLITE_FULL:
		return cb_error_set(err, CB_EDB, _("%s: the disk is full; nothing was saved"),
				    what);
	case SQLITE_READONLY:
	case SQLITE_PERM:
		return cb_error_set(err, CB_EACCESS, _("%s: the database is read-only for you"),
				    what);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return cb_error_set(err, CB_EDB,
				    _("%s: the file is not a canbo database or is damaged"), what);
	default:
		return cb_error_set(err, CB_EDB, _("%s: database error: %s"), what, detail);
	}
}

sqlite3_stmt *store_prepare(store *s, const char *sql, cb_error *err)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		store_fail(s, err, _("Preparing a query"));
		return NULL;
	}
	return st;
}

int store_bind_text(sqlite3_stmt *st, int idx, const char *text)
{
	if (!text)
		return sqlite3_bind_null(st, idx);
	return sqlite3_bind_text(st, idx, text, -1, SQLITE_TRANSIENT);
}

void store_column_copy(sqlite3_stmt *st, int col, char *buf, size_t cap)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	size_t n = t ? (size_t)sqlite3_column_bytes(st, col) : 0;
	if (n >= cap)
		n = cap - 1; /* columns are validated on entry to fit their buffer */
	if (n)
		memcpy(buf, t, n);
	buf[n] = '\0';
}

static int exec(store *s, const char *sql, cb_error *err, const char *what)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(s, err, what);
	return CB_OK;
}

int store_schema_version(store *s)
{
	sqlite3_stmt *st;
	int v = -1;
	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Applies the missing migrations up to target, each in its own
 * transaction together with the user_version bump, so a crash leaves the
 * database at a whole version. */
static int migrate(store *s, int target, cb_error *err);

/* Nothing a migration writes is an office's change to send (sync.h). */
int store_migrate_to(store *s, int target, cb_error *err)
{
	bool mute = s->sync_mute;
	s->sync_mute = true;
	int rc = migrate(s, target, err);
	s->sync_mute = mute;
	s->sync_state = SYNC_UNKNOWN;
	return rc;
}

static int migrate(store *s, int target, cb_error *err)
{
	int v = store_schema_version(s);
	if (v < 0)
		return store_fail(s, err, _("Reading the schema version"));
	if (v > store_migration_count)
		return cb_error_set(err, CB_EDB,
				    _("The database was written by a newer canbo (schema %d; this "
				      "program knows up to %d)"),
				    v, store_migration_count);
	for (; v < target && v < store_migration_count; v++) {
		char pragma[64];
		int rc = store_begin(s, err);
		if (rc)
			return rc;
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
		if ((rc = exec(s, store_migrations[v], err, _("Upgrading the database"))) ||
		    (rc = exec(s, pragma, err, _("Upgrading the database")))) {
			store_rollback(s);
			return rc;
		}
		if ((rc = store_commit(s, err)))
			return rc;
	}
	return CB_OK;
}

int store_ensure_indexes(store *s, cb_error *err)
{
	return exec(s, store_cadre_indexes, err, _("Creating indexes"));
}

/* Copies n bytes of SQLite text into buf (NUL-terminated), or into a
 * malloc'd copy when buf is too small; NULL if out of memory. */
static char *collate_text(const void *p, int n, char *buf, size_t cap)
{
	char *t = (size_t)n < cap ? buf : malloc((size_t)n + 1);
	if (t) {
		memcpy(t, p, (size_t)n);
		t[n] = '\0';
	}
	return t;
}

/* The collation VI: Vietnamese alphabetical order (text_compare), so that
 * "ORDER BY name COLLATE VI" puts Đ after D and "Ủy ban" after "Tỉnh ủy"
 * instead of byte order. Equal texts in that order fall back to byte
 * order, so the order is total and stable. */
static int collate_vi(void *unused, int na, const void *a, int nb, const void *b)
{
	char ba[256], bb[256];
	char *ta = collate_text(a, na, ba, sizeof ba), *tb = collate_text(b, nb, bb, sizeof bb);
	int r;

	(void)unused;
	if (ta && tb)
		r = text_compare(ta, tb);
	else
		r = 0;
	if (r == 0) {
		r = memcmp(a, b, (size_t)(na < nb ? na : nb));
		if (r == 0)
			r = (na > nb) - (na < nb);
	}
	if (ta != ba)
		free(ta);
	if (tb != bb)
		free(tb);
	return r;
}

static void find_user(store *s)
{
	struct passwd *pw = getpwuid(getuid());
	snprintf(s->user, sizeof s->user, "%s", pw && pw->pw_name ? pw->pw_name : "?");
}

/* Whether an open database is an older canbo database: schema 1 up to
 * the one before this program's, with its cadre table (a version of 0 is
 * a new file or not canbo's at all, and is never upgraded from a reader). */
static bool older_schema(store *s)
{
	sqlite3_stmt *st;
	int v = store_schema_version(s);
	bool cadres = false;
	if (v < 1 || v >= store_migration_count)
		return false;
	if (sqlite3_prepare_v2(
		    s->db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'cadre'",
		    -1, &st, NULL) != SQLITE_OK)
		return false;
	cadres = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return cadres;
}

/* Whether a reader must open the file as immutable: in a directory it
 * cannot write, SQLite cannot create the -shm file a WAL database needs
 * even to be read. When neither -wal nor -shm is there, no writer has the
 * file open (a writer keeps both while it runs), so the file is whole and
 * is read as it is. */
static bool read_as_immutable(const char *path)
{
	char dir[PATH_MAX], side[PATH_MAX + 8];
	const char *slash = strrchr(path, '/');
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else
		snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path), path);
	if (faccessat(AT_FDCWD, dir, W_OK, AT_EACCESS) == 0)
		return false;
	snprintf(side, sizeof side, "%s-wal", path);
	if (access(side, F_OK) == 0)
		return false;
	snprintf(side, sizeof side, "%s-shm", path);
	return access(side, F_OK) != 0;
}

/* "file:PATH?immutable=1", PATH escaped as a URI wants. */
static void immutable_uri(const char *path, char *uri, size_t cap)
{
	size_t n = (size_t)snprintf(uri, cap, "file:");
	for (const char *p = path; *p && n + 4 < cap; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			n += (size_t)snprintf(uri + n, cap - n, "%%%02X", (unsigned char)*p);
		else
			uri[n++] = *p;
	}
	snprintf(uri + n, cap - n, "?immutable=1");
}

/* SQLite counts every allocation under a global mutex, for
 * sqlite3_memory_used(), which canbo never asks: without the count a
 * `find` spends some 5 % fewer instructions. The pages a lookup reads go
 * to one block (store_pages.c, store_expect_lookups), a page fault or so
 * instead of four a page. Set before SQLite starts
 * (sqlite3_config refuses it after, harmlessly, as in a test that
 * opened a database by hand first). */
static bool lookups_only;

void store_expect_lookups(void)
{
	lookups_only = true;
}

static void sqlite_setup(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	if (lookups_only)
		store_page_cache_setup();
}

/* Opens once; a read-only open of an older canbo database sets *older
 * (when older is not NULL) and fails, for store_open to upgrade it. */
static int open_once(store **out, const char *path, int flags, bool *older, cb_error *err)
{
	store *s = calloc(1, sizeof *s);
	struct stat sb;
	int rc, oflags;

	static pthread_once_t sqlite_once = PTHREAD_ONCE_INIT;

	*out = NULL;
	if (!s)
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	pthread_once(&sqlite_once, sqlite_setup);
	if (!(flags & STORE_CREATE) && stat(path, &sb) != 0) {
		free(s);
		return cb_error_set(err, CB_EDB,
				    _("Database %s does not exist; create it with canbo init (an "
				      "empty office) or canbo demo --db FILE (a demo province)"),
				    path);
	}
	s->flags = flags;
	find_user(s);
	oflags = (flags & STORE_READONLY) ? SQLITE_OPEN_READONLY
					  : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	/* The database holds personal data: not readable by others. */
	mode_t old_mask = umask(077);
	if ((flags & STORE_READONLY) && read_as_immutable(path)) {
		char uri[3 * PATH_MAX + 32];
		immutable_uri(path, uri, sizeof uri);
		rc = sqlite3_open_v2(uri, &s->db, oflags | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI,
				     NULL);
	} else {
		rc = sqlite3_open_v2(path, &s->db, oflags | SQLITE_OPEN_NOMUTEX, NULL);
	}
	umask(old_mask);
	if (rc != SQLITE_OK) {
		cb_error_set(err, CB_EDB, _("Cannot open database %s: %s"), path,
			     s->db ? sqlite3_errmsg(s->db) : _("out of memory"));
		store_close(s);
		return CB_EDB;
	}
	/* Installed setgid (trust.h), the write-ahead log and its index are
	 * kept when the last connection closes: they stay the files laid at
	 * installation, never ones a user running canbo creates and owns. */
	if (trust_privileged()) {
		int one = 1;
		sqlite3_file_control(s->db, "main", SQLITE_FCNTL_PERSIST_WAL, &one);
	}
	sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(s->db, 1);
	if (sqlite3_create_collation_v2(s->db, "VI", SQLITE_UTF8, NULL, collate_vi, NULL) !=
	    SQLITE_OK) {
		rc = store_fail(s, err, path);
		store_close(s);
		return rc;
	}
	if ((rc = store_audit_register(s, err)) || (rc = store_scope_register(s, err))) {
		store_close(s);
		return rc;
	}
	rc = store_identify(s, path, flags & STORE_CREATE, err);
	if (!rc)
		rc = exec(s, "PRAGMA foreign_keys = ON", err, path);
	/* A database built in bulk is large: bigger pages make its b-trees
	 * shallower and its loading faster. Only a new, empty file takes the
	 * setting, and only before the journal mode is set. */
	if (!rc && (flags & STORE_BULK) && !(flags & STORE_READONLY))
		rc = exec(s, "PRAGMA page_size = 16384", err, path);
	if (!rc && !(flags & STORE_READONLY))
		rc = exec(s, "PRAGMA journal_mode = WAL", err, path);
	/* A bulk build writes each page once and reads it back rarely: a
	 * small cache keeps SQLite's working set in the processor's caches
	 * (a million-cadre demo builds faster with 16 MiB than with 256). */
	if (!rc && (flags & STORE_BULK))
		rc = exec(s, "PRAGMA synchronous = OFF; PRAGMA cache_size = -16384", err, path);
	else if (!rc)
		rc = exec(s, "PRAGMA synchronous = NORMAL", err, path);
	if (!rc && !(flags & STORE_READONLY))
		rc = store_migrate_to(s, store_migration_count, err);
	else if (!rc && store_schema_version(s) != store_migration_count) {
		if (older)
			*older = older_schema(s);
		rc = cb_error_set(err, CB_EDB,
				  _("Database %s is not a canbo database of this version"), path);
	}
	if (!rc && !(flags & (STORE_BULK | STORE_READONLY)))
		rc = store_ensure_indexes(s, err);
	if (!rc && !(flags & STORE_READONLY))
		rc = store_audit_chain_ensure(s, err);
	if (rc) {
		store_close(s);
		return rc;
	}
	*out = s;
	return CB_OK;
}

/* A read-only open (`canbo find`, `show`) of a database an older canbo
 * wrote: it is upgraded first, by one read-write open (which applies the
 * migrations and creates the indexes, each in its own transaction), and
 * then opened read-only as asked - rather than refused until the
 * application happens to open it. */
int store_open(store **out, const char *path, int flags, cb_error *err)
{
	bool older = false;
	store *rw;
	/* a file the user may only read is opened for reading: lists and
	 * screens work, and a save says the file is read-only */
	/* (effective ids: canbo may be installed setgid to the data's group) */
	if (!(flags & (STORE_READONLY | STORE_CREATE)) &&
	    faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) != 0 &&
	    (errno == EACCES || errno == EROFS || errno == EPERM))
		flags |= STORE_READONLY;
	int rc = open_once(out, path, flags, (flags & STORE_READONLY) ? &older : NULL, err);
	if (rc == CB_OK || !older)
		return rc;
	if ((rc = open_once(&rw, path, flags & ~(STORE_READONLY | STORE_CREATE | STORE_BULK), NULL,
			    err))) {
		char why[sizeof err->msg];
		snprintf(why, sizeof why, "%s", err ? err->msg : "");
		return cb_error_set(err, rc,
				    _("Database %s was written by an older canbo and could not be "
				      "upgraded: %s"),
				    path, why);
	}
	store_close(rw);
	return open_once(out, path, flags, NULL, err);
}

void store_close(store *s)
{
	if (!s)
		return;
	if (s->db) {
		if (s->in_tx)
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		store_sync_end(s);
		sqlite3_close_v2(s->db);
	}
	search_set_cache_free(s->search.set_cache);
	free(s->iv);
	free(s->riv);
	free(s->orgs);
	free(s);
}

sqlite3 *store_db(store *s)
{
	return s->db;
}

const char *store_user(store *s)
{
	return s->user;
}

const char *store_author(store *s)
{
	return s->author[0] ? s->author : s->user;
}

void store_set_author(store *s, const char *name)
{
	snprintf(s->author, sizeof s->author, "%s", name ? name : "");
}

/* Transactions nest: inside an open transaction, store_begin opens a
 * savepoint, store_commit releases it and store_rollback undoes only what
 * was done since it - so a caller can wrap many writes (an import) in one
 * transaction that commits all of them or none, while each write keeps
 * its own begin/commit. s->in_tx counts the open levels. */
int store_begin(store *s, cb_error *err)
{
	if (s->flags & STORE_READONLY)
		return cb_error_set(err, CB_EACCESS, _("The database is open read-only"));
	int rc = exec(s, s->in_tx ? "SAVEPOINT cb_nested" : "BEGIN IMMEDIATE", err,
		      _("Starting a change"));
	if (!rc && !s->in_tx)
		store_claim_id(s);
	if (!rc && !s->in_tx && (rc = store_sync_begin(s, err)))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	if (!rc)
		s->in_tx++;
	return rc;
}

int store_commit(store *s, cb_error *err)
{
	int rc = s->in_tx == 1 ? store_sync_commit(s, err) : CB_OK;
	if (!rc)
		rc = exec(s, s->in_tx > 1 ? "RELEASE cb_nested" : "COMMIT", err, _("Saving"));
	if (s->in_tx == 1)
		store_sync_end(s);
	if (rc)
		store_rollback(s);
	else if (s->in_tx > 0)
		s->in_tx--;
	return rc;
}

void store_rollback(store *s)
{
	if (s->in_tx > 1) {
		sqlite3_exec(s->db, "ROLLBACK TO cb_nested; RELEASE cb_nested", NULL, NULL, NULL);
		s->in_tx--;
		return;
	}
	if (s->in_tx)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	store_sync_end(s);
	s->in_tx = 0;
}
