/* The monitor thread: started with the first thread creation or the first
 * long wait, it runs the deadlock check and the registered ticks about
 * every 100 ms.  It is invisible to the analysis (coffman_busy stays set). */
#define _GNU_SOURCE
#include "options.h"
#include "shim.h"
#include "thread_registry.h"

#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

enum { MAX_TICKS = 8, TICK_MS = 100 };

static atomic_int started;
static coffman_tick_fn ticks[MAX_TICKS];
static atomic_int nticks;
/* Lets a signal handler wake the monitor at once instead of at its next
 * tick (a thread dump should show the moment it was asked for). */
static atomic_int wake_fd = -1;

void coffman_wait_for_graph_tick(uint64_t now_ns);
long coffman_kernel_threads(void);

atomic_bool coffman_main_exited;

/* glibc ends the process when its last thread exits; the monitor would
 * keep a program whose main called pthread_exit alive forever, so when it
 * is the only thread left it ends the process the way glibc would. */
static void exit_if_alone(void)
{
    if (atomic_load(&coffman_main_exited) && coffman_registry_live_count() == 0 &&
        coffman_kernel_threads() == 1) {
        coffman_busy = 0;
        exit(0);
    }
}

bool coffman_monitor_add_tick(coffman_tick_fn fn)
{
    int n = atomic_load(&nticks);
    if (n >= MAX_TICKS)
        return false;
    ticks[n] = fn;
    atomic_store(&nticks, n + 1);
    return true;
}

void coffman_monitor_wake(void)
{
    int fd = atomic_load(&wake_fd);
    uint64_t one = 1;
    if (fd >= 0)
        (void)!write(fd, &one, sizeof one);
}

/* Sleeps one tick, or less when woken. */
static void wait_tick(void)
{
    int fd = atomic_load(&wake_fd);
    if (fd < 0) {
        struct timespec ts = {0, TICK_MS * 1000000L};
        nanosleep(&ts, NULL);
        return;
    }
    struct pollfd p = {.fd = fd, .events = POLLIN};
    uint64_t count;
    if (poll(&p, 1, TICK_MS) > 0)
        (void)!read(fd, &count, sizeof count);
}

static void *monitor_main(void *arg)
{
    (void)arg;
    coffman_busy = 1;
    for (;;) {
        wait_tick();
        exit_if_alone();
        uint64_t now = coffman_now_ns();
        if (coffman_opts.detect_deadlocks)
            coffman_wait_for_graph_tick(now);
        for (int i = 0; i < atomic_load(&nticks); i++)
            ticks[i](now);
    }
    return NULL;
}

void coffman_monitor_ensure(void)
{
    if (COFFMAN_LIKELY(atomic_load_explicit(&started, memory_order_relaxed)) || !coffman_active)
        return;
    int expect = 0;
    if (!atomic_compare_exchange_strong(&started, &expect, 1))
        return;
    coffman_busy++;
    if (atomic_load(&wake_fd) < 0)
        atomic_store(&wake_fd, eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 256 * 1024);
    /* The monitor inherits a full signal mask: a handler running in it
     * before it marks itself busy would give it a thread record. */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    pthread_t th;
    if (REAL(create)(&th, &attr, monitor_main, NULL) != 0)
        atomic_store(&started, 0);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_attr_destroy(&attr);
    coffman_busy--;
}

void coffman_monitor_after_fork_child(void)
{
    atomic_store(&started, 0);
    int fd = atomic_exchange(&wake_fd, -1); /* shared with the parent */
    if (fd >= 0)
        close(fd);
}
