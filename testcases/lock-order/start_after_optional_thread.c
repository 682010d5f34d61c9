/* The mover thread is optional (off with a second argument); the auditor is
 * started after it either way, so main reaches the auditor's start on two
 * paths: with the mover running and without it.  On the first path the two
 * overlap, and their orders (ledger -> journal, journal -> ledger) can
 * deadlock.  Taking the threads running at a start from only one of the
 * paths that reach it would call them sequential and miss the cycle.
 *
 * usage: start_after_optional_thread [stagger_ms [no-mover]]
 *
 * coffman-runtime: expect=lock-order-inversion args=50
 */
#define _DEFAULT_SOURCE
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

static pthread_mutex_t ledger = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t journal = PTHREAD_MUTEX_INITIALIZER;
static int moved, audited;
static unsigned stagger_ms = 100;

static void *mover(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&ledger);
    pthread_mutex_lock(&journal);
    moved++;
    pthread_mutex_unlock(&journal);
    pthread_mutex_unlock(&ledger);
    return NULL;
}

static void *auditor(void *arg)
{
    (void)arg;
    usleep(stagger_ms * 1000u);
    pthread_mutex_lock(&journal);
    pthread_mutex_lock(&ledger); // coffman-expect: lock-order-inversion
    audited++;
    pthread_mutex_unlock(&ledger);
    pthread_mutex_unlock(&journal);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        stagger_ms = (unsigned)strtoul(argv[1], NULL, 10);
    bool with_mover = argc < 3;
    pthread_t m, a;
    if (with_mover)
        pthread_create(&m, NULL, mover, NULL);
    pthread_create(&a, NULL, auditor, NULL);
    pthread_join(a, NULL);
    if (with_mover)
        pthread_join(m, NULL);
    return audited == 1 && moved == (with_mover ? 1 : 0) ? 0 : 1;
}
