/* JSON Lines: one finding object per line (schema in docs/reports.md).
 * Lines rather than one document so that a runtime report written just
 * before the process dies is still a complete record. */
#include "json_finding.h"
#include "style.h"

#include <stdio.h>
#include <stdlib.h>

static void set_str(json_t *o, const char *key, const char *value)
{
    if (value)
        json_object_set_new(o, key, json_string(value));
}

json_t *coffman_json_frame(const coffman_frame *fr)
{
    json_t *o = json_object();
    if (fr->pc) {
        char pc[2 + 2 * sizeof(uintptr_t) + 1];
        snprintf(pc, sizeof pc, "0x%lx", (unsigned long)fr->pc);
        set_str(o, "pc", pc);
    }
    set_str(o, "function", fr->function);
    set_str(o, "file", fr->file);
    if (fr->line)
        json_object_set_new(o, "line", json_integer(fr->line));
    if (fr->column)
        json_object_set_new(o, "column", json_integer(fr->column));
    set_str(o, "module", fr->module);
    return o;
}

json_t *coffman_json_stack(const coffman_frame *stack, size_t len)
{
    json_t *a = json_array();
    for (size_t i = 0; i < len; i++)
        json_array_append_new(a, coffman_json_frame(&stack[i]));
    return a;
}

json_t *coffman_json_conditions(const coffman_conditions *c)
{
    condition_line lines[4];
    condition_lines(c, lines);
    json_t *o = json_object();
    for (int i = 0; i < 4; i++)
        set_str(o, lines[i].json_key, lines[i].text);
    return o;
}

static json_t *json_note(const coffman_note *n)
{
    json_t *o = json_object();
    set_str(o, "message", n->message);
    json_object_set_new(o, "location", coffman_json_frame(&n->loc));
    if (n->stack_len)
        json_object_set_new(o, "stack", coffman_json_stack(n->stack, n->stack_len));
    return o;
}

json_t *coffman_json_finding(const coffman_finding *f, const char *tool)
{
    char check[64];
    snprintf(check, sizeof check, "coffman-%s", coffman_kind_name(f->kind));
    json_t *o = json_object();
    set_str(o, "tool", tool);
    set_str(o, "kind", coffman_kind_name(f->kind));
    set_str(o, "check", check);
    set_str(o, "severity", severity_word(f->severity));
    set_str(o, "message", f->message);
    json_object_set_new(o, "location", coffman_json_frame(&f->loc));
    json_object_set_new(o, "stack", coffman_json_stack(f->stack, f->stack_len));
    json_t *notes = json_array();
    for (size_t i = 0; i < f->note_count; i++)
        json_array_append_new(notes, json_note(&f->notes[i]));
    json_object_set_new(o, "notes", notes);
    json_object_set_new(o, "conditions", coffman_json_conditions(&f->conditions));
    set_str(o, "fix", f->fix);
    return o;
}

void coffman_json_emit(coffman_buf *out, json_t *v, size_t flags)
{
    char *text = v ? json_dumps(v, flags | JSON_PRESERVE_ORDER) : NULL;
    if (text) {
        coffman_buf_puts(out, text);
        free(text);
    } else {
        out->failed = true;
    }
    json_decref(v);
}

void coffman_format_json(coffman_buf *out, const coffman_finding *f,
                         const char *tool)
{
    coffman_json_emit(out, coffman_json_finding(f, tool), JSON_COMPACT);
    coffman_buf_puts(out, "\n");
}
