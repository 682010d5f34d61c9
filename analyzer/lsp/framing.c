#include "framing.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

void lsp_reader_init(lsp_reader *r, int fd)
{
    memset(r, 0, sizeof *r);
    r->fd = fd;
}

void lsp_reader_free(lsp_reader *r)
{
    free(r->buf);
    r->buf = NULL;
}

void lsp_message_free(lsp_message *m)
{
    free(m->raw);
    memset(m, 0, sizeof *m);
}

/* Makes at least `want` bytes available from r->start; false on EOF. */
static bool fill(lsp_reader *r, size_t want)
{
    while (r->end - r->start < want) {
        if (r->start > 0) {
            memmove(r->buf, r->buf + r->start, r->end - r->start);
            r->end -= r->start;
            r->start = 0;
        }
        if (r->cap - r->end < 65536 || r->cap < want) {
            size_t cap = r->cap ? r->cap : 65536;
            while (cap - r->end < 65536 || cap < want)
                cap *= 2;
            char *buf = realloc(r->buf, cap);
            if (!buf)
                return false;
            r->buf = buf;
            r->cap = cap;
        }
        ssize_t n = read(r->fd, r->buf + r->end, r->cap - r->end);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        r->end += (size_t)n;
    }
    return true;
}

/* Length of the header block including its blank line, 0 if incomplete. */
static size_t header_length(const lsp_reader *r)
{
    const char *p = r->buf + r->start;
    size_t n = r->end - r->start;
    for (size_t i = 0; i + 3 < n; i++)
        if (p[i] == '\r' && p[i + 1] == '\n' && p[i + 2] == '\r' && p[i + 3] == '\n')
            return i + 4;
    return 0;
}

/* Parses header fields; returns the Content-Length or sets *why. */
static bool parse_headers(const char *h, size_t len, size_t *body_len,
                          const char **why)
{
    bool have_length = false;
    const char *end = h + len - 2;  /* the blank line's CRLF */
    while (h < end) {
        const char *eol = memchr(h, '\r', (size_t)(end - h));
        if (!eol || eol[1] != '\n') {
            *why = "header line not terminated by CRLF";
            return false;
        }
        const char *colon = memchr(h, ':', (size_t)(eol - h));
        if (!colon) {
            *why = "header line without ':'";
            return false;
        }
        if ((size_t)(colon - h) == 14 && strncasecmp(h, "Content-Length", 14) == 0) {
            const char *v = colon + 1;
            while (v < eol && *v == ' ')
                v++;
            size_t n = 0;
            if (v == eol) {
                *why = "empty Content-Length";
                return false;
            }
            for (; v < eol; v++) {
                if (*v < '0' || *v > '9') {
                    *why = "Content-Length is not a number";
                    return false;
                }
                n = n * 10 + (size_t)(*v - '0');
                if (n > LSP_MAX_BODY) {
                    *why = "Content-Length too large";
                    return false;
                }
            }
            *body_len = n;
            have_length = true;
        }
        h = eol + 2;
    }
    if (!have_length)
        *why = "missing Content-Length header";
    return have_length;
}

/* Drops bytes up to the end of a header block that never ends in time, so
 * reading can resume at the next message once one starts. */
static lsp_read_status skip_oversized_header(lsp_reader *r, const char **why)
{
    *why = "header block too long";
    for (;;) {
        size_t n = header_length(r);
        if (n) {
            r->start += n;
            return LSP_READ_MALFORMED;
        }
        /* Keep three bytes: the terminator may straddle two reads. */
        if (r->end - r->start > 3)
            r->start = r->end - 3;
        if (!fill(r, r->end - r->start + 1))
            return LSP_READ_EOF;
    }
}

lsp_read_status lsp_read(lsp_reader *r, lsp_message *m, const char **why)
{
    memset(m, 0, sizeof *m);
    size_t hlen;
    while ((hlen = header_length(r)) == 0) {
        if (r->end - r->start > LSP_MAX_HEADER)
            return skip_oversized_header(r, why);
        if (!fill(r, r->end - r->start + 1))
            return LSP_READ_EOF;
    }
    if (hlen > LSP_MAX_HEADER) {
        *why = "header block too long";
        r->start += hlen;
        return LSP_READ_MALFORMED;
    }
    size_t blen = 0;
    if (!parse_headers(r->buf + r->start, hlen, &blen, why)) {
        r->start += hlen;
        return LSP_READ_MALFORMED;
    }
    if (!fill(r, hlen + blen))
        return LSP_READ_EOF;
    m->raw = malloc(hlen + blen + 1);
    if (!m->raw) {
        *why = "out of memory";
        r->start += hlen + blen;
        return LSP_READ_MALFORMED;
    }
    memcpy(m->raw, r->buf + r->start, hlen + blen);
    m->raw[hlen + blen] = '\0';
    m->raw_len = hlen + blen;
    m->body = m->raw + hlen;
    m->body_len = blen;
    r->start += hlen + blen;
    return LSP_READ_OK;
}

void lsp_writer_init(lsp_writer *w, int fd)
{
    w->fd = fd;
    w->broken = 0;
    pthread_mutex_init(&w->mu, NULL);
}

static int write_all(lsp_writer *w, const char *p, size_t n)
{
    while (n > 0 && !w->broken) {
        ssize_t k = write(w->fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            w->broken = 1;
            break;
        }
        p += k;
        n -= (size_t)k;
    }
    return w->broken ? -1 : 0;
}

int lsp_write_raw(lsp_writer *w, const char *bytes, size_t len)
{
    pthread_mutex_lock(&w->mu);
    int rc = write_all(w, bytes, len);
    pthread_mutex_unlock(&w->mu);
    return rc;
}

int lsp_write_json(lsp_writer *w, const json_t *body)
{
    char *s = json_dumps(body, JSON_COMPACT);
    if (!s)
        return -1;
    char header[64];
    int hn = snprintf(header, sizeof header, "Content-Length: %zu\r\n\r\n", strlen(s));
    pthread_mutex_lock(&w->mu);
    int rc = write_all(w, header, (size_t)hn);
    if (rc == 0)
        rc = write_all(w, s, strlen(s));
    pthread_mutex_unlock(&w->mu);
    free(s);
    return rc;
}
