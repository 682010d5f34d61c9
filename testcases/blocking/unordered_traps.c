/* Traps for the "lock in no known order" rule: two locks of one class
 * nested, but in an order the program fixes.  All silent.
 *
 * - ordered by address (`if (a < b)`) and by id (`a->id < b->id`);
 * - hand-over-hand along a list, and parent then child in a tree: links
 *   are walked in the structure's order;
 * - a named gate lock held around the nesting;
 * - the second lock taken with trylock (no wait);
 * - two read locks of one rwlock class;
 * - array elements in index order (`if (i > j)` swap first);
 * - two named locks in one consistent order (the lock-order check's
 *   business: it would report a cycle).
 *
 * coffman-runtime: expect=clean
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>

struct account {
    pthread_mutex_t mu;
    int id;
    long balance;
};

static void lock_pair_by_address(struct account *a, struct account *b)
{
    if (a < b) {
        pthread_mutex_lock(&a->mu);
        pthread_mutex_lock(&b->mu);
    } else {
        pthread_mutex_lock(&b->mu);
        pthread_mutex_lock(&a->mu);
    }
    a->balance--;
    b->balance++;
    pthread_mutex_unlock(&a->mu);
    pthread_mutex_unlock(&b->mu);
}

static void lock_pair_by_id(struct account *a, struct account *b)
{
    struct account *first = a->id < b->id ? a : b;
    struct account *second = first == a ? b : a;
    pthread_mutex_lock(&first->mu);
    pthread_mutex_lock(&second->mu);
    a->balance--;
    b->balance++;
    pthread_mutex_unlock(&second->mu);
    pthread_mutex_unlock(&first->mu);
}

static pthread_mutex_t bank_mu = PTHREAD_MUTEX_INITIALIZER;

static void gated_transfer(struct account *a, struct account *b)
{
    pthread_mutex_lock(&bank_mu);
    pthread_mutex_lock(&a->mu);
    pthread_mutex_lock(&b->mu);
    a->balance--;
    b->balance++;
    pthread_mutex_unlock(&b->mu);
    pthread_mutex_unlock(&a->mu);
    pthread_mutex_unlock(&bank_mu);
}

static int try_transfer(struct account *a, struct account *b)
{
    int done = 0;
    pthread_mutex_lock(&a->mu);
    if (pthread_mutex_trylock(&b->mu) == 0) {
        a->balance--;
        b->balance++;
        pthread_mutex_unlock(&b->mu);
        done = 1;
    }
    pthread_mutex_unlock(&a->mu);
    return done;
}

struct node {
    pthread_mutex_t mu;
    int value;
    struct node *next, *left;
};

static void increment_list(struct node *head)
{
    struct node *cur = head;
    pthread_mutex_lock(&cur->mu);
    while (cur->next) {
        pthread_mutex_lock(&cur->next->mu);
        cur->value++;
        struct node *done = cur;
        cur = cur->next;
        pthread_mutex_unlock(&done->mu);
    }
    cur->value++;
    pthread_mutex_unlock(&cur->mu);
}

static void touch_child(struct node *parent)
{
    pthread_mutex_lock(&parent->mu);
    if (parent->left) {
        pthread_mutex_lock(&parent->left->mu);
        parent->left->value++;
        pthread_mutex_unlock(&parent->left->mu);
    }
    pthread_mutex_unlock(&parent->mu);
}

struct table {
    pthread_rwlock_t rw;
    int rows;
};

static int sum_rows(struct table *x, struct table *y)
{
    pthread_rwlock_rdlock(&x->rw);
    pthread_rwlock_rdlock(&y->rw);
    int n = x->rows + y->rows;
    pthread_rwlock_unlock(&y->rw);
    pthread_rwlock_unlock(&x->rw);
    return n;
}

static pthread_mutex_t stripe[4] = {
    PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
    PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER};

static void lock_two_stripes(int i, int j)
{
    if (i > j) {
        int t = i;
        i = j;
        j = t;
    }
    pthread_mutex_lock(&stripe[i]);
    if (j != i)
        pthread_mutex_lock(&stripe[j]);
    if (j != i)
        pthread_mutex_unlock(&stripe[j]);
    pthread_mutex_unlock(&stripe[i]);
}

static pthread_mutex_t config_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t stats_mu = PTHREAD_MUTEX_INITIALIZER;
static int config, stats;

static struct account accounts[2] = {
    {PTHREAD_MUTEX_INITIALIZER, 1, 100}, {PTHREAD_MUTEX_INITIALIZER, 2, 100}};
/* Accounts only ever nested under bank_mu: were the address-ordered pair
 * above also taken in both orders under the gate, the ungated nesting would
 * meet the gated one (a real inversion, which the shim rightly reports). */
static struct account gated_accounts[2] = {
    {PTHREAD_MUTEX_INITIALIZER, 3, 100}, {PTHREAD_MUTEX_INITIALIZER, 4, 100}};
static struct node leaf = {PTHREAD_MUTEX_INITIALIZER, 0, NULL, NULL};
static struct node root = {PTHREAD_MUTEX_INITIALIZER, 0, &leaf, &leaf};
static struct table tables[2] = {{PTHREAD_RWLOCK_INITIALIZER, 1},
                                 {PTHREAD_RWLOCK_INITIALIZER, 2}};

static void *worker(void *arg)
{
    int k = *(const int *)arg;
    struct account *x = &accounts[k], *y = &accounts[1 - k];
    lock_pair_by_address(x, y);
    lock_pair_by_id(x, y);
    gated_transfer(&gated_accounts[k], &gated_accounts[1 - k]);
    try_transfer(x, y);
    increment_list(&root);
    touch_child(&root);
    sum_rows(&tables[k], &tables[1 - k]);
    lock_two_stripes(k, 3 - k);
    pthread_mutex_lock(&config_mu);
    pthread_mutex_lock(&stats_mu);
    stats += config;
    pthread_mutex_unlock(&stats_mu);
    pthread_mutex_unlock(&config_mu);
    return NULL;
}

int main(void)
{
    static const int sides[2] = {0, 1};
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, (void *)&sides[i]);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    printf("%ld\n", accounts[0].balance + accounts[1].balance);
    return 0;
}
