// main joins a reader that waits on a pipe whose write end nobody ever
// writes (main holds it open, so read never sees end of file).  Natively
// the process hangs in silence; under coffman with hang_timeout_s=1 the
// watchdog reports main blocked in pthread_join on the reader and what the
// reader is doing, then exits.
// coffman-runtime: expect=hang hangs=yes options=hang_timeout_s=1
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static int never_written[2];

static void *reader(void *arg) {
    (void)arg;
    char buf[64];
    ssize_t n = read(never_written[0], buf, sizeof buf);
    return (void *)(long)n;
}

int main(void) {
    if (pipe(never_written) != 0)
        return 1;
    pthread_t r;
    if (pthread_create(&r, NULL, reader, NULL) != 0)
        return 1;
    pthread_join(r, NULL);
    puts("the reader returned");
    return 0;
}
