#include "diagnostics.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uri.h"

/* Same file, whether the checker printed the temp copy, the real path,
 * or a spelling of either that only realpath agrees on. */
static bool same_file(const char *a, const char *b)
{
    if (!a || !b)
        return false;
    if (strcmp(a, b) == 0)
        return true;
    char ra[PATH_MAX], rb[PATH_MAX];
    return realpath(a, ra) && realpath(b, rb) && strcmp(ra, rb) == 0;
}

static bool in_target(const char *file, const diag_target *t)
{
    return same_file(file, t->temp_path) || same_file(file, t->path);
}

char *diag_untemp(const char *s, const diag_target *t)
{
    if (!t->temp_path || !*t->temp_path || !strstr(s, t->temp_path))
        return strdup(s);
    size_t tl = strlen(t->temp_path), pl = strlen(t->path);
    size_t count = 0;
    for (const char *p = s; (p = strstr(p, t->temp_path)); p += tl)
        count++;
    char *out = malloc(strlen(s) + count * pl + 1);
    if (!out)
        return NULL;
    char *o = out;
    for (const char *p = s;;) {
        const char *hit = strstr(p, t->temp_path);
        if (!hit) {
            strcpy(o, p);
            break;
        }
        memcpy(o, p, (size_t)(hit - p));
        o += hit - p;
        memcpy(o, t->path, pl);
        o += pl;
        p = hit + tl;
    }
    return out;
}

static unsigned uint_field(const json_t *obj, const char *key)
{
    json_int_t v = json_integer_value(json_object_get(obj, key));
    return v > 0 && v < INT_MAX ? (unsigned)v : 0;
}

static json_t *position(unsigned line, unsigned character)
{
    return json_pack("{s:i,s:i}", "line", (int)line, "character", (int)character);
}

/* LSP range of a coffman location {file,line,column}; positions in the
 * analysed buffer go through it, others are taken as byte columns. */
static json_t *range_of(const json_t *loc, const diag_target *t, bool here)
{
    unsigned line = uint_field(loc, "line"), col = uint_field(loc, "column");
    unsigned l = line ? line - 1 : 0;
    unsigned c0 = col ? col - 1 : 0, c1 = c0 + 1;
    if (here && t->text && line) {
        unsigned n = text_token_length(t->text, line, col ? col : 1);
        c0 = text_character(t->text, line, col ? col : 1, t->utf16);
        c1 = text_character(t->text, line, (col ? col : 1) + n, t->utf16);
        if (c1 <= c0)
            c1 = c0 + 1;
    }
    return json_pack("{s:o,s:o}", "start", position(l, c0), "end", position(l, c1));
}

static json_t *location_of(const json_t *loc, const json_t *fallback,
                           const diag_target *t)
{
    const char *file = json_string_value(json_object_get(loc, "file"));
    if (!file || !*file || !uint_field(loc, "line")) {
        loc = fallback;
        file = t->path;
    }
    bool here = in_target(file, t);
    char *uri = uri_from_path(here ? t->path : file);
    json_t *out = json_pack("{s:s,s:o}", "uri", uri ? uri : "",
                            "range", range_of(loc, t, here));
    free(uri);
    return out;
}

static void add_related(json_t *related, const json_t *loc, const json_t *primary,
                        const char *message, const diag_target *t)
{
    char *msg = diag_untemp(message, t);
    json_array_append_new(related, json_pack("{s:o,s:s}",
        "location", location_of(loc, primary, t), "message", msg ? msg : message));
    free(msg);
}

/* "mutual_exclusion" -> "mutual exclusion: <text>" */
static void add_condition(json_t *related, const json_t *primary, const char *key,
                          const char *text, const diag_target *t)
{
    size_t n = strlen(key) + strlen(text) + 3;
    char *msg = malloc(n);
    if (!msg)
        return;
    snprintf(msg, n, "%s: %s", key, text);
    for (char *p = msg; *p && *p != ':'; p++)
        if (*p == '_' || *p == '-')
            *p = ' ';
    add_related(related, NULL, primary, msg, t);
    free(msg);
}

static int lsp_severity(const char *s)
{
    if (s && strcmp(s, "error") == 0) return 1;
    if (s && strcmp(s, "note") == 0) return 3;
    return 2;
}

static json_t *related_info(const json_t *finding, const json_t *primary,
                            const diag_target *t)
{
    json_t *related = json_array();
    size_t i;
    json_t *note;
    json_array_foreach(json_object_get(finding, "notes"), i, note) {
        const char *msg = json_string_value(json_object_get(note, "message"));
        if (msg)
            add_related(related, json_object_get(note, "location"), primary, msg, t);
    }
    const char *key;
    json_t *value;
    json_object_foreach(json_object_get(finding, "conditions"), key, value) {
        if (json_is_string(value))
            add_condition(related, primary, key, json_string_value(value), t);
    }
    const char *fix = json_string_value(json_object_get(finding, "fix"));
    if (fix)
        add_condition(related, primary, "fix", fix, t);
    return related;
}

/* The finding as a Diagnostic, or NULL if it belongs to another file. */
static json_t *diag_from_finding(const json_t *finding, const diag_target *t)
{
    const json_t *loc = json_object_get(finding, "location");
    const char *file = json_string_value(json_object_get(loc, "file"));
    if (!in_target(file, t))
        return NULL;
    const char *kind = json_string_value(json_object_get(finding, "kind"));
    const char *check = json_string_value(json_object_get(finding, "check"));
    char code[128];
    if (check)
        snprintf(code, sizeof code, "%s", check);
    else
        snprintf(code, sizeof code, "coffman-%s", kind ? kind : "unknown");
    const char *message = json_string_value(json_object_get(finding, "message"));
    char *msg = diag_untemp(message ? message : code, t);
    json_t *d = json_pack("{s:o,s:i,s:s,s:s,s:s,s:o}",
        "range", range_of(loc, t, true),
        "severity", lsp_severity(json_string_value(json_object_get(finding, "severity"))),
        "source", "coffman", "code", code, "message", msg ? msg : code,
        "relatedInformation", related_info(finding, loc, t));
    free(msg);
    return d;
}

/* The findings array of either output shape, as a new reference. */
static json_t *findings_of(const char *report)
{
    json_t *doc = json_loads(report, JSON_DECODE_ANY, NULL);
    if (json_is_object(doc) && json_is_array(json_object_get(doc, "findings"))) {
        json_t *f = json_incref(json_object_get(doc, "findings"));
        json_decref(doc);
        return f;
    }
    if (json_is_object(doc) && json_object_get(doc, "kind")) {
        json_t *f = json_array();
        json_array_append_new(f, doc);
        return f;
    }
    json_decref(doc);
    /* JSON Lines: one finding per line; an empty output is no findings. */
    json_t *f = json_array();
    for (const char *p = report; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (strspn(p, " \t\r") < n) {
            json_t *one = json_loadb(p, n, 0, NULL);
            if (!json_is_object(one)) {
                json_decref(one);
                json_decref(f);
                return NULL;
            }
            json_array_append_new(f, one);
        }
        p += n + (nl ? 1 : 0);
    }
    return f;
}

json_t *diag_from_report(const char *report, const diag_target *target,
                         const char **why)
{
    json_t *findings = findings_of(report);
    if (!findings) {
        *why = "coffman-check's output is not a JSON report";
        return NULL;
    }
    json_t *out = json_array();
    size_t i;
    json_t *f;
    json_array_foreach(findings, i, f) {
        json_t *d = diag_from_finding(f, target);
        if (d)
            json_array_append_new(out, d);
    }
    json_decref(findings);
    return out;
}

json_t *diag_failure(const char *why, int severity)
{
    return json_pack("{s:{s:{s:i,s:i},s:{s:i,s:i}},s:i,s:s,s:s,s:s}",
        "range", "start", "line", 0, "character", 0, "end", "line", 0, "character", 0,
        "severity", severity, "source", "coffman", "code", "coffman-analysis-failed",
        "message", why);
}

json_t *diag_merge(const json_t *clangd, const json_t *coffman)
{
    json_t *out = json_array();
    size_t i;
    json_t *d;
    json_array_foreach(clangd, i, d)
        json_array_append(out, d);
    json_array_foreach(coffman, i, d)
        json_array_append(out, d);
    return out;
}
