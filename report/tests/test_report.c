/* The report layer's contract: every output format names the kind with the
 * shared vocabulary and carries the evidence and the Coffman conditions. */
#include "coffman/report.h"

#include <check.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const coffman_note printsum_notes[] = {
    {"holding 'b.mu' (acquired at printsum.c:18) while acquiring 'a.mu'",
     {0, "print_sum", "/src/printsum.c", 21, 5, NULL}, NULL, 0},
};

static coffman_finding printsum_inversion(void)
{
    coffman_finding f = {
        .kind = COFFMAN_LOCK_ORDER_INVERSION,
        .severity = COFFMAN_SEVERITY_WARNING,
        .message = "lock order inversion: 'a.mu' and 'b.mu' are acquired in both orders",
        .loc = {0, "print_sum", "/src/printsum.c", 21, 5, NULL},
        .notes = printsum_notes,
        .note_count = 1,
        .conditions = {"mutexes are exclusive", "each thread holds one while waiting",
                       "pthread_mutex_lock blocks", "a.mu -> b.mu -> a.mu"},
        .fix = "always acquire 'a.mu' before 'b.mu'",
    };
    return f;
}

START_TEST(kind_names_round_trip)
{
    for (int k = 0; k < COFFMAN_KIND_COUNT; k++) {
        coffman_kind parsed;
        const char *name = coffman_kind_name((coffman_kind)k);
        ck_assert_ptr_nonnull(name);
        ck_assert(coffman_kind_parse(name, &parsed));
        ck_assert_int_eq(parsed, k);
    }
    coffman_kind parsed;
    ck_assert(coffman_kind_parse("coffman-thread-leak", &parsed));
    ck_assert_int_eq(parsed, COFFMAN_THREAD_LEAK);
    ck_assert(!coffman_kind_parse("data-race", &parsed));
    ck_assert_ptr_null(coffman_kind_name(COFFMAN_KIND_COUNT));
}
END_TEST

START_TEST(compiler_style_has_check_name_and_notes)
{
    coffman_finding f = printsum_inversion();
    coffman_buf b;
    coffman_buf_init(&b);
    coffman_format_compiler(&b, &f, false);
    ck_assert_ptr_nonnull(strstr(b.data,
        "/src/printsum.c:21:5: warning: lock order inversion: 'a.mu' and 'b.mu' "
        "are acquired in both orders [coffman-lock-order-inversion]\n"));
    ck_assert_ptr_nonnull(strstr(b.data, "/src/printsum.c:21:5: note: holding 'b.mu'"));
    ck_assert_ptr_nonnull(strstr(b.data, "note: circular wait: a.mu -> b.mu -> a.mu\n"));
    ck_assert_ptr_nonnull(strstr(b.data, "note: fix: always acquire"));
    ck_assert_ptr_null(strstr(b.data, "\033["));
    coffman_buf_free(&b);
}
END_TEST

START_TEST(sanitizer_style_has_banner_stack_and_summary)
{
    coffman_frame stack[] = {{0x401234, "print_sum", "/src/printsum.c", 21, 0, NULL},
                             {0x401300, "worker", NULL, 0, 0, "printsum"}};
    coffman_finding f = printsum_inversion();
    f.severity = COFFMAN_SEVERITY_ERROR;
    f.kind = COFFMAN_DEADLOCK;
    f.stack = stack;
    f.stack_len = 2;
    coffman_buf b;
    coffman_buf_init(&b);
    coffman_format_sanitizer(&b, &f, 4242, false);
    ck_assert_ptr_nonnull(strstr(b.data, "==4242==ERROR: coffman: deadlock ("));
    ck_assert_ptr_nonnull(strstr(b.data, "    #0 0x401234 in print_sum /src/printsum.c:21\n"));
    ck_assert_ptr_nonnull(strstr(b.data, "    #1 0x401300 in worker (printsum)\n"));
    ck_assert_ptr_nonnull(strstr(b.data, "mutual exclusion  mutexes are exclusive\n"));
    ck_assert_ptr_nonnull(strstr(b.data, "SUMMARY: coffman: deadlock /src/printsum.c:21 in print_sum\n"));
    coffman_buf_free(&b);
}
END_TEST

START_TEST(json_line_is_one_parseable_object)
{
    coffman_finding f = printsum_inversion();
    coffman_buf b;
    coffman_buf_init(&b);
    coffman_format_json(&b, &f, "coffman-check");
    ck_assert_int_eq(b.data[b.len - 1], '\n');
    ck_assert_ptr_eq(strchr(b.data, '\n'), b.data + b.len - 1);
    json_error_t err;
    json_t *o = json_loads(b.data, 0, &err);
    ck_assert_ptr_nonnull(o);
    ck_assert_str_eq(json_string_value(json_object_get(o, "kind")), "lock-order-inversion");
    ck_assert_str_eq(json_string_value(json_object_get(o, "check")), "coffman-lock-order-inversion");
    json_t *loc = json_object_get(o, "location");
    ck_assert_int_eq(json_integer_value(json_object_get(loc, "line")), 21);
    ck_assert_int_eq(json_array_size(json_object_get(o, "notes")), 1);
    ck_assert_str_eq(json_string_value(json_object_get(json_object_get(o, "conditions"),
                                                       "circular_wait")),
                     "a.mu -> b.mu -> a.mu");
    json_decref(o);
    coffman_buf_free(&b);
}
END_TEST

START_TEST(sarif_log_names_rule_and_location)
{
    coffman_finding f = printsum_inversion();
    coffman_sarif *s = coffman_sarif_new("coffman-check", "0.1.0");
    coffman_sarif_add(s, &f);
    coffman_buf b;
    coffman_buf_init(&b);
    coffman_sarif_finish(s, &b);
    coffman_sarif_free(s);
    json_error_t err;
    json_t *log = json_loads(b.data, 0, &err);
    ck_assert_ptr_nonnull(log);
    ck_assert_str_eq(json_string_value(json_object_get(log, "version")), "2.1.0");
    json_t *result = json_array_get(
        json_object_get(json_array_get(json_object_get(log, "runs"), 0), "results"), 0);
    ck_assert_str_eq(json_string_value(json_object_get(result, "ruleId")),
                     "coffman-lock-order-inversion");
    json_t *phys = json_object_get(json_array_get(json_object_get(result, "locations"), 0),
                                   "physicalLocation");
    ck_assert_str_eq(json_string_value(json_object_get(json_object_get(phys, "artifactLocation"),
                                                       "uri")),
                     "file:///src/printsum.c");
    ck_assert_int_eq(json_array_size(json_object_get(result, "relatedLocations")), 1);
    json_decref(log);
    coffman_buf_free(&b);
}
END_TEST

START_TEST(buffer_grows_past_its_first_block)
{
    coffman_buf b;
    coffman_buf_init(&b);
    for (int i = 0; i < 1000; i++)
        coffman_buf_printf(&b, "%04d", i);
    ck_assert_uint_eq(b.len, 4000);
    ck_assert(!b.failed);
    ck_assert_int_eq(strncmp(b.data + 3996, "0999", 4), 0);
    coffman_buf_free(&b);
}
END_TEST

START_TEST(note_list_grows_and_points_at_the_top_frame)
{
    coffman_frame top = {0x10, "worker", "w.c", 41, 0, NULL};
    coffman_note_list l = {0};
    for (int i = 0; i < 40; i++)
        coffman_note_list_add(&l, "held", &top, 1);
    coffman_note_list_add(&l, "no stack", NULL, 0);
    ck_assert_uint_eq(l.count, 41);
    ck_assert_uint_eq(l.notes[39].loc.line, 41);
    ck_assert_str_eq(l.notes[39].loc.function, "worker");
    ck_assert_ptr_null(l.notes[40].loc.file);
    coffman_note_list_free(&l);
    ck_assert_uint_eq(l.count, 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("report");
    TCase *tc = tcase_create("formats");
    tcase_add_test(tc, kind_names_round_trip);
    tcase_add_test(tc, compiler_style_has_check_name_and_notes);
    tcase_add_test(tc, sanitizer_style_has_banner_stack_and_summary);
    tcase_add_test(tc, json_line_is_one_parseable_object);
    tcase_add_test(tc, sarif_log_names_rule_and_location);
    tcase_add_test(tc, buffer_grows_past_its_first_block);
    tcase_add_test(tc, note_list_grows_and_points_at_the_top_frame);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
