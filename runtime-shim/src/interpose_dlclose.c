/* dlclose(): a library's static locks (PTHREAD_MUTEX_INITIALIZER in its
 * .data or .bss) vanish with it, and the loader unmaps its segments with
 * its own internal munmap, which no interposer sees.  So the segments of
 * every loaded object are listed before the real dlclose; those gone
 * after it (the library and any dependency unloaded with it) have their
 * tracked locks forgotten, like freed memory.  Without this the next
 * library mapped at that address inherits the old locks' edges. */
#define _GNU_SOURCE
#include "lock_table.h"
#include "shim.h"

#include <dlfcn.h>
#include <link.h>
#include <stdlib.h>

typedef struct {
    uintptr_t base, start, len;
} segment;

typedef struct {
    segment *seg;
    size_t n, cap;
    bool failed;   /* out of memory: the list is incomplete */
} segments;

static int add_object(struct dl_phdr_info *info, size_t size, void *arg)
{
    (void)size;
    segments *s = arg;
    for (ElfW(Half) i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD || !ph->p_memsz)
            continue;
        if (s->n == s->cap) {
            size_t cap = s->cap ? s->cap * 2 : 256;
            segment *more = realloc(s->seg, cap * sizeof *more);
            if (!more)
                return s->failed = true, 1;
            s->seg = more, s->cap = cap;
        }
        s->seg[s->n++] = (segment){info->dlpi_addr, info->dlpi_addr + ph->p_vaddr, ph->p_memsz};
    }
    return 0;
}

static bool still_loaded(const segments *after, const segment *g)
{
    for (size_t i = 0; i < after->n; i++)
        if (after->seg[i].base == g->base && after->seg[i].start == g->start)
            return true;
    return false;
}

static int (*real_dlclose(void))(void *)
{
    static int (*f)(void *);
    if (!f)
        f = (int (*)(void *))dlsym(RTLD_NEXT, "dlclose");
    return f;
}

COFFMAN_EXPORT int dlclose(void *handle)
{
    int (*f)(void *) = real_dlclose();
    if (!atomic_load_explicit(&coffman_locks_live, memory_order_relaxed) || !coffman_active || coffman_busy)
        return f(handle);
    segments before = {0}, after = {0};
    coffman_busy++;
    dl_iterate_phdr(add_object, &before);
    coffman_busy--;
    int rc = f(handle);
    coffman_busy++;
    dl_iterate_phdr(add_object, &after);
    coffman_busy--;
    for (size_t i = 0; !before.failed && !after.failed && i < before.n; i++)
        if (!still_loaded(&after, &before.seg[i]))
            coffman_forget_unmapped((const void *)before.seg[i].start, before.seg[i].len);
    coffman_busy++;
    free(before.seg);
    free(after.seg);
    coffman_busy--;
    return rc;
}
