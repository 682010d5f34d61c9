/* The halves of an ABBA sit in helper functions: each routine takes one lock
 * itself and the other inside a callee, so the cycle is only visible across
 * function boundaries.
 *
 * usage: abba_split_functions [stagger_ms]
 *
 * coffman-runtime: expect=lock-order-inversion args=50
 */
#define _DEFAULT_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

static pthread_mutex_t cache_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t store_mu = PTHREAD_MUTEX_INITIALIZER;
static int cached, stored;
static unsigned stagger_ms = 100;

static void write_store(int v)
{
    pthread_mutex_lock(&store_mu);
    stored = v;
    pthread_mutex_unlock(&store_mu);
}

static void refresh_cache(void)
{
    pthread_mutex_lock(&cache_mu); // coffman-expect: lock-order-inversion
    cached = stored;
    pthread_mutex_unlock(&cache_mu);
}

static void *writer(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&cache_mu);
    cached = 1;
    write_store(cached);
    pthread_mutex_unlock(&cache_mu);
    return NULL;
}

static void *loader(void *arg)
{
    (void)arg;
    usleep(stagger_ms * 1000u);
    pthread_mutex_lock(&store_mu);
    refresh_cache();
    pthread_mutex_unlock(&store_mu);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        stagger_ms = (unsigned)strtoul(argv[1], NULL, 10);
    pthread_t t1, t2;
    pthread_create(&t1, NULL, writer, NULL);
    pthread_create(&t2, NULL, loader, NULL);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return cached == 1 ? 0 : 1;
}
