/* Orders that only main uses while it is the only thread are no deadlock:
 * main takes config_mu then table_mu to build the table before it starts
 * any worker, and again after it joined them all; the workers only ever
 * take table_mu then config_mu.
 *
 * coffman-runtime: expect=clean
 */
#include <pthread.h>

static pthread_mutex_t config_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t table_mu = PTHREAD_MUTEX_INITIALIZER;
static int table[4], config = 1;

static void load_table(void)
{
    pthread_mutex_lock(&config_mu);
    pthread_mutex_lock(&table_mu);
    for (int i = 0; i < 4; i++)
        table[i] = config;
    pthread_mutex_unlock(&table_mu);
    pthread_mutex_unlock(&config_mu);
}

static void *worker(void *arg)
{
    int slot = *(int *)arg;
    pthread_mutex_lock(&table_mu);
    pthread_mutex_lock(&config_mu);
    table[slot] += config;
    pthread_mutex_unlock(&config_mu);
    pthread_mutex_unlock(&table_mu);
    return NULL;
}

int main(void)
{
    load_table();
    pthread_t t[4];
    int slots[4];
    for (int i = 0; i < 4; i++) {
        slots[i] = i;
        pthread_create(&t[i], NULL, worker, &slots[i]);
    }
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    load_table();
    return table[0] == 1 ? 0 : 1;
}
