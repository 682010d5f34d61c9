/* Writer side of u64map.  Old tables are never unmapped: a lock-free reader
 * may still be probing one. */
#define _GNU_SOURCE
#include "u64map.h"

#include <sys/mman.h>

static u64map_table *table_new(const u64map *m, size_t cap)
{
    size_t bytes = sizeof(u64map_table) + cap * sizeof(u64map_slot);
    u64map_table *t = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (t == MAP_FAILED)
        return NULL;
    t->mask = cap - 1;
    t->lo_mask = m->lo_mask;
    t->lo_shift = m->lo_shift;
    t->hi_shift = m->hi_shift;
    return t;
}

/* A new key goes into the first deleted slot of its probe sequence when
 * there is one: a key deleted and put back over and over (a recycled
 * thread handle) would otherwise lengthen its cluster by a slot each time,
 * and every probe through it, until the next rebuild.  The value is
 * stored with release so that a reader who sees it also sees the delete
 * before it (u64map_get re-checks the key). */
static void raw_put(u64map_table *t, uint64_t key, uint32_t value)
{
    size_t reuse = SIZE_MAX;
    for (size_t i = u64map_index(t, key) & t->mask;; i = (i + 1) & t->mask) {
        uint64_t k = atomic_load_explicit(&t->slots[i].key, memory_order_relaxed);
        if (k == key) {
            atomic_store_explicit(&t->slots[i].value, value, memory_order_release);
            return;
        }
        if (k == U64MAP_DELETED && reuse == SIZE_MAX)
            reuse = i;
        if (k == 0) {
            size_t at = reuse != SIZE_MAX ? reuse : i;
            atomic_store_explicit(&t->slots[at].value, value, memory_order_release);
            atomic_store_explicit(&t->slots[at].key, key, memory_order_release);
            if (at == i)
                t->used++;
            t->live++;
            return;
        }
    }
}

static bool grow(u64map *m, u64map_table *old)
{
    size_t cap = old ? (old->mask + 1) : (m->initial ? m->initial : 1024);
    if (old && old->live * 4 >= cap)
        cap *= 4;   /* mostly live: grow (by 4: fewer rehashes while a program
                     * creates its locks); mostly deleted: same size, cleaned */
    u64map_table *t = table_new(m, cap);
    if (!t)
        return false;
    for (size_t i = 0; old && i <= old->mask; i++) {
        uint64_t k = atomic_load_explicit(&old->slots[i].key, memory_order_relaxed);
        if (k && k != U64MAP_DELETED)
            raw_put(t, k, atomic_load_explicit(&old->slots[i].value, memory_order_relaxed));
    }
    atomic_store_explicit(&m->table, t, memory_order_release);
    return true;
}

bool u64map_put(u64map *m, uint64_t key, uint32_t value)
{
    u64map_table *t = atomic_load_explicit(&m->table, memory_order_relaxed);
    if (!t || (t->used + 1) * 2 > t->mask + 1) {
        if (!grow(m, t))
            return false;
        t = atomic_load_explicit(&m->table, memory_order_relaxed);
    }
    raw_put(t, key, value);
    return true;
}

bool u64map_del(u64map *m, uint64_t key)
{
    u64map_table *t = atomic_load_explicit(&m->table, memory_order_relaxed);
    if (!t)
        return false;
    for (size_t i = u64map_index(t, key) & t->mask;; i = (i + 1) & t->mask) {
        uint64_t k = atomic_load_explicit(&t->slots[i].key, memory_order_relaxed);
        if (k == key) {
            atomic_store_explicit(&t->slots[i].key, U64MAP_DELETED, memory_order_release);
            t->live--;
            return true;
        }
        if (k == 0)
            return false;
    }
}

void u64map_reset(u64map *m)
{
    atomic_store_explicit(&m->table, NULL, memory_order_release);
}

size_t u64map_bytes(const u64map *m)
{
    u64map_table *t = atomic_load_explicit(&((u64map *)m)->table, memory_order_relaxed);
    return t ? sizeof *t + (t->mask + 1) * sizeof(u64map_slot) : 0;
}

void u64map_each(const u64map *m, void (*fn)(uint64_t, uint32_t, void *), void *arg)
{
    u64map_table *t = atomic_load_explicit(&((u64map *)m)->table, memory_order_acquire);
    for (size_t i = 0; t && i <= t->mask; i++) {
        uint64_t k = atomic_load_explicit(&t->slots[i].key, memory_order_relaxed);
        if (k && k != U64MAP_DELETED)
            fn(k, atomic_load_explicit(&t->slots[i].value, memory_order_relaxed), arg);
    }
}
