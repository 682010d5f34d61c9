/* The leaktest Check fixtures, tested from outside: run leaky_suite as a
 * child and assert on its verdicts, so that a fixture that silently
 * passed everything would fail here.
 *
 * COFFMAN_TEST_SHIM=/path/libcoffman.so runs the children under the shim
 * and also asserts the shim's details (start routine, creation stack). */
#define _GNU_SOURCE
#include "child.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char preload[4096];

static child_result run_suite(const char *which, const char *fork_mode,
                              const char *leaktest_mode)
{
    char ck_fork[32], lt_mode[64];
    snprintf(ck_fork, sizeof ck_fork, "CK_FORK=%s", fork_mode);
    snprintf(lt_mode, sizeof lt_mode, "COFFMAN_LEAKTEST=%s", leaktest_mode);
    const char *argv[] = {LEAKY_SUITE_PATH, which, NULL};
    const char *env[] = {ck_fork, lt_mode, "CK_VERBOSITY=verbose",
                         "COFFMAN_LEAKTEST_TIMEOUT_MS=200",
                         preload[0] ? preload : NULL, NULL};
    child_result r = child_run(argv, env);
    ck_assert_ptr_nonnull(r.output);
    return r;
}

static void assert_contains(const child_result *r, const char *needle)
{
    ck_assert_msg(strstr(r->output, needle) != NULL,
                  "expected \"%s\" in the child's output:\n%s", needle, r->output);
}

static void assert_lacks(const child_result *r, const char *needle)
{
    ck_assert_msg(strstr(r->output, needle) == NULL,
                  "did not expect \"%s\" in the child's output:\n%s", needle,
                  r->output);
}

/* The leaking test fails through the fixture, with the report; the clean
 * test of the same case passes. */
static void assert_leak_fails_clean_passes(const char *fork_mode)
{
    child_result r = run_suite("both", fork_mode, "test");
    ck_assert_int_eq(r.status, 1);
    assert_contains(&r, "50%: Checks: 2, Failures: 1, Errors: 0");
    /* Forked, Check marks it F; unforked, a teardown failure is S. */
    assert_contains(&r, ":core:test_leaks:0: coffman leaktest: 1 thread(s) leaked");
    assert_contains(&r, ":P:core:test_clean:");
    assert_contains(&r, "WARNING: coffman: thread-leak");
    assert_contains(&r, "leaky_worker");
    if (preload[0]) {
        /* Only the shim knows the creation site. */
        assert_contains(&r, "leaky_suite.c");
        assert_contains(&r, "created");
    }
    child_result_free(&r);
}

START_TEST(fixture_fails_leaking_test_forked)
{
    assert_leak_fails_clean_passes("yes");
}
END_TEST

START_TEST(fixture_fails_leaking_test_nofork)
{
    assert_leak_fails_clean_passes("no");
}
END_TEST

START_TEST(fixture_passes_clean_suite)
{
    child_result r = run_suite("clean", "yes", "test");
    ck_assert_int_eq(r.status, 0);
    assert_contains(&r, "100%: Checks: 1, Failures: 0, Errors: 0");
    assert_lacks(&r, "thread-leak");
    child_result_free(&r);
}
END_TEST

/* An ignored leak passes, also under the shim (whose own exit check
 * must not fail the forked test with "Early exit"). */
START_TEST(ignored_leak_passes)
{
    child_result r = run_suite("ignored", "yes", "test");
    ck_assert_int_eq(r.status, 0);
    assert_contains(&r, "100%: Checks: 1, Failures: 0, Errors: 0");
    assert_contains(&r, ":P:core:test_leaks_ignored:");
    assert_lacks(&r, "thread-leak");
    child_result_free(&r);
}
END_TEST

/* CK_FORK=no with the per-process check: the tests pass one by one, the
 * process as a whole fails at the end of main. */
START_TEST(per_process_mode_fails_at_exit)
{
    child_result r = run_suite("both", "no", "process");
    ck_assert_int_eq(r.status, 1);
    assert_contains(&r, "100%: Checks: 2, Failures: 0, Errors: 0");
    assert_contains(&r, "WARNING: coffman: thread-leak");
    assert_contains(&r, "1 thread(s) leaked by the tests of this process");
    child_result_free(&r);
}
END_TEST

START_TEST(per_process_mode_passes_clean_process)
{
    child_result r = run_suite("clean", "no", "process");
    ck_assert_int_eq(r.status, 0);
    assert_contains(&r, "100%: Checks: 1, Failures: 0, Errors: 0");
    assert_lacks(&r, "thread-leak");
    child_result_free(&r);
}
END_TEST

int main(void)
{
    const char *shim = getenv("COFFMAN_TEST_SHIM");
    if (shim && *shim) {
        if (access(shim, R_OK) != 0) {
            fprintf(stderr, "skipped: %s not built\n", shim);
            return 77;
        }
        snprintf(preload, sizeof preload, "LD_PRELOAD=%s", shim);
    }
    Suite *s = suite_create("leaktest_fixture");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, fixture_fails_leaking_test_forked);
    tcase_add_test(tc, fixture_fails_leaking_test_nofork);
    tcase_add_test(tc, fixture_passes_clean_suite);
    tcase_add_test(tc, ignored_leak_passes);
    tcase_add_test(tc, per_process_mode_fails_at_exit);
    tcase_add_test(tc, per_process_mode_passes_clean_process);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
