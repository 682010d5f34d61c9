/* LSP base protocol: "Content-Length: N\r\n...\r\n\r\n" + N bytes of JSON.
 * The reader keeps each message's exact bytes so the proxy can forward
 * it untouched; the writer frames bodies the proxy makes itself. */
#ifndef COFFMAN_LSP_FRAMING_H
#define COFFMAN_LSP_FRAMING_H

#include <jansson.h>
#include <pthread.h>
#include <stddef.h>

/* Bodies above this are refused rather than buffered: a corrupt length
 * must not make the proxy allocate gigabytes. */
#define LSP_MAX_BODY ((size_t)256 << 20)
#define LSP_MAX_HEADER 8192

typedef struct lsp_reader {
    int fd;
    char *buf;
    size_t start, end, cap;
} lsp_reader;

typedef struct lsp_message {
    char *raw;          /* header + body, exactly as read */
    size_t raw_len;
    const char *body;   /* points into raw */
    size_t body_len;
} lsp_message;

typedef enum lsp_read_status {
    LSP_READ_OK,
    LSP_READ_EOF,        /* clean end of input, or cut inside a message */
    LSP_READ_MALFORMED   /* header unusable; it was skipped, read on */
} lsp_read_status;

void lsp_reader_init(lsp_reader *r, int fd);
void lsp_reader_free(lsp_reader *r);
/* On LSP_READ_MALFORMED, *why says what was wrong (static string). */
lsp_read_status lsp_read(lsp_reader *r, lsp_message *m, const char **why);
void lsp_message_free(lsp_message *m);

/* A locked output stream shared by the threads that write to one peer. */
typedef struct lsp_writer {
    int fd;
    pthread_mutex_t mu;
    int broken;          /* the peer went away; further writes are dropped */
} lsp_writer;

void lsp_writer_init(lsp_writer *w, int fd);
/* Each returns 0, or -1 once the peer is gone. */
int lsp_write_raw(lsp_writer *w, const char *bytes, size_t len);
int lsp_write_json(lsp_writer *w, const json_t *body);

#endif
