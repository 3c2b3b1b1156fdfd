/* store_pages.c - where SQLite keeps the database pages it reads: one
 * block of memory laid out once, on a huge page where the system has
 * them, rather than a malloc of its own for each page.
 *
 * A page of a canbo database is 16 KiB (the bulk-built ones) or 4 KiB;
 * each page read lands in fresh memory, and the first touch of each
 * 4 KiB of fresh memory is a page fault. On a virtual machine a fault
 * costs some 10 us (measured where the benchmarks run, against some
 * 0.3 us per 4 KiB when the memory is one transparent huge page): a
 * `find` at a million cadres reads some 100 pages, some 400 faults, a
 * third of its time. With the block on one huge page the first page read
 * costs one fault for all of them. Where huge pages are off, the block
 * is ordinary memory and costs what the mallocs did.
 *
 * The block is SQLite's page cache (SQLITE_CONFIG_PAGECACHE), shared by
 * every connection of the process; a page that does not fit it (more
 * pages than slots) is allocated by SQLite as before.
 */
#include "store_internal.h"

#include <stdint.h>
#include <sys/mman.h>

/* One huge page on x86-64 and arm64 (4 KiB base pages). */
#define BLOCK_BYTES ((size_t)2 << 20)
/* The largest page a canbo database has (PRAGMA page_size in store.c). */
#define PAGE_MAX 16384

static size_t slot_bytes(void)
{
	int header = 0;
	if (sqlite3_config(SQLITE_CONFIG_PCACHE_HDRSZ, &header) != SQLITE_OK || header < 0)
		return 0;
	return ((size_t)PAGE_MAX + (size_t)header + 7) & ~(size_t)7;
}

/* A block of `len` bytes aligned on `len` (a huge page can only back an
 * aligned range), or NULL. */
static void *aligned_block(size_t len)
{
	char *raw = mmap(NULL, 2 * len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *block;
	size_t head;
	if (raw == MAP_FAILED)
		return NULL;
	block = (char *)(((uintptr_t)raw + len - 1) & ~(uintptr_t)(len - 1));
	head = (size_t)(block - raw);
	if (head)
		munmap(raw, head);
	munmap(block + len, len - head);
	return block;
}

void store_page_cache_setup(void)
{
	size_t slot = slot_bytes();
	void *block;
	if (!slot || !(block = aligned_block(BLOCK_BYTES)))
		return;
#ifdef MADV_HUGEPAGE
	madvise(block, BLOCK_BYTES, MADV_HUGEPAGE); /* a hint: without it, plain pages */
#endif
	/* refused once SQLite has started (a test that opened a database by
	 * hand first): it then allocates each page itself, as without this */
	if (sqlite3_config(SQLITE_CONFIG_PAGECACHE, block, (int)slot, (int)(BLOCK_BYTES / slot)) !=
	    SQLITE_OK)
		munmap(block, BLOCK_BYTES);
}
