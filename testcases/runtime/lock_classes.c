// Lock classes (lock_identity=class): the two account mutexes are
// initialised at one site, so they form one class.  One thread takes the
// ledger, then account 0; another takes account 1, then the ledger.  By
// address these are different locks (no cycle), but by class the order
// between ledger and accounts is inverted: with other accounts the two
// paths can deadlock.
// coffman-runtime: expect=lock-order-inversion options=lock_identity=class
#define _GNU_SOURCE
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

struct account {
    pthread_mutex_t mu;
    long balance;
};

static pthread_mutex_t ledger;
static struct account acct[2];
static sem_t first_done, second_done;

static void init_account(struct account *a) {
    pthread_mutex_init(&a->mu, NULL);
}

static void *ledger_then_account(void *arg) {
    (void)arg;
    pthread_mutex_lock(&ledger);
    pthread_mutex_lock(&acct[0].mu);
    acct[0].balance++;
    pthread_mutex_unlock(&acct[0].mu);
    pthread_mutex_unlock(&ledger);
    sem_post(&first_done);
    sem_wait(&second_done);
    return NULL;
}

static void *account_then_ledger(void *arg) {
    (void)arg;
    sem_wait(&first_done);
    pthread_mutex_lock(&acct[1].mu);
    pthread_mutex_lock(&ledger); // coffman-expect: lock-order-inversion
    acct[1].balance--;
    pthread_mutex_unlock(&ledger);
    pthread_mutex_unlock(&acct[1].mu);
    sem_post(&second_done);
    return NULL;
}

int main(void) {
    pthread_mutex_init(&ledger, NULL);
    for (int i = 0; i < 2; i++)
        init_account(&acct[i]);
    sem_init(&first_done, 0, 0);
    sem_init(&second_done, 0, 0);
    pthread_t t1, t2;
    pthread_create(&t1, NULL, ledger_then_account, NULL);
    pthread_create(&t2, NULL, account_then_ledger, NULL);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("%ld %ld\n", acct[0].balance, acct[1].balance);
    return 0;
}
