// Fixed twin of cond_never_signaled.c: main signals after posting the job.
// coffman-runtime: expect=clean
#define _GNU_SOURCE
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>

static pthread_mutex_t job_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t job_ready = PTHREAD_COND_INITIALIZER;
static bool have_job;

static void *worker(void *arg) {
    (void)arg;
    pthread_mutex_lock(&job_mu);
    while (!have_job)
        pthread_cond_wait(&job_ready, &job_mu);
    have_job = false;
    pthread_mutex_unlock(&job_mu);
    puts("got a job");
    return NULL;
}

int main(void) {
    pthread_t t;
    if (pthread_create(&t, NULL, worker, NULL) != 0)
        return 1;
    pthread_mutex_lock(&job_mu);
    have_job = true;
    pthread_cond_signal(&job_ready);
    pthread_mutex_unlock(&job_mu);
    pthread_join(t, NULL);
    return 0;
}
