/* Two locks of one class taken in an order that only run-time values
 * decide: `transfer(from, to)` locks `from` then `to`, and nothing makes
 * every caller pass them in one order.  transfer(x, y) in one thread and
 * transfer(y, x) in another deadlock.  The lock-order check cannot report
 * this (it cannot tell two accounts of the table apart); this rule reports
 * the nesting itself.  Also: a lock of the same class taken inside a callee
 * (`deposit`), and two elements of one lock array (C11 `mtx_t`).
 *
 * This run's jobs happen to go one way, so it exits 0 and the shim sees one
 * order only.
 *
 * coffman-runtime: expect=clean
 */
#include <pthread.h>
#include <stdio.h>
#include <threads.h>

struct account {
    mtx_t mu;
    long balance;
};

static struct account accounts[3];

static void transfer(struct account *from, struct account *to, long amount)
{
    mtx_lock(&from->mu);
    mtx_lock(&to->mu); // coffman-expect: blocking-while-locked
    from->balance -= amount;
    to->balance += amount;
    mtx_unlock(&to->mu);
    mtx_unlock(&from->mu);
}

static void deposit(struct account *a, long amount)
{
    mtx_lock(&a->mu);
    a->balance += amount;
    mtx_unlock(&a->mu);
}

/* Pays `fee` into `bank` while still holding the customer's lock. */
static void charge(struct account *customer, struct account *bank, long fee)
{
    mtx_lock(&customer->mu);
    customer->balance -= fee;
    deposit(bank, fee); // coffman-expect: blocking-while-locked
    mtx_unlock(&customer->mu);
}

static mtx_t slot_locks[4];
static int slots[4];

static void swap_slots(int i, int j)
{
    mtx_lock(&slot_locks[i]);
    mtx_lock(&slot_locks[j]); // coffman-expect: blocking-while-locked
    int t = slots[i];
    slots[i] = slots[j];
    slots[j] = t;
    mtx_unlock(&slot_locks[j]);
    mtx_unlock(&slot_locks[i]);
}

struct job {
    int from, to;
};

static void *teller(void *arg)
{
    const struct job *j = arg;
    transfer(&accounts[j->from], &accounts[j->to], 10);
    charge(&accounts[j->from], &accounts[j->to], 1);
    swap_slots(j->from, j->to);
    return NULL;
}

int main(void)
{
    for (int i = 0; i < 3; i++) {
        mtx_init(&accounts[i].mu, mtx_plain);
        accounts[i].balance = 100;
    }
    for (int i = 0; i < 4; i++)
        mtx_init(&slot_locks[i], mtx_plain);
    static const struct job jobs[2] = {{0, 1}, {1, 2}};
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, teller, (void *)&jobs[i]);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    long total = accounts[0].balance + accounts[1].balance + accounts[2].balance;
    printf("total %ld\n", total);
    return total == 300 ? 0 : 1;
}
