/* Thread registry: one record per thread the shim has seen.
 *
 * Who uses it
 *   - the interposers (interpose_thread.c creates/ends records, the lock and
 *     wait interposers mark a thread blocked and bump its progress counter);
 *   - the deadlock monitor (wait_for_graph.c) walks blocked threads;
 *   - issue 4 (leak_report.c, watchdog.c, heartbeat.c, dump_signal.c,
 *     leaktest): thread-leak at exit, hang watchdog, dump on a signal.
 *
 * Life of a record
 *   RUNNING -> (BLOCKED <-> RUNNING)* -> FINISHED -> JOINED (recycled)
 *   A detached thread's record is recycled as soon as it finishes; a
 *   joinable one stays FINISHED until pthread_join, so "finished but never
 *   joined" is visible at exit.  Records live in memory the shim never
 *   frees, so a pointer obtained from coffman_registry_foreach stays
 *   readable forever (its contents may be reused for a later thread: check
 *   `serial` if you keep a pointer across calls).
 *
 * Threads the shim did not create (main, threads created before the shim
 * loaded) get a record lazily, on their first interposed call; their
 * start_routine is NULL and create_stack 0.  The shim's own monitor thread
 * has no record.
 *
 * Reading another thread's record is racy by design (no lock on the fast
 * path).  Fields are atomics; to trust a BLOCKED state read `progress`
 * before and after (and ideally again after a delay): a thread that is
 * really stuck does not change it.  The held-lock stack of a thread is
 * stable only while that thread is BLOCKED with an unchanged `progress`.
 *
 * Everything here is async-signal-safe except where noted; none of it calls
 * an interposed function. */
#ifndef COFFMAN_THREAD_REGISTRY_H
#define COFFMAN_THREAD_REGISTRY_H

#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "chain_cache.h"
#include "held_locks.h"
#include "shim.h"

typedef enum coffman_thread_state {
    COFFMAN_THREAD_RUNNING,
    COFFMAN_THREAD_BLOCKED,   /* in one of the waits below, see wait_* */
    COFFMAN_THREAD_FINISHED,  /* returned or pthread_exit'ed, not joined */
    COFFMAN_THREAD_JOINED,    /* joined (or detached and finished): free */
} coffman_thread_state;

/* What a BLOCKED thread waits for.  Only waits the shim intercepts. */
typedef enum coffman_wait_kind {
    COFFMAN_WAIT_NONE,
    COFFMAN_WAIT_MUTEX,
    COFFMAN_WAIT_RDLOCK,
    COFFMAN_WAIT_WRLOCK,
    COFFMAN_WAIT_SPIN,
    COFFMAN_WAIT_COND,        /* wait_obj = the cond, wait_obj2 = its mutex */
    COFFMAN_WAIT_JOIN,        /* wait_obj = the joined coffman_thread */
    COFFMAN_WAIT_BARRIER,
    COFFMAN_WAIT_SEM,
    COFFMAN_WAIT_KIND_COUNT
} coffman_wait_kind;

/* "mutex", "rwlock (read)", "condition variable", "join", ... */
const char *coffman_wait_kind_name(coffman_wait_kind kind);

typedef struct coffman_thread {
    uint32_t serial;          /* T0 = main, T1... in creation order; never reused */
    pid_t tid;                /* kernel thread id (gettid) */
    pthread_t handle;
    void *(*start_routine)(void *);
    void *start_arg;
    int (*c11_start)(void *);  /* thrd_create's routine (start_routine is then NULL-cast of it) */
    uintptr_t start_sp;       /* stack pointer where the shim called the routine; 0 unknown */
    uint32_t create_stack;    /* stack_depot id of pthread_create's caller, 0 unknown */
    uint32_t creator_serial;  /* serial of the creating thread */
    bool is_main;

    _Atomic int state;        /* coffman_thread_state */
    _Atomic bool detached;

    /* Current wait (valid while state == BLOCKED). */
    _Atomic int wait_kind;            /* coffman_wait_kind */
    _Atomic bool wait_timed;          /* a timed wait: it ends by itself */
    _Atomic(const void *) wait_obj;   /* the mutex/cond/... address */
    _Atomic(const void *) wait_obj2;  /* cond wait: the mutex */
    _Atomic uint64_t wait_since_ns;   /* coffman_now_ns() when it blocked */
    _Atomic uint32_t wait_stack;      /* stack_depot id where it blocked (0: not yet) */
    _Atomic uintptr_t wait_pc;        /* caller of the blocking function */

    /* Bumped on every lock, unlock, and every wait that ends: the hang
     * watchdog's notion of progress. */
    _Atomic uint64_t progress;

    /* Heartbeat (issue 4): 0 = not declared. */
    _Atomic uint64_t heartbeat_interval_ns;
    _Atomic uint64_t heartbeat_last_ns;

    coffman_held_stack held;  /* locks held now, innermost last */
    /* Stacks of recent condition waits by call site (site_stacks.h). */
    uintptr_t wait_cache_key[4];
    uint32_t wait_cache_id[4];
    /* Lock chains this thread already checked against the graph (lock_events.h). */
    uint64_t chain_cache[2 * COFFMAN_CHAIN_CACHE_SETS];

    /* Monitor-private: progress seen at the last scan and since when it
     * has not changed. */
    uint64_t mon_progress;
    uint64_t mon_stable_since_ns;

    /* Registry-private. */
    struct coffman_thread *next_all;
    struct coffman_thread *next_free;
    _Atomic bool in_use;
} coffman_thread;

/* The calling thread's record, created on first use (NULL only inside the
 * shim or when the registry is out of memory). */
#define coffman_tls_self (coffman_tls.self)
coffman_thread *coffman_thread_self_slow(void);
static inline coffman_thread *coffman_thread_self(void)
{
    coffman_thread *t = coffman_tls_self;
    return __builtin_expect(t != NULL, 1) ? t : coffman_thread_self_slow();
}
/* Like coffman_thread_self but never creates: NULL for an unknown thread. */
coffman_thread *coffman_thread_self_peek(void);

/* Calls fn for every record in use (RUNNING, BLOCKED or FINISHED) under the
 * registry's internal spinlock: fn must be quick and must not create or
 * end threads.  Returning false stops the walk. */
void coffman_registry_foreach(bool (*fn)(coffman_thread *t, void *arg), void *arg);
/* Records in use: threads not yet joined (running, blocked, or finished
 * and waiting for their join). 1: the calling thread is alone. */
extern atomic_size_t coffman_registry_in_use;
/* Threads RUNNING or BLOCKED (not FINISHED), the monitor excluded. */
size_t coffman_registry_live_count(void);
/* Finds the record of a pthread_t among the records in use. */
coffman_thread *coffman_registry_find(pthread_t handle);

/* Blocking bookkeeping, used by the interposers (and by anything that adds
 * an interposed wait, e.g. a pipe read in a future interposer). */
void coffman_thread_block(coffman_thread *t, coffman_wait_kind kind,
                          const void *obj, const void *obj2, bool timed);
/* Same without capturing the stack now: for waits that usually end soon
 * (a contended mutex); call coffman_thread_wait_stack_now once the wait
 * has lasted (the shim does after ~20 ms). */
void coffman_thread_block_fast(coffman_thread *t, coffman_wait_kind kind, const void *obj,
                               uintptr_t pc, bool timed);
void coffman_thread_wait_stack_now(coffman_thread *t);
/* Marks a wait whose stack is already known (a depot id). */
void coffman_thread_block_with(coffman_thread *t, coffman_wait_kind kind, const void *obj, const void *obj2,
                               bool timed, uintptr_t pc, uint32_t stack);
static inline void coffman_thread_progress(coffman_thread *t)
{
    atomic_store_explicit(&t->progress,
                          atomic_load_explicit(&t->progress, memory_order_relaxed) + 1,
                          memory_order_relaxed);
}

/* The cheapest mark, for a wait that will most likely not wait at all
 * (an uncontended mutex): no clock, no stack.  wait_since_ns stays 0
 * (readers then use the monitor's first sighting). */
static inline void coffman_thread_block_cheap(coffman_thread *t, coffman_wait_kind kind, const void *obj,
                                              uintptr_t pc)
{
    atomic_store_explicit(&t->wait_kind, kind, memory_order_relaxed);
    atomic_store_explicit(&t->wait_obj, obj, memory_order_relaxed);
    atomic_store_explicit(&t->wait_timed, false, memory_order_relaxed);
    atomic_store_explicit(&t->wait_stack, 0, memory_order_relaxed);
    atomic_store_explicit(&t->wait_pc, pc, memory_order_relaxed);
    atomic_store_explicit(&t->wait_since_ns, 0, memory_order_relaxed);
    atomic_store_explicit(&t->state, COFFMAN_THREAD_BLOCKED, memory_order_release);
}
static inline void coffman_thread_unblock_cheap(coffman_thread *t)
{
    atomic_store_explicit(&t->state, COFFMAN_THREAD_RUNNING, memory_order_release);
    coffman_thread_progress(t);
}
void coffman_thread_unblock(coffman_thread *t);

/* Cond var bookkeeping: how often a cond var was signalled or broadcast
 * (0 = never), for "this condition variable was never signalled". */
uint64_t coffman_cond_signal_count(const void *cond);

/* Thread lifetimes, for "could these two threads ever run at the same
 * time" (happens-before through pthread_create and pthread_join): a
 * global epoch counts creations and joins; for every thread (by serial,
 * known after its record is recycled) the epoch it was created at and by
 * whom, and the epoch it was joined at and by whom. */
extern _Atomic uint32_t coffman_thread_epoch;
#define COFFMAN_EPOCH_ALIVE 0xffffffffu
#define COFFMAN_NO_THREAD 0xffffffffu
typedef struct coffman_lifetime {
    uint32_t start, creator;
    uint32_t joined, joiner;   /* COFFMAN_EPOCH_ALIVE / COFFMAN_NO_THREAD until joined */
} coffman_lifetime;
bool coffman_thread_lifetime(uint32_t serial, coffman_lifetime *out);
/* t was joined by the thread `joiner` (call before releasing t). */
void coffman_registry_joined(coffman_thread *t, uint32_t joiner);

/* Monotonic clock in ns. */
uint64_t coffman_now_ns(void);

/* The monitor thread runs every tick function about every 100 ms, from
 * one internal thread started with the first pthread_create (or at
 * start-up when options need it).  Up to 8 ticks; returns false when full.
 * A tick must not take interposed locks of the program. */
typedef void (*coffman_tick_fn)(uint64_t now_ns);
bool coffman_monitor_add_tick(coffman_tick_fn fn);
/* Starts the monitor now if it is not running (idempotent). */
void coffman_monitor_ensure(void);
/* Async-signal-safe: runs the monitor's ticks now rather than at the next
 * tick. */
void coffman_monitor_wake(void);

/* Internal: called by interpose_thread.c and the fork handler. */
coffman_thread *coffman_registry_new_thread(void);
void coffman_registry_thread_finished(coffman_thread *t);
void coffman_registry_release(coffman_thread *t);
void coffman_registry_after_fork_child(void);
/* The calling thread is t (a record made by its creator). */
void coffman_thread_set_self(coffman_thread *t);
void coffman_registry_set_handle(coffman_thread *t, uint32_t serial, pthread_t handle);

#endif
