/* coffman-check's command-line contract: exit codes, formats, --checks,
 * suppressions, broken files, bear-style relative paths, gcc-only flags,
 * facts files and --merge, and -j.  Each test writes a tiny project into a
 * fresh temporary directory. */
#define _DEFAULT_SOURCE
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[256];

static const char *abba =
    "#include <pthread.h>\n"
    "pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;\n"
    "pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;\n"
    "static void *one(void *p) {\n"
    "  pthread_mutex_lock(&a);\n"
    "  pthread_mutex_lock(&b);\n"
    "  pthread_mutex_unlock(&b);\n"
    "  pthread_mutex_unlock(&a);\n"
    "  return p;\n"
    "}\n"
    "static void *two(void *p) {\n"
    "  pthread_mutex_lock(&b);\n"
    "  pthread_mutex_lock(&a);%s\n"
    "  pthread_mutex_unlock(&a);\n"
    "  pthread_mutex_unlock(&b);\n"
    "  return p;\n"
    "}\n"
    "int main(void) {\n"
    "  pthread_t t1, t2;\n"
    "  pthread_create(&t1, 0, one, 0);\n"
    "  pthread_create(&t2, 0, two, 0);\n"
    "  pthread_join(t1, 0);\n"
    "  pthread_join(t2, 0);\n"
    "  return 0;\n"
    "}\n";

static void write_file(const char *name, const char *fmt, ...)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
    fclose(f);
}

/* compile_commands.json with relative file names, as bear writes them. */
static void write_db(const char *files[], size_t n, const char *extra)
{
    char buf[8192] = "[";
    for (size_t i = 0; i < n; i++) {
        char entry[1024];
        snprintf(entry, sizeof entry,
                 "%s{\"directory\":\"%s\",\"file\":\"%s\",\"arguments\":"
                 "[\"gcc\",\"-std=c11\",%s\"-c\",\"%s\"]}",
                 i ? "," : "", dir, files[i], extra ? extra : "", files[i]);
        strcat(buf, entry);
    }
    strcat(buf, "]\n");
    write_file("compile_commands.json", "%s", buf);
}

static char *slurp(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    if (!f)
        return strdup("");
    static char text[1 << 16];
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = 0;
    fclose(f);
    return strdup(text);
}

/* Runs coffman-check with `args` (in the project dir); stdout and stderr
 * go to out.txt / err.txt.  Returns the exit status. */
static int check(const char *args)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "cd '%s' && '%s' %s >out.txt 2>err.txt", dir, COFFMAN_CHECK_EXE,
             args);
    int st = system(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/coffman-cli-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
}

static void abba_project(const char *marker, const char *extra)
{
    write_file("abba.c", abba, marker);
    const char *files[] = {"abba.c"};
    write_db(files, 1, extra);
}

START_TEST(help_and_bad_options)
{
    ck_assert_int_eq(check("--help"), 0);
    char *out = slurp("out.txt");
    ck_assert_ptr_nonnull(strstr(out, "usage: coffman-check -p BUILD_DIR"));
    ck_assert_ptr_nonnull(strstr(out, "--checks"));
    free(out);
    ck_assert_int_eq(check("-p . --format=xml"), 2);
    ck_assert_int_eq(check("--no-such-option"), 2);
    ck_assert_int_eq(check(""), 2);
}
END_TEST

START_TEST(text_finding_with_absolute_path)
{
    abba_project("", NULL);
    ck_assert_int_eq(check("-p . abba.c"), 1);
    char *out = slurp("out.txt"), expect[512];
    snprintf(expect, sizeof expect,
             "%s/abba.c:13:3: warning: lock order inversion", dir);
    ck_assert_msg(strstr(out, expect), "got: %s", out);
    ck_assert_ptr_nonnull(strstr(out, "[coffman-lock-order-inversion]"));
    ck_assert_ptr_nonnull(strstr(out, "note: mutual exclusion:"));
    ck_assert_ptr_nonnull(strstr(out, "note: hold and wait:"));
    ck_assert_ptr_nonnull(strstr(out, "note: no preemption:"));
    ck_assert_ptr_nonnull(strstr(out, "note: circular wait:"));
    ck_assert_ptr_nonnull(strstr(out, "note: fix:"));
    ck_assert_ptr_nonnull(strstr(out, "holding `b` (acquired at abba.c:12) "
                                      "while acquiring `a` at abba.c:13"));
    free(out);
    /* No files named: every C file of the database. */
    ck_assert_int_eq(check("-p ."), 1);
}
END_TEST

START_TEST(json_and_sarif)
{
    abba_project("", NULL);
    ck_assert_int_eq(check("-p . --format=json -o report.json"), 1);
    char *json = slurp("report.json");
    ck_assert_msg(strstr(json, "{\"version\":1,\"tool\":\"coffman-check\","
                               "\"findings\":["), "got: %s", json);
    ck_assert_ptr_nonnull(strstr(json, "\"lock-order-inversion\""));
    free(json);
    ck_assert_int_eq(check("-p . --format=sarif"), 1);
    char *sarif = slurp("out.txt");
    ck_assert_ptr_nonnull(strstr(sarif, "2.1.0"));
    ck_assert_ptr_nonnull(strstr(sarif, "coffman-lock-order-inversion"));
    free(sarif);
}
END_TEST

START_TEST(checks_filter_and_exit_zero)
{
    abba_project("", NULL);
    ck_assert_int_eq(check("-p . --checks=-*"), 0);
    ck_assert_int_eq(check("-p . '--checks=-*,coffman-lock-order-*'"), 1);
    ck_assert_int_eq(check("-p . '--checks=coffman-*,-coffman-lock-order-inversion' "
                           "'--checks=-*'"), 0);
    ck_assert_int_eq(check("-p . --exit-zero"), 0);
    char *out = slurp("out.txt");
    ck_assert_ptr_nonnull(strstr(out, "lock order inversion"));
    free(out);
}
END_TEST

START_TEST(nolint_suppresses)
{
    abba_project(" // NOLINT(coffman-lock-order-inversion)", NULL);
    ck_assert_int_eq(check("-p . --checks=-*,coffman-lock-order-*"), 0);
    abba_project(" // NOLINT", NULL);
    ck_assert_int_eq(check("-p . --checks=-*,coffman-lock-order-*"), 0);
    /* A NOLINT for another check does not hide this one. */
    abba_project(" // NOLINT(coffman-thread-leak)", NULL);
    ck_assert_int_eq(check("-p . --checks=-*,coffman-lock-order-*"), 1);
}
END_TEST

START_TEST(broken_file_is_named_others_analysed)
{
    write_file("abba.c", abba, "");
    write_file("broken.c", "int f(void) { return undeclared_thing; }\n");
    const char *files[] = {"abba.c", "broken.c"};
    write_db(files, 2, NULL);
    ck_assert_int_eq(check("-p . --checks=-*,coffman-lock-order-*"), 2);
    char *err = slurp("err.txt"), *out = slurp("out.txt");
    ck_assert_msg(strstr(err, "broken.c") && strstr(err, "undeclared_thing"),
                  "stderr: %s", err);
    ck_assert_ptr_nonnull(strstr(out, "lock order inversion"));
    free(err);
    free(out);
}
END_TEST

START_TEST(gcc_only_flags_are_stripped)
{
    abba_project("", "\"-fanalyzer\",\"-fno-tree-vrp\",");
    ck_assert_int_eq(check("-p . --checks=-*,coffman-lock-order-*"), 1);
    char *err = slurp("err.txt");
    ck_assert_msg(!strstr(err, "error"), "stderr: %s", err);
    free(err);
}
END_TEST

START_TEST(facts_dir_and_merge)
{
    abba_project("", NULL);
    ck_assert_int_eq(check("-p . --facts-dir=facts --checks=-*"), 0);
    ck_assert_int_eq(check("--merge=facts --checks=-*,coffman-lock-order-*"),
                     1);
    char *out = slurp("out.txt");
    ck_assert_ptr_nonnull(strstr(out, "abba.c:13:3: warning: lock order"));
    free(out);
    ck_assert_int_eq(check("--merge=no-such-dir"), 2);
}
END_TEST

START_TEST(parallel_matches_serial)
{
    /* Halves in two files: found only when both are merged. */
    write_file("one.c",
               "#include <pthread.h>\n"
               "extern pthread_mutex_t a, b;\n"
               "void *one(void *p) {\n"
               "  pthread_mutex_lock(&a);\n"
               "  pthread_mutex_lock(&b);\n"
               "  pthread_mutex_unlock(&b);\n"
               "  pthread_mutex_unlock(&a);\n"
               "  return p;\n"
               "}\n");
    write_file("two.c",
               "#include <pthread.h>\n"
               "pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;\n"
               "pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;\n"
               "void *one(void *);\n"
               "static void *two(void *p) {\n"
               "  pthread_mutex_lock(&b);\n"
               "  pthread_mutex_lock(&a);\n"
               "  pthread_mutex_unlock(&a);\n"
               "  pthread_mutex_unlock(&b);\n"
               "  return p;\n"
               "}\n"
               "int main(void) {\n"
               "  pthread_t t1, t2;\n"
               "  pthread_create(&t1, 0, one, 0);\n"
               "  pthread_create(&t2, 0, two, 0);\n"
               "  pthread_join(t1, 0);\n"
               "  pthread_join(t2, 0);\n"
               "}\n");
    const char *files[] = {"one.c", "two.c"};
    write_db(files, 2, NULL);
    ck_assert_int_eq(check("-p . -j1 --checks=-*,coffman-lock-order-*"), 1);
    char *serial = slurp("out.txt");
    ck_assert_ptr_nonnull(strstr(serial, "two.c:7:3: warning: lock order"));
    ck_assert_int_eq(check("-p . -j 2 --checks=-*,coffman-lock-order-*"), 1);
    char *parallel = slurp("out.txt");
    ck_assert_str_eq(serial, parallel);
    free(serial);
    free(parallel);
    /* One half alone is silent. */
    ck_assert_int_eq(check("-p . two.c --checks=-*,coffman-lock-order-*"), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("coffman-check");
    TCase *tc = tcase_create("cli");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, help_and_bad_options);
    tcase_add_test(tc, text_finding_with_absolute_path);
    tcase_add_test(tc, json_and_sarif);
    tcase_add_test(tc, checks_filter_and_exit_zero);
    tcase_add_test(tc, nolint_suppresses);
    tcase_add_test(tc, broken_file_is_named_others_analysed);
    tcase_add_test(tc, gcc_only_flags_are_stripped);
    tcase_add_test(tc, facts_dir_and_merge);
    tcase_add_test(tc, parallel_matches_serial);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
