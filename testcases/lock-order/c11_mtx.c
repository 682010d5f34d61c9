/* The ABBA with C11 threads: mtx_t locks, thrd_create and thrd_join.
 *
 * usage: c11_mtx [stagger_ms]
 *
 * coffman-runtime: expect=lock-order-inversion args=50
 */
#include <stdlib.h>
#include <threads.h>
#include <time.h>

static mtx_t log_mu, index_mu;
static int logged, indexed;
static unsigned stagger_ms = 100;

static int append_log(void *arg)
{
    (void)arg;
    mtx_lock(&log_mu);
    logged++;
    mtx_lock(&index_mu);
    indexed++;
    mtx_unlock(&index_mu);
    mtx_unlock(&log_mu);
    return 0;
}

static int rebuild_index(void *arg)
{
    (void)arg;
    struct timespec pause = {0, (long)stagger_ms * 1000000L};
    thrd_sleep(&pause, NULL);
    mtx_lock(&index_mu);
    indexed = 0;
    mtx_lock(&log_mu); // coffman-expect: lock-order-inversion
    indexed = logged;
    mtx_unlock(&log_mu);
    mtx_unlock(&index_mu);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        stagger_ms = (unsigned)strtoul(argv[1], NULL, 10);
    mtx_init(&log_mu, mtx_plain);
    mtx_init(&index_mu, mtx_plain);
    thrd_t t1, t2;
    thrd_create(&t1, append_log, NULL);
    thrd_create(&t2, rebuild_index, NULL);
    thrd_join(t1, NULL);
    thrd_join(t2, NULL);
    mtx_destroy(&log_mu);
    mtx_destroy(&index_mu);
    return indexed == 1 ? 0 : 1;
}
