/* poll_ready(&ready) changes `ready` without any assignment in consumer():
 * after `if (!ready)` the second poll can set it, and then consumer() takes
 * queue_mu while holding wait_mu.  The producer takes them the other way.
 * Keeping "ready is 0" across the call prunes that path and misses the
 * cycle: a variable whose address is taken is no flag.
 *
 * usage: flag_changed_through_pointer [stagger_ms]
 *
 * coffman-runtime: expect=lock-order-inversion args=50
 */
#define _DEFAULT_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

static pthread_mutex_t wait_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t queue_mu = PTHREAD_MUTEX_INITIALIZER;
static int polls, taken, produced;
static unsigned stagger_ms = 100;

static void poll_ready(int *ready)
{
    *ready = ++polls > 1;
}

static void *consumer(void *arg)
{
    (void)arg;
    int ready = 0;
    poll_ready(&ready);
    if (!ready) {
        pthread_mutex_lock(&wait_mu);
        poll_ready(&ready);
        if (ready) {
            pthread_mutex_lock(&queue_mu);
            taken++;
            pthread_mutex_unlock(&queue_mu);
        }
        pthread_mutex_unlock(&wait_mu);
    }
    return NULL;
}

static void *producer(void *arg)
{
    (void)arg;
    usleep(stagger_ms * 1000u);
    pthread_mutex_lock(&queue_mu);
    pthread_mutex_lock(&wait_mu); // coffman-expect: lock-order-inversion
    produced = taken;
    pthread_mutex_unlock(&wait_mu);
    pthread_mutex_unlock(&queue_mu);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        stagger_ms = (unsigned)strtoul(argv[1], NULL, 10);
    pthread_t c, p;
    pthread_create(&c, NULL, consumer, NULL);
    pthread_create(&p, NULL, producer, NULL);
    pthread_join(c, NULL);
    pthread_join(p, NULL);
    return produced == 1 ? 0 : 1;
}
