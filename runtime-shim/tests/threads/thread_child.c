/* Child programs for threads_test.c, one scenario per argv[1].  Run under
 * LD_PRELOAD=libcoffman.so; the test asserts on what the shim prints. */
#define _GNU_SOURCE
#include <coffman/heartbeat.h>

#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void nap_ms(unsigned ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0)
        ;
}

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t never_signalled = PTHREAD_COND_INITIALIZER;
static bool ready;
static bool waiter_inside; /* set under mu just before the wait releases it */
static int pipe_fds[2];

static void *noop_worker(void *arg) { return arg; }

static void *cond_waiter(void *arg)
{
    pthread_mutex_lock(&mu);
    waiter_inside = true;
    while (!ready)
        pthread_cond_wait(&never_signalled, &mu);   /* WAIT_LINE */
    pthread_mutex_unlock(&mu);
    return arg;
}

static void *pipe_reader(void *arg)
{
    char c;
    (void)!read(pipe_fds[0], &c, 1);
    return arg;
}

static void *slow_worker(void *arg)
{
    nap_ms(50);
    return arg;
}

static void *stalling_worker(void *arg)
{
    coffman_heartbeat_expect(50);
    for (int i = 0; i < 3; i++) {
        nap_ms(10);
        coffman_heartbeat();
    }
    return cond_waiter(arg);
}

static pthread_t spawn(void *(*fn)(void *), bool detached)
{
    pthread_t t;
    if (pthread_create(&t, NULL, fn, NULL) != 0)
        exit(3);
    if (detached)
        pthread_detach(t);
    return t;
}

static int noop(void)
{
    for (int i = 0; i < 10; i++)
        spawn(noop_worker, false);   /* SPAWN_LINE */
    return 0;
}

static int clean(void)
{
    pthread_t t = spawn(noop_worker, false);
    pthread_join(t, NULL);
    spawn(slow_worker, true);
    nap_ms(100);
    return 0;
}

static int fork_child(void)
{
    if (pipe(pipe_fds) != 0)
        return 3;
    pthread_t r = spawn(pipe_reader, false);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        pthread_join(spawn(noop_worker, false), NULL);
        printf("child %d done\n", (int)getpid());
        return 0;
    }
    int st = 0;
    waitpid(pid, &st, 0);
    (void)!write(pipe_fds[1], "x", 1);
    pthread_join(r, NULL);
    printf("parent %d done, child status %d\n", (int)getpid(), WEXITSTATUS(st));
    return WEXITSTATUS(st);
}

static int hang(void)
{
    if (pipe(pipe_fds) != 0)
        return 3;
    pthread_mutex_lock(&mu);   /* held while main waits: shown in the report */
    pthread_join(spawn(pipe_reader, false), NULL);
    return 0;
}

/* Returns once the waiter is inside pthread_cond_wait: it set the flag
 * while holding mu, and only the wait itself gives mu up.  A nap instead
 * would race on a loaded machine. */
static void wait_until_waiter_blocked(void)
{
    for (;;) {
        pthread_mutex_lock(&mu);
        bool inside = waiter_inside;
        pthread_mutex_unlock(&mu);
        if (inside)
            return;
        nap_ms(1);
    }
}

static int dump(void)
{
    spawn(cond_waiter, true);
    wait_until_waiter_blocked();
    raise(SIGUSR2);
    nap_ms(400);     /* the monitor writes the dump meanwhile */
    puts("still running after the dump");
    pthread_mutex_lock(&mu);
    ready = true;
    pthread_cond_broadcast(&never_signalled);
    pthread_mutex_unlock(&mu);
    return 0;
}

static int heartbeat(void)
{
    pthread_t t = spawn(stalling_worker, false);
    nap_ms(3000);
    pthread_mutex_lock(&mu);
    ready = true;
    pthread_cond_broadcast(&never_signalled);
    pthread_mutex_unlock(&mu);
    pthread_join(t, NULL);
    return 0;
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    if (!strcmp(mode, "noop"))
        return noop();
    if (!strcmp(mode, "cond")) {
        spawn(cond_waiter, true);
        nap_ms(50);
        return 0;
    }
    if (!strcmp(mode, "exit_thread")) {
        spawn(slow_worker, false);
        pthread_exit(NULL);
    }
    if (!strcmp(mode, "grace")) {
        spawn(slow_worker, true);   /* ends 50 ms after main returns */
        return 0;
    }
    if (!strcmp(mode, "clean"))
        return clean();
    if (!strcmp(mode, "fork"))
        return fork_child();
    if (!strcmp(mode, "hang"))
        return hang();
    if (!strcmp(mode, "dump"))
        return dump();
    if (!strcmp(mode, "heartbeat"))
        return heartbeat();
    fprintf(stderr, "unknown mode '%s'\n", mode);
    return 2;
}
