#include "server.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "documents.h"
#include "pending.h"
#include "session.h"

extern char **environ;

bool server_spawn(void)
{
    session *s = &g_session;
    int in[2], out[2];
    if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0)
        return false;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in[0], 0);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    pid_t pid;
    int rc = posix_spawnp(&pid, s->opts.clangd, &fa, NULL, s->opts.clangd_argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(in[0]);
    close(out[1]);
    if (rc != 0) {
        close(in[1]);
        close(out[0]);
        if (asprintf(&s->clangd_error, "coffman-clangd: cannot start clangd '%s': %s",
                     s->opts.clangd, strerror(rc)) < 0)
            s->clangd_error = NULL;
        return false;
    }
    s->clangd_pid = pid;
    lsp_writer_init(&s->server, in[1]);
    s->server_out = out[0];
    return true;
}

/* Reply to a request that clangd will now never answer. */
static void fail_request(const json_t *id, void *ctx)
{
    session_reply_error(id, -32603, ctx);
}

static void describe_status(int status, char *buf, size_t n)
{
    if (WIFSIGNALED(status))
        snprintf(buf, n, "crashed (signal %d, %s)", WTERMSIG(status),
                 strsignal(WTERMSIG(status)));
    else if (WIFEXITED(status))
        snprintf(buf, n, "exited unexpectedly with status %d", WEXITSTATUS(status));
    else
        snprintf(buf, n, "ended unexpectedly");
}

/* clangd's output ended: a normal end after "exit", or a crash. */
static _Noreturn void server_ended(void)
{
    session *s = &g_session;
    int status = 0;
    while (waitpid(s->clangd_pid, &status, 0) < 0 && errno == EINTR)
        ;
    /* LSP: exit status 0 only after a proper shutdown and exit. */
    if (atomic_load(&s->exit_sent))
        session_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 1);
    if (atomic_load(&s->client_gone))
        session_exit(1);
    char how[128], msg[512];
    describe_status(status, how, sizeof how);
    snprintf(msg, sizeof msg, "coffman-clangd: clangd %s; "
             "restart the language server", how);
    fprintf(stderr, "%s\n", msg);
    pending_drain(fail_request, msg);
    session_show_message(1, msg);
    session_exit(1);
}

/* Remembers how the client and clangd agreed to count columns. */
static void note_initialize_result(const json_t *result)
{
    const char *enc = json_string_value(json_object_get(result, "offsetEncoding"));
    const json_t *caps = json_object_get(result, "capabilities");
    if (!enc)
        enc = json_string_value(json_object_get(caps, "positionEncoding"));
    g_session.utf16 = !enc || strcmp(enc, "utf-8") != 0;
}

/* True if the message was handled (merged and sent) here. */
static bool merge_diagnostics(const json_t *params)
{
    const char *uri = json_string_value(json_object_get(params, "uri"));
    json_t *diags = json_object_get(params, "diagnostics");
    if (!uri || !json_is_array(diags))
        return false;
    docs_lock();
    document *d = docs_find(uri);
    if (d && d->path) {
        json_decref(d->clangd_diags);
        d->clangd_diags = json_deep_copy(diags);
        json_decref(d->clangd_version);
        d->clangd_version = json_deep_copy(json_object_get(params, "version"));
        docs_publish(d, &g_session.client);
    }
    docs_unlock();
    return d && d->path;
}

static bool handle(const lsp_message *m)
{
    json_t *msg = json_loadb(m->body, m->body_len, 0, NULL);
    bool handled = false;
    const char *method = json_string_value(json_object_get(msg, "method"));
    json_t *id = json_object_get(msg, "id");
    if (method && strcmp(method, "textDocument/publishDiagnostics") == 0) {
        handled = merge_diagnostics(json_object_get(msg, "params"));
    } else if (!method && id) {
        char *req = pending_take(id);
        if (req && strcmp(req, "initialize") == 0)
            note_initialize_result(json_object_get(msg, "result"));
        free(req);
    }
    json_decref(msg);
    return handled;
}

static void *read_server(void *arg)
{
    (void)arg;
    lsp_reader r;
    lsp_reader_init(&r, g_session.server_out);
    for (;;) {
        lsp_message m;
        const char *why = NULL;
        lsp_read_status st = lsp_read(&r, &m, &why);
        if (st == LSP_READ_EOF)
            break;
        if (st == LSP_READ_MALFORMED) {
            fprintf(stderr, "coffman-clangd: dropped a malformed message from clangd: %s\n", why);
            continue;
        }
        if (!handle(&m))
            lsp_write_raw(&g_session.client, m.raw, m.raw_len);
        lsp_message_free(&m);
    }
    lsp_reader_free(&r);
    server_ended();
}

bool server_start_reader(void)
{
    pthread_t t;
    if (pthread_create(&t, NULL, read_server, NULL) != 0)
        return false;
    pthread_detach(t);
    return true;
}

_Noreturn void server_finish_after_client(void)
{
    session *s = &g_session;
    atomic_store(&s->client_gone, true);
    close(s->server.fd);
    /* clangd exits on EOF; the reader thread then ends the process.  If
     * clangd lingers, stop it: nobody can talk to it any more. */
    for (int i = 0; i < 50 && s->clangd_pid > 0; i++) {
        struct timespec ts = {0, 100000000L};
        nanosleep(&ts, NULL);
    }
    if (s->clangd_pid > 0)
        kill(s->clangd_pid, SIGKILL);
    sleep(1);
    session_exit(1);
}
