/* The talk's per-task heartbeat: the worker pulses once before each of its
 * ten tasks (into a one-slot buffer, so a slow listener never stalls it),
 * which tells the parent that the work has started.  The parent reads
 * until both channels are closed, then closes done (Go's defer close(done))
 * and joins the worker.
 *
 * coffman-runtime: expect=clean
 */
#define _POSIX_C_SOURCE 200809L
#include "channel.h"

#include <coffman/heartbeat.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct worker_chans {
    channel *done, *heartbeat, *work;
};

static void *work(void *arg)
{
    struct worker_chans *w = arg;
    unsigned seed = 42;
    coffman_heartbeat_expect(1000); /* one beat per task, and tasks are quick */
    for (int i = 0; i < 10; i++) {
        chan_try_send(w->heartbeat, NULL);
        coffman_heartbeat();
        uintptr_t task = (uintptr_t)(rand_r(&seed) % 10);
        chan_case cases[] = {{w->done, false, NULL}, {w->work, true, (void *)task}};
        if (chan_select(cases, 2, -1, NULL, NULL) == 0)
            break;
    }
    chan_close(w->heartbeat);
    chan_close(w->work);
    return NULL;
}

int main(void)
{
    struct worker_chans w = {chan_make(0), chan_make(1), chan_make(0)};
    pthread_t worker;
    pthread_create(&worker, NULL, work, &w);
    /* Go's idiom: a closed channel is set to NULL, so its case never fires
     * again and the loop ends when both are closed. */
    channel *heartbeat = w.heartbeat, *results = w.work;
    while (heartbeat || results) {
        chan_case cases[] = {{heartbeat, false, NULL}, {results, false, NULL}};
        void *r = NULL;
        bool ok;
        int fired = chan_select(cases, 2, -1, &r, &ok);
        if (!ok)
            *(fired == 0 ? &heartbeat : &results) = NULL;
        else if (fired == 0)
            puts("pulse");
        else
            printf("results %lu\n", (unsigned long)(uintptr_t)r);
    }
    chan_close(w.done);
    pthread_join(worker, NULL);
    chan_free(w.done);
    chan_free(w.heartbeat);
    chan_free(w.work);
    return 0;
}
