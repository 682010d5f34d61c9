/* `peers[self].ready` and `peers[other].ready` are two objects: knowing the
 * first is set says nothing about the second.  forward() returns early
 * unless its own peer is ready, then takes `pending` under `table` when the
 * other peer is not ready yet; drain() takes them in the opposite order.
 * Treating every element of `peers[]` as one flag prunes the second test
 * and misses the cycle.
 *
 * usage: array_element_flags [stagger_ms]
 *
 * coffman-runtime: expect=lock-order-inversion args=50
 */
#define _DEFAULT_SOURCE
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

struct peer {
    bool ready;
    int backlog;
};

static pthread_mutex_t table = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t pending = PTHREAD_MUTEX_INITIALIZER;
static struct peer peers[2] = {{true, 0}, {false, 0}};
static int drained;
static unsigned stagger_ms = 100;

static void forward(int self, int other)
{
    if (!peers[self].ready)
        return;
    pthread_mutex_lock(&table);
    if (!peers[other].ready) {
        pthread_mutex_lock(&pending);
        peers[other].backlog++;
        pthread_mutex_unlock(&pending);
    }
    pthread_mutex_unlock(&table);
}

static void *forwarder(void *arg)
{
    (void)arg;
    forward(0, 1);
    return NULL;
}

static void *drainer(void *arg)
{
    (void)arg;
    usleep(stagger_ms * 1000u);
    pthread_mutex_lock(&pending);
    pthread_mutex_lock(&table); // coffman-expect: lock-order-inversion
    drained = peers[1].backlog;
    pthread_mutex_unlock(&table);
    pthread_mutex_unlock(&pending);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        stagger_ms = (unsigned)strtoul(argv[1], NULL, 10);
    pthread_t f, d;
    pthread_create(&f, NULL, forwarder, NULL);
    pthread_create(&d, NULL, drainer, NULL);
    pthread_join(f, NULL);
    pthread_join(d, NULL);
    return drained == 1 ? 0 : 1;
}
