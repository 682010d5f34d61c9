/* A growable byte buffer that never aborts: on allocation failure it stops
 * growing and remembers it, so a report is truncated rather than the host
 * program killed. */
#include "coffman/report.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void coffman_buf_init(coffman_buf *b)
{
    memset(b, 0, sizeof *b);
}

void coffman_buf_free(coffman_buf *b)
{
    free(b->data);
    coffman_buf_init(b);
}

static bool reserve(coffman_buf *b, size_t extra)
{
    if (b->failed)
        return false;
    if (b->len + extra + 1 <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *data = realloc(b->data, cap);
    if (!data) {
        b->failed = true;
        return false;
    }
    b->data = data;
    b->cap = cap;
    return true;
}

void coffman_buf_append(coffman_buf *b, const char *s, size_t n)
{
    if (!reserve(b, n))
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void coffman_buf_puts(coffman_buf *b, const char *s)
{
    if (s)
        coffman_buf_append(b, s, strlen(s));
}

void coffman_buf_printf(coffman_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}
