/* Terminal colours shared by the text formatters (clang's palette, so a
 * coffman diagnostic looks like the compiler's own). */
#ifndef COFFMAN_REPORT_STYLE_H
#define COFFMAN_REPORT_STYLE_H

#include "coffman/report.h"

#define STYLE_BOLD "\033[1m"
#define STYLE_RED "\033[1;31m"
#define STYLE_MAGENTA "\033[1;35m"
#define STYLE_NOTE "\033[1;30m"
#define STYLE_GREEN "\033[1;32m"
#define STYLE_RESET "\033[0m"

static inline const char *style(bool color, const char *code)
{
    return color ? code : "";
}

static inline const char *severity_word(coffman_severity s)
{
    switch (s) {
    case COFFMAN_SEVERITY_ERROR: return "error";
    case COFFMAN_SEVERITY_NOTE: return "note";
    default: return "warning";
    }
}

static inline const char *severity_color(coffman_severity s)
{
    switch (s) {
    case COFFMAN_SEVERITY_ERROR: return STYLE_RED;
    case COFFMAN_SEVERITY_NOTE: return STYLE_NOTE;
    default: return STYLE_MAGENTA;
    }
}

/* The four conditions in the order the Coffman paper gives them, with the
 * label every output format uses. */
typedef struct condition_line {
    const char *label;
    const char *json_key;
    const char *text;
} condition_line;

static inline void condition_lines(const coffman_conditions *c,
                                   condition_line out[4])
{
    out[0] = (condition_line){"mutual exclusion", "mutual_exclusion", c->mutual_exclusion};
    out[1] = (condition_line){"hold and wait", "hold_and_wait", c->hold_and_wait};
    out[2] = (condition_line){"no preemption", "no_preemption", c->no_preemption};
    out[3] = (condition_line){"circular wait", "circular_wait", c->circular_wait};
}

#endif
