/* Stack capture and the stack depot. */
#define _GNU_SOURCE
#define UNW_LOCAL_ONLY
#include "stack_capture.h"

#include "chunked.h"
#include "options.h"
#include "shim.h"
#include "spin.h"
#include "u64map.h"

#include <execinfo.h>
#include <libunwind.h>
#include <link.h>
#include <string.h>

static uintptr_t shim_lo, shim_hi;

static int find_self(struct dl_phdr_info *info, size_t size, void *arg)
{
    (void)size;
    uintptr_t me = (uintptr_t)arg;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_X))
            continue;
        uintptr_t lo = info->dlpi_addr + ph->p_vaddr, hi = lo + ph->p_memsz;
        if (me >= lo && me < hi) {
            shim_lo = lo;
            shim_hi = hi;
            return 1;
        }
    }
    return 0;
}

void coffman_stack_init(void)
{
    dl_iterate_phdr(find_self, (void *)(uintptr_t)&coffman_stack_init);
}

bool coffman_pc_in_shim(uintptr_t pc)
{
    return pc >= shim_lo && pc < shim_hi;
}

/* libunwind's unw_backtrace is the fastest unwinder here (about 0.1 us a
 * stack) once the thread has its trace cache, which takes 64 fresh pages
 * to set up (about 0.8 ms on this machine, per thread).  glibc's
 * backtrace() (libgcc's unwinder) needs no cache and costs about 1 us a
 * stack.  So a thread's first captures use glibc's: threads that capture
 * a few stacks (a pool's workers, a main that starts them) never pay for
 * the cache, and one that captures many switches before it matters. */
enum { CAPTURES_BEFORE_CACHE = 256 };
static __thread unsigned captures COFFMAN_TLS;

static int unwind(void **raw, int max)
{
    if (captures < CAPTURES_BEFORE_CACHE) {
        captures++;
        coffman_busy++;   /* its first call loads libgcc_s: allocation, locks */
        int n = backtrace(raw, max);
        coffman_busy--;
        return n;
    }
    return unw_backtrace(raw, max);
}

size_t coffman_capture_stack(uintptr_t *pcs, size_t max)
{
    void *raw[COFFMAN_STACK_MAX + 16];
    size_t want = (size_t)coffman_opts.stack_depth;
    if (want > max)
        want = max;
    int n = unwind(raw, (int)(want + 16 < sizeof raw / sizeof raw[0] ? want + 16 : sizeof raw / sizeof raw[0]));
    int i = 0;
    while (i < n && coffman_pc_in_shim((uintptr_t)raw[i]))
        i++;
    size_t out = 0;
    for (; i < n && out < want; i++)
        pcs[out++] = (uintptr_t)raw[i];
    return out;
}

/* The depot: records of (offset, length) into one big pc array. */
typedef struct { uint32_t off, len; } record;
static coffman_spin depot_lock = COFFMAN_SPIN_INIT;
static u64map by_hash = {.initial = 1024};
static chunked recs = {.elem_size = sizeof(record)};
static chunked frames = {.elem_size = sizeof(uintptr_t)};
static uint32_t next_rec = 1, next_frame;

static uint64_t hash_pcs(const uintptr_t *pcs, size_t n)
{
    uint64_t h = 1469598103934665603ull ^ n;
    for (size_t i = 0; i < n; i++)
        h = (h ^ pcs[i]) * 1099511628211ull;
    return h < 2 ? h + 2 : (h == UINT64_MAX ? h - 1 : h);
}

static bool same(uint32_t id, const uintptr_t *pcs, size_t n)
{
    const uintptr_t *have;
    size_t len;
    return coffman_stack_get(id, &have, &len) && len == n && !memcmp(have, pcs, n * sizeof *pcs);
}

/* Frames of one stack never straddle a chunk, so a stack is one array. */
static uint32_t append(const uintptr_t *pcs, size_t n)
{
    uint32_t per = 1u << CHUNKED_SHIFT;
    if ((next_frame % per) + n > per)
        next_frame += per - next_frame % per;
    uint32_t off = next_frame;
    uintptr_t *dst = chunked_get(&frames, off);
    record *r = chunked_get(&recs, next_rec);
    if (!dst || !r)
        return 0;
    memcpy(dst, pcs, n * sizeof *pcs);
    next_frame += (uint32_t)n;
    r->off = off;
    r->len = (uint32_t)n;
    return next_rec++;
}

uint32_t coffman_stack_store(const uintptr_t *pcs, size_t n)
{
    if (!n)
        return 0;
    uint64_t h = hash_pcs(pcs, n);
    uint32_t id = 0;
    coffman_spin_lock(&depot_lock);
    for (;; h = h + 1 < UINT64_MAX ? h + 1 : 2) {
        if (!u64map_get(&by_hash, h, &id)) {
            id = append(pcs, n);
            if (id)
                u64map_put(&by_hash, h, id);
            break;
        }
        if (same(id, pcs, n))
            break;
    }
    coffman_spin_unlock(&depot_lock);
    return id;
}

uint32_t coffman_capture_stack_id(int unused_skip)
{
    (void)unused_skip;
    uintptr_t pcs[COFFMAN_STACK_MAX];
    return coffman_stack_store(pcs, coffman_capture_stack(pcs, COFFMAN_STACK_MAX));
}

bool coffman_stack_get(uint32_t id, const uintptr_t **pcs, size_t *n)
{
    record *r = id ? chunked_peek(&recs, id) : NULL;
    if (!r || !r->len)
        return false;
    *pcs = chunked_peek(&frames, r->off);
    *n = r->len;
    return *pcs != NULL;
}

void coffman_stack_after_fork_child(void)
{
    /* The depot's contents stay valid in the child (same addresses); only
     * its lock may have been held by a thread that no longer exists. */
    coffman_spin_reset(&depot_lock);
}
