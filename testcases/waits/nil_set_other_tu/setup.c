#include "queue.h"

static struct queue the_queue = {PTHREAD_MUTEX_INITIALIZER,
                                 PTHREAD_COND_INITIALIZER, 0};

void setup_queue(void)
{
    work = &the_queue;
}

void queue_push(struct queue *q)
{
    pthread_mutex_lock(&q->mu);
    q->count++;
    pthread_cond_signal(&q->nonempty);
    pthread_mutex_unlock(&q->mu);
}
