/* Trap: `work` is only ever NULL in this file, but setup.c (another
 * translation unit) sets it before the worker starts.  Silent.
 *
 * coffman-runtime: expect=clean
 */
#include "queue.h"

#include <stdio.h>

struct queue *work;

static void *worker(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&work->mu);
    while (work->count == 0)
        pthread_cond_wait(&work->nonempty, &work->mu);
    work->count--;
    pthread_mutex_unlock(&work->mu);
    puts("worked");
    return NULL;
}

int main(void)
{
    setup_queue();
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    queue_push(work);
    pthread_join(t, NULL);
    return 0;
}
