// Robustness: the child of a fork takes the parent's two locks in the
// opposite order.  The parent's graph (a before b, from its worker) must
// not come along: the child has only the forking thread, and a copy of a
// mutex in another process never blocks the parent.  Silent.
// coffman-runtime: expect=clean
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;

static void *in_order(void *arg) {
    (void)arg;
    pthread_mutex_lock(&a);
    pthread_mutex_lock(&b);
    pthread_mutex_unlock(&b);
    pthread_mutex_unlock(&a);
    return NULL;
}

int main(void) {
    pthread_t t;
    pthread_create(&t, NULL, in_order, NULL);
    pthread_join(t, NULL);
    pid_t pid = fork();
    if (pid == 0) {
        pthread_mutex_lock(&b);
        pthread_mutex_lock(&a);
        pthread_mutex_unlock(&a);
        pthread_mutex_unlock(&b);
        _exit(0);
    }
    int status = 1;
    waitpid(pid, &status, 0);
    puts("done");
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
