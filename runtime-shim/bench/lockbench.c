/* Lock micro-benchmarks for scripts/bench-shim (issue 3's modes):
 *   a  one thread, one mutex: lock/unlock
 *   b  two threads, each nesting four private mutexes in a fixed order
 *   c  two threads contending one mutex
 *   d  100,000 distinct inner mutexes, each locked once under one outer
 *      lock: the first round (every pair new) and the steady state
 *   e  create and join 20,000 short threads
 * usage: lockbench MODE [SCALE]   prints "key=value" lines (ns per op). */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static long scale = 1;
static volatile long sink;

static void mode_a(void)
{
    pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
    long n = 20000000 * scale;
    double t0 = now_ns();
    for (long i = 0; i < n; i++) {
        pthread_mutex_lock(&m);
        sink++;
        pthread_mutex_unlock(&m);
    }
    printf("ns_per_op=%.2f\n", (now_ns() - t0) / n);
}

static void *nest4(void *arg)
{
    (void)arg;
    pthread_mutex_t m[4];
    for (int i = 0; i < 4; i++)
        pthread_mutex_init(&m[i], NULL);
    long n = 2500000 * scale;
    for (long i = 0; i < n; i++) {
        for (int k = 0; k < 4; k++)
            pthread_mutex_lock(&m[k]);
        sink++;
        for (int k = 3; k >= 0; k--)
            pthread_mutex_unlock(&m[k]);
    }
    return NULL;
}

static pthread_mutex_t shared = PTHREAD_MUTEX_INITIALIZER;

static void *contend(void *arg)
{
    (void)arg;
    long n = 2000000 * scale;
    for (long i = 0; i < n; i++) {
        pthread_mutex_lock(&shared);
        sink++;
        pthread_mutex_unlock(&shared);
    }
    return NULL;
}

static void two_threads(void *(*fn)(void *), long ops)
{
    pthread_t t[2];
    double t0 = now_ns();
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, fn, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    printf("ns_per_op=%.2f\n", (now_ns() - t0) / ops);
}

static void mode_d(void)
{
    enum { N = 100000 };
    pthread_mutex_t outer = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_t *inner = calloc(N, sizeof *inner);   /* zeroed = default mutexes */
    int rounds = 20 * (int)scale;
    double first = 0, steady = 0;
    for (int r = 0; r < rounds; r++) {
        double t0 = now_ns();
        pthread_mutex_lock(&outer);
        for (int i = 0; i < N; i++) {
            pthread_mutex_lock(&inner[i]);
            pthread_mutex_unlock(&inner[i]);
        }
        pthread_mutex_unlock(&outer);
        double dt = now_ns() - t0;
        if (r == 0)
            first = dt;
        else
            steady += dt;
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("first_ns_per_pair=%.2f\nns_per_op=%.2f\nmaxrss_kb=%ld\n", first / N, steady / ((rounds - 1.0) * N),
           ru.ru_maxrss);
    free(inner);
}

static void *nothing(void *arg)
{
    return arg;
}

static void mode_e(void)
{
    long n = 20000 * scale;
    double t0 = now_ns();
    for (long i = 0; i < n; i++) {
        pthread_t t;
        pthread_create(&t, NULL, nothing, NULL);
        pthread_join(t, NULL);
    }
    printf("ns_per_op=%.2f\n", (now_ns() - t0) / n);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: lockbench a|b|c|d|e [scale]\n");
        return 2;
    }
    if (argc > 2)
        scale = strtol(argv[2], NULL, 10);
    switch (argv[1][0]) {
    case 'a': mode_a(); break;
    case 'b': two_threads(nest4, 2 * 2500000 * scale * 4); break;
    case 'c': two_threads(contend, 2 * 2000000 * scale); break;
    case 'd': mode_d(); break;
    case 'e': mode_e(); break;
    default: fprintf(stderr, "unknown mode %s\n", argv[1]); return 2;
    }
    return 0;
}
