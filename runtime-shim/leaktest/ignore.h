/* The process-wide ignore rules (fnmatch globs). */
#ifndef COFFMAN_LEAKTEST_IGNORE_H
#define COFFMAN_LEAKTEST_IGNORE_H

#include <stdbool.h>
#include <stddef.h>

/* A copy of the rules, so that a poll never holds the rules' lock while
 * the shim walks its registry. */
typedef struct lt_globs {
    char **v;
    size_t n;
} lt_globs;

bool lt_globs_copy(lt_globs *out);
void lt_globs_free(lt_globs *g);
bool lt_globs_match(const lt_globs *g, const char *name);

#endif
