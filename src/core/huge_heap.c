/* huge_heap.c - the first 2 MiB of malloc's heap on one transparent huge
 * page, where the system has them.
 *
 * Every 4 KiB of memory a process touches for the first time is a page
 * fault. On a virtual machine a fault costs some 10 us (measured where
 * the benchmarks run; some 0.3 us per 4 KiB when the memory is a huge
 * page): a `find` touches some 600 KiB of heap (the configuration, the
 * schema SQLite parses, the rows of the window), some 150 faults, more
 * time than all of its instructions but the query's.
 *
 * malloc grows its heap from the program break. Before the first malloc
 * the break is moved up to just below a 2 MiB boundary (address space
 * only, nothing is touched), malloc is told to take at least 2 MiB at its first growth
 * (M_TOP_PAD, and to keep as much when it shrinks), and that range is
 * marked for a huge page. malloc copes
 * with any of this not holding (another libc, a break that cannot move,
 * huge pages off): the heap is then what it was.
 *
 * huge_alloc does the same for one large block (an import's text, its
 * packed rows, its audit entries: some 150 MiB for 100 000 rows, 38 000
 * faults, 0.4 s on such a machine): malloc takes a block that large from
 * memory not yet touched, and its whole 2 MiB ranges are marked before
 * the caller touches them. (Not SQLite's page cache under an import's
 * write lock: a huge page may have to be made by compacting memory first,
 * which on a busy machine held that lock 0.5 s longer.)
 */
#include "huge_heap.h"

#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#define HUGE_BYTES ((uintptr_t)2 << 20)
/* below this, a block is not worth a mark: it holds at most one range */
#define HUGE_BLOCK_MIN (4 * HUGE_BYTES)

void huge_heap_start(void)
{
#if defined(MADV_HUGEPAGE) && defined(M_TOP_PAD) && defined(M_MMAP_THRESHOLD)
	uintptr_t brk0 = (uintptr_t)sbrk(0), page = (uintptr_t)sysconf(_SC_PAGESIZE), start;
	void *volatile first; /* an allocation freed unused is otherwise elided */

	if (brk0 == (uintptr_t)-1 || page == (uintptr_t)-1)
		return;
	start = (brk0 + page + HUGE_BYTES - 1) & ~(HUGE_BYTES - 1);
	/* the heap begins one page below the boundary: malloc writes its
	 * first header there, and the huge range is marked before anything
	 * in it is touched (a range touched first gets small pages) */
	if (sbrk((intptr_t)(start - page - brk0)) == (void *)-1)
		return;
	mallopt(M_TOP_PAD, (int)HUGE_BYTES);
	/* the first allocation grows the heap by at least 2 MiB */
	first = malloc(1);
	if ((uintptr_t)sbrk(0) >= start + HUGE_BYTES)
		madvise((void *)start, HUGE_BYTES, MADV_HUGEPAGE);
	/* the pad stays: a free that shrinks the heap keeps 2 MiB above its
	 * top, so the huge page is never cut (address space only) */
	free(first);
	/* Setting the pad stops malloc from raising its threshold for
	 * serving a large block by a mapping of its own as it otherwise
	 * does (to the size of a large block freed, up to 32 MiB, and its
	 * trim threshold to twice that): without this, every window of
	 * rows of a long export (13 MiB) would be mapped and faulted anew.
	 * These are the values that adjustment ends at. */
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
}

void *huge_alloc(size_t size)
{
	void *p = malloc(size);
#ifdef MADV_HUGEPAGE
	if (p && size >= HUGE_BLOCK_MIN) {
		uintptr_t from = ((uintptr_t)p + HUGE_BYTES - 1) & ~(HUGE_BYTES - 1);
		uintptr_t to = ((uintptr_t)p + size) & ~(HUGE_BYTES - 1);
		if (to > from) /* a failure leaves the block as it was */
			madvise((void *)from, to - from, MADV_HUGEPAGE);
	}
#endif
	return p;
}
