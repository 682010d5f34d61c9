#include <check.h>
#include <string.h>

#include "diagnostics.h"

static const char report[] =
    "{\"version\":1,\"tool\":\"coffman-check\",\"findings\":["
    "{\"kind\":\"lock-order-inversion\",\"check\":\"coffman-lock-order-inversion\","
    "\"severity\":\"warning\",\"message\":\"lock order inversion: b.mu then a.mu\","
    "\"location\":{\"file\":\"/tmp/x/1/p.c\",\"line\":2,\"column\":5,\"function\":\"f\"},"
    "\"notes\":[{\"message\":\"holding a.mu (acquired at /tmp/x/1/p.c:1)\","
    "\"location\":{\"file\":\"/tmp/x/1/p.c\",\"line\":1,\"column\":5}},"
    "{\"message\":\"thread started here\",\"location\":{\"file\":\"/src/other.c\",\"line\":9,\"column\":3}},"
    "{\"message\":\"no location\",\"location\":{}}],"
    "\"conditions\":{\"mutual_exclusion\":\"a.mu and b.mu are mutexes\",\"circular_wait\":\"a->b->a\"},"
    "\"fix\":\"take a.mu first\"},"
    "{\"kind\":\"thread-leak\",\"check\":\"coffman-thread-leak\",\"severity\":\"warning\","
    "\"message\":\"elsewhere\",\"location\":{\"file\":\"/src/other.c\",\"line\":3,\"column\":1}}]}";

static diag_target target(text_buf *t)
{
    text_set(t, "    lock(a);\n    pthread_mutex_lock(&b);\n", 41);
    diag_target d = {"/src/p.c", "/tmp/x/1/p.c", t, true};
    return d;
}

START_TEST(finding_becomes_diagnostic_with_related_information)
{
    text_buf t = {0};
    diag_target d = target(&t);
    const char *why = NULL;
    json_t *diags = diag_from_report(report, &d, &why);
    ck_assert_ptr_nonnull(diags);
    /* The other file's finding is not this document's. */
    ck_assert_uint_eq(json_array_size(diags), 1);
    json_t *x = json_array_get(diags, 0);
    ck_assert_str_eq(json_string_value(json_object_get(x, "source")), "coffman");
    ck_assert_str_eq(json_string_value(json_object_get(x, "code")), "coffman-lock-order-inversion");
    ck_assert_int_eq(json_integer_value(json_object_get(x, "severity")), 2);
    json_t *start = json_object_get(json_object_get(x, "range"), "start");
    json_t *end = json_object_get(json_object_get(x, "range"), "end");
    ck_assert_int_eq(json_integer_value(json_object_get(start, "line")), 1);
    ck_assert_int_eq(json_integer_value(json_object_get(start, "character")), 4);
    ck_assert_int_eq(json_integer_value(json_object_get(end, "character")), 22);
    json_t *rel = json_object_get(x, "relatedInformation");
    /* 3 notes + 2 conditions + fix. */
    ck_assert_uint_eq(json_array_size(rel), 6);
    json_t *n0 = json_array_get(rel, 0);
    /* The temp copy's path never reaches the user. */
    ck_assert_str_eq(json_string_value(json_object_get(n0, "message")),
                     "holding a.mu (acquired at /src/p.c:1)");
    ck_assert_str_eq(json_string_value(json_object_get(json_object_get(n0, "location"), "uri")),
                     "file:///src/p.c");
    json_t *n1 = json_array_get(rel, 1);
    ck_assert_str_eq(json_string_value(json_object_get(json_object_get(n1, "location"), "uri")),
                     "file:///src/other.c");
    json_t *n2 = json_array_get(rel, 2);
    ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(json_object_get(
        json_object_get(n2, "location"), "range"), "start"), "line")), 1);
    ck_assert_str_eq(json_string_value(json_object_get(json_array_get(rel, 3), "message")),
                     "mutual exclusion: a.mu and b.mu are mutexes");
    ck_assert_str_eq(json_string_value(json_object_get(json_array_get(rel, 5), "message")),
                     "fix: take a.mu first");
    json_decref(diags);
    text_free(&t);
}
END_TEST

START_TEST(json_lines_and_empty_output_are_reports)
{
    text_buf t = {0};
    diag_target d = target(&t);
    const char *why = NULL;
    json_t *none = diag_from_report("", &d, &why);
    ck_assert_uint_eq(json_array_size(none), 0);
    json_t *lines = diag_from_report(
        "{\"kind\":\"lock-leak\",\"message\":\"m\",\"location\":{\"file\":\"/src/p.c\",\"line\":1,\"column\":1}}\n"
        "{\"kind\":\"thread-leak\",\"message\":\"n\",\"location\":{\"file\":\"/src/p.c\",\"line\":2,\"column\":1}}\n",
        &d, &why);
    ck_assert_uint_eq(json_array_size(lines), 2);
    ck_assert_str_eq(json_string_value(json_object_get(json_array_get(lines, 0), "code")),
                     "coffman-lock-leak");
    ck_assert_ptr_null(diag_from_report("Segmentation fault\n", &d, &why));
    ck_assert_ptr_nonnull(why);
    json_decref(none);
    json_decref(lines);
    text_free(&t);
}
END_TEST

START_TEST(merge_keeps_clangd_first)
{
    json_t *clangd = json_pack("[{s:s},{s:s}]", "source", "clang", "source", "clang-tidy");
    json_t *coffman = json_pack("[o]", diag_failure("coffman: why", 3));
    json_t *m = diag_merge(clangd, coffman);
    ck_assert_uint_eq(json_array_size(m), 3);
    ck_assert_str_eq(json_string_value(json_object_get(json_array_get(m, 0), "source")), "clang");
    json_t *f = json_array_get(m, 2);
    ck_assert_str_eq(json_string_value(json_object_get(f, "source")), "coffman");
    ck_assert_str_eq(json_string_value(json_object_get(f, "message")), "coffman: why");
    /* Inputs untouched: clangd's list is stored and merged again later. */
    ck_assert_uint_eq(json_array_size(clangd), 2);
    json_decref(m);
    json_decref(clangd);
    json_decref(coffman);
}
END_TEST

Suite *diagnostics_suite(void)
{
    Suite *s = suite_create("diagnostics");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, finding_becomes_diagnostic_with_related_information);
    tcase_add_test(tc, json_lines_and_empty_output_are_reports);
    tcase_add_test(tc, merge_keeps_clangd_first);
    suite_add_tcase(s, tc);
    return s;
}
