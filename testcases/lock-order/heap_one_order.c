/* Heap objects of one type locked two at a time, always in one order: every
 * transfer goes from `checking` to `savings`.  Both locks are "struct
 * account.mu" to a type-based analysis; only the objects tell that there is
 * no second order.
 *
 * coffman-runtime: expect=clean
 */
#include <pthread.h>
#include <stdlib.h>

struct account {
    pthread_mutex_t mu;
    long balance;
};

struct transfer {
    struct account *from, *to;
};

static void *move_money(void *arg)
{
    struct transfer *t = arg;
    pthread_mutex_lock(&t->from->mu);
    pthread_mutex_lock(&t->to->mu);
    t->from->balance -= 1;
    t->to->balance += 1;
    pthread_mutex_unlock(&t->to->mu);
    pthread_mutex_unlock(&t->from->mu);
    return NULL;
}

int main(void)
{
    struct account *checking = calloc(1, sizeof *checking);
    struct account *savings = calloc(1, sizeof *savings);
    pthread_mutex_init(&checking->mu, NULL);
    pthread_mutex_init(&savings->mu, NULL);
    struct transfer a = {checking, savings}, b = {checking, savings};
    pthread_t t1, t2;
    pthread_create(&t1, NULL, move_money, &a);
    pthread_create(&t2, NULL, move_money, &b);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    int ok = savings->balance == 2;
    free(checking);
    free(savings);
    return ok ? 0 : 1;
}
