/* The read-read twin with a writer: the updater holds `routes` for writing
 * while it waits to write `hosts`, and a reader holds `hosts` for reading
 * while it waits to read `routes`.  Each wait conflicts with what the other
 * holds (a writer waits for readers to leave, a reader waits behind a
 * writer), so this cycle is real.
 *
 * usage: rwlock_write_read [stagger_ms]
 *
 * coffman-runtime: expect=lock-order-inversion args=50
 */
#define _DEFAULT_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

static pthread_rwlock_t routes = PTHREAD_RWLOCK_INITIALIZER;
static pthread_rwlock_t hosts = PTHREAD_RWLOCK_INITIALIZER;
static int route_count = 3, host_count = 2, seen;
static unsigned stagger_ms = 100;

static void *update_routes(void *arg)
{
    (void)arg;
    pthread_rwlock_wrlock(&routes);
    pthread_rwlock_wrlock(&hosts);
    route_count = host_count + 1;
    pthread_rwlock_unlock(&hosts);
    pthread_rwlock_unlock(&routes);
    return NULL;
}

static void *lookup_host(void *arg)
{
    (void)arg;
    usleep(stagger_ms * 1000u);
    pthread_rwlock_rdlock(&hosts);
    pthread_rwlock_rdlock(&routes); // coffman-expect: lock-order-inversion
    seen = route_count + host_count;
    pthread_rwlock_unlock(&routes);
    pthread_rwlock_unlock(&hosts);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        stagger_ms = (unsigned)strtoul(argv[1], NULL, 10);
    pthread_t t1, t2;
    pthread_create(&t1, NULL, update_routes, NULL);
    pthread_create(&t2, NULL, lookup_host, NULL);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return seen == 5 ? 0 : 1;
}
