/* Lock wrappers found from their bodies: account_lock() returns holding the
 * account's mutex and account_unlock() releases it.  transfer() takes the
 * source account first, so two transfers in opposite directions form an
 * ABBA on the two accounts -- visible only by seeing through the wrappers
 * and instantiating their parameter at each call.
 *
 * usage: wrappers_plain [stagger_ms]
 *
 * coffman-runtime: expect=lock-order-inversion args=50
 */
#define _DEFAULT_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

struct account {
    pthread_mutex_t mu;
    long balance;
};

struct transfer_args {
    struct account *from, *to;
    long amount;
    unsigned delay_ms;
};

static void account_lock(struct account *a)
{
    pthread_mutex_lock(&a->mu);
}

static void account_unlock(struct account *a)
{
    pthread_mutex_unlock(&a->mu);
}

static void transfer(struct account *from, struct account *to, long amount)
{
    account_lock(from);
    account_lock(to); // coffman-expect: lock-order-inversion
    from->balance -= amount;
    to->balance += amount;
    account_unlock(to);
    account_unlock(from);
}

static void *teller(void *arg)
{
    struct transfer_args *t = arg;
    usleep(t->delay_ms * 1000u);
    transfer(t->from, t->to, t->amount);
    return NULL;
}

int main(int argc, char **argv)
{
    unsigned stagger = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 100;
    struct account alice = {PTHREAD_MUTEX_INITIALIZER, 100};
    struct account bob = {PTHREAD_MUTEX_INITIALIZER, 100};
    struct transfer_args pay = {&alice, &bob, 10, 0};
    struct transfer_args refund = {&bob, &alice, 5, stagger};
    pthread_t t1, t2;
    pthread_create(&t1, NULL, teller, &pay);
    pthread_create(&t2, NULL, teller, &refund);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return alice.balance == 95 ? 0 : 1;
}
