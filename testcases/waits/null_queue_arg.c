/* A worker started with a NULL queue blocks on it: the C analog of Go's
 * `go worker(nil)` ranging over a nil channel.  Here the queue's own pop
 * waits on `q->nonempty` with q == NULL, so the wait has no object at all.
 *
 * Reported at the wait, with notes at the pthread_create that passes NULL
 * and the call that hands it on.  Natively the NULL worker only starts when
 * the program is given `bug` (it would crash on the NULL queue); the
 * default run uses a real queue and exits 0.
 *
 * usage: null_queue_arg [bug]
 *
 * coffman-runtime: expect=clean
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

struct queue {
    pthread_mutex_t mu;
    pthread_cond_t nonempty;
    int count;
};

static void queue_push(struct queue *q)
{
    pthread_mutex_lock(&q->mu);
    q->count++;
    pthread_cond_signal(&q->nonempty);
    pthread_mutex_unlock(&q->mu);
}

static void queue_pop(struct queue *q)
{
    pthread_mutex_lock(&q->mu);
    while (q->count == 0)
        pthread_cond_wait(&q->nonempty, &q->mu); // coffman-expect: never-signaled-wait
    q->count--;
    pthread_mutex_unlock(&q->mu);
}

static void *worker(void *arg)
{
    struct queue *jobs = arg;
    queue_pop(jobs);
    puts("job done");
    return NULL;
}

static struct queue real = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0};

int main(int argc, char **argv)
{
    int bug = argc > 1 && strcmp(argv[1], "bug") == 0;
    pthread_t t;
    if (bug)
        pthread_create(&t, NULL, worker, NULL);
    else
        pthread_create(&t, NULL, worker, &real);
    queue_push(&real);
    pthread_join(t, NULL);
    return 0;
}
