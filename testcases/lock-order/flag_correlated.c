/* Conditional locking correlated by a flag: `if (shared) lock(stats_mu)`
 * ... `if (shared) unlock(stats_mu)`.  stats_mu is never held when the
 * function later takes queue_mu, so the other thread's queue_mu ->
 * stats_mu order forms no cycle.  A may-held lockset that forgets the
 * correlation keeps stats_mu "held" after the second `if` and reports one.
 *
 * coffman-runtime: expect=clean
 */
#include <pthread.h>
#include <stdbool.h>

static pthread_mutex_t stats_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t queue_mu = PTHREAD_MUTEX_INITIALIZER;
static int hits, queued;

static void record(bool shared)
{
    if (shared)
        pthread_mutex_lock(&stats_mu);
    hits++;
    if (shared)
        pthread_mutex_unlock(&stats_mu);
    pthread_mutex_lock(&queue_mu);
    queued++;
    pthread_mutex_unlock(&queue_mu);
}

static void *recorder(void *arg)
{
    record(arg != NULL);
    return NULL;
}

static void *drainer(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&queue_mu);
    pthread_mutex_lock(&stats_mu);
    hits += queued;
    pthread_mutex_unlock(&stats_mu);
    pthread_mutex_unlock(&queue_mu);
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    int token = 1;
    pthread_create(&t1, NULL, recorder, &token);
    pthread_create(&t2, NULL, drainer, NULL);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return queued == 1 ? 0 : 1;
}
