#define _DEFAULT_SOURCE
#include "shared.h"

#include <unistd.h>

pthread_mutex_t stats_mu = PTHREAD_MUTEX_INITIALIZER;
int stats_seen;

void count_item(void)
{
    pthread_mutex_lock(&stats_mu); // coffman-expect: lock-order-inversion
    stats_seen++;
    pthread_mutex_unlock(&stats_mu);
}

void *reporter(void *arg)
{
    (void)arg;
    usleep(stagger_ms * 1000u);
    pthread_mutex_lock(&stats_mu);
    stats_seen = peek_queue();
    pthread_mutex_unlock(&stats_mu);
    return NULL;
}
