/* Blocking calls on paths where the process is about to die (a failed
 * assertion, a fatal error) block nobody that matters: silent.  A blocking
 * call before the paths split, or on a path that may go on, still counts.
 *
 * Silent:
 * - a log write then abort() under the lock;
 * - redis's assert: `_serverAssert(...)` (which writes a stack trace and
 *   may return) followed by __builtin_unreachable();
 * - a call to a project function whose every path ends in exit();
 * Reported:
 * - a write before `if (bad) abort();` (the good path goes on);
 * - a call to a function that exits only when told to;
 * - a function whose every path ends in exit(0): that is its normal run
 *   (here while a worker waits for the lock), not a failure path.
 *
 * This run never fails its checks, so it never dies.
 *
 * coffman-runtime: expect=clean
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int counter;
static int crash_via_signal;

static void log_line(const char *s)
{
    if (write(2, s, strlen(s)) < 0)
        perror("log");
}

/* Writes a report; returns when a signal handler is to end the process. */
static void report_assert(const char *expr, const char *file, int line)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s:%d: assertion %s failed\n", file, line,
             expr);
    log_line(buf);
    if (crash_via_signal)
        return;
    abort();
}

#define check(e)                                                          \
    ((e) ? (void)0                                                        \
         : (report_assert(#e, __FILE__, __LINE__), __builtin_unreachable()))

static void fatal(const char *why)
{
    log_line(why);
    if (counter > 100)
        exit(2);
    exit(1);
}

static void maybe_fatal(const char *why, int really)
{
    log_line(why);
    if (really)
        exit(1);
}

static void *worker(void *arg)
{
    int bad = arg != NULL;
    pthread_mutex_lock(&mu);
    counter++;
    if (bad) {
        log_line("corrupt counter\n");
        abort();
    }
    check(counter > 0);
    if (counter < 0)
        fatal("negative counter\n");
    pthread_mutex_unlock(&mu);

    pthread_mutex_lock(&mu);
    log_line("checking\n"); // coffman-expect: blocking-while-locked
    if (counter < 0)
        abort();
    if (counter > 1000)
        maybe_fatal("too many\n", 0); // coffman-expect: blocking-while-locked
    pthread_mutex_unlock(&mu);
    return NULL;
}

static void serve_then_exit(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_mutex_lock(&mu);
    log_line("serving\n"); // coffman-expect: blocking-while-locked
    pthread_mutex_unlock(&mu);
    pthread_join(t, NULL);
    puts("done");
    exit(0);
}

int main(void)
{
    serve_then_exit();
}
