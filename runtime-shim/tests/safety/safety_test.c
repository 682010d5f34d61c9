/* Report files and the report stream cannot be turned against the user
 * (issue 13): each test runs safety_child under the shim, sometimes with a
 * file planted where a report will go, and checks what happened to the
 * planted file, the program and the report. */
#define _GNU_SOURCE
#include "child.h"

#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char shim[4096], dir[64], victim[128];

static const char *const VICTIM_TEXT = "the victim's own data\n";

static void setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/coffman-safety-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(victim, sizeof victim, "%s/victim", dir);
    FILE *f = fopen(victim, "w");
    ck_assert_ptr_nonnull(f);
    fputs(VICTIM_TEXT, f);
    fclose(f);
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    ck_assert_int_eq(system(cmd), 0);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* Runs safety_child ARGS... with the shim preloaded (or, when the first
 * argument is "plant" and the fourth "exec", loaded by the child itself). */
static child_result run(const char *options, const char *const *args)
{
    char opts[1024], pre[4200], spre[4200], vic[200];
    snprintf(opts, sizeof opts, "COFFMAN_OPTIONS=report_single_thread=1:%s", options);
    snprintf(pre, sizeof pre, "LD_PRELOAD=%s", shim);
    snprintf(spre, sizeof spre, "SAFETY_PRELOAD=%s", shim);
    snprintf(vic, sizeof vic, "SAFETY_VICTIM=%s", victim);
    bool self_loads = args[0] && args[3] && !strcmp(args[0], "plant") && !strcmp(args[3], "exec");
    const char *env[] = {opts, spre, vic, self_loads ? NULL : pre, NULL};
    const char *argv[16] = {SAFETY_CHILD_PATH};
    for (int i = 0; args[i] && i < 14; i++)
        argv[i + 1] = args[i];
    child_result r = child_run_for(argv, env, 10000);
    ck_assert_ptr_nonnull(r.output);
    return r;
}

#define assert_has(r, needle) \
    ck_assert_msg(strstr((r).output, needle) != NULL, "expected \"%s\" in:\n%s", needle, (r).output)
#define assert_victim_intact() ck_assert_str_eq(slurp(victim), VICTIM_TEXT)

static void opt(char *buf, size_t len, const char *key, const char *name)
{
    snprintf(buf, len, "%s=%s/%s", key, dir, name);
}

static void name_in_dir(char *buf, size_t len, const char *name)
{
    snprintf(buf, len, "%s/%s", dir, name);
}

START_TEST(graph_path_symlink_is_refused_at_start)
{
    char o[256], link_name[256];
    opt(o, sizeof o, "graph_path", "graph");
    name_in_dir(link_name, sizeof link_name, "graph");
    ck_assert_int_eq(symlink(victim, link_name), 0);
    child_result r = run(o, (const char *[]){"inversion", NULL});
    ck_assert_int_eq(r.status, 2);
    assert_has(r, "graph_path: '");
    assert_has(r, "/graph' is a symbolic link; remove it or choose another path");
    assert_victim_intact();
    child_result_free(&r);
}
END_TEST

START_TEST(graph_path_fifo_is_refused_without_hanging)
{
    char o[256], fifo[256];
    opt(o, sizeof o, "graph_path", "graph");
    name_in_dir(fifo, sizeof fifo, "graph");
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    child_result r = run(o, (const char *[]){"inversion", NULL});
    ck_assert_int_eq(r.status, 2);
    assert_has(r, "/graph' is a FIFO");
    child_result_free(&r);
}
END_TEST

START_TEST(log_path_symlink_is_refused_at_start)
{
    char o[256], name[256];
    opt(o, sizeof o, "log_path", "log");
    name_in_dir(name, sizeof name, "log.%p");
    child_result r = run(o, (const char *[]){"plant", "symlink", name, "exec", "inversion", NULL});
    ck_assert_int_eq(r.status, 2);
    assert_has(r, "coffman: error: COFFMAN_OPTIONS: log_path: '");
    assert_has(r, "' is a symbolic link; remove it or choose another path");
    assert_victim_intact();
    child_result_free(&r);
}
END_TEST

/* Planted after the start-up check: the lazy open at the first report
 * must still refuse it, and the report goes to stderr. */
START_TEST(log_path_symlink_planted_late_is_not_followed)
{
    char o[256], name[256];
    opt(o, sizeof o, "log_path", "log");
    name_in_dir(name, sizeof name, "log.%p");
    child_result r = run(o, (const char *[]){"plant", "symlink", name, "inversion", NULL});
    ck_assert_int_eq(r.status, 66);
    assert_has(r, "' is a symbolic link; remove it or choose another path; reporting to stderr");
    assert_has(r, "WARNING: coffman: lock-order-inversion");
    assert_victim_intact();
    child_result_free(&r);
}
END_TEST

START_TEST(log_path_fifo_planted_late_does_not_hang)
{
    char o[256], name[256];
    opt(o, sizeof o, "log_path", "log");
    name_in_dir(name, sizeof name, "log.%p");
    child_result r = run(o, (const char *[]){"plant", "fifo", name, "inversion", NULL});
    ck_assert_int_eq(r.status, 66);
    assert_has(r, "' is a FIFO; remove it or choose another path; reporting to stderr");
    assert_has(r, "WARNING: coffman: lock-order-inversion");
    child_result_free(&r);
}
END_TEST

START_TEST(log_path_hard_link_is_refused)
{
    char o[256], name[256];
    opt(o, sizeof o, "log_path", "log");
    name_in_dir(name, sizeof name, "log.%p");
    child_result r = run(o, (const char *[]){"plant", "hardlink", name, "exec", "inversion", NULL});
    ck_assert_int_eq(r.status, 2);
    assert_has(r, "' is a file with other hard links");
    assert_victim_intact();
    child_result_free(&r);
}
END_TEST

/* A log of our own is appended to, never truncated. */
START_TEST(own_log_file_is_appended_to)
{
    char o[256], name[256];
    opt(o, sizeof o, "log_path", "log");
    name_in_dir(name, sizeof name, "log.%p");
    child_result r = run(o, (const char *[]){"plant", "file", name, "inversion", NULL});
    ck_assert_int_eq(r.status, 66);
    child_result_free(&r);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "cat %s/log.* > %s/all", dir, dir);
    ck_assert_int_eq(system(cmd), 0);
    name_in_dir(name, sizeof name, "all");
    const char *text = slurp(name);
    ck_assert_msg(!strncmp(text, "written before the run\n", 23), "truncated: %s", text);
    ck_assert_ptr_nonnull(strstr(text, "lock-order-inversion"));
}
END_TEST

START_TEST(graph_hard_link_planted_late_is_left_alone)
{
    char o[256], name[256];
    opt(o, sizeof o, "graph_path", "graph.%p");
    name_in_dir(name, sizeof name, "graph.%p");
    child_result r = run(o, (const char *[]){"plant", "hardlink", name, "inversion", NULL});
    assert_has(r, "' is a file with other hard links; remove it or choose another path");
    assert_victim_intact();
    child_result_free(&r);
}
END_TEST

START_TEST(own_graph_file_is_replaced_whole)
{
    char o[256], name[256];
    opt(o, sizeof o, "graph_path", "graph");
    name_in_dir(name, sizeof name, "graph");
    FILE *f = fopen(name, "w");
    fputs("an older, much longer graph file than the new one will be .............."
          "................................................................................"
          "................................................................................"
          "................................................................................"
          "................................................................................"
          "................................................................................",
          f);
    fclose(f);
    child_result r = run(o, (const char *[]){"inversion", NULL});
    ck_assert_int_eq(r.status, 66);
    const char *text = slurp(name);
    ck_assert_msg(!strncmp(text, "{\"format\":\"coffman-lock-graph\"", 30), "%s", text);
    ck_assert_ptr_null(strstr(text, "older"));
    ck_assert_ptr_null(strstr(text, "..."));
    child_result_free(&r);
}
END_TEST

START_TEST(graph_path_stderr_writes_the_graph_there)
{
    child_result r = run("graph_path=stderr", (const char *[]){"inversion", NULL});
    ck_assert_int_eq(r.status, 66);
    assert_has(r, "{\"format\":\"coffman-lock-graph\"");
    child_result_free(&r);
}
END_TEST

START_TEST(report_reaches_stderr_after_the_program_closed_it)
{
    child_result r = run("", (const char *[]){"close-stderr", NULL});
    ck_assert_int_eq(r.status, 66);
    assert_has(r, "WARNING: coffman: lock-order-inversion");
    child_result_free(&r);
}
END_TEST

START_TEST(report_never_lands_in_a_data_file_on_fd_2)
{
    char data[256];
    name_in_dir(data, sizeof data, "data");
    child_result r = run("", (const char *[]){"data-file", data, NULL});
    ck_assert_int_eq(r.status, 66);
    assert_has(r, "WARNING: coffman: lock-order-inversion");
    ck_assert_str_eq(slurp(data), "data\n");
    child_result_free(&r);
}
END_TEST

START_TEST(report_never_lands_in_a_file_that_took_the_shim_s_fd)
{
    char data[256];
    name_in_dir(data, sizeof data, "data");
    child_result r = run("", (const char *[]){"reuse-every-fd", data, NULL});
    ck_assert_int_eq(r.status, 66);
    ck_assert_int_eq(count_of(r.output, "WARNING: coffman: lock-order-inversion"), 2);
    ck_assert_str_eq(slurp(data), "data\n");
    child_result_free(&r);
}
END_TEST

START_TEST(log_file_is_reopened_when_the_program_closed_it)
{
    char data[256], o[256];
    name_in_dir(data, sizeof data, "data");
    opt(o, sizeof o, "log_path", "log");
    child_result r = run(o, (const char *[]){"reuse-every-fd", data, NULL});
    ck_assert_int_eq(r.status, 66);
    ck_assert_str_eq(slurp(data), "data\n");
    child_result_free(&r);
    char cmd[256], all[256];
    snprintf(cmd, sizeof cmd, "cat %s/log.* > %s/all", dir, dir);
    ck_assert_int_eq(system(cmd), 0);
    name_in_dir(all, sizeof all, "all");
    ck_assert_int_eq(count_of(slurp(all), "WARNING: coffman: lock-order-inversion"), 2);
}
END_TEST

START_TEST(failed_log_write_is_noted_once_and_reported_on_stderr)
{
    char o[256];
    opt(o, sizeof o, "log_path", "log");
    child_result r = run(o, (const char *[]){"file-size-limit", NULL});
    ck_assert_int_eq(r.status, 66);
    ck_assert_int_eq(count_of(r.output, "coffman: note: cannot write a report to log_path '"), 1);
    assert_has(r, "File too large; reporting to stderr from now on");
    assert_has(r, "WARNING: coffman: lock-order-inversion");
    child_result_free(&r);
}
END_TEST

START_TEST(crash_signal_as_dump_signal_stops_before_main)
{
    child_result r = run("dump_signal=11", (const char *[]){"inversion", NULL});
    ck_assert_int_eq(r.status, 2);
    assert_has(r, "coffman: error: COFFMAN_OPTIONS: dump_signal=11 is refused");
    ck_assert_ptr_null(strstr(r.output, "done"));
    child_result_free(&r);
}
END_TEST

START_TEST(dlclose_forgets_the_library_s_locks)
{
    child_result r = run("", (const char *[]){"dlclose-reload", SAFETY_LIB_PATH, NULL});
    assert_has(r, "reloaded at the old address");
    ck_assert_ptr_null(strstr(r.output, "lock-order-inversion"));
    ck_assert_int_eq(r.status, 0);
    child_result_free(&r);
}
END_TEST

START_TEST(unwritable_graph_path_stops_before_main)
{
    child_result r = run("graph_path=/nonexistent-coffman-dir/graph", (const char *[]){"inversion", NULL});
    ck_assert_int_eq(r.status, 2);
    assert_has(r, "coffman: error: COFFMAN_OPTIONS: graph_path: cannot create files in directory "
                  "'/nonexistent-coffman-dir' (No such file or directory); choose another path");
    ck_assert_ptr_null(strstr(r.output, "done"));
    child_result_free(&r);
}
END_TEST

START_TEST(suppressions_directory_stops_before_main)
{
    char o[256];
    snprintf(o, sizeof o, "suppressions=%s", dir);
    child_result r = run(o, (const char *[]){"inversion", NULL});
    ck_assert_int_eq(r.status, 2);
    assert_has(r, "': not a regular file; give the path of a file of kind:glob lines");
    child_result_free(&r);
}
END_TEST

/* ---- the launcher ---- */

static child_result launch(const char *const *args, const char *shim_env)
{
    char shim_var[4200];
    snprintf(shim_var, sizeof shim_var, "COFFMAN_SHIM=%s", shim_env ? shim_env : shim);
    const char *env[] = {shim_var, "COFFMAN_OPTIONS=", NULL};
    const char *argv[16] = {LAUNCHER_PATH};
    for (int i = 0; args[i] && i < 14; i++)
        argv[i + 1] = args[i];
    child_result r = child_run_for(argv, env, 10000);
    ck_assert_ptr_nonnull(r.output);
    return r;
}

START_TEST(launcher_refuses_a_shim_that_is_not_a_shared_library)
{
    child_result r = launch((const char *[]){"run", "--", "/bin/true", NULL}, "/etc/passwd");
    ck_assert_int_eq(r.status, 2);
    assert_has(r, "coffman: error: COFFMAN_SHIM '/etc/passwd' cannot be preloaded: it is not an ELF file; "
                  "point it at libcoffman.so");
    child_result_free(&r);
    r = launch((const char *[]){"run", "--", "/bin/true", NULL}, "/bin/true");
    ck_assert_int_eq(r.status, 2);
    assert_has(r, "it is a program, not a shared library");
    child_result_free(&r);
    r = launch((const char *[]){"run", "--", "/bin/true", NULL}, "/nonexistent/libcoffman.so");
    ck_assert_int_eq(r.status, 2);
    assert_has(r, "cannot be preloaded: No such file or directory");
    child_result_free(&r);
}
END_TEST

START_TEST(launcher_names_an_unknown_option)
{
    child_result r = launch((const char *[]){"run", "--bogus", "--", "/bin/true", NULL}, NULL);
    ck_assert_int_eq(r.status, 2);
    ck_assert_str_eq(r.output, "coffman: error: unknown option '--bogus' for 'coffman run' (try coffman --help)\n");
    child_result_free(&r);
    r = launch((const char *[]){"run", "--options", NULL}, NULL);
    ck_assert_int_eq(r.status, 2);
    assert_has(r, "'--options' needs a value");
    child_result_free(&r);
}
END_TEST

START_TEST(launcher_errors_are_one_line)
{
    child_result r = launch((const char *[]){"run", "--options", "exitcode=1\n2", "--", "/bin/true", NULL}, NULL);
    ck_assert_int_eq(r.status, 2);
    ck_assert_int_eq(count_of(r.output, "\n"), 1);
    assert_has(r, "'1\\n2'");
    child_result_free(&r);
    r = launch((const char *[]){"bogus\ncommand", NULL}, NULL);
    ck_assert_int_eq(r.status, 2);
    ck_assert_int_eq(count_of(r.output, "\n"), 1);
    child_result_free(&r);
}
END_TEST

/* Every --options counts (a later value wins), and nothing is cut. */
START_TEST(launcher_merges_repeated_and_long_options)
{
    static char big[20000];
    size_t n = 0;
    while (n < 12000)
        n += (size_t)snprintf(big + n, sizeof big - n, "verbose=0:");
    snprintf(big + n, sizeof big - n, "exitcode=123");
    child_result r = launch((const char *[]){"run", "--options", "exitcode=3", "--options", big, "--options",
                                             "halt_on_error=1", "--", "/bin/sh", "-c",
                                             "printf '%s' \"$COFFMAN_OPTIONS\" | head -c 11; "
                                             "printf ' %s ' ${#COFFMAN_OPTIONS}; "
                                             "printf '%s' \"$COFFMAN_OPTIONS\" | tail -c 29",
                                             NULL},
                            NULL);
    ck_assert_int_eq(r.status, 0);
    char want[128];
    snprintf(want, sizeof want, "exitcode=3: %zu :exitcode=123:halt_on_error=1", strlen("exitcode=3:") + strlen(big) +
             strlen(":halt_on_error=1"));
    ck_assert_str_eq(r.output, want);
    child_result_free(&r);
}
END_TEST

int main(void)
{
    const char *s = getenv("COFFMAN_TEST_SHIM");
    if (!s || access(s, R_OK) != 0) {
        puts("skipped: COFFMAN_TEST_SHIM is not set to libcoffman.so");
        return 77;
    }
    snprintf(shim, sizeof shim, "%s", s);
    Suite *suite = suite_create("shim_safety");
    TCase *tc = tcase_create("report_files");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, graph_path_symlink_is_refused_at_start);
    tcase_add_test(tc, graph_path_fifo_is_refused_without_hanging);
    tcase_add_test(tc, log_path_symlink_is_refused_at_start);
    tcase_add_test(tc, log_path_symlink_planted_late_is_not_followed);
    tcase_add_test(tc, log_path_fifo_planted_late_does_not_hang);
    tcase_add_test(tc, log_path_hard_link_is_refused);
    tcase_add_test(tc, own_log_file_is_appended_to);
    tcase_add_test(tc, graph_hard_link_planted_late_is_left_alone);
    tcase_add_test(tc, own_graph_file_is_replaced_whole);
    tcase_add_test(tc, graph_path_stderr_writes_the_graph_there);
    tcase_add_test(tc, report_reaches_stderr_after_the_program_closed_it);
    tcase_add_test(tc, report_never_lands_in_a_data_file_on_fd_2);
    tcase_add_test(tc, failed_log_write_is_noted_once_and_reported_on_stderr);
    tcase_add_test(tc, report_never_lands_in_a_file_that_took_the_shim_s_fd);
    tcase_add_test(tc, log_file_is_reopened_when_the_program_closed_it);
    suite_add_tcase(suite, tc);
    TCase *opts = tcase_create("options");
    tcase_add_checked_fixture(opts, setup, teardown);
    tcase_set_timeout(opts, 30);
    tcase_add_test(opts, crash_signal_as_dump_signal_stops_before_main);
    tcase_add_test(opts, unwritable_graph_path_stops_before_main);
    tcase_add_test(opts, suppressions_directory_stops_before_main);
    tcase_add_test(opts, launcher_refuses_a_shim_that_is_not_a_shared_library);
    tcase_add_test(opts, launcher_names_an_unknown_option);
    tcase_add_test(opts, launcher_errors_are_one_line);
    tcase_add_test(opts, launcher_merges_repeated_and_long_options);
    suite_add_tcase(suite, opts);
    TCase *mem = tcase_create("unmapped_locks");
    tcase_set_timeout(mem, 30);
    tcase_add_test(mem, dlclose_forgets_the_library_s_locks);
    suite_add_tcase(suite, mem);
    SRunner *sr = srunner_create(suite);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
