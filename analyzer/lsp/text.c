#include "text.h"

#include <stdlib.h>
#include <string.h>

static size_t line_start(const text_buf *t, unsigned line)
{
    size_t off = 0;
    for (unsigned l = 0; l < line; l++) {
        const char *nl = memchr(t->data + off, '\n', t->len - off);
        if (!nl)
            return t->len;
        off = (size_t)(nl - t->data) + 1;
    }
    return off;
}

static size_t line_end(const text_buf *t, size_t start)
{
    const char *nl = memchr(t->data + start, '\n', t->len - start);
    return nl ? (size_t)(nl - t->data) : t->len;
}

/* Bytes in the UTF-8 sequence led by c (1 for stray continuation bytes,
 * so malformed text still advances). */
static size_t utf8_length(unsigned char c)
{
    if (c >= 0xF0) return 4;
    if (c >= 0xE0) return 3;
    if (c >= 0xC0) return 2;
    return 1;
}

size_t text_offset(const text_buf *t, unsigned line, unsigned character,
                   bool utf16)
{
    size_t off = line_start(t, line);
    size_t end = line_end(t, off);
    unsigned units = 0;
    while (off < end && units < character) {
        size_t n = utf8_length((unsigned char)t->data[off]);
        if (off + n > end)
            n = end - off;
        /* Characters beyond the BMP are two UTF-16 code units. */
        units += utf16 ? (n == 4 ? 2 : 1) : (unsigned)n;
        off += n;
    }
    return off;
}

unsigned text_character(const text_buf *t, unsigned line, unsigned column,
                        bool utf16)
{
    if (line == 0 || column == 0)
        return 0;
    size_t start = line_start(t, line - 1);
    size_t end = line_end(t, start);
    size_t stop = start + column - 1 < end ? start + column - 1 : end;
    if (!utf16)
        return (unsigned)(stop - start);
    unsigned units = 0;
    for (size_t off = start; off < stop;) {
        size_t n = utf8_length((unsigned char)t->data[off]);
        units += n == 4 ? 2 : 1;
        off += n;
    }
    return units;
}

static bool is_word(char c)
{
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
}

unsigned text_token_length(const text_buf *t, unsigned line, unsigned column)
{
    if (line == 0 || column == 0)
        return 1;
    size_t start = line_start(t, line - 1);
    size_t end = line_end(t, start);
    size_t off = start + column - 1;
    unsigned n = 0;
    while (off + n < end && is_word(t->data[off + n]))
        n++;
    return n ? n : 1;
}

static bool position_of(const json_t *pos, unsigned *line, unsigned *character)
{
    json_t *l = json_object_get(pos, "line");
    json_t *c = json_object_get(pos, "character");
    if (!json_is_integer(l) || !json_is_integer(c) ||
        json_integer_value(l) < 0 || json_integer_value(c) < 0)
        return false;
    *line = (unsigned)json_integer_value(l);
    *character = (unsigned)json_integer_value(c);
    return true;
}

static bool splice(text_buf *t, size_t from, size_t to, const char *s, size_t n)
{
    size_t len = t->len - (to - from) + n;
    char *data = malloc(len + 1);
    if (!data)
        return false;
    memcpy(data, t->data, from);
    memcpy(data + from, s, n);
    memcpy(data + from + n, t->data + to, t->len - to);
    data[len] = '\0';
    free(t->data);
    t->data = data;
    t->len = len;
    return true;
}

bool text_apply_change(text_buf *t, const json_t *change, bool utf16)
{
    json_t *text = json_object_get(change, "text");
    if (!json_is_string(text))
        return false;
    const char *s = json_string_value(text);
    size_t n = json_string_length(text);
    json_t *range = json_object_get(change, "range");
    if (!range)
        return text_set(t, s, n);
    unsigned l0, c0, l1, c1;
    if (!position_of(json_object_get(range, "start"), &l0, &c0) ||
        !position_of(json_object_get(range, "end"), &l1, &c1))
        return false;
    size_t from = text_offset(t, l0, c0, utf16);
    size_t to = text_offset(t, l1, c1, utf16);
    if (to < from)
        return false;
    return splice(t, from, to, s, n);
}

bool text_set(text_buf *t, const char *data, size_t len)
{
    char *copy = malloc(len + 1);
    if (!copy)
        return false;
    memcpy(copy, data, len);
    copy[len] = '\0';
    free(t->data);
    t->data = copy;
    t->len = len;
    return true;
}

void text_free(text_buf *t)
{
    free(t->data);
    t->data = NULL;
    t->len = 0;
}
