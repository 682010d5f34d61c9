/* Issue 4 in the shim, judged from outside: thread_child runs each
 * scenario under LD_PRELOAD=libcoffman.so and the tests assert on the
 * reports, the exit status and the timing. */
#define _GNU_SOURCE
#include "child.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char preload[4096];

static child_result run(const char *mode, const char *options, int timeout_ms)
{
    char opts[1024];
    snprintf(opts, sizeof opts, "COFFMAN_OPTIONS=%s", options ? options : "");
    const char *argv[] = {THREAD_CHILD_PATH, mode, NULL};
    const char *env[] = {preload, opts, NULL};
    child_result r = child_run_for(argv, env, timeout_ms);
    ck_assert_ptr_nonnull(r.output);
    return r;
}

#define assert_has(r, needle) \
    ck_assert_msg(strstr((r).output, needle) != NULL, "expected \"%s\" in:\n%s", needle, (r).output)
#define assert_lacks(r, needle) \
    ck_assert_msg(strstr((r).output, needle) == NULL, "did not expect \"%s\" in:\n%s", needle, (r).output)

START_TEST(noop_loop_reports_ten_leaks_with_creation_site)
{
    child_result r = run("noop", NULL, 20000);
    ck_assert_int_eq(r.status, 66);
    ck_assert_int_eq(count_of(r.output, "WARNING: coffman: thread-leak"), 10);
    ck_assert_int_eq(count_of(r.output, "start routine of T"), 10);
    assert_has(r, "noop_worker");
    assert_has(r, " in spawn ");
    assert_has(r, " in noop ");
    assert_has(r, "thread_child.c:");
    assert_has(r, "finished but was never joined nor detached");
    child_result_free(&r);
}
END_TEST

START_TEST(blocked_detached_thread_names_its_wait)
{
    child_result r = run("cond", NULL, 20000);
    ck_assert_int_eq(r.status, 66);
    ck_assert_int_eq(count_of(r.output, "WARNING: coffman: thread-leak"), 1);
    assert_has(r, "at exit, detached thread T1 (cond_waiter) is still blocked in pthread_cond_wait on "
                  "condition variable 'never_signalled'");
    assert_has(r, "this condition variable was never signalled");
    assert_has(r, " in cond_waiter ");
    child_result_free(&r);
}
END_TEST

START_TEST(main_pthread_exit_reports_when_last_thread_ends)
{
    child_result r = run("exit_thread", NULL, 20000);
    ck_assert_int_eq(r.status, 66);
    ck_assert_int_eq(count_of(r.output, "WARNING: coffman: thread-leak"), 1);
    assert_has(r, "T1 (slow_worker) finished but was never joined nor detached");
    child_result_free(&r);
}
END_TEST

START_TEST(exiting_thread_gets_grace)
{
    child_result r = run("grace", NULL, 20000);
    ck_assert_int_eq(r.status, 0);
    assert_lacks(r, "thread-leak");
    child_result_free(&r);
    /* Without the grace the same thread is still running at exit. */
    r = run("grace", "exit_grace_ms=0", 20000);
    ck_assert_int_eq(r.status, 66);
    assert_has(r, "at exit, detached thread T1 (slow_worker) is still running");
    child_result_free(&r);
}
END_TEST

START_TEST(clean_program_is_silent)
{
    child_result r = run("clean", NULL, 20000);
    ck_assert_int_eq(r.status, 0);
    assert_lacks(r, "coffman");
    child_result_free(&r);
}
END_TEST

START_TEST(forked_child_does_not_inherit_threads)
{
    child_result r = run("fork", NULL, 20000);
    ck_assert_int_eq(r.status, 0);
    assert_has(r, "done, child status 0");
    assert_lacks(r, "thread-leak");
    child_result_free(&r);
}
END_TEST

START_TEST(report_thread_leaks_0_turns_it_off)
{
    child_result r = run("noop", "report_thread_leaks=0", 20000);
    ck_assert_int_eq(r.status, 0);
    assert_lacks(r, "thread-leak");
    child_result_free(&r);
}
END_TEST

START_TEST(thread_suppression_on_start_routine)
{
    char path[] = "/tmp/coffman-supp-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    const char *line = "# known leak\nthread:noop_work*\n";
    ck_assert_int_eq(write(fd, line, strlen(line)), (ssize_t)strlen(line));
    close(fd);
    char opts[256];
    snprintf(opts, sizeof opts, "suppressions=%s", path);
    child_result r = run("noop", opts, 20000);
    unlink(path);
    ck_assert_int_eq(r.status, 0);
    assert_lacks(r, "thread-leak");
    child_result_free(&r);
}
END_TEST

START_TEST(hang_watchdog_reports_and_exits)
{
    child_result r = run("hang", "hang_timeout_s=1", 20000);
    ck_assert_int_eq(r.status, 66);
    ck_assert_msg(r.elapsed_ms >= 900 && r.elapsed_ms < 5000, "took %.0f ms", r.elapsed_ms);
    assert_has(r, "ERROR: coffman: hang");
    assert_has(r, "T0 (main thread) is blocked in pthread_join");
    assert_has(r, "T1 (pipe_reader) is running outside any wait coffman intercepts");
    /* The lock's kind is known only once the lock table tracks it. */
    assert_has(r, "T0 (main thread) holds ");
    assert_has(r, "'mu' (0x");
    assert_lacks(r, "coffman: deadlock");
    child_result_free(&r);
}
END_TEST

START_TEST(halt_on_hang_0_keeps_running)
{
    child_result r = run("hang", "hang_timeout_s=1:halt_on_hang=0", 2500);
    ck_assert_int_eq(r.status, 128 + 9);   /* still hanging: killed by the test */
    ck_assert_int_eq(count_of(r.output, "ERROR: coffman: hang"), 1);
    child_result_free(&r);
}
END_TEST

START_TEST(stalled_heartbeat_is_reported)
{
    child_result r = run("heartbeat", NULL, 20000);
    ck_assert_int_eq(r.status, 66);
    ck_assert_msg(r.elapsed_ms < 2500, "took %.0f ms", r.elapsed_ms);
    assert_has(r, "ERROR: coffman: hang");
    assert_has(r, "heartbeat stopped: T1 (stalling_worker) promised a beat every 50 ms");
    assert_has(r, "this condition variable was never signalled");
    child_result_free(&r);
}
END_TEST

START_TEST(dump_signal_prints_threads_and_keeps_running)
{
    child_result r = run("dump", "dump_signal=SIGUSR2", 20000);
    ck_assert_int_eq(r.status, 0);
    assert_has(r, "coffman: thread dump (signal USR2)");
    assert_has(r, "T1 (cond_waiter) is blocked in pthread_cond_wait");
    assert_has(r, "T0 (main thread) is running");
    assert_has(r, "still running after the dump");
    assert_lacks(r, "WARNING");
    child_result_free(&r);
}
END_TEST

START_TEST(dump_signal_off_by_default)
{
    /* SIGUSR2's default action ends the process: no handler installed. */
    child_result r = run("dump", NULL, 20000);
    ck_assert_int_eq(r.status, 128 + 12);
    assert_lacks(r, "thread dump");
    child_result_free(&r);
}
END_TEST

int main(void)
{
    const char *shim = getenv("COFFMAN_TEST_SHIM");
    if (!shim || access(shim, R_OK) != 0) {
        fprintf(stderr, "skipped: libcoffman.so not built\n");
        return 77;
    }
    snprintf(preload, sizeof preload, "LD_PRELOAD=%s", shim);
    Suite *s = suite_create("threads");
    TCase *tc = tcase_create("shim");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, noop_loop_reports_ten_leaks_with_creation_site);
    tcase_add_test(tc, blocked_detached_thread_names_its_wait);
    tcase_add_test(tc, main_pthread_exit_reports_when_last_thread_ends);
    tcase_add_test(tc, exiting_thread_gets_grace);
    tcase_add_test(tc, clean_program_is_silent);
    tcase_add_test(tc, forked_child_does_not_inherit_threads);
    tcase_add_test(tc, report_thread_leaks_0_turns_it_off);
    tcase_add_test(tc, thread_suppression_on_start_routine);
    tcase_add_test(tc, hang_watchdog_reports_and_exits);
    tcase_add_test(tc, halt_on_hang_0_keeps_running);
    tcase_add_test(tc, stalled_heartbeat_is_reported);
    tcase_add_test(tc, dump_signal_prints_threads_and_keeps_running);
    tcase_add_test(tc, dump_signal_off_by_default);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
