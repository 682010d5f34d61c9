// Hold and wait: the wait releases `queue_mu`, its own mutex, but
// `config_mu` stays held while the thread sleeps on the condition.
// coffman-runtime: expect=clean args=5
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static pthread_mutex_t config_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t queue_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t queue_cv = PTHREAD_COND_INITIALIZER;
static int queued;
static int config_version = 1;

static void *applier(void *arg) {
    (void)arg;
    pthread_mutex_lock(&config_mu);
    pthread_mutex_lock(&queue_mu);
    while (queued == 0)
        pthread_cond_wait(&queue_cv, &queue_mu); // coffman-expect: blocking-while-locked
    queued--;
    config_version++;
    pthread_mutex_unlock(&queue_mu);
    pthread_mutex_unlock(&config_mu);
    return NULL;
}

int main(int argc, char **argv) {
    int ms = argc > 1 ? atoi(argv[1]) : 5;
    pthread_t t;
    if (pthread_create(&t, NULL, applier, NULL) != 0)
        return 1;
    usleep(ms * 1000);
    pthread_mutex_lock(&queue_mu);
    queued++;
    pthread_cond_signal(&queue_cv);
    pthread_mutex_unlock(&queue_mu);
    pthread_join(t, NULL);
    printf("config %d\n", config_version);
    return 0;
}
