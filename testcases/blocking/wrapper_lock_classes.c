/* A lock wrapper that takes `pthread_mutex_t *` must keep each caller's
 * lock: `my_lock(&c->mutex)` is a `struct coder`'s mutex and
 * `my_lock(&c->threads[i].mutex)` a `struct worker`'s, two classes in one
 * fixed order (xz-utils' stream encoder: coder, then each worker).  Calling
 * pthread directly is silent; so must the wrapper be.
 *
 * The real bug: `swap_progress` nests two `struct worker` locks whose order
 * depends on its arguments, through the same wrapper.  This run's calls
 * all go one way.
 *
 * coffman-runtime: expect=clean
 */
#include <pthread.h>
#include <stdio.h>

static void my_lock(pthread_mutex_t *m) { pthread_mutex_lock(m); }
static void my_unlock(pthread_mutex_t *m) { pthread_mutex_unlock(m); }

struct worker {
    pthread_mutex_t mutex;
    int progress;
};
struct coder {
    pthread_mutex_t mutex;
    struct worker *threads;
    int progress;
};

static struct worker workers[2] = {{PTHREAD_MUTEX_INITIALIZER, 0},
                                   {PTHREAD_MUTEX_INITIALIZER, 0}};
static struct coder the_coder = {PTHREAD_MUTEX_INITIALIZER, workers, 0};

static int get_progress(struct coder *c)
{
    my_lock(&c->mutex);
    int out = c->progress;
    for (int i = 0; i < 2; i++) {
        my_lock(&c->threads[i].mutex);
        out += c->threads[i].progress;
        my_unlock(&c->threads[i].mutex);
    }
    my_unlock(&c->mutex);
    return out;
}

static void swap_progress(struct worker *a, struct worker *b)
{
    my_lock(&a->mutex);
    my_lock(&b->mutex); // coffman-expect: blocking-while-locked
    int t = a->progress;
    a->progress = b->progress;
    b->progress = t;
    my_unlock(&b->mutex);
    my_unlock(&a->mutex);
}

static void *work(void *arg)
{
    struct worker *w = arg;
    for (int i = 0; i < 1000; i++) {
        my_lock(&w->mutex);
        w->progress++;
        my_unlock(&w->mutex);
    }
    swap_progress(&the_coder.threads[0], &the_coder.threads[1]);
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, work, &the_coder.threads[i]);
    int p = get_progress(&the_coder);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    printf("%d\n", p >= 0);
    return 0;
}
