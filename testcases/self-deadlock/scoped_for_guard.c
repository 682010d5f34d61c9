/* A scoped lock written as two nested `for` loops (xz-utils' mythread_sync,
 * the shape of the kernel's scoped_guard and of many WITH_LOCK macros): the
 * outer loop's counter decides whether its condition locks (first test) or
 * unlocks (second test), and the inner loop runs the body exactly once.
 * The body runs locked and the lock is released when the block ends: no
 * relock on the loop-back edge, no leak, no deadlock at the join.
 *
 * The one real bug here: `audit` calls `bump_locked`, which takes the same
 * lock again inside a guarded block.  It only runs with an argument, so the
 * run is clean.
 *
 * coffman-runtime: expect=clean
 */
#include <pthread.h>
#include <stdio.h>

#define WITH_LOCK(mutex) WITH_LOCK_AT(mutex, __LINE__)
#define WITH_LOCK_AT(mutex, line) WITH_LOCK_AT2(mutex, line)
#define WITH_LOCK_AT2(mutex, line)                                         \
    for (unsigned int guard_i_##line = 0;                                  \
         guard_i_##line ? (pthread_mutex_unlock(&(mutex)), 0)              \
                        : (pthread_mutex_lock(&(mutex)), 1);               \
         guard_i_##line = 1)                                               \
        for (unsigned int guard_j_##line = 0; !guard_j_##line;             \
             guard_j_##line = 1)

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t c = PTHREAD_COND_INITIALIZER;
static int value;

static void *worker(void *arg)
{
    (void)arg;
    WITH_LOCK(m) {
        value++;
        pthread_cond_signal(&c);
    }
    return NULL;
}

static void bump_locked(void)
{
    WITH_LOCK(m) { value++; }
}

static void audit(void)
{
    WITH_LOCK(m) {
        bump_locked(); // coffman-expect: self-deadlock
    }
}

int main(int argc, char **argv)
{
    (void)argv;
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    WITH_LOCK(m) { value++; }
    pthread_join(t, NULL);
    if (argc > 1)
        audit();
    printf("%d\n", value);
    return 0;
}
