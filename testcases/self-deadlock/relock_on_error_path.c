// On the error path, account_fail() is called with the account lock still
// held and locks it again: a non-recursive mutex relocked by its holder.
// coffman-runtime: expect=self-deadlock hangs=yes args=-5
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct account {
    pthread_mutex_t mu;
    long balance;
    int failures;
};

static void account_fail(struct account *a) {
    pthread_mutex_lock(&a->mu);
    a->failures++;
    pthread_mutex_unlock(&a->mu);
}

static int withdraw(struct account *a, long amount) {
    pthread_mutex_lock(&a->mu);
    if (amount <= 0 || amount > a->balance) {
        account_fail(a); // coffman-expect: self-deadlock
        pthread_mutex_unlock(&a->mu);
        return -1;
    }
    a->balance -= amount;
    pthread_mutex_unlock(&a->mu);
    return 0;
}

static struct account acct = {PTHREAD_MUTEX_INITIALIZER, 100, 0};

static void *client(void *arg) {
    long amount = *(long *)arg;
    printf("withdraw %ld: %d\n", amount, withdraw(&acct, amount));
    return NULL;
}

int main(int argc, char **argv) {
    long amount = argc > 1 ? atol(argv[1]) : 10;
    pthread_t t;
    if (pthread_create(&t, NULL, client, &amount) != 0)
        return 1;
    pthread_join(t, NULL);
    return 0;
}
