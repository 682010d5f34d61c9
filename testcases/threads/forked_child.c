// A forked child has only the thread that called fork: the parent's
// reader, blocked on a pipe while the child runs, is not the child's
// thread and must not be reported when the child exits.  The child starts
// and joins a thread of its own; the parent then releases and joins its
// reader.  Nothing leaks in either process.
// coffman-runtime: expect=clean
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static int wake[2];

static void *reader(void *arg) {
    (void)arg;
    char c;
    if (read(wake[0], &c, 1) != 1)
        return (void *)1;
    return NULL;
}

static void *child_job(void *arg) {
    puts("child job");
    return arg;
}

static int child_main(void) {
    pthread_t t;
    if (pthread_create(&t, NULL, child_job, NULL) != 0)
        return 1;
    pthread_join(t, NULL);
    return 0;
}

int main(void) {
    if (pipe(wake) != 0)
        return 1;
    pthread_t r;
    if (pthread_create(&r, NULL, reader, NULL) != 0)
        return 1;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0)
        return child_main();   /* exit() in the child runs its leak check */
    int status = 1;
    if (pid > 0)
        waitpid(pid, &status, 0);
    if (write(wake[1], "x", 1) != 1)
        return 1;
    void *res;
    pthread_join(r, &res);
    printf("child exited with %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 && res == NULL ? 0 : 1;
}
