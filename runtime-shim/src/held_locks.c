/* Held-lock stack: push on acquire, remove (usually the top) on release. */
#define _GNU_SOURCE
#include "held_locks.h"

#include <string.h>
#include <sys/mman.h>

void coffman_held_init(coffman_held_stack *s)
{
    s->items = s->inline_items;
    s->len = 0;
    s->cap = COFFMAN_HELD_INLINE;
}

/* mmap, not malloc: a lock may be taken inside malloc or a signal handler. */
static bool grow(coffman_held_stack *s)
{
    size_t cap = s->cap * 2;
    coffman_held *items = mmap(NULL, cap * sizeof *items, PROT_READ | PROT_WRITE,
                               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (items == MAP_FAILED)
        return false;
    memcpy(items, s->items, s->len * sizeof *items);
    if (s->items != s->inline_items)
        munmap(s->items, s->cap * sizeof *items);
    s->items = items;
    s->cap = cap;
    return true;
}

bool coffman_held_push(coffman_held_stack *s, const coffman_held *h)
{
    if (s->len == s->cap && !grow(s))
        return false;
    s->items[s->len] = *h;
    coffman_held_rechain(s->items, s->len + 1, s->len);
    s->len++;
    return true;
}

void coffman_held_remove(coffman_held_stack *s, size_t index)
{
    if (index >= s->len)
        return;
    memmove(&s->items[index], &s->items[index + 1],
            (s->len - index - 1) * sizeof s->items[0]);
    s->len--;
    coffman_held_rechain(s->items, s->len, index);
}

void coffman_held_clear(coffman_held_stack *s)
{
    s->len = 0;
}
