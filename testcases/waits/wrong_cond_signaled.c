// The producer signals a condition variable, just not the one the consumer
// waits on: `not_full` is signalled, `not_empty` never is.
// coffman-runtime: expect=thread-leak args=50
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

struct box {
    pthread_mutex_t mu;
    pthread_cond_t not_empty;
    pthread_cond_t not_full;
    int full;
    int v;
};

static struct box the_box = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER,
                             PTHREAD_COND_INITIALIZER, 0, 0};

static void box_put(struct box *b, int v) {
    pthread_mutex_lock(&b->mu);
    b->v = v;
    b->full = 1;
    pthread_cond_signal(&b->not_full); /* bug: should be not_empty */
    pthread_mutex_unlock(&b->mu);
}

static int box_take(struct box *b) {
    pthread_mutex_lock(&b->mu);
    while (!b->full)
        pthread_cond_wait(&b->not_empty, &b->mu); // coffman-expect: never-signaled-wait
    b->full = 0;
    int v = b->v;
    pthread_mutex_unlock(&b->mu);
    return v;
}

static void *taker(void *arg) {
    printf("took %d\n", box_take(arg));
    return NULL;
}

int main(int argc, char **argv) {
    int ms = argc > 1 ? atoi(argv[1]) : 50;
    pthread_t t;
    if (pthread_create(&t, NULL, taker, &the_box) != 0)
        return 1;
    pthread_detach(t);
    usleep(ms * 1000);
    box_put(&the_box, 1);
    usleep(ms * 1000);
    return 0;
}
