/* The locks one thread holds, innermost last.  Lives in the thread's
 * registry record; only its own thread writes it.  Starts with an inline
 * array and grows (mmap, never malloc) without limit, so a thread holding
 * hundreds of locks is tracked like one holding two. */
#ifndef COFFMAN_HELD_LOCKS_H
#define COFFMAN_HELD_LOCKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { COFFMAN_HELD_INLINE = 16 };
#define COFFMAN_NODE_NONE 0xffffffffu

typedef struct coffman_held {
    uintptr_t addr;      /* the lock object */
    uint32_t node;       /* graph node; 0 not looked up yet (only needed once
                          * another lock is taken under this one),
                          * COFFMAN_NODE_NONE untracked */
    uint32_t count;      /* recursion depth (recursive mutexes) */
    uintptr_t acq_pc;    /* caller of the lock function */
    uint32_t acq_stack;  /* stack_depot id, 0 when not captured */
    uint8_t write;       /* 1: exclusive, 0: shared (rdlock) */
    uint8_t tried;       /* acquired by a successful trylock */
    uint8_t kind;        /* coffman_obj_kind */
    uint64_t chain;      /* hash of this entry and every one below it */
} coffman_held;

/* Lockdep's chain key: one number for "these locks, in this order". */
static inline uint64_t coffman_chain_mix(uint64_t prev, uintptr_t addr, bool write)
{
    uint64_t k = (prev ^ (uint64_t)addr ^ (write ? 0x5bd1e995u : 0)) * 0x9E3779B97F4A7C15ull;
    return k ^ (k >> 29);
}

/* Recomputes the chain keys from index `from` up (after a removal). */
static inline void coffman_held_rechain(coffman_held *items, size_t len, size_t from)
{
    for (size_t i = from; i < len; i++)
        items[i].chain = coffman_chain_mix(i ? items[i - 1].chain : 0, items[i].addr, items[i].write);
}

typedef struct coffman_held_stack {
    coffman_held *items;
    size_t len, cap;
    coffman_held inline_items[COFFMAN_HELD_INLINE];
} coffman_held_stack;

void coffman_held_init(coffman_held_stack *s);
/* false when memory ran out (the lock is then simply not tracked). */
bool coffman_held_push(coffman_held_stack *s, const coffman_held *h);
/* Index of the innermost entry for addr, or -1. */
static inline long coffman_held_find(const coffman_held_stack *s, uintptr_t addr)
{
    for (size_t i = s->len; i-- > 0;)
        if (s->items[i].addr == addr)
            return (long)i;
    return -1;
}
void coffman_held_remove(coffman_held_stack *s, size_t index);
void coffman_held_clear(coffman_held_stack *s);

#endif
