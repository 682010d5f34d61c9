/* Compiler-style diagnostics for coffman-check:
 *   file:line:col: warning: message [coffman-kind]
 * followed by `note:` lines, so editors and CI log parsers that understand
 * clang's output understand coffman's. */
#include "style.h"

static void put_location(coffman_buf *out, const coffman_frame *loc,
                         const coffman_frame *fallback, bool color)
{
    const coffman_frame *l = (loc && loc->file) ? loc : fallback;
    coffman_buf_puts(out, style(color, STYLE_BOLD));
    if (l && l->file) {
        coffman_buf_puts(out, l->file);
        if (l->line)
            coffman_buf_printf(out, ":%u", l->line);
        if (l->line && l->column)
            coffman_buf_printf(out, ":%u", l->column);
    } else {
        coffman_buf_puts(out, "coffman");
    }
    coffman_buf_puts(out, ": ");
    coffman_buf_puts(out, style(color, STYLE_RESET));
}

static void put_note(coffman_buf *out, const coffman_frame *loc,
                     const coffman_frame *fallback, const char *label,
                     const char *text, bool color)
{
    put_location(out, loc, fallback, color);
    coffman_buf_printf(out, "%snote: %s", style(color, STYLE_NOTE),
                       style(color, STYLE_RESET));
    if (label)
        coffman_buf_printf(out, "%s: ", label);
    coffman_buf_puts(out, text);
    coffman_buf_puts(out, "\n");
}

void coffman_format_compiler(coffman_buf *out, const coffman_finding *f,
                             bool color)
{
    put_location(out, &f->loc, NULL, color);
    coffman_buf_printf(out, "%s%s: %s%s%s%s [coffman-%s]\n",
                       style(color, severity_color(f->severity)),
                       severity_word(f->severity), style(color, STYLE_RESET),
                       style(color, STYLE_BOLD), f->message,
                       style(color, STYLE_RESET), coffman_kind_name(f->kind));
    for (size_t i = 0; i < f->note_count; i++)
        put_note(out, &f->notes[i].loc, &f->loc, NULL, f->notes[i].message,
                 color);
    condition_line lines[4];
    condition_lines(&f->conditions, lines);
    for (int i = 0; i < 4; i++)
        if (lines[i].text)
            put_note(out, NULL, &f->loc, lines[i].label, lines[i].text, color);
    if (f->fix)
        put_note(out, NULL, &f->loc, "fix", f->fix, color);
}
