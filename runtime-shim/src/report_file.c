#define _GNU_SOURCE
#include "report_file.h"

#include "report_stderr.h"
#include "text_escape.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { SHOWN = 200 };

static const char *file_type(mode_t m)
{
    if (S_ISLNK(m))
        return "a symbolic link";
    if (S_ISFIFO(m))
        return "a FIFO";
    if (S_ISDIR(m))
        return "a directory";
    if (S_ISCHR(m) || S_ISBLK(m))
        return "a device";
    if (S_ISSOCK(m))
        return "a socket";
    return "not a regular file";
}

/* Why an existing file may not be written, or NULL when it may. */
static const char *unusable(const struct stat *st)
{
    if (!S_ISREG(st->st_mode))
        return file_type(st->st_mode);
    if (st->st_uid != geteuid())
        return "a file owned by another user";
    if (st->st_nlink != 1)
        return "a file with other hard links";
    return NULL;
}

static void refuse(char *err, size_t errlen, const char *option, const char *path, const char *why)
{
    char shown[SHOWN];
    snprintf(err, errlen, "%s: '%s' is %s; remove it or choose another path", option,
             coffman_escape(path, shown, sizeof shown), why);
}

static void failed(char *err, size_t errlen, const char *option, const char *path, const char *what, int e)
{
    char shown[SHOWN];
    snprintf(err, errlen, "%s: cannot %s '%s': %s", option, what, coffman_escape(path, shown, sizeof shown),
             strerror(e));
}

static void dir_of(const char *path, char *dir, size_t len)
{
    snprintf(dir, len, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash)
        snprintf(dir, len, ".");
    else if (slash == dir)
        dir[1] = '\0';
    else
        *slash = '\0';
}

bool coffman_report_file_check(const char *option, const char *path, char *err, size_t errlen)
{
    struct stat st;
    if (lstat(path, &st) == 0) {
        const char *why = unusable(&st);
        if (why)
            refuse(err, errlen, option, path, why);
        return !why;
    }
    char dir[PATH_MAX];
    dir_of(path, dir, sizeof dir);
    if (access(dir, W_OK | X_OK) != 0) {
        char shown[SHOWN];
        snprintf(err, errlen, "%s: cannot create files in directory '%s' (%s); choose another path", option,
                 coffman_escape(dir, shown, sizeof shown), strerror(errno));
        return false;
    }
    return true;
}

/* O_NONBLOCK: opening a FIFO for writing would otherwise wait for a reader;
 * it is cleared once fstat has shown a regular file. */
int coffman_report_file_append(const char *option, const char *path, char *err, size_t errlen)
{
    const int flags = O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_NOCTTY;
    int fd = open(path, flags | O_CREAT | O_EXCL, 0644);
    if (fd < 0 && errno == EEXIST) {
        struct stat st;
        if (lstat(path, &st) == 0 && unusable(&st)) {
            refuse(err, errlen, option, path, unusable(&st));
            return -1;
        }
        fd = open(path, flags);
        if (fd < 0 && errno == ELOOP) {
            refuse(err, errlen, option, path, "a symbolic link");
            return -1;
        }
    }
    if (fd < 0) {
        failed(err, errlen, option, path, "create", errno);
        return -1;
    }
    struct stat st;
    const char *why = fstat(fd, &st) != 0 ? "not readable by fstat" : unusable(&st);
    if (why) {
        close(fd);
        refuse(err, errlen, option, path, why);
        return -1;
    }
    fcntl(fd, F_SETFL, O_APPEND);
    return fd;
}

/* Read, not set and restored: umask(2) would race with the program's
 * other threads creating files. */
static mode_t current_umask(void)
{
    unsigned mask = 022;
    FILE *f = fopen("/proc/self/status", "re");
    char line[128];
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "Umask: %o", &mask) == 1)
            break;
    if (f)
        fclose(f);
    return (mode_t)mask;
}

bool coffman_report_file_replace(const char *option, const char *path, const void *data, size_t n, char *err,
                                 size_t errlen)
{
    struct stat st;
    if (lstat(path, &st) == 0 && unusable(&st)) {
        refuse(err, errlen, option, path, unusable(&st));
        return false;
    }
    char tmp[PATH_MAX];
    if (snprintf(tmp, sizeof tmp, "%s.tmp-XXXXXX", path) >= (int)sizeof tmp) {
        failed(err, errlen, option, path, "create a file beside", ENAMETOOLONG);
        return false;
    }
    int fd = mkostemp(tmp, O_CLOEXEC);   /* O_EXCL, mode 0600 */
    if (fd < 0) {
        failed(err, errlen, option, path, "create a file beside", errno);
        return false;
    }
    mode_t mask = current_umask();
    bool ok = coffman_write_fully(fd, data, n) && fchmod(fd, 0644 & ~mask) == 0;
    int e = errno;
    if (close(fd) != 0 && ok)
        ok = false, e = errno;
    if (ok && rename(tmp, path) != 0)
        ok = false, e = errno;
    if (!ok) {
        unlink(tmp);
        failed(err, errlen, option, path, "write", e);
    }
    return ok;
}
