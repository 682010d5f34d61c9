/* Every synchronisation object the shim has seen, by address: a dense id
 * (1..max_locks) and what the analysis knows about it.  The id is the node
 * in the lock-order graph (or, with lock_identity=class, the object points
 * at a class node keyed by its init site).  Lookups are lock-free; a new
 * object, a destroy and a free take the table's spinlock. */
#ifndef COFFMAN_LOCK_TABLE_H
#define COFFMAN_LOCK_TABLE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum coffman_obj_kind {
    COFFMAN_OBJ_MUTEX,
    COFFMAN_OBJ_RWLOCK,
    COFFMAN_OBJ_SPIN,
    COFFMAN_OBJ_COND,
    COFFMAN_OBJ_C11_MUTEX,
    COFFMAN_OBJ_C11_COND,
    COFFMAN_OBJ_CLASS,      /* a lock class (init site), not an object */
} coffman_obj_kind;

typedef struct coffman_lock_info {
    uintptr_t addr;
    uintptr_t init_pc;          /* caller of *_init, 0 when statically initialised */
    uint8_t kind;               /* coffman_obj_kind */
    _Atomic bool ever_written;  /* rwlock: taken in write mode at least once */
    _Atomic uint64_t signals;   /* cond: signal + broadcast calls */
    _Atomic uint32_t out_head;  /* lock_graph: first out-edge */
    _Atomic uint32_t in_head;   /* lock_graph: first in-edge */
    uint32_t graph_node;        /* node in the graph: itself or its class */
    uint32_t visit_epoch;       /* cycle_check scratch */
    uint32_t visit_via;
    uint32_t next_free;
} coffman_lock_info;

/* Id of addr, creating it (kind, init_pc) if new; 0 when the table is full
 * (said once on stderr) or out of memory. */
uint32_t coffman_lock_id(const void *addr, coffman_obj_kind kind, uintptr_t init_pc);
/* Id without creating; 0 if unknown. */
uint32_t coffman_lock_peek(const void *addr);
/* Graph node of a known object without creating it; 0 if unknown. */
uint32_t coffman_lock_node_peek(const void *addr);
coffman_lock_info *coffman_lock_info_of(uint32_t id);
/* The graph node for an id (the id itself, or its class node). */
static inline uint32_t coffman_lock_node(uint32_t id);
/* The object's life ended (destroy, re-init, or its memory freed): its
 * edges leave the graph and the id is recycled. */
void coffman_lock_forget(const void *addr);
/* Forget every tracked object inside [p, p+len). */
void coffman_lock_forget_range(const void *p, size_t len);
/* The same for memory about to be unmapped (munmap, dlclose): cheap when
 * no tracked object is on those pages; nothing while the shim is busy. */
void coffman_forget_unmapped(const void *addr, size_t len);
/* Cheap pre-check for free(): may [p, p+len) hold a tracked object?
 * Every free() asks, so the common answer -- no tracked object on those
 * pages -- comes from a small array of per-bucket counts (pages hashed to
 * buckets) without a call; only a non-empty bucket asks the exact map. */
enum { COFFMAN_PAGE_SHIFT = 12, COFFMAN_PAGE_BUCKET_BITS = 12 };
extern _Atomic uint32_t coffman_page_buckets[1u << COFFMAN_PAGE_BUCKET_BITS];
extern _Atomic uint32_t coffman_locks_live;
bool coffman_lock_page_tracked(uint64_t page);
static inline uint32_t coffman_page_bucket(uint64_t page)
{
    return (uint32_t)((page * 0x9E3779B97F4A7C15ull) >> (64 - COFFMAN_PAGE_BUCKET_BITS));
}
static inline bool coffman_lock_maybe_in_range(const void *p, size_t len)
{
    if (!atomic_load_explicit(&coffman_locks_live, memory_order_relaxed))
        return false;
    uint64_t first = (uintptr_t)p >> COFFMAN_PAGE_SHIFT, last = ((uintptr_t)p + len - 1) >> COFFMAN_PAGE_SHIFT;
    for (uint64_t pg = first; pg <= last; pg++)
        if (atomic_load_explicit(&coffman_page_buckets[coffman_page_bucket(pg)], memory_order_relaxed) &&
            coffman_lock_page_tracked(pg))
            return true;
    return false;
}
size_t coffman_lock_count(void);
size_t coffman_lock_table_bytes(void);
/* Iterate live objects (under the table lock). */
void coffman_lock_each(void (*fn)(uint32_t id, coffman_lock_info *info, void *arg), void *arg);
void coffman_lock_table_after_fork_child(void);
/* Serialises graph and table writers (lock_graph.c uses it too). */
void coffman_table_lock(void);
void coffman_table_unlock(void);

/* "mutex", "rwlock", ... */
const char *coffman_obj_kind_name(coffman_obj_kind kind);

static inline uint32_t coffman_lock_node(uint32_t id)
{
    coffman_lock_info *i = coffman_lock_info_of(id);
    return i ? i->graph_node : 0;
}

#endif
