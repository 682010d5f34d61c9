/* The stack of a wait, found without unwinding when possible.  A wait
 * loop blocks from one call site over and over, and every thread a pool
 * starts with one routine blocks at the same sites at the same depth
 * below its start: both reuse a stack captured before.  Unwinding is not
 * only slow: libunwind's first unwind in a thread sets up a 256 KiB
 * per-thread cache, 64 fresh pages (about 0.8 ms here), which a thread
 * pool paid for every worker. */
#ifndef COFFMAN_SITE_STACKS_H
#define COFFMAN_SITE_STACKS_H

#include "thread_registry.h"

#include <stdint.h>

/* Stack depot id of the current call, made at return address pc with the
 * caller's stack pointer sp, by thread t (0 when nothing was captured).
 * The same return address at the same stack depth is, in practice, the
 * same call chain. */
uint32_t coffman_site_stack(coffman_thread *t, uintptr_t pc, uintptr_t sp);

void coffman_site_stacks_after_fork_child(void);

#endif
