#include "queue.h"

void queue_init(struct queue *q) {
    pthread_mutex_init(&q->mu, NULL);
    pthread_cond_init(&q->nonempty, NULL);
    q->count = 0;
    q->closed = false;
}

void queue_push(struct queue *q, int v) {
    pthread_mutex_lock(&q->mu);
    while (q->count == 16) {
        pthread_mutex_unlock(&q->mu);
        pthread_mutex_lock(&q->mu);
    }
    q->items[q->count++] = v;
    pthread_cond_signal(&q->nonempty);
    pthread_mutex_unlock(&q->mu);
}

void queue_close(struct queue *q) {
    pthread_mutex_lock(&q->mu);
    q->closed = true;
    pthread_cond_broadcast(&q->nonempty);
    pthread_mutex_unlock(&q->mu);
}
