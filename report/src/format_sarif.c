/* SARIF 2.1.0, so CI systems (GitHub code scanning and others) show the
 * findings inline on pull requests.  Every kind is a rule; notes become
 * relatedLocations; the Coffman conditions travel in properties. */
#include "json_finding.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct coffman_sarif {
    json_t *log;
    json_t *results;
};

static json_t *rules(void)
{
    json_t *a = json_array();
    for (int k = 0; k < COFFMAN_KIND_COUNT; k++) {
        char id[64];
        snprintf(id, sizeof id, "coffman-%s", coffman_kind_name((coffman_kind)k));
        json_array_append_new(a, json_pack("{s:s, s:{s:s}}", "id", id,
                                           "shortDescription", "text",
                                           coffman_kind_summary((coffman_kind)k)));
    }
    return a;
}

coffman_sarif *coffman_sarif_new(const char *tool, const char *version)
{
    coffman_sarif *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->results = json_array();
    json_t *driver = json_pack("{s:s, s:s, s:o}", "name", tool, "version",
                               version ? version : "0", "rules", rules());
    json_t *run = json_pack("{s:{s:o}, s:O}", "tool", "driver", driver,
                            "results", s->results);
    s->log = json_pack("{s:s, s:s, s:[o]}", "$schema",
                       "https://json.schemastore.org/sarif-2.1.0.json",
                       "version", "2.1.0", "runs", run);
    return s;
}

/* SARIF wants URIs; absolute paths become file:// URIs with the few
 * characters that would break a URI escaped. */
static json_t *uri(const char *path)
{
    coffman_buf b;
    coffman_buf_init(&b);
    if (path[0] == '/')
        coffman_buf_puts(&b, "file://");
    for (const char *p = path; *p; p++) {
        if (strchr(" %#?", *p))
            coffman_buf_printf(&b, "%%%02X", (unsigned char)*p);
        else
            coffman_buf_append(&b, p, 1);
    }
    json_t *v = json_string(b.data ? b.data : "");
    coffman_buf_free(&b);
    return v;
}

static json_t *physical(const coffman_frame *loc)
{
    json_t *region = json_object();
    json_object_set_new(region, "startLine", json_integer(loc->line ? loc->line : 1));
    if (loc->column)
        json_object_set_new(region, "startColumn", json_integer(loc->column));
    return json_pack("{s:{s:o}, s:o}", "artifactLocation", "uri", uri(loc->file),
                     "region", region);
}

static json_t *location(const coffman_frame *loc, const char *message)
{
    json_t *o = json_object();
    if (loc->file)
        json_object_set_new(o, "physicalLocation", physical(loc));
    if (message)
        json_object_set_new(o, "message", json_pack("{s:s}", "text", message));
    return o;
}

static const coffman_frame *where(const coffman_frame *loc,
                                  const coffman_frame *stack, size_t len)
{
    return (!loc->file && len) ? &stack[0] : loc;
}

void coffman_sarif_add(coffman_sarif *s, const coffman_finding *f)
{
    if (!s)
        return;
    char id[64];
    snprintf(id, sizeof id, "coffman-%s", coffman_kind_name(f->kind));
    json_t *related = json_array();
    for (size_t i = 0; i < f->note_count; i++) {
        const coffman_note *n = &f->notes[i];
        json_t *l = location(where(&n->loc, n->stack, n->stack_len), n->message);
        json_object_set_new(l, "id", json_integer((json_int_t)i));
        json_array_append_new(related, l);
    }
    json_t *props = json_pack("{s:o}", "conditions",
                              coffman_json_conditions(&f->conditions));
    if (f->fix)
        json_object_set_new(props, "fix", json_string(f->fix));
    json_t *result = json_pack(
        "{s:s, s:i, s:s, s:{s:s}, s:[o], s:o, s:o}", "ruleId", id, "ruleIndex",
        (int)f->kind, "level",
        f->severity == COFFMAN_SEVERITY_ERROR ? "error"
        : f->severity == COFFMAN_SEVERITY_NOTE ? "note" : "warning",
        "message", "text", f->message,
        "locations", location(where(&f->loc, f->stack, f->stack_len), NULL),
        "relatedLocations", related, "properties", props);
    json_array_append_new(s->results, result);
}

void coffman_sarif_finish(coffman_sarif *s, coffman_buf *out)
{
    if (!s)
        return;
    coffman_json_emit(out, json_incref(s->log), JSON_INDENT(2));
    coffman_buf_puts(out, "\n");
}

void coffman_sarif_free(coffman_sarif *s)
{
    if (!s)
        return;
    json_decref(s->results);
    json_decref(s->log);
    free(s);
}
