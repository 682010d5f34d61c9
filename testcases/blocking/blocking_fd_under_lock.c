/* Positives next to the non-blocking traps: the same calls on descriptors
 * that can block, and a pass-through lock that is also a condition
 * variable's mutex (so it guards state and is no mere gate).
 *
 * - `read` of an eventfd created without EFD_NONBLOCK: blocks while its
 *   counter is zero;
 * - `poll` with a timeout of a second;
 * - `usleep` under `state_mu`, which waiters take only to pass through but
 *   which is also the mutex of `state_cv`.
 *
 * This run writes before it reads, so nothing actually waits long.
 *
 * coffman-runtime: expect=clean
 */
#define _GNU_SOURCE
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/eventfd.h>
#include <unistd.h>

static pthread_mutex_t io_mu = PTHREAD_MUTEX_INITIALIZER;
static int event_fd;

static void drain(void)
{
    uint64_t v;
    pthread_mutex_lock(&io_mu);
    if (read(event_fd, &v, sizeof v) != sizeof v) // coffman-expect: blocking-while-locked
        perror("read");
    struct pollfd p = {event_fd, POLLIN, 0};
    poll(&p, 1, 1000); // coffman-expect: blocking-while-locked
    pthread_mutex_unlock(&io_mu);
}

static pthread_mutex_t state_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t state_cv = PTHREAD_COND_INITIALIZER;
static int state;

static void *waiter(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&state_mu);
    pthread_mutex_unlock(&state_mu);
    pthread_mutex_lock(&state_mu);
    while (state == 0)
        pthread_cond_wait(&state_cv, &state_mu);
    pthread_mutex_unlock(&state_mu);
    return NULL;
}

int main(void)
{
    event_fd = eventfd(0, 0);
    pthread_t t;
    pthread_create(&t, NULL, waiter, NULL);
    pthread_mutex_lock(&state_mu);
    usleep(1000); // coffman-expect: blocking-while-locked
    state = 1;
    pthread_cond_signal(&state_cv);
    pthread_mutex_unlock(&state_mu);
    uint64_t one = 1;
    if (write(event_fd, &one, sizeof one) != sizeof one)
        return 1;
    drain();
    pthread_join(t, NULL);
    puts("done");
    return 0;
}
