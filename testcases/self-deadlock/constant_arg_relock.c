/* A constant argument that does take the relocking path: turning accepting
 * off retries at once with retry_accepting(RETRY_NOW), and that side of
 * retry_accepting() turns accepting back on through set_accepting(), which
 * locks conn_lock again while do_set_accepting() still runs under it.  The
 * constant is passed on through do_set_accepting()'s own parameter, so only
 * set_accepting(false) deadlocks.
 *
 * coffman-runtime: expect=self-deadlock hangs=yes
 */
#include <pthread.h>
#include <stdbool.h>

#define RETRY_LATER (-42)
#define RETRY_NOW (-7)

static pthread_mutex_t conn_lock = PTHREAD_MUTEX_INITIALIZER;
static bool accepting = true;
static int retries;

static void set_accepting(bool on);

static void retry_accepting(int fd)
{
    if (fd == RETRY_LATER)
        retries++;
    else
        set_accepting(true);
}

static void do_set_accepting(bool on, int retry)
{
    accepting = on;
    if (!on)
        retry_accepting(retry);
}

static void set_accepting(bool on)
{
    pthread_mutex_lock(&conn_lock);
    do_set_accepting(on, RETRY_NOW); // coffman-expect: self-deadlock
    pthread_mutex_unlock(&conn_lock);
}

int main(void)
{
    set_accepting(true);
    set_accepting(false);
    return retries == 0 ? 0 : 1;
}
