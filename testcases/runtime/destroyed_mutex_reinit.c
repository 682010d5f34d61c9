// Robustness: a mutex is destroyed and initialised again for a new
// purpose, then nested the other way round.  A destroyed mutex leaves the
// graph, so the old order does not pair with the new one.  Silent.
// coffman-runtime: expect=clean
// Statically silent too: the two threads never overlap (the first is
// joined before the second is created).
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t a, b;

static void *a_then_b(void *arg) {
    (void)arg;
    pthread_mutex_lock(&a);
    pthread_mutex_lock(&b);
    pthread_mutex_unlock(&b);
    pthread_mutex_unlock(&a);
    return NULL;
}

static void *b_then_a(void *arg) {
    (void)arg;
    pthread_mutex_lock(&b);
    pthread_mutex_lock(&a);
    pthread_mutex_unlock(&a);
    pthread_mutex_unlock(&b);
    return NULL;
}

int main(void) {
    pthread_mutex_init(&a, NULL);
    pthread_mutex_init(&b, NULL);
    pthread_t t;
    pthread_create(&t, NULL, a_then_b, NULL);
    pthread_join(t, NULL);
    pthread_mutex_destroy(&a);
    pthread_mutex_init(&a, NULL);
    pthread_create(&t, NULL, b_then_a, NULL);
    pthread_join(t, NULL);
    puts("done");
    return 0;
}
