// Trap: the only path that keeps the lock is one that never returns: a
// failed assert (glibc's __assert_fail), abort() or exit().  The process
// ends there, so no caller ever sees the lock held: no lock-leak.  (The
// pattern of memcached's list helpers: lock, assert, link, unlock.)
// coffman-runtime: expect=clean
#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct node {
    struct node *next;
};

static pthread_mutex_t list_lock = PTHREAD_MUTEX_INITIALIZER;
static struct node *head;
static int count;

static void link_node(struct node *n)
{
    pthread_mutex_lock(&list_lock);
    assert(n != head);
    n->next = head;
    head = n;
    pthread_mutex_unlock(&list_lock);
}

static void count_node(void)
{
    pthread_mutex_lock(&list_lock);
    if (count == 1000000) {
        fprintf(stderr, "too many nodes\n");
        abort();
    }
    if (count < 0)
        exit(2);
    count++;
    pthread_mutex_unlock(&list_lock);
}

static void *worker(void *arg)
{
    link_node(arg);
    count_node();
    return NULL;
}

int main(void)
{
    struct node a, b;
    pthread_t t1, t2;
    pthread_create(&t1, NULL, worker, &a);
    pthread_create(&t2, NULL, worker, &b);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("%d nodes\n", count);
    return 0;
}
