/* A gate lock: both routines take `left` and `right` in opposite orders,
 * but only while holding `gate`, so at most one of them is ever inside and
 * the opposite orders can never interleave.  Not a deadlock; lockdep-style
 * tools that ignore the gate report it anyway.
 *
 * coffman-runtime: expect=clean
 */
#include <pthread.h>

static pthread_mutex_t gate = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t left = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t right = PTHREAD_MUTEX_INITIALIZER;
static int moved;

static void *move_left(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&gate);
    pthread_mutex_lock(&left);
    pthread_mutex_lock(&right);
    moved--;
    pthread_mutex_unlock(&right);
    pthread_mutex_unlock(&left);
    pthread_mutex_unlock(&gate);
    return NULL;
}

static void *move_right(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&gate);
    pthread_mutex_lock(&right);
    pthread_mutex_lock(&left);
    moved++;
    pthread_mutex_unlock(&left);
    pthread_mutex_unlock(&right);
    pthread_mutex_unlock(&gate);
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    pthread_create(&t1, NULL, move_left, NULL);
    pthread_create(&t2, NULL, move_right, NULL);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return moved == 0 ? 0 : 1;
}
