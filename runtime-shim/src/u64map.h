/* An open-addressing hash map from non-zero 64-bit keys to 32-bit values,
 * built for the shim's fast path: lookups are lock-free (two loads and a
 * compare per probe on a compact 16-byte slot), writes happen under the
 * caller's spinlock.  Growth publishes a new table and keeps the old one
 * readable, so a reader racing with a writer at worst misses a fresh key
 * and takes the (locked) slow path, which looks again. */
#ifndef COFFMAN_U64MAP_H
#define COFFMAN_U64MAP_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct u64map_slot {
    _Atomic uint64_t key;    /* 0 empty, UINT64_MAX deleted */
    _Atomic uint32_t value;
} u64map_slot;

typedef struct u64map_table {
    size_t mask;
    uint64_t lo_mask;
    uint8_t lo_shift, hi_shift;
    size_t used;             /* live + deleted */
    size_t live;
    u64map_slot slots[];
} u64map_table;

/* The index keeps locality where keys have it: the low bits of a key
 * (key & lo_mask) >> lo_shift are added to a hash of its high bits, so
 * objects next to each other in memory (an array of mutexes), or edges
 * from one lock to locks created one after another, sit in neighbouring
 * slots and a sweep over them streams through memory instead of missing
 * the cache at every lookup.  All zero: a plain hash of the whole key. */
typedef struct u64map {
    _Atomic(u64map_table *) table;
    size_t initial;
    uint64_t lo_mask;
    uint8_t lo_shift, hi_shift;
} u64map;

#define U64MAP_DELETED UINT64_MAX

static inline size_t u64map_index(const u64map_table *t, uint64_t key)
{
    uint64_t lo = (key & t->lo_mask) >> t->lo_shift;
    uint64_t hi = t->hi_shift ? key >> t->hi_shift : key ^ (key >> 29);
    return (size_t)(lo + ((hi * 0x9E3779B97F4A7C15ull) >> 23));
}

/* Lock-free.  Returns true and the value when present. */
static inline bool u64map_get(const u64map *m, uint64_t key, uint32_t *value)
{
    u64map_table *t = atomic_load_explicit(&((u64map *)m)->table, memory_order_acquire);
    if (!t)
        return false;
    for (size_t i = u64map_index(t, key) & t->mask;; i = (i + 1) & t->mask) {
        uint64_t k = atomic_load_explicit(&t->slots[i].key, memory_order_acquire);
        if (k == key) {
            uint32_t v = atomic_load_explicit(&t->slots[i].value, memory_order_relaxed);
            /* A writer may have deleted the key and reused the slot for
             * another one since: the value counts only if the key stayed. */
            atomic_thread_fence(memory_order_acquire);
            if (atomic_load_explicit(&t->slots[i].key, memory_order_relaxed) != key)
                return u64map_get(m, key, value);
            *value = v;
            return true;
        }
        if (k == 0)
            return false;
    }
}

/* Writers (caller holds the map's lock). */
bool u64map_put(u64map *m, uint64_t key, uint32_t value);
bool u64map_del(u64map *m, uint64_t key);
void u64map_reset(u64map *m);   /* forget everything (fork child) */
size_t u64map_bytes(const u64map *m);
/* Calls fn for each live entry (caller holds the lock). */
void u64map_each(const u64map *m, void (*fn)(uint64_t key, uint32_t value, void *arg), void *arg);

#endif
