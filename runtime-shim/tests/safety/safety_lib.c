/* A library with static mutexes, loaded, unloaded and loaded again by
 * safety_child: each load's mutexes are new locks. */
#include <pthread.h>

static pthread_mutex_t first = PTHREAD_MUTEX_INITIALIZER, second = PTHREAD_MUTEX_INITIALIZER;

void safety_lock_pair(int reverse)
{
    pthread_mutex_t *outer = reverse ? &second : &first, *inner = reverse ? &first : &second;
    pthread_mutex_lock(outer);
    pthread_mutex_lock(inner);
    pthread_mutex_unlock(inner);
    pthread_mutex_unlock(outer);
}
