// Robustness: vfork (the child shares the parent's memory until it execs)
// and posix_spawn from a threaded program while workers lock.  The shim
// must not touch its state in the vforked child; each spawned program gets
// its own shim.  Nothing is reported.
// coffman-runtime: expect=clean output=same
#define _GNU_SOURCE
#include <pthread.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;
static atomic_int stop;

static void *worker(void *arg) {
    (void)arg;
    while (!atomic_load(&stop)) {
        pthread_mutex_lock(&a);
        pthread_mutex_lock(&b);
        pthread_mutex_unlock(&b);
        pthread_mutex_unlock(&a);
    }
    return NULL;
}

static int exited_with(pid_t pid, int code) {
    int status = 0;
    return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == code;
}

int main(void) {
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    char *argv[] = {"sh", "-c", "exit 5", NULL};
    int vforked = 0, spawned = 0;
    for (int i = 0; i < 20; i++) {
        pid_t pid = vfork();
        if (pid == 0) {
            execve("/bin/sh", argv, environ);
            _exit(127);
        }
        vforked += exited_with(pid, 5);
        pid_t sp;
        if (posix_spawn(&sp, "/bin/sh", NULL, NULL, argv, environ) == 0)
            spawned += exited_with(sp, 5);
    }
    atomic_store(&stop, 1);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    printf("vfork: %d of 20, posix_spawn: %d of 20\n", vforked, spawned);
    return vforked == 20 && spawned == 20 ? 0 : 1;
}
