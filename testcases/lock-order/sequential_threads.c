/* Two routines with opposite orders that never run at the same time: main
 * joins the first before it starts the second.  The orders disagree but no
 * interleaving exists, so there is no deadlock.
 *
 * coffman-runtime: expect=clean
 */
#include <pthread.h>

static pthread_mutex_t disk_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t meta_mu = PTHREAD_MUTEX_INITIALIZER;
static int blocks, inodes;

static void *format_disk(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&disk_mu);
    pthread_mutex_lock(&meta_mu);
    blocks = 8;
    inodes = 2;
    pthread_mutex_unlock(&meta_mu);
    pthread_mutex_unlock(&disk_mu);
    return NULL;
}

static void *check_disk(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&meta_mu);
    pthread_mutex_lock(&disk_mu);
    inodes = blocks / 4;
    pthread_mutex_unlock(&disk_mu);
    pthread_mutex_unlock(&meta_mu);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, format_disk, NULL);
    pthread_join(t, NULL);
    pthread_create(&t, NULL, check_disk, NULL);
    pthread_join(t, NULL);
    return inodes == 2 ? 0 : 1;
}
