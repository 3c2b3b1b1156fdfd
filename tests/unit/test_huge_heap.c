/* test_huge_heap.c - huge_heap_start, run first as main runs it: the
 * first 2 MiB of malloc's heap are one range aligned on 2 MiB and marked
 * for a huge page (VmFlags "hg" in /proc/self/smaps), the program's
 * allocations land in it, malloc works on past it, and a large block
 * is still served from the heap; huge_alloc's blocks are marked the
 * same way. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "huge_heap.h"

#define HUGE_BYTES ((uintptr_t)2 << 20)

static void *early; /* allocated just after huge_heap_start */

/* The flags of the mapping holding addr ("" when none is found), and
 * whether it is the program's heap (not that of an allocator of its own,
 * as under ASan or valgrind). */
static bool flags_of(uintptr_t addr, uintptr_t *lo, uintptr_t *hi, char *flags, size_t cap)
{
	bool heap = false;
	FILE *fp = fopen("/proc/self/smaps", "r");
	char line[512];
	bool in = false;
	flags[0] = '\0';
	assert_non_null(fp);
	while (fgets(line, sizeof line, fp)) {
		unsigned long a, b;
		if (sscanf(line, "%lx-%lx ", &a, &b) == 2) {
			in = addr >= a && addr < b;
			if (in) {
				*lo = a;
				*hi = b;
				heap = strstr(line, "[heap]") != NULL;
			}
		} else if (in && strncmp(line, "VmFlags:", 8) == 0) {
			snprintf(flags, cap, "%s", line + 8);
		}
	}
	fclose(fp);
	return heap;
}

/* Whether the program's allocations are on its own heap (not under ASan
 * or valgrind, which bring their own); says so when they are not. */
static bool on_the_heap(void)
{
	uintptr_t lo = 0, hi = 0;
	char flags[256];
	if (flags_of((uintptr_t)early, &lo, &hi, flags, sizeof flags))
		return true;
	fprintf(stderr, "skipped: the allocations are not on the program's heap\n");
	return false;
}

static void test_heap_begins_with_a_huge_page_range(void **state)
{
	uintptr_t lo = 0, hi = 0, at = (uintptr_t)early;
	char flags[256];
	(void)state;
	if (!on_the_heap()) /* no /proc, or malloc is not the C library's */
		skip();
	/* the first allocation sits just below the boundary; the next 2 MiB
	 * are the marked range */
	uintptr_t start = (at + HUGE_BYTES - 1) & ~(HUGE_BYTES - 1);
	assert_true(start - at < 8192);
	flags_of(start, &lo, &hi, flags, sizeof flags);
	assert_int_equal(lo, start);
	assert_true(hi >= start + HUGE_BYTES);
	assert_non_null(strstr(flags, " hg"));
}

static void test_malloc_works_across_and_past_the_range(void **state)
{
	enum { N = 4000 };
	static char *blocks[N];
	(void)state;
	/* 4000 blocks of 1 KiB: past the 2 MiB range, every byte kept */
	for (int i = 0; i < N; i++) {
		assert_non_null(blocks[i] = malloc(1024));
		memset(blocks[i], i & 0xff, 1024);
	}
	for (int i = 0; i < N; i++) {
		assert_int_equal((unsigned char)blocks[i][0], i & 0xff);
		assert_int_equal((unsigned char)blocks[i][1023], i & 0xff);
		free(blocks[i]);
	}
}

static void test_a_large_block_comes_from_the_heap(void **state)
{
	uintptr_t lo = 0, hi = 0;
	char flags[256];
	/* a window of rows of a long export: served from the heap, as malloc
	 * does once it has seen such a block freed, not mapped anew each time */
	char *big = malloc(13 << 20);
	(void)state;
	assert_non_null(big);
	if (!on_the_heap()) {
		free(big);
		skip();
	}
	bool heap = flags_of((uintptr_t)big, &lo, &hi, flags, sizeof flags);
	free(big);
	assert_true(heap);
}

/* Whether the whole 2 MiB ranges within [from, from + len) are marked. */
static bool marked(uintptr_t from, size_t len)
{
	uintptr_t lo = 0, hi = 0;
	char flags[256];
	uintptr_t a = (from + HUGE_BYTES - 1) & ~(HUGE_BYTES - 1);
	uintptr_t z = (from + len) & ~(HUGE_BYTES - 1);
	for (; a < z; a += HUGE_BYTES) {
		flags_of(a, &lo, &hi, flags, sizeof flags);
		if (!strstr(flags, " hg"))
			return false;
	}
	return true;
}

/* A large block (an import's text): its whole 2 MiB ranges are marked,
 * and it holds what is written in it like any other. */
static void test_a_large_block_is_on_huge_pages(void **state)
{
	size_t len = 24 << 20;
	unsigned char *big = huge_alloc(len);
	(void)state;
	assert_non_null(big);
	if (!on_the_heap()) {
		free(big);
		skip();
	}
	assert_true(marked((uintptr_t)big, len));
	for (size_t i = 0; i < len; i += 4096)
		big[i] = (unsigned char)(i >> 12);
	for (size_t i = 0; i < len; i += 4096)
		assert_int_equal(big[i], (unsigned char)(i >> 12));
	free(big);
}

int main(void)
{
	huge_heap_start();
	early = malloc(16);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_heap_begins_with_a_huge_page_range),
		cmocka_unit_test(test_malloc_works_across_and_past_the_range),
		cmocka_unit_test(test_a_large_block_comes_from_the_heap),
		cmocka_unit_test(test_a_large_block_is_on_huge_pages),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	free(early);
	return rc;
}
