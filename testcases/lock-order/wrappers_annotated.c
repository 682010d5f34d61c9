/* Lock functions declared with Clang's thread-safety attributes: their
 * bodies live in another library, only the declarations say that
 * tree_lock() acquires and tree_unlock() releases the node's capability.
 * The two routines take parent/child in opposite orders.
 *
 * usage: wrappers_annotated [stagger_ms]
 *
 * coffman-runtime: expect=lock-order-inversion args=50
 */
#define _DEFAULT_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#if defined(__clang__)
#define CAPABILITY(x) __attribute__((capability(x)))
#define ACQUIRE(...) __attribute__((acquire_capability(__VA_ARGS__)))
#define RELEASE(...) __attribute__((release_capability(__VA_ARGS__)))
#define TRY_ACQUIRE(...) __attribute__((try_acquire_capability(__VA_ARGS__)))
#define NO_TSA __attribute__((no_thread_safety_analysis))
#else
#define CAPABILITY(x)
#define ACQUIRE(...)
#define RELEASE(...)
#define TRY_ACQUIRE(...)
#define NO_TSA
#endif

struct CAPABILITY("mutex") node_lock {
    pthread_mutex_t mu;
};

struct node {
    struct node_lock lock;
    int value;
};

void tree_lock(struct node_lock *l) ACQUIRE(l);
void tree_unlock(struct node_lock *l) RELEASE(l);

static struct node parent = {{PTHREAD_MUTEX_INITIALIZER}, 1};
static struct node child = {{PTHREAD_MUTEX_INITIALIZER}, 2};
static unsigned stagger_ms = 100;

static void *rebalance(void *arg)
{
    (void)arg;
    tree_lock(&parent.lock);
    tree_lock(&child.lock);
    parent.value += child.value;
    tree_unlock(&child.lock);
    tree_unlock(&parent.lock);
    return NULL;
}

static void *propagate(void *arg)
{
    (void)arg;
    usleep(stagger_ms * 1000u);
    tree_lock(&child.lock);
    tree_lock(&parent.lock); // coffman-expect: lock-order-inversion
    child.value = parent.value;
    tree_unlock(&parent.lock);
    tree_unlock(&child.lock);
    return NULL;
}

/* The "library" side: opaque to the attribute-based reading above. */
NO_TSA void tree_lock(struct node_lock *l)
{
    pthread_mutex_lock(&l->mu);
}

NO_TSA void tree_unlock(struct node_lock *l)
{
    pthread_mutex_unlock(&l->mu);
}

int main(int argc, char **argv)
{
    if (argc > 1)
        stagger_ms = (unsigned)strtoul(argv[1], NULL, 10);
    pthread_t t1, t2;
    pthread_create(&t1, NULL, rebalance, NULL);
    pthread_create(&t2, NULL, propagate, NULL);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return child.value == 3 ? 0 : 1;
}
