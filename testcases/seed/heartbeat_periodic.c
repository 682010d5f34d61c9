/* The talk's periodic heartbeat: the worker sends a pulse every interval,
 * whether or not it has work, so the parent can tell a live worker from a
 * stalled one; the parent gives up when no pulse arrives within twice the
 * interval.  A timer closes `done` after a while (Go's time.AfterFunc);
 * the worker then closes its channels, and the parent sees them closed.
 *
 * usage: heartbeat_periodic [pulse_ms] [run_ms]
 *
 * coffman-runtime: expect=clean args=20,200
 */
#include "channel.h"

#include <coffman/heartbeat.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct worker_chans {
    channel *done, *heartbeat, *results;
    unsigned pulse_ms;
};

struct timer {
    channel *done;
    unsigned after_ms;
};

/* Go's `select { case heartbeat <- struct{}{}: default: }`: a pulse is
 * dropped, never waited for, when nobody is listening. */
static void send_pulse(channel *heartbeat)
{
    chan_try_send(heartbeat, NULL);
}

/* Returns false when done was closed while the result was pending. */
static bool send_result(struct worker_chans *w, uintptr_t r)
{
    chan_case cases[] = {{w->done, false, NULL}, {w->results, true, (void *)r}};
    return chan_select(cases, 2, -1, NULL, NULL) == 1;
}

/* Generous on purpose: a loaded CI machine must not look like a stall. */
static unsigned beat_interval_ms(unsigned pulse_ms)
{
    return pulse_ms * 10 > 1000 ? pulse_ms * 10 : 1000;
}

static void *work(void *arg)
{
    struct worker_chans *w = arg;
    /* The same promise to coffman's watchdog that the pulses make to the
     * parent: a worker that stops beating is reported with what blocks it. */
    coffman_heartbeat_expect(beat_interval_ms(w->pulse_ms));
    for (uintptr_t tick = 1;; tick++) {
        coffman_heartbeat();
        chan_case done_case = {w->done, false, NULL};
        if (chan_select(&done_case, 1, (int)w->pulse_ms, NULL, NULL) == 0)
            break;
        send_pulse(w->heartbeat);
        if (tick % 2 == 0 && !send_result(w, tick))
            break;
    }
    chan_close(w->heartbeat);
    chan_close(w->results);
    return NULL;
}

static void *close_after(void *arg)
{
    struct timer *t = arg;
    sleep_ms(t->after_ms);
    chan_close(t->done);
    return NULL;
}

static void watch(struct worker_chans *w)
{
    const int timeout_ms = 2 * (int)w->pulse_ms;
    for (;;) {
        chan_case cases[] = {{w->heartbeat, false, NULL}, {w->results, false, NULL}};
        void *r = NULL;
        bool ok;
        int fired = chan_select(cases, 2, timeout_ms, &r, &ok);
        if (fired < 0) {
            puts("timed out: the worker's heart stopped");
            return;
        }
        if (!ok) {
            puts(fired == 0 ? "heartbeat stopped" : "results closed");
            return;
        }
        if (fired == 0)
            puts("pulse");
        else
            printf("results %lu\n", (unsigned long)(uintptr_t)r);
    }
}

int main(int argc, char **argv)
{
    unsigned pulse = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 1000;
    unsigned run = argc > 2 ? (unsigned)strtoul(argv[2], NULL, 10) : 10000;
    struct worker_chans w = {chan_make(0), chan_make(0), chan_make(0), pulse};
    struct timer t = {w.done, run};
    pthread_t worker, timer;
    pthread_create(&timer, NULL, close_after, &t);
    pthread_create(&worker, NULL, work, &w);
    watch(&w);
    pthread_join(timer, NULL);
    pthread_join(worker, NULL);
    chan_free(w.done);
    chan_free(w.heartbeat);
    chan_free(w.results);
    return 0;
}
