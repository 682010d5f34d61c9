/* leaktest's API on real threads: snapshots, back-off, ignore rules and
 * the per-process check.  Runs in /proc mode, and under the shim when
 * ctest preloads libcoffman.so. */
#define _GNU_SOURCE
#include <check.h>
#include <coffman/leaktest.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct blocked {
    int fds[2];
    pthread_t thread;
} blocked;

static void *lt_blocked_main(void *arg)
{
    blocked *b = arg;
    char c;
    (void)!read(b->fds[0], &c, 1);
    return NULL;
}

static void *lt_ignored_main(void *arg)
{
    return lt_blocked_main(arg);
}

static void start_blocked(blocked *b, void *(*fn)(void *), const char *name)
{
    ck_assert_int_eq(pipe(b->fds), 0);
    ck_assert_int_eq(pthread_create(&b->thread, NULL, fn, b), 0);
    pthread_setname_np(b->thread, name);
}

static void release_blocked(blocked *b)
{
    ck_assert_int_eq(write(b->fds[1], "x", 1), 1);
    ck_assert_int_eq(pthread_join(b->thread, NULL), 0);
    close(b->fds[0]);
    close(b->fds[1]);
}

static double elapsed_ms(const struct timespec *since)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - since->tv_sec) * 1e3 +
           (double)(now.tv_nsec - since->tv_nsec) / 1e6;
}

START_TEST(no_threads_no_leak)
{
    char *report = (char *)1;
    int n = coffman_leaktest_end_report(coffman_leaktest_begin(), 100, &report);
    ck_assert_int_eq(n, 0);
    ck_assert_ptr_null(report);
}
END_TEST

START_TEST(blocked_thread_leaks_after_timeout)
{
    coffman_leaktest_snap *s = coffman_leaktest_begin();
    blocked b;
    start_blocked(&b, lt_blocked_main, "lt_blocked");
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    char *report = NULL;
    int n = coffman_leaktest_end_report(s, 150, &report);
    double waited = elapsed_ms(&t0);
    ck_assert_int_eq(n, 1);
    ck_assert_msg(waited >= 140 && waited < 2000, "waited %.0f ms", waited);
    ck_assert_ptr_nonnull(report);
    ck_assert_ptr_nonnull(strstr(report, "WARNING: coffman: thread-leak"));
    ck_assert_ptr_nonnull(strstr(report, coffman_leaktest_have_shim()
                                             ? "lt_blocked_main" : "lt_blocked"));
    free(report);
    release_blocked(&b);
}
END_TEST

/* A thread that is on its way out is not a leak: the poll waits for it. */
static void *lt_slow_main(void *arg)
{
    (void)arg;
    usleep(100 * 1000);
    return NULL;
}

START_TEST(finishing_thread_is_waited_for)
{
    coffman_leaktest_snap *s = coffman_leaktest_begin();
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_t t;
    ck_assert_int_eq(pthread_create(&t, &attr, lt_slow_main, NULL), 0);
    pthread_attr_destroy(&attr);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    ck_assert_int_eq(coffman_leaktest_end(s, 5000), 0);
    double waited = elapsed_ms(&t0);
    /* Back-off, not a fixed long sleep: done soon after the thread. */
    ck_assert_msg(waited >= 50 && waited < 1000, "waited %.0f ms", waited);
}
END_TEST

START_TEST(threads_from_before_the_snapshot_are_not_counted)
{
    blocked b;
    start_blocked(&b, lt_blocked_main, "lt_blocked");
    coffman_leaktest_snap *s = coffman_leaktest_begin();
    ck_assert_int_eq(coffman_leaktest_end(s, 50), 0);
    release_blocked(&b);
}
END_TEST

START_TEST(ignore_rule_skips_matching_thread)
{
    coffman_leaktest_snap *s = coffman_leaktest_begin();
    blocked b;
    start_blocked(&b, lt_ignored_main, "lt_ignored");
    ck_assert(coffman_leaktest_ignore("lt_ignored*"));
    char *report = NULL;
    ck_assert_int_eq(coffman_leaktest_end_report(s, 50, &report), 0);
    ck_assert_ptr_null(report);
    /* Without the rule the same thread is a leak: the rule did the work. */
    coffman_leaktest_clear_ignores();
    s = NULL;
    release_blocked(&b);

    coffman_leaktest_snap *s2 = coffman_leaktest_begin();
    start_blocked(&b, lt_ignored_main, "lt_ignored");
    ck_assert_int_eq(coffman_leaktest_end(s2, 50), 1);
    release_blocked(&b);
}
END_TEST

START_TEST(per_process_check)
{
    coffman_leaktest_ignore_current();
    blocked b;
    start_blocked(&b, lt_blocked_main, "lt_blocked");
    setenv("COFFMAN_LEAKTEST_TIMEOUT_MS", "50", 1);
    ck_assert_int_eq(coffman_leaktest_verify_main(0), 1);
    ck_assert_int_eq(coffman_leaktest_verify_main(3), 3);
    release_blocked(&b);
    ck_assert_int_eq(coffman_leaktest_verify_main(0), 0);
}
END_TEST

START_TEST(fixture_functions_report_leak)
{
    coffman_leaktest_set_per_process(false);
    setenv("COFFMAN_LEAKTEST_TIMEOUT_MS", "50", 1);
    coffman_leaktest_fixture_begin();
    blocked b;
    start_blocked(&b, lt_blocked_main, "lt_blocked");
    char *summary = NULL;
    ck_assert_int_eq(coffman_leaktest_fixture_end(&summary), 1);
    ck_assert_ptr_nonnull(summary);
    ck_assert_ptr_nonnull(strstr(summary, "coffman leaktest: 1 thread(s) leaked"));
    free(summary);
    release_blocked(&b);

    coffman_leaktest_set_per_process(true);
    coffman_leaktest_fixture_begin();
    start_blocked(&b, lt_blocked_main, "lt_blocked");
    ck_assert_int_eq(coffman_leaktest_fixture_end(&summary), 0);
    release_blocked(&b);
}
END_TEST

int main(void)
{
    /* Under ctest's shim variant the shim must really be in use: a test
     * that quietly fell back to /proc mode would prove nothing. */
    const char *want = getenv("COFFMAN_TEST_SHIM");
    if (want && *want) {
        if (access(want, R_OK) != 0)
            return 77;
        if (!coffman_leaktest_have_shim()) {
            fprintf(stderr, "libcoffman.so is preloaded but not found\n");
            return 1;
        }
    }
    Suite *s = suite_create("leaktest");
    TCase *tc = tcase_create("api");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, no_threads_no_leak);
    tcase_add_test(tc, blocked_thread_leaks_after_timeout);
    tcase_add_test(tc, finishing_thread_is_waited_for);
    tcase_add_test(tc, threads_from_before_the_snapshot_are_not_counted);
    tcase_add_test(tc, ignore_rule_skips_matching_thread);
    tcase_add_test(tc, per_process_check);
    tcase_add_test(tc, fixture_functions_report_leak);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
