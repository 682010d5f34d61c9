#define _GNU_SOURCE
#include "child.h"

#include <poll.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Reads until end of file; kills the child once the deadline passed. */
static char *read_all(int fd, pid_t pid, double deadline)
{
    size_t len = 0, cap = 4096;
    char *buf = malloc(cap);
    bool killed = false;
    while (buf) {
        int wait_ms = -1;
        if (deadline > 0 && !killed) {
            double left = deadline - now_ms();
            wait_ms = left > 0 ? (int)left + 1 : 0;
        }
        struct pollfd p = {fd, POLLIN, 0};
        int ready = poll(&p, 1, wait_ms);
        if (ready == 0) {
            kill(pid, SIGKILL);
            killed = true;
            continue;
        }
        ssize_t n = read(fd, buf + len, cap - len - 1);
        if (n <= 0)
            break;
        len += (size_t)n;
        if (cap - len < 2) {
            cap *= 2;
            char *bigger = realloc(buf, cap);
            if (!bigger) {
                free(buf);
                buf = NULL;
            }
            buf = bigger;
        }
    }
    if (buf)
        buf[len] = '\0';
    return buf;
}

child_result child_run_for(const char *const *argv, const char *const *env, int timeout_ms)
{
    child_result r = {-1, NULL, 0};
    int out[2];
    if (pipe(out) != 0)
        return r;
    double start = now_ms();
    pid_t pid = fork();
    if (pid == 0) {
        dup2(out[1], 1);
        dup2(out[1], 2);
        close(out[0]);
        close(out[1]);
        for (; env && *env; env++)
            putenv((char *)*env);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    close(out[1]);
    if (pid < 0) {
        close(out[0]);
        return r;
    }
    r.output = read_all(out[0], pid, timeout_ms > 0 ? start + timeout_ms : 0);
    close(out[0]);
    int st;
    if (waitpid(pid, &st, 0) == pid)
        r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    r.elapsed_ms = now_ms() - start;
    return r;
}

child_result child_run(const char *const *argv, const char *const *env)
{
    return child_run_for(argv, env, 0);
}

void child_result_free(child_result *r)
{
    free(r->output);
    r->output = NULL;
}

int count_of(const char *haystack, const char *needle)
{
    int n = 0;
    for (const char *p = haystack; p && (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}
