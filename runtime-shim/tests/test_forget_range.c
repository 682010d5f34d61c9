/* Forgetting the locks in a removed range (free, munmap, dlclose): exact at
 * the edges of the range, and right for huge ranges, which are not walked
 * page by page. */
#define _GNU_SOURCE
#include "lock_table.h"
#include "options.h"

#include <check.h>
#include <stdint.h>

static void setup(void)
{
    coffman_options_defaults(&coffman_opts);
    coffman_lock_table_after_fork_child();
}

static void *at(uintptr_t a) { return (void *)a; }

static void track(uintptr_t a) { ck_assert_uint_ne(coffman_lock_id(at(a), COFFMAN_OBJ_MUTEX, 0), 0); }

static bool tracked(uintptr_t a) { return coffman_lock_peek(at(a)) != 0; }

START_TEST(only_locks_inside_the_range_are_forgotten)
{
    const uintptr_t page = 0x7f0000000000u;
    track(page + 0x7f8);            /* before the range, same page */
    track(page + 0x800);            /* first byte of the range */
    track(page + 0x1ff8);           /* last 8 bytes of the range */
    track(page + 0x2000);           /* first byte after it */
    coffman_lock_forget_range(at(page + 0x800), 0x1800);
    ck_assert(tracked(page + 0x7f8));
    ck_assert(!tracked(page + 0x800));
    ck_assert(!tracked(page + 0x1ff8));
    ck_assert(tracked(page + 0x2000));
    ck_assert_uint_eq(coffman_lock_count(), 2);
}
END_TEST

START_TEST(huge_range_finds_every_tracked_page)
{
    const uintptr_t base = 0x100000000000u, size = (uintptr_t)1 << 36;   /* 16M pages */
    track(base - 8);
    for (uintptr_t i = 0; i < 300; i++)   /* more pages than one collection pass takes */
        track(base + i * 0x1000000u + 0x40);
    track(base + size - 8);
    track(base + size);
    coffman_lock_forget_range(at(base), size);
    ck_assert(tracked(base - 8));
    ck_assert(tracked(base + size));
    ck_assert(!tracked(base + size - 8));
    ck_assert_uint_eq(coffman_lock_count(), 2);
}
END_TEST

START_TEST(unmapped_memory_is_cheap_to_check_when_nothing_is_tracked_there)
{
    track(0x7f0000000040u);
    ck_assert(!coffman_lock_maybe_in_range(at(0x7e0000000000u), 1 << 20));
    ck_assert(coffman_lock_maybe_in_range(at(0x7f0000000000u), 4096));
}
END_TEST

Suite *forget_range_suite(void)
{
    Suite *s = suite_create("forget_range");
    TCase *tc = tcase_create("ranges");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, only_locks_inside_the_range_are_forgotten);
    tcase_add_test(tc, huge_range_finds_every_tracked_page);
    tcase_add_test(tc, unmapped_memory_is_cheap_to_check_when_nothing_is_tracked_there);
    suite_add_tcase(s, tc);
    return s;
}
