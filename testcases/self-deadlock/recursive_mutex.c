// Trap: the mutex is made recursive through its attributes, so the nested
// lock in log_line() while log_block() holds it is by design.
// coffman-runtime: expect=clean
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t out_mu;

static void log_line(const char *s) {
    pthread_mutex_lock(&out_mu);
    puts(s);
    pthread_mutex_unlock(&out_mu);
}

static void log_block(void) {
    pthread_mutex_lock(&out_mu);
    log_line("begin");
    log_line("end");
    pthread_mutex_unlock(&out_mu);
}

static void *writer(void *arg) {
    (void)arg;
    log_block();
    return NULL;
}

int main(void) {
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&out_mu, &attr);
    pthread_mutexattr_destroy(&attr);
    pthread_t t;
    if (pthread_create(&t, NULL, writer, NULL) != 0)
        return 1;
    pthread_join(t, NULL);
    pthread_mutex_destroy(&out_mu);
    return 0;
}
