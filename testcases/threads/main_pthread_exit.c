// main ends with pthread_exit, so the process lives until its last thread
// ends.  That is the worker, which finishes its job but was never joined
// nor detached: its stack and result are leaked.  The leak is reported
// when the last thread ends, not when main leaves.
// coffman-runtime: expect=thread-leak args=30
#include "channel.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static void *job(void *arg) {
    unsigned ms = *(unsigned *)arg;
    sleep_ms(ms);
    puts("job done");
    return NULL;
}

int main(int argc, char **argv) {
    static unsigned ms;
    ms = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 30;
    pthread_t t;
    if (pthread_create(&t, NULL, job, &ms) != 0) // coffman-expect: thread-leak
        return 1;
    pthread_exit(NULL);
}
