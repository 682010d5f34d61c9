/* Locks inside heap objects: the accounts come from malloc, so they have no
 * global name.  The transfers still name two distinct objects (the ones
 * main allocated into `checking` and `savings`) taken in both orders.
 *
 * usage: heap_accounts [stagger_ms]
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

struct transfer {
    struct account *from, *to;
    unsigned delay_ms;
};

static struct account *account_new(long balance)
{
    struct account *a = malloc(sizeof *a);
    pthread_mutex_init(&a->mu, NULL);
    a->balance = balance;
    return a;
}

static void *move_money(void *arg)
{
    struct transfer *t = arg;
    usleep(t->delay_ms * 1000u);
    pthread_mutex_lock(&t->from->mu);
    pthread_mutex_lock(&t->to->mu); // coffman-expect: lock-order-inversion
    t->from->balance -= 1;
    t->to->balance += 1;
    pthread_mutex_unlock(&t->to->mu);
    pthread_mutex_unlock(&t->from->mu);
    return NULL;
}

int main(int argc, char **argv)
{
    unsigned stagger = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 100;
    struct account *checking = account_new(10);
    struct account *savings = account_new(20);
    struct transfer out = {checking, savings, 0};
    struct transfer back = {savings, checking, stagger};
    pthread_t t1, t2;
    pthread_create(&t1, NULL, move_money, &out);
    pthread_create(&t2, NULL, move_money, &back);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    int ok = checking->balance == 10 && savings->balance == 20;
    free(checking);
    free(savings);
    return ok ? 0 : 1;
}
