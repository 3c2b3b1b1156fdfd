/* fixture.h - shared helpers of the unit tests: temporary files and the
 * path of the source tree (for the shipped configuration). */
#ifndef CANBO_TEST_FIXTURE_H
#define CANBO_TEST_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The source tree: $CANBO_SOURCE_DIR (set by make) or ".". */
static inline const char *fixture_source_dir(void)
{
	const char *d = getenv("CANBO_SOURCE_DIR");
	return d && *d ? d : ".";
}

/* A fresh temporary directory; the path is written to buf. */
static inline char *fixture_tmpdir(char *buf, size_t cap)
{
	snprintf(buf, cap, "/tmp/canbo-test-XXXXXX");
	return mkdtemp(buf);
}

/* Writes text to dir/name; returns 0 on success. */
static inline int fixture_write(const char *dir, const char *name, const char *text)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	fputs(text, f);
	return fclose(f);
}

/* Removes a temporary directory tree. */
static inline void fixture_rmtree(const char *dir)
{
	char cmd[4200];
	if (strncmp(dir, "/tmp/canbo-test-", 16) != 0)
		return;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
}

#endif
