/* After fork(), the child is a new process with a single thread: a lock
 * the parent held is copied held, and nobody in the child waits for it.
 * Blocking there is silent; the parent's side of the same code still
 * counts.
 *
 * Silent: the child's branch of `if (pid == 0)`, `if (!pid)`, the else of
 * `if (pid != 0)`, `case 0:` of a switch on fork(), and `if (fork() == 0)`.
 * Reported: the parent's branch, and code after the branches join.
 *
 * coffman-runtime: expect=clean
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int data_pipe[2];

/* Returns 1 in the child, which the caller then ends. */
static int spawn_reader(void)
{
    char c;
    pthread_mutex_lock(&mu);
    pid_t pid = fork();
    if (pid == 0) {
        if (read(data_pipe[0], &c, 1) != 1)
            perror("child read");
        usleep(100);
        pthread_mutex_unlock(&mu);
        return 1;
    }
    if (pid > 0)
        usleep(100); // coffman-expect: blocking-while-locked
    pthread_mutex_unlock(&mu);
    if (pid > 0)
        waitpid(pid, NULL, 0);
    return 0;
}

static int spawn_negated(void)
{
    pthread_mutex_lock(&mu);
    pid_t pid;
    if (!(pid = fork())) {
        usleep(100);
        pthread_mutex_unlock(&mu);
        return 1;
    }
    pthread_mutex_unlock(&mu);
    waitpid(pid, NULL, 0);
    return 0;
}

static int spawn_else(void)
{
    pthread_mutex_lock(&mu);
    pid_t pid = fork();
    if (pid != 0) {
        pthread_mutex_unlock(&mu);
        waitpid(pid, NULL, 0);
        return 0;
    } else {
        usleep(100);
    }
    pthread_mutex_unlock(&mu);
    return 1;
}

static int spawn_switch(void)
{
    pid_t pid;
    pthread_mutex_lock(&mu);
    switch (pid = fork()) {
    case 0:
        usleep(100);
        pthread_mutex_unlock(&mu);
        return 1;
    case -1:
        break;
    default:
        usleep(100); // coffman-expect: blocking-while-locked
        break;
    }
    pthread_mutex_unlock(&mu);
    if (pid > 0)
        waitpid(pid, NULL, 0);
    return 0;
}

static int spawn_direct(void)
{
    int child = 0;
    pthread_mutex_lock(&mu);
    if (fork() == 0) {
        usleep(100);
        child = 1;
    }
    usleep(100); // coffman-expect: blocking-while-locked
    pthread_mutex_unlock(&mu);
    if (!child)
        wait(NULL);
    return child;
}

int main(void)
{
    if (pipe(data_pipe) != 0 || write(data_pipe[1], "x", 1) != 1)
        return 1;
    if (spawn_reader() || spawn_negated() || spawn_else() ||
        spawn_switch() || spawn_direct())
        _exit(0);
    puts("done");
    return 0;
}
