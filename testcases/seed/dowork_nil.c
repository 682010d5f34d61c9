/* The talk's goroutine leak: do_work(NULL) starts a worker that ranges over
 * a NULL channel.  A receive from a nil channel blocks forever, so the
 * worker can never end; main sleeps, prints Done. and exits with the worker
 * still blocked (a leaked thread).
 *
 * The static finding points at the worker's receive, the call in the
 * thread's own code that can never return, with notes at the call that
 * passes NULL and at the wait inside the channel.
 *
 * usage: dowork_nil [sleep_ms]
 *
 * coffman-runtime: expect=thread-leak args=100
 */
#include "channel.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static void *worker(void *arg)
{
    channel *strings = arg;
    void *s;
    while (chan_recv(strings, &s)) // coffman-expect: never-signaled-wait
        puts(s);
    return NULL;
}

/* Like the Go version, the caller does not wait for the worker. */
static void do_work(channel *strings)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, strings);
    pthread_detach(t);
}

int main(int argc, char **argv)
{
    unsigned ms = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 5000;
    do_work(NULL);
    sleep_ms(ms);
    puts("Done.");
    return 0;
}
