/* A semaphore that no code sem_inits.  POSIX leaves every operation on it
 * undefined; glibc happens to treat the zero-filled global as a private
 * semaphore of value 0, so this run works, and the next libc or a
 * process-shared use may not.  (A zero-filled global pthread_cond_t, by
 * contrast, is PTHREAD_COND_INITIALIZER and is fine.)
 *
 * coffman-runtime: expect=clean
 */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

static sem_t ready; /* sem_init(&ready, 0, 0) is missing */
static int value;

static void *consumer(void *arg)
{
    (void)arg;
    sem_wait(&ready); // coffman-expect: never-signaled-wait
    printf("got %d\n", value);
    return NULL;
}

int main(void)
{
    pthread_t t;
    if (pthread_create(&t, NULL, consumer, NULL) != 0)
        return 1;
    value = 42;
    sem_post(&ready);
    pthread_join(t, NULL);
    return 0;
}
