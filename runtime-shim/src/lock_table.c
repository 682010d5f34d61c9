/* Address -> lock id, with id recycling and a page filter so that free()
 * costs one probe unless the freed block's page holds a tracked lock. */
#define _GNU_SOURCE
#include "lock_table.h"

#include "chunked.h"
#include "lock_graph.h"
#include "options.h"
#include "report_emit.h"
#include "shim.h"
#include "spin.h"
#include "u64map.h"

#include <string.h>

static coffman_spin table_lock = COFFMAN_SPIN_INIT;
static u64map by_addr = {.initial = 1 << 16, .lo_mask = 0xffff, .lo_shift = 3, .hi_shift = 16};
static u64map pages = {.initial = 1024};   /* page number -> objects on it */
static chunked infos = {.elem_size = sizeof(coffman_lock_info)};
static uint32_t next_id = 1, free_head;
_Atomic uint32_t coffman_locks_live;
_Atomic uint32_t coffman_page_buckets[1u << COFFMAN_PAGE_BUCKET_BITS];
static bool full_said;

#define CLASS_TAG (1ull << 63)
#define PAGE_SHIFT COFFMAN_PAGE_SHIFT

void coffman_table_lock(void) { coffman_spin_lock(&table_lock); }
void coffman_table_unlock(void) { coffman_spin_unlock(&table_lock); }

coffman_lock_info *coffman_lock_info_of(uint32_t id)
{
    return id ? chunked_peek(&infos, id) : NULL;
}

uint32_t coffman_lock_peek(const void *addr)
{
    uint32_t id;
    return u64map_get(&by_addr, (uint64_t)(uintptr_t)addr, &id) ? id : 0;
}

uint32_t coffman_lock_node_peek(const void *addr)
{
    uint32_t id = coffman_lock_peek(addr);
    /* By address (the default) an object is its own node. */
    if (!id || coffman_opts.lock_identity != COFFMAN_IDENTITY_CLASS)
        return id;
    return coffman_lock_info_of(id)->graph_node;
}

static uint32_t alloc_id(void)
{
    if (free_head) {
        uint32_t id = free_head;
        free_head = coffman_lock_info_of(id)->next_free;
        return id;
    }
    if ((long)next_id > coffman_opts.max_locks) {
        if (!full_said) {
            full_said = true;
            coffman_notice("lock table full (max_locks=%ld): locks seen from now on are not tracked",
                           coffman_opts.max_locks);
        }
        return 0;
    }
    return chunked_get(&infos, next_id) ? next_id++ : 0;
}

static void page_add(uint64_t key, int delta)
{
    if (key & CLASS_TAG)
        return;
    atomic_fetch_add_explicit(&coffman_page_buckets[coffman_page_bucket(key >> PAGE_SHIFT)], (uint32_t)delta,
                              memory_order_relaxed);
    uint64_t page = (key >> PAGE_SHIFT) + 1;
    uint32_t n = 0;
    u64map_get(&pages, page, &n);
    n += (uint32_t)delta;
    if (n)
        u64map_put(&pages, page, n);
    else
        u64map_del(&pages, page);
}

/* Caller holds table_lock. */
static uint32_t insert(uint64_t key, coffman_obj_kind kind, uintptr_t init_pc)
{
    uint32_t id = alloc_id();
    if (!id)
        return 0;
    coffman_lock_info *info = coffman_lock_info_of(id);
    if (!info)
        return 0;
    memset(info, 0, sizeof *info);
    info->addr = (uintptr_t)(key & ~CLASS_TAG);
    info->kind = (uint8_t)kind;
    info->init_pc = init_pc;
    info->graph_node = id;
    if (!u64map_put(&by_addr, key, id)) {
        info->next_free = free_head;
        free_head = id;
        return 0;
    }
    page_add(key, 1);
    coffman_locks_live++;
    return id;
}

static uint32_t class_of(uintptr_t init_pc)
{
    uint64_t key = (uint64_t)init_pc | CLASS_TAG;
    uint32_t id;
    if (u64map_get(&by_addr, key, &id))
        return id;
    return insert(key, COFFMAN_OBJ_CLASS, init_pc);
}

uint32_t coffman_lock_id(const void *addr, coffman_obj_kind kind, uintptr_t init_pc)
{
    uint32_t id;
    if (u64map_get(&by_addr, (uint64_t)(uintptr_t)addr, &id))
        return id;
    /* A signal handler taking a lock while this thread holds the table
     * lock must pass through, not spin on it forever. */
    coffman_busy++;
    coffman_spin_lock(&table_lock);
    if (!u64map_get(&by_addr, (uint64_t)(uintptr_t)addr, &id)) {
        id = insert((uint64_t)(uintptr_t)addr, kind, init_pc);
        if (id && init_pc && coffman_opts.lock_identity == COFFMAN_IDENTITY_CLASS) {
            uint32_t cls = class_of(init_pc);
            if (cls)
                coffman_lock_info_of(id)->graph_node = cls;
        }
    }
    coffman_spin_unlock(&table_lock);
    coffman_busy--;
    return id;
}

/* Caller holds table_lock. */
static void forget_locked(uint64_t key)
{
    uint32_t id;
    if (!u64map_get(&by_addr, key, &id))
        return;
    coffman_lock_info *info = coffman_lock_info_of(id);
    if (info->graph_node == id)
        coffman_graph_remove_node_locked(id);
    u64map_del(&by_addr, key);
    page_add(key, -1);
    info->addr = 0;
    info->next_free = free_head;
    free_head = id;
    coffman_locks_live--;
}

void coffman_lock_forget(const void *addr)
{
    if (!coffman_lock_peek(addr))
        return;
    coffman_spin_lock(&table_lock);
    forget_locked((uint64_t)(uintptr_t)addr);
    coffman_spin_unlock(&table_lock);
}

bool coffman_lock_page_tracked(uint64_t page)
{
    uint32_t n;
    return u64map_get(&pages, page + 1, &n);
}

/* Caller holds table_lock.  Forgets the objects in [start, end) on one
 * page that holds tracked objects. */
static void forget_on_page(uint64_t page, uintptr_t start, uintptr_t end)
{
    uintptr_t lo = (uintptr_t)(page << PAGE_SHIFT), hi = lo + ((uintptr_t)1 << PAGE_SHIFT);
    uintptr_t a = ((lo > start ? lo : start) + 7) & ~(uintptr_t)7, stop = hi < end ? hi : end;
    for (; a + 4 <= stop; a += 8) {
        uint32_t id;
        if (u64map_get(&by_addr, a, &id))
            forget_locked(a);
    }
}

/* A huge range (an munmap of a reservation) is not walked page by page:
 * the tracked pages inside it are collected from the page map instead. */
enum { RANGE_WALK_PAGES = 1 << 16, COLLECT = 64 };

typedef struct {
    uint64_t first, last;   /* page numbers */
    uint64_t found[COLLECT];
    size_t n;
} page_collect;

static void collect_page(uint64_t key, uint32_t value, void *arg)
{
    (void)value;
    page_collect *c = arg;
    uint64_t page = key - 1;
    if (page >= c->first && page <= c->last && c->n < COLLECT)
        c->found[c->n++] = page;
}

void coffman_lock_forget_range(const void *p, size_t len)
{
    if (!len)
        return;
    uintptr_t start = (uintptr_t)p, end = start + len < start ? UINTPTR_MAX : start + len;
    uint64_t first = start >> PAGE_SHIFT, last = (end - 1) >> PAGE_SHIFT;
    coffman_spin_lock(&table_lock);
    if (last - first < RANGE_WALK_PAGES) {
        for (uint64_t pg = first; pg <= last; pg++)
            if (coffman_lock_page_tracked(pg))
                forget_on_page(pg, start, end);
    } else {
        /* A page at either end may stay tracked (objects outside the
         * range): stop when a pass forgets nothing. */
        page_collect c = {.first = first, .last = last};
        uint32_t before;
        do {
            before = coffman_locks_live;
            c.n = 0;
            u64map_each(&pages, collect_page, &c);
            for (size_t i = 0; i < c.n; i++)
                forget_on_page(c.found[i], start, end);
        } while (c.n == COLLECT && coffman_locks_live != before);
    }
    coffman_spin_unlock(&table_lock);
}

void coffman_forget_unmapped(const void *addr, size_t len)
{
    if (!coffman_active || coffman_busy || !len)
        return;
    if ((len >> PAGE_SHIFT) < RANGE_WALK_PAGES && !coffman_lock_maybe_in_range(addr, len))
        return;
    coffman_busy++;
    coffman_lock_forget_range(addr, len);
    coffman_busy--;
}

size_t coffman_lock_count(void) { return coffman_locks_live; }

size_t coffman_lock_table_bytes(void)
{
    return u64map_bytes(&by_addr) + u64map_bytes(&pages) + (size_t)next_id * sizeof(coffman_lock_info);
}

void coffman_lock_each(void (*fn)(uint32_t, coffman_lock_info *, void *), void *arg)
{
    for (uint32_t id = 1; id < next_id; id++) {
        coffman_lock_info *i = coffman_lock_info_of(id);
        if (i && i->addr)
            fn(id, i, arg);
    }
}

void coffman_lock_table_after_fork_child(void)
{
    coffman_spin_reset(&table_lock);
    u64map_reset(&by_addr);
    u64map_reset(&pages);
    chunked_reset(&infos);
    next_id = 1;
    free_head = 0;
    coffman_locks_live = 0;
    memset(coffman_page_buckets, 0, sizeof coffman_page_buckets);
}

const char *coffman_obj_kind_name(coffman_obj_kind kind)
{
    static const char *const names[] = {"mutex", "rwlock", "spinlock", "condition variable",
                                        "mtx_t", "cnd_t", "lock class"};
    return (unsigned)kind < sizeof names / sizeof names[0] ? names[kind] : "object";
}
