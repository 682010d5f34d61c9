/* Traps for the nil-object rules: pointers that look unset, or NULL, but
 * are set before use or tested before the wait.  All silent.
 *
 * - `jobs` is set only through a setter;
 * - `backlog` is set through its address, kept in a registry struct;
 * - `cfg.results` is set through a pointer to the configuration;
 * - `spare` is never set, but every use tests it first;
 * - a worker started with NULL tests its argument and returns;
 * - a pop that tests its queue for NULL is called with NULL;
 * - `slots` is a semaphore initialised by a helper (sem_init through a
 *   parameter).
 *
 * coffman-runtime: expect=clean
 */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

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
        pthread_cond_wait(&q->nonempty, &q->mu);
    q->count--;
    pthread_mutex_unlock(&q->mu);
}

/* Returns 0 without waiting when there is no queue. */
static int queue_pop_or_fail(struct queue *q)
{
    if (q == NULL)
        return 0;
    queue_pop(q);
    return 1;
}

static struct queue storage[3] = {
    {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0},
    {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0},
    {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0},
};

static struct queue *jobs;
static void set_jobs(struct queue *q) { jobs = q; }

static struct queue *backlog;
struct registry {
    struct queue **slot;
};
static struct registry reg = {&backlog};

struct config {
    struct queue *results;
};
static struct config cfg;

static struct queue *spare; /* never set, always tested */

static sem_t slots;
static void sem_setup(sem_t *s) { sem_init(s, 0, 0); }

static void *consumer(void *arg)
{
    (void)arg;
    queue_pop(jobs);
    queue_pop(backlog);
    queue_pop(cfg.results);
    if (spare)
        queue_pop(spare);
    sem_wait(&slots);
    return NULL;
}

static void *optional_worker(void *arg)
{
    struct queue *q = arg;
    if (!q)
        return NULL;
    queue_pop(q);
    return NULL;
}

static void *lenient_worker(void *arg)
{
    queue_pop_or_fail(arg);
    return NULL;
}

int main(void)
{
    struct config *c = &cfg;
    set_jobs(&storage[0]);
    *reg.slot = &storage[1];
    c->results = &storage[2];
    sem_setup(&slots);

    pthread_t t[3];
    pthread_create(&t[0], NULL, consumer, NULL);
    pthread_create(&t[1], NULL, optional_worker, NULL);
    pthread_create(&t[2], NULL, lenient_worker, NULL);
    for (int i = 0; i < 3; i++)
        queue_push(&storage[i]);
    sem_post(&slots);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    puts(spare ? "spare" : "no spare");
    return 0;
}
