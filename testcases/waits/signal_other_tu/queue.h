#ifndef QUEUE_H
#define QUEUE_H
#include <pthread.h>
#include <stdbool.h>

struct queue {
    pthread_mutex_t mu;
    pthread_cond_t nonempty;
    int items[16];
    int count;
    bool closed;
};

void queue_init(struct queue *q);
void queue_push(struct queue *q, int v);
void queue_close(struct queue *q);
bool queue_pop(struct queue *q, int *out);
#endif
