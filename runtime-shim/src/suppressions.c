#define _GNU_SOURCE
#include "suppressions.h"

#include <fnmatch.h>
#include <stdio.h>
#include <string.h>

enum { MAX_RULES = 256, GLOB_MAX = 256 };

typedef struct {
    coffman_kind kind;
    char glob[GLOB_MAX];
} rule;

static rule rules[MAX_RULES];
static size_t nrules;

void coffman_suppressions_clear(void) { nrules = 0; }

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

bool coffman_suppressions_add_line(const char *text, char *err, size_t errlen)
{
    char line[GLOB_MAX + 64];
    snprintf(line, sizeof line, "%s", text);
    char *s = trim(line);
    if (!*s || *s == '#')
        return true;
    char *colon = strchr(s, ':');
    if (!colon || !colon[1]) {
        snprintf(err, errlen, "suppression '%s': expected kind:glob", s);
        return false;
    }
    *colon = '\0';
    coffman_kind kind;
    if (!strcmp(s, "thread"))
        kind = COFFMAN_THREAD_LEAK;
    else if (!coffman_kind_parse(s, &kind)) {
        snprintf(err, errlen, "suppression kind '%s' is not a coffman kind", s);
        return false;
    }
    if (nrules == MAX_RULES) {
        snprintf(err, errlen, "more than %d suppressions", MAX_RULES);
        return false;
    }
    rules[nrules].kind = kind;
    snprintf(rules[nrules].glob, GLOB_MAX, "%s", trim(colon + 1));
    nrules++;
    return true;
}

bool coffman_suppressions_load(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "re");
    if (!f) {
        snprintf(err, errlen, "cannot open suppressions file '%s'", path);
        return false;
    }
    char line[GLOB_MAX + 64];
    unsigned lineno = 0;
    bool ok = true;
    while (ok && fgets(line, sizeof line, f)) {
        lineno++;
        char why[256];
        if (!coffman_suppressions_add_line(line, why, sizeof why)) {
            snprintf(err, errlen, "%s:%u: %s", path, lineno, why);
            ok = false;
        }
    }
    fclose(f);
    return ok;
}

static bool match(const char *glob, const char *s)
{
    if (!s)
        return false;
    if (!fnmatch(glob, s, 0))
        return true;
    const char *base = strrchr(s, '/');
    return base && !fnmatch(glob, base + 1, 0);
}

static bool frame_matches(const char *glob, const coffman_frame *fr)
{
    return match(glob, fr->function) || match(glob, fr->file) || match(glob, fr->module);
}

static bool stack_matches(const char *glob, const coffman_frame *st, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (frame_matches(glob, &st[i]))
            return true;
    return false;
}

static bool finding_matches(const char *glob, const coffman_finding *f)
{
    if (frame_matches(glob, &f->loc) || stack_matches(glob, f->stack, f->stack_len))
        return true;
    for (size_t i = 0; i < f->note_count; i++)
        if (frame_matches(glob, &f->notes[i].loc) ||
            stack_matches(glob, f->notes[i].stack, f->notes[i].stack_len))
            return true;
    return false;
}

bool coffman_suppressed(const coffman_finding *f)
{
    for (size_t i = 0; i < nrules; i++)
        if (rules[i].kind == f->kind && finding_matches(rules[i].glob, f))
            return true;
    return false;
}
