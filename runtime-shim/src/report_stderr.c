#define _GNU_SOURCE
#include "report_stderr.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

/* High, so that programs which open files expecting low numbers (or which
 * count on select()'s FD_SETSIZE) never meet it; below the fd limit. */
enum { SAVED_FD_WANTED = 700 };

static coffman_kept_fd saved = {-1, 0, 0};

bool coffman_kept_fd_set(coffman_kept_fd *k, int fd)
{
    struct stat st;
    k->fd = -1;
    if (fd < 0 || fstat(fd, &st) != 0)
        return false;
    *k = (coffman_kept_fd){fd, st.st_dev, st.st_ino};
    return true;
}

int coffman_kept_fd_get(const coffman_kept_fd *k)
{
    struct stat st;
    if (k->fd < 0 || fstat(k->fd, &st) != 0 || st.st_dev != k->dev || st.st_ino != k->ino)
        return -1;
    return k->fd;
}

void coffman_stderr_save(void)
{
    if (saved.fd >= 0 || fcntl(2, F_GETFD) < 0)
        return;
    struct rlimit rl;
    int low = SAVED_FD_WANTED;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur <= (rlim_t)low + 1)
        low = rl.rlim_cur > 8 ? (int)rl.rlim_cur - 4 : 3;
    int fd = fcntl(2, F_DUPFD_CLOEXEC, low);
    if (fd < 0)
        fd = fcntl(2, F_DUPFD_CLOEXEC, 3);
    coffman_kept_fd_set(&saved, fd);
}

int coffman_stderr_fd(void)
{
    int fd = coffman_kept_fd_get(&saved);
    if (fd >= 0 || saved.fd < 0)
        return fd;
    coffman_kept_fd two = saved;
    two.fd = 2;
    return coffman_kept_fd_get(&two);
}

bool coffman_write_fully(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n) {
        ssize_t w = write(fd, c, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            if (w == 0)
                errno = ENOSPC;
            return false;
        }
        c += w;
        n -= (size_t)w;
    }
    return true;
}

bool coffman_stderr_write(const void *p, size_t n)
{
    int fd = coffman_stderr_fd();
    return fd >= 0 && coffman_write_fully(fd, p, n);
}
