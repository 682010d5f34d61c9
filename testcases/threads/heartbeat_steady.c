// A worker that declares a heartbeat and keeps it: it beats every pulse_ms
// while it works, stops the watch before it ends, and main joins it.
// coffman-runtime: expect=clean args=20,300
#include "channel.h"
#include <coffman/heartbeat.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct plan {
    unsigned pulse_ms, run_ms;
};

static void *worker(void *arg) {
    const struct plan *p = arg;
    coffman_heartbeat_expect(4 * p->pulse_ms);
    for (unsigned spent = 0; spent < p->run_ms; spent += p->pulse_ms) {
        sleep_ms(p->pulse_ms);   /* a unit of work */
        coffman_heartbeat();
    }
    coffman_heartbeat_expect(0);
    return NULL;
}

int main(int argc, char **argv) {
    struct plan p = {20, 300};
    if (argc > 1)
        p.pulse_ms = (unsigned)strtoul(argv[1], NULL, 10);
    if (argc > 2)
        p.run_ms = (unsigned)strtoul(argv[2], NULL, 10);
    pthread_t t;
    if (pthread_create(&t, NULL, worker, &p) != 0)
        return 1;
    pthread_join(t, NULL);
    puts("worker done");
    return 0;
}
