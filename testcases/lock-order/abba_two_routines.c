/* ABBA between two thread routines: one takes `accounts` then `audit`, the
 * other `audit` then `accounts`.  The second thread starts its work after a
 * delay so a normal run finishes, but any interleaving where both hold
 * their first lock deadlocks.
 *
 * usage: abba_two_routines [stagger_ms]
 *
 * coffman-runtime: expect=lock-order-inversion args=50
 */
#define _DEFAULT_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

static pthread_mutex_t accounts = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t audit = PTHREAD_MUTEX_INITIALIZER;
static int balance, entries;
static unsigned stagger_ms = 100;

static void *deposit(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&accounts);
    balance += 10;
    pthread_mutex_lock(&audit);
    entries++;
    pthread_mutex_unlock(&audit);
    pthread_mutex_unlock(&accounts);
    return NULL;
}

static void *reconcile(void *arg)
{
    (void)arg;
    usleep(stagger_ms * 1000u);
    pthread_mutex_lock(&audit);
    entries++;
    pthread_mutex_lock(&accounts); // coffman-expect: lock-order-inversion
    balance -= 1;
    pthread_mutex_unlock(&accounts);
    pthread_mutex_unlock(&audit);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        stagger_ms = (unsigned)strtoul(argv[1], NULL, 10);
    pthread_t t1, t2;
    pthread_create(&t1, NULL, deposit, NULL);
    pthread_create(&t2, NULL, reconcile, NULL);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return balance == 9 && entries == 2 ? 0 : 1;
}
