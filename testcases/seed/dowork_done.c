/* The fix for dowork_nil.c: the parent owns a `done` channel and closes it
 * to tell the worker to stop; the worker selects on its data channel
 * (still NULL, so that case never fires) and on done, and returns when done
 * is closed.  main joins the worker: every thread has a path to
 * termination, and the parent knows when it has taken it.
 *
 * usage: dowork_done [cancel_after_ms]
 *
 * coffman-runtime: expect=clean args=100
 */
#include "channel.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct work {
    channel *done;
    channel *strings;
};

struct canceller {
    channel *done;
    unsigned after_ms;
};

static void *worker(void *arg)
{
    struct work *w = arg;
    for (;;) {
        chan_case cases[] = {{w->strings, false, NULL}, {w->done, false, NULL}};
        void *s = NULL;
        bool ok;
        int fired = chan_select(cases, 2, -1, &s, &ok);
        if (fired == 0 && ok)
            puts(s);
        else
            return NULL;
    }
}

static pthread_t do_work(struct work *w)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, w);
    return t;
}

static void *cancel_later(void *arg)
{
    struct canceller *c = arg;
    sleep_ms(c->after_ms);
    puts("Canceling do_work thread...");
    chan_close(c->done);
    return NULL;
}

int main(int argc, char **argv)
{
    unsigned ms = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 1000;
    struct work w = {chan_make(0), NULL};
    struct canceller c = {w.done, ms};
    pthread_t completed = do_work(&w);
    pthread_t cancel;
    pthread_create(&cancel, NULL, cancel_later, &c);
    pthread_join(completed, NULL);
    pthread_join(cancel, NULL);
    puts("Done.");
    chan_free(w.done);
    return 0;
}
