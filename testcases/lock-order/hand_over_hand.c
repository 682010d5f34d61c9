/* Hand-over-hand (lock coupling) on a linked list: each node's lock is
 * taken before the previous one is released, always head to tail, by
 * several threads.  Every thread follows the list order, so there is no
 * cycle -- and the out-of-order unlocks are correct, not a bug.
 *
 * coffman-runtime: expect=clean
 */
#include <pthread.h>
#include <stdlib.h>

struct node {
    pthread_mutex_t mu;
    int value;
    struct node *next;
};

static struct node *head;

static void increment_all(void)
{
    struct node *cur = head;
    pthread_mutex_lock(&cur->mu);
    while (cur->next) {
        struct node *next = cur->next;
        pthread_mutex_lock(&next->mu);
        cur->value++;
        pthread_mutex_unlock(&cur->mu);
        cur = next;
    }
    cur->value++;
    pthread_mutex_unlock(&cur->mu);
}

static void *walker(void *arg)
{
    (void)arg;
    increment_all();
    return NULL;
}

int main(void)
{
    for (int i = 0; i < 5; i++) {
        struct node *n = malloc(sizeof *n);
        pthread_mutex_init(&n->mu, NULL);
        n->value = 0;
        n->next = head;
        head = n;
    }
    pthread_t t[3];
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, walker, NULL);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    int ok = head->value == 3;
    while (head) {
        struct node *n = head->next;
        pthread_mutex_destroy(&head->mu);
        free(head);
        head = n;
    }
    return ok ? 0 : 1;
}
