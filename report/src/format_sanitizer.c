/* Sanitizer-style reports for libcoffman.so: a banner naming
 * `coffman: <kind>`, symbolized stacks, and a SUMMARY line, the shape
 * ThreadSanitizer and AddressSanitizer users already read. */
#include "style.h"

static void put_frame(coffman_buf *out, size_t index, const coffman_frame *fr)
{
    coffman_buf_printf(out, "    #%zu 0x%lx in %s", index,
                       (unsigned long)fr->pc,
                       fr->function ? fr->function : "??");
    if (fr->file) {
        coffman_buf_printf(out, " %s", fr->file);
        if (fr->line)
            coffman_buf_printf(out, ":%u", fr->line);
    } else if (fr->module) {
        coffman_buf_printf(out, " (%s)", fr->module);
    }
    coffman_buf_puts(out, "\n");
}

static void put_where(coffman_buf *out, const coffman_frame *loc,
                      const coffman_frame *stack, size_t stack_len)
{
    if (stack_len) {
        coffman_buf_puts(out, ":\n");
        for (size_t i = 0; i < stack_len; i++)
            put_frame(out, i, &stack[i]);
        return;
    }
    if (loc && loc->file) {
        coffman_buf_printf(out, " at %s", loc->file);
        if (loc->line)
            coffman_buf_printf(out, ":%u", loc->line);
    }
    coffman_buf_puts(out, "\n");
}

static void put_conditions(coffman_buf *out, const coffman_conditions *c)
{
    condition_line lines[4];
    condition_lines(c, lines);
    bool any = false;
    for (int i = 0; i < 4; i++)
        any |= lines[i].text != NULL;
    if (!any)
        return;
    coffman_buf_puts(out, "\n  Why this is a deadlock (the Coffman conditions):\n");
    for (int i = 0; i < 4; i++)
        if (lines[i].text)
            coffman_buf_printf(out, "    %-17s %s\n", lines[i].label, lines[i].text);
}

static void put_summary(coffman_buf *out, const coffman_finding *f)
{
    coffman_buf_printf(out, "SUMMARY: coffman: %s", coffman_kind_name(f->kind));
    const coffman_frame *top = f->stack_len ? &f->stack[0] : &f->loc;
    if (top->file) {
        coffman_buf_printf(out, " %s", top->file);
        if (top->line)
            coffman_buf_printf(out, ":%u", top->line);
    }
    if (top->function)
        coffman_buf_printf(out, " in %s", top->function);
    coffman_buf_puts(out, "\n");
}

void coffman_format_sanitizer(coffman_buf *out, const coffman_finding *f,
                              int pid, bool color)
{
    const char *word = f->severity == COFFMAN_SEVERITY_ERROR ? "ERROR" : "WARNING";
    coffman_buf_puts(out, "==================\n");
    coffman_buf_printf(out, "%s==%d==%s: coffman: %s (%s)%s\n",
                       style(color, severity_color(f->severity)), pid, word,
                       coffman_kind_name(f->kind), coffman_kind_summary(f->kind),
                       style(color, STYLE_RESET));
    coffman_buf_printf(out, "  %s%s%s", style(color, STYLE_BOLD), f->message,
                       style(color, STYLE_RESET));
    put_where(out, &f->loc, f->stack, f->stack_len);
    for (size_t i = 0; i < f->note_count; i++) {
        const coffman_note *n = &f->notes[i];
        coffman_buf_printf(out, "\n  %s", n->message);
        put_where(out, &n->loc, n->stack, n->stack_len);
    }
    put_conditions(out, &f->conditions);
    if (f->fix)
        coffman_buf_printf(out, "\n  %sFix:%s %s\n", style(color, STYLE_GREEN),
                           style(color, STYLE_RESET), f->fix);
    coffman_buf_puts(out, "\n");
    put_summary(out, f);
    coffman_buf_puts(out, "==================\n");
}
