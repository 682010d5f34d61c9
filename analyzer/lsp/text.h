/* The editor's unsaved buffer: applying LSP edits and converting between
 * LSP positions (line + UTF-16 or UTF-8 code units) and byte offsets. */
#ifndef COFFMAN_LSP_TEXT_H
#define COFFMAN_LSP_TEXT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct text_buf {
    char *data;   /* NUL-terminated, may contain other NULs */
    size_t len;
} text_buf;

/* Byte offset of (line, character), clamped to the line's end and the
 * buffer's end, as LSP requires of out-of-range positions. */
size_t text_offset(const text_buf *t, unsigned line, unsigned character,
                   bool utf16);

/* LSP character of the 1-based byte column `column` on 1-based `line`. */
unsigned text_character(const text_buf *t, unsigned line, unsigned column,
                        bool utf16);

/* Byte length of the identifier-like token starting at a 1-based byte
 * column (at least 1), so a diagnostic underlines a word, not a caret. */
unsigned text_token_length(const text_buf *t, unsigned line, unsigned column);

/* Applies one TextDocumentContentChangeEvent (full text or a range).
 * Returns false, leaving the buffer unchanged, when it is malformed. */
bool text_apply_change(text_buf *t, const json_t *change, bool utf16);

bool text_set(text_buf *t, const char *data, size_t len);
void text_free(text_buf *t);

#endif
