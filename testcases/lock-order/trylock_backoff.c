/* The usual cure for an unavoidable opposite order: the second thread takes
 * its second lock with pthread_mutex_trylock (or a timed lock) and backs off
 * when it is busy.  A trylock never waits, so there is no hold-and-wait on
 * it and no deadlock.
 *
 * coffman-runtime: expect=clean
 */
#define _DEFAULT_SOURCE
#include <pthread.h>
#include <sched.h>
#include <time.h>

static pthread_mutex_t inode_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t page_mu = PTHREAD_MUTEX_INITIALIZER;
static int writes, evictions, flushes;

static void *writer(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&inode_mu);
    pthread_mutex_lock(&page_mu);
    writes++;
    pthread_mutex_unlock(&page_mu);
    pthread_mutex_unlock(&inode_mu);
    return NULL;
}

static void *evictor(void *arg)
{
    (void)arg;
    for (;;) {
        pthread_mutex_lock(&page_mu);
        if (pthread_mutex_trylock(&inode_mu) == 0) {
            evictions++;
            pthread_mutex_unlock(&inode_mu);
            pthread_mutex_unlock(&page_mu);
            break;
        }
        pthread_mutex_unlock(&page_mu);
        sched_yield();
    }
    return NULL;
}

static void *flusher(void *arg)
{
    (void)arg;
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 1;
    pthread_mutex_lock(&page_mu);
    if (pthread_mutex_timedlock(&inode_mu, &deadline) == 0) {
        flushes++;
        pthread_mutex_unlock(&inode_mu);
    }
    pthread_mutex_unlock(&page_mu);
    return NULL;
}

int main(void)
{
    pthread_t t1, t2, t3;
    pthread_create(&t1, NULL, writer, NULL);
    pthread_create(&t2, NULL, evictor, NULL);
    pthread_create(&t3, NULL, flusher, NULL);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_join(t3, NULL);
    return writes == 1 && evictions == 1 ? 0 : 1;
}
