/* The seed's dowork_nil with the nil channel in a global: `results` is
 * declared and never made, so the worker's receive parks forever, exactly
 * like Go's receive from `var results chan string`.  main sleeps, prints
 * Done. and exits with the worker still blocked (a leaked thread).
 *
 * Reported at the receive, with a note at the declaration of `results`.
 *
 * usage: nil_global_channel [sleep_ms]
 *
 * coffman-runtime: expect=thread-leak args=100
 */
#include "channel.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static channel *results; /* never chan_make'd */

static void *printer(void *arg)
{
    (void)arg;
    void *s;
    while (chan_recv(results, &s)) // coffman-expect: never-signaled-wait
        puts(s);
    return NULL;
}

int main(int argc, char **argv)
{
    unsigned ms = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 5000;
    pthread_t t;
    pthread_create(&t, NULL, printer, NULL);
    pthread_detach(t);
    sleep_ms(ms);
    puts("Done.");
    return 0;
}
