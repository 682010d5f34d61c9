/* Stacks: captured cheaply at the event (libunwind's unw_backtrace, the
 * shim's own frames dropped), stored once in a depot and named by a
 * 32-bit id; symbolized only when a report is written (symbolize.h). */
#ifndef COFFMAN_STACK_CAPTURE_H
#define COFFMAN_STACK_CAPTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { COFFMAN_STACK_MAX = 64 };

/* Fills pcs with the caller's return addresses, innermost first, the
 * shim's frames left out.  At most min(max, stack_depth) frames. */
size_t coffman_capture_stack(uintptr_t *pcs, size_t max);
/* Capture and store; 0 when nothing could be captured. */
uint32_t coffman_capture_stack_id(int unused_skip);
uint32_t coffman_stack_store(const uintptr_t *pcs, size_t n);
/* The frames of a stored stack (pointer stays valid). */
bool coffman_stack_get(uint32_t id, const uintptr_t **pcs, size_t *n);
/* Is pc inside libcoffman.so? */
bool coffman_pc_in_shim(uintptr_t pc);
void coffman_stack_init(void);
void coffman_stack_after_fork_child(void);

#endif
