// Upgrading a read lock by taking the write lock while the read lock is
// still held: the writer waits for all readers, itself included.
// coffman-runtime: expect=self-deadlock hangs=yes
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static pthread_rwlock_t names_lock = PTHREAD_RWLOCK_INITIALIZER;
static char names[4][16];
static int n_names;

static void intern(const char *s) {
    pthread_rwlock_rdlock(&names_lock);
    for (int i = 0; i < n_names; i++)
        if (strcmp(names[i], s) == 0) {
            pthread_rwlock_unlock(&names_lock);
            return;
        }
    pthread_rwlock_wrlock(&names_lock); // coffman-expect: self-deadlock
    if (n_names < 4)
        snprintf(names[n_names++], sizeof names[0], "%s", s);
    pthread_rwlock_unlock(&names_lock);
    pthread_rwlock_unlock(&names_lock);
}

static void *interner(void *arg) {
    intern(arg);
    return NULL;
}

int main(void) {
    pthread_t t;
    if (pthread_create(&t, NULL, interner, "alpha") != 0)
        return 1;
    pthread_join(t, NULL);
    printf("%d names\n", n_names);
    return 0;
}
