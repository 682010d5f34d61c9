// Robustness: a million distinct mutexes, each locked once under one outer
// lock, with the shim's table bounded to 200,000 locks: it says so once
// and keeps running, and the process's peak memory stays bounded (the
// program checks its own VmHWM).
// coffman-runtime: expect=clean args=1000000 options=max_locks=200000
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long peak_kb(void) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "VmHWM: %ld", &kb) == 1)
            break;
    if (f)
        fclose(f);
    return kb;
}

static void *sweep(void *arg) {
    long n = *(long *)arg;
    static pthread_mutex_t outer = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_t *m = calloc((size_t)n, sizeof *m);
    if (!m)
        return (void *)1;
    for (int round = 0; round < 2; round++) {
        pthread_mutex_lock(&outer);
        for (long i = 0; i < n; i++) {
            pthread_mutex_lock(&m[i]);
            pthread_mutex_unlock(&m[i]);
        }
        pthread_mutex_unlock(&outer);
    }
    free(m);
    return NULL;
}

int main(int argc, char **argv) {
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 1000000;
    pthread_t t;
    void *ret = NULL;
    pthread_create(&t, NULL, sweep, &n);
    pthread_join(t, &ret);
    long kb = peak_kb();
    printf("peak %ld KiB\n", kb);
    /* 40 MB of mutexes natively; the shim may add its bounded tables. */
    return ret == NULL && kb > 0 && kb < 400 * 1024 ? 0 : 1;
}
