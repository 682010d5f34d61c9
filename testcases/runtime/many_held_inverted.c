// A thread holds 100 locks, the first and the last among them; a later
// thread takes the last one, then the first.  The inversion sits behind
// 98 other held locks, past any fixed 64-entry limit.  Both threads are
// alive together, but a semaphore makes them take turns, so the run does
// not hang; the order can deadlock.
// coffman-runtime: expect=lock-order-inversion static=skip why=locks-taken-and-released-in-loops-over-an-array
#define _GNU_SOURCE
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

enum { N = 100 };
static pthread_mutex_t locks[N];
static sem_t first_done, second_done;

static void *forward(void *arg) {
    (void)arg;
    for (int i = 0; i < N; i++)
        pthread_mutex_lock(&locks[i]);
    for (int i = N - 1; i >= 0; i--)
        pthread_mutex_unlock(&locks[i]);
    sem_post(&first_done);
    sem_wait(&second_done);
    return NULL;
}

static void *last_first(void *arg) {
    (void)arg;
    sem_wait(&first_done);
    pthread_mutex_lock(&locks[N - 1]);
    pthread_mutex_lock(&locks[0]);
    pthread_mutex_unlock(&locks[0]);
    pthread_mutex_unlock(&locks[N - 1]);
    sem_post(&second_done);
    return NULL;
}

int main(void) {
    for (int i = 0; i < N; i++)
        pthread_mutex_init(&locks[i], NULL);
    sem_init(&first_done, 0, 0);
    sem_init(&second_done, 0, 0);
    pthread_t t1, t2;
    pthread_create(&t1, NULL, forward, NULL);
    pthread_create(&t2, NULL, last_first, NULL);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    puts("done");
    return 0;
}
