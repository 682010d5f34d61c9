/* `mode != MODE_FAST` says mode is not 1, not that it is 0.  process()
 * takes `journal` for every mode but MODE_FAST and `index_mu` for every
 * non-zero mode: in MODE_SAFE both, journal first.  The indexer takes them
 * the other way.  Reading `mode != MODE_FAST` as "mode is zero" prunes the
 * `if (mode)` side after it and misses the cycle.
 *
 * usage: compare_is_not_zero [stagger_ms]
 *
 * coffman-runtime: expect=lock-order-inversion args=50
 */
#define _DEFAULT_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

enum mode { MODE_OFF, MODE_FAST, MODE_SAFE };

static pthread_mutex_t journal = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t index_mu = PTHREAD_MUTEX_INITIALIZER;
static enum mode current_mode = MODE_SAFE;
static int indexed, journaled;
static unsigned stagger_ms = 100;

static void process(enum mode mode)
{
    if (mode != MODE_FAST)
        pthread_mutex_lock(&journal);
    if (mode) {
        pthread_mutex_lock(&index_mu);
        indexed++;
        pthread_mutex_unlock(&index_mu);
    }
    if (mode != MODE_FAST)
        pthread_mutex_unlock(&journal);
}

static void *writer(void *arg)
{
    (void)arg;
    process(current_mode);
    return NULL;
}

static void *indexer(void *arg)
{
    (void)arg;
    usleep(stagger_ms * 1000u);
    pthread_mutex_lock(&index_mu);
    pthread_mutex_lock(&journal); // coffman-expect: lock-order-inversion
    journaled = indexed;
    pthread_mutex_unlock(&journal);
    pthread_mutex_unlock(&index_mu);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        stagger_ms = (unsigned)strtoul(argv[1], NULL, 10);
    pthread_t w, i;
    pthread_create(&w, NULL, writer, NULL);
    pthread_create(&i, NULL, indexer, NULL);
    pthread_join(w, NULL);
    pthread_join(i, NULL);
    return journaled == 1 ? 0 : 1;
}
