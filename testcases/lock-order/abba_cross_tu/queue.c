#include "shared.h"

pthread_mutex_t queue_mu = PTHREAD_MUTEX_INITIALIZER;
int queue_len;

int peek_queue(void)
{
    pthread_mutex_lock(&queue_mu);
    int n = queue_len;
    pthread_mutex_unlock(&queue_mu);
    return n;
}

void *producer(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&queue_mu);
    queue_len++;
    count_item();
    pthread_mutex_unlock(&queue_mu);
    return NULL;
}
