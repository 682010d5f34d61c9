/* `var jobs chan int` in C: a global queue pointer that no code ever sets.
 * The worker waits on the object it points to, which does not exist.  A
 * second worker reaches the same kind of object through a field of a
 * global configuration that is never filled in.
 *
 * Reported at each wait, with a note at the pointer's declaration.  The
 * workers only start when the program is given `bug` (they would crash);
 * the default run exits 0.
 *
 * usage: nil_global_queue [bug]
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

static struct queue *jobs; /* never set: the bug */

struct config {
    int workers;
    struct queue *results; /* never set either */
};
static struct config cfg = {.workers = 1};

static void *job_worker(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&jobs->mu);
    while (jobs->count == 0)
        pthread_cond_wait(&jobs->nonempty, &jobs->mu); // coffman-expect: never-signaled-wait
    jobs->count--;
    pthread_mutex_unlock(&jobs->mu);
    return NULL;
}

static void *result_worker(void *arg)
{
    (void)arg;
    struct queue *q = cfg.results;
    pthread_mutex_lock(&q->mu);
    while (q->count == 0)
        pthread_cond_wait(&q->nonempty, &q->mu); // coffman-expect: never-signaled-wait
    q->count--;
    pthread_mutex_unlock(&q->mu);
    return NULL;
}

/* Someone signals both kinds of queue: the waits are not "never signalled",
 * they are on nothing. */
void queue_push(struct queue *q)
{
    pthread_mutex_lock(&q->mu);
    q->count++;
    pthread_cond_signal(&q->nonempty);
    pthread_mutex_unlock(&q->mu);
}

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "bug") != 0) {
        printf("%d worker(s) configured\n", cfg.workers);
        return 0;
    }
    pthread_t a, b;
    pthread_create(&a, NULL, job_worker, NULL);
    pthread_create(&b, NULL, result_worker, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
