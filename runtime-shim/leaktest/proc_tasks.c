#define _GNU_SOURCE
#include "proc_tasks.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static ssize_t read_small_file(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t n = read(fd, buf, size - 1);
    close(fd);
    if (n < 0)
        return -1;
    buf[n] = '\0';
    return n;
}

/* /proc/self/task/TID/stat: "tid (comm) state f4 ... f22=starttime ...".
 * comm may hold spaces and parentheses, so parse from the last ')'. */
static bool read_task(pid_t tid, lt_task *t)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/self/task/%d/stat", (int)tid);
    if (read_small_file(path, buf, sizeof buf) <= 0)
        return false;
    char *open_paren = strchr(buf, '(');
    char *close_paren = strrchr(buf, ')');
    if (!open_paren || !close_paren || close_paren < open_paren)
        return false;
    size_t len = (size_t)(close_paren - open_paren - 1);
    if (len >= sizeof t->name)
        len = sizeof t->name - 1;
    memcpy(t->name, open_paren + 1, len);
    t->name[len] = '\0';
    t->tid = tid;
    char *p = close_paren + 1;
    t->state = p[1];
    /* Field 3 is the state; starttime is field 22. */
    for (int field = 3; field < 22 && p; field++)
        p = strchr(p + 1, ' ');
    t->start = p ? strtoull(p + 1, NULL, 10) : 0;
    return true;
}

static bool push(lt_tasks *out, const lt_task *t)
{
    if (out->n == out->cap) {
        size_t cap = out->cap ? out->cap * 2 : 16;
        lt_task *v = realloc(out->v, cap * sizeof *v);
        if (!v)
            return false;
        out->v = v;
        out->cap = cap;
    }
    out->v[out->n++] = *t;
    return true;
}

bool lt_tasks_read(lt_tasks *out)
{
    out->n = 0;
    DIR *dir = opendir("/proc/self/task");
    if (!dir)
        return false;
    bool ok = true;
    struct dirent *e;
    while (ok && (e = readdir(dir)) != NULL) {
        char *end;
        long tid = strtol(e->d_name, &end, 10);
        if (*end != '\0' || tid <= 0)
            continue;
        lt_task t;
        /* A thread that ended since readdir is simply not there. */
        if (read_task((pid_t)tid, &t))
            ok = push(out, &t);
    }
    closedir(dir);
    return ok;
}

void lt_tasks_free(lt_tasks *t)
{
    free(t->v);
    t->v = NULL;
    t->n = t->cap = 0;
}

bool lt_tasks_contains(const lt_tasks *t, const lt_task *task)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->v[i].tid == task->tid && t->v[i].start == task->start)
            return true;
    return false;
}

void lt_task_wchan(pid_t tid, char *buf, size_t size)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/self/task/%d/wchan", (int)tid);
    if (read_small_file(path, buf, size) <= 0 || strcmp(buf, "0") == 0)
        buf[0] = '\0';
}

const char *lt_task_state_name(char state)
{
    switch (state) {
    case 'R': return "running";
    case 'S': return "sleeping";
    case 'D': return "in uninterruptible sleep";
    case 'T': return "stopped";
    case 't': return "stopped by a tracer";
    case 'Z': return "a zombie";
    default:  return "in an unknown state";
    }
}
