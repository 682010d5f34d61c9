// The sleep is two calls down: flush() holds the log lock and calls
// backoff(), which calls nanosleep.  Reported at the call that blocks while
// the lock is held, with the chain in the notes.
// coffman-runtime: expect=clean args=2
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;
static long delay_ns;

static void backoff(int attempt) {
    struct timespec d = {0, delay_ns * attempt};
    nanosleep(&d, NULL);
}

static int try_write(int attempt) {
    if (attempt < 2) {
        backoff(attempt + 1);
        return -1;
    }
    return 0;
}

static void flush(void) {
    pthread_mutex_lock(&log_mu);
    for (int i = 0; try_write(i) != 0; i++) // coffman-expect: blocking-while-locked
        ;
    pthread_mutex_unlock(&log_mu);
}

static void *logger(void *arg) {
    (void)arg;
    flush();
    return NULL;
}

int main(int argc, char **argv) {
    delay_ns = (argc > 1 ? atol(argv[1]) : 2) * 1000000L;
    pthread_t t;
    if (pthread_create(&t, NULL, logger, NULL) != 0)
        return 1;
    pthread_join(t, NULL);
    puts("flushed");
    return 0;
}
