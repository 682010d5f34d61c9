/* A Check suite used as a child process by fixture_test.c: one test leaks
 * a thread blocked on a pipe nobody writes, one does not.  The parent
 * asserts that the leaktest fixture fails the first and passes the second.
 *
 *   leaky_suite [both|clean|ignored]
 * COFFMAN_LEAKTEST=process switches to the per-process check.
 */
#define _GNU_SOURCE
#include <check.h>
#include <coffman/leaktest.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int never_written[2];

static void *leaky_worker(void *arg)
{
    (void)arg;
    char c;
    /* Blocks until the process ends: nobody writes this pipe. */
    (void)!read(never_written[0], &c, 1);
    return NULL;
}

static void *ignored_bg_main(void *arg)
{
    return leaky_worker(arg);
}

static void *quick_worker(void *arg)
{
    return arg;
}

START_TEST(test_leaks)
{
    ck_assert_int_eq(pipe(never_written), 0);
    pthread_t t;
    ck_assert_int_eq(pthread_create(&t, NULL, leaky_worker, NULL), 0);
    pthread_setname_np(t, "leaky_worker");
}
END_TEST

/* Leaks, but by a rule the suite declared (start routine or name). */
START_TEST(test_leaks_ignored)
{
    ck_assert_int_eq(pipe(never_written), 0);
    pthread_t t;
    ck_assert_int_eq(pthread_create(&t, NULL, ignored_bg_main, NULL), 0);
    pthread_setname_np(t, "ignored_bg");
}
END_TEST

START_TEST(test_clean)
{
    pthread_t t;
    ck_assert_int_eq(pthread_create(&t, NULL, quick_worker, NULL), 0);
    ck_assert_int_eq(pthread_join(t, NULL), 0);
}
END_TEST

int main(int argc, char **argv)
{
    bool both = argc < 2 || strcmp(argv[1], "both") == 0;
    bool ignored = argc > 1 && strcmp(argv[1], "ignored") == 0;
    coffman_leaktest_ignore("ignored_bg*");
    Suite *s = suite_create("leaky");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, coffman_leaktest_setup, coffman_leaktest_teardown);
    if (both)
        tcase_add_test(tc, test_leaks);
    if (ignored)
        tcase_add_test(tc, test_leaks_ignored);
    else
        tcase_add_test(tc, test_clean);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return coffman_leaktest_verify_main(failed ? 1 : 0);
}
