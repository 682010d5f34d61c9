// Trap: three correct ways to re-check the predicate around a wait:
// while, do-while, and for(;;) with a break.  None is unguarded.
// coffman-runtime: expect=clean
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int stage;

static void wait_stage_while(int s) {
    while (stage < s)
        pthread_cond_wait(&cv, &mu);
}

static void wait_stage_do(int s) {
    if (stage >= s)
        return;
    do
        pthread_cond_wait(&cv, &mu);
    while (stage < s);
}

static void wait_stage_for(int s) {
    for (;;) {
        if (stage >= s)
            break;
        pthread_cond_wait(&cv, &mu);
    }
}

static void *follower(void *arg) {
    (void)arg;
    pthread_mutex_lock(&mu);
    wait_stage_while(1);
    wait_stage_do(2);
    wait_stage_for(3);
    pthread_mutex_unlock(&mu);
    puts("follower saw stage 3");
    return NULL;
}

int main(void) {
    pthread_t t;
    if (pthread_create(&t, NULL, follower, NULL) != 0)
        return 1;
    for (int s = 1; s <= 3; s++) {
        pthread_mutex_lock(&mu);
        stage = s;
        pthread_cond_broadcast(&cv);
        pthread_mutex_unlock(&mu);
    }
    pthread_join(t, NULL);
    return 0;
}
