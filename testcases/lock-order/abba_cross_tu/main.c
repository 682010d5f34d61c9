/* A cycle whose halves live in different translation units: queue.c takes
 * queue_mu then stats_mu, stats.c takes stats_mu then queue_mu.  Only a
 * whole-program analysis sees both.
 *
 * usage: abba_cross_tu [stagger_ms]
 *
 * coffman-runtime: expect=lock-order-inversion args=50
 */
#include "shared.h"

#include <stdlib.h>

unsigned stagger_ms = 100;

int main(int argc, char **argv)
{
    if (argc > 1)
        stagger_ms = (unsigned)strtoul(argv[1], NULL, 10);
    pthread_t t1, t2;
    pthread_create(&t1, NULL, producer, NULL);
    pthread_create(&t2, NULL, reporter, NULL);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return queue_len == 1 ? 0 : 1;
}
