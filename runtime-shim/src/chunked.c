#define _GNU_SOURCE
#include "chunked.h"

#include <sys/mman.h>

void *chunked_get(chunked *c, uint32_t idx)
{
    void *p = chunked_peek(c, idx);
    if (p || (idx >> CHUNKED_SHIFT) >= CHUNKED_MAX_CHUNKS)
        return p;
    void *chunk = mmap(NULL, c->elem_size << CHUNKED_SHIFT, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (chunk == MAP_FAILED)
        return NULL;
    atomic_store_explicit(&c->chunks[idx >> CHUNKED_SHIFT], chunk, memory_order_release);
    return chunked_peek(c, idx);
}

void chunked_reset(chunked *c)
{
    for (size_t i = 0; i < CHUNKED_MAX_CHUNKS; i++)
        atomic_store_explicit(&c->chunks[i], NULL, memory_order_relaxed);
}
