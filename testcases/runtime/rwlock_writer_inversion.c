// Two threads take two rwlocks in opposite orders, one of them writing:
// a writer waits for readers, so this can deadlock.  The threads are alive
// together but take turns (a semaphore), so the run does not hang.
// coffman-runtime: expect=lock-order-inversion
#define _GNU_SOURCE
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

static pthread_rwlock_t index_lock = PTHREAD_RWLOCK_INITIALIZER;
static pthread_rwlock_t data_lock = PTHREAD_RWLOCK_INITIALIZER;
static sem_t reader_done, writer_done;

static void *reader(void *arg) {
    (void)arg;
    pthread_rwlock_rdlock(&index_lock);
    pthread_rwlock_rdlock(&data_lock);
    pthread_rwlock_unlock(&data_lock);
    pthread_rwlock_unlock(&index_lock);
    sem_post(&reader_done);
    sem_wait(&writer_done);
    return NULL;
}

static void *writer(void *arg) {
    (void)arg;
    sem_wait(&reader_done);
    pthread_rwlock_wrlock(&data_lock);
    pthread_rwlock_wrlock(&index_lock); // coffman-expect: lock-order-inversion
    pthread_rwlock_unlock(&index_lock);
    pthread_rwlock_unlock(&data_lock);
    sem_post(&writer_done);
    return NULL;
}

int main(void) {
    sem_init(&reader_done, 0, 0);
    sem_init(&writer_done, 0, 0);
    pthread_t t1, t2;
    pthread_create(&t1, NULL, reader, NULL);
    pthread_create(&t2, NULL, writer, NULL);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    puts("done");
    return 0;
}
