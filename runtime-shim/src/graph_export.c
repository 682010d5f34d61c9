/* Writes the lock-order graph as one JSON document.  Nodes carry what
 * identifies a lock across processes (its symbol, its init site), since
 * addresses differ from run to run. */
#define _GNU_SOURCE
#include "graph_export.h"

#include "lock_graph.h"
#include "lock_table.h"
#include "options.h"
#include "report_emit.h"
#include "report_file.h"
#include "report_stderr.h"
#include "shim.h"
#include "stack_capture.h"
#include "symbolize.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void json_str(coffman_buf *b, const char *s)
{
    if (!s) {
        coffman_buf_puts(b, "null");
        return;
    }
    coffman_buf_puts(b, "\"");
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            coffman_buf_printf(b, "\\%c", *s);
        else if ((unsigned char)*s < 0x20)
            coffman_buf_printf(b, "\\u%04x", *s);
        else
            coffman_buf_append(b, s, 1);
    }
    coffman_buf_puts(b, "\"");
}

static void json_frame(coffman_buf *b, coffman_symbolizer *sym, uintptr_t pc)
{
    coffman_frame f;
    coffman_symbolize(sym, pc, true, &f);
    coffman_buf_printf(b, "{\"pc\":\"%#lx\",\"function\":", (unsigned long)pc);
    json_str(b, f.function);
    coffman_buf_puts(b, ",\"file\":");
    json_str(b, f.file);
    coffman_buf_printf(b, ",\"line\":%u}", f.line);
}

typedef struct { coffman_buf *b; coffman_symbolizer *sym; bool first; } ctx;

static void node_json(uint32_t id, coffman_lock_info *i, void *arg)
{
    ctx *c = arg;
    if (i->graph_node != id || (!i->out_head && !i->in_head))
        return;   /* only nodes that take part in an edge */
    char name[128];
    const char *sym = i->kind == COFFMAN_OBJ_CLASS ? NULL : coffman_symbolize_data(c->sym, i->addr, name, sizeof name);
    coffman_buf_printf(c->b, "%s{\"id\":%u,\"kind\":", c->first ? "" : ",", id);
    json_str(c->b, coffman_obj_kind_name((coffman_obj_kind)i->kind));
    coffman_buf_printf(c->b, ",\"addr\":\"%#lx\",\"name\":", (unsigned long)i->addr);
    json_str(c->b, sym);
    coffman_buf_puts(c->b, ",\"init\":");
    if (i->init_pc)
        json_frame(c->b, c->sym, i->init_pc);
    else
        coffman_buf_puts(c->b, "null");
    coffman_buf_puts(c->b, "}");
    c->first = false;
}

static void edge_json(uint32_t id, const coffman_edge *e, void *arg)
{
    (void)id;
    ctx *c = arg;
    coffman_buf_printf(c->b, "%s{\"from\":%u,\"to\":%u,\"thread\":%u,\"multi_thread\":%s,"
                             "\"from_mode\":\"%s\",\"to_mode\":\"%s\",\"gates\":[",
                       c->first ? "" : ",", e->from, e->to, e->thread_serial,
                       e->multi_thread ? "true" : "false", e->from_write ? "write" : "read",
                       e->to_write ? "write" : "read");
    for (uint8_t g = 0; g < e->ngates; g++)
        coffman_buf_printf(c->b, "%s%u", g ? "," : "", e->gates[g]);
    coffman_buf_puts(c->b, "],\"acquired_at\":");
    json_frame(c->b, c->sym, e->from_pc);
    coffman_buf_puts(c->b, ",\"requested_at\":[");
    const uintptr_t *pcs;
    size_t n = 0;
    if (coffman_stack_get(e->to_stack, &pcs, &n))
        for (size_t k = 0; k < n; k++) {
            if (k)
                coffman_buf_puts(c->b, ",");
            json_frame(c->b, c->sym, pcs[k]);
        }
    coffman_buf_puts(c->b, "]}");
    c->first = false;
}

void coffman_graph_to_json(coffman_buf *b)
{
    coffman_busy++;   /* libdw frees: the free interposer must not take the table lock */
    ctx c = {b, coffman_symbolizer_open(), true};
    coffman_buf_printf(b, "{\"format\":\"coffman-lock-graph\",\"version\":1,\"pid\":%d,\"identity\":\"%s\",\"nodes\":[",
                       (int)getpid(), coffman_opts.lock_identity == COFFMAN_IDENTITY_CLASS ? "class" : "address");
    coffman_table_lock();
    coffman_lock_each(node_json, &c);
    coffman_buf_puts(b, "],\"edges\":[");
    c.first = true;
    coffman_graph_each(edge_json, &c);
    coffman_table_unlock();
    coffman_buf_puts(b, "]}\n");
    coffman_symbolizer_close(c.sym);
    coffman_busy--;
}

/* graph_path with %p replaced by the pid. */
static void graph_file_name(const char *tmpl, char *path, size_t len)
{
    size_t o = 0;
    for (const char *s = tmpl; *s && o + 24 < len; s++) {
        if (s[0] == '%' && s[1] == 'p') {
            o += (size_t)snprintf(path + o, len - o, "%d", (int)getpid());
            s++;
        } else
            path[o++] = *s;
    }
    path[o] = '\0';
}

static bool to_stderr(const char *tmpl) { return !strcmp(tmpl, "stderr"); }

bool coffman_graph_path_check(const char *tmpl, char *err, size_t errlen)
{
    if (to_stderr(tmpl))
        return true;
    char path[COFFMAN_PATH_MAX + 32];
    graph_file_name(tmpl, path, sizeof path);
    return coffman_report_file_check("graph_path", path, err, errlen);
}

bool coffman_graph_export(const char *tmpl)
{
    coffman_buf b;
    coffman_buf_init(&b);
    coffman_graph_to_json(&b);
    char path[COFFMAN_PATH_MAX + 32], err[600];
    graph_file_name(tmpl, path, sizeof path);
    bool ok = !b.failed;
    if (!ok)
        snprintf(err, sizeof err, "graph_path: out of memory building the graph");
    else if (to_stderr(tmpl)) {
        ok = coffman_stderr_write(b.data, b.len);
        snprintf(err, sizeof err, "graph_path: cannot write the graph to stderr");
    } else
        ok = coffman_report_file_replace("graph_path", path, b.data, b.len, err, sizeof err);
    if (!ok)
        coffman_notice("%s", err);
    coffman_buf_free(&b);
    return ok;
}
