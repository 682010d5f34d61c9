// Traps: none of these relocks a held lock.  Lock, unlock, lock again; a
// trylock of a held lock (it fails with EBUSY, it does not block); two
// read locks of one rwlock; two different instances of one struct type.
// coffman-runtime: expect=clean
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>

struct node {
    pthread_mutex_t mu;
    int v;
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static struct node first = {PTHREAD_MUTEX_INITIALIZER, 1};
static struct node second = {PTHREAD_MUTEX_INITIALIZER, 2};
static int counter;

static int sum_pair(struct node *a, struct node *b) {
    pthread_mutex_lock(&a->mu);
    pthread_mutex_lock(&b->mu);
    int s = a->v + b->v;
    pthread_mutex_unlock(&b->mu);
    pthread_mutex_unlock(&a->mu);
    return s;
}

static void *worker(void *arg) {
    (void)arg;
    pthread_mutex_lock(&mu);
    counter++;
    pthread_mutex_unlock(&mu);
    pthread_mutex_lock(&mu);
    if (pthread_mutex_trylock(&mu) == 0)
        pthread_mutex_unlock(&mu);
    pthread_mutex_unlock(&mu);
    pthread_rwlock_rdlock(&rw);
    pthread_rwlock_rdlock(&rw);
    counter += sum_pair(&first, &second);
    pthread_rwlock_unlock(&rw);
    pthread_rwlock_unlock(&rw);
    return NULL;
}

int main(void) {
    pthread_t t;
    if (pthread_create(&t, NULL, worker, NULL) != 0)
        return 1;
    pthread_join(t, NULL);
    printf("%d\n", counter);
    return 0;
}
