/* Option values that used to be accepted silently wrong (issue 13). */
#define _GNU_SOURCE
#include "options.h"
#include "suppressions.h"

#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static coffman_options o;
static char err[600];

static void setup(void)
{
    coffman_options_defaults(&o);
    err[0] = '\0';
}

static void assert_refused(const char *text, const char *needle)
{
    ck_assert_msg(!coffman_options_parse(&o, text, err, sizeof err), "'%s' was accepted", text);
    ck_assert_msg(strstr(err, needle) != NULL, "'%s': expected \"%s\" in: %s", text, needle, err);
}

START_TEST(dump_signal_refuses_crash_and_uncatchable_signals)
{
    static const char *const refused[] = {"11", "SIGSEGV", "7", "8", "4", "6", "9", "19", "5", "31", "32", "33"};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        char text[64];
        snprintf(text, sizeof text, "dump_signal=%s", refused[i]);
        assert_refused(text, "dump_signal=");
        ck_assert_ptr_nonnull(strstr(err, "is refused"));
        ck_assert_ptr_nonnull(strstr(err, "use SIGQUIT, SIGUSR1 or SIGUSR2"));
    }
    ck_assert_int_eq(o.dump_signal, 0);
}
END_TEST

START_TEST(dump_signal_accepts_catchable_signals)
{
    ck_assert(coffman_options_parse(&o, "dump_signal=SIGQUIT", err, sizeof err));
    ck_assert_int_eq(o.dump_signal, SIGQUIT);
    char text[64];
    snprintf(text, sizeof text, "dump_signal=%d", SIGRTMIN + 1);
    ck_assert_msg(coffman_options_parse(&o, text, err, sizeof err), "%s", err);
    ck_assert(coffman_options_parse(&o, "dump_signal=0", err, sizeof err));
    ck_assert_int_eq(o.dump_signal, 0);
}
END_TEST

START_TEST(integers_are_decimal_only)
{
    ck_assert(coffman_options_parse(&o, "exitcode=010", err, sizeof err));
    ck_assert_int_eq(o.exitcode, 10);
    static const char *const refused[] = {"exitcode=0x42", "exitcode=+5", "exitcode= 42", "exitcode=42 ",
                                          "exitcode=-1", "exitcode=", "exitcode=99999999999999999999999",
                                          "max_locks=1e6", "stack_depth=0b11"};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
        assert_refused(refused[i], "expected a decimal integer in [");
    ck_assert_int_eq(o.exitcode, 10);
}
END_TEST

/* Every error is one line: control bytes of the value are escaped. */
START_TEST(errors_escape_control_bytes)
{
    assert_refused("exitcode=1\n2\x1b[31m", "'1\\n2\\x1b[31m'");
    ck_assert_ptr_null(strchr(err, '\n'));
    assert_refused("no\nsuch=1", "unknown option 'no\\nsuch'");
    ck_assert_ptr_null(strchr(err, '\n'));
    assert_refused("format=\ttext", "expected text or json");
    ck_assert_ptr_null(strchr(err, '\t'));
}
END_TEST

START_TEST(errors_say_what_is_expected)
{
    assert_refused("halt_on_error=maybe", "expected 1/0, true/false, yes/no or on/off");
    assert_refused("lock_identity=type", "expected address or class");
    assert_refused("dump_signal=SIGNOPE", "expected a signal name such as SIGUSR2");
    assert_refused("bogus=1", "(coffman --help lists the options)");
}
END_TEST

/* log_path=stderr means standard error; other paths are file names. */
START_TEST(stderr_is_special_only_where_documented)
{
    ck_assert(coffman_options_parse(&o, "log_path=stderr:graph_path=stderr:suppressions=stderr", err, sizeof err));
    ck_assert_str_eq(o.log_path, "");
    ck_assert_str_eq(o.graph_path, "stderr");
    ck_assert_str_eq(o.suppressions, "stderr");
}
END_TEST

static coffman_finding finding_in(const char *function)
{
    static coffman_frame st[2];
    st[0] = (coffman_frame){.function = "pthread_mutex_lock"};
    st[1] = (coffman_frame){.function = function, .file = "/src/pool.c"};
    return (coffman_finding){.kind = COFFMAN_THREAD_LEAK, .stack = st, .stack_len = 2};
}

START_TEST(suppression_comment_after_a_rule_is_not_its_glob)
{
    coffman_suppressions_clear();
    ck_assert(coffman_suppressions_add_line("thread:worker_pool_main  # alias of thread-leak\n", err, sizeof err));
    coffman_finding f = finding_in("worker_pool_main");
    ck_assert(coffman_suppressed(&f));
    coffman_suppressions_clear();
    /* A '#' inside a glob (no blank before it) stays part of it. */
    ck_assert(coffman_suppressions_add_line("thread:a#b", err, sizeof err));
    f = finding_in("a#b");
    ck_assert(coffman_suppressed(&f));
    coffman_suppressions_clear();
}
END_TEST

static char *write_file(const char *text)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/coffman-supp-XXXXXX");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

/* A long comment is one comment, never split into a rule; a long glob is
 * kept whole. */
START_TEST(suppression_lines_have_no_length_limit)
{
    char text[4096], glob[1200];
    memset(glob, 'g', sizeof glob - 1);
    glob[sizeof glob - 1] = '\0';
    memcpy(glob, "worker_", 7);
    glob[sizeof glob - 2] = '*';
    char comment[2000];
    memset(comment, 'x', sizeof comment - 1);
    comment[sizeof comment - 1] = '\0';
    /* The tail of the comment, cut at 319 bytes, would have been the rule
     * "thread:*", silencing every leak. */
    memcpy(comment + 600, "thread:*", 8);
    snprintf(text, sizeof text, "# %s\nthread:%s\n", comment, glob);
    coffman_suppressions_clear();
    const char *path = write_file(text);
    ck_assert_msg(coffman_suppressions_load(path, err, sizeof err), "%s", err);
    unlink(path);
    coffman_finding f = finding_in("unrelated_thread");
    ck_assert(!coffman_suppressed(&f));
    char name[1300];
    snprintf(name, sizeof name, "%.*sZ", (int)strlen(glob) - 1, glob);
    f = finding_in(name);
    ck_assert(coffman_suppressed(&f));
    name[300] = '\0';
    f = finding_in(name);
    ck_assert(!coffman_suppressed(&f));
    coffman_suppressions_clear();
}
END_TEST

START_TEST(suppressions_must_be_a_regular_file)
{
    ck_assert(!coffman_suppressions_load("/tmp", err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "cannot read suppressions file '/tmp': not a regular file"));
    char dir[] = "/tmp/coffman-supp-XXXXXX", fifo[64];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(fifo, sizeof fifo, "%s/fifo", dir);
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    ck_assert(!coffman_suppressions_load(fifo, err, sizeof err));   /* no hang */
    ck_assert_ptr_nonnull(strstr(err, "not a regular file"));
    unlink(fifo);
    rmdir(dir);
    ck_assert(!coffman_suppressions_load("stderr", err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "'stderr': No such file or directory"));
}
END_TEST

Suite *option_values_suite(void)
{
    Suite *s = suite_create("option_values");
    TCase *tc = tcase_create("values");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_set_timeout(tc, 20);
    tcase_add_test(tc, dump_signal_refuses_crash_and_uncatchable_signals);
    tcase_add_test(tc, dump_signal_accepts_catchable_signals);
    tcase_add_test(tc, integers_are_decimal_only);
    tcase_add_test(tc, errors_escape_control_bytes);
    tcase_add_test(tc, errors_say_what_is_expected);
    tcase_add_test(tc, stderr_is_special_only_where_documented);
    tcase_add_test(tc, suppression_comment_after_a_rule_is_not_its_glob);
    tcase_add_test(tc, suppression_lines_have_no_length_limit);
    tcase_add_test(tc, suppressions_must_be_a_regular_file);
    suite_add_tcase(s, tc);
    return s;
}
