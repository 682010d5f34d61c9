/* Two readers take two rwlocks for reading in opposite orders.  Readers do
 * not exclude each other, so neither can wait for the other: a read-read
 * "cycle" is no deadlock.
 *
 * coffman-runtime: expect=clean
 */
#define _DEFAULT_SOURCE
#include <pthread.h>

static pthread_rwlock_t routes = PTHREAD_RWLOCK_INITIALIZER;
static pthread_rwlock_t hosts = PTHREAD_RWLOCK_INITIALIZER;
static int route_count = 3, host_count = 2;
static int seen1, seen2;

static void *lookup_route(void *arg)
{
    (void)arg;
    pthread_rwlock_rdlock(&routes);
    pthread_rwlock_rdlock(&hosts);
    seen1 = route_count + host_count;
    pthread_rwlock_unlock(&hosts);
    pthread_rwlock_unlock(&routes);
    return NULL;
}

static void *lookup_host(void *arg)
{
    (void)arg;
    pthread_rwlock_rdlock(&hosts);
    pthread_rwlock_rdlock(&routes);
    seen2 = route_count + host_count;
    pthread_rwlock_unlock(&routes);
    pthread_rwlock_unlock(&hosts);
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    pthread_create(&t1, NULL, lookup_route, NULL);
    pthread_create(&t2, NULL, lookup_host, NULL);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return seen1 == 5 && seen2 == 5 ? 0 : 1;
}
