/* The lock-order graph, cycle detection and each false-positive rule,
 * driven through the same inline lock events the interposers use. */
#define _GNU_SOURCE
#include "cycle_check.h"
#include "lock_events.h"
#include "lock_fast.h"
#include "lock_graph.h"
#include "lock_table.h"
#include "options.h"
#include "thread_registry.h"
#include "u64map.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static int cycles;
/* Threads are created up front: orders count only when they could meet,
 * i.e. when made while other threads were alive (see the
 * never_concurrent tests). */
static coffman_thread *pool[8];
static int next_thread;

static coffman_thread *thread(void)
{
    ck_assert_int_lt(next_thread, 8);
    return pool[next_thread++];
}

static void make_pool(void)
{
    for (int i = 0; i < 8; i++) {
        pool[i] = coffman_registry_new_thread();
        ck_assert_ptr_nonnull(pool[i]);
    }
    next_thread = 0;
}


static size_t last_len;

static void on_cycle(const coffman_edge *const *c, size_t n)
{
    (void)c;
    cycles++;
    last_len = n;
}

static void setup(void)
{
    coffman_options_defaults(&coffman_opts);
    coffman_lock_table_after_fork_child();
    coffman_graph_after_fork_child();
    coffman_graph_cycle_hook = on_cycle;
    cycles = 0;
    last_len = 0;
    make_pool();
}

static void teardown(void)
{
    for (int i = 0; i < 8; i++)
        if (pool[i] && atomic_load(&pool[i]->state) != COFFMAN_THREAD_FINISHED) {
            coffman_held_clear(&pool[i]->held);
            coffman_registry_thread_finished(pool[i]);
        }
}

static void lock_kind(coffman_thread *t, void *m, coffman_obj_kind kind, bool write)
{
    coffman_acq a;
    coffman_before_lock(&a, t, m, kind, write, 0x1000, COFFMAN_RELOCK_COUNTS, "test");
    coffman_after_lock(&a, false);
}

static void lock(coffman_thread *t, void *m) { lock_kind(t, m, COFFMAN_OBJ_MUTEX, true); }

static void trylock(coffman_thread *t, void *m)
{
    coffman_acq a;
    coffman_prepare_try(&a, t, m, COFFMAN_OBJ_MUTEX, true, 0x1000);
    coffman_after_lock(&a, true);
}

static void unlock(coffman_thread *t, void *m) { coffman_on_unlock(t, m); }

/* The way pthread_mutex_lock/unlock go: the fast path when it takes the
 * acquisition, else the general one.  Returns whether it was fast. */
static bool fast_lock(coffman_thread *t, void *m)
{
    if (coffman_fast_acquire(t, m, COFFMAN_OBJ_MUTEX, true, 0x1000) ||
        coffman_known_acquire(t, m, COFFMAN_OBJ_MUTEX, true, 0x1000))
        return true;
    lock(t, m);
    return false;
}

static void fast_unlock(coffman_thread *t, void *m)
{
    if (!coffman_fast_release(t, m))
        unlock(t, m);
}

static bool fast_nest(coffman_thread *t, void *x, void *y)
{
    fast_lock(t, x);
    bool fast = fast_lock(t, y);
    fast_unlock(t, y);
    fast_unlock(t, x);
    return fast;
}

/* t takes x then y, then releases both. */
static void nest(coffman_thread *t, void *x, void *y)
{
    lock(t, x);
    lock(t, y);
    unlock(t, y);
    unlock(t, x);
}

static char objs[16][64];
#define A (&objs[0])
#define B (&objs[1])
#define C (&objs[2])
#define G (&objs[3])

START_TEST(inversion_between_two_threads)
{
    nest(thread(), A, B);
    ck_assert_int_eq(cycles, 0);
    nest(thread(), B, A);
    ck_assert_int_eq(cycles, 1);
    ck_assert_uint_eq(last_len, 2);
    ck_assert_uint_eq(coffman_graph_edge_count(), 2);
}
END_TEST

START_TEST(consistent_order_is_silent)
{
    for (int i = 0; i < 3; i++)
        nest(thread(), A, B);
    ck_assert_int_eq(cycles, 0);
    ck_assert_uint_eq(coffman_graph_edge_count(), 1);
}
END_TEST

START_TEST(three_lock_cycle)
{
    nest(thread(), A, B);
    nest(thread(), B, C);
    ck_assert_int_eq(cycles, 0);
    nest(thread(), C, A);
    ck_assert_int_eq(cycles, 1);
    ck_assert_uint_eq(last_len, 3);
}
END_TEST

START_TEST(cycle_reported_once)
{
    coffman_thread *t1 = thread(), *t2 = thread();
    for (int i = 0; i < 5; i++) {
        nest(t1, A, B);
        nest(t2, B, A);
    }
    ck_assert_int_eq(cycles, 1);
}
END_TEST

START_TEST(single_thread_cycle_off_by_default)
{
    coffman_thread *t = thread();
    nest(t, A, B);
    nest(t, B, A);
    ck_assert_int_eq(cycles, 0);
    /* A second thread realising one of the edges makes it real. */
    nest(thread(), B, A);
    ck_assert_int_eq(cycles, 1);
}
END_TEST

START_TEST(single_thread_cycle_on_request)
{
    coffman_opts.report_single_thread = true;
    coffman_thread *t = thread();
    nest(t, A, B);
    nest(t, B, A);
    ck_assert_int_eq(cycles, 1);
}
END_TEST

START_TEST(successful_trylock_adds_no_edge)
{
    coffman_thread *t1 = thread(), *t2 = thread();
    lock(t1, A);
    trylock(t1, B);
    unlock(t1, B);
    unlock(t1, A);
    ck_assert_uint_eq(coffman_graph_edge_count(), 0);
    nest(t2, B, A);
    ck_assert_int_eq(cycles, 0);
    /* Locks held through a trylock still order what comes after them. */
    trylock(t1, A);
    lock(t1, C);
    ck_assert_ptr_nonnull(coffman_graph_find(coffman_lock_peek(A), coffman_lock_peek(C)));
}
END_TEST

START_TEST(common_gate_lock_is_silent)
{
    coffman_thread *t1 = thread(), *t2 = thread();
    lock(t1, G);
    nest(t1, A, B);
    unlock(t1, G);
    lock(t2, G);
    nest(t2, B, A);
    unlock(t2, G);
    ck_assert_int_eq(cycles, 0);
    /* The same order once without the gate: now it can deadlock. */
    nest(t2, B, A);
    ck_assert_int_eq(cycles, 1);
}
END_TEST

START_TEST(read_read_rwlock_cycle_is_silent)
{
    coffman_thread *t1 = thread(), *t2 = thread();
    lock_kind(t1, A, COFFMAN_OBJ_RWLOCK, false);
    lock_kind(t1, B, COFFMAN_OBJ_RWLOCK, false);
    unlock(t1, B);
    unlock(t1, A);
    lock_kind(t2, B, COFFMAN_OBJ_RWLOCK, false);
    lock_kind(t2, A, COFFMAN_OBJ_RWLOCK, false);
    unlock(t2, A);
    unlock(t2, B);
    ck_assert_int_eq(cycles, 0);
}
END_TEST

START_TEST(rwlock_cycle_with_writer_reported)
{
    coffman_thread *t1 = thread(), *t2 = thread();
    lock_kind(t1, A, COFFMAN_OBJ_RWLOCK, false);
    lock_kind(t1, B, COFFMAN_OBJ_RWLOCK, true);
    unlock(t1, B);
    unlock(t1, A);
    lock_kind(t2, B, COFFMAN_OBJ_RWLOCK, false);
    lock_kind(t2, A, COFFMAN_OBJ_RWLOCK, true);
    ck_assert_int_eq(cycles, 1);
}
END_TEST

START_TEST(destroyed_lock_leaves_graph)
{
    nest(thread(), A, B);
    ck_assert_uint_eq(coffman_graph_edge_count(), 1);
    coffman_lock_forget(A);   /* pthread_mutex_destroy(A); a new mutex later reuses the address */
    ck_assert_uint_eq(coffman_graph_edge_count(), 0);
    nest(thread(), B, A);
    ck_assert_int_eq(cycles, 0);
}
END_TEST

START_TEST(freed_lock_leaves_graph)
{
    char *block = malloc(256);
    void *m1 = block + 64, *m2 = block + 128;
    nest(thread(), m1, A);
    nest(thread(), B, m2);
    ck_assert(coffman_lock_maybe_in_range(block, 256));
    coffman_lock_forget_range(block, 256);   /* free(block) without destroy */
    ck_assert_uint_eq(coffman_graph_edge_count(), 0);
    ck_assert_uint_eq(coffman_lock_peek(m1), 0);
    nest(thread(), A, m1);
    nest(thread(), m2, B);
    ck_assert_int_eq(cycles, 0);
    free(block);
}
END_TEST

START_TEST(more_than_64_held)
{
    coffman_thread *t = thread();
    static char many[300][8];
    for (int i = 0; i < 300; i++)
        lock(t, many[i]);
    ck_assert_uint_eq(t->held.len, 300);
    for (int i = 299; i >= 0; i--)
        unlock(t, many[i]);
    ck_assert_uint_eq(t->held.len, 0);
    /* Out-of-order release keeps the rest. */
    lock(t, A);
    lock(t, B);
    unlock(t, A);
    ck_assert_uint_eq(t->held.len, 1);
    ck_assert(t->held.items[0].addr == (uintptr_t)B);
}
END_TEST

START_TEST(recursive_relock_counts)
{
    coffman_thread *t = thread();
    lock(t, A);
    lock(t, A);
    ck_assert_uint_eq(t->held.len, 1);
    ck_assert_uint_eq(t->held.items[0].count, 2);
    unlock(t, A);
    ck_assert_uint_eq(t->held.len, 1);
    unlock(t, A);
    ck_assert_uint_eq(t->held.len, 0);
}
END_TEST

START_TEST(lock_classes_generalise)
{
    static char x1[8], x2[8], y1[8], y2[8];
    coffman_opts.lock_identity = COFFMAN_IDENTITY_CLASS;
    coffman_lock_id(x1, COFFMAN_OBJ_MUTEX, 0x5000);
    coffman_lock_id(x2, COFFMAN_OBJ_MUTEX, 0x5000);
    coffman_lock_id(y1, COFFMAN_OBJ_MUTEX, 0x6000);
    coffman_lock_id(y2, COFFMAN_OBJ_MUTEX, 0x6000);
    nest(thread(), x1, y1);
    nest(thread(), y2, x2);
    ck_assert_int_eq(cycles, 1);
}
END_TEST

START_TEST(addresses_do_not_generalise)
{
    static char x1[8], x2[8], y1[8], y2[8];
    coffman_lock_id(x1, COFFMAN_OBJ_MUTEX, 0x5000);
    coffman_lock_id(x2, COFFMAN_OBJ_MUTEX, 0x5000);
    coffman_lock_id(y1, COFFMAN_OBJ_MUTEX, 0x6000);
    coffman_lock_id(y2, COFFMAN_OBJ_MUTEX, 0x6000);
    nest(thread(), x1, y1);
    nest(thread(), y2, x2);
    ck_assert_int_eq(cycles, 0);
}
END_TEST

START_TEST(timed_lock_adds_no_edge)
{
    coffman_thread *t1 = thread(), *t2 = thread();
    nest(t1, A, B);
    lock(t2, B);
    coffman_acq a;
    coffman_acq_init(&a, t2, A, COFFMAN_OBJ_MUTEX, true, 0x1000);   /* what timedlock does */
    coffman_after_lock(&a, false);
    ck_assert_int_eq(cycles, 0);
    ck_assert_ptr_null(coffman_graph_find(coffman_lock_peek(B), coffman_lock_peek(A)));
}
END_TEST

START_TEST(orders_of_threads_that_never_overlap_are_silent)
{
    /* main creates t1, joins it, then creates t2: t1 and t2 never overlap. */
    teardown();
    coffman_thread *main_t = coffman_registry_new_thread();
    coffman_tls_self = main_t;
    coffman_thread *t1 = coffman_registry_new_thread();
    nest(t1, A, B);
    coffman_registry_thread_finished(t1);
    coffman_registry_joined(t1, main_t->serial);
    coffman_thread *t2 = coffman_registry_new_thread();
    nest(t2, B, A);
    ck_assert_int_eq(cycles, 0);
    /* t3, created before t2 is joined, takes A then B: it can meet t2. */
    coffman_thread *t3 = coffman_registry_new_thread();
    nest(t3, A, B);
    ck_assert_int_eq(cycles, 1);
    coffman_tls_self = NULL;
}
END_TEST

START_TEST(finished_but_unjoined_threads_can_meet)
{
    /* Both created before either is joined: t1 finishing early in this run
     * does not order it before t2 (another schedule overlaps them). */
    teardown();
    coffman_thread *main_t = coffman_registry_new_thread();
    coffman_tls_self = main_t;
    coffman_thread *t1 = coffman_registry_new_thread(), *t2 = coffman_registry_new_thread();
    nest(t1, A, B);
    coffman_registry_thread_finished(t1);
    nest(t2, B, A);
    ck_assert_int_eq(cycles, 1);
    coffman_tls_self = NULL;
}
END_TEST

START_TEST(orders_made_while_alone_are_silent)
{
    /* main takes A then B before it creates the worker, and again after
     * joining it; the worker takes B then A. */
    teardown();
    coffman_thread *main_t = coffman_registry_new_thread();
    coffman_tls_self = main_t;
    nest(main_t, A, B);
    coffman_thread *w = coffman_registry_new_thread();
    nest(w, B, A);
    ck_assert_int_eq(cycles, 0);
    coffman_registry_thread_finished(w);
    coffman_registry_joined(w, main_t->serial);
    nest(main_t, A, B);
    ck_assert_int_eq(cycles, 0);
    coffman_tls_self = NULL;
}
END_TEST

START_TEST(chain_cache_still_sees_new_threads)
{
    coffman_thread *t1 = thread(), *t2 = thread();
    for (int i = 0; i < 3; i++)
        nest(t1, A, B);
    for (int i = 0; i < 3; i++)
        nest(t2, B, A);
    ck_assert_int_eq(cycles, 1);
}
END_TEST

START_TEST(fast_path_takes_known_chains_only)
{
    coffman_thread *t1 = thread(), *t2 = thread();
    ck_assert(!fast_nest(t1, A, B));   /* new edge: the general path */
    ck_assert(fast_nest(t1, A, B));    /* the same chain again: cached */
    ck_assert(!fast_nest(t2, B, A));   /* t2's chain is new to t2 */
    ck_assert_int_eq(cycles, 1);
}
END_TEST

START_TEST(fast_path_leaves_relocks_to_the_general_path)
{
    coffman_thread *t = thread();
    fast_nest(t, A, B);
    fast_nest(t, A, B);
    fast_lock(t, A);
    ck_assert(!fast_lock(t, A));       /* relock of a held lock (counted here) */
    ck_assert_uint_eq(t->held.len, 1);
    ck_assert_uint_eq(t->held.items[0].count, 2);
    fast_unlock(t, A);
    fast_unlock(t, A);
    ck_assert_uint_eq(t->held.len, 0);
}
END_TEST

START_TEST(cached_chain_still_sees_a_new_thread)
{
    /* main takes G then A while alone, twice (the second time from the
     * chain cache); once a worker exists, the same order counts. */
    teardown();
    coffman_thread *main_t = coffman_registry_new_thread();
    coffman_tls_self = main_t;
    fast_nest(main_t, G, A);
    ck_assert(fast_nest(main_t, G, A));
    coffman_thread *w = coffman_registry_new_thread();
    fast_nest(w, A, G);
    ck_assert_int_eq(cycles, 0);
    fast_nest(main_t, G, A);
    ck_assert_int_eq(cycles, 1);
    coffman_tls_self = NULL;
}
END_TEST

START_TEST(steady_state_past_the_chain_cache_still_sees_new_threads)
{
    /* main takes an outer lock, then each of 200 inner ones (more chains
     * than the cache holds) while it is alone, twice: the second pass runs
     * on known edges.  Once a worker exists, the same orders count. */
    teardown();
    static char inner[200][64];
    coffman_thread *main_t = coffman_registry_new_thread();
    coffman_tls_self = main_t;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < 200; i++)
            fast_nest(main_t, G, inner[i]);
    coffman_thread *w = coffman_registry_new_thread();
    fast_nest(w, inner[7], G);
    ck_assert_int_eq(cycles, 0);       /* main's orders were made alone */
    fast_nest(main_t, G, inner[7]);
    ck_assert_int_eq(cycles, 1);
    coffman_tls_self = NULL;
}
END_TEST

START_TEST(free_filter_finds_locks_on_any_page_of_a_block)
{
    /* Three pages; a lock on the last one only. */
    char *block = aligned_alloc(4096, 3 * 4096);
    ck_assert(!coffman_lock_maybe_in_range(block, 3 * 4096));
    coffman_lock_id(block + 2 * 4096 + 64, COFFMAN_OBJ_MUTEX, 0);
    ck_assert(coffman_lock_maybe_in_range(block, 3 * 4096));
    ck_assert(!coffman_lock_maybe_in_range(block, 2 * 4096));   /* a block ending before it */
    coffman_lock_forget(block + 2 * 4096 + 64);
    ck_assert(!coffman_lock_maybe_in_range(block, 3 * 4096));   /* the bucket count went back */
    free(block);
}
END_TEST

START_TEST(map_reuses_deleted_slots_without_losing_keys)
{
    /* A handle deleted and put back over and over (threads created and
     * joined in a loop) among other live keys: every key keeps its value. */
    static u64map m = {.initial = 64};
    u64map_reset(&m);
    for (uint64_t k = 1; k <= 20; k++)
        ck_assert(u64map_put(&m, k * 64, (uint32_t)k));
    for (uint32_t round = 0; round < 10000; round++) {
        ck_assert(u64map_del(&m, 7 * 64));
        ck_assert(u64map_put(&m, 7 * 64, 1000 + round));
        ck_assert(!u64map_del(&m, 3 * 64 + 1));   /* absent: nothing deleted */
    }
    uint32_t v;
    for (uint64_t k = 1; k <= 20; k++) {
        ck_assert(u64map_get(&m, k * 64, &v));
        ck_assert_uint_eq(v, k == 7 ? 1000 + 9999 : k);
    }
    ck_assert_uint_le(atomic_load(&m.table)->used, 21);   /* no trail of deleted slots */
}
END_TEST

START_TEST(table_limit_is_bounded)
{
    coffman_opts.max_locks = 1024;
    static char many[2000][8];
    for (int i = 0; i < 2000; i++)
        coffman_lock_id(many[i], COFFMAN_OBJ_MUTEX, 0);
    ck_assert_uint_eq(coffman_lock_count(), 1024);
    ck_assert_uint_eq(coffman_lock_id(many[1999], COFFMAN_OBJ_MUTEX, 0), 0);
    /* Forgetting frees ids for reuse. */
    coffman_lock_forget(many[0]);
    ck_assert_uint_ne(coffman_lock_id(many[1999], COFFMAN_OBJ_MUTEX, 0), 0);
}
END_TEST

Suite *graph_suite(void)
{
    Suite *s = suite_create("graph");
    TCase *tc = tcase_create("graph");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, inversion_between_two_threads);
    tcase_add_test(tc, consistent_order_is_silent);
    tcase_add_test(tc, three_lock_cycle);
    tcase_add_test(tc, cycle_reported_once);
    tcase_add_test(tc, single_thread_cycle_off_by_default);
    tcase_add_test(tc, single_thread_cycle_on_request);
    tcase_add_test(tc, successful_trylock_adds_no_edge);
    tcase_add_test(tc, common_gate_lock_is_silent);
    tcase_add_test(tc, read_read_rwlock_cycle_is_silent);
    tcase_add_test(tc, rwlock_cycle_with_writer_reported);
    tcase_add_test(tc, destroyed_lock_leaves_graph);
    tcase_add_test(tc, freed_lock_leaves_graph);
    tcase_add_test(tc, more_than_64_held);
    tcase_add_test(tc, recursive_relock_counts);
    tcase_add_test(tc, lock_classes_generalise);
    tcase_add_test(tc, addresses_do_not_generalise);
    tcase_add_test(tc, fast_path_takes_known_chains_only);
    tcase_add_test(tc, fast_path_leaves_relocks_to_the_general_path);
    tcase_add_test(tc, cached_chain_still_sees_a_new_thread);
    tcase_add_test(tc, steady_state_past_the_chain_cache_still_sees_new_threads);
    tcase_add_test(tc, free_filter_finds_locks_on_any_page_of_a_block);
    tcase_add_test(tc, map_reuses_deleted_slots_without_losing_keys);
    tcase_add_test(tc, table_limit_is_bounded);
    tcase_add_test(tc, timed_lock_adds_no_edge);
    tcase_add_test(tc, orders_of_threads_that_never_overlap_are_silent);
    tcase_add_test(tc, orders_made_while_alone_are_silent);
    tcase_add_test(tc, finished_but_unjoined_threads_can_meet);
    tcase_add_test(tc, chain_cache_still_sees_new_threads);
    suite_add_tcase(s, tc);
    return s;
}
