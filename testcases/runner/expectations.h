/* What a testcase declares it must produce (docs/testcases.md). */
#ifndef SCENARIO_EXPECTATIONS_H
#define SCENARIO_EXPECTATIONS_H

#include <stdbool.h>
#include <stddef.h>

enum { MAX_MARKERS = 64, MAX_KINDS = 12, MAX_ARGS = 8 };

typedef struct marker {
    char file[4096]; /* real path */
    unsigned line;
    char kind[40];
} marker;

typedef struct expectations {
    marker markers[MAX_MARKERS];
    size_t marker_count;
    bool has_runtime_line;
    char runtime_kinds[MAX_KINDS][40];
    size_t runtime_kind_count; /* 0 with has_runtime_line: expect=clean */
    bool hangs;
    char *args[MAX_ARGS];
    size_t arg_count;
    char options[512];
    bool same_output;  /* output=same: the shim run prints what the native run prints */
    bool static_skip, runtime_skip;
    char why[256];
} expectations;

/* Reads the markers and the header line of every file; false with a message
 * on stderr when a declaration is malformed (a typo must fail the test,
 * not silently expect nothing). */
bool expectations_read(expectations *e, char *const *files, size_t count);
bool expectations_runtime_expects(const expectations *e, const char *kind);

#endif
