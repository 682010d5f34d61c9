/* A real ABBA that its authors decided to live with (say, the orders are
 * separated by a protocol the analysis cannot see), suppressed at the
 * reported line with NOLINT: coffman-check must stay silent.  The runtime
 * shim has no source comments to read and still sees the inversion.
 *
 * usage: nolint_suppressed [stagger_ms]
 *
 * coffman-runtime: expect=lock-order-inversion args=50
 */
#define _DEFAULT_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

static pthread_mutex_t first = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t second = PTHREAD_MUTEX_INITIALIZER;
static int n;
static unsigned stagger_ms = 100;

static void *forward(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&first);
    pthread_mutex_lock(&second);
    n++;
    pthread_mutex_unlock(&second);
    pthread_mutex_unlock(&first);
    return NULL;
}

static void *backward(void *arg)
{
    (void)arg;
    usleep(stagger_ms * 1000u);
    pthread_mutex_lock(&second);
    // NOLINTNEXTLINE(coffman-lock-order-inversion): ordered by the protocol
    pthread_mutex_lock(&first);
    n++;
    pthread_mutex_unlock(&first);
    pthread_mutex_unlock(&second);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        stagger_ms = (unsigned)strtoul(argv[1], NULL, 10);
    pthread_t t1, t2;
    pthread_create(&t1, NULL, forward, NULL);
    pthread_create(&t2, NULL, backward, NULL);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return n == 2 ? 0 : 1;
}
