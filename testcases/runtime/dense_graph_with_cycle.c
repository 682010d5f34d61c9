// Robustness: 200 locks nested in one order by two threads make a dense
// lock-order graph (about 20,000 edges), and one pair is also taken the
// other way round, so the graph has a cycle and every later recheck must
// search it.  The searches are bounded: the run stays fast, and the one
// inversion is reported.  The threads take turns (a semaphore), so the run
// does not hang.
// coffman-runtime: expect=lock-order-inversion static=skip why=locks-taken-and-released-in-loops-over-an-array
#define _GNU_SOURCE
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

enum { N = 200 };
static pthread_mutex_t locks[N];
static sem_t turn[2];

static void take_all(void) {
    for (int i = 0; i < N; i++)
        pthread_mutex_lock(&locks[i]);
    for (int i = N - 1; i >= 0; i--)
        pthread_mutex_unlock(&locks[i]);
}

static void *worker(void *arg) {
    int me = *(int *)arg;
    for (int round = 0; round < 5; round++) {
        sem_wait(&turn[me]);
        take_all();
        if (me == 1 && round == 0) {
            pthread_mutex_lock(&locks[N - 1]);
            pthread_mutex_lock(&locks[0]);
            pthread_mutex_unlock(&locks[0]);
            pthread_mutex_unlock(&locks[N - 1]);
        }
        sem_post(&turn[1 - me]);
    }
    return NULL;
}

int main(void) {
    for (int i = 0; i < N; i++)
        pthread_mutex_init(&locks[i], NULL);
    sem_init(&turn[0], 0, 1);
    sem_init(&turn[1], 0, 0);
    pthread_t t[2];
    int ids[2] = {0, 1};
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, &ids[i]);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    puts("done");
    return 0;
}
