// Trap: the wait is here, the signal and broadcast are in producer.c.  The
// whole program signals `nonempty`, so the wait is not a finding.
// coffman-runtime: expect=clean
#include "queue.h"
#include <stdio.h>

bool queue_pop(struct queue *q, int *out) {
    pthread_mutex_lock(&q->mu);
    while (q->count == 0 && !q->closed)
        pthread_cond_wait(&q->nonempty, &q->mu);
    bool ok = q->count > 0;
    if (ok)
        *out = q->items[--q->count];
    pthread_mutex_unlock(&q->mu);
    return ok;
}

static void *consume(void *arg) {
    struct queue *q = arg;
    int v;
    while (queue_pop(q, &v))
        printf("popped %d\n", v);
    return NULL;
}

int main(void) {
    static struct queue q;
    queue_init(&q);
    pthread_t t;
    if (pthread_create(&t, NULL, consume, &q) != 0)
        return 1;
    for (int i = 0; i < 5; i++)
        queue_push(&q, i);
    queue_close(&q);
    pthread_join(t, NULL);
    return 0;
}
