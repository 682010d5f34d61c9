/* One routine, started twice: it picks the lock order from its argument
 * (a direction flag), so two instances of the same function can hold the
 * locks in opposite orders.  A cycle inside one routine is a finding only
 * because that routine runs more than once at a time.
 *
 * usage: routine_twice [stagger_ms]
 *
 * coffman-runtime: expect=lock-order-inversion args=50
 */
#define _DEFAULT_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

static pthread_mutex_t north = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t south = PTHREAD_MUTEX_INITIALIZER;
static int crossings;
static unsigned stagger_ms = 100;

struct trip {
    int northbound;
    unsigned delay_ms;
};

static void *cross(void *arg)
{
    struct trip *t = arg;
    usleep(t->delay_ms * 1000u);
    if (t->northbound) {
        pthread_mutex_lock(&south);
        pthread_mutex_lock(&north);
    } else {
        pthread_mutex_lock(&north);
        pthread_mutex_lock(&south); // coffman-expect: lock-order-inversion
    }
    crossings++;
    pthread_mutex_unlock(&south);
    pthread_mutex_unlock(&north);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        stagger_ms = (unsigned)strtoul(argv[1], NULL, 10);
    struct trip trips[2] = {{1, 0}, {0, stagger_ms}};
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, cross, &trips[i]);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return crossings == 2 ? 0 : 1;
}
