/* Traps: writes under a lock on descriptors that cannot block, made
 * non-blocking in the ways real servers do it (redis anetPipe, libuv's
 * async eventfd, mosquitto's net__socket_nonblock).  All silent.
 *
 * - pipe2(O_NONBLOCK) into a struct field array;
 * - a helper given `&fd` that calls fcntl(*fd, F_SETFL, .. | O_NONBLOCK);
 * - a helper given the value of a struct field or an array element;
 * - socket() then fcntl on the same slot, directly and via a local copy;
 * - eventfd(EFD_NONBLOCK) into a local array, passed to an init function
 *   that stores it into a struct field;
 * - a pipe helper whose O_NONBLOCK comes from its caller's arguments;
 * - an ioctl(FIONBIO) helper whose on/off switch is a parameter;
 * - a descriptor returned by a function that made it non-blocking;
 * - flags that set O_NONBLOCK while clearing another flag with `~`;
 * - a write through a helper whose parameter only ever gets these.
 *
 * coffman-runtime: expect=clean
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

struct server {
    int wake_pipe[2];
    int sock;
    int sock2;
    int sock3;
    int helper_pipe[2];
    int switched[2];
    int made;
    int other_cleared;
};

struct notifier {
    int rfd;
    int wfd;
};

static struct server srv;
static struct notifier note;
static int conns[4];
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

static int set_nonblock_ptr(int *fd)
{
    int fl = fcntl(*fd, F_GETFL, 0);
    return fcntl(*fd, F_SETFL, fl | O_NONBLOCK);
}

static int set_nonblock(int fd)
{
    int flags = fcntl(fd, F_GETFL, 0);
    flags |= O_NONBLOCK;
    return fcntl(fd, F_SETFL, flags);
}

/* The flags are the caller's: anetPipe(fds, O_NONBLOCK, O_NONBLOCK). */
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

static void notifier_init(struct notifier *n, int fds[2])
{
    n->rfd = fds[0];
    n->wfd = fds[1];
}

static int open_nonblocking(void)
{
    int s = socket(AF_UNIX, SOCK_DGRAM, 0);
    if (s >= 0)
        set_nonblock(s);
    return s;
}

static void send_byte(int fd)
{
    if (write(fd, "x", 1) != 1)
        perror("send_byte");
}

static void *worker(void *arg)
{
    uint64_t one = 1;
    (void)arg;
    pthread_mutex_lock(&mu);
    if (write(srv.wake_pipe[1], "a", 1) != 1)
        perror("wake");
    if (write(srv.sock, "b", 1) != 1)
        perror("sock");
    if (write(srv.sock2, "c", 1) != 1)
        perror("sock2");
    if (write(srv.sock3, "d", 1) != 1)
        perror("sock3");
    if (write(srv.helper_pipe[1], "e", 1) != 1)
        perror("helper_pipe");
    if (write(srv.switched[1], "f", 1) != 1)
        perror("switched");
    if (write(note.wfd, &one, sizeof one) != sizeof one)
        perror("note");
    if (write(conns[2], "g", 1) != 1)
        perror("conns");
    if (write(srv.made, "h", 1) != 1)
        perror("made");
    if (write(srv.other_cleared, "i", 1) != 1)
        perror("other_cleared");
    send_byte(srv.sock);
    send_byte(conns[2]);
    pthread_mutex_unlock(&mu);
    return NULL;
}

int main(void)
{
    if (pipe2(srv.wake_pipe, O_CLOEXEC | O_NONBLOCK))
        return 1;
    int pair[2];
    if (socketpair(AF_UNIX, SOCK_DGRAM, 0, pair))
        return 1;
    srv.sock = pair[0];
    fcntl(srv.sock, F_SETFL, fcntl(srv.sock, F_GETFL, 0) | O_NONBLOCK);
    srv.sock2 = pair[1];
    set_nonblock_ptr(&srv.sock2);
    int s = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    srv.sock3 = s;
    if (make_pipe(srv.helper_pipe, O_NONBLOCK, O_NONBLOCK))
        return 1;
    if (pipe(srv.switched))
        return 1;
    switch_nonblock(srv.switched[1], 1);
    int efds[2];
    efds[0] = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    efds[1] = eventfd(0, EFD_NONBLOCK);
    notifier_init(&note, efds);
    conns[2] = dup(pair[0]);
    set_nonblock(conns[2]);
    srv.made = open_nonblocking();
    int s2 = socket(AF_UNIX, SOCK_DGRAM, 0);
    fcntl(s2, F_SETFL, O_NONBLOCK | (fcntl(s2, F_GETFL, 0) & ~O_APPEND));
    srv.other_cleared = s2;

    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_join(t, NULL);
    puts("done");
    return 0;
}
