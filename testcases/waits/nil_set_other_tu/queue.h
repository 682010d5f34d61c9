#ifndef QUEUE_H
#define QUEUE_H
#include <pthread.h>

struct queue {
    pthread_mutex_t mu;
    pthread_cond_t nonempty;
    int count;
};

/* The work queue, made by setup.c.  Until then it is NULL. */
extern struct queue *work;

void setup_queue(void);
void queue_push(struct queue *q);
#endif
