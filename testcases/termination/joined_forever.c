// main joins a heartbeat thread whose loop can never end: the join never
// returns.  Under coffman the hang watchdog names the stuck join.
// coffman-runtime: expect=hang hangs=yes args=20 options=hang_timeout_s=1
#include "channel.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static void beat(unsigned ms) {
    printf(".");
    fflush(stdout);
    sleep_ms(ms);
}

static void *heart(void *arg) {
    unsigned ms = *(unsigned *)arg;
    while (1) // coffman-expect: no-termination
        beat(ms);
    return NULL;
}

int main(int argc, char **argv) {
    unsigned ms = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 20;
    pthread_t t;
    if (pthread_create(&t, NULL, heart, &ms) != 0)
        return 1;
    pthread_join(t, NULL);
    return 0;
}
