#include <check.h>
#include <string.h>

#include "text.h"

static json_t *range_change(int l0, int c0, int l1, int c1, const char *s)
{
    return json_pack("{s:{s:{s:i,s:i},s:{s:i,s:i}},s:s}", "range",
                     "start", "line", l0, "character", c0,
                     "end", "line", l1, "character", c1, "text", s);
}

START_TEST(incremental_edit_swaps_arguments)
{
    text_buf t = {0};
    const char *src = "int a;\n    struct sum_args ba = {&b, &a};\n";
    text_set(&t, src, strlen(src));
    /* The keystroke-sized fix of printsum: "&b, &a" -> "&a, &b". */
    json_t *c = range_change(1, 26, 1, 32, "&a, &b");
    ck_assert(text_apply_change(&t, c, true));
    ck_assert_str_eq(t.data, "int a;\n    struct sum_args ba = {&a, &b};\n");
    json_decref(c);
    text_free(&t);
}
END_TEST

START_TEST(utf16_columns_count_surrogate_pairs)
{
    text_buf t = {0};
    /* "é" is 2 bytes/1 unit, the emoji 4 bytes/2 units. */
    const char *src = "x\n\xc3\xa9\xf0\x9f\x98\x80z = 1;\n";
    text_set(&t, src, strlen(src));
    ck_assert_uint_eq(text_offset(&t, 1, 3, true), 2 + 6);
    ck_assert_uint_eq(text_offset(&t, 1, 6, false), 2 + 6);
    /* Byte column 8 (1-based) is the 'z'. */
    ck_assert_uint_eq(text_character(&t, 2, 7, true), 3);
    ck_assert_uint_eq(text_character(&t, 2, 7, false), 6);
    text_free(&t);
}
END_TEST

START_TEST(positions_past_the_end_clamp)
{
    text_buf t = {0};
    text_set(&t, "ab\ncd", 5);
    ck_assert_uint_eq(text_offset(&t, 0, 99, true), 2);
    ck_assert_uint_eq(text_offset(&t, 9, 0, true), 5);
    json_t *c = range_change(0, 1, 7, 0, "X");
    ck_assert(text_apply_change(&t, c, true));
    ck_assert_str_eq(t.data, "aX");
    json_decref(c);
    text_free(&t);
}
END_TEST

START_TEST(malformed_changes_leave_text_alone)
{
    text_buf t = {0};
    text_set(&t, "abc", 3);
    json_t *backwards = range_change(0, 2, 0, 1, "X");
    json_t *no_text = json_pack("{s:i}", "rangeLength", 3);
    ck_assert(!text_apply_change(&t, backwards, true));
    ck_assert(!text_apply_change(&t, no_text, true));
    ck_assert_str_eq(t.data, "abc");
    json_t *full = json_pack("{s:s}", "text", "new");
    ck_assert(text_apply_change(&t, full, true));
    ck_assert_str_eq(t.data, "new");
    json_decref(backwards);
    json_decref(no_text);
    json_decref(full);
    text_free(&t);
}
END_TEST

START_TEST(token_length_underlines_a_word)
{
    text_buf t = {0};
    text_set(&t, "    pthread_mutex_lock(&m);", 27);
    ck_assert_uint_eq(text_token_length(&t, 1, 5), 18);
    ck_assert_uint_eq(text_token_length(&t, 1, 23), 1);
    text_free(&t);
}
END_TEST

Suite *text_suite(void)
{
    Suite *s = suite_create("text");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, incremental_edit_swaps_arguments);
    tcase_add_test(tc, utf16_columns_count_surrogate_pairs);
    tcase_add_test(tc, positions_past_the_end_clamp);
    tcase_add_test(tc, malformed_changes_leave_text_alone);
    tcase_add_test(tc, token_length_underlines_a_word);
    suite_add_tcase(s, tc);
    return s;
}
