#define _GNU_SOURCE
#include "suppressions.h"

#include "text_escape.h"

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Rules are few (a file a person writes): a fixed array, globs on the heap
 * (no length limit). */
enum { MAX_RULES = 1024, SHOWN = 120 };

typedef struct {
    coffman_kind kind;
    char *glob;
} rule;

static rule rules[MAX_RULES];
static size_t nrules;

void coffman_suppressions_clear(void)
{
    for (size_t i = 0; i < nrules; i++)
        free(rules[i].glob);
    nrules = 0;
}

static bool blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* A comment starts at a '#' at the start of the line or after a blank, so
 * `thread:worker_pool_main  # alias of thread-leak` is the rule
 * `thread:worker_pool_main`, while a '#' inside a glob stays part of it. */
static size_t rule_length(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == '#' && (i == 0 || blank(s[i - 1]))) {
            n = i;
            break;
        }
    while (n && blank(s[n - 1]))
        n--;
    return n;
}

static bool add_rule(const char *s, size_t n, char *err, size_t errlen)
{
    char shown[SHOWN];
    const char *colon = memchr(s, ':', n);
    size_t glob_at = colon ? (size_t)(colon - s) + 1 : n;
    while (glob_at < n && blank(s[glob_at]))
        glob_at++;
    if (!colon || glob_at == n) {
        snprintf(err, errlen, "suppression '%s': expected kind:glob", coffman_escape_n(s, n, shown, sizeof shown));
        return false;
    }
    char kind_name[64];
    size_t kind_len = (size_t)(colon - s);
    while (kind_len && blank(s[kind_len - 1]))
        kind_len--;
    coffman_kind kind;
    bool known = kind_len < sizeof kind_name;
    if (known) {
        memcpy(kind_name, s, kind_len);
        kind_name[kind_len] = '\0';
        if (!strcmp(kind_name, "thread"))
            kind = COFFMAN_THREAD_LEAK;
        else
            known = coffman_kind_parse(kind_name, &kind);
    }
    if (!known) {
        snprintf(err, errlen, "suppression kind '%s' is not a coffman kind (e.g. lock-order-inversion, thread)",
                 coffman_escape_n(s, kind_len, shown, sizeof shown));
        return false;
    }
    if (nrules == MAX_RULES) {
        snprintf(err, errlen, "more than %d suppressions; merge rules with globs", MAX_RULES);
        return false;
    }
    char *glob = strndup(s + glob_at, n - glob_at);
    if (!glob) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    rules[nrules].kind = kind;
    rules[nrules].glob = glob;
    nrules++;
    return true;
}

bool coffman_suppressions_add_line(const char *text, char *err, size_t errlen)
{
    while (blank(*text))
        text++;
    size_t n = rule_length(text, strlen(text));
    return !n || add_rule(text, n, err, errlen);
}

/* Opened non-blocking and checked with fstat: a FIFO or a directory is an
 * error, not a hang or an empty list. */
static FILE *open_regular(const char *path, char *err, size_t errlen)
{
    char shown[SHOWN];
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        const char *why = fd < 0 ? strerror(errno) : "not a regular file";
        snprintf(err, errlen, "cannot read suppressions file '%s': %s; give the path of a file of kind:glob lines",
                 coffman_escape(path, shown, sizeof shown), why);
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    fcntl(fd, F_SETFL, 0);
    FILE *f = fdopen(fd, "r");
    if (!f) {
        snprintf(err, errlen, "cannot read suppressions file '%s': %s", coffman_escape(path, shown, sizeof shown),
                 strerror(errno));
        close(fd);
    }
    return f;
}

bool coffman_suppressions_load(const char *path, char *err, size_t errlen)
{
    FILE *f = open_regular(path, err, errlen);
    if (!f)
        return false;
    char *line = NULL;
    size_t cap = 0;
    unsigned lineno = 0;
    bool ok = true;
    while (ok && getline(&line, &cap, f) >= 0) {
        lineno++;
        char why[400], shown[SHOWN];
        if (!coffman_suppressions_add_line(line, why, sizeof why)) {
            snprintf(err, errlen, "%s:%u: %s", coffman_escape(path, shown, sizeof shown), lineno, why);
            ok = false;
        }
    }
    free(line);
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
