// Trap: lock_table() returns holding the lock on every path, by design,
// and unlock_table() releases it; the caller pairs them.  Not a leak.
// coffman-runtime: expect=clean
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>

struct table {
    pthread_mutex_t mu;
    int rows;
};

static struct table tbl = {PTHREAD_MUTEX_INITIALIZER, 0};

static struct table *lock_table(void) {
    pthread_mutex_lock(&tbl.mu);
    return &tbl;
}

static void unlock_table(struct table *t) {
    pthread_mutex_unlock(&t->mu);
}

static void *inserter(void *arg) {
    (void)arg;
    struct table *t = lock_table();
    t->rows++;
    unlock_table(t);
    return NULL;
}

int main(void) {
    pthread_t t;
    if (pthread_create(&t, NULL, inserter, NULL) != 0)
        return 1;
    pthread_join(t, NULL);
    printf("rows %d\n", tbl.rows);
    return 0;
}
