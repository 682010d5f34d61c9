// A poller thread with no way out: no exit from its loop, no flag, no
// channel, and nobody cancels it.  It outlives main.
// coffman-runtime: expect=thread-leak args=30
#include "channel.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

static atomic_long polls;

static void *poller(void *arg) {
    unsigned ms = *(unsigned *)arg;
    for (;;) { // coffman-expect: no-termination
        atomic_fetch_add(&polls, 1);
        sleep_ms(ms);
    }
    return NULL;
}

int main(int argc, char **argv) {
    static unsigned ms;
    ms = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 30;
    pthread_t t;
    if (pthread_create(&t, NULL, poller, &ms) != 0)
        return 1;
    pthread_detach(t);
    sleep_ms(3 * ms);
    printf("polled at least %ld times\n", atomic_load(&polls) > 0 ? 1L : 0L);
    return 0;
}
