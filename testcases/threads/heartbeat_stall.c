// A worker promises a heartbeat every 4 pulses, beats a few times, then
// waits for a job that main posts only much later: its heart stops while
// it sits in pthread_cond_wait.  Natively main posts the job after run_ms
// and everything ends cleanly; under coffman the watchdog reports the
// silent worker, with the condition variable it waits on, long before.
// coffman-runtime: expect=hang args=20,1500
#include "channel.h"
#include <coffman/heartbeat.h>

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t job_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t job_ready = PTHREAD_COND_INITIALIZER;
static bool have_job;

static void *worker(void *arg) {
    unsigned pulse_ms = *(unsigned *)arg;
    coffman_heartbeat_expect(4 * pulse_ms);
    for (int i = 0; i < 5; i++) {
        sleep_ms(pulse_ms);
        coffman_heartbeat();
    }
    pthread_mutex_lock(&job_mu);
    while (!have_job)
        pthread_cond_wait(&job_ready, &job_mu);   /* no beats while waiting */
    pthread_mutex_unlock(&job_mu);
    coffman_heartbeat_expect(0);
    return NULL;
}

int main(int argc, char **argv) {
    static unsigned pulse_ms;
    pulse_ms = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 20;
    unsigned run_ms = argc > 2 ? (unsigned)strtoul(argv[2], NULL, 10) : 3000;
    pthread_t t;
    if (pthread_create(&t, NULL, worker, &pulse_ms) != 0)
        return 1;
    sleep_ms(run_ms);
    pthread_mutex_lock(&job_mu);
    have_job = true;
    pthread_cond_signal(&job_ready);
    pthread_mutex_unlock(&job_mu);
    pthread_join(t, NULL);
    puts("worker done");
    return 0;
}
