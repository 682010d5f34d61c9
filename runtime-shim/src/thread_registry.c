/* Thread records: allocated from never-freed chunks, recycled through a
 * free list, found by pthread_t through a u64map. */
#define _GNU_SOURCE
#include "thread_registry.h"

#include "chain_cache.h"
#include "chunked.h"
#include "lock_table.h"
#include "shim.h"
#include "spin.h"
#include "stack_capture.h"
#include "u64map.h"

#include <string.h>
#include <time.h>
#include <unistd.h>

#define tls_self coffman_tls_self
static coffman_spin reg_lock = COFFMAN_SPIN_INIT;
static chunked records = {.elem_size = sizeof(coffman_thread)};
static uint32_t nrecords;          /* slots ever used: 1..nrecords */
static u64map by_handle = {.initial = 256};
static coffman_thread *free_head;
static uint32_t next_serial;
static atomic_size_t live;
atomic_size_t coffman_registry_in_use;
_Atomic uint32_t coffman_thread_epoch;
static chunked lifetimes = {.elem_size = sizeof(coffman_lifetime)};

bool coffman_thread_lifetime(uint32_t serial, coffman_lifetime *out)
{
    coffman_lifetime *l = chunked_peek(&lifetimes, serial);
    if (!l)
        return false;
    *out = *l;
    return true;
}

static void lifetime_begin(uint32_t serial, uint32_t creator)
{
    coffman_lifetime *l = chunked_get(&lifetimes, serial);
    uint32_t e = atomic_fetch_add(&coffman_thread_epoch, 1) + 1;
    coffman_chain_cache_invalidate();
    if (l)
        *l = (coffman_lifetime){e, creator, COFFMAN_EPOCH_ALIVE, COFFMAN_NO_THREAD};
}

void coffman_registry_joined(coffman_thread *t, uint32_t joiner)
{
    coffman_lifetime *l = chunked_peek(&lifetimes, t->serial);
    if (l) {
        l->joiner = joiner;
        l->joined = atomic_load(&coffman_thread_epoch);
    }
    atomic_fetch_add(&coffman_thread_epoch, 1);
    coffman_chain_cache_invalidate();
}

uint64_t coffman_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

const char *coffman_wait_kind_name(coffman_wait_kind kind)
{
    static const char *const names[] = {"nothing", "mutex", "rwlock (read)", "rwlock (write)", "spinlock",
                                        "condition variable", "join", "barrier", "semaphore"};
    return (unsigned)kind < COFFMAN_WAIT_KIND_COUNT ? names[kind] : "?";
}

static void release_locked(coffman_thread *t);

static uint32_t slot_of(const coffman_thread *t)
{
    for (uint32_t c = 0; c < CHUNKED_MAX_CHUNKS; c++) {
        char *base = atomic_load_explicit(&records.chunks[c], memory_order_relaxed);
        if (base && (const char *)t >= base &&
            (const char *)t < base + (records.elem_size << CHUNKED_SHIFT))
            return (c << CHUNKED_SHIFT) + (uint32_t)(((const char *)t - base) / records.elem_size);
    }
    return 0;
}

/* Caller holds reg_lock. */
static coffman_thread *take_record(void)
{
    coffman_thread *t = free_head;
    if (t) {
        free_head = t->next_free;
    } else {
        t = chunked_get(&records, nrecords + 1);
        if (!t)
            return NULL;
        nrecords++;
    }
    memset(t, 0, sizeof *t);
    coffman_held_init(&t->held);
    atomic_fetch_add(&coffman_registry_in_use, 1);
    coffman_chain_cache_invalidate();
    t->serial = next_serial++;
    atomic_store(&t->state, COFFMAN_THREAD_RUNNING);
    atomic_store(&t->in_use, true);
    return t;
}

coffman_thread *coffman_registry_new_thread(void)
{
    coffman_busy++;
    coffman_spin_lock(&reg_lock);
    coffman_thread *t = take_record();
    if (t) {
        atomic_fetch_add(&live, 1);
        coffman_thread *me = coffman_tls_self;
        lifetime_begin(t->serial, me && me != t ? me->serial : COFFMAN_NO_THREAD);
    }
    coffman_spin_unlock(&reg_lock);
    coffman_busy--;
    return t;
}

static void map_handle(coffman_thread *t)
{
    uint32_t slot = slot_of(t);
    if (slot)
        u64map_put(&by_handle, (uint64_t)t->handle | 1ull << 63, slot);
}

/* Called by the new thread itself (or lazily for unknown threads). */
static coffman_thread *adopt(coffman_thread *t)
{
    t->tid = (pid_t)gettid();
    t->handle = pthread_self();
    t->is_main = t->tid == getpid();
    coffman_spin_lock(&reg_lock);
    map_handle(t);
    coffman_spin_unlock(&reg_lock);
    tls_self = t;
    return t;
}

void coffman_registry_set_handle(coffman_thread *t, uint32_t serial, pthread_t handle)
{
    coffman_spin_lock(&reg_lock);
    /* A detached thread may already have ended and its record been reused. */
    if (atomic_load(&t->in_use) && t->serial == serial) {
        t->handle = handle;
        map_handle(t);
    }
    coffman_spin_unlock(&reg_lock);
}

coffman_thread *coffman_thread_self_peek(void) { return tls_self; }

/* A signal handler that took a lock before the new thread reached its
 * trampoline gave it a lazy record: that one is dropped for the real one. */
void coffman_thread_set_self(coffman_thread *t)
{
    coffman_thread *lazy = tls_self;
    if (lazy && lazy != t) {
        coffman_spin_lock(&reg_lock);
        if (atomic_load(&lazy->state) != COFFMAN_THREAD_FINISHED) {
            atomic_store(&lazy->state, COFFMAN_THREAD_FINISHED);
            atomic_fetch_sub(&live, 1);
        }
        release_locked(lazy);
        coffman_spin_unlock(&reg_lock);
    }
    adopt(t);
}

coffman_thread *coffman_thread_self_slow(void)
{
    coffman_thread *t = tls_self;
    if (t)
        return t;
    if (coffman_busy)
        return NULL;
    coffman_busy++;
    t = coffman_registry_new_thread();
    if (t)
        adopt(t);
    coffman_busy--;
    return t;
}

coffman_thread *coffman_registry_find(pthread_t handle)
{
    uint32_t slot;
    coffman_thread *t = NULL;
    if (u64map_get(&by_handle, (uint64_t)handle | 1ull << 63, &slot))
        t = chunked_peek(&records, slot);
    return t && atomic_load(&t->in_use) && pthread_equal(t->handle, handle) ? t : NULL;
}

void coffman_registry_foreach(bool (*fn)(coffman_thread *, void *), void *arg)
{
    coffman_spin_lock(&reg_lock);
    for (uint32_t i = 1; i <= nrecords; i++) {
        coffman_thread *t = chunked_peek(&records, i);
        if (t && atomic_load(&t->in_use) && !fn(t, arg))
            break;
    }
    coffman_spin_unlock(&reg_lock);
}

size_t coffman_registry_live_count(void) { return atomic_load(&live); }

/* Caller holds reg_lock. */
static void release_locked(coffman_thread *t)
{
    if (!atomic_load(&t->in_use))
        return;
    u64map_del(&by_handle, (uint64_t)t->handle | 1ull << 63);
    atomic_store(&t->state, COFFMAN_THREAD_JOINED);
    atomic_store(&t->in_use, false);
    atomic_fetch_sub(&coffman_registry_in_use, 1);
    coffman_chain_cache_invalidate();
    if (t->held.items != t->held.inline_items)
        coffman_held_init(&t->held);   /* the mmap'ed array is dropped: rare */
    t->next_free = free_head;
    free_head = t;
}

void coffman_registry_release(coffman_thread *t)
{
    coffman_busy++;
    coffman_spin_lock(&reg_lock);
    release_locked(t);
    coffman_spin_unlock(&reg_lock);
    coffman_busy--;
}

void coffman_registry_thread_finished(coffman_thread *t)
{
    coffman_spin_lock(&reg_lock);
    if (atomic_load(&t->state) != COFFMAN_THREAD_FINISHED) {
        atomic_store(&t->state, COFFMAN_THREAD_FINISHED);
        atomic_fetch_sub(&live, 1);
        coffman_thread_progress(t);
        /* A detached thread is gone for good, unless it still holds locks
         * that others may wait for (the monitor needs to see the owner). */
        if (atomic_load(&t->detached) && t->held.len == 0)
            release_locked(t);
    }
    coffman_spin_unlock(&reg_lock);
    if (tls_self == t) {
        tls_self = NULL;
        coffman_busy++;   /* TLS destructors after this are not tracked */
    }
}

void coffman_thread_block(coffman_thread *t, coffman_wait_kind kind, const void *obj, const void *obj2,
                          bool timed)
{
    coffman_busy++;
    uint32_t stack = coffman_capture_stack_id(0);
    coffman_busy--;
    atomic_store_explicit(&t->wait_kind, kind, memory_order_relaxed);
    atomic_store_explicit(&t->wait_obj, obj, memory_order_relaxed);
    atomic_store_explicit(&t->wait_obj2, obj2, memory_order_relaxed);
    atomic_store_explicit(&t->wait_timed, timed, memory_order_relaxed);
    atomic_store_explicit(&t->wait_stack, stack, memory_order_relaxed);
    atomic_store_explicit(&t->wait_pc, 0, memory_order_relaxed);
    atomic_store_explicit(&t->wait_since_ns, coffman_now_ns(), memory_order_relaxed);
    atomic_store_explicit(&t->state, COFFMAN_THREAD_BLOCKED, memory_order_release);
    coffman_monitor_ensure();
}

void coffman_thread_block_fast(coffman_thread *t, coffman_wait_kind kind, const void *obj, uintptr_t pc,
                               bool timed)
{
    atomic_store_explicit(&t->wait_kind, kind, memory_order_relaxed);
    atomic_store_explicit(&t->wait_obj, obj, memory_order_relaxed);
    atomic_store_explicit(&t->wait_obj2, NULL, memory_order_relaxed);
    atomic_store_explicit(&t->wait_timed, timed, memory_order_relaxed);
    atomic_store_explicit(&t->wait_stack, 0, memory_order_relaxed);
    atomic_store_explicit(&t->wait_pc, pc, memory_order_relaxed);
    atomic_store_explicit(&t->wait_since_ns, coffman_now_ns(), memory_order_relaxed);
    atomic_store_explicit(&t->state, COFFMAN_THREAD_BLOCKED, memory_order_release);
}

void coffman_thread_block_with(coffman_thread *t, coffman_wait_kind kind, const void *obj, const void *obj2,
                               bool timed, uintptr_t pc, uint32_t stack)
{
    atomic_store_explicit(&t->wait_kind, kind, memory_order_relaxed);
    atomic_store_explicit(&t->wait_obj, obj, memory_order_relaxed);
    atomic_store_explicit(&t->wait_obj2, obj2, memory_order_relaxed);
    atomic_store_explicit(&t->wait_timed, timed, memory_order_relaxed);
    atomic_store_explicit(&t->wait_stack, stack, memory_order_relaxed);
    atomic_store_explicit(&t->wait_pc, pc, memory_order_relaxed);
    atomic_store_explicit(&t->wait_since_ns, coffman_now_ns(), memory_order_relaxed);
    atomic_store_explicit(&t->state, COFFMAN_THREAD_BLOCKED, memory_order_release);
    coffman_monitor_ensure();
}

void coffman_thread_wait_stack_now(coffman_thread *t)
{
    coffman_busy++;
    uint32_t stack = coffman_capture_stack_id(0);
    coffman_busy--;
    atomic_store_explicit(&t->wait_stack, stack, memory_order_relaxed);
    coffman_monitor_ensure();
}

void coffman_thread_unblock(coffman_thread *t)
{
    atomic_store_explicit(&t->state, COFFMAN_THREAD_RUNNING, memory_order_release);
    atomic_store_explicit(&t->wait_kind, COFFMAN_WAIT_NONE, memory_order_relaxed);
    coffman_thread_progress(t);
}

uint64_t coffman_cond_signal_count(const void *cond)
{
    coffman_lock_info *i = coffman_lock_info_of(coffman_lock_peek(cond));
    return i ? atomic_load_explicit(&i->signals, memory_order_relaxed) : 0;
}

void coffman_registry_after_fork_child(void)
{
    coffman_thread *me = tls_self;
    coffman_spin_reset(&reg_lock);
    u64map_reset(&by_handle);
    free_head = NULL;
    for (uint32_t i = 1; i <= nrecords; i++) {
        coffman_thread *t = chunked_peek(&records, i);
        if (!t || t == me)
            continue;
        atomic_store(&t->in_use, false);
        atomic_store(&t->state, COFFMAN_THREAD_JOINED);
        t->next_free = free_head;
        free_head = t;
    }
    atomic_store(&live, 0);
    atomic_store(&coffman_registry_in_use, me ? 1 : 0);
    coffman_chain_cache_invalidate();
    if (me) {
        atomic_store(&me->state, COFFMAN_THREAD_RUNNING);
        coffman_held_clear(&me->held);   /* the graph it pointed into is gone */
        me->is_main = true;
        atomic_store(&live, 1);
        adopt(me);
    }
}
