#include "proxy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "documents.h"
#include "pending.h"
#include "server.h"
#include "session.h"

enum { PARSE_ERROR = -32700, INVALID_REQUEST = -32600, INTERNAL_ERROR = -32603 };

static void did_open(const json_t *params)
{
    const json_t *doc = json_object_get(params, "textDocument");
    const char *uri = json_string_value(json_object_get(doc, "uri"));
    const json_t *text = json_object_get(doc, "text");
    if (!uri || !json_is_string(text))
        return;
    document *d = docs_open(uri, json_string_value(json_object_get(doc, "languageId")),
                            json_string_value(text), json_string_length(text),
                            json_integer_value(json_object_get(doc, "version")));
    if (d)
        docs_schedule(d, 0);
}

static void did_change(const json_t *params)
{
    const json_t *doc = json_object_get(params, "textDocument");
    document *d = docs_find(json_string_value(json_object_get(doc, "uri")));
    if (!d)
        return;
    size_t i;
    json_t *change;
    json_array_foreach(json_object_get(params, "contentChanges"), i, change) {
        bool ok = text_apply_change(&d->text, change, g_session.utf16);
        if (!json_object_get(change, "range")) {
            d->text_known = ok;   /* a full text puts us back in step */
        } else if (!ok) {
            /* Out of step with the editor: analyse nothing until the next
             * full text rather than report on a buffer nobody has. */
            fprintf(stderr, "coffman-clangd: could not apply an edit to %s\n", d->uri);
            d->text_known = false;
        }
    }
    d->version = json_integer_value(json_object_get(doc, "version"));
    docs_schedule(d, g_session.opts.debounce_ms);
}

static void did_save(const json_t *params)
{
    const json_t *doc = json_object_get(params, "textDocument");
    document *d = docs_find(json_string_value(json_object_get(doc, "uri")));
    const json_t *text = json_object_get(params, "text");
    if (d && json_is_string(text))
        d->text_known = text_set(&d->text, json_string_value(text), json_string_length(text));
    if (d)
        docs_schedule(d, 0);
}

static void observe(const char *method, const json_t *params)
{
    if (strncmp(method, "textDocument/did", 16) != 0)
        return;
    docs_lock();
    if (strcmp(method, "textDocument/didOpen") == 0)
        did_open(params);
    else if (strcmp(method, "textDocument/didChange") == 0)
        did_change(params);
    else if (strcmp(method, "textDocument/didSave") == 0)
        did_save(params);
    else if (strcmp(method, "textDocument/didClose") == 0)
        docs_close(json_string_value(json_object_get(
            json_object_get(params, "textDocument"), "uri")));
    docs_unlock();
}

/* A JSON-RPC message has jsonrpc "2.0" and a method, or an id (answer). */
static bool valid_message(const json_t *msg, const char **why)
{
    const char *version = json_string_value(json_object_get(msg, "jsonrpc"));
    const json_t *method = json_object_get(msg, "method");
    const json_t *id = json_object_get(msg, "id");
    if (!version || strcmp(version, "2.0") != 0)
        *why = "coffman-clangd: message without \"jsonrpc\": \"2.0\"";
    else if (method && !json_is_string(method))
        *why = "coffman-clangd: \"method\" is not a string";
    else if (!method && !id)
        *why = "coffman-clangd: message has neither a method nor an id";
    else if (id && !json_is_string(id) && !json_is_integer(id) && !json_is_null(id))
        *why = "coffman-clangd: \"id\" is not a number or a string";
    else
        return true;
    return false;
}

/* clangd is not running: answer requests ourselves so nothing waits. */
static void answer_without_server(const char *method, const json_t *id)
{
    const char *why = g_session.clangd_error ? g_session.clangd_error
                                             : "coffman-clangd: clangd is not running";
    if (method && id)
        session_reply_error(id, INTERNAL_ERROR, why);
    if (method && strcmp(method, "initialized") == 0)
        session_show_message(1, why);
    if (method && strcmp(method, "exit") == 0)
        session_exit(1);
}

static void handle(const lsp_message *m)
{
    json_error_t err;
    json_t *msg = json_loadb(m->body, m->body_len, 0, &err);
    const char *why = NULL;
    if (!msg) {
        char text[300];
        snprintf(text, sizeof text, "coffman-clangd: invalid JSON: %s", err.text);
        session_reply_error(NULL, PARSE_ERROR, text);
        return;
    }
    if (!valid_message(msg, &why)) {
        session_reply_error(json_object_get(msg, "id"), INVALID_REQUEST, why);
        json_decref(msg);
        return;
    }
    const char *method = json_string_value(json_object_get(msg, "method"));
    const json_t *id = json_object_get(msg, "id");
    if (g_session.clangd_pid <= 0) {
        answer_without_server(method, id);
        json_decref(msg);
        return;
    }
    if (method && id)
        pending_add(id, method);
    if (method && strcmp(method, "exit") == 0)
        atomic_store(&g_session.exit_sent, true);
    /* clangd first: its answers must not wait for our bookkeeping. */
    lsp_write_raw(&g_session.server, m->raw, m->raw_len);
    if (method)
        observe(method, json_object_get(msg, "params"));
    json_decref(msg);
}

_Noreturn void proxy_run_client(int fd)
{
    lsp_reader r;
    lsp_reader_init(&r, fd);
    for (;;) {
        lsp_message m;
        const char *why = NULL;
        lsp_read_status st = lsp_read(&r, &m, &why);
        if (st == LSP_READ_EOF)
            break;
        if (st == LSP_READ_MALFORMED) {
            char text[200];
            snprintf(text, sizeof text, "coffman-clangd: malformed LSP header: %s", why);
            fprintf(stderr, "%s\n", text);
            session_reply_error(NULL, PARSE_ERROR, text);
            continue;
        }
        handle(&m);
        lsp_message_free(&m);
    }
    lsp_reader_free(&r);
    if (g_session.clangd_pid <= 0)
        session_exit(1);
    server_finish_after_client();
}
