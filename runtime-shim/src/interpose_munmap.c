/* munmap(): locks in memory that is unmapped without being destroyed
 * must leave the graph, exactly as for free() (interpose_free.c): the next
 * mapping at that address would otherwise inherit their edges and make a
 * false lock-order-inversion.  A program with no tracked lock pays one
 * load; a mapping with no tracked lock on its pages, a few loads per page. */
#define _GNU_SOURCE
#include "lock_table.h"
#include "shim.h"

#include <dlfcn.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

static int (*real_munmap)(void *, size_t);
static volatile int resolving;

static int call_real(void *addr, size_t len)
{
    int (*f)(void *, size_t) = real_munmap;
    if (!f && !resolving) {
        resolving = 1;   /* dlsym may map or unmap memory itself */
        f = real_munmap = (int (*)(void *, size_t))dlsym(RTLD_NEXT, "munmap");
        resolving = 0;
    }
    if (f)
        return f(addr, len);
    return (int)syscall(SYS_munmap, addr, len);
}

/* Before the real munmap: once the range is unmapped another thread may map
 * it again and create locks there, which must not be forgotten. */
COFFMAN_EXPORT int munmap(void *addr, size_t len)
{
    if (COFFMAN_UNLIKELY(atomic_load_explicit(&coffman_locks_live, memory_order_relaxed)))
        coffman_forget_unmapped(addr, len);
    return call_real(addr, len);
}
