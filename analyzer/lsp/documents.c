#include "documents.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "diagnostics.h"
#include "uri.h"

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv;
static pthread_once_t cv_once = PTHREAD_ONCE_INIT;
static document *head;

/* Deadlines are on the monotonic clock: wall-clock jumps must not
 * postpone or rush an analysis. */
static void init_cv(void)
{
    pthread_condattr_t a;
    pthread_condattr_init(&a);
    pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
    pthread_cond_init(&cv, &a);
    pthread_condattr_destroy(&a);
}

void docs_lock(void)
{
    pthread_once(&cv_once, init_cv);
    pthread_mutex_lock(&mu);
}

void docs_unlock(void)
{
    pthread_mutex_unlock(&mu);
}

document *docs_find(const char *uri)
{
    for (document *d = head; d && uri; d = d->next)
        if (strcmp(d->uri, uri) == 0)
            return d;
    return NULL;
}

/* C sources only: a header alone is no program and the checker would
 * analyse it without the context of any .c file. */
static bool analysable(const char *language, const char *path)
{
    size_t n = path ? strlen(path) : 0;
    return path && (!language || strcmp(language, "c") == 0) &&
           n > 2 && strcmp(path + n - 2, ".c") == 0;
}

document *docs_open(const char *uri, const char *language, const char *text,
                    size_t len, json_int_t version)
{
    docs_close(uri);
    document *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->uri = strdup(uri);
    char *path = uri_to_path(uri);
    if (analysable(language, path))
        d->path = path;
    else
        free(path);
    d->text_known = text_set(&d->text, text, len);
    d->version = version;
    d->clangd_diags = json_array();
    d->coffman_diags = json_array();
    d->next = head;
    head = d;
    return d;
}

void docs_close(const char *uri)
{
    for (document **pp = &head; *pp; pp = &(*pp)->next) {
        document *d = *pp;
        if (strcmp(d->uri, uri) != 0)
            continue;
        *pp = d->next;
        free(d->uri);
        free(d->path);
        text_free(&d->text);
        json_decref(d->clangd_diags);
        json_decref(d->clangd_version);
        json_decref(d->coffman_diags);
        free(d);
        return;
    }
}

void docs_schedule(document *d, int delay_ms)
{
    d->gen++;
    if (!d->path || !d->text_known)
        return;
    clock_gettime(CLOCK_MONOTONIC, &d->due_at);
    d->due_at.tv_sec += delay_ms / 1000;
    d->due_at.tv_nsec += (long)(delay_ms % 1000) * 1000000L;
    if (d->due_at.tv_nsec >= 1000000000L) {
        d->due_at.tv_sec++;
        d->due_at.tv_nsec -= 1000000000L;
    }
    d->due = true;
    pthread_cond_broadcast(&cv);
}

static bool before(const struct timespec *a, const struct timespec *b)
{
    return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

document *docs_wait_due(volatile int *stop)
{
    while (!*stop) {
        document *next = NULL;
        for (document *d = head; d; d = d->next)
            if (d->due && (!next || before(&d->due_at, &next->due_at)))
                next = d;
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (!next)
            pthread_cond_wait(&cv, &mu);
        else if (before(&now, &next->due_at))
            pthread_cond_timedwait(&cv, &mu, &next->due_at);
        else
            return next;
    }
    return NULL;
}

void docs_wake(void)
{
    docs_lock();
    pthread_cond_broadcast(&cv);
    docs_unlock();
}

void docs_publish(document *d, lsp_writer *client)
{
    json_t *params = json_pack("{s:s,s:o}", "uri", d->uri, "diagnostics",
                               diag_merge(d->clangd_diags, d->coffman_diags));
    if (d->clangd_version)
        json_object_set(params, "version", d->clangd_version);
    json_t *msg = json_pack("{s:s,s:s,s:o}", "jsonrpc", "2.0", "method",
                            "textDocument/publishDiagnostics", "params", params);
    lsp_write_json(client, msg);
    json_decref(msg);
}
