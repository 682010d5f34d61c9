#include <check.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "framing.h"

/* A reader over `input` (written to a pipe, then closed). */
static lsp_reader reader_for(const char *input, size_t len)
{
    int p[2];
    ck_assert_int_eq(pipe(p), 0);
    ck_assert_int_eq(write(p[1], input, len), (ssize_t)len);
    close(p[1]);
    lsp_reader r;
    lsp_reader_init(&r, p[0]);
    return r;
}

static void done(lsp_reader *r)
{
    close(r->fd);
    lsp_reader_free(r);
}

START_TEST(messages_are_kept_byte_exact)
{
    /* Odd but legal: a Content-Type header, lower-case name, JSON spacing. */
    const char second[] = "Content-Length: 2\r\n\r\n{}";
    const char in[] = "content-length: 15\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{ \"id\" :  1  }\n"
                      "Content-Length: 2\r\n\r\n{}";
    lsp_reader r = reader_for(in, sizeof in - 1);
    lsp_message m;
    const char *why;
    ck_assert_int_eq(lsp_read(&r, &m, &why), LSP_READ_OK);
    ck_assert_uint_eq(m.raw_len, sizeof in - sizeof second);
    ck_assert(memcmp(m.raw, in, m.raw_len) == 0);
    ck_assert_uint_eq(m.body_len, 15);
    ck_assert(memcmp(m.body, "{ \"id\" :  1  }\n", 15) == 0);
    lsp_message_free(&m);
    ck_assert_int_eq(lsp_read(&r, &m, &why), LSP_READ_OK);
    ck_assert(memcmp(m.body, "{}", 2) == 0);
    lsp_message_free(&m);
    ck_assert_int_eq(lsp_read(&r, &m, &why), LSP_READ_EOF);
    done(&r);
}
END_TEST

START_TEST(bad_headers_are_skipped_and_reading_resumes)
{
    const char in[] = "Content-Length: abc\r\n\r\n"
                      "X-Nothing: 1\r\n\r\n"
                      "no colon here\r\n\r\n"
                      "Content-Length: 99999999999999999999\r\n\r\n"
                      "Content-Length: 2\r\n\r\n{}";
    lsp_reader r = reader_for(in, sizeof in - 1);
    lsp_message m;
    const char *why = NULL;
    ck_assert_int_eq(lsp_read(&r, &m, &why), LSP_READ_MALFORMED);
    ck_assert_str_eq(why, "Content-Length is not a number");
    ck_assert_int_eq(lsp_read(&r, &m, &why), LSP_READ_MALFORMED);
    ck_assert_str_eq(why, "missing Content-Length header");
    ck_assert_int_eq(lsp_read(&r, &m, &why), LSP_READ_MALFORMED);
    ck_assert_str_eq(why, "header line without ':'");
    ck_assert_int_eq(lsp_read(&r, &m, &why), LSP_READ_MALFORMED);
    ck_assert_str_eq(why, "Content-Length too large");
    ck_assert_int_eq(lsp_read(&r, &m, &why), LSP_READ_OK);
    ck_assert(memcmp(m.body, "{}", 2) == 0);
    lsp_message_free(&m);
    done(&r);
}
END_TEST

START_TEST(endless_header_is_dropped)
{
    char in[LSP_MAX_HEADER * 3 + 64];
    memset(in, 'x', LSP_MAX_HEADER * 3);
    strcpy(in + LSP_MAX_HEADER * 3, "\r\n\r\nContent-Length: 2\r\n\r\n{}");
    lsp_reader r = reader_for(in, strlen(in));
    lsp_message m;
    const char *why = NULL;
    ck_assert_int_eq(lsp_read(&r, &m, &why), LSP_READ_MALFORMED);
    ck_assert_str_eq(why, "header block too long");
    ck_assert_int_eq(lsp_read(&r, &m, &why), LSP_READ_OK);
    lsp_message_free(&m);
    done(&r);
}
END_TEST

START_TEST(truncated_body_is_eof)
{
    const char in[] = "Content-Length: 10\r\n\r\n{\"a\"";
    lsp_reader r = reader_for(in, sizeof in - 1);
    lsp_message m;
    const char *why;
    ck_assert_int_eq(lsp_read(&r, &m, &why), LSP_READ_EOF);
    done(&r);
}
END_TEST

START_TEST(writer_frames_json)
{
    signal(SIGPIPE, SIG_IGN);
    int p[2];
    ck_assert_int_eq(pipe(p), 0);
    lsp_writer w;
    lsp_writer_init(&w, p[1]);
    json_t *body = json_pack("{s:i}", "id", 7);
    ck_assert_int_eq(lsp_write_json(&w, body), 0);
    json_decref(body);
    char buf[128] = {0};
    ck_assert_int_gt(read(p[0], buf, sizeof buf - 1), 0);
    ck_assert_str_eq(buf, "Content-Length: 8\r\n\r\n{\"id\":7}");
    close(p[0]);
    /* A peer that went away is a failed write, not a crash. */
    ck_assert_int_eq(lsp_write_raw(&w, "x", 1), -1);
    close(p[1]);
}
END_TEST

Suite *framing_suite(void)
{
    Suite *s = suite_create("framing");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, messages_are_kept_byte_exact);
    tcase_add_test(tc, bad_headers_are_skipped_and_reading_resumes);
    tcase_add_test(tc, endless_header_is_dropped);
    tcase_add_test(tc, truncated_body_is_eof);
    tcase_add_test(tc, writer_frames_json);
    suite_add_tcase(s, tc);
    return s;
}
