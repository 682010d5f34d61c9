/* Traps: calls that look blocking under a lock but cannot block, and a gate
 * lock held on purpose.  All silent.
 *
 * - a wakeup written to an eventfd created with EFD_NONBLOCK, through a
 *   helper given the worker's struct (memcached's notify_worker);
 * - a write to a pipe end made non-blocking with fcntl(F_SETFL, O_NONBLOCK);
 * - poll() with a zero timeout, recv() with MSG_DONTWAIT;
 * - `hang`, a gate: workers only pass through it (lock; unlock), so the
 *   controller holding it while it sleeps is what it is for.
 *
 * coffman-runtime: expect=clean
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

struct worker {
    pthread_t thread;
    int notify_fd;
};

static struct worker workers[2];
static pthread_mutex_t dispatch_mu = PTHREAD_MUTEX_INITIALIZER;
static int wake_fd = -1;

static void notify(struct worker *w)
{
    uint64_t one = 1;
    if (write(w->notify_fd, &one, sizeof one) != sizeof one)
        perror("notify");
}

static void dispatch_all(void)
{
    pthread_mutex_lock(&dispatch_mu);
    for (int i = 0; i < 2; i++)
        notify(&workers[i]);
    char c = 'x';
    if (write(wake_fd, &c, 1) != 1)
        perror("wake");
    struct pollfd p = {workers[0].notify_fd, POLLIN, 0};
    poll(&p, 1, 0);
    pthread_mutex_unlock(&dispatch_mu);
}

static pthread_mutex_t hang = PTHREAD_MUTEX_INITIALIZER;

static void *worker_main(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&hang); /* wait here while paused */
    pthread_mutex_unlock(&hang);
    return NULL;
}

static void pause_and_resume(void)
{
    pthread_mutex_lock(&hang);
    usleep(1000); /* workers starting now pile up at `hang`: intended */
    pthread_mutex_unlock(&hang);
}

static int peek_socket(int fd)
{
    char buf[8];
    pthread_mutex_lock(&dispatch_mu);
    ssize_t n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
    pthread_mutex_unlock(&dispatch_mu);
    return (int)n;
}

int main(void)
{
    int fds[2];
    if (pipe(fds) != 0)
        return 1;
    wake_fd = fds[1];
    fcntl(wake_fd, F_SETFL, fcntl(wake_fd, F_GETFL) | O_NONBLOCK);
    for (int i = 0; i < 2; i++)
        workers[i].notify_fd = eventfd(0, EFD_NONBLOCK);
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
        return 1;

    for (int i = 0; i < 2; i++)
        pthread_create(&workers[i].thread, NULL, worker_main, NULL);
    pause_and_resume();
    dispatch_all();
    peek_socket(sv[0]);
    for (int i = 0; i < 2; i++)
        pthread_join(workers[i].thread, NULL);
    puts("done");
    return 0;
}
