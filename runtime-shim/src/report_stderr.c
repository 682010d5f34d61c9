#define _GNU_SOURCE
#include "report_stderr.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

/* High, so that programs which open files expecting low numbers (or which
 * count on select()'s FD_SETSIZE) never meet it; below the fd limit. */
enum { SAVED_FD_WANTED = 700 };

static int saved_fd = -1;

void coffman_stderr_save(void)
{
    if (saved_fd >= 0 || fcntl(2, F_GETFD) < 0)
        return;
    struct rlimit rl;
    int low = SAVED_FD_WANTED;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur <= (rlim_t)low + 1)
        low = rl.rlim_cur > 8 ? (int)rl.rlim_cur - 4 : 3;
    saved_fd = fcntl(2, F_DUPFD_CLOEXEC, low);
    if (saved_fd < 0)
        saved_fd = fcntl(2, F_DUPFD_CLOEXEC, 3);
}

int coffman_stderr_fd(void) { return saved_fd; }

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
    return saved_fd >= 0 && coffman_write_fully(saved_fd, p, n);
}
