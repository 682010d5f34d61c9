/* Go's "this code is NOOP": ten goroutines print Hello, but main returns
 * without waiting, so the threads are leaked (and most never print).
 *
 * coffman-runtime: expect=thread-leak
 */
#include <pthread.h>
#include <stdio.h>

static void *say_hello(void *arg)
{
    (void)arg;
    puts("Hello");
    return NULL;
}

int main(void)
{
    for (int i = 0; i < 10; i++) {
        pthread_t t;
        pthread_create(&t, NULL, say_hello, NULL); // coffman-expect: thread-leak
    }
    return 0;
}
