// Trap: the loop has no exit of its own, but the program cancels the
// thread, and the loop reaches a cancellation point on every turn
// (nanosleep inside sleep_ms): the cancellation path terminates it.
// coffman-runtime: expect=clean args=10
#include "channel.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static void *ticker(void *arg) {
    (void)arg;
    for (;;) {
        pthread_testcancel();
        sleep_ms(1);
    }
    return NULL;
}

int main(int argc, char **argv) {
    unsigned ms = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 10;
    pthread_t t;
    if (pthread_create(&t, NULL, ticker, NULL) != 0)
        return 1;
    sleep_ms(ms);
    pthread_cancel(t);
    pthread_join(t, NULL);
    puts("ticker cancelled");
    return 0;
}
