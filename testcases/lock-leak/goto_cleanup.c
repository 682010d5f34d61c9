// Trap: every error path jumps to one cleanup label that unlocks.
// coffman-runtime: expect=clean args=3
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_mutex_t cache_mu = PTHREAD_MUTEX_INITIALIZER;
static char *cache[8];

static int cache_store(int slot, const char *s) {
    int rc = -1;
    char *copy = NULL;
    pthread_mutex_lock(&cache_mu);
    if (slot < 0 || slot >= 8)
        goto out;
    copy = strdup(s);
    if (!copy)
        goto out;
    free(cache[slot]);
    cache[slot] = copy;
    rc = 0;
out:
    pthread_mutex_unlock(&cache_mu);
    return rc;
}

static void *storer(void *arg) {
    int slot = *(int *)arg;
    printf("store %d: %d\n", slot, cache_store(slot, "v"));
    printf("store 99: %d\n", cache_store(99, "v"));
    return NULL;
}

int main(int argc, char **argv) {
    int slot = argc > 1 ? atoi(argv[1]) : 3;
    pthread_t t;
    if (pthread_create(&t, NULL, storer, &slot) != 0)
        return 1;
    pthread_join(t, NULL);
    for (int i = 0; i < 8; i++)
        free(cache[i]);
    return 0;
}
