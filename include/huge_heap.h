/* huge_heap.h - malloc's heap on a huge page (huge_heap.c). */
#ifndef CANBO_HUGE_HEAP_H
#define CANBO_HUGE_HEAP_H

#include <stddef.h>

/* First thing in main, before any malloc; does nothing where it cannot. */
void huge_heap_start(void);

/* malloc(size), a large block's untouched 2 MiB ranges on huge pages
 * where the system has them; free() frees it. */
void *huge_alloc(size_t size);

#endif
