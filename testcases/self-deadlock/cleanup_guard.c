/* Scoped guards made with `__attribute__((cleanup))` (GLib's g_autoptr
 * lockers, systemd's _cleanup_, the kernel's guard()): the guard variable's
 * cleanup function unlocks when the variable leaves scope, on every return
 * and at the end of the block.  Correct code: no leak, no relock.
 *
 * The real bug: `refresh` takes the guard and then, through `rebuild`, the
 * same lock again.  It only runs with an argument, so the run is clean.
 *
 * coffman-runtime: expect=clean
 */
#include <pthread.h>
#include <stdio.h>

static void unlock_guard(pthread_mutex_t **held)
{
    if (*held)
        pthread_mutex_unlock(*held);
}

static pthread_mutex_t *lock_guard(pthread_mutex_t *m)
{
    pthread_mutex_lock(m);
    return m;
}

#define GUARD(m) \
    __attribute__((cleanup(unlock_guard))) pthread_mutex_t *guard_ = lock_guard(m)
#define GUARD_COMMA(m) \
    __attribute__((cleanup(unlock_guard))) pthread_mutex_t *guard2_ = \
        (pthread_mutex_lock(m), (m))

static pthread_mutex_t cache_mu = PTHREAD_MUTEX_INITIALIZER;
static int entries[16];

static int lookup(int key)
{
    GUARD(&cache_mu);
    if (key < 0 || key >= 16)
        return -1; /* early return: the guard unlocks here too */
    return entries[key];
}

static void store(int key, int v)
{
    GUARD_COMMA(&cache_mu);
    entries[key & 15] = v;
}

static void rebuild(void)
{
    GUARD(&cache_mu);
    for (int i = 0; i < 16; i++)
        entries[i] = 0;
}

static void refresh(void)
{
    GUARD(&cache_mu);
    rebuild(); // coffman-expect: self-deadlock
}

static void *writer(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++)
        store(i, i);
    return NULL;
}

int main(int argc, char **argv)
{
    (void)argv;
    pthread_t t;
    pthread_create(&t, NULL, writer, NULL);
    int sum = 0;
    for (int i = -1; i < 17; i++)
        sum += lookup(i);
    pthread_join(t, NULL);
    if (argc > 1)
        refresh();
    printf("%d\n", sum);
    return 0;
}
