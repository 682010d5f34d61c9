/* Lockdep's chain cache, per thread: "this thread held exactly these locks,
 * in this order, and took this one next, and everything the analysis
 * would learn from that is already in the graph".  A hit lets an
 * acquisition skip the graph entirely.  What the check found can stop
 * being true when a lock leaves the graph or when threads are created,
 * joined or exit (edges learn which threads ran at once); each of those
 * bumps the salt, which every cached key includes, so the whole cache of
 * every thread goes stale at once without anyone touching it. */
#ifndef COFFMAN_CHAIN_CACHE_H
#define COFFMAN_CHAIN_CACHE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

/* Two ways per set: with one, two hot chains of a program that hashed to
 * one slot (a matter of where ASLR put its locks) evicted each other on
 * every acquisition, and the same run cost 5% one time and 30% the next
 * (sqlite3). */
enum { COFFMAN_CHAIN_CACHE_SETS = 128 };

extern _Atomic uint64_t coffman_chain_salt;

/* The salt steps by a large odd constant, so that successive salts differ
 * in their high bits too and the lookup need not mix it. */
static inline void coffman_chain_cache_invalidate(void)
{
    atomic_fetch_add_explicit(&coffman_chain_salt, 0x9E3779B97F4A7C15ull, memory_order_relaxed);
}

/* The cache key of a chain (coffman_chain_mix of the held locks plus the
 * new one) under the current salt. */
static inline uint64_t coffman_chain_key(uint64_t chain)
{
    return chain ^ atomic_load_explicit(&coffman_chain_salt, memory_order_relaxed);
}

/* cache: a thread's 2 * COFFMAN_CHAIN_CACHE_SETS keys (thread_registry.h). */
static inline bool coffman_chain_cached(const uint64_t *cache, uint64_t key)
{
    const uint64_t *set = &cache[(key % COFFMAN_CHAIN_CACHE_SETS) * 2];
    return set[0] == key || set[1] == key;
}

static inline void coffman_chain_remember(uint64_t *cache, uint64_t key)
{
    uint64_t *set = &cache[(key % COFFMAN_CHAIN_CACHE_SETS) * 2];
    if (set[0] != key) {
        set[1] = set[0];
        set[0] = key;
    }
}

#endif
