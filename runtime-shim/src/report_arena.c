#include "report_arena.h"

#include <stdio.h>
#include <stdlib.h>

struct coffman_arena_block {
    coffman_arena_block *next;
};

void *coffman_arena_alloc(coffman_arena *a, size_t n)
{
    coffman_arena_block *b = malloc(sizeof *b + n);
    if (!b)
        return NULL;
    b->next = a->blocks;
    a->blocks = b;
    return b + 1;
}

const char *coffman_arena_vstrf(coffman_arena *a, const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *s = n >= 0 ? coffman_arena_alloc(a, (size_t)n + 1) : NULL;
    if (s)
        vsnprintf(s, (size_t)n + 1, fmt, again);
    va_end(again);
    return s ? s : "";
}

void coffman_arena_free(coffman_arena *a)
{
    for (coffman_arena_block *b = a->blocks, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    a->blocks = NULL;
}
