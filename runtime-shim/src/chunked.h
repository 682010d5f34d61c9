/* A growable array of fixed-size records whose addresses never move
 * (chunks of 4096, mmap'ed on first use), so lock-free readers can keep
 * pointers.  Index 0 is valid storage but callers reserve it as "none". */
#ifndef COFFMAN_CHUNKED_H
#define COFFMAN_CHUNKED_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

enum { CHUNKED_SHIFT = 12, CHUNKED_MAX_CHUNKS = 1 << 14 };

typedef struct chunked {
    size_t elem_size;
    _Atomic(void *) chunks[CHUNKED_MAX_CHUNKS];
} chunked;

/* Existing element, or NULL when its chunk was never allocated. */
static inline void *chunked_peek(chunked *c, uint32_t idx)
{
    if ((idx >> CHUNKED_SHIFT) >= CHUNKED_MAX_CHUNKS)
        return NULL;
    char *chunk = atomic_load_explicit(&c->chunks[idx >> CHUNKED_SHIFT], memory_order_acquire);
    return chunk ? chunk + (size_t)(idx & ((1u << CHUNKED_SHIFT) - 1)) * c->elem_size : NULL;
}
/* Allocates the chunk if needed (callers serialise this). */
void *chunked_get(chunked *c, uint32_t idx);
/* Drops every chunk pointer without unmapping (fork child). */
void chunked_reset(chunked *c);

#endif
