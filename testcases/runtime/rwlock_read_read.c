// False-positive rule: two threads take read locks of two rwlocks in
// opposite orders and nobody ever writes.  Readers do not block readers,
// so the cycle cannot close.  Silent.
// coffman-runtime: expect=clean
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>

static pthread_rwlock_t names = PTHREAD_RWLOCK_INITIALIZER;
static pthread_rwlock_t sizes = PTHREAD_RWLOCK_INITIALIZER;

static void *names_then_sizes(void *arg) {
    (void)arg;
    pthread_rwlock_rdlock(&names);
    pthread_rwlock_rdlock(&sizes);
    pthread_rwlock_unlock(&sizes);
    pthread_rwlock_unlock(&names);
    return NULL;
}

static void *sizes_then_names(void *arg) {
    (void)arg;
    pthread_rwlock_rdlock(&sizes);
    pthread_rwlock_rdlock(&names);
    pthread_rwlock_unlock(&names);
    pthread_rwlock_unlock(&sizes);
    return NULL;
}

int main(void) {
    pthread_t t1, t2;
    pthread_create(&t1, NULL, names_then_sizes, NULL);
    pthread_join(t1, NULL);
    pthread_create(&t2, NULL, sizes_then_names, NULL);
    pthread_join(t2, NULL);
    puts("done");
    return 0;
}
