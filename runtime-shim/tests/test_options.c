/* COFFMAN_OPTIONS parsing and suppression files. */
#define _GNU_SOURCE
#include "options.h"
#include "suppressions.h"

#include <check.h>
#include <signal.h>
#include <string.h>

static coffman_options o;
static char err[600];

static void setup(void)
{
    coffman_options_defaults(&o);
    err[0] = '\0';
}

START_TEST(defaults)
{
    ck_assert_int_eq(o.exitcode, 66);
    ck_assert(o.halt_on_deadlock);
    ck_assert(!o.report_single_thread);
    ck_assert_int_eq(o.format, COFFMAN_FORMAT_TEXT);
    ck_assert_str_eq(o.log_path, "");
}
END_TEST

START_TEST(parses_a_list)
{
    ck_assert(coffman_options_parse(&o, "exitcode=3:format=json:report_single_thread=1:log_path=/tmp/x:"
                                        "lock_identity=class:deadlock_timeout_ms=50:halt_on_deadlock=false",
                                    err, sizeof err));
    ck_assert_int_eq(o.exitcode, 3);
    ck_assert_int_eq(o.format, COFFMAN_FORMAT_JSON);
    ck_assert(o.report_single_thread);
    ck_assert_str_eq(o.log_path, "/tmp/x");
    ck_assert_int_eq(o.lock_identity, COFFMAN_IDENTITY_CLASS);
    ck_assert_int_eq(o.deadlock_timeout_ms, 50);
    ck_assert(!o.halt_on_deadlock);
}
END_TEST

START_TEST(empty_items_and_null)
{
    ck_assert(coffman_options_parse(&o, NULL, err, sizeof err));
    ck_assert(coffman_options_parse(&o, "::exitcode=5::", err, sizeof err));
    ck_assert_int_eq(o.exitcode, 5);
}
END_TEST

START_TEST(unknown_key_is_named)
{
    ck_assert(!coffman_options_parse(&o, "exitcode=1:no_such_thing=1", err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "no_such_thing"));
}
END_TEST

START_TEST(bad_values_are_named)
{
    ck_assert(!coffman_options_parse(&o, "halt_on_error=maybe", err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "maybe"));
    ck_assert_ptr_nonnull(strstr(err, "halt_on_error"));
    ck_assert(!coffman_options_parse(&o, "exitcode=300", err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "exitcode"));
    ck_assert(!coffman_options_parse(&o, "format=xml", err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "format"));
    ck_assert(!coffman_options_parse(&o, "stack_depth=abc", err, sizeof err));
    ck_assert(!coffman_options_parse(&o, "exitcode", err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "exitcode"));
}
END_TEST

START_TEST(signal_names)
{
    ck_assert(coffman_options_parse(&o, "dump_signal=SIGUSR2", err, sizeof err));
    ck_assert_int_eq(o.dump_signal, SIGUSR2);
    ck_assert(coffman_options_parse(&o, "dump_signal=USR1", err, sizeof err));
    ck_assert_int_eq(o.dump_signal, SIGUSR1);
    ck_assert(!coffman_options_parse(&o, "dump_signal=SIGNOPE", err, sizeof err));
}
END_TEST

START_TEST(help_lists_every_option)
{
    char buf[8192];
    coffman_options_help(buf, sizeof buf);
    ck_assert_ptr_nonnull(strstr(buf, "log_path"));
    ck_assert_ptr_nonnull(strstr(buf, "halt_on_deadlock"));
    ck_assert_ptr_nonnull(strstr(buf, "graph_path"));
}
END_TEST

START_TEST(suppressions_match_frames)
{
    coffman_suppressions_clear();
    ck_assert(coffman_suppressions_add_line("# comment", err, sizeof err));
    ck_assert(coffman_suppressions_add_line("lock-order-inversion:legacy_*", err, sizeof err));
    ck_assert(coffman_suppressions_add_line("deadlock:vendor.c", err, sizeof err));
    ck_assert(!coffman_suppressions_add_line("bogus-kind:x", err, sizeof err));
    ck_assert(!coffman_suppressions_add_line("no colon", err, sizeof err));
    coffman_frame st[2] = {{.function = "pthread_mutex_lock"}, {.function = "legacy_open", .file = "/src/a.c"}};
    coffman_finding f = {.kind = COFFMAN_LOCK_ORDER_INVERSION, .stack = st, .stack_len = 2};
    ck_assert(coffman_suppressed(&f));
    f.kind = COFFMAN_DEADLOCK;
    ck_assert(!coffman_suppressed(&f));
    st[1].file = "/src/vendor.c";
    ck_assert(coffman_suppressed(&f));
    coffman_suppressions_clear();
    ck_assert(!coffman_suppressed(&f));
}
END_TEST

Suite *options_suite(void)
{
    Suite *s = suite_create("options");
    TCase *tc = tcase_create("options");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, defaults);
    tcase_add_test(tc, parses_a_list);
    tcase_add_test(tc, empty_items_and_null);
    tcase_add_test(tc, unknown_key_is_named);
    tcase_add_test(tc, bad_values_are_named);
    tcase_add_test(tc, signal_names);
    tcase_add_test(tc, help_lists_every_option);
    tcase_add_test(tc, suppressions_match_frames);
    suite_add_tcase(s, tc);
    return s;
}
