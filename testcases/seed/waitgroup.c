/* The fix for noop_loop.c, Go's sync.WaitGroup: every thread is joined
 * before main returns, so all ten print Hello.
 *
 * coffman-runtime: expect=clean
 */
#include <pthread.h>
#include <stdio.h>

enum { WORKERS = 10 };

static void *say_hello(void *arg)
{
    (void)arg;
    puts("Hello");
    return NULL;
}

int main(void)
{
    pthread_t wg[WORKERS];
    for (int i = 0; i < WORKERS; i++)
        pthread_create(&wg[i], NULL, say_hello, NULL);
    for (int i = 0; i < WORKERS; i++)
        pthread_join(wg[i], NULL);
    return 0;
}
