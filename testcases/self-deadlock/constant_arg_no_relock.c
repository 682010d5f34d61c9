/* Traps: constant arguments that keep a callee off its relocking path.
 * set_accepting() holds conn_lock while do_set_accepting() runs; turning
 * accepting off schedules a retry through retry_accepting(RETRY_LATER),
 * whose `fd == RETRY_LATER` side only reschedules: its other side (a
 * real descriptor) turns accepting back on through set_accepting() and
 * would relock conn_lock.  Likewise notify(NULL) returns at once, and
 * flush(false) skips its relock.  Each callee taken for every argument
 * looks like a relock of conn_lock.
 *
 * coffman-runtime: expect=clean
 */
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#define RETRY_LATER (-42)

struct listener {
    int fd;
};

static pthread_mutex_t conn_lock = PTHREAD_MUTEX_INITIALIZER;
static bool accepting = true;
static int retries, notified, flushed;

static void set_accepting(bool on);

static void retry_accepting(int fd)
{
    if (fd == RETRY_LATER || !accepting)
        retries++;
    else
        set_accepting(true);
}

static void notify(struct listener *l)
{
    if (l == NULL)
        return;
    set_accepting(l->fd >= 0);
    notified++;
}

static void flush(bool reopen)
{
    flushed++;
    if (reopen)
        set_accepting(true);
}

static void do_set_accepting(bool on)
{
    if (on) {
        accepting = true;
        notify(NULL);
    } else {
        accepting = false;
        retry_accepting(RETRY_LATER);
    }
    flush(false);
}

static void set_accepting(bool on)
{
    pthread_mutex_lock(&conn_lock);
    do_set_accepting(on);
    pthread_mutex_unlock(&conn_lock);
}

static void *listener_thread(void *arg)
{
    (void)arg;
    set_accepting(false);
    set_accepting(true);
    return NULL;
}

int main(void)
{
    pthread_t t;
    struct listener idle = {-1};
    if (pthread_create(&t, NULL, listener_thread, NULL) != 0)
        return 1;
    pthread_join(t, NULL);
    retry_accepting(3); // not under conn_lock: may turn accepting on
    notify(&idle);
    flush(true);
    return retries == 2 && notified == 1 && flushed == 6 ? 0 : 1;
}
