/* Positives next to nonblocking_fd_flow.c: descriptors that a blocking
 * descriptor can still reach, though some code makes them (or a slot
 * beside them) non-blocking.
 *
 * - pipe() where only the read end is made non-blocking: the write end
 *   blocks when the pipe is full;
 * - the caller-flags pipe helper called with no O_NONBLOCK;
 * - a field set non-blocking at one accept site but filled by a plain
 *   accept() at another that never changes it;
 * - O_NONBLOCK cleared again (`fl & ~O_NONBLOCK`) after being set;
 * - an ioctl(FIONBIO) helper told to switch blocking mode back on;
 * - a helper that writes to whatever its parameter gets, given one
 *   non-blocking and one blocking descriptor;
 * - a function that returns a non-blocking socket on one path and a
 *   blocking one on another, called for the blocking one.
 *
 * Every write here fits in an empty pipe or socket buffer, so nothing
 * waits in this run.
 *
 * coffman-runtime: expect=clean
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

struct conn {
    int fd;
};

struct server {
    int half_pipe[2];
    int plain_pipe[2];
    int cleared;
    int switched;
    int opened;
    struct conn a, b;
};

static struct server srv;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

static int make_pipe(int fds[2], int read_flags, int write_flags)
{
    int pipe_flags = O_CLOEXEC | (read_flags & write_flags);
    if (pipe2(fds, pipe_flags))
        return -1;
    if (read_flags && fcntl(fds[0], F_SETFL, read_flags))
        return -1;
    if (write_flags && fcntl(fds[1], F_SETFL, write_flags))
        return -1;
    return 0;
}

static int switch_nonblock(int fd, int set)
{
    return ioctl(fd, FIONBIO, &set);
}

static void accept_fast(struct conn *c, int listener)
{
    c->fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK);
}

static void accept_plain(struct conn *c, int listener)
{
    c->fd = accept(listener, NULL, NULL);
}

static int open_socket(int nonblocking)
{
    if (nonblocking) {
        int s = socket(AF_UNIX, SOCK_DGRAM, 0);
        fcntl(s, F_SETFL, O_NONBLOCK);
        return s;
    }
    int t = socket(AF_UNIX, SOCK_DGRAM, 0);
    return t;
}

static void send_byte(int fd)
{
    if (write(fd, "x", 1) != 1)
        perror("send_byte");
}

static void *worker(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&mu);
    if (write(srv.half_pipe[1], "a", 1) != 1) // coffman-expect: blocking-while-locked
        perror("half_pipe");
    if (write(srv.plain_pipe[1], "b", 1) != 1) // coffman-expect: blocking-while-locked
        perror("plain_pipe");
    if (write(srv.a.fd, "c", 1) != 1) // coffman-expect: blocking-while-locked
        perror("conn");
    if (write(srv.cleared, "d", 1) != 1) // coffman-expect: blocking-while-locked
        perror("cleared");
    if (write(srv.switched, "e", 1) != 1) // coffman-expect: blocking-while-locked
        perror("switched");
    send_byte(srv.half_pipe[0]); // coffman-expect: blocking-while-locked
    if (write(srv.opened, "f", 1) != 1) // coffman-expect: blocking-while-locked
        perror("opened");
    pthread_mutex_unlock(&mu);
    return NULL;
}

int main(void)
{
    if (pipe(srv.half_pipe))
        return 1;
    fcntl(srv.half_pipe[0], F_SETFL, O_NONBLOCK);
    if (make_pipe(srv.plain_pipe, 0, 0))
        return 1;
    int fl = fcntl(srv.half_pipe[0], F_GETFL, 0);
    int pair[2];
    if (socketpair(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0, pair))
        return 1;
    srv.cleared = pair[0];
    fcntl(srv.cleared, F_SETFL, fl & ~O_NONBLOCK);
    srv.switched = pair[1];
    switch_nonblock(srv.switched, 0);
    int listener = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
    accept_fast(&srv.b, listener);
    accept_plain(&srv.a, listener);
    send_byte(srv.switched);
    srv.opened = open_socket(0);

    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_join(t, NULL);
    puts("done");
    return 0;
}
