// Twin of main_pthread_exit: the worker is detached, so when main leaves
// with pthread_exit and the worker then finishes, nothing is left over.
// coffman-runtime: expect=clean args=30
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
    if (pthread_create(&t, NULL, job, &ms) != 0)
        return 1;
    pthread_detach(t);
    pthread_exit(NULL);
}
