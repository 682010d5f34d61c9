// Robustness: fork while other threads run and hold locks.  The child
// starts with an empty lock graph and no inherited threads, so taking the
// parent's locks in the opposite order there is no cycle, and the child's
// own exit is clean.
// coffman-runtime: expect=clean output=same
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg) {
    (void)arg;
    for (int i = 0; i < 1000; i++) {
        pthread_mutex_lock(&a);
        pthread_mutex_lock(&b);
        pthread_mutex_unlock(&b);
        pthread_mutex_unlock(&a);
    }
    return NULL;
}

int main(void) {
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    pid_t pid = fork();
    if (pid == 0) {
        /* The child is single-threaded; the workers did not come along. */
        pthread_mutex_t c = PTHREAD_MUTEX_INITIALIZER, d = PTHREAD_MUTEX_INITIALIZER;
        pthread_mutex_lock(&d);
        pthread_mutex_lock(&c);
        pthread_mutex_unlock(&c);
        pthread_mutex_unlock(&d);
        _exit(0);
    }
    int status = 1;
    waitpid(pid, &status, 0);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    printf("child exit %d\n", WEXITSTATUS(status));
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
