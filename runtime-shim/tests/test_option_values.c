/* Option values that used to be accepted silently wrong (issue 13). */
#define _GNU_SOURCE
#include "options.h"

#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

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

Suite *option_values_suite(void)
{
    Suite *s = suite_create("option_values");
    TCase *tc = tcase_create("values");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, dump_signal_refuses_crash_and_uncatchable_signals);
    tcase_add_test(tc, dump_signal_accepts_catchable_signals);
    suite_add_tcase(s, tc);
    return s;
}
