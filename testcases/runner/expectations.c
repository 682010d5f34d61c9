#define _DEFAULT_SOURCE
#include "expectations.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const vocabulary[] = {
    "lock-order-inversion", "deadlock", "self-deadlock", "never-signaled-wait",
    "unguarded-wait", "blocking-while-locked", "lock-leak", "thread-leak",
    "no-termination", "hang"};

static bool known_kind(const char *k)
{
    for (size_t i = 0; i < sizeof vocabulary / sizeof *vocabulary; i++)
        if (strcmp(k, vocabulary[i]) == 0)
            return true;
    return false;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    char *end = s + strlen(s);
    while (end > s && strchr(" \t\r\n*/", end[-1]))
        *--end = '\0';
    return s;
}

static bool add_markers(expectations *e, const char *file, unsigned line, char *list)
{
    char *save = NULL;
    for (char *k = strtok_r(list, ", ", &save); k; k = strtok_r(NULL, ", ", &save)) {
        if (!known_kind(k) || e->marker_count == MAX_MARKERS) {
            fprintf(stderr, "%s:%u: bad coffman-expect marker '%s'\n", file, line, k);
            return false;
        }
        marker *m = &e->markers[e->marker_count++];
        snprintf(m->file, sizeof m->file, "%s", file);
        m->line = line;
        snprintf(m->kind, sizeof m->kind, "%s", k);
    }
    return true;
}

static bool set_kinds(expectations *e, char *list)
{
    if (strcmp(list, "clean") == 0)
        return true;
    char *save = NULL;
    for (char *k = strtok_r(list, ",", &save); k; k = strtok_r(NULL, ",", &save)) {
        if (!known_kind(k) || e->runtime_kind_count == MAX_KINDS)
            return false;
        snprintf(e->runtime_kinds[e->runtime_kind_count++], 40, "%s", k);
    }
    return true;
}

static bool set_args(expectations *e, const char *list)
{
    char *save = NULL;
    char *copy = strdup(list);
    for (char *a = strtok_r(copy, ",", &save); a && e->arg_count < MAX_ARGS;
         a = strtok_r(NULL, ",", &save))
        e->args[e->arg_count++] = strdup(a);
    free(copy);
    return true;
}

static bool runtime_field(expectations *e, char *key, char *value)
{
    if (strcmp(key, "expect") == 0)
        return set_kinds(e, value);
    if (strcmp(key, "hangs") == 0)
        return (e->hangs = strcmp(value, "yes") == 0) || strcmp(value, "no") == 0;
    if (strcmp(key, "args") == 0)
        return set_args(e, value);
    if (strcmp(key, "output") == 0)
        return (e->same_output = strcmp(value, "same") == 0);
    if (strcmp(key, "options") == 0)
        return snprintf(e->options, sizeof e->options, "%s", value) > 0;
    if (strcmp(key, "static") == 0)
        return (e->static_skip = strcmp(value, "skip") == 0);
    if (strcmp(key, "runtime") == 0)
        return (e->runtime_skip = strcmp(value, "skip") == 0);
    if (strcmp(key, "why") == 0)
        return snprintf(e->why, sizeof e->why, "%s", value) >= 0;
    return false;
}

/* "expect=deadlock hangs=yes args=100 why=free text to the end" */
static bool parse_runtime_line(expectations *e, const char *file, char *text)
{
    e->has_runtime_line = true;
    char *why = strstr(text, "why=");
    if (why) {
        snprintf(e->why, sizeof e->why, "%s", trim(why + 4));
        *why = '\0';
    }
    char *save = NULL;
    for (char *tok = strtok_r(text, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
        char *eq = strchr(tok, '=');
        if (eq)
            *eq = '\0';
        if (!eq || !runtime_field(e, tok, eq + 1)) {
            fprintf(stderr, "%s: bad coffman-runtime field '%s'\n", file, tok);
            return false;
        }
    }
    return true;
}

static bool read_file(expectations *e, const char *path)
{
    char real[PATH_MAX];
    if (!realpath(path, real)) {
        perror(path);
        return false;
    }
    FILE *f = fopen(real, "r");
    if (!f) {
        perror(real);
        return false;
    }
    char line[4096];
    bool ok = true;
    for (unsigned n = 1; ok && fgets(line, sizeof line, f); n++) {
        char *m = strstr(line, "coffman-expect:");
        char *r = strstr(line, "coffman-runtime:");
        if (m)
            ok = add_markers(e, real, n, trim(m + strlen("coffman-expect:")));
        else if (r)
            ok = parse_runtime_line(e, real, trim(r + strlen("coffman-runtime:")));
    }
    fclose(f);
    return ok;
}

bool expectations_read(expectations *e, char *const *files, size_t count)
{
    memset(e, 0, sizeof *e);
    for (size_t i = 0; i < count; i++)
        if (!read_file(e, files[i]))
            return false;
    if (!e->has_runtime_line) {
        fprintf(stderr, "%s: no 'coffman-runtime:' declaration\n", files[0]);
        return false;
    }
    return true;
}

bool expectations_runtime_expects(const expectations *e, const char *kind)
{
    for (size_t i = 0; i < e->runtime_kind_count; i++)
        if (strcmp(e->runtime_kinds[i], kind) == 0)
            return true;
    return false;
}
