/* huge_heap.h - malloc's heap on a huge page (huge_heap.c). */
#ifndef CANBO_HUGE_HEAP_H
#define CANBO_HUGE_HEAP_H

/* First thing in main, before any malloc; does nothing where it cannot. */
void huge_heap_start(void);

#endif
