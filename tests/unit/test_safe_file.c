/* test_safe_file.c - files written beside their target and renamed into
 * place (safe_file.h), and configuration files judged by who could change
 * them (trust.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "safe_file.h"
#include "trust.h"

static char dir[256];

static int setup(void **state)
{
	(void)state;
	return fixture_tmpdir(dir, sizeof dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	fixture_rmtree(dir);
	return 0;
}

/* Entries in dir (., .. left out). */
static int entries(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;
	assert_non_null(d);
	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

static void slurp(const char *path, char *buf, size_t cap)
{
	FILE *f = fopen(path, "r");
	size_t n;
	assert_non_null(f);
	n = fread(buf, 1, cap - 1, f);
	buf[n] = '\0';
	fclose(f);
}

static void test_commit_writes_owner_only_file(void **state)
{
	char path[300], buf[64];
	safe_file sf;
	cb_error err;
	struct stat st;
	(void)state;

	snprintf(path, sizeof path, "%s/out.csv", dir);
	umask(0);
	assert_int_equal(safe_file_open(&sf, path, 0600, &err), CB_OK);
	umask(022);
	/* the data go to a temporary file beside the target, not to it */
	assert_false(safe_file_exists(path));
	assert_int_equal(entries(), 1);
	fputs("a,b\n", sf.fp);
	assert_int_equal(safe_file_commit(&sf, &err), CB_OK);
	slurp(path, buf, sizeof buf);
	assert_string_equal(buf, "a,b\n");
	assert_int_equal(lstat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(entries(), 1);
}

static void test_own_file_is_replaced_and_tightened(void **state)
{
	char path[300], buf[64];
	safe_file sf;
	cb_error err;
	struct stat st;
	(void)state;

	assert_int_equal(fixture_write(dir, "out.csv", "old\n"), 0);
	snprintf(path, sizeof path, "%s/out.csv", dir);
	assert_int_equal(chmod(path, 0666), 0);
	assert_int_equal(safe_file_open(&sf, path, 0600, &err), CB_OK);
	fputs("new\n", sf.fp);
	assert_int_equal(safe_file_commit(&sf, &err), CB_OK);
	slurp(path, buf, sizeof buf);
	assert_string_equal(buf, "new\n");
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
}

static void test_symlink_is_never_followed(void **state)
{
	char path[300], victim[300], buf[64];
	safe_file sf;
	cb_error err;
	(void)state;

	assert_int_equal(fixture_write(dir, "private.txt", "secret\n"), 0);
	snprintf(victim, sizeof victim, "%s/private.txt", dir);
	snprintf(path, sizeof path, "%s/out.csv", dir);
	assert_int_equal(symlink(victim, path), 0);
	assert_int_equal(safe_file_open(&sf, path, 0600, &err), CB_EACCESS);
	assert_non_null(strstr(err.msg, "out.csv"));
	slurp(victim, buf, sizeof buf);
	assert_string_equal(buf, "secret\n");
	assert_int_equal(entries(), 2); /* the link and the victim, nothing more */
}

static void test_link_planted_while_writing_is_refused(void **state)
{
	char path[300], victim[300], buf[64];
	safe_file sf;
	cb_error err;
	(void)state;

	assert_int_equal(fixture_write(dir, "private.txt", "secret\n"), 0);
	snprintf(victim, sizeof victim, "%s/private.txt", dir);
	snprintf(path, sizeof path, "%s/out.csv", dir);
	assert_int_equal(safe_file_open(&sf, path, 0600, &err), CB_OK);
	fputs("rows\n", sf.fp);
	assert_int_equal(symlink(victim, path), 0);
	assert_int_equal(safe_file_commit(&sf, &err), CB_EACCESS);
	slurp(victim, buf, sizeof buf);
	assert_string_equal(buf, "secret\n");
	assert_int_equal(entries(), 2); /* no temporary file left */
}

static void test_someone_elses_file_is_not_replaced(void **state)
{
	char path[300], buf[64];
	safe_file sf;
	cb_error err;
	(void)state;

	if (geteuid() != 0) {
		print_message("not root: cannot give a file to another user; skipped\n");
		skip();
	}
	assert_int_equal(fixture_write(dir, "out.csv", "planted\n"), 0);
	snprintf(path, sizeof path, "%s/out.csv", dir);
	assert_int_equal(chown(path, 65534, 65534), 0);
	assert_int_equal(chmod(path, 0666), 0);
	assert_int_equal(safe_file_open(&sf, path, 0600, &err), CB_EACCESS);
	assert_non_null(strstr(err.msg, "out.csv"));
	slurp(path, buf, sizeof buf);
	assert_string_equal(buf, "planted\n");
	assert_int_equal(entries(), 1);
}

static void test_abort_leaves_nothing(void **state)
{
	char path[300];
	safe_file sf;
	cb_error err;
	(void)state;

	snprintf(path, sizeof path, "%s/out.csv", dir);
	assert_int_equal(safe_file_open(&sf, path, 0600, &err), CB_OK);
	fputs("half\n", sf.fp);
	safe_file_abort(&sf);
	assert_int_equal(entries(), 0);
}

/* ---- trust.h ------------------------------------------------------------- */

static void test_config_writable_by_others_is_refused(void **state)
{
	struct stat st;
	cb_error err;
	(void)state;

	memset(&st, 0, sizeof st);
	st.st_uid = getuid();
	st.st_mode = S_IFREG | 0644;
	assert_int_equal(trust_check_stat(&st, "/x/canbo.ini", false, &err), CB_OK);
	st.st_mode = S_IFREG | 0664;
	assert_int_equal(trust_check_stat(&st, "/x/canbo.ini", false, &err), CB_ECONFIG);
	assert_non_null(strstr(err.msg, "/x/canbo.ini"));
	assert_non_null(strstr(err.msg, "chmod go-w"));
	st.st_mode = S_IFREG | 0646;
	assert_int_equal(trust_check_stat(&st, "/x/canbo.ini", false, &err), CB_ECONFIG);
	/* a sticky directory (like /tmp) lets nobody replace another's file */
	st.st_mode = S_IFDIR | 01777;
	assert_int_equal(trust_check_stat(&st, "/tmp", true, &err), CB_OK);
	st.st_mode = S_IFDIR | 0777;
	assert_int_equal(trust_check_stat(&st, "/x", true, &err), CB_ECONFIG);
}

static void test_config_of_another_owner_is_refused(void **state)
{
	struct stat st;
	cb_error err;
	(void)state;

	memset(&st, 0, sizeof st);
	st.st_mode = S_IFREG | 0644;
	st.st_uid = 0;
	assert_int_equal(trust_check_stat(&st, "/etc/canbo/canbo.ini", false, &err), CB_OK);
	st.st_uid = getuid() == 4242 ? 4243 : 4242;
	assert_int_equal(trust_check_stat(&st, "/x/canbo.ini", false, &err), CB_ECONFIG);
	assert_non_null(strstr(err.msg, "chown"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_commit_writes_owner_only_file, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_own_file_is_replaced_and_tightened, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_symlink_is_never_followed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_link_planted_while_writing_is_refused, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_someone_elses_file_is_not_replaced, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_abort_leaves_nothing, setup, teardown),
		cmocka_unit_test(test_config_writable_by_others_is_refused),
		cmocka_unit_test(test_config_of_another_owner_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
