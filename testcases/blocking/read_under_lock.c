// A blocking read(2) on a pipe while holding the connection lock: if the
// peer is slow, every thread that needs the lock stalls behind it.
// coffman-runtime: expect=clean
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static pthread_mutex_t conn_mu = PTHREAD_MUTEX_INITIALIZER;
static int fds[2];

static void *receiver(void *arg) {
    char buf[16];
    (void)arg;
    pthread_mutex_lock(&conn_mu);
    ssize_t n = read(fds[0], buf, sizeof buf); // coffman-expect: blocking-while-locked
    pthread_mutex_unlock(&conn_mu);
    printf("read %zd bytes\n", n);
    return NULL;
}

int main(void) {
    if (pipe(fds) != 0)
        return 1;
    if (write(fds[1], "hello", 5) != 5)
        return 1;
    pthread_t t;
    if (pthread_create(&t, NULL, receiver, NULL) != 0)
        return 1;
    pthread_join(t, NULL);
    close(fds[0]);
    close(fds[1]);
    return 0;
}
