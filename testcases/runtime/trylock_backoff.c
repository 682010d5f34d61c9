// False-positive rule: one thread takes a then b; the other takes b and
// then only *tries* a, backing off (releasing b) when it is busy.  A
// trylock never waits, so no cycle of waits can form.  Silent.
// coffman-runtime: expect=clean
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static long moved;

static void *a_then_b(void *arg) {
    (void)arg;
    for (int i = 0; i < 2000; i++) {
        pthread_mutex_lock(&a);
        pthread_mutex_lock(&b);
        moved++;
        pthread_mutex_unlock(&b);
        pthread_mutex_unlock(&a);
    }
    return NULL;
}

static void *b_then_try_a(void *arg) {
    (void)arg;
    for (int done = 0; done < 2000;) {
        pthread_mutex_lock(&b);
        if (pthread_mutex_trylock(&a) == 0) {
            moved--;
            done++;
            pthread_mutex_unlock(&a);
        }
        pthread_mutex_unlock(&b);
        sched_yield();
    }
    return NULL;
}

int main(void) {
    pthread_t t1, t2;
    pthread_create(&t1, NULL, a_then_b, NULL);
    pthread_create(&t2, NULL, b_then_try_a, NULL);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("moved %ld\n", moved);
    return 0;
}
