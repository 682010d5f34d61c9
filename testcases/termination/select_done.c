// Trap: the worker loops forever over a select, but one of the select's
// cases is the done channel, and closing it ends the loop (the fixed
// doWork of the talk, with a real data channel).
// coffman-runtime: expect=clean args=10
#include "channel.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct pipeline {
    channel *jobs;
    channel *done;
};

static void *stage(void *arg) {
    struct pipeline *p = arg;
    for (;;) {
        void *job = NULL;
        bool ok;
        chan_case cases[] = {{p->jobs, false, NULL}, {p->done, false, NULL}};
        switch (chan_select(cases, 2, -1, &job, &ok)) {
        case 0:
            if (ok)
                printf("job %ld\n", (long)job);
            break;
        default:
            return NULL;
        }
    }
}

int main(int argc, char **argv) {
    unsigned ms = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 10;
    struct pipeline p = {chan_make(4), chan_make(0)};
    pthread_t t;
    if (pthread_create(&t, NULL, stage, &p) != 0)
        return 1;
    for (long i = 1; i <= 3; i++)
        chan_send(p.jobs, (void *)i);
    sleep_ms(ms);
    chan_close(p.done);
    pthread_join(t, NULL);
    chan_free(p.jobs);
    chan_free(p.done);
    return 0;
}
