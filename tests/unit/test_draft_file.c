/* test_draft_file.c - drafts kept outside the database: the private state
 * directory (0700, made with its parents), files 0600 written whole and
 * never through a planted link, only the drafts of the database at hand
 * listed, and two form instances of one user kept side by side (in files
 * and in the database). */
#include "store_fixture.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "draft_file.h"

static char home[300], dir[600], dbpath[400];

static int setup(void **state)
{
	(void)state;
	S = sf_open();
	snprintf(home, sizeof home, "%s/state", sf_dir);
	snprintf(dbpath, sizeof dbpath, "%s/t.db", sf_dir);
	setenv("XDG_STATE_HOME", home, 1);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unsetenv("XDG_STATE_HOME");
	sf_close(S);
	return 0;
}

static mode_t mode_of(const char *path)
{
	struct stat st;
	assert_int_equal(lstat(path, &st), 0);
	return st.st_mode & 07777;
}

static void test_state_directory_is_private_and_made_with_its_parents(void **state)
{
	cb_error err;
	draft_rec *r;
	size_t n;
	(void)state;
	/* reading drafts back creates nothing */
	assert_int_equal(draft_dir_path(dir, sizeof dir, &err), CB_OK);
	assert_int_equal(draft_file_list(dir, dbpath, &r, &n, &err), CB_OK);
	assert_int_equal(n, 0);
	assert_null(r);
	assert_int_equal(access(home, F_OK), -1);
	assert_int_equal(draft_dir(dir, sizeof dir, &err), CB_OK);
	assert_string_equal(strrchr(dir, '/'), "/canbo");
	assert_int_equal(mode_of(dir), 0700);
	assert_int_equal(mode_of(home), 0700);
	/* a directory others can read is refused, not used */
	assert_int_equal(chmod(dir, 0755), 0);
	assert_int_equal(draft_dir(dir, sizeof dir, &err), CB_EDB);
	assert_non_null(strstr(err.msg, "0700"));
}

static void test_two_instances_are_kept_apart_and_read_back(void **state)
{
	cb_error err;
	draft_rec *r;
	size_t n;
	char path[800];
	(void)state;
	assert_int_equal(draft_dir(dir, sizeof dir, &err), CB_OK);
	assert_int_equal(draft_file_save(dir, dbpath, "cadre#1f.1", 7, 3, "0=Nguyễn Văn A\n", &err),
			 CB_OK);
	assert_int_equal(draft_file_save(dir, dbpath, "cadre#2a.1", 7, 3, "0=Nguyễn Văn B\n", &err),
			 CB_OK);
	/* the same instance again replaces its own file */
	assert_int_equal(draft_file_save(dir, dbpath, "cadre#2a.1", 7, 4, "0=Nguyễn Văn C\n", &err),
			 CB_OK);
	/* another database's draft is not offered here */
	assert_int_equal(
		draft_file_save(dir, "/elsewhere/other.db", "plan#3.1", 1, 1, "0=x\n", &err),
		CB_OK);
	assert_int_equal(draft_file_list(dir, dbpath, &r, &n, &err), CB_OK);
	assert_int_equal(n, 2);
	assert_string_equal(r[0].form, "cadre#1f.1");
	assert_string_equal(r[0].data, "0=Nguyễn Văn A\n");
	assert_string_equal(r[1].form, "cadre#2a.1");
	assert_string_equal(r[1].data, "0=Nguyễn Văn C\n");
	assert_int_equal(r[1].row, 7);
	assert_int_equal(r[1].version, 4);
	snprintf(path, sizeof path, "%s/%s", dir, r[0].file);
	assert_int_equal(mode_of(path), 0600);
	assert_int_equal(draft_file_drop(dir, r[0].file, &err), CB_OK);
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(draft_file_drop(dir, "../t.db", &err), CB_EINVALID);
	draft_recs_free(r, n);
	assert_int_equal(draft_file_list(dir, dbpath, &r, &n, &err), CB_OK);
	assert_int_equal(n, 1);
	draft_recs_free(r, n);
}

/* A link planted under a draft's name is replaced, never written through. */
static void test_a_planted_link_is_not_followed(void **state)
{
	cb_error err;
	char victim[700], link[800], buf[64] = "";
	int fd;
	(void)state;
	assert_int_equal(draft_dir(dir, sizeof dir, &err), CB_OK);
	snprintf(victim, sizeof victim, "%s/victim", sf_dir);
	fd = open(victim, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "precious", 8), 8);
	close(fd);
	snprintf(link, sizeof link, "%s/draft-cadre_9.1.txt", dir);
	assert_int_equal(symlink(victim, link), 0);
	assert_int_equal(draft_file_save(dir, dbpath, "cadre#9.1", 1, 1, "0=x\n", &err), CB_OK);
	fd = open(victim, O_RDONLY);
	assert_int_equal(read(fd, buf, sizeof buf - 1), 8);
	close(fd);
	assert_string_equal(buf, "precious");
	struct stat st; /* the name is a file of its own now */
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISREG(st.st_mode));
}

static void test_database_keeps_every_instance_of_a_user(void **state)
{
	cb_error err;
	draft_rec *r;
	size_t n;
	(void)state;
	assert_int_equal(store_draft_save(S, "cadre#100.1", 7, 3, "0=A\n", &err), CB_OK);
	assert_int_equal(store_draft_save(S, "cadre#200.1", 7, 3, "0=B\n", &err), CB_OK);
	assert_int_equal(store_draft_list(S, &r, &n, &err), CB_OK);
	assert_int_equal(n, 2);
	assert_string_equal(r[0].file, "");
	assert_true(strcmp(r[0].data, r[1].data) != 0);
	draft_recs_free(r, n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_state_directory_is_private_and_made_with_its_parents),
		T(test_two_instances_are_kept_apart_and_read_back),
		T(test_a_planted_link_is_not_followed),
		T(test_database_keeps_every_instance_of_a_user),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
