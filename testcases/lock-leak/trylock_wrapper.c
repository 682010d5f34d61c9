/* A try-acquire wrapper (libuv's uv_mutex_trylock, sqlite's
 * pthreadMutexTry): it returns holding the lock exactly when it returns 0,
 * and its callers test that value.  Exported with no caller in the
 * program, it is still not a leak.
 *
 * The real leak: `try_or_give_up` returns 0 both when it got the lock and
 * when it gave up, so its caller cannot know whether to unlock.
 *
 * coffman-runtime: expect=clean
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>

int my_mutex_trylock(pthread_mutex_t *m)
{
    int err = pthread_mutex_trylock(m);
    if (err)
        return -EBUSY;
    return 0;
}

int try_or_give_up(pthread_mutex_t *m)
{
    if (pthread_mutex_trylock(m) != 0)
        return 0;
    return 0; // coffman-expect: lock-leak
}

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

int main(void)
{
    if (my_mutex_trylock(&mu) == 0)
        pthread_mutex_unlock(&mu);
    printf("ok\n");
    return 0;
}
