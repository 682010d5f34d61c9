#include "analysis.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "documents.h"

static checker_config config;
static lsp_writer *client;
static const bool *utf16_flag;
static volatile int stop;
static pthread_t worker;
static bool started;

typedef struct job {
    char *uri;
    unsigned gen;
} job;

/* A run is stale once its document was edited or closed. */
static bool still_wanted(void *ctx)
{
    job *j = ctx;
    docs_lock();
    document *d = docs_find(j->uri);
    bool wanted = !stop && d && d->gen == j->gen;
    docs_unlock();
    return wanted;
}

static void run_one(document *d)
{
    job j = {strdup(d->uri), d->gen};
    char *path = strdup(d->path);
    text_buf text = {0};
    text_set(&text, d->text.data, d->text.len);
    bool utf16 = *utf16_flag;
    d->due = false;
    docs_unlock();

    json_t *diags = checker_run(&config, path, &text, utf16, still_wanted, &j);

    docs_lock();
    d = docs_find(j.uri);
    if (diags && d && d->gen == j.gen) {
        json_decref(d->coffman_diags);
        d->coffman_diags = json_incref(diags);
        docs_publish(d, client);
    }
    json_decref(diags);
    free(j.uri);
    free(path);
    text_free(&text);
}

static void *work(void *arg)
{
    (void)arg;
    docs_lock();
    document *d;
    while ((d = docs_wait_due(&stop)) != NULL)
        run_one(d);
    docs_unlock();
    return NULL;
}

bool analysis_start(const checker_config *c, lsp_writer *w, const bool *utf16)
{
    config = *c;
    client = w;
    utf16_flag = utf16;
    started = pthread_create(&worker, NULL, work, NULL) == 0;
    return started;
}

void analysis_stop(void)
{
    if (!started)
        return;
    stop = 1;
    checker_kill_running();
    docs_wake();
    pthread_join(worker, NULL);
    started = false;
}
