/* Notes gathered one by one; a note's location is the top of its stack. */
#include "coffman/report.h"

#include <stdlib.h>
#include <string.h>

void coffman_note_list_add(coffman_note_list *l, const char *message,
                           const coffman_frame *stack, size_t stack_len)
{
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        coffman_note *notes = realloc(l->notes, cap * sizeof *notes);
        if (!notes)
            return;
        l->notes = notes;
        l->cap = cap;
    }
    coffman_note *note = &l->notes[l->count++];
    memset(note, 0, sizeof *note);
    note->message = message;
    note->stack = stack;
    note->stack_len = stack_len;
    if (stack && stack_len)
        note->loc = stack[0];
}

void coffman_note_list_free(coffman_note_list *l)
{
    free(l->notes);
    memset(l, 0, sizeof *l);
}
