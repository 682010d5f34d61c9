// A worker waits for a job that nobody ever posts: no code in the program
// signals or broadcasts `job_ready`, so the wait can never end.
// coffman-runtime: expect=thread-leak args=50
#define _GNU_SOURCE
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static pthread_mutex_t job_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t job_ready = PTHREAD_COND_INITIALIZER;
static bool have_job;

static void *worker(void *arg) {
    (void)arg;
    pthread_mutex_lock(&job_mu);
    while (!have_job)
        pthread_cond_wait(&job_ready, &job_mu); // coffman-expect: never-signaled-wait
    have_job = false;
    pthread_mutex_unlock(&job_mu);
    puts("got a job");
    return NULL;
}

int main(int argc, char **argv) {
    int ms = argc > 1 ? atoi(argv[1]) : 50;
    pthread_t t;
    if (pthread_create(&t, NULL, worker, NULL) != 0)
        return 1;
    pthread_detach(t);
    usleep(ms * 1000); /* let the worker reach its wait */
    pthread_mutex_lock(&job_mu);
    have_job = true; /* the job is posted, but the worker is never woken */
    pthread_mutex_unlock(&job_mu);
    usleep(ms * 1000);
    return 0;
}
