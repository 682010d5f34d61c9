/* Three threads, three locks, each pair taken in a consistent order by its
 * own thread -- fork_a then fork_b, fork_b then fork_c, fork_c then fork_a --
 * so no two threads disagree, yet the three together can deadlock (the
 * dining philosophers with three seats).
 *
 * usage: three_lock_cycle [stagger_ms]
 *
 * coffman-runtime: expect=lock-order-inversion args=30
 */
#define _DEFAULT_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

static pthread_mutex_t fork_a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t fork_b = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t fork_c = PTHREAD_MUTEX_INITIALIZER;
static int meals;
static unsigned stagger_ms = 100;

static void *philosopher_1(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&fork_a);
    pthread_mutex_lock(&fork_b);
    meals++;
    pthread_mutex_unlock(&fork_b);
    pthread_mutex_unlock(&fork_a);
    return NULL;
}

static void *philosopher_2(void *arg)
{
    (void)arg;
    usleep(stagger_ms * 1000u);
    pthread_mutex_lock(&fork_b);
    pthread_mutex_lock(&fork_c);
    meals++;
    pthread_mutex_unlock(&fork_c);
    pthread_mutex_unlock(&fork_b);
    return NULL;
}

static void *philosopher_3(void *arg)
{
    (void)arg;
    usleep(2 * stagger_ms * 1000u);
    pthread_mutex_lock(&fork_c);
    pthread_mutex_lock(&fork_a); // coffman-expect: lock-order-inversion
    meals++;
    pthread_mutex_unlock(&fork_a);
    pthread_mutex_unlock(&fork_c);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        stagger_ms = (unsigned)strtoul(argv[1], NULL, 10);
    pthread_t t[3];
    pthread_create(&t[0], NULL, philosopher_1, NULL);
    pthread_create(&t[1], NULL, philosopher_2, NULL);
    pthread_create(&t[2], NULL, philosopher_3, NULL);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    return meals == 3 ? 0 : 1;
}
